//! `helpdesk db create|migrate|rollback|status|reset|drop|seed`.

use crate::cli::DbCommand;
use crate::db::DbError;
use crate::db::{self, Database};
use crate::migration::Set;
use crate::project::Location;
use crate::repl::{EXIT_OK, EXIT_USAGE};

/// Runs a `db` command on `url` for the project at `location` (whose migrations `migrate`,
/// `rollback`, `status` and `reset` apply: `Database::migration_set`).
pub fn run(command: DbCommand, url: &str, location: &Location) -> i32 {
    match execute(command, url, location) {
        Ok(lines) => {
            for line in lines {
                println!("{line}");
            }
            EXIT_OK
        }
        Err(message) => {
            eprintln!("helpdesk: {message}");
            EXIT_USAGE
        }
    }
}

/// Connects to `url` and finds the project's migrations there.
fn open(url: &str, location: &Location) -> Result<(Database, Set), DbError> {
    let mut db = Database::connect(url)?;
    let set = db.migration_set(location)?;
    Ok((db, set))
}

fn execute(command: DbCommand, url: &str, location: &Location) -> Result<Vec<String>, String> {
    let shown = db::redact(url);
    Ok(match command {
        DbCommand::Create => {
            if db::create_database(url).map_err(|e| e.to_string())? {
                vec![format!("The database for {shown} has been created")]
            } else {
                vec![format!("The database for {shown} has already been created")]
            }
        }
        DbCommand::Drop => {
            db::drop_database(url).map_err(|e| e.to_string())?;
            vec![format!("The database for {shown} has been dropped")]
        }
        DbCommand::Migrate => {
            let applied = open(url, location)
                .and_then(|(mut d, set)| d.migrate_set(&set))
                .map_err(|e| e.to_string())?;
            if applied.is_empty() {
                vec!["Already up to date".to_string()]
            } else {
                applied.into_iter().map(|m| format!("Applied {m}")).collect()
            }
        }
        DbCommand::Rollback => {
            let reverted = open(url, location)
                .and_then(|(mut d, set)| d.rollback_set(&set))
                .map_err(|e| e.to_string())?;
            vec![format!("Rolled back {reverted}")]
        }
        DbCommand::Status => {
            let status = open(url, location)
                .and_then(|(mut d, set)| d.status_set(&set))
                .map_err(|e| e.to_string())?;
            let applied = status.applied.into_iter().map(|name| format!("up    {name}"));
            applied
                .chain(status.pending.into_iter().map(|name| format!("down  {name}")))
                .collect()
        }
        DbCommand::Reset => {
            db::drop_database(url).map_err(|e| e.to_string())?;
            db::create_database(url).map_err(|e| e.to_string())?;
            let applied = open(url, location)
                .and_then(|(mut d, set)| d.migrate_set(&set))
                .map_err(|e| e.to_string())?;
            let mut lines = vec![format!("The database for {shown} has been reset")];
            lines.extend(applied.into_iter().map(|m| format!("Applied {m}")));
            lines
        }
        DbCommand::Seed { users, tickets } => {
            let mut db = Database::connect(url).map_err(|e| e.to_string())?;
            db.migrate().map_err(|e| e.to_string())?;
            let seeded = db.seed(users, tickets).map_err(|e| e.to_string())?;
            vec![format!(
                "Seeded {shown} with {} users and {} tickets",
                seeded.users, seeded.tickets
            )]
        }
        // Run by `repl::introspect::command`, which has the options it needs.
        DbCommand::Introspect => return Err("db introspect takes its options from the command line".into()),
        // Run by `repl::generate::command`: it needs the project, not the database.
        DbCommand::GenerateMigrations { .. } => {
            return Err("db generate-migrations takes its options from the command line".into());
        }
    })
}
