//! The `helpdesk` binary: hands the command line to the library and exits with its code.

fn main() {
    let code = helpdesk::repl::run(std::env::args().skip(1).collect());
    std::process::exit(code);
}
