//! `DateTime`, `NaiveDateTime`, `Date` and `Time`: the everyday functions on the calendar
//! structs (`scalar::Calendar`) — now, parsing and printing, arithmetic, differences and
//! comparisons — with Elixir 1.14's results and errors.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Timelike};

use crate::eval::error::EvalError;
use crate::eval::stdlib::errors;
use crate::scalar::Scalar;
use crate::scalar::calendar::{Calendar, Kind, Precision, now, truncate, truncate_time};
use crate::value::Value;

pub(super) const DATETIME: &[(&str, usize)] = &[
    ("add", 2),
    ("add", 3),
    ("after?", 2),
    ("before?", 2),
    ("compare", 2),
    ("diff", 2),
    ("diff", 3),
    ("from_iso8601", 1),
    ("from_naive", 2),
    ("from_unix", 1),
    ("to_date", 1),
    ("to_iso8601", 1),
    ("to_naive", 1),
    ("to_string", 1),
    ("to_time", 1),
    ("to_unix", 1),
    ("truncate", 2),
    ("utc_now", 0),
];

pub(super) const NAIVE: &[(&str, usize)] = &[
    ("add", 2),
    ("add", 3),
    ("after?", 2),
    ("before?", 2),
    ("compare", 2),
    ("diff", 2),
    ("diff", 3),
    ("from_iso8601", 1),
    ("new", 2),
    ("to_date", 1),
    ("to_iso8601", 1),
    ("to_string", 1),
    ("to_time", 1),
    ("truncate", 2),
    ("utc_now", 0),
];

pub(super) const DATE: &[(&str, usize)] = &[
    ("add", 2),
    ("after?", 2),
    ("before?", 2),
    ("beginning_of_month", 1),
    ("compare", 2),
    ("day_of_week", 1),
    ("days_in_month", 1),
    ("diff", 2),
    ("end_of_month", 1),
    ("from_iso8601", 1),
    ("new", 3),
    ("to_iso8601", 1),
    ("to_string", 1),
    ("utc_today", 0),
];

pub(super) const TIME: &[(&str, usize)] = &[
    ("add", 2),
    ("add", 3),
    ("compare", 2),
    ("diff", 2),
    ("diff", 3),
    ("from_iso8601", 1),
    ("new", 3),
    ("to_iso8601", 1),
    ("to_string", 1),
    ("truncate", 2),
    ("utc_now", 0),
];

type Res = Result<Value, EvalError>;

/// Calls `name` of a calendar module: a function of `table`, shared (`common`) or its own
/// (`own`); a listed function given arguments it has no clause for raises
/// FunctionClauseError.
fn dispatch(
    table: &[(&str, usize)],
    kind: Kind,
    name: &str,
    args: &[Value],
    own: fn(&str, &[Value]) -> Option<Res>,
) -> Option<Res> {
    if !listed(table, name, args) {
        return None;
    }
    let result = common(kind, name, args).or_else(|| own(name, args));
    Some(result.unwrap_or_else(|| Err(no_clause(kind.module(), name, args))))
}

/// Whether `module.name/arity` is one of `table`'s functions.
fn listed(table: &[(&str, usize)], name: &str, args: &[Value]) -> bool {
    table.iter().any(|(n, arity)| *n == name && *arity == args.len())
}

/// `{:error, reason}`.
fn error(reason: &str) -> Value {
    Value::tuple(vec![Value::atom("error"), Value::atom(reason)])
}

fn cal(c: Calendar) -> Value {
    Value::scalar(Scalar::Cal(c))
}

/// The calendar struct of `kind` in `value`, if it is one.
fn of(value: &Value, kind: Kind) -> Option<Calendar> {
    match value {
        Value::Scalar(s) => match &**s {
            Scalar::Cal(c) if c.kind() == kind => Some(*c),
            _ => None,
        },
        _ => None,
    }
}

/// Microseconds in one `unit` (`:second` …), and the precision a result in it keeps.
fn unit(value: &Value, days: bool) -> Option<(i64, Precision)> {
    Some(match value.atom_name()?.as_ref() {
        "microsecond" => (1, 6),
        "millisecond" => (1_000, 3),
        "second" => (1_000_000, 0),
        "minute" if days => (60_000_000, 0),
        "hour" if days => (3_600_000_000, 0),
        "day" if days => (86_400_000_000, 0),
        "week" if days => (604_800_000_000, 0),
        _ => return None,
    })
}

fn order(o: std::cmp::Ordering) -> Value {
    Value::atom(match o {
        std::cmp::Ordering::Less => "lt",
        std::cmp::Ordering::Equal => "eq",
        std::cmp::Ordering::Greater => "gt",
    })
}

fn no_clause(module: &str, name: &str, args: &[Value]) -> EvalError {
    errors::function_clause(&format!("{module}.{name}/{}", args.len()), args, &[])
}

fn parsed(kind: Kind, text: &Value) -> Res {
    let Value::Str(text) = text else {
        return Err(no_clause(
            kind.module(),
            "from_iso8601",
            std::slice::from_ref(text),
        ));
    };
    Ok(match Calendar::from_iso8601(kind, text) {
        // DateTime.from_iso8601 also returns the offset the text had, in seconds.
        Ok(c) if kind == Kind::Utc => {
            Value::tuple(vec![Value::atom("ok"), cal(c), Value::Int(offset_of(text))])
        }
        Ok(c) => Value::ok(cal(c)),
        Err(reason) => error(reason.atom()),
    })
}

/// The UTC offset written at the end of an ISO 8601 datetime, in seconds.
fn offset_of(text: &str) -> i64 {
    let text = text.trim();
    let Some(at) = text.rfind(['+', '-']).filter(|&i| i > 10) else {
        return 0;
    };
    let sign = if text.as_bytes()[at] == b'-' { -1 } else { 1 };
    let digits: String = text[at + 1..].chars().filter(char::is_ascii_digit).collect();
    let hours: i64 = digits.get(..2).and_then(|h| h.parse().ok()).unwrap_or(0);
    let minutes: i64 = digits.get(2..4).and_then(|m| m.parse().ok()).unwrap_or(0);
    sign * (hours * 3600 + minutes * 60)
}

/// `add/3` and `diff/3` of datetimes, naive datetimes and times.
fn shifted(c: Calendar, amount: i64, unit: (i64, Precision)) -> Option<Calendar> {
    let delta = Duration::microseconds(amount.checked_mul(unit.0)?);
    Some(match c {
        Calendar::Utc(at, p) => Calendar::Utc(at.checked_add_signed(delta)?, p.max(unit.1)),
        Calendar::Naive(at, p) => Calendar::Naive(at.checked_add_signed(delta)?, p.max(unit.1)),
        Calendar::Time(t, p) => Calendar::Time(t.overflowing_add_signed(delta).0, p.max(unit.1)),
        Calendar::Date(d) => Calendar::Date(d.checked_add_signed(delta)?),
    })
}

fn truncated(c: Calendar, unit: (i64, Precision)) -> Calendar {
    let p = |old: Precision| old.min(unit.1);
    match c {
        Calendar::Utc(at, old) => Calendar::Utc(truncate(at, p(old)), p(old)),
        Calendar::Naive(at, old) => Calendar::Naive(truncate(at, p(old)), p(old)),
        Calendar::Time(t, old) => Calendar::Time(truncate_time(t, p(old)), p(old)),
        date => date,
    }
}

/// The functions the datetime-like modules share: `compare`, `diff`, `add`, `truncate`,
/// `to_string`, `to_iso8601`, `before?`/`after?`, `from_iso8601`.
fn common(kind: Kind, name: &str, args: &[Value]) -> Option<Res> {
    let module = kind.module();
    let timed = kind != Kind::Date;
    Some(match (name, args) {
        ("from_iso8601", [text]) => parsed(kind, text),
        ("compare", [a, b]) | ("before?", [a, b]) | ("after?", [a, b]) => match (of(a, kind), of(b, kind)) {
            (Some(x), Some(y)) => {
                let o = x.micros().cmp(&y.micros());
                Ok(match name {
                    "compare" => order(o),
                    "before?" => Value::Bool(o.is_lt()),
                    _ => Value::Bool(o.is_gt()),
                })
            }
            _ => Err(no_clause(module, name, args)),
        },
        ("diff", [a, b]) | ("diff", [a, b, _]) => {
            let u = match args.get(2) {
                None if timed => Some((1_000_000, 0)),
                None => Some((86_400_000_000, 0)),
                Some(u) if timed => unit(u, true),
                Some(_) => None,
            };
            match (of(a, kind), of(b, kind), u) {
                (Some(x), Some(y), Some((per, _))) => Ok(Value::Int((x.micros() - y.micros()) / per)),
                _ => Err(no_clause(module, name, args)),
            }
        }
        ("add", [c, Value::Int(n)]) | ("add", [c, Value::Int(n), _]) => {
            let u = match args.get(2) {
                None if timed => Some((1_000_000, 0)),
                None => Some((86_400_000_000, 0)),
                Some(u) if timed => unit(u, true),
                Some(_) => None,
            };
            match (of(c, kind), u) {
                (Some(c), Some(u)) => shifted(c, *n, u).map(cal).ok_or_else(errors::overflow),
                _ => Err(no_clause(module, name, args)),
            }
        }
        ("truncate", [c, u]) if timed => match (of(c, kind), unit(u, false)) {
            (Some(c), Some(u)) => Ok(cal(truncated(c, u))),
            _ => Err(no_clause(module, name, args)),
        },
        ("to_string", [c]) => of(c, kind)
            .map(|c| Value::string(c.to_text()))
            .ok_or_else(|| no_clause(module, name, args)),
        ("to_iso8601", [c]) => of(c, kind)
            .map(|c| Value::string(c.iso8601()))
            .ok_or_else(|| no_clause(module, name, args)),
        ("to_date", [c]) if timed => match of(c, kind).and_then(|c| c.datetime()) {
            Some((at, _)) => Ok(cal(Calendar::Date(at.date()))),
            None => Err(no_clause(module, name, args)),
        },
        ("to_time", [c]) if timed => match of(c, kind).and_then(|c| c.datetime()) {
            Some((at, p)) => Ok(cal(Calendar::Time(at.time(), p))),
            None => Err(no_clause(module, name, args)),
        },
        _ => return None,
    })
}

pub(super) fn call_datetime(name: &str, args: &[Value]) -> Option<Res> {
    dispatch(DATETIME, Kind::Utc, name, args, datetime_only)
}

/// The `DateTime` functions the other calendar modules do not share.
fn datetime_only(name: &str, args: &[Value]) -> Option<Res> {
    Some(match (name, args) {
        ("utc_now", []) => Ok(cal(Calendar::Utc(now(), 6))),
        ("to_naive", [c]) => match of(c, Kind::Utc) {
            Some(Calendar::Utc(at, p)) => Ok(cal(Calendar::Naive(at, p))),
            _ => Err(no_clause("DateTime", name, args)),
        },
        ("from_naive", [c, Value::Str(zone)]) if zone.as_ref() == "Etc/UTC" => match of(c, Kind::Naive) {
            Some(Calendar::Naive(at, p)) => Ok(Value::ok(cal(Calendar::Utc(at, p)))),
            _ => Err(no_clause("DateTime", name, args)),
        },
        ("from_naive", [_, Value::Str(_)]) => Ok(error("utc_only_time_zone_database")),
        ("to_unix", [c]) => match of(c, Kind::Utc) {
            Some(c) => Ok(Value::Int(c.micros().div_euclid(1_000_000))),
            None => Err(no_clause("DateTime", name, args)),
        },
        ("from_unix", [Value::Int(s)]) => Ok(match chrono::DateTime::from_timestamp(*s, 0) {
            Some(at) => Value::ok(cal(Calendar::Utc(at.naive_utc(), 0))),
            None => error("invalid_unix_time"),
        }),
        _ => return None,
    })
}

pub(super) fn call_naive(name: &str, args: &[Value]) -> Option<Res> {
    dispatch(NAIVE, Kind::Naive, name, args, naive_only)
}

/// The `NaiveDateTime` functions the other calendar modules do not share.
fn naive_only(name: &str, args: &[Value]) -> Option<Res> {
    Some(match (name, args) {
        ("utc_now", []) => Ok(cal(Calendar::Naive(now(), 6))),
        ("new", [d, t]) => match (of(d, Kind::Date), of(t, Kind::Time)) {
            (Some(Calendar::Date(d)), Some(Calendar::Time(t, p))) => {
                Ok(Value::ok(cal(Calendar::Naive(d.and_time(t), p))))
            }
            _ => Err(no_clause("NaiveDateTime", name, args)),
        },
        _ => return None,
    })
}

fn date_of(value: &Value) -> Option<NaiveDate> {
    match of(value, Kind::Date) {
        Some(Calendar::Date(d)) => Some(d),
        _ => None,
    }
}

fn days_in_month(d: NaiveDate) -> u32 {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|next| next.pred_opt())
        .map_or(31, |last| last.day())
}

pub(super) fn call_date(name: &str, args: &[Value]) -> Option<Res> {
    dispatch(DATE, Kind::Date, name, args, date_only)
}

/// The `Date` functions the other calendar modules do not share.
fn date_only(name: &str, args: &[Value]) -> Option<Res> {
    let date = |f: &dyn Fn(NaiveDate) -> Value| match args.first().and_then(date_of) {
        Some(d) => Ok(f(d)),
        None => Err(no_clause("Date", name, args)),
    };
    Some(match (name, args) {
        ("utc_today", []) => Ok(cal(Calendar::Date(now().date()))),
        ("day_of_week", [_]) => date(&|d| Value::Int(d.weekday().number_from_monday() as i64)),
        ("days_in_month", [_]) => date(&|d| Value::Int(days_in_month(d) as i64)),
        ("beginning_of_month", [_]) => date(&|d| cal(Calendar::Date(d.with_day(1).unwrap_or(d)))),
        ("end_of_month", [_]) => date(&|d| cal(Calendar::Date(d.with_day(days_in_month(d)).unwrap_or(d)))),
        ("new", [Value::Int(y), Value::Int(m), Value::Int(d)]) => Ok(
            match NaiveDate::from_ymd_opt(*y as i32, *m as u32, *d as u32).filter(|_| (0..=9999).contains(y))
            {
                Some(d) => Value::ok(cal(Calendar::Date(d))),
                None => error("invalid_date"),
            },
        ),
        _ => return None,
    })
}

pub(super) fn call_time(name: &str, args: &[Value]) -> Option<Res> {
    dispatch(TIME, Kind::Time, name, args, time_only)
}

/// The `Time` functions the other calendar modules do not share.
fn time_only(name: &str, args: &[Value]) -> Option<Res> {
    Some(match (name, args) {
        ("utc_now", []) => Ok(cal(Calendar::Time(now().time(), 6))),
        ("new", [Value::Int(h), Value::Int(m), Value::Int(s)]) => Ok(
            match NaiveTime::from_hms_opt(*h as u32, *m as u32, *s as u32)
                .filter(|_| *h >= 0 && *m >= 0 && *s >= 0)
            {
                Some(t) => Value::ok(cal(Calendar::Time(t, 0))),
                None => error("invalid_time"),
            },
        ),
        _ => return None,
    })
}

/// A field of a calendar struct (`dt.year`, `t.microsecond`), as Elixir's struct keys.
pub fn field(c: &Calendar, name: &str) -> Option<Value> {
    let (date, time, precision) = match *c {
        Calendar::Date(d) => (Some(d), None, 0),
        Calendar::Time(t, p) => (None, Some(t), p),
        Calendar::Naive(at, p) | Calendar::Utc(at, p) => (Some(at.date()), Some(at.time()), p),
    };
    let utc = matches!(c, Calendar::Utc(..));
    Some(match name {
        "year" => Value::Int(date?.year() as i64),
        "month" => Value::Int(date?.month() as i64),
        "day" => Value::Int(date?.day() as i64),
        "hour" => Value::Int(time?.hour() as i64),
        "minute" => Value::Int(time?.minute() as i64),
        "second" => Value::Int(time?.second() as i64),
        "microsecond" => Value::tuple(vec![
            Value::Int((time?.nanosecond() / 1000) as i64),
            Value::Int(precision as i64),
        ]),
        "calendar" => Value::Module("Calendar.ISO".into()),
        "time_zone" if utc => Value::string("Etc/UTC"),
        "zone_abbr" if utc => Value::string("UTC"),
        "utc_offset" | "std_offset" if utc => Value::Int(0),
        _ => return None,
    })
}
