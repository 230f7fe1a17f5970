//! `Atom`: `to_string/1`.

use crate::eval::error::EvalError;
use crate::eval::stdlib::errors;
use crate::value::Value;

pub(super) const FUNCTIONS: &[(&str, usize)] = &[("to_string", 1)];

pub(super) fn call(name: &str, args: &[Value]) -> Option<Result<Value, EvalError>> {
    Some(match (name, args) {
        ("to_string", [value]) => match value.atom_name() {
            Some(atom) => Ok(Value::string(atom.as_ref())),
            None => Err(errors::bad_argument(1, "not an atom")),
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use crate::eval::stdlib::test_support::check;

    #[test]
    fn atom_functions() {
        check(&[
            ("Atom.to_string", ":ok", "\"ok\""),
            ("Atom.to_string", "nil", "\"nil\""),
            ("Atom.to_string", "Support.Ticket", "\"Elixir.Support.Ticket\""),
            (
                "Atom.to_string",
                "\"a\"",
                "** (ArgumentError) errors were found at the given arguments:\n\n  * 1st argument: not an atom\n",
            ),
        ]);
    }
}
