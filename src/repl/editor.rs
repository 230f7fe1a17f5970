//! The rustyline helper: Tab completion (`complete.rs`), colouring (`highlight.rs`) and
//! history hints, with colour only when the terminal supports it and `NO_COLOR` is unset.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hinter, HistoryHinter};
use rustyline::validate::Validator;
use rustyline::{Context, Helper};

use crate::repl::{complete, highlight};

pub struct ShellHelper {
    /// Variable names bound in the session, refreshed after each input.
    pub variables: Rc<RefCell<Vec<String>>>,
    /// The session's project (resources to complete), refreshed after each input.
    pub project: Rc<RefCell<Rc<crate::model::Project>>>,
    pub colour: bool,
    hinter: HistoryHinter,
}

impl ShellHelper {
    pub fn new(colour: bool) -> Self {
        Self {
            variables: Rc::default(),
            project: Rc::new(RefCell::new(crate::project::chapter())),
            colour,
            hinter: HistoryHinter::new(),
        }
    }
}

/// Colour when stdout is a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`.
pub fn colour_enabled() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

impl Completer for ShellHelper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        let _installed = crate::eval::project::install(&self.project.borrow());
        let (start, candidates) = complete::complete(line, pos, &self.variables.borrow());
        Ok((
            start,
            candidates
                .into_iter()
                .map(|c| Pair {
                    display: c.clone(),
                    replacement: c,
                })
                .collect(),
        ))
    }
}

impl Hinter for ShellHelper {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<String> {
        if !self.colour {
            return None;
        }
        self.hinter.hint(line, pos, ctx)
    }
}

impl Highlighter for ShellHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        if self.colour {
            Cow::Owned(highlight::highlight(line))
        } else {
            Cow::Borrowed(line)
        }
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.colour {
            Cow::Owned(format!("\x1b[90m{hint}\x1b[0m"))
        } else {
            Cow::Borrowed(hint)
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        self.colour
    }
}

impl Validator for ShellHelper {}

impl Helper for ShellHelper {}
