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
