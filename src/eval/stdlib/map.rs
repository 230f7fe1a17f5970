//! `Map`: functions on maps. Structs and Ash records are maps too in Elixir, so reading
//! functions (`get`, `fetch`, `has_key?`, `take`) also accept them, by field name.
//!
//! Anything else raises `BadMapError`, as `:maps` does.

use std::rc::Rc;

use crate::eval::error::EvalError;
use crate::eval::host::Host;
use crate::eval::stdlib::enumerable::iter;
use crate::eval::stdlib::errors;
use crate::value::{MapValue, Value};

pub(super) const FUNCTIONS: &[(&str, usize)] = &[
    ("delete", 2),
    ("drop", 2),
    ("fetch", 2),
    ("fetch!", 2),
    ("filter", 2),
    ("get", 2),
    ("get", 3),
    ("has_key?", 2),
    ("keys", 1),
    ("merge", 2),
    ("merge", 3),
    ("new", 0),
    ("new", 1),
    ("new", 2),
    ("pop", 2),
    ("pop", 3),
    ("put", 3),
    ("put_new", 3),
    ("reject", 2),
    ("take", 2),
    ("to_list", 1),
    ("update", 4),
    ("update!", 3),
    ("values", 1),
];

type Res = Result<Value, EvalError>;

pub(super) fn call(name: &str, args: &[Value], host: &mut dyn Host) -> Option<Res> {
    Some(match (name, args) {
        ("get", [map, key]) => lookup(map, key).map(|v| v.unwrap_or(Value::Nil)),
        ("get", [map, key, default]) => lookup(map, key).map(|v| v.unwrap_or_else(|| default.clone())),
        ("fetch", [map, key]) => lookup(map, key).map(|v| match v {
            Some(value) => Value::ok(value),
            None => Value::atom("error"),
        }),
        ("fetch!", [map, key]) => {
            lookup(map, key).and_then(|v| v.ok_or_else(|| errors::key_not_found(key, map)))
        }
        ("has_key?", [map, key]) => lookup(map, key).map(|v| Value::Bool(v.is_some())),
        ("take", [map, keys]) => take(map, keys),
        ("put", [map, key, value]) => with_map(map, |m| m.insert(key.clone(), value.clone())),
        ("put_new", [map, key, value]) => with_map(map, |m| {
            if m.get(key).is_none() {
                m.insert(key.clone(), value.clone());
            }
        }),
        ("delete", [map, key]) => with_map(map, |m| {
            m.remove(key);
        }),
        ("drop", [map, keys]) => drop(map, keys),
        ("keys", [map]) => {
            entries(map).map(|m| Value::list(m.entries.iter().map(|(k, _)| k.clone()).collect()))
        }
        ("values", [map]) => {
            entries(map).map(|m| Value::list(m.entries.iter().map(|(_, v)| v.clone()).collect()))
        }
        ("to_list", [map]) => entries(map).map(|m| {
            Value::list(
                m.entries
                    .iter()
                    .map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()]))
                    .collect(),
            )
        }),
        ("merge", [a, b]) => merge(a, b, None, host),
        ("merge", [a, b, f]) => merge(a, b, Some(f), host),
        ("new", []) => Ok(Value::Map(Rc::new(MapValue::default()))),
        ("new", [e]) => new(e, None, host),
        ("new", [e, f]) => new(e, Some(f), host),
        ("update", [map, key, default, f]) => update(map, key, Some(default), f, host),
        ("update!", [map, key, f]) => update(map, key, None, f, host),
        ("pop", [map, key]) => pop(map, key, &Value::Nil),
        ("pop", [map, key, default]) => pop(map, key, default),
        ("filter", [map, f]) => filter(map, f, true, host),
        ("reject", [map, f]) => filter(map, f, false, host),
        _ => return None,
    })
}

/// The entries of a plain map, or `BadMapError`.
fn entries(map: &Value) -> Result<&MapValue, EvalError> {
    match map {
        Value::Map(m) => Ok(m),
        _ => Err(errors::bad_map(map)),
    }
}

/// Applies a change to a copy of a plain map.
fn with_map(map: &Value, change: impl FnOnce(&mut MapValue)) -> Res {
    let mut copy = entries(map)?.clone();
    change(&mut copy);
    Ok(Value::Map(Rc::new(copy)))
}

/// `map[key]` for maps, structs, records and ranges; None when the key is absent.
fn lookup(map: &Value, key: &Value) -> Result<Option<Value>, EvalError> {
    let field = || key.atom_name().map(|name| name.into_owned());
    match map {
        Value::Map(m) => Ok(m.get(key).cloned()),
        Value::Struct(s) => Ok(match field().as_deref() {
            Some("__struct__") => Some(Value::Module(Rc::from(s.module.as_str()))),
            Some(name) => s.get(name).cloned(),
            None => None,
        }),
        Value::Record(record) => Ok(match field().as_deref() {
            Some("__struct__") => Some(Value::Module(Rc::from(record.resource.name.clone()))),
            Some(name) => record.field(name),
            None => None,
        }),
        Value::Range { first, last, step } => Ok(match field().as_deref() {
            Some("__struct__") => Some(Value::Module(Rc::from("Range"))),
            Some("first") => Some(Value::Int(*first)),
            Some("last") => Some(Value::Int(*last)),
            Some("step") => Some(Value::Int(*step)),
            _ => None,
        }),
        _ => Err(errors::bad_map(map)),
    }
}

fn take(map: &Value, keys: &Value) -> Res {
    let mut out = MapValue::default();
    lookup(map, &Value::Nil)?;
    for key in iter(keys)? {
        if let Some(value) = lookup(map, &key)? {
            out.insert(key, value);
        }
    }
    Ok(Value::Map(Rc::new(out)))
}

fn drop(map: &Value, keys: &Value) -> Res {
    let mut copy = entries(map)?.clone();
    for key in iter(keys)? {
        copy.remove(&key);
    }
    Ok(Value::Map(Rc::new(copy)))
}

fn merge(a: &Value, b: &Value, f: Option<&Value>, host: &mut dyn Host) -> Res {
    let mut out = entries(a)?.clone();
    for (key, value) in entries(b)?.entries.iter() {
        let value = match (f, out.get(key)) {
            (Some(fun), Some(existing)) => {
                host.apply(fun, vec![key.clone(), existing.clone(), value.clone()])?
            }
            _ => value.clone(),
        };
        out.insert(key.clone(), value);
    }
    Ok(Value::Map(Rc::new(out)))
}

fn new(e: &Value, f: Option<&Value>, host: &mut dyn Host) -> Res {
    let mut out = MapValue::default();
    for item in iter(e)? {
        let pair = match f {
            Some(fun) => host.apply(fun, vec![item])?,
            None => item,
        };
        match &pair {
            Value::Tuple(items) if items.len() == 2 => out.insert(items[0].clone(), items[1].clone()),
            _ => return Err(errors::argument("argument error")),
        }
    }
    Ok(Value::Map(Rc::new(out)))
}

/// `update/4` (with a default) and `update!/3` (KeyError when absent).
fn update(map: &Value, key: &Value, default: Option<&Value>, f: &Value, host: &mut dyn Host) -> Res {
    let mut copy = entries(map)?.clone();
    let value = match (copy.get(key), default) {
        (Some(existing), _) => host.apply(f, vec![existing.clone()])?,
        (None, Some(default)) => default.clone(),
        (None, None) => return Err(errors::key_not_found(key, map)),
    };
    copy.insert(key.clone(), value);
    Ok(Value::Map(Rc::new(copy)))
}

fn pop(map: &Value, key: &Value, default: &Value) -> Res {
    let mut copy = entries(map)?.clone();
    let value = copy.remove(key).unwrap_or_else(|| default.clone());
    Ok(Value::tuple(vec![value, Value::Map(Rc::new(copy))]))
}

fn filter(map: &Value, f: &Value, keep: bool, host: &mut dyn Host) -> Res {
    let mut out = MapValue::default();
    for (key, value) in entries(map)?.entries.iter() {
        let pair = Value::tuple(vec![key.clone(), value.clone()]);
        if host.apply(f, vec![pair])?.is_truthy() == keep {
            out.insert(key.clone(), value.clone());
        }
    }
    Ok(Value::Map(Rc::new(out)))
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use crate::eval::stdlib;
    use crate::eval::stdlib::test_support::{TestHost, check, debug, term};
    use crate::project::testing::user_resource;
    use crate::value::{MetaState, Record, Value};

    /// Records are maps in Elixir: `Map.get(record, :name)`, `Map.take(record, [...])` (ash-e, ash-h).
    #[test]
    fn map_functions_read_records() {
        let mut record = Record::empty(user_resource(), MetaState::Loaded);
        if let Some(i) = user_resource().attribute_index("name") {
            record.attributes[i] = Value::string("Alice");
        }
        if let Some(i) = user_resource()
            .aggregates
            .iter()
            .position(|a| a.name == "all_assigned_tickets")
        {
            record.aggregates[i] = Some(Value::Int(3));
        }
        let record = Value::Record(Rc::new(record));
        let rows: &[(&str, &str, &str)] = &[
            ("get", "[:name]", "\"Alice\""),
            ("get", "[:bogus, 0]", "0"),
            ("fetch", "[:name]", "{:ok, \"Alice\"}"),
            ("has_key?", "[:all_assigned_tickets]", "true"),
            ("get", "[:__struct__]", "Support.User"),
            (
                "take",
                "[[:name, :all_assigned_tickets]]",
                "%{all_assigned_tickets: 3, name: \"Alice\"}",
            ),
        ];
        for (name, rest, expected) in rows {
            let Value::List(rest) = term(rest) else {
                unreachable!()
            };
            let mut args = vec![record.clone()];
            args.extend(rest.iter());
            let got = stdlib::call(Some("Map"), name, args, &mut TestHost::default());
            match got {
                Some(Ok(value)) => assert!(value.strict_eq(&term(expected)), "Map.{name}: {}", debug(&value)),
                _ => panic!("Map.{name} failed"),
            }
        }
    }

    #[test]
    fn map_functions() {
        check(&[
            ("Map.get", "%{a: 1}, :a", "1"),
            ("Map.get", "%{a: 1}, :b", "nil"),
            ("Map.get", "%{a: 1}, :b, 0", "0"),
            ("Map.get", "%{\"k\" => 1}, \"k\"", "1"),
            ("Map.get", "1..3, :last", "3"),
            ("Map.get", "1, :a", "** (BadMapError) expected a map, got: ‹1›"),
            ("Map.put", "%{a: 1}, :b, 2", "%{a: 1, b: 2}"),
            ("Map.put", "%{a: 1}, :a, 2", "%{a: 2}"),
            (
                "Map.put",
                "[], :a, 2",
                "** (BadMapError) expected a map, got: ‹[]›",
            ),
            ("Map.put_new", "%{a: 1}, :a, 2", "%{a: 1}"),
            ("Map.fetch", "%{a: 1}, :a", "{:ok, 1}"),
            ("Map.fetch", "%{a: 1}, :b", ":error"),
            ("Map.fetch!", "%{a: 1}, :a", "1"),
            (
                "Map.fetch!",
                "%{a: 1}, :b",
                "** (KeyError) key ‹:b› not found in: ‹%{a: 1}›",
            ),
            ("Map.has_key?", "%{a: 1}, :a", "true"),
            ("Map.has_key?", "%{a: 1}, :b", "false"),
            ("Map.keys", "%{b: 2, a: 1}", "[:a, :b]"),
            ("Map.values", "%{b: 2, a: 1}", "[1, 2]"),
            ("Map.keys", "nil", "** (BadMapError) expected a map, got: ‹nil›"),
            ("Map.delete", "%{a: 1, b: 2}, :a", "%{b: 2}"),
            ("Map.merge", "%{a: 1, b: 2}, %{b: 3, c: 4}", "%{a: 1, b: 3, c: 4}"),
            (
                "Map.merge",
                "%{a: 1, b: 1}, %{a: 2, c: 5}, &add_values/3",
                "%{a: 3, b: 1, c: 5}",
            ),
            ("Map.new", "", "%{}"),
            ("Map.new", "[a: 1, b: 2]", "%{a: 1, b: 2}"),
            ("Map.new", "[1]", "** (ArgumentError) argument error"),
            ("Map.new", "[1, 2], &entry/1", "%{1 => 1, 2 => 1}"),
            ("Map.to_list", "%{b: 2, a: 1}", "[{:a, 1}, {:b, 2}]"),
            ("Map.update", "%{a: 1}, :a, 0, &double/1", "%{a: 2}"),
            ("Map.update", "%{a: 1}, :b, 0, &double/1", "%{a: 1, b: 0}"),
            ("Map.update!", "%{a: 1}, :a, &double/1", "%{a: 2}"),
            (
                "Map.update!",
                "%{a: 1}, :b, &double/1",
                "** (KeyError) key ‹:b› not found in: ‹%{a: 1}›",
            ),
            ("Map.take", "%{a: 1, b: 2, c: 3}, [:a, :c, :z]", "%{a: 1, c: 3}"),
            ("Map.take", "1, [:a]", "** (BadMapError) expected a map, got: ‹1›"),
            ("Map.drop", "%{a: 1, b: 2, c: 3}, [:a, :c]", "%{b: 2}"),
            ("Map.pop", "%{a: 1, b: 2}, :a", "{1, %{b: 2}}"),
            ("Map.pop", "%{a: 1}, :z, 0", "{0, %{a: 1}}"),
            ("Map.filter", "%{a: 1, b: :x}, &is_tuple/1", "%{a: 1, b: :x}"),
            ("Map.reject", "%{a: 1, b: :x}, &is_tuple/1", "%{}"),
        ]);
    }
}
