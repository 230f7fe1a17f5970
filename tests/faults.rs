//! Faults: a killed process loses at most the action in flight; two shells on one
//! SQLite file both work; a lost PostgreSQL connection gives a clear error and the next input
//! reconnects; an older schema is migrated at start; an unusable database path is exit code 2;
//! passwords never reach any output. Slower than the other suites: they start processes.

mod support;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use assert_cmd::cargo::CommandCargoExt;
use helpdesk::eval::DbSource;
use helpdesk::repl::session::{Outcome, Session};
use predicates::prelude::*;
use support::TempDb;

fn helpdesk(url: &str) -> Command {
    let mut cmd = Command::cargo_bin("helpdesk").expect("binary built");
    cmd.env_remove("DATABASE_URL")
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(120))
        .arg("--database-url")
        .arg(url);
    cmd
}

/// The binary as a child process with piped stdin/stdout, for killing mid-run.
fn spawn(url: &str, args: &[&str]) -> Child {
    StdCommand::cargo_bin("helpdesk")
        .expect("binary built")
        .env_remove("DATABASE_URL")
        .env("NO_COLOR", "1")
        .arg("--database-url")
        .arg(url)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("helpdesk starts")
}

/// Every ticket subject in the database, sorted, read through a fresh shell.
fn subjects(url: &str) -> Vec<String> {
    let output = helpdesk(url)
        .arg("--quiet")
        .write_stdin("Support.AshApi.read!(Support.Ticket) |> Enum.each(&IO.puts(&1.subject))\n")
        .output()
        .expect("reader runs");
    assert!(
        output.status.success(),
        "the database opens cleanly after the fault: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut all: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    all.sort();
    all
}

const LONG_CREATE_LOOP: &str = r#"for i <- 1..1_000_000 do
  ticket = Support.Ticket |> Ash.Changeset.for_create(:new, %{subject: "T #{i}"}) |> Support.AshApi.create!()
  IO.puts(ticket.subject)
end
"#;

/// Starts the long create loop, SIGKILLs it after `committed` creates have returned, and
/// checks that every create that returned is stored, at most one more (the one in flight)
/// is, and the database still works.
fn killed_mid_loop(url: &str) {
    // Migrate first, so the kill lands in the loop and not in start-up.
    helpdesk(url).arg("-e").arg(":ok").assert().success();
    let mut child = spawn(url, &[]);
    {
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(LONG_CREATE_LOOP.as_bytes())
            .expect("script written");
    }
    let stdout = child.stdout.take().expect("stdout");
    let mut printed = Vec::new();
    let started = Instant::now();
    for line in BufReader::new(stdout).lines() {
        printed.push(line.expect("utf-8 output"));
        if printed.len() == 300 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "creates are too slow"
        );
    }
    child.kill().expect("SIGKILL sent");
    child.wait().expect("child reaped");
    assert_eq!(printed.len(), 300, "the loop printed 300 creates before the kill");

    let stored = subjects(url);
    for subject in &printed {
        assert!(
            stored.contains(subject),
            "committed ticket {subject} survived the kill"
        );
    }
    let mut expected: Vec<String> = (1..=stored.len()).map(|i| format!("T {i}")).collect();
    expected.sort();
    assert_eq!(
        stored, expected,
        "rows are exactly T 1..T n: nothing lost in between"
    );
    // The shell may have committed more before the kill landed (its output was still in the
    // pipe); what it printed is a lower bound.
    assert!(stored.len() >= printed.len());

    // And the database takes writes again.
    helpdesk(url)
        .arg("-e")
        .arg(r#"(Support.Ticket |> Ash.Changeset.for_create(:new, %{subject: "after"}) |> Support.AshApi.create!()).subject"#)
        .assert()
        .success()
        .stdout("\"after\"\n");
}

#[test]
fn sigkill_in_a_create_loop_loses_nothing_committed_on_sqlite() {
    let db = TempDb::sqlite();
    killed_mid_loop(&db.url);
    assert_eq!(sqlite_integrity(&db.url), "ok");
}

#[test]
fn sigkill_in_a_create_loop_loses_nothing_committed_on_postgres() {
    let Some(db) = TempDb::postgres() else { return };
    killed_mid_loop(&db.url);
}

/// `PRAGMA integrity_check` on the file, through a plain connection.
fn sqlite_integrity(path: &str) -> String {
    use diesel::{Connection, QueryableByName, RunQueryDsl, sql_types::Text};
    #[derive(QueryableByName)]
    struct Check {
        #[diesel(sql_type = Text)]
        integrity_check: String,
    }
    let mut conn = diesel::SqliteConnection::establish(path).expect("file opens");
    let rows: Vec<Check> = diesel::sql_query("PRAGMA integrity_check")
        .load(&mut conn)
        .expect("integrity check runs");
    rows.into_iter()
        .map(|r| r.integrity_check)
        .collect::<Vec<_>>()
        .join("\n")
}

fn create_script(prefix: &str, n: usize) -> String {
    format!(
        "for i <- 1..{n} do\n  Support.Ticket |> Ash.Changeset.for_create(:new, %{{subject: \"{prefix} #{{i}}\"}}) |> Support.AshApi.create!()\nend\n:done\n"
    )
}

/// Three shells write the same database at once, from start-up (migrations) to the last
/// create; all succeed and every row is there.
fn concurrent_writers(url: &str) {
    let writers: Vec<Child> = ["A", "B", "C"]
        .iter()
        .map(|prefix| {
            let mut child = spawn(url, &["--quiet"]);
            let mut stdin = child.stdin.take().expect("stdin");
            stdin
                .write_all(create_script(prefix, 150).as_bytes())
                .expect("script written");
            child
        })
        .collect();
    for child in writers {
        let output = child.wait_with_output().expect("writer finishes");
        assert!(
            output.status.success(),
            "every writer succeeds: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let stored = subjects(url);
    assert_eq!(stored.len(), 450);
    for prefix in ["A", "B", "C"] {
        assert_eq!(stored.iter().filter(|s| s.starts_with(prefix)).count(), 150);
    }
}

#[test]
fn three_shells_write_one_new_sqlite_file_at_once() {
    let db = TempDb::sqlite();
    concurrent_writers(&db.url);
    assert_eq!(sqlite_integrity(&db.url), "ok");
}

#[test]
fn three_shells_write_one_new_postgres_database_at_once() {
    let Some(db) = TempDb::postgres() else { return };
    concurrent_writers(&db.url);
}

/// Evaluates `src`, returning the printed value or `** (Module) message`.
fn eval(session: &mut Session, src: &str) -> String {
    match session.eval(src) {
        Outcome::Value(text) => text,
        Outcome::Nothing => String::new(),
        Outcome::Syntax(error) => format!("syntax error: {}", error.message),
        Outcome::Raised(error) => format!("** ({}) {}", error.module, error.message),
    }
}

/// Terminates every other connection to the database `url` names, from a second connection.
fn terminate_backends(url: &str) {
    let name = url
        .rsplit('/')
        .next()
        .expect("database name")
        .split('?')
        .next()
        .expect("name");
    let mut admin = helpdesk::db::Database::connect(url).expect("second connection");
    admin
        .batch_execute(&format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = '{name}' AND pid <> pg_backend_pid()"
        ))
        .expect("backends terminated");
}

#[test]
fn a_lost_postgres_connection_is_an_error_then_reconnects() {
    let Some(db) = TempDb::postgres() else { return };
    let mut session = Session::new(DbSource::Url(db.url.clone()), Box::new(std::io::sink()));
    let create = r#"(Support.Ticket |> Ash.Changeset.for_create(:new, %{subject: "x"}) |> Support.AshApi.create!()).subject"#;
    let count = "Support.AshApi.read!(Support.Ticket) |> length()";
    assert_eq!(eval(&mut session, create), "\"x\"");

    // A read on a dead connection: a clear error, then the next input reconnects.
    terminate_backends(&db.url);
    let lost = eval(&mut session, count);
    assert!(
        lost.starts_with("** (DBConnection.ConnectionError)"),
        "a clear connection error: {lost}"
    );
    assert!(!lost.contains("panicked"));
    assert_eq!(eval(&mut session, count), "1");

    // The same for a write: the create is not half-done, and the next one works.
    terminate_backends(&db.url);
    let lost = eval(&mut session, create);
    assert!(lost.starts_with("** (DBConnection.ConnectionError)"), "{lost}");
    assert_eq!(eval(&mut session, create), "\"x\"");
    assert_eq!(eval(&mut session, count), "2");
}

/// Brings `url` to the first migration only (users, no tickets).
fn at_first_migration(url: &str) {
    helpdesk(url).args(["db", "migrate"]).assert().success();
    helpdesk(url)
        .args(["db", "rollback"])
        .assert()
        .success()
        .stdout(predicate::str::contains("create_tickets"));
}

fn older_schema(url: &str) {
    at_first_migration(url);
    // --no-migrate: a warning naming the missing migration, an error naming the table.
    helpdesk(url)
        .args(["--no-migrate", "-e", "Support.AshApi.read!(Support.Ticket)"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("--no-migrate: the database lacks 2025-11-25-000002_create_tickets")
                .and(predicate::str::contains("tickets")),
        );
    // What the first migration made still works.
    helpdesk(url)
        .args(["--no-migrate", "-e", "Support.AshApi.read!(Support.User)"])
        .assert()
        .success()
        .stdout("[]\n");
    // Without the flag the pending migration is applied at start.
    helpdesk(url)
        .args(["-e", "Support.AshApi.read!(Support.Ticket)"])
        .assert()
        .success()
        .stdout("[]\n");
    helpdesk(url)
        .args(["db", "status"])
        .assert()
        .success()
        .stdout(predicate::str::contains("down").not());
}

#[test]
fn an_older_schema_is_migrated_at_start_on_sqlite() {
    let db = TempDb::sqlite();
    older_schema(&db.url);
}

#[test]
fn an_older_schema_is_migrated_at_start_on_postgres() {
    let Some(db) = TempDb::postgres() else { return };
    older_schema(&db.url);
}

#[test]
fn unusable_sqlite_paths_exit_2_with_a_clear_message() {
    let dir = std::env::temp_dir().join(format!("helpdesk_faults_{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let garbage = dir.join("garbage.db");
    std::fs::write(
        &garbage,
        b"this is not a database, just some text that is long enough",
    )
    .expect("write");
    let missing_ro = format!("file:{}?mode=ro", dir.join("absent.db").display());
    let cases = [
        (
            dir.join("no/such/dir/x.db").display().to_string(),
            "unable to open database file",
        ),
        (dir.display().to_string(), "unable to open database file"),
        (garbage.display().to_string(), "file is not a database"),
        (missing_ro, "unable to open database file"),
    ];
    for (url, message) in cases {
        helpdesk(&url)
            .args(["-e", "1"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(message).and(predicate::str::contains("panicked").not()));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_read_only_sqlite_database_reads_and_refuses_writes_clearly() {
    let db = TempDb::sqlite();
    helpdesk(&db.url).args(["-e", ":ok"]).assert().success();
    let read_only = format!("file:{}?mode=ro", db.url);
    helpdesk(&read_only)
        .write_stdin(
            "Support.AshApi.read!(Support.Ticket)\n\
             Support.Ticket |> Ash.Changeset.for_create(:new, %{subject: \"x\"}) |> Support.AshApi.create!()\n\
             :still_here\n",
        )
        .assert()
        .code(1)
        .stdout("[]\n:still_here\n")
        .stderr(predicate::str::contains("readonly database"));
    // An empty file opened read-only cannot be migrated: that is a start-up failure.
    let empty = TempDb::sqlite();
    std::fs::write(&empty.url, b"").expect("empty file");
    helpdesk(&format!("file:{}?mode=ro", empty.url))
        .args(["-e", "1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("readonly database"));
}

const SECRET: &str = "s3cret-Pa55word";

/// A PostgreSQL database a test may have created, dropped when the test ends (even failing).
struct DroppedAtEnd(String);

impl Drop for DroppedAtEnd {
    fn drop(&mut self) {
        let _ = helpdesk::db::drop_database(&self.0);
    }
}

/// The test server's URL for `db` with a password added (the server trusts local users, so
/// the password is accepted and ignored).
fn with_password(url: &str) -> String {
    url.replacen("postgres@", &format!("postgres:{SECRET}@"), 1)
}

#[test]
fn passwords_never_appear_in_any_output() {
    let Some(db) = TempDb::postgres() else { return };
    let url = with_password(&db.url);
    assert!(url.contains(SECRET), "the URL carries the password: {url}");
    let script = "Support.Ticket |> Ash.Changeset.for_create(:new, %{subject: \"x\"}) |> Support.AshApi.create!()\n\
                  Support.AshApi.read!(Support.Ticket) |> length()\n\
                  h()\n\
                  i(1)\n\
                  Support.AshApi.read!(Support.Nope)\n";
    let mut runs: Vec<std::process::Output> = Vec::new();
    for args in [
        &["--echo-sql", "--timing"][..],
        &["--format", "json"][..],
        &["--sandbox"][..],
    ] {
        runs.push(
            helpdesk(&url)
                .args(args)
                .write_stdin(script)
                .output()
                .expect("runs"),
        );
        let mut from_env = Command::cargo_bin("helpdesk").expect("binary built");
        from_env
            .env("DATABASE_URL", &url)
            .env("NO_COLOR", "1")
            .timeout(Duration::from_secs(120));
        runs.push(from_env.args(args).write_stdin(script).output().expect("runs"));
    }
    for command in [
        &["db", "status"][..],
        &["db", "migrate"][..],
        &["db", "create"][..],
    ] {
        runs.push(helpdesk(&url).args(command).output().expect("runs"));
    }
    // Connection failures: wrong port, missing database, bad host. `db create` does create
    // the missing one: it gets a name of its own and is dropped at the end.
    let missing = url.replacen(
        &format!("/{}", db.url.rsplit('/').next().unwrap_or_default()),
        &format!("/helpdesk_missing_{}", uuid::Uuid::new_v4().simple()),
        1,
    );
    let _created = DroppedAtEnd(missing.clone());
    for broken in [
        url.replacen("5432", "1", 1),
        missing.clone(),
        format!("postgres://postgres:{SECRET}@no-such-host.invalid:5432/x"),
        format!("postgresql://u:{SECRET}@127.0.0.1:1/x?sslmode=disable"),
        format!("postgres://127.0.0.1:1/x?password={SECRET}"),
    ] {
        runs.push(helpdesk(&broken).args(["-e", "1"]).output().expect("runs"));
        runs.push(helpdesk(&broken).args(["db", "create"]).output().expect("runs"));
    }
    for (i, run) in runs.iter().enumerate() {
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(!text.contains(SECRET), "run {i} shows the password:\n{text}");
    }
    // The URLs in connection errors are there, with the password masked.
    assert!(
        runs.iter()
            .any(|run| String::from_utf8_lossy(&run.stderr).contains(":***@")),
        "connection errors show the masked URL"
    );
    // The echoed SQL is there, just without the password.
    let echoed = String::from_utf8_lossy(&runs[0].stderr).into_owned();
    assert!(
        echoed.contains("INSERT INTO"),
        "echo-sql prints statements: {echoed}"
    );
}

#[test]
fn passwords_never_reach_the_history_file_or_prompt() {
    let Some(db) = TempDb::postgres() else { return };
    let url = with_password(&db.url);
    let history = std::env::temp_dir().join(format!("helpdesk-history-{}", uuid::Uuid::new_v4().simple()));
    let mut cmd = StdCommand::new(env!("CARGO_BIN_EXE_helpdesk"));
    cmd.env_remove("DATABASE_URL")
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("HELPDESK_HISTORY", &history)
        .arg("--database-url")
        .arg(&url);
    let mut shell = rexpect::session::spawn_command(cmd, Some(30_000)).expect("shell in a pty");
    let mut seen = String::new();
    seen.push_str(&shell.exp_string("iex(1)> ").expect("first prompt"));
    shell
        .send_line("Support.AshApi.read!(Support.Ticket) |> length()")
        .expect("typed");
    seen.push_str(&shell.exp_string("iex(2)> ").expect("second prompt"));
    shell
        .send_line("Support.AshApi.read!(Support.Nope)")
        .expect("typed");
    seen.push_str(&shell.exp_string("iex(2)> ").expect("prompt after the error"));
    shell.send_control('d').expect("Ctrl-D");
    seen.push_str(&shell.exp_eof().unwrap_or_default());
    assert!(!seen.contains(SECRET), "the terminal shows the password:\n{seen}");
    let written = std::fs::read_to_string(&history).expect("history file written");
    assert!(
        written.contains("Support.Nope"),
        "history holds the inputs: {written}"
    );
    assert!(!written.contains(SECRET), "history holds the password: {written}");
    let _ = std::fs::remove_file(&history);
}
