//! The snapshots generated from a public Ash 2.x project's resource files alone equal the
//! newest ones ash_postgres committed for it (`tests/projects/*/priv/resource_snapshots`),
//! compared as parsed JSON after both are read as ash_postgres reads them (defaults for keys
//! older versions did not write) and written as the project's ash_postgres version writes
//! them; `hash` is never compared (it is Elixir's `inspect`, not reproducible here).
//!
//! The operations `generate-migrations` would owe for the project (`owed: …`) are compared the
//! same way: a project whose snapshots are current owes nothing, so it can switch between
//! `mix ash_postgres.generate_migrations` and helpdesk without a spurious migration.
//!
//! Every difference that remains is listed in `EXPECTED` with its reason; a new one, or one
//! that went away, fails the test.

use std::path::{Path, PathBuf};

use helpdesk::project::{Location, load};
use helpdesk::schema::{Flavor, build, diff, files};
use serde_json::Value;

fn projects_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/projects")
}

/// The differences per project and table, as `"<table>: <what>"`.
fn differences(dir: &Path) -> Vec<String> {
    let project = load(&Location::Dir(dir.to_path_buf())).expect("the project reads");
    let lock = std::fs::read_to_string(dir.join("mix.lock.excerpt")).unwrap_or_default();
    let flavor = Flavor::from_mix_lock(&lock);
    let repo_of = |table: &str| {
        project
            .resources
            .iter()
            .find(|r| r.table == table)
            .and_then(|r| r.repo.clone())
            .unwrap_or_default()
    };
    let old = |table: &str, schema: Option<&str>| {
        files::latest(dir, &repo_of(table), table, schema).expect("committed snapshots read")
    };
    let generated = build::snapshots(&project, flavor, &old);
    let mut out = Vec::new();
    // The repo's `installed_extensions/0` is what `extensions.json` recorded.
    for repo in &project.repos {
        let recorded = files::installed_extensions(dir, &repo.name).expect("extensions.json reads");
        if recorded != repo.installed_extensions {
            out.push(format!(
                "extensions: ours {:?} theirs {:?}",
                repo.installed_extensions, recorded
            ));
        }
    }
    // What `generate-migrations` would owe: only the drift listed below.
    let pairs: Vec<_> = generated
        .iter()
        .map(|s| (s.clone(), old(&s.table, s.schema.as_deref())))
        .collect();
    for operation in diff::operations(&pairs, false) {
        out.push(format!("owed: {}", operation.describe()));
    }
    for snapshot in &generated {
        let Some(committed) = old(&snapshot.table, snapshot.schema.as_deref()) else {
            out.push(format!("{}: no committed snapshot", snapshot.table));
            continue;
        };
        let ours = snapshot.to_json(flavor);
        let theirs = committed.to_json(flavor);
        compare(&snapshot.table, &ours, &theirs, &mut out);
    }
    out.sort();
    out
}

fn compare(table: &str, ours: &Value, theirs: &Value, out: &mut Vec<String>) {
    for key in [
        "base_filter",
        "check_constraints",
        "custom_indexes",
        "custom_statements",
        "has_create_action",
        "identities",
        "multitenancy",
        "repo",
        "schema",
    ] {
        if ours[key] != theirs[key] {
            out.push(format!(
                "{table}: {key} ours {} theirs {}",
                ours[key], theirs[key]
            ));
        }
    }
    let by_source = |v: &Value| -> Vec<(String, Value)> {
        v["attributes"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|x| (x["source"].as_str().unwrap_or("").to_string(), x.clone()))
                    .collect()
            })
            .unwrap_or_default()
    };
    let o = by_source(ours);
    let t = by_source(theirs);
    for (source, attr) in &o {
        match t.iter().find(|(s, _)| s == source) {
            None => out.push(format!("{table}: column {source} only generated")),
            Some((_, theirs)) => {
                if let (Some(a), Some(b)) = (attr.as_object(), theirs.as_object()) {
                    for (k, v) in a {
                        if b.get(k) != Some(v) {
                            out.push(format!(
                                "{table}.{source}: {k} ours {v} theirs {}",
                                b.get(k).unwrap_or(&Value::Null)
                            ));
                        }
                    }
                }
            }
        }
    }
    for (source, _) in &t {
        if !o.iter().any(|(s, _)| s == source) {
            out.push(format!("{table}: column {source} only committed"));
        }
    }
    let order = |v: &[(String, Value)], other: &[(String, Value)]| -> Vec<String> {
        v.iter()
            .map(|(s, _)| s.clone())
            .filter(|s| other.iter().any(|(x, _)| x == s))
            .collect()
    };
    if order(&o, &t) != order(&t, &o) {
        out.push(format!(
            "{table}: column order ours {:?} theirs {:?}",
            order(&o, &t),
            order(&t, &o)
        ));
    }
}

/// Every difference left, per project, with why it is expected.
const EXPECTED: &[(&str, &str, &str)] = &[
    (
        "terrible-hq__terrible",
        "account_types: has_create_action ours true theirs false",
        "`defaults [:read, :create]` came after the last snapshot; has_create_action alone is no \
         operation, so ash_postgres never rewrote the file",
    ),
    (
        "terrible-hq__terrible",
        "accounts: has_create_action ours true theirs false",
        "same as account_types",
    ),
    (
        "dev-guy__phoenix-ash-svelte-flowbite",
        "organization: no committed snapshot",
        "drift (tests/projects/README.md): Organization was added without running the generator",
    ),
    (
        "dev-guy__phoenix-ash-svelte-flowbite",
        "users: column order ours [\"id\", \"username\", \"email\", \"hashed_password\"] theirs [\"id\", \"email\", \"hashed_password\", \"username\"]",
        "drift: the resource was edited after the last snapshot (username moved up)",
    ),
    (
        "dev-guy__phoenix-ash-svelte-flowbite",
        "users: identities ours [{\"base_filter\":null,\"index_name\":\"users_unique_username_index\",\"keys\":[\"username\"],\"name\":\"unique_username\"}] theirs [{\"base_filter\":null,\"index_name\":\"users_unique_email_index\",\"keys\":[\"email\"],\"name\":\"unique_email\"}]",
        "drift (README): identity changed from unique_email to unique_username after the last snapshot",
    ),
    (
        "ash-project__ash_hq",
        "dsls: column sanitized_path only committed",
        "added by ash_hq's own Search extension",
    ),
    (
        "ash-project__ash_hq",
        "emails: column order ours [\"id\", \"email\", \"inserted_at\", \"updated_at\"] theirs [\"updated_at\", \"inserted_at\", \"id\", \"email\"]",
        "written in 2022 by an Ash that listed timestamps first; column order alone is no operation",
    ),
    (
        "ash-project__ash_hq",
        "functions: column sanitized_name only committed",
        "Search extension",
    ),
    (
        "ash-project__ash_hq",
        "guides: column sanitized_name only committed",
        "Search extension",
    ),
    (
        "ash-project__ash_hq",
        "library_versions: column sanitized_version only committed",
        "Search extension",
    ),
    (
        "ash-project__ash_hq",
        "mix_tasks: column sanitized_name only committed",
        "Search extension",
    ),
    (
        "ash-project__ash_hq",
        "modules: column sanitized_name only committed",
        "Search extension",
    ),
    (
        "ash-project__ash_hq",
        "options: column sanitized_path only committed",
        "Search extension",
    ),
    (
        "funyx__elixir-graphql",
        "token: no committed snapshot",
        "drift (README): User and Token were added without running the generator",
    ),
    (
        "funyx__elixir-graphql",
        "user: no committed snapshot",
        "same as token",
    ),
    (
        "ash-project__ash_hq",
        "owed: column dsls.sanitized_path is gone from the resource (kept; --drop-columns drops it)",
        "the Search extension's column (above): ash_postgres would, as here, only comment its removal out",
    ),
    (
        "ash-project__ash_hq",
        "owed: column functions.sanitized_name is gone from the resource (kept; --drop-columns drops it)",
        "the Search extension's column (above): ash_postgres would, as here, only comment its removal out",
    ),
    (
        "ash-project__ash_hq",
        "owed: column guides.sanitized_name is gone from the resource (kept; --drop-columns drops it)",
        "the Search extension's column (above): ash_postgres would, as here, only comment its removal out",
    ),
    (
        "ash-project__ash_hq",
        "owed: column library_versions.sanitized_version is gone from the resource (kept; --drop-columns drops it)",
        "the Search extension's column (above): ash_postgres would, as here, only comment its removal out",
    ),
    (
        "ash-project__ash_hq",
        "owed: column mix_tasks.sanitized_name is gone from the resource (kept; --drop-columns drops it)",
        "the Search extension's column (above): ash_postgres would, as here, only comment its removal out",
    ),
    (
        "ash-project__ash_hq",
        "owed: column modules.sanitized_name is gone from the resource (kept; --drop-columns drops it)",
        "the Search extension's column (above): ash_postgres would, as here, only comment its removal out",
    ),
    (
        "ash-project__ash_hq",
        "owed: column options.sanitized_path is gone from the resource (kept; --drop-columns drops it)",
        "the Search extension's column (above): ash_postgres would, as here, only comment its removal out",
    ),
    (
        "dev-guy__phoenix-ash-svelte-flowbite",
        "owed: add column organization.id",
        "the documented drift (Organization added, users identity changed) is owed",
    ),
    (
        "dev-guy__phoenix-ash-svelte-flowbite",
        "owed: add column organization.name",
        "the documented drift (Organization added, users identity changed) is owed",
    ),
    (
        "dev-guy__phoenix-ash-svelte-flowbite",
        "owed: create table organization",
        "the documented drift (Organization added, users identity changed) is owed",
    ),
    (
        "dev-guy__phoenix-ash-svelte-flowbite",
        "owed: create unique index organization_unique_name_index on organization",
        "the documented drift (Organization added, users identity changed) is owed",
    ),
    (
        "dev-guy__phoenix-ash-svelte-flowbite",
        "owed: create unique index users_unique_username_index on users",
        "the documented drift (Organization added, users identity changed) is owed",
    ),
    (
        "dev-guy__phoenix-ash-svelte-flowbite",
        "owed: drop unique index users_unique_email_index on users",
        "the documented drift (Organization added, users identity changed) is owed",
    ),
    (
        "funyx__elixir-graphql",
        "owed: add column token.created_at",
        "the documented drift (User and Token added without a migration) is owed",
    ),
    (
        "funyx__elixir-graphql",
        "owed: add column token.expires_at",
        "the documented drift (User and Token added without a migration) is owed",
    ),
    (
        "funyx__elixir-graphql",
        "owed: add column token.extra_data",
        "the documented drift (User and Token added without a migration) is owed",
    ),
    (
        "funyx__elixir-graphql",
        "owed: add column token.jti",
        "the documented drift (User and Token added without a migration) is owed",
    ),
    (
        "funyx__elixir-graphql",
        "owed: add column token.purpose",
        "the documented drift (User and Token added without a migration) is owed",
    ),
    (
        "funyx__elixir-graphql",
        "owed: add column token.subject",
        "the documented drift (User and Token added without a migration) is owed",
    ),
    (
        "funyx__elixir-graphql",
        "owed: add column token.updated_at",
        "the documented drift (User and Token added without a migration) is owed",
    ),
    (
        "funyx__elixir-graphql",
        "owed: add column user.email",
        "the documented drift (User and Token added without a migration) is owed",
    ),
    (
        "funyx__elixir-graphql",
        "owed: add column user.hashed_password",
        "the documented drift (User and Token added without a migration) is owed",
    ),
    (
        "funyx__elixir-graphql",
        "owed: add column user.id",
        "the documented drift (User and Token added without a migration) is owed",
    ),
    (
        "funyx__elixir-graphql",
        "owed: create table token",
        "the documented drift (User and Token added without a migration) is owed",
    ),
    (
        "funyx__elixir-graphql",
        "owed: create table user",
        "the documented drift (User and Token added without a migration) is owed",
    ),
    (
        "funyx__elixir-graphql",
        "owed: create unique index user_unique_email_index on user",
        "the documented drift (User and Token added without a migration) is owed",
    ),
];

/// The public projects (not the `own__` fixtures) and their directories.
fn public_projects() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(projects_dir()).expect("fixtures") {
        let dir = entry.expect("entry").path();
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
        if name.starts_with("own__") || !dir.is_dir() {
            continue;
        }
        let dir = if name == "funyx__elixir-graphql" {
            dir.join("helpdesk")
        } else {
            dir
        };
        out.push((name, dir));
    }
    out.sort();
    out
}

#[test]
fn generated_snapshots_equal_the_committed_ones() {
    let mut unexpected = Vec::new();
    let mut seen = Vec::new();
    for (name, dir) in public_projects() {
        for difference in differences(&dir) {
            match EXPECTED.iter().find(|(p, d, _)| *p == name && *d == difference) {
                Some(expected) => seen.push(expected),
                None => unexpected.push(format!("{name}: {difference}")),
            }
        }
    }
    let gone: Vec<String> = EXPECTED
        .iter()
        .filter(|e| !seen.contains(e))
        .map(|(p, d, _)| format!("{p}: {d}"))
        .collect();
    assert!(
        unexpected.is_empty(),
        "differences not in EXPECTED:\n{}",
        unexpected.join("\n")
    );
    assert!(
        gone.is_empty(),
        "EXPECTED differences that no longer occur:\n{}",
        gone.join("\n")
    );
    assert_eq!(public_projects().len(), 10);
}

/// The ash_postgres version a committed file's keys show (a project upgrades ash_postgres
/// without rewriting unchanged snapshots, so its `mix.lock` does not say).
fn version_of(file: &Value) -> Option<Flavor> {
    let text = file.to_string();
    let has = |key: &str| text.contains(&format!("\"{key}\":"));
    if file.as_object().map(|o| o.len()) != Some(12) {
        return None;
    }
    let at = |major, minor, patch| Flavor {
        ash_postgres: helpdesk::schema::Version(major, minor, patch),
        ..Flavor::default()
    };
    let has_references = text.contains("\"destination_attribute\":");
    let has_identities = file["identities"].as_array().is_some_and(|i| !i.is_empty());
    Some(if has("nulls_distinct") {
        at(1, 5, 19)
    } else if has("error_fields") || (has_identities && has("all_tenants?") && has("match_type")) {
        at(1, 5, 0)
    } else if has("all_tenants?") {
        at(1, 4, 0)
    } else if has("match_type") {
        at(1, 3, 63)
    } else if has("deferrable") {
        at(1, 3, 33)
    } else if has("primary_key?") && has_references && text.contains("\"primary_key?\":true,\"schema\"") {
        at(1, 3, 20)
    } else if has_references {
        at(1, 3, 19)
    } else {
        return None;
    })
}

/// Where the committed file was written in sorted key order (OTP ≤ 25), ours, written as the
/// version its keys show, is the same text byte for byte, its `hash` line aside.
#[test]
fn same_bytes_as_the_committed_files() {
    let mut compared = Vec::new();
    let mut different = Vec::new();
    for (name, dir) in public_projects() {
        let project = load(&Location::Dir(dir.clone())).expect("the project reads");
        let repo_of = |table: &str| {
            project
                .resources
                .iter()
                .find(|r| r.table == table)
                .and_then(|r| r.repo.clone())
                .unwrap_or_default()
        };
        let old = |table: &str, schema: Option<&str>| {
            files::latest(&dir, &repo_of(table), table, schema).expect("committed snapshots read")
        };
        let lock = std::fs::read_to_string(dir.join("mix.lock.excerpt")).unwrap_or_default();
        for snapshot in build::snapshots(&project, Flavor::from_mix_lock(&lock), &old) {
            let Some(path) = files::latest_path(&dir, &repo_of(&snapshot.table), &snapshot.table, None)
            else {
                continue;
            };
            let theirs = std::fs::read_to_string(&path).expect("read");
            let value: Value = serde_json::from_str(&theirs).expect("json");
            // Written with every object's keys sorted (OTP ≤ 25): Jason's layout of the sorted
            // value is the file itself.
            let sorted = helpdesk::schema::json::pretty(&value) == theirs;
            let (true, Some(flavor)) = (sorted, version_of(&value)) else {
                continue;
            };
            let without_hash = |text: &str| {
                text.lines()
                    .filter(|l| !l.starts_with("  \"hash\": "))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            let shown = format!("{name}/{}", snapshot.table);
            if without_hash(&snapshot.file_text(flavor)) == without_hash(&theirs) {
                compared.push(shown);
            } else {
                different.push(shown);
            }
        }
    }
    eprintln!("byte-identical: {}", compared.len());
    assert!(compared.len() >= 20, "{compared:?}");
    assert_eq!(different, EXPECTED_BYTES, "files that differ");
}

/// Files written in sorted key order whose bytes differ from ours: none (26 files of six
/// projects are compared; the others were written by OTP 26+, in atom-table key order).
const EXPECTED_BYTES: &[&str] = &[];
