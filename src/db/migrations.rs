//! Applying, listing and reverting a project's migrations (`migration::Set`): the bundled
//! chapter's embedded ones and a project's diesel-format `migrations/<backend>/` through
//! diesel's harness (its `__diesel_schema_migrations` bookkeeping), a Mix project's Ecto
//! migrations with Ecto's own `schema_migrations` (`version bigint primary key, inserted_at
//! timestamp(0)`), so `mix ecto.migrate` and helpdesk share one database.
//!
//! Every run is ONE transaction holding a write lock (SQLite `BEGIN IMMEDIATE`, PostgreSQL an
//! advisory lock, and for Ecto also the `LOCK TABLE schema_migrations` Ecto takes): a migration
//! that fails leaves nothing of the run behind, and two shells migrating at once apply each
//! migration once. Ecto files are read (and every pending one planned) before the first
//! statement is sent. It knows nothing about the tables' contents.

use std::path::Path;

use diesel::migration::{Migration, MigrationSource, MigrationVersion};
use diesel::{Connection, RunQueryDsl};
use diesel_migrations::{EmbeddedMigrations, FileBasedMigrations, MigrationHarness, embed_migrations};

use super::connection::AnyConnection;
use super::ddl::Planned;
use super::sql::{Bind, Statement};
use super::{Backend, DbError, DbValue};
use crate::migration::{Bookkeeping, EctoFile, Set};
use crate::model::Type;

const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Which migrations are applied and which are pending, by name (`2025-11-25-000001_create_users`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MigrationStatus {
    pub applied: Vec<String>,
    pub pending: Vec<String>,
}

fn failed(e: impl std::fmt::Display) -> DbError {
    DbError::Migration(e.to_string())
}

/// The full name (`2025-11-25-000001_create_users`) of the migration with this version.
fn name_of<B: diesel::backend::Backend, S: MigrationSource<B>>(
    source: &S,
    version: &MigrationVersion<'_>,
) -> String {
    let all = source.migrations().unwrap_or_default();
    all.iter()
        .find(|m| m.name().version() == *version)
        .map_or_else(|| version.to_string(), |m| m.name().to_string())
}

/// Runs the pending migrations one by one; a failure names the migration (and its file when
/// it was read from disk) and the database's error.
fn run_on<C: MigrationHarness<B>, B: diesel::backend::Backend, S: MigrationSource<B>>(
    c: &mut C,
    source: &dyn Fn() -> S,
    shown: Option<&str>,
) -> Result<Vec<String>, DbError> {
    let pending = c.pending_migrations(source()).map_err(failed)?;
    let mut done = Vec::new();
    for migration in &pending {
        let name = migration.name().to_string();
        c.run_migration(&**migration).map_err(|e| {
            let message = e.to_string();
            let message = message
                .strip_prefix(&format!("Failed to run {name} with: "))
                .unwrap_or(&message)
                .to_string();
            match shown {
                Some(dir) => DbError::Migration(format!("{dir}/{name}/up.sql: {message}")),
                None => DbError::Migration(format!("{name}: {message}")),
            }
        })?;
        done.push(name);
    }
    Ok(done)
}

fn revert_on<C: MigrationHarness<B>, B: diesel::backend::Backend, S: MigrationSource<B>>(
    c: &mut C,
    source: &dyn Fn() -> S,
) -> Result<String, DbError> {
    let version = c.revert_last_migration(source()).map_err(failed)?;
    Ok(name_of::<B, S>(&source(), &version))
}

fn status_on<C: MigrationHarness<B>, B: diesel::backend::Backend, S: MigrationSource<B>>(
    c: &mut C,
    source: &dyn Fn() -> S,
) -> Result<MigrationStatus, DbError> {
    let applied = c.applied_migrations().map_err(failed)?;
    let pending = c.pending_migrations(source()).map_err(failed)?;
    let mut applied: Vec<String> = applied.iter().map(|v| name_of::<B, S>(&source(), v)).collect();
    applied.sort();
    Ok(MigrationStatus {
        applied,
        pending: pending.iter().map(|m| m.name().to_string()).collect(),
    })
}

/// Key of the PostgreSQL advisory lock held while migrating.
const MIGRATION_LOCK: i64 = 0x6865_6c70_6465_736b; // "helpdesk"

/// A failure inside the migration transaction: of the transaction itself or of a migration.
enum Locked {
    Diesel(diesel::result::Error),
    Migration(DbError),
}

impl From<diesel::result::Error> for Locked {
    fn from(e: diesel::result::Error) -> Self {
        Locked::Diesel(e)
    }
}

impl From<Locked> for DbError {
    fn from(e: Locked) -> Self {
        match e {
            Locked::Diesel(e) => failed(e),
            Locked::Migration(e) => e,
        }
    }
}

/// Applies the pending migrations in one transaction that holds a write lock (SQLite
/// `BEGIN IMMEDIATE`, PostgreSQL advisory lock), so two shells starting at once on a new
/// database do not both create the tables: the second waits, then finds nothing pending.
/// SQLite checks first, so an up-to-date read-only file needs no write lock; PostgreSQL locks
/// first, as even creating diesel's bookkeeping table races there.
/// A diesel-format source: the embedded chapter's, or a project's directory.
enum DieselSource {
    Embedded,
    Files {
        migrations: FileBasedMigrations,
        shown: String,
    },
}

impl DieselSource {
    fn of(set: &Set) -> Result<Option<DieselSource>, DbError> {
        Ok(match set {
            Set::Embedded => Some(DieselSource::Embedded),
            Set::Diesel { dir, shown } => Some(DieselSource::Files {
                migrations: FileBasedMigrations::from_path(dir)
                    .map_err(|e| DbError::Migration(format!("{shown}: {e}")))?,
                shown: shown.clone(),
            }),
            Set::Ecto { .. } | Set::None => None,
        })
    }
}

/// Runs `body` in one transaction holding SQLite's write lock. Table rebuilds drop and rename
/// tables others reference: foreign keys are off for the run (SQLite only changes that
/// outside a transaction; with them on, dropping the old copy of a parent table would run its
/// `ON DELETE CASCADE` on the children) and checked before commit, as SQLite documents.
fn sqlite_locked<T>(
    c: &mut diesel::SqliteConnection,
    body: impl FnOnce(&mut diesel::SqliteConnection) -> Result<T, DbError>,
) -> Result<T, DbError> {
    diesel::sql_query("PRAGMA foreign_keys = OFF")
        .execute(c)
        .map_err(failed)?;
    let result = c
        .immediate_transaction(|c| {
            let value = body(c).map_err(Locked::Migration)?;
            check_foreign_keys(c).map_err(Locked::Migration)?;
            Ok::<T, Locked>(value)
        })
        .map_err(DbError::from);
    let restored = diesel::sql_query("PRAGMA foreign_keys = ON").execute(c);
    let value = result?;
    restored.map_err(failed)?;
    Ok(value)
}

/// Runs `body` in one transaction holding the migration advisory lock.
fn pg_locked<T>(
    c: &mut diesel::PgConnection,
    body: impl FnOnce(&mut diesel::PgConnection) -> Result<T, DbError>,
) -> Result<T, DbError> {
    c.transaction(|c| {
        diesel::sql_query(format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")).execute(c)?;
        body(c).map_err(Locked::Migration)
    })
    .map_err(DbError::from)
}

/// Applies the pending migrations of `set` in one transaction that holds a write lock (SQLite
/// `BEGIN IMMEDIATE`, PostgreSQL advisory lock), so two shells starting at once on a new
/// database do not both create the tables: the second waits, then finds nothing pending.
/// SQLite checks first, so an up-to-date read-only file needs no write lock; PostgreSQL locks
/// first, as even creating the bookkeeping table races there.
pub(crate) fn run_pending(conn: &mut AnyConnection, set: &Set) -> Result<Vec<String>, DbError> {
    if let Set::Ecto { dir, shown } = set {
        return ecto_run_pending(conn, dir, shown);
    }
    let Some(source) = DieselSource::of(set)? else {
        return Ok(Vec::new());
    };
    match (conn, &source) {
        (AnyConnection::Sqlite(c), DieselSource::Embedded) => {
            if status_on(c, &|| SQLITE)?.pending.is_empty() {
                return Ok(Vec::new());
            }
            sqlite_locked(c, |c| run_on(c, &|| SQLITE, None))
        }
        (AnyConnection::Sqlite(c), DieselSource::Files { migrations, shown }) => {
            if status_on(c, &|| migrations.clone())?.pending.is_empty() {
                return Ok(Vec::new());
            }
            sqlite_locked(c, |c| run_on(c, &|| migrations.clone(), Some(shown)))
        }
        (AnyConnection::Postgresql(c), DieselSource::Embedded) => {
            pg_locked(c, |c| run_on(c, &|| POSTGRES, None))
        }
        (AnyConnection::Postgresql(c), DieselSource::Files { migrations, shown }) => {
            pg_locked(c, |c| run_on(c, &|| migrations.clone(), Some(shown)))
        }
    }
}

/// Reverts the last applied migration of `set` (under the same lock); returns its name.
pub(crate) fn revert_last(conn: &mut AnyConnection, set: &Set) -> Result<String, DbError> {
    if let Set::Ecto { dir, shown } = set {
        return ecto_revert_last(conn, dir, shown);
    }
    let Some(source) = DieselSource::of(set)? else {
        return Err(DbError::Migration("this project has no migrations".into()));
    };
    match (conn, &source) {
        (AnyConnection::Sqlite(c), DieselSource::Embedded) => sqlite_locked(c, |c| revert_on(c, &|| SQLITE)),
        (AnyConnection::Sqlite(c), DieselSource::Files { migrations, .. }) => {
            sqlite_locked(c, |c| revert_on(c, &|| migrations.clone()))
        }
        (AnyConnection::Postgresql(c), DieselSource::Embedded) => {
            pg_locked(c, |c| revert_on(c, &|| POSTGRES))
        }
        (AnyConnection::Postgresql(c), DieselSource::Files { migrations, .. }) => {
            pg_locked(c, |c| revert_on(c, &|| migrations.clone()))
        }
    }
}

/// Which migrations of `set` are applied and which pending.
pub(crate) fn status(conn: &mut AnyConnection, set: &Set) -> Result<MigrationStatus, DbError> {
    if let Set::Ecto { dir, .. } = set {
        return ecto_status(conn, dir);
    }
    let Some(source) = DieselSource::of(set)? else {
        return Ok(MigrationStatus::default());
    };
    match (conn, &source) {
        (AnyConnection::Sqlite(c), DieselSource::Embedded) => status_on(c, &|| SQLITE),
        (AnyConnection::Sqlite(c), DieselSource::Files { migrations, .. }) => {
            status_on(c, &|| migrations.clone())
        }
        (AnyConnection::Postgresql(c), DieselSource::Embedded) => status_on(c, &|| POSTGRES),
        (AnyConnection::Postgresql(c), DieselSource::Files { migrations, .. }) => {
            status_on(c, &|| migrations.clone())
        }
    }
}

// ---- Ecto migrations --------------------------------------------------------------------

fn backend_of(conn: &AnyConnection) -> Backend {
    match conn {
        AnyConnection::Postgresql(_) => Backend::Postgres,
        AnyConnection::Sqlite(_) => Backend::Sqlite,
    }
}

/// Ecto's bookkeeping table, as `mix ecto.migrate` creates it.
fn schema_migrations_ddl(backend: Backend) -> &'static str {
    match backend {
        Backend::Postgres => {
            "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint NOT NULL PRIMARY KEY, inserted_at timestamp(0))"
        }
        Backend::Sqlite => {
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, inserted_at TEXT)"
        }
    }
}

fn sql(conn: &mut AnyConnection, text: &str) -> Result<(), DbError> {
    use diesel::connection::SimpleConnection;
    conn.batch_execute(text).map_err(DbError::from_diesel)
}

/// Whether the database holds the table `name` (in the current schema on PostgreSQL).
fn has_table(conn: &mut AnyConnection, name: &str) -> Result<bool, DbError> {
    let backend = backend_of(conn);
    let mut exists = Statement::new(backend);
    exists.push(match backend {
        Backend::Postgres => {
            "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = "
        }
        Backend::Sqlite => "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ",
    });
    exists.bind(Bind::Text(name.to_string()));
    let found = exists
        .load(conn, &[Type::Integer])
        .map_err(DbError::from_diesel)??;
    Ok(matches!(found.first().and_then(|r| r.first()), Some(DbValue::Int(n)) if *n > 0))
}

/// Which bookkeeping tables the database holds (`migration::Set::find_with`).
pub(crate) fn bookkeeping(conn: &mut AnyConnection) -> Result<Bookkeeping, DbError> {
    Ok(Bookkeeping {
        ecto: has_table(conn, "schema_migrations")?,
        diesel: has_table(conn, "__diesel_schema_migrations")?,
    })
}

/// The applied versions, ascending; None when there is no `schema_migrations` table yet.
fn ecto_applied(conn: &mut AnyConnection) -> Result<Option<Vec<i64>>, DbError> {
    if !has_table(conn, "schema_migrations")? {
        return Ok(None);
    }
    let mut select = Statement::new(backend_of(conn));
    select.push("SELECT version FROM schema_migrations ORDER BY version");
    let rows = select
        .load(conn, &[Type::Integer])
        .map_err(DbError::from_diesel)??;
    Ok(Some(
        rows.iter()
            .filter_map(|r| match r.first() {
                Some(DbValue::Int(v)) => Some(*v),
                _ => None,
            })
            .collect(),
    ))
}

/// Runs `body` inside one transaction holding the migration locks, with `schema_migrations`
/// created and locked as Ecto locks it (`SHARE UPDATE EXCLUSIVE`, so `mix ecto.migrate`
/// waits for helpdesk and the other way round).
fn ecto_locked<T>(
    conn: &mut AnyConnection,
    body: impl FnOnce(&mut AnyConnection, Vec<i64>) -> Result<T, DbError>,
) -> Result<T, DbError> {
    let backend = backend_of(conn);
    let begin = match backend {
        Backend::Postgres => format!("BEGIN; SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"),
        // Table rebuilds drop and rename tables others reference: foreign keys are off for
        // the run (SQLite only changes that outside a transaction) and checked before commit.
        Backend::Sqlite => "PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE".to_string(),
    };
    let restore = |conn: &mut AnyConnection| {
        if backend == Backend::Sqlite {
            let _ = sql(conn, "PRAGMA foreign_keys = ON");
        }
    };
    if let Err(error) = sql(conn, &begin) {
        restore(conn);
        return Err(error);
    }
    let result = (|| {
        sql(conn, schema_migrations_ddl(backend))?;
        if backend == Backend::Postgres {
            sql(
                conn,
                "LOCK TABLE schema_migrations IN SHARE UPDATE EXCLUSIVE MODE",
            )?;
        }
        let applied = ecto_applied(conn)?.unwrap_or_default();
        let value = body(conn, applied)?;
        if let AnyConnection::Sqlite(c) = conn {
            check_foreign_keys(c)?;
        }
        Ok(value)
    })();
    let result = match result {
        Ok(value) => match sql(conn, "COMMIT") {
            Ok(()) => Ok(value),
            Err(error) => {
                let _ = sql(conn, "ROLLBACK");
                Err(error)
            }
        },
        Err(error) => {
            let _ = sql(conn, "ROLLBACK");
            Err(error)
        }
    };
    restore(conn);
    result
}

/// A row `PRAGMA foreign_key_check` reports: a child row whose parent is missing.
#[derive(diesel::QueryableByName)]
struct Dangling {
    #[diesel(sql_type = diesel::sql_types::Text)]
    child: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    parent: String,
}

/// SQLite: the rows whose foreign keys the run left dangling, as an error.
fn check_foreign_keys(conn: &mut diesel::SqliteConnection) -> Result<(), DbError> {
    let rows: Vec<Dangling> =
        diesel::sql_query("SELECT \"table\" AS child, parent FROM pragma_foreign_key_check LIMIT 1")
            .load(conn)
            .map_err(failed)?;
    match rows.first() {
        None => Ok(()),
        Some(row) => Err(DbError::Migration(format!(
            "the migrations leave rows of {:?} referencing missing rows of {:?}",
            row.child, row.parent
        ))),
    }
}

/// The first line of a statement, for messages.
fn statement_head(statement: &str) -> String {
    let line = statement.trim().lines().next().unwrap_or("").trim();
    if line.chars().count() > 100 {
        format!("{}…", line.chars().take(100).collect::<String>())
    } else {
        line.to_string()
    }
}

/// Sends a planned migration's steps; a failure names `file:line`, the statement and the
/// database's error.
fn ecto_send(conn: &mut AnyConnection, file: &str, planned: &[(usize, Planned)]) -> Result<(), DbError> {
    for (line, step) in planned {
        match step {
            Planned::Sql(statement) => sql(conn, statement).map_err(|e| {
                DbError::Migration(format!("{file}:{line}: {e} (in `{}`)", statement_head(statement)))
            })?,
            Planned::Rebuild(rebuild) => super::rebuild::run(conn, rebuild).map_err(|e| {
                DbError::Migration(format!("{file}:{line}: {e} (rebuilding table {})", rebuild.table))
            })?,
            Planned::RequireColumns { table, columns } => {
                super::rebuild::require_columns(conn, table, columns)
                    .map_err(|e| DbError::Migration(format!("{file}:{line}: {e}")))?;
            }
        }
    }
    Ok(())
}

/// The steps of commands on a backend, each with its line; an error names `file:line`.
fn plan(
    ops: &[crate::migration::ops::Op],
    backend: Backend,
    file: &str,
) -> Result<Vec<(usize, Planned)>, DbError> {
    let mut planned = Vec::new();
    for op in ops {
        let steps = super::ddl::plan(op, backend)
            .map_err(|(line, e)| DbError::Migration(format!("{file}:{line}: {e}")))?;
        planned.extend(steps.into_iter().map(|s| (op.line, s)));
    }
    Ok(planned)
}

fn record_version(conn: &mut AnyConnection, version: i64, applied: bool) -> Result<(), DbError> {
    let backend = backend_of(conn);
    let mut st = Statement::new(backend);
    if applied {
        st.push("INSERT INTO schema_migrations (version, inserted_at) VALUES (")
            .bind(Bind::Int(version))
            .push(match backend {
                Backend::Postgres => ", (now() AT TIME ZONE 'utc')::timestamp(0))",
                Backend::Sqlite => ", datetime('now'))",
            });
    } else {
        st.push("DELETE FROM schema_migrations WHERE version = ")
            .bind(Bind::Int(version));
    }
    st.execute(conn).map_err(DbError::from_diesel)?;
    Ok(())
}

fn ecto_files(dir: &Path) -> Result<Vec<EctoFile>, DbError> {
    EctoFile::list(dir).map_err(DbError::Migration)
}

/// Applies the pending Ecto migrations: every pending file is read and planned first (a file
/// outside the vocabulary stops the run before anything is sent), then all run in one
/// transaction, each recorded in `schema_migrations`.
fn ecto_run_pending(conn: &mut AnyConnection, dir: &Path, shown: &str) -> Result<Vec<String>, DbError> {
    let files = ecto_files(dir)?;
    let backend = backend_of(conn);
    // Nothing pending: no lock and no write (a start-up on a database `mix ecto.migrate` keeps
    // up to date, even with a read-only role). Otherwise the pending files are found again
    // under the lock.
    if let Some(applied) = ecto_applied(conn)?
        && files.iter().all(|f| applied.contains(&f.version))
    {
        return Ok(Vec::new());
    }
    ecto_locked(conn, |conn, applied| {
        let mut plans = Vec::new();
        for file in files.iter().filter(|f| !applied.contains(&f.version)) {
            let migration = file
                .read(shown)
                .map_err(|e| DbError::UnreadableMigration(e.to_string()))?;
            let name = format!("{shown}/{}.exs", file.name);
            let planned = plan(&migration.up, backend, &name).map_err(|e| {
                DbError::UnreadableMigration(e.to_string().replacen("migration failed: ", "", 1))
            })?;
            plans.push((file, planned, name));
        }
        let mut done = Vec::new();
        for (file, planned, name) in plans {
            ecto_send(conn, &name, &planned)?;
            record_version(conn, file.version, true)?;
            done.push(file.name.clone());
        }
        Ok(done)
    })
}

/// Rolls back the newest applied Ecto migration with its `down` (or its `change` reversed).
fn ecto_revert_last(conn: &mut AnyConnection, dir: &Path, shown: &str) -> Result<String, DbError> {
    let files = ecto_files(dir)?;
    let backend = backend_of(conn);
    ecto_locked(conn, |conn, applied| {
        let Some(last) = applied.last().copied() else {
            return Err(DbError::Migration("no migration has been applied".into()));
        };
        let Some(file) = files.iter().find(|f| f.version == last) else {
            return Err(DbError::Migration(format!(
                "migration {last} is applied but {shown} has no file for it"
            )));
        };
        let migration = file.read(shown).map_err(|e| DbError::Migration(e.to_string()))?;
        let name = format!("{shown}/{}.exs", file.name);
        let down = migration
            .down
            .map_err(|e| DbError::Migration(format!("{name}:{}: {}", e.line, e.message)))?;
        let planned = plan(&down, backend, &name)?;
        ecto_send(conn, &name, &planned)?;
        record_version(conn, last, false)?;
        Ok(file.name.clone())
    })
}

fn ecto_status(conn: &mut AnyConnection, dir: &Path) -> Result<MigrationStatus, DbError> {
    let files = ecto_files(dir)?;
    let applied = ecto_applied(conn)?.unwrap_or_default();
    let name = |version: i64| {
        files
            .iter()
            .find(|f| f.version == version)
            .map_or_else(|| format!("{version} (no file)"), |f| f.name.clone())
    };
    Ok(MigrationStatus {
        applied: applied.iter().map(|v| name(*v)).collect(),
        pending: files
            .iter()
            .filter(|f| !applied.contains(&f.version))
            .map(|f| f.name.clone())
            .collect(),
    })
}
