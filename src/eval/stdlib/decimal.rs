//! `Decimal` (the library Ash's `:decimal` type uses, 2.0): construction, arithmetic that
//! keeps the scale, comparison, rounding and conversion. Arguments may be decimals, integers
//! or decimal strings, as the library's `decimal()` type allows.

use crate::eval::error::EvalError;
use crate::eval::stdlib::errors;
use crate::scalar::{Decimal, Scalar};
use crate::value::Value;

pub(super) const FUNCTIONS: &[(&str, usize)] = &[
    ("abs", 1),
    ("add", 2),
    ("cast", 1),
    ("compare", 2),
    ("div", 2),
    ("equal?", 2),
    ("eq?", 2),
    ("from_float", 1),
    ("gt?", 2),
    ("lt?", 2),
    ("max", 2),
    ("min", 2),
    ("mult", 2),
    ("negate", 1),
    ("negative?", 1),
    ("new", 1),
    ("parse", 1),
    ("positive?", 1),
    ("round", 1),
    ("round", 2),
    ("sub", 2),
    ("to_float", 1),
    ("to_integer", 1),
    ("to_string", 1),
];

type Res = Result<Value, EvalError>;

fn value(d: Decimal) -> Value {
    Value::scalar(Scalar::Decimal(d))
}

/// `Decimal.Error` as the library raises it.
fn error(reason: &str) -> EvalError {
    EvalError::new("Decimal.Error", format!(": {reason}"))
}

/// A `decimal()` argument: a decimal, an integer or a decimal string (which must parse).
fn decimal(v: &Value) -> Result<Option<Decimal>, EvalError> {
    Ok(match v {
        Value::Scalar(s) => match &**s {
            Scalar::Decimal(d) => Some(*d),
            _ => None,
        },
        Value::Int(i) => Some(Decimal::from_int(*i)),
        Value::Str(s) => {
            Some(Decimal::parse(s).ok_or_else(|| error(&format!("number parsing syntax: {s:?}")))?)
        }
        _ => None,
    })
}

fn two(name: &str, args: &[Value]) -> Result<(Decimal, Decimal), EvalError> {
    match (decimal(&args[0])?, decimal(&args[1])?) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(errors::function_clause(&format!("Decimal.{name}/2"), args, &[])),
    }
}

fn one(name: &str, args: &[Value]) -> Result<Decimal, EvalError> {
    decimal(&args[0])?
        .ok_or_else(|| errors::function_clause(&format!("Decimal.{name}/{}", args.len()), args, &[]))
}

fn order(o: std::cmp::Ordering) -> Value {
    Value::atom(match o {
        std::cmp::Ordering::Less => "lt",
        std::cmp::Ordering::Equal => "eq",
        std::cmp::Ordering::Greater => "gt",
    })
}

pub(super) fn call(name: &str, args: &[Value]) -> Option<Res> {
    if !FUNCTIONS
        .iter()
        .any(|(n, arity)| *n == name && *arity == args.len())
    {
        return None;
    }
    let overflow = || error("exceeds the precision of this shell's decimals (28 digits)");
    Some((|| -> Res {
        Ok(match (name, args) {
            ("new", [Value::Float(_)]) => {
                return Err(errors::function_clause("Decimal.new/1", args, &[]));
            }
            ("new", [_]) | ("cast", [_]) => {
                let d = one(name, args);
                if name == "cast" {
                    return Ok(match d {
                        Ok(d) => Value::ok(value(d)),
                        Err(_) => Value::atom("error"),
                    });
                }
                value(d?)
            }
            ("from_float", [Value::Float(f)]) => value(Decimal::from_float(*f).ok_or_else(overflow)?),
            ("parse", [Value::Str(s)]) => {
                // `{decimal, rest}` for the longest decimal prefix, `:error` for none.
                let text = s.as_ref();
                let end = (1..=text.len()).rev().find(|&i| {
                    text.is_char_boundary(i)
                        && Decimal::parse(&text[..i]).is_some()
                        && !text[..i].ends_with(' ')
                });
                match end.and_then(|i| Decimal::parse(&text[..i]).map(|d| (d, &text[i..]))) {
                    Some((d, rest)) => Value::tuple(vec![value(d), Value::string(rest)]),
                    None => Value::atom("error"),
                }
            }
            ("add", [_, _]) => {
                let (a, b) = two(name, args)?;
                value(a.add(&b).ok_or_else(overflow)?)
            }
            ("sub", [_, _]) => {
                let (a, b) = two(name, args)?;
                value(a.sub(&b).ok_or_else(overflow)?)
            }
            ("mult", [_, _]) => {
                let (a, b) = two(name, args)?;
                value(a.mult(&b).ok_or_else(overflow)?)
            }
            ("div", [_, _]) => {
                let (a, b) = two(name, args)?;
                if b.is_zero() {
                    return Err(error("division by zero"));
                }
                value(a.div(&b).ok_or_else(overflow)?)
            }
            ("compare", [_, _]) => {
                let (a, b) = two(name, args)?;
                order(a.compare(&b))
            }
            ("equal?" | "eq?", [_, _]) => {
                let (a, b) = two(name, args)?;
                Value::Bool(a.compare(&b).is_eq())
            }
            ("gt?", [_, _]) => {
                let (a, b) = two(name, args)?;
                Value::Bool(a.compare(&b).is_gt())
            }
            ("lt?", [_, _]) => {
                let (a, b) = two(name, args)?;
                Value::Bool(a.compare(&b).is_lt())
            }
            ("max", [_, _]) => {
                let (a, b) = two(name, args)?;
                value(if b.compare(&a).is_gt() { b } else { a })
            }
            ("min", [_, _]) => {
                let (a, b) = two(name, args)?;
                value(if b.compare(&a).is_lt() { b } else { a })
            }
            ("round", [_]) => value(one(name, args)?.round(0)),
            ("round", [_, Value::Int(places)]) if (0..=28).contains(places) => {
                value(one(name, args)?.round(*places as u32))
            }
            ("negate", [_]) => value(one(name, args)?.negate()),
            ("abs", [_]) => value(one(name, args)?.abs()),
            ("negative?", [_]) => {
                Value::Bool(one(name, args)?.0.is_sign_negative() && !one(name, args)?.is_zero())
            }
            ("positive?", [_]) => {
                Value::Bool(one(name, args)?.0.is_sign_positive() && !one(name, args)?.is_zero())
            }
            ("to_string", [_]) => Value::string(one(name, args)?.to_text()),
            ("to_float", [_]) => Value::Float(one(name, args)?.to_float()),
            ("to_integer", [_]) => {
                let d = one(name, args)?;
                if d.0.fract().is_zero() {
                    Value::Int(d.0.trunc().mantissa().try_into().map_err(|_| overflow())?)
                } else {
                    return Err(errors::function_clause("Decimal.to_integer/1", args, &[]));
                }
            }
            _ => {
                return Err(errors::function_clause(
                    &format!("Decimal.{name}/{}", args.len()),
                    args,
                    &[],
                ));
            }
        })
    })())
}

/// A field of a `%Decimal{}` (`sign`, `coef`, `exp`).
pub fn field(d: &Decimal, name: &str) -> Option<Value> {
    Some(match name {
        "sign" => Value::Int(if d.0.is_sign_negative() { -1 } else { 1 }),
        "coef" => Value::Int(i64::try_from(d.0.mantissa().unsigned_abs()).ok()?),
        "exp" => Value::Int(-(d.0.scale() as i64)),
        _ => return None,
    })
}
