//! Running a changeset: create / update / destroy through the database, each atomically (one
//! transaction, or one statement alone), including the action's `Relate` changes (look the related record up, set the
//! foreign key, return the record with the relationship loaded).
//!
//! Casting and validation happened in `changeset.rs`; this only writes.

use std::rc::Rc;

use crate::db::{Database, DbError, DbValue};
use crate::eval::error::EvalError;
use crate::model::{ActionKind, Change, Default, RelationshipKind, ResourceRef, Type};
use crate::query::{Expr, Lit, Op, ReadPlan};
use crate::scalar::calendar::now;
use crate::scalar::{Calendar, Scalar};
use crate::value::{Changeset, MetaState, Record, Value};

use super::errors;
use super::read::{record_from_attributes, to_db};

/// What running a changeset gave.
pub enum Outcome {
    /// The created/updated record, or `:ok` for a destroy.
    Done(Value),
    /// `{:error, %Ash.Error.Invalid{...}}`.
    Failed(Value),
}

/// Failures inside the write transaction (any of them rolls it back).
enum Failure {
    Ash(Vec<Value>),
    Raise(EvalError),
}

impl From<DbError> for Failure {
    fn from(e: DbError) -> Self {
        match e {
            DbError::ForeignKey { constraint } => {
                Failure::Ash(vec![errors::would_leave_records_behind(&constraint)])
            }
            other => Failure::Raise(crate::eval::errors::from_db(other)),
        }
    }
}

/// A foreign key broken by a create or update: when it is the row's own `belongs_to` key
/// under the name ash_postgres gives `foreign_key_constraint/3` for every relationship of the
/// resource being written (its `references` `name:`, else `<table>_<attribute>_fkey`), Ecto's
/// `<attribute>: does not exist`; otherwise what a destroy gets.
fn write_failure(resource: &ResourceRef, e: DbError) -> Failure {
    if let DbError::ForeignKey { constraint } = &e {
        for rel in resource
            .relationships
            .iter()
            .filter(|r| r.kind == RelationshipKind::BelongsTo)
        {
            // SQLite does not name the constraint it reports: the db layer says Ecto's default.
            let default = format!("{}_{}_fkey", resource.table, rel.source_attribute);
            let named = resource.foreign_key_name(rel);
            if *constraint == named || *constraint == default {
                return Failure::Ash(vec![errors::foreign_key(
                    &named,
                    &rel.source_attribute,
                    "does not exist",
                )]);
            }
        }
    }
    Failure::from(e)
}

/// Ash's `validate_required_belongs_to` before a create: a `belongs_to` with `allow_nil?
/// false` whose key is not set is `relationship <name> is required` (Ash 2.4; keys that are
/// part of the primary key are the data layer's to refuse).
fn check_required_belongs_to(cs: &Changeset, values: &[(&str, DbValue)]) -> Result<(), Failure> {
    let resource = &cs.resource;
    let missing: Vec<Value> = resource
        .relationships
        .iter()
        .filter(|r| r.kind == RelationshipKind::BelongsTo)
        .filter(|r| {
            resource
                .attribute(&r.source_attribute)
                .is_some_and(|a| !a.allow_nil && !a.primary_key)
        })
        .filter(|r| {
            values
                .iter()
                .find(|(n, _)| *n == r.source_attribute)
                .is_none_or(|(_, v)| matches!(v, DbValue::Null))
        })
        .map(|r| errors::required(resource, &r.name, "relationship"))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Failure::Ash(missing))
    }
}

/// `attempted to delete a stale struct:` / `update`: Ecto's error for a row that is gone.
fn stale(verb: &str, record: &Record) -> EvalError {
    let shown = crate::render::inspect(
        &Value::Record(Rc::new(record.clone())),
        &crate::render::InspectOptions {
            width: usize::MAX,
            limit: 50,
        },
    );
    EvalError::new(
        "Ecto.StaleEntryError",
        format!("attempted to {verb} a stale struct:\n\n{shown}\n"),
    )
}

/// Reads one record of `resource` whose `attribute` (the destination of a relationship) is
/// `id`, inside the transaction. None when there is none or `id` is not of the key's type.
fn find(
    db: &mut Database,
    resource: &ResourceRef,
    attribute: &str,
    id: &Value,
) -> Result<Option<Record>, Failure> {
    let ty = resource.attribute(attribute).map_or(Type::Uuid, |a| a.ty.clone());
    let super::changeset::Cast::Ok(id) = super::changeset::cast(&ty, id) else {
        return Ok(None);
    };
    let Some(lit) = super::key::lit_of(&id) else {
        return Ok(None);
    };
    let mut plan = ReadPlan::new(resource);
    plan.filter = Some(Expr::op(
        Op::Eq,
        Expr::Attr(attribute.to_string()),
        Expr::Lit(lit),
    ));
    plan.limit = Some(1);
    // Read as Ash reads it, so a record outside the base filter (archived) is not found.
    super::implicit::apply(&mut plan).map_err(Failure::Raise)?;
    let rows = db.read(&plan)?;
    Ok(rows
        .first()
        .map(|row| record_from_attributes(resource, &row.attributes)))
}

/// The foreign keys and related records the action's `Relate` changes produce.
fn relate(db: &mut Database, cs: &Changeset) -> Result<Vec<(String, usize, Value)>, Failure> {
    let mut out = Vec::new();
    for change in &cs.action().changes {
        let Change::Relate {
            argument,
            relationship,
        } = change
        else {
            continue;
        };
        let Some(value) = cs.arguments.get(&Value::atom(argument)) else {
            continue;
        };
        let Some(index) = cs
            .resource
            .relationships
            .iter()
            .position(|r| r.name == *relationship)
        else {
            continue;
        };
        let rel = &cs.resource.relationships[index];
        let Some(dest) = cs.resource.sibling(&rel.destination) else {
            continue;
        };
        // The related record's key: the argument itself (an id), or the destination attribute
        // of a map or record (`%{id: id}`, `account`), as manage_relationship looks it up.
        let keyed = match value {
            Value::Map(map) => map
                .get(&Value::atom(&rel.destination_attribute))
                .or_else(|| map.get(&Value::string(rel.destination_attribute.as_str())))
                .cloned()
                .unwrap_or(Value::Nil),
            Value::Record(record) => record
                .attribute(&rel.destination_attribute)
                .cloned()
                .unwrap_or(Value::Nil),
            other => other.clone(),
        };
        let value = &keyed;
        match value {
            Value::Nil if !matches!(cs.arguments.get(&Value::atom(argument)), Some(Value::Nil)) => {
                return Err(Failure::Ash(vec![errors::invalid_argument(
                    argument,
                    &format!("has no {} to relate by", rel.destination_attribute),
                )]));
            }
            Value::Nil => out.push((rel.source_attribute.clone(), index, Value::Nil)),
            Value::Str(_) | Value::Int(_) => match find(db, &dest, &rel.destination_attribute, value)? {
                Some(found) => out.push((rel.source_attribute.clone(), index, Value::Record(Rc::new(found)))),
                None => {
                    let key = super::key::key_map(&[(rel.destination_attribute.clone(), value.clone())]);
                    return Err(Failure::Ash(vec![errors::not_found(&dest, key, &[argument])]));
                }
            },
            _ => {
                return Err(Failure::Ash(vec![errors::invalid_argument(
                    argument,
                    "is invalid",
                )]));
            }
        }
    }
    Ok(out)
}

/// The attribute values to write: the changeset's attributes plus related foreign keys.
fn write_values<'c>(cs: &'c Changeset, related: &'c [(String, usize, Value)]) -> Vec<(&'c str, DbValue)> {
    let mut values = Vec::new();
    let creating = cs.action().kind == ActionKind::Create;
    let mut shared: std::collections::HashMap<&str, Value> = std::collections::HashMap::new();
    for attr in &cs.resource.attributes {
        if let Some(v) = cs.attributes.get(&Value::atom(&attr.name)) {
            values.push((attr.name.as_str(), to_db(v, &attr.ty)));
            continue;
        }
        // Function defaults (`&Ash.UUID.generate/0`, timestamps) are called as the action runs.
        let default = if creating {
            &attr.default
        } else {
            &attr.update_default
        };
        if let Some(Default::Function(name)) = default {
            // Attributes that match other defaults share one call per function (Ash's
            // `set_lazy_matching_defaults`): a create's timestamps are equal.
            let value = if attr.match_other_defaults {
                shared
                    .entry(name.as_str())
                    .or_insert_with(|| call_default(name))
                    .clone()
            } else {
                call_default(name)
            };
            if !matches!(value, Value::Nil) {
                values.push((attr.name.as_str(), to_db(&value, &attr.ty)));
            }
        }
    }
    for (fk, index, rec) in related {
        let id = match (rec, cs.resource.relationships.get(*index)) {
            (Value::Record(r), Some(rel)) => r
                .attribute(&rel.destination_attribute)
                .cloned()
                .unwrap_or(Value::Nil),
            _ => Value::Nil,
        };
        let ty = cs.resource.attribute(fk).map_or(Type::Uuid, |a| a.ty.clone());
        values.retain(|(name, _)| name != fk);
        values.push((fk.as_str(), to_db(&id, &ty)));
    }
    values
}

fn with_related(mut record: Record, related: &[(String, usize, Value)]) -> Record {
    for (_, index, rec) in related {
        if let Some(slot) = record.relationships.get_mut(*index) {
            *slot = Some(rec.clone());
        }
    }
    record
}

/// Identities (`identity :unique_email, [:email]`) are checked inside the write's transaction
/// with one read per identity whose keys the write sets: a row with the same keys is Ash's
/// `has already been taken` on the first key. (A unique index, when the schema has one,
/// reports the same error through the database.)
fn check_identities(db: &mut Database, cs: &Changeset, values: &[(&str, DbValue)]) -> Result<(), Failure> {
    let resource = &cs.resource;
    'identities: for identity in &resource.identities {
        if !identity.keys.iter().any(|k| values.iter().any(|(n, _)| n == k)) {
            continue;
        }
        let mut filter = None;
        for key in &identity.keys {
            let value = match values.iter().find(|(n, _)| n == key) {
                Some((_, v)) => {
                    super::read::from_db(v, &resource.attribute(key).map_or(Type::String, |a| a.ty.clone()))
                }
                None => cs.data.attribute(key).cloned().unwrap_or(Value::Nil),
            };
            let Ok(literal) = super::expr::value_to_lit(&value) else {
                continue 'identities;
            };
            if matches!(literal, Lit::Nil) {
                // SQL's NULLs are distinct: a nil key never collides.
                continue 'identities;
            }
            filter = Some(Expr::and(
                filter,
                Expr::op(Op::Eq, Expr::Attr(key.clone()), Expr::Lit(literal)),
            ));
        }
        if cs.action().kind == ActionKind::Update
            && let Some(this) = super::key::record_key(&cs.data)
                .as_deref()
                .and_then(super::key::key_other)
        {
            filter = Some(Expr::and(filter, this));
        }
        let mut plan = ReadPlan::new(resource);
        plan.filter = filter;
        plan.limit = Some(1);
        // ash_postgres's unique indexes hold where the base filter does (`base_filter_sql`):
        // archived records do not take a value.
        super::implicit::apply(&mut plan).map_err(Failure::Raise)?;
        if !db.read(&plan)?.is_empty() {
            let field = identity.keys.first().map_or("", String::as_str);
            return Err(Failure::Ash(vec![errors::invalid_attribute(
                field,
                "has already been taken",
                vec![],
            )]));
        }
    }
    Ok(())
}

fn perform(db: &mut Database, cs: &Changeset) -> Result<Value, Failure> {
    match cs.action().kind {
        ActionKind::Create => {
            let related = relate(db, cs)?;
            let values = write_values(cs, &related);
            check_required_belongs_to(cs, &values)?;
            check_identities(db, cs, &values)?;
            let stored = db
                .insert(&cs.resource, &values)
                .map_err(|e| write_failure(&cs.resource, e))?;
            let record = record_from_attributes(&cs.resource, &stored);
            Ok(Value::Record(Rc::new(with_related(record, &related))))
        }
        ActionKind::Update => {
            let related = relate(db, cs)?;
            let values = write_values(cs, &related);
            check_identities(db, cs, &values)?;
            let mut record = (*cs.data).clone();
            if !values.is_empty() {
                let key = super::key::stored_key(&cs.data)
                    .ok_or_else(|| Failure::Raise(stale("update", &cs.data)))?;
                match db
                    .update(&cs.resource, &key, &values)
                    .map_err(|e| write_failure(&cs.resource, e))?
                {
                    Some(stored) => {
                        let fresh = record_from_attributes(&cs.resource, &stored);
                        record.attributes = fresh.attributes;
                    }
                    None => return Err(Failure::Raise(stale("update", &cs.data))),
                }
            }
            record.meta = MetaState::Loaded;
            Ok(Value::Record(Rc::new(with_related(record, &related))))
        }
        // `soft? true` (AshArchival makes every destroy soft): an update with the action's
        // changes (`archived_at`), answered as a destroy.
        ActionKind::Destroy if cs.action().soft => {
            let values = write_values(cs, &[]);
            if values.is_empty() {
                return Ok(Value::atom("ok"));
            }
            let key =
                super::key::stored_key(&cs.data).ok_or_else(|| Failure::Raise(stale("delete", &cs.data)))?;
            match db
                .update(&cs.resource, &key, &values)
                .map_err(|e| write_failure(&cs.resource, e))?
            {
                Some(_) => Ok(Value::atom("ok")),
                None => Err(Failure::Raise(stale("delete", &cs.data))),
            }
        }
        ActionKind::Destroy => {
            let key =
                super::key::stored_key(&cs.data).ok_or_else(|| Failure::Raise(stale("delete", &cs.data)))?;
            if db.delete(&cs.resource, &key)? {
                Ok(Value::atom("ok"))
            } else {
                Err(Failure::Raise(stale("delete", &cs.data)))
            }
        }
        ActionKind::Read => Err(Failure::Raise(EvalError::new(
            "ArgumentError",
            "cannot run a read action as a changeset",
        ))),
    }
}

/// Calls a default given as a function (`&Ash.UUID.generate/0`, `&DateTime.utc_now/0`): one
/// of `model::DEFAULT_FUNCTIONS` (the reader skips others with a warning).
pub fn call_default(name: &str) -> Value {
    match name {
        "Ash.UUID.generate" | "Ecto.UUID.generate" | "Ash.UUIDv7.generate" => {
            Value::string(uuid::Uuid::new_v4().to_string().as_str())
        }
        // Cast to the attribute's precision when stored (`to_db`).
        "DateTime.utc_now" => Value::scalar(Scalar::Cal(Calendar::Utc(now(), 6))),
        "NaiveDateTime.utc_now" => Value::scalar(Scalar::Cal(Calendar::Naive(now(), 6))),
        "Date.utc_today" => Value::scalar(Scalar::Cal(Calendar::Date(now().date()))),
        _ => Value::Nil,
    }
}

/// Whether the action reads before it writes: a `Relate` change whose argument names a record
/// (looked up inside the action), or an identity to check. Without one an action is a single
/// statement.
fn looks_up(cs: &Changeset) -> bool {
    !cs.resource.identities.is_empty()
        || cs.action().changes.iter().any(|change| match change {
            Change::Relate { argument, .. } => {
                matches!(
                    cs.arguments.get(&Value::atom(argument)),
                    Some(Value::Str(_) | Value::Int(_) | Value::Map(_) | Value::Record(_))
                )
            }
            Change::SetAttribute { .. } => false,
        })
}

/// Runs a changeset of the expected kind atomically: an action that reads before it writes in
/// one transaction, a one-statement action (an `INSERT`/`UPDATE … RETURNING` or `DELETE`,
/// atomic alone) without BEGIN/COMMIT.
pub fn run(db: &mut Database, cs: &Rc<Changeset>, kind: ActionKind, api: &str) -> Result<Outcome, EvalError> {
    if cs.action().kind != kind {
        return Err(errors::wrong_action_type(cs.action().kind.name(), kind.name()));
    }
    if let Some(why) = &cs.action().refused {
        return Err(errors::refused_action(&cs.resource.name, &cs.action().name, why));
    }
    if !cs.errors.is_empty() {
        return Ok(Outcome::Failed(errors::class_error(
            &cs.errors,
            Some(Value::Changeset(cs.clone())),
        )));
    }
    let done = if looks_up(cs) {
        db.transaction(|db| perform(db, cs))
    } else {
        db.single_statement(|db| perform(db, cs))
    };
    match done {
        Ok(v) => Ok(Outcome::Done(v)),
        Err(Failure::Raise(e)) => Err(e),
        Err(Failure::Ash(errs)) => {
            let mut failed = (**cs).clone();
            failed.errors = errs.clone();
            failed.api = Some(Rc::from(api));
            Ok(Outcome::Failed(errors::class_error(
                &errs,
                Some(Value::Changeset(Rc::new(failed))),
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::call_default;

    /// Every function the reader accepts as a default can be called.
    #[test]
    fn every_default_function_gives_a_value() {
        for name in crate::model::DEFAULT_FUNCTIONS {
            assert!(!matches!(call_default(name), crate::value::Value::Nil), "{name}");
        }
    }
}
