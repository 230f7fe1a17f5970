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

/// Text files of the repository that `cargo test` or a reader uses: Rust sources (library,
/// tests, benches, build script), the fuzz seeding script and the documentation.
fn repository_texts() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches", "fuzz/fuzz_targets"] {
        rust_files(&root.join(dir), &mut files);
    }
    for file in [
        "build.rs",
        "README.md",
        "ARCHITECTURE.md",
        "GRAMMAR.md",
        "BENCHMARKS.md",
        "fuzz/README.md",
        "fuzz/scripts/seed_corpus.py",
        "tests/data/README.md",
        ".ci/run",
    ] {
        files.push(root.join(file));
    }
    files
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            let relative = path.strip_prefix(root).ok()?.display().to_string();
            Some((relative, text))
        })
        .collect()
}

/// The absolute paths quoted in `text`: string literals that start with `/`, a name and
/// another `/` (a file or folder somewhere on a machine).
fn quoted_absolute_paths(text: &str) -> Vec<String> {
    text.match_indices("\"/")
        .filter_map(|(at, _)| {
            let rest = &text[at + 1..];
            let end = rest[1..].find(['"', ' ', '\n']).map_or(rest.len(), |i| i + 1);
            let path = &rest[..end];
            let segments = path[1..].split_once('/')?;
            (segments.0.starts_with(|c: char| c.is_ascii_alphabetic()) && !segments.1.is_empty())
                .then(|| path.to_string())
        })
        .collect()
}

#[test]
fn the_repository_is_self_contained() {
    // Operating-system files a benchmark names on purpose, a path that must not exist, the
    // temp folder in a URL-parsing table, and the distributions' CA bundles that
    // `sslrootcert=system` means (the operating system's trust store, not repository data).
    let allowed = [
        "/proc/self/",
        "/usr/bin/time",
        "/nonexistent/",
        "/tmp/",
        "/etc/ssl/",
        "/etc/pki/",
        "/usr/local/share/certs/",
    ];
    // Written in two pieces so that this file does not match itself.
    let outside = [
        concat!("../", "shared"),
        concat!("/", "shared/"),
        concat!("SPEC ", "§"),
    ];
    let mut offenders = Vec::new();
    for (path, text) in repository_texts() {
        if path.ends_with(".rs") && path != "tests/tidy.rs" {
            for quoted in quoted_absolute_paths(&text) {
                if !allowed.iter().any(|a| quoted.starts_with(a)) {
                    offenders.push(format!("{path}: absolute path {quoted}"));
                }
            }
        }
        for needle in outside {
            if text.contains(needle) {
                offenders.push(format!(
                    "{path}: refers to {needle:?}, which is not in the repository"
                ));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "read test data relative to CARGO_MANIFEST_DIR and say things in the repository's own \
         words:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn finds_quoted_absolute_paths() {
    let rows: &[(&str, &[&str])] = &[
        (r#"read("/etc/x/y.txt")"#, &["/etc/x/y.txt"]),
        (r#"x = "/"; y = "//"; z = "/N"; "/a/""#, &[]),
        (r#""a/b" "/tmp/x y""#, &["/tmp/x"]),
    ];
    for (text, expected) in rows {
        assert_eq!(quoted_absolute_paths(text), *expected, "{text}");
    }
}
