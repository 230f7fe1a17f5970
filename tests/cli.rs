//! The binary as a user runs it: data surviving between processes, script mode (exit codes,
//! `file:line:` errors, `--bail`, `--quiet`, `-e`, a file argument), usage errors, secrets.

mod support;

use assert_cmd::Command;
use predicates::prelude::*;
use support::TempDb;

fn helpdesk(url: &str) -> Command {
    let mut cmd = Command::cargo_bin("helpdesk").expect("binary built");
    cmd.env_remove("DATABASE_URL")
        .env("NO_COLOR", "1")
        .arg("--database-url")
        .arg(url);
    cmd
}

const CREATE_LOOP: &str = r#"for i <- 0..5 do
  ticket =
    Support.Ticket
    |> Ash.Changeset.for_create(:new, %{subject: "Issue #{i}"})
    |> Support.AshApi.create!()

  if rem(i, 2) == 0 do
    ticket
    |> Ash.Changeset.for_update(:close)
    |> Support.AshApi.update!()
  end
end
"#;

const SECOND_SESSION: &str = r#"{:ok, tickets}= Support.AshApi.read(Support.Ticket)
ticket_last = List.last(tickets)
IO.puts(ticket_last.subject)
require Ash.Query
Support.Ticket
|> Ash.Query.filter(status == :closed and not(contains(subject, "4")))
|> Support.AshApi.read!()
|> Enum.map(& &1.subject)
"#;

fn data_survives(db: &TempDb) {
    helpdesk(&db.url)
        .write_stdin(CREATE_LOOP)
        .assert()
        .success()
        .stdout(predicate::str::contains("status: :closed"));
    helpdesk(&db.url)
        .arg("--quiet")
        .write_stdin(SECOND_SESSION)
        .assert()
        .success()
        .stdout("Issue 5\n");
    helpdesk(&db.url)
        .write_stdin(SECOND_SESSION)
        .assert()
        .success()
        .stdout(predicate::str::ends_with("[\"Issue 0\", \"Issue 2\"]\n"));
}

#[test]
fn data_survives_restart_on_sqlite() {
    data_survives(&TempDb::sqlite());
}

#[test]
fn data_survives_restart_on_postgres() {
    let Some(db) = TempDb::postgres() else { return };
    data_survives(&db);
}

/// An unreachable PostgreSQL never passes silently: run `data_survives_restart_on_postgres`
/// (this test binary, filtered to it) against a port nobody listens on. It fails and says how
/// to start a server or skip; with `HELPDESK_SKIP_PG=1` it passes and says, past the output
/// capture, that it skipped.
#[test]
fn an_unreachable_postgresql_fails_unless_skipped_explicitly() {
    let this_binary = std::env::current_exe().expect("the test binary");
    let run = |skip: Option<&str>| {
        let mut command = std::process::Command::new(&this_binary);
        command
            .args(["--exact", "data_survives_restart_on_postgres"])
            .env("HELPDESK_TEST_PG_URL", "postgres://postgres@127.0.0.1:1/")
            .env_remove("TEST_DATABASE_URL")
            .env_remove("HELPDESK_SKIP_PG");
        if let Some(value) = skip {
            command.env("HELPDESK_SKIP_PG", value);
        }
        let output = command.output().expect("the test binary runs");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (output.status.success(), text)
    };
    let (passed, text) = run(None);
    assert!(!passed, "passed against a dead port:\n{text}");
    for part in [
        "127.0.0.1:1",
        "pg_ctlcluster --skip-systemctl-redirect 15 main start",
        "HELPDESK_SKIP_PG=1",
    ] {
        assert!(text.contains(part), "{part:?} missing from:\n{text}");
    }
    let (passed, text) = run(Some("1"));
    assert!(passed, "failed although skipping was asked for:\n{text}");
    assert!(
        text.contains("PostgreSQL tests of this run were SKIPPED"),
        "no visible notice of the skip:\n{text}"
    );
}

#[test]
fn default_database_is_a_sqlite_file_in_the_working_directory() {
    let dir = std::env::temp_dir().join(format!("helpdesk-cwd-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("dir");
    let mut cmd = Command::cargo_bin("helpdesk").expect("binary");
    cmd.current_dir(&dir)
        .env_remove("DATABASE_URL")
        .arg("-e")
        .arg("Support.AshApi.read!(Support.Ticket)");
    cmd.assert().success().stdout("[]\n");
    assert!(
        dir.join("helpdesk.db").exists(),
        "helpdesk.db created on first use"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn script_errors_name_the_line_and_set_exit_code_1() {
    let db = TempDb::sqlite();
    helpdesk(&db.url)
        .write_stdin("1 + 1\n\nundefined_thing\n:after\n")
        .assert()
        .code(1)
        .stdout("2\n:after\n")
        .stderr(predicate::str::starts_with(
            "<stdin>:3: ** (CompileError) undefined function undefined_thing/0",
        ));
}

/// A program driving the shell through a pipe sends one expression, reads its answer, then
/// sends the next: each input runs as soon as it is complete and its answer is flushed, without
/// waiting for the end of the input. A pipeline written at once is still one expression; a
/// `|>` line sent after the answer pipes that answer. Each answer must come within 10 s, so a
/// shell that waits for the end of input fails the test instead of hanging it.
#[test]
fn piped_input_is_answered_one_expression_at_a_time() {
    use std::io::{BufRead, Write};
    use std::process::Stdio;
    use std::time::Duration;
    let db = TempDb::sqlite();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("helpdesk"))
        .env_remove("DATABASE_URL")
        .args(["--database-url", &db.url])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the shell starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    let (sender, answers) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    let conversation: &[(&str, &[&str])] = &[
        ("1 + 1\n", &["2"]),
        ("Enum.sum([1, 2, 3])\n", &["6"]),
        ("x = [3, 1, 2]\n|> Enum.sort()\n", &["[1, 2, 3]"]),
        ("|> Enum.reverse()\n", &["[3, 2, 1]"]),
        ("for i <- 1..2 do\n  IO.puts(i)\nend\n", &["1", "2", "[:ok, :ok]"]),
        ("x\n", &["[1, 2, 3]"]),
    ];
    for (input, expected) in conversation {
        stdin.write_all(input.as_bytes()).expect("write");
        stdin.flush().expect("flush");
        for line in *expected {
            let answer = answers
                .recv_timeout(Duration::from_secs(10))
                .unwrap_or_else(|_| {
                    let _ = child.kill();
                    panic!("no answer to {input:?} within 10 s (is input run only at its end?)")
                })
                .expect("readable stdout");
            assert_eq!(answer, *line, "answer to {input:?}");
        }
    }
    drop(stdin);
    let status = child.wait().expect("the shell exits");
    assert!(status.success(), "{status}");
}

#[test]
fn bail_stops_at_the_first_error() {
    let db = TempDb::sqlite();
    helpdesk(&db.url)
        .arg("--bail")
        .write_stdin("1\nnope()\n2\n")
        .assert()
        .code(1)
        .stdout("1\n");
}

#[test]
fn syntax_errors_point_at_the_place() {
    let db = TempDb::sqlite();
    helpdesk(&db.url)
        .write_stdin("1\n[1, 2 3]\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("<stdin>:2:").and(predicate::str::contains("^")));
}

/// Every syntax error of a script shows its line and a caret: (script, stderr) rows.
#[test]
fn every_syntax_error_shows_the_line_and_a_caret() {
    let rows: &[(&str, &str)] = &[
        (
            "1 + 1\n\n(1 + ]\n",
            "<stdin>:3:6: ** (SyntaxError) unexpected token: ]. The \"(\" at line 3 is missing terminator \")\"\n    |\n  3 | (1 + ]\n    |      ^\n",
        ),
        (
            ":ok\nx = after\n",
            "<stdin>:2:5: ** (SyntaxError) syntax error before: after. \"after\" is a reserved word in Elixir and therefore its usage is limited. For instance, it can't be used as a variable or be defined nor invoked as a regular function\n    |\n  2 | x = after\n    |     ^\n",
        ),
        (
            "1 end\n",
            "<stdin>:1:3: ** (SyntaxError) unexpected reserved word: end\n    |\n  1 | 1 end\n    |   ^\n",
        ),
        (
            ":ok\n[1,\n 2\n",
            "<stdin>:4:1: ** (TokenMissingError) missing terminator: ] (for \"[\" starting at line 2)\n    |\n  3 |  2\n    |   ^\n",
        ),
    ];
    let db = TempDb::sqlite();
    for (script, stderr) in rows {
        helpdesk(&db.url)
            .write_stdin(*script)
            .assert()
            .code(1)
            .stderr(*stderr);
    }
}

#[test]
fn eval_flag_and_file_argument() {
    let db = TempDb::sqlite();
    helpdesk(&db.url)
        .arg("-e")
        .arg("Enum.sum(1..10)")
        .assert()
        .success()
        .stdout("55\n");
    let script = std::env::temp_dir().join(format!("helpdesk-{}.exs", uuid::Uuid::new_v4().simple()));
    std::fs::write(&script, "x = 21\nIO.puts(x * 2)\n").expect("write script");
    helpdesk(&db.url)
        .arg("--quiet")
        .arg(&script)
        .assert()
        .success()
        .stdout("42\n");
    let _ = std::fs::remove_file(&script);
}

#[test]
fn usage_errors_exit_2() {
    let mut cmd = Command::cargo_bin("helpdesk").expect("binary");
    cmd.arg("--bogus")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown option `--bogus`"));
}

#[test]
fn help_documents_the_options() {
    let mut cmd = Command::cargo_bin("helpdesk").expect("binary");
    let assert = cmd.arg("--help").assert().success();
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    for option in [
        "--database-url",
        "--format",
        "--quiet",
        "--bail",
        "--sandbox",
        "--echo-sql",
        "--timing",
        "--no-migrate",
        "db create",
    ] {
        assert!(out.contains(option), "--help mentions {option}");
    }
}

#[test]
fn unreachable_postgres_exits_2_without_the_password() {
    let mut cmd = Command::cargo_bin("helpdesk").expect("binary");
    cmd.env_remove("DATABASE_URL")
        .arg("--database-url")
        .arg("postgres://someone:s3cret-pass@127.0.0.1:1/nowhere")
        .arg("-e")
        .arg("1")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("s3cret-pass")
                .not()
                .and(predicate::str::contains("127.0.0.1:1")),
        );
}

#[test]
fn json_format_is_one_document_per_result() {
    let db = TempDb::sqlite();
    helpdesk(&db.url)
        .write_stdin("Support.User |> Ash.Changeset.for_create(:create, %{name: \"Alice\"}) |> Support.AshApi.create!()\n")
        .assert()
        .success();
    let assert = helpdesk(&db.url)
        .arg("--format")
        .arg("json")
        .write_stdin("require Ash.Query\nSupport.User |> Ash.Query.load([:username, :all_assigned_tickets]) |> Support.AshApi.read!()\n%{a: nil, b: [1, 2.5, \"x\"]}\n")
        .assert()
        .success();
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let docs: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect();
    assert_eq!(docs.len(), 3, "{out}");
    assert_eq!(docs[0], serde_json::json!("Ash.Query"));
    let users = docs[1].as_array().expect("a list of users");
    assert_eq!(users.len(), 1);
    assert_eq!(users[0]["name"], "Alice");
    assert_eq!(users[0]["all_assigned_tickets"], 0);
    let id = users[0]["id"].as_str().expect("id");
    assert_eq!(users[0]["username"], format!("Alice-{id}"));
    assert_eq!(docs[2], serde_json::json!({"a": null, "b": [1, 2.5, "x"]}));
}

#[test]
fn table_format_aligns_columns_and_tells_nil_from_empty() {
    let db = TempDb::sqlite();
    let assert = helpdesk(&db.url)
        .arg("--format")
        .arg("table")
        .write_stdin("[%{name: \"Alice\", n: 3}, %{name: nil, n: 10}, %{name: \"\", n: 0}]\n")
        .assert()
        .success();
    assert_eq!(
        String::from_utf8_lossy(&assert.get_output().stdout),
        " n  | name\n----+-------\n 3  | Alice\n 10 | nil\n 0  |\n(3 rows)\n"
    );
}

/// Piped to a file or another program, a table prints whole values, however wide (fitting
/// to a width is for a terminal on stdout); `format(:table)` of an empty list is `(0 rows)`.
#[test]
fn table_format_off_a_terminal_prints_whole_values() {
    let db = TempDb::sqlite();
    let subject = "a subject long enough to make the table wider than any terminal's eighty columns";
    let assert = helpdesk(&db.url)
        .arg("--format")
        .arg("table")
        .write_stdin(format!(
            "Support.Ticket |> Ash.Changeset.for_create(:new, %{{subject: \"{subject}\"}}) |> Support.AshApi.create!()\nSupport.AshApi.read!(Support.Ticket)\n[]\n"
        ))
        .assert()
        .success();
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(!out.contains('…'), "a value was cut:\n{out}");
    let id_line = out
        .lines()
        .find(|l| l.contains(subject))
        .expect("the ticket's row");
    let id = id_line.split('|').next().unwrap_or_default().trim();
    assert!(
        uuid::Uuid::parse_str(id).is_ok(),
        "the id is not whole: {id:?}\n{out}"
    );
    assert!(out.ends_with("(1 row)\n(0 rows)\n"), "{out}");
}

/// `h()` off a terminal wraps to 80 columns (the function lists used to be one line each,
/// Enum's about 900 characters).
#[test]
fn help_wraps_to_80_columns_off_a_terminal() {
    let db = TempDb::sqlite();
    let assert = helpdesk(&db.url).arg("-e").arg("h()").assert().success();
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let long: Vec<&str> = out.lines().filter(|l| l.chars().count() > 80).collect();
    assert!(long.is_empty(), "lines over 80 columns: {long:#?}");
    assert!(out.contains("  Enum: all?/1 "), "{out}");
}

#[test]
fn echo_sql_shows_statements_with_bound_values_on_stderr() {
    let db = TempDb::sqlite();
    helpdesk(&db.url)
        .arg("--echo-sql")
        .write_stdin("require Ash.Query\nSupport.Ticket |> Ash.Query.filter(subject == \"needle\") |> Support.AshApi.read!()\n")
        .assert()
        .success()
        .stdout("Ash.Query\n[]\n")
        .stderr(predicate::str::contains("SELECT").and(predicate::str::contains("needle")));
}

fn db_commands(url: &str) {
    let run = |args: &[&str]| {
        let mut cmd = Command::cargo_bin("helpdesk").expect("binary");
        cmd.env_remove("DATABASE_URL")
            .arg("--database-url")
            .arg(url)
            .args(args);
        cmd.assert()
    };
    run(&["db", "create"])
        .success()
        .stdout(predicate::str::contains("created"));
    run(&["db", "status"])
        .success()
        .stdout(predicate::str::contains("down"));
    run(&["db", "migrate"])
        .success()
        .stdout(predicate::str::contains("Applied"));
    run(&["db", "status"])
        .success()
        .stdout(predicate::str::contains("down").not());
    run(&["-e", "length(Support.AshApi.read!(Support.Ticket))"])
        .success()
        .stdout("0\n");
    run(&["db", "rollback"])
        .success()
        .stdout(predicate::str::contains("Rolled back"));
    run(&["db", "status"])
        .success()
        .stdout(predicate::str::contains("down"));
    run(&["db", "reset"])
        .success()
        .stdout(predicate::str::contains("reset"));
    run(&["db", "drop"])
        .success()
        .stdout(predicate::str::contains("dropped"));
}

#[test]
fn db_subcommands_on_postgres() {
    let Some(server) = TempDb::postgres() else { return };
    // A database name of our own, created and dropped by the commands under test.
    let url = format!("{}_cmd", server.url);
    db_commands(&url);
}

#[test]
fn db_subcommands_on_sqlite() {
    let db = TempDb::sqlite();
    db_commands(&db.url);
}

/// Dates, decimals and ci_strings in the three output formats, from the binary: ISO 8601 and
/// decimal strings in JSON, the same plainly in a table, sigils and `#Decimal<…>` in iex.
fn scalars_in_every_format(db: &TempDb, _backend: &str) {
    // The project's tables come from its own migrations/<backend>/, applied at start-up.
    let project = format!("{}/tests/projects/own__types", env!("CARGO_MANIFEST_DIR"));
    let create = r#"Types.Thing |> Ash.Changeset.for_create(:create, %{name: "w", price: "9.50", seen_at: "2024-01-02T03:04:05Z", born_on: "2024-01-02", email: "Ann@X.org"}) |> Types.Api.create!() |> Map.take([:price, :seen_at, :born_on, :email])"#;
    let rows: [(&str, &str); 3] = [
        (
            "json",
            r#"{"born_on":"2024-01-02","email":"Ann@X.org","price":"9.50","seen_at":"2024-01-02T03:04:05Z"}"#,
        ),
        ("table", " 2024-01-02 | Ann@X.org | 9.50  | 2024-01-02T03:04:05Z"),
        (
            "iex",
            "%{\n  born_on: ~D[2024-01-02],\n  email: #Ash.CiString<\"Ann@X.org\">,\n  price: #Decimal<9.50>,\n  seen_at: ~U[2024-01-02 03:04:05Z]\n}",
        ),
    ];
    for (format, expected) in rows {
        helpdesk(&db.url)
            .args(["--project", &project, "--format", format, "-e", create])
            .assert()
            .success()
            .stdout(predicate::str::contains(expected));
    }
}

#[test]
fn scalars_in_every_format_on_sqlite() {
    scalars_in_every_format(&TempDb::sqlite(), "sqlite");
}

#[test]
fn scalars_in_every_format_on_postgres() {
    if let Some(db) = TempDb::postgres() {
        scalars_in_every_format(&db, "postgres");
    }
}

/// Issue 15 from the command line: `--introspect` explores a database nobody wrote resources
/// for (and does not migrate it), `db introspect` prints the resources, `--write DIR` writes a
/// project that `--project DIR` reads to the same answer; misplaced options are usage errors.
#[test]
fn introspection_from_the_command_line() {
    let db = TempDb::sqlite();
    let mut conn = helpdesk::db::Database::connect(&db.url).expect("connect");
    conn.batch_execute(
        "CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
         CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL,
                             author_id INTEGER REFERENCES authors (id));
         INSERT INTO authors (name) VALUES ('Le Guin');
         INSERT INTO books (title, author_id) VALUES ('The Dispossessed', 1), ('Lathe', 1);",
    )
    .expect("schema");
    drop(conn);
    let question =
        "Db.Author |> Ash.Query.load(:books) |> Db.Api.read_one!() |> then(&{&1.name, length(&1.books)})";
    helpdesk(&db.url)
        .args(["--introspect", "-e", question])
        .assert()
        .success()
        .stdout("{\"Le Guin\", 2}\n");
    helpdesk(&db.url)
        .args(["db", "introspect"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "# lib/db/book.ex\ndefmodule Db.Book do\n",
        ))
        .stdout(predicate::str::contains(
            "    belongs_to :author, Db.Author, define_attribute?: false\n",
        ))
        .stdout(predicate::str::contains("    has_many :books, Db.Book\n"));
    let dir = std::env::temp_dir().join(format!("helpdesk-cli-introspect-{}", std::process::id()));
    let shown = dir.to_string_lossy().into_owned();
    helpdesk(&db.url)
        .args(["db", "introspect", "--write", &shown])
        .assert()
        .success()
        .stdout(predicate::str::contains("* creating lib/db/author.ex\n"));
    helpdesk(&db.url)
        .args(["--project", &shown, "-e", question])
        .assert()
        .success()
        .stdout("{\"Le Guin\", 2}\n");
    let _ = std::fs::remove_dir_all(&dir);
    // Not migrated: the chapter's tables were never created.
    helpdesk(&db.url)
        .args(["--introspect", "-e", "Ash.Api.Info.resources(Db.Api)"])
        .assert()
        .success()
        .stdout("[Db.Author, Db.Book]\n");
    helpdesk(&db.url)
        .args(["--introspect", "--project", "x", "-e", "1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used together"));
    helpdesk(&db.url)
        .args(["--write", "x", "-e", "1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--write belongs to `helpdesk db introspect`",
        ));
}
