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

pub(crate) fn run_pending(conn: &mut AnyConnection) -> Result<Vec<String>, DbError> {
    match conn {
        AnyConnection::Sqlite(c) => run_on(c, sqlite),
        AnyConnection::Postgresql(c) => run_on(c, postgres),
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
