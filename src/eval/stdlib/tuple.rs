//! `Tuple`: conversions and appends.

use crate::eval::error::EvalError;
use crate::eval::stdlib::errors;
use crate::value::{List, Value};

pub(super) const FUNCTIONS: &[(&str, usize)] = &[("append", 2), ("to_list", 1)];

pub(super) fn call(name: &str, args: &[Value]) -> Option<Result<Value, EvalError>> {
    Some(match (name, args) {
        ("to_list", [Value::Tuple(items)]) => Ok(Value::List(List::shared(items.clone()))),
        ("to_list", [_]) => Err(errors::bad_argument(1, "not a tuple")),
        ("append", [Value::Tuple(items), value]) => {
            let mut items = items.as_ref().clone();
            items.push(value.clone());
            Ok(Value::tuple(items))
        }
        ("append", [_, _]) => Err(errors::bad_argument(1, "not a tuple")),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use crate::eval::stdlib::test_support::check;

    #[test]
    fn tuple_functions() {
        check(&[
            ("Tuple.to_list", "{1, :a}", "[1, :a]"),
            (
                "Tuple.to_list",
                "[]",
                "** (ArgumentError) errors were found at the given arguments:\n\n  * 1st argument: not a tuple\n",
            ),
            ("Tuple.append", "{1}, 2", "{1, 2}"),
        ]);
    }
}
