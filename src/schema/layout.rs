//! The layout Elixir's formatter gives the statements ash_postgres writes (line length 98,
//! ecto_sql's calls without parentheses): a statement too long for its line breaks after its
//! column name, a `references(...)` still too long puts one keyword per line, a call's keywords
//! go under it. Imitated for these statements, not in general.

const WIDTH: usize = 98;

/// One statement, kept in parts so it can be broken as the formatter breaks it.
#[derive(Debug, Clone)]
pub(super) enum Statement {
    /// Text that is never broken (or already broken into lines).
    Lines(Vec<String>),
    /// `add :c, <first>, opts…` / `modify :c, <first>, opts…`.
    Call {
        head: String,
        first: First,
        opts: Vec<String>,
    },
}

#[derive(Debug, Clone)]
pub(super) enum First {
    Type(String),
    References { table: String, opts: Vec<String> },
}

impl First {
    fn inline(&self) -> String {
        match self {
            First::Type(t) => t.clone(),
            First::References { table, opts } => {
                let mut parts = vec![table.clone()];
                parts.extend(opts.iter().cloned());
                format!("references({})", parts.join(", "))
            }
        }
    }
}

impl Statement {
    pub(super) fn line(text: impl Into<String>) -> Statement {
        Statement::Lines(vec![text.into()])
    }

    /// The statement's lines when it starts at column `indent`.
    pub(super) fn format(&self, indent: usize) -> Vec<String> {
        let (head, first, opts) = match self {
            Statement::Lines(lines) => {
                return match lines.as_slice() {
                    [line] if indent + line.len() > WIDTH => {
                        break_keywords(line).unwrap_or_else(|| lines.clone())
                    }
                    _ => lines.clone(),
                };
            }
            Statement::Call { head, first, opts } => (head, first, opts),
        };
        let mut args = vec![first.inline()];
        args.extend(opts.iter().cloned());
        let one = format!("{head}, {}", args.join(", "));
        if indent + one.len() <= WIDTH {
            return vec![one];
        }
        let verb = head.split(' ').next().unwrap_or("add").len() + 1;
        let cont = " ".repeat(verb);
        let rest = args.join(", ");
        match first {
            First::References {
                table,
                opts: ref_opts,
            } => {
                if indent + verb + rest.len() <= WIDTH {
                    return vec![format!("{head},"), format!("{cont}{rest}")];
                }
                let mut lines = vec![format!("{head},"), format!("{cont}references({table},")];
                for (i, opt) in ref_opts.iter().enumerate() {
                    let comma = if i + 1 < ref_opts.len() { "," } else { "" };
                    lines.push(format!("{cont}  {opt}{comma}"));
                }
                if opts.is_empty() {
                    lines.push(format!("{cont})"));
                } else {
                    lines.push(format!("{cont}),"));
                    for (i, opt) in opts.iter().enumerate() {
                        let comma = if i + 1 < opts.len() { "," } else { "" };
                        lines.push(format!("{cont}{opt}{comma}"));
                    }
                }
                lines
            }
            First::Type(ty) => {
                let mut lines = vec![format!("{head}, {ty},")];
                for (i, opt) in opts.iter().enumerate() {
                    let comma = if i + 1 < opts.len() { "," } else { "" };
                    lines.push(format!("  {opt}{comma}"));
                }
                lines
            }
        }
    }
}

/// `create unique_index(:t, [:a], name: "…")` too long for its line: the keywords go one per
/// line under the inner call, `)` back at its column, as the formatter breaks it.
fn break_keywords(line: &str) -> Option<Vec<String>> {
    let (verb, call) = line.split_once(' ')?;
    let open = call.find('(')?;
    let inner = call.strip_suffix(')')?.get(open + 1..)?;
    let parts = split_top_level(inner);
    let first_keyword = parts.iter().position(|p| is_keyword(p))?;
    if first_keyword == 0 {
        return None;
    }
    let pad = " ".repeat(verb.len() + 1);
    let mut lines = vec![format!(
        "{verb} {}({},",
        &call[..open],
        parts[..first_keyword].join(", ")
    )];
    let keywords = &parts[first_keyword..];
    for (i, keyword) in keywords.iter().enumerate() {
        let comma = if i + 1 < keywords.len() { "," } else { "" };
        lines.push(format!("{pad}  {keyword}{comma}"));
    }
    lines.push(format!("{pad})"));
    Some(lines)
}

fn is_keyword(part: &str) -> bool {
    part.split_once(": ").is_some_and(|(k, _)| {
        !k.is_empty()
            && k.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '?')
    })
}

/// Splits call arguments at top-level commas (not inside brackets or strings).
fn split_top_level(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut in_string = false;
    let mut escaped = false;
    let mut current = String::new();
    for c in text.chars() {
        if in_string {
            current.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(current.trim().to_string());
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.trim().is_empty() {
        parts.push(current.trim().to_string());
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::Statement;

    /// As the formatter broke it in ash_hq's committed migration.
    #[test]
    fn a_long_unique_index_breaks_its_keywords() {
        let statement = Statement::line(
            "create unique_index(:library_versions, [:library_id, :version], name: \"library_versions_unique_version_for_library_index\")",
        );
        assert_eq!(
            statement.format(4),
            [
                "create unique_index(:library_versions, [:library_id, :version],",
                "         name: \"library_versions_unique_version_for_library_index\"",
                "       )",
            ]
        );
        let short =
            Statement::line("create unique_index(:users, [:email], name: \"users_unique_email_index\")");
        assert_eq!(short.format(4).len(), 1);
    }
}
