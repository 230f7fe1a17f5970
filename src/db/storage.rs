//! Columns whose SQL type is not the storage the shell gives their Ash type (an introspected
//! `numeric`, `timestamp` or `int4` column; `model::Attribute::storage`): on PostgreSQL they
//! are read through `CAST(column AS <the type's storage>)` and written through
//! `CAST($n AS <column type>)`, so the rest of the db layer sees the usual storage. SQLite
//! converts by itself. Also where a resource's table is: `"schema"."table"` on PostgreSQL
//! when the resource names a schema.

use crate::model::{Attribute, Resource, Type};

use super::Backend;
use super::sql::{Statement, sent_as_text};

/// The storage the shell reads and binds a type as on PostgreSQL.
pub(crate) fn pg_storage(ty: &Type) -> &'static str {
    match ty {
        Type::Uuid => "uuid",
        Type::Integer => "BIGINT",
        Type::Float => "DOUBLE PRECISION",
        Type::Boolean => "BOOLEAN",
        _ => "TEXT",
    }
}

/// The column type to cast through, when the attribute names one (only a plain SQL type
/// name: letters, digits, `_`, spaces, `(1,2)` and `[]`).
fn column_type(backend: Backend, attr: &Attribute) -> Option<&str> {
    let sql = attr.storage.as_deref()?;
    let plain = !sql.is_empty()
        && sql
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | ' ' | '(' | ')' | ',' | '[' | ']'));
    (backend == Backend::Postgres && plain).then_some(sql)
}

/// `alias.column`, read as the attribute type's storage. The types PostgreSQL keeps natively
/// and sends as text (`Statement::column`: dates, decimals, maps, arrays) are read that way
/// whatever their column's own type.
pub(crate) fn read(st: &mut Statement, backend: Backend, alias: &str, attr: &Attribute) {
    if backend == Backend::Postgres && sent_as_text(&attr.ty) {
        st.column((!alias.is_empty()).then_some(alias), &attr.name, &attr.ty);
        return;
    }
    let cast = column_type(backend, attr).is_some();
    if cast {
        st.push("CAST(");
    }
    if !alias.is_empty() {
        st.push(alias).push(".");
    }
    st.ident(&attr.name);
    if cast {
        st.push(" AS ").push(pg_storage(&attr.ty)).push(")");
    }
}

/// `alias.column` inside an expression: the types PostgreSQL keeps natively are compared
/// and computed as themselves (`numeric`, `timestamp`); other columns of a type of their own
/// as the attribute type's storage (an `int4` as `BIGINT`).
pub(crate) fn refer(st: &mut Statement, backend: Backend, alias: &str, attr: &Attribute) {
    if sent_as_text(&attr.ty) {
        if !alias.is_empty() {
            st.push(alias).push(".");
        }
        st.ident(&attr.name);
        return;
    }
    read(st, backend, alias, attr);
}

/// Opens the cast of a value written to the attribute's column (`CAST(` … `close_write`).
pub(crate) fn open_write(st: &mut Statement, backend: Backend, attr: &Attribute) {
    if column_type(backend, attr).is_some() {
        st.push("CAST(");
    }
}

/// Closes what `open_write` opened: ` AS <column type>)`.
pub(crate) fn close_write(st: &mut Statement, backend: Backend, attr: &Attribute) {
    if let Some(sql) = column_type(backend, attr) {
        st.push(" AS ").push(sql).push(")");
    }
}

/// The storage an aggregate over the attribute's column (`MAX`, `MIN`, a `first` value) is
/// cast to, when the column has a type of its own.
pub(crate) fn result_cast(backend: Backend, attr: &Attribute) -> Option<&'static str> {
    column_type(backend, attr).map(|_| pg_storage(&attr.ty))
}

/// The resource's table, schema-qualified on PostgreSQL when the resource names a schema.
pub(crate) fn table<'s>(st: &'s mut Statement, resource: &Resource) -> &'s mut Statement {
    table_named(st, resource.schema.as_deref(), &resource.table)
}

/// `table`, in `schema` when given (PostgreSQL only; SQLite has one schema).
pub(crate) fn table_named<'s>(st: &'s mut Statement, schema: Option<&str>, table: &str) -> &'s mut Statement {
    if let Some(schema) = schema
        && st.backend == Backend::Postgres
    {
        st.ident(schema).push(".");
    }
    st.ident(table)
}
