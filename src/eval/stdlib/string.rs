//! `String`: functions on UTF-8 binaries. Lengths, indexes and slices count characters
//! (code points), which equal Elixir's graphemes except for combining sequences.
//!
//! Non-string arguments raise `FunctionClauseError` naming the function Elixir 1.14 would
//! blame (often the arity with defaults filled in, e.g. `String.upcase/2`).

use crate::eval::error::EvalError;
use crate::eval::stdlib::errors;
use crate::value::Value;

pub(super) const FUNCTIONS: &[(&str, usize)] = &[
    ("at", 2),
    ("capitalize", 1),
    ("codepoints", 1),
    ("contains?", 2),
    ("downcase", 1),
    ("duplicate", 2),
    ("ends_with?", 2),
    ("first", 1),
    ("graphemes", 1),
    ("last", 1),
    ("length", 1),
    ("pad_leading", 2),
    ("pad_leading", 3),
    ("pad_trailing", 2),
    ("pad_trailing", 3),
    ("replace", 3),
    ("reverse", 1),
    ("slice", 2),
    ("slice", 3),
    ("split", 1),
    ("split", 2),
    ("split", 3),
    ("starts_with?", 2),
    ("to_atom", 1),
    ("to_existing_atom", 1),
    ("to_float", 1),
    ("to_integer", 1),
    ("trim", 1),
    ("trim", 2),
    ("trim_leading", 1),
    ("trim_leading", 2),
    ("trim_trailing", 1),
    ("trim_trailing", 2),
    ("upcase", 1),
];

type Res = Result<Value, EvalError>;

pub(super) fn call(name: &str, args: &[Value]) -> Option<Res> {
    let s = match args.first() {
        Some(Value::Str(s)) => Some(s.as_ref()),
        _ => None,
    };
    let result = match (name, s, args) {
        ("upcase", Some(s), [_]) => Ok(Value::string(s.to_uppercase())),
        ("downcase", Some(s), [_]) => Ok(Value::string(s.to_lowercase())),
        ("capitalize", Some(s), [_]) => Ok(Value::string(capitalize(s))),
        ("length", Some(s), [_]) => Ok(Value::Int(s.chars().count() as i64)),
        ("reverse", Some(s), [_]) => Ok(Value::string(s.chars().rev().collect::<String>())),
        ("graphemes" | "codepoints", Some(s), [_]) => Ok(Value::list(
            s.chars().map(|c| Value::string(c.to_string())).collect(),
        )),
        ("first", Some(s), [_]) => Ok(s
            .chars()
            .next()
            .map_or(Value::Nil, |c| Value::string(c.to_string()))),
        ("last", Some(s), [_]) => Ok(s
            .chars()
            .last()
            .map_or(Value::Nil, |c| Value::string(c.to_string()))),
        ("trim", Some(s), [_]) => Ok(Value::string(s.trim_matches(is_space))),
        ("trim_leading", Some(s), [_]) => Ok(Value::string(s.trim_start_matches(is_space))),
        ("trim_trailing", Some(s), [_]) => Ok(Value::string(s.trim_end_matches(is_space))),
        ("trim" | "trim_leading" | "trim_trailing", Some(s), [_, Value::Str(cut)]) => {
            Ok(Value::string(trim_with(name, s, cut)))
        }
        ("split", Some(s), [_]) => Ok(Value::list(
            s.split(is_space)
                .filter(|p| !p.is_empty())
                .map(Value::string)
                .collect(),
        )),
        ("split", Some(s), [_, pattern]) => split(s, pattern, &Value::list(Vec::new()), args),
        ("split", Some(s), [_, pattern, options]) => split(s, pattern, options, args),
        ("contains?", Some(s), [_, pattern]) => patterns(pattern)
            .map(|ps| Value::Bool(ps.iter().any(|p| s.contains(p.as_str()))))
            .ok_or_else(|| bad_pattern(pattern)),
        ("starts_with?", Some(s), [_, pattern]) => patterns(pattern)
            .map(|ps| Value::Bool(ps.iter().any(|p| s.starts_with(p.as_str()))))
            .ok_or_else(|| clause("String.starts_with?/2", args)),
        ("ends_with?", Some(s), [_, pattern]) => patterns(pattern)
            .map(|ps| Value::Bool(ps.iter().any(|p| s.ends_with(p.as_str()))))
            .ok_or_else(|| clause("String.ends_with?/2", args)),
        ("replace", Some(s), [_, pattern, Value::Str(with)]) => patterns(pattern)
            .map(|ps| Value::string(replace(s, &ps, with)))
            .ok_or_else(|| bad_pattern(pattern)),
        ("duplicate", Some(s), [_, Value::Int(n)]) if *n >= 0 => duplicate(s, *n),
        ("slice", Some(s), [_, range]) => slice_range(s, range, args),
        ("slice", Some(s), [_, Value::Int(start), Value::Int(len)]) if *len >= 0 => {
            Ok(slice(s, *start, *len))
        }
        ("at", Some(s), [_, Value::Int(position)]) => Ok(at(s, *position)),
        ("pad_leading" | "pad_trailing", Some(s), [_, Value::Int(count)]) if *count >= 0 => {
            pad(name, s, *count as usize, " ", args)
        }
        ("pad_leading" | "pad_trailing", Some(s), [_, Value::Int(count), Value::Str(padding)])
            if *count >= 0 =>
        {
            pad(name, s, *count as usize, padding, args)
        }
        ("to_integer", Some(s), [_]) => parse_integer(s)
            .ok_or_else(|| errors::bad_argument(1, "not a textual representation of an integer")),
        ("to_float", Some(s), [_]) => {
            parse_float(s).ok_or_else(|| errors::bad_argument(1, "not a textual representation of a float"))
        }
        ("to_atom" | "to_existing_atom", Some(s), [_]) => Ok(atom_from(s)),
        _ => return wrong_arguments(name, args),
    };
    Some(result)
}

/// The error for a known function called with arguments of the wrong type (None if the
/// function does not exist at that arity).
fn wrong_arguments(name: &str, args: &[Value]) -> Option<Res> {
    let arity = args.len();
    if !FUNCTIONS.contains(&(name, arity)) {
        return None;
    }
    let simple_guard = |param: &str| format!("def {name}({param}) when -is_binary({param})-");
    let error = match (name, arity) {
        ("upcase" | "downcase" | "capitalize", 1) => {
            let mut full = args.to_vec();
            full.push(Value::atom("default"));
            clause(&format!("String.{name}/2"), &full)
        }
        ("split", 2) | ("replace", 3) | ("pad_leading", 2) | ("pad_trailing", 2) => {
            let mut full = args.to_vec();
            full.push(match name {
                "pad_leading" | "pad_trailing" => Value::list(vec![Value::string(" ")]),
                _ => Value::list(Vec::new()),
            });
            clause(&format!("String.{name}/{}", arity + 1), &full)
        }
        ("trim" | "reverse" | "codepoints" | "graphemes" | "first" | "length" | "to_atom", 1)
        | ("to_existing_atom" | "to_integer" | "to_float", 1) => {
            errors::function_clause(&format!("String.{name}/1"), args, &[&simple_guard("string")])
        }
        _ => clause(&format!("String.{name}/{arity}"), args),
    };
    Some(Err(error))
}

fn clause(mfa: &str, args: &[Value]) -> EvalError {
    errors::function_clause(mfa, args, &[])
}

/// Elixir's whitespace (String.Break): Unicode whitespace minus the non-breaking spaces.
fn is_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}')
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.as_str().to_lowercase().chars())
            .collect(),
        None => String::new(),
    }
}

/// `trim/2` and friends: strip every repetition of `cut` at the chosen ends.
fn trim_with(name: &str, s: &str, cut: &str) -> String {
    if cut.is_empty() {
        return s.to_string();
    }
    let mut rest = s;
    if name != "trim_trailing" {
        while let Some(stripped) = rest.strip_prefix(cut) {
            rest = stripped;
        }
    }
    if name != "trim_leading" {
        while let Some(stripped) = rest.strip_suffix(cut) {
            rest = stripped;
        }
    }
    rest.to_string()
}

/// A pattern argument: one string or a list of strings.
fn patterns(pattern: &Value) -> Option<Vec<String>> {
    match pattern {
        Value::Str(p) => Some(vec![p.to_string()]),
        Value::List(items) => items
            .iter()
            .map(|item| item.as_str().map(str::to_string))
            .collect(),
        _ => None,
    }
}

/// `:binary` functions reject a pattern that is neither a string nor a list of strings.
fn bad_pattern(_pattern: &Value) -> EvalError {
    errors::bad_argument(2, "not a valid pattern")
}

/// The leftmost (then longest) occurrence of any pattern at or after `from`.
fn find_any(s: &str, patterns: &[String], from: usize) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for pattern in patterns.iter().filter(|p| !p.is_empty()) {
        if let Some(offset) = s[from..].find(pattern.as_str()) {
            let candidate = (from + offset, pattern.len());
            best = match best {
                Some(b) if b.0 < candidate.0 || (b.0 == candidate.0 && b.1 >= candidate.1) => Some(b),
                _ => Some(candidate),
            };
        }
    }
    best
}

fn split(s: &str, pattern: &Value, options: &Value, args: &[Value]) -> Res {
    let Some(pats) = patterns(pattern) else {
        return Err(bad_pattern(pattern));
    };
    let Value::List(options) = options else {
        return Err(clause("String.split/3", args));
    };
    let mut trim = false;
    let mut parts: Option<usize> = None;
    for option in options.iter() {
        if let Value::Tuple(pair) = option {
            match (pair.first().and_then(Value::atom_name).as_deref(), pair.get(1)) {
                (Some("trim"), Some(value)) => trim = value.is_truthy(),
                (Some("parts"), Some(Value::Int(n))) if *n > 0 => parts = Some(*n as usize),
                _ => {}
            }
        }
    }
    let mut pieces: Vec<String> = Vec::new();
    if pats.is_empty() {
        pieces.push(s.to_string());
    } else if pats.iter().all(String::is_empty) {
        // Splitting on "" yields every character, with "" at both ends unless trimmed.
        pieces.push(String::new());
        pieces.extend(s.chars().map(|c| c.to_string()));
        pieces.push(String::new());
    } else {
        let mut start = 0;
        while let Some((at, len)) = find_any(s, &pats, start) {
            pieces.push(s[start..at].to_string());
            start = at + len;
        }
        pieces.push(s[start..].to_string());
    }
    if trim {
        pieces.retain(|p| !p.is_empty());
    }
    if let Some(limit) = parts
        && pieces.len() > limit
    {
        // Re-join the tail: find where the (limit-1)th separator ends in the original.
        let mut start = 0;
        let mut head = Vec::new();
        while head.len() + 1 < limit {
            match find_any(s, &pats, start) {
                Some((at, len)) => {
                    let piece = &s[start..at];
                    if !(trim && piece.is_empty()) {
                        head.push(piece.to_string());
                    }
                    start = at + len;
                }
                None => break,
            }
        }
        head.push(s[start..].to_string());
        pieces = head;
    }
    Ok(Value::list(pieces.into_iter().map(Value::string).collect()))
}

fn replace(s: &str, pats: &[String], with: &str) -> String {
    if pats.iter().any(String::is_empty) && pats.len() == 1 {
        // `String.replace("ab", "", "-")` == "-a-b-"
        let mut out = String::from(with);
        for c in s.chars() {
            out.push(c);
            out.push_str(with);
        }
        return out;
    }
    let mut out = String::new();
    let mut start = 0;
    while let Some((at, len)) = find_any(s, pats, start) {
        out.push_str(&s[start..at]);
        out.push_str(with);
        start = at + len;
    }
    out.push_str(&s[start..]);
    out
}

fn duplicate(s: &str, n: i64) -> Res {
    let total = (s.len() as u128) * (n as u128);
    if total > errors::MAX_ITEMS as u128 {
        return Err(errors::system_limit());
    }
    Ok(Value::string(s.repeat(n as usize)))
}

/// `slice/3` on characters: a negative start counts from the end.
fn slice(s: &str, start: i64, len: i64) -> Value {
    let chars: Vec<char> = s.chars().collect();
    let count = chars.len() as i64;
    let start = if start < 0 { (count + start).max(0) } else { start };
    if start >= count {
        return Value::string("");
    }
    let end = start.saturating_add(len).min(count);
    Value::string(chars[start as usize..end as usize].iter().collect::<String>())
}

fn slice_range(s: &str, range: &Value, args: &[Value]) -> Res {
    let Value::Range { first, last, step } = range else {
        return Err(clause("String.slice/2", args));
    };
    let step = if *step > 0 {
        *step
    } else if *step == -1 && first > last {
        1
    } else {
        return Err(errors::argument(format!(
            "String.slice/2 does not accept ranges with negative steps, got: {}",
            errors::show(range)
        )));
    };
    let chars: Vec<char> = s.chars().collect();
    let count = chars.len() as i64;
    let first = if *first >= 0 {
        *first
    } else {
        (first + count).max(0)
    };
    let last = if *last >= 0 { *last } else { last + count };
    if first >= count || last < first {
        return Ok(Value::string(""));
    }
    let last = last.min(count - 1);
    let picked: String = chars[first as usize..=last as usize]
        .iter()
        .step_by(step as usize)
        .collect();
    Ok(Value::string(picked))
}

fn at(s: &str, position: i64) -> Value {
    let chars: Vec<char> = s.chars().collect();
    let count = chars.len() as i64;
    let index = if position < 0 { count + position } else { position };
    if (0..count).contains(&index) {
        Value::string(chars[index as usize].to_string())
    } else {
        Value::Nil
    }
}

fn pad(name: &str, s: &str, count: usize, padding: &str, args: &[Value]) -> Res {
    let filler: Vec<char> = padding.chars().collect();
    if filler.is_empty() {
        return Err(clause(&format!("String.{name}/3"), args));
    }
    let length = s.chars().count();
    if count as u64 > errors::MAX_ITEMS {
        return Err(errors::system_limit());
    }
    if length >= count {
        return Ok(Value::string(s));
    }
    let fill: String = filler.iter().cycle().take(count - length).collect();
    Ok(Value::string(if name == "pad_leading" {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }))
}

/// `binary_to_integer`: an optional sign and decimal digits, nothing else.
pub(crate) fn parse_integer(s: &str) -> Option<Value> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.strip_prefix('+')
        .unwrap_or(s)
        .parse::<i64>()
        .ok()
        .map(Value::Int)
}

/// `binary_to_float`: Erlang insists on digits, a dot and digits (`"1"` and `".5"` fail).
fn parse_float(s: &str) -> Option<Value> {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    let (int_part, frac_part) = mantissa.split_once('.')?;
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(int_part) || !digits(frac_part) {
        return None;
    }
    if let Some(exp) = exponent
        && !digits(exp.strip_prefix(['+', '-']).unwrap_or(exp))
    {
        return None;
    }
    s.parse::<f64>().ok().filter(|f| f.is_finite()).map(Value::Float)
}

/// `String.to_atom/1`: `"nil"`/`"true"`/`"false"` are those atoms, `"Elixir.Foo"` is a module.
fn atom_from(s: &str) -> Value {
    match s {
        "nil" => Value::Nil,
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        _ => match s.strip_prefix("Elixir.") {
            Some(module) if !module.is_empty() => Value::Module(module.into()),
            _ => Value::atom(s),
        },
    }
}

#[cfg(test)]
mod tests {
    use crate::eval::stdlib::test_support::check;

    #[test]
    fn string_functions() {
        check(&[
            ("String.upcase", "\"héllo\"", "\"HÉLLO\""),
            (
                "String.upcase",
                "1",
                "** (FunctionClauseError) no function clause matching in String.upcase/2    \n    \n    \
                 The following arguments were given to String.upcase/2:\n    \n        # 1\n        ‹1›\n    \n        \
                 # 2\n        ‹:default›\n    ",
            ),
            ("String.downcase", "\"ABC\"", "\"abc\""),
            ("String.capitalize", "\"hELLO world\"", "\"Hello world\""),
            ("String.capitalize", "\"\"", "\"\""),
            ("String.contains?", "\"hello\", \"ell\"", "true"),
            ("String.contains?", "\"hello\", [\"x\", \"lo\"]", "true"),
            ("String.contains?", "\"hello\", \"\"", "true"),
            ("String.contains?", "\"hello\", []", "false"),
            ("String.split", "\"  a b\\n c  \"", "[\"a\", \"b\", \"c\"]"),
            ("String.split", "\"a,b,,c\", \",\"", "[\"a\", \"b\", \"\", \"c\"]"),
            (
                "String.split",
                "\"a,b;c\", [\",\", \";\"]",
                "[\"a\", \"b\", \"c\"]",
            ),
            (
                "String.split",
                "\"abc\", \"\"",
                "[\"\", \"a\", \"b\", \"c\", \"\"]",
            ),
            ("String.split", "\"\", \",\"", "[\"\"]"),
            (
                "String.split",
                "\"a,b,,c,\", \",\", [trim: true]",
                "[\"a\", \"b\", \"c\"]",
            ),
            ("String.split", "\"a,b,c\", \",\", [parts: 2]", "[\"a\", \"b,c\"]"),
            ("String.trim", "\"  hi \\n\"", "\"hi\""),
            ("String.trim", "\"--hi--\", \"-\"", "\"hi\""),
            ("String.trim_leading", "\"  hi  \"", "\"hi  \""),
            ("String.trim_trailing", "\"  hi  \"", "\"  hi\""),
            (
                "String.trim",
                "nil",
                "** (FunctionClauseError) no function clause matching in String.trim/1    \n    \n    \
                 The following arguments were given to String.trim/1:\n    \n        # 1\n        ‹nil›\n    \n    \
                 Attempted function clauses (showing 1 out of 1):\n    \n        \
                 def trim(string) when -is_binary(string)-\n    ",
            ),
            ("String.length", "\"héllo\"", "5"),
            ("String.starts_with?", "\"hello\", \"he\"", "true"),
            ("String.starts_with?", "\"hello\", [\"x\", \"h\"]", "true"),
            ("String.ends_with?", "\"hello\", \"lo\"", "true"),
            ("String.ends_with?", "\"hello\", \"he\"", "false"),
            ("String.replace", "\"a-b-c\", \"-\", \"+\"", "\"a+b+c\""),
            ("String.replace", "\"ab\", \"\", \"-\"", "\"-a-b-\""),
            ("String.replace", "\"abc\", [\"a\", \"c\"], \"_\"", "\"_b_\""),
            ("String.duplicate", "\"ab\", 3", "\"ababab\""),
            (
                "String.duplicate",
                "\"ab\", 1000000000000",
                "** (SystemLimitError) a system limit has been reached",
            ),
            ("String.slice", "\"hello\", 1, 3", "\"ell\""),
            ("String.slice", "\"hello\", -3, 2", "\"ll\""),
            ("String.slice", "\"hello\", 10, 2", "\"\""),
            ("String.slice", "\"hello\", 1..3", "\"ell\""),
            ("String.slice", "\"hello\", 1..-1", "\"ello\""),
            ("String.slice", "\"hello\", -3..-1", "\"llo\""),
            ("String.slice", "\"hello\", 0..4//2", "\"hlo\""),
            ("String.reverse", "\"abc\"", "\"cba\""),
            ("String.to_integer", "\"42\"", "42"),
            ("String.to_integer", "\"-42\"", "-42"),
            (
                "String.to_integer",
                "\"4x\"",
                "** (ArgumentError) errors were found at the given arguments:\n\n  * 1st argument: not a textual representation of an integer\n",
            ),
            ("String.to_float", "\"1.5\"", "1.5"),
            (
                "String.to_float",
                "\"1\"",
                "** (ArgumentError) errors were found at the given arguments:\n\n  * 1st argument: not a textual representation of a float\n",
            ),
            ("String.to_atom", "\"open\"", ":open"),
            ("String.to_atom", "\"nil\"", "nil"),
            ("String.to_existing_atom", "\"closed\"", ":closed"),
            ("String.pad_leading", "\"7\", 3, \"0\"", "\"007\""),
            ("String.pad_leading", "\"abc\", 2", "\"abc\""),
            ("String.pad_trailing", "\"ab\", 4", "\"ab  \""),
            ("String.pad_trailing", "\"a\", 4, \"xy\"", "\"axyx\""),
            ("String.at", "\"hello\", 1", "\"e\""),
            ("String.at", "\"hello\", -1", "\"o\""),
            ("String.at", "\"hello\", 9", "nil"),
            ("String.first", "\"hello\"", "\"h\""),
            ("String.first", "\"\"", "nil"),
            ("String.last", "\"hello\"", "\"o\""),
            ("String.graphemes", "\"abc\"", "[\"a\", \"b\", \"c\"]"),
            ("String.codepoints", "\"ab\"", "[\"a\", \"b\"]"),
        ]);
    }
}
