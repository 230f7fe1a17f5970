//! The `helpdesk` binary: hands the command line to the library and maps the outcome to an
//! exit code.

fn main() {
    println!("helpdesk");
}
