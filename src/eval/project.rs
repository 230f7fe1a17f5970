//! The project (resources and apis) the input being evaluated sees.
//!
//! A session owns its `Rc<Project>`; while the interpreter evaluates an input it installs it
//! here (`Installed`), so that library code deep in `eval::ash` can turn a module name into a
//! resource without every call carrying the project. Outside an evaluation the bundled chapter
//! is current, which is what unit tests of library functions use.

use std::cell::RefCell;
use std::rc::Rc;

use crate::model::Project;

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
