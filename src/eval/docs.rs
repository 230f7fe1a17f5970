//! Short documentation for `h(Thing)`, one entry per module or function, with an example.

/// The documentation text for a module or `Module.function`, if the shell has any.
pub fn lookup(name: &str) -> Option<String> {
    let entry = DOCS.iter().find(|(key, _)| *key == name).map(|(_, text)| *text);
    match entry {
        Some(text) => Some(format!("\n                                   {name}\n\n{text}\n")),
        None => {
            if let Some(text) = stdlib_entry(name) {
                return Some(text);
            }
            let functions = crate::eval::ash_modules::functions(name);
            if functions.is_empty() {
                return None;
            }
            let list: Vec<String> = functions
                .iter()
                .map(|(f, a)| format!("  {name}.{f}/{a}"))
                .collect();
            Some(format!("\n{name}\n\nFunctions:\n{}\n", list.join("\n")))
        }
    }
}

/// `h(Enum.map)` / `h(Enum)` for the standard library: the arities the shell implements and
/// where Elixir 1.14's full documentation lives (the shell does not carry the texts).
fn stdlib_entry(name: &str) -> Option<String> {
    let (module, function) = match name.rsplit_once('.') {
        Some((module, function)) if function.starts_with(|c: char| c.is_ascii_lowercase() || c == '_') => {
            (module, Some(function))
        }
        _ => (name, None),
    };
    let exports = crate::eval::stdlib::functions(module);
    if exports.is_empty() {
        return None;
    }
    let lines: Vec<String> = exports
        .iter()
        .filter(|(f, _)| function.is_none_or(|wanted| *f == wanted))
        .map(|(f, a)| format!("  {module}.{f}/{a}"))
        .collect();
    if lines.is_empty() {
        return None;
    }
    let anchor = match function {
        Some(f) => {
            let arity = exports.iter().find(|(g, _)| *g == f).map_or(0, |(_, a)| *a);
            format!("#{f}/{arity}")
        }
        None => String::new(),
    };
    // Decimal is its own package (2.0, as the chapter's Ash 2.4 locks it), not Elixir's.
    let package = if module == "Decimal" {
        "decimal/2.0.0"
    } else {
        "elixir/1.14.0"
    };
    Some(format!(
        "\n{name}\n\n{}\n\nDocumentation: https://hexdocs.pm/{package}/{module}.html{anchor}\n",
        lines.join("\n")
    ))
}

const DOCS: &[(&str, &str)] = &[
    (
        "Ash.Query.filter",
        "defmacro filter(query, expression)\n\nAttaches a filter to a query; repeated filters are ANDed. Bare names are\nattributes, aggregates or calculations of the resource; ^var pins a value.\nNeeds `require Ash.Query` first.\n\n    Support.Ticket\n    |> Ash.Query.filter(status == :closed and not contains(subject, \"4\"))\n    |> Support.AshApi.read!()",
    ),
    (
        "Ash.Query.sort",
        "def sort(query, sorts)\n\nSorts by attributes, aggregates or calculations: :field, [field: :desc],\n[:a, b: :desc]. :asc puts nils last, :desc puts them first.\n\n    Support.Ticket |> Ash.Query.sort(subject: :desc) |> Support.AshApi.read!()",
    ),
    (
        "Ash.Query.load",
        "def load(query, fields)\n\nLoads relationships, aggregates and calculations with the read.\n\n    Support.User |> Ash.Query.load([:username, assigned_tickets: [:reporter]]) |> Support.AshApi.read!()",
    ),
    (
        "Support.AshApi.read!",
        "def read!(query_or_resource)\n\nRuns a read as one SQL statement and returns the records (raises on error).\n\n    Support.AshApi.read!(Support.Ticket)",
    ),
    (
        "Ash.Changeset.for_create",
        "def for_create(resource, action, params \\\\ %{})\n\nBuilds a changeset for a create action (:create, :new).\n\n    Support.Ticket |> Ash.Changeset.for_create(:new, %{subject: \"VPN down\"}) |> Support.AshApi.create!()",
    ),
];
