//! The exceptions the standard library raises, with Elixir 1.14's message texts.
//!
//! Only constructors live here; deciding *when* to raise is the job of each module.

use crate::eval::error::EvalError;
use crate::render::{InspectOptions, inspect};
use crate::value::Value;

/// The types implementing `Enumerable` in the chapter's application (Elixir's own plus the
/// database libraries'), as `Protocol.UndefinedError` lists them.
const ENUMERABLE_IMPLS: &str = "DBConnection.PrepareStream, DBConnection.Stream, Date.Range, \
Ecto.Adapters.SQL.Stream, File.Stream, Function, GenEvent.Stream, HashDict, HashSet, IO.Stream, \
Jason.OrderedObject, List, Map, MapSet, Postgrex.Stream, Range, Stream";

/// The types implementing `String.Chars` in the chapter's application.
const STRING_CHARS_IMPLS: &str = "Ash.CiString, Atom, BitString, Date, DateTime, Decimal, Float, \
Integer, List, NaiveDateTime, Postgrex.Copy, Time, URI, Version, Version.Requirement";

/// Inspects a value the way error messages embed it.
pub(crate) fn show(value: &Value) -> String {
    inspect(value, &InspectOptions::default())
}

/// `1st`, `2nd`, `3rd`, `4th`, … as Erlang's error info numbers arguments.
fn ordinal(position: usize) -> String {
    let suffix = match (position % 10, position % 100) {
        (1, n) if n != 11 => "st",
        (2, n) if n != 12 => "nd",
        (3, n) if n != 13 => "rd",
        _ => "th",
    };
    format!("{position}{suffix}")
}

/// A BIF's `badarg` with error info: `errors were found at the given arguments:` and one
/// `* Nth argument: why` line per bad argument.
pub(crate) fn bad_arguments(reasons: &[(usize, &str)]) -> EvalError {
    let lines: Vec<String> = reasons
        .iter()
        .map(|(position, why)| format!("  * {} argument: {why}\n", ordinal(*position)))
        .collect();
    EvalError::new(
        "ArgumentError",
        format!("errors were found at the given arguments:\n\n{}", lines.concat()),
    )
}

/// One bad argument of a BIF (the usual case).
pub(crate) fn bad_argument(position: usize, why: &str) -> EvalError {
    bad_arguments(&[(position, why)])
}

/// A plain `ArgumentError` with a message.
pub(crate) fn argument(message: impl Into<String>) -> EvalError {
    EvalError::new("ArgumentError", message)
}

/// `badarith`: an arithmetic operator or `div`/`rem` on non-numbers or by zero.
pub(crate) fn arithmetic() -> EvalError {
    EvalError::new("ArithmeticError", "bad argument in arithmetic expression")
}

/// `badarith` blamed on the operation, as `ArithmeticError.blame/2` words it: `1 / 0` for
/// the binary operators, `div(5, 0)` for `div`/`rem`, `-("x")` for the unary ones.
pub(crate) fn arithmetic_in(op: &str, args: &[&Value]) -> EvalError {
    let blamed = match args {
        [a] => format!("{op}({})", show(a)),
        [a, b] if matches!(op, "div" | "rem") => format!("{op}({}, {})", show(a), show(b)),
        [a, b] => format!("{} {op} {}", show(a), show(b)),
        _ => return arithmetic(),
    };
    EvalError::new(
        "ArithmeticError",
        format!("bad argument in arithmetic expression: {blamed}"),
    )
}

/// A result outside the 64-bit integers this shell supports (Elixir would make a bignum).
pub(crate) fn overflow() -> EvalError {
    EvalError::new(
        "ArithmeticError",
        "integer overflow: the result does not fit in 64 bits (helpdesk has no big integers)",
    )
}

/// `FunctionClauseError` as iex prints it: the header, then the arguments given, indented.
/// `clauses` are the attempted clause heads, already written the way iex blames them.
pub(crate) fn function_clause(mfa: &str, args: &[Value], clauses: &[&str]) -> EvalError {
    let mut blame = format!("\n\nThe following arguments were given to {mfa}:\n");
    for (index, arg) in args.iter().enumerate() {
        // FunctionClauseError.blame/3 pads each argument by four spaces…
        let shown = show(arg).replace('\n', "\n    ");
        blame.push_str(&format!("\n    # {}\n    {shown}\n", index + 1));
    }
    if !clauses.is_empty() {
        blame.push_str(&format!(
            "\nAttempted function clauses (showing {n} out of {n}):\n\n",
            n = clauses.len()
        ));
        for clause in clauses {
            blame.push_str(&format!("    {clause}\n"));
        }
    }
    // …and iex pads every line of the blame by four more (IEx.Evaluator.pad/1).
    let padded = format!("    {}", blame.replace('\n', "\n    "));
    EvalError::new(
        "FunctionClauseError",
        format!("no function clause matching in {mfa}{padded}"),
    )
}

/// The Elixir type name `Protocol.UndefinedError` prints after `of type`.
pub(crate) fn type_name(value: &Value) -> String {
    match value {
        Value::Nil | Value::Bool(_) | Value::Atom(_) | Value::Module(_) => "Atom".into(),
        Value::Str(_) => "BitString".into(),
        Value::Int(_) => "Integer".into(),
        Value::Float(_) => "Float".into(),
        Value::Fun(_) => "Function".into(),
        Value::List(_) => "List".into(),
        Value::Tuple(_) => "Tuple".into(),
        Value::Map(_) | Value::Opaque(_) => "Map".into(),
        Value::Range { .. } => "Range (a struct)".into(),
        Value::Record(record) => format!("{} (a struct)", record.resource.name),
        Value::Query(_) => "Ash.Query (a struct)".into(),
        Value::Changeset(_) => "Ash.Changeset (a struct)".into(),
        Value::Struct(s) => format!("{} (a struct)", s.module),
        Value::NotLoaded(_) => "Ash.NotLoaded (a struct)".into(),
        Value::AshExpr(_) => "Ash.Query.Call (a struct)".into(),
        Value::Scalar(s) => format!("{} (a struct)", s.module()),
    }
}

/// `protocol Enumerable not implemented for 1 of type Integer. This protocol is …`
pub(crate) fn not_enumerable(value: &Value) -> EvalError {
    protocol_undefined("Enumerable", value, ENUMERABLE_IMPLS)
}

/// `protocol String.Chars not implemented for %{} of type Map. This protocol is …`
pub(crate) fn not_string_chars(value: &Value) -> EvalError {
    protocol_undefined("String.Chars", value, STRING_CHARS_IMPLS)
}

fn protocol_undefined(protocol: &str, value: &Value, impls: &str) -> EvalError {
    EvalError::new(
        "Protocol.UndefinedError",
        format!(
            "protocol {protocol} not implemented for {} of type {}. \
             This protocol is implemented for the following type(s): {impls}",
            show(value),
            type_name(value)
        ),
    )
}

/// `BadMapError`: a map function given something else.
pub(crate) fn bad_map(value: &Value) -> EvalError {
    EvalError::new("BadMapError", format!("expected a map, got: {}", show(value)))
}

/// `KeyError`: `key :a not found in: %{b: 1}`.
pub(crate) fn key_not_found(key: &Value, term: &Value) -> EvalError {
    EvalError::new(
        "KeyError",
        format!("key {} not found in: {}", show(key), show(term)),
    )
}

/// A request for more memory than this shell will allocate for one value.
pub(crate) fn system_limit() -> EvalError {
    EvalError::new("SystemLimitError", "a system limit has been reached")
}

/// The most items or bytes one builtin may produce (`List.duplicate(:a, 10**12)`).
pub(crate) const MAX_ITEMS: u64 = 50_000_000;

/// `Enum.EmptyError` (`Enum.min([])`, `Enum.reduce([], f)`).
pub(crate) fn empty() -> EvalError {
    EvalError::new("Enum.EmptyError", "empty error")
}

/// `Enum.OutOfBoundsError` (`Enum.fetch!/2`).
pub(crate) fn out_of_bounds() -> EvalError {
    EvalError::new("Enum.OutOfBoundsError", "out of bounds error")
}

#[cfg(test)]
mod tests {
    use super::ordinal;

    #[test]
    fn ordinals() {
        let rows = [
            (1, "1st"),
            (2, "2nd"),
            (3, "3rd"),
            (4, "4th"),
            (11, "11th"),
            (12, "12th"),
            (21, "21st"),
        ];
        for (n, expected) in rows {
            assert_eq!(ordinal(n), expected);
        }
    }
}
