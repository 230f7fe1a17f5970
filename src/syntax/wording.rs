//! How Elixir 1.14 words a syntax error found by its parser: `syntax error before: TOKEN`,
//! with the token written the way yecc writes Elixir's tokens (`elixir_errors:parse_error/5`):
//! operators and aliases as quoted Erlang atoms (`'*'`, `'Foo'`), names bare (`foo`), numbers
//! and strings in double quotes (`"12"`, `"world"`), characters as `?a`; reserved words,
//! sigils and the end of a line get their own sentences.

/// Elixir's words for "the parser did not expect the token at the start of `rest`" (`rest` is
/// not empty); `column` is the token's 1-based column.
pub(crate) fn syntax_error_before(rest: &str, column: usize) -> String {
    let before = |token: String| format!("syntax error before: {token}");
    let Some(c) = rest.chars().next() else {
        return "syntax error: expression is incomplete".to_string();
    };
    let next = rest[c.len_utf8()..].chars().next();
    match c {
        '\n' | '\r' => {
            "unexpectedly reached end of line. The current expression is invalid or incomplete".to_string()
        }
        '0'..='9' => before(format!("\"{}\"", number_text(rest))),
        '"' | '\'' => before(format!("\"{}\"", first_part(rest.trim_start_matches(c), c))),
        '?' if next.is_some() => {
            let len = if next == Some('\\') {
                1 + rest[2..].chars().next().map_or(0, char::len_utf8)
            } else {
                0
            };
            let end = 1 + next.map_or(0, char::len_utf8) + len;
            before(rest.get(..end).unwrap_or(rest).to_string())
        }
        ':' if next.is_some_and(|d| d == '"' || d == '\'') => {
            let quote = next.unwrap_or('"');
            before(erl_atom(first_part(&rest[2..], quote)))
        }
        ':' if next.is_some_and(|d| d.is_alphabetic() || d == '_') => {
            let name = name_text(&rest[1..]);
            before(erl_atom(name))
        }
        '~' if next.is_some_and(|d| d.is_ascii_alphabetic()) => {
            let letter = next.unwrap_or('s');
            let body = rest.get(3..).unwrap_or("");
            let close = match rest[2..].chars().next() {
                Some('(') => ')',
                Some('[') => ']',
                Some('{') => '}',
                Some('<') => '>',
                Some(d) => d,
                None => ' ',
            };
            let content = first_part(body, close);
            format!("syntax error before: sigil ~{letter} starting with content '{content}'")
        }
        c if c.is_alphabetic() || c == '_' => {
            let name = name_text(rest);
            if is_elixir_reserved(name) {
                let message = format!(
                    "syntax error before: {name}. \"{name}\" is a reserved word in Elixir and therefore its usage is limited. For instance, it can't be used as a variable or be defined nor invoked as a regular function"
                );
                return message;
            }
            if !c.is_ascii() && !c.is_lowercase() {
                return unexpected_char(c, column);
            }
            before(erl_atom(name))
        }
        _ if c.is_ascii_graphic() => before(erl_atom(symbol_text(rest))),
        _ => unexpected_char(c, column),
    }
}

/// The tokenizer's words for a character that starts no token.
fn unexpected_char(c: char, column: usize) -> String {
    format!(
        "unexpected token: \"{c}\" (column {column}, code point U+{:04X})",
        u32::from(c)
    )
}

/// Words Elixir refuses as names, with its own message (`elixir_errors:parse_error/5`).
fn is_elixir_reserved(name: &str) -> bool {
    matches!(
        name,
        "not"
            | "and"
            | "or"
            | "when"
            | "after"
            | "catch"
            | "end"
            | "fn"
            | "else"
            | "rescue"
            | "true"
            | "false"
            | "nil"
            | "in"
    )
}

/// An atom as Erlang writes it: bare when it is a plain lower-case name, quoted otherwise.
fn erl_atom(name: &str) -> String {
    const ERLANG_RESERVED: &[&str] = &[
        "after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl", "bsr", "bxor", "case", "catch",
        "cond", "div", "end", "fun", "if", "let", "not", "of", "or", "orelse", "receive", "rem", "try",
        "when", "xor",
    ];
    let plain = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '@')
        && !ERLANG_RESERVED.contains(&name);
    if plain {
        return name.to_string();
    }
    let escaped = name.replace('\\', "\\\\").replace('\'', "\\'");
    format!("'{escaped}'")
}

/// A name with its `?`/`!` suffix.
fn name_text(rest: &str) -> &str {
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let suffix = rest[end..]
        .chars()
        .next()
        .filter(|&c| c == '?' || c == '!')
        .map_or(0, |_| 1);
    rest.get(..end + suffix).unwrap_or(rest)
}

/// The text of a number literal (`12`, `0b1`, `12.3`, `1_000`).
fn number_text(rest: &str) -> &str {
    let mut end = 0;
    let bytes = rest.as_bytes();
    while end < bytes.len() {
        let b = bytes[end];
        let decimal_point = b == b'.' && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
        if !(b.is_ascii_alphanumeric() || b == b'_' || decimal_point) {
            break;
        }
        end += 1;
    }
    rest.get(..end).unwrap_or(rest)
}

/// The literal text of a string-like body up to its closing delimiter or first `#{`.
fn first_part(body: &str, close: char) -> &str {
    let mut escaped = false;
    for (at, c) in body.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '#' if body[at..].starts_with("#{") => return &body[..at],
            c if c == close => return &body[..at],
            _ => {}
        }
    }
    body
}

/// The symbolic token at the start of `rest` (longest match), e.g. `*`, `=>`, `%{}`.
fn symbol_text(rest: &str) -> &str {
    if rest.starts_with("%{") {
        return "%{}";
    }
    const SYMBOLS: &[&str] = &[
        "===", "!==", "<<<", ">>>", "|||", "&&&", "^^^", "~~~", "<~>", "<<~", "~>>", "<|>", "+++", "---",
        "...", "==", "!=", "<=", ">=", "<>", "|>", "++", "--", "..", "&&", "||", "=~", "->", "<-", "=>",
        "//", "::", "**", "<~", "~>", "\\\\", "<<", ">>",
    ];
    if let Some(s) = SYMBOLS.iter().find(|s| rest.starts_with(**s)) {
        return s;
    }
    rest.get(..1).unwrap_or(rest)
}
