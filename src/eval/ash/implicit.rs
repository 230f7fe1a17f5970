//! The filters Ash adds to a read by itself, added to a read plan where Ash 2 and ash_postgres
//! 1.x add them. A resource's `base_filter` (`resource do base_filter ... end`, AshArchival's
//! `is_nil(archived_at)`): the root read (`Ash.Query.new`), so relationship loads too, each
//! relationship path of a filter, sort or calculation (ash_postgres's joins, `do_base_filter`)
//! and each aggregate's related rows. A relationship's `filter:` (`has_many :open_tickets,
//! Ticket, filter: expr(status == :open)`): its loads, the paths through it and the aggregates
//! over it. They go into the plan sent to the database, not into the query value a user prints.

use crate::model::{Relationship, ResourceRef};
use crate::query::{Expr, Op, ReadPlan, SortOrder};

use super::expr;
use crate::eval::error::EvalError;

/// The resource's base filter resolved against it, all parts ANDed; None when it has none.
pub fn base_filter(resource: &ResourceRef) -> Result<Option<Expr>, EvalError> {
    let mut out = None;
    for part in &resource.base_filter {
        out = Some(Expr::and(out, resolved(&part.ast, resource)?));
    }
    Ok(out)
}

/// A relationship's `filter:` resolved against its destination; None when it has none.
pub fn relationship_filter(rel: &Relationship, dest: &ResourceRef) -> Result<Option<Expr>, EvalError> {
    rel.filter
        .as_ref()
        .map(|filter| resolved(&filter.ast, dest))
        .transpose()
}

/// A relationship's `sort:` as a read's sort over its destination: attributes, aggregates and
/// calculations by name (a name that is none of them is an error, reported when the project
/// is read).
pub fn relationship_sort(
    rel: &Relationship,
    dest: &ResourceRef,
) -> Result<Vec<(Expr, SortOrder)>, EvalError> {
    rel.sort
        .iter()
        .map(|(field, desc)| {
            let order = if *desc { SortOrder::Desc } else { SortOrder::Asc };
            expr::resolve(&Expr::Attr(field.clone()), dest, expr::Extras::default())
                .map(|e| (e, order))
                .map_err(|m| EvalError::new("RuntimeError", format!("sort: {m}")))
        })
        .collect()
}

/// What every row read through `rel` (to `dest`) must pass: the relationship's filter and the
/// destination's base filter.
pub fn through(rel: &Relationship, dest: &ResourceRef) -> Result<Option<Expr>, EvalError> {
    let mut out = relationship_filter(rel, dest)?;
    if let Some(base) = base_filter(dest)? {
        out = Some(Expr::and(out, base));
    }
    Ok(out)
}

/// A model expression resolved against `resource`, its relationship paths (`reporter.name`)
/// made `Exists`, as a query's filter is before it is sent.
fn resolved(ast: &crate::syntax::ast::Expr, resource: &ResourceRef) -> Result<Expr, EvalError> {
    let resolved = expr::resolve_model(ast, &[], resource)?;
    Ok(super::read::rewrite_paths(resource, &resolved))
}

/// Adds the implicit filters to everything `plan` reads: its own rows, the related rows of
/// every relationship path and of every aggregate.
pub fn apply(plan: &mut ReadPlan) -> Result<(), EvalError> {
    let resource = plan.resource.clone();
    // Most projects have none (the chapter): the plan is left as it is, not walked.
    let project = resource.project();
    let any = project
        .resources
        .iter()
        .any(|r| !r.base_filter.is_empty() || r.relationships.iter().any(|rel| rel.filter.is_some()));
    if !any {
        return Ok(());
    }
    if let Some(base) = base_filter(&resource)? {
        plan.filter = Some(Expr::and(plan.filter.take(), base));
    }
    if let Some(filter) = plan.filter.take() {
        plan.filter = Some(in_paths(&filter, &resource)?);
    }
    for (sort, _) in &mut plan.sort {
        *sort = in_paths(sort, &resource)?;
    }
    for column in &mut plan.columns {
        column.expr = in_paths(&column.expr, &resource)?;
    }
    for (_, calc) in &mut plan.calculations {
        calc.expr = in_paths(&calc.expr, &resource)?;
    }
    for (_, spec) in &mut plan.aggregates {
        let Some(rel) = resource.relationship(&spec.relationship) else {
            continue;
        };
        let Some(dest) = resource.sibling(&rel.destination) else {
            continue;
        };
        if let Some(filter) = spec.filter.take() {
            spec.filter = Some(in_paths(&filter, &dest)?);
        }
        if let Some(implied) = through(rel, &dest)? {
            spec.filter = Some(Expr::and(spec.filter.take(), implied));
        }
    }
    Ok(())
}

/// `expr` (over `resource`) with each relationship path also requiring the related record to
/// pass what reads through that relationship pass.
fn in_paths(expr: &Expr, resource: &ResourceRef) -> Result<Expr, EvalError> {
    let Expr::Exists(name, inner) = expr else {
        return expr.try_map_children(&mut |e| in_paths(e, resource));
    };
    let (Some(rel), Some(dest)) = (resource.relationship(name), resource.destination(name)) else {
        return Ok(expr.clone());
    };
    let mut inner = in_paths(inner, &dest)?;
    if let Some(implied) = through(rel, &dest)? {
        inner = Expr::op(Op::And, inner, implied);
    }
    Ok(Expr::Exists(name.clone(), Box::new(inner)))
}
