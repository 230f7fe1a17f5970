//! `Enum`: eager functions over anything `Enumerable` (lists, ranges, maps as `{k, v}`).
//!
//! Functions given as arguments run through `Host::apply`, in the order Elixir 1.14 calls
//! them (visible when they print). Results are always lists, maps for `group_by` and
//! `frequencies`, as in Elixir. Errors use Elixir's exception modules and texts.

use std::cmp::Ordering;
use std::rc::Rc;

use crate::eval::error::EvalError;
use crate::eval::host::Host;
use crate::eval::stdlib::enumerable::{self, iter, to_vec};
use crate::eval::stdlib::{errors, kernel, text};
use crate::value::{List, MapValue, Value};

pub(super) const FUNCTIONS: &[(&str, usize)] = &[
    ("all?", 1),
    ("all?", 2),
    ("any?", 1),
    ("any?", 2),
    ("at", 2),
    ("at", 3),
    ("chunk_by", 2),
    ("chunk_every", 2),
    ("concat", 1),
    ("concat", 2),
    ("count", 1),
    ("count", 2),
    ("dedup", 1),
    ("dedup_by", 2),
    ("drop", 2),
    ("drop_while", 2),
    ("each", 2),
    ("empty?", 1),
    ("fetch", 2),
    ("fetch!", 2),
    ("filter", 2),
    ("find", 2),
    ("find", 3),
    ("find_index", 2),
    ("find_value", 2),
    ("find_value", 3),
    ("flat_map", 2),
    ("frequencies", 1),
    ("frequencies_by", 2),
    ("group_by", 2),
    ("group_by", 3),
    ("intersperse", 2),
    ("into", 2),
    ("into", 3),
    ("join", 1),
    ("join", 2),
    ("map", 2),
    ("map_join", 2),
    ("map_join", 3),
    ("map_reduce", 3),
    ("max", 1),
    ("max_by", 2),
    ("member?", 2),
    ("min", 1),
    ("min_by", 2),
    ("min_max", 1),
    ("product", 1),
    ("reduce", 2),
    ("reduce", 3),
    ("reduce_while", 3),
    ("reject", 2),
    ("reverse", 1),
    ("slice", 2),
    ("slice", 3),
    ("sort", 1),
    ("sort", 2),
    ("sort_by", 2),
    ("sort_by", 3),
    ("split", 2),
    ("split_with", 2),
    ("sum", 1),
    ("take", 2),
    ("take_while", 2),
    ("to_list", 1),
    ("uniq", 1),
    ("uniq_by", 2),
    ("unzip", 1),
    ("with_index", 1),
    ("with_index", 2),
    ("zip", 1),
    ("zip", 2),
];

type Res = Result<Value, EvalError>;

/// Functions that walk every item of their first argument. On a range longer than
/// `errors::MAX_ITEMS` they raise `SystemLimitError`, as `Enum.to_list` does, instead of
/// running for hours or exhausting memory; the ones that may stop early (`take`, `find`,
/// `reduce_while`, ...) stay lazy.
const WALK_ALL: &[&str] = &[
    "chunk_by",
    "chunk_every",
    "dedup",
    "dedup_by",
    "drop",
    "drop_while",
    "each",
    "filter",
    "flat_map",
    "frequencies",
    "frequencies_by",
    "group_by",
    "intersperse",
    "into",
    "join",
    "map",
    "map_join",
    "map_reduce",
    "max",
    "max_by",
    "min",
    "min_by",
    "min_max",
    "product",
    "reduce",
    "reject",
    "reverse",
    "shuffle",
    "sort",
    "sort_by",
    "split_with",
    "uniq",
    "uniq_by",
    "unzip",
    "with_index",
];

fn range_too_long(name: &str, args: &[Value]) -> Option<EvalError> {
    let [Value::Range { first, last, step }, rest @ ..] = args else {
        return None;
    };
    let walks = WALK_ALL.contains(&name) || (name == "count" && !rest.is_empty());
    (walks && enumerable::range_len(*first, *last, *step) > errors::MAX_ITEMS as i128).then(|| {
        EvalError::new(
            "SystemLimitError",
            format!("a system limit has been reached: range {first}..{last}//{step} is too large to expand"),
        )
    })
}

pub(super) fn call(name: &str, args: &[Value], host: &mut dyn Host) -> Option<Res> {
    if let Some(error) = range_too_long(name, args) {
        return Some(Err(error));
    }
    Some(match (name, args) {
        ("map", [e, f]) => map(e, f, host),
        ("filter", [e, f]) => filter(e, f, true, host),
        ("reject", [e, f]) => filter(e, f, false, host),
        ("reduce", [e, f]) => reduce2(e, f, host),
        ("reduce", [e, acc, f]) => reduce3(e, acc, f, host),
        ("reduce_while", [e, acc, f]) => reduce_while(e, acc, f, host),
        ("map_reduce", [e, acc, f]) => map_reduce(e, acc, f, host),
        ("count", [e]) => enumerable::count(e).map(Value::Int),
        ("count", [e, f]) => count_by(e, f, host),
        ("sum", [e]) => sum(e),
        ("product", [e]) => fold_numbers(e, Value::Int(1), kernel::multiply),
        ("each", [e, f]) => each(e, f, host),
        ("find", [e, f]) => find(e, &Value::Nil, f, host),
        ("find", [e, default, f]) => find(e, default, f, host),
        ("find_index", [e, f]) => find_index(e, f, host),
        ("find_value", [e, f]) => find_value(e, &Value::Nil, f, host),
        ("find_value", [e, default, f]) => find_value(e, default, f, host),
        ("sort", [e]) => sort(e, &Value::atom("asc"), host),
        ("sort", [e, sorter]) => sort(e, sorter, host),
        ("sort_by", [e, f]) => sort_by(e, f, &Value::atom("asc"), host),
        ("sort_by", [e, f, sorter]) => sort_by(e, f, sorter, host),
        ("group_by", [e, key]) => group_by(e, key, None, host),
        ("group_by", [e, key, value]) => group_by(e, key, Some(value), host),
        ("take", [e, n]) => take(e, n),
        ("drop", [e, n]) => drop(e, n),
        ("take_while", [e, f]) => take_while(e, f, host),
        ("drop_while", [e, f]) => drop_while(e, f, host),
        ("with_index", [e]) => with_index(e, &Value::Int(0), host),
        ("with_index", [e, offset]) => with_index(e, offset, host),
        ("member?", [e, x]) => member(e, x),
        ("uniq", [e]) => uniq_by(e, None, host),
        ("uniq_by", [e, f]) => uniq_by(e, Some(f), host),
        ("dedup", [e]) => dedup_by(e, None, host),
        ("dedup_by", [e, f]) => dedup_by(e, Some(f), host),
        ("zip", [a, b]) => zip_lists(&[a.clone(), b.clone()]),
        ("zip", [Value::List(enums)]) => zip_lists(&enums.values()),
        ("zip", [e]) => to_vec(e).and_then(|enums| zip_lists(&enums)),
        ("unzip", [e]) => unzip(e),
        ("join", [e]) => join(e, &Value::string(""), None, host),
        ("join", [e, joiner]) => join(e, joiner, None, host),
        ("map_join", [e, f]) => join(e, &Value::string(""), Some(f), host),
        ("map_join", [e, joiner, f]) => join(e, joiner, Some(f), host),
        ("min", [e]) => extreme(e, Ordering::Less),
        ("max", [e]) => extreme(e, Ordering::Greater),
        ("min_by", [e, f]) => extreme_by(e, f, Ordering::Less, host),
        ("max_by", [e, f]) => extreme_by(e, f, Ordering::Greater, host),
        ("min_max", [e]) => min_max(e),
        ("frequencies", [e]) => frequencies(e, None, host),
        ("frequencies_by", [e, f]) => frequencies(e, Some(f), host),
        ("to_list", [Value::List(items)]) => Ok(Value::List(items.clone())),
        ("to_list", [e]) => to_vec(e).map(|items| Value::List(List::shared(items))),
        ("into", [e, into]) => collect_into(e, into, None, host),
        ("into", [e, into, f]) => collect_into(e, into, Some(f), host),
        ("reverse", [e]) => to_vec(e).map(|items| Value::list(items.iter().rev().cloned().collect())),
        ("concat", [enums]) => concat(enums),
        ("concat", [a, b]) => concat(&Value::list(vec![a.clone(), b.clone()])),
        ("flat_map", [e, f]) => flat_map(e, f, host),
        ("any?", [e]) => any_all(e, None, true, host),
        ("any?", [e, f]) => any_all(e, Some(f), true, host),
        ("all?", [e]) => any_all(e, None, false, host),
        ("all?", [e, f]) => any_all(e, Some(f), false, host),
        ("empty?", [e]) => enumerable::count(e).map(|n| Value::Bool(n == 0)),
        ("at", [e, i]) => at(e, i, &Value::Nil, "Enum.at/3"),
        ("at", [e, i, default]) => at(e, i, default, "Enum.at/3"),
        ("fetch", [e, i]) => fetch(e, i),
        ("fetch!", [e, i]) => fetch_bang(e, i),
        ("slice", [e, range]) => slice_range(e, range),
        ("slice", [e, start, amount]) => slice_amount(e, start, amount),
        ("chunk_every", [e, n]) => chunk_every(e, n),
        ("chunk_by", [e, f]) => chunk_by(e, f, host),
        ("split", [e, n]) => split(e, n),
        ("split_with", [e, f]) => split_with(e, f, host),
        ("intersperse", [e, separator]) => intersperse(e, separator),
        _ => return None,
    })
}

fn apply1(host: &mut dyn Host, fun: &Value, arg: Value) -> Res {
    host.apply(fun, vec![arg])
}

fn map(e: &Value, f: &Value, host: &mut dyn Host) -> Res {
    let mut out = Vec::new();
    for item in iter(e)? {
        out.push(apply1(host, f, item)?);
    }
    Ok(Value::list(out))
}

fn filter(e: &Value, f: &Value, keep: bool, host: &mut dyn Host) -> Res {
    let mut out = Vec::new();
    for item in iter(e)? {
        if apply1(host, f, item.clone())?.is_truthy() == keep {
            out.push(item);
        }
    }
    Ok(Value::list(out))
}

fn reduce2(e: &Value, f: &Value, host: &mut dyn Host) -> Res {
    let mut items = iter(e)?;
    let Some(mut acc) = items.next() else {
        return Err(errors::empty());
    };
    for item in items {
        acc = host.apply(f, vec![item, acc])?;
    }
    Ok(acc)
}

fn reduce3(e: &Value, acc: &Value, f: &Value, host: &mut dyn Host) -> Res {
    let mut acc = acc.clone();
    for item in iter(e)? {
        acc = host.apply(f, vec![item, acc])?;
    }
    Ok(acc)
}

/// The reducer returns `{:cont, acc}` or `{:halt, acc}`.
fn reduce_while(e: &Value, acc: &Value, f: &Value, host: &mut dyn Host) -> Res {
    let mut acc = acc.clone();
    for item in iter(e)? {
        let result = host.apply(f, vec![item, acc])?;
        match tagged(&result) {
            Some(("cont", value)) => acc = value.clone(),
            Some(("halt", value)) => return Ok(value.clone()),
            _ => {
                return Err(EvalError::new(
                    "CaseClauseError",
                    format!("no case clause matching: {}", errors::show(&result)),
                ));
            }
        }
    }
    Ok(acc)
}

/// `{:tag, value}` as (tag, value).
fn tagged(value: &Value) -> Option<(&str, &Value)> {
    match value {
        Value::Tuple(items) if items.len() == 2 => match &items[0] {
            Value::Atom(tag) => Some((tag.as_ref(), &items[1])),
            _ => None,
        },
        _ => None,
    }
}

fn map_reduce(e: &Value, acc: &Value, f: &Value, host: &mut dyn Host) -> Res {
    let mut acc = acc.clone();
    let mut out = Vec::new();
    for item in iter(e)? {
        let result = host.apply(f, vec![item, acc])?;
        match &result {
            Value::Tuple(pair) if pair.len() == 2 => {
                out.push(pair[0].clone());
                acc = pair[1].clone();
            }
            _ => {
                return Err(EvalError::new(
                    "MatchError",
                    format!("no match of right hand side value: {}", errors::show(&result)),
                ));
            }
        }
    }
    Ok(Value::tuple(vec![Value::list(out), acc]))
}

fn count_by(e: &Value, f: &Value, host: &mut dyn Host) -> Res {
    let mut count = 0;
    for item in iter(e)? {
        if apply1(host, f, item)?.is_truthy() {
            count += 1;
        }
    }
    Ok(Value::Int(count))
}

fn sum(e: &Value) -> Res {
    if let Value::Range { first, last, step } = e {
        let n = enumerable::range_len(*first, *last, *step);
        if n == 0 {
            return Ok(Value::Int(0));
        }
        let last_item = *first as i128 + (n - 1) * *step as i128;
        let total = n * (*first as i128 + last_item) / 2;
        return i64::try_from(total)
            .map(Value::Int)
            .map_err(|_| errors::overflow());
    }
    fold_numbers(e, Value::Int(0), kernel::add)
}

fn fold_numbers(e: &Value, start: Value, op: fn(&Value, &Value) -> Res) -> Res {
    let mut acc = start;
    for item in iter(e)? {
        acc = op(&acc, &item)?;
    }
    Ok(acc)
}

fn each(e: &Value, f: &Value, host: &mut dyn Host) -> Res {
    for item in iter(e)? {
        apply1(host, f, item)?;
    }
    Ok(Value::atom("ok"))
}

fn find(e: &Value, default: &Value, f: &Value, host: &mut dyn Host) -> Res {
    for item in iter(e)? {
        if apply1(host, f, item.clone())?.is_truthy() {
            return Ok(item);
        }
    }
    Ok(default.clone())
}

fn find_index(e: &Value, f: &Value, host: &mut dyn Host) -> Res {
    for (index, item) in iter(e)?.enumerate() {
        if apply1(host, f, item)?.is_truthy() {
            return Ok(Value::Int(index as i64));
        }
    }
    Ok(Value::Nil)
}

fn find_value(e: &Value, default: &Value, f: &Value, host: &mut dyn Host) -> Res {
    for item in iter(e)? {
        let result = apply1(host, f, item)?;
        if result.is_truthy() {
            return Ok(result);
        }
    }
    Ok(default.clone())
}

/// A stable merge sort whose comparison may fail (it calls back into the interpreter).
/// `before(a, b)` says whether `a` may come first, as Erlang's `lists:sort/2` fun does.
fn merge_sort(
    items: Vec<Value>,
    before: &mut dyn FnMut(&Value, &Value) -> Result<bool, EvalError>,
) -> Result<Vec<Value>, EvalError> {
    if items.len() <= 1 {
        return Ok(items);
    }
    let mut left = items;
    let right = left.split_off(left.len() / 2);
    let left = merge_sort(left, before)?;
    let right = merge_sort(right, before)?;
    let mut out = Vec::with_capacity(left.len() + right.len());
    let mut left = left.into_iter().peekable();
    let mut right = right.into_iter().peekable();
    loop {
        let take_left = match (left.peek(), right.peek()) {
            (Some(a), Some(b)) => before(a, b)?,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let next = if take_left { left.next() } else { right.next() };
        out.extend(next);
    }
    Ok(out)
}

/// How to order: by term order ascending/descending, or a two-argument function.
enum Sorter<'a> {
    Asc,
    Desc,
    Fun(&'a Value),
    /// A module's `compare/2` (`Date`, `{:desc, DateTime}`).
    Compare {
        descending: bool,
    },
}

fn sorter<'a>(value: &'a Value, mfa: &str, args: &[Value]) -> Result<Sorter<'a>, EvalError> {
    match value {
        Value::Atom(a) if a.as_ref() == "asc" => Ok(Sorter::Asc),
        Value::Atom(a) if a.as_ref() == "desc" => Ok(Sorter::Desc),
        Value::Fun(_) => Ok(Sorter::Fun(value)),
        // `Enum.sort(dates, Date)`, `{:desc, DateTime}`: the module's `compare/2`.
        Value::Module(m) if COMPARABLE.contains(&m.as_ref()) => Ok(Sorter::Compare { descending: false }),
        Value::Tuple(pair) => match pair.as_slice() {
            [Value::Atom(order), Value::Module(m)] if COMPARABLE.contains(&m.as_ref()) => {
                match order.as_ref() {
                    "asc" => Ok(Sorter::Compare { descending: false }),
                    "desc" => Ok(Sorter::Compare { descending: true }),
                    _ => Err(errors::function_clause(mfa, args, &[])),
                }
            }
            _ => Err(errors::function_clause(mfa, args, &[])),
        },
        _ => Err(errors::function_clause(mfa, args, &[])),
    }
}

fn ordered(sorter: &Sorter, a: &Value, b: &Value, host: &mut dyn Host) -> Result<bool, EvalError> {
    match sorter {
        Sorter::Asc => Ok(a.term_cmp(b) != Ordering::Greater),
        Sorter::Desc => Ok(a.term_cmp(b) != Ordering::Less),
        Sorter::Fun(fun) => Ok(host.apply(fun, vec![a.clone(), b.clone()])?.is_truthy()),
        Sorter::Compare { descending } => {
            let order = by_value(a, b);
            Ok(if *descending {
                order != Ordering::Less
            } else {
                order != Ordering::Greater
            })
        }
    }
}

/// The modules whose `compare/2` a sort may name.
const COMPARABLE: &[&str] = &["Date", "DateTime", "NaiveDateTime", "Time", "Decimal"];

/// Dates and decimals by value (their modules' `compare/2`); anything else by term order.
fn by_value(a: &Value, b: &Value) -> Ordering {
    use crate::scalar::Scalar;
    if let (Value::Scalar(x), Value::Scalar(y)) = (a, b) {
        match (&**x, &**y) {
            (Scalar::Cal(x), Scalar::Cal(y)) if x.kind() == y.kind() => return x.micros().cmp(&y.micros()),
            (Scalar::Decimal(x), Scalar::Decimal(y)) => return x.compare(y),
            _ => {}
        }
    }
    a.term_cmp(b)
}

fn sort(e: &Value, sort_with: &Value, host: &mut dyn Host) -> Res {
    let sorter = sorter(sort_with, "Enum.sort/2", &[e.clone(), sort_with.clone()])?;
    let items = to_vec(e)?.as_ref().clone();
    let sorted = merge_sort(items, &mut |a, b| ordered(&sorter, a, b, host))?;
    Ok(Value::list(sorted))
}

fn sort_by(e: &Value, f: &Value, sort_with: &Value, host: &mut dyn Host) -> Res {
    let sorter = sorter(
        sort_with,
        "Enum.sort_by/3",
        &[e.clone(), f.clone(), sort_with.clone()],
    )?;
    let mut keyed = Vec::new();
    for item in iter(e)? {
        let key = apply1(host, f, item.clone())?;
        keyed.push(Value::tuple(vec![key, item]));
    }
    let key = |pair: &Value| match pair {
        Value::Tuple(items) => items[0].clone(),
        _ => Value::Nil,
    };
    let sorted = merge_sort(keyed, &mut |a, b| ordered(&sorter, &key(a), &key(b), host))?;
    Ok(Value::list(
        sorted
            .into_iter()
            .map(|pair| match pair {
                Value::Tuple(items) => items[1].clone(),
                other => other,
            })
            .collect(),
    ))
}

/// Entries of a map being built, kept sorted like `MapValue`.
#[derive(Default)]
struct Groups {
    entries: Vec<(Value, Vec<Value>)>,
}

impl Groups {
    fn push(&mut self, key: Value, value: Value) {
        match self.entries.binary_search_by(|(k, _)| k.term_cmp(&key)) {
            Ok(i) => self.entries[i].1.push(value),
            Err(i) => self.entries.insert(i, (key, vec![value])),
        }
    }
}

fn group_by(e: &Value, key_fun: &Value, value_fun: Option<&Value>, host: &mut dyn Host) -> Res {
    // Elixir 1.14 walks the reversed list, so the functions run last item first.
    let items = to_vec(e)?;
    let mut groups = Groups::default();
    for item in items.iter().rev() {
        let key = apply1(host, key_fun, item.clone())?;
        let value = match value_fun {
            Some(fun) => apply1(host, fun, item.clone())?,
            None => item.clone(),
        };
        groups.push(key, value);
    }
    let entries = groups
        .entries
        .into_iter()
        .map(|(key, mut values)| {
            values.reverse();
            (key, Value::list(values))
        })
        .collect();
    Ok(Value::Map(Rc::new(MapValue { entries })))
}

fn frequencies(e: &Value, key_fun: Option<&Value>, host: &mut dyn Host) -> Res {
    let mut groups = Groups::default();
    for item in iter(e)? {
        let key = match key_fun {
            Some(fun) => apply1(host, fun, item)?,
            None => item,
        };
        groups.push(key, Value::Nil);
    }
    let entries = groups
        .entries
        .into_iter()
        .map(|(key, hits)| (key, Value::Int(hits.len() as i64)))
        .collect();
    Ok(Value::Map(Rc::new(MapValue { entries })))
}

fn int_arg(value: &Value, mfa: &str, args: &[Value]) -> Result<i64, EvalError> {
    match value {
        Value::Int(n) => Ok(*n),
        _ => Err(errors::function_clause(mfa, args, &[])),
    }
}

fn take(e: &Value, n: &Value) -> Res {
    let amount = int_arg(n, "Enum.take/2", &[e.clone(), n.clone()])?;
    if amount >= 0 {
        Ok(Value::list(iter(e)?.take(amount as usize).collect()))
    } else {
        let items = to_vec(e)?;
        let skip = items.len().saturating_sub(amount.unsigned_abs() as usize);
        Ok(Value::list(items[skip..].to_vec()))
    }
}

fn drop(e: &Value, n: &Value) -> Res {
    let amount = int_arg(n, "Enum.drop/2", &[e.clone(), n.clone()])?;
    if amount >= 0 {
        Ok(Value::list(iter(e)?.skip(amount as usize).collect()))
    } else {
        let items = to_vec(e)?;
        let keep = items.len().saturating_sub(amount.unsigned_abs() as usize);
        Ok(Value::list(items[..keep].to_vec()))
    }
}

fn take_while(e: &Value, f: &Value, host: &mut dyn Host) -> Res {
    let mut out = Vec::new();
    for item in iter(e)? {
        if !apply1(host, f, item.clone())?.is_truthy() {
            break;
        }
        out.push(item);
    }
    Ok(Value::list(out))
}

fn drop_while(e: &Value, f: &Value, host: &mut dyn Host) -> Res {
    let mut items = iter(e)?;
    let mut out = Vec::new();
    for item in items.by_ref() {
        if !apply1(host, f, item.clone())?.is_truthy() {
            out.push(item);
            break;
        }
    }
    out.extend(items);
    Ok(Value::list(out))
}

fn with_index(e: &Value, offset_or_fun: &Value, host: &mut dyn Host) -> Res {
    let mut out = Vec::new();
    match offset_or_fun {
        Value::Int(offset) => {
            for (index, item) in iter(e)?.enumerate() {
                let position = offset.checked_add(index as i64).ok_or_else(errors::overflow)?;
                out.push(Value::tuple(vec![item, Value::Int(position)]));
            }
        }
        Value::Fun(_) => {
            for (index, item) in iter(e)?.enumerate() {
                out.push(host.apply(offset_or_fun, vec![item, Value::Int(index as i64)])?);
            }
        }
        _ => {
            return Err(errors::function_clause(
                "Enum.with_index/2",
                &[e.clone(), offset_or_fun.clone()],
                &[],
            ));
        }
    }
    Ok(Value::list(out))
}

fn member(e: &Value, x: &Value) -> Res {
    if let (Value::Range { first, last, step }, Value::Int(n)) = (e, x) {
        let (n, first, last, step) = (*n as i128, *first as i128, *last as i128, *step as i128);
        let inside = if step > 0 {
            first <= n && n <= last
        } else {
            last <= n && n <= first
        };
        return Ok(Value::Bool(inside && (n - first) % step == 0));
    }
    Ok(Value::Bool(iter(e)?.any(|item| item.strict_eq(x))))
}

/// A set of values under `===` (1 and 1.0 differ), kept sorted by term order.
#[derive(Default)]
struct Seen {
    values: Vec<Value>,
}

impl Seen {
    /// Adds the value; true if it was not there yet.
    fn insert(&mut self, value: &Value) -> bool {
        let start = self
            .values
            .partition_point(|v| v.term_cmp(value) == Ordering::Less);
        let mut index = start;
        while index < self.values.len() && self.values[index].term_cmp(value) == Ordering::Equal {
            if self.values[index].strict_eq(value) {
                return false;
            }
            index += 1;
        }
        self.values.insert(index, value.clone());
        true
    }
}

fn uniq_by(e: &Value, f: Option<&Value>, host: &mut dyn Host) -> Res {
    let mut seen = Seen::default();
    let mut out = Vec::new();
    for item in iter(e)? {
        let key = match f {
            Some(fun) => apply1(host, fun, item.clone())?,
            None => item.clone(),
        };
        if seen.insert(&key) {
            out.push(item);
        }
    }
    Ok(Value::list(out))
}

fn dedup_by(e: &Value, f: Option<&Value>, host: &mut dyn Host) -> Res {
    let mut out = Vec::new();
    let mut previous: Option<Value> = None;
    for item in iter(e)? {
        let key = match f {
            Some(fun) => apply1(host, fun, item.clone())?,
            None => item.clone(),
        };
        if previous.as_ref().is_none_or(|p| !p.strict_eq(&key)) {
            out.push(item);
        }
        previous = Some(key);
    }
    Ok(Value::list(out))
}

fn zip_lists(enums: &[Value]) -> Res {
    if enums.is_empty() {
        return Ok(Value::list(Vec::new()));
    }
    let mut iters = Vec::new();
    for e in enums {
        iters.push(iter(e)?);
    }
    let mut out = Vec::new();
    'outer: loop {
        let mut row = Vec::with_capacity(iters.len());
        for it in iters.iter_mut() {
            match it.next() {
                Some(item) => row.push(item),
                None => break 'outer,
            }
        }
        out.push(Value::tuple(row));
    }
    Ok(Value::list(out))
}

fn unzip(e: &Value) -> Res {
    let (mut lefts, mut rights) = (Vec::new(), Vec::new());
    for item in iter(e)? {
        match &item {
            Value::Tuple(pair) if pair.len() == 2 => {
                lefts.push(pair[0].clone());
                rights.push(pair[1].clone());
            }
            _ => {
                return Err(errors::function_clause(
                    "anonymous fn/2 in Enum.unzip/1",
                    std::slice::from_ref(&item),
                    &[],
                ));
            }
        }
    }
    Ok(Value::tuple(vec![Value::list(lefts), Value::list(rights)]))
}

fn join(e: &Value, joiner: &Value, mapper: Option<&Value>, host: &mut dyn Host) -> Res {
    let Value::Str(separator) = joiner else {
        let (mfa, args) = match mapper {
            Some(f) => ("Enum.map_join/3", vec![e.clone(), joiner.clone(), f.clone()]),
            None => ("Enum.join/2", vec![e.clone(), joiner.clone()]),
        };
        return Err(errors::function_clause(mfa, &args, &[]));
    };
    let mut parts = Vec::new();
    for item in iter(e)? {
        let item = match mapper {
            Some(fun) => apply1(host, fun, item)?,
            None => item,
        };
        parts.push(text::to_string(&item)?);
    }
    Ok(Value::string(parts.join(separator)))
}

/// `min`/`max`: the first item that no later item beats.
fn extreme(e: &Value, wanted: Ordering) -> Res {
    let mut best: Option<Value> = None;
    for item in iter(e)? {
        if best.as_ref().is_none_or(|b| item.term_cmp(b) == wanted) {
            best = Some(item);
        }
    }
    best.ok_or_else(errors::empty)
}

fn extreme_by(e: &Value, f: &Value, wanted: Ordering, host: &mut dyn Host) -> Res {
    let mut best: Option<(Value, Value)> = None;
    for item in iter(e)? {
        let key = apply1(host, f, item.clone())?;
        if best.as_ref().is_none_or(|(k, _)| key.term_cmp(k) == wanted) {
            best = Some((key, item));
        }
    }
    best.map(|(_, item)| item).ok_or_else(errors::empty)
}

fn min_max(e: &Value) -> Res {
    Ok(Value::tuple(vec![
        extreme(e, Ordering::Less)?,
        extreme(e, Ordering::Greater)?,
    ]))
}

fn collect_into(e: &Value, into: &Value, f: Option<&Value>, host: &mut dyn Host) -> Res {
    let mut items = Vec::new();
    for item in iter(e)? {
        items.push(match f {
            Some(fun) => apply1(host, fun, item)?,
            None => item,
        });
    }
    match into {
        Value::List(existing) => {
            let mut out = existing.to_vec();
            out.extend(items);
            Ok(Value::list(out))
        }
        Value::Map(existing) => {
            let mut map = existing.as_ref().clone();
            for item in items {
                match &item {
                    Value::Tuple(pair) if pair.len() == 2 => map.insert(pair[0].clone(), pair[1].clone()),
                    _ => return Err(errors::argument("argument error")),
                }
            }
            Ok(Value::Map(Rc::new(map)))
        }
        Value::Str(existing) => {
            let mut out = existing.to_string();
            for item in items {
                match item {
                    Value::Str(part) => out.push_str(&part),
                    _ => return Err(errors::argument("argument error")),
                }
            }
            Ok(Value::string(out))
        }
        _ => Err(EvalError::new(
            "Protocol.UndefinedError",
            format!("protocol Collectable not implemented for {}", errors::show(into)),
        )),
    }
}

fn concat(enums: &Value) -> Res {
    let mut out = Vec::new();
    for e in iter(enums)? {
        out.extend(iter(&e)?);
    }
    Ok(Value::list(out))
}

fn flat_map(e: &Value, f: &Value, host: &mut dyn Host) -> Res {
    let mut out = Vec::new();
    for item in iter(e)? {
        let result = apply1(host, f, item)?;
        out.extend(iter(&result)?);
    }
    Ok(Value::list(out))
}

/// `any?` stops at the first truthy result, `all?` at the first falsy one.
fn any_all(e: &Value, f: Option<&Value>, any: bool, host: &mut dyn Host) -> Res {
    for item in iter(e)? {
        let truthy = match f {
            Some(fun) => apply1(host, fun, item)?.is_truthy(),
            None => item.is_truthy(),
        };
        if truthy == any {
            return Ok(Value::Bool(any));
        }
    }
    Ok(Value::Bool(!any))
}

/// The item at a (possibly negative) index, or None.
fn nth(e: &Value, index: i64) -> Result<Option<Value>, EvalError> {
    if index >= 0 {
        Ok(iter(e)?.nth(index as usize))
    } else {
        let count = enumerable::count(e)?;
        let position = count + index;
        if position < 0 {
            Ok(None)
        } else {
            Ok(iter(e)?.nth(position as usize))
        }
    }
}

fn at(e: &Value, index: &Value, default: &Value, mfa: &str) -> Res {
    let Value::Int(index) = index else {
        return Err(errors::function_clause(
            mfa,
            &[e.clone(), index.clone(), default.clone()],
            &["def at(enumerable, index, default) when -is_integer(index)-"],
        ));
    };
    Ok(nth(e, *index)?.unwrap_or_else(|| default.clone()))
}

fn fetch(e: &Value, index: &Value) -> Res {
    let i = int_arg(index, "Enum.fetch/2", &[e.clone(), index.clone()])?;
    Ok(match nth(e, i)? {
        Some(item) => Value::ok(item),
        None => Value::atom("error"),
    })
}

fn fetch_bang(e: &Value, index: &Value) -> Res {
    let i = int_arg(index, "Enum.fetch!/2", &[e.clone(), index.clone()])?;
    nth(e, i)?.ok_or_else(errors::out_of_bounds)
}

/// Items `first, first + step, …` of `items`, at most `amount` of them.
fn pick(items: &[Value], first: usize, amount: usize, step: usize) -> Value {
    Value::list(
        items
            .iter()
            .skip(first)
            .step_by(step.max(1))
            .take(amount)
            .cloned()
            .collect(),
    )
}

fn slice_range(e: &Value, range: &Value) -> Res {
    let Value::Range { first, last, step } = range else {
        return Err(errors::function_clause(
            "Enum.slice/2",
            &[e.clone(), range.clone()],
            &[],
        ));
    };
    let step = if *step > 0 {
        *step
    } else if *step == -1 && first > last {
        1
    } else {
        return Err(errors::argument(format!(
            "Enum.slice/2 does not accept ranges with negative steps, got: {}",
            errors::show(range)
        )));
    };
    let items = to_vec(e)?;
    let count = items.len() as i64;
    let first = if *first >= 0 {
        *first
    } else {
        (first + count).max(0)
    };
    let last = if *last >= 0 { *last } else { last + count };
    let amount = last.saturating_sub(first).saturating_add(1);
    if first < count && amount > 0 {
        let amount = amount.min(count - first);
        let amount = if step == 1 {
            amount
        } else {
            (amount - 1) / step + 1
        };
        Ok(pick(&items, first as usize, amount as usize, step as usize))
    } else {
        Ok(Value::list(Vec::new()))
    }
}

fn slice_amount(e: &Value, start: &Value, amount: &Value) -> Res {
    let (Value::Int(start), Value::Int(amount)) = (start, amount) else {
        return Err(errors::function_clause(
            "Enum.slice/3",
            &[e.clone(), start.clone(), amount.clone()],
            &[],
        ));
    };
    if *amount < 0 {
        return Err(errors::function_clause(
            "Enum.slice/3",
            &[e.clone(), Value::Int(*start), Value::Int(*amount)],
            &[],
        ));
    }
    if *amount == 0 {
        return Ok(Value::list(Vec::new()));
    }
    if *start >= 0 {
        return Ok(Value::list(
            iter(e)?.skip(*start as usize).take(*amount as usize).collect(),
        ));
    }
    let items = to_vec(e)?;
    let count = items.len() as i64;
    let start = (count + start).max(0);
    let amount = (*amount).min(count - start);
    Ok(pick(&items, start as usize, amount.max(0) as usize, 1))
}

fn chunk_every(e: &Value, n: &Value) -> Res {
    let size = match n {
        Value::Int(size) if *size > 0 => *size as usize,
        _ => {
            return Err(errors::function_clause(
                "Enum.chunk_every/4",
                &[e.clone(), n.clone(), n.clone(), Value::list(Vec::new())],
                &[],
            ));
        }
    };
    let items = to_vec(e)?;
    Ok(Value::list(
        items
            .chunks(size)
            .map(|chunk| Value::list(chunk.to_vec()))
            .collect(),
    ))
}

fn chunk_by(e: &Value, f: &Value, host: &mut dyn Host) -> Res {
    let mut chunks: Vec<Value> = Vec::new();
    let mut current: Vec<Value> = Vec::new();
    let mut current_key: Option<Value> = None;
    for item in iter(e)? {
        let key = apply1(host, f, item.clone())?;
        if current_key.as_ref().is_some_and(|k| !k.strict_eq(&key)) {
            chunks.push(Value::list(std::mem::take(&mut current)));
        }
        current.push(item);
        current_key = Some(key);
    }
    if !current.is_empty() {
        chunks.push(Value::list(current));
    }
    Ok(Value::list(chunks))
}

fn split(e: &Value, n: &Value) -> Res {
    let count = int_arg(n, "Enum.split/2", &[e.clone(), n.clone()])?;
    let items = to_vec(e)?;
    let at = if count >= 0 {
        (count as u64).min(items.len() as u64) as usize
    } else {
        items.len().saturating_sub(count.unsigned_abs() as usize)
    };
    Ok(Value::tuple(vec![
        Value::list(items[..at].to_vec()),
        Value::list(items[at..].to_vec()),
    ]))
}

fn split_with(e: &Value, f: &Value, host: &mut dyn Host) -> Res {
    let (mut yes, mut no) = (Vec::new(), Vec::new());
    for item in iter(e)? {
        if apply1(host, f, item.clone())?.is_truthy() {
            yes.push(item);
        } else {
            no.push(item);
        }
    }
    Ok(Value::tuple(vec![Value::list(yes), Value::list(no)]))
}

fn intersperse(e: &Value, separator: &Value) -> Res {
    let mut out = Vec::new();
    for (index, item) in iter(e)?.enumerate() {
        if index > 0 {
            out.push(separator.clone());
        }
        out.push(item);
    }
    Ok(Value::list(out))
}

#[cfg(test)]
mod tests {
    use crate::eval::stdlib::test_support::check;

    const NOT_ENUMERABLE: &str = "This protocol is implemented for the following type(s): \
        DBConnection.PrepareStream, DBConnection.Stream, Date.Range, Ecto.Adapters.SQL.Stream, File.Stream, \
        Function, GenEvent.Stream, HashDict, HashSet, IO.Stream, Jason.OrderedObject, List, Map, MapSet, \
        Postgrex.Stream, Range, Stream";

    #[test]
    fn enum_functions() {
        let not_enumerable = format!(
            "** (Protocol.UndefinedError) protocol Enumerable not implemented for ‹1› of type Integer. {NOT_ENUMERABLE}"
        );
        let not_enumerable_nil = format!(
            "** (Protocol.UndefinedError) protocol Enumerable not implemented for ‹nil› of type Atom. {NOT_ENUMERABLE}"
        );
        check(&[
            ("Enum.map", "[1, -2], &abs/1", "[1, 2]"),
            ("Enum.map", "1..3, &double/1", "[2, 4, 6]"),
            ("Enum.map", "3..1, &double/1", "[6, 4, 2]"),
            ("Enum.map", "1..10//4, &double/1", "[2, 10, 18]"),
            (
                "Enum.map",
                "%{a: 1, b: 2}, &Tuple.to_list/1",
                "[[:a, 1], [:b, 2]]",
            ),
            ("Enum.map", "1, &abs/1", &not_enumerable),
            ("Enum.map", "nil, &abs/1", &not_enumerable_nil),
            ("Enum.filter", "[1, \"a\", 2], &is_integer/1", "[1, 2]"),
            ("Enum.reject", "[1, \"a\", 2], &is_integer/1", "[\"a\"]"),
            ("Enum.reduce", "[1, 2, 3], &+/2", "6"),
            ("Enum.reduce", "[], &+/2", "** (Enum.EmptyError) empty error"),
            ("Enum.reduce", "[1, 2, 3], [], &cons/2", "[3, 2, 1]"),
            ("Enum.reduce", "1..4, 0, &+/2", "10"),
            (
                "Enum.reduce_while",
                "[1, 2, 3], 0, &pair/2",
                "** (CaseClauseError) no case clause matching: ‹{1, 0}›",
            ),
            ("Enum.map_reduce", "[1, 2], 0, &pair/2", "{[1, 2], 0}"),
            ("Enum.count", "[1, 2, 3]", "3"),
            ("Enum.count", "1..10//3", "4"),
            ("Enum.count", "%{a: 1}", "1"),
            ("Enum.count", "[1, :a, 2], &is_integer/1", "2"),
            ("Enum.sum", "[1, 2, 3]", "6"),
            ("Enum.sum", "[1, 2.5]", "3.5"),
            ("Enum.sum", "1..100", "5050"),
            ("Enum.sum", "10..1//-3", "22"),
            ("Enum.sum", "[]", "0"),
            (
                "Enum.sum",
                "[1, :a]",
                "** (ArithmeticError) bad argument in arithmetic expression",
            ),
            (
                "Enum.sum",
                "[9223372036854775807, 1]",
                "** (ArithmeticError) integer overflow: the result does not fit in 64 bits (helpdesk has no big integers)",
            ),
            ("Enum.product", "[2, 3, 4]", "24"),
            ("Enum.product", "[]", "1"),
            ("Enum.each", "[1, 2], &abs/1", ":ok"),
            ("Enum.find", "[1, :a, :b], &is_atom/1", ":a"),
            ("Enum.find", "[1, 2], &is_atom/1", "nil"),
            ("Enum.find", "[1, 2], :none, &is_atom/1", ":none"),
            ("Enum.find_index", "[1, :a], &is_atom/1", "1"),
            ("Enum.find_index", "[1], &is_atom/1", "nil"),
            ("Enum.find_value", "[:a, 3], &is_integer/1", "true"),
            ("Enum.find_value", "[:a], :no, &is_integer/1", ":no"),
            ("Enum.sort", "[3, 1, 2]", "[1, 2, 3]"),
            ("Enum.sort", "[\"b\", :a, 1, [], {}]", "[1, :a, {}, [], \"b\"]"),
            ("Enum.sort", "[3, 1, 2], :desc", "[3, 2, 1]"),
            ("Enum.sort", "[3, 1, 2], :asc", "[1, 2, 3]"),
            ("Enum.sort", "[1, 3, 2], &>=/2", "[3, 2, 1]"),
            ("Enum.sort", "[{:b, 1}, {:a, 2}]", "[{:a, 2}, {:b, 1}]"),
            (
                "Enum.sort_by",
                "[\"bbb\", \"a\", \"cc\"], &String.length/1",
                "[\"a\", \"cc\", \"bbb\"]",
            ),
            (
                "Enum.sort_by",
                "[\"bb\", \"a\", \"cc\"], &String.length/1, :desc",
                "[\"bb\", \"cc\", \"a\"]",
            ),
            (
                "Enum.sort_by",
                "[\"bb\", \"a\", \"cc\"], &String.length/1, &>=/2",
                "[\"bb\", \"cc\", \"a\"]",
            ),
            (
                "Enum.group_by",
                "[1, 2, 3, 4], &parity/1",
                "%{even: [2, 4], odd: [1, 3]}",
            ),
            (
                "Enum.group_by",
                "[1, 2, 3], &parity/1, &double/1",
                "%{even: [4], odd: [2, 6]}",
            ),
            ("Enum.take", "[1, 2, 3], 2", "[1, 2]"),
            ("Enum.take", "[1, 2, 3], -2", "[2, 3]"),
            ("Enum.take", "1..1000000000000, 2", "[1, 2]"),
            ("Enum.take", "[1, 2], 10", "[1, 2]"),
            (
                "Enum.take",
                "[1], :a",
                "** (FunctionClauseError) no function clause matching in Enum.take/2    \n    \n    \
                 The following arguments were given to Enum.take/2:\n    \n        # 1\n        ‹[1]›\n    \n        \
                 # 2\n        ‹:a›\n    ",
            ),
            ("Enum.drop", "[1, 2, 3], 2", "[3]"),
            ("Enum.drop", "[1, 2, 3], -2", "[1]"),
            ("Enum.take_while", "[1, 2, :a, 3], &is_integer/1", "[1, 2]"),
            ("Enum.drop_while", "[1, 2, :a, 3], &is_integer/1", "[:a, 3]"),
            ("Enum.with_index", "[:a, :b]", "[{:a, 0}, {:b, 1}]"),
            ("Enum.with_index", "[:a, :b], 1", "[{:a, 1}, {:b, 2}]"),
            ("Enum.with_index", "[:a, :b], &pair/2", "[{:a, 0}, {:b, 1}]"),
            ("Enum.member?", "[1, 2], 2", "true"),
            ("Enum.member?", "[1, 2], 2.0", "false"),
            ("Enum.member?", "1..10, 5", "true"),
            ("Enum.member?", "1..10//2, 4", "false"),
            ("Enum.member?", "1..10, 5.0", "false"),
            ("Enum.member?", "%{a: 1}, {:a, 1}", "true"),
            ("Enum.uniq", "[1, 2, 1, 1.0, 3, 2]", "[1, 2, 1.0, 3]"),
            ("Enum.uniq_by", "[1, 2, 3, 4], &parity/1", "[1, 2]"),
            ("Enum.dedup", "[1, 1, 2, 1, 1]", "[1, 2, 1]"),
            ("Enum.dedup_by", "[1, 3, 2, 5], &parity/1", "[1, 2, 5]"),
            ("Enum.zip", "[1, 2, 3], [:a, :b]", "[{1, :a}, {2, :b}]"),
            (
                "Enum.zip",
                "[[1, 2], [:a, :b], [\"x\", \"y\"]]",
                "[{1, :a, \"x\"}, {2, :b, \"y\"}]",
            ),
            ("Enum.zip", "[]", "[]"),
            ("Enum.unzip", "[{1, :a}, {2, :b}]", "{[1, 2], [:a, :b]}"),
            ("Enum.join", "[1, :a, \"b\", 2.0]", "\"1ab2.0\""),
            ("Enum.join", "[1, 2, 3], \", \"", "\"1, 2, 3\""),
            ("Enum.join", "[], \", \"", "\"\""),
            (
                "Enum.join",
                "[%{}], \"-\"",
                "** (Protocol.UndefinedError) protocol String.Chars not implemented for ‹%{}› of type Map. \
                 This protocol is implemented for the following type(s): Ash.CiString, Atom, BitString, Date, \
                 DateTime, Decimal, Float, Integer, List, NaiveDateTime, Postgrex.Copy, Time, URI, Version, \
                 Version.Requirement",
            ),
            ("Enum.map_join", "[1, 2], &double/1", "\"24\""),
            ("Enum.map_join", "[1, 2], \"+\", &double/1", "\"2+4\""),
            ("Enum.min", "[3, 1, 2]", "1"),
            ("Enum.max", "[3, 1, 2]", "3"),
            ("Enum.max", "[1, 1.0]", "1"),
            ("Enum.max", "[]", "** (Enum.EmptyError) empty error"),
            ("Enum.min", "1..5", "1"),
            ("Enum.min_by", "[\"aa\", \"b\", \"c\"], &String.length/1", "\"b\""),
            (
                "Enum.max_by",
                "[\"aa\", \"b\", \"cc\"], &String.length/1",
                "\"aa\"",
            ),
            (
                "Enum.max_by",
                "[], &String.length/1",
                "** (Enum.EmptyError) empty error",
            ),
            ("Enum.min_max", "[2, 3, 1]", "{1, 3}"),
            ("Enum.frequencies", "[:a, :b, :a]", "%{a: 2, b: 1}"),
            (
                "Enum.frequencies_by",
                "[1, 2, 3], &parity/1",
                "%{even: 1, odd: 2}",
            ),
            ("Enum.to_list", "1..3", "[1, 2, 3]"),
            ("Enum.to_list", "%{b: 2, a: 1}", "[{:a, 1}, {:b, 2}]"),
            ("Enum.into", "[{:a, 1}], %{}", "%{a: 1}"),
            ("Enum.into", "[{:a, 1}], %{b: 2}", "%{a: 1, b: 2}"),
            ("Enum.into", "1..2, [0]", "[0, 1, 2]"),
            ("Enum.into", "[1], %{}", "** (ArgumentError) argument error"),
            ("Enum.into", "[1, 2], %{}, &entry/1", "%{1 => 1, 2 => 1}"),
            ("Enum.reverse", "[1, 2, 3]", "[3, 2, 1]"),
            ("Enum.concat", "[[1], [2, 3], 4..5]", "[1, 2, 3, 4, 5]"),
            ("Enum.concat", "[1], [2]", "[1, 2]"),
            ("Enum.flat_map", "[1, 2], &dup/1", "[1, 1, 2, 2]"),
            ("Enum.any?", "[1, :a], &is_atom/1", "true"),
            ("Enum.any?", "[false, nil]", "false"),
            ("Enum.all?", "[1, :a], &is_atom/1", "false"),
            ("Enum.all?", "[]", "true"),
            ("Enum.empty?", "[]", "true"),
            ("Enum.empty?", "1..2", "false"),
            ("Enum.at", "[1, 2, 3], 1", "2"),
            ("Enum.at", "[1, 2, 3], -1", "3"),
            ("Enum.at", "[1, 2, 3], 5", "nil"),
            ("Enum.at", "[1, 2, 3], -5, :none", ":none"),
            ("Enum.at", "1..1000000000000, 999999", "1000000"),
            (
                "Enum.at",
                "[1], :a",
                "** (FunctionClauseError) no function clause matching in Enum.at/3    \n    \n    \
                 The following arguments were given to Enum.at/3:\n    \n        # 1\n        ‹[1]›\n    \n        \
                 # 2\n        ‹:a›\n    \n        # 3\n        ‹nil›\n    \n    Attempted function clauses \
                 (showing 1 out of 1):\n    \n        def at(enumerable, index, default) when -is_integer(index)-\n    ",
            ),
            ("Enum.fetch", "[1, 2], 1", "{:ok, 2}"),
            ("Enum.fetch", "[1, 2], 2", ":error"),
            ("Enum.fetch!", "[1, 2], -1", "2"),
            (
                "Enum.fetch!",
                "[1, 2], 2",
                "** (Enum.OutOfBoundsError) out of bounds error",
            ),
            ("Enum.slice", "[1, 2, 3, 4, 5], 1..3", "[2, 3, 4]"),
            ("Enum.slice", "[1, 2, 3, 4, 5], 3..10", "[4, 5]"),
            ("Enum.slice", "[1, 2, 3, 4, 5], 6..10", "[]"),
            ("Enum.slice", "[1, 2, 3, 4, 5], -2..-1", "[4, 5]"),
            ("Enum.slice", "[1, 2, 3, 4, 5], 1..-2", "[2, 3, 4]"),
            ("Enum.slice", "1..20, 0..9//3", "[1, 4, 7, 10]"),
            (
                "Enum.slice",
                "[1, 2], 0..1//-2",
                "** (ArgumentError) Enum.slice/2 does not accept ranges with negative steps, got: ‹0..1//-2›",
            ),
            ("Enum.slice", "1..100, 5, 3", "[6, 7, 8]"),
            ("Enum.slice", "1..10, -6, 3", "[5, 6, 7]"),
            ("Enum.slice", "1..10, -11, 5", "[1, 2, 3, 4, 5]"),
            ("Enum.slice", "1..10, 10, 5", "[]"),
            ("Enum.chunk_every", "[1, 2, 3, 4, 5], 2", "[[1, 2], [3, 4], [5]]"),
            (
                "Enum.chunk_by",
                "[1, 3, 2, 4, 5], &parity/1",
                "[[1, 3], [2, 4], [5]]",
            ),
            ("Enum.split", "[1, 2, 3], 1", "{[1], [2, 3]}"),
            ("Enum.split", "[1, 2, 3], -1", "{[1, 2], [3]}"),
            ("Enum.split", "[1, 2, 3], 10", "{[1, 2, 3], []}"),
            ("Enum.split_with", "[1, :a, 2], &is_integer/1", "{[1, 2], [:a]}"),
            ("Enum.intersperse", "[1, 2, 3], 0", "[1, 0, 2, 0, 3]"),
        ]);
    }
}
