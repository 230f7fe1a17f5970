//! The Ash API: `Ash.Changeset`, `Ash.Query`, `Support.AshApi` and the resources' actions,
//! with Ash 2.4's semantics, return shapes and error texts.
//!
//! This file only dispatches; each job lives in its own file (`expr`, `changeset`, `action`,
//! `query`, `read`, `errors`, `api`).

mod action;
mod api;
mod args;
mod changeset;
mod errors;
mod expr;
mod implicit;
mod info;
mod interface;
mod key;
mod query;
mod read;

#[cfg(test)]
pub(crate) use read::register_references;

use crate::eval::error::EvalError;
use crate::eval::host::Host;
use crate::model::ActionKind;
use crate::query::Expr;
use crate::syntax::ast;
use crate::value::Value;

const CHANGESET_FUNCTIONS: &[(&str, usize)] = &[
    ("for_create", 2),
    ("for_create", 3),
    ("for_create", 4),
    ("for_update", 2),
    ("for_update", 3),
    ("for_update", 4),
    ("for_destroy", 2),
    ("for_destroy", 3),
    ("for_destroy", 4),
];

const QUERY_FUNCTIONS: &[(&str, usize)] = &[
    ("new", 1),
    ("new", 2),
    ("filter", 2),
    ("sort", 2),
    ("sort", 3),
    ("limit", 2),
    ("offset", 2),
    ("load", 2),
    ("select", 2),
    ("select", 3),
    ("calculate", 3),
    ("calculate", 4),
    ("calculate", 5),
    ("aggregate", 3),
    ("aggregate", 4),
    ("aggregate", 5),
    ("aggregate", 6),
    ("aggregate", 7),
    ("for_read", 2),
    ("for_read", 3),
    ("for_read", 4),
    ("expr", 1),
];

/// Calls an Ash function (`Ash.Query.sort`, `Support.AshApi.read!`, ...) with evaluated
/// arguments. Macros (`Ash.Query.filter`, `expr`) arrive here with their expression argument
/// already turned into `Value::AshExpr` by `expr_from_ast`. None when `module.name/arity` does
/// not exist.
pub fn call(
    module: &str,
    name: &str,
    args: Vec<Value>,
    host: &mut dyn Host,
) -> Option<Result<Value, EvalError>> {
    let arity = args.len();
    match module {
        "Ash.Changeset" => {
            if !CHANGESET_FUNCTIONS.contains(&(name, arity)) {
                return None;
            }
            let kind = match name {
                "for_create" => ActionKind::Create,
                "for_update" => ActionKind::Update,
                _ => ActionKind::Destroy,
            };
            Some(changeset::for_action(kind, &args))
        }
        "Ash.Query" => {
            if !QUERY_FUNCTIONS.contains(&(name, arity)) {
                return None;
            }
            Some(match name {
                "new" => query::to_query(&args[0]).map(|q| Value::Query(std::rc::Rc::new(q))),
                "filter" => query::filter(&args[0], &args[1]),
                "sort" => query::sort(&args[0], &args[1]),
                "limit" => query::limit_or_offset(&args[0], &args[1], true),
                "offset" => query::limit_or_offset(&args[0], &args[1], false),
                "load" => query::load(&args[0], &args[1]),
                "select" => query::select(&args[0], &args[1]),
                "calculate" => query::calculate(&args),
                "aggregate" => query::aggregate(&args),
                "for_read" => query::for_read(&args[0], &args[1], args.get(2)),
                _ => match &args[0] {
                    Value::AshExpr(_) => Ok(args[0].clone()),
                    other => expr::value_to_expr(other).map(|e| Value::AshExpr(std::rc::Rc::new(e))),
                },
            })
        }
        "Ash.Api.Info" | "Ash.Resource.Info" | "AshPostgres.DataLayer.Info" => {
            info::call(module, name, &args)
        }
        api if crate::eval::project::current().api(api).is_some() => api::call(api, name, args, host),
        other => {
            let resource = crate::eval::project::current().resource(other)?;
            interface::call(&resource, name, args, host)
        }
    }
}

/// Turns the AST of an Ash expression (the body of `filter(...)`, `expr(...)`) into the IR.
/// Bare identifiers become unresolved references (`Expr::Attr(name)`; the resource resolves
/// them to attributes, aggregates or calculations when the expression is attached to a query);
/// `rel.field` becomes `Expr::Attr("rel.field")` (a relationship path); a keyword list
/// (`filter(status: :closed)`) becomes ANDed equalities; `^x` is evaluated through the host.
/// Operators on two literals are evaluated now, as Ash does (`1 / 0` raises ArithmeticError).
pub fn expr_from_ast(expr: &ast::Expr, host: &mut dyn Host) -> Result<Expr, EvalError> {
    expr::convert(expr, &mut |e| host.eval(e))
}

/// A model expression that does not resolve: (resource index, section, name, line, message).
pub type Problem = (usize, &'static str, String, usize, String);

/// Checks the model expressions of every resource (calculations, aggregate filters, read
/// filters) when the project is read, so a typo in `user.ex` is reported at start-up or by
/// `recompile()`, not by the first query that uses it.
pub fn check_project(project: &std::rc::Rc<crate::model::Project>) -> Vec<Problem> {
    let _installed = crate::eval::project::install(project);
    let mut problems = Vec::new();
    for (index, resource) in project.all().enumerate() {
        for calc in &resource.calculations {
            if let Err(e) = expr::resolve_model(&calc.expr.ast, &[], &resource) {
                problems.push((index, "calculate", calc.name.clone(), calc.expr.line, e.message));
            }
        }
        for agg in &resource.aggregates {
            if let Err(e) = expr::aggregate_filter(&resource, agg) {
                let line = agg.filter.as_ref().map_or(0, |f| f.line);
                problems.push((index, agg.kind.name(), agg.name.clone(), line, e.message));
            }
        }
        for rel in &resource.relationships {
            let checked = match resource.sibling(&rel.destination) {
                Some(dest) => implicit::relationship_filter(rel, &dest)
                    .and_then(|_| implicit::relationship_sort(rel, &dest))
                    .map(|_| ()),
                None => Ok(()),
            };
            if let Err(e) = checked {
                let line = rel.filter.as_ref().map_or(rel.line, |f| f.line);
                problems.push((index, "relationship", rel.name.clone(), line, e.message));
            }
        }
        if let Err(e) = implicit::base_filter(&resource) {
            let line = resource.base_filter.first().map_or(0, |f| f.line);
            problems.push((index, "resource", "base_filter".into(), line, e.message));
        }
        for action in &resource.actions {
            if let Some(filter) = &action.filter
                && let Err(e) = expr::resolve_model(&filter.ast, &[], &resource)
            {
                problems.push((index, "read", action.name.clone(), filter.line, e.message));
            }
        }
    }
    problems
}

/// Names of the functions of an Ash module with their arities (completion, `h()`, hints).
pub fn functions(module: &str) -> Vec<(String, usize)> {
    let fixed: &[(&str, usize)] = match module {
        "Ash.Changeset" => CHANGESET_FUNCTIONS,
        "Ash.Query" => QUERY_FUNCTIONS,
        "Ash.Api.Info" => info::API_FUNCTIONS,
        "Ash.Resource.Info" => info::RESOURCE_FUNCTIONS,
        "AshPostgres.DataLayer.Info" => info::POSTGRES_FUNCTIONS,
        other => {
            let project = crate::eval::project::current();
            if project.api(other).is_some() {
                api::FUNCTIONS
            } else {
                return project
                    .resource(other)
                    .map(|r| interface::functions(&r))
                    .unwrap_or_default();
            }
        }
    };
    fixed
        .iter()
        .map(|(name, arity)| ((*name).to_string(), *arity))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Database;
    use crate::syntax::Span;
    use std::rc::Rc;

    /// A host with one variable `x`, no database.
    struct FakeHost;

    impl Host for FakeHost {
        fn apply(&mut self, _fun: &Value, _args: Vec<Value>) -> Result<Value, EvalError> {
            Err(EvalError::new("RuntimeError", "no apply"))
        }
        fn eval(&mut self, expr: &ast::Expr) -> Result<Value, EvalError> {
            match &expr.kind {
                ast::ExprKind::Var(v) if v == "x" => Ok(Value::string("Issue 2")),
                _ => Err(EvalError::new("CompileError", "undefined variable")),
            }
        }
        fn write_out(&mut self, _text: &str) {}
        fn db(&mut self) -> Result<&mut Database, EvalError> {
            Err(EvalError::new("RuntimeError", "no database"))
        }
    }

    #[test]
    fn dispatch() {
        let module = Value::Module(Rc::from("Support.Ticket"));
        let rows: Vec<(&str, &str, Vec<Value>, bool)> = vec![
            ("Ash.Query", "new", vec![module.clone()], true),
            ("Ash.Query", "new", vec![], false),
            ("Ash.Query", "bogus", vec![module.clone()], false),
            (
                "Ash.Changeset",
                "for_create",
                vec![module.clone(), Value::atom("new")],
                true,
            ),
            ("Support.AshApi", "read!", vec![], false),
            ("Enum", "map", vec![], false),
        ];
        for (m, name, args, exists) in rows {
            assert_eq!(call(m, name, args, &mut FakeHost).is_some(), exists, "{m}.{name}");
        }
        assert!(functions("Ash.Query").contains(&("filter".to_string(), 2)));
        assert!(functions("Support.AshApi").contains(&("read!".to_string(), 1)));
        assert!(functions("Enum").is_empty());
    }

    #[test]
    fn pins_go_through_the_host() {
        let n = |kind| ast::Expr::new(kind, Span::default());
        let ast = n(ast::ExprKind::Binary {
            op: ast::BinOp::Eq,
            left: Box::new(n(ast::ExprKind::Var("subject".into()))),
            right: Box::new(n(ast::ExprKind::Pin(Box::new(n(ast::ExprKind::Var("x".into())))))),
        });
        let got = expr_from_ast(&ast, &mut FakeHost).ok();
        assert_eq!(
            got,
            Some(Expr::op(
                crate::query::Op::Eq,
                Expr::Attr("subject".into()),
                Expr::Lit(crate::query::Lit::Str("Issue 2".into()))
            ))
        );
    }
}
