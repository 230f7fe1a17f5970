//! `helpdesk new DIR`: writes the bundled chapter project as editable files.
//!
//! Refuses to overwrite: an existing file stops it before anything is written.

use std::path::Path;

use crate::project::bundled::FILES;

/// Writes the bundled project under `dir` (created if missing). Returns the paths written,
/// relative to `dir`.
pub fn write(dir: &Path) -> Result<Vec<String>, String> {
    for (path, _) in FILES {
        let target = dir.join(path);
        if target.exists() {
            return Err(format!(
                "{} already exists; nothing was written",
                target.display()
            ));
        }
    }
    let mut written = Vec::new();
    for (path, text) in FILES {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&target, text).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
        written.push((*path).to_string());
    }
    Ok(written)
}

/// What to tell the user after `write`.
pub fn next_steps(dir: &Path) -> String {
    let shown = dir.display();
    format!(
        "Wrote the Helpdesk chapter project to {shown}:\n\
         \x20 lib/helpdesk/support/resources/ticket.ex, user.ex   the resources (edit them)\n\
         \x20 lib/helpdesk/support/ash_api.ex, registry.ex, repo.ex\n\
         \x20 config/config.exs, config/dev.exs                  the repo's PostgreSQL settings\n\
         \x20 migrations/, priv/repo/migrations/                 the schema, and the resource\n\
         \x20 priv/resource_snapshots/                           snapshots it comes from\n\
         \n\
         Next:\n\
         \x20 cd {shown}\n\
         \x20 helpdesk --database-url helpdesk.db    explore on an SQLite file (created on first use)\n\
         \x20 helpdesk db create && helpdesk         or on the PostgreSQL database config/dev.exs names\n\
         \n\
         In the shell, recompile() re-reads the resource files after you edit them;\n\
         helpdesk db generate-migrations writes the migrations your edits need.\n"
    )
}
