//! Database errors, already in our words: Diesel errors become these at the `db` border
//! (`from_diesel`). Foreign-key names that SQLite does not report are filled in by the caller.

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
    /// A text compared with or written to a uuid field is not a uuid.
    #[error("invalid uuid {value:?}")]
    InvalidUuid { value: String },
    /// A migration failed.
    #[error("migration failed: {0}")]
    Migration(String),
    /// A migration file cannot be read or translated for this backend (`file:line: message`);
    /// nothing was applied.
    #[error("{0}")]
    UnreadableMigration(String),
    /// The connection was lost; the next statement reconnects.
    #[error("connection lost: {0}")]
    ConnectionLost(String),
    /// Ctrl-C stopped the statement (PostgreSQL 57014, or a read stopped between rows).
    #[error("canceling statement due to user request")]
    Interrupted,
    /// Anything else the database reported.
    #[error("{0}")]
    Other(String),
}

/// What PostgreSQL says when `pg_cancel_backend` stopped a statement (57014).
const CANCELED: &str = "canceling statement due to user request";

/// Texts libpq uses when the server went away.
const LOST: &[&str] = &[
    "server closed the connection unexpectedly",
    "no connection to the server",
    "terminating connection",
    "connection to server",
    "could not receive data from server",
];

impl DbError {
    /// Maps a Diesel error. A foreign-key violation whose constraint name the engine did not
    /// report (SQLite) gets an empty name; the writer fills it in.
    pub(crate) fn from_diesel(e: diesel::result::Error) -> DbError {
        use diesel::result::{DatabaseErrorKind, Error};
        match e {
            Error::DatabaseError(kind, info) => {
                let message = info.message().to_string();
                match kind {
                    DatabaseErrorKind::ForeignKeyViolation => DbError::ForeignKey {
                        constraint: info.constraint_name().unwrap_or_default().to_string(),
                    },
                    DatabaseErrorKind::ClosedConnection => DbError::ConnectionLost(message),
                    _ if message.contains(super::connection::DIVISION_BY_ZERO) => DbError::DivisionByZero,
                    _ if message.contains(CANCELED) => DbError::Interrupted,
                    _ if LOST.iter().any(|l| message.contains(l)) => DbError::ConnectionLost(message),
                    _ => DbError::Other(message),
                }
            }
            other => DbError::Other(other.to_string()),
        }
    }
}
