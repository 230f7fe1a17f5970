//! Values → text, exactly as iex prints them (`inspect(value, pretty: true, width: 80,
//! limit: 50)`), including Ash's records, queries, changesets and filters.
//!
//! Printing is a pure function of the value: no database, no terminal. The layout engine is a
//! port of Elixir's `Inspect.Algebra` (`algebra.rs`); `inspect.rs` builds documents for Elixir
//! terms, `ash.rs` and `filter.rs` for Ash's structs, `literal.rs` and `float.rs` the texts of
//! atoms, strings and floats, `chars.rs` `to_string/1`.

mod algebra;
mod ash;
mod chars;
mod filter;
mod float;
mod inspect;
mod literal;
#[cfg(test)]
mod tests;

pub mod json;
pub mod table;

use crate::query::Expr;
use crate::value::Value;

/// Stands for Elixir's `:infinity` in `InspectOptions::width` and `limit`.
pub const INFINITY: usize = algebra::INFINITY;

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Iex,
    Table,
    Json,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Iex => "iex",
            Format::Table => "table",
            Format::Json => "json",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Some(match name {
            "iex" => Format::Iex,
            "table" => Format::Table,
            "json" => Format::Json,
            _ => return None,
        })
    }
}

/// iex's inspect options.
#[derive(Debug, Clone)]
pub struct InspectOptions {
    /// Columns; `INFINITY` prints on one line (`Kernel.inspect/1` without `pretty: true`).
    pub width: usize,
    /// Maximum number of items printed in collections before `...` (counted across nesting,
    /// as Elixir's `limit` is); `INFINITY` for no limit.
    pub limit: usize,
}

impl Default for InspectOptions {
    fn default() -> Self {
        Self { width: 80, limit: 50 }
    }
}

impl InspectOptions {
    /// `Kernel.inspect/1` defaults (`inspect(x)` in user code, string interpolation of
    /// `inspect`): one line, limit 50.
    pub fn one_line() -> Self {
        Self {
            width: INFINITY,
            limit: 50,
        }
    }
}

/// Prints a value as iex would.
pub fn inspect(value: &Value, options: &InspectOptions) -> String {
    inspect::format_value(value, options.width, options.limit)
}

/// `to_string/1` and `"#{value}"` (`String.Chars`); `None` where Elixir raises
/// (`Protocol.UndefinedError` for tuples, maps, structs, records...; `ArgumentError` for a list
/// that is not chardata).
pub fn to_string(value: &Value) -> Option<String> {
    chars::to_string(value)
}

/// The text Ash prints inside `#Ash.Filter<...>` for a filter (`status == :open and
/// contains(subject, "4")`), without colours.
pub fn filter(expr: &Expr) -> String {
    filter::filter_text(expr)
}

/// An Elixir float as `inspect/1` prints it (`1.0`, `0.1`, `1.0e-5`).
pub fn float(value: f64) -> String {
    float::inspect(value)
}

/// An atom as `inspect/1` prints it (`:ok`, `:"a b"`, `nil`).
pub fn atom(name: &str) -> String {
    literal::atom_literal(name)
}

/// Values show as iex shows them (test failures, `{:?}`). The impl lives here, with the
/// printer, so that `value` does not depend on `render`.
impl std::fmt::Debug for crate::value::Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&inspect(self, &InspectOptions::default()))
    }
}
