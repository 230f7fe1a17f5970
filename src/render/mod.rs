//! Values → text, exactly as iex prints them (`inspect(value, pretty: true, width: 80,
//! limit: 50)`), including Ash's records, queries, changesets and filters.
//!
//! Printing is a pure function of the value: no database, no terminal.

pub mod json;
pub mod table;

use crate::eval::value::Value;

/// iex's inspect options.
#[derive(Debug, Clone)]
pub struct InspectOptions {
    pub width: usize,
    /// Maximum number of items printed in collections before `...` (counted across nesting,
    /// as Elixir's `limit` is).
    pub limit: usize,
}

impl Default for InspectOptions {
    fn default() -> Self {
        Self { width: 80, limit: 50 }
    }
}

/// Prints a value as iex would.
pub fn inspect(value: &Value, options: &InspectOptions) -> String {
    let _ = (value, options);
    String::from("<inspect not implemented>")
}

/// `to_string/1` and string interpolation (Elixir's `String.Chars`); None where Elixir raises
/// `Protocol.UndefinedError`.
pub fn to_string(value: &Value) -> Option<String> {
    match value {
        Value::Str(s) => Some(s.to_string()),
        Value::Atom(a) => Some(a.to_string()),
        Value::Nil => Some(String::new()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Int(i) => Some(i.to_string()),
        Value::Module(m) => Some(m.to_string()),
        _ => None,
    }
}
