//! Ash expressions: the AST of `filter(...)` / `expr(...)` → `query::Expr`, references
//! resolved against a resource (attributes, relationship paths, aggregates, calculations),
//! literal casting to attribute types, and the model's expression strings.
//!
//! Does not run anything: queries and reads decide what to do with the expressions.

use crate::eval::error::EvalError;
use crate::model::{self, ResourceRef, Type};
use crate::query::{Expr, Lit, Now, Op};
use crate::syntax::ast::{self, BinOp, ExprKind, StrPart, UnaryOp};
use crate::value::Value;

/// Evaluates a pinned (`^x`) expression in the caller's environment.
pub type PinEval<'a> = dyn FnMut(&ast::Expr) -> Result<Value, EvalError> + 'a;

fn invalid(what: &str) -> EvalError {
    EvalError::new(
        "ArgumentError",
        format!("invalid expression in Ash expression: {what}"),
    )
}

fn arithmetic_error() -> EvalError {
    EvalError::new("ArithmeticError", "bad argument in arithmetic expression")
}

/// Converts an expression AST. Bare identifiers become `Expr::Attr(name)` (unresolved);
/// `rel.field` becomes `Expr::Attr("rel.field")`; a keyword list becomes ANDed equalities.
pub fn convert(e: &ast::Expr, pin: &mut PinEval<'_>) -> Result<Expr, EvalError> {
    match &e.kind {
        ExprKind::List { items, tail: None } if !items.is_empty() => {
            if let Some(pairs) = keyword_ast(items) {
                let mut out: Option<Expr> = None;
                for (key, value) in pairs {
                    out = Some(Expr::and(out, keyword_part(key, value, pin)?));
                }
                return out.ok_or_else(|| invalid("[]"));
            }
            convert_inner(e, pin)
        }
        _ => convert_inner(e, pin),
    }
}

/// One pair of a keyword filter, as `Ash.Filter` reads it: `field: value` is equality,
/// `is_nil: :field` is `is_nil(field)`, `field: [is_nil: true, gt: 1]` applies the operators.
fn keyword_part(key: &str, value: &ast::Expr, pin: &mut PinEval<'_>) -> Result<Expr, EvalError> {
    let field = || Expr::Attr(key.to_string());
    if key == "is_nil"
        && let ExprKind::Atom(name) = &value.kind
    {
        return Ok(Expr::IsNil(Box::new(Expr::Attr(name.clone()))));
    }
    if let ExprKind::List { items, tail: None } = &value.kind
        && let Some(ops) = keyword_ast(items)
        && ops
            .iter()
            .all(|(op, _)| *op == "is_nil" || keyword_operator(op).is_some())
    {
        let mut out: Option<Expr> = None;
        for (op, operand) in ops {
            let part = match (keyword_operator(op), &operand.kind) {
                (Some(op), _) => Expr::op(op, field(), convert(operand, pin)?),
                (None, ExprKind::Bool(true)) => Expr::IsNil(Box::new(field())),
                (None, ExprKind::Bool(false)) => Expr::Not(Box::new(Expr::IsNil(Box::new(field())))),
                (None, _) => return Err(invalid("is_nil: takes true or false")),
            };
            out = Some(Expr::and(out, part));
        }
        return out.ok_or_else(|| invalid("[]"));
    }
    Ok(Expr::op(Op::Eq, field(), convert(value, pin)?))
}

/// The operators a keyword filter names (`Ash.Filter`'s operator keys).
fn keyword_operator(name: &str) -> Option<Op> {
    Some(match name {
        "eq" | "equals" => Op::Eq,
        "not_eq" | "not_equals" => Op::NotEq,
        "in" => Op::In,
        "lt" | "less_than" => Op::Lt,
        "lte" | "less_than_or_equal" => Op::LtEq,
        "gt" | "greater_than" => Op::Gt,
        "gte" | "greater_than_or_equal" => Op::GtEq,
        _ => return None,
    })
}

fn keyword_ast(items: &[ast::Expr]) -> Option<Vec<(&str, &ast::Expr)>> {
    items
        .iter()
        .map(|item| match &item.kind {
            ExprKind::Tuple(pair) => match pair.as_slice() {
                [
                    ast::Expr {
                        kind: ExprKind::Atom(k),
                        ..
                    },
                    v,
                ] => Some((k.as_str(), v)),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn convert_inner(e: &ast::Expr, pin: &mut PinEval<'_>) -> Result<Expr, EvalError> {
    Ok(match &e.kind {
        ExprKind::Nil => Expr::Lit(Lit::Nil),
        ExprKind::Bool(b) => Expr::Lit(Lit::Bool(*b)),
        ExprKind::Int(i) => Expr::Lit(Lit::Int(*i)),
        ExprKind::Float(f) => Expr::Lit(Lit::Float(*f)),
        ExprKind::BigInt(_) => return Err(arithmetic_error()),
        ExprKind::Atom(a) => Expr::Lit(Lit::Atom(a.clone())),
        ExprKind::Str(parts) => match parts.as_slice() {
            [] => Expr::Lit(Lit::Str(String::new())),
            [StrPart::Lit(s)] => Expr::Lit(Lit::Str(s.clone())),
            _ => value_to_expr(&pin(e)?)?,
        },
        ExprKind::Sigil { .. } => value_to_expr(&pin(e)?)?,
        ExprKind::Var(name) => Expr::Attr(name.clone()),
        ExprKind::Pin(inner) => value_to_expr(&pin(inner)?)?,
        ExprKind::Field { target, name } => field_ref(target, name, pin)?,
        ExprKind::List { items, tail: None } => {
            let mut lits = Vec::with_capacity(items.len());
            for item in items {
                match convert_inner(item, pin)? {
                    Expr::Lit(l) => lits.push(l),
                    _ => return Err(invalid("a list may only hold values")),
                }
            }
            Expr::Lit(Lit::List(lits))
        }
        ExprKind::Unary { op, operand } => {
            let inner = convert_inner(operand, pin)?;
            match op {
                UnaryOp::Not | UnaryOp::Bang => Expr::Not(Box::new(inner)),
                UnaryOp::Plus => inner,
                UnaryOp::Neg => match inner {
                    Expr::Lit(Lit::Int(i)) => {
                        Expr::Lit(Lit::Int(i.checked_neg().ok_or_else(arithmetic_error)?))
                    }
                    Expr::Lit(Lit::Float(f)) => Expr::Lit(Lit::Float(-f)),
                    other => Expr::op(Op::Sub, Expr::Lit(Lit::Int(0)), other),
                },
            }
        }
        ExprKind::Binary { op, left, right } => {
            let l = convert_inner(left, pin)?;
            let r = convert_inner(right, pin)?;
            binary(*op, l, r)?
        }
        ExprKind::If {
            cond,
            then,
            otherwise,
        } => Expr::If(
            Box::new(convert_inner(cond, pin)?),
            Box::new(convert_inner(then, pin)?),
            Box::new(match otherwise {
                Some(o) => convert_inner(o, pin)?,
                None => Expr::Lit(Lit::Nil),
            }),
        ),
        ExprKind::Block(items) if items.len() == 1 => convert_inner(&items[0], pin)?,
        // `actor(:id)`, `arg(:x)` written without `^`: Ash's templates all the same (the
        // resource DSL imports them; `filter(id: actor(:id))`).
        ExprKind::Call {
            target: None, name, ..
        } if name == "actor" || name == "arg" => value_to_expr(&pin(e)?)?,
        ExprKind::Call {
            target: None,
            name,
            args,
            ..
        } => call(name, args, pin)?,
        _ => return Err(invalid("unsupported syntax")),
    })
}

fn call(name: &str, args: &[ast::Expr], pin: &mut PinEval<'_>) -> Result<Expr, EvalError> {
    Ok(match (name, args) {
        ("is_nil", [x]) => Expr::IsNil(Box::new(convert_inner(x, pin)?)),
        ("not", [x]) => Expr::Not(Box::new(convert_inner(x, pin)?)),
        ("contains", [a, b]) => {
            Expr::Contains(Box::new(convert_inner(a, pin)?), Box::new(convert_inner(b, pin)?))
        }
        ("expr", [x]) => convert(x, pin)?,
        ("now", []) => Expr::Lit(Lit::Now(Now {
            today: false,
            shift: None,
        })),
        ("today", []) => Expr::Lit(Lit::Now(Now {
            today: true,
            shift: None,
        })),
        ("ago" | "from_now", [amount, unit]) => {
            let amount = match convert_inner(amount, pin)? {
                Expr::Lit(Lit::Int(n)) => n,
                _ => return Err(invalid(&format!("{name} needs an integer amount"))),
            };
            let unit = match convert_inner(unit, pin)? {
                Expr::Lit(Lit::Atom(unit)) if Now::unit_micros(&unit).is_some() => unit,
                _ => {
                    return Err(invalid(&format!(
                        "{name} needs a unit (:second, :minute, :hour, :day, :week)"
                    )));
                }
            };
            let amount = if name == "ago" { -amount } else { amount };
            Expr::Lit(Lit::Now(Now {
                today: false,
                shift: Some((amount, unit)),
            }))
        }
        ("if", [cond, branches]) => {
            let ExprKind::List { items, .. } = &branches.kind else {
                return Err(invalid("if needs do:/else:"));
            };
            let pairs = keyword_ast(items).ok_or_else(|| invalid("if needs do:/else:"))?;
            let mut then = Expr::Lit(Lit::Nil);
            let mut otherwise = Expr::Lit(Lit::Nil);
            for (key, value) in pairs {
                match key {
                    "do" => then = convert_inner(value, pin)?,
                    "else" => otherwise = convert_inner(value, pin)?,
                    _ => return Err(invalid("if needs do:/else:")),
                }
            }
            Expr::If(
                Box::new(convert_inner(cond, pin)?),
                Box::new(then),
                Box::new(otherwise),
            )
        }
        _ => {
            return Err(EvalError::new(
                "Ash.Error.Query.NoSuchFunction",
                format!("No such function {name}/{}", args.len()),
            ));
        }
    })
}

/// `rel.field` (a relationship path) or `^value.field` (a pinned value's field).
fn field_ref(target: &ast::Expr, name: &str, pin: &mut PinEval<'_>) -> Result<Expr, EvalError> {
    let mut path = vec![name.to_string()];
    let mut node = target;
    loop {
        match &node.kind {
            ExprKind::Var(v) => {
                path.push(v.clone());
                path.reverse();
                return Ok(Expr::Attr(path.join(".")));
            }
            ExprKind::Field { target, name } => {
                path.push(name.clone());
                node = target;
            }
            ExprKind::Pin(inner) => {
                let mut value = pin(inner)?;
                for key in path.iter().rev() {
                    value = field_of(&value, key)?;
                }
                return value_to_expr(&value);
            }
            _ => return Err(invalid("unsupported field access")),
        }
    }
}

fn field_of(value: &Value, key: &str) -> Result<Value, EvalError> {
    let found = match value {
        Value::Record(r) => r.field(key),
        Value::Map(m) => m.get(&Value::atom(key)).cloned(),
        Value::Struct(s) => s.get(key).cloned(),
        _ => None,
    };
    found.ok_or_else(|| {
        EvalError::new(
            "KeyError",
            format!("key :{key} not found in: {}", super::errors::inspect(value)),
        )
    })
}

fn binary(op: BinOp, l: Expr, r: Expr) -> Result<Expr, EvalError> {
    let op = match op {
        BinOp::Or => Op::Or,
        BinOp::OrOr => Op::OrOr,
        BinOp::And => Op::And,
        BinOp::AndAnd => Op::AndAnd,
        BinOp::Eq | BinOp::StrictEq => Op::Eq,
        BinOp::NotEq | BinOp::StrictNotEq => Op::NotEq,
        BinOp::Lt => Op::Lt,
        BinOp::Gt => Op::Gt,
        BinOp::LtEq => Op::LtEq,
        BinOp::GtEq => Op::GtEq,
        BinOp::In => Op::In,
        BinOp::NotIn => return Ok(Expr::Not(Box::new(Expr::op(Op::In, l, r)))),
        BinOp::StrConcat => Op::Concat,
        BinOp::Add => Op::Add,
        BinOp::Sub => Op::Sub,
        BinOp::Mul => Op::Mul,
        BinOp::Div => Op::Div,
        BinOp::Concat | BinOp::Subtract => {
            return Err(EvalError::new(
                "Ash.Error.Query.NoSuchOperator",
                format!("No such operator {}", op.symbol()),
            ));
        }
    };
    fold(op, l, r)
}

/// Evaluates operators on two literals at build time, as Ash does (`1 / 0` raises here).
fn fold(op: Op, l: Expr, r: Expr) -> Result<Expr, EvalError> {
    let folded = match (&l, &r) {
        (Expr::Lit(a), Expr::Lit(b)) => fold_lits(op, a, b)?,
        _ => None,
    };
    Ok(folded.map_or_else(|| Expr::op(op, l, r), Expr::Lit))
}

fn fold_lits(op: Op, a: &Lit, b: &Lit) -> Result<Option<Lit>, EvalError> {
    let num = |l: &Lit| match l {
        Lit::Int(i) => Some(*i as f64),
        Lit::Float(f) => Some(*f),
        _ => None,
    };
    Ok(match (op, a, b) {
        (Op::Concat, Lit::Str(x), Lit::Str(y)) => Some(Lit::Str(format!("{x}{y}"))),
        (Op::Add | Op::Sub | Op::Mul, Lit::Int(x), Lit::Int(y)) => {
            let v = match op {
                Op::Add => x.checked_add(*y),
                Op::Sub => x.checked_sub(*y),
                _ => x.checked_mul(*y),
            };
            Some(Lit::Int(v.ok_or_else(arithmetic_error)?))
        }
        (Op::Add | Op::Sub | Op::Mul | Op::Div, _, _) => match (num(a), num(b)) {
            (Some(x), Some(y)) => Some(Lit::Float(match op {
                Op::Add => x + y,
                Op::Sub => x - y,
                Op::Mul => x * y,
                _ => {
                    if y == 0.0 {
                        return Err(arithmetic_error());
                    }
                    x / y
                }
            })),
            _ => None,
        },
        _ => None,
    })
}

/// A pinned value as an expression (literals, lists of literals, quoted expressions).
pub fn value_to_expr(value: &Value) -> Result<Expr, EvalError> {
    match value {
        Value::AshExpr(e) => Ok((**e).clone()),
        other => Ok(Expr::Lit(value_to_lit(other)?)),
    }
}

pub fn value_to_lit(value: &Value) -> Result<Lit, EvalError> {
    Ok(match value {
        Value::Nil => Lit::Nil,
        Value::Bool(b) => Lit::Bool(*b),
        Value::Int(i) => Lit::Int(*i),
        Value::Float(f) => Lit::Float(*f),
        Value::Str(s) => Lit::Str(s.to_string()),
        Value::Atom(a) => Lit::Atom(a.to_string()),
        Value::Scalar(scalar) => Lit::Scalar((**scalar).clone()),
        Value::List(items) => Lit::List(
            items
                .values()
                .iter()
                .map(value_to_lit)
                .collect::<Result<_, _>>()?,
        ),
        other => {
            return Err(EvalError::new(
                "ArgumentError",
                format!(
                    "cannot use {} as a value in an Ash expression",
                    super::errors::inspect(other)
                ),
            ));
        }
    })
}

/// What references in an expression may name, besides the resource's own fields.
#[derive(Default, Clone, Copy)]
pub struct Extras<'a> {
    pub aggregates: &'a [String],
    pub calculations: &'a [String],
}

/// Resolves `Expr::Attr` references against `resource`: attributes stay `Attr`, aggregates
/// become `Aggregate`, calculations `Calc`, `rel.field` paths are checked. Literals compared
/// with an atom attribute become atoms (`status == "closed"` → `status == :closed`).
/// Err carries the offending reference text (`bogus`).
pub fn resolve(expr: &Expr, resource: &ResourceRef, extras: Extras<'_>) -> Result<Expr, String> {
    Ok(match expr {
        Expr::Attr(name) => resolve_name(name, resource, extras)?,
        Expr::Lit(_) | Expr::Aggregate(_) | Expr::Calc(_) | Expr::Exists(_, _) => expr.clone(),
        Expr::Op(op, a, b) => {
            let a = resolve(a, resource, extras)?;
            let b = resolve(b, resource, extras)?;
            let (a, b) = cast_pair(*op, a, b, resource);
            Expr::op(*op, a, b)
        }
        Expr::Not(a) => Expr::Not(Box::new(resolve(a, resource, extras)?)),
        Expr::IsNil(a) => Expr::IsNil(Box::new(resolve(a, resource, extras)?)),
        Expr::Contains(a, b) => Expr::Contains(
            Box::new(resolve(a, resource, extras)?),
            Box::new(resolve(b, resource, extras)?),
        ),
        Expr::If(a, b, c) => Expr::If(
            Box::new(resolve(a, resource, extras)?),
            Box::new(resolve(b, resource, extras)?),
            Box::new(resolve(c, resource, extras)?),
        ),
    })
}

fn resolve_name(name: &str, resource: &ResourceRef, extras: Extras<'_>) -> Result<Expr, String> {
    if let Some((rel_name, rest)) = name.split_once('.') {
        let bad = || {
            let prefix: Vec<String> = name
                .split('.')
                .collect::<Vec<_>>()
                .split_last()
                .map(|(_, init)| init.iter().map(|s| format!(":{s}")).collect())
                .unwrap_or_default();
            format!(
                "Invalid reference {name} at relationship_path [{}]",
                prefix.join(", ")
            )
        };
        let rel = resource.relationship(rel_name).ok_or_else(bad)?;
        let dest = resource.sibling(&rel.destination).ok_or_else(bad)?;
        return match resolve_name(rest, &dest, Extras::default()) {
            Ok(Expr::Attr(_)) => Ok(Expr::Attr(name.to_string())),
            _ => Err(bad()),
        };
    }
    if resource.attribute(name).is_some() {
        Ok(Expr::Attr(name.to_string()))
    } else if resource.aggregate(name).is_some() || extras.aggregates.iter().any(|a| a == name) {
        Ok(Expr::Aggregate(name.to_string()))
    } else if resource.calculation(name).is_some() || extras.calculations.iter().any(|c| c == name) {
        Ok(Expr::Calc(name.to_string()))
    } else {
        Err(format!("Invalid reference {name}"))
    }
}

/// The type of an attribute reference (including `rel.field` paths).
pub fn attr_type(resource: &ResourceRef, name: &str) -> Option<Type> {
    match name.split_once('.') {
        Some((rel, rest)) => {
            let dest = resource.destination(rel)?;
            attr_type(&dest, rest)
        }
        None => resource.attribute(name).map(|a| a.ty.clone()),
    }
}

fn cast_pair(op: Op, a: Expr, b: Expr, resource: &ResourceRef) -> (Expr, Expr) {
    if !matches!(
        op,
        Op::Eq | Op::NotEq | Op::Lt | Op::LtEq | Op::Gt | Op::GtEq | Op::In
    ) {
        return (a, b);
    }
    let is_atom_attr = |e: &Expr| match e {
        Expr::Attr(n) => attr_type(resource, n).is_some_and(|t| t.is_atom()),
        _ => false,
    };
    if is_atom_attr(&a) {
        let b = match b {
            Expr::Lit(l) => Expr::Lit(lit_to_atom(l)),
            other => other,
        };
        (a, b)
    } else if is_atom_attr(&b) && op != Op::In {
        let a = match a {
            Expr::Lit(l) => Expr::Lit(lit_to_atom(l)),
            other => other,
        };
        (a, b)
    } else {
        (a, b)
    }
}

fn lit_to_atom(lit: Lit) -> Lit {
    match lit {
        Lit::Str(s) if !s.is_empty() => Lit::Atom(s),
        Lit::List(items) => Lit::List(items.into_iter().map(lit_to_atom).collect()),
        other => other,
    }
}

/// A model expression whose pins take a read action's arguments: `^arg(:name)` is the
/// argument's value (nil when not given), `^actor(...)` is nil (this shell has no actor).
pub fn model_expr_with(
    ast: &crate::syntax::ast::Expr,
    arguments: &[(String, Value)],
) -> Result<Expr, EvalError> {
    use crate::syntax::ast::ExprKind;
    convert(ast, &mut |pinned| match &pinned.kind {
        ExprKind::Call {
            target: None,
            name,
            args,
            ..
        } if name == "arg" => match args.as_slice() {
            [
                crate::syntax::ast::Expr {
                    kind: ExprKind::Atom(wanted),
                    ..
                },
            ] => Ok(arguments
                .iter()
                .find(|(n, _)| n == wanted)
                .map_or(Value::Nil, |(_, v)| v.clone())),
            _ => Err(EvalError::new("RuntimeError", "arg/1 takes an atom")),
        },
        ExprKind::Call {
            target: None, name, ..
        } if name == "actor" => Ok(Value::Nil),
        _ => Err(EvalError::new(
            "RuntimeError",
            "only ^arg(:name) and ^actor(:field) are allowed in model expressions",
        )),
    })
}

/// A model expression (the resource file's `expr(...)`) with its pins taking `arguments`,
/// resolved against `resource`.
pub fn resolve_model(
    ast: &crate::syntax::ast::Expr,
    arguments: &[(String, Value)],
    resource: &ResourceRef,
) -> Result<Expr, EvalError> {
    let expr = model_expr_with(ast, arguments)?;
    resolve(&expr, resource, Extras::default()).map_err(|e| EvalError::new("RuntimeError", e))
}

/// A resource calculation's expression, resolved against its resource.
pub fn calculation_expr(resource: &ResourceRef, name: &str) -> Result<Expr, EvalError> {
    let calc = resource
        .calculation(name)
        .ok_or_else(|| EvalError::new("RuntimeError", format!("no calculation {name}")))?;
    resolve_model(&calc.expr.ast, &[], resource)
}

/// A resource aggregate's filter, resolved against the destination resource.
pub fn aggregate_filter(resource: &ResourceRef, agg: &model::Aggregate) -> Result<Option<Expr>, EvalError> {
    let Some(src) = &agg.filter else {
        return Ok(None);
    };
    let dest = resource
        .relationship(&agg.relationship)
        .and_then(|r| resource.sibling(&r.destination))
        .ok_or_else(|| EvalError::new("RuntimeError", format!("no relationship {}", agg.relationship)))?;
    resolve_model(&src.ast, &[], &dest).map(Some)
}

/// Resource aggregates an expression needs, directly or through resource calculations, in
/// order of first appearance.
pub fn aggregate_deps(expr: &Expr, resource: &ResourceRef) -> Result<Vec<String>, EvalError> {
    let mut out = Vec::new();
    collect_deps(expr, resource, &mut out, 0)?;
    Ok(out)
}

fn collect_deps(
    expr: &Expr,
    resource: &ResourceRef,
    out: &mut Vec<String>,
    depth: usize,
) -> Result<(), EvalError> {
    if depth > 8 {
        return Ok(());
    }
    let mut calcs = Vec::new();
    expr.walk(&mut |e| match e {
        Expr::Aggregate(n) if resource.aggregate(n).is_some() && !out.contains(n) => out.push(n.clone()),
        Expr::Calc(n) if resource.calculation(n).is_some() => calcs.push(n.clone()),
        _ => {}
    });
    for name in calcs {
        let inner = calculation_expr(resource, &name)?;
        collect_deps(&inner, &resource.clone(), out, depth + 1)?;
    }
    Ok(())
}

/// The result type of an ad-hoc calculation given without one.
pub fn infer_type(expr: &Expr, resource: &ResourceRef) -> Type {
    match expr {
        Expr::Lit(Lit::Int(_)) => Type::Integer,
        Expr::Lit(Lit::Float(_)) => Type::Float,
        Expr::Lit(Lit::Bool(_)) => Type::Boolean,
        Expr::Lit(Lit::Atom(_)) => Type::any_atom(),
        Expr::Lit(_) => Type::String,
        Expr::Attr(n) => attr_type(resource, n).unwrap_or(Type::String),
        Expr::Aggregate(_) => Type::Integer,
        Expr::Calc(n) => resource.calculation(n).map_or(Type::String, |c| c.ty.clone()),
        Expr::Op(op, a, b) => match op {
            Op::Concat => Type::String,
            Op::Div => Type::Float,
            Op::Add | Op::Sub | Op::Mul => match (infer_type(a, resource), infer_type(b, resource)) {
                (Type::Integer, Type::Integer) => Type::Integer,
                _ => Type::Float,
            },
            Op::AndAnd | Op::OrOr => infer_type(b, resource),
            _ => Type::Boolean,
        },
        Expr::Not(_) | Expr::IsNil(_) | Expr::Contains(_, _) | Expr::Exists(_, _) => Type::Boolean,
        Expr::If(_, a, _) => infer_type(a, resource),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::testing::{ticket_resource, user_resource};
    use crate::syntax::Span;

    fn n(kind: ExprKind) -> ast::Expr {
        ast::Expr::new(kind, Span::default())
    }
    fn var(name: &str) -> ast::Expr {
        n(ExprKind::Var(name.into()))
    }
    fn atom(name: &str) -> ast::Expr {
        n(ExprKind::Atom(name.into()))
    }
    fn s(text: &str) -> ast::Expr {
        n(ExprKind::Str(vec![StrPart::Lit(text.into())]))
    }
    fn int(i: i64) -> ast::Expr {
        n(ExprKind::Int(i))
    }
    fn bin(op: BinOp, l: ast::Expr, r: ast::Expr) -> ast::Expr {
        n(ExprKind::Binary {
            op,
            left: Box::new(l),
            right: Box::new(r),
        })
    }
    fn call(name: &str, args: Vec<ast::Expr>) -> ast::Expr {
        n(ExprKind::Call {
            target: None,
            name: name.into(),
            args,
            parens: true,
        })
    }
    fn kw(pairs: Vec<(&str, ast::Expr)>) -> ast::Expr {
        n(ExprKind::List {
            items: pairs
                .into_iter()
                .map(|(k, v)| n(ExprKind::Tuple(vec![atom(k), v])))
                .collect(),
            tail: None,
        })
    }
    use crate::query::build::attr;
    fn lit_s(text: &str) -> Expr {
        Expr::Lit(Lit::Str(text.into()))
    }
    fn lit_a(text: &str) -> Expr {
        Expr::Lit(Lit::Atom(text.into()))
    }

    #[test]
    fn converts_ast() {
        let rows: Vec<(ast::Expr, Expr)> = vec![
            (
                bin(BinOp::Eq, var("status"), atom("open")),
                Expr::op(Op::Eq, attr("status"), lit_a("open")),
            ),
            (
                bin(
                    BinOp::And,
                    bin(BinOp::Eq, var("status"), atom("closed")),
                    n(ExprKind::Unary {
                        op: UnaryOp::Not,
                        operand: Box::new(call("contains", vec![var("subject"), s("4")])),
                    }),
                ),
                Expr::op(
                    Op::And,
                    Expr::op(Op::Eq, attr("status"), lit_a("closed")),
                    Expr::Not(Box::new(Expr::Contains(
                        Box::new(attr("subject")),
                        Box::new(lit_s("4")),
                    ))),
                ),
            ),
            (
                call("not", vec![call("is_nil", vec![var("reporter_id")])]),
                Expr::Not(Box::new(Expr::IsNil(Box::new(attr("reporter_id"))))),
            ),
            (
                bin(
                    BinOp::In,
                    var("subject"),
                    n(ExprKind::List {
                        items: vec![s("Issue 1"), s("Issue 3")],
                        tail: None,
                    }),
                ),
                Expr::op(
                    Op::In,
                    attr("subject"),
                    Expr::Lit(Lit::List(vec![
                        Lit::Str("Issue 1".into()),
                        Lit::Str("Issue 3".into()),
                    ])),
                ),
            ),
            (
                bin(
                    BinOp::StrConcat,
                    bin(BinOp::StrConcat, var("name"), s("-")),
                    var("id"),
                ),
                Expr::op(
                    Op::Concat,
                    Expr::op(Op::Concat, attr("name"), lit_s("-")),
                    attr("id"),
                ),
            ),
            (
                bin(
                    BinOp::Eq,
                    n(ExprKind::Field {
                        target: Box::new(var("representative")),
                        name: "name".into(),
                    }),
                    s("Alice"),
                ),
                Expr::op(Op::Eq, attr("representative.name"), lit_s("Alice")),
            ),
            (
                kw(vec![("status", atom("closed"))]),
                Expr::op(Op::Eq, attr("status"), lit_a("closed")),
            ),
            (
                bin(BinOp::OrOr, var("a"), var("b")),
                Expr::op(Op::OrOr, attr("a"), attr("b")),
            ),
            (
                bin(BinOp::Gt, bin(BinOp::Div, int(1), int(2)), var("x")),
                Expr::op(Op::Gt, Expr::Lit(Lit::Float(0.5)), attr("x")),
            ),
            (
                bin(BinOp::Mul, var("x"), bin(BinOp::Add, int(2), int(3))),
                Expr::op(Op::Mul, attr("x"), Expr::Lit(Lit::Int(5))),
            ),
            (
                bin(
                    BinOp::NotIn,
                    var("x"),
                    n(ExprKind::List {
                        items: vec![int(1)],
                        tail: None,
                    }),
                ),
                Expr::Not(Box::new(Expr::op(
                    Op::In,
                    attr("x"),
                    Expr::Lit(Lit::List(vec![Lit::Int(1)])),
                ))),
            ),
            (
                call("if", vec![var("c"), kw(vec![("do", int(1)), ("else", int(2))])]),
                Expr::If(
                    Box::new(attr("c")),
                    Box::new(Expr::Lit(Lit::Int(1))),
                    Box::new(Expr::Lit(Lit::Int(2))),
                ),
            ),
            (n(ExprKind::Bool(true)), Expr::Lit(Lit::Bool(true))),
            (
                bin(BinOp::Eq, var("subject"), n(ExprKind::Nil)),
                Expr::op(Op::Eq, attr("subject"), Expr::Lit(Lit::Nil)),
            ),
        ];
        for (ast, expected) in rows {
            let got = convert(&ast, &mut |_| Ok(Value::Nil));
            assert_eq!(got.ok(), Some(expected), "{ast:?}");
        }
    }

    #[test]
    fn pins_and_errors() {
        let pinned = bin(BinOp::Eq, var("subject"), n(ExprKind::Pin(Box::new(var("x")))));
        let got = convert(&pinned, &mut |_| Ok(Value::string("Issue 2")));
        assert_eq!(
            got.ok(),
            Some(Expr::op(Op::Eq, attr("subject"), lit_s("Issue 2")))
        );

        let list_pin = bin(BinOp::In, var("id"), n(ExprKind::Pin(Box::new(var("ids")))));
        let got = convert(&list_pin, &mut |_| {
            Ok(Value::list(vec![Value::string("a"), Value::string("b")]))
        });
        assert_eq!(
            got.ok(),
            Some(Expr::op(
                Op::In,
                attr("id"),
                Expr::Lit(Lit::List(vec![Lit::Str("a".into()), Lit::Str("b".into())]))
            ))
        );

        let rows: Vec<(ast::Expr, &str, &str)> = vec![
            (
                bin(BinOp::Gt, bin(BinOp::Div, int(1), int(0)), int(0)),
                "ArithmeticError",
                "bad argument in arithmetic expression",
            ),
            (
                call("bogus", vec![var("x")]),
                "Ash.Error.Query.NoSuchFunction",
                "No such function bogus/1",
            ),
        ];
        for (ast, module, message) in rows {
            let err = convert(&ast, &mut |_| Ok(Value::Nil)).err();
            assert_eq!(
                err.map(|e| (e.module, e.message)),
                Some((module.to_string(), message.to_string()))
            );
        }
    }

    #[test]
    fn resolves_refs() {
        let extra_aggs = vec!["open_assigned".to_string()];
        let extras = Extras {
            aggregates: &extra_aggs,
            calculations: &[],
        };
        let rows: Vec<(&ResourceRef, Expr, Result<Expr, String>)> = vec![
            (
                ticket_resource(),
                Expr::op(Op::Eq, attr("status"), lit_s("closed")),
                Ok(Expr::op(Op::Eq, attr("status"), lit_a("closed"))),
            ),
            (
                ticket_resource(),
                Expr::op(Op::Eq, attr("bogus"), Expr::Lit(Lit::Int(1))),
                Err("Invalid reference bogus".into()),
            ),
            (
                user_resource(),
                Expr::op(Op::GtEq, attr("closed_assigned_tickets"), Expr::Lit(Lit::Int(2))),
                Ok(Expr::op(
                    Op::GtEq,
                    Expr::Aggregate("closed_assigned_tickets".into()),
                    Expr::Lit(Lit::Int(2)),
                )),
            ),
            (
                user_resource(),
                Expr::op(Op::Gt, attr("assigned_open_percent"), Expr::Lit(Lit::Float(0.25))),
                Ok(Expr::op(
                    Op::Gt,
                    Expr::Calc("assigned_open_percent".into()),
                    Expr::Lit(Lit::Float(0.25)),
                )),
            ),
            (
                user_resource(),
                attr("open_assigned"),
                Ok(Expr::Aggregate("open_assigned".into())),
            ),
            (
                ticket_resource(),
                Expr::op(Op::Eq, attr("representative.name"), lit_s("Alice")),
                Ok(Expr::op(Op::Eq, attr("representative.name"), lit_s("Alice"))),
            ),
            (
                user_resource(),
                Expr::op(Op::Eq, attr("assigned_tickets.status"), lit_s("open")),
                Ok(Expr::op(Op::Eq, attr("assigned_tickets.status"), lit_a("open"))),
            ),
            (
                ticket_resource(),
                attr("representative.bogus"),
                Err("Invalid reference representative.bogus at relationship_path [:representative]".into()),
            ),
            (
                ticket_resource(),
                Expr::op(
                    Op::In,
                    attr("status"),
                    Expr::Lit(Lit::List(vec![Lit::Str("open".into())])),
                ),
                Ok(Expr::op(
                    Op::In,
                    attr("status"),
                    Expr::Lit(Lit::List(vec![Lit::Atom("open".into())])),
                )),
            ),
        ];
        for (resource, input, expected) in rows {
            assert_eq!(resolve(&input, resource, extras), expected, "{input:?}");
        }
    }

    #[test]
    fn infers_types() {
        let rows: Vec<(Expr, Type)> = vec![
            (Expr::op(Op::Concat, attr("name"), lit_s("-")), Type::String),
            (
                Expr::op(Op::Div, Expr::Aggregate("a".into()), Expr::Aggregate("b".into())),
                Type::Float,
            ),
            (Expr::op(Op::Gt, attr("name"), lit_s("x")), Type::Boolean),
            (attr("name"), Type::String),
            (Expr::Aggregate("all_assigned_tickets".into()), Type::Integer),
        ];
        for (expr, ty) in rows {
            assert_eq!(infer_type(&expr, user_resource()), ty);
        }
    }

    #[test]
    fn direct_aggregate_deps() {
        let expr = Expr::op(
            Op::And,
            Expr::op(
                Op::Gt,
                Expr::Aggregate("all_assigned_tickets".into()),
                Expr::Lit(Lit::Int(0)),
            ),
            Expr::op(
                Op::Gt,
                Expr::Aggregate("open_assigned".into()),
                Expr::Lit(Lit::Int(0)),
            ),
        );
        assert_eq!(
            aggregate_deps(&expr, user_resource()).ok(),
            Some(vec!["all_assigned_tickets".to_string()])
        );
    }

    /// Model expressions as the resource DSL writes them (keyword forms, templates with or
    /// without `^`): (source, expected IR).
    #[test]
    fn model_expressions_and_templates() {
        let eq = |field: &str, value: Expr| Expr::op(Op::Eq, attr(field), value);
        let rows: Vec<(&str, Expr)> = vec![
            ("[id: actor(:id)]", eq("id", Expr::Lit(Lit::Nil))),
            ("id == ^actor(:id)", eq("id", Expr::Lit(Lit::Nil))),
            ("name == arg(:who)", eq("name", lit_s("ann"))),
            ("[is_nil: :deleted_at]", Expr::IsNil(Box::new(attr("deleted_at")))),
            (
                "[status: [not_eq: :closed, is_nil: false]]",
                Expr::op(
                    Op::And,
                    Expr::op(Op::NotEq, attr("status"), Expr::Lit(Lit::Atom("closed".into()))),
                    Expr::Not(Box::new(Expr::IsNil(Box::new(attr("status"))))),
                ),
            ),
        ];
        let arguments = vec![("who".to_string(), Value::string("ann"))];
        for (source, expected) in rows {
            let ast = crate::syntax::parse(source).expect("parses").remove(0);
            let got = model_expr_with(&ast, &arguments).map_err(|e| e.message);
            assert_eq!(got, Ok(expected), "{source}");
        }
    }
}
