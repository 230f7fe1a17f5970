//! The errors Elixir's tokenizer finds before any parsing: unterminated strings, heredocs,
//! sigils and interpolations, brackets and `do`/`fn` … `end` that do not match.
//!
//! Elixir tokenizes a whole input before it parses it, so these errors win over any syntax
//! error the parser would find, even an earlier one; an open bracket at the end of the input
//! makes it incomplete (iex asks for another line). The parser here reads text directly, so
//! when it fails this scan runs over the same text, token by token but without building
//! anything, and its error (if any) is the one reported. Texts are those of
//! `elixir_tokenizer.erl` and `elixir_interpolation.erl` in Elixir 1.14.

use crate::syntax::error::ParseError;
use crate::syntax::span::Span;

/// Interpolations nested deeper than this are left to the parser's nesting limit.
const MAX_INTERPOLATION_DEPTH: usize = 200;

/// The first tokenizer error in `src`, if there is one.
pub(crate) fn check(src: &str) -> Option<ParseError> {
    let mut scan = Scan { src, pos: 0 };
    match scan.code(false, 0) {
        Err(Stop::Error(e)) => Some(e),
        Ok(_) | Err(Stop::GiveUp) => None,
    }
}

/// An open bracket, `do` or `fn` waiting for its terminator.
struct Opener {
    text: &'static str,
    close: &'static str,
    at: usize,
}

/// How a scan of code ended without an error.
enum CodeEnd {
    /// At a `}` closing an interpolation (not consumed).
    Brace,
    /// At the end of the input inside an interpolation.
    Eof,
}

enum Stop {
    Error(ParseError),
    /// Too deep to scan; the parser's error stands.
    GiveUp,
}

/// How a string-like body ends and what it is called in messages.
struct Body {
    close: &'static str,
    heredoc: bool,
    interpolates: bool,
    /// " (for string starting at line ", " (for sigil ~w( starting at line ", …
    what: String,
    start: usize,
}

struct Scan<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Scan<'a> {
    fn rest(&self) -> &str {
        self.src.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn peek2(&self) -> Option<char> {
        self.rest().chars().nth(1)
    }

    fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.pos += c.len_utf8();
        }
    }

    fn line_of(&self, at: usize) -> usize {
        self.src.get(..at).map_or(1, |s| s.matches('\n').count() + 1)
    }

    /// An error at `at` whose message quotes the line of `opened` after `before`.
    fn error(&self, at: usize, before: String, opened: usize, after: &str, incomplete: bool) -> Stop {
        let line = self.line_of(opened);
        let len = self.src.get(at..).map_or(0, token_len);
        Stop::Error(ParseError {
            span: Span::new(at, at + len),
            line_ref: Some((before.len(), line)),
            message: format!("{before}{line}{after}"),
            incomplete,
        })
    }

    /// Code up to the end of the input, or (inside an interpolation) up to its `}`.
    fn code(&mut self, inner: bool, depth: usize) -> Result<CodeEnd, Stop> {
        let mut stack: Vec<Opener> = Vec::new();
        loop {
            let at = self.pos;
            let Some(c) = self.peek() else {
                return match stack.last() {
                    Some(top) => Err(self.error(
                        at,
                        format!(
                            "missing terminator: {} (for \"{}\" starting at line ",
                            top.close, top.text
                        ),
                        top.at,
                        ")",
                        true,
                    )),
                    None => Ok(CodeEnd::Eof),
                };
            };
            let rest = self.rest();
            match c {
                '#' => {
                    self.pos += rest.find('\n').unwrap_or(rest.len());
                }
                '"' | '\'' => {
                    let heredoc = rest.starts_with("\"\"\"") || rest.starts_with("'''");
                    let what = if heredoc { "heredoc" } else { "string" };
                    let body = Body {
                        close: if c == '"' { "\"" } else { "'" },
                        heredoc,
                        interpolates: true,
                        what: format!(" (for {what} starting at line "),
                        start: at,
                    };
                    self.pos += if heredoc { 3 } else { 1 };
                    self.body(body, depth)?;
                }
                ':' if matches!(self.peek2(), Some('"' | '\'')) => {
                    self.bump();
                    let quote = if self.peek() == Some('"') { "\"" } else { "'" };
                    self.bump();
                    let body = Body {
                        close: quote,
                        heredoc: false,
                        interpolates: true,
                        what: " (for atom starting at line ".to_string(),
                        start: at,
                    };
                    self.body(body, depth)?;
                }
                ':' => {
                    self.bump();
                    // `:do`, `:end`, `:fn` are atoms, not keywords.
                    if self.peek().is_some_and(is_name_char) {
                        self.name();
                    }
                }
                '?' => {
                    self.bump();
                    if self.peek() == Some('\\') {
                        self.bump();
                    }
                    self.bump();
                }
                '~' if rest.starts_with("~>>") => self.pos += 3,
                '~' if self.peek2().is_some_and(|d| d.is_ascii_alphabetic()) => {
                    self.sigil(at, depth)?;
                }
                '.' => {
                    self.bump();
                    // `x.end`, `foo.do`: names after a dot are never keywords.
                    let after = self.rest().trim_start_matches([' ', '\t']);
                    if after.chars().next().is_some_and(is_name_char) {
                        self.pos = self.src.len() - after.len();
                        self.name();
                    }
                }
                '(' | '[' | '{' => {
                    let (text, close) = match c {
                        '(' => ("(", ")"),
                        '[' => ("[", "]"),
                        _ => ("{", "}"),
                    };
                    stack.push(Opener { text, close, at });
                    self.bump();
                }
                '<' if rest.starts_with("<<") => {
                    if rest.starts_with("<<<") || rest.starts_with("<<~") {
                        self.pos += 3;
                    } else {
                        stack.push(Opener {
                            text: "<<",
                            close: ">>",
                            at,
                        });
                        self.pos += 2;
                    }
                }
                '>' if rest.starts_with(">>") && !rest.starts_with(">>>") => {
                    self.pos += 2;
                    self.close(&mut stack, ">>", at)?;
                }
                '}' if inner && stack.is_empty() => return Ok(CodeEnd::Brace),
                ')' | ']' | '}' => {
                    self.bump();
                    let close = match c {
                        ')' => ")",
                        ']' => "]",
                        _ => "}",
                    };
                    self.close(&mut stack, close, at)?;
                }
                '0'..='9' => {
                    self.number();
                }
                c if is_name_char(c) => {
                    let word = self.name();
                    // `do: x` is a keyword key, not a `do`.
                    let rest = self.rest();
                    if rest.starts_with(':') && !rest.starts_with("::") {
                        let after = &rest[1..];
                        if after.is_empty() || after.starts_with([' ', '\t', '\n', '\r']) {
                            self.bump();
                            continue;
                        }
                    }
                    match word {
                        "do" => stack.push(Opener {
                            text: "do",
                            close: "end",
                            at,
                        }),
                        "fn" => stack.push(Opener {
                            text: "fn",
                            close: "end",
                            at,
                        }),
                        "end" => self.close(&mut stack, "end", at)?,
                        _ => {}
                    }
                }
                _ => self.bump(),
            }
        }
    }

    /// A closing bracket or `end` at `at` (already consumed).
    fn close(&self, stack: &mut Vec<Opener>, close: &str, at: usize) -> Result<(), Stop> {
        let prefix = if close == "end" {
            "unexpected reserved word: "
        } else {
            "unexpected token: "
        };
        match stack.last() {
            Some(top) if top.close == close => {
                stack.pop();
                Ok(())
            }
            Some(top) => Err(self.error(
                at,
                format!("{prefix}{close}. The \"{}\" at line ", top.text),
                top.at,
                &format!(" is missing terminator \"{}\"", top.close),
                false,
            )),
            None => Err(Stop::Error(ParseError::new(
                Span::new(at, at + close.len()),
                format!("{prefix}{close}"),
                false,
            ))),
        }
    }

    /// A name (with a `?`/`!` suffix); returns its text.
    fn name(&mut self) -> &'a str {
        let start = self.pos;
        while self.peek().is_some_and(is_name_char) {
            self.bump();
        }
        let rest = self.rest();
        if rest.starts_with('?') || (rest.starts_with('!') && !rest.starts_with("!=")) {
            self.bump();
        }
        let src: &'a str = self.src;
        src.get(start..self.pos).unwrap_or("")
    }

    fn number(&mut self) {
        loop {
            match self.peek() {
                Some(c) if c.is_ascii_alphanumeric() || c == '_' => self.bump(),
                Some('.') if self.peek2().is_some_and(|d| d.is_ascii_digit()) => self.bump(),
                _ => return,
            }
        }
    }

    /// `~w(...)mods` at `at`; `i` is at the `~`.
    fn sigil(&mut self, at: usize, depth: usize) -> Result<(), Stop> {
        self.bump();
        let Some(letter) = self.peek() else { return Ok(()) };
        self.bump();
        let rest = self.rest();
        let (open, close, heredoc) = if rest.starts_with("\"\"\"") {
            ("\"\"\"", "\"", true)
        } else if rest.starts_with("'''") {
            ("'''", "'", true)
        } else {
            match self.peek() {
                Some('(') => ("(", ")", false),
                Some('[') => ("[", "]", false),
                Some('{') => ("{", "}", false),
                Some('<') => ("<", ">", false),
                Some('/') => ("/", "/", false),
                Some('|') => ("|", "|", false),
                Some('"') => ("\"", "\"", false),
                Some('\'') => ("'", "'", false),
                _ => return Ok(()),
            }
        };
        self.pos += open.len();
        let body = Body {
            close,
            heredoc,
            interpolates: letter.is_ascii_lowercase(),
            what: format!(" (for sigil ~{letter}{open} starting at line "),
            start: at,
        };
        self.body(body, depth)?;
        while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
            self.bump();
        }
        Ok(())
    }

    /// A string-like body after its opening delimiter, through its closing one.
    fn body(&mut self, body: Body, depth: usize) -> Result<(), Stop> {
        let triple = body.close.repeat(3);
        if body.heredoc {
            let rest = self.rest();
            let line = rest.trim_start_matches([' ', '\t', '\r']);
            if !line.starts_with('\n') && !line.is_empty() {
                return Err(Stop::Error(ParseError::new(
                    Span::new(body.start, body.start + 3),
                    format!(
                        "heredoc allows only zero or more whitespace characters followed by a new line after {triple}"
                    ),
                    false,
                )));
            }
        }
        let mut line_start = false;
        loop {
            if body.heredoc && line_start {
                let rest = self.rest();
                let trimmed = rest.trim_start_matches([' ', '\t']);
                if trimmed.starts_with(&triple) {
                    self.pos = self.src.len() - trimmed.len() + 3;
                    return Ok(());
                }
            }
            line_start = false;
            let at = self.pos;
            let Some(c) = self.peek() else {
                let close = if body.heredoc { triple.as_str() } else { body.close };
                return Err(self.error(
                    at,
                    format!("missing terminator: {close}{}", body.what),
                    body.start,
                    ")",
                    true,
                ));
            };
            match c {
                '\\' => {
                    self.bump();
                    self.bump();
                }
                '\n' => {
                    self.bump();
                    line_start = true;
                }
                '#' if body.interpolates && self.peek2() == Some('{') => {
                    if depth >= MAX_INTERPOLATION_DEPTH {
                        return Err(Stop::GiveUp);
                    }
                    self.pos += 2;
                    match self.code(true, depth + 1)? {
                        CodeEnd::Brace => self.bump(),
                        CodeEnd::Eof => {
                            return Err(self.error(
                                at,
                                format!("missing interpolation terminator: \"}}\"{}", body.what),
                                body.start,
                                ")",
                                true,
                            ));
                        }
                    }
                }
                _ if !body.heredoc && self.rest().starts_with(body.close) => {
                    self.pos += body.close.len();
                    return Ok(());
                }
                _ => self.bump(),
            }
        }
    }
}

fn is_name_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// Byte length of the token at the start of `rest`, for an error's span: a name or one char.
fn token_len(rest: &str) -> usize {
    let name = rest.find(|c: char| !is_name_char(c)).unwrap_or(rest.len());
    if name > 0 {
        return name;
    }
    rest.chars().next().map_or(0, char::len_utf8)
}
