//! Architecture invariants checked by `cargo test` (house style): every source file opens
//! with a `//!` header, Diesel is named only under `src/db/`, stdin/stdout and the terminal are
//! touched only under `src/repl/` (and `main.rs`; stderr diagnostics such as `--echo-sql` may come
//! from elsewhere), and no `dbg!`/`todo!`/`unimplemented!` is left behind.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("readable source");
            let relative = path.strip_prefix(root).expect("under root").display().to_string();
            (relative, text)
        })
        .collect()
}

#[test]
fn every_module_opens_with_a_doc_header() {
    let missing: Vec<String> = sources()
        .into_iter()
        .filter(|(_, text)| !text.starts_with("//!"))
        .map(|(path, _)| path)
        .collect();
    assert!(missing.is_empty(), "files without a //! header: {missing:?}");
}

#[test]
fn diesel_is_named_only_in_db() {
    let offenders: Vec<String> = sources()
        .into_iter()
        .filter(|(path, _)| !path.starts_with("src/db/"))
        .filter(|(_, text)| text.contains("diesel::") || text.contains("use diesel"))
        .map(|(path, _)| path)
        .collect();
    assert!(offenders.is_empty(), "diesel named outside src/db: {offenders:?}");
}

#[test]
fn only_repl_touches_the_terminal() {
    let offenders: Vec<String> = sources()
        .into_iter()
        .filter(|(path, _)| !path.starts_with("src/repl/") && path != "src/main.rs")
        .filter(|(_, text)| {
            let code: String = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            let prints = code
                .match_indices("print!(")
                .chain(code.match_indices("println!("))
                .any(|(at, _)| {
                    // `eprint!`/`eprintln!` (diagnostics on stderr, e.g. --echo-sql) are allowed.
                    !code[..at].ends_with('e')
                });
            code.contains("rustyline")
                || code.contains("std::io::stdin")
                || code.contains("std::io::stdout")
                || prints
        })
        .map(|(path, _)| path)
        .collect();
    assert!(
        offenders.is_empty(),
        "terminal I/O outside src/repl: {offenders:?}"
    );
}

#[test]
fn no_debugging_leftovers() {
    let offenders: Vec<String> = sources()
        .into_iter()
        .filter(|(_, text)| {
            ["dbg!(", "todo!(", "unimplemented!("]
                .iter()
                .any(|m| text.contains(m))
        })
        .map(|(path, _)| path)
        .collect();
    assert!(
        offenders.is_empty(),
        "dbg!/todo!/unimplemented! left in: {offenders:?}"
    );
}
