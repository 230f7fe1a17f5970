//! The same change as diesel migrations: PostgreSQL and SQLite SQL for going from one table
//! shape (snapshot) to another, `up` (old → new) and `down` (new → old) alike.
//!
//! Column types are the storage the shell reads and writes (`db::sql`, ARCHITECTURE.md
//! "storage"): on PostgreSQL the types Ecto gives ash_postgres's migration types (`timestamp(0)`
//! for `utc_datetime`, `numeric`, `jsonb`, `bytea`, arrays `T[]`); on SQLite text encodings.
//! SQLite cannot alter a column's type, nullability, default or foreign key, nor add a
//! constraint: such a change rebuilds the table the way SQLite documents (create the new
//! shape, copy the rows, drop the old, rename), with `legacy_alter_table` on so the tables that
//! reference it keep pointing at its name, and the rows kept.
//!
//! One addition to what ash_postgres creates: every foreign-key column gets an index
//! (`<table>_<column>_index`, Ecto's default name), as the shell's has_many loads and
//! aggregates read by them (PostgreSQL does not index them by itself). The Ecto module stays
//! ash_postgres's.

use serde_json::Value;

use super::snapshot::{SnapAttribute, SnapIdentity, SnapIndex, Snapshot};

/// Which SQL dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Postgres,
    Sqlite,
}

/// Double-quotes an identifier when it is not a plain lower-case name.
fn ident(name: &str) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !matches!(
            name,
            "user"
                | "order"
                | "group"
                | "table"
                | "select"
                | "where"
                | "from"
                | "to"
                | "default"
                | "check"
                | "primary"
                | "references"
                | "limit"
                | "offset"
                | "end"
                | "desc"
                | "asc"
                | "all"
        );
    if plain {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

fn table_name(dialect: Dialect, snapshot: &Snapshot) -> String {
    match (&snapshot.schema, dialect) {
        (Some(schema), Dialect::Postgres) => format!("{}.{}", ident(schema), ident(&snapshot.table)),
        _ => ident(&snapshot.table),
    }
}

/// The column type of a snapshot type.
pub fn column_type(dialect: Dialect, attribute: &SnapAttribute) -> String {
    if dialect == Dialect::Postgres
        && attribute.generated
        && attribute.default == "nil"
        && attribute.ty == Value::String("bigint".into())
    {
        return "bigserial".into();
    }
    type_of(dialect, &attribute.ty, attribute.size)
}

fn type_of(dialect: Dialect, ty: &Value, size: Option<i64>) -> String {
    let (name, size) = match ty {
        Value::String(s) => (s.as_str(), size),
        Value::Array(items) => match items.as_slice() {
            [Value::String(a), inner] if a == "array" => {
                return match dialect {
                    Dialect::Postgres => format!("{}[]", type_of(dialect, inner, None)),
                    Dialect::Sqlite => "TEXT".into(),
                };
            }
            [Value::String(name), Value::Number(n)] => (name.as_str(), n.as_i64()),
            _ => ("text", None),
        },
        _ => ("text", None),
    };
    match dialect {
        Dialect::Postgres => match name {
            "utc_datetime" | "naive_datetime" => "timestamp(0)".into(),
            "utc_datetime_usec" | "naive_datetime_usec" => "timestamp".into(),
            "time" => "time(0)".into(),
            "time_usec" => "time".into(),
            "float" => "double precision".into(),
            "decimal" => "numeric".into(),
            "map" => "jsonb".into(),
            "binary" => "bytea".into(),
            "string" | "varchar" => match size {
                Some(n) => format!("varchar({n})"),
                None => "varchar".into(),
            },
            other => other.to_string(),
        },
        Dialect::Sqlite => match name {
            "bigint" | "integer" | "smallint" | "bigserial" | "serial" => "INTEGER".into(),
            "float" => "REAL".into(),
            "boolean" => "BOOLEAN".into(),
            "binary" => "BLOB".into(),
            // Compared case-insensitively (for unique indexes too), as citext is.
            "citext" => "TEXT COLLATE NOCASE".into(),
            _ => "TEXT".into(),
        },
    }
}

/// A SQL default for the Elixir code ash_postgres keeps; None when there is none (or it has
/// no SQL meaning on this backend, e.g. `uuid_generate_v4()` on SQLite: the shell makes ids).
pub fn default_sql(dialect: Dialect, attribute: &SnapAttribute) -> Option<String> {
    let code = attribute.default.trim();
    if code == "nil" {
        return None;
    }
    if let Some(inner) = code.strip_prefix("fragment(").and_then(|c| c.strip_suffix(')')) {
        let sql = elixir_string(inner)?;
        return match dialect {
            Dialect::Postgres => Some(
                if sql.contains('(') || sql.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
                    sql
                } else {
                    format!("({sql})")
                },
            ),
            Dialect::Sqlite => match sql.as_str() {
                "now()" => Some(sqlite_now(&attribute.ty)),
                "CURRENT_DATE" => Some("CURRENT_DATE".into()),
                _ => None,
            },
        };
    }
    if code == "true" || code == "false" {
        return Some(match dialect {
            Dialect::Postgres => code.to_string(),
            Dialect::Sqlite => (if code == "true" { "1" } else { "0" }).into(),
        });
    }
    if code == "[]" || code == "%{}" {
        let empty = if code == "[]" { "[]" } else { "{}" };
        return Some(match dialect {
            Dialect::Postgres if code == "[]" => "'{}'".into(),
            Dialect::Postgres => "'{}'".into(),
            Dialect::Sqlite => format!("'{empty}'"),
        });
    }
    if code.parse::<f64>().is_ok() {
        return Some(code.to_string());
    }
    elixir_string(code).map(|s| format!("'{}'", s.replace('\'', "''")))
}

/// What `now()` stores on SQLite, in the shell's text encoding of the column's type.
fn sqlite_now(ty: &Value) -> String {
    match ty.as_str() {
        Some("utc_datetime_usec" | "naive_datetime_usec") => {
            "(strftime('%Y-%m-%d %H:%M:%S', 'now') || '.' || substr(strftime('%f', 'now'), 4) || '000')"
                .into()
        }
        Some("date") => "CURRENT_DATE".into(),
        _ => "CURRENT_TIMESTAMP".into(),
    }
}

/// The text of an Elixir string literal (`"a \"b\""` → `a "b"`); None for other code.
fn elixir_string(code: &str) -> Option<String> {
    let inner = code.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            '0' => out.push('\0'),
            other => out.push(other),
        }
    }
    Some(out)
}

/// A column definition.
fn column(dialect: Dialect, attribute: &SnapAttribute, single_pk: bool) -> String {
    let mut out = format!("{} {}", ident(&attribute.source), column_type(dialect, attribute));
    if single_pk && attribute.primary_key {
        if dialect == Dialect::Sqlite {
            out.push_str(" NOT NULL");
        }
        out.push_str(" PRIMARY KEY");
    } else if !attribute.allow_nil {
        out.push_str(" NOT NULL");
    }
    if let Some(default) = default_sql(dialect, attribute) {
        out.push_str(&format!(" DEFAULT {default}"));
    }
    if let Some(reference) = &attribute.references {
        out.push_str(&format!(
            " CONSTRAINT {} REFERENCES {} ({})",
            ident(&reference.name),
            ident(&reference.table),
            ident(&reference.destination_attribute)
        ));
        out.push_str(&actions(reference));
    }
    out
}

fn actions(reference: &super::snapshot::SnapReference) -> String {
    let deferrable = match &reference.deferrable {
        Value::Bool(true) => " DEFERRABLE INITIALLY IMMEDIATE",
        Value::String(s) if s == "initially" => " DEFERRABLE INITIALLY DEFERRED",
        _ => "",
    };
    format!("{}{deferrable}", on_actions(reference))
}

fn on_actions(reference: &super::snapshot::SnapReference) -> String {
    let action = |v: &Option<String>| match v.as_deref() {
        Some("delete") => Some("CASCADE"),
        Some("update") => Some("CASCADE"),
        Some("nilify") => Some("SET NULL"),
        Some("restrict") => Some("RESTRICT"),
        Some("nothing") => Some("NO ACTION"),
        _ => None,
    };
    let mut out = String::new();
    if let Some(a) = action(&reference.on_delete) {
        out.push_str(&format!(" ON DELETE {a}"));
    }
    if let Some(a) = action(&reference.on_update) {
        out.push_str(&format!(" ON UPDATE {a}"));
    }
    out
}

/// `CREATE TABLE` with its columns, primary key, foreign keys and checks, then its indexes.
pub fn create_table(dialect: Dialect, snapshot: &Snapshot) -> Vec<String> {
    let pk: Vec<&SnapAttribute> = snapshot.attributes.iter().filter(|a| a.primary_key).collect();
    let mut lines: Vec<String> = snapshot
        .attributes
        .iter()
        .map(|a| format!("    {}", column(dialect, a, pk.len() == 1)))
        .collect();
    if pk.len() > 1 {
        let names: Vec<String> = pk.iter().map(|a| ident(&a.source)).collect();
        lines.push(format!("    PRIMARY KEY ({})", names.join(", ")));
    }
    for check in &snapshot.check_constraints {
        let sql = match &check.base_filter {
            Some(filter) => format!("{filter} AND {}", check.check),
            None => check.check.clone(),
        };
        lines.push(format!("    CONSTRAINT {} CHECK ({sql})", ident(&check.name)));
    }
    let mut out = vec![format!(
        "CREATE TABLE {} (\n{}\n);",
        table_name(dialect, snapshot),
        lines.join(",\n")
    )];
    out.extend(indexes(dialect, snapshot));
    out
}

fn indexes(dialect: Dialect, snapshot: &Snapshot) -> Vec<String> {
    let mut out: Vec<String> = snapshot
        .identities
        .iter()
        .map(|i| create_unique(dialect, snapshot, i))
        .collect();
    out.extend(
        snapshot
            .custom_indexes
            .iter()
            .map(|i| create_index(dialect, snapshot, i)),
    );
    out.extend(
        foreign_key_columns(snapshot)
            .iter()
            .map(|c| create_fk_index(dialect, snapshot, c)),
    );
    out
}

/// The columns with a foreign key.
fn foreign_key_columns(snapshot: &Snapshot) -> Vec<String> {
    snapshot
        .attributes
        .iter()
        .filter(|a| a.references.is_some())
        .map(|a| a.source.clone())
        .collect()
}

fn fk_index_name(snapshot: &Snapshot, column: &str) -> String {
    format!("{}_{column}_index", snapshot.table)
}

fn create_fk_index(dialect: Dialect, snapshot: &Snapshot, column: &str) -> String {
    format!(
        "CREATE INDEX {} ON {} ({});",
        ident(&fk_index_name(snapshot, column)),
        table_name(dialect, snapshot),
        ident(column)
    )
}

fn create_unique(dialect: Dialect, snapshot: &Snapshot, identity: &SnapIdentity) -> String {
    let keys: Vec<String> = identity.keys.iter().map(|k| ident(k)).collect();
    let filter = identity
        .base_filter
        .as_ref()
        .map(|f| format!(" WHERE ({f})"))
        .unwrap_or_default();
    format!(
        "CREATE UNIQUE INDEX {} ON {} ({}){filter};",
        ident(&identity.index_name),
        table_name(dialect, snapshot),
        keys.join(", ")
    )
}

fn index_name(snapshot: &Snapshot, index: &SnapIndex) -> String {
    index
        .name
        .clone()
        .unwrap_or_else(|| super::diff::default_index_name(&snapshot.table, index))
}

fn create_index(dialect: Dialect, snapshot: &Snapshot, index: &SnapIndex) -> String {
    let fields: Vec<String> = index
        .fields
        .iter()
        .map(|(f, _)| {
            let plain = f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if plain { ident(f) } else { f.clone() }
        })
        .collect();
    let using = match (&index.using, dialect) {
        (Some(using), Dialect::Postgres) => format!(" USING {using}"),
        _ => String::new(),
    };
    let filter = index
        .where_clause
        .as_ref()
        .map(|w| format!(" WHERE ({w})"))
        .unwrap_or_default();
    format!(
        "CREATE {}INDEX {} ON {}{using} ({}){filter};",
        if index.unique { "UNIQUE " } else { "" },
        ident(&index_name(snapshot, index)),
        table_name(dialect, snapshot),
        fields.join(", ")
    )
}

fn drop_index(dialect: Dialect, snapshot: &Snapshot, name: &str) -> String {
    match (&snapshot.schema, dialect) {
        (Some(schema), Dialect::Postgres) => {
            format!("DROP INDEX IF EXISTS {}.{};", ident(schema), ident(name))
        }
        _ => format!("DROP INDEX IF EXISTS {};", ident(name)),
    }
}

/// The statements that turn table `from` into `to` (either may be absent: create, drop).
pub fn transform(dialect: Dialect, from: Option<&Snapshot>, to: Option<&Snapshot>) -> Vec<String> {
    match (from, to) {
        (None, None) => Vec::new(),
        (None, Some(to)) => create_table(dialect, to),
        (Some(from), None) => vec![format!("DROP TABLE {};", table_name(dialect, from))],
        (Some(from), Some(to)) => match dialect {
            Dialect::Postgres => alter_postgres(from, to),
            Dialect::Sqlite => alter_sqlite(from, to),
        },
    }
}

fn removed_indexes(dialect: Dialect, from: &Snapshot, to: &Snapshot) -> Vec<String> {
    let mut out = Vec::new();
    for identity in &from.identities {
        if !to.identities.contains(identity) {
            out.push(drop_index(dialect, from, &identity.index_name));
        }
    }
    for index in &from.custom_indexes {
        if !to
            .custom_indexes
            .iter()
            .any(|i| i.normalized() == index.normalized())
        {
            out.push(drop_index(dialect, from, &index_name(from, index)));
        }
    }
    let kept = foreign_key_columns(to);
    for column in foreign_key_columns(from) {
        if !kept.contains(&column) && to.attributes.iter().any(|a| a.source == column) {
            out.push(drop_index(dialect, from, &fk_index_name(from, &column)));
        }
    }
    out
}

fn added_indexes(dialect: Dialect, from: &Snapshot, to: &Snapshot) -> Vec<String> {
    let mut out = Vec::new();
    for identity in &to.identities {
        if !from.identities.contains(identity) {
            out.push(create_unique(dialect, to, identity));
        }
    }
    for index in &to.custom_indexes {
        if !from
            .custom_indexes
            .iter()
            .any(|i| i.normalized() == index.normalized())
        {
            out.push(create_index(dialect, to, index));
        }
    }
    let had = foreign_key_columns(from);
    for column in foreign_key_columns(to) {
        if !had.contains(&column) {
            out.push(create_fk_index(dialect, to, &column));
        }
    }
    out
}

fn alter_postgres(from: &Snapshot, to: &Snapshot) -> Vec<String> {
    let t = table_name(Dialect::Postgres, to);
    let mut out = removed_indexes(Dialect::Postgres, from, to);
    for check in &from.check_constraints {
        if !to.check_constraints.contains(check) {
            out.push(format!(
                "ALTER TABLE {t} DROP CONSTRAINT IF EXISTS {};",
                ident(&check.name)
            ));
        }
    }
    // Foreign keys that change or go: dropped first.
    for old in &from.attributes {
        let new = to.attributes.iter().find(|a| a.source == old.source);
        if let Some(reference) = &old.references
            && new.is_none_or(|n| n.references.as_ref() != Some(reference))
        {
            out.push(format!(
                "ALTER TABLE {t} DROP CONSTRAINT IF EXISTS {};",
                ident(&reference.name)
            ));
        }
    }
    for new in &to.attributes {
        let c = ident(&new.source);
        match from.attributes.iter().find(|a| a.source == new.source) {
            None => out.push(format!(
                "ALTER TABLE {t} ADD COLUMN {};",
                column(Dialect::Postgres, new, false)
            )),
            Some(old) => {
                let (old_type, new_type) = (
                    column_type(Dialect::Postgres, old),
                    column_type(Dialect::Postgres, new),
                );
                if old_type != new_type {
                    out.push(format!(
                        "ALTER TABLE {t} ALTER COLUMN {c} TYPE {new_type} USING {c}::{new_type};"
                    ));
                }
                if old.allow_nil != new.allow_nil {
                    let action = if new.allow_nil { "DROP" } else { "SET" };
                    out.push(format!("ALTER TABLE {t} ALTER COLUMN {c} {action} NOT NULL;"));
                }
                let (old_default, new_default) = (
                    default_sql(Dialect::Postgres, old),
                    default_sql(Dialect::Postgres, new),
                );
                if old_default != new_default {
                    out.push(match new_default {
                        Some(d) => format!("ALTER TABLE {t} ALTER COLUMN {c} SET DEFAULT {d};"),
                        None => format!("ALTER TABLE {t} ALTER COLUMN {c} DROP DEFAULT;"),
                    });
                }
                if let Some(reference) = &new.references
                    && old.references.as_ref() != Some(reference)
                {
                    out.push(format!(
                        "ALTER TABLE {t} ADD CONSTRAINT {} FOREIGN KEY ({c}) REFERENCES {} ({}){};",
                        ident(&reference.name),
                        ident(&reference.table),
                        ident(&reference.destination_attribute),
                        actions(reference)
                    ));
                }
            }
        }
    }
    for old in &from.attributes {
        if !to.attributes.iter().any(|a| a.source == old.source) {
            out.push(format!("ALTER TABLE {t} DROP COLUMN {};", ident(&old.source)));
        }
    }
    let old_pk: Vec<&String> = from
        .attributes
        .iter()
        .filter(|a| a.primary_key)
        .map(|a| &a.source)
        .collect();
    let new_pk: Vec<&String> = to
        .attributes
        .iter()
        .filter(|a| a.primary_key)
        .map(|a| &a.source)
        .collect();
    if old_pk != new_pk {
        out.push(format!(
            "ALTER TABLE {t} DROP CONSTRAINT IF EXISTS {};",
            ident(&format!("{}_pkey", to.table))
        ));
        if !new_pk.is_empty() {
            let names: Vec<String> = new_pk.iter().map(|s| ident(s)).collect();
            out.push(format!("ALTER TABLE {t} ADD PRIMARY KEY ({});", names.join(", ")));
        }
    }
    for check in &to.check_constraints {
        if !from.check_constraints.contains(check) {
            let sql = match &check.base_filter {
                Some(filter) => format!("{filter} AND {}", check.check),
                None => check.check.clone(),
            };
            out.push(format!(
                "ALTER TABLE {t} ADD CONSTRAINT {} CHECK ({sql});",
                ident(&check.name)
            ));
        }
    }
    out.extend(added_indexes(Dialect::Postgres, from, to));
    out
}

/// Only new nullable (or defaulted) columns and index changes can be done in place on SQLite;
/// anything else rebuilds the table.
fn alter_sqlite(from: &Snapshot, to: &Snapshot) -> Vec<String> {
    let t = ident(&to.table);
    let in_place = from.attributes.iter().all(|old| {
        to.attributes
            .iter()
            .find(|a| a.source == old.source)
            .is_some_and(|new| {
                column(Dialect::Sqlite, new, false) == column(Dialect::Sqlite, old, false)
                    && new.primary_key == old.primary_key
            })
    }) && to.check_constraints == from.check_constraints
        && to
            .attributes
            .iter()
            .filter(|a| !from.attributes.iter().any(|o| o.source == a.source))
            .all(|a| {
                !a.primary_key
                    && (a.allow_nil || default_sql(Dialect::Sqlite, a).is_some())
                    && (a.references.is_none() || default_sql(Dialect::Sqlite, a).is_none())
            });
    let mut out = removed_indexes(Dialect::Sqlite, from, to);
    if in_place {
        for new in &to.attributes {
            if !from.attributes.iter().any(|a| a.source == new.source) {
                out.push(format!(
                    "ALTER TABLE {t} ADD COLUMN {};",
                    column(Dialect::Sqlite, new, false)
                ));
            }
        }
        out.extend(added_indexes(Dialect::Sqlite, from, to));
        return out;
    }
    let old_name = ident(&format!("_{}_old", to.table));
    let common: Vec<String> = to
        .attributes
        .iter()
        .filter(|a| from.attributes.iter().any(|o| o.source == a.source))
        .map(|a| ident(&a.source))
        .collect();
    let mut rebuilt = Snapshot {
        identities: Vec::new(),
        custom_indexes: Vec::new(),
        ..to.clone()
    };
    rebuilt.table = to.table.clone();
    let mut out = vec![
        "PRAGMA legacy_alter_table = ON;".to_string(),
        format!("ALTER TABLE {t} RENAME TO {old_name};"),
    ];
    // The table alone: its indexes come once the old table (holding the same names) is gone.
    out.extend(create_table(Dialect::Sqlite, &rebuilt).into_iter().take(1));
    out.push(format!(
        "INSERT INTO {t} ({cols}) SELECT {cols} FROM {old_name};",
        cols = common.join(", ")
    ));
    out.push(format!("DROP TABLE {old_name};"));
    out.push("PRAGMA legacy_alter_table = OFF;".into());
    out.extend(indexes(Dialect::Sqlite, to));
    out
}
