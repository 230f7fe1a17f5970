//! The repo's extensions as ash_postgres 1.x handles them (`create_extension_migrations/2`):
//! `extensions.json`, the Ecto migration that installs what `installed_extensions/0` names, and
//! the same as PostgreSQL statements for the diesel migration. `ash-functions` is not a
//! PostgreSQL extension but SQL functions ash_postgres defines (`ash_elixir_or`, …): its
//! migration holds their definitions, copied from ash_postgres's source of the imitated
//! version's family (1.3.52 before 1.3.65, 1.5.26 from then on; `ash_functions/`). Upgrading
//! an older `ash_functions_version` is not done. Nothing here reads or writes files.

use std::path::PathBuf;

use super::files;
use super::version::Flavor;

/// ash_postgres 1.3.52's `install_ash_functions(nil)` (function version 1).
const INSTALL_V1: &str = include_str!("ash_functions/install.exs");
/// ash_postgres 1.5.26's `AshFunctions.install(nil)` (function version 3): the same, then
/// `ash_raise_error`.
const INSTALL_V3: &str = concat!(
    include_str!("ash_functions/install.exs"),
    include_str!("ash_functions/raise_error_v3.exs")
);
const DROP_V1: &str = "DROP FUNCTION IF EXISTS ash_elixir_and(BOOLEAN, ANYCOMPATIBLE), ash_elixir_and(ANYCOMPATIBLE, ANYCOMPATIBLE), ash_elixir_or(ANYCOMPATIBLE, ANYCOMPATIBLE), ash_elixir_or(BOOLEAN, ANYCOMPATIBLE)";
const DROP_V3: &str = "DROP FUNCTION IF EXISTS ash_raise_error(jsonb), ash_raise_error(jsonb, ANYCOMPATIBLE), ash_elixir_and(BOOLEAN, ANYCOMPATIBLE), ash_elixir_and(ANYCOMPATIBLE, ANYCOMPATIBLE), ash_elixir_or(ANYCOMPATIBLE, ANYCOMPATIBLE), ash_elixir_or(BOOLEAN, ANYCOMPATIBLE), ash_trim_whitespace(text[])";

/// The ash-functions version an ash_postgres version installs.
pub fn functions_version(flavor: Flavor) -> u32 {
    if flavor.at_least(1, 3, 67) {
        3
    } else if flavor.at_least(1, 3, 65) {
        2
    } else if flavor.at_least(1, 3, 31) {
        1
    } else {
        0
    }
}

/// (the Ecto `up` text, the `DROP FUNCTION` statement) of the imitated version's family.
fn functions_text(flavor: Flavor) -> (&'static str, &'static str) {
    if flavor.at_least(1, 3, 65) {
        (INSTALL_V3, DROP_V3)
    } else {
        (INSTALL_V1, DROP_V1)
    }
}

/// `extensions.json`: per repo from ash_postgres 1.5.11, one for all repos before.
pub fn json_path(repo: &str, flavor: Flavor) -> PathBuf {
    let base = PathBuf::from("priv/resource_snapshots");
    if flavor.at_least(1, 5, 11) {
        base.join(files::repo_dir(repo)).join("extensions.json")
    } else {
        base.join("extensions.json")
    }
}

/// `{"installed": [...]}`, with `ash_functions_version` when `ash-functions` is installed.
pub fn json(installed: &[String], flavor: Flavor) -> String {
    let mut value = serde_json::json!({ "installed": installed });
    if installed.iter().any(|e| e == "ash-functions") {
        value["ash_functions_version"] = serde_json::json!(functions_version(flavor));
    }
    super::json::pretty(&value)
}

/// The PostgreSQL statements that install `missing` (for the diesel migration's `up.sql`) and
/// those that undo what can be undone (`down.sql`: the ash-functions; extensions stay, as
/// ash_postgres leaves their `DROP EXTENSION` commented out).
pub fn statements(missing: &[String], flavor: Flavor) -> (Vec<String>, Vec<String>) {
    let mut up = Vec::new();
    let mut down = Vec::new();
    for extension in missing {
        if extension == "ash-functions" {
            let (install, drop) = functions_text(flavor);
            up.extend(heredocs(install));
            down.push(format!("{drop};"));
        } else {
            up.push(format!("CREATE EXTENSION IF NOT EXISTS \"{extension}\";"));
        }
    }
    (up, down)
}

/// The SQL inside each `execute("""…""")` of an install text.
fn heredocs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("execute(\"\"\"\n") {
        let body = &rest[start + "execute(\"\"\"\n".len()..];
        let Some(end) = body.find("\"\"\")") else { break };
        out.push(body[..end].trim_end().to_string());
        rest = &body[end..];
    }
    out
}

/// The order ash_postgres installs `missing` in: before 1.3.65 an ash-functions install goes
/// first (`Enum.uniq(["ash-functions" | to_install])`), from then on the repo's order.
fn install_order(missing: &[String], flavor: Flavor) -> Vec<String> {
    let mut order = missing.to_vec();
    if !flavor.at_least(1, 3, 65)
        && let Some(at) = order.iter().position(|e| e == "ash-functions")
    {
        let functions = order.remove(at);
        order.insert(0, functions);
    }
    order
}

/// `<ts>_install_<name>_extension.exs` (or `_install_<N>_extensions`): the file name and the
/// Ecto migration module ash_postgres writes for `missing`.
pub fn migration(repo: &str, missing: &[String], stamp: &str, flavor: Flavor) -> (String, String) {
    let missing = install_order(missing, flavor);
    let functions_single = flavor.at_least(1, 3, 65) && missing.len() == 1 && missing[0] == "ash-functions";
    // Before 1.3.65 one extension is `install_<name>` (file `…_extension`); from then on only
    // ash-functions alone is named, as `install_ash-functions_extension_<version>`.
    let (base, module_base) = match missing.as_slice() {
        _ if functions_single => {
            let name = format!("install_ash-functions_extension_{}", functions_version(flavor));
            (name.clone(), name)
        }
        [one] if !flavor.at_least(1, 3, 65) => (format!("install_{one}_extension"), format!("install_{one}")),
        _ => {
            let name = format!("install_{}_extensions", missing.len());
            (name.clone(), name)
        }
    };
    let module = super::ecto::camelize(&module_base.replace('-', "_"));
    let mut text = format!(
        "defmodule {repo}.Migrations.{module} do\n  @moduledoc \"\"\"\n  Installs any extensions that are mentioned in the repo's `installed_extensions/0` callback\n\n  This file was autogenerated with `mix ash_postgres.generate_migrations`\n  \"\"\"\n\n  use Ecto.Migration\n\n  def up do\n"
    );
    let mut ups = Vec::new();
    let mut downs = Vec::new();
    for extension in &missing {
        if extension == "ash-functions" {
            let (install, drop) = functions_text(flavor);
            ups.push(indent(install.trim_end(), "    "));
            downs.push(format!("    execute(\n      \"{drop}\"\n    )"));
        } else {
            ups.push(format!(
                "    execute(\"CREATE EXTENSION IF NOT EXISTS \\\"{extension}\\\"\")"
            ));
            downs.push(format!(
                "    # execute(\"DROP EXTENSION IF EXISTS \\\"{extension}\\\"\")"
            ));
        }
    }
    text.push_str(&ups.join("\n"));
    text.push_str("\n  end\n\n  def down do\n    # Uncomment this if you actually want to uninstall the extensions\n    # when this migration is rolled back:\n");
    text.push_str(&downs.join("\n"));
    text.push_str("\n  end\nend");
    if flavor.at_least(1, 5, 18) {
        text.push('\n');
    }
    (format!("{stamp}_{base}.exs"), text)
}

/// Every non-empty line of `text` indented by `by`.
fn indent(text: &str, by: &str) -> String {
    text.lines()
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!("{by}{line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::version::Version;

    fn flavor(major: u32, minor: u32, patch: u32) -> Flavor {
        Flavor {
            ash_postgres: Version(major, minor, patch),
            ..Flavor::default()
        }
    }

    /// (ash_postgres version, extensions, file name, module name, first line of `up`)
    #[test]
    fn migrations_are_named_and_ordered_as_ash_postgres_names_them() {
        let cases: &[(Flavor, &[&str], &str, &str, &str)] = &[
            (
                flavor(1, 3, 52),
                &["uuid-ossp"],
                "1_install_uuid-ossp_extension.exs",
                "InstallUuidOssp",
                "execute(\"CREATE EXTENSION IF NOT EXISTS \\\"uuid-ossp\\\"\")",
            ),
            (
                flavor(1, 3, 52),
                &["ash-functions"],
                "1_install_ash-functions_extension.exs",
                "InstallAshFunctions",
                "execute(\"\"\"",
            ),
            (
                flavor(1, 3, 52),
                &["citext", "ash-functions"],
                "1_install_2_extensions.exs",
                "Install2Extensions",
                "execute(\"\"\"",
            ),
            (
                flavor(1, 5, 26),
                &["ash-functions"],
                "1_install_ash-functions_extension_3.exs",
                "InstallAshFunctionsExtension3",
                "execute(\"\"\"",
            ),
            (
                flavor(1, 5, 26),
                &["citext"],
                "1_install_1_extensions.exs",
                "Install1Extensions",
                "execute(\"CREATE EXTENSION IF NOT EXISTS \\\"citext\\\"\")",
            ),
            (
                flavor(1, 5, 26),
                &["citext", "ash-functions"],
                "1_install_2_extensions.exs",
                "Install2Extensions",
                "execute(\"CREATE EXTENSION IF NOT EXISTS \\\"citext\\\"\")",
            ),
        ];
        for (flavor, missing, file, module, first) in cases {
            let missing: Vec<String> = missing.iter().map(|e| e.to_string()).collect();
            let (name, text) = migration("App.Repo", &missing, "1", *flavor);
            assert_eq!(name, *file);
            assert!(
                text.starts_with(&format!("defmodule App.Repo.Migrations.{module} do")),
                "{text}"
            );
            let up = text.split("def up do\n").nth(1).unwrap_or("");
            assert_eq!(up.lines().next().map(str::trim), Some(*first), "{file}");
        }
    }

    /// The ash-functions SQL is every function the Ecto text defines, and its down drops
    /// them; other extensions are created and never dropped.
    #[test]
    fn ash_functions_statements() {
        let missing = vec!["citext".to_string(), "ash-functions".to_string()];
        for (flavor, functions) in [(flavor(1, 3, 52), 5), (flavor(1, 5, 26), 7)] {
            let (up, down) = statements(&missing, flavor);
            assert_eq!(up[0], "CREATE EXTENSION IF NOT EXISTS \"citext\";");
            assert_eq!(up.len(), 1 + functions, "{up:#?}");
            assert!(
                up[1..]
                    .iter()
                    .all(|s| s.starts_with("CREATE OR REPLACE FUNCTION ash_"))
            );
            assert_eq!(down.len(), 1);
            assert!(down[0].starts_with("DROP FUNCTION IF EXISTS ash_"));
        }
    }
}
