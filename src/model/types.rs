//! The value types an attribute, argument or calculation can have, named as Ash names them.
//!
//! Only the names and constraints live here; casting, storing and printing values of a type
//! are the jobs of `eval`, `db` and `render`.

use std::rc::Rc;

/// An Ash type. `{:array, T}` nests; `Ash.Type.Enum` modules of the project carry their values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    Uuid,
    String,
    /// `:ci_string`: a string Ash compares case-insensitively (here, for now, like a string).
    CiString,
    Integer,
    Float,
    Decimal,
    Boolean,
    Date,
    Time,
    /// `:utc_datetime` (second precision).
    UtcDatetime,
    /// `:utc_datetime_usec` (microsecond precision; what timestamps use).
    UtcDatetimeUsec,
    NaiveDatetime,
    /// `:naive_datetime_usec`.
    NaiveDatetimeUsec,
    Map,
    Binary,
    /// An atom stored as text, limited to `one_of` when the list is not empty.
    Atom(Rc<[String]>),
    /// `{:array, T}`
    Array(Rc<Type>),
    /// A project module with `use Ash.Type.Enum, values: [...]`: an atom limited to its values.
    Enum {
        module: Rc<str>,
        values: Rc<[String]>,
    },
    /// A type this shell does not know (a custom `Ash.Type` module): read and written as text.
    Other(Rc<str>),
}

impl Type {
    /// An atom type without `one_of`.
    pub fn any_atom() -> Type {
        Type::Atom(Rc::from(Vec::new()))
    }

    /// The Ash short name (`:string`, `:uuid`, ...) or the module name for enums and custom
    /// types; arrays print as `{:array, :string}` without the colons (`array`).
    pub fn name(&self) -> &str {
        match self {
            Type::Uuid => "uuid",
            Type::String => "string",
            Type::CiString => "ci_string",
            Type::Integer => "integer",
            Type::Float => "float",
            Type::Decimal => "decimal",
            Type::Boolean => "boolean",
            Type::Date => "date",
            Type::Time => "time",
            Type::UtcDatetime => "utc_datetime",
            Type::UtcDatetimeUsec => "utc_datetime_usec",
            Type::NaiveDatetime => "naive_datetime",
            Type::NaiveDatetimeUsec => "naive_datetime_usec",
            Type::Map => "map",
            Type::Binary => "binary",
            Type::Atom(_) => "atom",
            Type::Array(_) => "array",
            Type::Enum { module, .. } => module,
            Type::Other(name) => name,
        }
    }

    /// The Ash type module (`Ash.Type.String`), as `Ash.Resource.Info` shows it.
    pub fn module(&self) -> String {
        let short = match self {
            Type::Uuid => "UUID",
            Type::String => "String",
            Type::CiString => "CiString",
            Type::Integer => "Integer",
            Type::Float => "Float",
            Type::Decimal => "Decimal",
            Type::Boolean => "Boolean",
            Type::Date => "Date",
            Type::Time => "Time",
            Type::UtcDatetime => "UtcDatetime",
            Type::UtcDatetimeUsec => "UtcDatetimeUsec",
            Type::NaiveDatetime => "NaiveDatetime",
            Type::NaiveDatetimeUsec => "NaiveDatetimeUsec",
            Type::Map => "Map",
            Type::Binary => "Binary",
            Type::Atom(_) => "Atom",
            Type::Array(inner) => return format!("{{:array, {}}}", inner.module()),
            Type::Enum { module, .. } | Type::Other(module) => return module.to_string(),
        };
        format!("Ash.Type.{short}")
    }

    /// Reads a short type name (`uuid`, `string`, `utc_datetime_usec`, ...) or an `Ash.Type.*`
    /// module name. None for anything else (project modules are resolved by the reader).
    pub fn from_name(name: &str) -> Option<Type> {
        let name = name
            .strip_prefix("Ash.Type.")
            .map_or(name, |module| match module {
                "UUID" => "uuid",
                "String" => "string",
                "CiString" => "ci_string",
                "Integer" => "integer",
                "Float" => "float",
                "Decimal" => "decimal",
                "Boolean" => "boolean",
                "Date" => "date",
                "Time" => "time",
                "UtcDatetime" => "utc_datetime",
                "UtcDatetimeUsec" => "utc_datetime_usec",
                "NaiveDatetime" => "naive_datetime",
                "NaiveDatetimeUsec" => "naive_datetime_usec",
                "Map" => "map",
                "Binary" => "binary",
                "Atom" => "atom",
                "Term" => "term",
                other => other,
            });
        Some(match name {
            "uuid" => Type::Uuid,
            "string" => Type::String,
            "ci_string" => Type::CiString,
            "integer" => Type::Integer,
            "float" => Type::Float,
            "decimal" => Type::Decimal,
            "boolean" => Type::Boolean,
            "date" => Type::Date,
            "time" => Type::Time,
            "utc_datetime" | "datetime" => Type::UtcDatetime,
            "utc_datetime_usec" => Type::UtcDatetimeUsec,
            "naive_datetime" => Type::NaiveDatetime,
            "naive_datetime_usec" => Type::NaiveDatetimeUsec,
            "map" => Type::Map,
            "binary" => Type::Binary,
            "atom" => Type::any_atom(),
            _ => return None,
        })
    }

    /// The atoms an atom or enum type allows (empty: any atom). None for other types.
    pub fn atoms(&self) -> Option<&[String]> {
        match self {
            Type::Atom(one_of) => Some(one_of),
            Type::Enum { values, .. } => Some(values),
            _ => None,
        }
    }

    /// True for the types whose values are atoms (`:atom`, enums).
    pub fn is_atom(&self) -> bool {
        self.atoms().is_some()
    }

    /// True for the types whose values are strings or atoms stored as text (strings,
    /// ci_strings, atoms, enums and custom types read as text).
    pub fn is_text(&self) -> bool {
        matches!(
            self,
            Type::String | Type::CiString | Type::Atom(_) | Type::Enum { .. } | Type::Other(_)
        )
    }
}
