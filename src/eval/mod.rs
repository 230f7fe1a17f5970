//! AST → values: the interpreter of the Elixir subset, its standard library and the Ash API.
//!
//! Evaluation never touches Diesel: reads and writes go through `db::Database` with
//! `query::ReadPlan`s and plain values.

pub mod ash;
pub mod env;
pub mod error;
pub mod host;
pub mod stdlib;
pub mod value;

pub use error::EvalError;
