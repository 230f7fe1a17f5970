//! Reading a database's own catalog: its tables and views, their columns (with the type the
//! database declares), primary keys, foreign keys and unique constraints, as plain data
//! (`Catalog`). Three statements on either backend, whatever the number of tables:
//! PostgreSQL's `pg_catalog` (one schema, `public` by default), SQLite's `sqlite_master` joined
//! with the `pragma_table_info`, `pragma_foreign_key_list` and `pragma_index_*` functions.
//!
//! Naming resources and choosing Ash types is `project::introspect`'s job, not this module's.

use crate::model::Type;

use super::connection::AnyConnection;
use super::sql::{Bind, Statement};
use super::{Backend, DbError, DbValue};

/// The tables and views of one schema, by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    pub tables: Vec<Table>,
    /// Read from PostgreSQL (column types as `format_type` names them).
    pub postgres: bool,
    /// The PostgreSQL schema read (`public` unless `--schema`); empty on SQLite.
    pub schema: String,
}

/// A table or a view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub name: String,
    pub view: bool,
    pub columns: Vec<Column>,
    /// The primary key's columns in key order (empty: none).
    pub primary_key: Vec<String>,
    pub foreign_keys: Vec<ForeignKey>,
    /// Unique constraints and unique indexes over plain columns (not the primary key).
    pub unique: Vec<Unique>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    /// The declared type as the database names it, lower case (`bigint`, `numeric(10,2)`,
    /// `timestamp with time zone`, `integer[]`; on SQLite whatever the DDL said, or empty).
    pub sql_type: String,
    pub not_null: bool,
    /// The default expression, as the database shows it.
    pub default: Option<String>,
    /// The database generates the value (serial, identity, SQLite's rowid alias).
    pub generated: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ForeignKey {
    pub name: String,
    pub columns: Vec<String>,
    pub table: String,
    /// The referenced columns (empty on SQLite when the DDL names only the table: its key).
    pub references: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unique {
    pub name: String,
    pub columns: Vec<String>,
}

/// Separates the names of a list in one text column (a name cannot hold it).
const SEP: char = '\u{1f}';

fn text(v: &DbValue) -> String {
    match v {
        DbValue::Text(s) => s.clone(),
        DbValue::Int(i) => i.to_string(),
        _ => String::new(),
    }
}

fn names(v: &DbValue) -> Vec<String> {
    let all = text(v);
    all.split(SEP)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn load(conn: &mut AnyConnection, st: &Statement, columns: usize) -> Result<Vec<Vec<DbValue>>, DbError> {
    let types = vec![Type::String; columns];
    st.load(conn, &types).map_err(DbError::from_diesel)?
}

fn table<'c>(catalog: &'c mut Catalog, name: &str) -> Option<&'c mut Table> {
    catalog.tables.iter_mut().find(|t| t.name == name)
}

/// Reads the catalog of `schema` (PostgreSQL; SQLite has one).
pub(crate) fn read(conn: &mut AnyConnection, backend: Backend, schema: &str) -> Result<Catalog, DbError> {
    match backend {
        Backend::Postgres => postgres(conn, schema),
        Backend::Sqlite => sqlite(conn),
    }
}

const PG_COLUMNS: &str = "SELECT CAST(c.relname AS TEXT), CASE WHEN c.relkind IN ('v', 'm') THEN 'v' ELSE 't' END, \
CAST(a.attname AS TEXT), format_type(a.atttypid, a.atttypmod), CASE WHEN a.attnotnull THEN 't' ELSE 'f' END, \
pg_get_expr(d.adbin, d.adrelid), CASE WHEN a.attidentity <> '' OR pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%' THEN 't' ELSE 'f' END \
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped \
LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum \
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition \
ORDER BY c.relname, a.attnum";

/// Primary and foreign keys (constraints), then unique indexes over plain columns (unique
/// constraints have one too): table, kind, name, columns, referenced table, referenced columns.
const PG_KEYS: &str = "SELECT CAST(c.relname AS TEXT), CAST(con.contype AS TEXT), CAST(con.conname AS TEXT), \
array_to_string(ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, i) \
JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i), chr(31)), \
CAST(f.relname AS TEXT), \
array_to_string(ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, i) \
JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i), chr(31)) \
FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
LEFT JOIN pg_class f ON f.oid = con.confrelid \
WHERE n.nspname = $1 AND con.contype IN ('p', 'f') \
UNION ALL \
SELECT CAST(c.relname AS TEXT), 'u', CAST(i.relname AS TEXT), \
array_to_string(ARRAY(SELECT a.attname FROM unnest(CAST(x.indkey AS int2[])) WITH ORDINALITY k(n, i) \
JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n ORDER BY k.i), chr(31)), NULL, NULL \
FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid \
JOIN pg_namespace n ON n.oid = c.relnamespace \
WHERE n.nspname = $1 AND x.indisunique AND NOT x.indisprimary AND x.indexprs IS NULL AND x.indpred IS NULL \
ORDER BY 1, 2, 3";

fn postgres(conn: &mut AnyConnection, schema: &str) -> Result<Catalog, DbError> {
    let mut catalog = Catalog {
        postgres: true,
        schema: schema.to_string(),
        ..Catalog::default()
    };
    // The schema's name is bound (never spliced into the text).
    let mut st = Statement::new(Backend::Postgres);
    let (before, after) = PG_COLUMNS.split_once("$1").unwrap_or((PG_COLUMNS, ""));
    st.push(before).bind(Bind::Text(schema.to_string())).push(after);
    for row in load(conn, &st, 7)? {
        let [name, kind, column, ty, not_null, default, generated] = &row[..] else {
            continue;
        };
        let name = text(name);
        if table(&mut catalog, &name).is_none() {
            catalog.tables.push(Table {
                name: name.clone(),
                view: text(kind) == "v",
                ..Table::default()
            });
        }
        if let Some(t) = table(&mut catalog, &name) {
            t.columns.push(Column {
                name: text(column),
                sql_type: text(ty).to_lowercase(),
                not_null: text(not_null) == "t",
                default: matches!(default, DbValue::Text(_)).then(|| text(default)),
                generated: text(generated) == "t",
            });
        }
    }
    let mut st = Statement::new(Backend::Postgres);
    let mut parts = PG_KEYS.split("$1");
    st.push(parts.next().unwrap_or_default());
    for part in parts {
        st.bind(Bind::Text(schema.to_string())).push(part);
    }
    for row in load(conn, &st, 6)? {
        let [name, kind, constraint, columns, target, references] = &row[..] else {
            continue;
        };
        let Some(t) = table(&mut catalog, &text(name)) else {
            continue;
        };
        keys_row(
            t,
            &text(kind),
            text(constraint),
            names(columns),
            text(target),
            names(references),
        );
    }
    Ok(catalog)
}

fn keys_row(
    t: &mut Table,
    kind: &str,
    name: String,
    columns: Vec<String>,
    target: String,
    references: Vec<String>,
) {
    if columns.is_empty() {
        return;
    }
    match kind {
        "p" => t.primary_key = columns,
        "f" => t.foreign_keys.push(ForeignKey {
            name,
            columns,
            table: target,
            references,
        }),
        _ => t.unique.push(Unique { name, columns }),
    }
}

const SQLITE_COLUMNS: &str = "SELECT m.name, m.type, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk \
FROM sqlite_master m JOIN pragma_table_info(m.name) p \
WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
ORDER BY m.name, p.cid";

const SQLITE_FOREIGN_KEYS: &str = "SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\" \
FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table' \
ORDER BY m.name, f.id, f.seq";

const SQLITE_UNIQUE: &str = "SELECT m.name, l.name, i.name \
FROM sqlite_master m JOIN pragma_index_list(m.name) l JOIN pragma_index_info(l.name) i \
WHERE m.type = 'table' AND l.\"unique\" = 1 AND l.origin <> 'pk' AND l.partial = 0 \
ORDER BY m.name, l.name, i.seqno";

fn sqlite(conn: &mut AnyConnection) -> Result<Catalog, DbError> {
    let mut catalog = Catalog::default();
    let mut st = Statement::new(Backend::Sqlite);
    st.push(SQLITE_COLUMNS);
    // Key position of each primary key column (pragma_table_info's pk is 1-based).
    let mut keys: Vec<(String, i64, String)> = Vec::new();
    for row in load(conn, &st, 7)? {
        let [name, kind, column, ty, not_null, default, pk] = &row[..] else {
            continue;
        };
        let name = text(name);
        if table(&mut catalog, &name).is_none() {
            catalog.tables.push(Table {
                name: name.clone(),
                view: text(kind) == "view",
                ..Table::default()
            });
        }
        let position: i64 = text(pk).parse().unwrap_or(0);
        if position > 0 {
            keys.push((name.clone(), position, text(column)));
        }
        if let Some(t) = table(&mut catalog, &name) {
            t.columns.push(Column {
                name: text(column),
                sql_type: text(ty).to_lowercase(),
                not_null: text(not_null) == "1",
                default: matches!(default, DbValue::Text(_)).then(|| text(default)),
                generated: false,
            });
        }
    }
    keys.sort();
    for (name, _, column) in keys {
        if let Some(t) = table(&mut catalog, &name) {
            t.primary_key.push(column);
        }
    }
    for t in &mut catalog.tables {
        // `INTEGER PRIMARY KEY` is the rowid: the database generates it.
        if let [key] = t.primary_key.as_slice()
            && let Some(c) = t.columns.iter_mut().find(|c| c.name == *key)
            && c.sql_type == "integer"
        {
            c.generated = true;
            c.not_null = true;
        }
        // A primary key column is never NULL (SQLite allows it, by an old bug, unless told).
        for c in t.columns.iter_mut().filter(|c| t.primary_key.contains(&c.name)) {
            c.not_null = true;
        }
    }
    let mut st = Statement::new(Backend::Sqlite);
    st.push(SQLITE_FOREIGN_KEYS);
    let mut last: Option<(String, String)> = None;
    for row in load(conn, &st, 5)? {
        let [name, id, target, from, to] = &row[..] else {
            continue;
        };
        let (name, id) = (text(name), text(id));
        let Some(t) = table(&mut catalog, &name) else {
            continue;
        };
        let same = last.as_ref().is_some_and(|(n, i)| *n == name && *i == id);
        if !same {
            t.foreign_keys.push(ForeignKey {
                name: String::new(),
                columns: Vec::new(),
                table: text(target),
                references: Vec::new(),
            });
        }
        if let Some(fk) = t.foreign_keys.last_mut() {
            fk.columns.push(text(from));
            if let DbValue::Text(to) = to {
                fk.references.push(to.clone());
            }
        }
        last = Some((name, id));
    }
    // The foreign keys' names, as PostgreSQL would give them; and the referenced key when the
    // DDL named only the table.
    let primary_keys: Vec<(String, Vec<String>)> = catalog
        .tables
        .iter()
        .map(|t| (t.name.clone(), t.primary_key.clone()))
        .collect();
    for t in &mut catalog.tables {
        for fk in &mut t.foreign_keys {
            fk.name = format!("{}_{}_fkey", t.name, fk.columns.join("_"));
            if fk.references.is_empty()
                && let Some((_, pk)) = primary_keys.iter().find(|(n, _)| *n == fk.table)
            {
                fk.references.clone_from(pk);
            }
        }
    }
    let mut st = Statement::new(Backend::Sqlite);
    st.push(SQLITE_UNIQUE);
    let mut last: Option<(String, String)> = None;
    for row in load(conn, &st, 3)? {
        let [name, index, column] = &row[..] else { continue };
        let (name, index) = (text(name), text(index));
        let Some(t) = table(&mut catalog, &name) else {
            continue;
        };
        let same = last.as_ref().is_some_and(|(n, i)| *n == name && *i == index);
        if !same {
            t.unique.push(Unique {
                name: index.clone(),
                columns: Vec::new(),
            });
        }
        match (column, t.unique.last_mut()) {
            (DbValue::Text(c), Some(u)) => u.columns.push(c.clone()),
            // An expression index: not an identity.
            (_, Some(u)) => u.columns.push(String::new()),
            _ => {}
        }
        last = Some((name, index));
    }
    for t in &mut catalog.tables {
        t.unique.retain(|u| u.columns.iter().all(|c| !c.is_empty()));
    }
    Ok(catalog)
}
