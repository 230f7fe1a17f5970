//! helpdesk: an iex-like shell over the data behind Ash 2.x resources (the bundled default:
//! the Helpdesk support domain of the Ash 2.4 tutorial).
//!
//! A line goes through the stages named by the modules, in this order:
//! text --`syntax`--> AST --`eval`--> values (reads as `query::ReadPlan`s run by `db`)
//! --`render`--> text. `repl` drives the loop; `model` describes the resources as data, read
//! from Ash resource files by `project`; `scalar` holds the values of Ash's calendar, decimal
//! and ci_string types that every stage shares.

pub mod cli;
pub mod db;
pub mod eval;
pub mod migration;
pub mod model;
pub mod project;
pub mod query;
pub mod render;
pub mod repl;
pub mod scalar;
pub mod schema;
pub mod syntax;
pub mod value;
