//! Pattern matching (`=`, `case`, `fn` clauses, `for` generators): literals, variables, `_`,
//! pins, lists with `[h | t]`, tuples and maps.

use crate::eval::error::EvalError;
use crate::eval::interp::Interpreter;
use crate::syntax::ast::{Expr, ExprKind, UnaryOp};
use crate::value::Value;

/// Matches `value` against `pattern`, collecting new bindings. A variable bound twice in one
/// pattern must match the same value both times (`{x, x} = {1, 2}` fails).
pub fn matches(
    interp: &mut Interpreter,
    pattern: &Expr,
    value: &Value,
    bindings: &mut Vec<(String, Value)>,
) -> Result<bool, EvalError> {
    match &pattern.kind {
        ExprKind::Var(name) if name.starts_with('_') => Ok(true),
        ExprKind::Var(name) => {
            if let Some((_, bound)) = bindings.iter().find(|(n, _)| n == name) {
                return Ok(bound.strict_eq(value));
            }
            bindings.push((name.clone(), value.clone()));
            Ok(true)
        }
        ExprKind::Pin(inner) => {
            let ExprKind::Var(name) = &inner.kind else {
                return Err(EvalError::new(
                    "CompileError",
                    "invalid argument for unary operator ^",
                ));
            };
            match interp.scope.get(name) {
                Some(pinned) => Ok(pinned.strict_eq(value)),
                None => Err(EvalError::new(
                    "CompileError",
                    format!("{}: undefined variable ^{name}", interp.location()),
                )),
            }
        }
        ExprKind::Match {
            pattern: left,
            value: right,
        } => Ok(matches(interp, left, value, bindings)? && matches(interp, right, value, bindings)?),
        ExprKind::Tuple(items) => match value {
            Value::Tuple(values) if values.len() == items.len() => {
                for (item, value) in items.iter().zip(values.iter()) {
                    if !matches(interp, item, value, bindings)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            _ => Ok(false),
        },
        ExprKind::List { items, tail } => {
            let Value::List(values) = value else {
                return Ok(false);
            };
            let fixed_ok = match tail {
                None => values.len() == items.len(),
                Some(_) => values.len() >= items.len(),
            };
            if !fixed_ok {
                return Ok(false);
            }
            for (item, value) in items.iter().zip(values.iter()) {
                if !matches(interp, item, &value, bindings)? {
                    return Ok(false);
                }
            }
            match tail {
                None => Ok(true),
                Some(tail) => {
                    let rest = Value::List(values.skip(items.len()));
                    matches(interp, tail, &rest, bindings)
                }
            }
        }
        ExprKind::Map { base: None, entries } => {
            for (key_pattern, value_pattern) in entries {
                let key = interp.eval(key_pattern)?;
                let field = match value {
                    Value::Map(map) => map.get(&key).cloned(),
                    Value::Record(record) => match &key {
                        Value::Atom(name) => record.field(name),
                        _ => None,
                    },
                    Value::Struct(s) => match &key {
                        Value::Atom(name) => s.get(name).cloned(),
                        _ => None,
                    },
                    _ => return Ok(false),
                };
                match field {
                    Some(field) => {
                        if !matches(interp, value_pattern, &field, bindings)? {
                            return Ok(false);
                        }
                    }
                    None => return Ok(false),
                }
            }
            Ok(true)
        }
        ExprKind::Unary {
            op: UnaryOp::Neg,
            operand,
        } => {
            let literal = interp.eval(operand)?;
            let negated = crate::eval::ops::unary(UnaryOp::Neg, literal)?;
            Ok(negated.strict_eq(value))
        }
        ExprKind::Binary {
            op: crate::syntax::ast::BinOp::StrConcat,
            left,
            right,
        } => {
            // `"prefix" <> rest` patterns.
            let prefix = interp.eval(left)?;
            match (prefix, value) {
                (Value::Str(prefix), Value::Str(text)) if text.starts_with(prefix.as_ref()) => {
                    let rest = Value::string(&text[prefix.len()..]);
                    matches(interp, right, &rest, bindings)
                }
                _ => Ok(false),
            }
        }
        ExprKind::Nil
        | ExprKind::Bool(_)
        | ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Atom(_)
        | ExprKind::Str(_)
        | ExprKind::Alias(_) => {
            let literal = interp.eval(pattern)?;
            Ok(literal.strict_eq(value))
        }
        _ => Err(EvalError::new(
            "CompileError",
            format!(
                "{}: invalid pattern in match, only literals, variables, lists, tuples and maps are allowed",
                interp.location()
            ),
        )),
    }
}
