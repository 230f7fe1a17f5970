//! What SQLite is given of PostgreSQL's types, registered on every SQLite connection.
//! Decimals are kept as their text (`9.50`, see `scalar`), so they get `numeric`'s
//! operations: a collation that orders by value, `+ - *` that keep the scale as `Decimal`
//! does, and an exact `SUM`. ci_strings get `citext`'s: a collation and a `lower` that fold
//! case beyond ASCII (SQLite's own `NOCASE` and `lower` stop at ASCII).

use std::cmp::Ordering;

use diesel::QueryResult;
use diesel::sql_types::{Nullable, Text};
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
/// The exact `SUM` of decimals (NULL over no rows, as `SUM`).
pub(crate) const SUM: &str = "helpdesk_decimal_sum";

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
    conn.register_aggregate_function::<Nullable<Text>, Nullable<Text>, Option<String>, Option<String>, Sum>(
        SUM,
    )
}
