//! No input crashes the shell: random strings and random soups of the language's
//! tokens go through `syntax::parse` and through a whole `Session` (evaluation, printing, the
//! database on a throwaway SQLite file), and nothing may panic. Deeply nested input must be
//! an error, not a stack overflow, on the 8 MB stack the binary's main thread has.

mod support;

use std::io::Write;

use helpdesk::eval::DbSource;
use helpdesk::repl::session::{self, Outcome, Session};
use helpdesk::syntax;
use proptest::prelude::*;
use support::TempDb;

/// Output sink that drops everything.
struct Sink;

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Tokens of the language: literals, names, operators, brackets, keywords. Numbers stay
/// small so that a random `for` over ranges cannot run for minutes.
const TOKENS: &[&str] = &[
    "0",
    "1",
    "2",
    "10",
    "-1",
    "1.5",
    "1.0e3",
    "1_000",
    "0x1F",
    "\"s\"",
    "\"a#{1}b\"",
    "\"#{",
    "\"",
    "\\",
    "'c'",
    ":a",
    ":\"q r\"",
    "a:",
    "b:",
    "true",
    "false",
    "nil",
    "x",
    "y",
    "_",
    "&1",
    "&2",
    "&",
    "^",
    "Support.Ticket",
    "Support.User",
    "Ticket",
    "Enum.map",
    "Enum",
    ".",
    "String",
    "Ash.Query.filter",
    "Support.AshApi.read!",
    "Ash.Changeset.for_create",
    "Map.get",
    "v",
    "h",
    "i",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "%{",
    "%",
    "|",
    "=>",
    ",",
    ";",
    "\n",
    "+",
    "-",
    "*",
    "/",
    "==",
    "!=",
    "===",
    "<",
    ">",
    "<=",
    ">=",
    "and",
    "or",
    "not",
    "&&",
    "||",
    "!",
    "<>",
    "++",
    "--",
    "in",
    "not in",
    "|>",
    "=",
    "..",
    "//",
    "->",
    "<-",
    "fn",
    "do",
    "end",
    "else",
    "when",
    "if",
    "unless",
    "case",
    "cond",
    "for",
    "into:",
    "do:",
    "~w(a b)",
    "~w[",
    "#",
    "#iex:break",
    "require",
    "alias",
    "@",
    "?a",
    ".(",
    "...",
    "\t",
    "é",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..14).prop_map(|tokens| tokens.join(" "))
}

fn run_session(inputs: &[String]) {
    let db = TempDb::sqlite();
    let mut session = Session::new(DbSource::Url(db.url.clone()), Box::new(Sink));
    for input in inputs {
        match session.eval(input) {
            Outcome::Syntax(error) => {
                let _ = session::syntax_text(&error, input, "iex", session.counter());
            }
            Outcome::Raised(error) => {
                let _ = session::raised_text(&error);
            }
            Outcome::Value(_) | Outcome::Nothing => {}
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn parse_never_panics_on_any_string(src in "\\PC{0,60}") {
        let _ = syntax::parse(&src);
    }

    #[test]
    fn parse_never_panics_on_token_soup(src in soup()) {
        let _ = syntax::parse(&src);
    }

    #[test]
    fn session_never_panics_on_token_soup(inputs in prop::collection::vec(soup(), 1..4)) {
        run_session(&inputs);
    }

    #[test]
    fn session_never_panics_on_any_string(inputs in prop::collection::vec("\\PC{0,40}", 1..3)) {
        run_session(&inputs);
    }
}

/// Runs `body` on a thread with the main thread's default 8 MB stack.
fn on_main_sized_stack(body: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(8 * 1024 * 1024)
        .spawn(body)
        .expect("spawn")
        .join()
        .expect("no stack overflow or panic");
}

#[test]
fn deep_nesting_is_an_error_not_an_overflow() {
    on_main_sized_stack(|| {
        let n = 10_000;
        let shapes = [
            format!("{}1{}", "[".repeat(n), "]".repeat(n)),
            format!("{}1{}", "(".repeat(n), ")".repeat(n)),
            format!("{}1{}", "{".repeat(n), "}".repeat(n)),
            format!("{}1{}", "%{a: ".repeat(n), "}".repeat(n)),
            format!("{}1", "-".repeat(n)),
            format!("{}1", "not ".repeat(n)),
            format!("{}x{}", "fn -> ".repeat(n), " end".repeat(n)),
            format!("\"{}1{}\"", "#{\"".repeat(n), "\"}".repeat(n)),
            format!("{}1{}", "[".repeat(n), ""),
        ];
        let db = TempDb::sqlite();
        let mut session = Session::new(DbSource::Url(db.url.clone()), Box::new(Sink));
        for src in &shapes {
            let parsed = syntax::parse(src);
            assert!(parsed.is_err(), "{}… parsed", &src[..20]);
            assert!(!matches!(session.eval(src), Outcome::Value(_)));
        }
    });
}

#[test]
fn long_flat_chains_evaluate_or_fail_cleanly() {
    on_main_sized_stack(|| {
        let n = 10_000;
        let chains = [
            // Left-associative: a tree 10,000 deep on the left.
            format!("0{}", " + 1".repeat(n)),
            format!("[]{}", " ++ [1]".repeat(n)),
            format!("1{}", " |> abs()".repeat(n)),
            // Right-associative.
            format!("{}[]", "[1] ++ ".repeat(n)),
            format!("{}1", "x = ".repeat(n)),
            format!("\"\"{}", " <> \"a\"".repeat(n)),
        ];
        let db = TempDb::sqlite();
        let mut session = Session::new(DbSource::Url(db.url.clone()), Box::new(Sink));
        for src in &chains {
            let _ = syntax::parse(src);
            let _ = session.eval(src);
        }
    });
}

#[test]
fn flat_chains_below_the_tree_limit_evaluate() {
    on_main_sized_stack(|| {
        let n = 990;
        let chains = [
            (format!("0{}", " + 1".repeat(n)), n.to_string()),
            (format!("{}1", "x = ".repeat(n)), "1".to_string()),
            (format!("1{}", " |> abs()".repeat(n)), "1".to_string()),
            (format!("true{}", " and true".repeat(n)), "true".to_string()),
            (
                format!("String.length(\"\"{})", " <> \"a\"".repeat(n)),
                n.to_string(),
            ),
            (format!("length({}[])", "[1] ++ ".repeat(n)), n.to_string()),
            (
                format!("f = fn -> 0{} end; f.()", " - 1".repeat(n)),
                format!("-{n}"),
            ),
        ];
        let db = TempDb::sqlite();
        let mut session = Session::new(DbSource::Url(db.url.clone()), Box::new(Sink));
        for (src, want) in &chains {
            match session.eval(src) {
                Outcome::Value(v) => assert_eq!(&v, want, "{}…", &src[..20]),
                Outcome::Raised(e) => panic!("{}…: {}", &src[..20], session::raised_text(&e)),
                Outcome::Syntax(e) => panic!("{}…: {}", &src[..20], e.message),
                Outcome::Nothing => panic!("{}…: nothing", &src[..20]),
            }
        }
    });
}
