//! `--format json`: one JSON document per result, for `jq` and other programs.
//!
//! Records become objects of their loaded fields (attributes, then loaded relationships,
//! aggregates and calculations, then the query's ad-hoc `aggregates`/`calculations` when
//! present); atoms become strings, tuples arrays, maps objects (keys as text). Nothing is cut
//! at 50 items.

use serde_json::{Map, Value as Json};

use crate::eval::value::{Record, Value};

pub fn render(value: &Value) -> String {
    to_json(value).to_string()
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
        Value::List(items) | Value::Tuple(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Map(map) => {
            let mut object = Map::new();
            for (key, value) in &map.entries {
                object.insert(key_text(key), to_json(value));
            }
            Json::Object(object)
        }
        Value::Record(record) => record_json(record),
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
    let resource = record.resource;
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
