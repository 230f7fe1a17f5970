//! Variable bindings. Cheap to clone (closures capture the environment by value).

use std::collections::HashMap;
use std::rc::Rc;

use crate::value::Value;

#[derive(Clone, Default)]
pub struct Env {
    vars: Rc<HashMap<String, Value>>,
}

impl Env {
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.vars.get(name)
    }

    pub fn set(&mut self, name: &str, value: Value) {
        Rc::make_mut(&mut self.vars).insert(name.to_string(), value);
    }

    /// Variable names, sorted (for completion and `h()`).
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.vars.keys().cloned().collect();
        names.sort();
        names
    }
}
