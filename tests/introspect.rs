//! Issue 15: a database nobody wrote resource files for. The shop schema in
//! `tests/introspect/<backend>.sql` is made with plain SQL (one dialect per backend: a
//! bigserial / INTEGER PRIMARY KEY key, a uuid key, a composite key, two foreign keys to one
//! table, a unique constraint, numeric and timestamp columns, a view, a table without a key
//! and a migration tool's bookkeeping table). Its resources are introspected from the catalog
//! and `tests/introspect/explore.iex` runs on them, on each backend, with one expected output;
//! then again on a fresh copy of the schema with the project `db introspect --write` wrote.
//!
//! The expected file reads like a transcript (`iex>` input, then its output);
//! `UPDATE_TRANSCRIPTS=1` rewrites it from the SQLite run.

mod support;

use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use helpdesk::db::Database;
use helpdesk::eval::DbSource;
use helpdesk::project::{Location, introspect};
use helpdesk::repl::session::{self, Outcome, Session};
use support::{TempDb, normalize_ids};

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

fn here(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/introspect")
        .join(path)
}

/// A database with the shop schema, made by its plain SQL.
fn shop(db: &TempDb, backend: &str) -> Database {
    let mut conn = Database::connect(&db.url).expect("connect");
    let sql = std::fs::read_to_string(here(&format!("{backend}.sql"))).expect("schema file");
    conn.batch_execute(&sql).expect("schema");
    conn
}

/// The inputs of the expected file, and its header.
fn inputs(text: &str) -> (String, Vec<String>) {
    let mut header = String::new();
    let mut inputs: Vec<String> = Vec::new();
    for line in text.lines() {
        if let Some(input) = line.strip_prefix("iex> ") {
            inputs.push(format!("{input}\n"));
        } else if let Some(more) = line.strip_prefix("...> ") {
            if let Some(last) = inputs.last_mut() {
                last.push_str(more);
                last.push('\n');
            }
        } else if inputs.is_empty() {
            header.push_str(line);
            header.push('\n');
        }
    }
    (header, inputs)
}

/// Runs the inputs on `db` with the project at `location`; the transcript text it makes.
fn run(location: Location, db: Database, header: &str, inputs: &[String]) -> String {
    let project = helpdesk::eval::project::load(&location).expect("the introspected project loads");
    let capture = Capture::default();
    let mut session = Session::new(DbSource::Open(Box::new(db)), Box::new(capture.clone()));
    session.interpreter().set_project(project);
    session.interpreter().set_location(location);
    let mut ids = Vec::new();
    let mut text = header.to_string();
    for input in inputs {
        for (i, line) in input.lines().enumerate() {
            text.push_str(if i == 0 { "iex> " } else { "...> " });
            text.push_str(line);
            text.push('\n');
        }
        let outcome = session.eval(input);
        let mut output = String::from_utf8_lossy(&capture.0.borrow()).into_owned();
        capture.0.borrow_mut().clear();
        match outcome {
            Outcome::Value(value) => output.push_str(&format!("{value}\n")),
            Outcome::Nothing => {}
            Outcome::Syntax(error) => {
                output.push_str(&session::syntax_text(&error, input, "iex", session.counter()));
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

/// Panics when `actual` is not `expected`; what later runs must match (the rewritten file
/// under `UPDATE_TRANSCRIPTS=1`).
fn compare(backend: &str, how: &str, expected: &str, actual: &str) -> String {
    if actual == expected {
        return actual.to_string();
    }
    if backend == "sqlite" && how == "introspected" && std::env::var_os("UPDATE_TRANSCRIPTS").is_some() {
        std::fs::write(here("explore.iex"), actual).expect("write explore.iex");
        return actual.to_string();
    }
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(a, b)| a != b)
        .map_or(expected.lines().count().min(actual.lines().count()), |i| i);
    panic!(
        "tests/introspect/explore.iex [{backend}, {how}] differs at line {}:\n--- actual ---\n{actual}",
        line + 1
    );
}

fn check(backend: &str, fresh: impl Fn() -> Option<TempDb>) {
    let Some(first) = fresh() else { return };
    let expected = std::fs::read_to_string(here("explore.iex")).expect("explore.iex");
    let (header, inputs) = inputs(&expected);

    // 1. `--introspect`: the resources straight from the catalog.
    let mut db = shop(&first, backend);
    let catalog = db.introspect("public").expect("catalog");
    let (files, warnings) = introspect::files(&catalog);
    assert_eq!(
        warnings,
        ["Db.Note: table notes has no primary key: read only"],
        "[{backend}]"
    );
    let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        names,
        [
            "lib/db/big_order.ex",
            "lib/db/customer.ex",
            "lib/db/note.ex",
            "lib/db/order_item.ex",
            "lib/db/order.ex",
            "lib/db/product.ex",
            "lib/db/api.ex",
            "lib/db/repo.ex"
        ],
        "[{backend}] schema_migrations is left out"
    );
    let actual = run(Location::Generated(files.clone().into()), db, &header, &inputs);
    let expected = compare(backend, "introspected", &expected, &actual);

    // 2. The project `db introspect --write DIR` writes, read from its files, on a fresh copy.
    let dir = std::env::temp_dir().join(format!("helpdesk-introspect-{}-{backend}", std::process::id()));
    for file in &files {
        let path = dir.join(&file.path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(&path, &file.text).expect("write");
    }
    let Some(second) = fresh() else { return };
    let db = shop(&second, backend);
    let actual = run(Location::Dir(dir.clone()), db, &header, &inputs);
    let _ = std::fs::remove_dir_all(&dir);
    compare(backend, "written project", &expected, &actual);
}

#[test]
fn explore_an_introspected_sqlite_database() {
    check("sqlite", || Some(TempDb::sqlite()));
}

#[test]
fn explore_an_introspected_postgres_database() {
    check("postgres", TempDb::postgres);
}

/// `--schema NAME` on PostgreSQL: the tables of another schema, named with it in every
/// statement (`postgres do schema "sales"`), so the written project reads them too.
#[test]
fn a_postgres_schema_other_than_public() {
    let Some(db) = TempDb::postgres() else { return };
    let mut conn = Database::connect(&db.url).expect("connect");
    conn.batch_execute(
        "CREATE SCHEMA sales;
         CREATE TABLE sales.regions (code TEXT PRIMARY KEY, label TEXT NOT NULL);
         CREATE TABLE sales.reps (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL,
                                  region_code TEXT REFERENCES sales.regions (code));
         CREATE TABLE public.regions (code TEXT PRIMARY KEY);",
    )
    .expect("schema");
    let catalog = conn.introspect("sales").expect("catalog");
    let (files, warnings) = introspect::files(&catalog);
    assert!(warnings.is_empty(), "{warnings:?}");
    let region = files
        .iter()
        .find(|f| f.path == "lib/db/region.ex")
        .expect("region.ex");
    assert!(region.text.contains("    schema \"sales\"\n"), "{}", region.text);
    let inputs: Vec<String> = [
        "Db.Region |> Ash.Changeset.for_create(:create, %{code: \"eu\", label: \"Europe\"}) |> Db.Api.create!() |> then(& &1.code)",
        "Db.Rep |> Ash.Changeset.for_create(:create, %{name: \"Ann\", region_code: \"eu\"}) |> Db.Api.create!() |> then(& &1.id)",
        "require Ash.Query",
        "Db.Rep |> Ash.Query.filter(region.label == \"Europe\") |> Db.Api.read!() |> Enum.map(& &1.name)",
        "Db.Region |> Ash.Query.aggregate(:n, :count, :reps) |> Db.Api.read!() |> Enum.map(&{&1.code, &1.aggregates.n})",
    ]
    .iter()
    .map(|s| format!("{s}\n"))
    .collect();
    let text = run(Location::Generated(files.into()), conn, "", &inputs);
    let outputs: Vec<&str> = text.lines().filter(|l| !l.starts_with("iex> ")).collect();
    assert_eq!(
        outputs,
        ["\"eu\"", "1", "Ash.Query", "[\"Ann\"]", "[{\"eu\", 1}]"],
        "{text}"
    );
}

/// Native column types of a database nobody wrote resources for, on PostgreSQL: a
/// `timestamptz` in a database whose default time zone is not UTC comes back and is compared
/// in UTC; `numeric(10,2)` keeps its scale; `text[]` and `json` round-trip; a row whose every
/// column the database fills is created with `DEFAULT VALUES`.
#[test]
fn native_column_types_of_an_introspected_postgres_database() {
    let Some(db) = TempDb::postgres() else { return };
    let mut conn = Database::connect(&db.url).expect("connect");
    let name = db.url.rsplit('/').next().expect("a database name").to_string();
    conn.batch_execute(&format!(
        "CREATE TABLE events (id BIGSERIAL PRIMARY KEY, at TIMESTAMPTZ NOT NULL DEFAULT now(),
                              amount NUMERIC(10,2), tags TEXT[], data JSON);
         ALTER DATABASE \"{name}\" SET timezone TO 'America/New_York';"
    ))
    .expect("schema");
    // A new connection picks up the database's time zone.
    let conn = Database::connect(&db.url).expect("connect");
    let mut catalog_conn = Database::connect(&db.url).expect("connect");
    let catalog = catalog_conn.introspect("public").expect("catalog");
    let (files, _) = introspect::files(&catalog);
    let inputs: Vec<String> = [
        "require Ash.Query",
        "Db.Event |> Ash.Changeset.for_create(:create, %{at: ~U[2024-01-02 03:04:05.123456Z], amount: \"9.5\", tags: [\"a\"], data: %{\"k\" => 1}}) |> Db.Api.create!() |> then(&{&1.at, &1.amount})",
        "Db.Event |> Ash.Query.filter(at > ~U[2024-01-02 03:00:00Z] and amount >= 9.5 and \"a\" in tags) |> Db.Api.read!() |> Enum.map(&{&1.at, &1.amount, &1.tags, &1.data})",
        "Db.Event |> Ash.Changeset.for_create(:create, %{}) |> Db.Api.create!() |> then(&(abs(DateTime.diff(&1.at, DateTime.utc_now())) < 60))",
    ]
    .iter()
    .map(|s| format!("{s}\n"))
    .collect();
    let text = run(Location::Generated(files.into()), conn, "", &inputs);
    let outputs: Vec<&str> = text.lines().filter(|l| !l.starts_with("iex> ")).collect();
    assert_eq!(
        outputs,
        [
            "Ash.Query",
            "{~U[2024-01-02 03:04:05.123456Z], #Decimal<9.50>}",
            "[{~U[2024-01-02 03:04:05.123456Z], #Decimal<9.50>, [\"a\"], %{\"k\" => 1}}]",
            "true"
        ],
        "{text}"
    );
}
