//! nom combinators, one function per production of GRAMMAR.md.
//!
//! A recursive-descent parser over `&str`: `lexer` supplies the token parsers, `string` the
//! string and sigil bodies, and this file builds `ast::Expr`s, with a precedence-climbing loop
//! for binary operators and Elixir's newline, no-parens-call and `do ... end` rules. It does not
//! evaluate or resolve anything. It never panics: every failure is a `ParseError` with a span
//! (the farthest point reached), and nesting is bounded by `MAX_DEPTH`.

use std::cell::Cell;

use nom::Parser as _;
use nom::branch::alt;
use nom::bytes::complete::take_while;
use nom::character::complete::{char, satisfy};
use nom::combinator::{opt, recognize};

use crate::syntax::ast::{BinOp, Clause, Expr, ExprKind, Qualifier, UnaryOp, With};
use crate::syntax::error::ParseError;
use crate::syntax::lexer::{
    OpTok, PErr, PResult, alias_segment, binop, describe, expected, fail, ident, is_ident_char,
    is_ident_start, is_reserved, number, skip_seps, sp, sp_nl, symbol, token_len, unexpected, word,
    word_text,
};
use crate::syntax::span::Span;
use crate::syntax::{height, terminators, wording};

/// Deepest nesting of expressions accepted; deeper input is a "nesting too deep" error rather
/// than a stack overflow.
pub(crate) const MAX_DEPTH: u32 = 500;

/// Deepest expression tree accepted (a flat chain like `0 + 1 + 1 + …` is as deep as it is
/// long): what eval and the other tree walkers handle on an 8 MB stack in a debug build.
pub(crate) const MAX_TREE_HEIGHT: usize = 1_000;
/// Trees with fewer binary operators than this cannot reach `MAX_TREE_HEIGHT` (nesting alone
/// is bounded by `MAX_DEPTH`), so they are not measured.
const CHECK_HEIGHT_ABOVE: u32 = 256;

/// Stack left below which `expr_bp` continues on a fresh heap-allocated stack segment.
const STACK_RED_ZONE: usize = 256 * 1024;
/// Size of each such segment.
const STACK_CHUNK: usize = 4 * 1024 * 1024;

/// Binding power of `..` (and of its `//` step).
const BP_RANGE: u8 = 90;
/// Binding power of prefix operators (`-x`, `!x`, `not x`, `^x`): tighter than any binary one.
const BP_UNARY: u8 = 120;
/// Binding power of the operand of `&`: looser than `=`, so `& &1 + 1` captures the sum.
const BP_CAPTURE: u8 = 20;

/// True when `line` starts (after spaces) with a binary operator that continues the previous
/// expression, as a file reads it: `|> f()`, `and x`, `== 1` (not `+`/`-`, which start a new
/// expression like `-1`). Comment-only and blank lines do not.
pub(crate) fn continues_previous(line: &str) -> bool {
    let j = line.trim_start_matches(['\n', ' ', '\t', '\r']);
    binop(j).is_some_and(|(op, _)| op.continues_line())
}

/// `program = separators? (expr separators)* EOF`
pub(crate) fn parse_program(src: &str) -> Result<Vec<Expr>, ParseError> {
    let p = Parser {
        src,
        depth: Cell::new(0),
        ops: Cell::new(0),
    };
    match p.block_items(src, Term::Eof) {
        Ok((_, items)) if p.ops.get() < CHECK_HEIGHT_ABOVE => Ok(items),
        Ok((_, items)) => match height::first_too_deep(&items, MAX_TREE_HEIGHT) {
            None => Ok(items),
            Some(span) => Err(ParseError::new(
                Span::new(span.start, span.start + token_len(p.rest_at(span.start))),
                "nesting too deep",
                false,
            )),
        },
        Err(nom::Err::Error(e) | nom::Err::Failure(e)) => Err(p.error(e)),
        Err(nom::Err::Incomplete(_)) => Err(p.error(PErr {
            rest_len: 0,
            message: None,
        })),
    }
}

/// Parsing state: the whole source (for byte offsets) and the current nesting depth.
pub(crate) struct Parser<'a> {
    src: &'a str,
    depth: Cell<u32>,
    /// Binary operator nodes built so far (a long chain makes a deep tree without nesting).
    ops: Cell<u32>,
}

/// An operator waiting for its right operand in `binary_loop`.
struct Pending {
    op: OpTok,
    rbp: u8,
    /// `a..b//step`: the step and where it ends.
    step: Option<(Expr, usize)>,
}

/// What ends a sequence of expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Term {
    /// End of input (a whole program).
    Eof,
    /// `)` (a parenthesised block).
    Paren,
    /// `}` (a string interpolation).
    Brace,
    /// `end`, `else` (a `do` block).
    End,
}

/// Context flags inherited by nested expressions.
#[derive(Debug, Clone, Copy, Default)]
struct Ctx {
    /// Inside the arguments of a call without parentheses: a `do` block belongs to that outer
    /// call, not to a call inside its arguments (`if foo x do ... end`).
    no_do: bool,
    /// Inside the value of `@type`, `@spec` and the other typespec attributes, where `::` and
    /// `|` are operators (Elixir parses them everywhere; only typespecs give them a meaning).
    typespec: bool,
}

/// The module attributes whose value is a typespec.
const TYPESPEC_ATTRIBUTES: &[&str] = &["type", "typep", "opaque", "spec", "callback", "macrocallback"];

/// Gives back the nesting levels taken by one `expr_bp` frame (one for the frame, one more for
/// each operator or postfix step that wrapped the tree one level deeper) when it returns.
struct DepthGuard<'p> {
    depth: &'p Cell<u32>,
    taken: u32,
}

impl DepthGuard<'_> {
    /// Takes one more level: the tree being built just got one level deeper.
    fn deeper(&mut self, i: &str) -> Result<(), nom::Err<PErr>> {
        let depth = self.depth.get() + 1;
        if depth > MAX_DEPTH {
            return fail(i, "nesting too deep");
        }
        self.depth.set(depth);
        self.taken += 1;
        Ok(())
    }
}

impl Drop for DepthGuard<'_> {
    fn drop(&mut self) {
        self.depth.set(self.depth.get().saturating_sub(self.taken));
    }
}

/// Arguments of a call: positional ones, then trailing `key: value` pairs.
#[derive(Debug, Default)]
struct CallArgs {
    pos: Vec<Expr>,
    kw: Vec<(Expr, Expr)>,
}

impl CallArgs {
    fn is_empty(&self) -> bool {
        self.pos.is_empty() && self.kw.is_empty()
    }

    /// Positional arguments followed by one keyword list for the pairs, as Elixir does.
    fn into_exprs(self) -> Vec<Expr> {
        let mut out = self.pos;
        if !self.kw.is_empty() {
            out.push(keyword_list(self.kw));
        }
        out
    }
}

/// `patterns [when guard] ->` of a clause being read.
struct Head {
    patterns: Vec<Expr>,
    guard: Option<Expr>,
    arrow: Span,
}

impl Head {
    fn finish(self, body: Vec<Expr>) -> Clause {
        Clause {
            patterns: self.patterns,
            guard: self.guard,
            body: Parser::seq(body, self.arrow),
        }
    }
}

/// The rest of the input after a parser that fills its results in through `&mut`.
type Step<'a> = Result<&'a str, nom::Err<PErr>>;

/// `key => value` entries, or `(:key, value)` keyword pairs.
type Pairs = Vec<(Expr, Expr)>;

impl<'a> Parser<'a> {
    // ------------------------------------------------------------ positions and errors

    /// Byte offset of `i` (a suffix of the source) in the source.
    pub(crate) fn off(&self, i: &str) -> usize {
        self.src.len().saturating_sub(i.len())
    }

    fn span_from(&self, start: usize, i: &str) -> Span {
        Span::new(start, self.off(i))
    }

    fn rest_at(&self, offset: usize) -> &'a str {
        self.src.get(offset..).unwrap_or("")
    }

    /// The error to report for a parser failure: Elixir's tokenizer error when the input has
    /// one (it wins over any parser error), else the parser's, in Elixir's words when it is a
    /// plain "this token was not expected".
    fn error(&self, e: PErr) -> ParseError {
        // Our nesting limit is not an Elixir syntax error: report it where it happened, as a
        // final error (more input cannot fix it), so the next input still runs.
        if e.message.as_deref() == Some("nesting too deep") {
            let start = self.src.len().saturating_sub(e.rest_len);
            let end = start + token_len(self.rest_at(start));
            return ParseError::new(Span::new(start, end), "nesting too deep", false);
        }
        if let Some(tokenizer_error) = terminators::check(self.src) {
            return tokenizer_error;
        }
        let start = self.src.len().saturating_sub(e.rest_len);
        let rest = self.rest_at(start);
        let end = start + token_len(rest);
        let span = Span::new(start, end);
        match e.message {
            Some(m) if !is_generic(&m) => ParseError::new(span, m, rest.is_empty()),
            _ => {
                let (_, column) = span.line_col(self.src);
                let message = wording::syntax_error_before(rest, column);
                ParseError::new(span, message, rest.is_empty())
            }
        }
    }

    fn enter(&self, i: &'a str) -> Result<DepthGuard<'_>, nom::Err<PErr>> {
        let mut guard = DepthGuard {
            depth: &self.depth,
            taken: 0,
        };
        guard.deeper(i)?;
        Ok(guard)
    }

    /// A sequence as one expression: nil when empty, the expression itself when alone.
    pub(crate) fn seq(mut items: Vec<Expr>, empty_span: Span) -> Expr {
        if items.len() <= 1 {
            return items
                .pop()
                .unwrap_or_else(|| Expr::new(ExprKind::Nil, empty_span));
        }
        let span = match (items.first(), items.last()) {
            (Some(a), Some(b)) => a.span.to(b.span),
            _ => empty_span,
        };
        Expr::new(ExprKind::Block(items), span)
    }

    // ------------------------------------------------------------ sequences

    /// `block_items = separators? (expr separators)*` up to `term` (not consumed).
    pub(crate) fn block_items(&self, i: &'a str, term: Term) -> PResult<'a, Vec<Expr>> {
        let mut items = Vec::new();
        let mut i = i;
        loop {
            i = skip_seps(i);
            if self.at_term(i, term)? {
                return Ok((i, items));
            }
            let (j, e) = self.expr(i, Ctx::default())?;
            items.push(e);
            let k = sp(j);
            if k.starts_with(['\n', ';']) {
                i = k;
                continue;
            }
            if self.at_term(k, term)? {
                return Ok((k, items));
            }
            return unexpected(k);
        }
    }

    fn at_term(&self, i: &'a str, term: Term) -> Result<bool, nom::Err<PErr>> {
        let (found, closer) = match term {
            Term::Eof => return Ok(i.is_empty()),
            Term::Paren => (i.starts_with(')'), ")"),
            Term::Brace => (i.starts_with('}'), "}"),
            Term::End => (
                ["end", "else", "after", "rescue", "catch"]
                    .iter()
                    .any(|w| word(i, w).is_some()),
                "end",
            ),
        };
        if i.is_empty() {
            return fail(i, format!("missing terminator: {closer}"));
        }
        Ok(found)
    }

    // ------------------------------------------------------------ operators

    /// `expr = unary (binop expr)*`, by precedence climbing.
    fn expr(&self, i: &'a str, ctx: Ctx) -> PResult<'a, Expr> {
        self.expr_bp(i, 0, ctx)
    }

    fn expr_bp(&self, i: &'a str, min_bp: u8, ctx: Ctx) -> PResult<'a, Expr> {
        let mut guard = self.enter(i)?;
        // Every recursion of the parser passes here; unoptimised builds use ~20 KB of stack per
        // nesting level, so grow the stack on the heap rather than overflow a small thread's.
        stacker::maybe_grow(STACK_RED_ZONE, STACK_CHUNK, || {
            self.binary_loop(i, min_bp, ctx, &mut guard)
        })
    }

    /// Binary operators by an explicit operand/operator stack (shunting-yard), so a flat chain
    /// of any length (`0 + 1 + 1 + …`, `x = y = …`, `a <> b <> …`) costs no recursion; only
    /// the operands themselves recurse. The tree it builds is checked in `parse_program`.
    fn binary_loop(&self, i: &'a str, min_bp: u8, ctx: Ctx, guard: &mut DepthGuard<'_>) -> PResult<'a, Expr> {
        let (mut i, first) = self.unary(i, ctx, guard)?;
        if self
            .peek_binop(i, ctx)
            .is_none_or(|(op, _)| binding_power(op).0 < min_bp)
        {
            return Ok((i, first));
        }
        let mut operands = vec![first];
        let mut ops: Vec<Pending> = Vec::new();
        loop {
            if let Some((op, after)) = self.peek_binop(i, ctx) {
                let (lbp, rbp) = binding_power(op);
                if lbp >= min_bp {
                    while ops.last().is_some_and(|top| top.rbp > lbp) {
                        self.reduce(&mut operands, &mut ops);
                    }
                    ops.push(Pending { op, rbp, step: None });
                    // Each operand is its own nesting level (its postfix steps), given back
                    // once it is read.
                    let mut operand_guard = self.enter(after)?;
                    let (j, rhs) = self.unary(sp_nl(after), ctx, &mut operand_guard)?;
                    operands.push(rhs);
                    i = j;
                    continue;
                }
            }
            // `a..b//step`: the step belongs to the innermost range still open.
            if let Some(after_step) = symbol(sp(i), "//") {
                while ops
                    .last()
                    .is_some_and(|top| top.op != OpTok::Range && top.rbp >= BP_RANGE)
                {
                    self.reduce(&mut operands, &mut ops);
                }
                if let Some(top) = ops.last_mut()
                    && top.op == OpTok::Range
                    && top.step.is_none()
                {
                    let (k, s) = self.expr_bp(sp_nl(after_step), BP_RANGE, ctx)?;
                    let end = self.off(k);
                    top.step = Some((s, end));
                    i = k;
                    continue;
                }
            }
            break;
        }
        while !ops.is_empty() {
            self.reduce(&mut operands, &mut ops);
        }
        match operands.pop() {
            Some(e) => Ok((i, e)),
            None => unexpected(i),
        }
    }

    /// Pops the top operator and its two operands and pushes the node they make.
    fn reduce(&self, operands: &mut Vec<Expr>, ops: &mut Vec<Pending>) {
        let (Some(pending), Some(rhs)) = (ops.pop(), operands.pop()) else {
            return;
        };
        let Some(lhs) = operands.pop() else {
            operands.push(rhs);
            return;
        };
        self.ops.set(self.ops.get().saturating_add(1));
        let span = lhs.span.to(rhs.span);
        let (left, right) = (Box::new(lhs), Box::new(rhs));
        let node = match pending.op {
            OpTok::Bin(op) => Expr::new(ExprKind::Binary { op, left, right }, span),
            OpTok::Pipe => Expr::new(ExprKind::Pipe { left, right }, span),
            OpTok::Typespec(name) => Expr::new(
                ExprKind::Call {
                    target: None,
                    name: name.to_string(),
                    args: vec![*left, *right],
                    parens: true,
                },
                span,
            ),
            OpTok::Match => Expr::new(
                ExprKind::Match {
                    pattern: left,
                    value: right,
                },
                span,
            ),
            OpTok::Range => {
                let (step, end) = match pending.step {
                    Some((s, end)) => (Some(Box::new(s)), end),
                    None => (None, span.end),
                };
                Expr::new(
                    ExprKind::Range {
                        first: left,
                        last: right,
                        step,
                    },
                    Span::new(span.start, end),
                )
            }
        };
        operands.push(node);
    }

    /// The binary operator after `i`, on this line or starting the next one (a line starting
    /// with `|>`, `and`, `==`, … continues the expression; `+`/`-` do not).
    fn peek_binop(&self, i: &'a str, ctx: Ctx) -> Option<(OpTok, &'a str)> {
        let j = sp(i);
        if let Some(found) = binop(j).or_else(|| typespec_op(j, ctx)) {
            return Some(found);
        }
        if j.starts_with('\n') {
            let k = sp_nl(j);
            return binop(k)
                .or_else(|| typespec_op(k, ctx))
                .filter(|(op, _)| op.continues_line());
        }
        None
    }

    /// `unary = ('-' | '+' | '!' | 'not' | '^') unary | '&' expr | postfix`
    fn unary(&self, i: &'a str, ctx: Ctx, guard: &mut DepthGuard<'_>) -> PResult<'a, Expr> {
        let start = self.off(i);
        let mut cs = i.chars();
        let (c, c2) = (cs.next(), cs.next());
        let prefix = match (c, c2) {
            (Some('-'), n) if !matches!(n, Some('-' | '>')) => Some((UnaryOp::Neg, &i[1..])),
            (Some('+'), n) if n != Some('+') => Some((UnaryOp::Plus, &i[1..])),
            (Some('!'), n) if n != Some('=') => Some((UnaryOp::Bang, &i[1..])),
            _ => word(i, "not").map(|rest| (UnaryOp::Not, rest)),
        };
        if let Some((op, rest)) = prefix {
            let (j, operand) = self.expr_bp(sp_nl(rest), BP_UNARY, ctx)?;
            return Ok((j, unary_node(op, operand, self.span_from(start, j))));
        }
        if c == Some('^') && c2 != Some('^') {
            let (j, operand) = self.expr_bp(sp_nl(&i[1..]), BP_UNARY, ctx)?;
            return Ok((
                j,
                Expr::new(ExprKind::Pin(Box::new(operand)), self.span_from(start, j)),
            ));
        }
        if c == Some('@') && c2.is_some_and(is_ident_start) {
            if let Ok((rest, name)) = ident(&i[1..])
                && TYPESPEC_ATTRIBUTES.contains(&name)
                && rest.starts_with([' ', '\t'])
            {
                // `@type t :: t()`: the value is a typespec, kept as Elixir's AST.
                let spec = Ctx {
                    typespec: true,
                    ..ctx
                };
                let (j, value) = self.expr_bp(sp(rest), 0, spec)?;
                let kind = ExprKind::ModuleAttribute {
                    name: name.to_string(),
                    value: Some(Box::new(value)),
                };
                return Ok((j, Expr::new(kind, self.span_from(start, j))));
            }
            let (j, operand) = self.postfix(&i[1..], ctx, guard)?;
            let kind = match operand.kind {
                ExprKind::Var(name) => ExprKind::ModuleAttribute { name, value: None },
                ExprKind::Call {
                    target: None,
                    name,
                    mut args,
                    parens: false,
                } if args.len() == 1 => ExprKind::ModuleAttribute {
                    name,
                    value: args.pop().map(Box::new),
                },
                _ => return unexpected(i),
            };
            return Ok((j, Expr::new(kind, self.span_from(start, j))));
        }
        if c == Some('&') && !c2.is_some_and(|d| d.is_ascii_digit()) {
            if c2 == Some('&') {
                return unexpected(i);
            }
            let after = sp_nl(&i[1..]);
            if let Some(op) = operator_name(after)
                && let Some(digits) = after[op.len()..].strip_prefix('/')
            {
                // `&+/2`: an operator captured as a function.
                let count = digits.chars().take_while(char::is_ascii_digit).count();
                if let Ok(arity) = digits[..count].parse::<usize>() {
                    let j = &digits[count..];
                    let kind = ExprKind::CaptureNamed {
                        module: None,
                        name: op.to_string(),
                        arity,
                    };
                    return Ok((j, Expr::new(kind, self.span_from(start, j))));
                }
            }
            let (j, operand) = self.expr_bp(after, BP_CAPTURE, ctx)?;
            return Ok((j, capture_node(operand, self.span_from(start, j))));
        }
        self.postfix(i, ctx, guard)
    }

    // ------------------------------------------------------------ postfix and primaries

    /// `postfix = primary ('.' name call_tail | '.' Alias | '.(' args ')' | '[' expr ']')*`
    fn postfix(&self, i: &'a str, ctx: Ctx, guard: &mut DepthGuard<'_>) -> PResult<'a, Expr> {
        let (mut i, (mut e, mut closed)) = self.primary(i, ctx)?;
        while !closed {
            if i.starts_with(['.', '[']) {
                guard.deeper(i)?;
            }
            if let Some(rest) = i.strip_prefix('.') {
                if rest.starts_with('.') {
                    break;
                }
                let start = e.span.start;
                if rest.starts_with('{') && matches!(e.kind, ExprKind::Alias(_)) {
                    // `alias A.{B, C}`: the aliases to define, as a call named `{}` on `A`.
                    let (j, items) = self.tuple(&rest[1..])?;
                    let kind = ExprKind::Call {
                        target: Some(Box::new(e)),
                        name: "{}".to_string(),
                        args: items,
                        parens: true,
                    };
                    e = Expr::new(kind, self.span_from(start, j));
                    i = j;
                } else if rest.starts_with('(') {
                    let (j, args) = self.paren_args(rest)?;
                    let kind = ExprKind::Apply {
                        fun: Box::new(e),
                        args: args.into_exprs(),
                    };
                    e = Expr::new(kind, self.span_from(start, j));
                    i = j;
                } else if let Ok((j, seg)) = alias_segment(rest) {
                    let ExprKind::Alias(name) = &mut e.kind else {
                        return unexpected(rest);
                    };
                    name.push('.');
                    name.push_str(seg);
                    e.span = self.span_from(start, j);
                    i = j;
                } else if let Ok((j, name)) = ident(rest) {
                    let (k, (call, c)) = self.call_tail(start, Some(e), name, j, ctx)?;
                    (i, e, closed) = (k, call, c);
                } else if let Some(op) = operator_name(rest)
                    && rest[op.len()..].starts_with(['(', '/'])
                {
                    // `Kernel.+(1, 2)` and `&Kernel.+/2`: an operator named as a function.
                    let j = &rest[op.len()..];
                    let (k, (call, c)) = self.call_tail(start, Some(e), op, j, ctx)?;
                    (i, e, closed) = (k, call, c);
                } else {
                    return expected(rest, "expected a name after '.'", "unexpected end of input");
                }
            } else if let Some(rest) = i.strip_prefix('[') {
                let (j, key) = self.expr(sp_nl(rest), Ctx::default())?;
                let k = sp_nl(j);
                let Some(after) = k.strip_prefix(']') else {
                    return expected(k, "expected ']'", "missing terminator: ]");
                };
                let span = self.span_from(e.span.start, after);
                e = Expr::new(
                    ExprKind::Index {
                        target: Box::new(e),
                        key: Box::new(key),
                    },
                    span,
                );
                i = after;
            } else {
                break;
            }
        }
        Ok((i, e))
    }

    /// `primary = number | string | sigil | char | atom | '(' block ')' | list | tuple | map
    ///          | '&' digits | Alias | special_form | name call_tail`
    ///
    /// Also says whether postfix operators may follow (not after a call without parentheses
    /// or a `do` block).
    fn primary(&self, i: &'a str, ctx: Ctx) -> PResult<'a, (Expr, bool)> {
        let start = self.off(i);
        let Some(c) = i.chars().next() else {
            return unexpected(i);
        };
        let done = |j: &'a str, kind: ExprKind| Ok((j, (Expr::new(kind, self.span_from(start, j)), false)));
        match c {
            '0'..='9' => {
                let (j, kind) = number(i)?;
                done(j, kind)
            }
            '"' => {
                let (j, parts) = self.string_lit(i)?;
                done(j, ExprKind::Str(parts))
            }
            '~' => {
                let (j, kind) = self.sigil(i)?;
                done(j, kind)
            }
            '?' => {
                let (j, n) = self.char_lit(i)?;
                done(j, ExprKind::Int(n))
            }
            '\'' => {
                let (j, codes) = self.charlist_lit(i)?;
                let span = self.span_from(start, j);
                let items = codes
                    .into_iter()
                    .map(|n| Expr::new(ExprKind::Int(n), span))
                    .collect();
                done(j, ExprKind::List { items, tail: None })
            }
            ':' => {
                let (j, kind) = self.atom(i)?;
                done(j, kind)
            }
            '(' => {
                let (j, items) = self.block_items(&i[1..], Term::Paren)?;
                let Some(j) = j.strip_prefix(')') else {
                    return unexpected(j);
                };
                let e = Parser::seq(items, self.span_from(start, j));
                Ok((j, (e, false)))
            }
            '[' => {
                let (j, kind) = self.list(&i[1..])?;
                done(j, kind)
            }
            '{' => {
                let (j, items) = self.tuple(&i[1..])?;
                done(j, ExprKind::Tuple(items))
            }
            '%' => {
                let (j, kind) = self.map(&i[1..])?;
                done(j, kind)
            }
            '&' => {
                let digits = i[1..]
                    .find(|d: char| !d.is_ascii_digit())
                    .map_or(i.len(), |n| n + 1);
                match i[1..digits].parse::<usize>() {
                    Ok(n) if n > 0 => done(&i[digits..], ExprKind::CaptureArg(n)),
                    _ => fail(i, "invalid capture argument"),
                }
            }
            c if c.is_ascii_uppercase() => {
                let (j, seg) = alias_segment(i)?;
                done(j, ExprKind::Alias(seg.to_string()))
            }
            c if is_ident_start(c) => {
                let (j, name) = ident(i)?;
                match name {
                    "true" => done(j, ExprKind::Bool(true)),
                    "false" => done(j, ExprKind::Bool(false)),
                    "nil" => done(j, ExprKind::Nil),
                    "fn" => self.fn_expr(start, j),
                    "if" | "unless" => self.if_expr(start, name, j),
                    "case" => self.case_expr(start, j),
                    "cond" => self.cond_expr(start, j),
                    "for" => self.for_expr(start, j),
                    "with" => self.with_expr(start, j),
                    w if is_reserved(w) => unexpected(i),
                    _ => self.call_tail(start, None, name, j, ctx),
                }
            }
            _ => unexpected(i),
        }
    }

    /// `atom = ':' name | ':' string`; `i` starts at `:`.
    fn atom(&self, i: &'a str) -> PResult<'a, ExprKind> {
        let rest = &i[1..];
        if rest.starts_with('"') {
            let (j, name) = self.quoted_atom(rest)?;
            return Ok((j, ExprKind::Atom(name)));
        }
        let Ok((j, name)) = atom_name(rest) else {
            return unexpected(i);
        };
        let kind = match name {
            "true" => ExprKind::Bool(true),
            "false" => ExprKind::Bool(false),
            "nil" => ExprKind::Nil,
            _ => ExprKind::Atom(name.to_string()),
        };
        Ok((j, kind))
    }

    /// `call_tail = '(' args ')' do_block? | bare_args do_block? | do_block | ε`: what follows
    /// a name (`foo`, or `.foo` after `target`). A bare name is a variable (local), a
    /// zero-arity call (on a module or an atom) or a field access (on anything else).
    fn call_tail(
        &self,
        start: usize,
        target: Option<Expr>,
        name: &'a str,
        i: &'a str,
        ctx: Ctx,
    ) -> PResult<'a, (Expr, bool)> {
        let (i, (args, parens)) = self.any_args(i)?;
        let (i, block) = if ctx.no_do {
            (i, None)
        } else {
            self.opt_do_block(i)?
        };
        let span = self.span_from(start, i);
        if !parens && args.is_empty() && block.is_none() {
            let kind = match target {
                None => ExprKind::Var(name.to_string()),
                Some(t) if matches!(t.kind, ExprKind::Alias(_) | ExprKind::Atom(_)) => ExprKind::Call {
                    target: Some(Box::new(t)),
                    name: name.to_string(),
                    args: Vec::new(),
                    parens: false,
                },
                Some(t) => ExprKind::Field {
                    target: Box::new(t),
                    name: name.to_string(),
                },
            };
            return Ok((i, (Expr::new(kind, span), false)));
        }
        let closed = !parens || block.is_some();
        let mut list = args.into_exprs();
        if let Some(block) = block {
            list.push(keyword_list(block));
        }
        let kind = ExprKind::Call {
            target: target.map(Box::new),
            name: name.to_string(),
            args: list,
            parens,
        };
        Ok((i, (Expr::new(kind, span), closed)))
    }

    // ------------------------------------------------------------ arguments

    /// Arguments after a name: in parentheses, without them (`IO.puts "x"`), or none.
    /// Says whether parentheses were used.
    fn any_args(&self, i: &'a str) -> PResult<'a, (CallArgs, bool)> {
        if i.starts_with('(') {
            let (j, args) = self.paren_args(i)?;
            Ok((j, (args, true)))
        } else if self.no_parens_arg_start(i) {
            let (j, args) = self.bare_args(i)?;
            Ok((j, (args, false)))
        } else {
            Ok((i, (CallArgs::default(), false)))
        }
    }

    /// `paren_args = '(' (arg (',' arg)*)? ')'`; `i` starts at `(`.
    fn paren_args(&self, i: &'a str) -> PResult<'a, CallArgs> {
        let mut args = CallArgs::default();
        let j = self.paren_list(i, &mut |j, ctx| self.call_arg(j, ctx, &mut args))?;
        Ok((j, args))
    }

    /// `bare_args = arg (',' arg)*` after a name and a space.
    fn bare_args(&self, i: &'a str) -> PResult<'a, CallArgs> {
        let mut args = CallArgs::default();
        let j = self.bare_list(i, &mut |j, ctx| self.call_arg(j, ctx, &mut args))?;
        Ok((j, args))
    }

    /// `arg = key ':' expr | expr` (keyword pairs only after positional arguments).
    fn call_arg(&self, i: &'a str, ctx: Ctx, args: &mut CallArgs) -> Step<'a> {
        if let Some((j, key)) = self.kw_key(i) {
            let (j, value) = self.expr(sp_nl(j), ctx)?;
            args.kw.push((key, value));
            return Ok(j);
        }
        if !args.kw.is_empty() {
            return fail(i, "unexpected expression after keyword list");
        }
        let (j, e) = self.expr(i, ctx)?;
        args.pos.push(e);
        Ok(j)
    }

    /// `'(' item (',' item)* ')'`, newlines allowed anywhere; `i` starts at `(`.
    fn paren_list(&self, i: &'a str, item: &mut dyn FnMut(&'a str, Ctx) -> Step<'a>) -> Step<'a> {
        let mut i = sp_nl(&i[1..]);
        if let Some(r) = i.strip_prefix(')') {
            return Ok(r);
        }
        loop {
            let j = item(i, Ctx::default())?;
            let k = sp_nl(j);
            if let Some(r) = k.strip_prefix(',') {
                i = sp_nl(r);
            } else if let Some(r) = k.strip_prefix(')') {
                return Ok(r);
            } else {
                return expected(k, "expected ',' or ')'", "missing terminator: )");
            }
        }
    }

    /// `item (',' item)*` for a call without parentheses; a newline ends it unless after a
    /// comma. Items do not take `do` blocks (the outer call does).
    fn bare_list(&self, i: &'a str, item: &mut dyn FnMut(&'a str, Ctx) -> Step<'a>) -> Step<'a> {
        let mut i = sp(i);
        loop {
            let j = item(
                i,
                Ctx {
                    no_do: true,
                    ..Ctx::default()
                },
            )?;
            match sp(j).strip_prefix(',') {
                Some(r) => i = sp_nl(r),
                None => return Ok(j),
            }
        }
    }

    /// True when a name followed by `i` is a call without parentheses: a space, then something
    /// that starts an expression and cannot continue one (`foo -1` stays a subtraction).
    fn no_parens_arg_start(&self, i: &'a str) -> bool {
        let j = i.trim_start_matches([' ', '\t']);
        if j.len() == i.len() {
            return false;
        }
        let mut cs = j.chars();
        let Some(c) = cs.next() else { return false };
        let c2 = cs.next();
        match c {
            '0'..='9' | '"' | '\'' | '[' | '{' | '%' | '(' | '^' => true,
            ':' => c2.is_some_and(|d| is_ident_start(d) || d.is_ascii_uppercase() || d == '"'),
            '~' => c2.is_some_and(|d| d.is_ascii_alphabetic()),
            '?' => c2.is_some_and(|d| !d.is_whitespace()),
            '!' => c2 != Some('='),
            '&' => c2 != Some('&'),
            c if is_ident_start(c) || c.is_ascii_uppercase() => {
                if self.kw_key(j).is_some() {
                    return true;
                }
                match word_text(j) {
                    "do" | "end" | "else" | "after" | "rescue" | "catch" | "and" | "or" | "in" | "when" => {
                        false
                    }
                    "not" => binop(j).is_none(),
                    _ => true,
                }
            }
            _ => false,
        }
    }

    /// `key = name ':' | string ':'` followed by whitespace: the key as an atom and the rest.
    fn kw_key(&self, i: &'a str) -> Option<(&'a str, Expr)> {
        let start = self.off(i);
        let (rest, name) = if i.starts_with('"') {
            self.quoted_key(i)?
        } else {
            let (after, name) = atom_name(i).ok()?;
            let rest = after.strip_prefix(':')?;
            if !(rest.is_empty() || rest.starts_with([' ', '\t', '\n', '\r'])) {
                return None;
            }
            (rest, name.to_string())
        };
        let span = Span::new(start, self.off(rest));
        Some((rest, Expr::new(ExprKind::Atom(name), span)))
    }

    // ------------------------------------------------------------ collections

    /// `list = '[' (item (',' item)* ','? ('|' expr)?)? ']'`; `i` is after `[`.
    fn list(&self, i: &'a str) -> PResult<'a, ExprKind> {
        let mut items = Vec::new();
        let mut keywords = false;
        let mut i = sp_nl(i);
        if let Some(r) = i.strip_prefix(']') {
            return Ok((r, ExprKind::List { items, tail: None }));
        }
        loop {
            i = self.collection_item(i, &mut items, &mut keywords)?;
            let k = sp_nl(i);
            if let Some(r) = symbol(k, "|").filter(|_| !keywords) {
                let (j, tail) = self.expr(sp_nl(r), Ctx::default())?;
                let k = sp_nl(j);
                let Some(r) = k.strip_prefix(']') else {
                    return expected(k, "expected ']'", "missing terminator: ]");
                };
                return Ok((
                    r,
                    ExprKind::List {
                        items,
                        tail: Some(Box::new(tail)),
                    },
                ));
            }
            if let Some(r) = k.strip_prefix(',') {
                i = sp_nl(r);
                if let Some(r) = i.strip_prefix(']') {
                    return Ok((r, ExprKind::List { items, tail: None }));
                }
            } else if let Some(r) = k.strip_prefix(']') {
                return Ok((r, ExprKind::List { items, tail: None }));
            } else {
                return expected(k, "expected ',' or ']'", "missing terminator: ]");
            }
        }
    }

    /// One list item: an expression, or `key: value` as a `{:key, value}` tuple.
    fn collection_item(&self, i: &'a str, items: &mut Vec<Expr>, keywords: &mut bool) -> Step<'a> {
        if let Some((j, key)) = self.kw_key(i) {
            let (j, value) = self.expr(sp_nl(j), Ctx::default())?;
            items.push(pair(key, value));
            *keywords = true;
            return Ok(j);
        }
        if *keywords {
            return fail(i, "unexpected expression after keyword list");
        }
        let (j, e) = self.expr(i, Ctx::default())?;
        items.push(e);
        Ok(j)
    }

    /// `tuple = '{' (item (',' item)* ','?)? '}'`; trailing `key: value` pairs become one
    /// keyword list element. `i` is after `{`.
    fn tuple(&self, i: &'a str) -> PResult<'a, Vec<Expr>> {
        let mut items = Vec::new();
        let mut pairs = Vec::new();
        let mut keywords = false;
        let mut i = sp_nl(i);
        loop {
            if let Some(r) = i.strip_prefix('}') {
                if !pairs.is_empty() {
                    items.push(keyword_list_of_pairs(pairs));
                }
                return Ok((r, items));
            }
            let target = if keywords || self.kw_key(i).is_some() {
                &mut pairs
            } else {
                &mut items
            };
            let j = self.collection_item(i, target, &mut keywords)?;
            let k = sp_nl(j);
            if let Some(r) = k.strip_prefix(',') {
                i = sp_nl(r);
            } else if k.starts_with('}') {
                i = k;
            } else {
                return expected(k, "expected ',' or '}'", "missing terminator: }");
            }
        }
    }

    /// `map = '%' Alias? '{' (expr '|')? (entry (',' entry)* ','?)? '}'` with
    /// `entry = key ':' expr | expr '=>' expr`; `i` is after `%`.
    fn map(&self, i: &'a str) -> PResult<'a, ExprKind> {
        let mut name = None;
        let mut i = i;
        if let Ok((j, first)) = alias_segment(i) {
            let mut full = first.to_string();
            i = j;
            while let Some(r) = i.strip_prefix('.') {
                let Ok((j, seg)) = alias_segment(r) else { break };
                full.push('.');
                full.push_str(seg);
                i = j;
            }
            name = Some(full);
        }
        let Some(body) = i.strip_prefix('{') else {
            return expected(i, "expected '{'", "unexpected end of input");
        };
        let (j, (base, entries)) = self.map_body(body)?;
        let kind = match name {
            Some(name) => ExprKind::Struct { name, base, entries },
            None => ExprKind::Map { base, entries },
        };
        Ok((j, kind))
    }

    fn map_body(&self, i: &'a str) -> PResult<'a, (Option<Box<Expr>>, Pairs)> {
        let mut base = None;
        let mut entries = Vec::new();
        let mut keywords = false;
        let mut i = sp_nl(i);
        loop {
            if let Some(r) = i.strip_prefix('}') {
                return Ok((r, (base, entries)));
            }
            let j = if let Some((j, key)) = self.kw_key(i) {
                let (j, value) = self.expr(sp_nl(j), Ctx::default())?;
                entries.push((key, value));
                keywords = true;
                j
            } else if keywords {
                return fail(i, "unexpected expression after keyword list");
            } else {
                let (j, key) = self.expr(i, Ctx::default())?;
                let k = sp_nl(j);
                if base.is_none()
                    && entries.is_empty()
                    && let Some(r) = symbol(k, "|")
                {
                    base = Some(Box::new(key));
                    i = sp_nl(r);
                    continue;
                }
                let Some(r) = symbol(k, "=>") else {
                    return expected(k, "expected '=>'", "unexpected end of input");
                };
                let (j, value) = self.expr(sp_nl(r), Ctx::default())?;
                entries.push((key, value));
                j
            };
            let k = sp_nl(j);
            if let Some(r) = k.strip_prefix(',') {
                i = sp_nl(r);
            } else if k.starts_with('}') {
                i = k;
            } else {
                return expected(k, "expected ',' or '}'", "missing terminator: }");
            }
        }
    }

    // ------------------------------------------------------------ do blocks and clauses

    /// `do_block = 'do' block_items ('else' block_items)? 'end'`, if `i` (after spaces) starts
    /// with `do`: the sections as `(:do, body)`, `(:else, body)` pairs.
    fn opt_do_block(&self, i: &'a str) -> PResult<'a, Option<Pairs>> {
        let j = sp(i);
        let Some(mut rest) = word(j, "do") else {
            return Ok((i, None));
        };
        let mut section = ("do", Span::new(self.off(j), self.off(rest)));
        let mut sections = Vec::new();
        loop {
            let (k, items) = self.block_items(rest, Term::End)?;
            let key = Expr::new(ExprKind::Atom(section.0.to_string()), section.1);
            sections.push((key, Parser::seq(items, section.1)));
            if let Some(r) = word(k, "end") {
                return Ok((r, Some(sections)));
            }
            match word(k, "else") {
                Some(r) if section.0 == "do" => {
                    section = ("else", Span::new(self.off(k), self.off(r)));
                    rest = r;
                }
                _ => return unexpected(k),
            }
        }
    }

    /// `do_clauses = 'do' clauses 'end'` for `case` and `cond`.
    fn do_clauses(&self, i: &'a str, start: usize, what: &str) -> PResult<'a, Vec<Clause>> {
        let j = sp(i);
        let Some(rest) = word(j, "do") else {
            return fail(self.rest_at(start), format!("missing 'do' in {what}"));
        };
        let (k, clauses) = self.clauses(rest)?;
        let Some(r) = word(k, "end") else {
            return unexpected(k);
        };
        Ok((r, clauses))
    }

    /// `clauses = separators? clause (separators clause)* separators?` up to `end`, with
    /// `clause = clause_head block_items`.
    fn clauses(&self, i: &'a str) -> PResult<'a, Vec<Clause>> {
        let mut out = Vec::new();
        let i = skip_seps(i);
        if i.is_empty() {
            return fail(i, "missing terminator: end");
        }
        let (mut i, mut head) = self.clause_head(i, None)?;
        let mut body = Vec::new();
        loop {
            let j = skip_seps(i);
            if j.is_empty() {
                return fail(j, "missing terminator: end");
            }
            if word(j, "end").is_some() {
                out.push(head.finish(body));
                return Ok((j, out));
            }
            let (k, e) = self.expr(j, Ctx::default())?;
            let k = sp(k);
            if k.starts_with(',') || symbol(k, "->").is_some() || word(k, "when").is_some() {
                out.push(head.finish(std::mem::take(&mut body)));
                (i, head) = self.clause_head(k, Some(e))?;
                continue;
            }
            body.push(e);
            if k.starts_with(['\n', ';']) || word(k, "end").is_some() {
                i = k;
                continue;
            }
            return expected(k, &describe(k), "missing terminator: end");
        }
    }

    /// `clause_head = (expr (',' expr)*)? ('when' expr)? '->'`; `first` is an already read
    /// first pattern (then `i` is after it).
    fn clause_head(&self, i: &'a str, first: Option<Expr>) -> PResult<'a, Head> {
        let mut patterns = Vec::new();
        let mut i = i;
        match first {
            Some(e) => patterns.push(e),
            None if symbol(i, "->").is_some() => {}
            None => {
                let (j, e) = self.expr(i, Ctx::default())?;
                patterns.push(e);
                i = j;
            }
        }
        while let Some(r) = sp(i).strip_prefix(',') {
            let (j, e) = self.expr(sp_nl(r), Ctx::default())?;
            patterns.push(e);
            i = j;
        }
        let mut k = sp(i);
        let mut guard = None;
        if let Some(r) = word(k, "when") {
            let (j, g) = self.expr(sp_nl(r), Ctx::default())?;
            guard = Some(g);
            k = sp(j);
        }
        let Some(r) = symbol(k, "->") else {
            return expected(k, "expected '->'", "unexpected end of input");
        };
        let arrow = Span::new(self.off(k), self.off(r));
        Ok((
            r,
            Head {
                patterns,
                guard,
                arrow,
            },
        ))
    }

    // ------------------------------------------------------------ special forms

    /// `fn_expr = 'fn' clauses 'end'`
    fn fn_expr(&self, start: usize, i: &'a str) -> PResult<'a, (Expr, bool)> {
        let (j, clauses) = self.clauses(i)?;
        let Some(r) = word(j, "end") else {
            return unexpected(j);
        };
        Ok((
            r,
            (Expr::new(ExprKind::Fn(clauses), self.span_from(start, r)), false),
        ))
    }

    /// `if_expr = ('if' | 'unless') call_args do_block?` with one condition and `do:`/`else:`.
    fn if_expr(&self, start: usize, name: &str, i: &'a str) -> PResult<'a, (Expr, bool)> {
        let (i, (args, _)) = self.any_args(i)?;
        let (i, block) = self.opt_do_block(i)?;
        if name == "if" && args.pos.len() == 3 && args.kw.is_empty() && block.is_none() {
            // Ash's expression form `if(condition, then, else)` (resource files' `expr(...)`).
            let mut pos = args.pos.into_iter();
            if let (Some(cond), Some(then), Some(otherwise)) = (pos.next(), pos.next(), pos.next()) {
                let kind = ExprKind::If {
                    cond: Box::new(cond),
                    then: Box::new(then),
                    otherwise: Some(Box::new(otherwise)),
                };
                return Ok((i, (Expr::new(kind, self.span_from(start, i)), false)));
            }
            return unexpected(i);
        }
        if args.pos.len() != 1 {
            return fail(self.rest_at(start), format!("{name} expects one condition"));
        }
        let from_kw = !args.kw.is_empty();
        let mut sections = args.kw;
        if let Some(block) = block {
            if from_kw {
                return fail(self.rest_at(start), format!("{name} has both do: and a do block"));
            }
            sections = block;
        }
        let (mut then, mut otherwise) = (None, None);
        for (key, value) in sections {
            match &key.kind {
                ExprKind::Atom(k) if k == "do" && then.is_none() => then = Some(value),
                ExprKind::Atom(k) if k == "else" && otherwise.is_none() => otherwise = Some(value),
                ExprKind::Atom(k) => {
                    return fail(
                        self.rest_at(key.span.start),
                        format!("unexpected keyword in {name}: {k}"),
                    );
                }
                _ => {
                    return fail(
                        self.rest_at(key.span.start),
                        format!("unexpected keyword in {name}"),
                    );
                }
            }
        }
        let Some(then) = then else {
            return fail(self.rest_at(start), format!("missing 'do' in {name}"));
        };
        let cond = args.pos.into_iter().next().map(Box::new);
        let Some(cond) = cond else {
            return fail(self.rest_at(start), "missing condition");
        };
        let span = self.span_from(start, i);
        let (then, otherwise) = if name == "unless" {
            let nil = Expr::new(ExprKind::Nil, Span::new(start, start + name.len()));
            (otherwise.unwrap_or(nil), Some(then))
        } else {
            (then, otherwise)
        };
        let kind = ExprKind::If {
            cond,
            then: Box::new(then),
            otherwise: otherwise.map(Box::new),
        };
        Ok((i, (Expr::new(kind, span), true)))
    }

    /// `case_expr = 'case' call_args do_clauses`
    fn case_expr(&self, start: usize, i: &'a str) -> PResult<'a, (Expr, bool)> {
        let (i, (args, _)) = self.any_args(i)?;
        // No subject: `x |> case do … end`, the pipe gives it.
        if args.pos.len() > 1 || !args.kw.is_empty() {
            return fail(self.rest_at(start), "case expects one expression");
        }
        let (j, clauses) = self.do_clauses(i, start, "case")?;
        if let Some(c) = clauses.iter().find(|c| c.patterns.len() != 1) {
            return fail(
                self.rest_at(c.body.span.start),
                "case clauses take exactly one pattern",
            );
        }
        let subject = args.pos.into_iter().next().map(Box::new);
        Ok((
            j,
            (
                Expr::new(ExprKind::Case { subject, clauses }, self.span_from(start, j)),
                true,
            ),
        ))
    }

    /// `cond_expr = 'cond' do_clauses`
    fn cond_expr(&self, start: usize, i: &'a str) -> PResult<'a, (Expr, bool)> {
        let (j, clauses) = self.do_clauses(i, start, "cond")?;
        if let Some(c) = clauses
            .iter()
            .find(|c| c.patterns.len() != 1 || c.guard.is_some())
        {
            return fail(
                self.rest_at(c.body.span.start),
                "cond clauses take exactly one condition",
            );
        }
        Ok((
            j,
            (Expr::new(ExprKind::Cond(clauses), self.span_from(start, j)), true),
        ))
    }

    /// `qualifiers = qualifier (',' qualifier)* (',' key ':' expr)*` with
    /// `qualifier = expr '<-' expr | expr`: the heads of `for` and `with`, and their options.
    fn qualifiers(&self, i: &'a str) -> PResult<'a, (Vec<Qualifier>, Pairs)> {
        let mut quals = Vec::new();
        let mut opts: Vec<(Expr, Expr)> = Vec::new();
        let mut item = |j: &'a str, c: Ctx| -> Step<'a> {
            if let Some((k, key)) = self.kw_key(j) {
                let (k, value) = self.expr(sp_nl(k), c)?;
                opts.push((key, value));
                return Ok(k);
            }
            if !opts.is_empty() {
                return fail(j, "unexpected expression after keyword list");
            }
            let (k, e) = self.expr(j, c)?;
            if let Some(r) = symbol(sp(k), "<-") {
                let (k, source) = self.expr(sp_nl(r), c)?;
                quals.push(Qualifier::Generator { pattern: e, source });
                return Ok(k);
            }
            quals.push(Qualifier::Filter(e));
            Ok(k)
        };
        let i = if i.starts_with('(') {
            self.paren_list(i, &mut item)?
        } else if self.no_parens_arg_start(i) {
            self.bare_list(i, &mut item)?
        } else {
            i
        };
        Ok((i, (quals, opts)))
    }

    /// `with_expr = 'with' qualifiers (',' qualifier)* (',' 'do:' expr (',' 'else:' ...)?
    ///             | 'do' block_items ('else' clauses)? 'end')`
    #[inline(never)]
    fn with_expr(&self, start: usize, i: &'a str) -> PResult<'a, (Expr, bool)> {
        let (i, (quals, opts)) = self.qualifiers(i)?;
        let mut body = None;
        let mut otherwise = Vec::new();
        for (key, value) in opts {
            match &key.kind {
                ExprKind::Atom(k) if k == "do" && body.is_none() => body = Some(value),
                _ => return fail(self.rest_at(key.span.start), "unsupported option in with"),
            }
        }
        let mut i = i;
        if body.is_none() {
            let j = sp(i);
            let Some(rest) = word(j, "do") else {
                return fail(self.rest_at(start), "missing 'do' in with");
            };
            let do_span = Span::new(self.off(j), self.off(rest));
            let (k, items) = self.block_items(rest, Term::End)?;
            body = Some(Parser::seq(items, do_span));
            i = match word(k, "else") {
                Some(r) => {
                    let (k, clauses) = self.clauses(r)?;
                    otherwise = clauses;
                    k
                }
                None => k,
            };
            let Some(r) = word(i, "end") else {
                return unexpected(i);
            };
            i = r;
        }
        let Some(body) = body else {
            return fail(self.rest_at(start), "missing 'do' in with");
        };
        let kind = ExprKind::With(Box::new(With {
            qualifiers: quals,
            body,
            otherwise,
        }));
        Ok((i, (Expr::new(kind, self.span_from(start, i)), true)))
    }

    /// `for_expr = 'for' qualifiers do_block?`.
    fn for_expr(&self, start: usize, i: &'a str) -> PResult<'a, (Expr, bool)> {
        let (i, (quals, opts)) = self.qualifiers(i)?;
        let (i, block) = self.opt_do_block(i)?;
        if !quals.iter().any(|q| matches!(q, Qualifier::Generator { .. })) {
            return fail(
                self.rest_at(start),
                "for expects at least one generator (x <- list)",
            );
        }
        let (mut into, mut body) = (None, None);
        for (key, value) in opts.into_iter().chain(block.into_iter().flatten()) {
            match &key.kind {
                ExprKind::Atom(k) if k == "into" && into.is_none() => into = Some(Box::new(value)),
                ExprKind::Atom(k) if k == "do" && body.is_none() => body = Some(Box::new(value)),
                ExprKind::Atom(k) => {
                    return fail(
                        self.rest_at(key.span.start),
                        format!("unsupported option in for: {k}"),
                    );
                }
                _ => return fail(self.rest_at(key.span.start), "unsupported option in for"),
            }
        }
        let Some(body) = body else {
            return fail(self.rest_at(start), "missing 'do' in for");
        };
        let kind = ExprKind::For {
            qualifiers: quals,
            into,
            body,
        };
        Ok((i, (Expr::new(kind, self.span_from(start, i)), true)))
    }
}

/// `atom_name = (letter | '_') name_char* ('?' | '!')?` (also upper-case: `:Foo`, `Foo:`).
fn atom_name(i: &str) -> PResult<'_, &str> {
    recognize((
        satisfy(|c| is_ident_start(c) || c.is_ascii_uppercase()),
        take_while(is_ident_char),
        opt(alt((char('?'), char('!')))),
    ))
    .parse(i)
}

/// True for the parser's messages that only say a token was not expected there (Elixir's
/// "syntax error before: …"), as opposed to ones that name what is wrong.
fn is_generic(message: &str) -> bool {
    message.starts_with("unexpected token")
        || message.starts_with("expected ")
        || message.starts_with("missing terminator")
        || message == "unexpected end of input"
}

/// Left and right binding powers (higher binds tighter; equal means right-associative).
fn binding_power(op: OpTok) -> (u8, u8) {
    match op {
        // Looser than `=`, right-associative, `|` binding tighter than `::` (Elixir's table).
        OpTok::Typespec("|") => (16, 16),
        OpTok::Typespec(_) => (14, 14),
        OpTok::Match => (20, 20),
        OpTok::Bin(BinOp::OrOr | BinOp::Or) => (30, 31),
        OpTok::Bin(BinOp::AndAnd | BinOp::And) => (40, 41),
        OpTok::Bin(BinOp::Eq | BinOp::NotEq | BinOp::StrictEq | BinOp::StrictNotEq) => (50, 51),
        OpTok::Bin(BinOp::Lt | BinOp::Gt | BinOp::LtEq | BinOp::GtEq) => (60, 61),
        OpTok::Pipe => (70, 71),
        OpTok::Bin(BinOp::In | BinOp::NotIn) => (80, 81),
        OpTok::Bin(BinOp::Concat | BinOp::Subtract | BinOp::StrConcat) | OpTok::Range => (BP_RANGE, BP_RANGE),
        OpTok::Bin(BinOp::Add | BinOp::Sub) => (100, 101),
        OpTok::Bin(BinOp::Mul | BinOp::Div) => (110, 111),
    }
}

/// `::` or `|` at the start of `i`, inside a typespec only.
fn typespec_op(i: &str, ctx: Ctx) -> Option<(OpTok, &str)> {
    if !ctx.typespec {
        return None;
    }
    ["::", "|"]
        .into_iter()
        .find_map(|t| symbol(i, t).map(|rest| (OpTok::Typespec(t), rest)))
}

/// `-` on a number literal folds into a negative literal (so `-1` works as a pattern).
fn unary_node(op: UnaryOp, operand: Expr, span: Span) -> Expr {
    if op == UnaryOp::Neg {
        let folded = match &operand.kind {
            ExprKind::Int(n) => n.checked_neg().map(ExprKind::Int),
            ExprKind::Float(f) => Some(ExprKind::Float(-f)),
            ExprKind::BigInt(d) if d == "9223372036854775808" => Some(ExprKind::Int(i64::MIN)),
            ExprKind::BigInt(d) if !d.starts_with('-') => Some(ExprKind::BigInt(format!("-{d}"))),
            _ => None,
        };
        if let Some(kind) = folded {
            return Expr::new(kind, span);
        }
    }
    Expr::new(
        ExprKind::Unary {
            op,
            operand: Box::new(operand),
        },
        span,
    )
}

/// The operators that can be named as functions (`Kernel.+(1, 2)`, `&+/2`), longest first.
fn operator_name(i: &str) -> Option<&'static str> {
    const OPERATORS: &[&str] = &[
        "===", "!==", "==", "!=", "<=", ">=", "++", "--", "<>", "+", "-", "*", "/", "<", ">",
    ];
    OPERATORS.iter().copied().find(|op| i.starts_with(op))
}

/// `&name/arity` and `&Mod.name/arity` become `CaptureNamed`; anything else is a `Capture`.
fn capture_node(operand: Expr, span: Span) -> Expr {
    if let ExprKind::Binary {
        op: BinOp::Div,
        left,
        right,
    } = &operand.kind
        && let ExprKind::Int(n) = right.kind
        && let Ok(arity) = usize::try_from(n)
    {
        let named = match &left.kind {
            ExprKind::Var(name) => Some((None, name.clone())),
            ExprKind::Call {
                target: Some(t),
                name,
                args,
                parens: false,
            } if args.is_empty() => match &t.kind {
                ExprKind::Alias(m) => Some((Some(m.clone()), name.clone())),
                _ => None,
            },
            _ => None,
        };
        if let Some((module, name)) = named {
            return Expr::new(ExprKind::CaptureNamed { module, name, arity }, span);
        }
    }
    Expr::new(ExprKind::Capture(Box::new(operand)), span)
}

/// `{key, value}` for a keyword pair.
fn pair(key: Expr, value: Expr) -> Expr {
    let span = key.span.to(value.span);
    Expr::new(ExprKind::Tuple(vec![key, value]), span)
}

/// A keyword list `[k: v, ...]` from its pairs.
fn keyword_list(pairs: Vec<(Expr, Expr)>) -> Expr {
    keyword_list_of_pairs(pairs.into_iter().map(|(k, v)| pair(k, v)).collect())
}

/// A list of already built `{k, v}` tuples.
fn keyword_list_of_pairs(items: Vec<Expr>) -> Expr {
    let span = match (items.first(), items.last()) {
        (Some(a), Some(b)) => a.span.to(b.span),
        _ => Span::default(),
    };
    Expr::new(ExprKind::List { items, tail: None }, span)
}
