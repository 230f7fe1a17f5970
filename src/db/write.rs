//! Writes: one `INSERT … RETURNING`, `UPDATE … RETURNING` or `DELETE` statement each, values
//! bound by their attribute types and kept prepared for the next write of the same shape. Also
//! names the foreign key a failed SQLite write broke (SQLite does not report it) the way
//! PostgreSQL would. Transactions are the caller's.

use crate::model::{RelationshipKind, Resource, ResourceRef, Type};

use super::connection::AnyConnection;
use super::sql::{Bind, NullKind, Statement, sent_as_text, uuid_literal};
use super::{Backend, DbError, DbValue};

/// The result types of a RETURNING of all attributes.
pub(crate) fn types(resource: &Resource) -> Vec<Type> {
    resource.attributes.iter().map(|a| a.ty.clone()).collect()
}

fn returning(st: &mut Statement, resource: &Resource) {
    st.push(" RETURNING ");
    for (i, attr) in resource.attributes.iter().enumerate() {
        if i > 0 {
            st.push(", ");
        }
        let backend = st.backend;
        super::storage::read(st, backend, "", attr);
    }
}

/// Binds `v` as a value of `attr`, cast to its column's type when the column has its own.
fn column_value(st: &mut Statement, attr: &crate::model::Attribute, v: &DbValue) -> Result<(), DbError> {
    let backend = st.backend;
    super::storage::open_write(st, backend, attr);
    value(st, attr.ty.clone(), &attr.name, v)?;
    super::storage::close_write(st, backend, attr);
    Ok(())
}

/// Binds `value` as a value of attribute type `ty`.
fn value(st: &mut Statement, ty: Type, name: &str, value: &DbValue) -> Result<(), DbError> {
    let mismatch = || DbError::Other(format!("cannot store {value:?} in {name} ({})", ty.name()));
    match (ty.clone(), value) {
        (Type::Array(_), DbValue::List(items)) => {
            st.bind_array(&ty, items);
        }
        (ty, DbValue::Text(t)) if sent_as_text(&ty) => {
            st.bind_typed(&ty, Some(t.clone()));
        }
        (ty, DbValue::Null) if sent_as_text(&ty) => {
            st.bind_typed(&ty, None);
        }
        (Type::Uuid, DbValue::Uuid(id)) => {
            st.bind_uuid(Some(*id));
        }
        (Type::Uuid, DbValue::Text(text)) => {
            st.bind_uuid(Some(uuid_literal(text)?));
        }
        (Type::Uuid, DbValue::Null) => {
            st.bind_uuid(None);
        }
        (_, DbValue::Null) => {
            st.bind(Bind::Null(NullKind::of(Some(ty))));
        }
        // Strings, atoms, enums, and the types stored as text until they have storage of
        // their own (dates, decimals, maps, …).
        (ty, DbValue::Text(t)) if ty.is_text() => {
            st.bind(Bind::Text(t.clone()));
        }
        (Type::Integer, DbValue::Int(i)) => {
            st.bind(Bind::Int(*i));
        }
        (Type::Float, DbValue::Float(f)) => {
            st.bind(Bind::Float(*f));
        }
        (Type::Float, DbValue::Int(i)) => {
            st.bind(Bind::Float(*i as f64));
        }
        (Type::Boolean, DbValue::Bool(b)) => {
            st.bind(Bind::Bool(*b));
        }
        _ => return Err(mismatch()),
    }
    Ok(())
}

fn column<'r>(resource: &'r Resource, name: &str) -> Result<&'r crate::model::Attribute, DbError> {
    resource
        .attributes
        .iter()
        .find(|a| a.name == name)
        .ok_or_else(|| DbError::Other(format!("unknown attribute {name} of {}", resource.name)))
}

pub(crate) fn insert(
    backend: Backend,
    resource: &Resource,
    values: &[(&str, DbValue)],
) -> Result<Statement, DbError> {
    let key = resource.primary_key();
    let single = resource.primary_key_attributes().count() == 1;
    let (pk, uuid_key) = (key.name.as_str(), single && key.ty == Type::Uuid);
    let mut all: Vec<(&str, DbValue)> = values.to_vec();
    // A missing uuid key (the only key attribute) is generated here; other keys
    // (integer_primary_key, composite keys) are the database's or the caller's.
    if uuid_key && !all.iter().any(|(n, _)| *n == pk) {
        all.insert(0, (pk, DbValue::Uuid(uuid::Uuid::new_v4())));
    }
    let mut st = Statement::new(backend);
    st.keep_prepared().small_result();
    st.push("INSERT INTO ");
    super::storage::table(&mut st, resource);
    if all.is_empty() {
        // Every column is the database's to fill (a generated key, defaults).
        st.push(" DEFAULT VALUES");
        returning(&mut st, resource);
        return Ok(st);
    }
    st.push(" (");
    for (i, (name, _)) in all.iter().enumerate() {
        if i > 0 {
            st.push(", ");
        }
        st.ident(&column(resource, name)?.name);
    }
    st.push(") VALUES (");
    for (i, (name, v)) in all.iter().enumerate() {
        if i > 0 {
            st.push(", ");
        }
        column_value(&mut st, column(resource, name)?, v)?;
    }
    st.push(")");
    returning(&mut st, resource);
    Ok(st)
}

/// A row's primary key: each key attribute's name and value (one pair, or several for a
/// composite key), in the order of the resource's attributes.
pub type Key<'k> = [(&'k str, DbValue)];

/// `WHERE a = $1 AND b = $2` over the primary key, each value bound by its attribute's type.
fn where_key(st: &mut Statement, resource: &Resource, key: &Key) -> Result<(), DbError> {
    if key.is_empty() {
        return Err(DbError::Other(format!("{} has no primary key", resource.name)));
    }
    for (i, (name, v)) in key.iter().enumerate() {
        st.push(if i == 0 { " WHERE " } else { " AND " });
        let attr = column(resource, name)?;
        st.ident(&attr.name).push(" = ");
        column_value(st, attr, v)?;
    }
    Ok(())
}

pub(crate) fn update(
    backend: Backend,
    resource: &Resource,
    key: &Key,
    values: &[(&str, DbValue)],
) -> Result<Statement, DbError> {
    let mut st = Statement::new(backend);
    st.keep_prepared().small_result();
    st.push("UPDATE ");
    super::storage::table(&mut st, resource).push(" SET ");
    if values.is_empty() {
        // Nothing to change: still one statement that returns the row when it exists.
        let pk = key
            .first()
            .map_or(resource.primary_key().name.as_str(), |(name, _)| *name);
        st.ident(pk).push(" = ").ident(pk);
    }
    for (i, (name, v)) in values.iter().enumerate() {
        if i > 0 {
            st.push(", ");
        }
        let attr = column(resource, name)?;
        st.ident(&attr.name).push(" = ");
        column_value(&mut st, attr, v)?;
    }
    where_key(&mut st, resource, key)?;
    returning(&mut st, resource);
    Ok(st)
}

pub(crate) fn delete(backend: Backend, resource: &Resource, key: &Key) -> Result<Statement, DbError> {
    let mut st = Statement::new(backend);
    st.keep_prepared();
    st.push("DELETE FROM ");
    super::storage::table(&mut st, resource);
    where_key(&mut st, resource, key)?;
    Ok(st)
}

/// PostgreSQL's default name for the foreign key on `table.column`.
fn constraint_name(table: &str, column: &str) -> String {
    format!("{table}_{column}_fkey")
}

/// Does a row of `table` with `column = id` exist (`id` bound as a value of type `ty`)? (Only
/// used after a failed write.)
fn exists(conn: &mut AnyConnection, table: &str, column: &str, ty: Type, id: &DbValue) -> bool {
    let backend = match conn {
        AnyConnection::Sqlite(_) => Backend::Sqlite,
        AnyConnection::Postgresql(_) => Backend::Postgres,
    };
    let mut st = Statement::new(backend);
    st.push("SELECT 1 FROM ")
        .ident(table)
        .push(" WHERE ")
        .ident(column)
        .push(" = ");
    if value(&mut st, ty, column, id).is_err() {
        return false;
    }
    st.push(" LIMIT 1");
    matches!(st.load(conn, &[Type::Integer]), Ok(Ok(rows)) if !rows.is_empty())
}

/// The foreign key an insert/update of `values` into `resource` broke: the first belongs_to
/// key written with a value whose target row does not exist.
pub(crate) fn written_constraint(
    conn: &mut AnyConnection,
    resource: &ResourceRef,
    values: &[(&str, DbValue)],
) -> String {
    let mut candidates = Vec::new();
    for rel in resource
        .relationships
        .iter()
        .filter(|r| r.kind == RelationshipKind::BelongsTo)
    {
        let Some((_, v)) = values.iter().find(|(n, _)| *n == rel.source_attribute) else {
            continue;
        };
        if matches!(v, DbValue::Null) {
            continue;
        }
        if let Some(dest) = resource.sibling(&rel.destination) {
            let ty = dest
                .attribute(&rel.destination_attribute)
                .map_or(Type::Uuid, |a| a.ty.clone());
            candidates.push((
                &rel.source_attribute,
                dest.table.clone(),
                &rel.destination_attribute,
                ty,
                v,
            ));
        }
    }
    let broken = if candidates.len() > 1 {
        candidates
            .iter()
            .find(|(_, table, column, ty, id)| !exists(conn, table, column, ty.clone(), id))
            .or(candidates.first())
    } else {
        candidates.first()
    };
    broken.map_or_else(String::new, |(column, ..)| {
        constraint_name(&resource.table, column)
    })
}

/// The foreign key deleting the row with primary key `key` of `resource` broke: the first
/// belongs_to of another resource that still points at it.
pub(crate) fn referencing_constraint(conn: &mut AnyConnection, resource: &ResourceRef, key: &Key) -> String {
    for other in &resource.project().resources {
        for rel in other
            .relationships
            .iter()
            .filter(|r| r.kind == RelationshipKind::BelongsTo)
        {
            if rel.destination != resource.name {
                continue;
            }
            let Some((_, id)) = key.iter().find(|(name, _)| *name == rel.destination_attribute) else {
                continue;
            };
            let ty = other
                .attribute(&rel.source_attribute)
                .map_or(Type::Uuid, |a| a.ty.clone());
            if exists(conn, &other.table, &rel.source_attribute, ty, id) {
                return constraint_name(&other.table, &rel.source_attribute);
            }
        }
    }
    String::new()
}
