//! Fuzz target `parse`: `syntax::parse` and `syntax::is_incomplete` on arbitrary UTF-8 must
//! return (a program or a `ParseError`) without panicking, overflowing the stack or hanging,
//! and a syntax error's rendering (caret line) must not panic either.

#![no_main]

use helpdesk::repl::session::syntax_text;
use helpdesk::syntax;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(error) = syntax::parse(src) {
        let _ = syntax_text(&error, src, "fuzz", 1);
    }
    let _ = syntax::is_incomplete(src);
});
