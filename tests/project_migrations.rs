//! A project's own migrations applied by the binary, on both backends: diesel-format
//! `migrations/<backend>/` and a Mix project's Ecto migrations. A run that fails halfway leaves
//! nothing behind and names the migration and the statement's error; two processes migrating
//! at once apply each migration once; rollback and status follow the project's set.

mod support;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use helpdesk::db::Database;
use support::TempDb;

/// A project directory in the temp directory, removed at the end.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("helpdesk_{tag}_{}", uuid_like()));
        std::fs::create_dir_all(dir.join("lib")).expect("scratch dir");
        Scratch(dir)
    }

    fn write(&self, path: &str, text: &str) {
        let target = self.0.join(path);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("dirs");
        std::fs::write(target, text).expect("write");
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn uuid_like() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{}_{nanos}", std::process::id())
}

fn helpdesk(project: &Path, url: &str, args: &[&str]) -> Output {
    Command::cargo_bin("helpdesk")
        .expect("binary")
        .env_remove("DATABASE_URL")
        .env_remove("HELPDESK_PROJECT")
        .arg("--project")
        .arg(project)
        .arg("--database-url")
        .arg(url)
        .args(args)
        .output()
        .expect("helpdesk runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The tables of the database (not the bookkeeping ones).
fn tables(url: &str) -> Vec<String> {
    let mut db = Database::connect(url).expect("connect");
    let mut names: Vec<String> = db
        .introspect("public")
        .expect("introspect")
        .tables
        .into_iter()
        .map(|t| t.name)
        .filter(|n| n != "__diesel_schema_migrations" && n != "schema_migrations" && n != "sqlite_sequence")
        .collect();
    names.sort();
    names
}

/// Something slow enough that two processes started together overlap inside it.
fn slow_sql(backend: &str) -> &'static str {
    match backend {
        "postgres" => "SELECT pg_sleep(1.5);",
        _ => {
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000) SELECT count(*) FROM c;"
        }
    }
}

fn diesel_project(backend: &str, second_fails: bool) -> Scratch {
    let project = Scratch::new("diesel");
    let dir = format!("migrations/{backend}");
    project.write(
        &format!("{dir}/2026-02-01-000001_create_a/up.sql"),
        "CREATE TABLE a (id INTEGER PRIMARY KEY);",
    );
    project.write(
        &format!("{dir}/2026-02-01-000001_create_a/down.sql"),
        "DROP TABLE a;",
    );
    let second = if second_fails {
        "CREATE TABLE b (id INTEGER PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);\n".to_string()
    } else {
        format!(
            "CREATE TABLE b (id INTEGER PRIMARY KEY);\n{}\n",
            slow_sql(backend)
        )
    };
    project.write(&format!("{dir}/2026-02-01-000002_create_b/up.sql"), &second);
    project.write(
        &format!("{dir}/2026-02-01-000002_create_b/down.sql"),
        "DROP TABLE b;",
    );
    project
}

const ECTO_A: &str = r#"defmodule P.Repo.Migrations.CreateA do
  use Ecto.Migration

  def change do
    create table(:a, primary_key: false) do
      add :id, :uuid, null: false, primary_key: true
      add :name, :text
    end
  end
end
"#;

fn ecto_project(second: &str) -> Scratch {
    let project = Scratch::new("ecto");
    project.write("mix.exs", "defmodule P.MixProject do\nend\n");
    project.write(
        "config/config.exs",
        "import Config\nconfig :p, ecto_repos: [P.Repo]\n",
    );
    project.write("priv/repo/migrations/20260201000001_create_a.exs", ECTO_A);
    project.write("priv/repo/migrations/20260201000002_create_b.exs", second);
    project
}

fn ecto_second(statement: &str) -> String {
    format!(
        "defmodule P.Repo.Migrations.CreateB do\n  use Ecto.Migration\n\n  def up do\n    create table(:b) do\n      add :a_id, references(:a, type: :uuid)\n    end\n\n    execute(\"{statement}\")\n  end\n\n  def down do\n    drop table(:b)\n  end\nend\n"
    )
}

fn backends() -> Vec<(&'static str, TempDb)> {
    let mut all = vec![("sqlite", TempDb::sqlite())];
    if let Some(pg) = TempDb::postgres() {
        all.push(("postgres", pg));
    }
    all
}

#[test]
fn a_diesel_migration_failing_halfway_leaves_nothing_behind() {
    for (backend, db) in backends() {
        let project = diesel_project(backend, true);
        let output = helpdesk(&project.0, &db.url, &["db", "migrate"]);
        let said = text(&output);
        assert_eq!(output.status.code(), Some(2), "{backend}: {said}");
        assert!(
            said.contains("2026-02-01-000002_create_b/up.sql") && said.contains("no_such_table"),
            "{backend}: {said}"
        );
        assert_eq!(tables(&db.url), Vec::<String>::new(), "{backend}");
        let status = text(&helpdesk(&project.0, &db.url, &["db", "status"]));
        assert_eq!(
            status, "down  2026-02-01-000001_create_a\ndown  2026-02-01-000002_create_b\n",
            "{backend}"
        );
    }
}

#[test]
fn an_ecto_migration_failing_halfway_leaves_nothing_behind() {
    for (backend, db) in backends() {
        let project = ecto_project(&ecto_second("INSERT INTO no_such_table VALUES (1)"));
        let output = helpdesk(&project.0, &db.url, &["db", "migrate"]);
        let said = text(&output);
        assert_eq!(output.status.code(), Some(2), "{backend}: {said}");
        assert!(
            said.contains("priv/repo/migrations/20260201000002_create_b.exs:9: ")
                && said.contains("no_such_table")
                && said.contains("(in `INSERT INTO no_such_table VALUES (1)`)"),
            "{backend}: {said}"
        );
        assert_eq!(tables(&db.url), Vec::<String>::new(), "{backend}");
        // An Ecto file that cannot be read stops `db migrate` before anything runs, with its
        // line; at start-up it is a warning and the shell starts.
        let project = ecto_project(
            "defmodule X do\n  use Ecto.Migration\n  def up do\n    for x <- [1], do: x\n  end\nend\n",
        );
        let output = helpdesk(&project.0, &db.url, &["db", "migrate"]);
        let said = text(&output);
        assert!(
            !output.status.success()
                && said.contains("priv/repo/migrations/20260201000002_create_b.exs:4: a `for` comprehension"),
            "{backend}: {said}"
        );
        assert_eq!(tables(&db.url), Vec::<String>::new(), "{backend}");
        let output = helpdesk(&project.0, &db.url, &["-e", "1 + 1"]);
        let said = text(&output);
        assert!(output.status.success(), "{backend}: {said}");
        assert!(
            said.contains("helpdesk: warning: ") && said.contains("create_b.exs:4:") && said.contains("2\n"),
            "{backend}: {said}"
        );
    }
}

#[test]
fn ecto_migrations_migrate_roll_back_and_report_status() {
    for (backend, db) in backends() {
        let project = ecto_project(&ecto_second("UPDATE a SET name = 'x' WHERE 1 = 0"));
        let said = text(&helpdesk(&project.0, &db.url, &["db", "migrate"]));
        assert_eq!(
            said, "Applied 20260201000001_create_a\nApplied 20260201000002_create_b\n",
            "{backend}"
        );
        assert_eq!(tables(&db.url), ["a", "b"], "{backend}");
        let said = text(&helpdesk(&project.0, &db.url, &["db", "rollback"]));
        assert_eq!(said, "Rolled back 20260201000002_create_b\n", "{backend}");
        let said = text(&helpdesk(&project.0, &db.url, &["db", "rollback"]));
        assert_eq!(said, "Rolled back 20260201000001_create_a\n", "{backend}");
        assert_eq!(tables(&db.url), Vec::<String>::new(), "{backend}");
        let said = text(&helpdesk(&project.0, &db.url, &["db", "status"]));
        assert_eq!(
            said, "down  20260201000001_create_a\ndown  20260201000002_create_b\n",
            "{backend}"
        );
        // Start-up applies the pending ones, as `mix ecto.migrate` would.
        let output = helpdesk(&project.0, &db.url, &["-e", "1"]);
        assert!(output.status.success(), "{backend}: {}", text(&output));
        let said = text(&helpdesk(&project.0, &db.url, &["db", "status"]));
        assert_eq!(
            said, "up    20260201000001_create_a\nup    20260201000002_create_b\n",
            "{backend}"
        );
    }
}

/// Two processes migrating the same new database at once: one applies, the other waits for
/// its lock and finds nothing pending; each migration runs once.
#[test]
fn two_processes_migrating_at_once_apply_each_migration_once() {
    for (backend, db) in backends() {
        for kind in ["diesel", "ecto"] {
            let fresh;
            let url = if kind == "diesel" {
                db.url.clone()
            } else {
                fresh = if backend == "sqlite" {
                    TempDb::sqlite()
                } else {
                    TempDb::postgres().expect("postgres")
                };
                fresh.url.clone()
            };
            let project = if kind == "diesel" {
                diesel_project(backend, false)
            } else {
                let slow = slow_sql(backend).trim_end_matches(';').replace('"', "\\\"");
                ecto_project(&ecto_second(&slow))
            };
            let spawn = || {
                let project = project.0.clone();
                let url = url.clone();
                std::thread::spawn(move || helpdesk(&project, &url, &["db", "migrate"]))
            };
            let (first, second) = (spawn(), spawn());
            let outputs = [first.join().expect("first"), second.join().expect("second")];
            let mut applied = 0;
            for output in &outputs {
                let said = text(output);
                assert!(output.status.success(), "{backend} {kind}: {said}");
                applied += said.lines().filter(|l| l.starts_with("Applied ")).count();
            }
            assert_eq!(
                applied,
                2,
                "{backend} {kind}: {}\n{}",
                text(&outputs[0]),
                text(&outputs[1])
            );
            assert_eq!(tables(&url), ["a", "b"], "{backend} {kind}");
        }
    }
}

/// A project with both kinds of migrations (as `helpdesk new` writes it) whose database was
/// built by one kind (helpdesk applied a project's diesel migrations before it applied Ecto
/// ones) keeps that kind: starting does not create its tables a second time, status lists
/// that kind's names, and a migration generated later (both kinds) applies.
#[test]
fn a_database_keeps_the_kind_of_migrations_that_built_it() {
    for (backend, db) in backends() {
        let project = diesel_project(backend, false);
        let diesel_only = helpdesk(&project.0, &db.url, &["db", "migrate"]);
        assert!(diesel_only.status.success(), "{}", text(&diesel_only));
        // The project becomes a Mix project with Ecto migrations creating the same table.
        project.write("mix.exs", "defmodule P.MixProject do\nend\n");
        project.write("priv/repo/migrations/20260201000001_create_a.exs", ECTO_A);
        let status = helpdesk(&project.0, &db.url, &["db", "status"]);
        assert_eq!(
            text(&status),
            "up    2026-02-01-000001_create_a\nup    2026-02-01-000002_create_b\n",
            "{backend}"
        );
        let start = helpdesk(&project.0, &db.url, &["-e", "1 + 1"]);
        assert!(start.status.success(), "{backend}: {}", text(&start));
        assert_eq!(text(&start), "2\n", "{backend}");
        let dir = format!("migrations/{backend}/2026-02-02-000001_create_c");
        project.write(
            &format!("{dir}/up.sql"),
            "CREATE TABLE c (id INTEGER PRIMARY KEY);",
        );
        project.write(&format!("{dir}/down.sql"), "DROP TABLE c;");
        let migrate = helpdesk(&project.0, &db.url, &["db", "migrate"]);
        assert_eq!(
            text(&migrate),
            "Applied 2026-02-02-000001_create_c\n",
            "{backend}"
        );
        assert_eq!(tables(&db.url), ["a", "b", "c"], "{backend}");
    }
    // A new database of the same project: Ecto on PostgreSQL (shared with mix), diesel on SQLite.
    for (backend, db) in backends() {
        let project = diesel_project(backend, false);
        project.write("mix.exs", "defmodule P.MixProject do\nend\n");
        project.write("priv/repo/migrations/20260201000001_create_a.exs", ECTO_A);
        let status = helpdesk(&project.0, &db.url, &["db", "status"]);
        let expected = match backend {
            "postgres" => "down  20260201000001_create_a\n",
            _ => "down  2026-02-01-000001_create_a\ndown  2026-02-01-000002_create_b\n",
        };
        assert_eq!(text(&status), expected, "{backend}");
    }
}
