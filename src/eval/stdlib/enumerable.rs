//! The `Enumerable` protocol for the values that implement it: lists, ranges (with their
//! step) and maps (as `{key, value}` tuples). Everything else raises
//! `Protocol.UndefinedError`.
//!
//! Ranges are walked lazily, so `Enum.take(1..1_000_000_000, 2)` costs two steps. This module
//! does not apply functions; `enum_.rs` does.

use std::rc::Rc;

use crate::eval::error::EvalError;
use crate::eval::stdlib::errors;
use crate::value::Value;

/// The most items a range may be expanded to in memory (a guard against `Enum.to_list(1..10**12)`).
const MAX_MATERIALIZED: i128 = errors::MAX_ITEMS as i128;

/// The items of an enumerable, one at a time.
pub(crate) fn iter(value: &Value) -> Result<Box<dyn Iterator<Item = Value> + '_>, EvalError> {
    match value {
        Value::List(items) => Ok(Box::new(items.iter())),
        Value::Map(map) => {
            Ok(Box::new(map.entries.iter().map(|(key, value)| {
                Value::tuple(vec![key.clone(), value.clone()])
            })))
        }
        Value::Range { first, last, step } => Ok(Box::new(RangeIter::new(*first, *last, *step))),
        _ => Err(errors::not_enumerable(value)),
    }
}

/// All items as a vector (lists are shared, not copied, when possible).
pub(crate) fn to_vec(value: &Value) -> Result<Rc<Vec<Value>>, EvalError> {
    match value {
        Value::List(items) => Ok(items.to_shared()),
        Value::Range { first, last, step } => {
            if range_len(*first, *last, *step) > MAX_MATERIALIZED {
                return Err(EvalError::new(
                    "SystemLimitError",
                    format!(
                        "a system limit has been reached: range {first}..{last}//{step} is too large to expand"
                    ),
                ));
            }
            Ok(Rc::new(iter(value)?.collect()))
        }
        _ => Ok(Rc::new(iter(value)?.collect())),
    }
}

/// How many items `first..last//step` has.
pub(crate) fn range_len(first: i64, last: i64, step: i64) -> i128 {
    let (first, last, step) = (first as i128, last as i128, step as i128);
    if step > 0 && first <= last {
        (last - first) / step + 1
    } else if step < 0 && first >= last {
        (first - last) / (-step) + 1
    } else {
        0
    }
}

/// The number of items, without walking ranges.
pub(crate) fn count(value: &Value) -> Result<i64, EvalError> {
    match value {
        Value::List(items) => Ok(items.len() as i64),
        Value::Map(map) => Ok(map.len() as i64),
        Value::Range { first, last, step } => {
            i64::try_from(range_len(*first, *last, *step)).map_err(|_| errors::overflow())
        }
        _ => Err(errors::not_enumerable(value)),
    }
}

/// Walks `first..last//step` without overflowing at the ends of i64.
struct RangeIter {
    next: i128,
    last: i128,
    step: i128,
}

impl RangeIter {
    fn new(first: i64, last: i64, step: i64) -> Self {
        Self {
            next: first as i128,
            last: last as i128,
            step: if step == 0 { 1 } else { step as i128 },
        }
    }
}

impl Iterator for RangeIter {
    type Item = Value;

    fn next(&mut self) -> Option<Value> {
        let in_range = if self.step > 0 {
            self.next <= self.last
        } else {
            self.next >= self.last
        };
        if !in_range {
            return None;
        }
        let current = self.next as i64;
        self.next += self.step;
        Some(Value::Int(current))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_walk_by_their_step() {
        type Row = ((i64, i64, i64), &'static [i64]);
        let rows: &[Row] = &[
            ((1, 3, 1), &[1, 2, 3]),
            ((3, 1, -1), &[3, 2, 1]),
            ((1, 10, 4), &[1, 5, 9]),
            ((1, 0, 1), &[]),
            ((i64::MAX - 1, i64::MAX, 1), &[i64::MAX - 1, i64::MAX]),
        ];
        for ((first, last, step), expected) in rows {
            let range = Value::Range {
                first: *first,
                last: *last,
                step: *step,
            };
            let got: Vec<i64> = iter(&range)
                .map(|items| {
                    items
                        .filter_map(|v| if let Value::Int(n) = v { Some(n) } else { None })
                        .collect()
                })
                .unwrap_or_default();
            assert_eq!(got, *expected);
            assert_eq!(count(&range).ok(), Some(expected.len() as i64));
        }
    }
}
