//! The resource model as data: one description per resource (attributes, relationships,
//! aggregates, calculations, actions) that evaluation, printing, completion and SQL generation
//! all read. The bottom layer: no behaviour, no I/O; `project` reads it from resource files.

mod project;
mod resource;
mod types;

pub use project::{Api, Project, Repo, ResourceRef, Warning};
pub use resource::{
    Action, ActionKind, Aggregate, AggregateKind, Argument, Attribute, Calculation, Change, ChangeValue,
    CheckConstraint, CustomIndex, DEFAULT_FUNCTIONS, Default, Identity, IndexField, Interface, Literal,
    Migration, ModelExpr, ReferenceOptions, Relationship, RelationshipKind, Resource, Through,
};
pub use types::Type;
