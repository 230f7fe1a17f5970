//! Public Ash 2.x projects (copies of their resource files and committed resource snapshots
//! under `tests/projects/`, see its README): the resources load, and the attributes read from
//! the files agree with the snapshots ash_postgres generated from them (name, `allow_nil?`,
//! `primary_key?`).

use std::path::{Path, PathBuf};

use helpdesk::project::{Location, load};

fn dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/projects")
        .join(name)
}

/// A column as the comparison sees it: (name, `allow_nil?`, `primary_key?`).
type Column = (String, bool, bool);

/// The newest snapshot of each table: (table, columns).
fn snapshots(project: &Path) -> Vec<(String, Vec<Column>)> {
    let mut out = Vec::new();
    let repo = project.join("priv/resource_snapshots/repo");
    let Ok(tables) = std::fs::read_dir(&repo) else {
        return out;
    };
    for table in tables.flatten().filter(|t| t.path().is_dir()) {
        let mut files: Vec<PathBuf> = std::fs::read_dir(table.path())
            .expect("a snapshot folder")
            .flatten()
            .map(|f| f.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        let Some(newest) = files.last() else { continue };
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(newest).expect("a snapshot file"))
                .expect("snapshot JSON");
        let columns = json["attributes"]
            .as_array()
            .expect("snapshot attributes")
            .iter()
            .map(|a| {
                (
                    a["source"].as_str().expect("source").to_string(),
                    a["allow_nil?"].as_bool().expect("allow_nil?"),
                    a["primary_key?"].as_bool().expect("primary_key?"),
                )
            })
            .collect();
        out.push((json["table"].as_str().expect("table").to_string(), columns));
    }
    out.sort();
    out
}

/// Loads a project and compares every resource that has a snapshot with it.
fn agrees_with_snapshots(name: &str, tables: &[&str]) {
    let root = dir(name);
    let project = load(&Location::Dir(root.clone())).unwrap_or_else(|e| panic!("{name}: {e}"));
    let snapshots = snapshots(&root);
    let mut compared = Vec::new();
    for (table, columns) in &snapshots {
        let Some(resource) = project.resources.iter().find(|r| &r.table == table) else {
            continue;
        };
        let mut read: Vec<Column> = resource
            .attributes
            .iter()
            .map(|a| (a.source.clone(), a.allow_nil, a.primary_key))
            .collect();
        let mut expected = columns.clone();
        read.sort();
        expected.sort();
        assert_eq!(read, expected, "{name}: {} ({table})", resource.name);
        compared.push(table.as_str());
    }
    assert_eq!(compared, tables, "{name}: the tables compared");
}

#[test]
fn phoenix_ash_svelte_flowbite() {
    // The users identity changed after the last snapshot, which does not touch the columns;
    // organizations has no snapshot.
    agrees_with_snapshots("dev-guy__phoenix-ash-svelte-flowbite", &["tokens", "users"]);
}

#[test]
fn funyx_helpdesk() {
    // Its user and token resources have no snapshot (never migrated).
    agrees_with_snapshots("funyx__elixir-graphql/helpdesk", &["representative", "ticket"]);
}
