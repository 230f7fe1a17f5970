//! Ash expressions (`query::Expr`) as Ash 2.4 prints them: inside `#Ash.Filter<...>` (the parsed,
//! "hydrated" form) and as raw `expr(...)` values and calculation expressions.
//!
//! Filter form follows Ash's inspects: operators print `left op right` with no parentheses,
//! `and`/`or` add parentheses only inside a different boolean operator or `not`, calculations
//! print as `name(%{})`, `is_nil(x)` as `x is nil`, functions as `contains(a, b)`. Before
//! printing, `and`/`or` are combined the way Ash's `BooleanExpression.optimized_new/4` combines
//! them while parsing (so `a == "x" or a == "y"` prints as `a in ["x", "y"]`). Numbers are
//! printed without the ANSI colour Ash adds. Nothing here evaluates an expression.

use std::cmp::Ordering;

use crate::query::{Expr, Lit, Op};
use crate::render::algebra::{self, ContainerBreak, Doc, concat, container_doc, line, nest, text};
use crate::render::inspect::to_doc;
use crate::value::Value;

/// Which of Ash's two expression printers to follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// A parsed filter (`Ash.Filter`, operator and function structs).
    Filter,
    /// An unparsed `expr(...)` (`Ash.Query.Call` structs), as in a calculation's options.
    Raw,
}

/// The enclosing boolean operator (Ash's `:container_type` custom inspect option).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    None,
    And,
    Or,
    Not,
}

/// In-lists print at most this many values (`@inspect_items_limit` of `Ash.Query.Operator.In`).
const IN_ITEMS_LIMIT: usize = 10;

/// The document inside `#Ash.Filter<...>`.
pub(crate) fn filter_doc(expr: &Expr, limit: usize) -> Doc {
    doc(&optimize(expr), Style::Filter, Container::None, limit)
}

/// The text inside `#Ash.Filter<...>`, laid out in 80 columns.
pub(crate) fn filter_text(expr: &Expr) -> String {
    algebra::format(&algebra::group(filter_doc(expr, 50)), 80)
}

/// The document of an unparsed expression (`expr(name <> "-")` prints as `name <> "-"`).
pub(crate) fn raw_doc(expr: &Expr, limit: usize) -> Doc {
    doc(expr, Style::Raw, Container::None, limit)
}

/// An unparsed expression as `Kernel.inspect/1` prints it (one line).
pub(crate) fn raw_text(expr: &Expr) -> String {
    algebra::format(&algebra::group(raw_doc(expr, 50)), algebra::INFINITY)
}

fn doc(expr: &Expr, style: Style, container: Container, limit: usize) -> Doc {
    match expr {
        Expr::Lit(lit) => lit_doc(lit, limit),
        Expr::Attr(name) | Expr::Aggregate(name) => text(name.clone()),
        Expr::Calc(name) => match style {
            Style::Filter => text(format!("{name}(%{{}})")),
            Style::Raw => text(name.clone()),
        },
        Expr::Op(op @ (Op::And | Op::Or), left, right) if style == Style::Filter => {
            let own = if *op == Op::And {
                Container::And
            } else {
                Container::Or
            };
            let inner = concat(vec![
                doc(left, style, own, limit),
                text(format!(" {} ", op.symbol())),
                doc(right, style, own, limit),
            ]);
            if container != Container::None && container != own {
                concat(vec![text("("), inner, text(")")])
            } else {
                inner
            }
        }
        Expr::Op(Op::In, left, right) if style == Style::Filter => {
            let right = match right.as_ref() {
                Expr::Lit(Lit::List(values)) => in_list_doc(values, limit),
                other => doc(other, style, container, limit),
            };
            concat(vec![doc(left, style, container, limit), text(" in "), right])
        }
        Expr::Op(op, left, right) => concat(vec![
            doc(left, style, container, limit),
            text(format!(" {} ", op.symbol())),
            doc(right, style, container, limit),
        ]),
        Expr::Not(inner) => concat(vec![text("not "), doc(inner, style, Container::Not, limit)]),
        Expr::IsNil(inner) => match style {
            Style::Filter => concat(vec![doc(inner, style, container, limit), text(" is nil")]),
            Style::Raw => call_doc("is_nil", &[inner], style, container, limit),
        },
        Expr::Contains(left, right) => call_doc("contains", &[left, right], style, container, limit),
        Expr::If(condition, then, otherwise) => match style {
            Style::Filter => call_doc("if", &[condition, then, otherwise], style, container, limit),
            Style::Raw => if_block_doc(condition, then, otherwise, container, limit),
        },
        Expr::Exists(relationship, inner) => doc(&inner.with_path(relationship), style, container, limit),
    }
}

/// A function call: `name(a, b)`. Ash's function structs separate arguments with `","`; its
/// unparsed calls use `", "`, which with the container's own space gives `name(a,  b)`.
fn call_doc(name: &str, args: &[&Expr], style: Style, container: Container, limit: usize) -> Doc {
    let separator = if style == Style::Filter { "," } else { ", " };
    concat(vec![
        text(name.to_string()),
        container_doc(
            text("("),
            args.iter(),
            text(")"),
            limit,
            separator,
            ContainerBreak::Maybe,
            |arg, limit| doc(arg, style, container, limit),
        ),
    ])
}

/// An unparsed `if` prints as a block (`Ash.Query.Call` inspect).
fn if_block_doc(condition: &Expr, then: &Expr, otherwise: &Expr, container: Container, limit: usize) -> Doc {
    let style = Style::Raw;
    let head = nest(
        concat(vec![
            algebra::group(concat(vec![
                text("if "),
                doc(condition, style, container, limit),
                text(" do"),
            ])),
            line(),
            doc(then, style, container, limit),
        ]),
        2,
    );
    let mut parts = vec![head, line()];
    if !matches!(otherwise, Expr::Lit(Lit::Nil)) {
        parts.push(text("else"));
        parts.push(nest(
            concat(vec![line(), doc(otherwise, style, container, limit)]),
            2,
        ));
        parts.push(line());
    }
    parts.push(text("end"));
    concat(parts)
}

/// The right side of a parsed `in`: a set, so sorted and without duplicates; more than ten
/// values print as the first ten and `...`.
fn in_list_doc(values: &[Lit], limit: usize) -> Doc {
    let set = normalize_set(values.to_vec());
    let shown: Vec<Value> = set.iter().take(IN_ITEMS_LIMIT).map(lit_value).collect();
    let list = to_doc(&Value::list(shown), limit);
    if set.len() > IN_ITEMS_LIMIT {
        concat(vec![list, text("...")])
    } else {
        list
    }
}

fn lit_doc(lit: &Lit, limit: usize) -> Doc {
    match lit {
        Lit::Now(now) => text(now.text()),
        _ => to_doc(&lit_value(lit), limit),
    }
}

fn lit_value(lit: &Lit) -> Value {
    match lit {
        Lit::Nil => Value::Nil,
        Lit::Bool(b) => Value::Bool(*b),
        Lit::Int(i) => Value::Int(*i),
        Lit::Float(f) => Value::Float(*f),
        Lit::Str(s) => Value::string(s.as_str()),
        Lit::Atom(a) => match a.as_str() {
            "nil" => Value::Nil,
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::atom(a),
        },
        Lit::List(items) => Value::list(items.iter().map(lit_value).collect()),
        Lit::Scalar(scalar) => Value::scalar(scalar.clone()),
        Lit::Now(now) => Value::Opaque(now.text().into()),
    }
}

fn lit_cmp(a: &Lit, b: &Lit) -> Ordering {
    lit_value(a).term_cmp(&lit_value(b))
}

/// A `MapSet`'s contents: sorted by term order, duplicates (`===`) removed.
fn normalize_set(mut values: Vec<Lit>) -> Vec<Lit> {
    values.sort_by(lit_cmp);
    values.dedup_by(|a, b| lit_value(a).strict_eq(&lit_value(b)));
    values
}

// ---------------------------------------------------------------------------------------------
// BooleanExpression.optimized_new/4 (ash lib/ash/query/boolean_expression.ex), applied bottom-up
// as Ash applies it while parsing a filter and when `Ash.Query.filter` adds one.

/// Rebuilds every `and`/`or` of the expression the way Ash builds it.
fn optimize(expr: &Expr) -> Expr {
    match expr {
        Expr::Op(op @ (Op::And | Op::Or), left, right) => {
            optimized_new(*op, optimize(left), optimize(right), Op::And)
        }
        Expr::Op(op, left, right) => Expr::op(*op, optimize(left), optimize(right)),
        Expr::Not(inner) => Expr::Not(Box::new(optimize(inner))),
        Expr::IsNil(inner) => Expr::IsNil(Box::new(optimize(inner))),
        Expr::Contains(left, right) => Expr::Contains(Box::new(optimize(left)), Box::new(optimize(right))),
        Expr::If(c, a, b) => Expr::If(
            Box::new(optimize(c)),
            Box::new(optimize(a)),
            Box::new(optimize(b)),
        ),
        other => other.clone(),
    }
}

fn is_boolean(expr: &Expr) -> Option<Op> {
    match expr {
        Expr::Op(op @ (Op::And | Op::Or), _, _) => Some(*op),
        _ => None,
    }
}

/// `left op right` for a comparison operator `op`.
fn comparison(expr: &Expr, op: Op) -> Option<(&Expr, &Expr)> {
    match expr {
        Expr::Op(o, left, right) if *o == op => Some((left, right)),
        _ => None,
    }
}

/// `left in MapSet` (an `in` with a literal list).
fn in_set(expr: &Expr) -> Option<(&Expr, &[Lit])> {
    match expr {
        Expr::Op(Op::In, left, right) => match right.as_ref() {
            Expr::Lit(Lit::List(values)) => Some((left, values)),
            _ => None,
        },
        _ => None,
    }
}

fn is_ref(expr: &Expr) -> bool {
    matches!(expr, Expr::Attr(_) | Expr::Aggregate(_) | Expr::Calc(_))
}

fn compares_to_ref(expr: &Expr, op: Op) -> bool {
    comparison(expr, op).is_some_and(|(_, right)| is_ref(right))
}

/// `can_optimize?/1`: integers, strings and lists of them.
fn can_optimize_lit(lit: &Lit) -> bool {
    match lit {
        Lit::Int(_) | Lit::Str(_) => true,
        Lit::List(items) => items.iter().all(can_optimize_lit),
        _ => false,
    }
}

fn can_optimize(expr: &Expr) -> bool {
    matches!(expr, Expr::Lit(lit) if can_optimize_lit(lit))
}

fn literal(expr: &Expr) -> Option<&Lit> {
    match expr {
        Expr::Lit(lit) => Some(lit),
        _ => None,
    }
}

fn in_expr(left: &Expr, values: Vec<Lit>) -> Expr {
    Expr::op(Op::In, left.clone(), Expr::Lit(Lit::List(normalize_set(values))))
}

fn eq_expr(left: &Expr, value: Lit) -> Expr {
    Expr::op(Op::Eq, left.clone(), Expr::Lit(value))
}

fn contains_lit(set: &[Lit], value: &Lit) -> bool {
    set.iter()
        .any(|item| lit_value(item).strict_eq(&lit_value(value)))
}

fn without(set: &[Lit], value: &Lit) -> Vec<Lit> {
    set.iter()
        .filter(|item| !lit_value(item).strict_eq(&lit_value(value)))
        .cloned()
        .collect()
}

fn do_new(op: Op, left: Expr, right: Expr) -> Expr {
    if left == right {
        left
    } else {
        Expr::op(op, left, right)
    }
}

fn is_bool_lit(expr: &Expr, value: bool) -> bool {
    matches!(expr, Expr::Lit(Lit::Bool(b)) if *b == value)
}

/// One clause of `optimized_new/4` after another, in Ash's order.
fn optimized_new(op: Op, left: Expr, right: Expr, current: Op) -> Expr {
    if op == Op::And && (is_bool_lit(&left, false) || is_bool_lit(&right, false)) {
        return Expr::Lit(Lit::Bool(false));
    }
    if op == Op::Or && (is_bool_lit(&left, true) || is_bool_lit(&right, true)) {
        return Expr::Lit(Lit::Bool(true));
    }
    match (is_boolean(&left), is_boolean(&right)) {
        (Some(left_op), Some(right_op)) => {
            if left_op == op
                && right_op == op
                && current == op
                && let Expr::Op(_, inner_left, inner_right) = right
            {
                let merged = optimized_new(op, left, *inner_left, op);
                return optimized_new(op, merged, *inner_right, op);
            }
            return do_new(op, left, right);
        }
        (None, Some(_)) => return optimized_new(op, right, left, current),
        _ => {}
    }
    let left_in = matches!(left, Expr::Op(Op::In, _, _));
    if left_in && (comparison(&right, Op::NotEq).is_some() || comparison(&right, Op::Eq).is_some()) {
        return optimized_new(op, right, left, current);
    }
    if compares_to_ref(&left, Op::Eq)
        || compares_to_ref(&right, Op::Eq)
        || compares_to_ref(&left, Op::NotEq)
        || compares_to_ref(&right, Op::NotEq)
    {
        return do_new(op, left, right);
    }
    if let Some(result) = combine_with_in(op, &left, &right) {
        return result;
    }
    if comparison(&left, Op::NotEq).is_some() && comparison(&right, Op::Eq).is_some() {
        return optimized_new(op, right, left, current);
    }
    if let Some(result) = combine_comparisons(op, &left, &right) {
        return result;
    }
    if let Some(result) = combine_in_sets(op, &left, &right) {
        return result;
    }
    if is_boolean(&left).is_some() && op == current {
        return merge_into_boolean(op, left, right);
    }
    do_new(op, left, right)
}

/// `Eq`/`NotEq` on the left, an `in` on the same field on the right.
fn combine_with_in(op: Op, left: &Expr, right: &Expr) -> Option<Expr> {
    let (set_left, set) = in_set(right)?;
    if let Some((field, value)) = comparison(left, Op::Eq)
        && field == set_left
    {
        let fallback = || Some(do_new(op, left.clone(), right.clone()));
        let Some(value) = literal(value).filter(|v| can_optimize_lit(v)) else {
            return fallback();
        };
        return match op {
            Op::Or => {
                let mut values = set.to_vec();
                values.push(value.clone());
                Some(in_expr(field, values))
            }
            Op::And if contains_lit(set, value) => Some(left.clone()),
            _ => fallback(),
        };
    }
    if let Some((field, value)) = comparison(left, Op::NotEq)
        && field == set_left
    {
        let fallback = || Some(do_new(op, left.clone(), right.clone()));
        let Some(value) = literal(value).filter(|v| can_optimize_lit(v)) else {
            return fallback();
        };
        let rest = without(set, value);
        return match op {
            Op::Or => match rest.len() {
                0 => fallback(),
                1 => Some(eq_expr(field, rest[0].clone())),
                _ => Some(in_expr(field, rest)),
            },
            Op::And => Some(in_expr(field, rest)),
            _ => fallback(),
        };
    }
    None
}

/// Two comparisons of the same field.
fn combine_comparisons(op: Op, left: &Expr, right: &Expr) -> Option<Expr> {
    if let (Some((field, left_value)), Some((right_field, right_value))) =
        (comparison(left, Op::Eq), comparison(right, Op::Eq))
        && field == right_field
    {
        let both = can_optimize(left_value) && can_optimize(right_value);
        return match op {
            Op::Or if both => {
                let values = [left_value, right_value]
                    .into_iter()
                    .filter_map(literal)
                    .cloned()
                    .collect();
                Some(in_expr(field, values))
            }
            Op::And if both && left_value == right_value => Some(left.clone()),
            Op::Or | Op::And => Some(do_new(op, left.clone(), right.clone())),
            _ => None,
        };
    }
    if op == Op::And
        && let (Some((field, left_value)), Some((right_field, right_value))) =
            (comparison(left, Op::NotEq), comparison(right, Op::NotEq))
        && field == right_field
    {
        // Ash returns the compared value itself here (sic).
        if can_optimize(left_value) && can_optimize(right_value) && left_value == right_value {
            return Some(left_value.clone());
        }
        return Some(do_new(op, left.clone(), right.clone()));
    }
    None
}

/// Two `in`s of the same field.
fn combine_in_sets(op: Op, left: &Expr, right: &Expr) -> Option<Expr> {
    let (field, left_set) = in_set(left)?;
    let (right_field, right_set) = in_set(right)?;
    if field != right_field {
        return None;
    }
    match op {
        Op::Or => {
            let mut values = left_set.to_vec();
            values.extend(right_set.iter().cloned());
            Some(in_expr(field, values))
        }
        Op::And => {
            if !(left_set.iter().all(can_optimize_lit) && right_set.iter().all(can_optimize_lit)) {
                return Some(do_new(op, left.clone(), right.clone()));
            }
            let common: Vec<Lit> = normalize_set(left_set.to_vec())
                .into_iter()
                .filter(|value| contains_lit(right_set, value))
                .collect();
            Some(match common.len() {
                0 => do_new(op, left.clone(), right.clone()),
                1 => eq_expr(field, common[0].clone()),
                _ => in_expr(field, common),
            })
        }
        _ => None,
    }
}

/// The last clause for a boolean on the left: an equality that repeats one already inside it
/// is merged into that side instead of being added.
fn merge_into_boolean(op: Op, left: Expr, right: Expr) -> Expr {
    let Some((field, value)) = comparison(&right, Op::Eq) else {
        return do_new(op, left, right);
    };
    let simplifies = |node: &Expr| {
        comparison(node, Op::Eq).is_some_and(|(node_field, node_value)| {
            node_field == field && can_optimize(node_value) && can_optimize(value)
        })
    };
    let Expr::Op(bool_op, inner_left, inner_right) = left else {
        return do_new(op, left, right);
    };
    if find(&inner_left, &simplifies) {
        let merged = optimized_new(op, *inner_left, right, Op::And);
        Expr::Op(bool_op, Box::new(merged), inner_right)
    } else if find(&inner_right, &simplifies) {
        let merged = optimized_new(op, *inner_right, right, Op::And);
        Expr::Op(bool_op, inner_left, Box::new(merged))
    } else {
        do_new(op, Expr::Op(bool_op, inner_left, inner_right), right)
    }
}

/// `Ash.Filter.find/2`: whether any node of the expression satisfies `predicate`.
fn find(expr: &Expr, predicate: &dyn Fn(&Expr) -> bool) -> bool {
    let mut found = false;
    expr.walk(&mut |node| found = found || predicate(node));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::query::build::{atom, attr, int, string as s};
    fn op(op: Op, left: Expr, right: Expr) -> Expr {
        Expr::op(op, left, right)
    }
    fn not(inner: Expr) -> Expr {
        Expr::Not(Box::new(inner))
    }

    #[test]
    fn filter_texts() {
        let rows: Vec<(Expr, &str)> = vec![
            (op(Op::Eq, attr("status"), atom("open")), "status == :open"),
            (op(Op::NotEq, attr("status"), atom("closed")), "status != :closed"),
            (
                op(
                    Op::In,
                    attr("subject"),
                    Expr::Lit(Lit::List(vec![
                        Lit::Str("Issue 3".into()),
                        Lit::Str("Issue 1".into()),
                    ])),
                ),
                r#"subject in ["Issue 1", "Issue 3"]"#,
            ),
            (
                Expr::IsNil(Box::new(attr("representative_id"))),
                "representative_id is nil",
            ),
            (
                op(Op::Eq, attr("representative_id"), Expr::Lit(Lit::Nil)),
                "representative_id == nil",
            ),
            (
                not(Expr::IsNil(Box::new(attr("reporter_id")))),
                "not reporter_id is nil",
            ),
            (
                op(Op::Eq, attr("subject"), s("Issue 2")),
                r#"subject == "Issue 2""#,
            ),
            (
                Expr::Contains(Box::new(attr("subject")), Box::new(s("Issue 2"))),
                r#"contains(subject, "Issue 2")"#,
            ),
            (
                op(
                    Op::GtEq,
                    Expr::Aggregate("closed_assigned_tickets".into()),
                    int(2),
                ),
                "closed_assigned_tickets >= 2",
            ),
            (
                op(
                    Op::Or,
                    op(Op::Eq, attr("subject"), s("Issue 1")),
                    op(Op::Eq, attr("subject"), s("Issue 4")),
                ),
                r#"subject in ["Issue 1", "Issue 4"]"#,
            ),
            (
                op(
                    Op::And,
                    op(Op::Eq, attr("status"), atom("open")),
                    op(
                        Op::Or,
                        op(Op::Eq, attr("subject"), s("Issue 1")),
                        op(Op::Eq, attr("subject"), s("Issue 2")),
                    ),
                ),
                r#"status == :open and subject in ["Issue 1", "Issue 2"]"#,
            ),
            (
                op(
                    Op::And,
                    op(Op::Eq, attr("status"), atom("open")),
                    Expr::Contains(Box::new(attr("subject")), Box::new(s("3"))),
                ),
                r#"status == :open and contains(subject, "3")"#,
            ),
            (
                op(
                    Op::And,
                    op(Op::Eq, attr("status"), atom("closed")),
                    not(Expr::Contains(Box::new(attr("subject")), Box::new(s("4")))),
                ),
                r#"status == :closed and not contains(subject, "4")"#,
            ),
            (
                op(
                    Op::And,
                    op(Op::Gt, Expr::Aggregate("all_assigned_tickets".into()), int(0)),
                    op(
                        Op::Gt,
                        Expr::Calc("assigned_open_percent".into()),
                        Expr::Lit(Lit::Float(0.25)),
                    ),
                ),
                "all_assigned_tickets > 0 and assigned_open_percent(%{}) > 0.25",
            ),
            (
                op(
                    Op::Gt,
                    op(Op::Div, Expr::Aggregate("all_assigned_tickets".into()), int(0)),
                    int(1),
                ),
                "all_assigned_tickets / 0 > 1",
            ),
            // Atoms are not combined into `in` (can_optimize? accepts integers and strings only).
            (
                op(
                    Op::Or,
                    op(Op::Eq, attr("status"), atom("open")),
                    op(Op::Eq, attr("status"), atom("closed")),
                ),
                "status == :open or status == :closed",
            ),
            (
                op(
                    Op::And,
                    op(
                        Op::Or,
                        op(Op::Eq, attr("a"), int(1)),
                        op(Op::Eq, attr("b"), int(2)),
                    ),
                    attr("c"),
                ),
                "(a == 1 or b == 2) and c",
            ),
            (
                op(Op::Or, attr("c"), op(Op::And, attr("a"), attr("b"))),
                "(a and b) or c",
            ),
            (not(op(Op::And, attr("a"), attr("b"))), "not (a and b)"),
            (
                op(
                    Op::Or,
                    op(
                        Op::Or,
                        op(Op::Eq, attr("x"), int(1)),
                        op(Op::Eq, attr("x"), int(2)),
                    ),
                    op(Op::Eq, attr("x"), int(3)),
                ),
                "x in [1, 2, 3]",
            ),
            (
                op(
                    Op::And,
                    op(Op::Eq, attr("x"), int(1)),
                    op(Op::Eq, attr("x"), int(1)),
                ),
                "x == 1",
            ),
            (
                op(
                    Op::In,
                    attr("n"),
                    Expr::Lit(Lit::List((1..=12).rev().map(Lit::Int).collect())),
                ),
                "n in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]...",
            ),
            (
                Expr::If(
                    Box::new(attr("a")),
                    Box::new(int(1)),
                    Box::new(Expr::Lit(Lit::Nil)),
                ),
                "if(a, 1, nil)",
            ),
            (
                op(Op::Concat, attr("name"), op(Op::Concat, s("-"), attr("id"))),
                r#"name <> "-" <> id"#,
            ),
        ];
        for (expr, expected) in rows {
            assert_eq!(filter_text(&expr), expected, "{expr:?}");
        }
    }

    #[test]
    fn raw_texts() {
        let rows: Vec<(Expr, &str)> = vec![
            (op(Op::Concat, attr("name"), s("-")), r#"name <> "-""#),
            (
                op(Op::Div, Expr::Aggregate("a".into()), Expr::Calc("b".into())),
                "a / b",
            ),
            (
                op(
                    Op::Or,
                    op(Op::Eq, attr("s"), s("x")),
                    op(Op::Eq, attr("s"), s("y")),
                ),
                r#"s == "x" or s == "y""#,
            ),
            (Expr::IsNil(Box::new(attr("name"))), "is_nil(name)"),
            (
                Expr::Contains(Box::new(attr("name")), Box::new(s("A"))),
                r#"contains(name,  "A")"#,
            ),
            (
                Expr::If(Box::new(attr("a")), Box::new(int(1)), Box::new(int(2))),
                "if a do\n  1\nelse\n  2\nend",
            ),
        ];
        for (expr, expected) in rows {
            assert_eq!(raw_text(&expr), expected, "{expr:?}");
        }
    }
}
