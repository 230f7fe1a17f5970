//! What library functions (stdlib, Ash API) may ask of the interpreter that calls them.

use crate::db::Database;
use crate::eval::error::EvalError;
use crate::syntax::ast;
use crate::value::Value;

/// The interpreter, as seen from a builtin function.
pub trait Host {
    /// Calls a function value (a closure or a captured named function) with arguments.
    fn apply(&mut self, fun: &Value, args: Vec<Value>) -> Result<Value, EvalError>;
    /// Evaluates an expression in the caller's environment (for `^pin` inside Ash filters).
    fn eval(&mut self, expr: &ast::Expr) -> Result<Value, EvalError>;
    /// Writes program output (`IO.puts`, `IO.inspect`) to standard output.
    fn write_out(&mut self, text: &str);
    /// The database (opened lazily on first use).
    fn db(&mut self) -> Result<&mut Database, EvalError>;
}
