//! Fuzz target `eval`: a script (arbitrary UTF-8, at most `MAX_LEN` bytes) split into inputs
//! the way script mode splits it, each parsed and evaluated by one `Session` on a fresh
//! in-memory SQLite database, every outcome rendered. Nothing may panic, overflow the stack,
//! hang or run away with memory.
//!
//! Inputs with long digit runs or more than two ranges are skipped: `for x <- 1..99999999` or
//! three nested `for`s over `0..60` are legitimately long loops, not bugs, and would only teach
//! the fuzzer to time out.

#![no_main]

use helpdesk::eval::DbSource;
use helpdesk::repl::script;
use helpdesk::repl::session::{self, Outcome, Session};
use libfuzzer_sys::fuzz_target;

/// Longest input tried; keeps each iteration to milliseconds.
const MAX_LEN: usize = 512;
/// Longest run of digits allowed (numbers up to 999).
const MAX_DIGITS: usize = 3;
/// Most ranges (`a..b`) allowed in one input.
const MAX_RANGES: usize = 2;

fn digit_run_too_long(src: &str) -> bool {
    let mut run = 0;
    for c in src.chars() {
        if c.is_ascii_digit() {
            run += 1;
            if run > MAX_DIGITS {
                return true;
            }
        } else if c != '_' {
            run = 0;
        }
    }
    false
}

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_LEN {
        return;
    }
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    if digit_run_too_long(src) || src.matches("..").count() > MAX_RANGES {
        return;
    }
    let mut session = Session::new(DbSource::Url(":memory:".to_string()), Box::new(std::io::sink()));
    for chunk in script::chunks(src) {
        match session.eval(&chunk.text) {
            Outcome::Value(text) => {
                std::hint::black_box(text);
            }
            Outcome::Nothing => {}
            Outcome::Syntax(error) => {
                std::hint::black_box(session::syntax_text(&error, &chunk.text, "fuzz", chunk.line));
            }
            Outcome::Raised(error) => {
                let offset = error.span.map_or(0, |span| span.line_col(&chunk.text).0);
                std::hint::black_box((session::raised_text(&error), offset));
            }
        }
    }
});
