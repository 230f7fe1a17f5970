//! Introspection as iex users type it: `Ash.Api.Info.resources/1`, `Ash.Resource.Info.*`
//! (attributes, relationships, actions, aggregates, calculations, primary key, identities) and
//! `AshPostgres.DataLayer.Info.table/1`, `repo/1`, built from the model as Ash's structs.
//!
//! Only reads the project; the struct fields and their order are Ash 2.x's, trimmed to what
//! this shell models.

use std::rc::Rc;

use crate::eval::error::EvalError;
use crate::model::{
    Action, ActionKind, Aggregate, AggregateKind, Attribute, Calculation, Default, Identity, Relationship,
    RelationshipKind, ResourceRef, Type,
};
use crate::value::{StructValue, Value};

use super::args;
use super::changeset::literal_value;

/// The functions of the three Info modules with their arities.
pub const API_FUNCTIONS: &[(&str, usize)] = &[("resources", 1)];
pub const RESOURCE_FUNCTIONS: &[(&str, usize)] = &[
    ("attributes", 1),
    ("attribute", 2),
    ("relationships", 1),
    ("relationship", 2),
    ("actions", 1),
    ("action", 2),
    ("aggregates", 1),
    ("aggregate", 2),
    ("calculations", 1),
    ("calculation", 2),
    ("primary_key", 1),
    ("identities", 1),
    ("resource?", 1),
];
pub const POSTGRES_FUNCTIONS: &[(&str, usize)] = &[("table", 1), ("repo", 1)];

/// `Ash.Api.Info.name(args)`, `Ash.Resource.Info.name(args)` or
/// `AshPostgres.DataLayer.Info.name(args)`; None when no such function/arity exists.
pub fn call(module: &str, name: &str, args: &[Value]) -> Option<Result<Value, EvalError>> {
    let known = match module {
        "Ash.Api.Info" => API_FUNCTIONS,
        "Ash.Resource.Info" => RESOURCE_FUNCTIONS,
        _ => POSTGRES_FUNCTIONS,
    };
    if !known.contains(&(name, args.len())) {
        return None;
    }
    if module == "Ash.Api.Info" {
        return Some(api_resources(&args[0]));
    }
    if name == "resource?" {
        return Some(Ok(Value::Bool(args::resource_of(&args[0]).is_some())));
    }
    let Some(resource) = args::resource_of(&args[0]) else {
        return Some(Err(crate::eval::errors::not_a_resource(&args[0])));
    };
    let wanted = args.get(1).and_then(Value::atom_name).map(|n| n.to_string());
    let wanted = wanted.as_deref();
    let one = |found: Option<Value>| Ok(found.unwrap_or(Value::Nil));
    Some(match name {
        "attributes" => Ok(Value::list(resource.attributes.iter().map(attribute).collect())),
        "attribute" => one(resource.attribute(wanted.unwrap_or_default()).map(attribute)),
        "relationships" => Ok(Value::list(
            resource
                .relationships
                .iter()
                .map(|r| relationship(&resource, r))
                .collect(),
        )),
        "relationship" => one(resource
            .relationship(wanted.unwrap_or_default())
            .map(|r| relationship(&resource, r))),
        "actions" => Ok(Value::list(resource.actions.iter().map(action).collect())),
        "action" => one(resource.action(wanted.unwrap_or_default()).map(action)),
        "aggregates" => Ok(Value::list(resource.aggregates.iter().map(aggregate).collect())),
        "aggregate" => one(resource.aggregate(wanted.unwrap_or_default()).map(aggregate)),
        "calculations" => Ok(Value::list(
            resource.calculations.iter().map(calculation).collect(),
        )),
        "calculation" => one(resource.calculation(wanted.unwrap_or_default()).map(calculation)),
        "primary_key" => Ok(Value::list(
            resource
                .primary_key_attributes()
                .map(|a| Value::atom(&a.name))
                .collect(),
        )),
        "identities" => Ok(Value::list(resource.identities.iter().map(identity).collect())),
        "table" => Ok(Value::string(resource.table.as_str())),
        _ => Ok(resource
            .repo
            .as_deref()
            .map_or(Value::Nil, |repo| Value::Module(Rc::from(repo)))),
    })
}

fn api_resources(api: &Value) -> Result<Value, EvalError> {
    let project = crate::eval::project::current();
    match api {
        Value::Module(name) if project.api(name).is_some() => {
            let resources = project.api(name).map(|a| a.resources.clone()).unwrap_or_default();
            Ok(Value::list(
                resources
                    .iter()
                    .map(|r| Value::Module(Rc::from(r.as_str())))
                    .collect(),
            ))
        }
        other => Err(EvalError::new(
            "ArgumentError",
            format!("{} is not an Ash api", super::errors::inspect(other)),
        )),
    }
}

fn structure(module: &str, fields: Vec<(&str, Value)>) -> Value {
    Value::Struct(Rc::new(StructValue {
        module: module.to_string(),
        fields: fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
    }))
}

fn module(name: &str) -> Value {
    Value::Module(Rc::from(name))
}

/// A type as Ash stores it: `Ash.Type.String`, `{:array, Ash.Type.String}`, an enum module.
fn type_value(ty: &Type) -> Value {
    match ty {
        Type::Array(inner) => Value::tuple(vec![Value::atom("array"), type_value(inner)]),
        other => module(&other.module()),
    }
}

fn default_value(default: Option<&Default>) -> Value {
    match default {
        None => Value::Nil,
        Some(Default::Literal(literal)) => literal_value(literal),
        Some(Default::Function(name)) => Value::Opaque(Rc::from(format!("&{name}/0").as_str())),
    }
}

fn constraints(attribute: &Attribute) -> Value {
    let mut entries: Vec<(&str, Value)> = Vec::new();
    if matches!(attribute.ty, Type::String | Type::CiString) {
        // The string types' default constraints come first, as Ash lists them.
        entries.push(("allow_empty?", Value::Bool(false)));
        entries.push(("trim?", Value::Bool(true)));
    }
    if let Some(one_of) = attribute.ty.atoms().filter(|a| !a.is_empty()) {
        entries.push((
            "one_of",
            Value::list(one_of.iter().map(|a| Value::atom(a)).collect()),
        ));
    }
    for (key, value) in &attribute.constraints {
        entries.push((key.as_str(), literal_value(value)));
    }
    Value::keyword(entries)
}

fn attribute(attribute: &Attribute) -> Value {
    structure(
        "Ash.Resource.Attribute",
        vec![
            ("name", Value::atom(&attribute.name)),
            ("type", type_value(&attribute.ty)),
            ("allow_nil?", Value::Bool(attribute.allow_nil)),
            ("generated?", Value::Bool(attribute.generated)),
            ("primary_key?", Value::Bool(attribute.primary_key)),
            ("private?", Value::Bool(attribute.private)),
            ("writable?", Value::Bool(attribute.writable)),
            ("always_select?", Value::Bool(false)),
            ("default", default_value(attribute.default.as_ref())),
            ("update_default", default_value(attribute.update_default.as_ref())),
            (
                "description",
                attribute.description.as_deref().map_or(Value::Nil, Value::string),
            ),
            ("source", Value::atom(&attribute.source)),
            ("match_other_defaults?", Value::Bool(false)),
            ("sensitive?", Value::Bool(attribute.sensitive)),
            ("filterable?", Value::Bool(true)),
            ("constraints", constraints(attribute)),
        ],
    )
}

fn relationship(resource: &ResourceRef, rel: &Relationship) -> Value {
    let struct_name = match rel.kind {
        RelationshipKind::BelongsTo => "Ash.Resource.Relationships.BelongsTo",
        RelationshipKind::HasMany => "Ash.Resource.Relationships.HasMany",
        RelationshipKind::HasOne => "Ash.Resource.Relationships.HasOne",
        RelationshipKind::ManyToMany => "Ash.Resource.Relationships.ManyToMany",
    };
    let mut fields = vec![
        ("name", Value::atom(&rel.name)),
        ("type", Value::atom(rel.kind.name())),
        ("source", module(&resource.name)),
        ("destination", module(&rel.destination)),
        ("source_attribute", Value::atom(&rel.source_attribute)),
        ("destination_attribute", Value::atom(&rel.destination_attribute)),
        ("private?", Value::Bool(rel.private)),
        (
            "cardinality",
            Value::atom(if rel.kind.is_many() { "many" } else { "one" }),
        ),
    ];
    if let Some(through) = &rel.through {
        fields.push(("through", module(&through.resource)));
        fields.push((
            "source_attribute_on_join_resource",
            Value::atom(&through.source_attribute_on_join_resource),
        ));
        fields.push((
            "destination_attribute_on_join_resource",
            Value::atom(&through.destination_attribute_on_join_resource),
        ));
        fields.push(("join_relationship", Value::atom(&through.join_relationship)));
    }
    structure(struct_name, fields)
}

fn action(action: &Action) -> Value {
    let struct_name = match action.kind {
        ActionKind::Create => "Ash.Resource.Actions.Create",
        ActionKind::Read => "Ash.Resource.Actions.Read",
        ActionKind::Update => "Ash.Resource.Actions.Update",
        ActionKind::Destroy => "Ash.Resource.Actions.Destroy",
    };
    let arguments = action
        .arguments
        .iter()
        .map(|a| {
            structure(
                "Ash.Resource.Actions.Argument",
                vec![
                    ("name", Value::atom(&a.name)),
                    ("type", type_value(&a.ty)),
                    ("allow_nil?", Value::Bool(a.allow_nil)),
                    ("default", default_value(a.default.as_ref())),
                ],
            )
        })
        .collect();
    let mut fields = vec![
        ("name", Value::atom(&action.name)),
        ("type", Value::atom(action.kind.name())),
        ("primary?", Value::Bool(action.primary)),
    ];
    if action.kind != ActionKind::Read {
        fields.push((
            "accept",
            Value::list(action.accept.iter().map(|a| Value::atom(a)).collect()),
        ));
    }
    fields.push(("arguments", Value::list(arguments)));
    if action.kind == ActionKind::Read {
        fields.push(("get?", Value::Bool(action.get)));
        fields.push((
            "filter",
            action
                .filter
                .as_ref()
                .map_or(Value::Nil, |f| Value::string(f.text.as_str())),
        ));
    }
    structure(struct_name, fields)
}

fn aggregate(aggregate: &Aggregate) -> Value {
    structure(
        "Ash.Resource.Aggregate",
        vec![
            ("name", Value::atom(&aggregate.name)),
            (
                "relationship_path",
                Value::list(vec![Value::atom(&aggregate.relationship)]),
            ),
            (
                "filter",
                aggregate
                    .filter
                    .as_ref()
                    .map_or(Value::list(Vec::new()), |f| Value::string(f.text.as_str())),
            ),
            ("kind", Value::atom(aggregate.kind.name())),
            (
                "field",
                aggregate.field.as_deref().map_or(Value::Nil, Value::atom),
            ),
            (
                "default",
                if aggregate.kind == AggregateKind::Count {
                    Value::Int(0)
                } else {
                    Value::Nil
                },
            ),
        ],
    )
}

fn calculation(calculation: &Calculation) -> Value {
    structure(
        "Ash.Resource.Calculation",
        vec![
            ("name", Value::atom(&calculation.name)),
            ("type", type_value(&calculation.ty)),
            (
                "calculation",
                Value::tuple(vec![
                    module("Ash.Resource.Calculation.Expression"),
                    Value::keyword(vec![("expr", Value::string(calculation.expr.text.as_str()))]),
                ]),
            ),
            ("arguments", Value::list(Vec::new())),
            ("allow_nil?", Value::Bool(true)),
        ],
    )
}

fn identity(identity: &Identity) -> Value {
    structure(
        "Ash.Resource.Identity",
        vec![
            ("name", Value::atom(&identity.name)),
            (
                "keys",
                Value::list(identity.keys.iter().map(|k| Value::atom(k)).collect()),
            ),
            ("description", Value::Nil),
            ("message", Value::Nil),
            ("eager_check_with", Value::Nil),
            ("pre_check_with", Value::Nil),
        ],
    )
}
