//! Finds the modules of a project's files: every `defmodule` (nested ones too), what it
//! `use`s, and the aliases in force in it, resolved as Elixir resolves them.
//!
//! Works on the parser's AST; it knows nothing about Ash's DSL (see `dsl.rs`).

use crate::syntax::ast::{Expr, ExprKind};

/// One source file of a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The path shown in messages (relative to the project directory).
    pub path: String,
    pub text: String,
}

impl SourceFile {
    /// The 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        crate::syntax::Span::new(offset, offset).line_col(&self.text).0
    }
}

/// What a module is, by its `use` line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModuleKind {
    Resource,
    Api,
    Registry,
    Enum,
    Repo,
    Other,
}

/// A `defmodule` with its body and the aliases in force at its start.
#[derive(Debug)]
pub struct ModuleDef<'a> {
    pub name: String,
    pub kind: ModuleKind,
    /// The keyword options of the `use` line (`data_layer: ...`), if any.
    pub use_options: Option<&'a Expr>,
    /// The body's expressions, in order.
    pub body: Vec<&'a Expr>,
    /// The aliases in force where the module starts; the body's own `alias` lines are
    /// applied in order by whoever walks the body.
    pub aliases: Aliases,
    pub file: usize,
    pub offset: usize,
}

/// `alias` lines in force: short name → full module name.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    entries: Vec<(String, String)>,
}

impl Aliases {
    /// The module a written name means: `Ticket` or `Ticket.Thing` under `alias A.Ticket`
    /// mean `A.Ticket` and `A.Ticket.Thing`; any other name is taken literally.
    pub fn resolve(&self, written: &str) -> String {
        let (first, rest) = written
            .split_once('.')
            .map_or((written, None), |(f, r)| (f, Some(r)));
        match self.entries.iter().rev().find(|(short, _)| short == first) {
            Some((_, full)) => match rest {
                Some(rest) => format!("{full}.{rest}"),
                None => full.clone(),
            },
            None => written.to_string(),
        }
    }

    fn add(&mut self, short: &str, full: String) {
        self.entries.push((short.to_string(), full));
    }

    /// Applies one `alias` call's arguments (`alias A.B`, `alias A.{B, C}`, `alias A.B, as: X`).
    pub fn apply(&mut self, args: &[Expr], current: &str) {
        let Some(target) = args.first() else { return };
        let as_name = args
            .get(1)
            .and_then(|opts| keyword(opts, "as"))
            .and_then(module_name);
        match &target.kind {
            ExprKind::Call {
                target: Some(base),
                name,
                args: inner,
                ..
            } if name == "{}" => {
                let Some(base) = module_name(base) else { return };
                let base = self.resolve(&expand_module(&base, current));
                for item in inner {
                    if let Some(leaf) = module_name(item) {
                        let short = leaf.rsplit('.').next().unwrap_or(&leaf).to_string();
                        self.add(&short, format!("{base}.{leaf}"));
                    }
                }
            }
            _ => {
                let Some(full) = module_name(target) else { return };
                let full = self.resolve(&expand_module(&full, current));
                let short = match as_name {
                    Some(name) => name,
                    None => full.rsplit('.').next().unwrap_or(&full).to_string(),
                };
                self.add(&short, full);
            }
        }
    }
}

/// A local call's name and arguments (`attribute :x, :string` → `attribute`, its args).
pub fn local_call(expr: &Expr) -> Option<(&str, &[Expr])> {
    match &expr.kind {
        ExprKind::Call {
            target: None,
            name,
            args,
            ..
        } => Some((name, args)),
        _ => None,
    }
}

/// `__MODULE__` and `__MODULE__.X` inside module `current`.
pub fn expand_module(name: &str, current: &str) -> String {
    if name == "__MODULE__" {
        current.to_string()
    } else if let Some(rest) = name.strip_prefix("__MODULE__.") {
        format!("{current}.{rest}")
    } else {
        name.to_string()
    }
}

/// The module name an expression spells (`Support.Ticket`, `__MODULE__`).
pub fn module_name(expr: &Expr) -> Option<String> {
    match &expr.kind {
        ExprKind::Alias(name) => Some(name.clone()),
        ExprKind::Var(name) if name == "__MODULE__" => Some(name.clone()),
        ExprKind::Field { target, name } => module_name(target).map(|base| format!("{base}.{name}")),
        _ => None,
    }
}

/// The value of `key:` in a keyword list expression.
pub fn keyword<'a>(list: &'a Expr, key: &str) -> Option<&'a Expr> {
    keyword_pairs(list)?
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}

/// The pairs of a keyword list expression (`[a: 1, b: 2]`); None when it is not one.
pub fn keyword_pairs(list: &Expr) -> Option<Vec<(String, &Expr)>> {
    let ExprKind::List { items, tail: None } = &list.kind else {
        return None;
    };
    items
        .iter()
        .map(|item| match &item.kind {
            ExprKind::Tuple(pair) => match pair.as_slice() {
                [
                    Expr {
                        kind: ExprKind::Atom(k),
                        ..
                    },
                    v,
                ] => Some((k.clone(), v)),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// The expressions of a `do` body (a block or a single expression).
pub fn block_items(body: &Expr) -> Vec<&Expr> {
    match &body.kind {
        ExprKind::Block(items) => items.iter().collect(),
        ExprKind::Nil => Vec::new(),
        _ => vec![body],
    }
}

/// Every module defined in the files, nested ones with their full names, in file order.
pub fn modules(files: &[(SourceFile, Vec<Expr>)]) -> Vec<ModuleDef<'_>> {
    let mut out = Vec::new();
    for (index, (_, program)) in files.iter().enumerate() {
        let top = Aliases::default();
        collect(program.iter().collect(), "", &top, index, &mut out);
    }
    out
}

fn collect<'a>(
    body: Vec<&'a Expr>,
    parent: &str,
    outer: &Aliases,
    file: usize,
    out: &mut Vec<ModuleDef<'a>>,
) {
    let mut aliases = outer.clone();
    for expr in body {
        let Some((name, args)) = local_call(expr) else {
            continue;
        };
        match name {
            "alias" => aliases.apply(args, parent),
            "defmodule" => {
                let (Some(written), Some(body)) = (
                    args.first().and_then(module_name),
                    args.get(1).and_then(|o| keyword(o, "do")),
                ) else {
                    continue;
                };
                let written = expand_module(&written, parent);
                let name = if parent.is_empty() {
                    aliases.resolve(&written)
                } else {
                    format!("{parent}.{written}")
                };
                // `defmodule Inner` inside `Outer` is also reachable as `Inner` after it.
                if !parent.is_empty() {
                    let first = written.split('.').next().unwrap_or(&written).to_string();
                    aliases.add(&first, format!("{parent}.{first}"));
                }
                let items = block_items(body);
                let (kind, use_options) = kind_of(&items);
                let position = out.len();
                collect(items.clone(), &name, &aliases, file, out);
                out.insert(
                    position,
                    ModuleDef {
                        name,
                        kind,
                        use_options,
                        body: items,
                        aliases: aliases.clone(),
                        file,
                        offset: expr.span.start,
                    },
                );
            }
            _ => {}
        }
    }
}

/// The kind of a module from its `use` lines, with the options of the deciding one.
fn kind_of<'a>(items: &[&'a Expr]) -> (ModuleKind, Option<&'a Expr>) {
    for item in items {
        let Some((name, args)) = local_call(item) else {
            continue;
        };
        if name != "use" {
            continue;
        }
        let kind = match args.first().and_then(module_name).as_deref() {
            Some("Ash.Resource") => ModuleKind::Resource,
            Some("Ash.Api") => ModuleKind::Api,
            Some("Ash.Registry") => ModuleKind::Registry,
            Some("Ash.Type.Enum") => ModuleKind::Enum,
            Some("AshPostgres.Repo") => ModuleKind::Repo,
            _ => continue,
        };
        return (kind, args.get(1));
    }
    (ModuleKind::Other, None)
}
