//! Elixir's float texts: `inspect/1` (`Inspect.Float`) and `to_string/1` (`:io_lib_format.fwrite_g/1`
//! of OTP 25: shortest round-trip digits, exponent form when it is shorter).
//!
//! Digits come from Rust's shortest round-trip formatting (`{:e}`), which finds the same digits
//! as OTP's Ryu; only the placement of the decimal point is Erlang's.

/// `inspect(float)`: integral floats in `[1, 1.0e16)` print as the integer plus `.0`
/// (`1000.0`, `1000000000000000.0`); everything else as `to_string/1`.
pub fn inspect(value: f64) -> String {
    let magnitude = value.abs();
    if (1.0..1.0e16).contains(&magnitude) && value.trunc() == value {
        // Exact: |value| < 2^63 and integral.
        format!("{}.0", value as i64)
    } else {
        to_string(value)
    }
}

/// `Float.to_string/1` / `to_string(float)` (`:io_lib_format.fwrite_g/1` of OTP 25): the
/// shortest round-trip digits, in plain or exponent notation, whichever is shorter (plain on a
/// tie): `0.1`, `0.0001`, `1.5e-4`, `100.0`, but `1.0e3` for `1000.0`. Checked against `erl`.
pub fn to_string(value: f64) -> String {
    if value.is_nan() {
        return "NaN".to_string();
    }
    if value.is_infinite() {
        return if value > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    let sign = if value.is_sign_negative() { "-" } else { "" };
    if value == 0.0 {
        return format!("{sign}0.0");
    }
    // `{:e}` gives the shortest round-trip digits: "1.2345e3".
    let scientific = format!("{:e}", value.abs());
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((scientific.as_str(), "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let exponent: i64 = exponent.parse().unwrap_or(0);
    let length = digits.len() as i64;
    // value = digits × 10^place
    let place = exponent - (length - 1);
    let body = if place >= 0 && value.abs() >= 9_007_199_254_740_992.0 {
        // OTP prints integral floats from 2^53 up in exponent form.
        let (first, rest) = digits.split_at(1);
        let rest = if rest.is_empty() { "0" } else { rest };
        format!("{first}.{rest}e{exponent}")
    } else if place == 0 {
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
    use super::*;

    #[test]
    fn inspect_texts() {
        let rows: &[(f64, &str)] = &[
            (1.0, "1.0"),
            (0.5, "0.5"),
            (0.1, "0.1"),
            (-2.5, "-2.5"),
            (100.0, "100.0"),
            (1000.0, "1000.0"),
            (0.25, "0.25"),
            (1.0 / 3.0, "0.3333333333333333"),
            (2.0 / 3.0, "0.6666666666666666"),
            (0.1 + 0.2, "0.30000000000000004"),
            (0.001, "0.001"),
            (0.0001, "0.0001"),
            (1.0e-5, "1.0e-5"),
            (1.5e-7, "1.5e-7"),
            (1.0e-10, "1.0e-10"),
            (1.0e10, "10000000000.0"),
            (1.0e15, "1000000000000000.0"),
            (1.0e16, "1.0e16"),
            (1.0e20, "1.0e20"),
            (1.5e20, "1.5e20"),
            (1.0e300, "1.0e300"),
            (123456789.0, "123456789.0"),
            (123.456, "123.456"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (2.75, "2.75"),
            (1.7976931348623157e308, "1.7976931348623157e308"),
            (5.0e-324, "5.0e-324"),
            (12345.678, "12345.678"),
        ];
        for (value, expected) in rows {
            assert_eq!(inspect(*value), *expected, "inspect({value:?})");
        }
    }

    #[test]
    fn to_string_texts() {
        let rows: &[(f64, &str)] = &[
            (1.0, "1.0"),
            (100.0, "100.0"),
            (1000.0, "1.0e3"),
            (1500.0, "1.5e3"),
            (123456.0, "123456.0"),
            (1.0e15, "1.0e15"),
            (0.5, "0.5"),
            (-0.0, "-0.0"),
            (0.0001, "0.0001"),
            (9007199254740991.0, "9007199254740991.0"),
            (9007199254740992.0, "9.007199254740992e15"),
        ];
        for (value, expected) in rows {
            assert_eq!(to_string(*value), *expected, "to_string({value:?})");
        }
    }
}
