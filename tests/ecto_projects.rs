//! The public Ash 2.x projects of `tests/projects/` (see its README): each one's own Ecto
//! migrations (`priv/repo/migrations/*.exs`) applied by `helpdesk --project DIR db migrate` on
//! a fresh PostgreSQL database, and the tables that result compared with the newest resource
//! snapshots ash_postgres committed (`priv/resource_snapshots/repo/<table>/<ts>.json`):
//! columns, their types, nullability, primary keys and foreign keys. A project that needs what
//! this machine lacks, or whose migrations hold code outside the Ecto.Migration vocabulary,
//! is expected to stop with its exact `file:line` error and leave nothing behind. Every
//! project with migrations is in the table below: none is skipped.

mod support;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use helpdesk::db::{Catalog, Database};
use support::TempDb;

/// What `db migrate` does for a project.
enum Outcome {
    /// Applies this many migrations and builds the snapshots' tables, but for `differs`:
    /// where the project's own migrations and snapshots disagree (`mix ecto.migrate` builds
    /// the same), each a line of the comparison.
    Builds {
        migrations: usize,
        differs: &'static [&'static str],
        /// `db rollback`, one migration at a time: None when it undoes every migration down to
        /// an empty database, else the error it stops with (an upstream `down` that cannot run).
        rollback: Option<&'static str>,
    },
    /// Stops with this error (stderr contains it) and applies nothing.
    Stops(&'static str),
}

/// Per project: what migrating does on PostgreSQL, then on SQLite (the same Ecto files
/// translated to the shell's SQLite storage; extensions are PostgreSQL's and skipped there).
const PROJECTS: &[(&str, Outcome, Outcome)] = &[
    (
        "team-alembic__realworld",
        Outcome::Builds {
            migrations: 14,
            // `rename table(:users), :password, to: :hashed_password` (20230131060050) is all
            // ash_postgres wrote; the snapshot says `allow_nil? false`, no migration does.
            differs: &[
                "team-alembic__realworld/priv/resource_snapshots/repo/users/20230223224415.json: \
                 users.hashed_password not null is false (snapshot: true)",
            ],
            // Its `down` adds the primary key back while `favorites` still has one.
            rollback: Some(
                "20230216031615_remove_favorite_id.exs:22: multiple primary keys for table \"favorites\" are not allowed",
            ),
        },
        Outcome::Builds {
            migrations: 14,
            differs: &[
                "team-alembic__realworld/priv/resource_snapshots/repo/users/20230223224415.json: \
                 users.hashed_password not null is false (snapshot: true)",
            ],
            // Its `down` indexes `email`, which its `up` removed (SQLite gets past the primary
            // key PostgreSQL stops at, as a rebuild replaces the key).
            rollback: Some("20230131233701_update_users.exs:19: no such column: email"),
        },
    ),
    (
        "terrible-hq__terrible",
        Outcome::Builds {
            migrations: 18,
            differs: &[],
            rollback: None,
        },
        Outcome::Builds {
            migrations: 18,
            differs: &[],
            rollback: None,
        },
    ),
    (
        "xshyne88__digsync",
        // PostGIS is not installed on the test server; the run is one transaction, so the
        // migration before it is not kept either.
        Outcome::Stops(
            "priv/repo/migrations/20230705000704_add_postgis.exs:5: extension \"postgis\" is not available",
        ),
        Outcome::Builds {
            migrations: 3,
            differs: &[],
            rollback: None,
        },
    ),
    (
        "sduduzog__gits",
        Outcome::Builds {
            migrations: 2,
            differs: &[],
            rollback: None,
        },
        Outcome::Builds {
            migrations: 2,
            differs: &[],
            rollback: None,
        },
    ),
    (
        // Drops `channel_member_pkey` to give the table an `id` key (SQLite: the key rebuilt),
        // and installs ash_postgres's `ash-functions` (SQLite: skipped).
        "bahalperin__phoenix-ash-chat",
        Outcome::Builds {
            migrations: 16,
            differs: &[],
            rollback: None,
        },
        Outcome::Builds {
            migrations: 16,
            differs: &[],
            rollback: None,
        },
    ),
    (
        "peterfication__peak_tracker_backend",
        Outcome::Builds {
            migrations: 14,
            differs: &[],
            rollback: None,
        },
        Outcome::Builds {
            migrations: 14,
            differs: &[],
            rollback: None,
        },
    ),
    (
        "scflode__ash_playground",
        Outcome::Builds {
            migrations: 5,
            differs: &[],
            rollback: None,
        },
        Outcome::Builds {
            migrations: 5,
            differs: &[],
            rollback: None,
        },
    ),
    (
        "funyx__elixir-graphql/helpdesk",
        Outcome::Builds {
            migrations: 1,
            differs: &[],
            rollback: None,
        },
        Outcome::Builds {
            migrations: 1,
            differs: &[],
            rollback: None,
        },
    ),
    (
        "dev-guy__phoenix-ash-svelte-flowbite",
        Outcome::Builds {
            migrations: 3,
            differs: &[],
            rollback: None,
        },
        Outcome::Builds {
            migrations: 3,
            differs: &[],
            rollback: None,
        },
    ),
    (
        "ash-project__ash_hq",
        Outcome::Stops(ASH_HQ_FOR),
        Outcome::Stops(ASH_HQ_FOR),
    ),
];

const ASH_HQ_FOR: &str = "priv/repo/migrations/20220330010101_add_tsvector_indices.exs:15: a `for` comprehension in a \
                          migration is outside the Ecto.Migration vocabulary helpdesk reads";

fn projects_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/projects")
}

/// The SQLite column type of a snapshot attribute type (the shell's SQLite storage).
fn expected_sqlite_type(ty: &serde_json::Value) -> String {
    if ty.get("array").is_some() {
        return "text".into();
    }
    match ty.as_str().unwrap_or("?") {
        "bigint" | "integer" | "smallint" => "integer".into(),
        "boolean" => "boolean".into(),
        "float" => "real".into(),
        "binary" => "blob".into(),
        _ => "text".into(),
    }
}

/// The PostgreSQL column type (as `format_type` names it) of a snapshot attribute type.
fn expected_type(ty: &serde_json::Value) -> String {
    if let Some(item) = ty.get("array") {
        return format!("{}[]", expected_type(item));
    }
    match ty.as_str().unwrap_or("?") {
        "utc_datetime_usec" | "naive_datetime_usec" => "timestamp without time zone".into(),
        "utc_datetime" | "naive_datetime" => "timestamp(0) without time zone".into(),
        "time" => "time(0) without time zone".into(),
        "time_usec" => "time without time zone".into(),
        "map" => "jsonb".into(),
        "decimal" => "numeric".into(),
        "float" => "double precision".into(),
        "binary" => "bytea".into(),
        other => other.to_string(),
    }
}

/// The newest snapshot of each table of the project's `repo`: file name → JSON.
fn newest_snapshots(project: &Path) -> Vec<(String, serde_json::Value)> {
    let root = project.join("priv/resource_snapshots/repo");
    let mut out = Vec::new();
    let mut tables: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    tables.sort();
    for table in tables {
        let newest = std::fs::read_dir(&table)
            .expect("snapshot dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter_map(|p: PathBuf| {
                let stem = p.file_stem()?.to_str()?.parse::<u64>().ok()?;
                (p.extension()? == "json").then_some((stem, p))
            })
            .max();
        let Some((_, path)) = newest else { continue };
        let text = std::fs::read_to_string(&path).expect("snapshot");
        let json: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        out.push((path.display().to_string(), json));
    }
    out
}

/// Differences between a snapshot and the database's table, one line each.
fn compare(file: &str, snapshot: &serde_json::Value, catalog: &Catalog) -> Vec<String> {
    let mut problems = Vec::new();
    let name = snapshot["table"].as_str().unwrap_or("?");
    let Some(table) = catalog.tables.iter().find(|t| t.name == name) else {
        return vec![format!("{file}: table {name} was not created")];
    };
    let attributes = snapshot["attributes"].as_array().cloned().unwrap_or_default();
    let mut keys = Vec::new();
    for attribute in &attributes {
        let source = attribute["source"].as_str().unwrap_or("?");
        let Some(column) = table.columns.iter().find(|c| c.name == source) else {
            problems.push(format!("{file}: {name}.{source} is missing"));
            continue;
        };
        let want = if catalog.postgres {
            expected_type(&attribute["type"])
        } else {
            expected_sqlite_type(&attribute["type"])
        };
        if column.sql_type != want {
            problems.push(format!(
                "{file}: {name}.{source} is {} (snapshot: {want})",
                column.sql_type
            ));
        }
        let primary = attribute["primary_key?"].as_bool() == Some(true);
        let not_null = attribute["allow_nil?"].as_bool() == Some(false) || primary;
        if column.not_null != not_null {
            problems.push(format!(
                "{file}: {name}.{source} not null is {} (snapshot: {not_null})",
                column.not_null
            ));
        }
        if primary {
            keys.push(source.to_string());
        }
        if let Some(reference) = attribute["references"].as_object() {
            let fk_name = reference["name"].as_str().unwrap_or("?");
            let target = reference["table"].as_str().unwrap_or("?");
            // SQLite does not keep constraint names: its keys are found by column.
            let found = table
                .foreign_keys
                .iter()
                .find(|fk| fk.name == fk_name || (!catalog.postgres && fk.columns == [source]));
            match found {
                Some(fk) if fk.table == target && fk.columns == [source] => {}
                Some(fk) => problems.push(format!(
                    "{file}: {name}.{fk_name} is {fk:?} (snapshot: {source} → {target})"
                )),
                None => problems.push(format!("{file}: {name} lacks foreign key {fk_name}")),
            }
        }
    }
    for column in &table.columns {
        if !attributes
            .iter()
            .any(|a| a["source"].as_str() == Some(column.name.as_str()))
        {
            problems.push(format!("{file}: {name}.{} is not in the snapshot", column.name));
        }
    }
    let mut have = table.primary_key.clone();
    have.sort();
    keys.sort();
    if have != keys {
        problems.push(format!(
            "{file}: {name} primary key is {have:?} (snapshot: {keys:?})"
        ));
    }
    problems
}

fn migrate(project: &Path, url: &str) -> std::process::Output {
    helpdesk(project, url, &["db", "migrate"])
}

fn helpdesk(project: &Path, url: &str, args: &[&str]) -> std::process::Output {
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

#[test]
fn every_project_with_migrations_is_in_the_table() {
    for entry in std::fs::read_dir(projects_dir()).expect("tests/projects") {
        let dir = entry.expect("entry").path();
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
        let has_ecto = walk_has(&dir, "migrations", "exs");
        if has_ecto {
            assert!(
                PROJECTS
                    .iter()
                    .any(|(p, _, _)| p.split('/').next() == Some(name.as_str())),
                "{name} has Ecto migrations but no expected outcome in PROJECTS"
            );
        }
    }
}

fn walk_has(dir: &Path, parent: &str, ext: &str) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        let path = e.path();
        if path.is_dir() {
            walk_has(&path, parent, ext)
        } else {
            path.extension().is_some_and(|x| x == ext)
                && path
                    .parent()
                    .and_then(|p| p.file_name())
                    .is_some_and(|n| n == parent)
        }
    })
}

/// Rolls back every migration, one `db rollback` at a time: the database ends empty, or the
/// rollback stops with the expected error.
fn roll_back_all(
    name: &str,
    backend: &str,
    project: &Path,
    url: &str,
    migrations: usize,
    expected: Option<&str>,
) -> Vec<String> {
    for _ in 0..migrations {
        let output = helpdesk(project, url, &["db", "rollback"]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            return match expected {
                Some(error) if stderr.contains(error) => Vec::new(),
                _ => vec![format!(
                    "{name} [{backend}]: rollback failed: {stderr} (expected: {expected:?})"
                )],
            };
        }
    }
    if let Some(error) = expected {
        return vec![format!(
            "{name} [{backend}]: every rollback ran, expected: {error}"
        )];
    }
    let mut database = Database::connect(url).expect("connect");
    let left: Vec<String> = database
        .introspect("public")
        .expect("introspect")
        .tables
        .into_iter()
        .map(|t| t.name)
        .filter(|n| n != "schema_migrations" && n != "sqlite_sequence")
        .collect();
    if left.is_empty() {
        Vec::new()
    } else {
        vec![format!(
            "{name} [{backend}]: rolling everything back left {left:?}"
        )]
    }
}

fn check_projects(backend: &str) {
    let mut failures = Vec::new();
    for (name, on_postgres, on_sqlite) in PROJECTS {
        let (db, outcome) = if backend == "postgres" {
            let Some(db) = TempDb::postgres() else { return };
            (db, on_postgres)
        } else {
            (TempDb::sqlite(), on_sqlite)
        };
        let project = projects_dir().join(name);
        let output = migrate(&project, &db.url);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let mut database = Database::connect(&db.url).expect("connect");
        let mut catalog = database.introspect("public").expect("introspect");
        catalog
            .tables
            .retain(|t| t.name != "schema_migrations" && t.name != "sqlite_sequence");
        match outcome {
            Outcome::Builds {
                migrations,
                differs,
                rollback,
            } => {
                let applied = stdout.lines().filter(|l| l.starts_with("Applied ")).count();
                if !output.status.success() || applied != *migrations {
                    failures.push(format!(
                        "{name} [{backend}]: expected {migrations} migrations applied, got:\n{stdout}{stderr}"
                    ));
                    continue;
                }
                let mut found = Vec::new();
                for (file, snapshot) in newest_snapshots(&project) {
                    let file = file.rsplit("tests/projects/").next().unwrap_or(&file).to_string();
                    found.extend(compare(&file, &snapshot, &catalog));
                }
                if found != *differs {
                    failures.push(format!(
                        "{name} [{backend}]: expected the differences {differs:#?}\ngot {found:#?}"
                    ));
                }
                // Ecto's bookkeeping: one row per migration file, by its version.
                let again = migrate(&project, &db.url);
                if String::from_utf8_lossy(&again.stdout) != "Already up to date\n" {
                    failures.push(format!(
                        "{name} [{backend}]: a second migrate did something: {again:?}"
                    ));
                }
                failures.extend(roll_back_all(
                    name,
                    backend,
                    &project,
                    &db.url,
                    *migrations,
                    *rollback,
                ));
            }
            Outcome::Stops(error) => {
                if output.status.success() || !stderr.contains(error) {
                    failures.push(format!(
                        "{name} [{backend}]: expected the error\n  {error}\ngot:\n{stdout}{stderr}"
                    ));
                }
                if !catalog.tables.is_empty() {
                    let names: Vec<&str> = catalog.tables.iter().map(|t| t.name.as_str()).collect();
                    failures.push(format!(
                        "{name} [{backend}]: a failed migrate left tables behind: {names:?}"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn public_projects_migrate_to_their_snapshots_on_postgres() {
    check_projects("postgres");
}

#[test]
fn public_projects_migrate_to_their_snapshots_on_sqlite() {
    check_projects("sqlite");
}
