//! A project: the resources and apis of one set of resource files, and `ResourceRef`, the
//! handle through which every other layer holds a resource.
//!
//! A session owns one `Rc<Project>`; `recompile()` replaces it with a new one, and records
//! made before keep the project they were read with (their `ResourceRef` holds it).

use std::fmt;
use std::ops::Deref;
use std::rc::Rc;

use crate::model::resource::Resource;

/// An Ash api (`use Ash.Api`) and the resources it lists, in `Ash.Api.Info.resources/1` order.
#[derive(Debug, Clone)]
pub struct Api {
    pub name: String,
    pub resources: Vec<String>,
}

/// A repo module (`use AshPostgres.Repo`) and the extensions its `installed_extensions/0`
/// lists (`["uuid-ossp", "citext"]`).
#[derive(Debug, Clone, Default)]
pub struct Repo {
    pub name: String,
    pub installed_extensions: Vec<String>,
}

/// Something the reader skipped: `file:line: what`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Everything read from one project's files.
#[derive(Debug, Default)]
pub struct Project {
    /// In file order (files sorted by path), as `h()` lists them.
    pub resources: Vec<Resource>,
    pub apis: Vec<Api>,
    /// Other modules the project defines that a user may name (repos, registries, enums).
    pub modules: Vec<String>,
    /// The repo modules, in file order.
    pub repos: Vec<Repo>,
    pub warnings: Vec<Warning>,
    /// Tables of resources skipped because extensions this shell does not model define their
    /// attributes (`AshAuthentication.UserIdentity`): they have a resource, just not one read
    /// here, so `db generate-migrations` neither compares nor reports them.
    pub unmodelled_tables: Vec<String>,
}

impl Project {
    /// The resource with this module name.
    pub fn resource(self: &Rc<Self>, name: &str) -> Option<ResourceRef> {
        let index = self.resources.iter().position(|r| r.name == name)?;
        Some(ResourceRef {
            project: Rc::clone(self),
            index,
        })
    }

    /// Every resource, in project order.
    pub fn all(self: &Rc<Self>) -> impl Iterator<Item = ResourceRef> + '_ {
        (0..self.resources.len()).map(|index| ResourceRef {
            project: Rc::clone(self),
            index,
        })
    }

    pub fn api(&self, name: &str) -> Option<&Api> {
        self.apis.iter().find(|a| a.name == name)
    }

    /// True when `name` is a resource, api or other module of the project.
    pub fn defines(&self, name: &str) -> bool {
        self.resources.iter().any(|r| r.name == name)
            || self.api(name).is_some()
            || self.modules.iter().any(|m| m == name)
    }
}

/// A resource of a project. Cheap to clone; dereferences to the `Resource`.
#[derive(Clone)]
pub struct ResourceRef {
    project: Rc<Project>,
    index: usize,
}

impl ResourceRef {
    pub fn project(&self) -> &Rc<Project> {
        &self.project
    }

    /// The destination of one of this resource's relationships.
    pub fn destination(&self, relationship: &str) -> Option<ResourceRef> {
        let rel = self.relationship(relationship)?;
        self.project.resource(&rel.destination)
    }

    /// Another resource of the same project.
    pub fn sibling(&self, name: &str) -> Option<ResourceRef> {
        self.project.resource(name)
    }
}

impl Deref for ResourceRef {
    type Target = Resource;

    fn deref(&self) -> &Resource {
        &self.project.resources[self.index]
    }
}

impl PartialEq for ResourceRef {
    fn eq(&self, other: &Self) -> bool {
        // As Elixir compares structs: by module name (a record read before `recompile()`
        // equals the same record read after it).
        self.name == other.name
    }
}

impl fmt::Debug for ResourceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}
