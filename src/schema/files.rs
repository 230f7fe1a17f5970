//! Where snapshots live and how the newest one is found (ash_postgres's
//! `get_existing_snapshot/2`): `priv/resource_snapshots/<repo>/<table>/<timestamp>.json`, the
//! largest all-digit name winning, else the legacy flat `<repo>/<table>.json`; tables in a
//! postgres schema under `<schema>.<table>` (1.5.0+).

use std::path::{Path, PathBuf};

use super::SchemaError;
use super::snapshot::Snapshot;

/// `Support.Repo` → `repo`, `MyApp.SupportRepo` → `support_repo` (`repo_name/1`, the same
/// name Ecto gives `priv/<repo>/migrations`).
pub fn repo_dir(repo: &str) -> String {
    crate::migration::repo_dir_name(repo)
}

/// The directory of a table's snapshots.
pub fn table_dir(root: &Path, repo: &str, table: &str, schema: Option<&str>) -> PathBuf {
    let name = match schema {
        Some(schema) => format!("{schema}.{table}"),
        None => table.to_string(),
    };
    root.join("priv/resource_snapshots")
        .join(repo_dir(repo))
        .join(name)
}

/// The newest snapshot file of a table, if any.
pub fn latest_path(root: &Path, repo: &str, table: &str, schema: Option<&str>) -> Option<PathBuf> {
    let dir = table_dir(root, repo, table, schema);
    let newest = std::fs::read_dir(&dir)
        .ok()
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let path = entry.path();
            let stem = path.file_stem()?.to_str()?.to_string();
            let numbered = path.extension().is_some_and(|e| e == "json")
                && !stem.is_empty()
                && stem.bytes().all(|b| b.is_ascii_digit());
            numbered.then(|| (stem.parse::<u128>().unwrap_or(0), path))
        })
        .max_by_key(|(n, _)| *n)
        .map(|(_, path)| path);
    newest.or_else(|| {
        let legacy = dir.with_extension("json");
        legacy.is_file().then_some(legacy)
    })
}

/// Reads and parses one snapshot file.
pub fn read(path: &Path) -> Result<(Snapshot, serde_json::Value), SchemaError> {
    let text = std::fs::read_to_string(path).map_err(|e| SchemaError::io(path, e))?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| SchemaError::File {
        file: path.display().to_string(),
        line: e.line(),
        message: e.to_string(),
    })?;
    let snapshot = Snapshot::from_json(&value).map_err(|message| SchemaError::File {
        file: path.display().to_string(),
        line: 1,
        message,
    })?;
    Ok((snapshot, value))
}

/// The newest snapshot of a table, if it has one.
pub fn latest(
    root: &Path,
    repo: &str,
    table: &str,
    schema: Option<&str>,
) -> Result<Option<Snapshot>, SchemaError> {
    match latest_path(root, repo, table, schema) {
        Some(path) => Ok(Some(read(&path)?.0)),
        None => Ok(None),
    }
}

/// Every table's newest snapshot under `priv/resource_snapshots/<repo>/` (tables whose
/// resources are gone included), sorted by table name.
pub fn all_latest(root: &Path, repo: &str) -> Result<Vec<Snapshot>, SchemaError> {
    let dir = root.join("priv/resource_snapshots").join(repo_dir(repo));
    let mut tables: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(&dir).ok().into_iter().flatten().flatten() {
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if path.is_dir() {
            tables.push(name.to_string());
        } else if let Some(table) = name.strip_suffix(".json")
            && table != "extensions"
        {
            tables.push(table.to_string());
        }
    }
    tables.sort();
    tables.dedup();
    let mut out = Vec::new();
    for table in tables {
        let (schema, table) = match table.split_once('.') {
            Some((schema, table)) => (Some(schema.to_string()), table.to_string()),
            None => (None, table),
        };
        if let Some(snapshot) = latest(root, repo, &table, schema.as_deref())? {
            out.push(snapshot);
        }
    }
    Ok(out)
}

/// The extensions recorded as installed (`extensions.json`'s `installed`), looked for at the
/// 1.5.11+ place and at the older one.
pub fn installed_extensions(root: &Path, repo: &str) -> Result<Vec<String>, SchemaError> {
    let base = root.join("priv/resource_snapshots");
    for path in [
        base.join(repo_dir(repo)).join("extensions.json"),
        base.join("extensions.json"),
    ] {
        if !path.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(|e| SchemaError::io(&path, e))?;
        let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| SchemaError::File {
            file: path.display().to_string(),
            line: e.line(),
            message: e.to_string(),
        })?;
        return Ok(value
            .get("installed")
            .and_then(|v| v.as_array())
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default());
    }
    Ok(Vec::new())
}

#[cfg(test)]
mod tests {
    use super::latest_path;

    /// The largest all-digit name wins (`initial.json` never does); without any, the legacy
    /// flat `<table>.json`.
    #[test]
    fn the_newest_snapshot_file() {
        let root = std::env::temp_dir().join(format!("helpdesk_files_{}", std::process::id()));
        let dir = root.join("priv/resource_snapshots/repo/users");
        std::fs::create_dir_all(&dir).expect("dirs");
        assert_eq!(latest_path(&root, "Support.Repo", "users", None), None);
        std::fs::write(root.join("priv/resource_snapshots/repo/users.json"), "{}").expect("legacy");
        assert_eq!(
            latest_path(&root, "Support.Repo", "users", None),
            Some(root.join("priv/resource_snapshots/repo/users.json"))
        );
        for name in [
            "20230101000000.json",
            "9.json",
            "initial.json",
            "20240101000000.json",
            "2024x.json",
        ] {
            std::fs::write(dir.join(name), "{}").expect("write");
        }
        assert_eq!(
            latest_path(&root, "Support.Repo", "users", None),
            Some(dir.join("20240101000000.json"))
        );
        let _ = std::fs::remove_dir_all(&root);
    }
}
