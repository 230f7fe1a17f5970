//! The resources of a project → their snapshots, as ash_postgres 1.x's `snapshot/3` and
//! `deduplicate_snapshots/4` build them: the column type of each Ash type, the default as
//! Elixir code, `belongs_to` references, identities as unique indexes, custom indexes and
//! check constraints; resources sharing a table merged into one snapshot.
//!
//! Pure: no files. What the model does not know (multitenancy, custom statements, polymorphic
//! references) is written as ash_postgres writes it for resources without them.

use serde_json::{Value, json};

use crate::model::{Attribute, Default, Literal, Project, Relationship, RelationshipKind, Resource, Type};

use super::snapshot::{
    SnapAttribute, SnapCheck, SnapIdentity, SnapIndex, SnapReference, Snapshot, no_multitenancy,
};
use super::version::Flavor;

/// The resources ash_postgres generates migrations for: AshPostgres data layer, a repo, and
/// not `migrate? false`; in the order of the apis' resources (what `Ash.Api.Info.resources/1`
/// gives ash_postgres, which decides how tables shared by two resources are merged), then
/// those no api lists.
pub fn migrated(project: &Project) -> Vec<&Resource> {
    let mut names: Vec<&str> = Vec::new();
    for api in &project.apis {
        for name in &api.resources {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
    }
    for resource in &project.resources {
        if !names.contains(&resource.name.as_str()) {
            names.push(&resource.name);
        }
    }
    names
        .iter()
        .filter_map(|name| project.resources.iter().find(|r| r.name == *name))
        .filter(|r| r.migration.postgres && r.migration.migrate && r.repo.is_some())
        .collect()
}

/// One snapshot per table, in the order tables first appear among the resources; resources
/// sharing a table (and schema) are merged. `old` gives a table's previous snapshot, whose
/// identities keep their place (ash_postgres prefers identities that already exist).
pub fn snapshots(
    project: &Project,
    flavor: Flavor,
    old: &dyn Fn(&str, Option<&str>) -> Option<Snapshot>,
) -> Vec<Snapshot> {
    let mut groups: Vec<Vec<Snapshot>> = Vec::new();
    for resource in migrated(project) {
        let snapshot = resource_snapshot(project, resource, flavor);
        match groups
            .iter_mut()
            .find(|g| g[0].table == snapshot.table && g[0].schema == snapshot.schema)
        {
            Some(group) => group.push(snapshot),
            None => groups.push(vec![snapshot]),
        }
    }
    groups
        .into_iter()
        .map(|group| {
            let previous = old(&group[0].table, group[0].schema.as_deref());
            merge(group, previous.as_ref())
        })
        .collect()
}

/// One resource's snapshot (`do_snapshot/3`).
pub fn resource_snapshot(project: &Project, resource: &Resource, flavor: Flavor) -> Snapshot {
    let migration = &resource.migration;
    let attributes = resource
        .attributes
        .iter()
        .filter(|a| !migration.ignore_attributes.contains(&a.name))
        .map(|a| attribute(project, resource, a, flavor))
        .collect();
    let source_of = |name: &str| {
        resource
            .attribute(name)
            .map_or_else(|| name.to_string(), |a| a.source.clone())
    };
    let mut identities: Vec<SnapIdentity> = resource
        .identities
        .iter()
        .filter(|i| !migration.skip_unique_indexes.contains(&i.name))
        .filter(|i| i.keys.iter().all(|k| resource.attribute(k).is_some()))
        .map(|i| SnapIdentity {
            all_tenants: false,
            base_filter: migration.base_filter_sql.clone(),
            index_name: migration
                .identity_index_names
                .iter()
                .find(|(name, _)| *name == i.name)
                .map_or_else(
                    || format!("{}_{}_index", resource.table, i.name),
                    |(_, n)| n.clone(),
                ),
            keys: i.keys.iter().map(|k| source_of(k)).collect(),
            name: i.name.clone(),
        })
        .collect();
    identities.sort_by(|a, b| a.name.cmp(&b.name));
    let custom_indexes = migration
        .custom_indexes
        .iter()
        .map(|i| SnapIndex {
            all_tenants: i.all_tenants,
            concurrently: i.concurrently,
            error_fields: i.error_fields.as_ref().map_or(Value::Null, |f| json!(f)),
            fields: i
                .fields
                .iter()
                .map(|f| {
                    (
                        f.text().to_string(),
                        matches!(f, crate::model::IndexField::Atom(_)),
                    )
                })
                .collect(),
            include: i.include.clone(),
            message: i.message.clone(),
            name: i.name.clone(),
            nulls_distinct: i.nulls_distinct,
            prefix: i.prefix.clone(),
            table: None,
            unique: i.unique,
            using: i.using.clone(),
            where_clause: i.where_clause.clone(),
        })
        .collect();
    let check_constraints = migration
        .check_constraints
        .iter()
        .filter_map(|c| {
            Some(SnapCheck {
                attribute: c.attributes.iter().map(|a| source_of(a)).collect(),
                base_filter: migration.base_filter_sql.clone(),
                check: c.check.clone()?,
                name: c.name.clone(),
            })
        })
        .collect();
    Snapshot {
        attributes,
        base_filter: migration.base_filter_sql.clone(),
        check_constraints,
        custom_indexes,
        custom_statements: Vec::new(),
        has_create_action: has_create_action(resource),
        identities,
        multitenancy: no_multitenancy(),
        repo: resource.repo.clone().unwrap_or_default(),
        schema: resource.schema.clone(),
        table: resource.table.clone(),
    }
}

/// Whether the resource has a create action: its own, or one AshAuthentication adds (the
/// token resource's `store_token`, a strategy's `register_with_password`, …).
fn has_create_action(resource: &Resource) -> bool {
    resource
        .actions
        .iter()
        .any(|a| a.kind == crate::model::ActionKind::Create)
        || resource
            .extensions
            .iter()
            .any(|e| e == "AshAuthentication" || e == "AshAuthentication.TokenResource")
}

fn attribute(project: &Project, resource: &Resource, attr: &Attribute, flavor: Flavor) -> SnapAttribute {
    let configured = resource
        .migration
        .types
        .iter()
        .find(|(name, _, _)| *name == attr.name);
    let (ty, size) = match configured {
        Some((_, name, Some(size))) => (json!([name, size]), Some(*size)),
        Some((_, name, None)) => (json!(name), None),
        None => (migration_type(&attr.ty), None),
    };
    SnapAttribute {
        allow_nil: attr.allow_nil,
        default: default(project, resource, attr, flavor),
        generated: attr.generated,
        primary_key: attr.primary_key,
        references: reference(project, resource, attr),
        size,
        source: attr.source.clone(),
        ty,
    }
}

/// The column type ash_postgres names for an Ash type (`migration_type/2`).
pub fn migration_type(ty: &Type) -> Value {
    let name = match ty {
        Type::String | Type::Atom(_) | Type::Enum { .. } => "text",
        Type::Integer => "bigint",
        Type::CiString => "citext",
        Type::Uuid => "uuid",
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
        Type::Array(inner) => return json!(["array", migration_type(inner)]),
        Type::Other(name) => match &**name {
            "term" | "function" | "url_encoded_binary" => "binary",
            "keyword" | "union" | "struct" => "map",
            "module" => "text",
            // A custom type's storage is its own business; its short name is the usual one.
            other => return json!(underscore(other.rsplit('.').next().unwrap_or(other))),
        },
    };
    json!(name)
}

/// The default as Elixir code (`default/3`).
fn default(project: &Project, resource: &Resource, attr: &Attribute, flavor: Flavor) -> String {
    if let Some((_, code)) = resource.migration.defaults.iter().find(|(n, _)| *n == attr.name) {
        return code.clone();
    }
    match &attr.default {
        None => "nil".into(),
        Some(Default::Function(f)) => match f.as_str() {
            "Ash.UUID.generate" | "Ecto.UUID.generate" if uuid_ossp(project, resource) => {
                "fragment(\"uuid_generate_v4()\")".into()
            }
            "DateTime.utc_now" => "fragment(\"now()\")".into(),
            "Date.utc_today" if flavor.at_least(1, 3, 61) => "fragment(\"CURRENT_DATE\")".into(),
            _ => "nil".into(),
        },
        Some(Default::Literal(literal)) => literal_code(literal, flavor),
    }
}

fn uuid_ossp(project: &Project, resource: &Resource) -> bool {
    project
        .repos
        .iter()
        .find(|r| Some(&r.name) == resource.repo.as_ref())
        .is_some_and(|r| r.installed_extensions.iter().any(|e| e == "uuid-ossp"))
}

/// `EctoMigrationDefault.to_default/1` of a literal.
fn literal_code(literal: &Literal, flavor: Flavor) -> String {
    match literal {
        Literal::Nil => "nil".into(),
        Literal::Bool(b) => b.to_string(),
        Literal::Int(i) => i.to_string(),
        Literal::Float(f) => elixir_float(*f),
        Literal::Atom(a) | Literal::Str(a) => elixir_string(a),
        Literal::List(items) if items.is_empty() && flavor.at_least(1, 3, 39) => "[]".into(),
        Literal::List(_) => "nil".into(),
        Literal::EmptyMap if flavor.at_least(1, 3, 39) => "%{}".into(),
        Literal::EmptyMap => "nil".into(),
    }
}

/// Elixir's `inspect` of a string: `"a \"b\""`, escapes for `\\`, control characters and `#{`.
pub fn elixir_string(s: &str) -> String {
    let mut out = String::from("\"");
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            '\u{1b}' => out.push_str("\\e"),
            '\0' => out.push_str("\\0"),
            '#' if chars.peek() == Some(&'{') => out.push_str("\\#"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Elixir's shortest float text: `1.5`, `1.0`, `1.0e20`.
fn elixir_float(f: f64) -> String {
    let text = format!("{f:?}");
    if let Some((mantissa, exponent)) = text.split_once('e') {
        let mantissa = if mantissa.contains('.') {
            mantissa.to_string()
        } else {
            format!("{mantissa}.0")
        };
        return format!("{mantissa}e{exponent}");
    }
    if f.abs() >= 1e16 {
        let text = format!("{f:e}");
        if let Some((mantissa, exponent)) = text.split_once('e') {
            let mantissa = if mantissa.contains('.') {
                mantissa.to_string()
            } else {
                format!("{mantissa}.0")
            };
            return format!("{mantissa}e{exponent}");
        }
    }
    text
}

/// The foreign key of a `belongs_to` attribute (`find_reference/3`): both resources on
/// AshPostgres with the same repo, unless `references do reference :rel, ignore?: true end`.
fn reference(project: &Project, resource: &Resource, attr: &Attribute) -> Option<SnapReference> {
    let relationship: &Relationship = resource.relationships.iter().find(|r| {
        r.kind == RelationshipKind::BelongsTo
            && resource
                .attribute(&r.source_attribute)
                .is_some_and(|a| a.source == attr.source)
    })?;
    let destination = project
        .resources
        .iter()
        .find(|r| r.name == relationship.destination)?;
    if !destination.migration.postgres || destination.repo != resource.repo {
        return None;
    }
    let configured = resource
        .migration
        .references
        .iter()
        .find(|r| r.relationship == relationship.name);
    if configured.is_some_and(|c| c.ignore) {
        return None;
    }
    let destination_attribute = destination.attribute(&relationship.destination_attribute)?;
    let deferrable = match configured.and_then(|c| c.deferrable.as_deref()) {
        None => Value::Bool(false),
        Some("true") => Value::Bool(true),
        Some(other) => json!(other),
    };
    Some(SnapReference {
        deferrable,
        destination_attribute: destination_attribute.source.clone(),
        destination_attribute_default: Value::Null,
        destination_attribute_generated: Value::Null,
        match_type: configured.and_then(|c| c.match_type.clone()),
        match_with: configured
            .and_then(|c| c.match_with.as_ref())
            .map_or(Value::Null, |pairs| {
                Value::Object(pairs.iter().map(|(k, v)| (k.clone(), json!(v))).collect())
            }),
        multitenancy: no_multitenancy(),
        name: resource.foreign_key_name(relationship),
        on_delete: configured.and_then(|c| c.on_delete.clone()),
        on_update: configured.and_then(|c| c.on_update.clone()),
        primary_key: destination_attribute.primary_key,
        schema: Some(destination.schema.clone().unwrap_or_else(|| "public".into())),
        table: destination.table.clone(),
    })
}

/// Resources sharing a table → one snapshot (`deduplicate_snapshots/4`, `merge_attributes/3`).
fn merge(mut group: Vec<Snapshot>, old: Option<&Snapshot>) -> Snapshot {
    let count_with_create = group.iter().filter(|s| s.has_create_action).count();
    let primary_key: Vec<String> = {
        let mut pk: Vec<String> = group[0]
            .attributes
            .iter()
            .filter(|a| a.primary_key)
            .map(|a| a.source.clone())
            .collect();
        pk.sort();
        pk
    };
    let mut first = group.remove(0);
    if !group.is_empty() {
        let all: Vec<SnapAttribute> = std::iter::once(&first)
            .chain(group.iter())
            .flat_map(|s| s.attributes.clone())
            .collect();
        let mut merged: Vec<SnapAttribute> = Vec::new();
        for source in all.iter().map(|a| a.source.clone()) {
            if merged.iter().any(|m| m.source == source) {
                continue;
            }
            let same: Vec<&SnapAttribute> = all.iter().filter(|a| a.source == source).collect();
            let mut defaults: Vec<&String> = same.iter().map(|a| &a.default).collect();
            defaults.dedup();
            merged.push(SnapAttribute {
                allow_nil: same.iter().any(|a| a.allow_nil) || same.len() < count_with_create,
                default: if defaults.len() == 1 {
                    defaults[0].clone()
                } else {
                    "nil".into()
                },
                generated: same.iter().any(|a| a.generated),
                primary_key: false,
                references: same.iter().find_map(|a| a.references.clone()),
                size: same.iter().filter_map(|a| a.size).max(),
                source: source.clone(),
                ty: same[0].ty.clone(),
            });
        }
        first.attributes = merged;
        for other in &group {
            for identity in &other.identities {
                if !first.identities.contains(identity) {
                    first.identities.push(identity.clone());
                }
            }
            for index in &other.custom_indexes {
                if !first.custom_indexes.contains(index) {
                    first.custom_indexes.push(index.clone());
                }
            }
        }
        first.has_create_action = first.has_create_action || group.iter().any(|s| s.has_create_action);
    }
    for attribute in &mut first.attributes {
        attribute.primary_key = primary_key.contains(&attribute.source);
    }
    // By name, those already in the previous snapshot first, one per key set.
    first.identities.sort_by(|a, b| a.name.cmp(&b.name));
    let existed = |i: &SnapIdentity| old.is_some_and(|o| o.identities.iter().any(|e| e.name == i.name));
    first.identities.sort_by_key(|i| !existed(i));
    let mut seen: Vec<(Vec<String>, Option<String>)> = Vec::new();
    first.identities.retain(|i| {
        let mut keys = i.keys.clone();
        keys.sort();
        let key = (keys, i.base_filter.clone());
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
    first
}

/// `Geometry` → `geometry`, `MoneyAmount` → `money_amount` (Elixir's `Macro.underscore/1` of
/// one segment).
fn underscore(segment: &str) -> String {
    let mut out = String::new();
    for (i, c) in segment.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::snapshots;
    use crate::schema::Flavor;

    /// The chapter's `users` snapshot, byte for byte as ash_postgres 1.3.52 writes it (its
    /// `hash` line aside): `testdata/users.json` is the real tool's output without that line.
    #[test]
    fn the_chapters_users_snapshot_as_ash_postgres_writes_it() {
        let project = crate::project::chapter();
        let all = snapshots(&project, Flavor::default(), &|_, _| None);
        let users = all.iter().find(|s| s.table == "users").expect("users");
        let text = users.file_text(Flavor::default());
        let without_hash: Vec<&str> = text.lines().filter(|l| !l.starts_with("  \"hash\": ")).collect();
        assert_eq!(without_hash.join("\n"), include_str!("testdata/users.json"));
        let hash = text
            .lines()
            .find(|l| l.starts_with("  \"hash\": "))
            .expect("hash line");
        assert_eq!(hash.len(), "  \"hash\": \"\",".len() + 64);
    }
}
