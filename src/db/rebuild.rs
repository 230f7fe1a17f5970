//! Rebuilding a SQLite table with edits (`ddl::Rebuild`), what SQLite's `ALTER TABLE` cannot do:
//! the table's current `CREATE TABLE` text is split into its column definitions and table
//! constraints, edited, created under a new name, the rows copied, the old table dropped and
//! the new one renamed, its indexes made again (SQLite's documented procedure). It runs inside
//! the migration's transaction with foreign keys off (`migrations.rs`), checked before commit.

use super::connection::AnyConnection;
use super::ddl::{Edit, PLACEHOLDER, Rebuild};
use super::sql::{Bind, Statement};
use super::{Backend, DbError, DbValue};
use crate::model::Type;

/// One element of a table's definition: a column (with its name) or a table constraint.
#[derive(Debug, Clone, PartialEq)]
struct Element {
    /// The column's name; None for a table constraint.
    column: Option<String>,
    sql: String,
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn rows(conn: &mut AnyConnection, st: &Statement, types: &[Type]) -> Result<Vec<Vec<DbValue>>, String> {
    match st.load(conn, types) {
        Ok(Ok(rows)) => Ok(rows),
        Ok(Err(e)) => Err(e.to_string()),
        Err(e) => Err(DbError::from_diesel(e).to_string()),
    }
}

fn text(value: &DbValue) -> Option<String> {
    match value {
        DbValue::Text(t) => Some(t.clone()),
        DbValue::Int(i) => Some(i.to_string()),
        _ => None,
    }
}

fn execute(conn: &mut AnyConnection, sql: &str) -> Result<(), String> {
    use diesel::connection::SimpleConnection;
    conn.batch_execute(sql)
        .map_err(|e| DbError::from_diesel(e).to_string())
}

/// Rebuilds the table; an error says what went wrong (the caller names the file and line).
pub(crate) fn run(conn: &mut AnyConnection, rebuild: &Rebuild) -> Result<(), String> {
    let table = &rebuild.table;
    let mut st = Statement::new(Backend::Sqlite);
    st.push("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ")
        .bind(Bind::Text(table.clone()));
    let create = rows(conn, &st, &[Type::String])?
        .first()
        .and_then(|r| r.first())
        .and_then(text)
        .ok_or_else(|| format!("no such table: {table}"))?;
    let mut st = Statement::new(Backend::Sqlite);
    st.push("SELECT name, \"notnull\", dflt_value FROM pragma_table_info(")
        .bind(Bind::Text(table.clone()))
        .push(")");
    let info: Vec<(String, bool, Option<String>)> =
        rows(conn, &st, &[Type::String, Type::Integer, Type::String])?
            .iter()
            .filter_map(|r| {
                Some((
                    text(r.first()?)?,
                    matches!(r.get(1), Some(DbValue::Int(n)) if *n != 0),
                    r.get(2).and_then(text),
                ))
            })
            .collect();
    let mut st = Statement::new(Backend::Sqlite);
    st.push("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = ")
        .bind(Bind::Text(table.clone()));
    let indexes: Vec<String> = rows(conn, &st, &[Type::String])?
        .iter()
        .filter_map(|r| r.first().and_then(text))
        .collect();

    let mut elements = parse(&create).ok_or_else(|| format!("cannot read the definition of {table}"))?;
    let mut removed: Vec<String> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for edit in &rebuild.edits {
        apply(table, &mut elements, edit, &info, &mut removed, &mut keys)?;
    }
    match elements.iter().filter(|e| e.column.is_some()).count() {
        // PostgreSQL keeps a table without columns; SQLite needs one.
        0 => elements.insert(
            0,
            Element {
                column: Some(PLACEHOLDER.to_string()),
                sql: format!("{} INTEGER", quote(PLACEHOLDER)),
            },
        ),
        1 => {}
        _ => elements.retain(|e| e.column.as_deref() != Some(PLACEHOLDER)),
    }
    if !keys.is_empty() {
        elements.retain(|e| e.column.is_some() || !starts_with_word(&e.sql, "PRIMARY"));
        let keys: Vec<String> = keys.iter().map(|k| quote(k)).collect();
        elements.push(Element {
            column: None,
            sql: format!("PRIMARY KEY ({})", keys.join(", ")),
        });
    }
    let copied: Vec<String> = elements
        .iter()
        .filter_map(|e| e.column.clone())
        .filter(|c| info.iter().any(|(name, _, _)| name == c))
        .map(|c| quote(&c))
        .collect();
    let new_name = format!("{table}__helpdesk_rebuild");
    let body: Vec<&str> = elements.iter().map(|e| e.sql.as_str()).collect();
    execute(
        conn,
        &format!("CREATE TABLE {} ({})", quote(&new_name), body.join(", ")),
    )?;
    if !copied.is_empty() {
        let columns = copied.join(", ");
        execute(
            conn,
            &format!(
                "INSERT INTO {} ({columns}) SELECT {columns} FROM {}",
                quote(&new_name),
                quote(table)
            ),
        )?;
    }
    execute(conn, &format!("DROP TABLE {}", quote(table)))?;
    execute(
        conn,
        &format!("ALTER TABLE {} RENAME TO {}", quote(&new_name), quote(table)),
    )?;
    for index in indexes {
        // An index over a removed column goes with it, as on PostgreSQL.
        if removed.iter().any(|c| mentions(&index, c)) {
            continue;
        }
        execute(conn, &index)?;
    }
    Ok(())
}

/// An error naming the first of `columns` the table does not have.
pub(crate) fn require_columns(
    conn: &mut AnyConnection,
    table: &str,
    columns: &[String],
) -> Result<(), String> {
    let mut st = Statement::new(Backend::Sqlite);
    st.push("SELECT name FROM pragma_table_info(")
        .bind(Bind::Text(table.to_string()))
        .push(")");
    let have: Vec<String> = rows(conn, &st, &[Type::String])?
        .iter()
        .filter_map(|r| r.first().and_then(text))
        .collect();
    if have.is_empty() {
        return Err(format!("no such table: {table}"));
    }
    match columns.iter().find(|c| !have.contains(c)) {
        Some(missing) => Err(format!("no such column: {missing}")),
        None => Ok(()),
    }
}

fn apply(
    table: &str,
    elements: &mut Vec<Element>,
    edit: &Edit,
    info: &[(String, bool, Option<String>)],
    removed: &mut Vec<String>,
    keys: &mut Vec<String>,
) -> Result<(), String> {
    match edit {
        Edit::Add {
            name,
            definition,
            primary_key,
        } => {
            elements.retain(|e| e.column.as_deref() != Some(name.as_str()));
            let at = elements
                .iter()
                .position(|e| e.column.is_none())
                .unwrap_or(elements.len());
            elements.insert(
                at,
                Element {
                    column: Some(name.clone()),
                    sql: definition.clone(),
                },
            );
            if *primary_key {
                keys.push(name.clone());
            }
        }
        Edit::Modify {
            name,
            ty,
            null,
            default,
            reference,
            primary_key,
        } => {
            let element = elements
                .iter_mut()
                .find(|e| e.column.as_deref() == Some(name.as_str()))
                .ok_or_else(|| format!("no such column: {name}"))?;
            let (_, old_not_null, old_default) = info
                .iter()
                .find(|(n, _, _)| n == name)
                .cloned()
                .unwrap_or((name.clone(), false, None));
            let upper = element.sql.to_ascii_uppercase();
            let mut sql = format!("{} {ty}", quote(name));
            let default = match default {
                Some(new) => new.clone(),
                None => old_default,
            };
            if let Some(default) = default {
                sql.push_str(&format!(" DEFAULT {default}"));
            }
            if null.map_or(old_not_null, |null| !null) {
                sql.push_str(" NOT NULL");
            }
            if upper.contains("PRIMARY KEY") && !*primary_key {
                sql.push_str(" PRIMARY KEY");
            }
            let kept_reference = upper.find("REFERENCES").map(|at| {
                let start = upper[..at].rfind("CONSTRAINT").unwrap_or(at);
                element.sql[start..].to_string()
            });
            if let Some(reference) = reference.clone().or(kept_reference) {
                sql.push(' ');
                sql.push_str(&reference);
            }
            element.sql = sql;
            if *primary_key {
                keys.push(name.clone());
            }
        }
        Edit::Remove { name, if_exists } => {
            let before = elements.len();
            elements.retain(|e| e.column.as_deref() != Some(name.as_str()));
            if elements.len() == before && !*if_exists {
                return Err(format!("no such column: {name}"));
            }
            // A key or constraint over the column goes with it, as on PostgreSQL.
            elements.retain(|e| e.column.is_some() || !mentions(&e.sql, name));
            removed.push(name.clone());
        }
        Edit::AddConstraint { clause, .. } => elements.push(Element {
            column: None,
            sql: clause.clone(),
        }),
        Edit::DropConstraint { name, if_exists } => {
            let mut found = false;
            elements.retain(|e| {
                let named = e.column.is_none() && constraint_named(&e.sql, name).is_some();
                found |= named;
                !named
            });
            for element in elements.iter_mut().filter(|e| e.column.is_some()) {
                if let Some(at) = constraint_named(&element.sql, name) {
                    element.sql = element.sql[..at].trim_end().to_string();
                    found = true;
                }
            }
            // PostgreSQL names a table's primary key `<table>_pkey`, and ash_postgres drops it
            // by that name before changing the key; SQLite's key has no name.
            if !found && *name == format!("{table}_pkey") {
                found = drop_primary_key(elements);
            }
            if !found && !*if_exists {
                return Err(format!("constraint {name} does not exist"));
            }
        }
    }
    Ok(())
}

/// Removes the table's primary key, a table constraint or a column's `PRIMARY KEY` (with its
/// `AUTOINCREMENT`); false when it has none.
fn drop_primary_key(elements: &mut Vec<Element>) -> bool {
    let before = elements.len();
    elements.retain(|e| e.column.is_some() || !starts_with_word(&e.sql, "PRIMARY"));
    let mut found = elements.len() < before;
    for element in elements.iter_mut().filter(|e| e.column.is_some()) {
        let upper = element.sql.to_ascii_uppercase();
        if let Some(at) = upper.find(" PRIMARY KEY") {
            let mut end = at + " PRIMARY KEY".len();
            if upper[end..].starts_with(" AUTOINCREMENT") {
                end += " AUTOINCREMENT".len();
            }
            element.sql = format!("{}{}", &element.sql[..at], &element.sql[end..]);
            found = true;
        }
    }
    found
}

/// Where `CONSTRAINT <name>` starts in a definition (the name quoted or not).
fn constraint_named(sql: &str, name: &str) -> Option<usize> {
    let upper = sql.to_ascii_uppercase();
    let mut from = 0;
    while let Some(found) = upper[from..].find("CONSTRAINT") {
        let at = from + found;
        let rest = sql[at + "CONSTRAINT".len()..].trim_start();
        let (word, _) = identifier(rest);
        if word == name {
            return Some(at);
        }
        from = at + "CONSTRAINT".len();
    }
    None
}

/// Whether a definition names the column (quoted or as a word).
fn mentions(sql: &str, column: &str) -> bool {
    if sql.contains(&quote(column)) {
        return true;
    }
    sql.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .any(|word| word == column)
}

fn starts_with_word(sql: &str, word: &str) -> bool {
    sql.trim_start()
        .get(..word.len())
        .is_some_and(|w| w.eq_ignore_ascii_case(word))
}

/// The first identifier of a text (`"a ""b"""`, `` `a` ``, `[a]` or a bare word) and the rest.
fn identifier(text: &str) -> (String, &str) {
    let mut chars = text.char_indices();
    match chars.next() {
        Some((_, quote @ ('"' | '`'))) => {
            let mut name = String::new();
            let mut rest = text.char_indices().skip(1).peekable();
            while let Some((i, c)) = rest.next() {
                if c == quote {
                    if rest.peek().is_some_and(|(_, n)| *n == quote) {
                        name.push(c);
                        rest.next();
                        continue;
                    }
                    return (name, &text[i + 1..]);
                }
                name.push(c);
            }
            (name, "")
        }
        Some((_, '[')) => match text.find(']') {
            Some(end) => (text[1..end].to_string(), &text[end + 1..]),
            None => (text.to_string(), ""),
        },
        _ => {
            let end = text
                .find(|c: char| c.is_whitespace() || c == '(' || c == ',')
                .unwrap_or(text.len());
            (text[..end].to_string(), &text[end..])
        }
    }
}

/// The elements of a `CREATE TABLE name (...)` text, split at top-level commas.
fn parse(create: &str) -> Option<Vec<Element>> {
    let open = create.find('(')?;
    let close = create.rfind(')')?;
    let body = create.get(open + 1..close)?;
    let mut parts = Vec::new();
    let (mut depth, mut quote_char, mut start) = (0usize, None::<char>, 0usize);
    for (i, c) in body.char_indices() {
        match (quote_char, c) {
            (Some(q), c) if c == q => quote_char = None,
            (Some(_), _) => {}
            (None, '\'' | '"' | '`') => quote_char = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => depth = depth.saturating_sub(1),
            (None, ',') if depth == 0 => {
                parts.push(body[start..i].trim().to_string());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(body[start..].trim().to_string());
    Some(
        parts
            .into_iter()
            .filter(|p| !p.is_empty())
            .map(|sql| {
                let constraint = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"]
                    .iter()
                    .any(|w| {
                        starts_with_word(&sql, w)
                            && sql.trim_start()[w.len()..].starts_with([' ', '(', '\n', '\t'])
                    });
                let column = (!constraint).then(|| identifier(sql.trim_start()).0);
                Element { column, sql }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Database;

    /// A column made NOT NULL with a new reference, an indexed column removed, a constraint
    /// added: the rows stay, the other table's key to it still holds, the index on a kept
    /// column is made again.
    #[test]
    fn a_rebuilt_table_keeps_its_rows_and_references() {
        let mut db = Database::connect(":memory:").expect("memory");
        db.batch_execute(
            r#"CREATE TABLE "u" ("id" TEXT NOT NULL, PRIMARY KEY ("id"));
               CREATE TABLE "t" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "u_id" TEXT, "old" TEXT, "n" INTEGER DEFAULT 3);
               CREATE TABLE "c" ("t_id" INTEGER CONSTRAINT "c_t_id_fkey" REFERENCES "t"("id"));
               CREATE INDEX "t_old_index" ON "t" ("old");
               CREATE INDEX "t_n_index" ON "t" ("n");
               INSERT INTO u VALUES ('a');
               INSERT INTO t (u_id, old) VALUES ('a', 'x');
               INSERT INTO c VALUES (1);"#,
        )
        .expect("schema");
        let rebuild = Rebuild {
            table: "t".into(),
            edits: vec![
                Edit::Modify {
                    name: "u_id".into(),
                    ty: "TEXT".into(),
                    null: Some(false),
                    default: None,
                    reference: Some(r#"CONSTRAINT "t_u_id_fkey" REFERENCES "u"("id")"#.into()),
                    primary_key: false,
                },
                Edit::Remove {
                    name: "old".into(),
                    if_exists: false,
                },
                Edit::AddConstraint {
                    name: "n_positive".into(),
                    clause: r#"CONSTRAINT "n_positive" CHECK (n > 0)"#.into(),
                },
            ],
        };
        db.batch_execute("PRAGMA foreign_keys = OFF; BEGIN")
            .expect("begin");
        run(&mut db.conn, &rebuild).expect("rebuilt");
        db.batch_execute("COMMIT; PRAGMA foreign_keys = ON")
            .expect("commit");
        let catalog = db.introspect("").expect("catalog");
        let t = catalog.tables.iter().find(|t| t.name == "t").expect("t");
        let columns: Vec<(&str, bool)> = t.columns.iter().map(|c| (c.name.as_str(), c.not_null)).collect();
        assert_eq!(columns, [("id", true), ("u_id", true), ("n", false)]);
        assert_eq!(t.foreign_keys.len(), 1);
        let st = {
            let mut st = Statement::new(Backend::Sqlite);
            st.push("SELECT (SELECT count(*) FROM t) || ',' || (SELECT group_concat(name) FROM sqlite_master WHERE type = 'index' AND tbl_name = 't') || ',' || (SELECT count(*) FROM pragma_foreign_key_check)");
            st
        };
        let got = rows(&mut db.conn, &st, &[Type::String]).expect("rows");
        assert_eq!(got, [[DbValue::Text("1,t_n_index,0".into())]]);
        // The constraint holds.
        assert!(
            db.batch_execute("INSERT INTO t (u_id, n) VALUES ('a', -1)")
                .is_err()
        );
    }

    /// `drop constraint("t", "t_pkey")`, which ash_postgres writes before it changes a key
    /// (bahalperin/phoenix-ash-chat's `add_id_to_channel_member`): SQLite's key has no name,
    /// so `<table>_pkey` is the primary key in whatever form the table has it.
    #[test]
    fn the_pkey_constraint_is_the_primary_key() {
        // (definition, constraint dropped, definition after, or the error)
        let cases: &[(&str, &str, Result<&str, &str>)] = &[
            (
                r#"CREATE TABLE "m" ("user_id" TEXT NOT NULL, "channel_id" TEXT NOT NULL, PRIMARY KEY ("user_id", "channel_id"))"#,
                "m_pkey",
                Ok(r#""user_id" TEXT NOT NULL, "channel_id" TEXT NOT NULL"#),
            ),
            (
                r#"CREATE TABLE "m" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "n" TEXT)"#,
                "m_pkey",
                Ok(r#""id" INTEGER, "n" TEXT"#),
            ),
            (
                r#"CREATE TABLE "m" ("id" TEXT NOT NULL PRIMARY KEY, "n" TEXT)"#,
                "m_pkey",
                Ok(r#""id" TEXT NOT NULL, "n" TEXT"#),
            ),
            // Names whose upper case is longer in bytes (`ß` → `SS`, `ﬀ` → `FF`): offsets
            // into the definition must not move.
            (
                r#"CREATE TABLE "m" ("straße_ﬀ" TEXT NOT NULL PRIMARY KEY, "n" TEXT)"#,
                "m_pkey",
                Ok(r#""straße_ﬀ" TEXT NOT NULL, "n" TEXT"#),
            ),
            (
                r#"CREATE TABLE "m" ("id" TEXT NOT NULL, "n" TEXT)"#,
                "m_pkey",
                Err("constraint m_pkey does not exist"),
            ),
            (
                r#"CREATE TABLE "m" ("id" TEXT NOT NULL, PRIMARY KEY ("id"))"#,
                "other_pkey",
                Err("constraint other_pkey does not exist"),
            ),
        ];
        for (create, name, expected) in cases {
            let mut elements = parse(create).expect("parsed");
            let edit = Edit::DropConstraint {
                name: (*name).to_string(),
                if_exists: false,
            };
            let got = apply("m", &mut elements, &edit, &[], &mut Vec::new(), &mut Vec::new()).map(|()| {
                elements
                    .iter()
                    .map(|e| e.sql.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            let got: Result<&str, &str> = got.as_deref().map_err(String::as_str);
            assert_eq!(got, *expected, "{create}");
        }
    }

    #[test]
    fn definitions_split_into_columns_and_constraints() {
        let elements = parse(
            r#"CREATE TABLE "t" ("id" TEXT NOT NULL, name TEXT DEFAULT 'a, b', "x" TEXT CONSTRAINT "t_x_fkey" REFERENCES "u"("id"), PRIMARY KEY ("id"), CONSTRAINT "c" CHECK (length(name) > 0))"#,
        )
        .expect("parsed");
        let columns: Vec<Option<&str>> = elements.iter().map(|e| e.column.as_deref()).collect();
        assert_eq!(columns, [Some("id"), Some("name"), Some("x"), None, None]);
        assert_eq!(constraint_named(&elements[2].sql, "t_x_fkey"), Some(9));
        assert_eq!(constraint_named(&elements[4].sql, "c"), Some(0));
        assert!(mentions(&elements[3].sql, "id") && !mentions(&elements[3].sql, "name"));
    }
}
