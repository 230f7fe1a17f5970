//! The Ecto reader's refusals (`file:line` and what), `change` reversed as Ecto reverses it,
//! repo directory names, and which set applies to a project.

use super::ecto::{self, LineError};
use super::ops::{Change, OpKind};
use super::{Bookkeeping, Set, repo_dir_name};
use crate::project::Location;

fn module(body: &str) -> String {
    format!("defmodule M do\n  use Ecto.Migration\n\n{body}\nend\n")
}

/// (module body, line, message start): what is outside the vocabulary stops at its line.
const REFUSED: &[(&str, usize, &str)] = &[
    (
        "  def change do\n    for t <- [:a, :b] do\n      execute(\"x\")\n    end\n  end",
        5,
        "a `for` comprehension in a migration is outside",
    ),
    (
        "  def up do\n    Oban.Migration.up(version: 11)\n  end",
        5,
        "a call to `Oban.Migration.up/1` in a migration",
    ),
    (
        "  def up do\n    query = 1\n  end",
        5,
        "a match (`=`) in a migration",
    ),
    (
        "  def up do\n    execute \"UPDATE #{@table} SET a = 1\"\n  end",
        5,
        "string interpolation in the SQL of `execute`",
    ),
    (
        "  def up do\n    create table(:t) do\n      add :a, :text, colour: :red\n    end\n  end",
        6,
        "column option `colour:` is not supported",
    ),
    (
        "  def up do\n    alter table(:t) do\n      add :a, some_type()\n    end\n  end",
        6,
        "a call to `some_type/0` as a column type",
    ),
    (
        "  def up do\n    create table(:t) do\n      modify :a, :text\n    end\n  end",
        6,
        "a call to `modify/2` in a `create table` block",
    ),
    (
        "  def down do\n  end",
        1,
        "the migration defines neither `change` nor `up`",
    ),
    ("  def up do\n    create table(:t\n  end", 0, "syntax error"),
];

#[test]
fn what_is_outside_the_vocabulary_is_refused_at_its_line() {
    for (body, line, message) in REFUSED {
        match ecto::read(&module(body)) {
            Err(LineError {
                line: got,
                message: said,
            }) => {
                assert!(said.starts_with(message), "{body}\n  said: {said}");
                if *line > 0 {
                    assert_eq!(got, *line, "{body}: {said}");
                }
            }
            Ok(read) => panic!("{body} was read: {read:?}"),
        }
    }
}

#[test]
fn change_is_reversed_as_ecto_reverses_it() {
    let text = module(
        "  def change do\n    create table(:a) do\n      add :x, :text\n    end\n    alter table(:b) do\n      add :y, :text\n      modify :z, :text, from: :string\n    end\n    create index(:a, [:x])\n    execute(\"up\", \"down\")\n  end",
    );
    let migration = ecto::read(&text).expect("read");
    let down = migration.down.expect("reversible");
    let kinds: Vec<String> = down
        .iter()
        .map(|op| match &op.kind {
            OpKind::Execute { sql, .. } => format!("execute {sql}"),
            OpKind::DropIndex { index, .. } => format!("drop index {}", index.name),
            OpKind::AlterTable { changes, .. } => changes
                .iter()
                .map(|c| match c {
                    Change::Modify { column, .. } => format!("modify {} {:?}", column.name, column.ty),
                    Change::Remove { name, .. } => format!("remove {name}"),
                    Change::Add { column, .. } => format!("add {}", column.name),
                })
                .collect::<Vec<_>>()
                .join(", "),
            OpKind::DropTable { table, .. } => format!("drop table {}", table.name),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "execute down",
            "drop index a_x_index",
            "modify z Named(\"string\"), remove y",
            "drop table a",
        ]
    );
    // What Ecto cannot reverse stops the rollback at its line.
    let text = module(
        "  def change do\n    alter table(:b) do\n      modify :z, :text\n    end\n    execute(\"x\")\n  end",
    );
    let error = ecto::read(&text).expect("read").down.expect_err("irreversible");
    assert_eq!(error.line, 8, "{error:?}");
    assert!(error.message.contains("`execute/1`"), "{error:?}");
}

#[test]
fn up_and_down_are_read_as_written() {
    let text = module(
        "  @disable_ddl_transaction true\n  @disable_migration_lock true\n\n  def up do\n    drop table(:a)\n  end\n\n  def down do\n    raise \"cannot\"\n  end",
    );
    let migration = ecto::read(&text).expect("read");
    assert!(migration.disable_ddl_transaction && migration.disable_migration_lock);
    assert!(matches!(migration.up[0].kind, OpKind::DropTable { .. }));
    assert!(
        matches!(&migration.down.expect("down")[0].kind, OpKind::Raise { message } if message == "cannot")
    );
}

#[test]
fn repo_directories_are_named_as_ecto_names_them() {
    for (module, dir) in [
        ("Support.Repo", "repo"),
        ("MyApp.SupportRepo", "support_repo"),
        ("AshHq.SqliteRepo", "sqlite_repo"),
        ("HTTPRepo", "http_repo"),
    ] {
        assert_eq!(repo_dir_name(module), dir, "{module}");
    }
}

#[test]
fn which_set_applies() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/projects");
    let find = |dir: &str, backend: &str| Set::find(&Location::Dir(root.join(dir)), backend);
    assert_eq!(Set::find(&Location::Bundled, "sqlite"), Set::Embedded);
    // A Mix project with Ecto migrations: those on PostgreSQL, and translated on SQLite when it
    // has no migrations/sqlite/.
    for backend in ["postgres", "sqlite"] {
        assert!(
            matches!(find("team-alembic__realworld", backend), Set::Ecto { dir, .. } if dir.ends_with("priv/repo/migrations"))
        );
    }
    // A project with diesel-format migrations.
    assert!(
        matches!(find("own__keys", "sqlite"), Set::Diesel { dir, .. } if dir.ends_with("migrations/sqlite"))
    );
    assert!(
        matches!(find("own__keys", "postgres"), Set::Diesel { dir, .. } if dir.ends_with("migrations/postgres"))
    );
    // A Mix project with both kinds (what `helpdesk new` writes): Ecto on PostgreSQL and diesel
    // on SQLite for a new database; a database that already keeps one kind's bookkeeping alone
    // keeps that kind, so its tables are not created a second time.
    let chapter = root.join("own__helpdesk_plus");
    let both = std::env::temp_dir().join(format!("helpdesk_set_both_{}", std::process::id()));
    std::fs::create_dir_all(both.join("priv/repo/migrations")).expect("scratch");
    std::fs::create_dir_all(both.join("migrations/postgres")).expect("scratch");
    std::fs::create_dir_all(both.join("migrations/sqlite")).expect("scratch");
    std::fs::write(both.join("mix.exs"), "defmodule X.MixProject do\nend\n").expect("scratch");
    std::fs::write(both.join("priv/repo/migrations/20221104000000_x.exs"), "").expect("scratch");
    let at = Location::Dir(both.clone());
    // (set chosen, whether the database was asked)
    let kind = |location: &Location, backend: &str, ecto: bool, diesel: bool| {
        let mut asked = false;
        let found: Result<Set, ()> = Set::find_with(location, backend, || {
            asked = true;
            Ok(Bookkeeping { ecto, diesel })
        });
        let name = match found {
            Ok(Set::Ecto { .. }) => "ecto",
            Ok(Set::Diesel { .. }) => "diesel",
            Ok(Set::Embedded) => "embedded",
            Ok(Set::None) => "none",
            Err(()) => "error",
        };
        (name, asked)
    };
    for (backend, ecto, diesel, expected) in [
        ("postgres", false, false, "ecto"),
        ("postgres", false, true, "diesel"),
        ("postgres", true, false, "ecto"),
        ("postgres", true, true, "ecto"),
        ("sqlite", false, false, "diesel"),
        ("sqlite", true, false, "ecto"),
        ("sqlite", false, true, "diesel"),
        ("sqlite", true, true, "diesel"),
    ] {
        assert_eq!(
            kind(&at, backend, ecto, diesel),
            (expected, true),
            "{backend} ecto={ecto} diesel={diesel}"
        );
    }
    // A project with one kind, or none, never asks the database.
    assert_eq!(
        kind(&Location::Dir(chapter), "postgres", false, true),
        ("diesel", false)
    );
    assert_eq!(
        kind(&Location::Bundled, "postgres", true, false),
        ("embedded", false)
    );
    let _ = std::fs::remove_dir_all(&both);
    // No migrations at all: nothing.
    let scratch = std::env::temp_dir().join(format!("helpdesk_set_{}", std::process::id()));
    std::fs::create_dir_all(scratch.join("lib")).expect("scratch");
    assert_eq!(Set::find(&Location::Dir(scratch.clone()), "sqlite"), Set::None);
    let _ = std::fs::remove_dir_all(&scratch);
}

/// Every Ecto migration of the public projects in `tests/projects/` reads, `up` and `down`,
/// but for these hand-written ones with code in them (`file:line: what`).
const UNREADABLE: &[&str] = &[
    "ash-project__ash_hq/priv/repo/migrations/20220330010101_add_tsvector_indices.exs:15: a `for` comprehension",
    "ash-project__ash_hq/priv/repo/migrations/20220721171454_remove_search_indexes.exs:15: a `for` comprehension",
    "ash-project__ash_hq/priv/repo/migrations/20221103054629_remove_md_from_guide_path.exs:7: a match (`=`)",
    "ash-project__ash_hq/priv/repo/migrations/20221103061339_migrate_resources31.exs:19: a match (`=`)",
    "ash-project__ash_hq/priv/repo/migrations/20231206220717_add_oban_jobs_table.exs:9: a call to `Oban.Migration.down/1`",
];

#[test]
fn the_public_projects_migrations_read_but_those_with_code() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/projects");
    let mut dirs = vec![root.clone()];
    let mut unreadable = Vec::new();
    let mut read = 0;
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !(name.ends_with(".exs") && name.starts_with(|c: char| c.is_ascii_digit())) {
                continue;
            }
            let shown = path.strip_prefix(&root).unwrap_or(&path).display().to_string();
            let text = std::fs::read_to_string(&path).expect("file");
            match ecto::read(&text) {
                Ok(migration) => match migration.down {
                    Ok(_) => read += 1,
                    Err(e) => unreadable.push(format!("{shown}:{}: down: {}", e.line, e.message)),
                },
                Err(e) => unreadable.push(format!("{shown}:{}: {}", e.line, e.message)),
            }
        }
    }
    unreadable.sort();
    assert_eq!(unreadable.len(), UNREADABLE.len(), "{unreadable:#?}");
    for (got, want) in unreadable.iter().zip(UNREADABLE) {
        assert!(got.starts_with(want), "{got}\n  expected: {want}");
    }
    assert_eq!(read, 147 - UNREADABLE.len());
}
