//! Runtime values: Elixir terms plus the Ash structs the shell manipulates (records, queries,
//! changesets, error structs).
//!
//! Values are immutable and cheap to clone (`Rc` inside). Printing lives in `render`; term
//! ordering and equality (Elixir semantics) live here.

use std::cmp::Ordering;
use std::rc::Rc;

pub mod env;
pub mod list;
pub mod record_set;

use crate::model::{Action, ResourceRef};
use crate::query::{AggregateSpec, CalcSpec, Expr, SortOrder};
use crate::scalar::Scalar;
use crate::syntax::ast;
pub use list::List;

/// An Elixir term.
#[derive(Clone)]
pub enum Value {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Atom(Rc<str>),
    Str(Rc<str>),
    List(List),
    Tuple(Rc<Vec<Value>>),
    Map(Rc<MapValue>),
    /// `first..last//step`
    Range {
        first: i64,
        last: i64,
        step: i64,
    },
    /// A module alias (`Support.Ticket`, `Enum`); in Elixir an atom printed without `:`.
    Module(Rc<str>),
    Fun(Rc<Function>),
    /// An Ash resource record (`#Support.Ticket<...>`).
    Record(Rc<Record>),
    /// `#Ash.Query<...>`
    Query(Rc<AshQuery>),
    /// `#Ash.Changeset<...>`
    Changeset(Rc<Changeset>),
    /// Any other struct (`%Ash.Error.Invalid{...}`, `%Ash.NotLoaded{}`): module + fields in
    /// definition order.
    Struct(Rc<StructValue>),
    /// `#Ash.NotLoaded<:aggregate>` etc.
    NotLoaded(NotLoadedKind),
    /// A value printed verbatim, e.g. `#Stacktrace<>`.
    Opaque(Rc<str>),
    /// A quoted Ash expression (`expr(name <> "-")`), references not yet resolved.
    AshExpr(Rc<Expr>),
    /// `~U[…]`, `~D[…]`, `#Decimal<…>`, `#Ash.CiString<…>`: the struct-valued scalars.
    Scalar(Rc<Scalar>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotLoadedKind {
    Relationship,
    Aggregate,
    Calculation,
}

impl NotLoadedKind {
    pub fn name(self) -> &'static str {
        match self {
            NotLoadedKind::Relationship => "relationship",
            NotLoadedKind::Aggregate => "aggregate",
            NotLoadedKind::Calculation => "calculation",
        }
    }
}

/// A map; entries kept sorted by Elixir term order of the keys (that is also how iex prints
/// maps with up to 32 keys).
#[derive(Clone, Default)]
pub struct MapValue {
    pub entries: Vec<(Value, Value)>,
}

impl MapValue {
    pub fn from_entries(entries: impl IntoIterator<Item = (Value, Value)>) -> Self {
        let mut map = MapValue::default();
        for (key, value) in entries {
            map.insert(key, value);
        }
        map
    }

    pub fn get(&self, key: &Value) -> Option<&Value> {
        self.entries
            .binary_search_by(|(k, _)| k.term_cmp(key))
            .ok()
            .map(|i| &self.entries[i].1)
    }

    pub fn insert(&mut self, key: Value, value: Value) {
        match self.entries.binary_search_by(|(k, _)| k.term_cmp(&key)) {
            Ok(i) => self.entries[i].1 = value,
            Err(i) => self.entries.insert(i, (key, value)),
        }
    }

    pub fn remove(&mut self, key: &Value) -> Option<Value> {
        match self.entries.binary_search_by(|(k, _)| k.term_cmp(key)) {
            Ok(i) => Some(self.entries.remove(i).1),
            Err(_) => None,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// A generic struct: `%Module{field: value, ...}` with fields in definition order.
#[derive(Clone)]
pub struct StructValue {
    pub module: String,
    pub fields: Vec<(String, Value)>,
}

impl StructValue {
    pub fn get(&self, field: &str) -> Option<&Value> {
        self.fields.iter().find(|(name, _)| name == field).map(|(_, v)| v)
    }
}

/// An anonymous function: its clauses and the variables it closed over, or a captured named
/// function (`&String.upcase/1`).
pub enum Function {
    Closure {
        clauses: Rc<Vec<ast::Clause>>,
        env: env::Env,
        source: Rc<str>,
    },
    Named {
        module: Option<String>,
        name: String,
        arity: usize,
    },
}

impl Function {
    pub fn arity(&self) -> usize {
        match self {
            Function::Closure { clauses, .. } => clauses.first().map_or(0, |c| c.patterns.len()),
            Function::Named { arity, .. } => *arity,
        }
    }
}

/// Ecto's `__meta__` state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaState {
    /// Not yet persisted (a changeset's `data` on create).
    Built,
    /// Read from or written to the database.
    Loaded,
    /// Destroyed.
    Deleted,
}

/// An Ash record. Field vectors are indexed like the resource's definition tables.
#[derive(Clone)]
pub struct Record {
    pub resource: ResourceRef,
    pub meta: MetaState,
    /// Attribute values, indexed like `resource.attributes`.
    pub attributes: Vec<Value>,
    /// Loaded relationships (None = not loaded), indexed like `resource.relationships`.
    /// A belongs_to holds a record or nil; a has_many holds a list.
    pub relationships: Vec<Option<Value>>,
    /// Loaded aggregates (None = not loaded), indexed like `resource.aggregates`.
    pub aggregates: Vec<Option<Value>>,
    /// Loaded calculations (None = not loaded), indexed like `resource.calculations`.
    pub calculations: Vec<Option<Value>>,
    /// Ad-hoc aggregates of the query (`record.aggregates`), printed as a map.
    pub extra_aggregates: MapValue,
    /// Ad-hoc calculations of the query (`record.calculations`), printed as a map.
    pub extra_calculations: MapValue,
}

impl Record {
    /// A record with every attribute nil and nothing loaded.
    pub fn empty(resource: &ResourceRef, meta: MetaState) -> Self {
        Self {
            resource: resource.clone(),
            meta,
            attributes: vec![Value::Nil; resource.attributes.len()],
            relationships: vec![None; resource.relationships.len()],
            aggregates: vec![None; resource.aggregates.len()],
            calculations: vec![None; resource.calculations.len()],
            extra_aggregates: MapValue::default(),
            extra_calculations: MapValue::default(),
        }
    }

    /// The record as a struct of `resource`'s current definition (after `recompile()`, as
    /// Elixir looks a struct's module up at call time): attributes copied by name, nothing
    /// loaded. The record itself when it already is one.
    pub fn rehomed(self: &Rc<Self>, resource: &ResourceRef) -> Rc<Record> {
        if Rc::ptr_eq(self.resource.project(), resource.project()) {
            return Rc::clone(self);
        }
        let mut fresh = Record::empty(resource, self.meta);
        for (i, attribute) in resource.attributes.iter().enumerate() {
            if let Some(value) = self.attribute(&attribute.name) {
                fresh.attributes[i] = value.clone();
            }
        }
        Rc::new(fresh)
    }

    pub fn attribute(&self, name: &str) -> Option<&Value> {
        self.resource.attribute_index(name).map(|i| &self.attributes[i])
    }

    /// The primary key value (the `id` string).
    pub fn id(&self) -> &Value {
        self.attribute(&self.resource.primary_key().name)
            .unwrap_or(&Value::Nil)
    }

    /// Field access as `record.field` does it in Elixir: attributes, loaded (or NotLoaded)
    /// relationships, aggregates, calculations, and the `aggregates`/`calculations` maps.
    pub fn field(&self, name: &str) -> Option<Value> {
        let resource = &self.resource;
        if let Some(i) = resource.attribute_index(name) {
            return Some(self.attributes[i].clone());
        }
        if let Some(i) = resource.relationships.iter().position(|r| r.name == name) {
            return Some(
                self.relationships[i]
                    .clone()
                    .unwrap_or(Value::NotLoaded(NotLoadedKind::Relationship)),
            );
        }
        if let Some(i) = resource.aggregates.iter().position(|a| a.name == name) {
            return Some(
                self.aggregates[i]
                    .clone()
                    .unwrap_or(Value::NotLoaded(NotLoadedKind::Aggregate)),
            );
        }
        if let Some(i) = resource.calculations.iter().position(|c| c.name == name) {
            return Some(
                self.calculations[i]
                    .clone()
                    .unwrap_or(Value::NotLoaded(NotLoadedKind::Calculation)),
            );
        }
        match name {
            "aggregates" => Some(Value::Map(Rc::new(self.extra_aggregates.clone()))),
            "calculations" => Some(Value::Map(Rc::new(self.extra_calculations.clone()))),
            "__order__" => Some(Value::Nil),
            _ => None,
        }
    }
}

/// What `Ash.Query.load` asked for, in the order given.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadItem {
    /// A relationship, with nested loads on the related records (`assigned_tickets: [:reporter]`).
    Relationship {
        name: String,
        nested: Vec<LoadItem>,
    },
    Aggregate(String),
    Calculation(String),
}

/// `#Ash.Query<...>`: a read being built. Nothing runs until `read`/`read!`.
#[derive(Clone)]
pub struct AshQuery {
    pub resource: ResourceRef,
    pub filter: Option<Expr>,
    /// Sort keys: an attribute, aggregate or calculation reference, with its order.
    pub sort: Vec<(Expr, SortOrder)>,
    /// Sort entries that failed validation, as typed (`{:subject, :sideways}`): Ash keeps
    /// them in `sort` (after the valid ones) next to the error, and prints them.
    pub unchecked_sort: Vec<Value>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
    /// Relationship loads (printed as `load: [representative: []]`).
    pub load: Vec<LoadItem>,
    /// Resource aggregates to load, in the order they were asked for (by a load, a filter or a
    /// sort; Ash 2.4 loads the aggregates a filter or sort touches).
    pub aggregates: Vec<String>,
    /// Resource calculations to load.
    pub calculations: Vec<String>,
    /// Ad-hoc `Ash.Query.aggregate`s (values land in `record.aggregates`).
    pub extra_aggregates: Vec<(String, AggregateSpec)>,
    /// Ad-hoc `Ash.Query.calculate`s (values land in `record.calculations`).
    pub extra_calculations: Vec<(String, CalcSpec)>,
    /// `Ash.Query.select`: attributes to read (others come back nil); None = all.
    pub select: Option<Vec<String>>,
    /// Errors collected while building (raised by `read!`, returned by `read`).
    pub errors: Vec<Value>,
    /// The read action chosen with `for_read` (its filter is already in `filter`); None runs
    /// the primary read action, whose filter the read adds.
    pub action: Option<String>,
}

impl AshQuery {
    pub fn new(resource: &ResourceRef) -> Self {
        Self {
            resource: resource.clone(),
            filter: None,
            sort: Vec::new(),
            unchecked_sort: Vec::new(),
            limit: None,
            offset: None,
            load: Vec::new(),
            aggregates: Vec::new(),
            calculations: Vec::new(),
            extra_aggregates: Vec::new(),
            extra_calculations: Vec::new(),
            select: None,
            errors: Vec::new(),
            action: None,
        }
    }
}

/// `#Ash.Changeset<...>`: an action about to run on a resource or record.
#[derive(Clone)]
pub struct Changeset {
    pub resource: ResourceRef,
    /// The action, as an index into `resource.actions` (see `action()`).
    pub action_index: usize,
    /// The record being changed (a `Built` empty record for creates).
    pub data: Rc<Record>,
    /// Attribute changes (cast values), printed as a map.
    pub attributes: MapValue,
    /// Action arguments (cast values), printed as a map.
    pub arguments: MapValue,
    /// Relationship changes (`Relate` changes), printed as Ash does.
    pub relationships: MapValue,
    /// Validation errors (error structs); a changeset with errors is `valid?: false`.
    pub errors: Vec<Value>,
    /// The Api that ran the action, set on a changeset returned after an action-time failure
    /// (a related record not found, a foreign key): Ash then prints `api:` and the action's
    /// `context:`, and keeps `valid?: true` because validation had passed.
    pub api: Option<Rc<str>>,
}

impl Changeset {
    /// The action this changeset runs.
    pub fn action(&self) -> &Action {
        &self.resource.actions[self.action_index]
    }
}

impl Value {
    pub fn atom(name: &str) -> Value {
        Value::Atom(Rc::from(name))
    }

    pub fn string(text: impl Into<Rc<str>>) -> Value {
        Value::Str(text.into())
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(List::new(items))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(items))
    }

    pub fn ok(value: Value) -> Value {
        Value::tuple(vec![Value::atom("ok"), value])
    }

    pub fn error(value: Value) -> Value {
        Value::tuple(vec![Value::atom("error"), value])
    }

    /// A keyword list `[key: value, ...]`.
    pub fn keyword(entries: Vec<(&str, Value)>) -> Value {
        Value::list(
            entries
                .into_iter()
                .map(|(k, v)| Value::tuple(vec![Value::atom(k), v]))
                .collect(),
        )
    }

    pub fn is_truthy(&self) -> bool {
        !matches!(self, Value::Nil | Value::Bool(false))
    }

    /// The Elixir type name used in error messages and term ordering.
    pub fn type_rank(&self) -> u8 {
        // number < atom < reference < function < port < pid < tuple < map < list < bitstring
        match self {
            Value::Int(_) | Value::Float(_) => 0,
            Value::Nil | Value::Bool(_) | Value::Atom(_) | Value::Module(_) => 1,
            Value::Fun(_) => 3,
            Value::Tuple(_) => 6,
            Value::Map(_)
            | Value::Range { .. }
            | Value::Record(_)
            | Value::Query(_)
            | Value::Changeset(_)
            | Value::Struct(_)
            | Value::NotLoaded(_)
            | Value::Opaque(_)
            | Value::AshExpr(_)
            | Value::Scalar(_) => 7,
            Value::List(_) => 8,
            Value::Str(_) => 9,
        }
    }

    /// The atom name of atom-like values (`nil`, `true`, `:ok`, module aliases as
    /// `Elixir.Mod`).
    pub fn atom_name(&self) -> Option<std::borrow::Cow<'_, str>> {
        match self {
            Value::Nil => Some("nil".into()),
            Value::Bool(true) => Some("true".into()),
            Value::Bool(false) => Some("false".into()),
            Value::Atom(a) => Some(a.as_ref().into()),
            Value::Module(m) => Some(format!("Elixir.{m}").into()),
            _ => None,
        }
    }

    /// Elixir term ordering (`<`, `>`, `Enum.sort`): numbers compare by value across int/float.
    pub fn term_cmp(&self, other: &Value) -> Ordering {
        let (ra, rb) = (self.type_rank(), other.type_rank());
        if ra != rb {
            return ra.cmp(&rb);
        }
        match (self, other) {
            (Value::Int(a), Value::Int(b)) => a.cmp(b),
            (Value::Int(a), Value::Float(b)) => (*a as f64).partial_cmp(b).unwrap_or(Ordering::Equal),
            (Value::Float(a), Value::Int(b)) => a.partial_cmp(&(*b as f64)).unwrap_or(Ordering::Equal),
            (Value::Float(a), Value::Float(b)) => a.partial_cmp(b).unwrap_or(Ordering::Equal),
            (Value::Str(a), Value::Str(b)) => a.as_bytes().cmp(b.as_bytes()),
            (Value::List(a), Value::List(b)) => match (a.as_slice(), b.as_slice()) {
                (Some(a), Some(b)) => cmp_seq(a, b),
                _ => cmp_iter(a.iter(), b.iter()),
            },
            (Value::Tuple(a), Value::Tuple(b)) => a.len().cmp(&b.len()).then_with(|| cmp_seq(a, b)),
            (Value::Scalar(a), Value::Scalar(b)) => scalar_cmp(a, b),
            (Value::Map(a), Value::Map(b)) => a.len().cmp(&b.len()).then_with(|| {
                for ((ka, va), (kb, vb)) in a.entries.iter().zip(b.entries.iter()) {
                    let o = ka.term_cmp(kb).then_with(|| va.term_cmp(vb));
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                Ordering::Equal
            }),
            _ => match (self.atom_name(), other.atom_name()) {
                (Some(a), Some(b)) => a.cmp(&b),
                _ => self.identity_key().cmp(&other.identity_key()),
            },
        }
    }

    /// Strict equality (`===`): like `==` but `1 !== 1.0`.
    pub fn strict_eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Int(_), Value::Float(_)) | (Value::Float(_), Value::Int(_)) => false,
            _ => self.loose_eq(other),
        }
    }

    /// `==`: structural equality, numbers compare by value (`1 == 1.0`).
    pub fn loose_eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Record(a), Value::Record(b)) => {
                a.resource == b.resource
                    && a.meta == b.meta
                    && a.attributes.len() == b.attributes.len()
                    && a.attributes
                        .iter()
                        .zip(&b.attributes)
                        .all(|(x, y)| x.strict_eq(y))
                    && opt_eq(&a.relationships, &b.relationships)
                    && opt_eq(&a.aggregates, &b.aggregates)
                    && opt_eq(&a.calculations, &b.calculations)
            }
            (Value::List(a), Value::List(b)) => {
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.loose_eq(&y))
            }
            (Value::Tuple(a), Value::Tuple(b)) => {
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.loose_eq(y))
            }
            (Value::Map(a), Value::Map(b)) => {
                a.len() == b.len()
                    && a.entries
                        .iter()
                        .zip(&b.entries)
                        .all(|((ka, va), (kb, vb))| ka.strict_eq(kb) && va.loose_eq(vb))
            }
            (Value::Struct(a), Value::Struct(b)) => {
                a.module == b.module
                    && a.fields.len() == b.fields.len()
                    && a.fields
                        .iter()
                        .zip(&b.fields)
                        .all(|((ka, va), (kb, vb))| ka == kb && va.loose_eq(vb))
            }
            (Value::Fun(a), Value::Fun(b)) => Rc::ptr_eq(a, b),
            (Value::Query(a), Value::Query(b)) => Rc::ptr_eq(a, b),
            (Value::Changeset(a), Value::Changeset(b)) => Rc::ptr_eq(a, b),
            _ => self.term_cmp(other) == Ordering::Equal && self.type_rank() == other.type_rank(),
        }
    }

    /// A stable ordering key for values without a natural order among their kind.
    /// A scalar value.
    pub fn scalar(scalar: Scalar) -> Value {
        Value::Scalar(Rc::new(scalar))
    }

    fn identity_key(&self) -> (u8, String) {
        match self {
            Value::Range { first, last, step } => (0, format!("{first}..{last}//{step}")),
            Value::Record(r) => (1, format!("{}{:?}", r.resource.name, r.id())),
            Value::Struct(s) => (2, s.module.clone()),
            Value::NotLoaded(k) => (3, k.name().to_string()),
            Value::Opaque(s) => (4, s.to_string()),
            Value::Fun(f) => (5, format!("{:p}", Rc::as_ptr(f))),
            Value::Query(q) => (6, format!("{:p}", Rc::as_ptr(q))),
            Value::Changeset(c) => (7, format!("{:p}", Rc::as_ptr(c))),
            _ => (8, String::new()),
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

fn cmp_seq(a: &[Value], b: &[Value]) -> Ordering {
    for (x, y) in a.iter().zip(b.iter()) {
        let o = x.term_cmp(y);
        if o != Ordering::Equal {
            return o;
        }
    }
    a.len().cmp(&b.len())
}

/// `cmp_seq` over items that are built as they are reached (a compact list).
fn cmp_iter(mut a: impl Iterator<Item = Value>, mut b: impl Iterator<Item = Value>) -> Ordering {
    loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) => {
                let o = x.term_cmp(&y);
                if o != Ordering::Equal {
                    return o;
                }
            }
            (Some(_), None) => return Ordering::Greater,
            (None, Some(_)) => return Ordering::Less,
            (None, None) => return Ordering::Equal,
        }
    }
}

fn opt_eq(a: &[Option<Value>], b: &[Option<Value>]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| match (x, y) {
            (None, None) => true,
            (Some(x), Some(y)) => x.loose_eq(y),
            _ => false,
        })
}

impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        self.strict_eq(other)
    }
}

/// Elixir's term order of two scalar structs: by map size (a CiString has 3 keys, a Decimal 4,
/// Date 5, Time 6, NaiveDateTime 9, DateTime 13), then field by field.
fn scalar_cmp(a: &Scalar, b: &Scalar) -> Ordering {
    let size = |s: &Scalar| match s {
        Scalar::CiString(_) => 3,
        Scalar::Decimal(_) => 4,
        Scalar::Cal(c) => match c {
            crate::scalar::Calendar::Date(_) => 5,
            crate::scalar::Calendar::Time(..) => 6,
            crate::scalar::Calendar::Naive(..) => 9,
            crate::scalar::Calendar::Utc(..) => 13,
        },
    };
    size(a).cmp(&size(b)).then_with(|| match (a, b) {
        (Scalar::Cal(x), Scalar::Cal(y)) => x.term_cmp(y),
        (Scalar::Decimal(x), Scalar::Decimal(y)) => x.term_cmp(y),
        (Scalar::CiString(x), Scalar::CiString(y)) => x.as_bytes().cmp(y.as_bytes()),
        _ => Ordering::Equal,
    })
}
