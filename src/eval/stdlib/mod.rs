//! The Elixir standard library subset: Kernel, Enum, List, Map, String, IO, Integer, Float,
//! Keyword, Tuple, Atom, the calendar modules (DateTime, NaiveDateTime, Date, Time) and Decimal.
//!
//! Each module lives in its own file with a `call` (dispatch on name and arguments) and a
//! `FUNCTIONS` table (name, arity) that `functions` serves to completion and `h()`.
//! Operators (`+`, `==`, `<>`, …) belong to the interpreter, not to this module; functions
//! taking a function argument call back into the interpreter through `Host::apply`.

mod atom;
pub(crate) mod calendar;
pub(crate) mod decimal;
mod enum_;
pub(crate) mod enumerable;
pub(crate) mod errors;
pub(crate) mod exports;
mod float;
mod integer;
mod io;
mod kernel;
mod keyword;
mod list;
mod map;
mod string;
pub(crate) mod text;
mod tuple;

#[cfg(test)]
mod test_support;

use crate::eval::error::EvalError;
use crate::eval::host::Host;
use crate::value::Value;

pub use text::format_float;

/// The modules this library implements, for completion.
pub const MODULES: &[&str] = &[
    "Atom",
    "Date",
    "DateTime",
    "Decimal",
    "Enum",
    "Float",
    "IO",
    "Integer",
    "Kernel",
    "Keyword",
    "List",
    "Map",
    "NaiveDateTime",
    "String",
    "Time",
    "Tuple",
];

/// Calls `module.name(args)` (`module` None = a local Kernel call like `rem(a, b)`).
/// Returns None when no such function exists with that arity (the interpreter then raises
/// `UndefinedFunctionError` / `CompileError` with Elixir's text).
pub fn call(
    module: Option<&str>,
    name: &str,
    args: Vec<Value>,
    host: &mut dyn Host,
) -> Option<Result<Value, EvalError>> {
    let args = args.as_slice();
    match module.unwrap_or("Kernel") {
        "Kernel" => kernel::call(name, args, host),
        "Enum" => enum_::call(name, args, host),
        "List" => list::call(name, args),
        "Map" => map::call(name, args, host),
        "String" => string::call(name, args),
        "IO" => io::call(name, args, host),
        "Integer" => integer::call(name, args),
        "Float" => float::call(name, args),
        "Tuple" => tuple::call(name, args),
        "Keyword" => keyword::call(name, args),
        "Atom" => atom::call(name, args),
        "DateTime" => calendar::call_datetime(name, args),
        "NaiveDateTime" => calendar::call_naive(name, args),
        "Date" => calendar::call_date(name, args),
        "Time" => calendar::call_time(name, args),
        "Decimal" => decimal::call(name, args),
        _ => None,
    }
}

/// Names of the functions of `module` with their arities, for completion, `h()` and
/// "did you mean" hints.
pub fn functions(module: &str) -> Vec<(&'static str, usize)> {
    let table: &[(&'static str, usize)] = match module {
        "Kernel" => kernel::FUNCTIONS,
        "Enum" => enum_::FUNCTIONS,
        "List" => list::FUNCTIONS,
        "Map" => map::FUNCTIONS,
        "String" => string::FUNCTIONS,
        "IO" => io::FUNCTIONS,
        "Integer" => integer::FUNCTIONS,
        "Float" => float::FUNCTIONS,
        "Tuple" => tuple::FUNCTIONS,
        "Keyword" => keyword::FUNCTIONS,
        "Atom" => atom::FUNCTIONS,
        "DateTime" => calendar::DATETIME,
        "NaiveDateTime" => calendar::NAIVE,
        "Date" => calendar::DATE,
        "Time" => calendar::TIME,
        "Decimal" => decimal::FUNCTIONS,
        _ => &[],
    };
    table.to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::stdlib::test_support::TestHost;

    /// Every advertised function exists at its arity (it may raise on the dummy arguments,
    /// but must not be unknown), and nothing is listed twice.
    #[test]
    fn every_listed_function_dispatches() {
        for module in MODULES {
            let listed = functions(module);
            assert!(!listed.is_empty(), "{module} lists nothing");
            for (index, (name, arity)) in listed.iter().enumerate() {
                assert!(
                    !listed[..index].contains(&(*name, *arity)),
                    "{module}.{name}/{arity} listed twice"
                );
                let mut host = TestHost::default();
                let args = vec![Value::Nil; *arity];
                assert!(
                    call(Some(module), name, args, &mut host).is_some(),
                    "{module}.{name}/{arity} is listed but not dispatched"
                );
            }
        }
    }

    #[test]
    fn unknown_functions_and_modules_are_none() {
        let mut host = TestHost::default();
        let rows: &[(Option<&str>, &str, usize)] = &[
            (Some("Enum"), "nope", 1),
            (Some("Enum"), "map", 1),
            (Some("Nope"), "map", 2),
            (None, "hd", 2),
        ];
        for (module, name, arity) in rows {
            assert!(
                call(*module, name, vec![Value::Nil; *arity], &mut host).is_none(),
                "{name}/{arity}"
            );
        }
    }
}
