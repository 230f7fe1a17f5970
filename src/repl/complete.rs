//! Tab completion, as a pure function of the line, the cursor and the bound variables:
//! modules and their functions after `Mod.`, resource fields inside `filter(`/`sort(`/`load(`,
//! action names inside `for_create(`/`for_update(`/`for_destroy(`, variables and helpers.

use crate::eval::ash_modules;
use crate::model::{ActionKind, ResourceRef};

/// Where the completed word starts, and the candidates (full replacements for the word).
pub fn complete(line: &str, cursor: usize, variables: &[String]) -> (usize, Vec<String>) {
    let cursor = cursor.min(line.len());
    let before = line.get(..cursor).unwrap_or(line);
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || matches!(c, '_' | '.' | '?' | '!' | ':')))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[start..];
    if !word.starts_with([':'])
        && !word.starts_with(|c: char| c.is_uppercase())
        && let Some(resource) = expression_context(before)
    {
        return (start, in_expression(before, start, word, resource, variables));
    }
    let mut candidates: Vec<String> = if let Some(atom) = word.strip_prefix(':') {
        atoms(before, atom).into_iter().map(|a| format!(":{a}")).collect()
    } else if word.starts_with(|c: char| c.is_uppercase()) {
        modules_and_functions(word)
    } else {
        let mut names = Vec::new();
        if let Some(resource) = field_context(before) {
            names.extend(fields(resource));
        }
        names.extend(variables.iter().cloned());
        names.extend(
            [
                "v", "h", "i", "require", "alias", "import", "for", "if", "case", "cond", "fn",
            ]
            .map(String::from),
        );
        names.extend(
            ash_modules::functions("Kernel")
                .iter()
                .map(|(name, _)| name.to_string()),
        );
        names.into_iter().filter(|n| n.starts_with(word)).collect()
    };
    candidates.sort();
    candidates.dedup();
    (start, candidates)
}

fn modules_and_functions(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    for module in ash_modules::modules() {
        if module.starts_with(word) {
            out.push(module.to_string());
        }
        if let Some(prefix) = word.strip_prefix(&module).and_then(|rest| rest.strip_prefix('.')) {
            for (name, _) in ash_modules::functions(&module) {
                if name.starts_with(prefix) {
                    out.push(format!("{module}.{name}"));
                }
            }
        }
    }
    out
}

/// What may stand in an Ash expression besides the resource's fields.
const EXPRESSION_FUNCTIONS: &[&str] = &["is_nil", "contains", "if", "not", "and", "or", "in"];

/// Inside an Ash expression (an unclosed `filter(`, `expr(`, `calculate(`, …, at any depth):
/// the resource's attributes, aggregates, calculations and relationships first, in the order
/// the resource defines them, then the expression functions; after `^`, the variables (a pin
/// is the only way a variable gets into an expression). Nothing else can appear there.
fn in_expression(
    before: &str,
    start: usize,
    word: &str,
    resource: Option<ResourceRef>,
    variables: &[String],
) -> Vec<String> {
    if before[..start].ends_with('^') {
        return variables
            .iter()
            .filter(|v| v.starts_with(word))
            .cloned()
            .collect();
    }
    let mut names = fields(resource);
    names.extend(EXPRESSION_FUNCTIONS.iter().map(|f| (*f).to_string()));
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| n.starts_with(word) && seen.insert(n.clone()));
    names
}

/// The resource whose fields an expression under the cursor may name, when the cursor is inside
/// one (`filter(`, `sort(`, `expr(`, … open somewhere before it); None outside expressions.
fn expression_context(before: &str) -> Option<Option<ResourceRef>> {
    let mut rest = before;
    while let Some((call, open_at)) = innermost_open(rest) {
        // `Ash.Query.filter(`, a piped `filter(`, `expr(`; not `Enum.filter(`.
        let local = call.strip_prefix("Ash.Query.").unwrap_or(call);
        if ["filter", "sort", "calculate", "aggregate", "expr", "expression"].contains(&local) {
            return Some(resource_in(before));
        }
        rest = &rest[..open_at];
    }
    None
}

/// The resource named last before the cursor, by its full module name (`Support.Ticket`).
fn resource_in(text: &str) -> Option<ResourceRef> {
    crate::eval::project::current()
        .all()
        .filter_map(|r| text.rfind(r.name.as_str()).map(|at| (at, r)))
        .max_by_key(|(at, _)| *at)
        .map(|(_, r)| r)
}

/// Inside an unclosed `filter(`, `sort(`, `load(`, `select(` or `calculate(`: the resource whose
/// fields to offer (all resources when none is named).
fn field_context(before: &str) -> Option<Option<ResourceRef>> {
    let open = innermost_open_call(before)?;
    [
        "filter",
        "sort",
        "load",
        "select",
        "calculate",
        "aggregate",
        "load!",
    ]
    .iter()
    .any(|f| open.ends_with(f))
    .then(|| resource_in(before))
}

fn innermost_open_call(before: &str) -> Option<&str> {
    innermost_open(before).map(|(call, _)| call)
}

/// The name before the innermost unclosed `(` (empty for a bare parenthesis), and where that
/// name starts.
fn innermost_open(before: &str) -> Option<(&str, usize)> {
    let mut depth = 0i32;
    for (i, c) in before.char_indices().rev() {
        match c {
            ')' | ']' | '}' => depth += 1,
            '(' if depth == 0 => {
                let head = &before[..i];
                let name_start = head
                    .char_indices()
                    .rev()
                    .find(|(_, c)| !(c.is_alphanumeric() || matches!(c, '_' | '.' | '?' | '!')))
                    .map_or(0, |(i, c)| i + c.len_utf8());
                return Some((&head[name_start..], name_start));
            }
            '(' | '[' | '{' => depth -= 1,
            _ => {}
        }
    }
    None
}

fn fields(resource: Option<ResourceRef>) -> Vec<String> {
    let resources: Vec<ResourceRef> = match resource {
        Some(r) => vec![r],
        None => crate::eval::project::current().all().collect(),
    };
    let mut names = Vec::new();
    for r in resources {
        names.extend(r.attributes.iter().map(|a| a.name.to_string()));
        names.extend(r.aggregates.iter().map(|x| x.name.to_string()));
        names.extend(r.calculations.iter().map(|x| x.name.to_string()));
        names.extend(r.relationships.iter().map(|x| x.name.to_string()));
    }
    names
}

fn atoms(before: &str, prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let open = innermost_open_call(before).unwrap_or("");
    let resource = resource_in(before);
    let resources: Vec<ResourceRef> = resource
        .clone()
        .map_or_else(|| crate::eval::project::current().all().collect(), |r| vec![r]);
    let action_kind = [
        ("for_create", ActionKind::Create),
        ("for_update", ActionKind::Update),
        ("for_destroy", ActionKind::Destroy),
    ]
    .into_iter()
    .find(|(call, _)| open.ends_with(call))
    .map(|(_, kind)| kind);
    if let Some(kind) = action_kind {
        for r in &resources {
            names.extend(
                r.actions
                    .iter()
                    .filter(|a| a.kind == kind)
                    .map(|a| a.name.to_string()),
            );
        }
    } else {
        names.extend(fields(resource.clone()));
        // The atoms the resources' atom attributes allow (`:open`, `:closed` in the chapter).
        for r in &resources {
            for attribute in &r.attributes {
                names.extend(attribute.ty.atoms().unwrap_or_default().iter().cloned());
            }
        }
        names.extend(
            [
                "ok", "error", "asc", "desc", "count", "sum", "string", "float", "integer",
            ]
            .map(String::from),
        );
    }
    names.into_iter().filter(|n| n.starts_with(prefix)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inside `filter(`, the resource's fields come first, in the resource's order, and no
    /// Kernel function is offered (it cannot appear in an Ash expression).
    #[test]
    fn expression_completion_offers_fields_first() {
        let line = "Support.Ticket |> Ash.Query.filter(";
        let (_, got) = complete(line, line.len(), &["tickets".to_string()]);
        assert_eq!(
            got,
            [
                "id",
                "subject",
                "status",
                "reporter_id",
                "representative_id",
                "reporter",
                "representative",
                "is_nil",
                "contains",
                "if",
                "not",
                "and",
                "or",
                "in",
            ]
        );
        let line = "Support.User |> Ash.Query.filter(a";
        let (_, got) = complete(line, line.len(), &[]);
        assert_eq!(
            got,
            [
                "all_reported_tickets",
                "all_assigned_tickets",
                "active_assigned_tickets",
                "assigned_open_percent",
                "assigned_tickets",
                "and",
            ]
        );
    }

    #[test]
    fn completions() {
        // (line with ¦ at the cursor, expected candidates that must be offered, candidates that must not)
        let cases: &[(&str, &[&str], &[&str])] = &[
            (
                "Supp¦",
                &["Support.AshApi", "Support.Ticket", "Support.User"],
                &[],
            ),
            (
                "Support.AshApi.re¦",
                &[
                    "Support.AshApi.read",
                    "Support.AshApi.read!",
                    "Support.AshApi.read_one",
                ],
                &[],
            ),
            ("Support.Ticket |> Ash.Query.filter(sta¦", &["status"], &["name"]),
            (
                "Support.User |> Ash.Query.load(:ass¦",
                &[":assigned_open_percent", ":assigned_tickets"],
                &[],
            ),
            (
                "Support.User |> Ash.Query.sort(all_¦",
                &["all_assigned_tickets", "all_reported_tickets"],
                &["subject"],
            ),
            (
                "Support.Ticket |> Ash.Changeset.for_create(:¦",
                &[":create", ":new"],
                &[":assign"],
            ),
            ("t |> Ash.Changeset.for_update(:c¦", &[":close"], &[":create"]),
            ("tick¦", &["tickets"], &["users"]),
            ("Enum.ma¦", &["Enum.map"], &[]),
            // Inside an expression: the resource's names and the expression functions only.
            (
                "Support.Ticket |> Ash.Query.filter(contains(sub¦",
                &["subject"],
                &["tickets"],
            ),
            (
                "Support.Ticket |> Ash.Query.filter(status == ^t¦",
                &["tickets"],
                &["to_string"],
            ),
            (
                "Support.Ticket |> Ash.Query.filter(is¦",
                &["is_nil"],
                &["is_atom", "is_list"],
            ),
        ];
        let variables = vec!["tickets".to_string(), "users".to_string()];
        for (line, must, must_not) in cases {
            let cursor = line.find('¦').unwrap_or(line.len());
            let text = line.replacen('¦', "", 1);
            let (_, got) = complete(&text, cursor, &variables);
            for m in *must {
                assert!(got.iter().any(|g| g == m), "{line}: expected {m} in {got:?}");
            }
            for m in *must_not {
                assert!(
                    !got.iter().any(|g| g == m),
                    "{line}: did not expect {m} in {got:?}"
                );
            }
        }
    }
}
