//! Database errors, already in our words: Diesel errors become these at the `db` border.

/// What went wrong talking to the database.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DbError {
    /// The database could not be opened or reached. The URL is shown without its password.
    #[error("cannot connect to {url}: {message}")]
    Connect { url: String, message: String },
    /// A division by zero inside SQL (PostgreSQL 22012; raised on SQLite too).
    #[error("ERROR 22012 (division_by_zero) division by zero")]
    DivisionByZero,
    /// A foreign key constraint stopped a write (`tickets_representative_id_fkey`).
    #[error("foreign key constraint {constraint} violated")]
    ForeignKey { constraint: String },
    /// A migration failed.
    #[error("migration failed: {0}")]
    Migration(String),
    /// The connection was lost; the next statement reconnects.
    #[error("connection lost: {0}")]
    ConnectionLost(String),
    /// Anything else the database reported.
    #[error("{0}")]
    Other(String),
}
