//! Ecto.Migration commands as data: what a migration file's `up`/`down`/`change` says, read by
//! `ecto.rs` and turned into SQL per backend by `db::ddl`. No SQL text and no I/O here.

/// One command of a migration, with the line of the file it was written on.
#[derive(Debug, Clone, PartialEq)]
pub struct Op {
    pub line: usize,
    pub kind: OpKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum OpKind {
    /// `create table(...) do ... end` / `create_if_not_exists`: the columns are `Change::Add`s.
    CreateTable {
        table: Table,
        if_not_exists: bool,
        columns: Vec<Column>,
    },
    /// `alter table(...) do ... end`.
    AlterTable { table: Table, changes: Vec<Change> },
    /// `drop table(...)` / `drop_if_exists`, `mode: :cascade`.
    DropTable {
        table: Table,
        if_exists: bool,
        cascade: bool,
    },
    /// `create index(...)` / `create unique_index(...)` / `create_if_not_exists index(...)`.
    CreateIndex { index: Index, if_not_exists: bool },
    /// `drop index(...)` / `drop_if_exists index(...)`.
    DropIndex { index: Index, if_exists: bool },
    /// `create constraint(:t, :name, check: "...")`.
    CreateConstraint(Constraint),
    /// `drop constraint(:t, "name")` / `drop_if_exists constraint(...)`.
    DropConstraint { constraint: Constraint, if_exists: bool },
    /// `rename table(:a), to: table(:b)`.
    RenameTable { from: Table, to: Table },
    /// `rename table(:t), :old, to: :new`.
    RenameColumn { table: Table, from: String, to: String },
    /// `execute("SQL")`, `execute(up, down)`: `reverse` is what rolling back a `change` runs.
    Execute { sql: String, reverse: Option<String> },
    /// `raise "message"`: the migration refuses to run (a `down` that cannot be done).
    Raise { message: String },
}

/// `table(:name, prefix: "s", primary_key: false, options: "...")`.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub name: String,
    pub prefix: Option<String>,
    /// Ecto adds `id bigserial primary key` unless `primary_key: false`.
    pub primary_key: bool,
    /// Raw SQL after the column list (`options:`).
    pub options: Option<String>,
}

/// One change inside `alter table` (and the columns of `create table`).
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// `add` / `add_if_not_exists`.
    Add { column: Column, if_not_exists: bool },
    /// `modify :c, type, opts`; `from` is the column as it was (`from:`), what rolls it back.
    Modify {
        column: Column,
        from: Option<Box<Column>>,
    },
    /// `remove :c` / `remove :c, type, opts` (`was`: what rolls it back) / `remove_if_exists`.
    Remove {
        name: String,
        if_exists: bool,
        was: Option<Column>,
    },
}

/// A column: `add :name, type, null: false, default: ..., primary_key: true, size: 10`.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The line of the file it was written on (0 when made up, as Ecto's `id` column).
    pub line: usize,
    pub name: String,
    pub ty: ColumnType,
    /// `null:` as written (None: not said).
    pub null: Option<bool>,
    /// `default:` as written (None: not said; `Some(Default::Null)`: `default: nil`).
    pub default: Option<Default>,
    pub primary_key: bool,
    pub size: Option<i64>,
    pub precision: Option<i64>,
    pub scale: Option<i64>,
    /// `generated: "ALWAYS AS (...) STORED"`.
    pub generated: Option<String>,
}

impl Column {
    pub fn new(name: &str, ty: ColumnType) -> Column {
        Column {
            line: 0,
            name: name.to_string(),
            ty,
            null: None,
            default: None,
            primary_key: false,
            size: None,
            precision: None,
            scale: None,
            generated: None,
        }
    }
}

/// A column type as Ecto writes it: an atom (`:uuid`, `:text`, `:utc_datetime_usec`, or any
/// database type name such as `:citext`), `{:array, t}`, or `references(...)`.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnType {
    Named(String),
    Array(Box<ColumnType>),
    References(Reference),
}

/// `references(:table, column: :id, name: "...", type: :uuid, prefix: "public", on_delete: ...)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub table: String,
    pub column: String,
    /// The constraint's name; Ecto's default is `<table>_<column>_fkey` of the referencing side.
    pub name: Option<String>,
    /// The column's type (Ecto's default: `:bigserial`, a `bigint` column).
    pub ty: Box<ColumnType>,
    pub prefix: Option<String>,
    pub on_delete: RefAction,
    pub on_update: RefAction,
}

/// `on_delete:` / `on_update:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefAction {
    Nothing,
    Restrict,
    Cascade,
    SetNull,
}

/// A `default:` value.
#[derive(Debug, Clone, PartialEq)]
pub enum Default {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    /// `fragment("now()")`: SQL as written.
    Fragment(String),
    /// `[]`, `["a"]`.
    List(Vec<Default>),
    /// `%{}` and other maps, as JSON text.
    Json(String),
}

/// `index(:table, [cols], name:, unique:, where:, using:, concurrently:, prefix:, include:)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    pub table: String,
    pub prefix: Option<String>,
    pub columns: Vec<IndexColumn>,
    pub name: String,
    pub unique: bool,
    pub concurrently: bool,
    pub using: Option<String>,
    pub where_clause: Option<String>,
    pub include: Vec<String>,
}

/// An index column: an atom is a column name, a string an SQL expression.
#[derive(Debug, Clone, PartialEq)]
pub enum IndexColumn {
    Name(String),
    Expression(String),
}

/// `constraint(:table, :name, check: "...")`.
#[derive(Debug, Clone, PartialEq)]
pub struct Constraint {
    pub table: String,
    pub prefix: Option<String>,
    pub name: String,
    pub check: Option<String>,
    pub exclude: Option<String>,
}
