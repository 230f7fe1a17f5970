//! `String.Chars` (what `to_string/1`, interpolation, `Enum.join` and `IO.puts` print) and
//! Erlang's shortest float format (`1.0`, `1.0e3`, `0.0001`), used by `Float.to_string`.
//!
//! This is the stdlib's own implementation; it does not do `inspect` (that is `render`).

use crate::eval::error::EvalError;
use crate::eval::stdlib::errors;
use crate::value::Value;

/// `String.Chars.to_string/1` (the texts live in `render::to_string`; this adds the errors).
pub(crate) fn to_string(value: &Value) -> Result<String, EvalError> {
    crate::render::to_string(value).ok_or_else(|| match value {
        Value::List(_) => errors::bad_argument(1, "not valid character data (an iodata term)"),
        _ => errors::not_string_chars(value),
    })
}

/// Erlang's `io_lib_format:fwrite_g/1` (`Float.to_string/1`): `0.1`, `1.0e-5`, `1.0e3`.
pub fn format_float(value: f64) -> String {
    crate::render::to_string(&Value::Float(value)).unwrap_or_default()
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
