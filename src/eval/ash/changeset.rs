//! `Ash.Changeset.for_create/for_update/for_destroy`: finding the action, casting params to
//! attribute and argument types, defaults, the action's changes and validation, in Ash 2.4's
//! order (errors are prepended, so the newest comes first).
//!
//! Nothing here touches the database; `action.rs` runs the changeset.

use std::rc::Rc;

use crate::eval::error::EvalError;
use crate::model::{Action, ActionKind, Attribute, Change, ChangeValue, Default, Literal, ResourceRef, Type};
use crate::scalar::{Calendar, Decimal, Scalar};
use crate::value::{Changeset, MapValue, MetaState, Record, Value};

use super::args;
use super::errors;

/// The result of casting one input value to an Ash type.
#[derive(Debug, Clone, PartialEq)]
pub enum Cast {
    Ok(Value),
    /// `is invalid`: the type cannot take this value.
    Invalid,
    /// Cast fine but a constraint failed: the cast value and the error's message and vars.
    Constraint {
        value: Value,
        message: &'static str,
        vars: Vec<(&'static str, Value)>,
    },
}

/// Casts input to an Ash type as `Ash.Type.cast_input` + `apply_constraints` do.
pub fn cast(ty: &Type, value: &Value) -> Cast {
    match ty {
        Type::String | Type::CiString => {
            let text = match value {
                Value::Nil => return Cast::Ok(Value::Nil),
                Value::Str(s) => s.to_string(),
                Value::Scalar(s) if matches!(**s, Scalar::CiString(_)) => s.storage(),
                Value::Bool(b) => b.to_string(),
                Value::Atom(a) => a.to_string(),
                _ => return Cast::Invalid,
            };
            let trimmed = text.trim();
            if trimmed.is_empty() {
                Cast::Ok(Value::Nil)
            } else if *ty == Type::CiString {
                Cast::Ok(Value::scalar(Scalar::CiString(Rc::from(trimmed))))
            } else {
                Cast::Ok(Value::string(trimmed))
            }
        }
        Type::Atom(_) | Type::Enum { .. } => {
            let one_of = ty.atoms().unwrap_or_default();
            let atom = match value {
                Value::Nil => return Cast::Ok(Value::Nil),
                Value::Str(s) if s.is_empty() => return Cast::Ok(Value::Nil),
                Value::Str(s) => Value::atom(s),
                Value::Atom(_) | Value::Bool(_) => value.clone(),
                _ => return Cast::Invalid,
            };
            let name = atom.atom_name().map(|n| n.to_string()).unwrap_or_default();
            if one_of.is_empty() || one_of.contains(&name) {
                Cast::Ok(atom)
            } else {
                Cast::Constraint {
                    value: atom,
                    message: "atom must be one of %{atom_list}, got: %{value}",
                    vars: vec![("atom_list", Value::string(one_of.join(", ")))],
                }
            }
        }
        Type::Uuid => match value {
            Value::Nil => Cast::Ok(Value::Nil),
            Value::Str(s) => match cast_uuid(s) {
                Some(u) => Cast::Ok(Value::string(u)),
                None => Cast::Invalid,
            },
            _ => Cast::Invalid,
        },
        Type::Integer => match value {
            Value::Nil => Cast::Ok(Value::Nil),
            Value::Int(_) => Cast::Ok(value.clone()),
            Value::Str(s) => s
                .trim()
                .parse::<i64>()
                .map_or(Cast::Invalid, |i| Cast::Ok(Value::Int(i))),
            _ => Cast::Invalid,
        },
        Type::Float => match value {
            Value::Nil => Cast::Ok(Value::Nil),
            Value::Float(_) => Cast::Ok(value.clone()),
            Value::Int(i) => Cast::Ok(Value::Float(*i as f64)),
            Value::Str(s) => s
                .trim()
                .parse::<f64>()
                .map_or(Cast::Invalid, |f| Cast::Ok(Value::Float(f))),
            _ => Cast::Invalid,
        },
        Type::Boolean => match value {
            Value::Nil => Cast::Ok(Value::Nil),
            Value::Bool(_) => Cast::Ok(value.clone()),
            Value::Str(s) if s.as_ref() == "true" => Cast::Ok(Value::Bool(true)),
            Value::Str(s) if s.as_ref() == "false" => Cast::Ok(Value::Bool(false)),
            _ => Cast::Invalid,
        },
        Type::Decimal => match value {
            Value::Nil => Cast::Ok(Value::Nil),
            Value::Scalar(s) if matches!(**s, Scalar::Decimal(_)) => Cast::Ok(value.clone()),
            Value::Int(i) => Cast::Ok(Value::scalar(Scalar::Decimal(Decimal::from_int(*i)))),
            Value::Float(f) => decimal(Decimal::from_float(*f)),
            Value::Str(s) => decimal(Decimal::parse(s)),
            _ => Cast::Invalid,
        },
        Type::Date
        | Type::Time
        | Type::UtcDatetime
        | Type::UtcDatetimeUsec
        | Type::NaiveDatetime
        | Type::NaiveDatetimeUsec => {
            let cast = match value {
                Value::Nil => return Cast::Ok(Value::Nil),
                Value::Str(s) => Calendar::parse_as(ty, s),
                Value::Scalar(s) => match &**s {
                    Scalar::Cal(c) => c.cast(ty),
                    _ => None,
                },
                _ => None,
            };
            cast.map_or(Cast::Invalid, |c| Cast::Ok(Value::scalar(Scalar::Cal(c))))
        }
        Type::Map => match value {
            Value::Nil | Value::Map(_) => Cast::Ok(value.clone()),
            _ => Cast::Invalid,
        },
        Type::Array(inner) => match value {
            Value::Nil => Cast::Ok(Value::Nil),
            Value::List(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items.iter() {
                    match cast(inner, &item) {
                        Cast::Ok(v) => out.push(v),
                        _ => return Cast::Invalid,
                    }
                }
                Cast::Ok(Value::list(out))
            }
            _ => Cast::Invalid,
        },
        // Binaries and custom types (read as text) keep their input text.
        Type::Binary | Type::Other(_) => match value {
            Value::Nil => Cast::Ok(Value::Nil),
            Value::Str(_) => Cast::Ok(value.clone()),
            _ => Cast::Invalid,
        },
    }
}

fn decimal(parsed: Option<Decimal>) -> Cast {
    parsed.map_or(Cast::Invalid, |d| Cast::Ok(Value::scalar(Scalar::Decimal(d))))
}

/// `Ecto.UUID.cast/1`: the hyphenated form, any hex case, normalised to lower case.
pub fn cast_uuid(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    if bytes.len() != 36 {
        return None;
    }
    for (i, b) in bytes.iter().enumerate() {
        let ok = match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        };
        if !ok {
            return None;
        }
    }
    Some(text.to_ascii_lowercase())
}

/// A literal of a resource file (a default, a `set_attribute` value) as a value.
pub fn literal_value(literal: &Literal) -> Value {
    match literal {
        Literal::Nil => Value::Nil,
        Literal::Bool(b) => Value::Bool(*b),
        Literal::Int(i) => Value::Int(*i),
        Literal::Float(f) => Value::Float(*f),
        Literal::Atom(a) => Value::atom(a),
        Literal::Str(s) => Value::string(s.as_str()),
        Literal::List(items) => Value::list(items.iter().map(literal_value).collect()),
        Literal::EmptyMap => Value::Map(std::rc::Rc::new(crate::value::MapValue::default())),
    }
}

/// A literal of a resource file cast to the attribute's type, as Ash casts defaults
/// (`default: 0` on a `:float` is `0.0`); a literal the type refuses stays as written.
fn cast_literal(ty: &Type, literal: &Literal) -> Value {
    let value = literal_value(literal);
    match cast(ty, &value) {
        Cast::Ok(cast) => cast,
        Cast::Invalid | Cast::Constraint { .. } => value,
    }
}

fn key(name: &str) -> Value {
    Value::atom(name)
}

/// A changeset being built; errors are kept in the order added and reversed at the end.
struct Builder {
    resource: ResourceRef,
    action_index: usize,
    data: Rc<Record>,
    attributes: MapValue,
    arguments: MapValue,
    relationships: MapValue,
    added: Vec<Value>,
}

impl Builder {
    fn kind(&self) -> ActionKind {
        self.action().kind
    }

    fn action(&self) -> &Action {
        &self.resource.actions[self.action_index]
    }

    /// `change_attribute` / `force_change_attribute` with an already cast value.
    fn put_cast(&mut self, attr: &Attribute, casted: Value) {
        let k = key(&attr.name);
        if self.kind() == ActionKind::Create {
            self.attributes.insert(k, casted);
            return;
        }
        let current = self.data.attribute(&attr.name).cloned().unwrap_or(Value::Nil);
        if (matches!(current, Value::Nil) && matches!(casted, Value::Nil)) || current.loose_eq(&casted) {
            self.attributes.remove(&k);
        } else {
            self.attributes.insert(k, casted);
        }
    }

    fn change_attribute(&mut self, attr: &Attribute, value: &Value) {
        match cast(&attr.ty, value) {
            Cast::Ok(v) => self.put_cast(attr, v),
            Cast::Invalid => {
                self.attributes.insert(key(&attr.name), value.clone());
                self.added
                    .push(errors::invalid_attribute(&attr.name, "is invalid", vec![]));
            }
            Cast::Constraint {
                value: casted,
                message,
                mut vars,
            } => {
                self.attributes.insert(key(&attr.name), value.clone());
                vars.push(("value", casted));
                self.added
                    .push(errors::invalid_attribute(&attr.name, message, vars));
            }
        }
    }

    fn set_argument(&mut self, name: &str, ty: &Type, value: &Value) {
        // A record is a map (an Elixir struct): a `:map` argument takes it as it is, as
        // `manage_relationship(:account, type: :append)` given `account: account` needs.
        if matches!((ty, value), (Type::Map, Value::Record(_))) {
            self.arguments.insert(key(name), value.clone());
            return;
        }
        match cast(ty, value) {
            Cast::Ok(v) => {
                self.arguments.insert(key(name), v);
            }
            Cast::Invalid | Cast::Constraint { .. } => {
                self.arguments.insert(key(name), value.clone());
                self.added.push(errors::invalid_argument(name, "is invalid"));
            }
        }
    }

    fn cast_params(&mut self, params: &[(String, Value)]) {
        let resource = self.resource.clone();
        let action = &resource.actions[self.action_index];
        for (name, value) in params {
            if let Some(arg) = action.arguments.iter().find(|a| a.name == *name) {
                self.set_argument(&arg.name, &arg.ty, value);
            } else if let Some(attr) = resource
                .attributes
                .iter()
                .find(|a| a.name == *name && !a.private && a.writable)
                && self.kind() != ActionKind::Destroy
            {
                self.change_attribute(attr, value);
            }
        }
    }

    /// Ash's `set_argument_defaults`: an argument not given gets its `default` as written (a
    /// literal, not cast, or a function called now), before the required ones are checked.
    fn set_argument_defaults(&mut self) {
        let resource = self.resource.clone();
        for arg in &resource.actions[self.action_index].arguments {
            let Some(default) = &arg.default else {
                continue;
            };
            if self.arguments.get(&key(&arg.name)).is_some() {
                continue;
            }
            let value = match default {
                Default::Literal(literal) => literal_value(literal),
                Default::Function(name) => super::action::call_default(name),
            };
            self.arguments.insert(key(&arg.name), value);
        }
    }

    fn require_arguments(&mut self) {
        let resource = self.resource.clone();
        for arg in resource.actions[self.action_index]
            .arguments
            .iter()
            .filter(|a| !a.allow_nil)
        {
            match self.arguments.get(&key(&arg.name)) {
                Some(v) if !matches!(v, Value::Nil) => {}
                _ => self
                    .added
                    .push(errors::required(&self.resource, &arg.name, "argument")),
            }
        }
    }

    fn validate_accepted(&mut self) {
        let accept = &self.action().accept;
        let rejected: Vec<String> = self
            .attributes
            .entries
            .iter()
            .filter_map(|(k, _)| match k {
                Value::Atom(a) if !accept.iter().any(|n| n == a.as_ref()) => Some(a.to_string()),
                _ => None,
            })
            .collect();
        for name in rejected {
            self.added.push(errors::cannot_be_changed(&name));
        }
    }

    fn set_defaults(&mut self) {
        if self.kind() != ActionKind::Create {
            return;
        }
        // Literal defaults are set now (they show in the changeset, as in Ash); function
        // defaults (`&Ash.UUID.generate/0`) are called when the action runs.
        let resource = self.resource.clone();
        for attr in &resource.attributes {
            if let Some(Default::Literal(default)) = &attr.default
                && self.attributes.get(&key(&attr.name)).is_none()
            {
                self.put_cast(attr, cast_literal(&attr.ty, default));
            }
        }
    }

    fn run_changes(&mut self) {
        let resource = self.resource.clone();
        for change in &resource.actions[self.action_index].changes {
            match change {
                Change::SetAttribute { attribute, value } => {
                    let value = match value {
                        ChangeValue::Literal(literal) => match resource.attribute(attribute) {
                            Some(attr) => cast_literal(&attr.ty, literal),
                            None => literal_value(literal),
                        },
                        ChangeValue::Argument(name) => {
                            self.arguments.get(&key(name)).cloned().unwrap_or(Value::Nil)
                        }
                        ChangeValue::Function(name) => super::action::call_default(name),
                    };
                    if let Some(attr) = resource.attribute(attribute) {
                        self.put_cast(attr, value);
                    }
                }
                Change::Relate {
                    argument,
                    relationship,
                } => {
                    if let Some(value) = self.arguments.get(&key(argument)).cloned() {
                        let inputs = if matches!(value, Value::Nil) {
                            Vec::new()
                        } else {
                            vec![Value::Map(Rc::new(MapValue::from_entries([(key("id"), value)])))]
                        };
                        let entry = Value::tuple(vec![Value::list(inputs), relate_opts(argument)]);
                        self.relationships
                            .insert(key(relationship), Value::list(vec![entry]));
                    }
                }
            }
        }
    }

    fn require_values(&mut self) {
        let kind = self.kind();
        if kind == ActionKind::Destroy || kind == ActionKind::Read {
            return;
        }
        let resource = self.resource.clone();
        let action = &resource.actions[self.action_index];
        let belongs_to: Vec<&str> = resource
            .relationships
            .iter()
            .map(|r| r.source_attribute.as_str())
            .collect();
        for attr in &resource.attributes {
            // `generated?` attributes are the data layer's to fill in (a database default).
            if attr.allow_nil
                || attr.private
                || attr.generated
                || attr.primary_key
                || belongs_to.contains(&attr.name.as_str())
                || action.arguments.iter().any(|a| a.name == attr.name)
            {
                continue;
            }
            if kind == ActionKind::Create && !action.accept.contains(&attr.name) {
                continue;
            }
            match self.attributes.get(&key(&attr.name)) {
                Some(Value::Nil) => self
                    .added
                    .push(errors::required(&resource, &attr.name, "attribute")),
                Some(_) => {}
                None if kind == ActionKind::Create && attr.default.is_none() => self
                    .added
                    .push(errors::required(&resource, &attr.name, "attribute")),
                None => {}
            }
        }
    }

    fn finish(self, mut prior: Vec<Value>) -> Changeset {
        let mut errors: Vec<Value> = self.added.into_iter().rev().collect();
        errors.append(&mut prior);
        Changeset {
            resource: self.resource,
            action_index: self.action_index,
            data: self.data,
            attributes: self.attributes,
            arguments: self.arguments,
            relationships: self.relationships,
            errors,
            api: None,
        }
    }
}

/// The options `manage_relationship(..., type: :append_and_remove)` prints with.
fn relate_opts(argument: &str) -> Value {
    Value::keyword(vec![
        ("ignore?", Value::Bool(false)),
        ("on_missing", Value::atom("unrelate")),
        ("on_match", Value::atom("ignore")),
        ("on_lookup", Value::atom("relate")),
        ("on_no_match", Value::atom("error")),
        ("eager_validate_with", Value::Bool(false)),
        ("authorize?", Value::Bool(true)),
        (
            "meta",
            Value::keyword(vec![
                ("inputs_was_list?", Value::Bool(false)),
                ("id", Value::atom(argument)),
            ]),
        ),
        ("type", Value::atom("append_and_remove")),
    ])
}

/// Finds `name` among the resource's actions, raising Ash's ArgumentErrors.
/// Finds `name` among the resource's actions (its index), raising Ash's ArgumentErrors.
pub fn find_action(resource: &ResourceRef, name: &Value, kind: ActionKind) -> Result<usize, EvalError> {
    let found = args::atom_name(name).and_then(|n| resource.actions.iter().position(|a| a.name == n));
    match found {
        Some(index) if resource.actions[index].kind == kind => Ok(index),
        Some(index) => Err(errors::wrong_action_type(
            resource.actions[index].kind.name(),
            kind.name(),
        )),
        None => Err(errors::no_such_action(resource, name, kind.name())),
    }
}

fn initial_error(kind: ActionKind, other: &Value) -> EvalError {
    let wanted = match kind {
        ActionKind::Create => "a changeset with the action type of `:create`, or a resource",
        ActionKind::Update => "a changeset with the action type of `:update` or `:destroy`, or a record",
        _ => "a changeset with the action type of `:destroy`, or a record",
    };
    EvalError::new(
        "ArgumentError",
        format!("Initial must be {wanted}.\n\nGot: {}\n", errors::inspect(other)),
    )
}

/// `Ash.Changeset.for_create/for_update/for_destroy(initial, action, params \\ %{}, opts \\ [])`.
pub fn for_action(kind: ActionKind, args: &[Value]) -> Result<Value, EvalError> {
    let (initial, action_name) = match args {
        [initial, action, ..] => (initial, action),
        _ => return Err(args::no_clause("Ash.Changeset", "for_create", args.len())),
    };
    let params = args.get(2).cloned().unwrap_or(Value::Nil);
    // The starting point: a resource / record, or a changeset to continue.
    let (resource, data, prior): (ResourceRef, Rc<Record>, Option<Rc<Changeset>>) = match (kind, initial) {
        (ActionKind::Create, Value::Module(_)) => {
            let resource =
                args::resource_of(initial).ok_or_else(|| crate::eval::errors::not_a_resource(initial))?;
            let empty = Rc::new(Record::empty(&resource, MetaState::Built));
            (resource, empty, None)
        }
        (ActionKind::Update | ActionKind::Destroy, Value::Record(r)) => {
            let r = args::current_record(r);
            (r.resource.clone(), r, None)
        }
        (_, Value::Changeset(c))
            if c.action().kind == kind
                || (kind == ActionKind::Update && c.action().kind == ActionKind::Destroy)
                || kind == ActionKind::Destroy =>
        {
            (c.resource.clone(), c.data.clone(), Some(c.clone()))
        }
        (_, other) => return Err(initial_error(kind, other)),
    };
    if let Some(c) = &prior
        && !c.errors.is_empty()
    {
        return Ok(Value::Changeset(c.clone()));
    }
    let action = find_action(&resource, action_name, kind)?;
    let params = args::params(&params)?;
    Ok(Value::Changeset(Rc::new(build(
        resource,
        action,
        data,
        prior.as_deref(),
        &params,
    ))))
}

/// Runs Ash's `do_for_action` steps for one action.
pub fn build(
    resource: ResourceRef,
    action_index: usize,
    data: Rc<Record>,
    prior: Option<&Changeset>,
    params: &[(String, Value)],
) -> Changeset {
    let action = resource.actions[action_index].clone();
    let mut b = Builder {
        resource,
        action_index,
        data,
        attributes: prior.map(|c| c.attributes.clone()).unwrap_or_default(),
        arguments: MapValue::default(),
        relationships: prior.map(|c| c.relationships.clone()).unwrap_or_default(),
        added: Vec::new(),
    };
    if let Some(c) = prior {
        for (k, v) in &c.arguments.entries {
            if let Value::Atom(name) = k
                && let Some(arg) = action.arguments.iter().find(|a| a.name == name.as_ref())
            {
                b.set_argument(&arg.name, &arg.ty, v);
            }
        }
    }
    b.cast_params(params);
    b.set_argument_defaults();
    b.require_arguments();
    if action.kind != ActionKind::Destroy {
        b.validate_accepted();
    }
    b.set_defaults();
    b.run_changes();
    b.require_values();
    b.finish(Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::testing::ticket_resource;

    /// (action, params, expected changeset attributes, expected error messages)
    type CreateRow = (&'static str, Params, Params, Vec<&'static str>);
    /// (action, current status, params, attributes, errors, has a relationship change)
    type UpdateRow = (
        &'static str,
        &'static str,
        Params,
        Params,
        Vec<&'static str>,
        bool,
    );
    type Params = Vec<(&'static str, Value)>;

    fn action(name: &str) -> usize {
        ticket_resource()
            .actions
            .iter()
            .position(|a| a.name == name)
            .unwrap_or(0)
    }

    fn kw(pairs: Vec<(&str, Value)>) -> Vec<(String, Value)> {
        pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }

    fn attrs(cs: &Changeset) -> Vec<(String, Value)> {
        cs.attributes
            .entries
            .iter()
            .map(|(k, v)| (errors::to_text(k), v.clone()))
            .collect()
    }

    fn messages(cs: &Changeset) -> Vec<String> {
        cs.errors.iter().map(errors::message).collect()
    }

    #[test]
    fn casts() {
        use crate::scalar::calendar::Kind;
        let dec = |t: &str| Value::scalar(Scalar::Decimal(Decimal::parse(t).expect(t)));
        let cal = |k, t: &str| Value::scalar(Scalar::Cal(Calendar::from_iso8601(k, t).expect(t)));
        let one_of = Type::Atom(vec!["open".to_string(), "closed".to_string()].into());
        let rows: Vec<(Type, Value, Cast)> = vec![
            // The scalar types, as Ecto and Decimal cast input (texts checked against iex).
            (Type::Decimal, Value::string("9.50"), Cast::Ok(dec("9.50"))),
            (Type::Decimal, Value::Int(12), Cast::Ok(dec("12"))),
            (Type::Decimal, Value::Float(0.1), Cast::Ok(dec("0.1"))),
            (Type::Decimal, Value::string("nine"), Cast::Invalid),
            (Type::Decimal, Value::Bool(true), Cast::Invalid),
            (
                Type::Date,
                Value::string("2024-01-02"),
                Cast::Ok(cal(Kind::Date, "2024-01-02")),
            ),
            (Type::Date, Value::string("2024-13-01"), Cast::Invalid),
            (
                Type::Date,
                cal(Kind::Utc, "2024-01-02T03:04:05Z"),
                Cast::Ok(cal(Kind::Date, "2024-01-02")),
            ),
            (
                Type::Time,
                Value::string("09:30:00.25"),
                Cast::Ok(cal(Kind::Time, "09:30:00")),
            ),
            (
                Type::UtcDatetime,
                Value::string("2024-01-02T03:04:05.987+01:00"),
                Cast::Ok(cal(Kind::Utc, "2024-01-02T02:04:05Z")),
            ),
            (
                Type::UtcDatetimeUsec,
                Value::string("2024-01-02 03:04:05"),
                Cast::Ok(cal(Kind::Utc, "2024-01-02T03:04:05.000000Z")),
            ),
            (Type::UtcDatetime, Value::Int(5), Cast::Invalid),
            (
                Type::NaiveDatetime,
                cal(Kind::Utc, "2024-01-02T03:04:05Z"),
                Cast::Ok(cal(Kind::Naive, "2024-01-02 03:04:05")),
            ),
            (
                Type::CiString,
                Value::string(" Ann "),
                Cast::Ok(Value::scalar(Scalar::CiString("Ann".into()))),
            ),
            (
                Type::Array(Rc::new(Type::Integer)),
                Value::list(vec![Value::string("1"), Value::Int(2)]),
                Cast::Ok(Value::list(vec![Value::Int(1), Value::Int(2)])),
            ),
            (
                Type::Array(Rc::new(Type::Integer)),
                Value::string("1"),
                Cast::Invalid,
            ),
            (Type::Map, Value::list(vec![]), Cast::Invalid),
            (
                Type::String,
                Value::string("  padded  "),
                Cast::Ok(Value::string("padded")),
            ),
            (Type::String, Value::string("   "), Cast::Ok(Value::Nil)),
            (Type::String, Value::string(""), Cast::Ok(Value::Nil)),
            (
                Type::String,
                Value::atom("atom_subject"),
                Cast::Ok(Value::string("atom_subject")),
            ),
            (Type::String, Value::Int(123), Cast::Invalid),
            (
                one_of.clone(),
                Value::atom("closed"),
                Cast::Ok(Value::atom("closed")),
            ),
            (
                one_of.clone(),
                Value::string("closed"),
                Cast::Ok(Value::atom("closed")),
            ),
            (one_of.clone(), Value::string(""), Cast::Ok(Value::Nil)),
            (
                one_of.clone(),
                Value::atom("pending"),
                Cast::Constraint {
                    value: Value::atom("pending"),
                    message: "atom must be one of %{atom_list}, got: %{value}",
                    vars: vec![("atom_list", Value::string("open, closed"))],
                },
            ),
            (one_of.clone(), Value::Int(1), Cast::Invalid),
            (
                Type::Uuid,
                Value::string("7A3C5F6E-1D2B-4C8A-9E0F-123456789ABC"),
                Cast::Ok(Value::string("7a3c5f6e-1d2b-4c8a-9e0f-123456789abc")),
            ),
            (Type::Uuid, Value::string("not-a-uuid"), Cast::Invalid),
            (Type::Uuid, Value::Nil, Cast::Ok(Value::Nil)),
            (Type::Float, Value::Int(2), Cast::Ok(Value::Float(2.0))),
        ];
        for (ty, input, expected) in rows {
            assert_eq!(cast(&ty, &input), expected, "{input:?}");
        }
    }

    #[test]
    fn creates() {
        let rows: Vec<CreateRow> = vec![
            (
                "new",
                vec![],
                vec![("status", Value::atom("open"))],
                vec!["attribute subject is required"],
            ),
            (
                "new",
                vec![("subject", Value::string("   "))],
                vec![("status", Value::atom("open")), ("subject", Value::Nil)],
                vec!["attribute subject is required"],
            ),
            (
                "new",
                vec![("subject", Value::string("  padded  "))],
                vec![
                    ("status", Value::atom("open")),
                    ("subject", Value::string("padded")),
                ],
                vec![],
            ),
            (
                "new",
                vec![("subject", Value::string("x")), ("status", Value::atom("closed"))],
                vec![("status", Value::atom("closed")), ("subject", Value::string("x"))],
                vec!["Invalid value provided for status: cannot be changed."],
            ),
            (
                "new",
                vec![("subject", Value::string("x")), ("bogus", Value::Int(1))],
                vec![("status", Value::atom("open")), ("subject", Value::string("x"))],
                vec![],
            ),
            (
                "new",
                vec![("subject", Value::Int(123))],
                vec![("status", Value::atom("open")), ("subject", Value::Int(123))],
                vec!["Invalid value provided for subject: is invalid."],
            ),
            (
                "new",
                vec![("subject", Value::atom("atom_subject"))],
                vec![
                    ("status", Value::atom("open")),
                    ("subject", Value::string("atom_subject")),
                ],
                vec![],
            ),
            (
                "new",
                vec![
                    ("subject", Value::string("x")),
                    ("reporter_id", Value::string("not-a-uuid")),
                ],
                vec![("status", Value::atom("open")), ("subject", Value::string("x"))],
                vec!["Invalid value provided for reporter_id: is invalid."],
            ),
            (
                "create",
                vec![
                    ("subject", Value::string("x")),
                    ("status", Value::atom("pending")),
                ],
                vec![
                    ("status", Value::atom("pending")),
                    ("subject", Value::string("x")),
                ],
                vec!["Invalid value provided for status: atom must be one of open, closed, got: pending."],
            ),
            (
                "create",
                vec![
                    ("subject", Value::string("x")),
                    ("status", Value::string("pending")),
                ],
                vec![
                    ("status", Value::string("pending")),
                    ("subject", Value::string("x")),
                ],
                vec!["Invalid value provided for status: atom must be one of open, closed, got: pending."],
            ),
            (
                "create",
                vec![
                    ("subject", Value::string("x")),
                    ("status", Value::string("closed")),
                ],
                vec![("status", Value::atom("closed")), ("subject", Value::string("x"))],
                vec![],
            ),
            (
                "create",
                vec![("subject", Value::string("z")), ("status", Value::Nil)],
                vec![("status", Value::Nil), ("subject", Value::string("z"))],
                vec!["attribute status is required"],
            ),
            (
                "create",
                vec![("status", Value::atom("pending"))],
                vec![("status", Value::atom("pending"))],
                vec![
                    "attribute subject is required",
                    "Invalid value provided for status: atom must be one of open, closed, got: pending.",
                ],
            ),
            (
                "create",
                vec![
                    ("subject", Value::string("x")),
                    (
                        "representative_id",
                        Value::string("7a3c5f6e-1d2b-4c8a-9e0f-123456789abc"),
                    ),
                ],
                vec![("status", Value::atom("open")), ("subject", Value::string("x"))],
                vec![],
            ),
        ];
        for (name, params, expected_attrs, expected_errors) in rows {
            let data = Rc::new(Record::empty(ticket_resource(), MetaState::Built));
            let cs = build(
                ticket_resource().clone(),
                action(name),
                data,
                None,
                &kw(params.clone()),
            );
            let expected_attrs: Vec<(String, Value)> = kw(expected_attrs);
            assert_eq!(attrs(&cs), expected_attrs, "{name} {params:?}");
            assert_eq!(messages(&cs), expected_errors, "{name} {params:?}");
        }
    }

    fn ticket(status: &str) -> Rc<Record> {
        let mut r = Record::empty(ticket_resource(), MetaState::Loaded);
        r.attributes[0] = Value::string("5d441927-50cb-467f-8311-ee7c6c29bb44");
        r.attributes[1] = Value::string("Issue 0");
        r.attributes[2] = Value::atom(status);
        Rc::new(r)
    }

    #[test]
    fn updates() {
        let uuid = "c46d124a-8f29-460c-932f-926569c21e73";
        let rows: Vec<UpdateRow> = vec![
            ("close", "closed", vec![], vec![], vec![], false),
            (
                "close",
                "open",
                vec![],
                vec![("status", Value::atom("closed"))],
                vec![],
                false,
            ),
            (
                "assign",
                "open",
                vec![],
                vec![],
                vec!["argument representative_id is required"],
                false,
            ),
            (
                "assign",
                "open",
                vec![("representative_id", Value::string("not-a-uuid"))],
                vec![],
                vec!["Invalid value provided for representative_id: is invalid."],
                true,
            ),
            (
                "assign",
                "open",
                vec![("representative_id", Value::Nil)],
                vec![],
                vec!["argument representative_id is required"],
                true,
            ),
            (
                "assign",
                "open",
                vec![("representative_id", Value::string(uuid))],
                vec![],
                vec![],
                true,
            ),
            (
                "start",
                "closed",
                vec![("representative_id", Value::string(uuid))],
                vec![("status", Value::atom("open"))],
                vec![],
                true,
            ),
            (
                "update",
                "open",
                vec![("subject", Value::Nil)],
                vec![("subject", Value::Nil)],
                vec!["attribute subject is required"],
                false,
            ),
            (
                "update",
                "open",
                vec![("subject", Value::string("Issue 0"))],
                vec![],
                vec![],
                false,
            ),
            (
                "update",
                "open",
                vec![("status", Value::atom("bogus"))],
                vec![("status", Value::atom("bogus"))],
                vec!["Invalid value provided for status: atom must be one of open, closed, got: bogus."],
                false,
            ),
        ];
        for (name, status, params, expected_attrs, expected_errors, relates) in rows {
            let cs = build(
                ticket_resource().clone(),
                action(name),
                ticket(status),
                None,
                &kw(params.clone()),
            );
            assert_eq!(attrs(&cs), kw(expected_attrs), "{name} {params:?}");
            assert_eq!(messages(&cs), expected_errors, "{name} {params:?}");
            assert_eq!(!cs.relationships.is_empty(), relates, "{name} {params:?}");
        }
    }

    #[test]
    fn action_lookup() {
        let rows: Vec<(Value, ActionKind, Result<&str, &str>)> = vec![
            (Value::atom("new"), ActionKind::Create, Ok("new")),
            (
                Value::atom("close"),
                ActionKind::Create,
                Err("Found an action of type update"),
            ),
            (
                Value::atom("bogus"),
                ActionKind::Update,
                Err("No such update action"),
            ),
            (
                Value::string("new"),
                ActionKind::Create,
                Err("No such create action on resource Support.Ticket: \"new\""),
            ),
        ];
        for (name, kind, expected) in rows {
            let got = find_action(ticket_resource(), &name, kind);
            match (got, expected) {
                (Ok(a), Ok(n)) => assert_eq!(ticket_resource().actions[a].name, n),
                (Err(e), Err(prefix)) => {
                    assert_eq!(e.module, "ArgumentError");
                    assert!(e.message.starts_with(prefix), "{}", e.message);
                }
                (got, expected) => panic!(
                    "{:?} vs {expected:?}",
                    got.map(|a| ticket_resource().actions[a].name.clone())
                ),
            }
        }
    }

    /// Defaults and `set_attribute` literals are cast to the attribute's type, as Ash does.
    #[test]
    fn literals_of_resource_files_are_cast() {
        let rows: Vec<(Type, Literal, Value)> = vec![
            (Type::Float, Literal::Int(0), Value::Float(0.0)),
            (
                Type::String,
                Literal::Str("  open  ".into()),
                Value::string("open"),
            ),
            (Type::any_atom(), Literal::Str("open".into()), Value::atom("open")),
            (Type::Integer, Literal::Str("x".into()), Value::string("x")),
        ];
        for (ty, literal, expected) in rows {
            assert_eq!(
                cast_literal(&ty, &literal),
                expected,
                "{literal:?} as {}",
                ty.name()
            );
        }
    }
}
