//! Which modules are the Ash API's, and the function lists the shell knows per module (for
//! dispatch, completion, `h()` and "did you mean" hints).

use crate::eval::{ash, stdlib};

/// Modules handled by `eval::ash` rather than the standard library.
const ASH_MODULES: &[&str] = &[
    "Ash.Query",
    "Ash.Changeset",
    "Ash.Api",
    "Ash.Api.Info",
    "Ash.Resource.Info",
    "AshPostgres.DataLayer.Info",
];

pub fn is_ash_module(module: &str) -> bool {
    ASH_MODULES.contains(&module) || crate::eval::project::current().defines(module)
}

/// Functions of any module the shell knows.
pub fn functions(module: &str) -> Vec<(String, usize)> {
    if is_ash_module(module) {
        ash::functions(module)
    } else {
        stdlib::functions(module)
            .into_iter()
            .map(|(name, arity)| (name.to_string(), arity))
            .collect()
    }
}

/// Every module the shell knows (completion, `h()`), the project's included.
pub fn modules() -> Vec<String> {
    let mut modules: Vec<&'static str> = vec![
        "Enum", "IO", "Integer", "Float", "Kernel", "Keyword", "List", "Map", "String", "Tuple", "Atom",
    ];
    modules.extend(ASH_MODULES.iter().filter(|m| **m != "Ash.Api"));
    let project = crate::eval::project::current();
    let mut modules: Vec<String> = modules.into_iter().map(str::to_string).collect();
    modules.extend(project.resources.iter().map(|r| r.name.clone()));
    modules.extend(project.apis.iter().map(|a| a.name.clone()));
    modules.sort_unstable();
    modules
}
