//! The schema comes from the resources: what `mix ash_postgres.generate_migrations`
//! (ash_postgres 1.x) does, without Elixir. The resources become snapshots in ash_postgres's
//! own format (`build`, `snapshot`, `json`), compared with the newest ones on disk (`files`)
//! into operations (`diff`) in ash_postgres's order (`order`) and
//! blocks (`phase`), rendered as an Ecto migration module
//! (`ecto`) and as diesel migrations for PostgreSQL and SQLite (`sql`); `generate` puts it
//! together into the files one run writes.
//!
//! No database and no terminal here: the plan is returned, and writing it is the caller's
//! choice (`--dry-run`, `--check`).

pub mod build;
pub mod diff;
pub mod ecto;
pub mod extensions;
pub mod files;
pub mod generate;
pub mod json;
mod layout;
pub mod order;
pub mod phase;
mod sha256;
pub mod snapshot;
pub mod sql;
pub mod version;

use std::path::Path;

pub use snapshot::Snapshot;
pub use version::{Flavor, Version};

/// What stops generating migrations.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SchemaError {
    /// A snapshot or migration file that cannot be read: `file:line: message`.
    #[error("{file}:{line}: {message}")]
    File {
        file: String,
        line: usize,
        message: String,
    },
    /// A file that cannot be written or read at all.
    #[error("{file}: {message}")]
    Io { file: String, message: String },
    /// The resources ask for something this generator does not do.
    #[error("{0}")]
    Unsupported(String),
}

impl SchemaError {
    fn io(path: &Path, e: std::io::Error) -> SchemaError {
        SchemaError::Io {
            file: path.display().to_string(),
            message: e.to_string(),
        }
    }
}
