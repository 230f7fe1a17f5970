//! A project's migrations as data: which set applies to a project and a backend (`Set::find`),
//! the Ecto migration files of a Mix project (`EctoFile`) and what one says (`ecto::read` →
//! `ops::Op`). Applying them is `db::Database::migrate_set` (the only place with SQL).
//!
//! Which set: the bundled chapter → its embedded diesel migrations; a Mix project with Ecto
//! migrations (`priv/<repo>/migrations/*.exs`) on PostgreSQL → those, so `mix ecto.migrate` and
//! helpdesk share one database; otherwise a project's diesel-format `migrations/<backend>/`;
//! otherwise (SQLite, a Mix project with only Ecto migrations) its Ecto migrations translated;
//! otherwise nothing. A project that has both kinds keeps, on a database whose bookkeeping is
//! only one kind's, that kind (`Set::find_with`): a database built with the project's diesel
//! migrations (as helpdesk built them before it applied Ecto ones) is not given its tables
//! a second time by the Ecto migrations.

pub mod ecto;
pub mod ops;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::project::Location;

/// The migrations that apply to a project on a backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Set {
    /// The bundled chapter's migrations, embedded in the binary (diesel's bookkeeping).
    Embedded,
    /// Diesel-format migrations read from disk: `dir` is `<project>/migrations/<backend>`,
    /// `shown` the same path as messages show it.
    Diesel { dir: PathBuf, shown: String },
    /// A Mix project's Ecto migrations (Ecto's `schema_migrations` bookkeeping): `dir` is
    /// `<project>/priv/<repo>/migrations`, `shown` the same path as messages show it.
    Ecto { dir: PathBuf, shown: String },
    /// Nothing to migrate (resources read from the database, or a project without migrations).
    None,
}

impl Set {
    /// The set for `location` on a backend (`"postgres"` or `"sqlite"`, the directory names
    /// diesel's layout uses), for a database without bookkeeping.
    pub fn find(location: &Location, backend: &str) -> Set {
        let none: Result<Set, std::convert::Infallible> =
            Set::find_with(location, backend, || Ok(Bookkeeping::default()));
        match none {
            Ok(set) => set,
            Err(never) => match never {},
        }
    }

    /// The set for `location` on a backend, asking `bookkeeping` which bookkeeping the
    /// database holds only when the project has both kinds of migrations: one kind alone wins,
    /// else Ecto on PostgreSQL and diesel on SQLite.
    pub fn find_with<E>(
        location: &Location,
        backend: &str,
        bookkeeping: impl FnOnce() -> Result<Bookkeeping, E>,
    ) -> Result<Set, E> {
        let (ecto, diesel) = match location {
            Location::Bundled => return Ok(Set::Embedded),
            Location::Generated(_) => return Ok(Set::None),
            Location::Dir(dir) => Set::candidates(dir, backend),
        };
        Ok(match (ecto, diesel) {
            (Some(ecto), Some(diesel)) => {
                let kept = bookkeeping()?;
                let use_ecto = match (kept.ecto, kept.diesel) {
                    (true, false) => true,
                    (false, true) => false,
                    _ => backend == "postgres",
                };
                if use_ecto { ecto } else { diesel }
            }
            (Some(only), None) | (None, Some(only)) => only,
            (None, None) => Set::None,
        })
    }

    /// A project directory's Ecto set (a Mix project with Ecto migration files) and diesel set
    /// (`migrations/<backend>/`).
    fn candidates(dir: &Path, backend: &str) -> (Option<Set>, Option<Set>) {
        let shown = |path: &Path| {
            if dir == Path::new(".") {
                path.strip_prefix(dir).unwrap_or(path).display().to_string()
            } else {
                path.display().to_string()
            }
        };
        let ecto = ecto_dir(dir)
            .filter(|d| !EctoFile::list(d).unwrap_or_default().is_empty())
            .map(|ecto| Set::Ecto {
                shown: shown(&ecto),
                dir: ecto,
            });
        let diesel = dir.join("migrations").join(backend);
        let diesel = diesel.is_dir().then(|| Set::Diesel {
            shown: shown(&diesel),
            dir: diesel,
        });
        (ecto, diesel)
    }
}

/// Which migration bookkeeping tables a database holds: Ecto's `schema_migrations`, diesel's
/// `__diesel_schema_migrations`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Bookkeeping {
    pub ecto: bool,
    pub diesel: bool,
}

/// `priv/<repo>/migrations` of a Mix project: the repo of `config :app, ecto_repos: [...]`
/// (the first whose directory exists), named as Ecto and ash_postgres name it (`Support.Repo`
/// → `priv/repo`); else `priv/repo/migrations`.
fn ecto_dir(dir: &Path) -> Option<PathBuf> {
    if !dir.join("mix.exs").is_file() {
        return None;
    }
    let repos = crate::project::mix_config::ecto_repos(dir);
    let candidates = repos
        .iter()
        .map(|repo| repo_dir_name(repo))
        .chain(std::iter::once("repo".to_string()));
    candidates
        .map(|name| dir.join("priv").join(name).join("migrations"))
        .find(|path| path.is_dir())
}

/// `Support.Repo` → `repo`, `MyApp.SupportRepo` → `support_repo` (Macro.underscore of the last
/// segment).
pub fn repo_dir_name(module: &str) -> String {
    let last = module.rsplit('.').next().unwrap_or(module);
    let mut out = String::new();
    let chars: Vec<char> = last.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let after_lower = i > 0 && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit());
            let before_lower =
                i > 0 && chars.get(i + 1).is_some_and(|n| n.is_lowercase()) && chars[i - 1].is_uppercase();
            if after_lower || before_lower {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(*c);
        }
    }
    out
}

/// One Ecto migration file: `<version>_<name>.exs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EctoFile {
    pub version: i64,
    /// The file's name without `.exs` (`20221104000000_support_add_tickets_and_users`).
    pub name: String,
    pub path: PathBuf,
}

impl EctoFile {
    /// The migration files of a directory, by version. Files not named `<digits>_<name>.exs`
    /// are not migrations (Ecto skips them too).
    pub fn list(dir: &Path) -> Result<Vec<EctoFile>, String> {
        let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        let mut files = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let Some(name) = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".exs"))
            else {
                continue;
            };
            let Some((digits, _)) = name.split_once('_') else {
                continue;
            };
            let Ok(version) = digits.parse::<i64>() else {
                continue;
            };
            files.push(EctoFile {
                version,
                name: name.to_string(),
                path,
            });
        }
        files.sort_by_key(|f| f.version);
        Ok(files)
    }

    /// Reads the file into its commands; an error names `file:line`.
    pub fn read(&self, shown_dir: &str) -> Result<ecto::EctoMigration, FileError> {
        let file = format!("{shown_dir}/{}.exs", self.name);
        let text = std::fs::read_to_string(&self.path).map_err(|e| FileError {
            file: file.clone(),
            line: 0,
            message: format!("cannot read: {e}"),
        })?;
        ecto::read(&text).map_err(|e| FileError {
            file,
            line: e.line,
            message: e.message,
        })
    }
}

/// A migration file that cannot be read or run: `file:line: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

#[cfg(test)]
mod tests;
