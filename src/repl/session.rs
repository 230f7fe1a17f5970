//! One shell session without a terminal: source text in, rendered results out.
//!
//! Holds the interpreter (variables, history, database) and the prompt counter. The terminal
//! loop (`interactive.rs`), the script runner (`script.rs`) and the transcript tests all drive
//! a `Session`; none of them evaluates anything itself.

use std::io::Write;

use crate::eval::value::Value;
use crate::eval::{DONT_DISPLAY, DbSource, EvalError, Interpreter};
use crate::render::{self, InspectOptions};
use crate::syntax::{self, ParseError};

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Iex,
    Table,
    Json,
}

impl Format {
    pub fn from_name(name: &str) -> Option<Format> {
        Some(match name {
            "iex" => Format::Iex,
            "table" => Format::Table,
            "json" => Format::Json,
            _ => return None,
        })
    }
}

/// What one input produced.
pub enum Outcome {
    /// A value to print (already rendered in the session's format).
    Value(String),
    /// Nothing to print: a comment, a blank input, or a helper like `h()`.
    Nothing,
    /// A syntax error.
    Syntax(ParseError),
    /// A raised exception.
    Raised(EvalError),
}

pub struct Session {
    interp: Interpreter,
    /// The prompt counter: advances after each successful input.
    counter: usize,
    pub format: Format,
    pub inspect: InspectOptions,
}

impl Session {
    /// A session on a database; program output (`IO.puts`) goes to `out`.
    pub fn new(db: DbSource, out: Box<dyn Write>) -> Self {
        Self {
            interp: Interpreter::new(db, out),
            counter: 1,
            format: Format::Iex,
            inspect: InspectOptions::default(),
        }
    }

    pub fn counter(&self) -> usize {
        self.counter
    }

    pub fn interpreter(&mut self) -> &mut Interpreter {
        &mut self.interp
    }

    /// Parses and evaluates one complete input.
    pub fn eval(&mut self, src: &str) -> Outcome {
        self.eval_then(src, |session, value| Outcome::Value(session.render(value)))
    }

    /// `eval`, but a value to print is written to `out` (followed by a newline) as it is
    /// rendered instead of being returned as one string: a million-record JSON result is
    /// never held as text. Returns `Outcome::Nothing` for a printed value.
    pub fn eval_printing(&mut self, src: &str, out: &mut dyn Write) -> Outcome {
        self.eval_then(src, |session, value| {
            let written = match session.format {
                Format::Json => render::json::write(value, out),
                _ => out.write_all(session.render(value).as_bytes()),
            };
            // A closed stdout (`| head`) is not an error of the input.
            let _ = written.and_then(|()| out.write_all(b"\n"));
            Outcome::Nothing
        })
    }

    fn eval_then(&mut self, src: &str, shown: impl FnOnce(&Self, &Value) -> Outcome) -> Outcome {
        let program = match syntax::parse(src) {
            Ok(program) => program,
            Err(error) => return Outcome::Syntax(error),
        };
        if program.is_empty() {
            return Outcome::Nothing;
        }
        self.interp.counter = self.counter;
        let result = self.interp.eval_program(&program);
        self.interp.flush();
        match result {
            Ok(value) => {
                self.interp.remember(self.counter, value.clone());
                self.counter += 1;
                if matches!(&value, Value::Atom(a) if &**a == DONT_DISPLAY) {
                    Outcome::Nothing
                } else {
                    shown(self, &value)
                }
            }
            Err(error) => Outcome::Raised(error),
        }
    }

    fn render(&self, value: &Value) -> String {
        match self.format {
            Format::Iex => render::inspect(value, &self.inspect),
            Format::Table => render::table::render(value, self.inspect.width),
            Format::Json => render::json::render(value),
        }
    }
}

/// `** (Module) message`, the way iex prints a raised exception.
pub fn raised_text(error: &EvalError) -> String {
    format!("** ({}) {}", error.module, error.message)
}

/// A syntax error as Elixir reports one, with the offending line and a caret under the spot.
pub fn syntax_text(error: &ParseError, src: &str, file: &str, first_line: usize) -> String {
    let (line, column) = error.span.line_col(src);
    let source_line = src.lines().nth(line - 1).unwrap_or("");
    let caret_pad: String = source_line
        .chars()
        .take(column - 1)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    format!(
        "** (SyntaxError) {file}:{}:{column}: {}\n    |\n {:>3} | {source_line}\n    | {caret_pad}^",
        first_line + line - 1,
        error.message,
        first_line + line - 1
    )
}
