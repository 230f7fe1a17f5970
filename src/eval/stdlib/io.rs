//! `IO`: `puts`, `write` and `inspect`, writing program output through `Host::write_out`.
//!
//! Standard error (`IO.puts(:stderr, …)`) goes straight to the process's stderr.

use crate::eval::error::EvalError;
use crate::eval::host::Host;
use crate::eval::stdlib::{errors, text};
use crate::render::{InspectOptions, inspect};
use crate::value::Value;

pub(super) const FUNCTIONS: &[(&str, usize)] = &[
    ("inspect", 1),
    ("inspect", 2),
    ("puts", 1),
    ("puts", 2),
    ("write", 1),
    ("write", 2),
];

type Res = Result<Value, EvalError>;

pub(super) fn call(name: &str, args: &[Value], host: &mut dyn Host) -> Option<Res> {
    Some(match (name, args) {
        ("puts", [item]) => write(&Value::atom("stdio"), item, "\n", host),
        ("puts", [device, item]) => write(device, item, "\n", host),
        ("write", [item]) => write(&Value::atom("stdio"), item, "", host),
        ("write", [device, item]) => write(device, item, "", host),
        ("inspect", [item]) => io_inspect(item, &Value::list(Vec::new()), host),
        ("inspect", [item, options]) => io_inspect(item, options, host),
        _ => return None,
    })
}

/// Chardata (strings, charlists, iolists) is written as is, anything else via `String.Chars`.
fn device_text(item: &Value) -> Result<String, EvalError> {
    text::to_string(item)
}

fn write(device: &Value, item: &Value, end: &str, host: &mut dyn Host) -> Res {
    let output = format!("{}{end}", device_text(item)?);
    match device.atom_name().as_deref() {
        Some("stdio") => host.write_out(&output),
        Some("stderr") => eprint!("{output}"),
        _ => {
            return Err(errors::argument(format!(
                "unknown IO device: {}",
                errors::show(device)
            )));
        }
    }
    Ok(Value::atom("ok"))
}

/// `IO.inspect(value, label: "x", limit: n, width: n)`: prints and returns the value.
fn io_inspect(item: &Value, options: &Value, host: &mut dyn Host) -> Res {
    let mut inspect_options = InspectOptions::default();
    let mut label = None;
    if let Value::List(pairs) = options {
        for pair in pairs.iter() {
            let Value::Tuple(pair) = pair else { continue };
            let (Some(key), Some(value)) = (pair.first().and_then(Value::atom_name), pair.get(1)) else {
                continue;
            };
            match (key.as_ref(), value) {
                ("label", value) => label = Some(device_text(value)?),
                ("limit", Value::Int(n)) => inspect_options.limit = usize::try_from(*n).unwrap_or(0),
                ("width", Value::Int(n)) => inspect_options.width = usize::try_from(*n).unwrap_or(0),
                ("limit" | "width", Value::Atom(a)) if a.as_ref() == "infinity" => {
                    if key == "limit" {
                        inspect_options.limit = usize::MAX;
                    } else {
                        inspect_options.width = usize::MAX;
                    }
                }
                _ => {}
            }
        }
    }
    let shown = inspect(item, &inspect_options);
    match label {
        Some(label) => host.write_out(&format!("{label}: {shown}\n")),
        None => host.write_out(&format!("{shown}\n")),
    }
    Ok(item.clone())
}

#[cfg(test)]
mod tests {
    use crate::eval::stdlib;
    use crate::eval::stdlib::test_support::{TestHost, check, term};
    use crate::render::{InspectOptions, inspect};

    #[test]
    fn io_results() {
        check(&[
            ("IO.puts", "\"hi\"", ":ok"),
            ("IO.puts", ":stdio, \"hi\"", ":ok"),
            ("IO.write", "\"hi\"", ":ok"),
            ("IO.inspect", "[1, 2]", "[1, 2]"),
            ("IO.inspect", "[1, 2], [label: \"xs\"]", "[1, 2]"),
            (
                "IO.puts",
                "%{}",
                "** (Protocol.UndefinedError) protocol String.Chars not implemented for ‹%{}› of type Map. \
                 This protocol is implemented for the following type(s): Ash.CiString, Atom, BitString, Date, \
                 DateTime, Decimal, Float, Integer, List, NaiveDateTime, Postgrex.Copy, Time, URI, Version, \
                 Version.Requirement",
            ),
        ]);
    }

    /// (call, args, expected output); `‹x›` in the output stands for `inspect` of `x`.
    #[test]
    fn io_output() {
        let shown = |text: &str| inspect(&term(text), &InspectOptions::default());
        let rows: Vec<(&str, &str, String)> = vec![
            ("puts", "\"hello\"", "hello\n".into()),
            ("puts", "42", "42\n".into()),
            ("puts", ":ok", "ok\n".into()),
            ("puts", "[\"a\", [98, \"c\"]]", "abc\n".into()),
            ("puts", "1.0e3", "1.0e3\n".into()),
            ("write", "\"no newline\"", "no newline".into()),
            ("inspect", "[1, :a]", format!("{}\n", shown("[1, :a]"))),
            (
                "inspect",
                "\"s\", [label: \"x\"]",
                format!("x: {}\n", shown("\"s\"")),
            ),
        ];
        for (name, args, expected) in rows {
            let mut host = TestHost::default();
            let crate::value::Value::List(args) = term(&format!("[{args}]")) else {
                unreachable!()
            };
            let result = stdlib::call(Some("IO"), name, args.to_vec(), &mut host);
            assert!(matches!(result, Some(Ok(_))), "IO.{name}");
            assert_eq!(host.out, expected, "IO.{name}");
        }
    }
}
