//! Ash 2.x resource modules as text, laid out as `mix format` lays them out (two-space
//! indents, a blank line between sections, calls without parentheses, a call longer than 98
//! columns broken before its keyword options). Prints what `introspect.rs` describes; options
//! that are Ash's defaults are left out.

use super::introspect::{RelKind, Spec, underscore};

/// `mix format`'s default line length.
const LINE: usize = 98;

/// `:name`, or `:"name"` when the name is not a plain atom.
pub fn atom(name: &str) -> String {
    let mut chars = name.chars();
    let plain = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name
            .trim_end_matches(['?', '!'])
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        format!(":{name}")
    } else {
        format!(":{}", string(name))
    }
}

/// A keyword list key: `name`, or `"name"` when it is not a plain atom.
fn keyword_key(name: &str) -> String {
    let atom = atom(name);
    match atom.strip_prefix(':') {
        Some(plain) if !plain.starts_with('"') => plain.to_string(),
        _ => string(name),
    }
}

/// An Elixir string literal.
pub fn string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One DSL call at `indent`: `name args, key: value, …`, broken before the keywords when
/// the line would be too long.
fn call(out: &mut String, indent: usize, head: &str, options: &[(String, String)]) {
    let pad = " ".repeat(indent);
    let keywords: Vec<String> = options.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    let one_line = if keywords.is_empty() {
        format!("{pad}{head}")
    } else {
        format!("{pad}{head}, {}", keywords.join(", "))
    };
    if one_line.len() <= LINE || keywords.is_empty() {
        out.push_str(&one_line);
        out.push('\n');
        return;
    }
    out.push_str(&format!("{pad}{head},\n"));
    for (i, keyword) in keywords.iter().enumerate() {
        let comma = if i + 1 < keywords.len() { "," } else { "" };
        out.push_str(&format!("{pad}  {keyword}{comma}\n"));
    }
}

fn opt(key: &str, value: impl Into<String>) -> (String, String) {
    (key.to_string(), value.into())
}

/// A resource module.
pub fn resource(spec: &Spec) -> String {
    let mut out = format!(
        "defmodule {} do\n  use Ash.Resource, data_layer: AshPostgres.DataLayer\n\n",
        spec.module
    );
    out.push_str(&format!(
        "  postgres do\n    table {}\n    repo Db.Repo\n",
        string(&spec.table)
    ));
    if let Some(schema) = &spec.schema {
        out.push_str(&format!("    schema {}\n", string(schema)));
    }
    let storage: Vec<String> = spec
        .attributes
        .iter()
        .filter_map(|a| {
            let sql = a.storage.as_deref()?;
            let shown = if sql.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                format!(":{sql}")
            } else {
                string(sql)
            };
            Some(format!("{}: {shown}", keyword_key(&a.name)))
        })
        .collect();
    if !storage.is_empty() {
        let line = format!("    migration_types [{}]", storage.join(", "));
        if line.len() <= LINE {
            out.push_str(&line);
            out.push('\n');
        } else {
            out.push_str("    migration_types [\n");
            for (i, item) in storage.iter().enumerate() {
                let comma = if i + 1 < storage.len() { "," } else { "" };
                out.push_str(&format!("      {item}{comma}\n"));
            }
            out.push_str("    ]\n");
        }
    }
    out.push_str("  end\n\n");
    if !spec.has_key {
        out.push_str("  resource do\n    require_primary_key? false\n  end\n\n");
    }
    out.push_str("  attributes do\n");
    let single_key = spec.attributes.iter().filter(|a| a.primary_key).count() == 1;
    for a in &spec.attributes {
        if a.integer_key {
            call(
                &mut out,
                4,
                &format!("integer_primary_key {}", atom(&a.name)),
                &[],
            );
            continue;
        }
        if a.primary_key && single_key && a.ty == ":uuid" {
            call(&mut out, 4, &format!("uuid_primary_key {}", atom(&a.name)), &[]);
            continue;
        }
        let mut options = Vec::new();
        if a.primary_key {
            options.push(opt("primary_key?", "true"));
        }
        if !a.allow_nil {
            options.push(opt("allow_nil?", "false"));
        }
        if a.generated {
            options.push(opt("generated?", "true"));
        }
        call(
            &mut out,
            4,
            &format!("attribute {}, {}", atom(&a.name), a.ty),
            &options,
        );
    }
    out.push_str("  end\n");
    if !spec.relationships.is_empty() {
        out.push_str("\n  relationships do\n");
        let own = underscore(spec.module.rsplit('.').next().unwrap_or(&spec.module));
        for r in &spec.relationships {
            let mut options = Vec::new();
            let head = match r.kind {
                RelKind::BelongsTo => {
                    if r.source_attribute != format!("{}_id", r.name) {
                        options.push(opt("source_attribute", atom(&r.source_attribute)));
                    }
                    if r.destination_attribute != "id" {
                        options.push(opt("destination_attribute", atom(&r.destination_attribute)));
                    }
                    // The column is an attribute of its own (above), in the table's order.
                    options.push(opt("define_attribute?", "false"));
                    "belongs_to"
                }
                RelKind::HasMany => {
                    if r.source_attribute != "id" {
                        options.push(opt("source_attribute", atom(&r.source_attribute)));
                    }
                    if r.destination_attribute != format!("{own}_id") {
                        options.push(opt("destination_attribute", atom(&r.destination_attribute)));
                    }
                    "has_many"
                }
            };
            call(
                &mut out,
                4,
                &format!("{head} {}, {}", atom(&r.name), r.destination),
                &options,
            );
        }
        out.push_str("  end\n");
    }
    if !spec.identities.is_empty() {
        out.push_str("\n  identities do\n");
        for (name, keys) in &spec.identities {
            let keys: Vec<String> = keys.iter().map(|k| atom(k)).collect();
            call(
                &mut out,
                4,
                &format!("identity {}, [{}]", atom(name), keys.join(", ")),
                &[],
            );
        }
        out.push_str("  end\n");
    }
    let defaults = if spec.read_only {
        "[:read]"
    } else {
        "[:create, :read, :update, :destroy]"
    };
    out.push_str(&format!("\n  actions do\n    defaults {defaults}\n  end\nend\n"));
    out
}

/// The api listing the resources.
pub fn api(module: &str, resources: &[&str]) -> String {
    let mut out = format!("defmodule {module} do\n  use Ash.Api\n\n  resources do\n");
    for r in resources {
        out.push_str(&format!("    resource {r}\n"));
    }
    out.push_str("  end\nend\n");
    out
}

/// The repo the resources name.
pub fn repo(module: &str) -> String {
    format!("defmodule {module} do\n  use AshPostgres.Repo, otp_app: :db\nend\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atoms_and_strings() {
        let rows = [
            ("name", ":name"),
            ("done?", ":done?"),
            ("Order Date", ":\"Order Date\""),
            ("1st", ":\"1st\""),
        ];
        for (name, shown) in rows {
            assert_eq!(atom(name), shown);
        }
        assert_eq!(string("a\"b#{c}"), "\"a\\\"b\\#{c}\"");
    }

    #[test]
    fn long_calls_break_before_their_keywords() {
        let mut out = String::new();
        call(
            &mut out,
            4,
            "has_many :representative_tickets_of_this_customer, Db.SupportTicket",
            &[opt("destination_attribute", ":representative_id")],
        );
        assert_eq!(
            out,
            "    has_many :representative_tickets_of_this_customer, Db.SupportTicket,\n      destination_attribute: :representative_id\n"
        );
    }
}
