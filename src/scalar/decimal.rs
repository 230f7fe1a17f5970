//! `Decimal` (the Elixir library Ash's `:decimal` uses): exact, keeping the scale it was given
//! (`9.50` stays `9.50`), printed as Decimal 2.0 prints (`#Decimal<9.50>`, `1E-7`). Backed
//! by `rust_decimal` (96-bit coefficient, up to 28 fraction digits: Decimal's default context
//! precision is 28 digits too).

use std::cmp::Ordering;
use std::str::FromStr;

use rust_decimal::RoundingStrategy;

#[derive(Debug, Clone, Copy)]
pub struct Decimal(pub rust_decimal::Decimal);

/// Structural, as Elixir compares the structs: `1.0 == 1.00` is false.
impl PartialEq for Decimal {
    fn eq(&self, other: &Decimal) -> bool {
        self.0.mantissa() == other.0.mantissa() && self.0.scale() == other.0.scale()
    }
}

impl Decimal {
    /// `Decimal.parse/1` of a whole text: `"9.50"`, `"-3"`, `"1.5e3"`, `" 2 "`. None otherwise.
    pub fn parse(text: &str) -> Option<Decimal> {
        let text = text.trim();
        if text.is_empty() || text.contains('_') {
            return None;
        }
        let text = text.strip_prefix('+').unwrap_or(text);
        if text.contains(['e', 'E']) {
            return rust_decimal::Decimal::from_scientific(text).ok().map(Decimal);
        }
        let text = if text.starts_with('.') {
            format!("0{text}")
        } else {
            text.to_string()
        };
        rust_decimal::Decimal::from_str_exact(&text).ok().map(Decimal)
    }

    pub fn from_int(i: i64) -> Decimal {
        Decimal(rust_decimal::Decimal::from(i))
    }

    /// `Decimal.from_float/1`: the shortest text that reads back as the float.
    pub fn from_float(f: f64) -> Option<Decimal> {
        if !f.is_finite() {
            return None;
        }
        Decimal::parse(&format!("{f:?}"))
    }

    /// Plain digits with the scale kept (`9.50`, `-0.001`): the storage text.
    pub fn plain(&self) -> String {
        self.0.to_string()
    }

    /// `Decimal.to_string/1` (`:scientific`): plain unless the exponent is positive or the
    /// adjusted exponent is below -6 (`1E-7`, `1.23E-8`).
    pub fn to_text(&self) -> String {
        let coef = self.0.mantissa().unsigned_abs().to_string();
        let exp = -(self.0.scale() as i64);
        let adjusted = exp + coef.len() as i64 - 1;
        if adjusted >= -6 {
            return self.plain();
        }
        let sign = if self.0.is_sign_negative() && !self.0.is_zero() {
            "-"
        } else {
            ""
        };
        let (first, rest) = coef.split_at(1);
        let dot = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        format!("{sign}{first}{dot}E{adjusted}")
    }

    pub fn to_float(&self) -> f64 {
        self.plain().parse().unwrap_or(f64::NAN)
    }

    /// `Decimal.compare/2` by value.
    pub fn compare(&self, other: &Decimal) -> Ordering {
        self.0.cmp(&other.0)
    }

    /// Elixir's term order of `%Decimal{coef, exp, sign}`: coefficient, then exponent, then
    /// sign.
    pub fn term_cmp(&self, other: &Decimal) -> Ordering {
        let key = |d: &Decimal| {
            (
                d.0.mantissa().unsigned_abs(),
                -(d.0.scale() as i64),
                if d.0.is_sign_negative() { -1 } else { 1 },
            )
        };
        key(self).cmp(&key(other))
    }

    pub fn add(&self, other: &Decimal) -> Option<Decimal> {
        self.0.checked_add(other.0).map(Decimal)
    }

    pub fn sub(&self, other: &Decimal) -> Option<Decimal> {
        self.0.checked_sub(other.0).map(Decimal)
    }

    pub fn mult(&self, other: &Decimal) -> Option<Decimal> {
        self.0.checked_mul(other.0).map(Decimal)
    }

    /// None on division by zero or overflow. The quotient has no trailing zeros beyond what
    /// it needs (`Decimal.div(10, 4)` is `2.5`, `Decimal.div(6, 3)` is `2`).
    pub fn div(&self, other: &Decimal) -> Option<Decimal> {
        if other.0.is_zero() {
            return None;
        }
        self.0.checked_div(other.0).map(|q| Decimal(q.normalize()))
    }

    /// `Decimal.round/2` (`:half_up`): exactly `places` fraction digits.
    pub fn round(&self, places: u32) -> Decimal {
        let mut d = self
            .0
            .round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
        d.rescale(places);
        Decimal(d)
    }

    pub fn negate(&self) -> Decimal {
        Decimal(-self.0)
    }

    pub fn abs(&self) -> Decimal {
        Decimal(self.0.abs())
    }

    pub fn is_zero(&self) -> bool {
        self.0.is_zero()
    }
}

impl FromStr for Decimal {
    type Err = ();
    fn from_str(s: &str) -> Result<Decimal, ()> {
        Decimal::parse(s).ok_or(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        Decimal::parse(text).expect(text)
    }

    #[test]
    fn texts_as_decimal_prints_them() {
        let rows = [
            ("9.50", "9.50"),
            ("-3", "-3"),
            ("0.0000001", "1E-7"),
            ("0.000001", "0.000001"),
            ("1.5e3", "1500"),
            (".5", "0.5"),
            ("0.00000123", "0.00000123"),
            ("0.000000123", "1.23E-7"),
        ];
        for (input, shown) in rows {
            assert_eq!(d(input).to_text(), shown, "{input}");
        }
        for bad in ["", "abc", "1.2.3", "1_000"] {
            assert_eq!(Decimal::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn arithmetic_keeps_scale_like_decimal() {
        type Op = fn(&Decimal, &Decimal) -> Option<Decimal>;
        let rows: [(&str, Op, &str, &str); 6] = [
            ("9.50", Decimal::add, "0.5", "10.00"),
            ("1.0", Decimal::sub, "2", "-1.0"),
            ("1.5", Decimal::mult, "2.00", "3.000"),
            ("10", Decimal::div, "4", "2.5"),
            ("6", Decimal::div, "3", "2"),
            ("1", Decimal::div, "3", "0.3333333333333333333333333333"),
        ];
        for (a, f, b, expected) in rows {
            assert_eq!(
                f(&d(a), &d(b)).map(|r| r.to_text()).as_deref(),
                Some(expected),
                "{a} {b}"
            );
        }
        assert_eq!(d("1").div(&d("0")), None);
        assert_eq!(d("1.234").round(2).to_text(), "1.23");
        assert_eq!(d("1.5").round(0).to_text(), "2");
        assert_eq!(d("1.2").round(3).to_text(), "1.200");
        assert_ne!(d("1.0"), d("1.00"));
        assert_eq!(d("1.0").compare(&d("1.00")), Ordering::Equal);
    }
}
