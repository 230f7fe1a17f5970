//! `helpdesk --introspect` (resources from the database's own tables, nothing migrated) and
//! `helpdesk db introspect [--write DIR]` (those resources printed, or written as a project).

use std::path::Path;
use std::rc::Rc;

use crate::cli::Args;
use crate::db::Database;
use crate::model::Project;
use crate::project::{Location, SourceFile, introspect};
use crate::repl::{EXIT_OK, EXIT_USAGE};

/// The resource files of the database at `url`, and what could not be read as it is.
fn files(db: &mut Database, args: &Args) -> Result<(Vec<SourceFile>, Vec<String>), String> {
    let schema = args.schema.as_deref().unwrap_or("public");
    if args.schema.is_some() && db.backend() == crate::db::Backend::Sqlite {
        eprintln!("helpdesk: warning: --schema is for PostgreSQL; a SQLite database has one schema");
    }
    let catalog = db.introspect(schema).map_err(|e| e.to_string())?;
    if catalog.tables.is_empty() {
        return Err(format!(
            "{}: no tables to introspect",
            crate::db::redact(db.url())
        ));
    }
    Ok(introspect::files(&catalog))
}

/// Start-up with `--introspect`: the database (not migrated: it is not the bundled project)
/// and the project its catalog describes; warnings go to stderr.
pub fn start(args: &Args) -> Result<(Location, Rc<Project>, Database), String> {
    let url = super::database_url(args);
    let mut db = Database::connect(&url).map_err(|e| e.to_string())?;
    let (files, warnings) = files(&mut db, args)?;
    let location = Location::Generated(files.into());
    let project = crate::eval::project::load(&location).map_err(|e| e.to_string())?;
    for warning in warnings {
        eprintln!("helpdesk: warning: {warning}");
    }
    for warning in &project.warnings {
        eprintln!("helpdesk: warning: {warning}");
    }
    db.set_echo_sql(args.echo_sql);
    if args.sandbox {
        db.begin_sandbox().map_err(|e| e.to_string())?;
    }
    Ok((location, project, db))
}

/// `helpdesk db introspect [--write DIR]`.
pub fn command(args: &Args) -> i32 {
    match run(args) {
        Ok(()) => EXIT_OK,
        Err(message) => {
            eprintln!("helpdesk: {message}");
            EXIT_USAGE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    let url = super::database_url(args);
    let mut db = Database::connect(&url).map_err(|e| e.to_string())?;
    let (files, warnings) = files(&mut db, args)?;
    for warning in &warnings {
        eprintln!("helpdesk: warning: {warning}");
    }
    match &args.write {
        None => {
            for (i, file) in files.iter().enumerate() {
                if i > 0 {
                    println!();
                }
                println!("# {}", file.path);
                print!("{}", file.text);
            }
        }
        Some(dir) => {
            for file in &files {
                let path = Path::new(dir).join(&file.path);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
                }
                std::fs::write(&path, &file.text).map_err(|e| format!("{}: {e}", path.display()))?;
                println!("* creating {}", file.path);
            }
            println!("\nExplore it with: helpdesk --project {dir} --database-url …");
        }
    }
    Ok(())
}
