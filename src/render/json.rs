//! `--format json`: one JSON document per result, for `jq` and other programs.
//!
//! Records become objects of their loaded fields (attributes, then loaded relationships,
//! aggregates and calculations, then the query's ad-hoc `aggregates`/`calculations` when
//! present); atoms become strings, tuples arrays, maps objects (keys as text). Nothing is cut
//! at 50 items.

use serde_json::{Map, Value as Json};

use crate::value::{Record, Value};

pub fn render(value: &Value) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail, and everything written is UTF-8.
    let _ = write(value, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes `value` as one JSON document (the same text as `to_json(value).to_string()`)
/// without building it as a tree first: lists and records are written item by item, so a
/// million-record read costs its records, not a second copy of them as JSON values.
pub fn write(value: &Value, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    match value {
        Value::List(items) => write_array(items.iter(), out),
        Value::Tuple(items) => write_array(items.iter().cloned(), out),
        Value::Record(record) => write_record(record, out),
        // Maps and structs are small; the tree keeps serde_json's rules for repeated keys.
        other => serde_json::to_writer(&mut *out, &to_json(other)).map_err(std::io::Error::other),
    }
}

/// `[item,item,...]`, each item written (and, for a compact list, built) in turn.
fn write_array(items: impl Iterator<Item = Value>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(b"[")?;
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        write(&item, out)?;
    }
    out.write_all(b"]")
}

/// A record's object: the fields `record_json` would give, in the same order.
fn write_record(record: &Record, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let resource = &record.resource;
    out.write_all(b"{")?;
    let mut first = true;
    let mut field = |name: &str, value: &Value, out: &mut dyn std::io::Write| -> std::io::Result<()> {
        if !first {
            out.write_all(b",")?;
        }
        first = false;
        serde_json::to_writer(&mut *out, name).map_err(std::io::Error::other)?;
        out.write_all(b":")?;
        write(value, out)
    };
    for (attribute, value) in resource.attributes.iter().zip(&record.attributes) {
        field(&attribute.name, value, out)?;
    }
    for (relationship, value) in resource.relationships.iter().zip(&record.relationships) {
        if let Some(value) = value {
            field(&relationship.name, value, out)?;
        }
    }
    for (aggregate, value) in resource.aggregates.iter().zip(&record.aggregates) {
        if let Some(value) = value {
            field(&aggregate.name, value, out)?;
        }
    }
    for (calculation, value) in resource.calculations.iter().zip(&record.calculations) {
        if let Some(value) = value {
            field(&calculation.name, value, out)?;
        }
    }
    if !record.extra_aggregates.is_empty() {
        let map = Value::Map(std::rc::Rc::new(record.extra_aggregates.clone()));
        field("aggregates", &map, out)?;
    }
    if !record.extra_calculations.is_empty() {
        let map = Value::Map(std::rc::Rc::new(record.extra_calculations.clone()));
        field("calculations", &map, out)?;
    }
    out.write_all(b"}")
}

pub fn to_json(value: &Value) -> Json {
    match value {
        Value::Nil => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::from(*i),
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
        Value::Str(s) => Json::String(s.to_string()),
        Value::Atom(a) => Json::String(a.to_string()),
        Value::Module(m) => Json::String(m.to_string()),
        Value::List(items) => Json::Array(items.iter().map(|item| to_json(&item)).collect()),
        Value::Tuple(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Map(map) => {
            let mut object = Map::new();
            for (key, value) in &map.entries {
                object.insert(key_text(key), to_json(value));
            }
            Json::Object(object)
        }
        Value::Record(record) => record_json(record),
        Value::Scalar(scalar) => Json::String(scalar_json(scalar)),
        Value::Struct(s) => {
            let mut object = Map::new();
            object.insert("__struct__".to_string(), Json::String(s.module.clone()));
            for (name, value) in &s.fields {
                object.insert(name.clone(), to_json(value));
            }
            Json::Object(object)
        }
        other => Json::String(super::inspect(
            other,
            &super::InspectOptions {
                width: usize::MAX,
                limit: usize::MAX,
            },
        )),
    }
}

fn key_text(key: &Value) -> String {
    match key {
        Value::Str(s) => s.to_string(),
        Value::Atom(a) => a.to_string(),
        other => super::inspect(
            other,
            &super::InspectOptions {
                width: usize::MAX,
                limit: usize::MAX,
            },
        ),
    }
}

fn record_json(record: &Record) -> Json {
    let resource = &record.resource;
    let mut object = Map::new();
    for (attribute, value) in resource.attributes.iter().zip(&record.attributes) {
        object.insert(attribute.name.to_string(), to_json(value));
    }
    for (relationship, value) in resource.relationships.iter().zip(&record.relationships) {
        if let Some(value) = value {
            object.insert(relationship.name.to_string(), to_json(value));
        }
    }
    for (aggregate, value) in resource.aggregates.iter().zip(&record.aggregates) {
        if let Some(value) = value {
            object.insert(aggregate.name.to_string(), to_json(value));
        }
    }
    for (calculation, value) in resource.calculations.iter().zip(&record.calculations) {
        if let Some(value) = value {
            object.insert(calculation.name.to_string(), to_json(value));
        }
    }
    if !record.extra_aggregates.is_empty() {
        object.insert(
            "aggregates".into(),
            to_json(&Value::Map(std::rc::Rc::new(record.extra_aggregates.clone()))),
        );
    }
    if !record.extra_calculations.is_empty() {
        object.insert(
            "calculations".into(),
            to_json(&Value::Map(std::rc::Rc::new(record.extra_calculations.clone()))),
        );
    }
    Json::Object(object)
}

/// A scalar as Jason encodes it: ISO 8601 for the calendar structs, the decimal's text, the
/// string of a CiString.
fn scalar_json(scalar: &crate::scalar::Scalar) -> String {
    use crate::scalar::Scalar;
    match scalar {
        Scalar::Cal(c) => c.iso8601(),
        Scalar::Decimal(d) => d.to_text(),
        Scalar::CiString(s) => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::project::testing::{ticket_resource, user_resource};
    use crate::value::{MapValue, MetaState};

    fn ticket(subject: &str, representative: Value) -> Value {
        let mut t = Record::empty(ticket_resource(), MetaState::Loaded);
        t.attributes[0] = Value::string("7a3c5f6e-1d2b-4c8a-9e0f-123456789abc");
        t.attributes[1] = Value::string(subject);
        t.attributes[2] = Value::atom("open");
        t.relationships[1] = Some(representative);
        t.extra_calculations = MapValue::from_entries([(Value::atom("x"), Value::Float(0.5))]);
        Value::Record(Rc::new(t))
    }

    /// The streaming writer prints exactly what the tree would.
    #[test]
    fn streaming_matches_the_tree() {
        let mut user = Record::empty(user_resource(), MetaState::Loaded);
        user.attributes[1] = Value::string("Al \"the\" \u{e9}");
        user.aggregates[0] = Some(Value::Int(3));
        let user = Value::Record(Rc::new(user));
        let rows = vec![
            Value::list(vec![]),
            Value::list(vec![ticket("a\nb", user.clone()), ticket("c", Value::Nil)]),
            Value::Tuple(Rc::new(vec![Value::Int(1), Value::Float(1.0e20), Value::Nil])),
            Value::Map(Rc::new(MapValue::from_entries([
                (Value::atom("a"), Value::Int(1)),
                (Value::string("a"), user),
            ]))),
            Value::list(vec![Value::atom("ok"), Value::Bool(true), Value::Float(f64::NAN)]),
        ];
        for value in rows {
            assert_eq!(render(&value), to_json(&value).to_string());
        }
    }
}
