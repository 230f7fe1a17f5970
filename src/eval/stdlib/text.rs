//! `String.Chars` (what `to_string/1`, interpolation, `Enum.join` and `IO.puts` print) and
//! Erlang's shortest float format (`1.0`, `1.0e3`, `0.0001`), used by `Float.to_string`.
//!
//! This is the stdlib's own implementation; it does not do `inspect` (that is `render`).

use crate::eval::error::EvalError;
use crate::eval::stdlib::errors;
use crate::eval::value::Value;

/// `String.Chars.to_string/1`.
pub(crate) fn to_string(value: &Value) -> Result<String, EvalError> {
    match value {
        Value::Str(text) => Ok(text.to_string()),
        Value::Int(n) => Ok(n.to_string()),
        Value::Float(f) => Ok(format_float(*f)),
        Value::Nil => Ok(String::new()),
        Value::Bool(_) | Value::Atom(_) => Ok(value
            .atom_name()
            .map(|name| name.into_owned())
            .unwrap_or_default()),
        Value::Module(name) => Ok(format!("Elixir.{name}")),
        Value::List(_) => chardata_to_string(value)
            .ok_or_else(|| errors::bad_argument(1, "not valid character data (an iodata term)")),
        _ => Err(errors::not_string_chars(value)),
    }
}

/// A charlist / iolist (`[?a, "bc", [?d]]`) flattened to a string; None if it is not one.
pub(crate) fn chardata_to_string(value: &Value) -> Option<String> {
    let mut out = String::new();
    push_chardata(value, &mut out).then_some(out)
}

fn push_chardata(value: &Value, out: &mut String) -> bool {
    match value {
        Value::Str(text) => {
            out.push_str(text);
            true
        }
        Value::Int(code) => match u32::try_from(*code).ok().and_then(char::from_u32) {
            Some(c) => {
                out.push(c);
                true
            }
            None => false,
        },
        Value::List(items) => items.iter().all(|item| push_chardata(item, out)),
        _ => false,
    }
}

/// Erlang's `io_lib_format:fwrite_g/1` (Elixir's `Float.to_string/1` and `inspect`): the
/// shortest digits that read back as the same float, in plain or exponent notation,
/// whichever is shorter (plain on a tie).
pub fn format_float(value: f64) -> String {
    if value == 0.0 {
        return if value.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    if !value.is_finite() {
        // Cannot be produced by Elixir arithmetic; print something readable.
        return value.to_string();
    }
    let sign = if value < 0.0 { "-" } else { "" };
    // `{:e}` gives the shortest round-trip digits: "1.2345e3".
    let scientific = format!("{:e}", value.abs());
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((scientific.as_str(), "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let exponent: i64 = exponent.parse().unwrap_or(0);
    let length = digits.len() as i64;
    // value = digits × 10^place
    let place = exponent - (length - 1);
    let body = if place == 0 {
        format!("{digits}.0")
    } else if place < 0 && exponent >= 0 {
        let (int_part, frac_part) = digits.split_at((exponent + 1) as usize);
        format!("{int_part}.{frac_part}")
    } else {
        let plain = if place > 0 {
            format!("{digits}{}.0", "0".repeat(place as usize))
        } else {
            format!("0.{}{digits}", "0".repeat((-exponent - 1) as usize))
        };
        let (first, rest) = digits.split_at(1);
        let rest = if rest.is_empty() { "0" } else { rest };
        let exp_form = format!("{first}.{rest}e{exponent}");
        if plain.len() <= exp_form.len() {
            plain
        } else {
            exp_form
        }
    };
    format!("{sign}{body}")
}

#[cfg(test)]
mod tests {
    use super::format_float;

    /// Expected texts produced by `io_lib_format:fwrite_g/1` on OTP 25.
    #[test]
    fn floats_print_as_erlang_does() {
        let rows: &[(f64, &str)] = &[
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (-1.5, "-1.5"),
            (10.0, "10.0"),
            (100.0, "100.0"),
            (1000.0, "1.0e3"),
            (150.0, "150.0"),
            (1500.0, "1.5e3"),
            (1234.5678, "1234.5678"),
            (12345678.0, "12345678.0"),
            (123456780.0, "123456780.0"),
            (1234567800.0, "1.2345678e9"),
            (1.0e20, "1.0e20"),
            (0.1, "0.1"),
            (0.15000000000000002, "0.15000000000000002"),
            (0.001, "0.001"),
            (0.0015, "0.0015"),
            (0.0001, "0.0001"),
            (0.00015, "1.5e-4"),
            (0.00001, "1.0e-5"),
            (0.012345678, "0.012345678"),
            (1.2345678e-12, "1.2345678e-12"),
            (0.3333333333333333, "0.3333333333333333"),
            (2.0 / 3.0, "0.6666666666666666"),
            (1.0e23, "1.0e23"),
            (5.0e-324, "5.0e-324"),
            (1.7976931348623157e308, "1.7976931348623157e308"),
        ];
        for (value, expected) in rows {
            assert_eq!(format_float(*value), *expected, "{value:e}");
        }
    }
}
