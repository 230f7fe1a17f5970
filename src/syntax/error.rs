//! Syntax errors: what was expected, where, and whether more input could complete it.

use crate::syntax::span::Span;

/// A syntax error with the place it was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    pub span: Span,
    /// Lower-case text without a trailing period, e.g. "expected ',' or ')'".
    pub message: String,
    /// True when the input ended before the expression was complete (an open bracket, a `do`
    /// without `end`, a trailing operator, an unterminated string). The REPL then asks for
    /// another line instead of reporting the error.
    pub incomplete: bool,
}
