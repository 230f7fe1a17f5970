//! Ecto migration commands (`migration::ops`) as SQL statements per backend: on PostgreSQL
//! the statements Ecto's Postgres adapter sends, on SQLite their translation to this shell's
//! SQLite storage (uuids, calendar values, decimals as text; maps and arrays as JSON text;
//! ci_strings as `TEXT COLLATE NOCASE`). It runs nothing.
//!
//! All of a run's migrations share one transaction, so `concurrently: true` builds the index
//! plainly (PostgreSQL cannot build one concurrently inside a transaction). On SQLite, what
//! `ALTER TABLE` cannot do there (`modify`, `remove`, constraints, a key or a `NOT NULL`
//! column without a default added to a table) is planned as a table rebuild (`Planned::Rebuild`,
//! run by `db::rebuild` against the table's current definition).

use crate::migration::ops::{
    Change, Column, ColumnType, Constraint, Default, Index, IndexColumn, Op, OpKind, RefAction, Reference,
    Table,
};

use super::Backend;

/// The statements of one command, in order; an error says why it cannot run on this backend,
/// with the line of the command (or of its column) it comes from.
#[cfg(test)]
pub(crate) fn statements(op: &Op, backend: Backend) -> Result<Vec<String>, (usize, String)> {
    Ok(plan(op, backend)?
        .into_iter()
        .map(|step| match step {
            Planned::Sql(sql) => sql,
            Planned::Rebuild(rebuild) => format!("-- rebuild {}: {:?}", rebuild.table, rebuild.edits),
            Planned::RequireColumns { table, columns } => format!("-- require {table}: {columns:?}"),
        })
        .filter(|text| !text.starts_with("-- require"))
        .collect())
}

/// The steps of one command: SQL statements, and on SQLite table rebuilds (what `ALTER TABLE`
/// cannot do there), which need the table's current definition (`db::rebuild`).
pub(crate) fn plan(op: &Op, backend: Backend) -> Result<Vec<Planned>, (usize, String)> {
    let ddl = Ddl { backend };
    let fix = |(line, message): Failed| (if line == 0 { op.line } else { line }, message);
    if backend == Backend::Sqlite
        && let Some(rebuild) = ddl.sqlite_rebuild(&op.kind).map_err(fix)?
    {
        return Ok(vec![Planned::Rebuild(rebuild)]);
    }
    let mut steps = Vec::new();
    // SQLite takes a quoted name that is no column for a string, so an index over a missing
    // column would index a constant: refused first, as PostgreSQL refuses it.
    if backend == Backend::Sqlite
        && let OpKind::CreateIndex { index, .. } = &op.kind
    {
        let columns: Vec<String> = index
            .columns
            .iter()
            .filter_map(|c| match c {
                IndexColumn::Name(name) => Some(name.clone()),
                IndexColumn::Expression(_) => None,
            })
            .collect();
        steps.push(Planned::RequireColumns {
            table: index.table.clone(),
            columns,
        });
    }
    steps.extend(ddl.op(&op.kind).map_err(fix)?.into_iter().map(Planned::Sql));
    Ok(steps)
}

/// One step of a planned migration.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Planned {
    Sql(String),
    Rebuild(Rebuild),
    /// SQLite: the table has these columns (else `no such column`).
    RequireColumns {
        table: String,
        columns: Vec<String>,
    },
}

/// A SQLite table rebuilt with edits: created anew with the edited definition, rows copied,
/// the old table dropped, the new one renamed, its indexes made again.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rebuild {
    pub(crate) table: String,
    pub(crate) edits: Vec<Edit>,
}

/// One edit of a rebuilt table's definition.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Edit {
    /// A new column (`definition` is its whole SQL).
    Add {
        name: String,
        definition: String,
        primary_key: bool,
    },
    /// A changed column: its new type; `null`, `default` (`Some(None)`: no default) and
    /// `reference` (the `CONSTRAINT ... REFERENCES ...` clause) only when the migration says.
    Modify {
        name: String,
        ty: String,
        null: Option<bool>,
        default: Option<Option<String>>,
        reference: Option<String>,
        primary_key: bool,
    },
    Remove {
        name: String,
        if_exists: bool,
    },
    AddConstraint {
        name: String,
        clause: String,
    },
    DropConstraint {
        name: String,
        if_exists: bool,
    },
}

/// The column of a SQLite table created without columns, until it gets some.
pub(crate) const PLACEHOLDER: &str = "__helpdesk_placeholder";

/// An error at a line (0: the command's own).
type Failed = (usize, String);

struct Ddl {
    backend: Backend,
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

impl Ddl {
    fn pg(&self) -> bool {
        self.backend == Backend::Postgres
    }

    fn op(&self, op: &OpKind) -> Result<Vec<String>, Failed> {
        Ok(match op {
            OpKind::CreateTable {
                table,
                if_not_exists,
                columns,
            } => vec![self.create_table(table, *if_not_exists, columns)?],
            OpKind::AlterTable { table, changes } => self.alter_table(table, changes)?,
            OpKind::DropTable {
                table,
                if_exists,
                cascade,
            } => vec![format!(
                "DROP TABLE {}{}{}",
                if *if_exists { "IF EXISTS " } else { "" },
                self.table(table),
                // SQLite has no CASCADE: what references the table is checked at commit.
                if *cascade && self.pg() { " CASCADE" } else { "" }
            )],
            OpKind::CreateIndex { index, if_not_exists } => vec![self.create_index(index, *if_not_exists)],
            OpKind::DropIndex { index, if_exists } => vec![format!(
                "DROP INDEX {}{}",
                if *if_exists { "IF EXISTS " } else { "" },
                self.qualified(index.prefix.as_deref(), &index.name)
            )],
            OpKind::CreateConstraint(constraint) => {
                vec![self.create_constraint(constraint)]
            }
            OpKind::DropConstraint {
                constraint,
                if_exists,
            } => {
                vec![format!(
                    "ALTER TABLE {} DROP CONSTRAINT {}{}",
                    self.qualified(constraint.prefix.as_deref(), &constraint.table),
                    if *if_exists { "IF EXISTS " } else { "" },
                    quote(&constraint.name)
                )]
            }
            OpKind::RenameTable { from, to } => vec![format!(
                "ALTER TABLE {} RENAME TO {}",
                self.table(from),
                quote(&to.name)
            )],
            OpKind::RenameColumn { table, from, to } => vec![format!(
                "ALTER TABLE {} RENAME COLUMN {} TO {}",
                self.table(table),
                quote(from),
                quote(to)
            )],
            OpKind::Execute { sql, .. } => {
                if !self.pg() && postgres_only(sql) {
                    // Extensions are PostgreSQL's; SQLite has what they add built in or not at all.
                    Vec::new()
                } else {
                    vec![sql.clone()]
                }
            }
            OpKind::Raise { message } => return Err((0, format!("the migration raises: {message}"))),
        })
    }

    /// `"prefix"."name"` on PostgreSQL, `"name"` on SQLite (which has no schemas).
    fn qualified(&self, prefix: Option<&str>, name: &str) -> String {
        match prefix {
            Some(prefix) if self.pg() => format!("{}.{}", quote(prefix), quote(name)),
            _ => quote(name),
        }
    }

    fn table(&self, table: &Table) -> String {
        self.qualified(table.prefix.as_deref(), &table.name)
    }

    fn create_table(&self, table: &Table, if_not_exists: bool, columns: &[Column]) -> Result<String, Failed> {
        let mut all = Vec::new();
        if table.primary_key {
            let mut id = Column::new("id", ColumnType::Named("bigserial".into()));
            id.primary_key = true;
            all.push(id);
        }
        all.extend(columns.iter().cloned());
        let keys: Vec<&Column> = all.iter().filter(|c| c.primary_key).collect();
        // SQLite: a lone integer key is the rowid, numbered by the database.
        let rowid = !self.pg()
            && keys.len() == 1
            && matches!(&keys[0].ty, ColumnType::Named(t) if matches!(t.as_str(), "bigserial" | "serial" | "id" | "identity"));
        let mut parts = Vec::new();
        for column in &all {
            if rowid && column.primary_key {
                parts.push(format!(
                    "{} INTEGER PRIMARY KEY AUTOINCREMENT",
                    quote(&column.name)
                ));
            } else {
                parts.push(self.column_definition(&table.name, table.prefix.as_deref(), column)?);
            }
        }
        if parts.is_empty() && !self.pg() {
            // SQLite has no table without columns (ash_postgres creates one empty, then alters
            // it): a placeholder the next rebuild of the table removes.
            parts.push(format!("{} INTEGER", quote(PLACEHOLDER)));
        }
        if !keys.is_empty() && !rowid {
            let names: Vec<String> = keys.iter().map(|c| quote(&c.name)).collect();
            parts.push(format!("PRIMARY KEY ({})", names.join(", ")));
        }
        let mut sql = format!(
            "CREATE TABLE {}{} ({})",
            if if_not_exists { "IF NOT EXISTS " } else { "" },
            self.table(table),
            parts.join(", ")
        );
        if let Some(options) = &table.options
            && self.pg()
        {
            sql.push(' ');
            sql.push_str(options);
        }
        Ok(sql)
    }

    /// `"name" type [DEFAULT x] [NOT NULL] [CONSTRAINT "fk" REFERENCES ...]`.
    fn column_definition(
        &self,
        table: &str,
        prefix: Option<&str>,
        column: &Column,
    ) -> Result<String, Failed> {
        let mut sql = format!("{} {}", quote(&column.name), self.column_type(&column.ty, column));
        if let Some(generated) = &column.generated {
            if !self.pg() {
                let what = format!(
                    "generated column `{}`: `generated:` is PostgreSQL SQL",
                    column.name
                );
                return Err((column.line, what));
            }
            sql.push_str(" GENERATED ");
            sql.push_str(generated);
        }
        if let Some(default) = &column.default
            && let Some(text) = self.default(default, column)
        {
            sql.push_str(" DEFAULT ");
            sql.push_str(&text);
        }
        // A key column cannot be null: PostgreSQL says so by itself, SQLite must be told.
        let null = if column.primary_key && !self.pg() {
            Some(false)
        } else {
            column.null
        };
        match null {
            Some(false) => sql.push_str(" NOT NULL"),
            Some(true) => sql.push_str(" NULL"),
            None => {}
        }
        if let ColumnType::References(reference) = &column.ty {
            sql.push(' ');
            sql.push_str(&self.reference(table, prefix, &column.name, reference));
        }
        Ok(sql)
    }

    /// `CONSTRAINT "t_c_fkey" REFERENCES "dest"("id") ON DELETE ...`.
    fn reference(&self, table: &str, prefix: Option<&str>, column: &str, reference: &Reference) -> String {
        let name = reference
            .name
            .clone()
            .unwrap_or_else(|| format!("{table}_{column}_fkey"));
        let mut sql = format!(
            "CONSTRAINT {} REFERENCES {}({})",
            quote(&name),
            self.qualified(reference.prefix.as_deref().or(prefix), &reference.table),
            quote(&reference.column)
        );
        for (clause, action) in [
            ("ON DELETE", reference.on_delete),
            ("ON UPDATE", reference.on_update),
        ] {
            let text = match action {
                RefAction::Nothing => continue,
                RefAction::Restrict => "RESTRICT",
                RefAction::Cascade => "CASCADE",
                RefAction::SetNull => "SET NULL",
            };
            sql.push_str(&format!(" {clause} {text}"));
        }
        sql
    }

    fn column_type(&self, ty: &ColumnType, column: &Column) -> String {
        match ty {
            ColumnType::Named(name) => {
                if self.pg() {
                    pg_type(name, column)
                } else {
                    sqlite_type(name).to_string()
                }
            }
            ColumnType::Array(item) => {
                if self.pg() {
                    format!("{}[]", self.column_type(item, &Column::new("", (**item).clone())))
                } else {
                    "TEXT".to_string()
                }
            }
            ColumnType::References(reference) => {
                let key = match &*reference.ty {
                    ColumnType::Named(n) if n == "bigserial" || n == "identity" => {
                        ColumnType::Named("bigint".into())
                    }
                    ColumnType::Named(n) if n == "serial" => ColumnType::Named("integer".into()),
                    other => other.clone(),
                };
                let mut key_column = column.clone();
                key_column.ty = key.clone();
                self.column_type(&key, &key_column)
            }
        }
    }

    /// A default as SQL; None when SQLite leaves it to the application (ids, `now()`).
    fn default(&self, default: &Default, column: &Column) -> Option<String> {
        Some(match default {
            Default::Null => "NULL".into(),
            Default::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
            Default::Int(i) => i.to_string(),
            Default::Float(f) => format!("{f:?}"),
            Default::Str(s) => literal(s),
            Default::Fragment(sql) => {
                if self.pg() {
                    sql.clone()
                } else {
                    return sqlite_fragment(sql, &column.ty);
                }
            }
            Default::List(items) => {
                if self.pg() {
                    if items.is_empty() {
                        "'{}'".into()
                    } else {
                        let items: Vec<String> =
                            items.iter().filter_map(|i| self.default(i, column)).collect();
                        format!("ARRAY[{}]", items.join(", "))
                    }
                } else {
                    literal(&json_list(items))
                }
            }
            Default::Json(json) => literal(json),
        })
    }

    /// On SQLite, the commands `ALTER TABLE` cannot do there, as a rebuild: an `alter table`
    /// with a `modify`, a `remove` (SQLite cannot drop a key, indexed or referencing column) or
    /// an `add` SQLite refuses; `create constraint`; `drop constraint`. None: plain SQL will do.
    fn sqlite_rebuild(&self, op: &OpKind) -> Result<Option<Rebuild>, Failed> {
        let (table, edits) = match op {
            OpKind::AlterTable { table, changes } => {
                let plain = changes.iter().all(|change| match change {
                    Change::Add { column, .. } => sqlite_can_add(column),
                    Change::Modify { .. } | Change::Remove { .. } => false,
                });
                if plain {
                    return Ok(None);
                }
                let mut edits = Vec::new();
                for change in changes {
                    edits.push(match change {
                        Change::Add { column, .. } => Edit::Add {
                            name: column.name.clone(),
                            definition: self.column_definition(&table.name, None, column)?,
                            primary_key: column.primary_key,
                        },
                        Change::Modify { column, .. } => Edit::Modify {
                            name: column.name.clone(),
                            ty: self.column_type(&column.ty, column),
                            null: if column.primary_key {
                                Some(false)
                            } else {
                                column.null
                            },
                            default: column.default.as_ref().map(|d| self.default(d, column)),
                            reference: match &column.ty {
                                ColumnType::References(reference) => {
                                    Some(self.reference(&table.name, None, &column.name, reference))
                                }
                                _ => None,
                            },
                            primary_key: column.primary_key,
                        },
                        Change::Remove { name, if_exists, .. } => Edit::Remove {
                            name: name.clone(),
                            if_exists: *if_exists,
                        },
                    });
                }
                (table.name.clone(), edits)
            }
            OpKind::CreateConstraint(constraint) => {
                let clause = self.create_constraint(constraint);
                let clause = clause
                    .split_once(" ADD ")
                    .map_or(clause.clone(), |(_, c)| c.to_string());
                (
                    constraint.table.clone(),
                    vec![Edit::AddConstraint {
                        name: constraint.name.clone(),
                        clause,
                    }],
                )
            }
            OpKind::DropConstraint {
                constraint,
                if_exists,
            } => (
                constraint.table.clone(),
                vec![Edit::DropConstraint {
                    name: constraint.name.clone(),
                    if_exists: *if_exists,
                }],
            ),
            _ => return Ok(None),
        };
        Ok(Some(Rebuild { table, edits }))
    }

    fn alter_table(&self, table: &Table, changes: &[Change]) -> Result<Vec<String>, Failed> {
        let name = self.table(table);
        let mut parts = Vec::new();
        // Ecto adds one primary key of every added or modified `primary_key: true` column.
        let mut keys = Vec::new();
        for change in changes {
            match change {
                Change::Add {
                    column,
                    if_not_exists,
                } => {
                    parts.push(format!(
                        "ADD COLUMN {}{}",
                        if *if_not_exists && self.pg() {
                            "IF NOT EXISTS "
                        } else {
                            ""
                        },
                        self.column_definition(&table.name, table.prefix.as_deref(), column)?
                    ));
                    if column.primary_key {
                        keys.push(quote(&column.name));
                    }
                }
                Change::Modify { column, from } => {
                    if let Some(Column {
                        ty: ColumnType::References(old),
                        name,
                        ..
                    }) = from.as_deref()
                    {
                        let old_name = old
                            .name
                            .clone()
                            .unwrap_or_else(|| format!("{}_{name}_fkey", table.name));
                        parts.push(format!("DROP CONSTRAINT {}", quote(&old_name)));
                    }
                    let column_name = quote(&column.name);
                    parts.push(format!(
                        "ALTER COLUMN {column_name} TYPE {}",
                        self.column_type(&column.ty, column)
                    ));
                    if let ColumnType::References(reference) = &column.ty {
                        let constraint =
                            self.reference(&table.name, table.prefix.as_deref(), &column.name, reference);
                        let (named, rest) = constraint
                            .split_once(" REFERENCES ")
                            .unwrap_or((constraint.as_str(), ""));
                        parts.push(format!(
                            "ADD {named} FOREIGN KEY ({column_name}) REFERENCES {rest}"
                        ));
                    }
                    match column.null {
                        Some(false) => parts.push(format!("ALTER COLUMN {column_name} SET NOT NULL")),
                        Some(true) => parts.push(format!("ALTER COLUMN {column_name} DROP NOT NULL")),
                        None => {}
                    }
                    if let Some(default) = &column.default
                        && let Some(text) = self.default(default, column)
                    {
                        parts.push(format!("ALTER COLUMN {column_name} SET DEFAULT {text}"));
                    }
                    if column.primary_key {
                        keys.push(column_name);
                    }
                }
                Change::Remove {
                    name: column,
                    if_exists,
                    ..
                } => parts.push(format!(
                    "DROP COLUMN {}{}",
                    if *if_exists && self.pg() { "IF EXISTS " } else { "" },
                    quote(column)
                )),
            }
        }
        if !keys.is_empty() {
            parts.push(format!("ADD PRIMARY KEY ({})", keys.join(", ")));
        }
        if parts.is_empty() {
            return Ok(Vec::new());
        }
        if self.pg() {
            Ok(vec![format!("ALTER TABLE {name} {}", parts.join(", "))])
        } else {
            // SQLite alters one column per statement.
            Ok(parts
                .into_iter()
                .map(|part| format!("ALTER TABLE {name} {part}"))
                .collect())
        }
    }

    fn create_index(&self, index: &Index, if_not_exists: bool) -> String {
        let columns: Vec<String> = index
            .columns
            .iter()
            .map(|c| match c {
                IndexColumn::Name(name) => quote(name),
                IndexColumn::Expression(sql) => sql.clone(),
            })
            .collect();
        let mut sql = format!(
            "CREATE {}INDEX {}{} ON {} ",
            if index.unique { "UNIQUE " } else { "" },
            if if_not_exists { "IF NOT EXISTS " } else { "" },
            quote(&index.name),
            self.qualified(index.prefix.as_deref(), &index.table)
        );
        if let Some(using) = &index.using
            && self.pg()
        {
            sql.push_str(&format!("USING {using} "));
        }
        sql.push_str(&format!("({})", columns.join(", ")));
        if !index.include.is_empty() && self.pg() {
            let include: Vec<String> = index.include.iter().map(|c| quote(c)).collect();
            sql.push_str(&format!(" INCLUDE ({})", include.join(", ")));
        }
        if let Some(condition) = &index.where_clause {
            sql.push_str(&format!(" WHERE {condition}"));
        }
        sql
    }

    fn create_constraint(&self, constraint: &Constraint) -> String {
        let body = match (&constraint.check, &constraint.exclude) {
            (Some(check), _) => format!("CHECK ({check})"),
            (None, Some(exclude)) => format!("EXCLUDE {exclude}"),
            (None, None) => "CHECK (TRUE)".to_string(),
        };
        format!(
            "ALTER TABLE {} ADD CONSTRAINT {} {body}",
            self.qualified(constraint.prefix.as_deref(), &constraint.table),
            quote(&constraint.name)
        )
    }
}

/// Ecto's PostgreSQL column types.
fn pg_type(name: &str, column: &Column) -> String {
    let sized = |base: &str| match (column.size, column.precision) {
        (Some(size), _) => format!("{base}({size})"),
        (None, Some(precision)) => format!("{base}({precision},{})", column.scale.unwrap_or(0)),
        (None, None) => base.to_string(),
    };
    match name {
        "id" => "integer".into(),
        "binary_id" => "uuid".into(),
        "string" => format!("varchar({})", column.size.unwrap_or(255)),
        "binary" => "bytea".into(),
        "map" => "jsonb".into(),
        "identity" => "bigint GENERATED BY DEFAULT AS IDENTITY".into(),
        "utc_datetime" | "naive_datetime" => "timestamp(0)".into(),
        "time" => "time(0)".into(),
        "utc_datetime_usec" | "naive_datetime_usec" => match column.precision {
            Some(p) => format!("timestamp({p})"),
            None => "timestamp".into(),
        },
        "time_usec" => "time".into(),
        "duration" => "interval".into(),
        "decimal" => sized("decimal"),
        other => sized(other),
    }
}

/// The SQLite column of an Ecto type, as this shell stores the Ash type it holds.
fn sqlite_type(name: &str) -> &'static str {
    match name {
        "id" | "integer" | "bigint" | "smallint" | "serial" | "bigserial" | "identity" => "INTEGER",
        "boolean" => "BOOLEAN",
        "float" | "real" | "double precision" => "REAL",
        "binary" | "bytea" => "BLOB",
        "citext" => "TEXT COLLATE NOCASE",
        // uuids, strings, calendar values, decimals, maps and anything else: text.
        _ => "TEXT",
    }
}

/// What SQLite can do with a PostgreSQL default expression: the current time in this shell's
/// storage text; ids are generated by the application (None).
fn sqlite_fragment(sql: &str, ty: &ColumnType) -> Option<String> {
    let normalized: String = sql
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    match normalized.as_str() {
        "uuid_generate_v4()" | "gen_random_uuid()" => None,
        "now()" | "current_timestamp" | "(now()attimezone'utc')" | "timezone('utc',now())" => {
            let usec = matches!(ty, ColumnType::Named(n) if n.ends_with("_usec"));
            Some(if usec {
                "(strftime('%Y-%m-%d %H:%M:%f000', 'now'))".into()
            } else {
                "(datetime('now'))".into()
            })
        }
        _ => Some(format!("({sql})")),
    }
}

fn json_list(items: &[Default]) -> String {
    let values: Vec<serde_json::Value> = items
        .iter()
        .map(|item| match item {
            Default::Null => serde_json::Value::Null,
            Default::Bool(b) => serde_json::Value::Bool(*b),
            Default::Int(i) => serde_json::Value::from(*i),
            Default::Float(f) => serde_json::Value::from(*f),
            Default::Str(s) => serde_json::Value::String(s.clone()),
            Default::Json(j) => serde_json::from_str(j).unwrap_or(serde_json::Value::Null),
            Default::List(l) => serde_json::from_str(&json_list(l)).unwrap_or(serde_json::Value::Null),
            Default::Fragment(_) => serde_json::Value::Null,
        })
        .collect();
    serde_json::Value::Array(values).to_string()
}

/// Statements ash_postgres writes that only PostgreSQL has and that change nothing the shell
/// stores on SQLite: `CREATE/DROP EXTENSION ...`, `ALTER TABLE t alter CONSTRAINT c
/// [NOT] DEFERRABLE ...` (a foreign key's deferrability).
fn postgres_only(sql: &str) -> bool {
    let words: Vec<String> = sql.split_whitespace().take(5).map(str::to_uppercase).collect();
    match words.as_slice() {
        [a, b, ..] if (a == "CREATE" || a == "DROP") && b == "EXTENSION" => true,
        // SQL functions (ash_postgres's `ash-functions` extension: `ash_elixir_or`, …); SQLite
        // has no CREATE FUNCTION, and its own are registered by the shell.
        [a, b, ..] if (a == "CREATE" || a == "DROP") && b == "FUNCTION" => true,
        [a, b, c, d, ..] if a == "CREATE" && b == "OR" && c == "REPLACE" && d == "FUNCTION" => true,
        [a, b, _, d, e] => a == "ALTER" && b == "TABLE" && d == "ALTER" && e == "CONSTRAINT",
        _ => false,
    }
}

/// SQLite adds a column to an existing table only without a key, with a default when it
/// cannot be null, and with no default when it references another table.
fn sqlite_can_add(column: &Column) -> bool {
    let has_default = column.default.as_ref().is_some_and(|d| *d != Default::Null);
    let reference = matches!(column.ty, ColumnType::References(_));
    !(column.primary_key || (column.null == Some(false) && !has_default) || (reference && has_default))
}

#[cfg(test)]
mod tests;
