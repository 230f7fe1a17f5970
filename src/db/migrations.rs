//! The embedded migrations, one set per backend (`migrations/sqlite`, `migrations/postgres`),
//! and applying, listing and reverting them. It knows nothing about the tables' contents.

use diesel::migration::{MigrationSource, MigrationVersion};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::DbError;
use super::connection::AnyConnection;

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
fn name_of<B: diesel::backend::Backend>(
    source: &EmbeddedMigrations,
    version: &MigrationVersion<'_>,
) -> String {
    let all = MigrationSource::<B>::migrations(source).unwrap_or_default();
    all.iter()
        .find(|m| m.name().version() == *version)
        .map_or_else(|| version.to_string(), |m| m.name().to_string())
}

fn run_on<C: MigrationHarness<B>, B: diesel::backend::Backend>(
    c: &mut C,
    source: fn() -> EmbeddedMigrations,
) -> Result<Vec<String>, DbError> {
    let done = c.run_pending_migrations(source()).map_err(failed)?;
    Ok(done.iter().map(|v| name_of::<B>(&source(), v)).collect())
}

fn revert_on<C: MigrationHarness<B>, B: diesel::backend::Backend>(
    c: &mut C,
    source: fn() -> EmbeddedMigrations,
) -> Result<String, DbError> {
    let version = c.revert_last_migration(source()).map_err(failed)?;
    Ok(name_of::<B>(&source(), &version))
}

fn status_on<C: MigrationHarness<B>, B: diesel::backend::Backend>(
    c: &mut C,
    source: fn() -> EmbeddedMigrations,
) -> Result<MigrationStatus, DbError> {
    let applied = c.applied_migrations().map_err(failed)?;
    let pending = c.pending_migrations(source()).map_err(failed)?;
    let mut applied: Vec<String> = applied.iter().map(|v| name_of::<B>(&source(), v)).collect();
    applied.sort();
    Ok(MigrationStatus {
        applied,
        pending: pending.iter().map(|m| m.name().to_string()).collect(),
    })
}

fn sqlite() -> EmbeddedMigrations {
    SQLITE
}

fn postgres() -> EmbeddedMigrations {
    POSTGRES
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
pub(crate) fn run_pending(conn: &mut AnyConnection) -> Result<Vec<String>, DbError> {
    match conn {
        AnyConnection::Sqlite(c) => {
            if status_on(c, sqlite)?.pending.is_empty() {
                return Ok(Vec::new());
            }
            c.immediate_transaction(|c| run_on(c, sqlite).map_err(Locked::Migration))
                .map_err(DbError::from)
        }
        AnyConnection::Postgresql(c) => {
            use diesel::{Connection, RunQueryDsl};
            c.transaction(|c| {
                diesel::sql_query(format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")).execute(c)?;
                run_on(c, postgres).map_err(Locked::Migration)
            })
            .map_err(DbError::from)
        }
    }
}

pub(crate) fn revert_last(conn: &mut AnyConnection) -> Result<String, DbError> {
    match conn {
        AnyConnection::Sqlite(c) => revert_on(c, sqlite),
        AnyConnection::Postgresql(c) => revert_on(c, postgres),
    }
}

pub(crate) fn status(conn: &mut AnyConnection) -> Result<MigrationStatus, DbError> {
    match conn {
        AnyConnection::Sqlite(c) => status_on(c, sqlite),
        AnyConnection::Postgresql(c) => status_on(c, postgres),
    }
}
