//! The `helpdesk` binary: hands the command line to the library and exits with its code.
//!
//! The shell runs on a thread with a large stack: values a script builds can nest as deep as
//! its loops go (`Enum.reduce(1..100_000, [], &[&2])`), and dropping, comparing or printing
//! them recurses. The stack is reserved, not committed, so this costs no memory up front.

use std::ffi::OsString;

/// Stack of the shell's thread.
const STACK_SIZE: usize = 1 << 30;

fn main() {
    let argv = match utf8_args(std::env::args_os().skip(1)) {
        Ok(argv) => argv,
        Err(position) => {
            eprintln!("helpdesk: argument {position} is not valid UTF-8");
            std::process::exit(helpdesk::repl::EXIT_USAGE);
        }
    };
    let code = match std::thread::Builder::new()
        .name("helpdesk".to_string())
        .stack_size(STACK_SIZE)
        .spawn({
            let argv = argv.clone();
            move || helpdesk::repl::run(argv)
        }) {
        // A panic has been reported by the hook already; exit as Rust does after one.
        Ok(shell) => shell.join().unwrap_or(101),
        // No room for the big stack (a tight `ulimit -v`): run on this thread instead.
        Err(_) => helpdesk::repl::run(argv),
    };
    std::process::exit(code);
}

/// The arguments as text, or the 1-based position of the first that is not UTF-8.
fn utf8_args(args: impl Iterator<Item = OsString>) -> Result<Vec<String>, usize> {
    args.enumerate()
        .map(|(i, arg)| arg.into_string().map_err(|_| i + 1))
        .collect()
}
