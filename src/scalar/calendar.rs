//! Elixir's calendar structs in the ISO calendar: `Date`, `Time`, `NaiveDateTime` and
//! `DateTime` (always `Etc/UTC` here, as Ash's `:utc_datetime` types are), with the microsecond
//! precision Elixir keeps (`~U[… 05.120Z]` has precision 3), their ISO 8601 parsing, the sigil
//! and ISO texts, and the casts Ash's types make (Ecto's: `:utc_datetime` truncates to the
//! second, the `_usec` types keep microseconds with precision 6).

use std::cmp::Ordering;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::model::Type;

/// How many digits of the microseconds a value shows (0..=6).
pub type Precision = u8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Calendar {
    Date(NaiveDate),
    Time(NaiveTime, Precision),
    Naive(NaiveDateTime, Precision),
    /// A `DateTime` in UTC.
    Utc(NaiveDateTime, Precision),
}

/// Which calendar struct a text or a function is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Date,
    Time,
    Naive,
    Utc,
}

impl Kind {
    /// The struct module.
    pub fn module(self) -> &'static str {
        match self {
            Kind::Date => "Date",
            Kind::Time => "Time",
            Kind::Naive => "NaiveDateTime",
            Kind::Utc => "DateTime",
        }
    }

    /// The kind a sigil letter makes (`~U`, `~N`, `~D`, `~T`).
    pub fn of_sigil(letter: char) -> Option<Kind> {
        Some(match letter {
            'D' => Kind::Date,
            'T' => Kind::Time,
            'N' => Kind::Naive,
            'U' => Kind::Utc,
            _ => return None,
        })
    }
}

/// Why an ISO 8601 text was refused, in Elixir's words (`:invalid_format`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseError {
    InvalidFormat,
    InvalidDate,
    InvalidTime,
    MissingOffset,
}

impl ParseError {
    pub fn atom(self) -> &'static str {
        match self {
            ParseError::InvalidFormat => "invalid_format",
            ParseError::InvalidDate => "invalid_date",
            ParseError::InvalidTime => "invalid_time",
            ParseError::MissingOffset => "missing_offset",
        }
    }
}

/// The pieces of an ISO 8601 text.
struct Parts {
    date: Option<NaiveDate>,
    time: Option<(NaiveTime, Precision)>,
    /// Seconds east of UTC.
    offset: Option<i32>,
}

fn digits(text: &str, n: usize) -> Option<(u32, &str)> {
    if text.len() < n || !text.as_bytes()[..n].iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some((text[..n].parse().ok()?, &text[n..]))
}

fn parse_date(text: &str) -> Result<(NaiveDate, &str), ParseError> {
    let bad = ParseError::InvalidFormat;
    let (year, rest) = digits(text, 4).ok_or(bad)?;
    let rest = rest.strip_prefix('-').ok_or(bad)?;
    let (month, rest) = digits(rest, 2).ok_or(bad)?;
    let rest = rest.strip_prefix('-').ok_or(bad)?;
    let (day, rest) = digits(rest, 2).ok_or(bad)?;
    let date = NaiveDate::from_ymd_opt(year as i32, month, day).ok_or(ParseError::InvalidDate)?;
    Ok((date, rest))
}

fn parse_time(text: &str) -> Result<((NaiveTime, Precision), &str), ParseError> {
    let bad = ParseError::InvalidFormat;
    let (hour, rest) = digits(text, 2).ok_or(bad)?;
    let rest = rest.strip_prefix(':').ok_or(bad)?;
    let (minute, rest) = digits(rest, 2).ok_or(bad)?;
    let rest = rest.strip_prefix(':').ok_or(bad)?;
    let (second, mut rest) = digits(rest, 2).ok_or(bad)?;
    let (mut usec, mut precision) = (0u32, 0u8);
    if let Some(fraction) = rest.strip_prefix('.').or_else(|| rest.strip_prefix(',')) {
        let n = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return Err(bad);
        }
        let shown = &fraction[..n.min(6)];
        usec = format!("{shown:0<6}").parse().map_err(|_| bad)?;
        precision = shown.len() as u8;
        rest = &fraction[n..];
    }
    let time = NaiveTime::from_hms_micro_opt(hour, minute, second, usec).ok_or(ParseError::InvalidTime)?;
    Ok(((time, precision), rest))
}

fn parse_offset(text: &str) -> Result<Option<i32>, ParseError> {
    let bad = ParseError::InvalidFormat;
    match text {
        "" => Ok(None),
        "Z" | "z" => Ok(Some(0)),
        _ => {
            let sign = match text.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return Err(bad),
            };
            let (hours, rest) = digits(&text[1..], 2).ok_or(bad)?;
            let rest = rest.strip_prefix(':').unwrap_or(rest);
            let (minutes, rest) = if rest.is_empty() {
                (0, rest)
            } else {
                digits(rest, 2).ok_or(bad)?
            };
            if !rest.is_empty() {
                return Err(bad);
            }
            Ok(Some(sign * (hours as i32 * 3600 + minutes as i32 * 60)))
        }
    }
}

fn parse_parts(text: &str, want_date: bool, want_time: bool) -> Result<Parts, ParseError> {
    let mut rest = text.trim();
    let mut parts = Parts {
        date: None,
        time: None,
        offset: None,
    };
    if want_date {
        let (date, after) = parse_date(rest)?;
        parts.date = Some(date);
        rest = after;
        if want_time {
            rest = rest
                .strip_prefix('T')
                .or_else(|| rest.strip_prefix(' '))
                .ok_or(ParseError::InvalidFormat)?;
        }
    }
    if want_time {
        let (time, after) = parse_time(rest)?;
        parts.time = Some(time);
        rest = after;
        parts.offset = parse_offset(rest)?;
    } else if !rest.is_empty() {
        return Err(ParseError::InvalidFormat);
    }
    Ok(parts)
}

fn at(parts: &Parts) -> Option<(NaiveDateTime, Precision)> {
    let (time, precision) = parts.time?;
    Some((parts.date?.and_time(time), precision))
}

impl Calendar {
    /// `Date.from_iso8601/1`, `Time.…`, `NaiveDateTime.…` (an offset is ignored) and
    /// `DateTime.…` (an offset is required; the value is shifted to UTC).
    pub fn from_iso8601(kind: Kind, text: &str) -> Result<Calendar, ParseError> {
        match kind {
            Kind::Date => Ok(Calendar::Date(
                parse_parts(text, true, false)?
                    .date
                    .ok_or(ParseError::InvalidFormat)?,
            )),
            Kind::Time => {
                let (time, precision) = parse_parts(text, false, true)?
                    .time
                    .ok_or(ParseError::InvalidFormat)?;
                Ok(Calendar::Time(time, precision))
            }
            Kind::Naive => {
                let (at, precision) = at(&parse_parts(text, true, true)?).ok_or(ParseError::InvalidFormat)?;
                Ok(Calendar::Naive(at, precision))
            }
            Kind::Utc => {
                let parts = parse_parts(text, true, true)?;
                let offset = parts.offset.ok_or(ParseError::MissingOffset)?;
                let (at, precision) = at(&parts).ok_or(ParseError::InvalidFormat)?;
                Ok(Calendar::Utc(at - Duration::seconds(offset as i64), precision))
            }
        }
    }

    /// A value of an Ash calendar type from input text, as Ecto casts it: a datetime text with
    /// or without an offset (shifted to UTC), a date text for `:date`, a time for `:time`;
    /// then truncated or padded to the type's precision. None when it is not one.
    pub fn parse_as(ty: &Type, text: &str) -> Option<Calendar> {
        let value = match ty {
            Type::Date => Calendar::Date(parse_parts(text, true, false).ok()?.date?),
            Type::Time => {
                let (time, precision) = parse_parts(text, false, true).ok()?.time?;
                Calendar::Time(time, precision)
            }
            Type::NaiveDatetime | Type::NaiveDatetimeUsec => {
                let (at, precision) = at(&parse_parts(text, true, true).ok()?)?;
                Calendar::Naive(at, precision)
            }
            Type::UtcDatetime | Type::UtcDatetimeUsec => {
                let parts = parse_parts(text, true, true).ok()?;
                let (at, precision) = at(&parts)?;
                Calendar::Utc(
                    at - Duration::seconds(parts.offset.unwrap_or(0) as i64),
                    precision,
                )
            }
            _ => return None,
        };
        value.cast(ty)
    }

    /// This value as a value of calendar type `ty` (Ecto's casts between the structs, with the
    /// type's precision), or None when it cannot be one.
    pub fn cast(self, ty: &Type) -> Option<Calendar> {
        let usec = matches!(ty, Type::UtcDatetimeUsec | Type::NaiveDatetimeUsec);
        let fit = |at: NaiveDateTime| {
            if usec { (at, 6) } else { (truncate(at, 0), 0) }
        };
        Some(match (self, ty) {
            (Calendar::Date(d), Type::Date) => Calendar::Date(d),
            (Calendar::Naive(at, _) | Calendar::Utc(at, _), Type::Date) => Calendar::Date(at.date()),
            (Calendar::Time(t, _), Type::Time) => Calendar::Time(truncate_time(t, 0), 0),
            (Calendar::Naive(at, _) | Calendar::Utc(at, _), Type::UtcDatetime | Type::UtcDatetimeUsec) => {
                let (at, p) = fit(at);
                Calendar::Utc(at, p)
            }
            (
                Calendar::Naive(at, _) | Calendar::Utc(at, _),
                Type::NaiveDatetime | Type::NaiveDatetimeUsec,
            ) => {
                let (at, p) = fit(at);
                Calendar::Naive(at, p)
            }
            _ => return None,
        })
    }

    pub fn kind(&self) -> Kind {
        match self {
            Calendar::Date(_) => Kind::Date,
            Calendar::Time(..) => Kind::Time,
            Calendar::Naive(..) => Kind::Naive,
            Calendar::Utc(..) => Kind::Utc,
        }
    }

    pub fn module(&self) -> &'static str {
        self.kind().module()
    }

    /// `2024-01-02 03:04:05.120000`: what SQLite stores and PostgreSQL casts from. Calendar
    /// fields have fixed widths, so within one type text order is time order.
    pub fn storage(&self) -> String {
        match self {
            Calendar::Date(d) => d.format("%Y-%m-%d").to_string(),
            Calendar::Time(t, p) => time_text(*t, *p),
            Calendar::Naive(at, p) | Calendar::Utc(at, p) => {
                format!("{} {}", at.date().format("%Y-%m-%d"), time_text(at.time(), *p))
            }
        }
    }

    /// `Kernel.to_string/1`: `2024-01-02 03:04:05Z` for a DateTime.
    pub fn to_text(&self) -> String {
        match self {
            Calendar::Utc(..) => format!("{}Z", self.storage()),
            _ => self.storage(),
        }
    }

    /// `*.to_iso8601/1`: `2024-01-02T03:04:05Z`.
    pub fn iso8601(&self) -> String {
        match self {
            Calendar::Naive(..) => self.storage().replacen(' ', "T", 1),
            Calendar::Utc(..) => format!("{}Z", self.storage().replacen(' ', "T", 1)),
            _ => self.storage(),
        }
    }

    /// iex's inspect: `~U[2024-01-02 03:04:05Z]`, `~N[…]`, `~D[…]`, `~T[…]`.
    pub fn sigil(&self) -> String {
        let letter = match self {
            Calendar::Date(_) => 'D',
            Calendar::Time(..) => 'T',
            Calendar::Naive(..) => 'N',
            Calendar::Utc(..) => 'U',
        };
        format!("~{letter}[{}]", self.to_text())
    }

    /// The date and time of a datetime (None for `Date` and `Time`).
    pub fn datetime(&self) -> Option<(NaiveDateTime, Precision)> {
        match self {
            Calendar::Naive(at, p) | Calendar::Utc(at, p) => Some((*at, *p)),
            _ => None,
        }
    }

    /// Elixir's term order: the structs are maps compared field by field in key order
    /// (`day` before `month` before `year`), which is why `DateTime.compare/2` exists.
    pub fn term_cmp(&self, other: &Calendar) -> Ordering {
        self.term_key().cmp(&other.term_key())
    }

    /// The struct's map size, then its field values in Erlang key order.
    fn term_key(&self) -> (usize, Vec<i64>) {
        let usec = |t: &NaiveTime| (t.nanosecond() / 1000) as i64;
        match self {
            Calendar::Date(d) => (5, vec![d.day() as i64, d.month() as i64, d.year() as i64]),
            Calendar::Time(t, p) => (
                6,
                vec![
                    t.hour() as i64,
                    usec(t),
                    *p as i64,
                    t.minute() as i64,
                    t.second() as i64,
                ],
            ),
            Calendar::Naive(at, p) | Calendar::Utc(at, p) => {
                let t = at.time();
                let size = if matches!(self, Calendar::Naive(..)) {
                    9
                } else {
                    13
                };
                (
                    size,
                    vec![
                        at.day() as i64,
                        t.hour() as i64,
                        usec(&t),
                        *p as i64,
                        t.minute() as i64,
                        at.month() as i64,
                        t.second() as i64,
                        at.year() as i64,
                    ],
                )
            }
        }
    }

    /// The instant as microseconds, for `compare`/`diff` (a date counts from its midnight).
    pub fn micros(&self) -> i64 {
        match self {
            Calendar::Date(d) => d.and_time(NaiveTime::MIN).and_utc().timestamp_micros(),
            Calendar::Time(t, _) => {
                t.num_seconds_from_midnight() as i64 * 1_000_000 + (t.nanosecond() / 1000) as i64
            }
            Calendar::Naive(at, _) | Calendar::Utc(at, _) => at.and_utc().timestamp_micros(),
        }
    }
}

/// The current UTC time to the microsecond (Elixir's clock resolution).
pub fn now() -> NaiveDateTime {
    truncate(chrono::Utc::now().naive_utc(), 6)
}

fn time_text(t: NaiveTime, precision: Precision) -> String {
    let mut text = t.format("%H:%M:%S").to_string();
    if precision > 0 {
        let usec = format!("{:06}", (t.nanosecond() / 1000).min(999_999));
        text.push('.');
        text.push_str(&usec[..precision.min(6) as usize]);
    }
    text
}

/// Drops the microseconds a precision does not show.
pub fn truncate(at: NaiveDateTime, precision: Precision) -> NaiveDateTime {
    at.date().and_time(truncate_time(at.time(), precision))
}

pub fn truncate_time(t: NaiveTime, precision: Precision) -> NaiveTime {
    let usec = t.nanosecond() / 1000;
    let unit = 10u32.pow(6 - precision.min(6) as u32);
    t.with_nanosecond((usec / unit * unit) * 1000).unwrap_or(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sigils_print_as_iex_does() {
        let rows: &[(Kind, &str, &str)] = &[
            (Kind::Utc, "2024-01-02 03:04:05Z", "~U[2024-01-02 03:04:05Z]"),
            (
                Kind::Utc,
                "2024-01-02T03:04:05.123456Z",
                "~U[2024-01-02 03:04:05.123456Z]",
            ),
            (
                Kind::Utc,
                "2024-01-02 03:04:05.120Z",
                "~U[2024-01-02 03:04:05.120Z]",
            ),
            (Kind::Utc, "2024-01-02 03:04:05+01:00", "~U[2024-01-02 02:04:05Z]"),
            (Kind::Naive, "2024-01-02 03:04:05", "~N[2024-01-02 03:04:05]"),
            (Kind::Naive, "2024-01-02T03:04:05Z", "~N[2024-01-02 03:04:05]"),
            (Kind::Date, "2024-01-02", "~D[2024-01-02]"),
            (Kind::Time, "03:04:05.5", "~T[03:04:05.5]"),
        ];
        for (kind, text, shown) in rows {
            let value = Calendar::from_iso8601(*kind, text).expect(text);
            assert_eq!(value.sigil(), *shown, "{text}");
        }
    }

    #[test]
    fn bad_texts_say_why() {
        let rows: &[(Kind, &str, ParseError)] = &[
            (Kind::Utc, "2024-01-02 03:04:05", ParseError::MissingOffset),
            (Kind::Date, "2024-02-30", ParseError::InvalidDate),
            (Kind::Time, "25:00:00", ParseError::InvalidTime),
            (Kind::Date, "2024-1-2", ParseError::InvalidFormat),
            (Kind::Naive, "2024-01-02", ParseError::InvalidFormat),
        ];
        for (kind, text, error) in rows {
            assert_eq!(Calendar::from_iso8601(*kind, text), Err(*error), "{text}");
        }
    }

    #[test]
    fn casts_keep_the_type_precision() {
        let rows: &[(Type, &str, &str)] = &[
            (
                Type::UtcDatetime,
                "2024-01-02T03:04:05.987654Z",
                "~U[2024-01-02 03:04:05Z]",
            ),
            (
                Type::UtcDatetimeUsec,
                "2024-01-02T03:04:05Z",
                "~U[2024-01-02 03:04:05.000000Z]",
            ),
            (
                Type::UtcDatetimeUsec,
                "2024-01-02 03:04:05.12",
                "~U[2024-01-02 03:04:05.120000Z]",
            ),
            (
                Type::NaiveDatetime,
                "2024-01-02 03:04:05.5",
                "~N[2024-01-02 03:04:05]",
            ),
            (Type::Date, "2024-01-02", "~D[2024-01-02]"),
            (Type::Time, "03:04:05.25", "~T[03:04:05]"),
        ];
        for (ty, text, shown) in rows {
            assert_eq!(
                Calendar::parse_as(ty, text).map(|c| c.sigil()).as_deref(),
                Some(*shown),
                "{text}"
            );
        }
        assert_eq!(Calendar::parse_as(&Type::Date, "yesterday"), None);
    }

    #[test]
    fn term_order_is_structural() {
        let a = Calendar::from_iso8601(Kind::Date, "2024-01-02").expect("date");
        let b = Calendar::from_iso8601(Kind::Date, "2023-12-31").expect("date");
        // Elixir: ~D[2024-01-02] < ~D[2023-12-31] is true (day is compared first).
        assert_eq!(a.term_cmp(&b), Ordering::Less);
        assert!(a.micros() > b.micros());
    }
}
