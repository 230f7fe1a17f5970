//! One DSL entity or section as written (`attribute :name, :string, allow_nil?: false`, or the
//! same with a `do` block), normalised: positional arguments, options, nested calls.
//!
//! Both spellings Elixir allows give the same `Entity`; what the names mean is `dsl.rs`'s job.

use crate::project::modules::{block_items, keyword_pairs, local_call};
use crate::syntax::ast::{Expr, ExprKind};

/// A DSL call: `name arg1, arg2, opt: v do opt2 v2; nested ... end`.
#[derive(Debug)]
pub struct Entity<'a> {
    pub name: &'a str,
    pub offset: usize,
    pub args: Vec<&'a Expr>,
    /// Inline keyword options and one-argument calls of the `do` block, in order.
    pub options: Vec<(&'a str, &'a Expr)>,
    /// The other expressions of the `do` block (nested entities), in order.
    pub nested: Vec<&'a Expr>,
}

impl<'a> Entity<'a> {
    /// Reads a local call as an entity; None for anything else.
    pub fn of(expr: &'a Expr) -> Option<Entity<'a>> {
        let (name, args) = local_call(expr)?;
        let mut entity = Entity {
            name,
            offset: expr.span.start,
            args: Vec::new(),
            options: Vec::new(),
            nested: Vec::new(),
        };
        let mut args: Vec<&Expr> = args.iter().collect();
        if let Some(last) = args.last().copied()
            && let Some(pairs) = keyword_pairs(last)
            && !pairs.is_empty()
        {
            args.pop();
            for (key, value) in pairs {
                let key = key_str(last, &key);
                if key == "do" {
                    entity.add_block(value);
                } else {
                    entity.options.push((key, value));
                }
            }
        }
        entity.args = args;
        Some(entity)
    }

    fn add_block(&mut self, body: &'a Expr) {
        for item in block_items(body) {
            match &item.kind {
                ExprKind::Call {
                    target: None,
                    name,
                    args,
                    ..
                } if args.len() == 1 && is_option_name(name) && !has_do_block(&args[0]) => {
                    self.options.push((name, &args[0]));
                }
                _ => self.nested.push(item),
            }
        }
    }

    /// The value of an option, from either spelling.
    pub fn option(&self, name: &str) -> Option<&'a Expr> {
        self.options
            .iter()
            .rev()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| *v)
    }

    /// The n-th positional argument.
    pub fn arg(&self, n: usize) -> Option<&'a Expr> {
        self.args.get(n).copied()
    }
}

/// True for `[do: ...]`, the block a call without other arguments gets.
fn has_do_block(arg: &Expr) -> bool {
    keyword_pairs(arg).is_some_and(|pairs| pairs.iter().any(|(k, _)| k == "do"))
}

/// The key's text borrowed from the keyword list expression (so it lives as long as the AST).
fn key_str<'a>(list: &'a Expr, key: &str) -> &'a str {
    let ExprKind::List { items, .. } = &list.kind else {
        return "";
    };
    for item in items {
        if let ExprKind::Tuple(pair) = &item.kind
            && let Some(Expr {
                kind: ExprKind::Atom(k),
                ..
            }) = pair.first()
            && k == key
        {
            return k;
        }
    }
    ""
}

/// Names that are options when written as a one-argument call inside a `do` block. Nested
/// entities (`argument`, `change`, `validate`, `prepare`, `attribute`, `count`, ...) are not.
fn is_option_name(name: &str) -> bool {
    !matches!(
        name,
        "argument"
            | "change"
            | "validate"
            | "prepare"
            | "metadata"
            | "pagination"
            | "reference"
            | "index"
            | "check_constraint"
            | "define"
            | "define_calculation"
            | "identity"
            | "entry"
            | "resource"
            | "registry"
            | "calculate"
            | "attribute"
            | "uuid_primary_key"
            | "integer_primary_key"
            | "create_timestamp"
            | "update_timestamp"
            | "timestamps"
            | "belongs_to"
            | "has_many"
            | "has_one"
            | "many_to_many"
            | "count"
            | "sum"
            | "first"
            | "list"
            | "max"
            | "min"
            | "avg"
            | "exists"
            | "custom"
            | "policy"
            | "bypass"
            | "authorize_if"
            | "forbid_if"
            | "authorize_unless"
            | "forbid_unless"
            | "create"
            | "read"
            | "update"
            | "destroy"
            | "action"
    )
}
