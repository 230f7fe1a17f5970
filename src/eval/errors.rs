//! Elixir's standard exception texts built from values, shared by the interpreter parts.

use crate::db::DbError;
use crate::eval::error::EvalError;
use crate::value::Value;

/// Whether the shell knows `module`, for "module X is not available" versus "function is
/// undefined": the standard library's modules (`stdlib::MODULES`) and Ash's.
pub fn known_module(module: &str) -> bool {
    crate::eval::stdlib::MODULES.contains(&module) || crate::eval::ash_modules::is_ash_module(module)
}

/// `UndefinedFunctionError` for `module.name/arity`, with Elixir's "Did you mean" hint:
/// every arity of the same name, or else up to five names within Jaro distance 0.77. For a
/// module that is not available, Elixir's text is followed by the known modules close to it
/// (`hints::module_hint`), in the same form.
pub fn undefined_function(module: &str, name: &str, arity: usize) -> EvalError {
    if !known_module(module) {
        let hint = crate::eval::hints::module_hint(module);
        return EvalError::new(
            "UndefinedFunctionError",
            format!("function {module}.{name}/{arity} is undefined (module {module} is not available){hint}"),
        );
    }
    let mut message = format!("function {module}.{name}/{arity} is undefined or private");
    let suggestions = did_you_mean(module, name);
    if !suggestions.is_empty() {
        message.push_str(". Did you mean:\n\n");
        for (candidate, arity) in suggestions {
            message.push_str(&format!("      * {candidate}/{arity}\n"));
        }
    }
    EvalError::new("UndefinedFunctionError", message)
}

/// `UndefinedFunctionError.did_you_mean/3` of Elixir 1.14 over the module's exports.
fn did_you_mean(module: &str, name: &str) -> Vec<(String, usize)> {
    let exports: Vec<(String, usize)> = match crate::eval::stdlib::exports::EXPORTS
        .iter()
        .find(|(m, _)| *m == module)
    {
        Some((_, functions)) => functions.iter().map(|(f, a)| (f.to_string(), *a)).collect(),
        None => {
            let mut functions: Vec<(String, usize)> = crate::eval::ash_modules::functions(module)
                .into_iter()
                .map(|(f, a)| (f.to_string(), a))
                .collect();
            // The functions the shell knows stand for the module's exports.
            functions.sort_unstable();
            functions.dedup();
            functions
        }
    };
    let same_name: Vec<(f64, String, usize)> = exports
        .iter()
        .filter(|(f, _)| f == name)
        .map(|(f, a)| (1.0, f.clone(), *a))
        .collect();
    let mut scored = if same_name.is_empty() {
        exports
            .iter()
            .map(|(f, a)| (jaro_distance(name, f), f.clone(), *a))
            .filter(|(distance, _, _)| *distance >= 0.77)
            .collect()
    } else {
        same_name
    };
    // Enum.sort/2 with >= is stable: best first, then export order.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.truncate(5);
    scored.sort_by(|a, b| a.1.cmp(&b.1));
    scored.into_iter().map(|(_, f, a)| (f, a)).collect()
}

/// `ArgumentError` for a module given where a resource is expected; an unknown module close
/// to a known one gets the hint of `hints::module_hint`.
pub fn not_a_resource(value: &Value) -> EvalError {
    let hint = match value {
        Value::Module(module) if !known_module(module) => crate::eval::hints::module_hint(module),
        _ => String::new(),
    };
    EvalError::new(
        "ArgumentError",
        format!(
            "{} is not an Ash resource{hint}",
            crate::render::inspect(value, &crate::render::InspectOptions::one_line())
        ),
    )
}

/// `String.jaro_distance/2` exactly as Elixir 1.14 computes it (its own transposition count).
pub fn jaro_distance(left: &str, right: &str) -> f64 {
    if left == right {
        return 1.0;
    }
    if left.is_empty() || right.is_empty() {
        return 0.0;
    }
    let a: Vec<char> = left.chars().collect();
    let b: Vec<char> = right.chars().collect();
    let (len1, len2) = (a.len(), b.len());
    let (short, long, limit) = if len1 < len2 {
        (&a, &b, (len2 / 2) as i64 - 1)
    } else {
        (&b, &a, (len1 / 2) as i64 - 1)
    };
    let mut chars: Vec<Option<char>> = long.iter().copied().map(Some).collect();
    let mut offset = 0usize;
    let mut pre: i64 = 0;
    let (mut common, mut transpositions, mut former) = (0i64, 0i64, -1i64);
    for (index, ch) in short.iter().enumerate() {
        // detect/5: look at most pre + 1 + limit places ahead (a negative window never ends).
        let window = pre + 1 + limit;
        let mut found = None;
        if window != 0 {
            for (sub, slot) in chars[offset.min(chars.len())..].iter().enumerate() {
                if window > 0 && sub as i64 >= window {
                    break;
                }
                if *slot == Some(*ch) {
                    found = Some(sub);
                    break;
                }
            }
        }
        if let Some(sub) = found {
            chars[offset + sub] = None;
            let current = index as i64 - pre + sub as i64;
            if current < former {
                transpositions += 1;
            }
            common += 1;
            former = current;
        }
        if pre == limit {
            offset += 1;
        } else {
            pre += 1;
        }
    }
    if common == 0 {
        return 0.0;
    }
    let common = common as f64;
    (common / len1 as f64 + common / len2 as f64 + (common - transpositions as f64) / common) / 3.0
}

/// `FunctionClauseError` for an anonymous function no clause of which matched: erl_eval
/// names the fun `:erl_eval."-inside-an-interpreted-fun-"/N` and knows no clause heads.
pub fn fn_clause(args: &[Value]) -> EvalError {
    let name = format!(":erl_eval.\"-inside-an-interpreted-fun-\"/{}", args.len());
    crate::eval::stdlib::errors::function_clause(&name, args, &[])
}

/// A database failure as the exception Ash/Postgrex would raise.
pub fn from_db(error: DbError) -> EvalError {
    match error {
        DbError::DivisionByZero => EvalError::new(
            "Postgrex.Error",
            "ERROR 22012 (division_by_zero) division by zero",
        ),
        DbError::Connect { .. } | DbError::ConnectionLost(_) => {
            EvalError::new("DBConnection.ConnectionError", error.to_string())
        }
        DbError::Interrupted => crate::eval::interrupt::error(),
        DbError::Migration(_) | DbError::UnreadableMigration(_) => {
            EvalError::new("Helpdesk.DatabaseError", error.to_string())
        }
        other => EvalError::new("Postgrex.Error", other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values computed by Elixir 1.14's `String.jaro_distance/2`.
    #[test]
    fn jaro_matches_elixir() {
        let rows: &[(&str, &str, f64)] = &[
            ("dwayne", "duane", 0.8222222222222223),
            ("martha", "marhta", 0.9444444444444445),
            ("dixon", "dicksonx", 0.7666666666666666),
            ("mapp", "map", 0.9166666666666666),
            ("same", "same", 1.0),
            ("", "x", 0.0),
        ];
        for (a, b, want) in rows {
            let got = jaro_distance(a, b);
            assert!((got - want).abs() < 1e-12, "{a} {b}: {got} != {want}");
        }
    }

    #[test]
    fn suggestions_follow_elixir() {
        let message = undefined_function("Enum", "mapp", 2).message;
        assert!(
            message.starts_with(
                "function Enum.mapp/2 is undefined or private. Did you mean:\n\n      * map/2\n"
            ),
            "{message}"
        );
        let message = undefined_function("String", "upcase", 3).message;
        assert!(
            message.ends_with("      * upcase/1\n      * upcase/2\n"),
            "{message}"
        );
    }
}
