//! Ash's `base_filter`: the filter every read of a resource keeps to (`resource do base_filter
//! ... end`, AshArchival's `is_nil(archived_at)`), added to a read plan where Ash 2 and
//! ash_postgres 1.x add it: the root read (`Ash.Query.new`), so relationship loads too; each
//! relationship path of a filter, sort or calculation (ash_postgres's joins, `do_base_filter`);
//! each aggregate's related rows. It goes into the plan sent to the database, not into the
//! query value a user prints.

use crate::model::ResourceRef;
use crate::query::{Expr, ReadPlan};

use super::expr;
use crate::eval::error::EvalError;

/// The resource's base filter resolved against it, all parts ANDed; None when it has none.
pub fn of(resource: &ResourceRef) -> Result<Option<Expr>, EvalError> {
    let mut out = None;
    for part in &resource.base_filter {
        let converted = expr::model_expr(&part.ast)?;
        let resolved = expr::resolve(&converted, resource, expr::Extras::default())
            .map_err(|m| EvalError::new("RuntimeError", m))?;
        out = Some(Expr::and(out, resolved));
    }
    Ok(out)
}

/// Adds the base filters to everything `plan` reads: its own rows, the related rows of every
/// relationship path and of every aggregate.
pub fn apply(plan: &mut ReadPlan) -> Result<(), EvalError> {
    let resource = plan.resource.clone();
    if let Some(base) = of(&resource)? {
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
        let Some(dest) = resource
            .relationship(&spec.relationship)
            .and_then(|r| resource.sibling(&r.destination))
        else {
            continue;
        };
        if let Some(filter) = spec.filter.take() {
            spec.filter = Some(in_paths(&filter, &dest)?);
        }
        if let Some(base) = of(&dest)? {
            spec.filter = Some(Expr::and(spec.filter.take(), base));
        }
    }
    Ok(())
}

/// `expr` (over `resource`) with each relationship path also requiring the related record to
/// pass its resource's base filter.
fn in_paths(expr: &Expr, resource: &ResourceRef) -> Result<Expr, EvalError> {
    let nested = |e: &Expr| in_paths(e, resource).map(Box::new);
    Ok(match expr {
        Expr::Lit(_) | Expr::Attr(_) | Expr::Aggregate(_) | Expr::Calc(_) => expr.clone(),
        Expr::Op(op, a, b) => Expr::Op(*op, nested(a)?, nested(b)?),
        Expr::Not(a) => Expr::Not(nested(a)?),
        Expr::IsNil(a) => Expr::IsNil(nested(a)?),
        Expr::Contains(a, b) => Expr::Contains(nested(a)?, nested(b)?),
        Expr::If(a, b, c) => Expr::If(nested(a)?, nested(b)?, nested(c)?),
        Expr::Exists(rel, inner) => {
            let Some(dest) = resource
                .relationship(rel)
                .and_then(|r| resource.sibling(&r.destination))
            else {
                return Ok(expr.clone());
            };
            let mut inner = in_paths(inner, &dest)?;
            if let Some(base) = of(&dest)? {
                inner = Expr::op(crate::query::Op::And, inner, base);
            }
            Expr::Exists(rel.clone(), Box::new(inner))
        }
    })
}
