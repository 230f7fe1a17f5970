//! Syntax errors: what was expected, where, and whether more input could complete it.

use crate::syntax::span::Span;

/// A syntax error with the place it was found, worded as Elixir 1.14 words it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    pub span: Span,
    /// Elixir's text, e.g. "syntax error before: '*'", "missing terminator: ) (for \"(\"
    /// starting at line 1)". Line numbers in it count from 1 (see `message_from`).
    pub message: String,
    /// True when the input ended before the expression was complete (an open bracket, a `do`
    /// without `end`, a trailing operator, an unterminated string). The REPL then asks for
    /// another line instead of reporting the error; reported, it is a TokenMissingError.
    pub incomplete: bool,
    /// A line number quoted inside `message`: its byte offset there and its value.
    pub line_ref: Option<(usize, usize)>,
}

impl ParseError {
    /// An error without a line number in its text.
    pub(crate) fn new(span: Span, message: impl Into<String>, incomplete: bool) -> Self {
        ParseError {
            span,
            message: message.into(),
            incomplete,
            line_ref: None,
        }
    }

    /// The message with the line number it quotes counted from `first_line` (iex numbers
    /// the lines of an input from its prompt number).
    pub fn message_from(&self, first_line: usize) -> String {
        let Some((at, line)) = self.line_ref else {
            return self.message.clone();
        };
        let old = line.to_string();
        match (self.message.get(..at), self.message.get(at + old.len()..)) {
            (Some(before), Some(after)) if self.message[at..].starts_with(&old) => {
                format!("{before}{}{after}", first_line + line - 1)
            }
            _ => self.message.clone(),
        }
    }
}
