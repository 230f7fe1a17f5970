//! One SQL statement under construction (text plus bound values), and running it.
//!
//! Values only ever enter SQL as bound parameters (`$n` on PostgreSQL, `?` on SQLite); the text
//! holds identifiers and keywords chosen by this module's callers, never user data. Results are
//! decoded by the declared `model::Type` of each column. It does not decide what SQL to write.

use diesel::RunQueryDsl;
use diesel::connection::LoadConnection;
use diesel::deserialize::FromSql;
use diesel::pg::{Pg, PgRowByRowLoadingMode};
use diesel::query_builder::{BoxedSqlQuery, SqlQuery};
use diesel::row::{Field, Row as _};
use diesel::sql_types::{BigInt, Bool, Double, Nullable, Text};
use diesel::sqlite::Sqlite;

use super::connection::{AnyConnection, MultiBackend, MultiRawValue};
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

/// `query.bind(..)` for every bound value, on any backend's boxed `sql_query`.
macro_rules! bind_all {
    ($query:expr, $binds:expr) => {{
        let mut query = $query;
        for bind in $binds {
            query = match bind {
                Bind::Null(NullKind::Bool) => query.bind::<Nullable<Bool>, _>(None::<bool>),
                Bind::Null(NullKind::Int) => query.bind::<Nullable<BigInt>, _>(None::<i64>),
                Bind::Null(NullKind::Float) => query.bind::<Nullable<Double>, _>(None::<f64>),
                Bind::Null(NullKind::Text) => query.bind::<Nullable<Text>, _>(None::<String>),
                Bind::Bool(v) => query.bind::<Bool, _>(*v),
                Bind::Int(v) => query.bind::<BigInt, _>(*v),
                Bind::Float(v) => query.bind::<Double, _>(*v),
                Bind::Text(v) => query.bind::<Text, _>(v.as_str()),
            };
        }
        query
    }};
}

/// SQL text and its bound values.
#[derive(Debug, Clone)]
pub(crate) struct Statement {
    pub(crate) backend: Backend,
    pub(crate) text: String,
    pub(crate) binds: Vec<Bind>,
}

impl Statement {
    pub(crate) fn new(backend: Backend) -> Self {
        Self {
            backend,
            text: String::with_capacity(256),
            binds: Vec::new(),
        }
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

    fn boxed(&self) -> BoxedSqlQuery<'_, MultiBackend, SqlQuery> {
        bind_all!(
            diesel::sql_query(self.text.as_str()).into_boxed::<MultiBackend>(),
            &self.binds
        )
    }

    fn boxed_pg(&self) -> BoxedSqlQuery<'_, Pg, SqlQuery> {
        bind_all!(
            diesel::sql_query(self.text.as_str()).into_boxed::<Pg>(),
            &self.binds
        )
    }

    /// Runs a statement that returns no rows; the number of rows it touched.
    pub(crate) fn execute(&self, conn: &mut AnyConnection) -> Result<usize, diesel::result::Error> {
        self.boxed().execute(conn)
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
            AnyConnection::Postgresql(pg) => {
                let cursor = LoadConnection::<PgRowByRowLoadingMode>::load(pg, self.boxed_pg())?;
                for row in cursor {
                    let row = row?;
                    values.clear();
                    for (i, ty) in types.iter().enumerate() {
                        let value = match row.get(i).as_ref().and_then(|f| f.value()) {
                            None => DbValue::Null,
                            Some(raw) => match decode(MultiRawValue::Postgresql(raw), ty.clone()) {
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
            AnyConnection::Sqlite(_) => {
                let cursor = LoadConnection::load(conn, self.boxed())?;
                for row in cursor {
                    let row = row?;
                    values.clear();
                    for (i, ty) in types.iter().enumerate() {
                        let value = match row.get(i).as_ref().and_then(|f| f.value()) {
                            None => DbValue::Null,
                            Some(raw) => match decode(raw, ty.clone()) {
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

/// A literal compared with or written to a uuid field: a uuid, or `InvalidUuid`.
pub(crate) fn uuid_literal(text: &str) -> Result<uuid::Uuid, DbError> {
    uuid::Uuid::parse_str(text).map_err(|_| DbError::InvalidUuid {
        value: text.to_string(),
    })
}

fn bad(ty: Type, e: impl std::fmt::Display) -> DbError {
    DbError::Other(format!(
        "cannot read a {} value from the database: {e}",
        ty.name()
    ))
}

fn parse_uuid(text: &str) -> Result<DbValue, DbError> {
    uuid::Uuid::parse_str(text)
        .map(DbValue::Uuid)
        .map_err(|e| bad(Type::Uuid, format!("{text:?}: {e}")))
}

/// Decodes one non-NULL value by its declared type.
fn decode(raw: MultiRawValue<'_>, ty: Type) -> Result<DbValue, DbError> {
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
