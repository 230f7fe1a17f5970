//! The database: the only module that names `diesel`.
//!
//! One `Database` wraps a Diesel `MultiConnection` over SQLite (bundled, default) or PostgreSQL,
//! chosen by URL scheme. Reads take a `query::ReadPlan` and run it as ONE SQL statement with
//! every value bound; writes run one statement each inside the caller's transaction. Backend
//! differences (uuid storage, `contains`, division by zero, nulls ordering) stop here.

mod error;

pub use error::DbError;

use crate::model::Resource;
use crate::query::ReadPlan;

/// A value as it crosses the database boundary.
#[derive(Debug, Clone, PartialEq)]
pub enum DbValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    Uuid(uuid::Uuid),
}

/// One row of a read: the resource's attributes (in `resource.attributes` order), then the
/// plan's `columns` in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub attributes: Vec<DbValue>,
    pub columns: Vec<DbValue>,
}

/// Which engine a URL selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct Database {
    _private: (),
}

impl Database {
    /// Opens (SQLite: creates) the database at `url`. `postgres://`/`postgresql://` select
    /// PostgreSQL; a path, `sqlite://path` or `:memory:` select SQLite.
    pub fn connect(url: &str) -> Result<Database, DbError> {
        let _ = url;
        Err(DbError::Other("not implemented".into()))
    }

    pub fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    /// Applies pending migrations; returns the names of the ones applied.
    pub fn migrate(&mut self) -> Result<Vec<String>, DbError> {
        Ok(Vec::new())
    }

    /// Runs a read plan as one statement.
    pub fn read(&mut self, plan: &ReadPlan) -> Result<Vec<Row>, DbError> {
        let _ = plan;
        Ok(Vec::new())
    }

    /// Inserts one row (`values` are attribute name → value; unspecified columns get their
    /// defaults) and returns the stored row's attributes in `resource.attributes` order.
    pub fn insert(
        &mut self,
        resource: &'static Resource,
        values: &[(&str, DbValue)],
    ) -> Result<Vec<DbValue>, DbError> {
        let _ = (resource, values);
        Ok(Vec::new())
    }

    /// Updates the row with this primary key; returns its attributes after the update, or None
    /// when no such row exists.
    pub fn update(
        &mut self,
        resource: &'static Resource,
        id: uuid::Uuid,
        values: &[(&str, DbValue)],
    ) -> Result<Option<Vec<DbValue>>, DbError> {
        let _ = (resource, id, values);
        Ok(None)
    }

    /// Deletes the row with this primary key; false when no such row existed.
    pub fn delete(&mut self, resource: &'static Resource, id: uuid::Uuid) -> Result<bool, DbError> {
        let _ = (resource, id);
        Ok(false)
    }

    pub fn set_echo_sql(&mut self, on: bool) {
        let _ = on;
    }

    /// Opens the outer transaction of `--sandbox`; every later write is rolled back by
    /// `end_sandbox`.
    pub fn begin_sandbox(&mut self) -> Result<(), DbError> {
        Ok(())
    }

    pub fn end_sandbox(&mut self) -> Result<(), DbError> {
        Ok(())
    }

    /// Reverts the last applied migration; returns its name.
    pub fn rollback(&mut self) -> Result<String, DbError> {
        Ok(String::new())
    }

    /// Every known migration and whether it is applied.
    pub fn migration_status(&mut self) -> Result<Vec<(String, bool)>, DbError> {
        Ok(Vec::new())
    }

    /// Runs `body` in a transaction (a savepoint when one is already open): committed when it
    /// returns Ok, rolled back when it returns Err.
    pub fn transaction<T, E: From<DbError>>(
        &mut self,
        body: impl FnOnce(&mut Database) -> Result<T, E>,
    ) -> Result<T, E> {
        body(self)
    }
}

/// The URL with its password replaced by `***`.
pub fn redact_url(url: &str) -> String {
    url.to_string()
}

pub fn create_database(url: &str) -> Result<(), DbError> {
    let _ = url;
    Ok(())
}

pub fn drop_database(url: &str) -> Result<(), DbError> {
    let _ = url;
    Ok(())
}
