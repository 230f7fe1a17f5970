//! One shell session without a terminal: source text in, rendered results out.
//!
//! Holds the interpreter (variables, history, database) and the prompt counter. The terminal
//! loop (`interactive.rs`), the script runner (`script.rs`) and the transcript tests all drive
//! a `Session`; none of them evaluates anything itself.

use std::io::Write;

use crate::eval::{DONT_DISPLAY, DbSource, EvalError, Interpreter};
use crate::render::{self, Format, InspectOptions};
use crate::syntax::{self, ParseError};
use crate::value::Value;

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
    pub inspect: InspectOptions,
}

impl Session {
    /// A session on a database; program output (`IO.puts`) goes to `out`.
    pub fn new(db: DbSource, out: Box<dyn Write>) -> Self {
        Self {
            interp: Interpreter::new(db, out),
            counter: 1,
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
            let written = match session.interp.format {
                Format::Json => render::json::write(value, out),
                _ => out.write_all(session.render(value).as_bytes()),
            };
            // A closed stdout (`| head`) is not an error of the input.
            let _ = written.and_then(|()| out.write_all(b"\n"));
            Outcome::Nothing
        })
    }

    fn eval_then(&mut self, src: &str, shown: impl FnOnce(&Self, &Value) -> Outcome) -> Outcome {
        if let Some(error) = self.break_trigger(src) {
            return Outcome::Raised(error);
        }
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

    /// How results are printed (`--format`, or `format(:table)` in the shell).
    pub fn format(&self) -> Format {
        self.interp.format
    }

    pub fn set_format(&mut self, format: Format) {
        self.interp.format = format;
    }

    /// Evaluates a startup file (like iex's `.iex.exs`): its bindings, aliases and requires
    /// stay for the session; results are neither printed nor counted. Returns the errors,
    /// as `file:line: message` texts.
    pub fn run_startup(&mut self, src: &str, name: &str) -> Vec<String> {
        let mut errors = Vec::new();
        for chunk in crate::repl::script::chunks(src) {
            match syntax::parse(&chunk.text) {
                Ok(program) => {
                    if let Err(error) = self.interp.eval_program(&program) {
                        errors.push(format!("{name}:{}: {}", chunk.line, raised_text(&error)));
                    }
                }
                Err(error) => {
                    errors.push(format!(
                        "{name}:{}: {}",
                        chunk.line,
                        syntax_text(&error, &chunk.text, name, chunk.line)
                    ));
                }
            }
        }
        self.interp.flush();
        errors
    }

    /// `#iex:break` on the last line abandons the input above it; iex reports that as an
    /// incomplete expression (IEx.Evaluator.parse/3).
    pub fn break_trigger(&self, src: &str) -> Option<EvalError> {
        let mut lines: Vec<&str> = src.lines().collect();
        while lines.last().is_some_and(|l| l.trim().is_empty()) {
            lines.pop();
        }
        let last = lines.pop()?;
        if last.trim() != "#iex:break" || lines.iter().all(|l| l.trim().is_empty()) {
            return None;
        }
        Some(EvalError::new(
            "TokenMissingError",
            format!("iex:{}: incomplete expression", self.counter),
        ))
    }

    fn render(&self, value: &Value) -> String {
        match self.interp.format {
            Format::Iex => render::inspect(value, &self.inspect),
            Format::Table => render::table::render(value, self.interp.terminal_width),
            Format::Json => render::json::render(value),
        }
    }
}

/// `** (Module) message`, the way iex prints a raised exception.
pub fn raised_text(error: &EvalError) -> String {
    format!("** ({}) {}", error.module, error.message)
}

/// A syntax error for script mode: `file:line:column: ** (SyntaxError) message` and the
/// snippet, the place said once at the start like every other script error.
pub fn syntax_text_located(error: &ParseError, src: &str, file: &str, first_line: usize) -> String {
    let (line, column) = error.span.line_col(src);
    let full = syntax_text(error, src, file, first_line);
    let place = format!("{file}:{}:{column}: ", first_line + line - 1);
    match full.split_once(&place) {
        Some((kind, rest)) => format!("{place}{kind}{rest}"),
        None => full,
    }
}

/// A syntax error as Elixir 1.14 reports one (`SyntaxError.message/1`):
/// `** (SyntaxError) file:line:column: message`; input that ended too early is a
/// `TokenMissingError`. Every one is followed by the snippet of `Exception.format_snippet/2`
/// (the line and a caret under the spot), also where Elixir 1.14 leaves it out (a mismatched
/// terminator, a stray `end`, a reserved word, a sigil, the end of a line).
pub fn syntax_text(error: &ParseError, src: &str, file: &str, first_line: usize) -> String {
    let (line, column) = error.span.line_col(src);
    let number = first_line + line - 1;
    let kind = if error.incomplete {
        "TokenMissingError"
    } else {
        "SyntaxError"
    };
    let message = error.message_from(first_line);
    let mut text = format!("** ({kind}) {file}:{number}:{column}: {message}");
    text.push_str(&snippet(src, line, column, first_line));
    text
}

/// The source line `line` (1-based in `src`) with a caret under `column`, numbered from
/// `first_line`. Input that ended while an expression was still open is reported at the start
/// of the empty line after it: then the last line with text is shown, the caret just past its
/// end, where more was expected.
fn snippet(src: &str, line: usize, column: usize, first_line: usize) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let blank = |text: &&str| text.trim().is_empty();
    let (line, column) = match lines.get(line - 1) {
        Some(text) if !blank(text) => (line, column),
        _ => {
            let before = &lines[..(line - 1).min(lines.len())];
            match before.iter().rposition(|text| !blank(text)) {
                Some(i) => (i + 1, lines[i].chars().count() + 1),
                None => return String::new(),
            }
        }
    };
    let source_line = lines.get(line - 1).copied().unwrap_or("");
    let number = first_line + line - 1;
    let digits = number.to_string().len();
    let placeholder = " ".repeat(digits.max(2));
    let padding = if digits < 2 { " " } else { "" };
    let caret_pad = " ".repeat(column.saturating_sub(1));
    format!("\n {placeholder} |\n {padding}{number} | {source_line}\n {placeholder} | {caret_pad}^")
}
