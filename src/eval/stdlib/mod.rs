//! The Elixir standard library subset: Kernel, Enum, List, Map, String, IO, Integer, Float,
//! Keyword, Tuple.

use crate::eval::error::EvalError;
use crate::eval::host::Host;
use crate::eval::value::Value;

/// Calls `module.name(args)` (`module` None = a local Kernel call like `rem(a, b)`).
/// Returns None when no such function exists with that arity (the interpreter then raises
/// `UndefinedFunctionError` / `CompileError` with Elixir's text).
pub fn call(
    module: Option<&str>,
    name: &str,
    args: Vec<Value>,
    host: &mut dyn Host,
) -> Option<Result<Value, EvalError>> {
    let _ = (module, name, args, host);
    None
}

/// Names of the functions of `module` with their arities, for completion, `h()` and
/// "did you mean" hints.
pub fn functions(module: &str) -> Vec<(&'static str, usize)> {
    let _ = module;
    Vec::new()
}
