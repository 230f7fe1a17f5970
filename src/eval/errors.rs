//! Elixir's standard exception texts built from values, shared by the interpreter parts.

use crate::db::DbError;
use crate::eval::error::EvalError;
use crate::eval::value::Value;

/// Modules the shell knows, for "module X is not available" versus "function is undefined".
const STDLIB_MODULES: &[&str] = &[
    "Kernel", "Enum", "List", "Map", "String", "IO", "Integer", "Float", "Tuple", "Keyword", "Atom",
];

pub fn known_module(module: &str) -> bool {
    STDLIB_MODULES.contains(&module) || crate::eval::ash_modules::is_ash_module(module)
}

/// `UndefinedFunctionError` for `module.name/arity`.
pub fn undefined_function(module: &str, name: &str, arity: usize) -> EvalError {
    let why = if known_module(module) {
        "is undefined or private".to_string()
    } else {
        format!("is undefined (module {module} is not available)")
    };
    let mut message = format!("function {module}.{name}/{arity} {why}");
    let mut similar: Vec<(&str, usize)> = crate::eval::ash_modules::functions(module)
        .into_iter()
        .filter(|(candidate, _)| *candidate == name)
        .collect();
    similar.sort_unstable();
    similar.dedup();
    if !similar.is_empty() {
        message.push_str(". Did you mean:\n");
        for (candidate, arity) in similar {
            message.push_str(&format!("\n      * {candidate}/{arity}"));
        }
        message.push('\n');
    }
    EvalError::new("UndefinedFunctionError", message)
}

/// `FunctionClauseError` for an anonymous function no clause of which matched.
pub fn fn_clause(args: &[Value], show: impl Fn(&Value) -> String) -> EvalError {
    let name = format!(":erl_eval.\"-inside-an-interpreted-fun-\"/{}", args.len());
    let mut message = format!(
        "no function clause matching in {name}\n\n    The following arguments were given to {name}:\n"
    );
    for (i, arg) in args.iter().enumerate() {
        message.push_str(&format!("\n        # {}\n        {}\n", i + 1, show(arg)));
    }
    EvalError::new("FunctionClauseError", message)
}

/// The Elixir type name used by protocol errors (`of type Integer`).
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Nil | Value::Bool(_) | Value::Atom(_) | Value::Module(_) => "Atom",
        Value::Int(_) => "Integer",
        Value::Float(_) => "Float",
        Value::Str(_) => "BitString",
        Value::List(_) => "List",
        Value::Tuple(_) => "Tuple",
        Value::Map(_) => "Map",
        Value::Fun(_) => "Function",
        Value::Range { .. } => "Range",
        _ => "Struct",
    }
}

/// A database failure as the exception Ash/Postgrex would raise.
pub fn from_db(error: DbError) -> EvalError {
    match error {
        DbError::DivisionByZero => EvalError::new(
            "Postgrex.Error",
            "ERROR 22012 (division_by_zero) division by zero",
        ),
        DbError::Connect { .. } | DbError::ConnectionLost(_) => {
            EvalError::new("DBConnection.ConnectionError", error.to_string())
        }
        other => EvalError::new("Helpdesk.DatabaseError", other.to_string()),
    }
}
