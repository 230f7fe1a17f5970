//! Reading the Elixir arguments of Ash calls: keyword lists, params maps, resource modules,
//! and `FunctionClauseError`-style errors for arguments of the wrong shape.
//!
//! Pure helpers over `Value`; no Ash semantics beyond "what shape is this argument".

use crate::eval::error::EvalError;
use crate::model::ResourceRef;
use crate::value::Value;

/// The entries of a keyword list (`[a: 1, b: 2]`), None when `value` is not one. `[]` is an
/// empty keyword list.
pub fn keyword(value: &Value) -> Option<Vec<(String, Value)>> {
    let Value::List(items) = value else {
        return None;
    };
    items
        .iter()
        .map(|item| match item {
            Value::Tuple(pair) => match pair.as_slice() {
                [Value::Atom(k), v] => Some((k.to_string(), v.clone())),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// The value of `key` in a keyword list (the first one), if any.
pub fn keyword_get(value: &Value, key: &str) -> Option<Value> {
    keyword(value)?
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}

/// Action params: a map with atom or string keys, or a keyword list, or nil. Keys come back as
/// names, in Elixir's iteration order (maps by term order of keys, keyword lists as given).
/// Keys that are neither atoms nor strings are dropped (Ash ignores them).
pub fn params(value: &Value) -> Result<Vec<(String, Value)>, EvalError> {
    match value {
        Value::Nil => Ok(Vec::new()),
        Value::Map(map) => Ok(map
            .entries
            .iter()
            .filter_map(|(k, v)| match k {
                Value::Atom(a) => Some((a.to_string(), v.clone())),
                Value::Str(s) => Some((s.to_string(), v.clone())),
                _ => None,
            })
            .collect()),
        Value::List(_) => keyword(value).ok_or_else(|| {
            EvalError::new(
                "ArgumentError",
                "expected params to be a map or a keyword list".to_string(),
            )
        }),
        other => Err(crate::eval::stdlib::errors::not_enumerable(other)),
    }
}

/// The resource a module value names (`Support.Ticket`).
pub fn resource_of(value: &Value) -> Option<ResourceRef> {
    match value {
        Value::Module(name) => crate::eval::project::current().resource(name),
        _ => None,
    }
}

/// A record as a struct of its resource's current definition (see `Record::rehomed`).
pub fn current_record(record: &std::rc::Rc<crate::value::Record>) -> std::rc::Rc<crate::value::Record> {
    match crate::eval::project::current().resource(&record.resource.name) {
        Some(resource) => record.rehomed(&resource),
        None => std::rc::Rc::clone(record),
    }
}

/// An atom argument's name (`:subject` → `subject`).
pub fn atom_name(value: &Value) -> Option<&str> {
    match value {
        Value::Atom(a) => Some(a),
        _ => None,
    }
}

/// The error Elixir raises when no clause of `module.name/arity` matches.
pub fn no_clause(module: &str, name: &str, arity: usize) -> EvalError {
    EvalError::new(
        "FunctionClauseError",
        format!("no function clause matching in {module}.{name}/{arity}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::MapValue;
    use std::rc::Rc;

    #[test]
    fn params_shapes() {
        let map = Value::Map(Rc::new(MapValue::from_entries([
            (Value::string("subject"), Value::string("s")),
            (Value::atom("bogus"), Value::Int(1)),
            (Value::Int(1), Value::Int(2)),
        ])));
        let kw = Value::keyword(vec![("subject", Value::string("k")), ("a", Value::Nil)]);
        let rows: Vec<(Value, Vec<(&str, Value)>)> = vec![
            (Value::Nil, vec![]),
            (
                map,
                vec![("bogus", Value::Int(1)), ("subject", Value::string("s"))],
            ),
            (kw, vec![("subject", Value::string("k")), ("a", Value::Nil)]),
            (Value::list(vec![]), vec![]),
        ];
        for (input, expected) in rows {
            let got = params(&input).ok();
            let expected: Vec<(String, Value)> =
                expected.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
            assert_eq!(got, Some(expected));
        }
        assert!(params(&Value::Int(3)).is_err());
        assert!(params(&Value::list(vec![Value::Int(1)])).is_err());
    }
}
