//! AST → values: the interpreter of the Elixir subset, its standard library and the Ash API.
//!
//! Evaluation never touches Diesel: reads and writes go through `db::Database` with
//! `query::ReadPlan`s and plain values.

pub mod ash;
pub(crate) mod ash_modules;
mod docs;
pub mod error;
mod errors;
mod helpers;
mod hints;
pub mod host;
pub mod interp;
pub mod interrupt;
mod ops;
mod pattern;
pub mod project;
pub mod stdlib;

pub use error::EvalError;

pub use helpers::DONT_DISPLAY;
pub use interp::{DbSource, Interpreter};
