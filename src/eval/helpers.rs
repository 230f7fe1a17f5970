//! The iex helpers and special forms called like local functions: `v/0,1`, `h/0,1`, `i/1`,
//! `clear/0`, `require/1,2`, `alias/1,2`, `import/1,2`.

use crate::eval::ash_modules;
use crate::eval::error::EvalError;
use crate::eval::errors;
use crate::eval::interp::Interpreter;
use crate::syntax::ast::{Expr, ExprKind};
use crate::value::Value;

/// What a helper returns when iex prints nothing after it (IEx.dont_display_result/0).
pub const DONT_DISPLAY: &str = "do not show this result in output";

pub fn dont_display() -> Value {
    Value::atom(DONT_DISPLAY)
}

/// Runs a helper with evaluated arguments; None when `name/arity` is not a helper.
pub fn call(interp: &mut Interpreter, name: &str, args: &[Value]) -> Option<Result<Value, EvalError>> {
    Some(match (name, args) {
        ("v", []) => history(interp, -1),
        ("v", [Value::Int(n)]) => history(interp, *n),
        ("require" | "import", [Value::Module(module), ..]) => {
            interp.require(module);
            Ok(Value::Module(module.clone()))
        }
        ("alias", [Value::Module(module)]) => {
            interp.add_alias(module, None);
            Ok(Value::Module(module.clone()))
        }
        ("alias", [Value::Module(module), Value::List(options)]) => {
            let alias_as = options.iter().find_map(|option| match option {
                Value::Tuple(pair)
                    if pair.len() == 2 && matches!(&pair[0], Value::Atom(a) if &**a == "as") =>
                {
                    match &pair[1] {
                        Value::Module(m) => Some(m.to_string()),
                        _ => None,
                    }
                }
                _ => None,
            });
            interp.add_alias(module, alias_as.as_deref());
            Ok(Value::Module(module.clone()))
        }
        ("i", [value]) => {
            let text = describe(interp, value);
            interp.write(&text);
            Ok(dont_display())
        }
        ("clear", []) => Ok(dont_display()),
        ("recompile", []) => interp.recompile(),
        ("format", [Value::Atom(name)]) => match crate::render::Format::from_name(name) {
            Some(format) => {
                interp.format = format;
                Ok(Value::atom("ok"))
            }
            None => Err(EvalError::new(
                "ArgumentError",
                format!("unknown format :{name}, expected :iex, :table or :json"),
            )),
        },
        ("format", []) => Ok(Value::atom(interp.format.name())),
        ("echo_sql", [Value::Bool(on)]) => {
            let on = *on;
            crate::eval::host::Host::db(interp).map(|db| {
                db.set_echo_sql(on);
                Value::atom("ok")
            })
        }
        ("timing", [Value::Bool(on)]) => {
            interp.timing = *on;
            Ok(Value::atom("ok"))
        }
        _ => return None,
    })
}

fn history(interp: &Interpreter, n: i64) -> Result<Value, EvalError> {
    let found = if n < 0 {
        let back = usize::try_from(-n).unwrap_or(usize::MAX);
        interp
            .history
            .len()
            .checked_sub(back)
            .and_then(|i| interp.history.get(i))
    } else {
        interp
            .history
            .iter()
            .find(|(counter, _)| i64::try_from(*counter).is_ok_and(|c| c == n))
    };
    found
        .map(|(_, value)| value.clone())
        .ok_or_else(|| EvalError::new("RuntimeError", format!("v({n}) is out of bounds")))
}

/// `h()` and `h(Thing)`: `arg` is the unevaluated argument (a macro in iex).
pub fn help(interp: &mut Interpreter, arg: Option<&Expr>) -> Result<Value, EvalError> {
    let text = match arg {
        None => overview(),
        Some(expr) => {
            let name = expr_name(expr).ok_or_else(|| {
                EvalError::new(
                    "ArgumentError",
                    "h/1 expects a module or a function, e.g. h(Ash.Query.filter)",
                )
            })?;
            let name = interp.resolve_alias(&name);
            // iex prints these answers (IEx.Introspection.puts_error), it does not raise.
            crate::eval::docs::lookup(&name).unwrap_or_else(|| not_found(&name))
        }
    };
    let width = interp.terminal_width.unwrap_or(80);
    let wrapped: Vec<String> = text.lines().map(|line| wrap_line(line, width)).collect();
    interp.write(&(wrapped.join("\n") + "\n"));
    Ok(dont_display())
}

/// `line` broken at spaces (after the commas of a comma-separated list) into lines of at
/// most `width` characters (a word longer than that keeps its own line). Continuation lines are indented under the text after a leading label
/// (`  Enum: `, `    attributes:    `), else under the line's own indentation.
fn wrap_line(line: &str, width: usize) -> String {
    if line.chars().count() <= width {
        return line.to_string();
    }
    let own_indent = line.len() - line.trim_start().len();
    let label_end = line.find(':').filter(|&colon| {
        line[own_indent..colon]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
    });
    let indent = match label_end {
        Some(colon) => colon + 1 + line[colon + 1..].len() - line[colon + 1..].trim_start().len(),
        None => own_indent,
    };
    let indent = if indent * 2 > width { own_indent } else { indent };
    let mut lines = vec![line[..indent].to_string()];
    let mut rest = &line[indent..];
    // A comma-separated list breaks only after its commas (`:destroy (destroy)` stays whole).
    let break_after = if rest.contains(", ") { ", " } else { " " };
    while !rest.is_empty() {
        // The spaces before the next word (kept inside a line, dropped at a break), the word.
        let gap = rest.len() - rest.trim_start_matches(' ').len();
        let word_end = rest[gap..]
            .find(break_after)
            .map_or(rest.len(), |i| gap + i + break_after.len() - 1);
        let (spaces, word) = (&rest[..gap], &rest[gap..word_end]);
        rest = &rest[word_end..];
        if word.is_empty() {
            break;
        }
        let current = lines.last().map_or(0, |l| l.chars().count());
        let fresh = current <= indent;
        if !fresh && current + spaces.len() + word.chars().count() > width {
            lines.push(" ".repeat(indent));
        } else if let Some(last) = lines.last_mut() {
            last.push_str(spaces);
        }
        if let Some(last) = lines.last_mut() {
            last.push_str(word);
        }
    }
    lines.join("\n")
}

/// What iex says when `h/1` finds nothing: an unknown module cannot be loaded; a known one
/// has no such function.
fn not_found(name: &str) -> String {
    let module = match name.rsplit_once('.') {
        Some((module, function)) if function.starts_with(|c: char| !c.is_ascii_uppercase()) => module,
        _ => name,
    };
    if errors::known_module(module) {
        format!("No documentation for {name} was found\n")
    } else {
        format!("Could not load module {module}, got: nofile\n")
    }
}

fn expr_name(expr: &Expr) -> Option<String> {
    match &expr.kind {
        ExprKind::Alias(name) | ExprKind::Var(name) => Some(name.clone()),
        ExprKind::Call {
            target: None,
            name,
            args,
            ..
        } if args.is_empty() => Some(name.clone()),
        ExprKind::Call {
            target: Some(target),
            name,
            args,
            ..
        } if args.is_empty() => Some(format!("{}.{name}", expr_name(target)?)),
        ExprKind::Field { target, name } => Some(format!("{}.{name}", expr_name(target)?)),
        ExprKind::CaptureNamed {
            module: Some(module),
            name,
            ..
        } => Some(format!("{module}.{name}")),
        _ => None,
    }
}

fn overview() -> String {
    let mut text = String::from(
        "helpdesk: an iex-like shell over Ash 2.x resources, Ash 2.4 semantics.\n\n\
         Helpers:\n\
         \x20 h()        this overview          h(Mod.fun)  documentation of one thing\n\
         \x20 v()        last result            v(n)        result of input n\n\
         \x20 recompile() read the project's resource files again\n\
         \x20 i(term)    information about a value\n\
         \x20 require/1, alias/1,2, import/1    as in Elixir\n\
         \x20 format(:iex | :table | :json)     how results are printed\n\
         \x20 echo_sql(true | false)           print each SQL statement and values (stderr)\n\
         \x20 timing(true | false)             print how long each input took (stderr)\n\
         \x20 #iex:break abandon the expression being typed\n\n\
         Keys: Tab completes; Ctrl-C clears the line, or stops the running input (a\n\
         PostgreSQL statement is cancelled on the server); Ctrl-D exits.\n\n\
         Resources:\n",
    );
    let project = crate::eval::project::current();
    for api in &project.apis {
        text.push_str(&format!("  {} (api): {}\n", api.name, api.resources.join(", ")));
    }
    for resource in &project.resources {
        text.push_str(&format!("  {}\n", resource.name));
        let attributes: Vec<&str> = resource.attributes.iter().map(|a| a.name.as_str()).collect();
        text.push_str(&format!("    attributes:    {}\n", attributes.join(", ")));
        if !resource.relationships.is_empty() {
            let names: Vec<&str> = resource.relationships.iter().map(|r| r.name.as_str()).collect();
            text.push_str(&format!("    relationships: {}\n", names.join(", ")));
        }
        if !resource.aggregates.is_empty() {
            let names: Vec<&str> = resource.aggregates.iter().map(|a| a.name.as_str()).collect();
            text.push_str(&format!("    aggregates:    {}\n", names.join(", ")));
        }
        if !resource.calculations.is_empty() {
            let names: Vec<&str> = resource.calculations.iter().map(|c| c.name.as_str()).collect();
            text.push_str(&format!("    calculations:  {}\n", names.join(", ")));
        }
        let actions: Vec<String> = resource
            .actions
            .iter()
            .map(|a| format!(":{} ({})", a.name, a.kind.name()))
            .collect();
        text.push_str(&format!("    actions:       {}\n", actions.join(", ")));
    }
    text.push_str("\nModules:\n");
    for module in ash_modules::modules() {
        let mut functions: Vec<String> = ash_modules::functions(&module)
            .iter()
            .map(|(name, arity)| format!("{name}/{arity}"))
            .collect();
        functions.dedup();
        if functions.is_empty() {
            continue;
        }
        text.push_str(&format!("  {module}: {}\n", functions.join(" ")));
    }
    text
}

/// `i/1`: the sections of `IEx.Info` (Elixir 1.14) for the term, then its protocols.
fn describe(interp: &Interpreter, value: &Value) -> String {
    let mut sections: Vec<(String, String)> = vec![("Term".into(), interp.show(value))];
    sections.extend(info_sections(interp, value));
    sections.push(("Implemented protocols".into(), protocols(value).into()));
    let mut text = String::new();
    for (subject, info) in sections {
        let info = info.trim().replace('\n', "\n  ");
        text.push_str(&format!("{subject}\n  {info}\n"));
    }
    text
}

fn section(subject: &str, info: impl Into<String>) -> (String, String) {
    (subject.to_string(), info.into())
}

fn info_sections(interp: &Interpreter, value: &Value) -> Vec<(String, String)> {
    match value {
        Value::Int(_) => vec![
            section("Data type", "Integer"),
            section("Reference modules", "Integer"),
        ],
        Value::Float(_) => vec![
            section("Data type", "Float"),
            section("Reference modules", "Float"),
        ],
        Value::Nil | Value::Bool(_) | Value::Atom(_) => {
            vec![section("Data type", "Atom"), section("Reference modules", "Atom")]
        }
        Value::Module(module) => vec![
            section("Data type", "Atom"),
            section(
                "Description",
                format!(
                    "Use h({module}) to access its documentation.\nCall {module}.module_info() to access metadata."
                ),
            ),
            section("Raw representation", format!(":\"Elixir.{module}\"")),
            section("Reference modules", "Module, Atom"),
        ],
        Value::Str(text) => {
            let bytes: Vec<String> = text.bytes().take(50).map(|b| b.to_string()).collect();
            let more = if text.len() > 50 { ", ..." } else { "" };
            vec![
                section("Data type", "BitString"),
                section("Byte size", text.len().to_string()),
                section(
                    "Description",
                    "This is a string: a UTF-8 encoded binary. It's printed surrounded by\n\"double quotes\" because all UTF-8 encoded code points in it are printable.",
                ),
                section("Raw representation", format!("<<{}{more}>>", bytes.join(", "))),
                section("Reference modules", "String, :binary"),
            ]
        }
        Value::List(items) => {
            let mut out = vec![section("Data type", "List")];
            let printable = !items.is_empty()
                && items.iter().all(|i| matches!(i, Value::Int(c) if (32..=126).contains(&c) || [7, 8, 9, 10, 11, 12, 13, 27].contains(&c)));
            let keyword = !items.is_empty()
                && items.iter().all(|i| matches!(i, Value::Tuple(t) if t.len() == 2 && matches!(t[0], Value::Atom(_) | Value::Nil | Value::Bool(_))));
            if printable {
                let codes: Vec<String> = items.iter().map(|i| interp.show(&i)).collect();
                out.push(section("Description", "This is a list of integers that is printed as a sequence of characters\ndelimited by single quotes because all the integers in it represent printable\nASCII characters. Conventionally, a list of Unicode code points is known as a\ncharlist and a list of ASCII characters is a subset of it."));
                out.push(section("Raw representation", format!("[{}]", codes.join(", "))));
                out.push(section("Reference modules", "List"));
            } else if keyword {
                out.push(section("Description", "This is what is referred to as a \"keyword list\". A keyword list is a list\nof two-element tuples where the first element of each tuple is an atom."));
                out.push(section("Reference modules", "Keyword, List"));
            } else {
                out.push(section("Reference modules", "List"));
            }
            out
        }
        Value::Tuple(_) => vec![
            section("Data type", "Tuple"),
            section("Reference modules", "Tuple"),
        ],
        Value::Map(_) => vec![section("Data type", "Map"), section("Reference modules", "Map")],
        Value::Fun(function) => match function.as_ref() {
            crate::value::Function::Closure { .. } => vec![
                section("Data type", "Function"),
                section("Type", "local"),
                section("Arity", function.arity().to_string()),
                section("Description", "This is an anonymous function."),
            ],
            crate::value::Function::Named { .. } => vec![
                section("Data type", "Function"),
                section("Type", "external"),
                section("Arity", function.arity().to_string()),
            ],
        },
        other => {
            let module = match other {
                Value::Range { .. } => "Range".to_string(),
                Value::Record(r) => r.resource.name.to_string(),
                Value::Query(_) => "Ash.Query".to_string(),
                Value::Changeset(_) => "Ash.Changeset".to_string(),
                Value::Struct(s) => s.module.clone(),
                _ => crate::eval::stdlib::errors::type_name(other),
            };
            vec![
                section("Data type", module.clone()),
                section(
                    "Description",
                    "This is a struct. Structs are maps with a __struct__ key.",
                ),
                section("Reference modules", format!("{module}, Map")),
            ]
        }
    }
}

/// The protocols of the Ash 2.4 project (Elixir's own plus Jason.Encoder, which falls back
/// to Any, and Ecto.Queryable) that have an implementation for the term.
fn protocols(value: &Value) -> &'static str {
    match value {
        Value::Int(_) | Value::Float(_) => "IEx.Info, Inspect, Jason.Encoder, List.Chars, String.Chars",
        Value::Nil | Value::Bool(_) | Value::Atom(_) | Value::Module(_) => {
            "Ecto.Queryable, IEx.Info, Inspect, Jason.Encoder, List.Chars, String.Chars"
        }
        Value::Str(_) => {
            "Collectable, Ecto.Queryable, IEx.Info, Inspect, Jason.Encoder, List.Chars, String.Chars"
        }
        Value::List(_) => {
            "Collectable, Enumerable, IEx.Info, Inspect, Jason.Encoder, List.Chars, String.Chars"
        }
        Value::Tuple(_) => "Ecto.Queryable, IEx.Info, Inspect, Jason.Encoder",
        Value::Map(_) => "Collectable, Enumerable, IEx.Info, Inspect, Jason.Encoder",
        Value::Fun(_) => "Enumerable, IEx.Info, Inspect, Jason.Encoder",
        Value::Range { .. } => "Enumerable, IEx.Info, Inspect, Jason.Encoder",
        _ => "IEx.Info, Inspect, Jason.Encoder",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_under_their_label() {
        let rows: &[(&str, usize, &str)] = &[
            ("  short: a b", 80, "  short: a b"),
            (
                "  Enum: all?/1 any?/1 at/2 chunk_by/2",
                20,
                "  Enum: all?/1\n        any?/1 at/2\n        chunk_by/2",
            ),
            (
                "    attributes:    id, subject, status, reporter_id",
                40,
                "    attributes:    id, subject, status,\n                   reporter_id",
            ),
            // A label wider than half the width: under the line's own indentation.
            (
                "    attributes:    id, subject, status",
                30,
                "    attributes:    id,\n    subject, status",
            ),
            (
                "  format(:iex | :table)  how results are printed",
                30,
                "  format(:iex | :table)  how\n  results are printed",
            ),
            (
                "  a_word_longer_than_the_width",
                10,
                "  a_word_longer_than_the_width",
            ),
            (
                "    actions:       :create (create), :destroy (destroy)",
                40,
                "    actions:       :create (create),\n                   :destroy (destroy)",
            ),
        ];
        for (line, width, expected) in rows {
            assert_eq!(wrap_line(line, *width), *expected, "{line:?} at {width}");
        }
    }

    #[test]
    fn the_overview_fits_80_columns() {
        let wrapped: Vec<String> = overview().lines().map(|l| wrap_line(l, 80)).collect();
        let text = wrapped.join("\n");
        assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
        assert!(text.contains("\n  Enum: all?/1 "), "{text}");
    }
}
