//! `Ash.Query.new/filter/sort/limit/offset/load/select/calculate/aggregate/for_read`: building
//! an `AshQuery` value. Bad input becomes an error carried by the query (raised by `read!`),
//! exactly where Ash 2.4 does that; nothing runs until a read.

use std::rc::Rc;

use crate::eval::error::EvalError;
use crate::model::{ActionKind, ResourceRef, Type};
use crate::query::{AggregateKind, AggregateSpec, CalcSpec, Expr, Lit, Op, SortOrder};
use crate::value::{AshQuery, LoadItem, Value};

use super::args;
use super::errors;
use super::expr::{self, Extras};

/// A query argument: a query, or a resource module (acts as `Ash.Query.new(resource)`).
pub fn to_query(value: &Value) -> Result<AshQuery, EvalError> {
    match value {
        Value::Query(q) => Ok((**q).clone()),
        Value::Module(_) => match args::resource_of(value) {
            Some(resource) => Ok(AshQuery::new(&resource)),
            None => Err(crate::eval::errors::not_a_resource(value)),
        },
        other => Err(EvalError::new(
            "ArgumentError",
            format!(
                "expected an Ash query or a resource, got: {}",
                errors::inspect(other)
            ),
        )),
    }
}

fn done(q: AshQuery) -> Result<Value, EvalError> {
    Ok(Value::Query(Rc::new(q)))
}

fn extra_names(q: &AshQuery) -> (Vec<String>, Vec<String>) {
    (
        q.extra_aggregates.iter().map(|(n, _)| n.clone()).collect(),
        q.extra_calculations.iter().map(|(n, _)| n.clone()).collect(),
    )
}

fn push_unique(list: &mut Vec<String>, name: &str) {
    if !list.iter().any(|n| n == name) {
        list.push(name.to_string());
    }
}

/// A filter given as a keyword list or map (`filter(status: :closed)`) as an expression.
pub fn keyword_filter(value: &Value) -> Result<Option<Expr>, EvalError> {
    let pairs: Vec<(String, Value)> = match value {
        Value::Map(m) => m
            .entries
            .iter()
            .filter_map(|(k, v)| k.atom_name().map(|n| (n.to_string(), v.clone())))
            .collect(),
        _ => args::keyword(value).ok_or_else(|| {
            EvalError::new(
                "ArgumentError",
                format!("Invalid filter: {}", errors::inspect(value)),
            )
        })?,
    };
    let mut out = None;
    for (name, v) in pairs {
        let right = expr::value_to_expr(&v)?;
        out = Some(Expr::and(out, Expr::op(Op::Eq, Expr::Attr(name), right)));
    }
    Ok(out)
}

/// The expression a filter argument stands for (None: no filter).
fn filter_expr(value: &Value) -> Result<Option<Expr>, EvalError> {
    match value {
        Value::AshExpr(e) => Ok(Some((**e).clone())),
        Value::Nil => Ok(None),
        Value::Bool(b) => Ok(Some(Expr::Lit(Lit::Bool(*b)))),
        other => keyword_filter(other),
    }
}

/// `Ash.Query.filter(query, expr)`.
pub fn filter(query: &Value, filter: &Value) -> Result<Value, EvalError> {
    let mut q = to_query(query)?;
    let Some(raw) = filter_expr(filter)? else {
        return done(q);
    };
    let (aggs, calcs) = extra_names(&q);
    let extras = Extras {
        aggregates: &aggs,
        calculations: &calcs,
    };
    match expr::resolve(&raw, &q.resource, extras) {
        Ok(resolved) => {
            for name in expr::aggregate_deps(&resolved, &q.resource)? {
                push_unique(&mut q.aggregates, &name);
            }
            q.filter = Some(Expr::and(q.filter.take(), resolved));
        }
        Err(message) => q
            .errors
            .push(errors::unknown_error(&format!("filter: {message}"), &["filter"])),
    }
    done(q)
}

/// Parses a sort spec (`:f`, `[:a, b: :desc]`, `"-f"`) into (field, order) pairs; an invalid
/// order becomes its error and the entry as typed.
fn sort_pairs(value: &Value) -> Vec<Result<(String, SortOrder), (Value, Value)>> {
    let one = |item: &Value| -> Option<Result<(String, SortOrder), (Value, Value)>> {
        match item {
            Value::Atom(a) => Some(Ok((a.to_string(), SortOrder::Asc))),
            Value::Str(s) => Some(Ok(match s.strip_prefix('-') {
                Some(rest) => (rest.to_string(), SortOrder::Desc),
                None => (s.trim_start_matches('+').to_string(), SortOrder::Asc),
            })),
            Value::Tuple(pair) => match pair.as_slice() {
                [name, order] => {
                    let name = name.atom_name()?.to_string();
                    let order_name = order.atom_name().map(|o| o.to_string());
                    Some(match order_name.as_deref().and_then(SortOrder::from_name) {
                        Some(o) => Ok((name, o)),
                        None => Err((errors::invalid_sort_order(order.clone()), item.clone())),
                    })
                }
                _ => None,
            },
            _ => None,
        }
    };
    match value {
        Value::List(items) => items.values().iter().filter_map(one).collect(),
        Value::Nil => Vec::new(),
        other => one(other).into_iter().collect(),
    }
}

/// `Ash.Query.sort(query, sorts)`: appends to the existing sort.
pub fn sort(query: &Value, sorts: &Value) -> Result<Value, EvalError> {
    let mut q = to_query(query)?;
    let (aggs, calcs) = extra_names(&q);
    for pair in sort_pairs(sorts) {
        match pair {
            Err((error, entry)) => {
                q.errors.push(error);
                q.unchecked_sort.push(entry);
            }
            Ok((name, order)) => {
                let resolved = if name.contains('.') {
                    Err(String::new())
                } else {
                    expr::resolve(
                        &Expr::Attr(name.clone()),
                        &q.resource,
                        Extras {
                            aggregates: &aggs,
                            calculations: &calcs,
                        },
                    )
                };
                match resolved {
                    Ok(e) if q.unchecked_sort.is_empty() => q.sort.push((e, order)),
                    Ok(_) => q
                        .unchecked_sort
                        .push(Value::tuple(vec![Value::atom(&name), Value::atom(order.name())])),
                    Err(_) => {
                        q.errors
                            .push(errors::no_such_attribute(&q.resource, &name, &["sort"]));
                        q.unchecked_sort
                            .push(Value::tuple(vec![Value::atom(&name), Value::atom(order.name())]));
                    }
                }
            }
        }
    }
    done(q)
}

/// `Ash.Query.limit/2` and `Ash.Query.offset/2`.
pub fn limit_or_offset(query: &Value, n: &Value, is_limit: bool) -> Result<Value, EvalError> {
    let mut q = to_query(query)?;
    match n {
        Value::Nil => {}
        Value::Int(i) => {
            let v = Some((*i).max(0));
            if is_limit {
                q.limit = v;
            } else {
                q.offset = v;
            }
        }
        other => q.errors.push(if is_limit {
            errors::invalid_limit(other.clone())
        } else {
            errors::invalid_offset(other.clone())
        }),
    }
    done(q)
}

/// Parses a load statement against `resource`: load items plus InvalidLoad errors.
pub fn parse_load(resource: &ResourceRef, value: &Value) -> (Vec<LoadItem>, Vec<Value>) {
    let mut items = Vec::new();
    let mut errs = Vec::new();
    let entries: Vec<Value> = match value {
        Value::List(list) => list.to_vec(),
        other => vec![other.clone()],
    };
    for entry in entries {
        match &entry {
            Value::Atom(name) => match load_field(resource, name) {
                Some(Some(item)) => items.push(item),
                Some(None) => {}
                None => errs.push(errors::invalid_load(entry.clone())),
            },
            Value::Tuple(pair) if pair.len() == 2 => {
                let name = pair[0].atom_name().map(|n| n.to_string()).unwrap_or_default();
                match resource
                    .relationship(&name)
                    .and_then(|r| resource.sibling(&r.destination))
                {
                    Some(dest) => {
                        let (nested, nested_errs) = parse_load(&dest, &pair[1]);
                        errs.extend(nested_errs);
                        items.push(LoadItem::Relationship { name, nested });
                    }
                    None => match load_field(resource, &name) {
                        Some(Some(item)) => items.push(item),
                        Some(None) => {}
                        None => errs.push(errors::invalid_load(pair[0].clone())),
                    },
                }
            }
            _ => errs.push(errors::invalid_load(entry.clone())),
        }
    }
    (items, errs)
}

/// One loadable name: Some(None) for attributes (nothing to do), None when unknown.
fn load_field(resource: &ResourceRef, name: &str) -> Option<Option<LoadItem>> {
    if resource.attribute(name).is_some() {
        Some(None)
    } else if resource.relationship(name).is_some() {
        Some(Some(LoadItem::Relationship {
            name: name.to_string(),
            nested: Vec::new(),
        }))
    } else if resource.aggregate(name).is_some() {
        Some(Some(LoadItem::Aggregate(name.to_string())))
    } else if resource.calculation(name).is_some() {
        Some(Some(LoadItem::Calculation(name.to_string())))
    } else {
        None
    }
}

/// Adds load items to a query: relationships (merged by name), aggregates, calculations.
pub fn apply_load(q: &mut AshQuery, items: &[LoadItem]) {
    for item in items {
        match item {
            LoadItem::Aggregate(n) => push_unique(&mut q.aggregates, n),
            LoadItem::Calculation(n) => push_unique(&mut q.calculations, n),
            LoadItem::Relationship { .. } => merge_load(&mut q.load, item),
        }
    }
}

fn merge_load(list: &mut Vec<LoadItem>, item: &LoadItem) {
    let LoadItem::Relationship { name, nested } = item else {
        if !list.contains(item) {
            list.push(item.clone());
        }
        return;
    };
    for existing in list.iter_mut() {
        if let LoadItem::Relationship {
            name: existing_name,
            nested: existing_nested,
        } = existing
            && existing_name == name
        {
            for n in nested {
                merge_load(existing_nested, n);
            }
            return;
        }
    }
    list.push(item.clone());
}

/// `Ash.Query.load(query, load)`.
pub fn load(query: &Value, spec: &Value) -> Result<Value, EvalError> {
    let mut q = to_query(query)?;
    let (items, errs) = parse_load(&q.resource, spec);
    apply_load(&mut q, &items);
    q.errors.extend(errs);
    done(q)
}

/// `Ash.Query.select(query, fields)`.
pub fn select(query: &Value, fields: &Value) -> Result<Value, EvalError> {
    let mut q = to_query(query)?;
    let names: Vec<Value> = match fields {
        Value::List(items) => items.to_vec(),
        other => vec![other.clone()],
    };
    let mut selected = q.select.take().unwrap_or_default();
    for name in names {
        match name.atom_name() {
            Some(n) if q.resource.attribute(&n).is_some() => push_unique(&mut selected, &n),
            _ => q.errors.push(errors::no_such_attribute(
                &q.resource,
                &errors::to_text(&name),
                &["select"],
            )),
        }
    }
    q.select = Some(selected);
    done(q)
}

fn type_arg(value: &Value) -> Result<Type, EvalError> {
    value
        .atom_name()
        .and_then(|n| Type::from_name(&n))
        .ok_or_else(|| {
            EvalError::new(
                "ArgumentError",
                format!("unknown calculation type {}", errors::inspect(value)),
            )
        })
}

/// `Ash.Query.calculate`: the Ash 2.4 form `(q, name, {Ash.Resource.Calculation.Expression,
/// expr: e}, type)` and the chapter's `(q, name, type, e)` / `(q, name, e)`.
pub fn calculate(args: &[Value]) -> Result<Value, EvalError> {
    let [query, name, rest @ ..] = args else {
        return Err(args::no_clause("Ash.Query", "calculate", args.len()));
    };
    let mut q = to_query(query)?;
    let name = name
        .atom_name()
        .ok_or_else(|| args::no_clause("Ash.Query", "calculate", args.len()))?
        .to_string();
    let (raw, ty): (Expr, Option<Type>) = match rest {
        [Value::Tuple(t), ty, ..] => {
            let expr = match t.as_slice() {
                [_, opts] => args::keyword_get(opts, "expr"),
                _ => None,
            };
            match expr {
                Some(Value::AshExpr(e)) => ((*e).clone(), Some(type_arg(ty)?)),
                _ => {
                    return Err(EvalError::new(
                        "ArgumentError",
                        "only expression calculations ({Ash.Resource.Calculation.Expression, expr: expr(...)}) are supported",
                    ));
                }
            }
        }
        [ty @ Value::Atom(_), Value::AshExpr(e), ..] => ((**e).clone(), Some(type_arg(ty)?)),
        [Value::AshExpr(e), ty @ Value::Atom(_), ..] => ((**e).clone(), Some(type_arg(ty)?)),
        [Value::AshExpr(e)] => ((**e).clone(), None),
        _ => return Err(args::no_clause("Ash.Query", "calculate", args.len())),
    };
    let (aggs, calcs) = extra_names(&q);
    match expr::resolve(
        &raw,
        &q.resource,
        Extras {
            aggregates: &aggs,
            calculations: &calcs,
        },
    ) {
        Ok(resolved) => {
            let ty = ty.unwrap_or_else(|| expr::infer_type(&resolved, &q.resource));
            q.extra_calculations.retain(|(n, _)| *n != name);
            q.extra_calculations.push((name, CalcSpec { expr: resolved, ty }));
        }
        Err(message) => q.errors.push(errors::unknown_error(
            &format!("calculations: {message}"),
            &["calculations"],
        )),
    }
    done(q)
}

/// `Ash.Query.aggregate`: `(q, name, kind, rel, opts)` (Ash 2.4) and the chapter's
/// `(q, name, [rel], opts)` (a count).
pub fn aggregate(args: &[Value]) -> Result<Value, EvalError> {
    let [query, name, rest @ ..] = args else {
        return Err(args::no_clause("Ash.Query", "aggregate", args.len()));
    };
    let mut q = to_query(query)?;
    let bad = || args::no_clause("Ash.Query", "aggregate", args.len());
    let name = name.atom_name().ok_or_else(bad)?.to_string();
    let (kind, rel, opts) = match rest {
        [Value::Atom(kind), rel, opts @ ..] => (
            AggregateKind::from_name(kind)
                .ok_or_else(|| EvalError::new("ArgumentError", format!("unknown aggregate kind :{kind}")))?,
            rel,
            opts.first().cloned().unwrap_or(Value::Nil),
        ),
        [rel @ Value::List(_), opts @ ..] => (
            AggregateKind::Count,
            rel,
            opts.first().cloned().unwrap_or(Value::Nil),
        ),
        _ => return Err(bad()),
    };
    let rel_name = match rel {
        Value::Atom(a) => a.to_string(),
        Value::List(items) if items.len() == 1 => items
            .first()
            .and_then(|item| item.atom_name().map(|name| name.to_string()))
            .ok_or_else(bad)?,
        other => errors::to_text(other),
    };
    let Some(dest) = q
        .resource
        .relationship(&rel_name)
        .and_then(|r| q.resource.sibling(&r.destination))
    else {
        q.errors.push(errors::no_such_relationship(
            &q.resource,
            &rel_name,
            &["aggregate"],
        ));
        return done(q);
    };
    let mut spec = AggregateSpec {
        kind,
        relationship: rel_name,
        filter: None,
        field: None,
        sort: Vec::new(),
    };
    if let Some(f) = args::keyword_get(&opts, "filter")
        && let Some(raw) = filter_expr(&f)?
    {
        match expr::resolve(&raw, &dest, Extras::default()) {
            Ok(e) => spec.filter = Some(e),
            Err(message) => {
                q.errors.push(errors::unknown_error(
                    &format!("filter: {message}"),
                    &["aggregate", "filter"],
                ));
                return done(q);
            }
        }
    }
    if let Some(field) = args::keyword_get(&opts, "field") {
        match field.atom_name() {
            Some(f) if dest.attribute(&f).is_some() => spec.field = Some(f.to_string()),
            _ => {
                q.errors.push(errors::no_such_attribute(
                    &dest,
                    &errors::to_text(&field),
                    &["aggregate"],
                ));
                return done(q);
            }
        }
    }
    if let Some(sorts) = args::keyword_get(&opts, "sort") {
        for pair in sort_pairs(&sorts) {
            match pair {
                Ok((f, o)) if dest.attribute(&f).is_some() => spec.sort.push((f, o)),
                Ok((f, _)) => q
                    .errors
                    .push(errors::no_such_attribute(&dest, &f, &["aggregate", "sort"])),
                Err((e, _)) => q.errors.push(e),
            }
        }
    }
    q.extra_aggregates.retain(|(n, _)| *n != name);
    q.extra_aggregates.push((name, spec));
    done(q)
}

/// `Ash.Query.for_read(query, action)`: an unknown action is carried as a query error.
pub fn for_read(query: &Value, action: &Value, params: Option<&Value>) -> Result<Value, EvalError> {
    let mut q = to_query(query)?;
    let resource = q.resource.clone();
    let found = action
        .atom_name()
        .and_then(|n| resource.action(&n))
        .filter(|a| a.kind == ActionKind::Read);
    let Some(found) = found else {
        q.errors.push(errors::unknown_error(
            &format!("action: No such action {}", errors::to_text(action)),
            &["action"],
        ));
        return done(q);
    };
    // A read action's `filter expr(...)` applies to every read through it (checked when the
    // project was read, so it resolves).
    if let Some(filter) = &found.filter {
        let arguments = match params {
            Some(params) => args::params(params)?,
            None => Vec::new(),
        };
        q.action = Some(found.name.clone());
        let resolved = expr::resolve_model(&filter.ast, &arguments, &resource)?;
        q.filter = Some(Expr::and(q.filter.take(), resolved));
    }
    done(q)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::testing::{ticket_resource, user_resource};

    /// (sort input, expected sort, expected error messages)
    type SortRow = (Value, Vec<(Expr, SortOrder)>, Vec<&'static str>);
    /// (resource, load input, relationship loads, aggregates, calculations, errors)
    type LoadRow = (
        &'static ResourceRef,
        Value,
        Vec<LoadItem>,
        Vec<String>,
        Vec<String>,
        Vec<&'static str>,
    );

    fn module(r: &crate::model::Resource) -> Value {
        Value::Module(Rc::from(r.name.as_str()))
    }

    fn q(v: Result<Value, EvalError>) -> AshQuery {
        match v {
            Ok(Value::Query(q)) => (*q).clone(),
            _ => AshQuery::new(ticket_resource()),
        }
    }

    fn error_messages(q: &AshQuery) -> Vec<String> {
        q.errors.iter().map(errors::message).collect()
    }

    #[test]
    fn sorts() {
        let rows: Vec<SortRow> = vec![
            (
                Value::atom("subject"),
                vec![(Expr::Attr("subject".into()), SortOrder::Asc)],
                vec![],
            ),
            (
                Value::keyword(vec![
                    ("status", Value::atom("asc")),
                    ("subject", Value::atom("desc")),
                ]),
                vec![
                    (Expr::Attr("status".into()), SortOrder::Asc),
                    (Expr::Attr("subject".into()), SortOrder::Desc),
                ],
                vec![],
            ),
            (
                Value::list(vec![
                    Value::atom("status"),
                    Value::tuple(vec![Value::atom("subject"), Value::atom("desc")]),
                ]),
                vec![
                    (Expr::Attr("status".into()), SortOrder::Asc),
                    (Expr::Attr("subject".into()), SortOrder::Desc),
                ],
                vec![],
            ),
            (
                Value::keyword(vec![("representative_id", Value::atom("asc_nils_first"))]),
                vec![(Expr::Attr("representative_id".into()), SortOrder::AscNilsFirst)],
                vec![],
            ),
            (
                Value::atom("bogus"),
                vec![],
                vec!["No such attribute bogus for resource Support.Ticket"],
            ),
            (
                Value::keyword(vec![("subject", Value::atom("sideways"))]),
                vec![],
                vec!["No such sort order :sideways"],
            ),
            (
                Value::string("-subject"),
                vec![(Expr::Attr("subject".into()), SortOrder::Desc)],
                vec![],
            ),
        ];
        for (input, expected, errs) in rows {
            let got = q(sort(&module(ticket_resource()), &input));
            assert_eq!(got.sort, expected, "{input:?}");
            assert_eq!(error_messages(&got), errs, "{input:?}");
        }
        // Sorting by an aggregate or calculation references it.
        let got = q(sort(
            &module(user_resource()),
            &Value::keyword(vec![("closed_assigned_tickets", Value::atom("desc"))]),
        ));
        assert_eq!(
            got.sort,
            vec![(Expr::Aggregate("closed_assigned_tickets".into()), SortOrder::Desc)]
        );
        let got = q(sort(
            &module(user_resource()),
            &Value::atom("assigned_open_percent"),
        ));
        assert_eq!(
            got.sort,
            vec![(Expr::Calc("assigned_open_percent".into()), SortOrder::Asc)]
        );
        // Sorts append.
        let first = sort(&module(ticket_resource()), &Value::atom("subject")).unwrap_or(Value::Nil);
        let got = q(sort(
            &first,
            &Value::keyword(vec![("status", Value::atom("desc"))]),
        ));
        assert_eq!(got.sort.len(), 2);
    }

    #[test]
    fn loads() {
        let rows: Vec<LoadRow> = vec![
            (
                user_resource(),
                Value::atom("assigned_tickets"),
                vec![LoadItem::Relationship {
                    name: "assigned_tickets".into(),
                    nested: vec![],
                }],
                vec![],
                vec![],
                vec![],
            ),
            (
                user_resource(),
                Value::keyword(vec![(
                    "assigned_tickets",
                    Value::list(vec![Value::atom("reporter")]),
                )]),
                vec![LoadItem::Relationship {
                    name: "assigned_tickets".into(),
                    nested: vec![LoadItem::Relationship {
                        name: "reporter".into(),
                        nested: vec![],
                    }],
                }],
                vec![],
                vec![],
                vec![],
            ),
            (
                user_resource(),
                Value::list(vec![
                    Value::atom("closed_assigned_tickets"),
                    Value::atom("assigned_open_percent"),
                    Value::atom("name"),
                ]),
                vec![],
                vec!["closed_assigned_tickets".into()],
                vec!["assigned_open_percent".into()],
                vec![],
            ),
            (
                user_resource(),
                Value::atom("bogus"),
                vec![],
                vec![],
                vec![],
                vec![":bogus is not a valid load"],
            ),
            (
                ticket_resource(),
                Value::keyword(vec![("representative", Value::atom("bogus"))]),
                vec![LoadItem::Relationship {
                    name: "representative".into(),
                    nested: vec![],
                }],
                vec![],
                vec![],
                vec![":bogus is not a valid load"],
            ),
        ];
        for (resource, input, rels, aggs, calcs, errs) in rows {
            let got = q(load(&module(resource), &input));
            assert_eq!(got.load, rels, "{input:?}");
            assert_eq!(got.aggregates, aggs, "{input:?}");
            assert_eq!(got.calculations, calcs, "{input:?}");
            assert_eq!(error_messages(&got), errs, "{input:?}");
        }
        // Loading a relationship twice merges the nested loads.
        let first = load(&module(user_resource()), &Value::atom("assigned_tickets")).unwrap_or(Value::Nil);
        let got = q(load(
            &first,
            &Value::keyword(vec![("assigned_tickets", Value::atom("reporter"))]),
        ));
        assert_eq!(
            got.load,
            vec![LoadItem::Relationship {
                name: "assigned_tickets".into(),
                nested: vec![LoadItem::Relationship {
                    name: "reporter".into(),
                    nested: vec![]
                }],
            }]
        );
    }

    #[test]
    fn filters() {
        let e = |x: Expr| Value::AshExpr(Rc::new(x));
        let got = q(filter(
            &module(ticket_resource()),
            &e(Expr::op(
                Op::Eq,
                Expr::Attr("bogus".into()),
                Expr::Lit(Lit::Int(1)),
            )),
        ));
        assert_eq!(got.filter, None);
        assert_eq!(error_messages(&got), vec!["filter: Invalid reference bogus"]);

        let first = filter(
            &module(ticket_resource()),
            &e(Expr::op(
                Op::Eq,
                Expr::Attr("status".into()),
                Expr::Lit(Lit::Atom("open".into())),
            )),
        )
        .unwrap_or(Value::Nil);
        let got = q(filter(
            &first,
            &Value::keyword(vec![("subject", Value::string("x"))]),
        ));
        assert_eq!(
            got.filter,
            Some(Expr::op(
                Op::And,
                Expr::op(
                    Op::Eq,
                    Expr::Attr("status".into()),
                    Expr::Lit(Lit::Atom("open".into()))
                ),
                Expr::op(
                    Op::Eq,
                    Expr::Attr("subject".into()),
                    Expr::Lit(Lit::Str("x".into()))
                ),
            ))
        );

        let got = q(filter(
            &module(user_resource()),
            &e(Expr::op(
                Op::GtEq,
                Expr::Attr("closed_assigned_tickets".into()),
                Expr::Lit(Lit::Int(2)),
            )),
        ));
        assert_eq!(got.aggregates, vec!["closed_assigned_tickets".to_string()]);
    }

    #[test]
    fn limits_offsets() {
        let rows: Vec<(Value, bool, Option<i64>, Vec<&str>)> = vec![
            (Value::Int(2), true, Some(2), vec![]),
            (Value::Int(-1), true, Some(0), vec![]),
            (Value::string("2"), true, None, vec!["\"2\" is not a valid limit"]),
            (Value::Int(4), false, Some(4), vec![]),
            (Value::atom("x"), false, None, vec![":x is not a valid offset"]),
        ];
        for (input, is_limit, expected, errs) in rows {
            let got = q(limit_or_offset(&module(ticket_resource()), &input, is_limit));
            assert_eq!(if is_limit { got.limit } else { got.offset }, expected);
            assert_eq!(error_messages(&got), errs);
        }
    }

    #[test]
    fn adhoc_calculations_and_aggregates() {
        let concat = Value::AshExpr(Rc::new(Expr::op(
            Op::Concat,
            Expr::Attr("name".into()),
            Expr::Lit(Lit::Str("-".into())),
        )));
        let real = Value::tuple(vec![
            Value::Module(Rc::from("Ash.Resource.Calculation.Expression")),
            Value::keyword(vec![("expr", concat.clone())]),
        ]);
        let forms: Vec<Vec<Value>> = vec![
            vec![
                module(user_resource()),
                Value::atom("username"),
                real,
                Value::atom("string"),
            ],
            vec![
                module(user_resource()),
                Value::atom("username"),
                Value::atom("string"),
                concat.clone(),
            ],
            vec![module(user_resource()), Value::atom("username"), concat],
        ];
        for form in forms {
            let got = q(calculate(&form));
            assert_eq!(got.extra_calculations.len(), 1);
            assert_eq!(got.extra_calculations[0].0, "username");
            assert_eq!(got.extra_calculations[0].1.ty, Type::String);
        }

        let status_closed = Value::AshExpr(Rc::new(Expr::op(
            Op::NotEq,
            Expr::Attr("status".into()),
            Expr::Lit(Lit::Atom("closed".into())),
        )));
        let seed = vec![
            module(user_resource()),
            Value::atom("all_reported_tickets"),
            Value::list(vec![Value::atom("reported_tickets")]),
            Value::keyword(vec![("filter", status_closed.clone())]),
        ];
        let got = q(aggregate(&seed));
        assert_eq!(
            got.extra_aggregates,
            vec![(
                "all_reported_tickets".to_string(),
                AggregateSpec {
                    kind: AggregateKind::Count,
                    relationship: "reported_tickets".into(),
                    filter: Some(Expr::op(
                        Op::NotEq,
                        Expr::Attr("status".into()),
                        Expr::Lit(Lit::Atom("closed".into())),
                    )),
                    field: None,
                    sort: vec![],
                }
            )]
        );
        let first = vec![
            module(user_resource()),
            Value::atom("first_subject"),
            Value::atom("first"),
            Value::atom("assigned_tickets"),
            Value::keyword(vec![
                ("field", Value::atom("subject")),
                ("sort", Value::keyword(vec![("subject", Value::atom("desc"))])),
            ]),
        ];
        let got = q(aggregate(&first));
        assert_eq!(got.extra_aggregates[0].1.field.as_deref(), Some("subject"));
        assert_eq!(
            got.extra_aggregates[0].1.sort,
            vec![("subject".to_string(), SortOrder::Desc)]
        );

        let bogus = vec![
            module(user_resource()),
            Value::atom("n"),
            Value::atom("count"),
            Value::atom("bogus_rel"),
        ];
        let got = q(aggregate(&bogus));
        assert_eq!(
            error_messages(&got),
            vec!["No such relationship bogus_rel for resource Support.User"]
        );

        let kw_filter = vec![
            module(user_resource()),
            Value::atom("closed_assigned"),
            Value::atom("count"),
            Value::atom("assigned_tickets"),
            Value::keyword(vec![(
                "filter",
                Value::keyword(vec![("status", Value::atom("closed"))]),
            )]),
        ];
        let got = q(aggregate(&kw_filter));
        assert_eq!(
            got.extra_aggregates[0].1.filter,
            Some(Expr::op(
                Op::Eq,
                Expr::Attr("status".into()),
                Expr::Lit(Lit::Atom("closed".into()))
            ))
        );
    }

    #[test]
    fn for_read_errors() {
        let got = q(for_read(&module(ticket_resource()), &Value::atom("bogus"), None));
        assert_eq!(error_messages(&got), vec!["action: No such action bogus"]);
        let got = q(for_read(&module(ticket_resource()), &Value::atom("read"), None));
        assert!(got.errors.is_empty());
    }
}
