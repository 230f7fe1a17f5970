//! Elixir lists: either a vector of terms, or the records of one read kept column by column
//! (`record_set::RecordSet`) and made into `Record`s one at a time as they are touched.
//!
//! The second form is what keeps `Support.AshApi.read!(Support.Ticket)` over a million tickets
//! at about 70 bytes a ticket instead of ~800: printing with iex's 50-item limit builds 51
//! records, `--format json` builds one at a time, `length/1` builds none. Both forms are the
//! same Elixir value: equality, ordering, patterns and every `Enum` function see a list.

use std::borrow::Cow;
use std::rc::Rc;

use crate::value::Value;
use crate::value::record_set::RecordSet;

/// A list value. Cheap to clone.
#[derive(Clone)]
pub struct List(Repr);

#[derive(Clone)]
enum Repr {
    Values(Rc<Vec<Value>>),
    /// Rows `start..end` of a record set (a tail shares the set).
    Records {
        set: Rc<RecordSet>,
        start: usize,
        end: usize,
    },
}

impl List {
    pub fn new(items: Vec<Value>) -> Self {
        List(Repr::Values(Rc::new(items)))
    }

    pub fn shared(items: Rc<Vec<Value>>) -> Self {
        List(Repr::Values(items))
    }

    /// The records of a read, kept compact.
    pub fn records(set: RecordSet) -> Self {
        let end = set.len();
        List(Repr::Records {
            set: Rc::new(set),
            start: 0,
            end,
        })
    }

    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Values(items) => items.len(),
            Repr::Records { start, end, .. } => end - start,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The item at `index`, built if it is a compact record.
    pub fn get(&self, index: usize) -> Option<Value> {
        match &self.0 {
            Repr::Values(items) => items.get(index).cloned(),
            Repr::Records { set, start, end } => {
                let row = start.checked_add(index).filter(|row| row < end)?;
                Some(set.value(row))
            }
        }
    }

    pub fn first(&self) -> Option<Value> {
        self.get(0)
    }

    /// The items in order, each built as it is reached.
    pub fn iter(&self) -> Iter<'_> {
        match &self.0 {
            Repr::Values(items) => Iter(IterRepr::Values(items.iter())),
            Repr::Records { set, start, end } => Iter(IterRepr::Records {
                set,
                next: *start,
                end: *end,
            }),
        }
    }

    /// The items as a slice when they are held as values (no record is built).
    pub fn as_slice(&self) -> Option<&[Value]> {
        match &self.0 {
            Repr::Values(items) => Some(items),
            Repr::Records { .. } => None,
        }
    }

    /// All items as a slice: borrowed when held as values, built otherwise.
    pub fn values(&self) -> Cow<'_, [Value]> {
        match &self.0 {
            Repr::Values(items) => Cow::Borrowed(items.as_slice()),
            Repr::Records { .. } => Cow::Owned(self.iter().collect()),
        }
    }

    pub fn to_vec(&self) -> Vec<Value> {
        self.values().into_owned()
    }

    /// All items as a shared vector (the same vector when held as values).
    pub fn to_shared(&self) -> Rc<Vec<Value>> {
        match &self.0 {
            Repr::Values(items) => Rc::clone(items),
            Repr::Records { .. } => Rc::new(self.iter().collect()),
        }
    }

    /// The list without its first `count` items (`tl/1`, `[_ | rest]`); a compact list
    /// shares its rows.
    pub fn skip(&self, count: usize) -> List {
        match &self.0 {
            Repr::Values(items) => List::new(items.get(count..).unwrap_or_default().to_vec()),
            Repr::Records { set, start, end } => List(Repr::Records {
                set: Rc::clone(set),
                start: start.saturating_add(count).min(*end),
                end: *end,
            }),
        }
    }
}

/// Items of a `List`, owned (a compact record is built when reached).
pub struct Iter<'a>(IterRepr<'a>);

enum IterRepr<'a> {
    Values(std::slice::Iter<'a, Value>),
    Records {
        set: &'a RecordSet,
        next: usize,
        end: usize,
    },
}

impl Iterator for Iter<'_> {
    type Item = Value;

    fn next(&mut self) -> Option<Value> {
        match &mut self.0 {
            IterRepr::Values(items) => items.next().cloned(),
            IterRepr::Records { set, next, end } => {
                if next < end {
                    *next += 1;
                    Some(set.value(*next - 1))
                } else {
                    None
                }
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = match &self.0 {
            IterRepr::Values(items) => items.len(),
            IterRepr::Records { next, end, .. } => end - next,
        };
        (n, Some(n))
    }

    fn nth(&mut self, n: usize) -> Option<Value> {
        match &mut self.0 {
            IterRepr::Values(items) => items.nth(n).cloned(),
            IterRepr::Records { next, end, .. } => {
                *next = next.saturating_add(n).min(*end);
                self.next()
            }
        }
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Value> {
        match &mut self.0 {
            IterRepr::Values(items) => items.next_back().cloned(),
            IterRepr::Records { set, next, end } => {
                if next < end {
                    *end -= 1;
                    Some(set.value(*end))
                } else {
                    None
                }
            }
        }
    }
}

impl ExactSizeIterator for Iter<'_> {}
