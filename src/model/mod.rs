//! The resource model as data: one description per resource (attributes, relationships,
//! aggregates, calculations, actions) that evaluation, printing, completion and SQL generation
//! all read. No behaviour lives here; see `support.rs` for the two resources of the chapter.

mod support;

pub use support::{RESOURCES, TICKET, USER};

/// Attribute and calculation types (Ash types used by the chapter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    Uuid,
    String,
    /// An atom stored as text, limited to `one_of` when the list is not empty.
    Atom(&'static [&'static str]),
    Integer,
    Float,
    Boolean,
}

impl Type {
    /// The Ash type name (`:string`, `:uuid`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Type::Uuid => "uuid",
            Type::String => "string",
            Type::Atom(_) => "atom",
            Type::Integer => "integer",
            Type::Float => "float",
            Type::Boolean => "boolean",
        }
    }

    pub fn from_name(name: &str) -> Option<Type> {
        Some(match name {
            "uuid" => Type::Uuid,
            "string" => Type::String,
            "atom" => Type::Atom(&[]),
            "integer" => Type::Integer,
            "float" => Type::Float,
            "boolean" => Type::Boolean,
            _ => return None,
        })
    }
}

#[derive(Debug)]
pub struct Attribute {
    pub name: &'static str,
    pub ty: Type,
    pub allow_nil: bool,
    /// Default value as an atom/string name (`"open"`), applied on create when not given.
    pub default: Option<&'static str>,
    pub primary_key: bool,
    /// Private attributes (belongs_to foreign keys) cannot be set through params; they are
    /// silently ignored, as in Ash.
    pub private: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelationshipKind {
    /// The source resource holds the foreign key `source_attribute`.
    BelongsTo,
    /// The destination resource holds the foreign key `destination_attribute`.
    HasMany,
}

#[derive(Debug)]
pub struct Relationship {
    pub name: &'static str,
    pub kind: RelationshipKind,
    /// Destination resource name, e.g. `"Support.User"`.
    pub destination: &'static str,
    /// The attribute on the source side (`representative_id` for belongs_to, `id` for has_many).
    pub source_attribute: &'static str,
    /// The attribute on the destination side (`id` for belongs_to, `representative_id` for has_many).
    pub destination_attribute: &'static str,
}

#[derive(Debug)]
pub struct Aggregate {
    pub name: &'static str,
    pub kind: crate::query::AggregateKind,
    pub relationship: &'static str,
    /// Filter over the destination resource, in the Ash expression language.
    pub filter: Option<&'static str>,
    pub field: Option<&'static str>,
}

#[derive(Debug)]
pub struct Calculation {
    pub name: &'static str,
    pub ty: Type,
    /// The expression, in the Ash expression language (parsed by `eval` when used).
    pub expr: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionKind {
    Create,
    Read,
    Update,
    Destroy,
}

impl ActionKind {
    pub fn name(self) -> &'static str {
        match self {
            ActionKind::Create => "create",
            ActionKind::Read => "read",
            ActionKind::Update => "update",
            ActionKind::Destroy => "destroy",
        }
    }
}

#[derive(Debug)]
pub struct Argument {
    pub name: &'static str,
    pub ty: Type,
    pub allow_nil: bool,
}

/// What an action does besides casting accepted attributes.
#[derive(Debug)]
pub enum Change {
    /// `change set_attribute(:status, :closed)`
    SetAttribute {
        attribute: &'static str,
        value: &'static str,
    },
    /// `change manage_relationship(:representative_id, :representative, type: :append_and_remove)`:
    /// looks the destination up by the argument's id (error "record with id: … not found")
    /// and sets the belongs_to foreign key; the returned record has the relationship loaded.
    Relate {
        argument: &'static str,
        relationship: &'static str,
    },
}

#[derive(Debug)]
pub struct Action {
    pub name: &'static str,
    pub kind: ActionKind,
    /// Attributes accepted from params; None means every public attribute (default actions).
    pub accept: Option<&'static [&'static str]>,
    pub arguments: &'static [Argument],
    pub changes: &'static [Change],
}

#[derive(Debug)]
pub struct Resource {
    /// Module name, e.g. `"Support.Ticket"`.
    pub name: &'static str,
    pub table: &'static str,
    /// Attributes in Ash's struct order (definition order, belongs_to keys appended).
    pub attributes: &'static [Attribute],
    /// In definition order (printing reverses it, as Ash does).
    pub relationships: &'static [Relationship],
    pub aggregates: &'static [Aggregate],
    pub calculations: &'static [Calculation],
    pub actions: &'static [Action],
}

impl Resource {
    pub fn attribute(&'static self, name: &str) -> Option<&'static Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    pub fn attribute_index(&self, name: &str) -> Option<usize> {
        self.attributes.iter().position(|a| a.name == name)
    }

    pub fn relationship(&'static self, name: &str) -> Option<&'static Relationship> {
        self.relationships.iter().find(|r| r.name == name)
    }

    pub fn aggregate(&'static self, name: &str) -> Option<&'static Aggregate> {
        self.aggregates.iter().find(|a| a.name == name)
    }

    pub fn calculation(&'static self, name: &str) -> Option<&'static Calculation> {
        self.calculations.iter().find(|c| c.name == name)
    }

    pub fn action(&'static self, name: &str) -> Option<&'static Action> {
        self.actions.iter().find(|a| a.name == name)
    }

    /// The `id` primary key (every resource of the model has exactly one, listed first).
    pub fn primary_key(&'static self) -> &'static Attribute {
        self.attributes
            .iter()
            .find(|a| a.primary_key)
            .unwrap_or(&self.attributes[0])
    }

    /// The last segment of the module name (`Ticket`).
    pub fn short_name(&self) -> &str {
        self.name.rsplit('.').next().unwrap_or(self.name)
    }
}

/// Looks a resource up by module name (`"Support.Ticket"`).
pub fn lookup(name: &str) -> Option<&'static Resource> {
    RESOURCES.iter().copied().find(|r| r.name == name)
}
