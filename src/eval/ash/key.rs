//! Primary keys of any type and arity: the key a `get` names (`get!(R, 5)`, `get!(R, "…")`,
//! `get!(R, %{a: 1, b: 2})` for a composite key), cast by the key attributes' types; the key
//! of a record as a filter (reads) or as stored values (update, destroy).

use crate::db::DbValue;
use crate::model::{Resource, Type};
use crate::query::{Expr, Lit, Op};
use crate::value::{Record, Value};

use super::args;
use super::changeset::{Cast, cast};
use super::read::to_db;

/// A cast primary key: each key attribute's name and value, in attribute order.
pub type KeyValues = Vec<(String, Value)>;

/// The key `get` names, cast to the key attributes' types: `Ok(None)` for a nil key (not
/// found), `Err(())` when it is not a key of this resource (Ash's `InvalidPrimaryKey`).
pub fn cast_get_key(resource: &Resource, id: &Value) -> Result<Option<KeyValues>, ()> {
    let fields: Vec<(&str, &Type)> = resource
        .primary_key_attributes()
        .map(|a| (a.name.as_str(), &a.ty))
        .collect();
    let keyval = matches!(id, Value::Map(_)) || args::keyword(id).is_some();
    let mut out = Vec::with_capacity(fields.len());
    for &(name, ty) in &fields {
        let raw = match id {
            Value::Map(m) => m.get(&Value::atom(name)).cloned().ok_or(())?,
            Value::List(_) if keyval => args::keyword_get(id, name).ok_or(())?,
            other if fields.len() == 1 && !keyval => other.clone(),
            _ => return Err(()),
        };
        match (&raw, cast(ty, &raw)) {
            (Value::Nil, _) => return Ok(None),
            (_, Cast::Ok(Value::Nil)) => return Ok(None),
            (_, Cast::Ok(v)) => out.push((name.to_string(), v)),
            _ => return Err(()),
        }
    }
    if fields.is_empty() {
        return Err(());
    }
    Ok(Some(out))
}

/// `a == v1 and b == v2` over a key.
pub fn key_filter(key: &[(String, Value)]) -> Option<Expr> {
    let mut filter = None;
    for (name, value) in key {
        let lit = super::expr::value_to_lit(value).ok()?;
        filter = Some(Expr::and(
            filter,
            Expr::op(Op::Eq, Expr::Attr(name.clone()), Expr::Lit(lit)),
        ));
    }
    filter
}

/// Not this key: `id != v` (`not (a == 1 and b == 2)` for a composite key).
pub fn key_other(key: &[(String, Value)]) -> Option<Expr> {
    match key {
        [(name, value)] => Some(Expr::op(
            Op::NotEq,
            Expr::Attr(name.clone()),
            Expr::Lit(lit_of(value)?),
        )),
        _ => Some(Expr::Not(Box::new(key_filter(key)?))),
    }
}

/// A record's primary key values (None when a key attribute is nil: a record not stored).
pub fn record_key(record: &Record) -> Option<KeyValues> {
    let mut out = Vec::new();
    for attr in record.resource.primary_key_attributes() {
        match record.attribute(&attr.name) {
            None | Some(Value::Nil) => return None,
            Some(v) => out.push((attr.name.clone(), v.clone())),
        }
    }
    (!out.is_empty()).then_some(out)
}

/// A record's primary key as stored values, for `UPDATE … WHERE` / `DELETE … WHERE`.
pub fn stored_key(record: &Record) -> Option<Vec<(&str, DbValue)>> {
    let mut out = Vec::new();
    for attr in record.resource.primary_key_attributes() {
        match record.attribute(&attr.name) {
            None | Some(Value::Nil) => return None,
            Some(v) => out.push((attr.name.as_str(), to_db(v, &attr.ty))),
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The key as the map `get` and `reload` take (`%{id: 5}`, `%{a: 1, b: 2}`).
pub fn key_map(key: &[(String, Value)]) -> Value {
    Value::Map(std::rc::Rc::new(crate::value::MapValue::from_entries(
        key.iter().map(|(k, v)| (Value::atom(k), v.clone())),
    )))
}

/// The literal an `in` list holds for a key value.
pub fn lit_of(value: &Value) -> Option<Lit> {
    super::expr::value_to_lit(value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::testing::ticket_resource;

    const ID: &str = "c46d124a-8f29-460c-932f-926569c21e73";

    /// `get`'s key forms on a uuid key: a value, `[id: v]`, `%{id: v}`; nil is not found; a
    /// value that is not a uuid, or a map without the key, is not a key.
    #[test]
    fn get_keys() {
        let map = |v: Value| key_map(&[("id".to_string(), v)]);
        let rows: Vec<(Value, Result<Option<KeyValues>, ()>)> = vec![
            (
                Value::string(ID),
                Ok(Some(vec![("id".into(), Value::string(ID))])),
            ),
            (
                Value::string(ID.to_uppercase()),
                Ok(Some(vec![("id".into(), Value::string(ID))])),
            ),
            (
                Value::keyword(vec![("id", Value::string(ID))]),
                Ok(Some(vec![("id".into(), Value::string(ID))])),
            ),
            (
                map(Value::string(ID)),
                Ok(Some(vec![("id".into(), Value::string(ID))])),
            ),
            (Value::Nil, Ok(None)),
            (map(Value::Nil), Ok(None)),
            (Value::string("nope"), Err(())),
            (Value::Int(5), Err(())),
            (key_map(&[("other".to_string(), Value::Int(1))]), Err(())),
        ];
        for (input, expected) in rows {
            assert_eq!(cast_get_key(ticket_resource(), &input), expected, "{input:?}");
        }
    }

    #[test]
    fn filters_of_keys() {
        let one = vec![("id".to_string(), Value::Int(5))];
        let two = vec![
            ("a".to_string(), Value::Int(1)),
            ("b".to_string(), Value::string("x")),
        ];
        let eq = |name: &str, lit: Lit| Expr::op(Op::Eq, Expr::Attr(name.into()), Expr::Lit(lit));
        assert_eq!(key_filter(&one), Some(eq("id", Lit::Int(5))));
        assert_eq!(
            key_filter(&two),
            Some(Expr::and(
                Some(eq("a", Lit::Int(1))),
                eq("b", Lit::Str("x".into()))
            ))
        );
        assert_eq!(
            key_other(&one),
            Some(Expr::op(
                Op::NotEq,
                Expr::Attr("id".into()),
                Expr::Lit(Lit::Int(5))
            ))
        );
        assert_eq!(key_other(&two), key_filter(&two).map(|f| Expr::Not(Box::new(f))));
    }
}
