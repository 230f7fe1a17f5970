//! Syntax colouring of the input line, iex's palette: atoms cyan, strings green, numbers
//! yellow, `nil`/`true`/`false` magenta, module names blue. Used only on a colour terminal.

const CYAN: &str = "\x1b[36m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const MAGENTA: &str = "\x1b[35m";
const BLUE: &str = "\x1b[34m";
const RESET: &str = "\x1b[0m";

/// The line with ANSI colour codes around tokens; the visible text is unchanged.
pub fn highlight(line: &str) -> String {
    let mut out = String::with_capacity(line.len() * 2);
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut i = 0;
    let end_of = |i: usize| chars.get(i).map_or(line.len(), |(at, _)| *at);
    while i < chars.len() {
        let (at, c) = chars[i];
        let start = i;
        let colour = if c == '"' {
            i += 1;
            while i < chars.len() && chars[i].1 != '"' {
                if chars[i].1 == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i = (i + 1).min(chars.len());
            Some(GREEN)
        } else if c == ':'
            && chars
                .get(i + 1)
                .is_some_and(|(_, n)| n.is_alphabetic() || *n == '_')
        {
            i += 1;
            while i < chars.len() && (chars[i].1.is_alphanumeric() || matches!(chars[i].1, '_' | '?' | '!')) {
                i += 1;
            }
            Some(CYAN)
        } else if c.is_ascii_digit() && (i == 0 || !is_word(chars[i - 1].1)) {
            while i < chars.len() && (chars[i].1.is_ascii_digit() || matches!(chars[i].1, '_' | '.')) {
                i += 1;
            }
            Some(YELLOW)
        } else if is_word(c) && (i == 0 || !is_word(chars[i - 1].1)) {
            while i < chars.len() && (is_word(chars[i].1) || matches!(chars[i].1, '?' | '!')) {
                i += 1;
            }
            let word = &line[at..end_of(i)];
            // A keyword argument (`do:`) is an atom too.
            if chars.get(i).is_some_and(|(_, c)| *c == ':')
                && chars.get(i + 1).is_some_and(|(_, c)| *c == ' ')
            {
                i += 1;
                Some(CYAN)
            } else if matches!(word, "nil" | "true" | "false") {
                Some(MAGENTA)
            } else if c.is_uppercase() {
                Some(BLUE)
            } else {
                None
            }
        } else {
            i += 1;
            None
        };
        let text = &line[at..end_of(i)];
        match colour {
            Some(colour) => {
                out.push_str(colour);
                out.push_str(text);
                out.push_str(RESET);
            }
            None => out.push_str(text),
        }
        debug_assert!(i > start);
    }
    out
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(text: &str) -> String {
        let mut out = String::new();
        let mut in_escape = false;
        for c in text.chars() {
            match (in_escape, c) {
                (false, '\x1b') => in_escape = true,
                (true, 'm') => in_escape = false,
                (true, _) => {}
                (false, c) => out.push(c),
            }
        }
        out
    }

    #[test]
    fn colours() {
        let cases: &[(&str, &str)] = &[
            (":ok", "\x1b[36m:ok\x1b[0m"),
            ("\"a\\\"b\"", "\x1b[32m\"a\\\"b\"\x1b[0m"),
            ("x1 + 12", "x1 + \x1b[33m12\x1b[0m"),
            ("nil", "\x1b[35mnil\x1b[0m"),
            ("Support.Ticket", "\x1b[34mSupport\x1b[0m.\x1b[34mTicket\x1b[0m"),
            ("if a, do: 1", "if a, \x1b[36mdo:\x1b[0m \x1b[33m1\x1b[0m"),
        ];
        for (line, expected) in cases {
            assert_eq!(&highlight(line), expected, "{line}");
        }
        for line in ["é \"unterminated", "Ƙ:ƙ 1.2.3", "\"", ":", "a.b.c(1, [2])"] {
            assert_eq!(
                strip(&highlight(line)),
                line,
                "visible text unchanged for {line:?}"
            );
        }
    }
}
