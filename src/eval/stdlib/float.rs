//! `Float`: decimal rounding (`round/2`, `floor/2`, `ceil/2`) done on the exact decimal
//! expansion of the float, as Elixir does, plus `to_string/1` and `parse/1`.

use crate::eval::error::EvalError;
use crate::eval::stdlib::{errors, text};
use crate::value::Value;

pub(super) const FUNCTIONS: &[(&str, usize)] = &[
    ("ceil", 1),
    ("ceil", 2),
    ("floor", 1),
    ("floor", 2),
    ("parse", 1),
    ("round", 1),
    ("round", 2),
    ("to_string", 1),
];

type Res = Result<Value, EvalError>;

/// Which way a decimal cut goes.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// Half away from zero.
    Round,
    Floor,
    Ceil,
}

pub(super) fn call(name: &str, args: &[Value]) -> Option<Res> {
    let mode = match name {
        "round" => Some(Mode::Round),
        "floor" => Some(Mode::Floor),
        "ceil" => Some(Mode::Ceil),
        _ => None,
    };
    Some(match (name, mode, args) {
        (_, Some(mode), [value]) => decimal(name, mode, value, &Value::Int(0)),
        (_, Some(mode), [value, precision]) => decimal(name, mode, value, precision),
        ("to_string", _, [Value::Float(f)]) => Ok(Value::string(text::format_float(*f))),
        ("to_string", _, [other]) => Err(errors::function_clause(
            "Float.to_string/1",
            std::slice::from_ref(other),
            &["def to_string(float) when -is_float(float)-"],
        )),
        ("parse", _, [Value::Str(s)]) => Ok(parse(s)),
        ("parse", _, [other]) => Err(errors::function_clause(
            "Float.parse/1",
            std::slice::from_ref(other),
            &[],
        )),
        _ => return None,
    })
}

fn decimal(name: &str, mode: Mode, value: &Value, precision: &Value) -> Res {
    let Value::Float(f) = value else {
        return Err(errors::function_clause(
            &format!("Float.{name}/2"),
            &[value.clone(), precision.clone()],
            &[],
        ));
    };
    match precision {
        Value::Int(p) if (0..=15).contains(p) => Ok(Value::Float(cut(*f, *p as usize, mode))),
        Value::Int(p) => Err(errors::argument(format!(
            "precision {p} is out of valid range of 0..15"
        ))),
        _ => Err(errors::function_clause(
            &format!("Float.{name}/2"),
            &[value.clone(), precision.clone()],
            &[],
        )),
    }
}

/// Rounds `f` to `precision` decimals using its exact decimal expansion.
fn cut(f: f64, precision: usize, mode: Mode) -> f64 {
    if !f.is_finite() || f == 0.0 {
        return f;
    }
    let negative = f < 0.0;
    // Every f64 has a finite decimal expansion of at most 1074 fractional digits.
    let exact = format!("{:.1100}", f.abs());
    let (int_part, frac_part) = exact.split_once('.').unwrap_or((exact.as_str(), ""));
    let kept_frac = &frac_part[..precision.min(frac_part.len())];
    let dropped = &frac_part[precision.min(frac_part.len())..];
    let mut digits: Vec<u8> = format!("{int_part}{kept_frac}").into_bytes();
    let has_remainder = dropped.bytes().any(|b| b != b'0');
    let bump = match mode {
        Mode::Round => dropped.as_bytes().first().is_some_and(|d| *d >= b'5'),
        Mode::Floor => negative && has_remainder,
        Mode::Ceil => !negative && has_remainder,
    };
    if bump {
        let mut index = digits.len();
        loop {
            if index == 0 {
                digits.insert(0, b'1');
                break;
            }
            index -= 1;
            if digits[index] == b'9' {
                digits[index] = b'0';
            } else {
                digits[index] += 1;
                break;
            }
        }
    }
    let split = digits.len() - precision;
    let text = format!(
        "{}{}.{}",
        if negative { "-" } else { "" },
        String::from_utf8_lossy(&digits[..split]),
        if precision == 0 {
            "0".into()
        } else {
            String::from_utf8_lossy(&digits[split..]).into_owned()
        }
    );
    let result: f64 = text.parse().unwrap_or(f);
    // Elixir returns a positive zero (`Float.round(-0.4)` is `0.0`).
    if result == 0.0 { 0.0 } else { result }
}

/// `Float.parse/1`: a leading float (integers allowed) and the rest, or `:error`.
fn parse(s: &str) -> Value {
    let bytes = s.as_bytes();
    let mut end = 0;
    if matches!(bytes.first(), Some(b'+' | b'-')) {
        end = 1;
    }
    let digits_from = |start: usize| start + bytes[start..].iter().take_while(|b| b.is_ascii_digit()).count();
    let int_end = digits_from(end);
    if int_end == end {
        return Value::atom("error");
    }
    end = int_end;
    if bytes.get(end) == Some(&b'.') {
        let frac_end = digits_from(end + 1);
        if frac_end > end + 1 {
            end = frac_end;
        }
    }
    if matches!(bytes.get(end), Some(b'e' | b'E')) {
        let mut exp_start = end + 1;
        if matches!(bytes.get(exp_start), Some(b'+' | b'-')) {
            exp_start += 1;
        }
        let exp_end = digits_from(exp_start);
        if exp_end > exp_start {
            end = exp_end;
        }
    }
    match s[..end].parse::<f64>() {
        Ok(f) if f.is_finite() => Value::tuple(vec![Value::Float(f), Value::string(&s[end..])]),
        _ => Value::atom("error"),
    }
}

#[cfg(test)]
mod tests {
    use crate::eval::stdlib::test_support::check;

    #[test]
    fn float_functions() {
        check(&[
            ("Float.round", "2.5", "3.0"),
            ("Float.round", "-2.5", "-3.0"),
            ("Float.round", "5.5675, 3", "5.567"),
            ("Float.round", "-5.5675", "-6.0"),
            ("Float.round", "12.341444444444441, 15", "12.341444444444441"),
            ("Float.round", "5.5674, 3", "5.567"),
            ("Float.round", "2.675, 2", "2.67"),
            ("Float.round", "0.125, 2", "0.13"),
            ("Float.round", "-0.01, 1", "0.0"),
            ("Float.round", "-0.4", "0.0"),
            ("Float.round", "0.6666666666666666, 2", "0.67"),
            ("Float.round", "9.999, 2", "10.0"),
            (
                "Float.round",
                "1.0, 16",
                "** (ArgumentError) precision 16 is out of valid range of 0..15",
            ),
            (
                "Float.round",
                "1",
                "** (FunctionClauseError) no function clause matching in Float.round/2    \n    \n    \
                 The following arguments were given to Float.round/2:\n    \n        # 1\n        ‹1›\n    \n        \
                 # 2\n        ‹0›\n    ",
            ),
            ("Float.floor", "-1.25, 1", "-1.3"),
            ("Float.floor", "1.99", "1.0"),
            ("Float.ceil", "1.21, 1", "1.3"),
            ("Float.ceil", "-1.9", "-1.0"),
            ("Float.to_string", "0.1", "\"0.1\""),
            ("Float.to_string", "1.0e20", "\"1.0e20\""),
            (
                "Float.to_string",
                "1",
                "** (FunctionClauseError) no function clause matching in Float.to_string/1    \n    \n    \
                 The following arguments were given to Float.to_string/1:\n    \n        # 1\n        ‹1›\n    \n    \
                 Attempted function clauses (showing 1 out of 1):\n    \n        \
                 def to_string(float) when -is_float(float)-\n    ",
            ),
            ("Float.parse", "\"1.5abc\"", "{1.5, \"abc\"}"),
            ("Float.parse", "\"3\"", "{3.0, \"\"}"),
            ("Float.parse", "\"-1.5e2x\"", "{-150.0, \"x\"}"),
            ("Float.parse", "\"1.x\"", "{1.0, \".x\"}"),
            ("Float.parse", "\"x\"", ":error"),
        ]);
    }
}
