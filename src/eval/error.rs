//! Runtime errors: an Elixir exception (module and message) and where it was raised.

use crate::syntax::Span;

/// A raised exception, printed by the shell as `** (Module) message`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("** ({module}) {message}")]
pub struct EvalError {
    /// The exception module, e.g. `ArgumentError`, `Ash.Error.Invalid`, `CompileError`.
    pub module: String,
    /// The message as Elixir prints it after the module (may span several lines).
    pub message: String,
    /// Where in the input it was raised, when known.
    pub span: Option<Span>,
}

impl EvalError {
    pub fn new(module: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            module: module.into(),
            message: message.into(),
            span: None,
        }
    }

    pub fn at(mut self, span: Span) -> Self {
        if self.span.is_none() {
            self.span = Some(span);
        }
        self
    }
}
