//! Ash error structs as values (`%Ash.Error.Changes.Required{...}` with Ash 2.4's field order),
//! their messages, the class wrapper (`%Ash.Error.Invalid{...}`) and the text `!` functions raise.
//!
//! Does not decide *when* an error happens; changeset, query and read code do that.

use std::rc::Rc;

use crate::eval::error::EvalError;
use crate::model::Resource;
use crate::value::{StructValue, Value};

/// The error classes in the order Ash picks the one to raise (lowest first).
const CLASSES: &[(&str, &str, &str)] = &[
    ("forbidden", "Ash.Error.Forbidden", "Forbidden"),
    ("invalid", "Ash.Error.Invalid", "Input Invalid"),
    ("framework", "Ash.Error.Framework", "Framework Error"),
    ("unknown", "Ash.Error.Unknown", "Unknown Error"),
];

fn atom(name: &str) -> Value {
    Value::atom(name)
}

fn module(resource: &Resource) -> Value {
    Value::Module(Rc::from(resource.name.clone()))
}

fn atom_list(items: &[&str]) -> Value {
    Value::list(items.iter().map(|p| atom(p)).collect())
}

/// Builds `%Module{specific..., changeset: nil, query: nil, error_context: [], vars: ...,
/// path: ..., stacktrace: #Stacktrace<>, class: ...}` as `def_ash_error` defines it.
fn ash_error(module: &str, specific: Vec<(&str, Value)>, vars: Value, path: &[&str], class: &str) -> Value {
    let mut fields: Vec<(String, Value)> = specific.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    fields.push(("changeset".into(), Value::Nil));
    fields.push(("query".into(), Value::Nil));
    fields.push(("error_context".into(), Value::list(Vec::new())));
    fields.push(("vars".into(), vars));
    fields.push(("path".into(), atom_list(path)));
    fields.push(("stacktrace".into(), Value::Opaque(Rc::from("#Stacktrace<>"))));
    fields.push(("class".into(), atom(class)));
    Value::Struct(Rc::new(StructValue {
        module: module.to_string(),
        fields,
    }))
}

/// `%Ash.Error.Changes.Required{}`: `attribute subject is required`. `kind` is `attribute` or
/// `argument`.
pub fn required(resource: &Resource, field: &str, kind: &str) -> Value {
    ash_error(
        "Ash.Error.Changes.Required",
        vec![
            ("field", atom(field)),
            ("type", atom(kind)),
            ("resource", module(resource)),
        ],
        Value::list(Vec::new()),
        &[],
        "invalid",
    )
}

/// `%Ash.Error.Changes.InvalidAttribute{}` with `vars: [field: f, message: m, extra...]`, the
/// shape cast and constraint failures get.
pub fn invalid_attribute(field: &str, message: &str, extra: Vec<(&str, Value)>) -> Value {
    let mut vars = vec![("field", atom(field)), ("message", Value::string(message))];
    vars.extend(extra);
    ash_error(
        "Ash.Error.Changes.InvalidAttribute",
        vec![
            ("field", atom(field)),
            ("message", Value::string(message)),
            ("private_vars", Value::Nil),
        ],
        Value::keyword(vars),
        &[],
        "invalid",
    )
}

/// `InvalidAttribute` with empty vars, as `cannot be changed` is built.
pub fn cannot_be_changed(field: &str) -> Value {
    ash_error(
        "Ash.Error.Changes.InvalidAttribute",
        vec![
            ("field", atom(field)),
            ("message", Value::string("cannot be changed")),
            ("private_vars", Value::Nil),
        ],
        Value::list(Vec::new()),
        &[],
        "invalid",
    )
}

/// The foreign-key failure of a destroy: `Invalid value provided for id: would leave records
/// behind.`
pub fn would_leave_records_behind(constraint: &str) -> Value {
    foreign_key(constraint, "id", "would leave records behind")
}

/// A foreign-key failure as ash_postgres reports Ecto's constraint error (the field and message
/// of the matching `foreign_key_constraint`, the constraint in `private_vars`).
pub fn foreign_key(constraint: &str, field: &str, message: &str) -> Value {
    ash_error(
        "Ash.Error.Changes.InvalidAttribute",
        vec![
            ("field", atom(field)),
            ("message", Value::string(message)),
            (
                "private_vars",
                Value::keyword(vec![
                    ("constraint", atom("foreign")),
                    ("constraint_name", Value::string(constraint)),
                ]),
            ),
        ],
        Value::list(Vec::new()),
        &[],
        "invalid",
    )
}

/// `%Ash.Error.Changes.InvalidArgument{}` (no `private_vars`).
pub fn invalid_argument(field: &str, message: &str) -> Value {
    ash_error(
        "Ash.Error.Changes.InvalidArgument",
        vec![("field", atom(field)), ("message", Value::string(message))],
        Value::keyword(vec![("field", atom(field)), ("message", Value::string(message))]),
        &[],
        "invalid",
    )
}

/// `%Ash.Error.Query.NotFound{primary_key: %{id: id}, resource: R}`: `key` is the map of the
/// primary key's attributes to the values looked for.
pub fn not_found(resource: &Resource, key: Value, path: &[&str]) -> Value {
    ash_error(
        "Ash.Error.Query.NotFound",
        vec![("primary_key", key), ("resource", module(resource))],
        Value::list(Vec::new()),
        path,
        "invalid",
    )
}

pub fn invalid_primary_key(resource: &Resource, value: Value) -> Value {
    ash_error(
        "Ash.Error.Invalid.InvalidPrimaryKey",
        vec![("resource", module(resource)), ("value", value)],
        Value::list(Vec::new()),
        &[],
        "invalid",
    )
}

pub fn multiple_results(count: usize) -> Value {
    ash_error(
        "Ash.Error.Invalid.MultipleResults",
        vec![
            ("count", Value::Int(count as i64)),
            ("at_least?", Value::Bool(true)),
        ],
        Value::list(Vec::new()),
        &[],
        "invalid",
    )
}

/// `%Ash.Error.Unknown.UnknownError{error: "filter: Invalid reference bogus", field: nil}`.
pub fn unknown_error(error: &str, path: &[&str]) -> Value {
    ash_error(
        "Ash.Error.Unknown.UnknownError",
        vec![("error", Value::string(error)), ("field", Value::Nil)],
        Value::list(Vec::new()),
        path,
        "unknown",
    )
}

pub fn no_such_attribute(resource: &Resource, name: &str, path: &[&str]) -> Value {
    ash_error(
        "Ash.Error.Query.NoSuchAttribute",
        vec![("resource", module(resource)), ("name", atom(name))],
        Value::list(Vec::new()),
        path,
        "invalid",
    )
}

pub fn no_such_relationship(resource: &Resource, name: &str, path: &[&str]) -> Value {
    ash_error(
        "Ash.Error.Query.NoSuchRelationship",
        vec![("resource", module(resource)), ("name", atom(name))],
        Value::list(Vec::new()),
        path,
        "invalid",
    )
}

pub fn invalid_sort_order(order: Value) -> Value {
    ash_error(
        "Ash.Error.Query.InvalidSortOrder",
        vec![("order", order)],
        Value::list(Vec::new()),
        &["sort"],
        "invalid",
    )
}

/// `limit("2")`: Ash 2.4 files it under path `[:offset]` (sic).
pub fn invalid_limit(limit: Value) -> Value {
    ash_error(
        "Ash.Error.Query.InvalidLimit",
        vec![("limit", limit)],
        Value::list(Vec::new()),
        &["offset"],
        "invalid",
    )
}

pub fn invalid_offset(offset: Value) -> Value {
    ash_error(
        "Ash.Error.Query.InvalidOffset",
        vec![("offset", offset)],
        Value::list(Vec::new()),
        &["offset"],
        "invalid",
    )
}

pub fn invalid_load(load: Value) -> Value {
    ash_error(
        "Ash.Error.Query.InvalidLoad",
        vec![("load", load)],
        Value::list(Vec::new()),
        &["load"],
        "invalid",
    )
}

fn field<'a>(error: &'a StructValue, name: &str) -> &'a Value {
    error.get(name).unwrap_or(&Value::Nil)
}

/// `to_string/1` of a term, as Ash interpolates `%{var}` and field names (`inspect/1` for
/// terms `String.Chars` does not cover).
pub fn to_text(value: &Value) -> String {
    match value {
        // Ash names modules by `inspect` (`Support.Ticket`, not `Elixir.Support.Ticket`).
        Value::Module(name) => name.to_string(),
        other => crate::render::to_string(other).unwrap_or_else(|| inspect(other)),
    }
}

/// `inspect/1` on one line, as Ash's messages embed terms.
pub fn inspect(value: &Value) -> String {
    crate::render::inspect(value, &crate::render::InspectOptions::one_line())
}

/// Replaces `%{key}` placeholders with the vars, as `Exception.message/1` of Ash errors does.
fn interpolate(template: &str, vars: &Value) -> String {
    let mut text = template.to_string();
    if let Value::List(items) = vars {
        for item in items.iter() {
            if let Value::Tuple(pair) = item
                && let [Value::Atom(key), value] = pair.as_slice()
            {
                let placeholder = format!("%{{{key}}}");
                if text.contains(&placeholder) {
                    text = text.replace(&placeholder, &to_text(value));
                }
            }
        }
    }
    text
}

/// The message of one error struct (`Exception.message/1`).
pub fn message(error: &Value) -> String {
    let Value::Struct(s) = error else {
        return to_text(error);
    };
    let vars = field(s, "vars");
    let text = match s.module.as_str() {
        "Ash.Error.Changes.Required" => format!(
            "{} {} is required",
            to_text(field(s, "type")),
            to_text(field(s, "field"))
        ),
        "Ash.Error.Changes.InvalidAttribute" | "Ash.Error.Changes.InvalidArgument" => {
            let name = field(s, "field");
            let for_field = if matches!(name, Value::Nil) {
                String::new()
            } else {
                format!(" for {}", to_text(name))
            };
            match field(s, "message") {
                Value::Str(m) if !m.is_empty() => {
                    format!("Invalid value provided{for_field}: {m}.")
                }
                _ => format!("Invalid value provided{for_field}."),
            }
        }
        "Ash.Error.Query.NotFound" => match field(s, "primary_key") {
            Value::Nil => "record not found".to_string(),
            Value::Map(m) => {
                let parts: Vec<String> = m
                    .entries
                    .iter()
                    .map(|(k, v)| format!("{}: {}", to_text(k), inspect(v)))
                    .collect();
                format!("record with {} not found", parts.join(" | "))
            }
            other => format!("record with {} not found", inspect(other)),
        },
        "Ash.Error.Invalid.InvalidPrimaryKey" => {
            format!("invalid primary key {} provided", inspect(field(s, "value")))
        }
        "Ash.Error.Invalid.MultipleResults" => format!(
            "expected at most one result but got at least {}.\n      \n      Please ensure your action is configured with an appropriate filter to ensure a single result is returned.",
            to_text(field(s, "count"))
        ),
        "Ash.Error.Unknown.UnknownError" => match field(s, "error") {
            Value::Str(e) => e.to_string(),
            other => inspect(other),
        },
        "Ash.Error.Query.NoSuchAttribute" => format!(
            "No such attribute {} for resource {}",
            to_text(field(s, "name")),
            to_text(field(s, "resource"))
        ),
        "Ash.Error.Query.NoSuchRelationship" => format!(
            "No such relationship {} for resource {}",
            to_text(field(s, "name")),
            to_text(field(s, "resource"))
        ),
        "Ash.Error.Query.InvalidSortOrder" => {
            format!("No such sort order {}", inspect(field(s, "order")))
        }
        "Ash.Error.Query.InvalidLimit" => {
            format!("{} is not a valid limit", inspect(field(s, "limit")))
        }
        "Ash.Error.Query.InvalidOffset" => {
            format!("{} is not a valid offset", inspect(field(s, "offset")))
        }
        "Ash.Error.Query.InvalidLoad" => {
            format!("{} is not a valid load", inspect(field(s, "load")))
        }
        _ => to_text(field(s, "message")),
    };
    interpolate(&text, vars)
}

fn class_of(error: &Value) -> String {
    match error {
        Value::Struct(s) => match s.get("class") {
            Some(Value::Atom(c)) => c.to_string(),
            _ => "unknown".into(),
        },
        _ => "unknown".into(),
    }
}

fn class_index(class: &str) -> usize {
    CLASSES
        .iter()
        .position(|(c, _, _)| *c == class)
        .unwrap_or(CLASSES.len() - 1)
}

fn path_line(error: &Value) -> String {
    let Value::Struct(s) = error else {
        return String::new();
    };
    match s.get("path") {
        Some(Value::List(items)) if !items.is_empty() => {
            let parts: Vec<String> = items.values().iter().map(to_text).collect();
            format!("\n    at {}", parts.join(", "))
        }
        _ => String::new(),
    }
}

/// The class error (`%Ash.Error.Invalid{}` etc.) wrapping `errors`, as `{:error, _}` returns
/// it. `changeset` is the failed changeset, when there is one.
pub fn class_error(errors: &[Value], changeset: Option<Value>) -> Value {
    let top = errors
        .iter()
        .map(|e| class_index(&class_of(e)))
        .min()
        .unwrap_or(CLASSES.len() - 1);
    let (class, module, _) = CLASSES[top];
    let with_changeset = changeset.is_some();
    let context = if with_changeset {
        Value::list(vec![Value::Nil])
    } else {
        Value::list(Vec::new())
    };
    Value::Struct(Rc::new(StructValue {
        module: module.to_string(),
        fields: vec![
            ("errors".into(), Value::list(errors.to_vec())),
            ("stacktraces?".into(), Value::Bool(true)),
            ("changeset".into(), changeset.unwrap_or(Value::Nil)),
            ("query".into(), Value::Nil),
            ("error_context".into(), context),
            ("vars".into(), Value::list(Vec::new())),
            ("path".into(), Value::list(Vec::new())),
            ("stacktrace".into(), Value::Opaque(Rc::from("#Stacktrace<>"))),
            ("class".into(), atom(class)),
        ],
    }))
}

/// The exception a `!` function raises for `errors`: the class module and
/// `Header\n\n* message\n    at path` per error, grouped by class (stack lines omitted).
pub fn raise(errors: &[Value]) -> EvalError {
    let mut groups: Vec<(usize, Vec<&Value>)> = Vec::new();
    for error in errors {
        let index = class_index(&class_of(error));
        match groups.iter_mut().find(|(i, _)| *i == index) {
            Some((_, list)) => list.push(error),
            None => groups.push((index, vec![error])),
        }
    }
    groups.sort_by_key(|(i, _)| *i);
    let top = groups.first().map_or(CLASSES.len() - 1, |(i, _)| *i);
    let text: Vec<String> = groups
        .iter()
        .map(|(index, list)| {
            let lines: Vec<String> = list
                .iter()
                .map(|e| format!("* {}{}", message(e), path_line(e)))
                .collect();
            format!("{}\n\n{}", CLASSES[*index].2, lines.join("\n"))
        })
        .collect();
    EvalError::new(CLASSES[top].1, text.join("\n\n"))
}

/// Raises an already built class error value (`{:error, e}` turned into a raise).
pub fn raise_class(class_error: &Value) -> EvalError {
    match class_error {
        Value::Struct(s) => match s.get("errors") {
            Some(Value::List(items)) => raise(&items.values()),
            _ => EvalError::new(s.module.clone(), message(class_error)),
        },
        other => EvalError::new("RuntimeError", to_text(other)),
    }
}

/// `ArgumentError` with Ash's text for an unknown action name.
pub fn no_such_action(resource: &Resource, action: &Value, kind: &str) -> EvalError {
    let available: Vec<String> = resource
        .actions
        .iter()
        .filter(|a| a.kind.name() == kind)
        .map(|a| format!("    - `:{}`", a.name))
        .collect();
    let shown: String = inspect(action).chars().take(51).collect();
    EvalError::new(
        "ArgumentError",
        format!(
            "No such {kind} action on resource {}: {shown}\n\nExample Call:\n\n  Ash.Changeset.for_{kind}(changeset_or_record, :action_name, input, options)\n\nAvailable {kind} actions:\n\n{}\n",
            resource.name,
            available.join("\n")
        ),
    )
}

/// `ArgumentError` for an action of the wrong type.
pub fn wrong_action_type(found: &str, wanted: &str) -> EvalError {
    EvalError::new(
        "ArgumentError",
        format!(
            "Found an action of type {found} while looking for an action of type {wanted}\n\nPerhaps you passed a changeset with the incorrect action type into your Api?\n"
        ),
    )
}

/// An action this shell will not run, because running it without what it ignores would write
/// something else than Ash writes (`Action::refused`). Raised before anything is sent.
pub fn refused_action(resource: &str, action: &str, why: &str) -> EvalError {
    EvalError::new(
        "Helpdesk.NotImplementedError",
        format!("{resource} action :{action} is not run by this shell: {why}. Nothing was written."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::testing::{ticket_resource, user_resource};
    use crate::value::MapValue;

    fn id_key(id: Value) -> Value {
        Value::Map(Rc::new(MapValue::from_entries([(atom("id"), id)])))
    }

    #[test]
    fn messages() {
        let rows: Vec<(Value, &str)> = vec![
            (
                required(ticket_resource(), "subject", "attribute"),
                "attribute subject is required",
            ),
            (
                required(ticket_resource(), "representative_id", "argument"),
                "argument representative_id is required",
            ),
            (
                invalid_attribute(
                    "status",
                    "atom must be one of %{atom_list}, got: %{value}",
                    vec![
                        ("atom_list", Value::string("open, closed")),
                        ("value", Value::atom("pending")),
                    ],
                ),
                "Invalid value provided for status: atom must be one of open, closed, got: pending.",
            ),
            (
                invalid_attribute("subject", "is invalid", vec![]),
                "Invalid value provided for subject: is invalid.",
            ),
            (
                cannot_be_changed("status"),
                "Invalid value provided for status: cannot be changed.",
            ),
            (
                invalid_argument("representative_id", "is invalid"),
                "Invalid value provided for representative_id: is invalid.",
            ),
            (
                not_found(
                    user_resource(),
                    id_key(Value::string("7a3c")),
                    &["representative_id"],
                ),
                "record with id: \"7a3c\" not found",
            ),
            (
                not_found(ticket_resource(), id_key(Value::Nil), &[]),
                "record with id: nil not found",
            ),
            (
                not_found(
                    ticket_resource(),
                    Value::Map(Rc::new(MapValue::from_entries([
                        (atom("order_id"), Value::Int(1)),
                        (atom("line"), Value::Int(2)),
                    ]))),
                    &[],
                ),
                "record with line: 2 | order_id: 1 not found",
            ),
            (
                invalid_primary_key(ticket_resource(), Value::string("nope")),
                "invalid primary key \"nope\" provided",
            ),
            (
                multiple_results(3),
                "expected at most one result but got at least 3.\n      \n      Please ensure your action is configured with an appropriate filter to ensure a single result is returned.",
            ),
            (
                unknown_error("filter: Invalid reference bogus", &["filter"]),
                "filter: Invalid reference bogus",
            ),
            (
                no_such_attribute(ticket_resource(), "bogus", &["sort"]),
                "No such attribute bogus for resource Support.Ticket",
            ),
            (
                no_such_relationship(user_resource(), "bogus_rel", &["aggregate"]),
                "No such relationship bogus_rel for resource Support.User",
            ),
            (
                invalid_sort_order(Value::atom("sideways")),
                "No such sort order :sideways",
            ),
            (invalid_limit(Value::string("2")), "\"2\" is not a valid limit"),
            (invalid_load(Value::atom("bogus")), ":bogus is not a valid load"),
            (
                would_leave_records_behind("tickets_representative_id_fkey"),
                "Invalid value provided for id: would leave records behind.",
            ),
        ];
        for (error, expected) in rows {
            assert_eq!(message(&error), expected);
        }
    }

    #[test]
    fn raise_texts() {
        let rows: Vec<(Vec<Value>, &str, &str)> = vec![
            (
                vec![required(ticket_resource(), "subject", "attribute")],
                "Ash.Error.Invalid",
                "Input Invalid\n\n* attribute subject is required",
            ),
            (
                vec![
                    required(ticket_resource(), "subject", "attribute"),
                    cannot_be_changed("status"),
                ],
                "Ash.Error.Invalid",
                "Input Invalid\n\n* attribute subject is required\n* Invalid value provided for status: cannot be changed.",
            ),
            (
                vec![unknown_error("filter: Invalid reference bogus", &["filter"])],
                "Ash.Error.Unknown",
                "Unknown Error\n\n* filter: Invalid reference bogus\n    at filter",
            ),
            (
                vec![not_found(
                    user_resource(),
                    id_key(Value::string("7a3c")),
                    &["representative_id"],
                )],
                "Ash.Error.Invalid",
                "Input Invalid\n\n* record with id: \"7a3c\" not found\n    at representative_id",
            ),
            (
                vec![
                    unknown_error("filter: Invalid reference bogus", &["filter"]),
                    no_such_attribute(ticket_resource(), "bogus", &["sort"]),
                ],
                "Ash.Error.Invalid",
                "Input Invalid\n\n* No such attribute bogus for resource Support.Ticket\n    at sort\n\nUnknown Error\n\n* filter: Invalid reference bogus\n    at filter",
            ),
        ];
        for (errors, module, text) in rows {
            let e = raise(&errors);
            assert_eq!((e.module.as_str(), e.message.as_str()), (module, text));
        }
    }

    #[test]
    fn action_errors() {
        let rows: Vec<(EvalError, &str)> = vec![
            (
                no_such_action(ticket_resource(), &Value::atom("bogus"), "create"),
                "No such create action on resource Support.Ticket: :bogus\n\nExample Call:\n\n  Ash.Changeset.for_create(changeset_or_record, :action_name, input, options)\n\nAvailable create actions:\n\n    - `:create`\n    - `:new`\n",
            ),
            (
                no_such_action(ticket_resource(), &Value::string("new"), "create"),
                "No such create action on resource Support.Ticket: \"new\"\n\nExample Call:\n\n  Ash.Changeset.for_create(changeset_or_record, :action_name, input, options)\n\nAvailable create actions:\n\n    - `:create`\n    - `:new`\n",
            ),
            (
                no_such_action(ticket_resource(), &Value::atom("bogus"), "update"),
                "No such update action on resource Support.Ticket: :bogus\n\nExample Call:\n\n  Ash.Changeset.for_update(changeset_or_record, :action_name, input, options)\n\nAvailable update actions:\n\n    - `:update`\n    - `:assign`\n    - `:start`\n    - `:close`\n",
            ),
            (
                no_such_action(ticket_resource(), &Value::atom("bogus"), "destroy"),
                "No such destroy action on resource Support.Ticket: :bogus\n\nExample Call:\n\n  Ash.Changeset.for_destroy(changeset_or_record, :action_name, input, options)\n\nAvailable destroy actions:\n\n    - `:destroy`\n",
            ),
            (
                wrong_action_type("update", "create"),
                "Found an action of type update while looking for an action of type create\n\nPerhaps you passed a changeset with the incorrect action type into your Api?\n",
            ),
        ];
        for (error, text) in rows {
            assert_eq!(
                (error.module.as_str(), error.message.as_str()),
                ("ArgumentError", text)
            );
        }
    }
}
