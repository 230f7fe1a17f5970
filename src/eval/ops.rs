//! Operators with Elixir semantics: arithmetic (`/` always gives a float), comparisons in
//! term order, `<>`, `++`, `--`, `in`, and `map[key]` access.

use crate::eval::error::EvalError;
use crate::eval::interp::{Interpreter, enumerate};
use crate::syntax::ast::{BinOp, UnaryOp};
use crate::value::Value;

/// `badarith` blamed on the operation (`bad argument in arithmetic expression: 1 / 0`).
fn arith_error(op: &str, args: &[&Value]) -> EvalError {
    crate::eval::stdlib::errors::arithmetic_in(op, args)
}

fn overflow() -> EvalError {
    EvalError::new(
        "ArithmeticError",
        "integer overflow: helpdesk integers are 64-bit (-9223372036854775808..9223372036854775807)",
    )
}

pub fn unary(op: UnaryOp, value: Value) -> Result<Value, EvalError> {
    match (op, value) {
        (UnaryOp::Neg, Value::Int(i)) => i.checked_neg().map(Value::Int).ok_or_else(overflow),
        (UnaryOp::Neg, Value::Float(f)) => Ok(Value::Float(-f)),
        (UnaryOp::Plus, v @ (Value::Int(_) | Value::Float(_))) => Ok(v),
        (UnaryOp::Neg, other) => Err(arith_error("-", &[&other])),
        (UnaryOp::Plus, other) => Err(arith_error("+", &[&other])),
        (UnaryOp::Not, Value::Bool(b)) => Ok(Value::Bool(!b)),
        // `:erlang.not/1` raises a bare badarg (its error info names no argument).
        (UnaryOp::Not, _) => Err(EvalError::new("ArgumentError", "argument error")),
        (UnaryOp::Bang, value) => Ok(Value::Bool(!value.is_truthy())),
    }
}

fn float_of(value: &Value) -> Option<f64> {
    match value {
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

fn int_op(a: i64, b: i64, op: BinOp) -> Option<i64> {
    match op {
        BinOp::Add => a.checked_add(b),
        BinOp::Sub => a.checked_sub(b),
        BinOp::Mul => a.checked_mul(b),
        _ => None,
    }
}

pub fn binary(op: BinOp, left: Value, right: Value, interp: &Interpreter) -> Result<Value, EvalError> {
    match op {
        BinOp::Add | BinOp::Sub | BinOp::Mul => match (&left, &right) {
            (Value::Int(a), Value::Int(b)) => int_op(*a, *b, op).map(Value::Int).ok_or_else(overflow),
            _ => {
                let blame = || arith_error(op.symbol(), &[&left, &right]);
                let (Some(a), Some(b)) = (float_of(&left), float_of(&right)) else {
                    return Err(blame());
                };
                let result = match op {
                    BinOp::Add => a + b,
                    BinOp::Sub => a - b,
                    _ => a * b,
                };
                if result.is_finite() {
                    Ok(Value::Float(result))
                } else {
                    Err(blame())
                }
            }
        },
        BinOp::Div => {
            let blame = || arith_error("/", &[&left, &right]);
            let (Some(a), Some(b)) = (float_of(&left), float_of(&right)) else {
                return Err(blame());
            };
            if b == 0.0 {
                return Err(blame());
            }
            let result = a / b;
            if result.is_finite() {
                Ok(Value::Float(result))
            } else {
                Err(blame())
            }
        }
        BinOp::Eq => Ok(Value::Bool(left.loose_eq(&right))),
        BinOp::NotEq => Ok(Value::Bool(!left.loose_eq(&right))),
        BinOp::StrictEq => Ok(Value::Bool(left.strict_eq(&right))),
        BinOp::StrictNotEq => Ok(Value::Bool(!left.strict_eq(&right))),
        BinOp::Lt => Ok(Value::Bool(left.term_cmp(&right).is_lt())),
        BinOp::Gt => Ok(Value::Bool(left.term_cmp(&right).is_gt())),
        BinOp::LtEq => Ok(Value::Bool(!left.term_cmp(&right).is_gt())),
        BinOp::GtEq => Ok(Value::Bool(!left.term_cmp(&right).is_lt())),
        BinOp::StrConcat => match (&left, &right) {
            (Value::Str(a), Value::Str(b)) => Ok(Value::string(format!("{a}{b}"))),
            _ => {
                let bad = if matches!(left, Value::Str(_)) {
                    &right
                } else {
                    &left
                };
                Err(EvalError::new(
                    "ArgumentError",
                    format!(
                        "expected binary argument in <> operator but got: {}",
                        interp.show(bad)
                    ),
                ))
            }
        },
        BinOp::Concat => match (&left, &right) {
            (Value::List(a), Value::List(b)) => {
                let mut items = a.to_vec();
                items.extend(b.iter());
                Ok(Value::list(items))
            }
            _ => Err(EvalError::new("ArgumentError", "argument error")),
        },
        BinOp::Subtract => match (&left, &right) {
            (Value::List(a), Value::List(b)) => {
                let mut items = a.to_vec();
                for remove in b.iter() {
                    if let Some(i) = items.iter().position(|x| x.strict_eq(&remove)) {
                        items.remove(i);
                    }
                }
                Ok(Value::list(items))
            }
            _ => Err(EvalError::new("ArgumentError", "argument error")),
        },
        BinOp::In | BinOp::NotIn => {
            let items = enumerate(&right)?;
            let found = items.iter().any(|item| item.loose_eq(&left));
            Ok(Value::Bool(if op == BinOp::In { found } else { !found }))
        }
        BinOp::And | BinOp::Or | BinOp::AndAnd | BinOp::OrOr => Err(EvalError::new(
            "CompileError",
            "boolean operators are evaluated lazily by the interpreter",
        )),
    }
}

/// `container[key]` (the Access protocol for maps, keyword lists and nil).
pub fn access(container: &Value, key: &Value) -> Result<Value, EvalError> {
    match container {
        Value::Nil => Ok(Value::Nil),
        Value::Map(map) => Ok(map.get(key).cloned().unwrap_or(Value::Nil)),
        Value::List(items) => {
            if !matches!(key, Value::Atom(_) | Value::Nil | Value::Bool(_)) {
                return Err(EvalError::new(
                    "ArgumentError",
                    format!(
                        "the Access calls for keywords expect the key to be an atom, got: {}",
                        crate::render::inspect(key, &Default::default())
                    ),
                ));
            }
            for item in items.iter() {
                if let Value::Tuple(pair) = item
                    && pair.len() == 2
                    && pair[0].strict_eq(key)
                {
                    return Ok(pair[1].clone());
                }
            }
            Ok(Value::Nil)
        }
        Value::Record(record) => Err(EvalError::new(
            "UndefinedFunctionError",
            format!(
                "function {name}.fetch/2 is undefined ({name} does not implement the Access behaviour. If you are using get_in/put_in/update_in, you can specify the field to be accessed using Access.key!/1)",
                name = record.resource.name
            ),
        )),
        other => Err(EvalError::new(
            "ArgumentError",
            format!(
                "the Access module does not support accessing {} with [] syntax",
                crate::render::inspect(other, &Default::default())
            ),
        )),
    }
}
