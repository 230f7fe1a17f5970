//! What SQLite is given of PostgreSQL's types, registered on every SQLite connection.
//! Decimals are kept as their text (`9.50`, see `scalar`), so they get `numeric`'s
//! operations: a collation that orders by value, `+ - *` that keep the scale as `Decimal`
//! does, and an exact `SUM`. ci_strings get `citext`'s: a collation and a `lower` that fold
//! case beyond ASCII (SQLite's own `NOCASE` and `lower` stop at ASCII).

use std::cmp::Ordering;

use diesel::QueryResult;
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::{Nullable, Text};
use diesel::sqlite::Sqlite;
use diesel::sqlite::SqliteAggregateFunction;

use crate::scalar::Decimal;

/// The collation ordering decimals by value; texts that are not decimals sort after them.
pub(crate) const DECIMAL_COLLATION: &str = "helpdesk_decimal";
/// The clause that applies it.
pub(crate) const DECIMAL_COLLATE: &str = " COLLATE helpdesk_decimal";
/// The collation comparing texts without case, as `citext` does (by their lower case).
pub(crate) const CI_COLLATION: &str = "helpdesk_ci";
/// The clause that applies it.
pub(crate) const CI_COLLATE: &str = " COLLATE helpdesk_ci";
/// `helpdesk_lower(text)`: the text in lower case, beyond ASCII.
pub(crate) const LOWER: &str = "helpdesk_lower";
/// `helpdesk_decimal_add(a, b)`, `_sub`, `_mul`: NULL when an operand is NULL.
pub(crate) const ADD: &str = "helpdesk_decimal_add";
pub(crate) const SUB: &str = "helpdesk_decimal_sub";
pub(crate) const MUL: &str = "helpdesk_decimal_mul";
/// `helpdesk_decimal_div(a, b)`: `Decimal.div/2`; raises on a zero divisor, as PostgreSQL does.
pub(crate) const DIV: &str = "helpdesk_decimal_div";
/// The exact `SUM` of decimals (NULL over no rows, as `SUM`).
pub(crate) const SUM: &str = "helpdesk_decimal_sum";
/// `AVG` of decimals as PostgreSQL's numeric `AVG` gives it (its division's scale, not trimmed).
pub(crate) const AVG: &str = "helpdesk_decimal_avg";

fn ci_order(a: &str, b: &str) -> Ordering {
    a.to_lowercase().cmp(&b.to_lowercase())
}

fn order(a: &str, b: &str) -> Ordering {
    match (Decimal::parse(a), Decimal::parse(b)) {
        (Some(x), Some(y)) => x.compare(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp(b),
    }
}

type Op = fn(&Decimal, &Decimal) -> Option<Decimal>;

fn apply(op: Op, a: Option<String>, b: Option<String>) -> Option<String> {
    let (a, b) = (Decimal::parse(&a?)?, Decimal::parse(&b?)?);
    op(&a, &b).map(|r| r.plain())
}

/// The result of one `helpdesk_decimal_div`; serialising `Zero` fails, which makes SQLite raise
/// (mapped back to `DbError::DivisionByZero` by its message).
#[derive(Debug)]
enum Quotient {
    Value(Option<String>),
    Zero,
}

impl ToSql<Nullable<Text>, Sqlite> for Quotient {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        match self {
            Quotient::Value(Some(v)) => {
                out.set_value(v.as_str());
                Ok(IsNull::No)
            }
            Quotient::Value(None) => Ok(IsNull::Yes),
            Quotient::Zero => Err(super::connection::DIVISION_BY_ZERO.into()),
        }
    }
}

fn divide(a: Option<String>, b: Option<String>) -> Quotient {
    let parsed = |t: Option<String>| t.as_deref().and_then(Decimal::parse);
    match (parsed(a), parsed(b)) {
        (Some(_), Some(d)) if d.is_zero() => Quotient::Zero,
        (Some(n), Some(d)) => Quotient::Value(postgres_quotient(&n, &d).map(|q| q.plain())),
        _ => Quotient::Value(None),
    }
}

/// `n / d` as PostgreSQL's `trim_scale(numeric / numeric)` gives it, so both backends agree
/// (and agree with Ash on ash_postgres, which divides in SQL): rounded half away from zero to
/// PostgreSQL's result scale (`select_div_scale`: 16 significant digits at least, never fewer
/// fraction digits than an operand has), then without trailing zeros.
fn postgres_quotient(n: &Decimal, d: &Decimal) -> Option<Decimal> {
    postgres_division(n, d).map(|q| Decimal(q.0.normalize()))
}

/// `n / d` as PostgreSQL's numeric division gives it: rounded half away from zero to its
/// result scale, trailing zeros kept (`select_div_scale`).
fn postgres_division(n: &Decimal, d: &Decimal) -> Option<Decimal> {
    let quotient = n.0.checked_div(d.0)?;
    let (w1, f1) = base_10000_lead(n);
    let (w2, f2) = base_10000_lead(d);
    let mut qweight = w1 - w2;
    if f1 <= f2 {
        qweight -= 1;
    }
    let scale = (16 - qweight * 4)
        .max(n.0.scale() as i64)
        .max(d.0.scale() as i64)
        .clamp(0, 28);
    let mut rounded =
        quotient.round_dp_with_strategy(scale as u32, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(scale as u32);
    Some(Decimal(rounded))
}

/// PostgreSQL's numeric layout: the weight of the first base-10000 digit and its value
/// (`9.50` is weight 0, digit 9; `0.05` weight -1, digit 500; zero is weight 0, digit 0).
fn base_10000_lead(x: &Decimal) -> (i64, u64) {
    let digits = x.0.mantissa().unsigned_abs().to_string();
    if x.0.is_zero() {
        return (0, 0);
    }
    let scale = x.0.scale() as usize;
    // Pad so the fraction is whole groups of four, then split the integer part from the left.
    let fraction_pad = (4 - scale % 4) % 4;
    let padded = format!("{digits}{}", "0".repeat(fraction_pad));
    let int_len = padded.len() as i64 - (scale + fraction_pad) as i64;
    let lead_len = if int_len > 0 {
        ((int_len - 1) % 4 + 1) as usize
    } else {
        4
    };
    let (mut weight, mut at) = if int_len > 0 {
        ((int_len - 1) / 4, 0usize)
    } else {
        // Whole groups after the point; skip the leading zero groups.
        let fraction = format!("{}{padded}", "0".repeat((-int_len) as usize));
        return first_nonzero_group(&fraction);
    };
    let mut lead = 0;
    while at < padded.len() {
        let len = if at == 0 { lead_len } else { 4 };
        lead = padded[at..at + len].parse().unwrap_or(0);
        if lead != 0 {
            break;
        }
        weight -= 1;
        at += len;
    }
    (weight, lead)
}

/// The weight and value of the first non-zero group of four digits after the point.
fn first_nonzero_group(fraction: &str) -> (i64, u64) {
    let mut weight = -1;
    for group in fraction.as_bytes().chunks(4) {
        let value: u64 = std::str::from_utf8(group)
            .ok()
            .and_then(|g| g.parse().ok())
            .unwrap_or(0);
        if value != 0 {
            return (weight, value);
        }
        weight -= 1;
    }
    (0, 0)
}

/// The running sum and count of `helpdesk_decimal_avg`.
#[derive(Default)]
struct Avg {
    sum: Sum,
    count: i64,
}

impl SqliteAggregateFunction<Option<String>> for Avg {
    type Output = Option<String>;

    fn step(&mut self, value: Option<String>) {
        if value.as_deref().and_then(Decimal::parse).is_some() {
            self.count += 1;
        }
        self.sum.step(value);
    }

    fn finalize(avg: Option<Self>) -> Option<String> {
        let avg = avg?;
        let sum = avg.sum.0?;
        postgres_division(&sum, &Decimal::from_int(avg.count)).map(|q| q.plain())
    }
}

/// The running sum of `helpdesk_decimal_sum`.
#[derive(Default)]
struct Sum(Option<Decimal>);

impl SqliteAggregateFunction<Option<String>> for Sum {
    type Output = Option<String>;

    fn step(&mut self, value: Option<String>) {
        if let Some(d) = value.as_deref().and_then(Decimal::parse) {
            self.0 = Some(match self.0 {
                Some(total) => total.add(&d).unwrap_or(total),
                None => d,
            });
        }
    }

    fn finalize(sum: Option<Self>) -> Option<String> {
        sum.and_then(|s| s.0).map(|d| d.plain())
    }
}

pub(crate) fn register(conn: &mut diesel::SqliteConnection) -> QueryResult<()> {
    // diesel 2.3 hands a collation its operands swapped (`run_collation_function` calls
    // `callback(rhs, lhs)`), so the order is given reversed; transcript 41 sorts and compares
    // decimals on SQLite and fails if that ever changes.
    conn.register_collation(DECIMAL_COLLATION, |rhs: &str, lhs: &str| order(lhs, rhs))?;
    conn.register_collation(CI_COLLATION, |rhs: &str, lhs: &str| ci_order(lhs, rhs))?;
    conn.register_sql_function::<Nullable<Text>, Nullable<Text>, _, _, _>(
        LOWER,
        true,
        |text: Option<String>| text.map(|t| t.to_lowercase()),
    )?;
    for (name, op) in [
        (ADD, Decimal::add as Op),
        (SUB, Decimal::sub as Op),
        (MUL, Decimal::mult as Op),
    ] {
        conn.register_sql_function::<(Nullable<Text>, Nullable<Text>), Nullable<Text>, _, _, _>(
            name,
            true,
            move |(a, b): (Option<String>, Option<String>)| apply(op, a, b),
        )?;
    }
    conn.register_sql_function::<(Nullable<Text>, Nullable<Text>), Nullable<Text>, _, _, _>(
        DIV,
        true,
        |(a, b): (Option<String>, Option<String>)| divide(a, b),
    )?;
    conn.register_aggregate_function::<Nullable<Text>, Nullable<Text>, Option<String>, Option<String>, Sum>(
        SUM,
    )?;
    conn.register_aggregate_function::<Nullable<Text>, Nullable<Text>, Option<String>, Option<String>, Avg>(
        AVG,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// PostgreSQL 15's `trim_scale(a::numeric / b::numeric)` for each row (asked of the server).
    #[test]
    fn quotients_as_postgresql_gives_them() {
        let rows = [
            ("9.50", "2", "4.75"),
            ("9.50", "3", "3.1666666666666667"),
            ("1", "3", "0.33333333333333333333"),
            ("10", "4", "2.5"),
            ("6", "3", "2"),
            ("0.05", "3", "0.01666666666666666667"),
            ("100000", "3", "33333.333333333333"),
            ("0.0001", "7", "0.000014285714285714285714"),
            ("1.5", "0.25", "6"),
            ("22222", "0.7", "31745.714285714286"),
            ("12345", "7", "1763.5714285714285714"),
            ("-2", "3", "-0.66666666666666666667"),
            ("0", "7", "0"),
        ];
        for (n, d, expected) in rows {
            let q = postgres_quotient(&Decimal::parse(n).expect(n), &Decimal::parse(d).expect(d));
            assert_eq!(q.map(|q| q.plain()).as_deref(), Some(expected), "{n} / {d}");
        }
    }

    /// PostgreSQL 15's numeric `AVG` (asked of the server): the division's scale, untrimmed.
    #[test]
    fn averages_as_postgresql_gives_them() {
        let rows: [(&[&str], &str); 3] = [
            (&["1.00", "3.00"], "2.0000000000000000"),
            (&["1.25", "10.00", "0.05"], "3.7666666666666667"),
            (&["1", "2"], "1.5000000000000000"),
        ];
        for (values, expected) in rows {
            let mut avg = Avg::default();
            for v in values {
                avg.step(Some(v.to_string()));
            }
            assert_eq!(Avg::finalize(Some(avg)).as_deref(), Some(expected), "{values:?}");
        }
    }
}
