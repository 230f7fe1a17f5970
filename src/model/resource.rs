//! One resource as data: attributes, relationships, aggregates, calculations, actions,
//! identities and code interface, with Ash's defaults already filled in by the reader.
//!
//! No behaviour and no I/O: `project` builds these from resource files; evaluation, printing,
//! completion and SQL generation read them.

use crate::model::types::Type;
use crate::syntax::ast;

/// A literal written in a resource file (`default :open`, `set_attribute(:status, :closed)`).
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Atom(String),
    Str(String),
    List(Vec<Literal>),
    /// `%{}`
    EmptyMap,
}

/// An expression of the resource file (`expr(status == :open)`): its syntax tree, and its
/// text as written, which is how Ash prints it inside a query.
#[derive(Debug, Clone)]
pub struct ModelExpr {
    pub ast: ast::Expr,
    pub text: String,
    /// Its line in the resource file, for messages.
    pub line: usize,
}

/// The functions a default or a `set_attribute` may name (`&Ash.UUID.generate/0`): the ones
/// the shell can call. Others are skipped with a warning by the reader.
pub const DEFAULT_FUNCTIONS: &[&str] = &[
    "Ash.UUID.generate",
    "Ecto.UUID.generate",
    "Ash.UUIDv7.generate",
    "DateTime.utc_now",
    "NaiveDateTime.utc_now",
    "Date.utc_today",
];

/// A default value: a literal, or a function called for each new record.
#[derive(Debug, Clone, PartialEq)]
pub enum Default {
    Literal(Literal),
    /// `&Ash.UUID.generate/0`, `&DateTime.utc_now/0`, ... as `Module.fun`.
    Function(String),
}

#[derive(Debug, Clone)]
pub struct Attribute {
    pub name: String,
    pub ty: Type,
    pub allow_nil: bool,
    /// Applied on create when no value is given.
    pub default: Option<Default>,
    /// Applied on every update (update_timestamp).
    pub update_default: Option<Default>,
    pub primary_key: bool,
    /// Private attributes (default belongs_to keys, create_timestamp) cannot be set through
    /// params; they are silently ignored, as in Ash.
    pub private: bool,
    pub writable: bool,
    pub generated: bool,
    pub sensitive: bool,
    /// The column (`source`), usually the name.
    pub source: String,
    pub description: Option<String>,
    /// Constraints other than `one_of` (kept in the type), as written, for `Info` output.
    pub constraints: Vec<(String, Literal)>,
    /// The column's SQL type when the project names it (`postgres do migration_types …`,
    /// what `--introspect` writes for columns not stored as the type's own storage, e.g.
    /// `numeric` or `int4`): PostgreSQL reads and writes the column through casts.
    pub storage: Option<String>,
    /// `match_other_defaults?` (true for timestamps): attributes with the same function
    /// default share one call of it per write, so `inserted_at == updated_at` on create.
    pub match_other_defaults: bool,
}

impl Attribute {
    /// A public, writable, nullable attribute with no default.
    pub fn new(name: &str, ty: Type) -> Self {
        Self {
            name: name.to_string(),
            ty,
            allow_nil: true,
            default: None,
            update_default: None,
            primary_key: false,
            private: false,
            writable: true,
            generated: false,
            sensitive: false,
            source: name.to_string(),
            description: None,
            constraints: Vec::new(),
            storage: None,
            match_other_defaults: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelationshipKind {
    /// The source resource holds the foreign key `source_attribute`.
    BelongsTo,
    /// The destination resource holds the foreign key `destination_attribute`.
    HasMany,
    /// As has_many, with at most one destination record.
    HasOne,
    /// Through a join resource (`through`).
    ManyToMany,
}

impl RelationshipKind {
    pub fn name(self) -> &'static str {
        match self {
            RelationshipKind::BelongsTo => "belongs_to",
            RelationshipKind::HasMany => "has_many",
            RelationshipKind::HasOne => "has_one",
            RelationshipKind::ManyToMany => "many_to_many",
        }
    }

    /// True when loading gives a list (has_many, many_to_many).
    pub fn is_many(self) -> bool {
        matches!(self, RelationshipKind::HasMany | RelationshipKind::ManyToMany)
    }
}

/// The join of a many_to_many relationship.
#[derive(Debug, Clone)]
pub struct Through {
    /// The join resource's module name.
    pub resource: String,
    /// The join resource's attribute holding the source's key.
    pub source_attribute_on_join_resource: String,
    /// The join resource's attribute holding the destination's key.
    pub destination_attribute_on_join_resource: String,
    /// The has_many to the join resource (`<name>_join_assoc` unless given).
    pub join_relationship: String,
}

#[derive(Debug, Clone)]
pub struct Relationship {
    pub name: String,
    pub kind: RelationshipKind,
    /// Destination resource module name, e.g. `"Support.User"`.
    pub destination: String,
    /// The attribute on the source side (`representative_id` for belongs_to, `id` for has_many).
    pub source_attribute: String,
    /// The attribute on the destination side (`id` for belongs_to, `representative_id` for has_many).
    pub destination_attribute: String,
    pub through: Option<Through>,
    pub private: bool,
    /// A filter over the destination (`filter expr(...)` on the relationship).
    pub filter: Option<ModelExpr>,
    /// `sort: [inserted_at: :desc]`: the order loads return the related records in
    /// (field, descending).
    pub sort: Vec<(String, bool)>,
    /// Its line in the resource file, for messages (0 when the shell made it).
    pub line: usize,
}

/// Aggregate kinds of Ash 2.x.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AggregateKind {
    Count,
    Sum,
    First,
    List,
    Max,
    Min,
    Avg,
    Exists,
}

impl AggregateKind {
    pub fn name(self) -> &'static str {
        match self {
            AggregateKind::Count => "count",
            AggregateKind::Sum => "sum",
            AggregateKind::First => "first",
            AggregateKind::List => "list",
            AggregateKind::Max => "max",
            AggregateKind::Min => "min",
            AggregateKind::Avg => "avg",
            AggregateKind::Exists => "exists",
        }
    }

    pub fn from_name(name: &str) -> Option<AggregateKind> {
        Some(match name {
            "count" => AggregateKind::Count,
            "sum" => AggregateKind::Sum,
            "first" => AggregateKind::First,
            "list" => AggregateKind::List,
            "max" => AggregateKind::Max,
            "min" => AggregateKind::Min,
            "avg" => AggregateKind::Avg,
            "exists" => AggregateKind::Exists,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Aggregate {
    pub name: String,
    pub kind: AggregateKind,
    /// The relationship path; one step today.
    pub relationship: String,
    /// Filter over the destination resource, in the Ash expression language.
    pub filter: Option<ModelExpr>,
    pub field: Option<String>,
    /// `sort` of first/list aggregates: (field, descending).
    pub sort: Vec<(String, bool)>,
}

#[derive(Debug, Clone)]
pub struct Calculation {
    pub name: String,
    pub ty: Type,
    /// The expression, in the Ash expression language.
    pub expr: ModelExpr,
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

    pub fn from_name(name: &str) -> Option<ActionKind> {
        Some(match name {
            "create" => ActionKind::Create,
            "read" => ActionKind::Read,
            "update" => ActionKind::Update,
            "destroy" => ActionKind::Destroy,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Argument {
    pub name: String,
    pub ty: Type,
    pub allow_nil: bool,
    pub default: Option<Default>,
    /// Printed as `"**redacted**"` in changesets.
    pub sensitive: bool,
}

/// The value a `set_attribute` change writes.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeValue {
    Literal(Literal),
    /// `arg(:name)`: the action's argument.
    Argument(String),
    /// `&DateTime.utc_now/0` and the like, called when the action runs.
    Function(String),
}

/// What an action does besides casting accepted attributes.
#[derive(Debug, Clone)]
pub enum Change {
    /// `change set_attribute(:status, :closed)`
    SetAttribute { attribute: String, value: ChangeValue },
    /// `change manage_relationship(:representative_id, :representative, type: :append_and_remove)`
    /// with a belongs_to relationship: looks the destination up by the argument's id (error
    /// "record with id: … not found") and sets the foreign key; the returned record has the
    /// relationship loaded.
    Relate { argument: String, relationship: String },
}

#[derive(Debug, Clone)]
pub struct Action {
    pub name: String,
    pub kind: ActionKind,
    pub primary: bool,
    /// Attributes accepted from params, after Ash's defaults (every public attribute) and
    /// `reject`.
    pub accept: Vec<String>,
    pub arguments: Vec<Argument>,
    pub changes: Vec<Change>,
    /// A read action's `filter expr(...)`.
    pub filter: Option<ModelExpr>,
    /// A read action with `get? true`.
    pub get: bool,
    /// Why this shell refuses to run the action, when running it without what it ignores
    /// would write something else than Ash writes (a `manual?` action, whose module does the
    /// work): the error names it and nothing is written.
    pub refused: Option<String>,
    /// A destroy action with `soft? true` (or made soft by AshArchival): it updates the record
    /// with its changes (`set_attribute(:archived_at, &DateTime.utc_now/0)`) instead of
    /// deleting it.
    pub soft: bool,
}

/// `identities do identity :unique_email, [:email] end`
#[derive(Debug, Clone)]
pub struct Identity {
    pub name: String,
    pub keys: Vec<String>,
}

/// One `define` of the code interface: `define :open, action: :open, args: [:subject]`.
#[derive(Debug, Clone)]
pub struct Interface {
    pub name: String,
    pub action: String,
    pub args: Vec<String>,
    /// `get? true`: returns one record (or nil / error) instead of a list.
    pub get: bool,
    /// `get_by: [:slug]` (or `get_by_identity: :unique_slug`, resolved to the identity's keys
    /// when the resource is read): a read's leading arguments, each filtered on by equality;
    /// implies `get?`.
    pub get_by: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Resource {
    /// Module name, e.g. `"Support.Ticket"`.
    pub name: String,
    pub table: String,
    /// The PostgreSQL schema of the `postgres` block (`schema "sales"`); None: the
    /// connection's search path (`public`).
    pub schema: Option<String>,
    /// The repo module of the `postgres` block (`Support.Repo`).
    pub repo: Option<String>,
    /// Attributes in Ash's order (definition order, belongs_to keys appended).
    pub attributes: Vec<Attribute>,
    /// In definition order (printing reverses it, as Ash does).
    pub relationships: Vec<Relationship>,
    pub aggregates: Vec<Aggregate>,
    pub calculations: Vec<Calculation>,
    /// In Ash's order: the defaults (reversed), then the explicit actions in source order.
    pub actions: Vec<Action>,
    pub identities: Vec<Identity>,
    pub interfaces: Vec<Interface>,
    /// The api the code interface calls (`define_for`).
    pub define_for: Option<String>,
    /// Where the resource was read from (`lib/.../ticket.ex`), for messages.
    pub file: String,
    /// Extensions, authorizers and notifiers of its `use Ash.Resource` line (not implemented
    /// here; what they add to the resource may be missing).
    pub extensions: Vec<String>,
    /// What the `postgres` block says about the resource's migrations.
    pub migration: Migration,
    /// Filters every read of the resource holds to (Ash's `base_filter`, applied by
    /// `Ash.Query.new`: root reads, relationship loads, aggregates): `resource do base_filter
    /// ... end`, and AshArchival's `is_nil(archived_at)`. All of them hold.
    pub base_filter: Vec<ModelExpr>,
}

/// The `postgres` block's settings that shape the table (what `mix
/// ash_postgres.generate_migrations` reads), not reads and writes.
#[derive(Debug, Clone)]
pub struct Migration {
    /// The resource's data layer is `AshPostgres.DataLayer` (others have no table to generate).
    pub postgres: bool,
    /// `migrate? false` leaves the resource out of generated migrations.
    pub migrate: bool,
    /// `references do reference :rel, ... end`, by relationship name.
    pub references: Vec<ReferenceOptions>,
    pub custom_indexes: Vec<CustomIndex>,
    pub check_constraints: Vec<CheckConstraint>,
    /// `migration_defaults field: "code"`: the default's Elixir code, verbatim.
    pub defaults: Vec<(String, String)>,
    /// `migration_types field: :type` or `{:type, size}`.
    pub types: Vec<(String, String, Option<i64>)>,
    /// `identity_index_names identity: "index"`.
    pub identity_index_names: Vec<(String, String)>,
    /// `skip_unique_indexes [:identity]`.
    pub skip_unique_indexes: Vec<String>,
    /// `migration_ignore_attributes [:attribute]`.
    pub ignore_attributes: Vec<String>,
    /// `base_filter_sql "..."`.
    pub base_filter_sql: Option<String>,
}

impl std::default::Default for Migration {
    fn default() -> Self {
        Self {
            postgres: true,
            migrate: true,
            references: Vec::new(),
            custom_indexes: Vec::new(),
            check_constraints: Vec::new(),
            defaults: Vec::new(),
            types: Vec::new(),
            identity_index_names: Vec::new(),
            skip_unique_indexes: Vec::new(),
            ignore_attributes: Vec::new(),
            base_filter_sql: None,
        }
    }
}

/// `reference :rel, on_delete: :delete, name: "..."` in `postgres do references do … end end`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReferenceOptions {
    pub relationship: String,
    /// `ignore? true`: no foreign key.
    pub ignore: bool,
    pub name: Option<String>,
    /// `:delete`, `:nilify`, `:nothing`, `:restrict`.
    pub on_delete: Option<String>,
    /// `:update`, `:nilify`, `:nothing`, `:restrict`.
    pub on_update: Option<String>,
    /// `deferrable: true | :initially`; None: not deferrable.
    pub deferrable: Option<String>,
    pub match_with: Option<Vec<(String, String)>>,
    pub match_type: Option<String>,
}

/// `index [:a, "lower(b)"], unique: true, where: "..."` in `custom_indexes do … end`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomIndex {
    /// Attribute names (written as atoms) or SQL expressions (written as strings).
    pub fields: Vec<IndexField>,
    pub name: Option<String>,
    pub unique: bool,
    pub concurrently: bool,
    pub using: Option<String>,
    pub prefix: Option<String>,
    pub where_clause: Option<String>,
    pub include: Option<Vec<String>>,
    pub message: Option<String>,
    pub nulls_distinct: bool,
    pub all_tenants: bool,
    pub error_fields: Option<Vec<String>>,
}

/// One field of a custom index.
#[derive(Debug, Clone, PartialEq)]
pub enum IndexField {
    Atom(String),
    Str(String),
}

impl IndexField {
    pub fn text(&self) -> &str {
        match self {
            IndexField::Atom(s) | IndexField::Str(s) => s,
        }
    }
}

/// `check_constraint :price, "positive_price", check: "price > 0"`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckConstraint {
    pub attributes: Vec<String>,
    pub name: String,
    pub check: Option<String>,
    pub message: Option<String>,
}

impl Resource {
    /// The name of a belongs_to's foreign key as ash_postgres names it: its `references do
    /// reference :rel, name: "..."`, else `<table>_<column>_fkey` (the source attribute's
    /// column).
    pub fn foreign_key_name(&self, rel: &Relationship) -> String {
        let configured = self
            .migration
            .references
            .iter()
            .find(|o| o.relationship == rel.name)
            .and_then(|o| o.name.clone());
        configured.unwrap_or_else(|| {
            let column = self
                .attribute(&rel.source_attribute)
                .map_or(rel.source_attribute.as_str(), |a| a.source.as_str());
            format!("{}_{column}_fkey", self.table)
        })
    }

    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    pub fn attribute_index(&self, name: &str) -> Option<usize> {
        self.attributes.iter().position(|a| a.name == name)
    }

    pub fn relationship(&self, name: &str) -> Option<&Relationship> {
        self.relationships.iter().find(|r| r.name == name)
    }

    pub fn aggregate(&self, name: &str) -> Option<&Aggregate> {
        self.aggregates.iter().find(|a| a.name == name)
    }

    pub fn calculation(&self, name: &str) -> Option<&Calculation> {
        self.calculations.iter().find(|c| c.name == name)
    }

    pub fn action(&self, name: &str) -> Option<&Action> {
        self.actions.iter().find(|a| a.name == name)
    }

    /// The primary key attributes, in attribute order.
    pub fn primary_key_attributes(&self) -> impl Iterator<Item = &Attribute> {
        self.attributes.iter().filter(|a| a.primary_key)
    }

    /// The first primary key attribute (the reader refuses resources without one).
    pub fn primary_key(&self) -> &Attribute {
        self.attributes
            .iter()
            .find(|a| a.primary_key)
            .unwrap_or(&self.attributes[0])
    }

    /// The last segment of the module name (`Ticket`).
    pub fn short_name(&self) -> &str {
        self.name.rsplit('.').next().unwrap_or(&self.name)
    }

    /// The primary action of a kind (Ash: the one marked `primary?`, or the only one).
    pub fn primary_action(&self, kind: ActionKind) -> Option<&Action> {
        let mut of_kind = self.actions.iter().filter(|a| a.kind == kind);
        let first = of_kind.clone().find(|a| a.primary);
        first.or_else(|| of_kind.next())
    }
}
