//! The project (resources and apis) the input being evaluated sees.
//!
//! A session owns its `Rc<Project>`; while the interpreter evaluates an input it installs it
//! here (`Installed`), so that library code deep in `eval::ash` can turn a module name into a
//! resource without every call carrying the project. Outside an evaluation the bundled chapter
//! is current, which is what unit tests of library functions use.

use std::cell::RefCell;
use std::rc::Rc;

use crate::model::{Project, Warning};
use crate::project::{LoadError, Location};

thread_local! {
    static CURRENT: RefCell<Option<Rc<Project>>> = const { RefCell::new(None) };
}

/// The project of the evaluation in progress (the bundled chapter outside one).
pub fn current() -> Rc<Project> {
    CURRENT.with(|current| {
        if let Some(project) = current.borrow().as_ref() {
            return Rc::clone(project);
        }
        let chapter = crate::project::chapter();
        *current.borrow_mut() = Some(Rc::clone(&chapter));
        chapter
    })
}

/// Makes `project` current until the guard is dropped (then the previous one is restored).
pub fn install(project: &Rc<Project>) -> Installed {
    let previous = CURRENT.with(|current| current.borrow_mut().replace(Rc::clone(project)));
    Installed { previous }
}

/// Restores the previously current project when dropped.
pub struct Installed {
    previous: Option<Rc<Project>>,
}

impl Drop for Installed {
    fn drop(&mut self) {
        let previous = self.previous.take();
        CURRENT.with(|current| *current.borrow_mut() = previous);
    }
}

/// Reads the project at `location` and checks its model expressions. An expression that does
/// not resolve is an error (`file:line: message`), except in a resource that uses extensions
/// this shell does not implement (they may add the attribute it names): there the calculation,
/// aggregate or read filter is dropped with a warning.
pub fn load(location: &Location) -> Result<Rc<Project>, LoadError> {
    let mut project = crate::project::load(location)?;
    let problems = crate::eval::ash::check_project(&project);
    if problems.is_empty() {
        return Ok(project);
    }
    let Some(owned) = Rc::get_mut(&mut project) else {
        return Ok(project);
    };
    for (index, section, name, line, message) in problems {
        let resource = &mut owned.resources[index];
        let what = format!("{}: {section} :{name}: {message}", resource.name);
        if resource.extensions.is_empty() {
            return Err(LoadError {
                file: resource.file.clone(),
                line,
                message: what,
            });
        }
        match section {
            "calculate" => resource.calculations.retain(|c| c.name != name),
            "resource" => resource.base_filter.clear(),
            "relationship" => {
                for rel in resource.relationships.iter_mut().filter(|r| r.name == name) {
                    rel.filter = None;
                    rel.sort.clear();
                }
            }
            "read" => {
                for action in resource.actions.iter_mut().filter(|a| a.name == name) {
                    action.filter = None;
                }
            }
            _ => resource.aggregates.retain(|a| a.name != name),
        }
        let file = resource.file.clone();
        owned.warnings.push(Warning {
            file,
            line,
            message: format!("{what} (skipped: the extensions may define it)"),
        });
    }
    Ok(project)
}
