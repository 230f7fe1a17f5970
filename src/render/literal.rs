//! Texts of Elixir literals: atoms (`Macro.inspect_atom/2`: `:ok`, `:"a b"`, `Foo.Bar`, `key:`),
//! strings and charlists (`Code.Identifier.escape/4` and the `String.printable?` rules of 1.14).
//!
//! Collections and layout are not here; see `inspect.rs`.

use crate::render::algebra::{self, Doc};

/// iex's `:printable_limit`: characters of a string or charlist printed before `<> ...`.
pub const PRINTABLE_LIMIT: usize = 4096;

/// How an atom must be written (`Macro.classify_atom/1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AtomClass {
    /// `Elixir.Foo.Bar`: printed as `Foo.Bar`.
    Alias,
    /// Needs no quotes: identifiers (`foo?`), operators (`:<>`), `:Foo`, `:foo@bar`.
    Unquoted,
    /// Needs quotes: `:"a b"`, `:"::"`, `:""`.
    Quoted,
}

/// `Macro.inspect_atom(:literal, atom)` for an atom given by its name.
pub fn atom_literal(name: &str) -> String {
    if matches!(name, "nil" | "true" | "false") {
        return name.to_string();
    }
    match classify_atom(name) {
        AtomClass::Alias => match name {
            "Elixir" | "Elixir.Elixir" => name.to_string(),
            _ if name.starts_with("Elixir.Elixir.") => name.to_string(),
            _ => name.strip_prefix("Elixir.").unwrap_or(name).to_string(),
        },
        AtomClass::Quoted => format!(":\"{}\"", escape(name, '"', usize::MAX).0),
        AtomClass::Unquoted => format!(":{name}"),
    }
}

/// `Macro.inspect_atom(:key, atom)`: the `key:` of keyword lists, maps and structs.
pub fn atom_key(name: &str) -> String {
    match classify_atom(name) {
        AtomClass::Alias => format!("\"{name}\":"),
        AtomClass::Quoted => format!("\"{}\":", escape(name, '"', usize::MAX).0),
        AtomClass::Unquoted => format!("{name}:"),
    }
}

fn classify_atom(name: &str) -> AtomClass {
    const NOT_CALLABLE: &[&str] = &["%", "%{}", "{}", "<<>>", "...", "..", ".", "..//", "->"];
    const QUOTED_OPERATORS: &[&str] = &["::", "^^^", "~~~", "<|>"];
    const OPERATORS: &[&str] = &[
        // unary
        "&", "!", "^", "not", "+", "-", "@", // binary
        "<-", "\\\\", "when", "|", "=", "||", "|||", "or", "&&", "&&&", "and", "==", "!=", "=~", "===",
        "!==", "<", "<=", ">=", ">", "|>", "<<<", ">>>", "<~", "~>", "<<~", "~>>", "<~>", "in", "++", "--",
        "<>", "+++", "---", "*", "/", "**",
    ];
    if NOT_CALLABLE.contains(&name) {
        return AtomClass::Unquoted;
    }
    if QUOTED_OPERATORS.contains(&name) {
        return AtomClass::Quoted;
    }
    if OPERATORS.contains(&name) {
        return AtomClass::Unquoted;
    }
    if is_alias(name) {
        return AtomClass::Alias;
    }
    if is_identifier_like(name) {
        AtomClass::Unquoted
    } else {
        AtomClass::Quoted
    }
}

/// `valid_alias?/1`: `Elixir` followed by `.Segment`s starting with an uppercase ASCII letter.
fn is_alias(name: &str) -> bool {
    let Some(mut rest) = name.strip_prefix("Elixir") else {
        return false;
    };
    while !rest.is_empty() {
        let mut chars = rest.chars();
        if chars.next() != Some('.') || !chars.next().is_some_and(|c| c.is_ascii_uppercase()) {
            return false;
        }
        rest = chars
            .as_str()
            .trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '_');
    }
    true
}

/// What Elixir's identifier tokenizer accepts as one token: an identifier (`foo`, `foo?`,
/// `_bar!`, `foo@bar`) or an alias-like word (`Foo`).
fn is_identifier_like(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !(first == '_' || first.is_alphabetic()) {
        return false;
    }
    let body = chars.as_str();
    if first.is_uppercase() {
        // An alias-like word (`Foo`): no `?`/`!` suffix, no `@`.
        return body.chars().all(|c| c == '_' || c.is_alphanumeric());
    }
    let body = body.strip_suffix(['?', '!']).unwrap_or(body);
    body.chars().all(|c| c == '_' || c == '@' || c.is_alphanumeric())
}

/// `String.printable?(string, PRINTABLE_LIMIT)`.
pub fn is_printable(s: &str) -> bool {
    s.chars().take(PRINTABLE_LIMIT).all(|c| {
        matches!(c as u32,
            0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
            || matches!(
                c,
                '\n' | '\r' | '\t' | '\u{0B}' | '\u{08}' | '\u{0C}' | '\u{1B}' | '\u{7F}' | '\u{07}'
            )
    })
}

/// `Code.Identifier.escape/4`: escapes `s` for printing between `quote`s, at most `limit`
/// characters. Returns the text and whether characters were left over.
pub fn escape(s: &str, quote: char, limit: usize) -> (String, bool) {
    let mut out = String::with_capacity(s.len());
    let mut count = limit;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if count == 0 {
            return (out, true);
        }
        count = algebra::decrement(count);
        if c == quote {
            out.push('\\');
            out.push(c);
        } else if c == '#' && chars.peek() == Some(&'{') {
            chars.next();
            out.push_str("\\#{");
        } else {
            escape_char(c, &mut out);
        }
    }
    (out, false)
}

fn escape_char(c: char, out: &mut String) {
    let mapped = match c {
        '\u{07}' => "\\a",
        '\u{08}' => "\\b",
        '\u{7F}' => "\\d",
        '\u{1B}' => "\\e",
        '\u{0C}' => "\\f",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        '\u{0B}' => "\\v",
        '\\' => "\\\\",
        '\0' => "\\0",
        '\u{FEFF}' => "\\uFEFF",
        _ => "",
    };
    if !mapped.is_empty() {
        out.push_str(mapped);
        return;
    }
    let code = c as u32;
    match code {
        0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF => out.push(c),
        0..=0xFF => out.push_str(&format!("\\x{code:02X}")),
        0x100..=0xFFFF => out.push_str(&format!("\\x{{{code:04X}}}")),
        _ => out.push_str(&format!("\\x{{{code:06X}}}")),
    }
}

/// `inspect(string)`: `"text"` when printable, else the bytes as `<<104, 105, 1>>`.
pub fn string_doc(s: &str, limit: usize) -> Doc {
    if is_printable(s) {
        let (escaped, truncated) = escape(s, '"', PRINTABLE_LIMIT);
        if truncated {
            algebra::text(format!("\"{escaped}\" <> ..."))
        } else {
            algebra::text(format!("\"{escaped}\""))
        }
    } else {
        let inner = bytes_doc(s.as_bytes(), limit);
        algebra::group(algebra::concat(vec![
            algebra::text("<<"),
            algebra::nest(inner, 2),
            algebra::text(">>"),
        ]))
    }
}

/// `each_bit/3` of `Inspect.BitString`: bytes separated by flex breaks, `...` after `limit`.
fn bytes_doc(bytes: &[u8], limit: usize) -> Doc {
    let mut docs = Vec::new();
    let mut counter = limit;
    for (index, byte) in bytes.iter().enumerate() {
        if counter == 0 {
            docs.push(algebra::text("..."));
            break;
        }
        if index + 1 == bytes.len() {
            docs.push(algebra::text(byte.to_string()));
        } else {
            docs.push(algebra::text(format!("{byte},")));
            docs.push(algebra::flex_break(" "));
        }
        counter = algebra::decrement(counter);
    }
    algebra::concat(docs)
}

/// `List.ascii_printable?(list, PRINTABLE_LIMIT)` for a list of code points.
pub fn is_ascii_printable(codes: &[i64]) -> bool {
    codes
        .iter()
        .take(PRINTABLE_LIMIT)
        .all(|&c| (7..=13).contains(&c) || c == 27 || (32..=126).contains(&c))
}

/// A printable charlist: `'abc'` (`' ++ ...` when longer than the printable limit).
pub fn charlist_text(codes: &[i64]) -> String {
    let s: String = codes
        .iter()
        .filter_map(|&c| u32::try_from(c).ok().and_then(char::from_u32))
        .collect();
    let (escaped, truncated) = escape(&s, '\'', PRINTABLE_LIMIT);
    if truncated {
        format!("'{escaped}' ++ ...")
    } else {
        format!("'{escaped}'")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atoms() {
        let rows: &[(&str, &str, &str)] = &[
            // (name, literal, key)
            ("ok", ":ok", "ok:"),
            ("nil", "nil", "nil:"),
            ("true", "true", "true:"),
            ("a b", ":\"a b\"", "\"a b\":"),
            (
                "Elixir.Support.Ticket",
                "Support.Ticket",
                "\"Elixir.Support.Ticket\":",
            ),
            ("Foo", ":Foo", "Foo:"),
            ("valid?", ":valid?", "valid?:"),
            ("stacktraces?", ":stacktraces?", "stacktraces?:"),
            ("__meta__", ":__meta__", "__meta__:"),
            ("foo@bar", ":foo@bar", "foo@bar:"),
            ("<>", ":<>", "<>:"),
            ("::", ":\"::\"", "\"::\":"),
            ("...", ":...", "...:"),
            ("", ":\"\"", "\"\":"),
            ("1a", ":\"1a\"", "\"1a\":"),
            ("a-b", ":\"a-b\"", "\"a-b\":"),
            ("foo?bar", ":\"foo?bar\"", "\"foo?bar\":"),
            ("say \"hi\"", ":\"say \\\"hi\\\"\"", "\"say \\\"hi\\\"\":"),
            ("Elixir.foo", ":\"Elixir.foo\"", "\"Elixir.foo\":"),
            ("asc_nils_first", ":asc_nils_first", "asc_nils_first:"),
            ("é", ":é", "é:"),
        ];
        for (name, literal, key) in rows {
            assert_eq!(atom_literal(name), *literal, "literal {name:?}");
            assert_eq!(atom_key(name), *key, "key {name:?}");
        }
    }

    #[test]
    fn strings() {
        let rows: &[(&str, &str)] = &[
            ("Issue 0", r#""Issue 0""#),
            ("", r#""""#),
            ("a\nb", r#""a\nb""#),
            ("say \"hi\"", r#""say \"hi\"""#),
            ("back\\slash", r#""back\\slash""#),
            ("#{x}", r#""\#{x}""#),
            ("# {x}", r##""# {x}""##),
            ("tab\there", r#""tab\there""#),
            ("olá", r#""olá""#),
            ("bell\u{7}", r#""bell\a""#),
            ("del\u{7F}", r#""del\d""#),
            ("bom\u{FEFF}", r#""bom\uFEFF""#),
            ("a\u{1}b", "<<97, 1, 98>>"),
            ("\u{0}", "<<0>>"),
            ("\u{85}", "<<194, 133>>"),
        ];
        for (input, expected) in rows {
            assert_eq!(
                algebra::format(&string_doc(input, 50), 80),
                *expected,
                "{input:?}"
            );
        }
        let long = "x".repeat(4100);
        let printed = algebra::format(&string_doc(&long, 50), 80);
        assert!(
            printed.ends_with("xx\" <> ..."),
            "{}",
            &printed[printed.len() - 20..]
        );
        assert_eq!(printed.len(), 4096 + 2 + 7);
        let bytes = format!("\u{1}{}", "a".repeat(60));
        let printed = algebra::format(&string_doc(&bytes, 50), 80);
        assert!(printed.starts_with("<<1, 97, 97,"), "{printed}");
        assert!(printed.ends_with(" 97, ...>>"), "{printed}");
        assert_eq!(printed.matches(',').count(), 50);
    }

    #[test]
    fn charlists() {
        let rows: &[(&[i64], bool, &str)] = &[
            (&[104, 105], true, "'hi'"),
            (&[7, 8, 9], true, r"'\a\b\t'"),
            (&[39], true, r"'\''"),
            (&[1, 2], false, ""),
            (&[104, 300], false, ""),
        ];
        for (codes, printable, expected) in rows {
            assert_eq!(is_ascii_printable(codes), *printable, "{codes:?}");
            if *printable {
                assert_eq!(charlist_text(codes), *expected);
            }
        }
    }
}
