//! Test helpers for the stdlib tables: a `Host` that runs captured named functions, a reader
//! for literal terms (`[1, {:a, "b"}, %{k: 1..3}, &String.upcase/1]`) and the row checker.
//!
//! Test-only; the real interpreter is the production `Host`.

use std::iter::Peekable;
use std::rc::Rc;
use std::str::Chars;

use crate::db::Database;
use crate::eval::error::EvalError;
use crate::eval::host::Host;
use crate::eval::stdlib;
use crate::syntax::ast;
use crate::value::{Function, MapValue, Value};

/// Runs `Function::Named` values through `stdlib::call` (plus a few operators), records output.
#[derive(Default)]
pub(crate) struct TestHost {
    pub(crate) out: String,
}

impl Host for TestHost {
    fn apply(&mut self, fun: &Value, args: Vec<Value>) -> Result<Value, EvalError> {
        let Value::Fun(function) = fun else {
            return Err(EvalError::new("BadFunctionError", "expected a function"));
        };
        let Function::Named { module, name, .. } = function.as_ref() else {
            return Err(EvalError::new(
                "RuntimeError",
                "closures are not supported in tests",
            ));
        };
        if let Some(result) = operator(name, &args) {
            return Ok(result);
        }
        stdlib::call(module.as_deref(), name, args, self)
            .unwrap_or_else(|| Err(EvalError::new("UndefinedFunctionError", name.clone())))
    }

    fn eval(&mut self, _expr: &ast::Expr) -> Result<Value, EvalError> {
        Err(EvalError::new("RuntimeError", "no evaluation in tests"))
    }

    fn write_out(&mut self, text: &str) {
        self.out.push_str(text);
    }

    fn db(&mut self) -> Result<&mut Database, EvalError> {
        Err(EvalError::new("RuntimeError", "no database in tests"))
    }
}

/// The operators the interpreter owns, enough for captured `&+/2` and `&<=/2` in tests.
fn operator(name: &str, args: &[Value]) -> Option<Value> {
    use std::cmp::Ordering::*;
    Some(match (name, args) {
        ("+", [Value::Int(a), Value::Int(b)]) => Value::Int(a + b),
        ("*", [Value::Int(a), Value::Int(b)]) => Value::Int(a * b),
        ("-", [Value::Int(a), Value::Int(b)]) => Value::Int(a - b),
        ("<>", [Value::Str(a), Value::Str(b)]) => Value::string(format!("{a}{b}")),
        ("<=", [a, b]) => Value::Bool(a.term_cmp(b) != Greater),
        (">=", [a, b]) => Value::Bool(a.term_cmp(b) != Less),
        ("<", [a, b]) => Value::Bool(a.term_cmp(b) == Less),
        (">", [a, b]) => Value::Bool(a.term_cmp(b) == Greater),
        ("==", [a, b]) => Value::Bool(a.loose_eq(b)),
        // `&{&1, &2}` stand-in: pairs its two arguments.
        ("pair", [a, b]) => Value::tuple(vec![a.clone(), b.clone()]),
        // `&{&1, &2}` for a reducer that pushes onto a list: `&[&1 | &2]`.
        ("cons", [a, Value::List(rest)]) => {
            let mut items = vec![a.clone()];
            items.extend(rest.iter());
            Value::list(items)
        }
        // A fallback that is not a function value, for `Enum.find/3` style defaults.
        ("parity", [Value::Int(a)]) => Value::atom(if a % 2 == 0 { "even" } else { "odd" }),
        ("add_values", [_, Value::Int(a), Value::Int(b)]) => Value::Int(a + b),
        ("double", [Value::Int(a)]) => Value::Int(a * 2),
        ("dup", [a]) => Value::list(vec![a.clone(), a.clone()]),
        ("entry", [a]) => Value::tuple(vec![a.clone(), Value::Int(1)]),
        _ => return None,
    })
}

/// Reads one literal term.
pub(crate) fn term(text: &str) -> Value {
    let mut reader = Reader {
        chars: text.chars().peekable(),
    };
    let value = reader.value();
    reader.skip_space();
    assert!(reader.chars.peek().is_none(), "trailing text in literal {text:?}");
    value
}

struct Reader<'a> {
    chars: Peekable<Chars<'a>>,
}

impl Reader<'_> {
    fn skip_space(&mut self) {
        while self.chars.peek().is_some_and(|c| c.is_whitespace()) {
            self.chars.next();
        }
    }

    fn eat(&mut self, expected: char) -> bool {
        self.skip_space();
        if self.chars.peek() == Some(&expected) {
            self.chars.next();
            true
        } else {
            false
        }
    }

    fn word(&mut self) -> String {
        let mut word = String::new();
        while let Some(&c) = self.chars.peek() {
            if c.is_alphanumeric() || "_?!.".contains(c) {
                // A `..` range operator ends a word.
                if c == '.' && word.ends_with('.') {
                    word.pop();
                    return word;
                }
                word.push(c);
                self.chars.next();
            } else {
                break;
            }
        }
        word
    }

    fn value(&mut self) -> Value {
        let first = self.single();
        self.skip_space();
        let mut lookahead = self.chars.clone();
        if lookahead.next() == Some('.') && lookahead.next() == Some('.') {
            self.chars.next();
            self.chars.next();
            let (Value::Int(first), Value::Int(last)) = (first, self.single()) else {
                panic!("ranges need integers");
            };
            let step = if self.eat('/') && self.eat('/') {
                match self.single() {
                    Value::Int(step) => step,
                    _ => panic!("bad step"),
                }
            } else if first > last {
                -1
            } else {
                1
            };
            return Value::Range { first, last, step };
        }
        first
    }

    fn sequence(&mut self, close: char) -> Vec<Value> {
        let mut items = Vec::new();
        if self.eat(close) {
            return items;
        }
        loop {
            self.skip_space();
            // Keyword sugar `key: value`.
            let mut lookahead = self.chars.clone();
            let word: String = lookahead
                .by_ref()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !word.is_empty() && word.chars().next().is_some_and(|c| c.is_lowercase()) {
                let mut check = self.chars.clone();
                for _ in 0..word.len() {
                    check.next();
                }
                if check.next() == Some(':') && check.peek() == Some(&' ') {
                    self.chars = check;
                    let value = self.value();
                    items.push(Value::tuple(vec![Value::atom(&word), value]));
                    if self.eat(',') {
                        continue;
                    }
                    assert!(self.eat(close), "expected {close}");
                    return items;
                }
            }
            let item = self.value();
            if self.eat('=') {
                assert!(self.eat('>'), "expected =>");
                let value = self.value();
                items.push(Value::tuple(vec![item, value]));
            } else {
                items.push(item);
            }
            if self.eat(',') {
                continue;
            }
            assert!(self.eat(close), "expected {close}");
            return items;
        }
    }

    fn single(&mut self) -> Value {
        self.skip_space();
        let Some(&c) = self.chars.peek() else {
            panic!("unexpected end")
        };
        match c {
            '[' => {
                self.chars.next();
                Value::list(self.sequence(']'))
            }
            '{' => {
                self.chars.next();
                Value::tuple(self.sequence('}'))
            }
            '%' => {
                self.chars.next();
                assert!(self.eat('{'));
                let items = self.map_entries();
                Value::Map(Rc::new(MapValue::from_entries(items)))
            }
            '"' => {
                self.chars.next();
                Value::string(self.string_body())
            }
            ':' => {
                self.chars.next();
                if self.chars.peek() == Some(&'"') {
                    self.chars.next();
                    Value::atom(&self.string_body())
                } else {
                    Value::atom(&self.word())
                }
            }
            '&' => {
                self.chars.next();
                let mut path = String::new();
                while let Some(&c) = self.chars.peek() {
                    if c == '/' {
                        break;
                    }
                    path.push(c);
                    self.chars.next();
                }
                self.chars.next();
                let arity: usize = self.word().parse().unwrap_or(0);
                let (module, name) = match path.rsplit_once('.') {
                    Some((module, name)) if module.chars().next().is_some_and(char::is_uppercase) => {
                        (Some(module.to_string()), name.to_string())
                    }
                    _ => (None, path),
                };
                Value::Fun(Rc::new(Function::Named { module, name, arity }))
            }
            '-' | '0'..='9' => {
                let mut number = String::new();
                number.push(c);
                self.chars.next();
                while let Some(&c) = self.chars.peek() {
                    let is_dot_digit = c == '.' && {
                        let mut look = self.chars.clone();
                        look.next();
                        look.peek().is_some_and(char::is_ascii_digit)
                    };
                    if c.is_ascii_digit()
                        || c == '_'
                        || c == 'e'
                        || is_dot_digit
                        || (c == '-' && number.ends_with('e'))
                    {
                        if c != '_' {
                            number.push(c);
                        }
                        self.chars.next();
                    } else {
                        break;
                    }
                }
                if number.contains('.') || number.contains('e') {
                    Value::Float(number.parse().unwrap_or_else(|_| panic!("bad float {number}")))
                } else {
                    Value::Int(number.parse().unwrap_or_else(|_| panic!("bad int {number}")))
                }
            }
            _ => {
                let word = self.word();
                match word.as_str() {
                    "nil" => Value::Nil,
                    "true" => Value::Bool(true),
                    "false" => Value::Bool(false),
                    _ if word.chars().next().is_some_and(char::is_uppercase) => {
                        Value::Module(Rc::from(word.as_str()))
                    }
                    _ => panic!("cannot read {word:?}"),
                }
            }
        }
    }

    fn map_entries(&mut self) -> Vec<(Value, Value)> {
        let items = self.sequence('}');
        let mut entries = Vec::new();
        for item in items {
            match item {
                Value::Tuple(pair) if pair.len() == 2 => entries.push((pair[0].clone(), pair[1].clone())),
                _ => panic!("map entries must be `key: value` or `key => value` in tests"),
            }
        }
        entries
    }

    fn string_body(&mut self) -> String {
        let mut text = String::new();
        while let Some(c) = self.chars.next() {
            match c {
                '"' => return text,
                '\\' => match self.chars.next() {
                    Some('n') => text.push('\n'),
                    Some('t') => text.push('\t'),
                    Some(other) => text.push(other),
                    None => break,
                },
                _ => text.push(c),
            }
        }
        panic!("unterminated string")
    }
}

/// A short printer for assertion messages (`render::inspect` may not be merged yet).
pub(crate) fn debug(value: &Value) -> String {
    let join = |items: &[Value]| items.iter().map(debug).collect::<Vec<_>>().join(", ");
    match value {
        Value::Nil => "nil".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(n) => n.to_string(),
        Value::Float(f) => format!("{f:?}"),
        Value::Atom(a) => format!(":{a}"),
        Value::Str(s) => format!("{s:?}"),
        Value::List(items) => format!("[{}]", join(&items.values())),
        Value::Tuple(items) => format!("{{{}}}", join(items)),
        Value::Map(map) => format!(
            "%{{{}}}",
            map.entries
                .iter()
                .map(|(k, v)| format!("{} => {}", debug(k), debug(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Range { first, last, step } => format!("{first}..{last}//{step}"),
        Value::Module(m) => m.to_string(),
        _ => "<other>".into(),
    }
}

/// Replaces each `‹literal›` in an expected error text by `inspect` of that literal, so error
/// rows stay exact whatever `render::inspect` prints.
fn expand_inspects(expected: &str) -> String {
    let mut out = String::new();
    let mut rest = expected;
    while let Some(start) = rest.find('‹') {
        out.push_str(&rest[..start]);
        let after = &rest[start + '‹'.len_utf8()..];
        let end = after.find('›').unwrap_or(after.len());
        out.push_str(&stdlib::errors::show(&term(&after[..end])));
        rest = after.get(end + '›'.len_utf8()..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// Runs `(call, args, expected)` rows: `call` is `Module.name` or a bare Kernel name, `args`
/// the arguments as literals separated by commas, `expected` a literal or `** (Error) text`.
pub(crate) fn check(rows: &[(&str, &str, &str)]) {
    let mut failures = Vec::new();
    for (call, arg_text, expected) in rows {
        let (module, name) = match call.split_once('.') {
            Some((module, name)) if module.chars().next().is_some_and(char::is_uppercase) => {
                (Some(module), name)
            }
            _ => (None, *call),
        };
        let args = match term(&format!("[{arg_text}]")) {
            Value::List(items) => items.to_vec(),
            _ => unreachable!(),
        };
        let mut host = TestHost::default();
        let got = stdlib::call(module, name, args, &mut host);
        let ok = match (&got, expected.strip_prefix("** ")) {
            (Some(Err(error)), Some(_)) => error.to_string() == expand_inspects(expected),
            (Some(Ok(value)), None) => value.strict_eq(&term(expected)),
            _ => false,
        };
        if !ok {
            let got = match got {
                None => "no such function".to_string(),
                Some(Ok(value)) => debug(&value),
                Some(Err(error)) => error.to_string(),
            };
            failures.push(format!(
                "{call}({arg_text})\n  expected: {expected}\n  got:      {got}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing rows:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
