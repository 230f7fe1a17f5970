//! `helpdesk db generate-migrations [--name NAME] [--check] [--dry-run] [--drop-columns]`:
//! reads the project the shell would use, plans with `schema::generate`, then says what is
//! owed (`--check`: exit 1 when something is), prints the files (`--dry-run`) or writes them.

use crate::cli::Args;
use crate::repl::{EXIT_ERROR, EXIT_OK, EXIT_USAGE, load_project};
use crate::schema::generate::{Options, plan};

pub fn command(args: &Args, check: bool, dry_run: bool, drop_columns: bool) -> i32 {
    let (location, project) = match load_project(args) {
        Ok(loaded) => loaded,
        Err(message) => {
            eprintln!("helpdesk: {message}");
            return EXIT_USAGE;
        }
    };
    let Some(root) = location.dir() else {
        eprintln!(
            "helpdesk: db generate-migrations needs a project directory (--project DIR, $HELPDESK_PROJECT \
             or the current directory); `helpdesk new DIR` writes the chapter's"
        );
        return EXIT_USAGE;
    };
    if let Some(name) = &args.name
        && (name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
    {
        eprintln!("helpdesk: --name {name:?}: use letters, digits and `_` (it names files and a module)");
        return EXIT_USAGE;
    }
    let options = Options {
        name: args.name.clone(),
        drop_columns,
        now: None,
    };
    let plan = match plan(root, &project, &options) {
        Ok(plan) => plan,
        Err(e) => {
            eprintln!("helpdesk: {e}");
            return EXIT_USAGE;
        }
    };
    for (table, drop) in &plan.orphaned {
        println!(
            "Table {table} has snapshots but no resource any more: nothing is dropped (to drop it, write a \
             migration with `{drop}` / `DROP TABLE {table};`)"
        );
    }
    if !plan.owed() {
        println!("No changes detected, so no migrations or snapshots have been created.");
        return EXIT_OK;
    }
    for line in plan.summary() {
        println!("{line}");
    }
    if check {
        println!("Migrations would have been generated, but the --check flag was provided.");
        return EXIT_ERROR;
    }
    if dry_run {
        for (path, text) in &plan.files {
            println!("\n# {}\n{text}", path.display());
        }
        return EXIT_OK;
    }
    if let Err(e) = plan.write(root) {
        eprintln!("helpdesk: {e}");
        return EXIT_USAGE;
    }
    for (path, _) in &plan.files {
        println!("* creating {}", root.join(path).display());
    }
    EXIT_OK
}

/// At start-up: one line when a project that keeps resource snapshots has resources that
/// differ from them (a migration is owed). Says nothing when it cannot tell.
pub fn startup_notice(location: &crate::project::Location, project: &crate::model::Project) {
    let Some(root) = location.dir() else { return };
    if !root.join("priv/resource_snapshots").is_dir() {
        return;
    }
    let Ok(plan) = plan(root, project, &Options::default()) else {
        return;
    };
    if !plan.owed() {
        return;
    }
    let summary = plan.summary();
    let mut shown: Vec<&str> = summary.iter().take(3).map(String::as_str).collect();
    if summary.len() > 3 {
        shown.push("…");
    }
    eprintln!(
        "helpdesk: warning: the resources differ from their snapshots ({}): run `helpdesk db generate-migrations`",
        shown.join(", ")
    );
}
