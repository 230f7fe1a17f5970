//! Which modules are the Ash API's, and the function lists the shell knows per module (for
//! dispatch, completion, `h()` and "did you mean" hints).

use crate::eval::{ash, stdlib};
use crate::model;

/// Modules handled by `eval::ash` rather than the standard library.
const ASH_MODULES: &[&str] = &[
    "Ash.Query",
    "Ash.Changeset",
    "Support.AshApi",
    "Support",
    "Ash.Api",
];

pub fn is_ash_module(module: &str) -> bool {
    ASH_MODULES.contains(&module) || model::lookup(module).is_some()
}

/// Functions of any module the shell knows.
pub fn functions(module: &str) -> Vec<(&'static str, usize)> {
    if is_ash_module(module) {
        ash::functions(module)
    } else {
        stdlib::functions(module)
    }
}

/// Every module the shell knows (completion, `h()`).
pub fn modules() -> Vec<&'static str> {
    let mut modules: Vec<&'static str> = vec![
        "Enum", "IO", "Integer", "Float", "Kernel", "Keyword", "List", "Map", "String", "Tuple", "Atom",
    ];
    modules.extend(
        ASH_MODULES
            .iter()
            .filter(|m| **m != "Support" && **m != "Ash.Api"),
    );
    modules.extend(model::RESOURCES.iter().map(|r| r.name));
    modules.sort_unstable();
    modules
}
