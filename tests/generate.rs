//! `helpdesk db generate-migrations` end to end: the chapter's resources alone give the
//! chapter's migration (the module ash_postgres writes) and, applied on fresh databases, the
//! chapter's tables on PostgreSQL and SQLite; an added attribute is owed (`--check`), becomes a
//! migration that keeps the rows, and rolls back; a second run writes nothing.

mod support;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use helpdesk::db::{Catalog, Column, Database, Table};
use support::{TempDb, copy_tree};

/// A directory removed at the end.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir = std::env::temp_dir().join(format!("helpdesk_gen_{tag}_{}_{nanos}", std::process::id()));
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if std::env::var_os("KEEP_SCRATCH").is_none() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

fn helpdesk(project: &Path, url: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::cargo_bin("helpdesk").expect("binary");
    cmd.env_remove("DATABASE_URL")
        .env_remove("HELPDESK_PROJECT")
        .arg("--project")
        .arg(project);
    if let Some(url) = url {
        cmd.arg("--database-url").arg(url);
    }
    cmd.args(args).output().expect("helpdesk runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn ok(output: Output) -> String {
    let shown = text(&output);
    assert!(output.status.success(), "helpdesk failed: {shown}");
    shown
}

/// `helpdesk new` into a scratch directory.
fn chapter(tag: &str) -> Scratch {
    let scratch = Scratch::new(tag);
    let output = Command::cargo_bin("helpdesk")
        .expect("binary")
        .arg("new")
        .arg(&scratch.0)
        .output()
        .expect("helpdesk new runs");
    assert!(output.status.success(), "{}", text(&output));
    scratch
}

/// The chapter with its migrations and snapshots deleted.
fn bare_chapter(tag: &str) -> Scratch {
    let scratch = chapter(tag);
    for dir in ["priv/repo/migrations", "priv/resource_snapshots", "migrations"] {
        let _ = std::fs::remove_dir_all(scratch.0.join(dir));
    }
    scratch
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn generated_module(project: &Path) -> String {
    let files: Vec<PathBuf> = files_under(&project.join("priv/repo/migrations"))
        .into_iter()
        .filter(|p| {
            p.to_string_lossy()
                .ends_with("_support_add_tickets_and_users.exs")
        })
        .collect();
    assert_eq!(files.len(), 1, "one generated Ecto migration: {files:?}");
    std::fs::read_to_string(&files[0]).expect("read")
}

fn here(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A module without its `@moduledoc` block and blank lines: the chapter's listing leaves out
/// the moduledoc and the blank lines Elixir's formatter puts around multi-line statements and
/// between `down` items, so both sides are compared without any blank line.
fn abridged(module: &str) -> String {
    let mut out = Vec::new();
    let mut in_doc = false;
    for line in module.lines() {
        if line.trim_start().starts_with("@moduledoc") {
            in_doc = true;
            continue;
        }
        if in_doc {
            in_doc = line.trim() != "\"\"\"";
            continue;
        }
        if !line.trim().is_empty() {
            out.push(line);
        }
    }
    out.join("\n")
}

#[test]
fn the_chapters_resources_give_the_chapters_migration_module() {
    let project = bare_chapter("module");
    let out = ok(helpdesk(
        &project.0,
        None,
        &[
            "db",
            "generate-migrations",
            "--name",
            "support_add_tickets_and_users",
        ],
    ));
    assert!(
        out.contains("create table users") && out.contains("create table tickets"),
        "{out}"
    );
    // What ash_postgres 1.3.52 writes, byte for byte (the default without a mix.lock).
    let expected = std::fs::read_to_string(here(
        "tests/data/generate/support_add_tickets_and_users_1.3.52.exs",
    ))
    .expect("expected module");
    assert_eq!(generated_module(&project.0), expected);

    // With the version the chapter used (its `down` order), the chapter's listing, which
    // leaves out the @moduledoc and the blank lines (tests/data/generate/README.md).
    let project = bare_chapter("module1319");
    std::fs::write(
        project.0.join("mix.lock"),
        "%{\n  \"ash_postgres\": {:hex, :ash_postgres, \"1.3.19\", \"x\", [:mix], [], \"hexpm\", \"y\"},\n}\n",
    )
    .expect("mix.lock");
    ok(helpdesk(
        &project.0,
        None,
        &[
            "db",
            "generate-migrations",
            "--name",
            "support_add_tickets_and_users",
        ],
    ));
    let chapter = std::fs::read_to_string(here(
        "bundled/chapter/priv/repo/migrations/20221104000000_support_add_tickets_and_users.exs",
    ))
    .expect("chapter migration");
    assert_eq!(abridged(&generated_module(&project.0)), abridged(&chapter));
}

#[test]
fn a_second_run_writes_nothing_and_check_is_clean() {
    let project = bare_chapter("twice");
    ok(helpdesk(&project.0, None, &["db", "generate-migrations"]));
    let before = files_under(&project.0);
    let out = ok(helpdesk(&project.0, None, &["db", "generate-migrations"]));
    assert!(out.contains("No changes detected"), "{out}");
    assert_eq!(files_under(&project.0), before);
    let check = helpdesk(&project.0, None, &["db", "generate-migrations", "--check"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
    let dry = ok(helpdesk(
        &project.0,
        None,
        &["db", "generate-migrations", "--dry-run"],
    ));
    assert!(dry.contains("No changes detected"), "{dry}");
}

/// The tables as the catalog shows them, without bookkeeping tables, sorted.
fn catalog(url: &str) -> Catalog {
    let mut db = Database::connect(url).expect("connect");
    let mut catalog = db.introspect("public").expect("introspect");
    catalog.tables.retain(|t| {
        !matches!(
            t.name.as_str(),
            "__diesel_schema_migrations" | "schema_migrations" | "sqlite_sequence"
        )
    });
    catalog.tables.sort_by(|a, b| a.name.cmp(&b.name));
    for table in &mut catalog.tables {
        table.foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
        // Indexes are not part of the chapter's migration (the hand-written SQLite one adds some).
        table.unique.clear();
    }
    catalog
}

/// One table of `catalog(url)`.
fn table(url: &str, name: &str) -> Table {
    catalog(url)
        .tables
        .into_iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no table {name} in {url}"))
}

/// One column of a table.
fn column<'t>(table: &'t Table, name: &str) -> &'t Column {
    table
        .columns
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no column {name} in {}", table.name))
}

fn migrate(project: &Path, url: &str) {
    ok(helpdesk(project, Some(url), &["db", "migrate"]));
}

/// Generated from the resources and applied, the chapter's tables are the ones its own
/// migrations make: columns, types, nullability, the `open` default, primary keys and both
/// foreign keys by name.
fn same_tables_as_the_chapter(backend: &str, fresh: impl Fn() -> Option<TempDb>) {
    let (Some(ours), Some(theirs)) = (fresh(), fresh()) else {
        eprintln!("{backend}: skipped (HELPDESK_SKIP_PG=1)");
        return;
    };
    let generated = bare_chapter(&format!("tables_{backend}"));
    ok(helpdesk(
        &generated.0,
        None,
        &[
            "db",
            "generate-migrations",
            "--name",
            "support_add_tickets_and_users",
        ],
    ));
    migrate(&generated.0, &ours.url);
    let original = chapter(&format!("orig_{backend}"));
    migrate(&original.0, &theirs.url);
    let (ours, theirs) = (catalog(&ours.url), catalog(&theirs.url));
    let names: Vec<&str> = ours.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["tickets", "users"]);
    let tickets = &ours.tables[0];
    let fks: Vec<&str> = tickets.foreign_keys.iter().map(|f| f.name.as_str()).collect();
    if backend == "postgres" {
        assert_eq!(
            fks,
            ["tickets_reporter_id_fkey", "tickets_representative_id_fkey"]
        );
        let status = column(tickets, "status");
        assert_eq!(status.default.as_deref(), Some("'open'::text"));
        assert_eq!(ours.tables, theirs.tables);
        // Outside a Mix project PostgreSQL applies the generated diesel migration instead of
        // the Ecto module: the same tables.
        if let Some(plain) = fresh() {
            std::fs::remove_file(generated.0.join("mix.exs")).expect("rm mix.exs");
            migrate(&generated.0, &plain.url);
            assert_eq!(catalog(&plain.url).tables, theirs.tables);
        }
    } else {
        // SQLite: the same columns (names, nullability, keys); the hand-written migration's
        // declared types and defaults are the shell's storage, as ours.
        let shape = |c: &Catalog| {
            c.tables
                .iter()
                .map(|t| {
                    let columns: Vec<(String, bool)> =
                        t.columns.iter().map(|c| (c.name.clone(), c.not_null)).collect();
                    let fks: Vec<(Vec<String>, String)> = t
                        .foreign_keys
                        .iter()
                        .map(|f| (f.columns.clone(), f.table.clone()))
                        .collect();
                    (t.name.clone(), columns, t.primary_key.clone(), fks)
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(shape(&ours), shape(&theirs));
    }
}

#[test]
fn generated_chapter_tables_on_postgres() {
    same_tables_as_the_chapter("postgres", TempDb::postgres);
}

#[test]
fn generated_chapter_tables_on_sqlite() {
    same_tables_as_the_chapter("sqlite", || Some(TempDb::sqlite()));
}

/// Adding an attribute: `--check` names it and exits 1, generating writes a migration that
/// keeps the rows, a second run writes nothing, and rolling back removes the column.
fn incremental(backend: &str, mix: bool, fresh: impl Fn() -> Option<TempDb>) {
    let Some(db) = fresh() else {
        eprintln!("{backend}: skipped (HELPDESK_SKIP_PG=1)");
        return;
    };
    let project = bare_chapter(&format!("incr_{backend}"));
    if !mix {
        std::fs::remove_file(project.0.join("mix.exs")).expect("rm mix.exs");
    }
    ok(helpdesk(
        &project.0,
        None,
        &[
            "db",
            "generate-migrations",
            "--name",
            "support_add_tickets_and_users",
        ],
    ));
    migrate(&project.0, &db.url);
    let create = "Support.User |> Ash.Changeset.for_create(:create, %{name: \"ada\"}) |> Support.AshApi.create!() |> Map.get(:name)";
    let out = ok(helpdesk(&project.0, Some(&db.url), &["-e", create]));
    assert!(out.contains("\"ada\""), "{out}");

    let user = project.0.join("lib/helpdesk/support/resources/user.ex");
    let source = std::fs::read_to_string(&user).expect("user.ex");
    let edited = source.replacen(
        "attribute :name, :string",
        "attribute :name, :string\n    attribute :email, :string, allow_nil?: false, default: \"none\"",
        1,
    );
    assert_ne!(edited, source, "user.ex has `attribute :name, :string`");
    std::fs::write(&user, edited).expect("edit user.ex");

    // Start-up says, in one line, that a migration is owed.
    let started = ok(helpdesk(&project.0, Some(&db.url), &["-e", "1 + 1"]));
    assert!(
        started.contains(
            "differ from their snapshots (add column users.email): run `helpdesk db generate-migrations`"
        ),
        "{started}"
    );
    let check = helpdesk(&project.0, None, &["db", "generate-migrations", "--check"]);
    assert_eq!(check.status.code(), Some(1), "{}", text(&check));
    assert!(
        text(&check).contains("add column users.email"),
        "{}",
        text(&check)
    );
    ok(helpdesk(
        &project.0,
        None,
        &["db", "generate-migrations", "--name", "add_email"],
    ));
    let again = ok(helpdesk(&project.0, None, &["db", "generate-migrations"]));
    assert!(again.contains("No changes detected"), "{again}");
    migrate(&project.0, &db.url);
    let started = ok(helpdesk(&project.0, Some(&db.url), &["-e", "1 + 1"]));
    assert!(!started.contains("differ from their snapshots"), "{started}");
    let read = "Support.User |> Support.AshApi.read!() |> Enum.map(&{&1.name, &1.email})";
    let out = ok(helpdesk(&project.0, Some(&db.url), &["-e", read]));
    assert!(out.contains("[{\"ada\", \"none\"}]"), "{out}");
    let users = table(&db.url, "users");
    assert!(users.columns.iter().any(|c| c.name == "email" && c.not_null));

    ok(helpdesk(&project.0, Some(&db.url), &["db", "rollback"]));
    let users = table(&db.url, "users");
    let columns: Vec<&str> = users.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(columns, ["id", "name"]);
}

#[test]
fn an_added_attribute_on_postgres() {
    incremental("postgres", true, TempDb::postgres);
}

/// The same with the diesel migrations (no `mix.exs`: PostgreSQL applies `migrations/postgres`).
#[test]
fn an_added_attribute_on_postgres_outside_a_mix_project() {
    incremental("postgres", false, TempDb::postgres);
}

#[test]
fn an_added_attribute_on_sqlite() {
    incremental("sqlite", true, || Some(TempDb::sqlite()));
}

/// Every file under `dir`, as (path relative to `dir`, contents).
fn tree(dir: &Path) -> Vec<(String, String)> {
    files_under(dir)
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(dir).expect("under dir").display().to_string();
            (rel, std::fs::read_to_string(&p).expect("read"))
        })
        .collect()
}

/// The repository's own `migrations/` (embedded, applied for the bundled chapter) and the
/// bundled project's snapshots are what `generate-migrations` writes for the chapter's
/// resources in two steps: `create_users` with the User resource alone, then `create_tickets`
/// with both. `UPDATE_GENERATED=1` rewrites them instead of comparing.
#[test]
fn the_repositorys_migrations_are_generated_from_the_bundled_chapter() {
    use helpdesk::model::Project;
    use helpdesk::schema::generate::{Options, plan};

    let chapter = helpdesk::project::chapter();
    let users_only = Project {
        resources: chapter
            .resources
            .iter()
            .filter(|r| r.name == "Support.User")
            .cloned()
            .collect(),
        apis: chapter.apis.clone(),
        modules: chapter.modules.clone(),
        repos: chapter.repos.clone(),
        warnings: Vec::new(),
        unmodelled_tables: Vec::new(),
    };
    let root = Scratch::new("repo_migrations");
    let at = |second: u32| {
        chrono::NaiveDate::from_ymd_opt(2025, 11, 25)
            .and_then(|d| d.and_hms_opt(0, 0, second))
            .expect("a time")
    };
    for (project, name, second) in [(&users_only, "create_users", 1), (&*chapter, "create_tickets", 2)] {
        let options = Options {
            name: Some(name.to_string()),
            drop_columns: false,
            now: Some(at(second)),
        };
        let planned = plan(&root.0, project, &options).expect("plan");
        assert!(planned.owed(), "{name}: something to generate");
        planned.write(&root.0).expect("write");
    }
    let pairs = [
        (root.0.join("migrations"), here("migrations")),
        (
            root.0.join("priv/resource_snapshots"),
            here("bundled/chapter/priv/resource_snapshots"),
        ),
    ];
    for (generated, committed) in pairs {
        if std::env::var_os("UPDATE_GENERATED").is_some() {
            let _ = std::fs::remove_dir_all(&committed);
            for (rel, text) in tree(&generated) {
                let target = committed.join(rel);
                std::fs::create_dir_all(target.parent().expect("parent")).expect("dirs");
                std::fs::write(target, text).expect("write");
            }
        }
        assert_eq!(
            tree(&generated),
            tree(&committed),
            "{} is not what generation writes",
            committed.display()
        );
    }
    // And a project `helpdesk new` writes is current.
    let project = chapter_project_is_current();
    drop(project);
}

fn chapter_project_is_current() -> Scratch {
    let project = chapter("current");
    let out = ok(helpdesk(
        &project.0,
        None,
        &["db", "generate-migrations", "--check"],
    ));
    assert!(out.contains("No changes detected"), "{out}");
    project
}

/// Copies a directory tree.
/// A table's shape for comparing generated and hand-written schemas: columns (name, type,
/// not null), primary key, foreign keys (columns → table).
type Shape = Vec<(
    String,
    Vec<(String, String, bool)>,
    Vec<String>,
    Vec<(Vec<String>, String)>,
)>;

fn shape(catalog: &Catalog) -> Shape {
    catalog
        .tables
        .iter()
        .map(|t| {
            // By name: generated columns follow Ash's attribute order (belongs_to keys last),
            // the hand-written fixtures do not always.
            let mut columns: Vec<(String, String, bool)> = t
                .columns
                .iter()
                .map(|c| {
                    (
                        c.name.clone(),
                        c.sql_type.to_lowercase(),
                        c.not_null || t.primary_key.contains(&c.name),
                    )
                })
                .collect();
            columns.sort();
            let mut fks: Vec<(Vec<String>, String)> = t
                .foreign_keys
                .iter()
                .map(|f| (f.columns.clone(), f.table.clone()))
                .collect();
            fks.sort();
            (t.name.clone(), columns, t.primary_key.clone(), fks)
        })
        .collect()
}

/// The own fixtures' hand-written migrations (every Ash type, keys of every kind, the
/// tutorial grown up) and the ones generated from their resources build the same tables.
fn own_fixtures(backend: &str, fresh: impl Fn() -> Option<TempDb>) {
    for fixture in ["own__types", "own__keys", "own__helpdesk_plus"] {
        let (Some(ours), Some(theirs)) = (fresh(), fresh()) else {
            eprintln!("{backend}: skipped (HELPDESK_SKIP_PG=1)");
            return;
        };
        let project = Scratch::new(fixture);
        copy_tree(&here(&format!("tests/projects/{fixture}")), &project.0);
        migrate(&project.0, &theirs.url);
        std::fs::remove_dir_all(project.0.join("migrations")).expect("rm migrations");
        ok(helpdesk(
            &project.0,
            None,
            &["db", "generate-migrations", "--name", "create"],
        ));
        migrate(&project.0, &ours.url);
        assert_eq!(
            shape(&catalog(&ours.url)),
            shape(&catalog(&theirs.url)),
            "{fixture} on {backend}"
        );
    }
}

#[test]
fn own_fixtures_on_postgres() {
    own_fixtures("postgres", TempDb::postgres);
}

#[test]
fn own_fixtures_on_sqlite() {
    own_fixtures("sqlite", || Some(TempDb::sqlite()));
}

/// Changing an attribute (nullability, default) and removing one: `modify` keeps the rows
/// (SQLite rebuilds the table); the removed column stays unless `--drop-columns`; each step
/// rolls back.
fn modify_and_remove(backend: &str, fresh: impl Fn() -> Option<TempDb>) {
    let Some(db) = fresh() else {
        eprintln!("{backend}: skipped (HELPDESK_SKIP_PG=1)");
        return;
    };
    let project = bare_chapter(&format!("modify_{backend}"));
    std::fs::remove_file(project.0.join("mix.exs")).expect("rm mix.exs");
    ok(helpdesk(
        &project.0,
        None,
        &["db", "generate-migrations", "--name", "create"],
    ));
    migrate(&project.0, &db.url);
    let create = "Support.Ticket |> Ash.Changeset.for_create(:create, %{subject: \"VPN\"}) |> Support.AshApi.create!() |> Map.get(:subject)";
    ok(helpdesk(&project.0, Some(&db.url), &["-e", create]));

    let ticket = project.0.join("lib/helpdesk/support/resources/ticket.ex");
    let source = std::fs::read_to_string(&ticket).expect("ticket.ex");
    let edited = source.replacen("default :open", "default :closed", 1).replacen(
        "uuid_primary_key :id",
        "uuid_primary_key :id\n    attribute :note, :string",
        1,
    );
    assert_ne!(edited, source, "ticket.ex has `default :open`");
    std::fs::write(&ticket, &edited).expect("edit");
    let out = ok(helpdesk(
        &project.0,
        None,
        &["db", "generate-migrations", "--name", "closed_by_default"],
    ));
    assert!(
        out.contains("modify column tickets.status") && out.contains("add column tickets.note"),
        "{out}"
    );
    migrate(&project.0, &db.url);
    let tickets = table(&db.url, "tickets");
    let status = column(&tickets, "status");
    assert!(
        status.default.as_deref().is_some_and(|d| d.contains("closed")),
        "{status:?}"
    );
    assert_eq!(
        tickets.foreign_keys.len(),
        2,
        "the rebuilt table keeps its foreign keys"
    );

    // Removing `note`: kept by default, dropped with --drop-columns.
    let without = edited.replacen("\n    attribute :note, :string", "", 1);
    std::fs::write(&ticket, &without).expect("edit");
    let kept = helpdesk(&project.0, None, &["db", "generate-migrations", "--dry-run"]);
    assert!(
        text(&kept).contains("kept; --drop-columns drops it"),
        "{}",
        text(&kept)
    );
    ok(helpdesk(
        &project.0,
        None,
        &[
            "db",
            "generate-migrations",
            "--drop-columns",
            "--name",
            "drop_note",
        ],
    ));
    migrate(&project.0, &db.url);
    let read = "Support.Ticket |> Support.AshApi.read!() |> Enum.map(& &1.status)";
    let out = ok(helpdesk(&project.0, Some(&db.url), &["-e", read]));
    assert!(out.contains("[:open]"), "the row is kept: {out}");
    let tickets = table(&db.url, "tickets");
    assert!(!tickets.columns.iter().any(|c| c.name == "note"));
    assert_eq!(tickets.foreign_keys.len(), 2);

    ok(helpdesk(&project.0, Some(&db.url), &["db", "rollback"]));
    ok(helpdesk(&project.0, Some(&db.url), &["db", "rollback"]));
    let tickets = table(&db.url, "tickets");
    let status = column(&tickets, "status");
    assert!(
        status.default.as_deref().is_some_and(|d| d.contains("open")),
        "{status:?}"
    );
    let columns: Vec<&str> = tickets.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        columns,
        ["id", "subject", "status", "reporter_id", "representative_id"]
    );
    let count = "Support.Ticket |> Support.AshApi.read!() |> length()";
    let out = ok(helpdesk(&project.0, Some(&db.url), &["-e", count]));
    assert!(
        out.trim_end().ends_with('1'),
        "the row survives every step: {out}"
    );
}

#[test]
fn modify_and_remove_on_postgres() {
    modify_and_remove("postgres", TempDb::postgres);
}

#[test]
fn modify_and_remove_on_sqlite() {
    modify_and_remove("sqlite", || Some(TempDb::sqlite()));
}

/// Public projects, generated from their resources alone (snapshots and migrations deleted) and
/// migrated on fresh PostgreSQL databases (through the Ecto module, as `mix ecto.migrate`
/// would), build the tables their own committed migrations build. digsync needs PostGIS,
/// dev-guy and funyx have resources without migrations (drift), ash_hq a hand-written
/// migration outside the vocabulary: not here. phoenix-ash-chat installs `ash-functions` (SQL
/// functions ash_postgres defines; the generated module holds their definitions).
#[test]
fn public_projects_generated_from_scratch_build_their_tables() {
    // realworld's committed migrations leave users.hashed_password nullable although its
    // resource and its newest snapshot say `allow_nil? false`.
    // peak_tracker's UserIdentity gets all its attributes from AshAuthentication.UserIdentity,
    // which is not modelled: the resource is skipped, so nothing makes its table.
    let expected: &[(&str, &str)] = &[
        ("team-alembic__realworld", "users.hashed_password not null"),
        (
            "peterfication__peak_tracker_backend",
            "user_identities only committed",
        ),
        // The project deleted its ChatUser resource; its migrations never dropped the table.
        ("bahalperin__phoenix-ash-chat", "chat_user only committed"),
    ];
    for name in [
        "team-alembic__realworld",
        "terrible-hq__terrible",
        "sduduzog__gits",
        "scflode__ash_playground",
        "peterfication__peak_tracker_backend",
        "bahalperin__phoenix-ash-chat",
    ] {
        let (Some(ours), Some(theirs)) = (TempDb::postgres(), TempDb::postgres()) else {
            eprintln!("postgres: skipped (HELPDESK_SKIP_PG=1)");
            return;
        };
        let committed = Scratch::new(&format!("pub_{name}"));
        copy_tree(&here(&format!("tests/projects/{name}")), &committed.0);
        migrate(&committed.0, &theirs.url);
        let generated = Scratch::new(&format!("gen_{name}"));
        copy_tree(&here(&format!("tests/projects/{name}")), &generated.0);
        std::fs::copy(generated.0.join("mix.lock.excerpt"), generated.0.join("mix.lock")).expect("mix.lock");
        for dir in ["priv/resource_snapshots", "priv/repo/migrations", "migrations"] {
            let _ = std::fs::remove_dir_all(generated.0.join(dir));
        }
        ok(helpdesk(
            &generated.0,
            None,
            &["db", "generate-migrations", "--name", "init"],
        ));
        migrate(&generated.0, &ours.url);
        if name == "bahalperin__phoenix-ash-chat" {
            // ash-functions: the definitions ash_postgres writes, applied with the rest.
            let modules = files_under(&generated.0.join("priv/repo/migrations"));
            let functions = modules
                .iter()
                .find(|p| p.to_string_lossy().contains("install_3_extensions"));
            let text = functions
                .map(|p| std::fs::read_to_string(p).unwrap_or_default())
                .unwrap_or_default();
            assert!(
                text.contains("CREATE OR REPLACE FUNCTION ash_elixir_or"),
                "{modules:?}"
            );
        }
        let (ours, theirs) = (shape(&catalog(&ours.url)), shape(&catalog(&theirs.url)));
        let mut differences = Vec::new();
        for (table, columns, pk, fks) in &ours {
            let Some((_, their_columns, their_pk, their_fks)) = theirs.iter().find(|t| t.0 == *table) else {
                differences.push(format!("{table} only generated"));
                continue;
            };
            for (column, ty, not_null) in columns {
                match their_columns.iter().find(|c| c.0 == *column) {
                    None => differences.push(format!("{table}.{column} only generated")),
                    Some((_, their_ty, their_not_null)) => {
                        if ty != their_ty {
                            differences.push(format!("{table}.{column} {ty} vs {their_ty}"));
                        }
                        if not_null != their_not_null {
                            let which = if *not_null { "not null" } else { "null" };
                            differences.push(format!("{table}.{column} {which}"));
                        }
                    }
                }
            }
            // A composite key's column order follows the columns (Ecto's `primary_key: true` on
            // each); realworld's migrations rebuilt two keys in another order.
            let sorted = |k: &Vec<String>| {
                let mut k = k.clone();
                k.sort();
                k
            };
            if sorted(pk) != sorted(their_pk) || fks != their_fks {
                differences.push(format!(
                    "{table}: keys {pk:?} {fks:?} vs {their_pk:?} {their_fks:?}"
                ));
            }
        }
        for (table, ..) in &theirs {
            if !ours.iter().any(|t| t.0 == *table) {
                differences.push(format!("{table} only committed"));
            }
        }
        let allowed: Vec<String> = expected
            .iter()
            .filter(|(p, _)| *p == name)
            .map(|(_, d)| d.to_string())
            .collect();
        assert_eq!(differences, allowed, "{name}");
    }
}

#[test]
fn the_command_needs_a_project_directory_and_its_own_flags() {
    let empty = Scratch::new("empty");
    std::fs::create_dir_all(&empty.0).expect("dir");
    let output = Command::cargo_bin("helpdesk")
        .expect("binary")
        .env_remove("HELPDESK_PROJECT")
        .current_dir(&empty.0)
        .args(["db", "generate-migrations"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output).contains("needs a project directory"),
        "{}",
        text(&output)
    );
    let misplaced = Command::cargo_bin("helpdesk")
        .expect("binary")
        .args(["db", "migrate", "--check"])
        .output()
        .expect("runs");
    assert_eq!(misplaced.status.code(), Some(2));
    assert!(
        text(&misplaced).contains("belong to `helpdesk db generate-migrations`"),
        "{}",
        text(&misplaced)
    );
}

/// `tests/projects/own__library`'s `migrations/` and snapshots are what generation writes for
/// its resources (one run, `create_library`); `UPDATE_GENERATED=1` rewrites them.
#[test]
fn the_library_fixture_is_generated() {
    use helpdesk::project::{Location, load};
    use helpdesk::schema::generate::{Options, plan};

    let fixture = here("tests/projects/own__library");
    let project = load(&Location::Dir(fixture.clone())).expect("the fixture reads");
    let root = Scratch::new("library");
    let options = Options {
        name: Some("create_library".into()),
        drop_columns: false,
        now: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)),
    };
    plan(&root.0, &project, &options)
        .expect("plan")
        .write(&root.0)
        .expect("write");
    for dir in ["migrations", "priv/resource_snapshots"] {
        let (generated, committed) = (root.0.join(dir), fixture.join(dir));
        if std::env::var_os("UPDATE_GENERATED").is_some() {
            let _ = std::fs::remove_dir_all(&committed);
            copy_tree(&generated, &committed);
        }
        assert_eq!(tree(&generated), tree(&committed), "{}", committed.display());
    }
    let out = ok(helpdesk(
        &fixture,
        None,
        &["db", "generate-migrations", "--check"],
    ));
    assert!(out.contains("No changes detected"), "{out}");
}

/// A Mix project whose schema is its Ecto migrations (a public project as committed): a change
/// becomes one more Ecto migration and a snapshot, no partial diesel set, and applies on both
/// backends (SQLite translates the Ecto migrations).
#[test]
fn an_ecto_project_gets_one_more_ecto_migration() {
    let project = Scratch::new("ecto_project");
    copy_tree(&here("tests/projects/terrible-hq__terrible"), &project.0);
    std::fs::copy(project.0.join("mix.lock.excerpt"), project.0.join("mix.lock")).expect("mix.lock");
    let user = project.0.join("lib/terrible/authentication/resources/user.ex");
    let source = std::fs::read_to_string(&user).expect("user.ex");
    let edited = source.replacen(
        "attribute :email, :ci_string, allow_nil?: false",
        "attribute :email, :ci_string, allow_nil?: false\n    attribute :nickname, :string, default: \"anon\"",
        1,
    );
    assert_ne!(edited, source);
    std::fs::write(&user, edited).expect("edit");
    let out = ok(helpdesk(
        &project.0,
        None,
        &["db", "generate-migrations", "--name", "add_nickname"],
    ));
    assert!(out.contains("add column users.nickname"), "{out}");
    assert!(
        !project.0.join("migrations").exists(),
        "no diesel set next to the Ecto migrations"
    );
    let module = files_under(&project.0.join("priv/repo/migrations"))
        .into_iter()
        .find(|p| p.to_string_lossy().ends_with("_add_nickname.exs"))
        .expect("the Ecto migration");
    let text = std::fs::read_to_string(module).expect("read");
    assert!(text.contains("add :nickname, :text, default: \"anon\""), "{text}");
    for db in [Some(TempDb::sqlite()), TempDb::postgres()].into_iter().flatten() {
        migrate(&project.0, &db.url);
        let users = table(&db.url, "users");
        assert!(users.columns.iter().any(|c| c.name == "nickname"), "{}", db.url);
    }
}

/// A repo with `installed_extensions` (ash_postgres's worked example): an extensions migration
/// first, `extensions.json`, and ids defaulting to `uuid_generate_v4()`; applied on both
/// backends; a second run owes nothing.
#[test]
fn installed_extensions_come_first() {
    let project = bare_chapter("extensions");
    std::fs::write(
        project.0.join("lib/helpdesk/support/repo.ex"),
        "defmodule Support.Repo do\n  use AshPostgres.Repo, otp_app: :helpdesk\n\n  def installed_extensions do\n    [\"uuid-ossp\", \"citext\"]\n  end\nend\n",
    )
    .expect("repo.ex");
    let out = ok(helpdesk(
        &project.0,
        None,
        &[
            "db",
            "generate-migrations",
            "--name",
            "support_add_tickets_and_users",
        ],
    ));
    assert!(out.contains("install extension uuid-ossp"), "{out}");
    let migrations = files_under(&project.0.join("priv/repo/migrations"));
    assert_eq!(migrations.len(), 2, "{migrations:?}");
    let install = std::fs::read_to_string(&migrations[0]).expect("read");
    assert!(
        migrations[0]
            .to_string_lossy()
            .ends_with("_install_2_extensions.exs")
    );
    assert!(
        install.contains("defmodule Support.Repo.Migrations.Install2Extensions do"),
        "{install}"
    );
    assert!(
        install.contains("    execute(\"CREATE EXTENSION IF NOT EXISTS \\\"uuid-ossp\\\"\")\n"),
        "{install}"
    );
    assert!(
        install.contains("    # execute(\"DROP EXTENSION IF EXISTS \\\"citext\\\"\")\n"),
        "{install}"
    );
    let module = generated_module(&project.0);
    assert!(
        module.contains("      add :id, :uuid, null: false, default: fragment(\"uuid_generate_v4()\"), primary_key: true\n"),
        "{module}"
    );
    let extensions =
        std::fs::read_to_string(project.0.join("priv/resource_snapshots/extensions.json")).expect("json");
    assert_eq!(
        extensions,
        "{\n  \"installed\": [\n    \"uuid-ossp\",\n    \"citext\"\n  ]\n}"
    );
    let again = ok(helpdesk(&project.0, None, &["db", "generate-migrations"]));
    assert!(again.contains("No changes detected"), "{again}");
    for db in [Some(TempDb::sqlite()), TempDb::postgres()].into_iter().flatten() {
        migrate(&project.0, &db.url);
        let names: Vec<String> = catalog(&db.url).tables.into_iter().map(|t| t.name).collect();
        assert_eq!(names, ["tickets", "users"], "{}", db.url);
    }
}

/// A key column added to an existing table: ash_postgres drops the old key first
/// (`drop constraint("tickets", "tickets_pkey")`); the diesel SQL swaps the key and rolls back
/// to the old one, on both backends.
#[test]
fn a_primary_key_change_drops_the_old_key_first() {
    let project = bare_chapter("pk");
    ok(helpdesk(
        &project.0,
        None,
        &["db", "generate-migrations", "--name", "create"],
    ));
    let ticket = project.0.join("lib/helpdesk/support/resources/ticket.ex");
    let source = std::fs::read_to_string(&ticket).expect("ticket.ex");
    let edited = source.replacen(
        "    uuid_primary_key :id",
        "    uuid_primary_key :id\n    attribute :code, :string, primary_key?: true, allow_nil?: false, default: \"x\"",
        1,
    );
    std::fs::write(&ticket, edited).expect("edit");
    let out = ok(helpdesk(
        &project.0,
        None,
        &["db", "generate-migrations", "--name", "code_key"],
    ));
    assert!(out.contains("drop primary key tickets_pkey"), "{out}");
    let module = files_under(&project.0.join("priv/repo/migrations"))
        .into_iter()
        .find(|p| p.to_string_lossy().ends_with("_code_key.exs"))
        .expect("module");
    let text = std::fs::read_to_string(module).expect("read");
    assert!(
        text.contains("  def up do\n    drop constraint(\"tickets\", \"tickets_pkey\")\n\n    alter table(:tickets) do\n      add :code, :text, null: false, default: \"x\", primary_key: true\n    end\n  end"),
        "{text}"
    );
    std::fs::remove_file(project.0.join("mix.exs")).expect("rm mix.exs");
    for db in [Some(TempDb::sqlite()), TempDb::postgres()].into_iter().flatten() {
        migrate(&project.0, &db.url);
        let key = |url: &str| {
            catalog(url)
                .tables
                .into_iter()
                .find(|t| t.name == "tickets")
                .map(|t| t.primary_key)
                .unwrap_or_default()
        };
        assert_eq!(key(&db.url), ["id", "code"], "{}", db.url);
        ok(helpdesk(&project.0, Some(&db.url), &["db", "rollback"]));
        assert_eq!(key(&db.url), ["id"], "{}", db.url);
    }
}

/// A deferrable reference: the snapshot says so, the Ecto module makes the constraint
/// deferrable with ash_postgres's `execute`, the SQL declares it; a second run owes nothing.
#[test]
fn a_deferrable_reference() {
    let project = bare_chapter("deferrable");
    let ticket = project.0.join("lib/helpdesk/support/resources/ticket.ex");
    let source = std::fs::read_to_string(&ticket).expect("ticket.ex");
    let edited = source.replacen(
        "    repo Support.Repo\n",
        "    repo Support.Repo\n\n    references do\n      reference :reporter, deferrable: :initially\n    end\n",
        1,
    );
    assert_ne!(edited, source);
    std::fs::write(&ticket, edited).expect("edit");
    ok(helpdesk(
        &project.0,
        None,
        &[
            "db",
            "generate-migrations",
            "--name",
            "support_add_tickets_and_users",
        ],
    ));
    let module = generated_module(&project.0);
    assert!(
        module.contains(
            "    execute(\"ALTER TABLE tickets alter CONSTRAINT tickets_reporter_id_fkey DEFERRABLE INITIALLY DEFERRED\")\n"
        ),
        "{module}"
    );
    let snapshot = files_under(&project.0.join("priv/resource_snapshots/repo/tickets"));
    let text = std::fs::read_to_string(&snapshot[0]).expect("snapshot");
    assert!(text.contains("\"deferrable\": \"initially\""), "{text}");
    let again = ok(helpdesk(&project.0, None, &["db", "generate-migrations"]));
    assert!(again.contains("No changes detected"), "{again}");
    for db in [Some(TempDb::sqlite()), TempDb::postgres()].into_iter().flatten() {
        migrate(&project.0, &db.url);
    }
    std::fs::remove_file(project.0.join("mix.exs")).expect("rm mix.exs");
    if let Some(db) = TempDb::postgres() {
        migrate(&project.0, &db.url);
    }
}
