//! "Did you mean" hints for names the shell does not know: a module close to a known one, a
//! field close to one of a resource's. They take the form of Elixir's own hint for an undefined
//! function (`errors::undefined_function`): `Did you mean:` and `      * name` lines, names
//! within Jaro distance 0.77, at most five. They are only added after the exact texts of
//! Elixir and Ash, never inside them, and only when some name is close.

use crate::eval::error::EvalError;
use crate::eval::errors::jaro_distance;
use crate::model::Resource;

/// Elixir's `@function_threshold` of `UndefinedFunctionError`.
const THRESHOLD: f64 = 0.77;
/// Elixir's `@max_suggestions`.
const MAX_SUGGESTIONS: usize = 5;

/// `. Did you mean:` and the known modules close to `module`, or nothing. `module` is compared
/// segment by segment with the same number of trailing segments of each known module, so a
/// typo in any part is found (`Support.Tiket`, `Ash.Querry`) and so is a name typed without
/// its namespace (`Ticket` for `Support.Ticket`).
pub fn module_hint(module: &str) -> String {
    let known = crate::eval::ash_modules::modules();
    let scored = known
        .iter()
        .filter(|candidate| **candidate != module)
        .map(|candidate| (module_similarity(module, candidate), candidate.to_string()));
    suggestion_list(best(scored), |name| name.to_string())
}

fn module_similarity(unknown: &str, known: &str) -> f64 {
    let unknown: Vec<&str> = unknown.split('.').collect();
    let known: Vec<&str> = known.split('.').collect();
    if unknown.len() > known.len() {
        return 0.0;
    }
    let tail = &known[known.len() - unknown.len()..];
    unknown
        .iter()
        .zip(tail)
        .map(|(a, b)| jaro_distance(a, b))
        .fold(1.0, f64::min)
}

/// `error` (raised by a read of `resource`) with a paragraph after Ash's text for each unknown
/// filter, sort or load name that is close to a field of the resource:
/// `statuss is not a field of Support.Ticket. Did you mean:` and the close names.
pub fn with_field_hints(mut error: EvalError, resource: &Resource) -> EvalError {
    let lines: Vec<&str> = error.message.lines().collect();
    let mut hints: Vec<String> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let at = lines.get(i + 1).copied().unwrap_or("");
        let Some((name, fields)) = unknown_field(line, at, resource) else {
            continue;
        };
        let scored = fields
            .into_iter()
            .map(|field| (jaro_distance(name, field), field.to_string()));
        let list = suggestion_list(best(scored), |field| field.to_string());
        let hint = format!("{name} is not a field of {}{list}", resource.name);
        if !list.is_empty() && !hints.contains(&hint) {
            hints.push(hint);
        }
    }
    for hint in hints {
        error.message.push_str("\n\n");
        error.message.push_str(&hint);
    }
    error
}

/// The unknown name an Ash error line (with the `at …` line after it) reports, and the fields
/// that could have been meant there.
fn unknown_field<'a, 'r>(line: &'a str, at: &str, resource: &'r Resource) -> Option<(&'a str, Vec<&'r str>)> {
    let attributes = resource.attributes.iter().map(|a| a.name.as_str());
    let relationships = resource.relationships.iter().map(|r| r.name.as_str());
    let aggregates = resource.aggregates.iter().map(|a| a.name.as_str());
    let calculations = resource.calculations.iter().map(|c| c.name.as_str());
    let computed = || aggregates.clone().chain(calculations.clone());
    let plain = |name: &str| !name.is_empty() && !name.contains(['.', ' ']);
    if let Some(name) = line.strip_prefix("* filter: Invalid reference ") {
        // A filter of the query itself (an aggregate's filter names another resource).
        return (at == "    at filter" && plain(name))
            .then(|| (name, attributes.clone().chain(computed()).collect()));
    }
    if let Some(rest) = line.strip_prefix("* No such attribute ") {
        let (name, of) = rest.split_once(" for resource ")?;
        return (of == resource.name && plain(name))
            .then(|| (name, attributes.clone().chain(computed()).collect()));
    }
    let name = line.strip_prefix("* :")?.strip_suffix(" is not a valid load")?;
    (at == "    at load" && plain(name)).then(|| (name, relationships.chain(computed()).collect()))
}

/// The names scoring at least the threshold, best first, at most five, then alphabetical
/// (as `UndefinedFunctionError.did_you_mean/3` orders them).
fn best(scored: impl Iterator<Item = (f64, String)>) -> Vec<String> {
    let mut kept: Vec<(f64, String)> = scored.filter(|(score, _)| *score >= THRESHOLD).collect();
    kept.sort_by(|a, b| b.0.total_cmp(&a.0));
    kept.truncate(MAX_SUGGESTIONS);
    let mut names: Vec<String> = kept.into_iter().map(|(_, name)| name).collect();
    names.sort();
    names.dedup();
    names
}

/// `. Did you mean:\n\n      * a\n      * b\n`, or nothing for no names.
fn suggestion_list(names: Vec<String>, show: impl Fn(&str) -> String) -> String {
    if names.is_empty() {
        return String::new();
    }
    let mut text = String::from(". Did you mean:\n\n");
    for name in names {
        text.push_str(&format!("      * {}\n", show(&name)));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::testing::{ticket_resource, user_resource};

    #[test]
    fn modules_close_to_a_known_one() {
        let rows: &[(&str, &str)] = &[
            ("Support.Tiket", ". Did you mean:\n\n      * Support.Ticket\n"),
            ("Support.Users", ". Did you mean:\n\n      * Support.User\n"),
            ("Ash.Querry", ". Did you mean:\n\n      * Ash.Query\n"),
            ("Ticket", ". Did you mean:\n\n      * Support.Ticket\n"),
            ("Enumm", ". Did you mean:\n\n      * Enum\n"),
            ("Support.Nope", ""),
            ("NoSuchModule", ""),
            ("Foo", ""),
            ("Support.Ticket", ""),
        ];
        for (module, expected) in rows {
            assert_eq!(module_hint(module), *expected, "{module}");
        }
    }

    #[test]
    fn fields_close_to_an_unknown_name() {
        let rows: &[(&Resource, &str, &str)] = &[
            (
                ticket_resource(),
                "* filter: Invalid reference statuss\n    at filter",
                "\n\nstatuss is not a field of Support.Ticket. Did you mean:\n\n      * status\n",
            ),
            (
                ticket_resource(),
                "* No such attribute subjet for resource Support.Ticket\n    at sort",
                "\n\nsubjet is not a field of Support.Ticket. Did you mean:\n\n      * subject\n",
            ),
            (
                user_resource(),
                "* :usernam is not a valid load\n    at load",
                "\n\nusernam is not a field of Support.User. Did you mean:\n\n      * username\n",
            ),
            // Nothing close, another resource's aggregate filter, a relationship path: no hint.
            (
                ticket_resource(),
                "* filter: Invalid reference bogus\n    at filter",
                "",
            ),
            (
                user_resource(),
                "* filter: Invalid reference statuss\n    at aggregate, filter",
                "",
            ),
            (
                ticket_resource(),
                "* filter: Invalid reference representative.nam at relationship_path [:representative]\n    at filter",
                "",
            ),
        ];
        for (resource, message, expected) in rows {
            let error = EvalError::new("Ash.Error.Unknown", *message);
            let got = with_field_hints(error, resource).message;
            assert_eq!(got, format!("{message}{expected}"), "{message}");
        }
    }
}
