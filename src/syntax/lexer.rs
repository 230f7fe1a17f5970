//! Tokens of the Elixir subset: whitespace and comments, names, numbers, atoms and operators.
//!
//! Small nom parsers over `&str` that the expression parser (`parser`) calls, plus the error
//! type they all share. This file knows nothing of expressions or precedence (beyond which
//! operator a piece of text is); string and sigil bodies are read by `string`.

use nom::branch::alt;
use nom::bytes::complete::{take_while, take_while1};
use nom::character::complete::{char, digit1, one_of, satisfy};
use nom::combinator::{not, opt, recognize};
use nom::error::ErrorKind;
use nom::multi::many0;
use nom::{IResult, Parser};

use crate::syntax::ast::{BinOp, ExprKind};

/// The result of every parser in the syntax module.
pub(crate) type PResult<'a, T> = IResult<&'a str, T, PErr>;

/// A parse failure: where (as the length of the input left, so it converts to a byte offset
/// into any suffix-sharing source) and, when known, what went wrong.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PErr {
    pub(crate) rest_len: usize,
    pub(crate) message: Option<String>,
}

impl<'a> nom::error::ParseError<&'a str> for PErr {
    fn from_error_kind(input: &'a str, _kind: ErrorKind) -> Self {
        PErr {
            rest_len: input.len(),
            message: None,
        }
    }

    fn append(_input: &'a str, _kind: ErrorKind, other: Self) -> Self {
        other
    }

    /// The error that got farthest wins; at the same place, the one that says more.
    fn or(self, other: Self) -> Self {
        if other.rest_len < self.rest_len || (other.rest_len == self.rest_len && self.message.is_none()) {
            other
        } else {
            self
        }
    }
}

/// A committed failure (no backtracking) at `i` with `message`.
pub(crate) fn fail<T>(i: &str, message: impl Into<String>) -> Result<T, nom::Err<PErr>> {
    Err(nom::Err::Failure(PErr {
        rest_len: i.len(),
        message: Some(message.into()),
    }))
}

/// A committed failure at `i` saying what is there ("unexpected token: )").
pub(crate) fn unexpected<T>(i: &str) -> Result<T, nom::Err<PErr>> {
    fail(i, describe(i))
}

/// A committed failure at `i`: `missing` at end of input (so the input is incomplete),
/// `expected` otherwise.
pub(crate) fn expected<T>(i: &str, expected: &str, missing: &str) -> Result<T, nom::Err<PErr>> {
    if i.is_empty() {
        fail(i, missing)
    } else {
        fail(i, expected)
    }
}

/// "unexpected token: X" for the token at the start of `i`, or "unexpected end of input".
pub(crate) fn describe(i: &str) -> String {
    if i.is_empty() {
        return "unexpected end of input".to_string();
    }
    format!("unexpected token: {}", token_text(i))
}

/// The text of the token at the start of `i` (always ends on a char boundary).
pub(crate) fn token_text(i: &str) -> &str {
    let Some(c) = i.chars().next() else { return "" };
    let len = if is_ident_char(c) {
        i.find(|c: char| !(is_ident_char(c) || c == '?' || c == '!'))
            .unwrap_or(i.len())
    } else if c == '\n' {
        return "newline";
    } else {
        symbol_len(i).unwrap_or(c.len_utf8())
    };
    i.get(..len).unwrap_or(i)
}

/// Byte length of the token at the start of `i` (0 at end of input).
pub(crate) fn token_len(i: &str) -> usize {
    match i.chars().next() {
        None => 0,
        Some('\n') => 1,
        Some(_) => token_text(i).len(),
    }
}

// ---------------------------------------------------------------- whitespace

/// Skips spaces, tabs, carriage returns and a `# comment` up to (not including) the newline.
pub(crate) fn sp(i: &str) -> &str {
    let rest = i.trim_start_matches([' ', '\t', '\r']);
    if rest.starts_with('#') {
        let end = rest.find('\n').unwrap_or(rest.len());
        rest.get(end..).unwrap_or("")
    } else {
        rest
    }
}

/// Skips whitespace, comments and newlines.
pub(crate) fn sp_nl(i: &str) -> &str {
    let mut rest = i;
    loop {
        let next = sp(rest).trim_start_matches('\n');
        if next.len() == rest.len() {
            return rest;
        }
        rest = next;
    }
}

/// Skips whitespace, comments, newlines and `;` (expression separators).
pub(crate) fn skip_seps(i: &str) -> &str {
    let mut rest = i;
    loop {
        let next = sp_nl(rest).trim_start_matches(';');
        if next.len() == rest.len() {
            return rest;
        }
        rest = next;
    }
}

// ---------------------------------------------------------------- names

/// First char of a variable or function name.
pub(crate) fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_ascii_lowercase() || (!c.is_ascii() && c.is_alphabetic() && !c.is_uppercase())
}

/// Later chars of any name.
pub(crate) fn is_ident_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// `name`, `name?`, `name!` (a lower-case identifier; `!` not when `!=` follows).
pub(crate) fn ident(i: &str) -> PResult<'_, &str> {
    recognize((
        satisfy(is_ident_start),
        take_while(is_ident_char),
        opt(name_suffix),
    ))
    .parse(i)
}

fn name_suffix(i: &str) -> PResult<'_, char> {
    alt((char('?'), (char('!'), not(char('='))).map(|(c, ())| c))).parse(i)
}

/// One segment of a module alias: `Support`, `AshApi`.
pub(crate) fn alias_segment(i: &str) -> PResult<'_, &str> {
    recognize((
        satisfy(|c| c.is_ascii_uppercase()),
        take_while(|c: char| c.is_ascii_alphanumeric() || c == '_'),
    ))
    .parse(i)
}

/// The rest after the reserved word `w` at the start of `i`, if it is there as a whole word
/// (not a prefix of a longer name, not a keyword key like `do:`).
pub(crate) fn word<'a>(i: &'a str, w: &str) -> Option<&'a str> {
    let rest = i.strip_prefix(w)?;
    match rest.chars().next() {
        Some(c) if is_ident_char(c) || c == '?' || c == '!' || c == ':' => None,
        _ => Some(rest),
    }
}

/// The whole word (name chars) at the start of `i`, possibly empty.
pub(crate) fn word_text(i: &str) -> &str {
    let end = i.find(|c: char| !is_ident_char(c)).unwrap_or(i.len());
    i.get(..end).unwrap_or("")
}

/// Words that can never be a variable or a function name.
pub(crate) fn is_reserved(w: &str) -> bool {
    matches!(
        w,
        "do" | "end"
            | "else"
            | "after"
            | "rescue"
            | "catch"
            | "and"
            | "or"
            | "not"
            | "in"
            | "when"
            | "fn"
            | "true"
            | "false"
            | "nil"
    )
}

// ---------------------------------------------------------------- numbers

fn digits(i: &str) -> PResult<'_, &str> {
    recognize((digit1, many0((char('_'), digit1)))).parse(i)
}

fn radix_digits(radix: u32) -> impl Fn(&str) -> PResult<'_, &str> {
    move |i| {
        recognize((
            take_while1(move |c: char| c.is_digit(radix)),
            many0((char('_'), take_while1(move |c: char| c.is_digit(radix)))),
        ))
        .parse(i)
    }
}

/// `1_000`, `0x1F`, `0b101`, `0o17`, `1.5`, `1.0e-5`.
pub(crate) fn number(i: &str) -> PResult<'_, ExprKind> {
    for (prefix, radix) in [("0x", 16), ("0b", 2), ("0o", 8)] {
        if let Some(rest) = i.strip_prefix(prefix)
            && let Ok((after, text)) = radix_digits(radix)(rest)
        {
            let clean: String = text.chars().filter(|&c| c != '_').collect();
            return match u128::from_str_radix(&clean, radix) {
                Ok(n) => Ok((after, int_kind_u128(n))),
                Err(_) => fail(i, "integer literal too large"),
            };
        }
    }
    let (rest, text) = recognize((
        digits,
        opt((char('.'), digits, opt((one_of("eE"), opt(one_of("+-")), digits)))),
    ))
    .parse(i)?;
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    if clean.contains('.') {
        match clean.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok((rest, ExprKind::Float(f))),
            _ => fail(i, "float literal out of range"),
        }
    } else {
        match clean.parse::<i64>() {
            Ok(n) => Ok((rest, ExprKind::Int(n))),
            Err(_) => {
                let trimmed = clean.trim_start_matches('0');
                Ok((rest, ExprKind::BigInt(trimmed.to_string())))
            }
        }
    }
}

fn int_kind_u128(n: u128) -> ExprKind {
    match i64::try_from(n) {
        Ok(v) => ExprKind::Int(v),
        Err(_) => ExprKind::BigInt(n.to_string()),
    }
}

// ---------------------------------------------------------------- operators

/// A binary operator token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OpTok {
    Bin(BinOp),
    Pipe,
    Match,
    Range,
    /// `::` and `|` of a typespec (`@type t :: :a | :b`), read only there; the node is a call
    /// named after the operator, as in Elixir's AST.
    Typespec(&'static str),
}

impl OpTok {
    /// `+` and `-` at the start of a line begin a new expression (`-1`); every other binary
    /// operator there continues the previous line.
    pub(crate) fn continues_line(self) -> bool {
        !matches!(self, OpTok::Bin(BinOp::Add | BinOp::Sub))
    }
}

/// Every symbolic token, longest first. Ones that are not binary operators of the subset map
/// to None (so `->`, `<-`, `=>`, `//`, `|` and unsupported operators end an expression).
const SYMBOLS: &[(&str, Option<OpTok>)] = &[
    ("===", Some(OpTok::Bin(BinOp::StrictEq))),
    ("!==", Some(OpTok::Bin(BinOp::StrictNotEq))),
    ("<<<", None),
    (">>>", None),
    ("|||", None),
    ("&&&", None),
    ("^^^", None),
    ("~~~", None),
    ("<~>", None),
    ("<<~", None),
    ("~>>", None),
    ("<|>", None),
    ("+++", None),
    ("---", None),
    ("...", None),
    ("==", Some(OpTok::Bin(BinOp::Eq))),
    ("!=", Some(OpTok::Bin(BinOp::NotEq))),
    ("<=", Some(OpTok::Bin(BinOp::LtEq))),
    (">=", Some(OpTok::Bin(BinOp::GtEq))),
    ("<>", Some(OpTok::Bin(BinOp::StrConcat))),
    ("|>", Some(OpTok::Pipe)),
    ("++", Some(OpTok::Bin(BinOp::Concat))),
    ("--", Some(OpTok::Bin(BinOp::Subtract))),
    ("..", Some(OpTok::Range)),
    ("&&", Some(OpTok::Bin(BinOp::AndAnd))),
    ("||", Some(OpTok::Bin(BinOp::OrOr))),
    ("=~", None),
    ("->", None),
    ("<-", None),
    ("=>", None),
    ("//", None),
    ("::", None),
    ("**", None),
    ("<~", None),
    ("~>", None),
    ("\\\\", None),
    ("<<", None),
    (">>", None),
    ("<", Some(OpTok::Bin(BinOp::Lt))),
    (">", Some(OpTok::Bin(BinOp::Gt))),
    ("+", Some(OpTok::Bin(BinOp::Add))),
    ("-", Some(OpTok::Bin(BinOp::Sub))),
    ("*", Some(OpTok::Bin(BinOp::Mul))),
    ("/", Some(OpTok::Bin(BinOp::Div))),
    ("=", Some(OpTok::Match)),
    ("|", None),
];

/// The entry of `SYMBOLS` for the symbolic token at the start of `i`.
fn symbol_entry(i: &str) -> Option<&'static (&'static str, Option<OpTok>)> {
    let first = *i.as_bytes().first()?;
    if !b"=!<>|&^~+-.*/:\\".contains(&first) {
        return None;
    }
    SYMBOLS.iter().find(|(s, _)| i.starts_with(s))
}

/// Byte length of the symbolic token at the start of `i`.
fn symbol_len(i: &str) -> Option<usize> {
    symbol_entry(i).map(|(s, _)| s.len())
}

/// The binary operator at the start of `i` and the rest after it, if there is one.
pub(crate) fn binop(i: &str) -> Option<(OpTok, &str)> {
    if let Some(&(s, op)) = symbol_entry(i) {
        return op.and_then(|op| Some((op, i.get(s.len()..)?)));
    }
    if !i.starts_with(['a', 'o', 'i', 'n']) {
        return None;
    }
    for (w, op) in [("and", BinOp::And), ("or", BinOp::Or), ("in", BinOp::In)] {
        if let Some(rest) = word(i, w) {
            return Some((OpTok::Bin(op), rest));
        }
    }
    let after_not = word(i, "not")?;
    let rest = word(after_not.trim_start_matches([' ', '\t']), "in")?;
    (after_not.starts_with([' ', '\t'])).then_some((OpTok::Bin(BinOp::NotIn), rest))
}

/// The rest after the structural token `t` (`->`, `<-`, `=>`, `|`, `//`) at the start of `i`,
/// when `t` is the whole symbolic token there (so `|` does not match `||` or `|>`).
pub(crate) fn symbol<'a>(i: &'a str, t: &str) -> Option<&'a str> {
    if symbol_len(i) == Some(t.len()) {
        i.strip_prefix(t)
    } else {
        None
    }
}
