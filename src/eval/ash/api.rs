//! `Support.AshApi.*`: create/update/destroy, read/read_one/get, load/reload and their `!`
//! forms, with Ash 2.4's return shapes (`{:ok, x}`, `{:error, %Ash.Error.Invalid{}}`, `:ok`)
//! and raises.

use std::rc::Rc;

use crate::eval::error::EvalError;
use crate::eval::host::Host;
use crate::model::{ActionKind, ResourceRef};
use crate::query::Expr;
use crate::value::{AshQuery, Record, Value};

use super::action::{self, Outcome};
use super::args;
use super::changeset;
use super::errors;
use super::key;
use super::query;
use super::read::{self, ReadError};

/// The functions of `Support.AshApi` with their arities.
pub const FUNCTIONS: &[(&str, usize)] = &[
    ("create", 1),
    ("create", 2),
    ("create!", 1),
    ("create!", 2),
    ("update", 1),
    ("update", 2),
    ("update!", 1),
    ("update!", 2),
    ("destroy", 1),
    ("destroy", 2),
    ("destroy!", 1),
    ("destroy!", 2),
    ("read", 1),
    ("read", 2),
    ("read!", 1),
    ("read!", 2),
    ("read_one", 1),
    ("read_one", 2),
    ("read_one!", 1),
    ("read_one!", 2),
    ("get", 2),
    ("get", 3),
    ("get!", 2),
    ("get!", 3),
    ("load", 2),
    ("load", 3),
    ("load!", 2),
    ("load!", 3),
    ("reload", 1),
    ("reload", 2),
    ("reload!", 1),
    ("reload!", 2),
];

/// `Support.AshApi.name(args)`; None when no such function/arity exists.
pub fn call(
    api: &str,
    name: &str,
    args: Vec<Value>,
    host: &mut dyn Host,
) -> Option<Result<Value, EvalError>> {
    if !FUNCTIONS.iter().any(|(n, a)| *n == name && *a == args.len()) {
        return None;
    }
    let bang = name.ends_with('!');
    let base = name.trim_end_matches('!');
    Some(match base {
        "create" => write(api, &args[0], ActionKind::Create, bang, host),
        "update" => write(api, &args[0], ActionKind::Update, bang, host),
        "destroy" => write(api, &args[0], ActionKind::Destroy, bang, host),
        "read" => read_all(&args[0], bang, host),
        "read_one" => read_one(&args[0], bang, host),
        "get" => get(&args[0], &args[1], args.get(2), bang, host),
        "load" => load(api, &args[0], &args[1], bang, host),
        "reload" => reload(api, &args[0], bang, host),
        _ => return None,
    })
}

fn key_error(value: &Value) -> EvalError {
    let shown = crate::render::inspect(
        value,
        &crate::render::InspectOptions {
            width: usize::MAX,
            limit: 50,
        },
    );
    EvalError::new("KeyError", format!("key :resource not found in: {shown}"))
}

fn ok(value: Value, bang: bool) -> Value {
    if bang { value } else { Value::ok(value) }
}

/// An Ash failure: `{:error, class}` or the raise of `!`.
fn failed(errors_list: Vec<Value>, bang: bool) -> Result<Value, EvalError> {
    if bang {
        Err(errors::raise(&errors_list))
    } else {
        Ok(Value::error(errors::class_error(&errors_list, None)))
    }
}

fn write(
    api: &str,
    target: &Value,
    kind: ActionKind,
    bang: bool,
    host: &mut dyn Host,
) -> Result<Value, EvalError> {
    let cs = match target {
        Value::Changeset(cs) => cs.clone(),
        Value::Record(r) if kind == ActionKind::Destroy => {
            let r = &args::current_record(r);
            let action = r
                .resource
                .primary_action(ActionKind::Destroy)
                .and_then(|found| r.resource.actions.iter().position(|a| a.name == found.name))
                .ok_or_else(|| key_error(target))?;
            Rc::new(changeset::build(r.resource.clone(), action, r.clone(), None, &[]))
        }
        other => return Err(key_error(other)),
    };
    let db = host.db()?;
    match action::run(db, &cs, kind, api)? {
        Outcome::Done(v) => Ok(if kind == ActionKind::Destroy {
            v
        } else {
            ok(v, bang)
        }),
        Outcome::Failed(e) => {
            if bang {
                Err(errors::raise_class(&e))
            } else {
                Ok(Value::error(e))
            }
        }
    }
}

fn records_value(records: Vec<Record>) -> Value {
    Value::list(records.into_iter().map(|r| Value::Record(Rc::new(r))).collect())
}

/// Runs `read` on a query: Ash's errors apart (returned or raised by the caller), other
/// failures raised.
fn run_query<T>(
    q: &AshQuery,
    host: &mut dyn Host,
    read: impl FnOnce(&mut crate::db::Database, &AshQuery) -> Result<T, ReadError>,
) -> Result<Result<T, Vec<Value>>, EvalError> {
    if !q.errors.is_empty() {
        return Ok(Err(q.errors.clone()));
    }
    let db = host.db()?;
    match read(db, q) {
        Ok(found) => Ok(Ok(found)),
        Err(ReadError::Ash(errs)) => Ok(Err(errs)),
        Err(ReadError::Raise(e)) => Err(e),
    }
}

fn read_all(target: &Value, bang: bool, host: &mut dyn Host) -> Result<Value, EvalError> {
    let q = query::to_query(target)?;
    match run_query(&q, host, read::run_list)? {
        Ok(list) => Ok(ok(Value::List(list), bang)),
        Err(errs) => failed(errs, bang).map_err(|e| crate::eval::hints::with_field_hints(e, &q.resource)),
    }
}

fn one_of(records: Vec<Record>, bang: bool) -> Result<Value, EvalError> {
    match records.len() {
        0 => Ok(ok(Value::Nil, bang)),
        1 => Ok(ok(
            records
                .into_iter()
                .next()
                .map_or(Value::Nil, |r| Value::Record(Rc::new(r))),
            bang,
        )),
        n => failed(vec![errors::multiple_results(n)], bang),
    }
}

fn read_one(target: &Value, bang: bool, host: &mut dyn Host) -> Result<Value, EvalError> {
    let q = query::to_query(target)?;
    match run_query(&q, host, read::run)? {
        Ok(records) => one_of(records, bang),
        Err(errs) => failed(errs, bang).map_err(|e| crate::eval::hints::with_field_hints(e, &q.resource)),
    }
}

/// The primary key a NotFound names when the key given is nil: `%{id: nil}`, or the map given.
fn not_found_key(resource: &ResourceRef, id: &Value) -> Value {
    match id {
        Value::Map(_) => id.clone(),
        _ => key::key_map(&[(resource.primary_key().name.clone(), Value::Nil)]),
    }
}

fn get(
    resource_value: &Value,
    id: &Value,
    opts: Option<&Value>,
    bang: bool,
    host: &mut dyn Host,
) -> Result<Value, EvalError> {
    let mut q = query::to_query(resource_value)?;
    let resource = q.resource.clone();
    let error_if_missing = opts
        .and_then(|o| args::keyword_get(o, "error?"))
        .is_none_or(|v| v.is_truthy());
    let Ok(key) = key::cast_get_key(&resource, id) else {
        return failed(vec![errors::invalid_primary_key(&resource, id.clone())], bang);
    };
    let not_found = |bang| -> Result<Value, EvalError> {
        if error_if_missing {
            let shown = key
                .as_deref()
                .map_or_else(|| not_found_key(&resource, id), key::key_map);
            failed(vec![errors::not_found(&resource, shown, &[])], bang)
        } else {
            Ok(ok(Value::Nil, bang))
        }
    };
    let Some(filter) = key.as_deref().and_then(key::key_filter) else {
        return not_found(bang);
    };
    q.filter = Some(Expr::and(q.filter.take(), filter));
    if let Some(spec) = opts.and_then(|o| args::keyword_get(o, "load")) {
        let (items, errs) = query::parse_load(&resource, &spec);
        query::apply_load(&mut q, &items);
        q.errors.extend(errs);
    }
    match run_query(&q, host, read::run)? {
        Ok(records) if records.is_empty() => not_found(bang),
        Ok(records) => one_of(records, bang),
        Err(errs) => failed(errs, bang),
    }
}

fn reload(api: &str, record: &Value, bang: bool, host: &mut dyn Host) -> Result<Value, EvalError> {
    let Value::Record(r) = record else {
        return Err(args::no_clause(api, "reload", 1));
    };
    let module = Value::Module(Rc::from(r.resource.name.clone()));
    let id = key::record_key(r).map_or(Value::Nil, |k| key::key_map(&k));
    get(&module, &id, None, bang, host)
}

fn load(api: &str, data: &Value, spec: &Value, bang: bool, host: &mut dyn Host) -> Result<Value, EvalError> {
    let (mut records, single) = match data {
        Value::Nil => return Ok(ok(Value::Nil, bang)),
        Value::Record(r) => (vec![(*args::current_record(r)).clone()], true),
        Value::List(items) if items.is_empty() => return Ok(ok(Value::list(Vec::new()), bang)),
        Value::List(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items.iter() {
                match item {
                    Value::Record(r) => out.push(Rc::unwrap_or_clone(args::current_record(&r))),
                    _ => return Err(args::no_clause(api, "load", 2)),
                }
            }
            (out, false)
        }
        _ => return Err(args::no_clause(api, "load", 2)),
    };
    let resource = &records[0].resource;
    if records.iter().any(|r| r.resource.name != resource.name) {
        return Err(args::no_clause(api, "load", 2));
    }
    let (items, errs) = query::parse_load(resource, spec);
    if !errs.is_empty() {
        return failed(errs, bang);
    }
    let db = host.db()?;
    match read::load_into(db, &mut records, &items) {
        Ok(()) => {}
        Err(ReadError::Ash(errs)) => return failed(errs, bang),
        Err(ReadError::Raise(e)) => return Err(e),
    }
    let value = if single {
        records
            .into_iter()
            .next()
            .map_or(Value::Nil, |r| Value::Record(Rc::new(r)))
    } else {
        records_value(records)
    };
    Ok(ok(value, bang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arities() {
        let rows = [
            ("read!", 1, true),
            ("read!", 3, false),
            ("get", 2, true),
            ("bogus", 1, false),
        ];
        for (name, arity, exists) in rows {
            assert_eq!(FUNCTIONS.iter().any(|(n, a)| *n == name && *a == arity), exists);
        }
    }
}
