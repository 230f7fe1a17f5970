//! Shell sessions: `tests/sessions/*.session`, each a terminal session of a user working on
//! a project with the `helpdesk` binary (generating migrations, migrating, querying, editing
//! a resource file, rolling back), run on a fresh SQLite file AND a fresh PostgreSQL database
//! and compared line for line. They document the command-line workflow the way the
//! transcripts document the shell.
//!
//! Format: `project: DIR` (relative to the repository) names the project copied into a
//! scratch directory, where every command runs. A line `$ CMD` is a command run by `sh -c`
//! with `helpdesk` on `PATH` and `DATABASE_URL` set to the session's database; `> ` lines
//! continue it. The lines up to the next command are its expected output (stdout, then
//! stderr), ending with `[exit N]` when it exits with N != 0. A line `[sqlite] text` or
//! `[postgres] text` is expected only on that backend. Lines before the first command are
//! free text. Outputs are normalised: UUIDs become `<id:N>`, the database URL `<db>`,
//! migration timestamps written today `<now>` (14 digits) and `<now-diesel>`
//! (`YYYY-MM-DD-HHMMSS`). `UPDATE_SESSIONS=1 cargo test --test sessions` rewrites the
//! files' untagged lines from the SQLite run; review the diff before committing.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::{TempDb, copy_tree, normalize_ids};

/// One command and what it should print.
struct Step {
    command: String,
    expected: Vec<String>,
}

struct Session {
    header: Vec<String>,
    project: String,
    steps: Vec<Step>,
}

fn parse(text: &str) -> Result<Session, String> {
    let mut session = Session {
        header: Vec::new(),
        project: String::new(),
        steps: Vec::new(),
    };
    for line in text.lines() {
        if let Some(command) = line.strip_prefix("$ ") {
            session.steps.push(Step {
                command: command.to_string(),
                expected: Vec::new(),
            });
        } else if let (Some(more), Some(step)) = (line.strip_prefix("> "), session.steps.last_mut()) {
            if step.expected.is_empty() {
                step.command.push('\n');
                step.command.push_str(more);
            } else {
                step.expected.push(line.to_string());
            }
        } else if let Some(step) = session.steps.last_mut() {
            step.expected.push(line.to_string());
        } else {
            if let Some(dir) = line.strip_prefix("project: ") {
                session.project = dir.trim().to_string();
            }
            session.header.push(line.to_string());
        }
    }
    if session.project.is_empty() {
        return Err("no `project: DIR` line before the first command".into());
    }
    Ok(session)
}

/// The lines expected on `backend`: untagged ones and those tagged with it.
fn expected_on(step: &Step, backend: &str) -> Vec<String> {
    step.expected
        .iter()
        .filter_map(|line| match tag_of(line) {
            Some((tag, text)) => (tag == backend).then(|| text.to_string()),
            None => Some(line.clone()),
        })
        .collect()
}

fn tag_of(line: &str) -> Option<(&str, &str)> {
    for tag in ["sqlite", "postgres"] {
        if let Some(rest) = line.strip_prefix(&format!("[{tag}]")) {
            return Some((tag, rest.strip_prefix(' ').unwrap_or(rest)));
        }
    }
    None
}

/// Today's timestamps as generated file names spell them, for both formats.
fn today_patterns() -> (String, String) {
    let today = chrono::Utc::now().format("%Y%m%d").to_string();
    let diesel = chrono::Utc::now().format("%Y-%m-%d-").to_string();
    (today, diesel)
}

fn normalize(text: &str, url: &str, seen: &mut Vec<String>) -> String {
    let text = normalize_ids(&text.replace(url, "<db>"), seen);
    let (today, diesel) = today_patterns();
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    loop {
        let at_compact = rest.find(&today);
        let at_diesel = rest.find(&diesel);
        let (at, len, name) = match (at_compact, at_diesel) {
            (Some(a), Some(b)) if b < a => (b, diesel.len() + 6, "<now-diesel>"),
            (Some(a), _) => (a, today.len() + 6, "<now>"),
            (None, Some(b)) => (b, diesel.len() + 6, "<now-diesel>"),
            (None, None) => break,
        };
        let digits = rest[at..].get(len - 6..len).unwrap_or("");
        if digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&rest[..at]);
            out.push_str(name);
            rest = &rest[at + len..];
        } else {
            out.push_str(&rest[..at + 1]);
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    out
}

fn run_step(dir: &Path, bin_dir: &Path, url: &str, command: &str) -> (Vec<String>, i32) {
    let path = match std::env::var_os("PATH") {
        Some(path) => {
            let mut dirs = vec![bin_dir.to_path_buf()];
            dirs.extend(std::env::split_paths(&path));
            std::env::join_paths(dirs).expect("PATH")
        }
        None => bin_dir.as_os_str().to_owned(),
    };
    let output = Command::new("sh")
        .arg("-c")
        .arg(command)
        .current_dir(dir)
        .env("PATH", path)
        .env("DATABASE_URL", url)
        .env_remove("HELPDESK_PROJECT")
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run sh");
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    let lines = text.lines().map(str::to_string).collect();
    (lines, output.status.code().unwrap_or(-1))
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs every step; returns the actual lines per step (normalised, with `[exit N]`).
fn run(session: &Session, url: &str) -> Vec<Vec<String>> {
    let scratch = std::env::temp_dir().join(format!(
        "helpdesk-session-{}-{}",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    ));
    copy_tree(&repo().join(&session.project), &scratch);
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_helpdesk"));
    let bin_dir = bin.parent().expect("binary dir").to_path_buf();
    let mut seen = Vec::new();
    let mut outputs = Vec::new();
    for step in &session.steps {
        let (lines, code) = run_step(&scratch, &bin_dir, url, &step.command);
        let mut actual: Vec<String> = lines.iter().map(|line| normalize(line, url, &mut seen)).collect();
        while actual.last().is_some_and(|l| l.is_empty()) {
            actual.pop();
        }
        if code != 0 {
            actual.push(format!("[exit {code}]"));
        }
        outputs.push(actual);
    }
    let _ = std::fs::remove_dir_all(&scratch);
    outputs
}

fn check(path: &Path, backend: &str, url: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let session = parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let outputs = run(&session, url);
    if backend == "sqlite" && std::env::var_os("UPDATE_SESSIONS").is_some() {
        rewrite(path, &session, &outputs);
        return Ok(());
    }
    let mut problems = String::new();
    for (step, actual) in session.steps.iter().zip(&outputs) {
        let mut expected = expected_on(step, backend);
        while expected.last().is_some_and(|l| l.is_empty()) {
            expected.pop();
        }
        if &expected != actual {
            problems.push_str(&format!(
                "\n$ {}\n--- expected ({backend})\n{}\n+++ actual\n{}\n",
                step.command,
                expected.join("\n"),
                actual.join("\n")
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{} on {backend}:{problems}", path.display()))
    }
}

/// Writes the SQLite run back, keeping the header and the PostgreSQL-only lines.
fn rewrite(path: &Path, session: &Session, outputs: &[Vec<String>]) {
    let mut text = session.header.join("\n");
    text.push('\n');
    for (step, actual) in session.steps.iter().zip(outputs) {
        let mut lines = step.command.lines();
        text.push_str(&format!("$ {}\n", lines.next().unwrap_or("")));
        for more in lines {
            text.push_str(&format!("> {more}\n"));
        }
        for line in actual {
            text.push_str(line);
            text.push('\n');
        }
        for line in &step.expected {
            if tag_of(line).is_some_and(|(tag, _)| tag == "postgres") {
                text.push_str(line);
                text.push('\n');
            }
        }
    }
    std::fs::write(path, text).expect("rewrite session");
}

fn sessions() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("tests/sessions"))
        .expect("tests/sessions")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "session"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no tests/sessions/*.session files");
    files
}

fn run_all(backend: &str, fresh: impl Fn() -> Option<TempDb>) {
    let mut failures = Vec::new();
    for path in sessions() {
        let Some(db) = fresh() else { return };
        if let Err(problem) = check(&path, backend, &db.url) {
            failures.push(problem);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn sessions_on_sqlite() {
    run_all("sqlite", || Some(TempDb::sqlite()));
}

#[test]
fn sessions_on_postgres() {
    run_all("postgres", TempDb::postgres);
}

#[test]
fn the_session_format() {
    let session = parse(
        "A session.\nproject: tests/projects/x\n$ echo a\n> b\na\n[sqlite] s\n[postgres] p\n[exit 1]\n$ true\n",
    )
    .expect("parses");
    assert_eq!(session.project, "tests/projects/x");
    assert_eq!(session.steps.len(), 2);
    assert_eq!(session.steps[0].command, "echo a\nb");
    assert_eq!(expected_on(&session.steps[0], "sqlite"), ["a", "s", "[exit 1]"]);
    assert_eq!(expected_on(&session.steps[0], "postgres"), ["a", "p", "[exit 1]"]);
    assert!(session.steps[1].expected.is_empty());
    assert!(parse("$ true\n").is_err());
    let mut seen = Vec::new();
    let (today, diesel) = today_patterns();
    assert_eq!(
        normalize(
            &format!("x/{today}120000_a.exs {diesel}120000_a db=sqlite://f {today}12"),
            "sqlite://f",
            &mut seen
        ),
        format!("x/<now>_a.exs <now-diesel>_a db=<db> {today}12")
    );
}
