//! The Ash API: `Ash.Changeset`, `Ash.Query`, `Support.AshApi` and the resources' actions,
//! with Ash 2.4's semantics, return shapes and error texts.

use crate::eval::error::EvalError;
use crate::eval::host::Host;
use crate::eval::value::Value;
use crate::query::Expr;
use crate::syntax::ast;

/// Calls an Ash function (`Ash.Query.sort`, `Support.AshApi.read!`, ...) with evaluated
/// arguments. Macros (`Ash.Query.filter`, `expr`) arrive here with their expression argument
/// already turned into `Value::AshExpr` by `expr_from_ast`. None when `module.name/arity` does
/// not exist.
pub fn call(
    module: &str,
    name: &str,
    args: Vec<Value>,
    host: &mut dyn Host,
) -> Option<Result<Value, EvalError>> {
    let _ = (module, name, args, host);
    None
}

/// Turns the AST of an Ash expression (the body of `filter(...)`, `expr(...)`) into the IR.
/// Bare identifiers become unresolved references (`Expr::Attr(name)`; the resource resolves
/// them to attributes, aggregates or calculations when the expression is attached to a query);
/// `^x` is evaluated through the host.
pub fn expr_from_ast(expr: &ast::Expr, host: &mut dyn Host) -> Result<Expr, EvalError> {
    let _ = (expr, host);
    Err(EvalError::new("CompileError", "not implemented"))
}

/// Names of the functions of an Ash module with their arities (completion, `h()`).
pub fn functions(module: &str) -> Vec<(&'static str, usize)> {
    let _ = module;
    Vec::new()
}
