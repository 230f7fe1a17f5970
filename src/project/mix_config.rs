//! The database of a Mix project: the repo's `config :app, Repo, ...` in `config/config.exs`,
//! `config/<MIX_ENV>.exs` (default `dev`) and `config/runtime.exs`, as a `postgres://` URL.
//!
//! Reads the files with the project's parser and understands only what repo settings use:
//! literals, `System.get_env("X")` (with `||` defaults) and `if config_env() == :env`. It
//! never prints the password; callers must not either.

use std::path::Path;

use crate::project::modules::{block_items, keyword_pairs, module_name};
use crate::syntax::ast::{BinOp, Expr, ExprKind, StrPart};

/// The repo settings found so far (later files override earlier ones, key by key).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct RepoConfig {
    url: Option<String>,
    username: Option<String>,
    password: Option<String>,
    hostname: Option<String>,
    port: Option<String>,
    database: Option<String>,
}

/// The connection URL for `repo` (any repo when None) from the project's config files, or None
/// when they do not configure one.
pub fn database_url(dir: &Path, repo: Option<&str>) -> Option<String> {
    let env = std::env::var("MIX_ENV").unwrap_or_else(|_| "dev".to_string());
    let mut config = RepoConfig::default();
    for name in [
        "config.exs".to_string(),
        format!("{env}.exs"),
        "runtime.exs".to_string(),
    ] {
        let Ok(text) = std::fs::read_to_string(dir.join("config").join(&name)) else {
            continue;
        };
        let Ok(program) = crate::syntax::parse(&text) else {
            continue;
        };
        for expr in &program {
            read(expr, repo, &env, &mut config);
        }
    }
    config.to_url()
}

fn read(expr: &Expr, repo: Option<&str>, env: &str, config: &mut RepoConfig) {
    match &expr.kind {
        ExprKind::Call {
            target: None,
            name,
            args,
            ..
        } if name == "config" => {
            let [_, module, options] = args.as_slice() else {
                return;
            };
            let Some(module) = module_name(module) else { return };
            if repo.is_some_and(|r| r != module) || !module.ends_with("Repo") {
                return;
            }
            for (key, value) in keyword_pairs(options).unwrap_or_default() {
                let Some(text) = value_text(value) else { continue };
                let slot = match key.as_str() {
                    "url" => &mut config.url,
                    "username" => &mut config.username,
                    "password" => &mut config.password,
                    "hostname" => &mut config.hostname,
                    "port" => &mut config.port,
                    "database" => &mut config.database,
                    _ => continue,
                };
                *slot = Some(text);
            }
        }
        ExprKind::If {
            cond,
            then,
            otherwise,
        } => {
            let branch = match env_condition(cond, env) {
                Some(true) => Some(then.as_ref()),
                Some(false) => otherwise.as_deref(),
                None => None,
            };
            for item in branch.map(block_items).unwrap_or_default() {
                read(item, repo, env, config);
            }
        }
        ExprKind::Block(items) => {
            for item in items {
                read(item, repo, env, config);
            }
        }
        _ => {}
    }
}

/// `config_env() == :prod` (or `!=`) against the current environment.
fn env_condition(cond: &Expr, env: &str) -> Option<bool> {
    let ExprKind::Binary { op, left, right } = &cond.kind else {
        return None;
    };
    let is_env = matches!(&left.kind, ExprKind::Call { name, args, .. } if name == "config_env" && args.is_empty())
        || matches!(&left.kind, ExprKind::Var(name) if name == "config_env");
    let ExprKind::Atom(wanted) = &right.kind else {
        return None;
    };
    match (is_env, op) {
        (true, BinOp::Eq) => Some(wanted == env),
        (true, BinOp::NotEq) => Some(wanted != env),
        _ => None,
    }
}

/// A setting's text: a literal, `System.get_env("X")`, or `a || b`.
fn value_text(value: &Expr) -> Option<String> {
    match &value.kind {
        ExprKind::Str(parts) => parts
            .iter()
            .map(|p| match p {
                StrPart::Lit(s) => Some(s.clone()),
                // `"support_test#{System.get_env("MIX_TEST_PARTITION")}"`
                StrPart::Interp(e) => Some(value_text(e).unwrap_or_default()),
            })
            .collect(),
        ExprKind::Int(i) => Some(i.to_string()),
        ExprKind::Call {
            target: Some(module),
            name,
            args,
            ..
        } if module_name(module).as_deref() == Some("System")
            && (name == "get_env" || name == "fetch_env!") =>
        {
            let [
                Expr {
                    kind: ExprKind::Str(parts),
                    ..
                },
                ..,
            ] = args.as_slice()
            else {
                return None;
            };
            let [StrPart::Lit(var)] = parts.as_slice() else {
                return None;
            };
            std::env::var(var).ok()
        }
        ExprKind::Binary {
            op: BinOp::OrOr,
            left,
            right,
        } => value_text(left).or_else(|| value_text(right)),
        _ => None,
    }
}

impl RepoConfig {
    fn to_url(&self) -> Option<String> {
        if let Some(url) = &self.url {
            return Some(match url.strip_prefix("ecto://") {
                Some(rest) => format!("postgres://{rest}"),
                None => url.clone(),
            });
        }
        let database = self.database.as_ref()?;
        let mut url = "postgres://".to_string();
        if let Some(user) = &self.username {
            url.push_str(&encode(user));
            if let Some(password) = &self.password {
                url.push(':');
                url.push_str(&encode(password));
            }
            url.push('@');
        }
        url.push_str(self.hostname.as_deref().unwrap_or("localhost"));
        if let Some(port) = &self.port {
            url.push(':');
            url.push_str(port);
        }
        url.push('/');
        url.push_str(&encode(database));
        Some(url)
    }
}

/// Percent-encodes what a URL's user, password or path segment cannot hold as is.
fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The repos of `config :app, ecto_repos: [A.Repo, ...]` in `config/config.exs`, the ones
/// `mix ecto.migrate` migrates.
pub fn ecto_repos(dir: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(dir.join("config").join("config.exs")) else {
        return Vec::new();
    };
    let Ok(program) = crate::syntax::parse(&text) else {
        return Vec::new();
    };
    let mut repos = Vec::new();
    let mut stack: Vec<&Expr> = program.iter().rev().collect();
    while let Some(expr) = stack.pop() {
        match &expr.kind {
            ExprKind::Call {
                target: None,
                name,
                args,
                ..
            } if name == "config" => {
                for (key, value) in args.last().and_then(keyword_pairs).unwrap_or_default() {
                    if key == "ecto_repos"
                        && let ExprKind::List { items, .. } = &value.kind
                    {
                        repos.extend(items.iter().filter_map(module_name));
                    }
                }
            }
            ExprKind::Block(items) => stack.extend(items.iter().rev()),
            _ => {}
        }
    }
    repos
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url_of(files: &[(&str, &str)], repo: Option<&str>) -> Option<String> {
        let dir =
            std::env::temp_dir().join(format!("helpdesk-mixcfg-{}-{}", std::process::id(), files.len()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("config")).unwrap();
        for (name, text) in files {
            std::fs::write(dir.join("config").join(name), text).unwrap();
        }
        let url = database_url(&dir, repo);
        let _ = std::fs::remove_dir_all(&dir);
        url
    }

    #[test]
    fn keyword_form_of_the_chapter() {
        let dev = r#"import Config
config :helpdesk, Helpdesk.Repo, username: "postgres", password: "postgres", hostname: "localhost", database: "helpdesk_dev"
config :helpdesk, Support.Repo,
  username: "postgres",
  password: "p@ss word",
  hostname: "db.example",
  port: 5433,
  database: "support_dev",
  pool_size: 10
"#;
        assert_eq!(
            url_of(
                &[("config.exs", "import Config\n"), ("dev.exs", dev)],
                Some("Support.Repo")
            )
            .as_deref(),
            Some("postgres://postgres:p%40ss%20word@db.example:5433/support_dev")
        );
    }

    #[test]
    fn url_form_and_env_conditions() {
        let runtime = r#"import Config
if config_env() == :prod do
  config :app, App.Repo, url: "ecto://prod@x/prod"
end
if config_env() == :dev do
  config :app, App.Repo, url: System.get_env("HELPDESK_NO_SUCH_VAR") || "ecto://u@h/dev_db"
end
"#;
        assert_eq!(
            url_of(&[("runtime.exs", runtime), ("dev.exs", "")], None).as_deref(),
            Some("postgres://u@h/dev_db")
        );
    }

    #[test]
    fn nothing_configured() {
        assert_eq!(
            url_of(&[("config.exs", "import Config\nconfig :app, foo: 1\n")], None),
            None
        );
    }
}
