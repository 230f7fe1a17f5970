//! String-like literals: `"..."` with escapes and `#{}` interpolation, `"""` heredocs, sigils
//! (`~w(a b)a`), quoted atoms, quoted keyword keys, `'charlists'` and `?a` character literals.
//!
//! Interpolated code is handed back to the expression parser (`Parser::block_items`); nothing
//! is evaluated here, and `~w` words are not split (eval does that).

use nom::Parser as _;
use nom::bytes::complete::take_while;

use crate::syntax::ast::{ExprKind, StrPart};
use crate::syntax::lexer::{PResult, fail, unexpected};
use crate::syntax::parser::{Parser, Term};
use crate::syntax::span::Span;

/// Where a string body ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Close {
    /// At this (unescaped) char.
    Char(char),
    /// At a line holding only `"""` (after indentation), whose indentation is stripped from
    /// every line.
    Heredoc(usize),
}

/// How a string body is read.
#[derive(Debug, Clone, Copy)]
struct Mode {
    close: Close,
    /// `#{...}` interpolates (strings, lower-case sigils).
    interp: bool,
    /// Backslash escapes are decoded (strings, lower-case sigils); otherwise only an escaped
    /// closing delimiter is (upper-case sigils).
    escapes: bool,
}

impl Mode {
    fn missing(self) -> String {
        match self.close {
            Close::Char(c) => format!("missing terminator: {c}"),
            Close::Heredoc(_) => "missing terminator: \"\"\"".to_string(),
        }
    }
}

impl<'a> Parser<'a> {
    /// `string = '"' chars '"' | '"""' newline lines '"""'`; `i` starts at the opening quote.
    pub(crate) fn string_lit(&self, i: &'a str) -> PResult<'a, Vec<StrPart>> {
        if let Some(rest) = i.strip_prefix("\"\"\"") {
            return self.heredoc(rest);
        }
        let Some(rest) = i.strip_prefix('"') else {
            return unexpected(i);
        };
        self.str_body(
            rest,
            Mode {
                close: Close::Char('"'),
                interp: true,
                escapes: true,
            },
        )
    }

    fn heredoc(&self, i: &'a str) -> PResult<'a, Vec<StrPart>> {
        let after_ws = i.trim_start_matches([' ', '\t', '\r']);
        let Some(body) = after_ws.strip_prefix('\n') else {
            if after_ws.is_empty() {
                return fail(after_ws, "missing terminator: \"\"\"");
            }
            return fail(
                after_ws,
                "heredoc allows only whitespace after the opening \"\"\"",
            );
        };
        // The closing line's indentation is stripped from every line, so find it first.
        let mut indent = None;
        for line in body.split('\n') {
            let t = line.trim_start_matches([' ', '\t']);
            if t.starts_with("\"\"\"") {
                indent = Some(line.len() - t.len());
                break;
            }
        }
        let Some(indent) = indent else {
            return fail(&body[body.len()..], "missing terminator: \"\"\"");
        };
        self.str_body(
            body,
            Mode {
                close: Close::Heredoc(indent),
                interp: true,
                escapes: true,
            },
        )
    }

    /// `charlist = "'" chars "'"`: a list of code points (`'hi'` is `[104, 105]`); `i`
    /// starts at the quote. Interpolation in charlists is not supported.
    pub(crate) fn charlist_lit(&self, i: &'a str) -> PResult<'a, Vec<i64>> {
        let Some(rest) = i.strip_prefix('\'') else {
            return unexpected(i);
        };
        if rest.starts_with("''") {
            return fail(i, "charlist heredocs are not supported");
        }
        let mode = Mode {
            close: Close::Char('\''),
            interp: true,
            escapes: true,
        };
        let (after, parts) = self.str_body(rest, mode)?;
        let mut codes = Vec::new();
        for part in parts {
            match part {
                StrPart::Lit(s) => codes.extend(s.chars().map(|c| i64::from(u32::from(c)))),
                StrPart::Interp(_) => return fail(i, "interpolation in charlists is not supported"),
            }
        }
        Ok((after, codes))
    }

    /// `sigil = '~' letter open chars close modifiers`; `i` starts at `~`.
    pub(crate) fn sigil(&self, i: &'a str) -> PResult<'a, ExprKind> {
        let Some(rest) = i.strip_prefix('~') else {
            return unexpected(i);
        };
        let Some(name) = rest.chars().next().filter(char::is_ascii_alphabetic) else {
            return unexpected(i);
        };
        let rest = &rest[1..];
        let Some(open) = rest.chars().next() else {
            return fail(rest, "missing sigil delimiter");
        };
        let close = match open {
            '(' => ')',
            '[' => ']',
            '{' => '}',
            '<' => '>',
            '/' | '|' | '"' | '\'' => open,
            _ => return fail(rest, format!("invalid sigil delimiter: {open}")),
        };
        let lower = name.is_ascii_lowercase();
        let mode = Mode {
            close: Close::Char(close),
            interp: lower,
            escapes: lower,
        };
        let (rest, parts) = self.str_body(&rest[open.len_utf8()..], mode)?;
        let (rest, modifiers) = take_while(|c: char| c.is_ascii_alphabetic()).parse(rest)?;
        Ok((
            rest,
            ExprKind::Sigil {
                sigil: name,
                parts,
                modifiers: modifiers.to_string(),
            },
        ))
    }

    /// `quoted_atom = ':' string` without interpolation; `i` starts at the `"`.
    pub(crate) fn quoted_atom(&self, i: &'a str) -> PResult<'a, String> {
        let (rest, parts) = self.string_lit(i)?;
        let mut name = String::new();
        for part in parts {
            match part {
                StrPart::Lit(s) => name.push_str(&s),
                StrPart::Interp(_) => return fail(i, "interpolation in atoms is not supported"),
            }
        }
        Ok((rest, name))
    }

    /// A quoted keyword key `"name": ` at `i`: the name and the rest after the colon. Only
    /// plain strings qualify, found by a scan that never recurses (so it stays linear).
    pub(crate) fn quoted_key(&self, i: &'a str) -> Option<(&'a str, String)> {
        let body = i.strip_prefix('"')?;
        let mut escaped = false;
        let mut end = None;
        for (at, c) in body.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '#' if body[at..].starts_with("#{") => return None,
                '"' => {
                    end = Some(at);
                    break;
                }
                _ => {}
            }
        }
        let after = body.get(end? + 1..)?;
        let rest = after.strip_prefix(':')?;
        if !(rest.is_empty() || rest.starts_with([' ', '\t', '\n', '\r'])) {
            return None;
        }
        let (_, name) = self.quoted_atom(i).ok()?;
        Some((rest, name))
    }

    /// `char_lit = '?' char | '?' escape`; `i` starts at `?`.
    pub(crate) fn char_lit(&self, i: &'a str) -> PResult<'a, i64> {
        let Some(rest) = i.strip_prefix('?') else {
            return unexpected(i);
        };
        let mode = Mode {
            close: Close::Char('\0'),
            interp: false,
            escapes: true,
        };
        match rest.chars().next() {
            None => fail(rest, "missing character after ?"),
            Some('\\') => {
                let (rest, c) = self.escape(rest, mode)?;
                match c {
                    Some(c) => Ok((rest, i64::from(u32::from(c)))),
                    None => unexpected(i),
                }
            }
            Some(c) => Ok((&rest[c.len_utf8()..], i64::from(u32::from(c)))),
        }
    }

    fn str_body(&self, body: &'a str, mode: Mode) -> PResult<'a, Vec<StrPart>> {
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut rest = body;
        let mut line_start = matches!(mode.close, Close::Heredoc(_));
        loop {
            if line_start && let Close::Heredoc(indent) = mode.close {
                let t = rest.trim_start_matches([' ', '\t']);
                if let Some(after) = t.strip_prefix("\"\"\"") {
                    flush(&mut parts, &mut lit);
                    return Ok((after, parts));
                }
                let ws = rest.len() - t.len();
                rest = &rest[ws.min(indent)..];
            }
            line_start = false;
            let Some(c) = rest.chars().next() else {
                return fail(rest, mode.missing());
            };
            match c {
                '\\' => {
                    let (after, decoded) = self.escape(rest, mode)?;
                    if let Some(d) = decoded {
                        lit.push(d);
                    }
                    rest = after;
                }
                '#' if mode.interp && rest[1..].starts_with('{') => {
                    flush(&mut parts, &mut lit);
                    let start = self.off(rest);
                    let (after, items) = self.block_items(&rest[2..], Term::Brace)?;
                    let Some(after) = after.strip_prefix('}') else {
                        return unexpected(after);
                    };
                    let span = Span::new(start, self.off(after));
                    parts.push(StrPart::Interp(Parser::seq(items, span)));
                    rest = after;
                }
                '\n' => {
                    lit.push('\n');
                    rest = &rest[1..];
                    line_start = true;
                }
                c if mode.close == Close::Char(c) => {
                    flush(&mut parts, &mut lit);
                    return Ok((&rest[c.len_utf8()..], parts));
                }
                c => {
                    lit.push(c);
                    rest = &rest[c.len_utf8()..];
                }
            }
        }
    }

    /// A backslash escape at `i` (which starts with `\`): the rest and the char it stands for
    /// (None for a line continuation).
    fn escape(&self, i: &'a str, mode: Mode) -> PResult<'a, Option<char>> {
        let rest = &i[1..];
        let Some(c) = rest.chars().next() else {
            return fail(rest, mode.missing());
        };
        let after = &rest[c.len_utf8()..];
        if !mode.escapes {
            return Ok(match mode.close {
                Close::Char(close) if c == close || c == '\\' => (after, Some(c)),
                _ => (rest, Some('\\')),
            });
        }
        let simple = match c {
            'n' => Some('\n'),
            't' => Some('\t'),
            'r' => Some('\r'),
            '0' => Some('\0'),
            'a' => Some('\u{7}'),
            'b' => Some('\u{8}'),
            'e' => Some('\u{1b}'),
            'f' => Some('\u{c}'),
            'v' => Some('\u{b}'),
            's' => Some(' '),
            'd' => Some('\u{7f}'),
            '\n' => return Ok((after, None)),
            'x' | 'u' => None,
            other => Some(other),
        };
        if let Some(s) = simple {
            return Ok((after, Some(s)));
        }
        let (digits, after) = if c == 'x' {
            let n = after.bytes().take(2).take_while(u8::is_ascii_hexdigit).count();
            (&after[..n], &after[n..])
        } else if let Some(braced) = after.strip_prefix('{') {
            let n = braced.bytes().take(6).take_while(u8::is_ascii_hexdigit).count();
            match braced[n..].strip_prefix('}') {
                Some(a) => (&braced[..n], a),
                None => return fail(&braced[n..], "invalid unicode escape"),
            }
        } else {
            let n = after.bytes().take(4).take_while(u8::is_ascii_hexdigit).count();
            if n != 4 {
                return fail(after, "invalid unicode escape");
            }
            (&after[..n], &after[n..])
        };
        match u32::from_str_radix(digits, 16).ok().and_then(char::from_u32) {
            Some(ch) => Ok((after, Some(ch))),
            None => fail(i, "invalid escape sequence"),
        }
    }
}

fn flush(parts: &mut Vec<StrPart>, lit: &mut String) {
    if !lit.is_empty() {
        parts.push(StrPart::Lit(std::mem::take(lit)));
    }
}
