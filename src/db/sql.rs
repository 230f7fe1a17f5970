//! One SQL statement under construction (text plus bound values), and running it.
//!
//! Values only ever enter SQL as bound parameters (`$n` on PostgreSQL, `?` on SQLite); the text
//! holds identifiers and keywords chosen by this module's callers, never user data. Results are
//! decoded by the declared `model::Type` of each column. It does not decide what SQL to write.

use diesel::backend::Backend as DieselBackend;
use diesel::connection::{Connection, DefaultLoadingMode, LoadConnection};
use diesel::deserialize::FromSql;
use diesel::pg::{Pg, PgRowByRowLoadingMode};
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::row::{Field, Row as _};
use diesel::serialize::ToSql;
use diesel::sql_types::{BigInt, Bool, Double, HasSqlType, Nullable, Text, Untyped};
use diesel::sqlite::Sqlite;

use super::connection::{AnyConnection, MultiRawValue};
use super::{Backend, DbError, DbValue};
use crate::model::Type;

/// A value to bind, with the SQL type it is sent as.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Bind {
    Null(NullKind),
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
}

/// The SQL type of a bound NULL (PostgreSQL wants one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NullKind {
    Bool,
    Int,
    Float,
    Text,
}

impl NullKind {
    pub(crate) fn of(ty: Option<Type>) -> NullKind {
        match ty {
            Some(Type::Boolean) => NullKind::Bool,
            Some(Type::Integer) => NullKind::Int,
            Some(Type::Float) => NullKind::Float,
            _ => NullKind::Text,
        }
    }
}

/// SQL text and its bound values.
#[derive(Debug, Clone)]
pub(crate) struct Statement {
    pub(crate) backend: Backend,
    pub(crate) text: String,
    pub(crate) binds: Vec<Bind>,
    /// Kept prepared on the connection and reused when the same text comes again (see
    /// `keep_prepared`).
    pub(crate) reuse: bool,
    /// PostgreSQL: the result is small (a write's row, a read with a small LIMIT), so it comes
    /// back whole instead of in single-row mode, whose extra result per row (over TLS, an extra
    /// read each) a big result needs to stay out of memory.
    pub(crate) small_result: bool,
}

impl Statement {
    pub(crate) fn new(backend: Backend) -> Self {
        Self {
            backend,
            text: String::with_capacity(256),
            binds: Vec::new(),
            reuse: false,
            small_result: false,
        }
    }

    /// Asks for the statement to stay prepared on the connection (Diesel's statement cache,
    /// keyed by the text and the bound types) so the next one with the same text skips parsing
    /// and planning. For statements that come back with other values and whose best plan does
    /// not depend on those values (writes by primary key): PostgreSQL may switch a prepared
    /// statement to one generic plan, and every distinct text stays prepared for the life of
    /// the connection.
    pub(crate) fn keep_prepared(&mut self) -> &mut Self {
        self.reuse = true;
        self
    }

    /// Says the result is a few rows at most (see `small_result`).
    pub(crate) fn small_result(&mut self) -> &mut Self {
        self.small_result = true;
        self
    }

    pub(crate) fn push(&mut self, sql: &str) -> &mut Self {
        self.text.push_str(sql);
        self
    }

    /// Appends a placeholder for `value`.
    pub(crate) fn bind(&mut self, value: Bind) -> &mut Self {
        self.binds.push(value);
        match self.backend {
            Backend::Postgres => {
                let n = self.binds.len();
                self.text.push('$');
                self.text.push_str(&n.to_string());
            }
            Backend::Sqlite => self.text.push('?'),
        }
        self
    }

    /// Binds a uuid: native `uuid` on PostgreSQL, lowercase hyphenated text on SQLite.
    pub(crate) fn bind_uuid(&mut self, id: Option<uuid::Uuid>) -> &mut Self {
        let value = match id {
            Some(id) => Bind::Text(id.hyphenated().to_string()),
            None => Bind::Null(NullKind::Text),
        };
        match self.backend {
            Backend::Postgres => {
                self.push("CAST(");
                self.bind(value);
                self.push(" AS uuid)")
            }
            Backend::Sqlite => self.bind(value),
        }
    }

    /// Binds the storage text of a value of `ty` (see `scalar`): PostgreSQL casts it to the
    /// column type (`CAST($1 AS timestamp)`, `numeric`, `citext`, `jsonb`, `text[]`), SQLite
    /// stores the text itself.
    pub(crate) fn bind_typed(&mut self, ty: &Type, text: Option<String>) -> &mut Self {
        let value = text.map_or(Bind::Null(NullKind::Text), Bind::Text);
        match (self.backend, pg_storage_type(ty)) {
            // A binary is held as text here: its UTF-8 bytes.
            (Backend::Postgres, _) if *ty == Type::Binary => {
                self.push("convert_to(");
                self.bind(value);
                self.push(", 'UTF8')")
            }
            (Backend::Postgres, Some(cast)) => {
                self.push("CAST(");
                self.bind(value);
                self.push(" AS ").push(&cast).push(")")
            }
            _ => self.bind(value),
        }
    }

    /// Binds the items of an `{:array, T}` value: a PostgreSQL array literal cast to `T[]`, a
    /// JSON array on SQLite (the form `column` reads back on both).
    pub(crate) fn bind_array(&mut self, ty: &Type, items: &[DbValue]) -> &mut Self {
        let text = match self.backend {
            Backend::Postgres => pg_array_literal(items.iter().map(item_text)),
            Backend::Sqlite => serde_json::Value::Array(items.iter().map(item_json).collect()).to_string(),
        };
        self.bind_typed(ty, Some(text))
    }

    /// Selects stored column `name` (of table alias `alias`, if any) so it decodes as `ty`:
    /// PostgreSQL sends the types kept as text on SQLite as their text (`CAST(s."at" AS
    /// TEXT)`; arrays as JSON), so both backends decode them the same way.
    pub(crate) fn column(&mut self, alias: Option<&str>, name: &str, ty: &Type) -> &mut Self {
        let qualified = |st: &mut Statement| {
            if let Some(alias) = alias {
                st.push(alias).push(".");
            }
            st.ident(name);
        };
        match (self.backend, ty) {
            (Backend::Postgres, Type::Array(_)) => {
                self.push("CAST(array_to_json(");
                qualified(self);
                self.push(") AS TEXT)")
            }
            (Backend::Postgres, Type::Binary) => {
                self.push("convert_from(");
                qualified(self);
                self.push(", 'UTF8')")
            }
            (Backend::Postgres, ty) if sent_as_text(ty) => {
                self.push("CAST(");
                qualified(self);
                self.push(" AS TEXT)")
            }
            _ => {
                qualified(self);
                self
            }
        }
    }

    /// `"name"`: identifiers come from the model, but are quoted anyway.
    pub(crate) fn ident(&mut self, name: &str) -> &mut Self {
        self.text.push('"');
        self.text.push_str(&name.replace('"', "\"\""));
        self.text.push('"');
        self
    }

    fn query(&self) -> Prepared<'_> {
        Prepared {
            text: &self.text,
            binds: &self.binds,
            reuse: self.reuse,
        }
    }

    /// Runs a statement that returns no rows; the number of rows it touched.
    pub(crate) fn execute(&self, conn: &mut AnyConnection) -> Result<usize, diesel::result::Error> {
        match conn {
            AnyConnection::Postgresql(pg) => pg.execute_returning_count(&self.query()),
            AnyConnection::Sqlite(sqlite) => sqlite.execute_returning_count(&self.query()),
        }
    }

    /// Runs a statement and decodes every row by `types` (one per selected column, in order).
    pub(crate) fn load(
        &self,
        conn: &mut AnyConnection,
        types: &[Type],
    ) -> Result<Result<Vec<Vec<DbValue>>, DbError>, diesel::result::Error> {
        let mut rows = Vec::new();
        let done = self.for_each_row(conn, types, |values| {
            rows.push(std::mem::take(values));
            true
        })?;
        Ok(done.map(|()| rows))
    }

    /// Runs a statement and hands each decoded row to `each` as soon as it arrives, so a big
    /// result is never held twice (PostgreSQL: libpq's single-row mode, not the whole result
    /// in one buffer; SQLite steps row by row anyway). `each` may take the values; it returns
    /// false to stop before the next row.
    pub(crate) fn for_each_row(
        &self,
        conn: &mut AnyConnection,
        types: &[Type],
        mut each: impl FnMut(&mut Vec<DbValue>) -> bool,
    ) -> Result<Result<(), DbError>, diesel::result::Error> {
        let mut values = Vec::with_capacity(types.len());
        match conn {
            AnyConnection::Postgresql(pg) if self.small_result => {
                let cursor = LoadConnection::<DefaultLoadingMode>::load(pg, self.query())?;
                return pg_rows(cursor, types, &mut values, each);
            }
            AnyConnection::Postgresql(pg) => {
                let cursor = LoadConnection::<PgRowByRowLoadingMode>::load(pg, self.query())?;
                return pg_rows(cursor, types, &mut values, each);
            }
            AnyConnection::Sqlite(sqlite) => {
                let cursor = LoadConnection::load(sqlite, self.query())?;
                for row in cursor {
                    let row = row?;
                    values.clear();
                    for (i, ty) in types.iter().enumerate() {
                        let value = match row.get(i).as_ref().and_then(|f| f.value()) {
                            None => DbValue::Null,
                            Some(raw) => match decode(MultiRawValue::Sqlite(raw), ty) {
                                Ok(v) => v,
                                Err(e) => return Ok(Err(e)),
                            },
                        };
                        values.push(value);
                    }
                    if !each(&mut values) {
                        break;
                    }
                }
            }
        }
        Ok(Ok(()))
    }
}

/// Decodes PostgreSQL rows by `types` and hands each to `each` until it returns false.
fn pg_rows<R>(
    cursor: impl Iterator<Item = diesel::QueryResult<R>>,
    types: &[Type],
    values: &mut Vec<DbValue>,
    mut each: impl FnMut(&mut Vec<DbValue>) -> bool,
) -> Result<Result<(), DbError>, diesel::result::Error>
where
    R: for<'a> diesel::row::Row<'a, Pg>,
{
    for row in cursor {
        let row = row?;
        values.clear();
        for (i, ty) in types.iter().enumerate() {
            let value = match row.get(i).as_ref().and_then(|f| f.value()) {
                None => DbValue::Null,
                Some(raw) => match decode(MultiRawValue::Postgresql(raw), ty) {
                    Ok(v) => v,
                    Err(e) => return Ok(Err(e)),
                },
            };
            values.push(value);
        }
        if !each(values) {
            break;
        }
    }
    Ok(Ok(()))
}

/// A `Statement` as Diesel runs it: the text, then each value bound with its SQL type. Unlike
/// `sql_query`, which Diesel never caches, it may stay prepared (`Statement::keep_prepared`).
#[derive(Debug, Clone, Copy)]
struct Prepared<'a> {
    text: &'a str,
    binds: &'a [Bind],
    reuse: bool,
}

impl QueryId for Prepared<'_> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl Query for Prepared<'_> {
    type SqlType = Untyped;
}

impl<DB> QueryFragment<DB> for Prepared<'_>
where
    DB: DieselBackend + HasSqlType<Bool> + HasSqlType<BigInt> + HasSqlType<Double> + HasSqlType<Text>,
    bool: ToSql<Bool, DB>,
    i64: ToSql<BigInt, DB>,
    f64: ToSql<Double, DB>,
    str: ToSql<Text, DB>,
    Option<bool>: ToSql<Nullable<Bool>, DB>,
    Option<i64>: ToSql<Nullable<BigInt>, DB>,
    Option<f64>: ToSql<Nullable<Double>, DB>,
    Option<&'static str>: ToSql<Nullable<Text>, DB>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> diesel::QueryResult<()> {
        if !self.reuse {
            out.unsafe_to_cache_prepared();
        }
        out.push_sql(self.text);
        for bind in self.binds {
            match bind {
                Bind::Null(NullKind::Bool) => {
                    out.push_bind_param_value_only::<Nullable<Bool>, _>(&None::<bool>)?
                }
                Bind::Null(NullKind::Int) => {
                    out.push_bind_param_value_only::<Nullable<BigInt>, _>(&None::<i64>)?
                }
                Bind::Null(NullKind::Float) => {
                    out.push_bind_param_value_only::<Nullable<Double>, _>(&None::<f64>)?
                }
                Bind::Null(NullKind::Text) => {
                    out.push_bind_param_value_only::<Nullable<Text>, _>(&None::<&'static str>)?
                }
                Bind::Bool(v) => out.push_bind_param_value_only::<Bool, _>(v)?,
                Bind::Int(v) => out.push_bind_param_value_only::<BigInt, _>(v)?,
                Bind::Float(v) => out.push_bind_param_value_only::<Double, _>(v)?,
                Bind::Text(v) => out.push_bind_param_value_only::<Text, _>(v.as_str())?,
            }
        }
        Ok(())
    }
}

/// A PostgreSQL array literal: `{"a","b",NULL}`.
pub(crate) fn pg_array_literal(items: impl Iterator<Item = Option<String>>) -> String {
    let mut out = String::from("{");
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        match item {
            Some(text) => {
                out.push('"');
                for c in text.chars() {
                    if c == '"' || c == '\\' {
                        out.push('\\');
                    }
                    out.push(c);
                }
                out.push('"');
            }
            None => out.push_str("NULL"),
        }
    }
    out.push('}');
    out
}

/// An array item as PostgreSQL reads it from an array literal (None = NULL).
fn item_text(item: &DbValue) -> Option<String> {
    match item {
        DbValue::Null => None,
        DbValue::Bool(b) => Some(b.to_string()),
        DbValue::Int(i) => Some(i.to_string()),
        DbValue::Float(f) => Some(format!("{f:?}")),
        DbValue::Text(t) => Some(t.clone()),
        DbValue::Uuid(u) => Some(u.hyphenated().to_string()),
        DbValue::List(_) => Some(item_json(item).to_string()),
    }
}

/// An array item as JSON (SQLite's storage of arrays).
fn item_json(item: &DbValue) -> serde_json::Value {
    use serde_json::Value as Json;
    match item {
        DbValue::Null => Json::Null,
        DbValue::Bool(b) => Json::Bool(*b),
        DbValue::Int(i) => Json::from(*i),
        DbValue::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
        DbValue::Text(t) => Json::String(t.clone()),
        DbValue::Uuid(u) => Json::String(u.hyphenated().to_string()),
        DbValue::List(items) => Json::Array(items.iter().map(item_json).collect()),
    }
}

/// True for the types PostgreSQL stores natively but sends to this shell as text (see
/// `Statement::column`).
pub(crate) fn sent_as_text(ty: &Type) -> bool {
    pg_storage_type(ty).is_some()
}

/// The PostgreSQL type a bound storage text is cast to (as ash_postgres maps Ash types);
/// None for the types bound as themselves (text, integers, floats, booleans, uuids).
pub(crate) fn pg_storage_type(ty: &Type) -> Option<String> {
    Some(match ty {
        Type::Date => "date".into(),
        Type::Time => "time(0)".into(),
        Type::UtcDatetime | Type::NaiveDatetime => "timestamp(0)".into(),
        Type::UtcDatetimeUsec | Type::NaiveDatetimeUsec => "timestamp".into(),
        Type::Decimal => "numeric".into(),
        Type::CiString => "citext".into(),
        Type::Map => "jsonb".into(),
        Type::Binary => "bytea".into(),
        Type::Array(inner) => format!("{}[]", pg_element_type(inner)),
        _ => return None,
    })
}

/// The element type of a PostgreSQL array column holding `ty`.
fn pg_element_type(ty: &Type) -> String {
    match ty {
        Type::Uuid => "uuid".into(),
        Type::Integer => "bigint".into(),
        Type::Float => "double precision".into(),
        Type::Boolean => "boolean".into(),
        other => pg_storage_type(other).unwrap_or_else(|| "text".into()),
    }
}

/// A literal compared with or written to a uuid field: a uuid, or `InvalidUuid`.
pub(crate) fn uuid_literal(text: &str) -> Result<uuid::Uuid, DbError> {
    uuid::Uuid::parse_str(text).map_err(|_| DbError::InvalidUuid {
        value: text.to_string(),
    })
}

fn bad(ty: &Type, e: impl std::fmt::Display) -> DbError {
    DbError::Other(format!(
        "cannot read a {} value from the database: {e}",
        ty.name()
    ))
}

fn parse_uuid(text: &str) -> Result<DbValue, DbError> {
    uuid::Uuid::parse_str(text)
        .map(DbValue::Uuid)
        .map_err(|e| bad(&Type::Uuid, format!("{text:?}: {e}")))
}

/// Decodes one non-NULL value by its declared type.
fn decode(raw: MultiRawValue<'_>, ty: &Type) -> Result<DbValue, DbError> {
    match raw {
        MultiRawValue::Sqlite(v) => match ty {
            Type::Integer => <i64 as FromSql<BigInt, Sqlite>>::from_sql(v).map(DbValue::Int),
            Type::Float => <f64 as FromSql<Double, Sqlite>>::from_sql(v).map(DbValue::Float),
            Type::Boolean => <bool as FromSql<Bool, Sqlite>>::from_sql(v).map(DbValue::Bool),
            Type::Uuid => {
                let text = <String as FromSql<Text, Sqlite>>::from_sql(v).map_err(|e| bad(ty, e))?;
                return parse_uuid(&text);
            }
            _ => <String as FromSql<Text, Sqlite>>::from_sql(v).map(DbValue::Text),
        }
        .map_err(|e| bad(ty, e)),
        MultiRawValue::Postgresql(v) => match ty {
            Type::Integer => <i64 as FromSql<BigInt, Pg>>::from_sql(v).map(DbValue::Int),
            Type::Float => <f64 as FromSql<Double, Pg>>::from_sql(v).map(DbValue::Float),
            Type::Boolean => <bool as FromSql<Bool, Pg>>::from_sql(v).map(DbValue::Bool),
            Type::Uuid => {
                <uuid::Uuid as FromSql<diesel::sql_types::Uuid, Pg>>::from_sql(v).map(DbValue::Uuid)
            }
            _ => <String as FromSql<Text, Pg>>::from_sql(v).map(DbValue::Text),
        }
        .map_err(|e| bad(ty, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_per_backend() {
        let rows = [
            (Backend::Postgres, "a = $1 AND b = CAST($2 AS uuid)"),
            (Backend::Sqlite, "a = ? AND b = ?"),
        ];
        for (backend, expected) in rows {
            let mut s = Statement::new(backend);
            s.push("a = ")
                .bind(Bind::Int(1))
                .push(" AND b = ")
                .bind_uuid(Some(uuid::Uuid::nil()));
            assert_eq!(s.text, expected);
            assert_eq!(s.binds.len(), 2);
        }
    }
}
