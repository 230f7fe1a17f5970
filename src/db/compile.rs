//! Compiles a `query::ReadPlan` into ONE SQL statement for either backend.
//!
//! Shape: `SELECT <attributes>, <columns> FROM <table> AS s WHERE … ORDER BY … LIMIT … OFFSET …`.
//! When aggregates are used, the table is replaced by a fenced subquery
//! (`(SELECT s.*, (SELECT COUNT(*) …) AS "agg_0" … OFFSET 0) AS s`) so each aggregate runs once
//! per row however often the filter, sort and columns mention it; filter terms that use no
//! aggregate and cannot raise are pushed inside it. Aggregates over one relationship are
//! computed by one grouped pass (`LEFT JOIN (SELECT key, COUNT(*) … GROUP BY key)`),
//! restricted to the keys the inner filter keeps; a `:list` aggregate is a JSON array there
//! (`json_agg`, `json_group_array`). Calculations are inlined. Every literal is bound; an `in`
//! list of more than 64 items is bound as one array value. It does not run the statement (see
//! `sql.rs`) nor decide result types beyond SQL casts.

use crate::model::{Resource, Type};
use crate::query::{AggregateKind, AggregateSpec, CalcSpec, Expr, Lit, Op, ReadPlan, SortOrder};

use super::sql::{Bind, NullKind, Statement, pg_array_literal, sent_as_text, uuid_literal};
use super::sqlite_functions;
use super::{Backend, DbError};
use crate::scalar::{Calendar, Decimal, Scalar};

/// Inner filter terms with more literal values than this are not repeated inside the grouped
/// aggregate passes. The repeated terms make the pass probe every related row against the
/// kept keys, which pays only while few source rows are kept: on PostgreSQL with 1,000 users
/// and 100,000 tickets, a `load!` of three counts on 250 users took 16 ms restricted and 21 ms
/// not, on 500 users 32 against 23 ms, on all 1,000 users 60 against 41 ms (a list that long
/// usually is most of a table: what `read!` returned). Each copy also binds them again.
const MAX_RESTRICT_LITERALS: usize = 250;

/// How many values the literals of `terms` bind.
fn literal_count(terms: &[Expr]) -> usize {
    let mut n = 0;
    for term in terms {
        term.walk(&mut |e| {
            if let Expr::Lit(lit) = e {
                n += match lit {
                    Lit::List(items) => items.len(),
                    _ => 1,
                };
            }
        });
    }
    n
}

/// An `in` list longer than this is bound as ONE value (a PostgreSQL array, a JSON array
/// for SQLite) instead of a parameter per item: PostgreSQL plans 10,000 parameters in about
/// 100 ms where it unpacks one array in 10, and SQLite refuses more than 32,766 parameters.
/// Shorter lists keep their parameters, which the planners estimate exactly.
const MAX_IN_PARAMETERS: usize = 64;

/// The PostgreSQL element type of an `in` list bound as one array: lists of strings, atoms
/// and nils compared with a text-like or uuid column. Other lists keep one parameter per item.
fn array_type(ty: Option<Type>, items: &[Lit]) -> Option<&'static str> {
    let element = match ty {
        Some(Type::Uuid) => "uuid",
        Some(Type::String | Type::Atom(_)) => "text",
        _ => return None,
    };
    items
        .iter()
        .all(|item| matches!(item, Lit::Str(_) | Lit::Atom(_) | Lit::Nil))
        .then_some(element)
}

/// The text of an array item as `lit` would bind it (uuids checked, in canonical form), or
/// None for nil.
fn array_item(item: &Lit, ty: Option<Type>) -> Result<Option<String>, DbError> {
    match item {
        Lit::Str(s) | Lit::Atom(s) if ty == Some(Type::Uuid) => {
            Ok(Some(uuid_literal(s)?.hyphenated().to_string()))
        }
        Lit::Str(s) | Lit::Atom(s) => Ok(Some(s.clone())),
        _ => Ok(None),
    }
}

/// A PostgreSQL array literal of `items`: `{"a","b",NULL}`.
fn pg_array(items: &[Lit], ty: Option<Type>) -> Result<String, DbError> {
    let texts = items
        .iter()
        .map(|item| array_item(item, ty.clone()))
        .collect::<Result<Vec<_>, DbError>>()?;
    Ok(pg_array_literal(texts.into_iter()))
}

/// A JSON array of `items` for SQLite's `json_each`: `["a","b",null]`.
fn json_array(items: &[Lit], ty: Option<Type>) -> Result<String, DbError> {
    let values = items
        .iter()
        .map(|item| {
            Ok(array_item(item, ty.clone())?.map_or(serde_json::Value::Null, serde_json::Value::String))
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    Ok(serde_json::Value::Array(values).to_string())
}

/// How deep calculations may refer to calculations before we call it a cycle.
const MAX_CALC_DEPTH: usize = 16;

/// Table aliases of nested relationship paths (`EXISTS (SELECT 1 FROM "users" AS p0 …)`).
const PATH_ALIASES: [&str; 8] = ["p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7"];
/// Aliases of the join resource of a many_to_many path, one per nesting level.
const JOIN_ALIASES: [&str; 8] = ["j0", "j1", "j2", "j3", "j4", "j5", "j6", "j7"];

fn err(message: impl Into<String>) -> DbError {
    DbError::Other(message.into())
}

/// Which rows an expression is about: the read resource (alias `s`, aggregates allowed) or the
/// destination of an aggregate (alias `r`, no aggregates).
#[derive(Clone, Copy)]
struct Scope<'p> {
    resource: &'p Resource,
    alias: &'static str,
    main: bool,
}

pub(crate) struct Compiler<'p> {
    plan: &'p ReadPlan,
    backend: Backend,
    /// Aggregates the statement uses, in first-use order; column `agg_<index>` of the subquery.
    used: Vec<(String, AggregateSpec)>,
    depth: usize,
    /// How many relationship paths (`Expr::Exists`) enclose the expression being emitted.
    path_depth: usize,
}

/// The compiled statement and the types of its result columns, in order.
pub(crate) struct Compiled {
    pub(crate) statement: Statement,
    pub(crate) types: Vec<Type>,
}

pub(crate) fn compile_read(plan: &ReadPlan, backend: Backend) -> Result<Compiled, DbError> {
    Compiler {
        plan,
        backend,
        used: Vec::new(),
        depth: 0,
        path_depth: 0,
    }
    .read()
}

/// A resource of the plan's project, borrowed for as long as the plan.
fn resolve_resource<'p>(plan: &'p ReadPlan, name: &str) -> Result<&'p Resource, DbError> {
    plan.resource
        .project()
        .resources
        .iter()
        .find(|r| r.name == name)
        .ok_or_else(|| err(format!("unknown resource {name}")))
}

impl<'p> Compiler<'p> {
    fn main_scope(&self) -> Scope<'p> {
        Scope {
            resource: &self.plan.resource,
            alias: "s",
            main: true,
        }
    }

    // ---- resolution -------------------------------------------------------------------------

    fn aggregate(&self, name: &str) -> Result<AggregateSpec, DbError> {
        if let Some((_, spec)) = self.plan.aggregates.iter().find(|(n, _)| n == name) {
            return Ok(spec.clone());
        }
        Err(err(format!(
            "aggregate {name} of {} is not declared in the read plan",
            self.plan.resource.name
        )))
    }

    fn calculation(&self, name: &str, scope: Scope<'p>) -> Result<CalcSpec, DbError> {
        if scope.main
            && let Some((_, spec)) = self.plan.calculations.iter().find(|(n, _)| n == name)
        {
            return Ok(spec.clone());
        }
        Err(err(format!(
            "calculation {name} of {} is not declared in the read plan",
            scope.resource.name
        )))
    }

    fn enter(&mut self) -> Result<(), DbError> {
        self.depth += 1;
        if self.depth > MAX_CALC_DEPTH {
            return Err(err("calculations refer to each other in a cycle"));
        }
        Ok(())
    }

    /// Calls `visit` on every node of `e`, looking through calculations.
    fn visit(&mut self, e: &Expr, scope: Scope<'p>, visit: &mut dyn FnMut(&Expr)) -> Result<(), DbError> {
        let mut calcs = Vec::new();
        e.walk(&mut |node| {
            visit(node);
            if let Expr::Calc(name) = node {
                calcs.push(name.clone());
            }
        });
        for name in calcs {
            let spec = self.calculation(&name, scope)?;
            self.enter()?;
            let result = self.visit(&spec.expr, scope, visit);
            self.depth -= 1;
            result?;
        }
        Ok(())
    }

    fn uses_aggregates(&mut self, e: &Expr, scope: Scope<'p>) -> Result<bool, DbError> {
        let mut found = false;
        self.visit(e, scope, &mut |n| found |= matches!(n, Expr::Aggregate(_)))?;
        Ok(found)
    }

    /// True when evaluating `e` can raise (a division, also inside a relationship path).
    fn may_raise(&mut self, e: &Expr, scope: Scope<'p>) -> Result<bool, DbError> {
        fn divides(e: &Expr) -> bool {
            let mut found = false;
            e.walk(&mut |n| match n {
                Expr::Op(Op::Div, _, _) => found = true,
                Expr::Exists(_, inner) => found |= divides(inner),
                _ => {}
            });
            found
        }
        let mut found = false;
        self.visit(e, scope, &mut |n| found |= divides(n))?;
        Ok(found)
    }

    /// Records the aggregates `e` uses.
    fn collect(&mut self, e: &Expr) -> Result<(), DbError> {
        let mut names = Vec::new();
        self.visit(e, self.main_scope(), &mut |n| {
            if let Expr::Aggregate(name) = n {
                names.push(name.clone());
            }
        })?;
        for name in names {
            if !self.used.iter().any(|(n, _)| *n == name) {
                let spec = self.aggregate(&name)?;
                self.used.push((name, spec));
            }
        }
        Ok(())
    }

    // ---- types ------------------------------------------------------------------------------

    fn aggregate_type(&self, spec: &AggregateSpec) -> Result<Option<Type>, DbError> {
        if spec.kind == AggregateKind::Count {
            return Ok(Some(Type::Integer));
        }
        if spec.kind == AggregateKind::Exists {
            return Ok(Some(Type::Boolean));
        }
        let dest = self.destination(spec)?;
        let field = spec
            .field
            .as_deref()
            .ok_or_else(|| err(format!("a {} aggregate needs a field", spec.kind.name())))?;
        let attr = dest
            .attribute(field)
            .ok_or_else(|| err(format!("unknown field {field} of {}", dest.name)))?;
        Ok(Some(match (spec.kind, &attr.ty) {
            // The average of decimals is a decimal (numeric AVG); of other numbers a float.
            (AggregateKind::Avg, Type::Decimal) => Type::Decimal,
            (AggregateKind::Avg, _) => Type::Float,
            (_, ty) => ty.clone(),
        }))
    }

    fn destination(&self, spec: &AggregateSpec) -> Result<&'p Resource, DbError> {
        self.relationship(spec).map(|(_, scope)| scope.resource)
    }

    fn ty(&mut self, e: &Expr, scope: Scope<'p>) -> Result<Option<Type>, DbError> {
        Ok(match e {
            Expr::Lit(Lit::Nil) | Expr::Lit(Lit::List(_)) => None,
            Expr::Lit(Lit::Bool(_)) => Some(Type::Boolean),
            Expr::Lit(Lit::Int(_)) => Some(Type::Integer),
            Expr::Lit(Lit::Float(_)) => Some(Type::Float),
            Expr::Lit(Lit::Str(_)) => Some(Type::String),
            Expr::Lit(Lit::Atom(_)) => Some(Type::any_atom()),
            Expr::Lit(Lit::Scalar(scalar)) => Some(scalar_type(scalar)),
            Expr::Lit(Lit::Now(now)) => Some(if now.today {
                Type::Date
            } else {
                Type::UtcDatetimeUsec
            }),
            Expr::Attr(name) => Some(self.attribute(name, scope)?.0),
            Expr::Aggregate(name) => {
                let spec = self.aggregate(name)?;
                self.aggregate_type(&spec)?
            }
            Expr::Calc(name) => Some(self.calculation(name, scope)?.ty),
            Expr::Op(op, a, b) => match op {
                Op::Eq | Op::NotEq | Op::Lt | Op::LtEq | Op::Gt | Op::GtEq | Op::In | Op::And | Op::Or => {
                    Some(Type::Boolean)
                }
                Op::Div => {
                    let (ta, tb) = (self.ty(a, scope)?, self.ty(b, scope)?);
                    if ta == Some(Type::Decimal) || tb == Some(Type::Decimal) {
                        Some(Type::Decimal)
                    } else {
                        Some(Type::Float)
                    }
                }
                Op::Concat => Some(Type::String),
                Op::Add | Op::Sub | Op::Mul => {
                    let (ta, tb) = (self.ty(a, scope)?, self.ty(b, scope)?);
                    if ta == Some(Type::Decimal) || tb == Some(Type::Decimal) {
                        Some(Type::Decimal)
                    } else if ta == Some(Type::Float) || tb == Some(Type::Float) {
                        Some(Type::Float)
                    } else {
                        Some(Type::Integer)
                    }
                }
                Op::AndAnd | Op::OrOr => match self.ty(b, scope)? {
                    Some(t) => Some(t),
                    None => self.ty(a, scope)?,
                },
            },
            Expr::Not(_) | Expr::IsNil(_) | Expr::Contains(_, _) | Expr::Exists(_, _) => Some(Type::Boolean),
            Expr::If(_, a, b) => match self.ty(a, scope)? {
                Some(t) => Some(t),
                None => self.ty(b, scope)?,
            },
        })
    }

    fn attribute(&self, name: &str, scope: Scope<'p>) -> Result<(Type, &'p str), DbError> {
        scope
            .resource
            .attributes
            .iter()
            .find(|a| a.name == name)
            .map(|a| (a.ty.clone(), a.name.as_str()))
            .ok_or_else(|| err(format!("unknown attribute {name} of {}", scope.resource.name)))
    }

    // ---- expressions ------------------------------------------------------------------------

    /// The collation SQLite compares values of these types with: decimals by value (they are
    /// stored as text), ci_strings without case. PostgreSQL's own types need none.
    fn collation(&self, a: Option<&Type>, b: Option<&Type>) -> Option<&'static str> {
        if self.pg() {
            return None;
        }
        let either = |t: Type| a == Some(&t) || b == Some(&t);
        if either(Type::Decimal) {
            Some(sqlite_functions::DECIMAL_COLLATE)
        } else if either(Type::CiString) {
            Some(sqlite_functions::CI_COLLATE)
        } else {
            None
        }
    }

    fn pg(&self) -> bool {
        self.backend == Backend::Postgres
    }

    fn lit(&self, st: &mut Statement, lit: &Lit, hint: Option<Type>) -> Result<(), DbError> {
        let lit = &*resolve_now(lit);
        if let Some(typed) = typed_literal(lit, hint.as_ref())? {
            let (ty, text) = typed;
            st.bind_typed(&ty, text);
            return Ok(());
        }
        match lit {
            Lit::Scalar(scalar) => {
                let ty = scalar_type(scalar);
                st.bind_typed(&ty, Some(scalar.storage()));
            }
            Lit::Now(now) => {
                let at = Scalar::Cal(now.at(crate::scalar::calendar::now()));
                st.bind_typed(&scalar_type(&at), Some(at.storage()));
            }
            Lit::Nil if hint == Some(Type::Uuid) => {
                st.bind_uuid(None);
            }
            Lit::Nil => {
                st.bind(Bind::Null(NullKind::of(hint)));
            }
            Lit::Bool(b) => {
                st.bind(Bind::Bool(*b));
            }
            Lit::Int(i) => {
                st.bind(Bind::Int(*i));
            }
            Lit::Float(f) => {
                st.bind(Bind::Float(*f));
            }
            Lit::Str(s) | Lit::Atom(s) if hint == Some(Type::Uuid) => {
                st.bind_uuid(Some(uuid_literal(s)?));
            }
            Lit::Str(s) | Lit::Atom(s) => {
                st.bind(Bind::Text(s.clone()));
            }
            Lit::List(_) => return Err(err("a list is only allowed on the right of `in`")),
        }
        Ok(())
    }

    /// Emits `e` as text: PostgreSQL gets a cast when `e` is not text already.
    fn text(&mut self, st: &mut Statement, e: &Expr, scope: Scope<'p>) -> Result<(), DbError> {
        let ty = self.ty(e, scope)?;
        let cast = self.pg() && !matches!(ty, None | Some(Type::String) | Some(Type::Atom(_)));
        if cast {
            st.push("CAST(");
        }
        self.expr(st, e, scope, Some(Type::String))?;
        if cast {
            st.push(" AS TEXT)");
        }
        Ok(())
    }

    fn float(&mut self, st: &mut Statement, e: &Expr, scope: Scope<'p>) -> Result<(), DbError> {
        st.push("CAST(");
        self.expr(st, e, scope, Some(Type::Float))?;
        st.push(" AS DOUBLE PRECISION)");
        Ok(())
    }

    fn expr(
        &mut self,
        st: &mut Statement,
        e: &Expr,
        scope: Scope<'p>,
        hint: Option<Type>,
    ) -> Result<(), DbError> {
        match e {
            Expr::Lit(lit) => self.lit(st, lit, hint)?,
            Expr::Attr(name) => {
                let (_, name) = self.attribute(name, scope)?;
                match scope.resource.attributes.iter().find(|a| a.name == name) {
                    Some(attr) => super::storage::refer(st, self.backend, scope.alias, attr),
                    None => {
                        st.push(scope.alias).push(".").ident(name);
                    }
                }
            }
            Expr::Aggregate(name) => {
                let index = self
                    .used
                    .iter()
                    .position(|(n, _)| n == name)
                    .filter(|_| scope.main)
                    .ok_or_else(|| err(format!("aggregate {name} cannot be used here")))?;
                st.push(scope.alias).push(".").ident(&format!("agg_{index}"));
            }
            Expr::Calc(name) => {
                let spec = self.calculation(name, scope)?;
                self.enter()?;
                st.push("(");
                let result = self.expr(st, &spec.expr, scope, Some(spec.ty));
                st.push(")");
                self.depth -= 1;
                result?;
            }
            Expr::Op(op, a, b) => self.op(st, *op, a, b, scope)?,
            Expr::Not(a) => {
                st.push("(NOT ");
                self.expr(st, a, scope, Some(Type::Boolean))?;
                st.push(")");
            }
            Expr::IsNil(a) => {
                st.push("(");
                self.expr(st, a, scope, None)?;
                st.push(" IS NULL)");
            }
            Expr::Contains(a, b) => {
                // A ci_string contains without case (Ash's `contains` on `:ci_string`).
                let ci =
                    self.ty(a, scope)? == Some(Type::CiString) || self.ty(b, scope)? == Some(Type::CiString);
                st.push(if self.pg() { "(strpos(" } else { "(instr(" });
                for (i, side) in [a, b].into_iter().enumerate() {
                    if i > 0 {
                        st.push(", ");
                    }
                    if ci {
                        st.push(if self.pg() {
                            "lower"
                        } else {
                            sqlite_functions::LOWER
                        });
                    }
                    st.push("(");
                    self.text(st, side, scope)?;
                    st.push(")");
                }
                st.push(") > 0)");
            }
            Expr::If(c, a, b) => {
                let (ta, tb) = (self.ty(a, scope)?, self.ty(b, scope)?);
                st.push("(CASE WHEN ");
                self.expr(st, c, scope, Some(Type::Boolean))?;
                st.push(" THEN ");
                self.expr(st, a, scope, ta.clone().or(tb.clone()).or(hint.clone()))?;
                st.push(" ELSE ");
                self.expr(st, b, scope, tb.or(ta).or(hint))?;
                st.push(" END)");
            }
            Expr::Exists(relationship, inner) => self.exists(st, relationship, inner, scope)?,
        }
        Ok(())
    }

    /// `(EXISTS (SELECT 1 FROM "users" AS p0 WHERE p0."id" = s."representative_id" AND …))`:
    /// a relationship path inside the one statement.
    fn exists(
        &mut self,
        st: &mut Statement,
        relationship: &str,
        inner: &Expr,
        scope: Scope<'p>,
    ) -> Result<(), DbError> {
        let rel = scope.resource.relationship(relationship).ok_or_else(|| {
            err(format!(
                "unknown relationship {relationship} of {}",
                scope.resource.name
            ))
        })?;
        let alias = *PATH_ALIASES
            .get(self.path_depth)
            .ok_or_else(|| err("relationship paths nest too deep"))?;
        let inner_scope = Scope {
            resource: resolve_resource(self.plan, &rel.destination)?,
            alias,
            main: false,
        };
        st.push("(EXISTS (SELECT 1 FROM ");
        if let Some(through) = &rel.through {
            // many_to_many: the join resource's rows link the source to the destination.
            let join = resolve_resource(self.plan, &through.resource)?;
            let join_alias = JOIN_ALIASES[self.path_depth.min(JOIN_ALIASES.len() - 1)];
            super::storage::table(st, join)
                .push(" AS ")
                .push(join_alias)
                .push(" JOIN ");
            super::storage::table(st, inner_scope.resource)
                .push(" AS ")
                .push(alias)
                .push(" ON ")
                .push(alias)
                .push(".")
                .ident(&rel.destination_attribute)
                .push(" = ")
                .push(join_alias)
                .push(".")
                .ident(&through.destination_attribute_on_join_resource)
                .push(" WHERE ")
                .push(join_alias)
                .push(".")
                .ident(&through.source_attribute_on_join_resource);
        } else {
            super::storage::table(st, inner_scope.resource)
                .push(" AS ")
                .push(alias)
                .push(" WHERE ")
                .push(alias)
                .push(".")
                .ident(&rel.destination_attribute);
        }
        st.push(" = ")
            .push(scope.alias)
            .push(".")
            .ident(&rel.source_attribute)
            .push(" AND ");
        self.path_depth += 1;
        let result = self.expr(st, inner, inner_scope, Some(Type::Boolean));
        self.path_depth -= 1;
        result?;
        st.push("))");
        Ok(())
    }

    fn op(
        &mut self,
        st: &mut Statement,
        op: Op,
        a: &Expr,
        b: &Expr,
        scope: Scope<'p>,
    ) -> Result<(), DbError> {
        let (ta, tb) = (self.ty(a, scope)?, self.ty(b, scope)?);
        let texty = |t: Option<Type>| t.is_some_and(|t| t.is_text());
        // A string literal compared with a date or decimal is cast to it: no text collation.
        let typed = |t: Option<&Type>| t.is_some_and(|t| !t.is_text() && sent_as_text(t));
        match op {
            Op::Add | Op::Sub | Op::Mul
                if !self.pg() && (ta == Some(Type::Decimal) || tb == Some(Type::Decimal)) =>
            {
                let function = match op {
                    Op::Add => sqlite_functions::ADD,
                    Op::Sub => sqlite_functions::SUB,
                    _ => sqlite_functions::MUL,
                };
                st.push(function).push("(");
                self.expr(st, a, scope, Some(Type::Decimal))?;
                st.push(", ");
                self.expr(st, b, scope, Some(Type::Decimal))?;
                st.push(")");
            }
            Op::Eq | Op::NotEq | Op::Lt | Op::LtEq | Op::Gt | Op::GtEq | Op::Add | Op::Sub | Op::Mul => {
                let symbol = match op {
                    Op::Eq => " = ",
                    Op::NotEq => " <> ",
                    Op::Lt => " < ",
                    Op::LtEq => " <= ",
                    Op::Gt => " > ",
                    Op::GtEq => " >= ",
                    Op::Add => " + ",
                    Op::Sub => " - ",
                    _ => " * ",
                };
                let ordering = matches!(op, Op::Lt | Op::LtEq | Op::Gt | Op::GtEq);
                if ordering || matches!(op, Op::Eq | Op::NotEq) {
                    castable(ta.clone(), b)?;
                    castable(tb.clone(), a)?;
                }
                st.push("(");
                self.expr(st, a, scope, tb.clone())?;
                let compares = ordering || matches!(op, Op::Eq | Op::NotEq);
                if let Some(collation) = self.collation(ta.as_ref(), tb.as_ref()).filter(|_| compares) {
                    st.push(collation);
                } else if ordering
                    && self.pg()
                    && (texty(ta.clone()) || texty(tb.clone()))
                    && !(typed(ta.as_ref()) || typed(tb.as_ref()))
                {
                    st.push(" COLLATE \"C\"");
                }
                st.push(symbol);
                self.expr(st, b, scope, ta)?;
                st.push(")");
            }
            Op::In if matches!(tb, Some(Type::Array(_))) => {
                // `"a" in tags`: membership in an array attribute.
                let element = match &tb {
                    Some(Type::Array(inner)) => Some((**inner).clone()),
                    _ => None,
                };
                if self.pg() {
                    st.push("(");
                    self.expr(st, a, scope, element)?;
                    st.push(" = ANY(");
                    self.expr(st, b, scope, None)?;
                    st.push("))");
                } else {
                    st.push("EXISTS (SELECT 1 FROM json_each(");
                    self.expr(st, b, scope, None)?;
                    st.push(") WHERE value = ");
                    self.expr(st, a, scope, element)?;
                    st.push(")");
                }
            }
            Op::In => {
                let Expr::Lit(Lit::List(items)) = b else {
                    return Err(err("`in` needs a literal list on its right"));
                };
                if items.is_empty() {
                    st.push("FALSE");
                    return Ok(());
                }
                if items.len() > MAX_IN_PARAMETERS
                    && let Some(element) = array_type(ta.clone(), items)
                {
                    for item in items {
                        castable(ta.clone(), &Expr::Lit(item.clone()))?;
                    }
                    st.push("(");
                    self.expr(st, a, scope, None)?;
                    if self.pg() {
                        st.push(" IN (SELECT unnest(CAST(");
                        st.bind(Bind::Text(pg_array(items, ta)?));
                        st.push(" AS ").push(element).push("[]))))");
                    } else {
                        st.push(" IN (SELECT value FROM json_each(");
                        st.bind(Bind::Text(json_array(items, ta)?));
                        st.push(")))");
                    }
                    return Ok(());
                }
                st.push("(");
                self.expr(st, a, scope, None)?;
                st.push(" IN (");
                for (i, item) in items.iter().enumerate() {
                    castable(ta.clone(), &Expr::Lit(item.clone()))?;
                    if i > 0 {
                        st.push(", ");
                    }
                    self.lit(st, item, ta.clone())?;
                }
                st.push("))");
            }
            Op::Div if ta == Some(Type::Decimal) || tb == Some(Type::Decimal) => {
                // `Decimal.div/2`: exact, without the trailing zeros PostgreSQL's numeric
                // division pads to (its scale is at least 16).
                if self.pg() {
                    st.push("trim_scale(CAST(");
                    self.expr(st, a, scope, Some(Type::Decimal))?;
                    st.push(" AS numeric) / CAST(");
                    self.expr(st, b, scope, Some(Type::Decimal))?;
                    st.push(" AS numeric))");
                } else {
                    st.push(sqlite_functions::DIV).push("(");
                    self.expr(st, a, scope, Some(Type::Decimal))?;
                    st.push(", ");
                    self.expr(st, b, scope, Some(Type::Decimal))?;
                    st.push(")");
                }
            }
            Op::Div => {
                if self.pg() {
                    st.push("(");
                    self.float(st, a, scope)?;
                    st.push(" / ");
                    self.float(st, b, scope)?;
                    st.push(")");
                } else {
                    st.push(super::connection::SQLITE_DIVIDE).push("(");
                    self.expr(st, a, scope, Some(Type::Float))?;
                    st.push(", ");
                    self.expr(st, b, scope, Some(Type::Float))?;
                    st.push(")");
                }
            }
            Op::Concat => {
                st.push("(");
                self.text(st, a, scope)?;
                st.push(" || ");
                self.text(st, b, scope)?;
                st.push(")");
            }
            Op::And | Op::Or => {
                let (keyword, skip) = if op == Op::And {
                    (" AND ", "FALSE")
                } else {
                    (" OR ", "TRUE")
                };
                // Ash evaluates left to right: a guard on the left (`n > 0 and x / n > 0.25`)
                // must keep a raising right side from running. CASE is evaluated lazily.
                let guard = self.may_raise(b, scope)?;
                if guard {
                    st.push("(CASE WHEN ");
                    self.expr(st, a, scope, Some(Type::Boolean))?;
                    st.push(" IS ")
                        .push(skip)
                        .push(" THEN ")
                        .push(skip)
                        .push(" ELSE ");
                }
                st.push("(");
                self.expr(st, a, scope, Some(Type::Boolean))?;
                st.push(keyword);
                self.expr(st, b, scope, Some(Type::Boolean))?;
                st.push(")");
                if guard {
                    st.push(" END)");
                }
            }
            Op::AndAnd | Op::OrOr => {
                // Elixir truthiness: nil and false are falsy, everything else truthy.
                let boolean = matches!(ta, None | Some(Type::Boolean));
                match (op, boolean) {
                    (Op::AndAnd, true) => {
                        st.push("(CASE WHEN ");
                        self.expr(st, a, scope, Some(Type::Boolean))?;
                        st.push(" IS NOT TRUE THEN ");
                        self.expr(st, a, scope, Some(Type::Boolean))?;
                        st.push(" ELSE ");
                        self.expr(st, b, scope, ta)?;
                        st.push(" END)");
                    }
                    (Op::AndAnd, false) => {
                        st.push("(CASE WHEN ");
                        self.expr(st, a, scope, None)?;
                        st.push(" IS NULL THEN NULL ELSE ");
                        self.expr(st, b, scope, None)?;
                        st.push(" END)");
                    }
                    (_, true) => {
                        st.push("(CASE WHEN ");
                        self.expr(st, a, scope, Some(Type::Boolean))?;
                        st.push(" IS TRUE THEN TRUE ELSE ");
                        self.expr(st, b, scope, Some(Type::Boolean))?;
                        st.push(" END)");
                    }
                    (_, false) => {
                        st.push("COALESCE(");
                        self.expr(st, a, scope, tb)?;
                        st.push(", ");
                        self.expr(st, b, scope, ta)?;
                        st.push(")");
                    }
                }
            }
        }
        Ok(())
    }

    // ---- aggregates -------------------------------------------------------------------------

    /// The relationship an aggregate follows, its destination, and the scope of its filter.
    fn relationship(
        &self,
        spec: &AggregateSpec,
    ) -> Result<(&'p crate::model::Relationship, Scope<'p>), DbError> {
        let rel = self
            .plan
            .resource
            .relationship(&spec.relationship)
            .ok_or_else(|| {
                err(format!(
                    "unknown relationship {} of {}",
                    spec.relationship, self.plan.resource.name
                ))
            })?;
        if rel.through.is_some() {
            return Err(err(format!(
                "aggregates over the many_to_many relationship {} are not supported yet",
                rel.name
            )));
        }
        let scope = Scope {
            resource: resolve_resource(self.plan, &rel.destination)?,
            alias: "r",
            main: false,
        };
        Ok((rel, scope))
    }

    /// The aggregate call over rows `r` (`COUNT(*)`, `CAST(SUM(r."x") AS BIGINT)`, …); with
    /// `filter`, as `… FILTER (WHERE filter)` (the grouped form).
    fn aggregate_call(
        &mut self,
        st: &mut Statement,
        spec: &AggregateSpec,
        scope: Scope<'p>,
        filter: Option<&Expr>,
    ) -> Result<(), DbError> {
        let field = match &spec.field {
            Some(f) => Some(self.attribute(f, scope)?),
            None => None,
        };
        let numeric = |t: &Type| matches!(t, Type::Integer | Type::Float);
        // A column of a type of its own (`numeric`, `timestamp`) gives MAX/MIN/first in the
        // shell's storage of its Ash type.
        let result_cast = match (&spec.field, spec.kind) {
            (Some(f), AggregateKind::Max | AggregateKind::Min | AggregateKind::First) => scope
                .resource
                .attributes
                .iter()
                .find(|a| a.name == *f)
                .and_then(|a| super::storage::result_cast(self.backend, a)),
            _ => None,
        };
        if result_cast.is_some() {
            st.push("CAST(");
        }
        let tail = match (spec.kind, field) {
            (AggregateKind::Count, None) => {
                st.push("COUNT(*)");
                ""
            }
            (AggregateKind::Exists, _) => {
                st.push("COUNT(*)");
                " > 0"
            }
            (AggregateKind::Count, Some((_, f))) => {
                st.push("COUNT(r.").ident(f).push(")");
                ""
            }
            (AggregateKind::Avg | AggregateKind::Sum, Some((Type::Decimal, f))) => {
                // numeric's own AVG/SUM; SQLite's exact ones for decimals kept as text.
                let function = match (spec.kind == AggregateKind::Avg, self.pg()) {
                    (true, true) => "AVG",
                    (true, false) => sqlite_functions::AVG,
                    (false, true) => "SUM",
                    (false, false) => sqlite_functions::SUM,
                };
                st.push(function).push("(r.").ident(f);
                ")"
            }
            (AggregateKind::Sum, Some((ty, f))) if numeric(&ty) => {
                st.push("CAST(SUM(r.").ident(f).push(")");
                if ty == Type::Integer {
                    " AS BIGINT)"
                } else {
                    " AS DOUBLE PRECISION)"
                }
            }
            (AggregateKind::Avg, Some((ty, f))) if numeric(&ty) => {
                st.push("AVG(CAST(r.").ident(f).push(" AS DOUBLE PRECISION))");
                ""
            }
            (AggregateKind::Sum | AggregateKind::Avg, Some((ty, f))) => {
                return Err(err(format!(
                    "a {} aggregate needs a numeric field; {f} is {}",
                    spec.kind.name(),
                    ty.name()
                )));
            }
            (AggregateKind::Max | AggregateKind::Min, Some((ty, f))) => {
                st.push(if spec.kind == AggregateKind::Max {
                    "MAX(r."
                } else {
                    "MIN(r."
                })
                .ident(f);
                if let Some(collation) = self.collation(Some(&ty), None) {
                    st.push(collation);
                } else if self.pg() && matches!(ty, Type::String | Type::Atom(_)) {
                    st.push(" COLLATE \"C\"");
                }
                st.push(")");
                ""
            }
            (AggregateKind::First, Some((_, f))) => {
                st.push("r.").ident(f);
                ""
            }
            (AggregateKind::List, Some((ty, f))) => {
                // A JSON array text on both backends (NULL when no row is in the group); dates
                // and decimals as their texts, so `9.50` keeps its scale.
                let as_text = self.pg() && sent_as_text(&ty) && !matches!(ty, Type::Map | Type::Array(_));
                st.push(if self.pg() {
                    "CAST(json_agg("
                } else {
                    "json_group_array("
                });
                if as_text {
                    st.push("CAST(r.").ident(f).push(" AS TEXT)");
                } else {
                    st.push("r.").ident(f);
                }
                self.aggregate_order_by(st, spec, scope)?;
                st.push(")");
                if self.pg() { " AS TEXT)" } else { "" }
            }
            (_, None) => return Err(err(format!("a {} aggregate needs a field", spec.kind.name()))),
        };
        if let Some(filter) = filter {
            st.push(" FILTER (WHERE ");
            self.expr(st, filter, scope, Some(Type::Boolean))?;
            st.push(")");
        }
        st.push(tail);
        if let Some(storage) = result_cast {
            st.push(" AS ").push(storage).push(")");
        }
        Ok(())
    }

    /// `(SELECT COUNT(*) FROM "tickets" AS r WHERE r."representative_id" = s."id" AND …)`
    fn correlated_aggregate(&mut self, st: &mut Statement, spec: &AggregateSpec) -> Result<(), DbError> {
        let (rel, scope) = self.relationship(spec)?;
        st.push("(SELECT ");
        self.aggregate_call(st, spec, scope, None)?;
        st.push(" FROM ");
        super::storage::table(st, scope.resource)
            .push(" AS r WHERE r.")
            .ident(&rel.destination_attribute);
        st.push(" = s.").ident(&rel.source_attribute);
        if let Some(filter) = &spec.filter {
            st.push(" AND ");
            self.expr(st, filter, scope, Some(Type::Boolean))?;
        }
        if spec.kind == AggregateKind::First {
            if let Some(f) = &spec.field {
                st.push(" AND r.").ident(f).push(" IS NOT NULL");
            }
            self.aggregate_order_by(st, spec, scope)?;
            st.push(" LIMIT 1");
        }
        st.push(")");
        Ok(())
    }

    /// ` LEFT JOIN (SELECT r."representative_id" AS "key", COUNT(*) AS "agg_0", … FROM
    /// "tickets" AS r GROUP BY r."representative_id") AS g0 ON g0."key" = s."id"`: every
    /// grouped aggregate over one relationship in one pass.
    ///
    /// With `restrict` (the filter terms applied to the source rows), the grouped pass only
    /// reads the related rows of the source rows that pass them: `WHERE r."representative_id"
    /// IN (SELECT s."id" FROM "users" AS s WHERE …)`, an index lookup per key when few pass.
    fn grouped_join(
        &mut self,
        st: &mut Statement,
        join: usize,
        members: &[usize],
        restrict: &[Expr],
    ) -> Result<(), DbError> {
        let (rel, scope) = self.relationship(&self.used[members[0]].1.clone())?;
        st.push(" LEFT JOIN (SELECT r.")
            .ident(&rel.destination_attribute)
            .push(" AS \"key\"");
        for &i in members {
            let spec = self.used[i].1.clone();
            st.push(", ");
            self.aggregate_call(st, &spec, scope, spec.filter.as_ref())?;
            st.push(" AS ").ident(&format!("agg_{i}"));
        }
        st.push(" FROM ");
        super::storage::table(st, scope.resource).push(" AS r");
        if !restrict.is_empty() {
            let source = self.main_scope();
            st.push(" WHERE r.")
                .ident(&rel.destination_attribute)
                .push(" IN (SELECT s.")
                .ident(&rel.source_attribute)
                .push(" FROM ");
            super::storage::table(st, source.resource).push(" AS s");
            self.where_clause(st, restrict.to_vec(), source)?;
            st.push(")");
        }
        st.push(" GROUP BY r.").ident(&rel.destination_attribute);
        st.push(&format!(") AS g{join} ON g{join}.\"key\" = s."))
            .ident(&rel.source_attribute);
        Ok(())
    }

    /// ` ORDER BY …` of an aggregate's own sort (`first`, `list`) over related rows `r`.
    fn aggregate_order_by(
        &mut self,
        st: &mut Statement,
        spec: &AggregateSpec,
        scope: Scope<'p>,
    ) -> Result<(), DbError> {
        let sort: Vec<(Expr, SortOrder)> = spec
            .sort
            .iter()
            .map(|(f, o)| (Expr::Attr(f.clone()), *o))
            .collect();
        self.order_by(st, &sort, scope)
    }

    fn order_by(
        &mut self,
        st: &mut Statement,
        sort: &[(Expr, SortOrder)],
        scope: Scope<'p>,
    ) -> Result<(), DbError> {
        for (i, (e, order)) in sort.iter().enumerate() {
            st.push(if i == 0 { " ORDER BY " } else { ", " });
            let ty = self.ty(e, scope)?;
            self.expr(st, e, scope, None)?;
            if let Some(collation) = self.collation(ty.as_ref(), None) {
                st.push(collation);
            } else if self.pg() && matches!(ty, Some(Type::String) | Some(Type::Atom(_))) {
                st.push(" COLLATE \"C\"");
            }
            st.push(if order.descending() { " DESC" } else { " ASC" });
            st.push(if order.nils_first() {
                " NULLS FIRST"
            } else {
                " NULLS LAST"
            });
        }
        Ok(())
    }

    // ---- the statement ----------------------------------------------------------------------

    fn read(mut self) -> Result<Compiled, DbError> {
        let plan = self.plan;
        let scope = self.main_scope();
        if let Some(f) = &plan.filter {
            self.collect(f)?;
        }
        for (e, _) in &plan.sort {
            self.collect(e)?;
        }
        for c in &plan.columns {
            self.collect(&c.expr)?;
        }

        // Filter terms (top-level `and`s) that touch no aggregate and cannot raise run inside
        // the subquery, before aggregates are computed; the rest run outside, in order.
        let mut inner_terms = Vec::new();
        let mut outer_terms = Vec::new();
        if let Some(f) = &plan.filter {
            let mut terms = Vec::new();
            split_and(f, &mut terms);
            for term in terms {
                let outside = !self.used.is_empty()
                    && (self.uses_aggregates(term, scope)? || self.may_raise(term, scope)?);
                if outside {
                    outer_terms.push(term.clone());
                } else {
                    inner_terms.push(term.clone());
                }
            }
        }

        let mut st = Statement::new(self.backend);
        let mut types = Vec::new();
        st.push("SELECT ");
        for (i, attr) in plan.resource.attributes.iter().enumerate() {
            if i > 0 {
                st.push(", ");
            }
            super::storage::read(&mut st, self.backend, "s", attr);
            types.push(attr.ty.clone());
        }
        for column in &plan.columns {
            st.push(", ");
            let cast = if self.pg() {
                Some(super::storage::pg_storage(&column.ty))
            } else {
                None
            };
            if cast.is_some() {
                st.push("CAST(");
            }
            self.expr(&mut st, &column.expr, scope, Some(column.ty.clone()))?;
            if let Some(cast) = cast {
                st.push(" AS ").push(cast).push(")");
            }
            types.push(column.ty.clone());
        }
        st.push(" FROM ");
        if self.used.is_empty() {
            super::storage::table(&mut st, &plan.resource).push(" AS s");
            self.where_clause(&mut st, inner_terms, scope)?;
        } else {
            st.push("(SELECT ");
            for attr in plan.resource.attributes.clone() {
                // The outer SELECT reads (and casts) the column again.
                st.push("s.").ident(&attr.name).push(", ");
            }
            // One grouped pass per relationship (restricted to the related rows of the rows
            // the inner filter keeps) beats a lookup per row and per aggregate; `first`
            // aggregates correlate (they need their own sort and LIMIT).
            let mut joins: Vec<(String, Vec<usize>)> = Vec::new();
            let used = self.used.clone();
            for (i, (_, spec)) in used.iter().enumerate() {
                if i > 0 {
                    st.push(", ");
                }
                if spec.kind != AggregateKind::First {
                    let join = match joins.iter().position(|(r, _)| *r == spec.relationship) {
                        Some(j) => j,
                        None => {
                            joins.push((spec.relationship.clone(), Vec::new()));
                            joins.len() - 1
                        }
                    };
                    joins[join].1.push(i);
                    let column = format!("g{join}.\"agg_{i}\"");
                    if spec.kind == AggregateKind::Count {
                        st.push("COALESCE(").push(&column).push(", 0)");
                    } else if spec.kind == AggregateKind::Exists {
                        let none = if self.pg() { "FALSE" } else { "0" };
                        st.push("COALESCE(").push(&column).push(", ").push(none).push(")");
                    } else {
                        st.push(&column);
                    }
                } else {
                    self.correlated_aggregate(&mut st, spec)?;
                }
                st.push(" AS ").ident(&format!("agg_{i}"));
            }
            st.push(" FROM ");
            super::storage::table(&mut st, &plan.resource).push(" AS s");
            let restrict: &[Expr] = if literal_count(&inner_terms) <= MAX_RESTRICT_LITERALS {
                &inner_terms
            } else {
                &[]
            };
            for (j, (_, members)) in joins.iter().enumerate() {
                self.grouped_join(&mut st, j, members, restrict)?;
            }
            self.where_clause(&mut st, inner_terms, scope)?;
            // OFFSET keeps both planners from flattening the subquery (which would copy each
            // aggregate subquery into every place it is used).
            st.push(if self.pg() {
                " OFFSET 0) AS s"
            } else {
                " LIMIT -1 OFFSET 0) AS s"
            });
            self.where_clause(&mut st, outer_terms, scope)?;
        }
        self.order_by(&mut st, &plan.sort, scope)?;
        if let Some(limit) = plan.limit {
            st.push(" LIMIT ").bind(Bind::Int(limit.max(0)));
        }
        if let Some(offset) = plan.offset {
            if plan.limit.is_none() && !self.pg() {
                st.push(" LIMIT -1");
            }
            st.push(" OFFSET ").bind(Bind::Int(offset.max(0)));
        }
        Ok(Compiled { statement: st, types })
    }

    fn where_clause(
        &mut self,
        st: &mut Statement,
        terms: Vec<Expr>,
        scope: Scope<'p>,
    ) -> Result<(), DbError> {
        let Some(filter) = terms.into_iter().reduce(|a, b| Expr::op(Op::And, a, b)) else {
            return Ok(());
        };
        st.push(" WHERE ");
        self.expr(st, &filter, scope, Some(Type::Boolean))
    }
}

/// Ash casts a literal to the type of what it is compared with; one that cannot be cast
/// (`subject > 3`, `status == 1`) is an error on both backends, rather than a text comparison
/// on SQLite and an "operator does not exist" on PostgreSQL.
fn castable(ty: Option<Type>, other: &Expr) -> Result<(), DbError> {
    let (Some(ty), Expr::Lit(lit)) = (ty, other) else {
        return Ok(());
    };
    let fits = match (&ty, lit) {
        (_, Lit::Nil | Lit::List(_)) => true,
        (ty, _) if sent_as_text(ty) && !ty.is_text() => typed_literal(lit, Some(ty)).is_ok(),
        (ty, Lit::Scalar(Scalar::CiString(_))) => ty.is_text(),
        (_, Lit::Scalar(_)) => false,
        (ty, Lit::Str(_) | Lit::Atom(_)) => ty.is_text() || *ty == Type::Uuid,
        (Type::Integer | Type::Float, Lit::Int(_) | Lit::Float(_)) | (Type::Boolean, Lit::Bool(_)) => true,
        _ => false,
    };
    if fits {
        return Ok(());
    }
    let shown = match lit {
        Lit::Int(i) => i.to_string(),
        Lit::Float(f) => format!("{f:?}"),
        Lit::Bool(b) => b.to_string(),
        Lit::Str(s) => format!("{s:?}"),
        Lit::Atom(a) => format!(":{a}"),
        Lit::Scalar(scalar) => scalar.storage(),
        Lit::Now(now) => now.text(),
        Lit::Nil | Lit::List(_) => String::new(),
    };
    Err(err(format!(
        "value `{shown}` in `filter` cannot be cast to type :{}",
        ty.name()
    )))
}

/// `now()` and friends as the time this statement is built; other literals as they are.
fn resolve_now(lit: &Lit) -> std::borrow::Cow<'_, Lit> {
    match lit {
        Lit::Now(now) => {
            std::borrow::Cow::Owned(Lit::Scalar(Scalar::Cal(now.at(crate::scalar::calendar::now()))))
        }
        other => std::borrow::Cow::Borrowed(other),
    }
}

/// The natural Ash type of a scalar literal.
fn scalar_type(scalar: &Scalar) -> Type {
    match scalar {
        Scalar::Decimal(_) => Type::Decimal,
        Scalar::CiString(_) => Type::CiString,
        Scalar::Cal(c) => match c {
            Calendar::Date(_) => Type::Date,
            Calendar::Time(..) => Type::Time,
            Calendar::Naive(_, p) if *p > 0 => Type::NaiveDatetimeUsec,
            Calendar::Naive(..) => Type::NaiveDatetime,
            Calendar::Utc(_, p) if *p > 0 => Type::UtcDatetimeUsec,
            Calendar::Utc(..) => Type::UtcDatetime,
        },
    }
}

/// A literal compared with or written to a value of a type stored as text on SQLite (dates,
/// datetimes, decimals, ci_strings): the type and storage text to bind, cast as Ash casts the
/// literal (`"2024-01-02"` to a date, `5` to a decimal, a datetime to the column's precision).
/// None when `hint` is not such a type; an error when the literal is not one of its values.
fn typed_literal(lit: &Lit, hint: Option<&Type>) -> Result<Option<(Type, Option<String>)>, DbError> {
    let Some(ty) = hint.filter(|t| sent_as_text(t) && !matches!(t, Type::Map | Type::Array(_))) else {
        return Ok(None);
    };
    let bad = || {
        err(format!(
            "value `{}` cannot be cast to type :{}",
            lit_text(lit),
            ty.name()
        ))
    };
    let lit = &*resolve_now(lit);
    let text = match (ty, lit) {
        (_, Lit::Nil) => None,
        (Type::CiString | Type::Binary, Lit::Str(s)) => Some(s.clone()),
        (Type::CiString, Lit::Atom(s)) => Some(s.clone()),
        (Type::CiString, Lit::Scalar(Scalar::CiString(s))) => Some(s.to_string()),
        (Type::Decimal, Lit::Int(i)) => Some(i.to_string()),
        (Type::Decimal, Lit::Float(f)) => Some(Decimal::from_float(*f).ok_or_else(bad)?.plain()),
        (Type::Decimal, Lit::Str(s)) => Some(Decimal::parse(s).ok_or_else(bad)?.plain()),
        (Type::Decimal, Lit::Scalar(Scalar::Decimal(d))) => Some(d.plain()),
        (ty, Lit::Str(s)) => Some(Calendar::parse_as(ty, s).ok_or_else(bad)?.storage()),
        (ty, Lit::Scalar(Scalar::Cal(c))) => Some(c.cast(ty).ok_or_else(bad)?.storage()),
        _ => return Err(bad()),
    };
    Ok(Some((ty.clone(), text)))
}

fn lit_text(lit: &Lit) -> String {
    match lit {
        Lit::Int(i) => i.to_string(),
        Lit::Float(f) => format!("{f:?}"),
        Lit::Bool(b) => b.to_string(),
        Lit::Str(s) => format!("{s:?}"),
        Lit::Atom(a) => format!(":{a}"),
        Lit::Scalar(scalar) => scalar.storage(),
        Lit::Now(now) => now.text(),
        Lit::Nil => "nil".into(),
        Lit::List(_) => "[...]".into(),
    }
}

fn split_and<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match e {
        Expr::Op(Op::And, a, b) => {
            split_and(a, out);
            split_and(b, out);
        }
        other => out.push(other),
    }
}
