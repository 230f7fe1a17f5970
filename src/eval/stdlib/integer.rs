//! `Integer`: parsing and printing in a base, floor division and modulo, powers.
//!
//! Results that leave 64 bits raise `ArithmeticError` (no big integers here).

use crate::eval::error::EvalError;
use crate::eval::stdlib::errors;
use crate::value::Value;

pub(super) const FUNCTIONS: &[(&str, usize)] = &[
    ("floor_div", 2),
    ("gcd", 2),
    ("is_even", 1),
    ("is_odd", 1),
    ("mod", 2),
    ("parse", 1),
    ("parse", 2),
    ("pow", 2),
    ("to_string", 1),
    ("to_string", 2),
];

type Res = Result<Value, EvalError>;

pub(super) fn call(name: &str, args: &[Value]) -> Option<Res> {
    Some(match (name, args) {
        ("to_string", [n]) => to_string(n, &Value::Int(10)),
        ("to_string", [n, base]) => to_string(n, base),
        ("parse", [s]) => parse(s, &Value::Int(10)),
        ("parse", [s, base]) => parse(s, base),
        ("mod", [Value::Int(a), Value::Int(b)]) => modulo(*a, *b),
        ("floor_div", [Value::Int(a), Value::Int(b)]) => floor_div(*a, *b),
        ("pow", [Value::Int(base), Value::Int(exponent)]) => pow(*base, *exponent),
        ("gcd", [Value::Int(a), Value::Int(b)]) => gcd(*a, *b),
        ("is_even", [Value::Int(n)]) => Ok(Value::Bool(n % 2 == 0)),
        ("is_odd", [Value::Int(n)]) => Ok(Value::Bool(n % 2 != 0)),
        ("mod" | "floor_div", [_, _]) => Err(errors::arithmetic()),
        ("pow" | "gcd", [_, _]) => Err(errors::function_clause(&format!("Integer.{name}/2"), args, &[])),
        ("is_even" | "is_odd", [_]) => Ok(Value::Bool(false)),
        _ => return None,
    })
}

const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

fn to_string(n: &Value, base: &Value) -> Res {
    let base_ok = matches!(base, Value::Int(b) if (2..=36).contains(b));
    let mut reasons = Vec::new();
    if !matches!(n, Value::Int(_)) {
        reasons.push((1, "not an integer"));
    }
    if !base_ok {
        reasons.push((2, "not an integer in the range 2 through 36"));
    }
    let (Value::Int(n), Value::Int(base), true) = (n, base, reasons.is_empty()) else {
        return Err(errors::bad_arguments(&reasons));
    };
    let base = *base as u128;
    let mut magnitude = (*n as i128).unsigned_abs();
    let mut digits = Vec::new();
    loop {
        digits.push(DIGITS[(magnitude % base) as usize]);
        magnitude /= base;
        if magnitude == 0 {
            break;
        }
    }
    if *n < 0 {
        digits.push(b'-');
    }
    digits.reverse();
    Ok(Value::string(String::from_utf8_lossy(&digits).into_owned()))
}

/// `Integer.parse/2`: a leading integer and the rest, or `:error`.
fn parse(s: &Value, base: &Value) -> Res {
    let (Value::Str(s), Value::Int(base)) = (s, base) else {
        return Err(errors::function_clause(
            "Integer.parse/2",
            &[s.clone(), base.clone()],
            &[],
        ));
    };
    if !(2..=36).contains(base) {
        return Err(errors::argument(format!("invalid base {base}")));
    }
    let (negative, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, &s[..]),
    };
    let count = body.chars().take_while(|c| c.is_digit(*base as u32)).count();
    if count == 0 {
        return Ok(Value::atom("error"));
    }
    let mut value: i64 = 0;
    for c in body[..count].chars() {
        let digit = c.to_digit(*base as u32).unwrap_or(0) as i64;
        value = value
            .checked_mul(*base)
            .and_then(|v| {
                if negative {
                    v.checked_sub(digit)
                } else {
                    v.checked_add(digit)
                }
            })
            .ok_or_else(errors::overflow)?;
    }
    Ok(Value::tuple(vec![
        Value::Int(value),
        Value::string(&body[count..]),
    ]))
}

fn modulo(a: i64, b: i64) -> Res {
    if b == 0 {
        return Err(errors::arithmetic());
    }
    let r = a.checked_rem(b).unwrap_or(0);
    Ok(Value::Int(if r != 0 && (r < 0) != (b < 0) { r + b } else { r }))
}

fn floor_div(a: i64, b: i64) -> Res {
    if b == 0 {
        return Err(errors::arithmetic());
    }
    let q = a.checked_div(b).ok_or_else(errors::overflow)?;
    let r = a % b;
    Ok(Value::Int(if r != 0 && (r < 0) != (b < 0) { q - 1 } else { q }))
}

fn pow(base: i64, exponent: i64) -> Res {
    if exponent < 0 {
        return Err(errors::arithmetic());
    }
    let exponent = u32::try_from(exponent).map_err(|_| errors::overflow())?;
    base.checked_pow(exponent)
        .map(Value::Int)
        .ok_or_else(errors::overflow)
}

fn gcd(a: i64, b: i64) -> Res {
    let (mut a, mut b) = ((a as i128).abs(), (b as i128).abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    i64::try_from(a).map(Value::Int).map_err(|_| errors::overflow())
}

#[cfg(test)]
mod tests {
    use crate::eval::stdlib::test_support::check;

    #[test]
    fn integer_functions() {
        check(&[
            ("Integer.to_string", "42", "\"42\""),
            ("Integer.to_string", "-255, 16", "\"-FF\""),
            (
                "Integer.to_string",
                "-9223372036854775808",
                "\"-9223372036854775808\"",
            ),
            (
                "Integer.to_string",
                "1.5",
                "** (ArgumentError) errors were found at the given arguments:\n\n  * 1st argument: not an integer\n",
            ),
            (
                "Integer.to_string",
                "1, 40",
                "** (ArgumentError) errors were found at the given arguments:\n\n  * 2nd argument: not an integer in the range 2 through 36\n",
            ),
            ("Integer.parse", "\"12abc\"", "{12, \"abc\"}"),
            ("Integer.parse", "\"-7\"", "{-7, \"\"}"),
            ("Integer.parse", "\"abc\"", ":error"),
            ("Integer.parse", "\"-\"", ":error"),
            ("Integer.parse", "\"ff\", 16", "{255, \"\"}"),
            (
                "Integer.parse",
                "1",
                "** (FunctionClauseError) no function clause matching in Integer.parse/2    \n    \n    \
                 The following arguments were given to Integer.parse/2:\n    \n        # 1\n        ‹1›\n    \n        \
                 # 2\n        ‹10›\n    ",
            ),
            ("Integer.mod", "-5, 3", "1"),
            ("Integer.mod", "5, -3", "-1"),
            (
                "Integer.mod",
                "5, 0",
                "** (ArithmeticError) bad argument in arithmetic expression",
            ),
            ("Integer.floor_div", "-5, 2", "-3"),
            ("Integer.pow", "2, 10", "1024"),
            (
                "Integer.pow",
                "2, 64",
                "** (ArithmeticError) integer overflow: the result does not fit in 64 bits (helpdesk has no big integers)",
            ),
            ("Integer.gcd", "12, -18", "6"),
            ("Integer.is_even", "4", "true"),
            ("Integer.is_odd", "4", "false"),
        ]);
    }
}
