//! One run of `generate-migrations`: the project's resources against its newest snapshots →
//! the files to write (snapshots, the Ecto migration in a Mix project, diesel migrations for
//! both backends) and what to say about them. Nothing is written here: `Plan::write` does it
//! when the caller asks (not for `--check` or `--dry-run`).

use std::path::{Path, PathBuf};

use chrono::{NaiveDateTime, TimeDelta};

use crate::model::Project;

use super::diff::{self, Operation};
use super::snapshot::Snapshot;
use super::sql::{self, Dialect};
use super::version::Flavor;
use super::{SchemaError, build, ecto, extensions, files};

/// What the command line asked for.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--name`: the migration's name (else `migrate_resources<N>`).
    pub name: Option<String>,
    /// `--drop-columns`: columns of removed attributes are dropped (else kept, commented out).
    pub drop_columns: bool,
    /// The time the files are stamped with (tests fix it); now when None.
    pub now: Option<NaiveDateTime>,
}

/// The files one run writes (paths relative to the project directory) and what it found.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub operations: Vec<Operation>,
    /// Extensions `installed_extensions/0` names that no migration installed yet.
    pub extensions: Vec<String>,
    pub files: Vec<(PathBuf, String)>,
    /// Tables with snapshots whose resources are gone: nothing is dropped; the statement that
    /// would drop each is shown.
    pub orphaned: Vec<(String, String)>,
}

impl Plan {
    /// One line per change, as a reader would list them: a new column's reference and its
    /// foreign-key bookkeeping are part of adding it.
    pub fn summary(&self) -> Vec<String> {
        use super::diff::{Direction, Op};
        let mut lines: Vec<String> = self
            .extensions
            .iter()
            .map(|e| format!("install extension {e}"))
            .collect();
        for operation in &self.operations {
            let created = |table: &str| {
                self.operations
                    .iter()
                    .any(|o| o.table == table && matches!(o.op, Op::CreateTable))
            };
            if matches!(operation.op, Op::CreateTable) {
                let columns: Vec<&str> = self
                    .operations
                    .iter()
                    .filter(|o| o.table == operation.table)
                    .filter_map(|o| match &o.op {
                        Op::AddAttribute { attribute, .. } => Some(attribute.source.as_str()),
                        _ => None,
                    })
                    .collect();
                lines.push(format!(
                    "create table {} ({})",
                    operation.table,
                    columns.join(", ")
                ));
                continue;
            }
            let derived = match &operation.op {
                Op::AddAttribute { .. } => created(&operation.table),
                Op::RemovePrimaryKeyDown => true,
                Op::AlterDeferrability {
                    direction: Direction::Down,
                    ..
                } => true,
                Op::DropForeignKey {
                    direction: Direction::Down,
                    ..
                } => true,
                Op::AlterAttribute { new, .. } => self.operations.iter().any(|o| {
                    o.table == operation.table
                        && matches!(&o.op, Op::AddAttribute { attribute, .. } if attribute.source == new.source)
                }),
                _ => false,
            };
            if !derived {
                lines.push(operation.describe());
            }
        }
        lines
    }

    /// True when a migration is owed.
    pub fn owed(&self) -> bool {
        !self.operations.is_empty() || !self.extensions.is_empty()
    }

    /// Writes the files under `root`, creating directories; never overwrites a file.
    pub fn write(&self, root: &Path) -> Result<(), SchemaError> {
        for (path, text) in &self.files {
            let path = root.join(path);
            // The one file a run rewrites: the list of installed extensions.
            let rewritable = path.file_name().is_some_and(|n| n == "extensions.json");
            if path.exists() && !rewritable {
                return Err(SchemaError::Io {
                    file: path.display().to_string(),
                    message: "already exists; not overwritten".into(),
                });
            }
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| SchemaError::io(dir, e))?;
            }
            std::fs::write(&path, text).map_err(|e| SchemaError::io(&path, e))?;
        }
        Ok(())
    }
}

/// The versions to imitate: the project's `mix.lock`, else the defaults.
pub fn flavor(root: &Path) -> Flavor {
    std::fs::read_to_string(root.join("mix.lock"))
        .map(|text| Flavor::from_mix_lock(&text))
        .unwrap_or_default()
}

/// Compares the resources with the newest snapshots under `root` and plans the files.
pub fn plan(root: &Path, project: &Project, options: &Options) -> Result<Plan, SchemaError> {
    let flavor = flavor(root);
    let resources = build::migrated(project);
    let mut repos: Vec<String> = Vec::new();
    for resource in &resources {
        if let Some(repo) = &resource.repo
            && !repos.contains(repo)
        {
            repos.push(repo.clone());
        }
    }
    let now = options.now.unwrap_or_else(|| chrono::Utc::now().naive_utc());
    let mix = root.join("mix.exs").is_file();
    let ecto_before = mix && has_ecto_migrations(root, &repos);
    let mut plan = Plan::default();
    let mut pg_up: Vec<String> = Vec::new();
    let mut pg_down: Vec<Vec<String>> = Vec::new();
    let mut lite_up: Vec<String> = Vec::new();
    let mut lite_down: Vec<Vec<String>> = Vec::new();
    let mut stamp = next_stamp(root, now);
    let name = match &options.name {
        Some(name) => name.clone(),
        None => format!("migrate_resources{}", next_number(root)),
    };
    for repo in &repos {
        let error = std::cell::RefCell::new(None);
        let old = |table: &str, schema: Option<&str>| match files::latest(root, repo, table, schema) {
            Ok(found) => found,
            Err(e) => {
                error.borrow_mut().get_or_insert(e);
                None
            }
        };
        let new: Vec<Snapshot> = build::snapshots(project, flavor, &old)
            .into_iter()
            .filter(|s| s.repo == *repo)
            .collect();
        let mut pairs = Vec::new();
        for snapshot in new {
            let previous = old(&snapshot.table, snapshot.schema.as_deref());
            pairs.push((snapshot, previous));
        }
        if let Some(e) = error.into_inner() {
            return Err(e);
        }
        for existing in files::all_latest(root, repo)? {
            if !pairs
                .iter()
                .any(|(s, _)| s.table == existing.table && s.schema == existing.schema)
                && !project.unmodelled_tables.contains(&existing.table)
            {
                plan.orphaned.push((
                    existing.table.clone(),
                    format!("drop table({})", ecto::atom(&existing.table)),
                ));
            }
        }
        let installed = files::installed_extensions(root, repo)?;
        let wanted: Vec<String> = project
            .repos
            .iter()
            .find(|r| r.name == *repo)
            .map(|r| r.installed_extensions.clone())
            .unwrap_or_default();
        let missing: Vec<String> = wanted
            .iter()
            .filter(|e| !installed.contains(e))
            .cloned()
            .collect();
        let operations = diff::operations(&pairs, options.drop_columns);
        if operations.is_empty() && missing.is_empty() {
            continue;
        }
        if !missing.is_empty() {
            if mix {
                let (file, text) = extensions::migration(repo, &missing, &stamp, flavor);
                plan.files.push((root_rel(root, repo, &file), text));
                stamp = stamp_after(&stamp);
            }
            let mut all = installed.clone();
            all.extend(missing.iter().cloned());
            plan.files.push((
                extensions::json_path(repo, flavor),
                extensions::json(&all, flavor),
            ));
            let (up, down) = extensions::statements(&missing, flavor);
            pg_up.extend(up);
            pg_down.push(down);
            plan.extensions.extend(missing);
        }
        if !operations.is_empty() {
            let phases = super::phase::phases(operations.clone());
            if mix {
                let module = ecto::module(repo, &name, &phases, flavor);
                plan.files
                    .push((migrations_dir(repo).join(format!("{stamp}_{name}.exs")), module));
            }
            let changed: Vec<&(Snapshot, Option<Snapshot>)> = table_order(&operations, &pairs);
            for (new, _) in &changed {
                let dir = files::table_dir(Path::new(""), repo, &new.table, new.schema.as_deref());
                plan.files
                    .push((dir.join(format!("{stamp}.json")), new.file_text(flavor)));
            }
            // A citext column needs the extension; ash_postgres leaves that to
            // `installed_extensions/0`, the diesel SQL installs it when nothing did.
            let citext = changed
                .iter()
                .flat_map(|(new, _)| &new.attributes)
                .any(|a| a.ty.to_string().contains("\"citext\""));
            let installs = |e: &str| installed.iter().chain(&plan.extensions).any(|i| i == e);
            if citext
                && !installs("citext")
                && !pg_up.iter().any(|s| s.contains("EXTENSION IF NOT EXISTS citext"))
            {
                pg_up.push("CREATE EXTENSION IF NOT EXISTS citext;".into());
            }
            for (new, old) in &changed {
                let target = effective(new, old.as_ref(), options.drop_columns);
                pg_up.extend(sql::transform(Dialect::Postgres, old.as_ref(), Some(&target)));
                lite_up.extend(sql::transform(Dialect::Sqlite, old.as_ref(), Some(&target)));
                pg_down.push(sql::transform(Dialect::Postgres, Some(&target), old.as_ref()));
                lite_down.push(sql::transform(Dialect::Sqlite, Some(&target), old.as_ref()));
            }
            plan.operations.extend(operations);
        }
    }
    if plan.owed() {
        let version = diesel_version(&stamp);
        let header = format!(
            "-- Generated by `helpdesk db generate-migrations` from the resources (snapshots {stamp}).\n"
        );
        for (dialect, up, down) in [("postgres", &pg_up, &pg_down), ("sqlite", &lite_up, &lite_down)] {
            // A Mix project whose schema so far is its Ecto migrations alone gets no diesel
            // set: one holding only this change would hide them (the shell applies a
            // project's `migrations/<backend>/` when it has one).
            if ecto_before && !root.join("migrations").join(dialect).is_dir() {
                continue;
            }
            let dir = PathBuf::from("migrations")
                .join(dialect)
                .join(format!("{version}_{name}"));
            let down: Vec<String> = down.iter().rev().flatten().cloned().collect();
            plan.files
                .push((dir.join("up.sql"), format!("{header}{}\n", up.join("\n"))));
            plan.files
                .push((dir.join("down.sql"), format!("{header}{}\n", down.join("\n"))));
        }
    }
    Ok(plan)
}

/// True when a repo's `priv/<repo>/migrations` already holds an Ecto migration.
fn has_ecto_migrations(root: &Path, repos: &[String]) -> bool {
    repos.iter().any(|repo| {
        std::fs::read_dir(root.join(migrations_dir(repo)))
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| e.path().extension().is_some_and(|x| x == "exs"))
    })
}

fn root_rel(_root: &Path, repo: &str, file: &str) -> PathBuf {
    migrations_dir(repo).join(file)
}

/// `priv/<repo>/migrations` (`migration_path/3`).
fn migrations_dir(repo: &str) -> PathBuf {
    PathBuf::from("priv")
        .join(files::repo_dir(repo))
        .join("migrations")
}

/// The new snapshot, plus the columns of removed attributes that stay (not `--drop-columns`).
fn effective(new: &Snapshot, old: Option<&Snapshot>, drop_columns: bool) -> Snapshot {
    let mut target = new.clone();
    if let (Some(old), false) = (old, drop_columns) {
        for attribute in &old.attributes {
            if !target.attributes.iter().any(|a| a.source == attribute.source) {
                let mut kept = attribute.clone();
                kept.primary_key = false;
                target.attributes.push(kept);
            }
        }
    }
    target
}

/// Changed tables in the order their first operation comes, then each table after the new
/// tables it references (PostgreSQL checks a `REFERENCES` when the table is created).
fn table_order<'a>(
    operations: &[Operation],
    pairs: &'a [(Snapshot, Option<Snapshot>)],
) -> Vec<&'a (Snapshot, Option<Snapshot>)> {
    let mut order: Vec<&(Snapshot, Option<Snapshot>)> = Vec::new();
    for op in operations {
        if let Some(pair) = pairs
            .iter()
            .find(|(s, _)| s.table == op.table && s.schema == op.schema)
            && !order.iter().any(|p| std::ptr::eq(*p, pair))
        {
            order.push(pair);
        }
    }
    let mut sorted: Vec<&(Snapshot, Option<Snapshot>)> = Vec::new();
    while !order.is_empty() {
        let ready = order.iter().position(|(s, _)| {
            s.attributes
                .iter()
                .filter_map(|a| a.references.as_ref())
                .all(|r| {
                    r.table == s.table || !order.iter().any(|(o, old)| old.is_none() && o.table == r.table)
                })
        });
        sorted.push(order.remove(ready.unwrap_or(0)));
    }
    sorted
}

/// `YYYYMMDDHHMMSS`, later than every existing Ecto migration and snapshot of the project.
fn next_stamp(root: &Path, now: NaiveDateTime) -> String {
    let mut stamp = now.format("%Y%m%d%H%M%S").to_string();
    let latest = existing_stamps(root).into_iter().max();
    while latest.as_ref().is_some_and(|l| *l >= stamp) {
        stamp = stamp_after(&stamp);
    }
    stamp
}

fn stamp_after(stamp: &str) -> String {
    NaiveDateTime::parse_from_str(stamp, "%Y%m%d%H%M%S")
        .map(|t| (t + TimeDelta::seconds(1)).format("%Y%m%d%H%M%S").to_string())
        .unwrap_or_else(|_| stamp.to_string())
}

/// diesel's version for a stamp: `2025-11-25-093000`.
fn diesel_version(stamp: &str) -> String {
    NaiveDateTime::parse_from_str(stamp, "%Y%m%d%H%M%S")
        .map(|t| t.format("%Y-%m-%d-%H%M%S").to_string())
        .unwrap_or_else(|_| stamp.to_string())
}

/// The stamps already used: Ecto migrations, snapshot files and diesel migrations.
fn existing_stamps(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut visit = |dir: &Path, depth: usize| {
        fn walk(dir: &Path, depth: usize, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).ok().into_iter().flatten().flatten() {
                let path = entry.path();
                let name = entry.file_name().to_string_lossy().to_string();
                let digits: String = name
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '-')
                    .filter(char::is_ascii_digit)
                    .collect();
                if digits.len() >= 14 {
                    out.push(digits[..14].to_string());
                }
                if path.is_dir() && depth > 0 {
                    walk(&path, depth - 1, out);
                }
            }
        }
        walk(dir, depth, &mut out);
    };
    visit(&root.join("priv"), 4);
    visit(&root.join("migrations"), 1);
    out
}

/// 1 + the largest N of `*_migrate_resources<N>.exs` in the project.
fn next_number(root: &Path) -> u64 {
    let mut largest = 0;
    for dir in [root.join("priv/repo/migrations")] {
        for entry in std::fs::read_dir(dir).ok().into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if let Some((_, rest)) = name.split_once("_migrate_resources") {
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                largest = largest.max(digits.parse().unwrap_or(0));
            }
        }
    }
    largest + 1
}
