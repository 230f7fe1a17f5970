//! The main suite: transcripts in `tests/transcripts/*.iex`, each run in-process on a fresh
//! SQLite file AND a fresh PostgreSQL database, compared byte for byte.
//!
//! Format: a line starting `iex> ` is input, `...> ` continues it; every other line up to the
//! next input is the expected output of that input (results, raised errors, `IO.puts`). Lines
//! before the first input are free text. UUIDs are written `<id:N>` (numbered by first
//! appearance). `UPDATE_TRANSCRIPTS=1 cargo test --test transcripts` rewrites the files from
//! the SQLite run; review the diff before committing.

mod support;

use std::cell::RefCell;
use std::io::Write;
use std::path::Path;

use helpdesk::project::Location;
use std::rc::Rc;

use helpdesk::eval::DbSource;
use helpdesk::repl::session::{self, Outcome, Session};
use support::{TempDb, normalize_ids};

/// Program output captured from the session.
#[derive(Clone, Default)]
struct Capture(Rc<RefCell<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct Entry {
    input: String,
}

/// Splits a transcript into its header and its inputs.
fn parse(text: &str) -> (String, Vec<Entry>) {
    let mut header = String::new();
    let mut entries: Vec<Entry> = Vec::new();
    for line in text.lines() {
        if let Some(input) = line
            .strip_prefix("iex> ")
            .or_else(|| (line == "iex>").then_some(""))
        {
            entries.push(Entry {
                input: format!("{input}\n"),
            });
        } else if let Some(more) = line
            .strip_prefix("...> ")
            .or_else(|| (line == "...>").then_some(""))
        {
            if let Some(last) = entries.last_mut() {
                last.input.push_str(more);
                last.input.push('\n');
            }
        } else if entries.is_empty() {
            header.push_str(line);
            header.push('\n');
        }
    }
    (header, entries)
}

/// Runs the transcript's inputs on `url` and rebuilds the transcript text from the outputs.
fn run(header: &str, entries: &[Entry], url: &str) -> String {
    let capture = Capture::default();
    let mut session = Session::new(DbSource::Url(url.to_string()), Box::new(capture.clone()));
    // A header line `project: DIR` (relative to the repository) runs the transcript with that
    // project's resources instead of the bundled chapter's, on the tables its own migrations
    // (`migrations/<backend>/`) make: helpdesk applies them when the session first opens the
    // database, as at start-up.
    if let Some(dir) = header.lines().find_map(|l| l.strip_prefix("project: ")) {
        let location = Location::Dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir.trim()));
        let project = helpdesk::eval::project::load(&location).unwrap_or_else(|e| panic!("{dir}: {e}"));
        session.interpreter().set_project(project);
        session.interpreter().set_location(location);
    }
    let mut ids = Vec::new();
    let mut text = header.to_string();
    for entry in entries {
        for (i, line) in entry.input.lines().enumerate() {
            let prompt = if i == 0 { "iex>" } else { "...>" };
            if line.is_empty() {
                text.push_str(&format!("{prompt}\n"));
            } else {
                text.push_str(&format!("{prompt} {line}\n"));
            }
        }
        let outcome = session.eval(&entry.input);
        let mut output = String::from_utf8_lossy(&capture.0.borrow()).into_owned();
        capture.0.borrow_mut().clear();
        match outcome {
            Outcome::Value(value) => {
                output.push_str(&value);
                output.push('\n');
            }
            Outcome::Nothing => {}
            Outcome::Syntax(error) => {
                output.push_str(&session::syntax_text(
                    &error,
                    &entry.input,
                    "iex",
                    session.counter(),
                ));
                output.push('\n');
            }
            Outcome::Raised(error) => {
                output.push_str(&session::raised_text(&error));
                output.push('\n');
            }
        }
        text.push_str(&normalize_ids(&output, &mut ids));
    }
    text
}

fn check(path: &Path, backend: &str, url: &str) -> Result<(), String> {
    let expected = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (header, entries) = parse(&expected);
    let actual = run(&header, &entries, url);
    if actual == expected {
        return Ok(());
    }
    if backend == "sqlite" && std::env::var_os("UPDATE_TRANSCRIPTS").is_some() {
        std::fs::write(path, &actual).map_err(|e| e.to_string())?;
        return Ok(());
    }
    Err(diff(path, backend, &expected, &actual))
}

/// The first differing lines with their line numbers, and the whole actual text.
fn diff(path: &Path, backend: &str, expected: &str, actual: &str) -> String {
    let expected_lines: Vec<&str> = expected.lines().collect();
    let actual_lines: Vec<&str> = actual.lines().collect();
    let first = expected_lines
        .iter()
        .zip(&actual_lines)
        .position(|(a, b)| a != b)
        .unwrap_or(expected_lines.len().min(actual_lines.len()));
    let mut report = format!(
        "\n{} [{backend}] differs at line {}:\n",
        path.display(),
        first + 1
    );
    for i in first.saturating_sub(2)..(first + 8).min(expected_lines.len().max(actual_lines.len())) {
        let want = expected_lines.get(i).copied().unwrap_or("<end>");
        let got = actual_lines.get(i).copied().unwrap_or("<end>");
        if want == got {
            report.push_str(&format!("  {:>4}   {want}\n", i + 1));
        } else {
            report.push_str(&format!("  {:>4} - {want}\n  {:>4} + {got}\n", i + 1, i + 1));
        }
    }
    report.push_str(&format!(
        "--- full actual output [{backend}] ---\n{actual}--- end ---\n"
    ));
    report
}

fn transcripts() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/transcripts exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "iex"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no transcripts found in {}", dir.display());
    files
}

#[test]
fn transcripts_on_sqlite() {
    let mut failures = Vec::new();
    for path in transcripts() {
        let db = TempDb::sqlite();
        if let Err(report) = check(&path, "sqlite", &db.url) {
            failures.push(report);
        }
    }
    assert!(
        failures.is_empty(),
        "{} transcript(s) failed on SQLite:{}",
        failures.len(),
        failures.join("")
    );
}

#[test]
fn transcripts_on_postgres() {
    let mut failures = Vec::new();
    for path in transcripts() {
        let Some(db) = TempDb::postgres() else { return };
        if let Err(report) = check(&path, "postgres", &db.url) {
            failures.push(report);
        }
    }
    assert!(
        failures.is_empty(),
        "{} transcript(s) failed on PostgreSQL:{}",
        failures.len(),
        failures.join("")
    );
}
