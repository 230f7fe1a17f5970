//! Text → AST: the Elixir subset the shell understands, parsed with nom.
//!
//! Parsing is pure: no evaluation, no database, no terminal. nom types never leave this module.
//! Errors carry a `Span` and say whether more input could complete the expression.

pub mod ast;
pub mod error;
mod height;
mod lexer;
mod parser;
pub mod span;
mod string;
mod terminators;
#[cfg(test)]
mod tests;
mod wording;

pub use error::ParseError;
pub use span::Span;

/// Parses a whole input (one REPL entry or one script chunk) into its top-level expressions,
/// separated by newlines or `;`. Comments (`# ...`) and blank lines produce nothing.
pub fn parse(src: &str) -> Result<Vec<ast::Expr>, ParseError> {
    parser::parse_program(src)
}

/// True when `src` is a prefix of a valid program that needs more input (see
/// `ParseError::incomplete`). Complete programs and real syntax errors both return false.
pub fn is_incomplete(src: &str) -> bool {
    matches!(parse(src), Err(e) if e.incomplete)
}

/// True when `line` starts with a binary operator that continues the previous expression
/// (`|> f()`, `and x`, `== 1`; not `+`/`-`). Script mode uses it to join a complete expression
/// with the lines that continue it; interactively a leading `|>` pipes the previous result.
pub fn continues_previous(line: &str) -> bool {
    parser::continues_previous(line)
}
