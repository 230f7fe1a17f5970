//! Kernel functions callable without a module (`rem`, `hd`, `elem`, `is_nil`, `to_string`, …)
//! and the checked integer arithmetic the other modules share (`Enum.sum`).
//!
//! Operators (`+ - * /`, comparisons, `and`/`or`) are the interpreter's, not this module's.

use std::cmp::Ordering;
use std::rc::Rc;

use crate::eval::error::EvalError;
use crate::eval::host::Host;
use crate::eval::stdlib::{errors, text};
use crate::render::{InspectOptions, inspect};
use crate::value::{Function, Value};

pub(super) const FUNCTIONS: &[(&str, usize)] = &[
    ("abs", 1),
    ("apply", 2),
    ("apply", 3),
    ("byte_size", 1),
    ("ceil", 1),
    ("div", 2),
    ("elem", 2),
    ("floor", 1),
    ("hd", 1),
    ("inspect", 1),
    ("inspect", 2),
    ("is_atom", 1),
    ("is_binary", 1),
    ("is_boolean", 1),
    ("is_float", 1),
    ("is_function", 1),
    ("is_function", 2),
    ("is_integer", 1),
    ("is_list", 1),
    ("is_map", 1),
    ("is_map_key", 2),
    ("is_nil", 1),
    ("is_number", 1),
    ("is_struct", 1),
    ("is_tuple", 1),
    ("length", 1),
    ("map_size", 1),
    ("max", 2),
    ("min", 2),
    ("not", 1),
    ("put_elem", 3),
    ("rem", 2),
    ("round", 1),
    ("then", 2),
    ("tl", 1),
    ("to_string", 1),
    ("trunc", 1),
    ("tuple_size", 1),
];

pub(super) fn call(name: &str, args: &[Value], host: &mut dyn Host) -> Option<Result<Value, EvalError>> {
    Some(match (name, args) {
        ("rem", [a, b]) => rem(a, b),
        ("div", [a, b]) => div(a, b),
        ("abs", [a]) => abs(a),
        ("length", [Value::List(items)]) => Ok(Value::Int(items.len() as i64)),
        ("length", [_]) => Err(errors::bad_argument(1, "not a list")),
        ("hd", [Value::List(items)]) if !items.is_empty() => Ok(items.first().unwrap_or(Value::Nil)),
        ("tl", [Value::List(items)]) if !items.is_empty() => Ok(Value::List(items.skip(1))),
        ("hd" | "tl", [_]) => Err(errors::bad_argument(1, "not a nonempty list")),
        ("elem", [tuple, index]) => elem(tuple, index),
        ("put_elem", [tuple, index, value]) => put_elem(tuple, index, value),
        ("tuple_size", [Value::Tuple(items)]) => Ok(Value::Int(items.len() as i64)),
        ("tuple_size", [_]) => Err(errors::bad_argument(1, "not a tuple")),
        ("map_size", [map]) => map_size(map),
        ("byte_size", [Value::Str(text)]) => Ok(Value::Int(text.len() as i64)),
        ("byte_size", [_]) => Err(errors::bad_argument(1, "not a bitstring")),
        ("is_map_key", [map, key]) => is_map_key(map, key),
        ("is_nil", [v]) => Ok(Value::Bool(matches!(v, Value::Nil))),
        ("is_integer", [v]) => Ok(Value::Bool(matches!(v, Value::Int(_)))),
        ("is_float", [v]) => Ok(Value::Bool(matches!(v, Value::Float(_)))),
        ("is_number", [v]) => Ok(Value::Bool(matches!(v, Value::Int(_) | Value::Float(_)))),
        ("is_atom", [v]) => Ok(Value::Bool(v.atom_name().is_some())),
        ("is_boolean", [v]) => Ok(Value::Bool(matches!(v, Value::Bool(_)))),
        ("is_binary", [v]) => Ok(Value::Bool(matches!(v, Value::Str(_)))),
        ("is_list", [v]) => Ok(Value::Bool(matches!(v, Value::List(_)))),
        ("is_tuple", [v]) => Ok(Value::Bool(matches!(v, Value::Tuple(_)))),
        ("is_map", [v]) => Ok(Value::Bool(is_map(v))),
        ("is_struct", [v]) => Ok(Value::Bool(is_map(v) && !matches!(v, Value::Map(_)))),
        ("is_function", [v]) => Ok(Value::Bool(matches!(v, Value::Fun(_)))),
        ("is_function", [v, arity]) => is_function(v, arity),
        ("round", [v]) => to_integer(v, f64::round),
        ("trunc", [v]) => to_integer(v, f64::trunc),
        ("floor", [v]) => to_integer(v, f64::floor),
        ("ceil", [v]) => to_integer(v, f64::ceil),
        // :erlang.max/min return the first argument when both compare equal.
        ("max", [a, b]) => Ok(if b.term_cmp(a) == Ordering::Greater { b } else { a }.clone()),
        ("min", [a, b]) => Ok(if b.term_cmp(a) == Ordering::Less { b } else { a }.clone()),
        ("to_string", [v]) => text::to_string(v).map(Value::string),
        ("inspect", [v]) => Ok(Value::string(inspect(v, &InspectOptions::default()))),
        ("inspect", [v, options]) => inspect_options(options).map(|o| Value::string(inspect(v, &o))),
        ("not", [Value::Bool(b)]) => Ok(Value::Bool(!b)),
        ("not", [_]) => Err(errors::argument("argument error")),
        ("then", [value, fun]) => host.apply(fun, vec![value.clone()]),
        ("apply", [fun, Value::List(args)]) => host.apply(fun, args.to_vec()),
        ("apply", [fun, _]) => Err(errors::argument(format!("argument error: {}", errors::show(fun)))),
        ("apply", [module, fun, Value::List(args)]) => apply_mfa(module, fun, &args.values(), host),
        ("apply", [_, _, _]) => Err(errors::argument("argument error")),
        _ => return None,
    })
}

/// Whether a value is a map in Elixir's sense (structs, records and ranges are maps).
fn is_map(value: &Value) -> bool {
    matches!(
        value,
        Value::Map(_)
            | Value::Struct(_)
            | Value::Record(_)
            | Value::Query(_)
            | Value::Changeset(_)
            | Value::Range { .. }
            | Value::NotLoaded(_)
    )
}

fn rem(a: &Value, b: &Value) -> Result<Value, EvalError> {
    match (a, b) {
        (Value::Int(_), Value::Int(0)) => Err(errors::arithmetic_in("rem", &[a, b])),
        // Erlang's rem takes the sign of the dividend, as Rust's `%` does.
        (Value::Int(a), Value::Int(b)) => Ok(Value::Int(a.checked_rem(*b).unwrap_or(0))),
        _ => Err(errors::arithmetic_in("rem", &[a, b])),
    }
}

fn div(a: &Value, b: &Value) -> Result<Value, EvalError> {
    match (a, b) {
        (Value::Int(_), Value::Int(0)) => Err(errors::arithmetic_in("div", &[a, b])),
        // Erlang's div truncates toward zero, as Rust's `/` does.
        (Value::Int(a), Value::Int(b)) => a.checked_div(*b).map(Value::Int).ok_or_else(errors::overflow),
        _ => Err(errors::arithmetic_in("div", &[a, b])),
    }
}

fn abs(a: &Value) -> Result<Value, EvalError> {
    match a {
        Value::Int(n) => n.checked_abs().map(Value::Int).ok_or_else(errors::overflow),
        Value::Float(f) => Ok(Value::Float(f.abs())),
        _ => Err(errors::bad_argument(1, "not a number")),
    }
}

/// `round/trunc/floor/ceil`: integers pass through, floats become integers.
fn to_integer(value: &Value, op: fn(f64) -> f64) -> Result<Value, EvalError> {
    match value {
        Value::Int(n) => Ok(Value::Int(*n)),
        Value::Float(f) => float_to_int(op(*f)),
        _ => Err(errors::bad_argument(1, "not a number")),
    }
}

/// An integral float as an integer, or the overflow error if it does not fit in 64 bits.
pub(crate) fn float_to_int(f: f64) -> Result<Value, EvalError> {
    // 2^63 is exactly representable; everything in [-2^63, 2^63) fits.
    if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&f) {
        Ok(Value::Int(f as i64))
    } else {
        Err(errors::overflow())
    }
}

/// `elem/2` is `:erlang.element(index + 1, tuple)`; errors name Erlang's argument order.
fn elem(tuple: &Value, index: &Value) -> Result<Value, EvalError> {
    match (tuple, index) {
        (Value::Tuple(items), Value::Int(i)) if *i >= 0 && (*i as u64) < items.len() as u64 => {
            Ok(items[*i as usize].clone())
        }
        _ => Err(element_error(tuple, index)),
    }
}

fn put_elem(tuple: &Value, index: &Value, value: &Value) -> Result<Value, EvalError> {
    match (tuple, index) {
        (Value::Tuple(items), Value::Int(i)) if *i >= 0 && (*i as u64) < items.len() as u64 => {
            let mut items = items.as_ref().clone();
            items[*i as usize] = value.clone();
            Ok(Value::tuple(items))
        }
        _ => Err(element_error(tuple, index)),
    }
}

fn element_error(tuple: &Value, index: &Value) -> EvalError {
    let mut reasons = Vec::new();
    match (index, tuple) {
        (Value::Int(_), Value::Tuple(_)) => reasons.push((1, "out of range")),
        (Value::Int(_), _) => {}
        _ => reasons.push((1, "not an integer")),
    }
    if !matches!(tuple, Value::Tuple(_)) {
        reasons.push((2, "not a tuple"));
    }
    errors::bad_arguments(&reasons)
}

fn map_size(map: &Value) -> Result<Value, EvalError> {
    match map {
        Value::Map(map) => Ok(Value::Int(map.len() as i64)),
        // A struct's fields plus `__struct__`.
        Value::Struct(s) => Ok(Value::Int(s.fields.len() as i64 + 1)),
        Value::Range { .. } => Ok(Value::Int(4)),
        _ => Err(errors::bad_argument(1, "not a map")),
    }
}

fn is_map_key(map: &Value, key: &Value) -> Result<Value, EvalError> {
    match map {
        Value::Map(map) => Ok(Value::Bool(map.get(key).is_some())),
        _ => Err(errors::bad_argument(2, "not a map")),
    }
}

fn is_function(value: &Value, arity: &Value) -> Result<Value, EvalError> {
    match (value, arity) {
        (_, Value::Int(n)) if *n < 0 => Err(errors::bad_argument(2, "out of range")),
        (Value::Fun(fun), Value::Int(n)) => Ok(Value::Bool(fun.arity() as i64 == *n)),
        (_, Value::Int(_)) => Ok(Value::Bool(false)),
        _ => Err(errors::bad_argument(2, "not an integer")),
    }
}

/// `inspect/2` options this shell honours: `limit:` and `width:`; others are ignored.
fn inspect_options(options: &Value) -> Result<InspectOptions, EvalError> {
    let mut result = InspectOptions::default();
    let Value::List(items) = options else {
        return Err(errors::function_clause(
            "Kernel.inspect/2",
            &[Value::Nil, options.clone()],
            &[],
        ));
    };
    for item in items.iter() {
        let Value::Tuple(pair) = item else { continue };
        let (Some(key), Some(value)) = (pair.first().and_then(Value::atom_name), pair.get(1)) else {
            continue;
        };
        let number = match value {
            Value::Int(n) => usize::try_from(*n).unwrap_or(0),
            Value::Atom(a) if a.as_ref() == "infinity" => usize::MAX,
            _ => continue,
        };
        match key.as_ref() {
            "limit" => result.limit = number,
            "width" => result.width = number,
            _ => {}
        }
    }
    Ok(result)
}

/// `apply(Module, :fun, args)` for the modules of this library.
fn apply_mfa(module: &Value, fun: &Value, args: &[Value], host: &mut dyn Host) -> Result<Value, EvalError> {
    let module_name = match module {
        Value::Module(name) => name.to_string(),
        _ => return Err(errors::argument("argument error")),
    };
    let Some(fun_name) = fun.atom_name().map(|n| n.into_owned()) else {
        return Err(errors::argument("argument error"));
    };
    let function = Value::Fun(Rc::new(Function::Named {
        module: Some(module_name),
        name: fun_name,
        arity: args.len(),
    }));
    host.apply(&function, args.to_vec())
}

/// `a + b` on numbers with Elixir's int/float mixing; integer overflow raises.
pub(crate) fn add(a: &Value, b: &Value) -> Result<Value, EvalError> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => x.checked_add(*y).map(Value::Int).ok_or_else(errors::overflow),
        _ => Ok(Value::Float(number(a)? + number(b)?)),
    }
}

/// `a * b` on numbers.
pub(crate) fn multiply(a: &Value, b: &Value) -> Result<Value, EvalError> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => x.checked_mul(*y).map(Value::Int).ok_or_else(errors::overflow),
        _ => Ok(Value::Float(number(a)? * number(b)?)),
    }
}

fn number(value: &Value) -> Result<f64, EvalError> {
    match value {
        Value::Int(n) => Ok(*n as f64),
        Value::Float(f) => Ok(*f),
        _ => Err(errors::arithmetic()),
    }
}

#[cfg(test)]
mod tests {
    use crate::eval::stdlib::test_support::check;

    #[test]
    fn kernel_functions() {
        check(&[
            ("rem", "7, 3", "1"),
            ("rem", "-7, 3", "-1"),
            (
                "rem",
                "1, 0",
                "** (ArithmeticError) bad argument in arithmetic expression: rem(1, 0)",
            ),
            (
                "rem",
                "1.0, 2",
                "** (ArithmeticError) bad argument in arithmetic expression: rem(1.0, 2)",
            ),
            ("div", "7, 2", "3"),
            ("div", "-7, 2", "-3"),
            (
                "Kernel.div",
                "1, 0",
                "** (ArithmeticError) bad argument in arithmetic expression: div(1, 0)",
            ),
            (
                "div",
                "-9223372036854775808, -1",
                "** (ArithmeticError) integer overflow: the result does not fit in 64 bits (helpdesk has no big integers)",
            ),
            ("abs", "-3", "3"),
            ("abs", "-2.5", "2.5"),
            (
                "abs",
                ":a",
                "** (ArgumentError) errors were found at the given arguments:\n\n  * 1st argument: not a number\n",
            ),
            ("length", "[1, 2, 3]", "3"),
            (
                "length",
                "1",
                "** (ArgumentError) errors were found at the given arguments:\n\n  * 1st argument: not a list\n",
            ),
            ("hd", "[1, 2]", "1"),
            (
                "hd",
                "[]",
                "** (ArgumentError) errors were found at the given arguments:\n\n  * 1st argument: not a nonempty list\n",
            ),
            (
                "hd",
                "1",
                "** (ArgumentError) errors were found at the given arguments:\n\n  * 1st argument: not a nonempty list\n",
            ),
            ("tl", "[1, 2]", "[2]"),
            ("tl", "[1]", "[]"),
            (
                "tl",
                "[]",
                "** (ArgumentError) errors were found at the given arguments:\n\n  * 1st argument: not a nonempty list\n",
            ),
            ("elem", "{:ok, 2}, 1", "2"),
            (
                "elem",
                "{:ok, 2}, 2",
                "** (ArgumentError) errors were found at the given arguments:\n\n  * 1st argument: out of range\n",
            ),
            (
                "elem",
                "{:ok, 2}, -1",
                "** (ArgumentError) errors were found at the given arguments:\n\n  * 1st argument: out of range\n",
            ),
            (
                "elem",
                "[1], 0",
                "** (ArgumentError) errors were found at the given arguments:\n\n  * 2nd argument: not a tuple\n",
            ),
            (
                "elem",
                "[1], :a",
                "** (ArgumentError) errors were found at the given arguments:\n\n  * 1st argument: not an integer\n  * 2nd argument: not a tuple\n",
            ),
            ("put_elem", "{1, 2}, 0, :x", "{:x, 2}"),
            (
                "put_elem",
                "{1, 2}, 5, :x",
                "** (ArgumentError) errors were found at the given arguments:\n\n  * 1st argument: out of range\n",
            ),
            ("tuple_size", "{1, 2, 3}", "3"),
            (
                "tuple_size",
                "[]",
                "** (ArgumentError) errors were found at the given arguments:\n\n  * 1st argument: not a tuple\n",
            ),
            ("map_size", "%{a: 1, b: 2}", "2"),
            (
                "map_size",
                "[]",
                "** (ArgumentError) errors were found at the given arguments:\n\n  * 1st argument: not a map\n",
            ),
            ("byte_size", "\"héllo\"", "6"),
            ("is_map_key", "%{a: 1}, :a", "true"),
            ("is_nil", "nil", "true"),
            ("is_nil", "false", "false"),
            ("is_integer", "1", "true"),
            ("is_integer", "1.0", "false"),
            ("is_float", "1.0", "true"),
            ("is_number", "1.0", "true"),
            ("is_number", "\"1\"", "false"),
            ("is_atom", ":a", "true"),
            ("is_atom", "nil", "true"),
            ("is_atom", "Enum", "true"),
            ("is_atom", "\"a\"", "false"),
            ("is_boolean", "false", "true"),
            ("is_boolean", "nil", "false"),
            ("is_binary", "\"a\"", "true"),
            ("is_list", "[]", "true"),
            ("is_tuple", "{}", "true"),
            ("is_map", "%{}", "true"),
            ("is_map", "1..2", "true"),
            ("is_struct", "%{}", "false"),
            ("is_struct", "1..2", "true"),
            ("is_function", "&String.upcase/1", "true"),
            ("is_function", "&String.upcase/1, 1", "true"),
            ("is_function", "&String.upcase/1, 2", "false"),
            ("is_function", "1", "false"),
            ("round", "2.5", "3"),
            ("round", "-2.5", "-3"),
            ("round", "7", "7"),
            (
                "round",
                "\"a\"",
                "** (ArgumentError) errors were found at the given arguments:\n\n  * 1st argument: not a number\n",
            ),
            (
                "round",
                "1.0e30",
                "** (ArithmeticError) integer overflow: the result does not fit in 64 bits (helpdesk has no big integers)",
            ),
            ("trunc", "-2.7", "-2"),
            ("floor", "-2.5", "-3"),
            ("ceil", "2.1", "3"),
            ("max", "1, 2", "2"),
            ("max", "1, 1.0", "1"),
            ("max", ":a, 1", ":a"),
            ("min", "\"a\", 3", "3"),
            ("min", "2, 1.0", "1.0"),
            ("to_string", "12", "\"12\""),
            ("to_string", "1.0", "\"1.0\""),
            ("to_string", ":ok", "\"ok\""),
            ("to_string", "nil", "\"\""),
            ("to_string", "Enum", "\"Elixir.Enum\""),
            ("to_string", "[104, \"i\"]", "\"hi\""),
            (
                "to_string",
                "%{}",
                "** (Protocol.UndefinedError) protocol String.Chars not implemented for ‹%{}› of type Map. \
                 This protocol is implemented for the following type(s): Ash.CiString, Atom, BitString, Date, \
                 DateTime, Decimal, Float, Integer, List, NaiveDateTime, Postgrex.Copy, Time, URI, Version, \
                 Version.Requirement",
            ),
            ("not", "true", "false"),
            ("not", "1", "** (ArgumentError) argument error"),
            ("then", "4, &Kernel.abs/1", "4"),
            ("apply", "&Kernel.max/2, [1, 2]", "2"),
            ("apply", "String, :upcase, [\"a\"]", "\"A\""),
        ]);
    }

    #[test]
    fn inspect_uses_render() {
        use crate::render::{InspectOptions, inspect};
        use crate::value::Value;
        let value = Value::list(vec![Value::Int(1), Value::atom("a")]);
        let expected = Value::string(inspect(&value, &InspectOptions::default()));
        let mut host = crate::eval::stdlib::test_support::TestHost::default();
        let got = crate::eval::stdlib::call(None, "inspect", vec![value], &mut host);
        assert!(matches!(got, Some(Ok(v)) if v.strict_eq(&expected)));
    }
}
