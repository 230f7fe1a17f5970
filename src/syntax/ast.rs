//! The abstract syntax tree of the Elixir subset the shell understands.
//!
//! Produced by `syntax::parser`, consumed by `eval`. Every node carries a `Span` (byte offsets
//! into the source it was parsed from) so runtime errors can point at the place they happened.

use crate::syntax::span::Span;

/// One expression with its place in the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

impl Expr {
    pub fn new(kind: ExprKind, span: Span) -> Self {
        Self { kind, span }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// `nil`
    Nil,
    /// `true`, `false`
    Bool(bool),
    /// `1_000`, `0x1F`; values that do not fit an i64 are kept as their decimal digits.
    Int(i64),
    /// An integer literal too large for i64, as decimal digits (eval decides what to do).
    BigInt(String),
    /// `1.5`, `1.0e-5`
    Float(f64),
    /// `:ok`, `:"quoted atom"`, and the keys of keyword lists / maps written `key:`.
    Atom(String),
    /// A string literal, already split into literal parts and `#{}` interpolations.
    Str(Vec<StrPart>),
    /// `~w(a b c)` (with optional `a`/`s` modifier: words become atoms or strings).
    Sigil {
        sigil: char,
        parts: Vec<StrPart>,
        modifiers: String,
    },
    /// A module alias: `Support.Ticket`, `Ash.Query`, `Enum`. Dotted segments joined with `.`.
    Alias(String),
    /// A variable (or zero-arity local call without parentheses, like `v`): `ticket`, `_`, `_x`.
    Var(String),
    /// `^x` (only meaningful in patterns and in Ash filter expressions).
    Pin(Box<Expr>),
    /// `[a, b]`, `[a, b | tail]`, and keyword lists `[a: 1, b: 2]` (stored as 2-tuples
    /// `{:a, 1}` exactly as Elixir does).
    List {
        items: Vec<Expr>,
        tail: Option<Box<Expr>>,
    },
    /// `{a, b}`
    Tuple(Vec<Expr>),
    /// `%{a: 1, "k" => v}` and `%{base | a: 2}` (update when `base` is Some).
    Map {
        base: Option<Box<Expr>>,
        entries: Vec<(Expr, Expr)>,
    },
    /// `%Name{field: v}` struct literal.
    Struct {
        name: String,
        base: Option<Box<Expr>>,
        entries: Vec<(Expr, Expr)>,
    },
    /// A unary operator: `-x`, `+x`, `not x`, `!x`.
    Unary { op: UnaryOp, operand: Box<Expr> },
    /// A binary operator (see `BinOp`); `|>` is *not* here, see `Pipe`.
    Binary {
        op: BinOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    /// `left |> right`: `right` must be a call; eval inserts `left` as the first argument.
    Pipe { left: Box<Expr>, right: Box<Expr> },
    /// `pattern = expr`
    Match { pattern: Box<Expr>, value: Box<Expr> },
    /// A call. `target` is None for local calls (`rem(a, b)`, `hd(x)`), Some for remote calls
    /// (`Enum.map(...)`: target `Alias("Enum")`, name `map`) and for calls on a value
    /// (`fun.(x)`: name is empty, see `Apply`). Trailing keyword arguments (`a, b, c: 1`) arrive
    /// as one final keyword-list argument, as in Elixir. A trailing `do ... end` block is also
    /// turned into keyword arguments (`[do: ..., else: ...]`), as in Elixir.
    Call {
        target: Option<Box<Expr>>,
        name: String,
        args: Vec<Expr>,
        parens: bool,
    },
    /// `fun.(a, b)`: calling an anonymous function.
    Apply { fun: Box<Expr>, args: Vec<Expr> },
    /// `expr.field` without parentheses (map/record field access). `Support.Ticket` is an
    /// `Alias`, never a `Field`.
    Field { target: Box<Expr>, name: String },
    /// `expr[key]`
    Index { target: Box<Expr>, key: Box<Expr> },
    /// `fn pattern -> body; pattern2 -> body2 end`
    Fn(Vec<Clause>),
    /// `&(&1 + 1)`, `& &1.field` (body containing `&N` placeholders).
    Capture(Box<Expr>),
    /// `&Mod.fun/arity` or `&fun/arity`.
    CaptureNamed {
        module: Option<String>,
        name: String,
        arity: usize,
    },
    /// `&1`, `&2`, … inside a capture.
    CaptureArg(usize),
    /// `a..b` and `a..b//step`.
    Range {
        first: Box<Expr>,
        last: Box<Expr>,
        step: Option<Box<Expr>>,
    },
    /// `if cond do a else b end` / `if cond, do: a, else: b`. `unless` is turned into `If` with
    /// the branches swapped.
    If {
        cond: Box<Expr>,
        then: Box<Expr>,
        otherwise: Option<Box<Expr>>,
    },
    /// `case expr do clauses end`
    Case {
        /// None for `x |> case do … end`, where the pipe gives the subject.
        subject: Option<Box<Expr>>,
        clauses: Vec<Clause>,
    },
    /// `cond do clauses end` (each clause has exactly one pattern: the condition).
    Cond(Vec<Clause>),
    /// `for gen <- enum, x <- enum2, filter, into: %{} do body end` / `, do: body`.
    For {
        qualifiers: Vec<Qualifier>,
        into: Option<Box<Expr>>,
        body: Box<Expr>,
    },
    /// `with pattern <- expr, expr2 do body else clauses end`: each generator must match, or
    /// its value goes to the `else` clauses (or is the result when there are none).
    /// (Boxed: a deep tree's drop recurses through every variant's fields.)
    With(Box<With>),
    /// `( a; b )`, `do a \n b end`: a sequence; its value is the last expression's.
    Block(Vec<Expr>),
    /// `@name value` (setting a module attribute) or `@name` (reading it); only meaningful in
    /// a module body, such as a resource file's.
    ModuleAttribute { name: String, value: Option<Box<Expr>> },
}

/// The parts of a `with` expression.
#[derive(Debug, Clone, PartialEq)]
pub struct With {
    pub qualifiers: Vec<Qualifier>,
    pub body: Expr,
    pub otherwise: Vec<Clause>,
}

/// One part of a string literal.
#[derive(Debug, Clone, PartialEq)]
pub enum StrPart {
    Lit(String),
    Interp(Expr),
}

/// `patterns [when guard] -> body` in `fn`, `case` and `cond`.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    pub patterns: Vec<Expr>,
    pub guard: Option<Expr>,
    pub body: Expr,
}

/// A `for` qualifier: a generator `pattern <- expr` or a filter expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Qualifier {
    Generator { pattern: Expr, source: Expr },
    Filter(Expr),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-x`
    Neg,
    /// `+x`
    Plus,
    /// `not x`
    Not,
    /// `!x`
    Bang,
}

/// Binary operators, listed from loosest to tightest binding (Elixir's table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `when` is only used inside clauses and is parsed into `Clause::guard`.
    /// `||`, `or`
    OrOr,
    Or,
    /// `&&`, `and`
    AndAnd,
    And,
    /// `==`, `!=`, `===`, `!==`
    Eq,
    NotEq,
    StrictEq,
    StrictNotEq,
    /// `<`, `>`, `<=`, `>=`
    Lt,
    Gt,
    LtEq,
    GtEq,
    /// `in`, `not in`
    In,
    NotIn,
    /// `++`, `--`, `<>` (right associative)
    Concat,
    Subtract,
    StrConcat,
    /// `+`, `-`
    Add,
    Sub,
    /// `*`, `/`
    Mul,
    Div,
}

impl BinOp {
    /// The operator as written in Elixir source.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::OrOr => "||",
            BinOp::Or => "or",
            BinOp::AndAnd => "&&",
            BinOp::And => "and",
            BinOp::Eq => "==",
            BinOp::NotEq => "!=",
            BinOp::StrictEq => "===",
            BinOp::StrictNotEq => "!==",
            BinOp::Lt => "<",
            BinOp::Gt => ">",
            BinOp::LtEq => "<=",
            BinOp::GtEq => ">=",
            BinOp::In => "in",
            BinOp::NotIn => "not in",
            BinOp::Concat => "++",
            BinOp::Subtract => "--",
            BinOp::StrConcat => "<>",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
        }
    }
}

/// Calls `visit` on each direct child expression of `expr` (not recursively).
pub fn for_each_child<'e>(expr: &'e Expr, visit: &mut dyn FnMut(&'e Expr)) {
    let clause = |clause: &'e Clause, visit: &mut dyn FnMut(&'e Expr)| {
        clause.patterns.iter().for_each(&mut *visit);
        if let Some(guard) = &clause.guard {
            visit(guard);
        }
        visit(&clause.body);
    };
    let parts = |parts: &'e [StrPart], visit: &mut dyn FnMut(&'e Expr)| {
        for part in parts {
            if let StrPart::Interp(e) = part {
                visit(e);
            }
        }
    };
    match &expr.kind {
        ExprKind::Nil
        | ExprKind::Bool(_)
        | ExprKind::Int(_)
        | ExprKind::BigInt(_)
        | ExprKind::Float(_)
        | ExprKind::Atom(_)
        | ExprKind::Alias(_)
        | ExprKind::Var(_)
        | ExprKind::CaptureNamed { .. }
        | ExprKind::CaptureArg(_) => {}
        ExprKind::Str(p) | ExprKind::Sigil { parts: p, .. } => parts(p, visit),
        ExprKind::Pin(e) | ExprKind::Unary { operand: e, .. } | ExprKind::Capture(e) => visit(e),
        ExprKind::ModuleAttribute { value, .. } => {
            if let Some(v) = value {
                visit(v);
            }
        }
        ExprKind::List { items, tail } => {
            items.iter().for_each(&mut *visit);
            if let Some(t) = tail {
                visit(t);
            }
        }
        ExprKind::Tuple(items) | ExprKind::Block(items) => items.iter().for_each(&mut *visit),
        ExprKind::Map { base, entries } | ExprKind::Struct { base, entries, .. } => {
            if let Some(b) = base {
                visit(b);
            }
            for (k, v) in entries {
                visit(k);
                visit(v);
            }
        }
        ExprKind::Binary { left, right, .. }
        | ExprKind::Pipe { left, right }
        | ExprKind::Match {
            pattern: left,
            value: right,
        } => {
            visit(left);
            visit(right);
        }
        ExprKind::Call { target, args, .. } => {
            if let Some(t) = target {
                visit(t);
            }
            args.iter().for_each(&mut *visit);
        }
        ExprKind::Apply { fun, args } => {
            visit(fun);
            args.iter().for_each(&mut *visit);
        }
        ExprKind::Field { target, .. } => visit(target),
        ExprKind::Index { target, key } => {
            visit(target);
            visit(key);
        }
        ExprKind::Fn(clauses) | ExprKind::Cond(clauses) => clauses.iter().for_each(|c| clause(c, visit)),
        ExprKind::Range { first, last, step } => {
            visit(first);
            visit(last);
            if let Some(s) = step {
                visit(s);
            }
        }
        ExprKind::If {
            cond,
            then,
            otherwise,
        } => {
            visit(cond);
            visit(then);
            if let Some(o) = otherwise {
                visit(o);
            }
        }
        ExprKind::Case { subject, clauses } => {
            if let Some(subject) = subject {
                visit(subject);
            }
            clauses.iter().for_each(|c| clause(c, visit));
        }
        ExprKind::With(with) => {
            let With {
                qualifiers,
                body,
                otherwise,
            } = &**with;
            for q in qualifiers {
                match q {
                    Qualifier::Generator { pattern, source } => {
                        visit(pattern);
                        visit(source);
                    }
                    Qualifier::Filter(f) => visit(f),
                }
            }
            visit(body);
            otherwise.iter().for_each(|c| clause(c, visit));
        }
        ExprKind::For {
            qualifiers,
            into,
            body,
        } => {
            for q in qualifiers {
                match q {
                    Qualifier::Generator { pattern, source } => {
                        visit(pattern);
                        visit(source);
                    }
                    Qualifier::Filter(f) => visit(f),
                }
            }
            if let Some(i) = into {
                visit(i);
            }
            visit(body);
        }
    }
}
