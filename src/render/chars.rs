//! `to_string/1` and string interpolation (Elixir's `String.Chars`): strings as they are, atoms
//! by name (`nil` → `""`), numbers, dates and decimals (`2024-01-02 03:04:05Z`, `9.50`), and charlists/iodata lists.
//!
//! Values Elixir cannot convert (tuples, maps, structs, records, functions, ...) give `None`;
//! the caller raises `Protocol.UndefinedError` (or `ArgumentError` for a bad list).

use crate::render::float;
use crate::scalar::Scalar;
use crate::value::{List, Value};

/// `String.Chars.to_string/1`, or `None` where Elixir raises.
pub fn to_string(value: &Value) -> Option<String> {
    match value {
        Value::Str(s) => Some(s.to_string()),
        Value::Nil => Some(String::new()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Atom(name) if name.as_ref() == "nil" => Some(String::new()),
        Value::Atom(name) => Some(name.to_string()),
        Value::Module(name) if name.starts_with("Elixir.") => Some(name.to_string()),
        Value::Module(name) => Some(format!("Elixir.{name}")),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) => Some(float::to_string(*f)),
        Value::Scalar(scalar) => Some(match &**scalar {
            Scalar::Cal(c) => c.to_text(),
            Scalar::Decimal(d) => d.to_text(),
            Scalar::CiString(s) => s.to_string(),
        }),
        Value::List(items) => {
            let mut out = String::new();
            push_chardata(items, &mut out).then_some(out)
        }
        _ => None,
    }
}

/// `List.to_string/1`: code points, strings and nested lists of them.
fn push_chardata(items: &List, out: &mut String) -> bool {
    items.iter().all(|item| match item {
        Value::Int(code) => match u32::try_from(code).ok().and_then(char::from_u32) {
            Some(c) => {
                out.push(c);
                true
            }
            None => false,
        },
        Value::Str(s) => {
            out.push_str(&s);
            true
        }
        Value::List(nested) => push_chardata(&nested, out),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts() {
        let rows: Vec<(Value, Option<&str>)> = vec![
            (Value::string("Issue 1"), Some("Issue 1")),
            (Value::Nil, Some("")),
            (Value::Bool(true), Some("true")),
            (Value::atom("open"), Some("open")),
            (
                Value::Module("Support.Ticket".into()),
                Some("Elixir.Support.Ticket"),
            ),
            (Value::Int(-42), Some("-42")),
            (Value::Float(1.0), Some("1.0")),
            (Value::Float(1000.0), Some("1.0e3")),
            (Value::Float(0.3333333333333333), Some("0.3333333333333333")),
            (Value::list(vec![Value::Int(104), Value::Int(105)]), Some("hi")),
            (
                Value::list(vec![
                    Value::string("a"),
                    Value::list(vec![Value::Int(98)]),
                    Value::string("c"),
                ]),
                Some("abc"),
            ),
            (Value::list(vec![]), Some("")),
            (Value::list(vec![Value::atom("a")]), None),
            (Value::list(vec![Value::Int(-1)]), None),
            (Value::tuple(vec![Value::Int(1)]), None),
            (
                Value::Range {
                    first: 1,
                    last: 3,
                    step: 1,
                },
                None,
            ),
        ];
        for (value, expected) in rows {
            assert_eq!(to_string(&value).as_deref(), expected, "{value:?}");
        }
    }
}
