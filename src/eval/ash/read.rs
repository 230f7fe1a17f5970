//! Reads: an `AshQuery` → ONE `query::ReadPlan` (aggregates and calculations as plan columns)
//! (`:list` aggregates too, as JSON arrays) → rows → a `RecordSet`, then one more statement per
//! loaded relationship for all records, never one per record. Also `load` on records already
//! read.
//!
//! Does not build queries from user input (`query.rs`) or write (`action.rs`).

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crate::db::{Database, DbError, DbValue};
use crate::eval::error::EvalError;
use crate::model::{ResourceRef, Type};
use crate::query::{AggregateKind, AggregateSpec, CalcSpec, Column, Expr, Lit, Op, ReadPlan, SortOrder};
use crate::scalar::Scalar;
use crate::value::record_set::{Cell, RecordSet, Target};
use crate::value::{AshQuery, List, LoadItem, MetaState, Record, Value};

use super::errors;
use super::expr;

/// Why a read failed: Ash errors (returned by `read`, raised by `read!`) or an exception that
/// both raise (division by zero, a lost connection).
#[derive(Debug)]
pub enum ReadError {
    Ash(Vec<Value>),
    Raise(EvalError),
}

impl From<EvalError> for ReadError {
    fn from(e: EvalError) -> Self {
        ReadError::Raise(e)
    }
}

impl From<DbError> for ReadError {
    fn from(e: DbError) -> Self {
        ReadError::Raise(crate::eval::errors::from_db(e))
    }
}

/// A database value as the Elixir value of an Ash type.
pub fn from_db(value: &DbValue, ty: &Type) -> Value {
    match (value, ty) {
        (DbValue::Null, _) => Value::Nil,
        (DbValue::Text(s), ty) if Scalar::is_scalar_type(ty) => {
            Scalar::from_storage(ty, s).map_or_else(|| Value::string(s.as_str()), Value::scalar)
        }
        (DbValue::Text(s), Type::Map | Type::Array(_)) => match serde_json::from_str(s) {
            Ok(json) => from_json(&json, ty),
            Err(_) => Value::string(s.as_str()),
        },
        (DbValue::List(items), Type::Array(inner)) => {
            Value::list(items.iter().map(|item| from_db(item, inner)).collect())
        }
        (DbValue::List(items), _) => Value::list(items.iter().map(|item| from_db(item, ty)).collect()),
        (DbValue::Uuid(u), _) => {
            Value::string(&*u.hyphenated().encode_lower(&mut uuid::Uuid::encode_buffer()))
        }
        (DbValue::Text(s), Type::Atom(_) | Type::Enum { .. }) => atom_of(s, ty.atoms().unwrap_or_default()),
        (DbValue::Text(s), Type::Integer) => s.parse().map_or_else(|_| Value::string(s.as_str()), Value::Int),
        (DbValue::Text(s), Type::Float) => s.parse().map_or_else(|_| Value::string(s.as_str()), Value::Float),
        (DbValue::Text(s), Type::Boolean) => Value::Bool(s == "true" || s == "1" || s == "t"),
        (DbValue::Text(s), Type::Uuid) => Value::string(s.to_ascii_lowercase()),
        (DbValue::Text(s), _) => Value::string(s.as_str()),
        (DbValue::Int(i), Type::Float) => Value::Float(*i as f64),
        (DbValue::Int(i), Type::Boolean) => Value::Bool(*i != 0),
        (DbValue::Int(i), Type::String) => Value::string(i.to_string()),
        (DbValue::Int(i), _) => Value::Int(*i),
        (DbValue::Float(f), Type::Integer) if f.fract() == 0.0 && f.abs() < 9.0e15 => Value::Int(*f as i64),
        (DbValue::Float(f), _) => Value::Float(*f),
        (DbValue::Bool(b), _) => Value::Bool(*b),
    }
}

thread_local! {
    /// The atoms of `Type::Atom` attributes, shared by every record read (a million tickets
    /// hold two `:open`/`:closed` atoms, not a million).
    static ATOMS: std::cell::RefCell<Vec<Rc<str>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The atom `name` of an attribute whose allowed values are `allowed`: shared when allowed.
fn atom_of(name: &str, allowed: &[String]) -> Value {
    if !allowed.iter().any(|a| a == name) {
        return Value::atom(name);
    }
    ATOMS.with(|atoms| {
        let mut atoms = atoms.borrow_mut();
        if let Some(found) = atoms.iter().find(|a| &***a == name) {
            return Value::Atom(Rc::clone(found));
        }
        let atom: Rc<str> = Rc::from(name);
        atoms.push(Rc::clone(&atom));
        Value::Atom(atom)
    })
}

/// A JSON value read from a `:map` (keys as strings, as Ecto loads `jsonb`) or an
/// `{:array, T}` column (items as values of `T`).
fn from_json(json: &serde_json::Value, ty: &Type) -> Value {
    use serde_json::Value as Json;
    match (json, ty) {
        (Json::Array(items), Type::Array(inner)) => {
            Value::list(items.iter().map(|i| from_json(i, inner)).collect())
        }
        (Json::Null, _) => Value::Nil,
        (Json::String(s), ty) if !matches!(ty, Type::Map) => from_db(&DbValue::Text(s.clone()), ty),
        (Json::Number(n), Type::Decimal) => from_db(&DbValue::Text(n.to_string()), ty),
        (Json::Bool(b), _) => Value::Bool(*b),
        (Json::Number(n), _) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        (Json::String(s), _) => Value::string(s.as_str()),
        (Json::Array(items), _) => Value::list(items.iter().map(|i| from_json(i, &Type::Map)).collect()),
        (Json::Object(entries), _) => Value::Map(Rc::new(crate::value::MapValue::from_entries(
            entries
                .iter()
                .map(|(k, v)| (Value::string(k.as_str()), from_json(v, &Type::Map))),
        ))),
    }
}

/// A value of an Ash type as it is stored.
pub fn to_db(value: &Value, ty: &Type) -> DbValue {
    match (value, ty) {
        (Value::Nil, _) => DbValue::Null,
        (Value::Scalar(scalar), ty) => DbValue::Text(match (&**scalar, ty) {
            (Scalar::Cal(c), ty) => c.cast(ty).unwrap_or(*c).storage(),
            (other, _) => other.storage(),
        }),
        (Value::Map(_), Type::Map) => DbValue::Text(crate::render::json::to_json(value).to_string()),
        (Value::List(items), Type::Array(inner)) => {
            DbValue::List(items.iter().map(|item| to_db(&item, inner)).collect())
        }
        (Value::Str(s), Type::Uuid) => {
            uuid::Uuid::parse_str(s).map_or_else(|_| DbValue::Text(s.to_string()), DbValue::Uuid)
        }
        (Value::Str(s), _) => DbValue::Text(s.to_string()),
        (Value::Atom(a), _) => DbValue::Text(a.to_string()),
        (Value::Int(i), Type::Float) => DbValue::Float(*i as f64),
        (Value::Int(i), _) => DbValue::Int(*i),
        (Value::Float(f), _) => DbValue::Float(*f),
        (Value::Bool(b), _) => DbValue::Bool(*b),
        (other, _) => DbValue::Text(errors::to_text(other)),
    }
}

/// A record from stored attribute values (in `resource.attributes` order).
pub fn record_from_attributes(resource: &ResourceRef, values: &[DbValue]) -> Record {
    let mut record = Record::empty(resource, MetaState::Loaded);
    for (i, attr) in resource.attributes.iter().enumerate() {
        if let Some(v) = values.get(i) {
            record.attributes[i] = from_db(v, &attr.ty.clone());
        }
    }
    record
}

/// Where a plan column's value goes in the record.
enum Slot {
    Aggregate(usize, Type, AggregateKind),
    Calculation(usize, Type),
    ExtraAggregate(String, Type, AggregateKind),
    ExtraCalculation(String, Type),
}

/// The plan name of a query's ad-hoc aggregate/calculation (renamed when it shadows a
/// resource one, so both can be in one plan).
fn extra_key(name: &str, shadows: bool) -> String {
    if shadows {
        format!("{name}__query")
    } else {
        name.to_string()
    }
}

fn aggregate_type(resource: &ResourceRef, spec: &AggregateSpec) -> Type {
    match spec.kind {
        AggregateKind::Count => Type::Integer,
        AggregateKind::Exists => Type::Boolean,
        _ => {
            let field = spec.field.as_deref().and_then(|f| {
                let dest = resource.destination(&spec.relationship)?;
                dest.attribute(f).map(|a| a.ty.clone())
            });
            match (spec.kind, field) {
                // The average of decimals is a decimal (PostgreSQL's numeric AVG).
                (AggregateKind::Avg, Some(Type::Decimal)) => Type::Decimal,
                (AggregateKind::Avg, _) => Type::Float,
                (_, Some(ty)) => ty,
                (_, None) => Type::Integer,
            }
        }
    }
}

fn resource_aggregate_spec(resource: &ResourceRef, name: &str) -> Result<Option<AggregateSpec>, EvalError> {
    let Some(agg) = resource.aggregate(name) else {
        return Ok(None);
    };
    Ok(Some(AggregateSpec {
        kind: agg.kind,
        relationship: agg.relationship.to_string(),
        filter: expr::aggregate_filter(resource, agg)?,
        field: agg.field.clone(),
        sort: agg
            .sort
            .iter()
            .map(|(field, desc)| {
                (
                    field.clone(),
                    if *desc { SortOrder::Desc } else { SortOrder::Asc },
                )
            })
            .collect(),
    }))
}

/// Builds the one read plan of a query, with where each extra column goes.
fn build_plan(q: &AshQuery) -> Result<(ReadPlan, Vec<Slot>), EvalError> {
    let resource = &q.resource;
    let mut plan = ReadPlan::new(resource);
    plan.filter = q.filter.clone();
    // A read runs the primary read action unless `for_read` chose one: its `filter` applies
    // (checked when the project was read; its `^arg`s are nil here).
    if q.action.is_none()
        && let Some(filter) = resource
            .primary_action(crate::model::ActionKind::Read)
            .and_then(|a| a.filter.as_ref())
    {
        let resolved = expr::resolve_model(&filter.ast, &[], resource)?;
        plan.filter = Some(Expr::and(plan.filter.take(), resolved));
    }
    plan.sort = q.sort.clone();
    plan.limit = q.limit;
    plan.offset = q.offset;

    // Resource aggregates whose values land in the records: asked for, needed by a loaded
    // calculation, or sorted on (Ash 2.4 loads those).
    let mut load_aggs: Vec<String> = q.aggregates.clone();
    let add = |names: Vec<String>, list: &mut Vec<String>| {
        for n in names {
            if !list.contains(&n) {
                list.push(n);
            }
        }
    };
    for calc in &q.calculations {
        add(
            expr::aggregate_deps(&Expr::Calc(calc.clone()), resource)?,
            &mut load_aggs,
        );
    }
    for (e, _) in &q.sort {
        add(expr::aggregate_deps(e, resource)?, &mut load_aggs);
    }

    let mut slots = Vec::new();
    for name in &load_aggs {
        if let (Some(i), Some(spec)) = (
            resource.aggregates.iter().position(|a| a.name == *name),
            resource_aggregate_spec(resource, name)?,
        ) {
            let ty = aggregate_type(resource, &spec);
            plan.columns.push(Column {
                name: format!("a_{name}"),
                expr: Expr::Aggregate(name.clone()),
                ty: ty.clone(),
            });
            slots.push(Slot::Aggregate(i, ty, spec.kind));
        }
    }
    for name in &q.calculations {
        if let Some(i) = resource.calculations.iter().position(|c| c.name == *name) {
            let ty = &resource.calculations[i].ty;
            plan.columns.push(Column {
                name: format!("c_{name}"),
                expr: Expr::Calc(name.clone()),
                ty: ty.clone(),
            });
            slots.push(Slot::Calculation(i, ty.clone()));
        }
    }
    for (i, (name, spec)) in q.extra_aggregates.iter().enumerate() {
        let key = extra_key(name, resource.aggregate(name).is_some());
        plan.aggregates.push((key.clone(), spec.clone()));
        let ty = aggregate_type(resource, spec);
        plan.columns.push(Column {
            name: format!("xa_{i}"),
            expr: Expr::Aggregate(key),
            // A list comes back as the text of a JSON array of its items.
            ty: if spec.kind == AggregateKind::List {
                Type::String
            } else {
                ty.clone()
            },
        });
        slots.push(Slot::ExtraAggregate(name.clone(), ty, spec.kind));
    }
    for (i, (name, spec)) in q.extra_calculations.iter().enumerate() {
        let key = extra_key(name, resource.calculation(name).is_some());
        plan.calculations.push((key.clone(), spec.clone()));
        plan.columns.push(Column {
            name: format!("xc_{i}"),
            expr: Expr::Calc(key),
            ty: spec.ty.clone(),
        });
        slots.push(Slot::ExtraCalculation(name.clone(), spec.ty.clone()));
    }

    register_references(&mut plan)?;
    Ok((plan, slots))
}

/// Declares every resource aggregate and calculation the plan mentions (in its filter, sort,
/// columns, or inside other calculations) in `plan.aggregates` / `plan.calculations`, so the
/// database never needs the model's expression strings.
pub(crate) fn register_references(plan: &mut ReadPlan) -> Result<(), EvalError> {
    let resource = &plan.resource;
    let mut pending: Vec<Expr> = Vec::new();
    pending.extend(plan.filter.clone());
    pending.extend(plan.sort.iter().map(|(e, _)| e.clone()));
    pending.extend(plan.columns.iter().map(|c| c.expr.clone()));
    pending.extend(plan.calculations.iter().map(|(_, c)| c.expr.clone()));
    while let Some(e) = pending.pop() {
        let mut aggs = Vec::new();
        let mut calcs = Vec::new();
        e.walk(&mut |node| match node {
            Expr::Aggregate(n) => aggs.push(n.clone()),
            Expr::Calc(n) => calcs.push(n.clone()),
            _ => {}
        });
        for n in aggs {
            if !plan.aggregates.iter().any(|(k, _)| *k == n)
                && let Some(spec) = resource_aggregate_spec(&resource.clone(), &n)?
            {
                plan.aggregates.push((n, spec));
            }
        }
        for n in calcs {
            if !plan.calculations.iter().any(|(k, _)| *k == n)
                && let Some(calc) = resource.calculation(&n)
            {
                let body = expr::calculation_expr(resource, &n)?;
                pending.push(body.clone());
                plan.calculations.push((
                    n,
                    CalcSpec {
                        expr: body,
                        ty: calc.ty.clone(),
                    },
                ));
            }
        }
    }
    Ok(())
}

/// An aggregate's value: a count of no rows is 0, a list of no rows `[]`, a list's items
/// (a JSON array text) become values of the field's type `ty`.
fn aggregate_value(value: &DbValue, ty: Type, kind: AggregateKind) -> Value {
    match (value, kind) {
        (DbValue::Null, AggregateKind::Count) => Value::Int(0),
        (DbValue::Null, AggregateKind::Exists) => Value::Bool(false),
        (DbValue::Null, AggregateKind::List) => Value::list(Vec::new()),
        (DbValue::Text(json), AggregateKind::List) => list_items(json, &ty),
        _ => from_db(value, &ty),
    }
}

/// The items of a `:list` aggregate from the JSON array text the database built.
fn list_items(json: &str, ty: &Type) -> Value {
    let Ok(items) = serde_json::from_str::<Vec<serde_json::Value>>(json) else {
        return Value::string(json);
    };
    let item = |value: serde_json::Value| {
        let stored = match value {
            serde_json::Value::Null => DbValue::Null,
            serde_json::Value::Bool(b) => DbValue::Bool(b),
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(i) => DbValue::Int(i),
                None => DbValue::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            serde_json::Value::String(s) => DbValue::Text(s),
            other => DbValue::Text(other.to_string()),
        };
        from_db(&stored, ty)
    };
    Value::list(items.into_iter().map(item).collect())
}

/// The type of an aggregate's values: its field's, except for a list.
fn item_type(ty: Type, kind: AggregateKind) -> Option<Type> {
    (kind != AggregateKind::List).then_some(ty)
}

impl Slot {
    /// Where the column's values go, and their type (None for lists).
    fn target(&self) -> (Target, Option<Type>) {
        match self {
            Slot::Aggregate(i, ty, kind) => (Target::Aggregate(*i), item_type(ty.clone(), *kind)),
            Slot::Calculation(i, ty) => (Target::Calculation(*i), Some(ty.clone())),
            Slot::ExtraAggregate(name, ty, kind) => (
                Target::ExtraAggregate(Value::atom(name)),
                item_type(ty.clone(), *kind),
            ),
            Slot::ExtraCalculation(name, ty) => {
                (Target::ExtraCalculation(Value::atom(name)), Some(ty.clone()))
            }
        }
    }

    fn value(&self, value: &DbValue) -> Value {
        match self {
            Slot::Aggregate(_, ty, kind) | Slot::ExtraAggregate(_, ty, kind) => {
                aggregate_value(value, ty.clone(), *kind)
            }
            Slot::Calculation(_, ty) | Slot::ExtraCalculation(_, ty) => from_db(value, &ty.clone()),
        }
    }
}

/// A stored attribute value as a record-set cell: UUIDs, strings and allowed atoms without
/// building a `Value` (the conversions `from_db` would make).
fn cell<'v>(value: &'v DbValue, ty: &Type) -> Cell<'v> {
    match (value, ty) {
        (DbValue::Null, _) => Cell::Nil,
        (DbValue::Uuid(u), _) => Cell::Uuid(*u),
        (DbValue::Text(s), Type::String) => Cell::Str(s),
        (DbValue::Text(s), Type::Atom(_) | Type::Enum { .. })
            if ty.atoms().is_some_and(|allowed| allowed.iter().any(|a| a == s)) =>
        {
            Cell::Atom(s)
        }
        _ => Cell::Value(from_db(value, ty)),
    }
}

/// Runs a query's one statement into a record set: each row goes into the set's columns as
/// it arrives (attributes left out by `select` are nil).
fn read_set(db: &mut Database, q: &AshQuery) -> Result<RecordSet, ReadError> {
    if !q.errors.is_empty() {
        return Err(ReadError::Ash(q.errors.clone()));
    }
    let (mut plan, slots) = build_plan(q)?;
    plan.filter = plan.filter.map(|filter| rewrite_paths(&q.resource, &filter));
    super::implicit::apply(&mut plan)?;
    let (rows, mut set) = Rows::new(q, slots);
    db.read_each(&plan, |attributes, columns| {
        rows.push(&mut set, attributes, columns)
    })?;
    set.shrink_to_fit();
    Ok(set)
}

/// How the rows of a query's statement go into a record set.
struct Rows {
    /// Per attribute: its type, and whether the query reads it (`select`).
    attributes: Vec<(Type, bool)>,
    slots: Vec<Slot>,
}

impl Rows {
    fn new(q: &AshQuery, slots: Vec<Slot>) -> (Rows, RecordSet) {
        let attributes = q
            .resource
            .attributes
            .iter()
            .map(|attr| {
                let selected =
                    attr.primary_key || q.select.as_ref().is_none_or(|names| names.contains(&attr.name));
                (attr.ty.clone(), selected)
            })
            .collect();
        let set = RecordSet::new(&q.resource, slots.iter().map(Slot::target).collect());
        (Rows { attributes, slots }, set)
    }

    fn push(&self, set: &mut RecordSet, attributes: &[DbValue], columns: &[DbValue]) {
        set.push(
            self.attributes
                .iter()
                .zip(attributes)
                .map(|(&(ref ty, selected), value)| if selected { cell(value, ty) } else { Cell::Nil }),
            self.slots
                .iter()
                .zip(columns)
                .map(|(slot, value)| slot.value(value)),
        );
    }
}

/// The relationship a path-only expression is about (`representative.name == "A"` →
/// `representative`), when every reference in it goes through that one relationship.
fn single_path(expr: &Expr) -> Option<String> {
    let mut rel: Option<String> = None;
    let mut ok = true;
    expr.walk(&mut |e| match e {
        Expr::Attr(name) => match name.split_once('.') {
            Some((r, _)) if rel.as_deref().is_none_or(|x| x == r) => rel = Some(r.to_string()),
            _ => ok = false,
        },
        Expr::Aggregate(_) | Expr::Calc(_) => ok = false,
        _ => {}
    });
    if ok { rel } else { None }
}

fn strip_path(expr: &Expr) -> Expr {
    match expr {
        Expr::Attr(name) => Expr::Attr(
            name.split_once('.')
                .map_or(name.as_str(), |(_, rest)| rest)
                .to_string(),
        ),
        other => infallible(other.try_map_children(&mut |e| Ok(strip_path(e)))),
    }
}

/// The value of a rewrite that cannot fail.
fn infallible(done: Result<Expr, std::convert::Infallible>) -> Expr {
    match done {
        Ok(expr) => expr,
        Err(never) => match never {},
    }
}

fn has_path(expr: &Expr) -> bool {
    let mut found = false;
    expr.walk(&mut |e| {
        if let Expr::Attr(n) = e {
            found |= n.contains('.');
        }
    });
    found
}

/// Relationship paths in a filter (`representative.name == "Alice"`,
/// `assigned_tickets.subject == "Issue 4"`) become `Expr::Exists` over the related resource,
/// compiled into the read's one statement. A sub-expression whose references all go through
/// one relationship becomes one `Exists` (so `a.x == 1 or a.x == 2` tests one related record);
/// deeper paths nest.
pub(super) fn rewrite_paths(resource: &ResourceRef, expr: &Expr) -> Expr {
    if !has_path(expr) {
        return expr.clone();
    }
    if let Some(rel_name) = single_path(expr)
        && let Some(rel) = resource.relationship(&rel_name)
        && let Some(dest) = resource.sibling(&rel.destination)
    {
        let body = inline_calculations(&dest, &rewrite_paths(&dest, &strip_path(expr)));
        return Expr::Exists(rel_name, Box::new(body));
    }
    match expr {
        Expr::Op(op, a, b) => Expr::op(*op, rewrite_paths(resource, a), rewrite_paths(resource, b)),
        Expr::Not(a) => Expr::Not(Box::new(rewrite_paths(resource, a))),
        other => other.clone(),
    }
}

/// Replaces references to `resource`'s calculations by their expressions (inside an `Exists`
/// the plan's calculation table, which is about the main resource, does not apply).
fn inline_calculations(resource: &ResourceRef, expr: &Expr) -> Expr {
    match expr {
        Expr::Calc(name) => match expr::calculation_expr(resource, name) {
            Ok(body) => inline_calculations(resource, &body),
            Err(_) => expr.clone(),
        },
        other => infallible(other.try_map_children(&mut |e| Ok(inline_calculations(resource, e)))),
    }
}

/// Runs a query: its errors, or its records with everything asked for loaded.
pub fn run(db: &mut Database, q: &AshQuery) -> Result<Vec<Record>, ReadError> {
    let set = read_set(db, q)?;
    let mut records: Vec<Record> = (0..set.len()).map(|row| set.record(row)).collect();
    drop(set);
    load_relationships(db, &mut records, &q.load)?;
    Ok(records)
}

/// Runs a query into the list `read` returns. Unless relationships are loaded onto the records
/// after the statement, the list keeps them column by column and builds each record when it
/// is touched: a million tickets fit in ~70 MB.
pub fn run_list(db: &mut Database, q: &AshQuery) -> Result<List, ReadError> {
    let attaches = q
        .load
        .iter()
        .any(|item| matches!(item, LoadItem::Relationship { .. }));
    if attaches {
        let records = run(db, q)?;
        return Ok(List::new(
            records.into_iter().map(|r| Value::Record(Rc::new(r))).collect(),
        ));
    }
    Ok(List::records(read_set(db, q)?))
}

fn key_text(value: &Value) -> Option<String> {
    match value {
        Value::Str(s) => Some(s.to_string()),
        Value::Nil => None,
        other => Some(errors::to_text(other)),
    }
}

/// The source keys of a relationship over some records (distinct, in order).
fn source_keys(records: &[Record], attribute: &str) -> Vec<Value> {
    let mut seen: HashSet<String> = HashSet::with_capacity(records.len());
    let mut keys: Vec<Value> = Vec::new();
    for r in records {
        if let Some(v) = r.attribute(attribute)
            && let Some(k) = key_text(v)
            && seen.insert(k)
        {
            keys.push(v.clone());
        }
    }
    keys
}

/// `attribute in [keys]`, the keys as literals of their own types (uuids and strings as
/// text, integer keys as integers).
fn keys_in(attribute: &str, keys: &[Value]) -> Expr {
    Expr::op(
        Op::In,
        Expr::Attr(attribute.to_string()),
        Expr::Lit(Lit::List(keys.iter().filter_map(super::key::lit_of).collect())),
    )
}

/// Loads relationships (and what is nested under them) for all `records` at once: one
/// statement per relationship.
pub fn load_relationships(
    db: &mut Database,
    records: &mut [Record],
    items: &[LoadItem],
) -> Result<(), ReadError> {
    let Some(first) = records.first() else {
        return Ok(());
    };
    let resource = first.resource.clone();
    for item in items {
        let LoadItem::Relationship { name, nested } = item else {
            continue;
        };
        let Some(index) = resource.relationships.iter().position(|r| r.name == *name) else {
            continue;
        };
        let rel = &resource.relationships[index];
        let Some(dest) = resource.sibling(&rel.destination) else {
            continue;
        };
        let keys = source_keys(records, &rel.source_attribute);
        // Source key → the join rows' destination keys (many_to_many: one more statement).
        let mut through_keys: Option<HashMap<String, Vec<String>>> = None;
        let mut wanted = keys;
        if let Some(through) = &rel.through
            && let Some(join) = resource.sibling(&through.resource)
        {
            let mut pairs: HashMap<String, Vec<String>> = HashMap::new();
            let mut dest_keys = Vec::new();
            if !wanted.is_empty() {
                let mut sub = AshQuery::new(&join);
                sub.filter = Some(keys_in(&through.source_attribute_on_join_resource, &wanted));
                for row in run(db, &sub)? {
                    let from = row
                        .attribute(&through.source_attribute_on_join_resource)
                        .and_then(key_text);
                    let to = row.attribute(&through.destination_attribute_on_join_resource);
                    if let (Some(from), Some(to)) = (from, to)
                        && let Some(text) = key_text(to)
                    {
                        pairs.entry(from).or_default().push(text);
                        dest_keys.push(to.clone());
                    }
                }
            }
            through_keys = Some(pairs);
            wanted = dest_keys;
        }
        let related = if wanted.is_empty() {
            Vec::new()
        } else {
            let mut sub = AshQuery::new(&dest);
            sub.filter = Some(keys_in(&rel.destination_attribute, &wanted));
            // The relationship's own `filter:` (the destination's base filter comes with the read).
            if let Some(filter) = super::implicit::relationship_filter(rel, &dest)? {
                sub.filter = Some(Expr::and(sub.filter.take(), filter));
            }
            // The relationship's `sort:`, the order each record's list keeps.
            sub.sort = super::implicit::relationship_sort(rel, &dest)?;
            super::query::apply_load(&mut sub, nested);
            run(db, &sub)?
        };
        let mut by_key: HashMap<String, Vec<Value>> = HashMap::new();
        // Where each destination came in the read, so a many_to_many's list keeps its `sort:`.
        let mut rank: HashMap<String, usize> = HashMap::new();
        for (at, r) in related.into_iter().enumerate() {
            if let Some(k) = r.attribute(&rel.destination_attribute).and_then(key_text) {
                rank.entry(k.clone()).or_insert(at);
                by_key.entry(k).or_default().push(Value::Record(Rc::new(r)));
            }
        }
        for r in records.iter_mut() {
            let source = r.attribute(&rel.source_attribute).and_then(key_text);
            let found: Vec<Value> = match (&through_keys, source) {
                (Some(pairs), Some(k)) => {
                    let mut to: Vec<&String> =
                        pairs.get(&k).map(|to| to.iter().collect()).unwrap_or_default();
                    if !rel.sort.is_empty() {
                        to.sort_by_key(|t| rank.get(*t).copied().unwrap_or(usize::MAX));
                    }
                    to.into_iter()
                        .filter_map(|t| by_key.get(t))
                        .flatten()
                        .cloned()
                        .collect()
                }
                (None, Some(k)) => by_key.get(&k).cloned().unwrap_or_default(),
                (_, None) => Vec::new(),
            };
            r.relationships[index] = Some(if rel.kind.is_many() {
                Value::list(found)
            } else {
                found.into_iter().next().unwrap_or(Value::Nil)
            });
        }
    }
    Ok(())
}

/// `load(records, items)` on records already read: one statement for the aggregates and
/// calculations of all records (by id), then one per relationship.
pub fn load_into(db: &mut Database, records: &mut [Record], items: &[LoadItem]) -> Result<(), ReadError> {
    let Some(first) = records.first() else {
        return Ok(());
    };
    let resource = &first.resource;
    let computed: Vec<&LoadItem> = items
        .iter()
        .filter(|i| !matches!(i, LoadItem::Relationship { .. }))
        .collect();
    if !computed.is_empty() {
        let pk: Vec<usize> = resource
            .primary_key_attributes()
            .filter_map(|a| resource.attribute_index(&a.name))
            .collect();
        if pk.is_empty() {
            // No key to find the records again by (a view): nothing to compute onto them.
            return load_relationships(db, records, items);
        }
        // A record's key as one text (the key attributes' texts joined for a composite key).
        let text_of = |value_at: &dyn Fn(usize) -> Value| -> Option<String> {
            if let [one] = pk.as_slice() {
                return key_text(&value_at(*one));
            }
            let parts: Option<Vec<String>> = pk.iter().map(|&i| key_text(&value_at(i))).collect();
            parts.map(|p| p.join("\u{1f}"))
        };
        let attribute_at = |r: &Record, a: usize| r.attributes.get(a).cloned().unwrap_or(Value::Nil);
        // Where each key is among the records (a list may hold a record twice), and the
        // records whose keys to read, in order.
        let mut places: HashMap<String, Vec<usize>> = HashMap::with_capacity(records.len());
        let mut firsts: Vec<usize> = Vec::with_capacity(records.len());
        for (i, r) in records.iter().enumerate() {
            if let Some(id) = text_of(&|a| attribute_at(r, a)) {
                places
                    .entry(id)
                    .or_insert_with(|| {
                        firsts.push(i);
                        Vec::new()
                    })
                    .push(i);
            }
        }
        let mut q = AshQuery::new(resource);
        q.filter = match pk.as_slice() {
            [one] => {
                let ids: Vec<Value> = firsts.iter().map(|&i| attribute_at(&records[i], *one)).collect();
                Some(keys_in(&resource.attributes[*one].name, &ids))
            }
            // A composite key: `(a = 1 AND b = 2) OR …`.
            _ => firsts
                .iter()
                .filter_map(|&i| {
                    super::key::record_key(&records[i])
                        .as_deref()
                        .and_then(super::key::key_filter)
                })
                .reduce(|a, b| Expr::op(Op::Or, a, b)),
        };
        let owned: Vec<LoadItem> = computed.into_iter().cloned().collect();
        super::query::apply_load(&mut q, &owned);
        if !firsts.is_empty() {
            // The fresh values go straight from the read's columns into the records.
            let fresh = read_set(db, &q)?;
            for row in 0..fresh.len() {
                let Some(found) = text_of(&|a| fresh.attribute(row, a)).and_then(|id| places.get(&id)) else {
                    continue;
                };
                for (target, value) in fresh.computed(row) {
                    if matches!(target, Target::Aggregate(_) | Target::Calculation(_)) {
                        for &i in found {
                            target.apply(&mut records[i], value.clone());
                        }
                    }
                }
            }
        }
    }
    load_relationships(db, records, items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Row;
    use crate::project::testing::{ticket_resource, user_resource};
    use crate::query::SortOrder;

    #[test]
    fn db_values() {
        let id = uuid::Uuid::from_u128(0x7a3c5f6e_1d2b_4c8a_9e0f_123456789abc);
        let rows: Vec<(DbValue, Type, Value)> = vec![
            (DbValue::Null, Type::String, Value::Nil),
            (
                DbValue::Uuid(id),
                Type::Uuid,
                Value::string("7a3c5f6e-1d2b-4c8a-9e0f-123456789abc"),
            ),
            (
                DbValue::Text("7A3C5F6E-1D2B-4C8A-9E0F-123456789ABC".into()),
                Type::Uuid,
                Value::string("7a3c5f6e-1d2b-4c8a-9e0f-123456789abc"),
            ),
            (
                DbValue::Text("open".into()),
                Type::Atom(vec!["open".to_string()].into()),
                Value::atom("open"),
            ),
            (DbValue::Int(1), Type::Float, Value::Float(1.0)),
            (DbValue::Float(0.5), Type::Float, Value::Float(0.5)),
            (DbValue::Int(3), Type::Integer, Value::Int(3)),
            (DbValue::Int(1), Type::Boolean, Value::Bool(true)),
        ];
        for (db, ty, expected) in rows {
            assert_eq!(from_db(&db, &ty), expected, "{db:?}");
        }
        let back: Vec<(Value, Type, DbValue)> = vec![
            (
                Value::string("7a3c5f6e-1d2b-4c8a-9e0f-123456789abc"),
                Type::Uuid,
                DbValue::Uuid(id),
            ),
            (
                Value::atom("closed"),
                Type::any_atom(),
                DbValue::Text("closed".into()),
            ),
            (Value::Nil, Type::String, DbValue::Null),
            (Value::string("x"), Type::String, DbValue::Text("x".into())),
        ];
        for (v, ty, expected) in back {
            assert_eq!(to_db(&v, &ty), expected);
        }
    }

    fn plan_of(q: &AshQuery) -> (ReadPlan, Vec<Slot>) {
        match build_plan(q) {
            Ok(p) => p,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn plans_carry_loaded_aggregates_and_adhoc_values() {
        let mut q = AshQuery::new(user_resource());
        q.aggregates = vec!["all_assigned_tickets".into()];
        q.sort = vec![(Expr::Attr("name".into()), SortOrder::Asc)];
        q.limit = Some(2);
        q.extra_aggregates = vec![(
            "all_reported_tickets".into(),
            AggregateSpec {
                kind: AggregateKind::Count,
                relationship: "reported_tickets".into(),
                filter: None,
                field: None,
                sort: vec![],
            },
        )];
        q.extra_calculations = vec![(
            "greeting".into(),
            CalcSpec {
                expr: Expr::op(
                    Op::Concat,
                    Expr::Lit(Lit::Str("Hi ".into())),
                    Expr::Attr("name".into()),
                ),
                ty: Type::String,
            },
        )];
        let (plan, slots) = plan_of(&q);
        let columns: Vec<(String, Expr)> = plan
            .columns
            .iter()
            .map(|c| (c.name.clone(), c.expr.clone()))
            .collect();
        assert_eq!(
            columns,
            vec![
                (
                    "a_all_assigned_tickets".to_string(),
                    Expr::Aggregate("all_assigned_tickets".into())
                ),
                (
                    "xa_0".to_string(),
                    Expr::Aggregate("all_reported_tickets__query".into())
                ),
                ("xc_0".to_string(), Expr::Calc("greeting".into())),
            ]
        );
        assert_eq!(slots.len(), 3);
        assert_eq!(plan.limit, Some(2));
        let agg_keys: Vec<&str> = plan.aggregates.iter().map(|(k, _)| k.as_str()).collect();
        assert!(agg_keys.contains(&"all_reported_tickets__query"));
        assert!(agg_keys.contains(&"all_assigned_tickets"));
        let calc_keys: Vec<&str> = plan.calculations.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(calc_keys, vec!["greeting"]);
    }

    #[test]
    fn rows_become_records() {
        let mut q = AshQuery::new(user_resource());
        q.aggregates = vec!["all_assigned_tickets".into()];
        q.select = Some(vec![]);
        let (_, slots) = plan_of(&q);
        let (rows, mut set) = Rows::new(&q, slots);
        let row = Row {
            attributes: vec![
                DbValue::Text("c46d124a-8f29-460c-932f-926569c21e73".into()),
                DbValue::Text("Alice".into()),
            ],
            columns: vec![DbValue::Null],
        };
        rows.push(&mut set, &row.attributes, &row.columns);
        let r = set.record(0);
        assert_eq!(r.id(), &Value::string("c46d124a-8f29-460c-932f-926569c21e73"));
        assert_eq!(r.attribute("name"), Some(&Value::Nil));
        assert_eq!(r.field("all_assigned_tickets"), Some(Value::Int(0)));
        assert_eq!(r.meta, MetaState::Loaded);

        let t = record_from_attributes(
            ticket_resource(),
            &[
                DbValue::Null,
                DbValue::Text("s".into()),
                DbValue::Text("closed".into()),
            ],
        );
        assert_eq!(t.attribute("status"), Some(&Value::atom("closed")));
        assert_eq!(t.attribute("reporter_id"), Some(&Value::Nil));
    }

    #[test]
    fn relationship_key_filter() {
        assert_eq!(
            keys_in("representative_id", &[Value::string("a")]),
            Expr::op(
                Op::In,
                Expr::Attr("representative_id".into()),
                Expr::Lit(Lit::List(vec![Lit::Str("a".into())]))
            )
        );
    }

    #[test]
    fn relationship_paths_become_exists() {
        let eq = |a: &str, v: &str| Expr::op(Op::Eq, Expr::Attr(a.into()), Expr::Lit(Lit::Str(v.into())));
        let exists = |rel: &str, e: Expr| Expr::Exists(rel.into(), Box::new(e));
        let rows: Vec<(&ResourceRef, Expr, Expr)> = vec![
            (
                ticket_resource(),
                eq("representative.name", "Alice"),
                exists("representative", eq("name", "Alice")),
            ),
            (
                ticket_resource(),
                Expr::op(Op::And, eq("status", "open"), eq("representative.name", "B")),
                Expr::op(
                    Op::And,
                    eq("status", "open"),
                    exists("representative", eq("name", "B")),
                ),
            ),
            (
                user_resource(),
                eq("assigned_tickets.reporter.name", "Bob"),
                exists("assigned_tickets", exists("reporter", eq("name", "Bob"))),
            ),
            (ticket_resource(), eq("subject", "x"), eq("subject", "x")),
        ];
        for (resource, input, expected) in rows {
            let rewritten = rewrite_paths(resource, &input);
            assert_eq!(rewritten, expected, "{input:?}");
        }
    }

    #[test]
    fn relationship_paths() {
        let eq = |a: &str, v: &str| Expr::op(Op::Eq, Expr::Attr(a.into()), Expr::Lit(Lit::Str(v.into())));
        let rows: Vec<(Expr, Option<&str>, Expr)> = vec![
            (
                eq("representative.name", "Alice"),
                Some("representative"),
                eq("name", "Alice"),
            ),
            (
                Expr::op(
                    Op::Or,
                    eq("representative.name", "A"),
                    eq("representative.name", "B"),
                ),
                Some("representative"),
                Expr::op(Op::Or, eq("name", "A"), eq("name", "B")),
            ),
            (
                Expr::op(Op::And, eq("status", "open"), eq("representative.name", "B")),
                None,
                Expr::op(Op::And, eq("status", "open"), eq("name", "B")),
            ),
            (eq("subject", "x"), None, eq("subject", "x")),
        ];
        for (input, rel, stripped) in rows {
            assert_eq!(single_path(&input).as_deref(), rel, "{input:?}");
            assert_eq!(strip_path(&input), stripped);
        }
    }

    #[test]
    fn division_by_zero_is_postgrex() {
        let e = crate::eval::errors::from_db(DbError::DivisionByZero);
        assert_eq!(
            (e.module.as_str(), e.message.as_str()),
            (
                "Postgrex.Error",
                "ERROR 22012 (division_by_zero) division by zero"
            )
        );
    }
}

#[cfg(test)]
mod primary_read_tests {
    use super::*;

    /// A read without `for_read` runs the primary read action: its filter is in the plan; with
    /// `for_read` of another action, that action's filter is (in the query) instead.
    #[test]
    fn the_primary_read_actions_filter_applies() {
        let text = r#"defmodule App.Task do
  use Ash.Resource, data_layer: AshPostgres.DataLayer
  postgres do
    table "tasks"
  end
  attributes do
    uuid_primary_key :id
    attribute :done, :boolean
  end
  actions do
    read :pending do
      primary? true
      filter expr(done == false)
    end
    read :all
  end
end
"#;
        let project = crate::project::compile(&[crate::project::SourceFile {
            path: "lib/task.ex".into(),
            text: text.into(),
        }])
        .expect("reads");
        let resource = project.resource("App.Task").expect("the resource");
        let (plan, _) = build_plan(&AshQuery::new(&resource)).expect("a plan");
        assert_eq!(
            plan.filter,
            Some(Expr::op(
                Op::Eq,
                Expr::Attr("done".into()),
                Expr::Lit(Lit::Bool(false))
            ))
        );
        let mut chosen = AshQuery::new(&resource);
        chosen.action = Some("all".into());
        let (plan, _) = build_plan(&chosen).expect("a plan");
        assert_eq!(plan.filter, None);
    }
}
