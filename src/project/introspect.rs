//! Resources from a database's own tables (`helpdesk --introspect`, `helpdesk db introspect`):
//! a `db::Catalog` becomes resource modules `Db.<Singular>` in an api `Db.Api`, written as
//! Ash DSL text (`print.rs`) and read back by the same reader as any project, so Ash's
//! defaults are applied in one place and `db introspect --write DIR` gives the same resources.
//!
//! Naming: table `order_items` → `Db.OrderItem` (a second table with the same singular keeps
//! its whole name, with a warning); column `customer_id` with a foreign key → `belongs_to
//! :customer`, and on the other side `has_many` named after the referencing table (prefixed
//! by the relationship's name when that table references this one more than once).

use std::collections::{HashMap, HashSet};

use crate::db::{Catalog, Column, Table};

use super::SourceFile;
use super::print;

/// Bookkeeping tables of migration tools: not data anyone explores.
const BOOKKEEPING: &[&str] = &[
    "schema_migrations",
    "__diesel_schema_migrations",
    "ar_internal_metadata",
    "_sqlx_migrations",
    "_prisma_migrations",
    "django_migrations",
    "alembic_version",
    "flyway_schema_history",
    "goose_db_version",
    "knex_migrations",
    "knex_migrations_lock",
    "typeorm_migrations",
    "sqlite_sequence",
];

/// One resource to print: what `print.rs` turns into a module.
#[derive(Debug, Clone, Default)]
pub struct Spec {
    pub module: String,
    pub table: String,
    /// The PostgreSQL schema, when not `public`.
    pub schema: Option<String>,
    /// A view, or a table without a primary key: read only.
    pub read_only: bool,
    pub has_key: bool,
    pub attributes: Vec<AttributeSpec>,
    pub relationships: Vec<RelationshipSpec>,
    pub identities: Vec<(String, Vec<String>)>,
}

#[derive(Debug, Clone, Default)]
pub struct AttributeSpec {
    pub name: String,
    /// The Ash type as the DSL writes it (`:integer`, `{:array, :string}`).
    pub ty: String,
    pub primary_key: bool,
    /// `integer_primary_key`: the database generates it.
    pub integer_key: bool,
    pub allow_nil: bool,
    /// The database fills it in when a create leaves it out (a default, serial, identity).
    pub generated: bool,
    /// The column's type when PostgreSQL stores it otherwise than the shell stores the Ash
    /// type (`numeric`, `timestamp`, `integer`): printed as `migration_types`.
    pub storage: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RelKind {
    BelongsTo,
    HasMany,
}

#[derive(Debug, Clone)]
pub struct RelationshipSpec {
    pub kind: RelKind,
    pub name: String,
    pub destination: String,
    pub source_attribute: String,
    pub destination_attribute: String,
}

/// The resources of a catalog as files of a project (`lib/db/<name>.ex` and `lib/db/api.ex`),
/// and what could not be read as it is (one warning each).
pub fn files(catalog: &Catalog) -> (Vec<SourceFile>, Vec<String>) {
    let (specs, warnings) = specs(catalog);
    let mut files: Vec<SourceFile> = specs
        .iter()
        .map(|spec| SourceFile {
            path: format!("lib/db/{}.ex", underscore(short(&spec.module))),
            text: print::resource(spec),
        })
        .collect();
    let modules: Vec<&str> = specs.iter().map(|s| s.module.as_str()).collect();
    files.push(SourceFile {
        path: "lib/db/api.ex".to_string(),
        text: print::api("Db.Api", &modules),
    });
    files.push(SourceFile {
        path: "lib/db/repo.ex".to_string(),
        text: print::repo("Db.Repo"),
    });
    (files, warnings)
}

fn short(module: &str) -> &str {
    module.rsplit('.').next().unwrap_or(module)
}

/// The tables worth exploring, each with its module name; collisions keep the whole name.
fn module_names(tables: &[&Table], warnings: &mut Vec<String>) -> HashMap<String, String> {
    let mut taken: HashSet<String> = HashSet::new();
    let mut out = HashMap::new();
    for t in tables {
        let mut module = format!("Db.{}", camel(&singular_of_name(&t.name)));
        if taken.contains(&module) || module == "Db.Api" || module == "Db.Repo" {
            let whole = format!("Db.{}", camel(&t.name));
            let mut candidate = whole.clone();
            let mut n = 2;
            while taken.contains(&candidate) {
                candidate = format!("{whole}{n}");
                n += 1;
            }
            warnings.push(format!(
                "table {} would be {module}, which another table is: it is {candidate}",
                t.name
            ));
            module = candidate;
        }
        taken.insert(module.clone());
        out.insert(t.name.clone(), module);
    }
    out
}

/// The resource descriptions of a catalog, and warnings.
pub fn specs(catalog: &Catalog) -> (Vec<Spec>, Vec<String>) {
    let mut warnings = Vec::new();
    let tables: Vec<&Table> = catalog
        .tables
        .iter()
        .filter(|t| !BOOKKEEPING.contains(&t.name.as_str()) && !t.columns.is_empty())
        .collect();
    let modules = module_names(&tables, &mut warnings);
    let schema = (catalog.postgres && catalog.schema != "public").then(|| catalog.schema.clone());
    let mut specs: Vec<Spec> = tables
        .iter()
        .map(|t| Spec {
            schema: schema.clone(),
            ..table_spec(t, &modules[&t.name], catalog.postgres, &mut warnings)
        })
        .collect();
    // Foreign keys, in table order and then column order (both backends list them in their
    // own orders): belongs_to on the referencing table, then has_many on the referenced one.
    let mut links = Vec::new();
    for t in &tables {
        let mut to_count: HashMap<&str, usize> = HashMap::new();
        for fk in &t.foreign_keys {
            *to_count.entry(fk.table.as_str()).or_default() += 1;
        }
        let position = |column: &str| {
            t.columns
                .iter()
                .position(|c| c.name == column)
                .unwrap_or(usize::MAX)
        };
        let mut fks: Vec<_> = t.foreign_keys.iter().collect();
        fks.sort_by_key(|fk| fk.columns.first().map_or(usize::MAX, |c| position(c)));
        for fk in fks {
            let (Some(dest), [column], [referenced]) = (
                modules.get(&fk.table),
                fk.columns.as_slice(),
                fk.references.as_slice(),
            ) else {
                if fk.columns.len() > 1 {
                    warnings.push(format!(
                        "{}: foreign key ({}) has more than one column: no relationship",
                        modules[&t.name],
                        fk.columns.join(", ")
                    ));
                }
                continue;
            };
            let base = column
                .strip_suffix("_id")
                .filter(|b| !b.is_empty())
                .map_or_else(|| singular_of_name(&fk.table), str::to_string);
            let source = spec_mut(&mut specs, &modules[&t.name]);
            let name = free_name(source, &base);
            source.relationships.push(RelationshipSpec {
                kind: RelKind::BelongsTo,
                name: name.clone(),
                destination: dest.clone(),
                source_attribute: column.clone(),
                destination_attribute: referenced.clone(),
            });
            let many = if to_count[fk.table.as_str()] > 1 {
                format!("{name}_{}", t.name)
            } else {
                t.name.clone()
            };
            links.push((
                dest.clone(),
                many,
                modules[&t.name].clone(),
                referenced.clone(),
                column.clone(),
            ));
        }
    }
    for (dest, many, source, referenced, column) in links {
        let target = spec_mut(&mut specs, &dest);
        let many = free_name(target, &many);
        target.relationships.push(RelationshipSpec {
            kind: RelKind::HasMany,
            name: many,
            destination: source,
            source_attribute: referenced,
            destination_attribute: column,
        });
    }
    (specs, warnings)
}

fn spec_mut<'s>(specs: &'s mut [Spec], module: &str) -> &'s mut Spec {
    let index = specs.iter().position(|s| s.module == module).unwrap_or(0);
    &mut specs[index]
}

/// `base`, or `base_2`, … when an attribute or relationship already has the name.
fn free_name(spec: &Spec, base: &str) -> String {
    let used = |n: &str| {
        spec.attributes.iter().any(|a| a.name == n) || spec.relationships.iter().any(|r| r.name == n)
    };
    if !used(base) {
        return base.to_string();
    }
    (2..)
        .map(|i| format!("{base}_{i}"))
        .find(|n| !used(n))
        .unwrap_or_else(|| base.to_string())
}

fn table_spec(t: &Table, module: &str, postgres: bool, warnings: &mut Vec<String>) -> Spec {
    let has_key = !t.view && !t.primary_key.is_empty();
    if !t.view && t.primary_key.is_empty() {
        warnings.push(format!(
            "{module}: table {} has no primary key: read only",
            t.name
        ));
    }
    let single_key = t.primary_key.len() == 1;
    let attributes = t
        .columns
        .iter()
        .map(|c| {
            let ty = ash_type(&c.sql_type).unwrap_or_else(|| {
                warnings.push(format!(
                    "{module}: column {} has type {}, read as a string",
                    c.name, c.sql_type
                ));
                "string".to_string()
            });
            let primary_key = has_key && t.primary_key.contains(&c.name);
            let integer_key = primary_key && single_key && c.generated && ty == "integer";
            AttributeSpec {
                name: c.name.clone(),
                ty: type_text(&ty),
                primary_key,
                integer_key,
                allow_nil: !c.not_null && !primary_key,
                generated: generated(c),
                storage: if postgres { storage(&c.sql_type, &ty) } else { None },
            }
        })
        .collect();
    let identities = t
        .unique
        .iter()
        .filter(|u| u.columns != t.primary_key)
        .map(|u| (format!("unique_{}", u.columns.join("_")), u.columns.clone()))
        .collect();
    Spec {
        module: module.to_string(),
        table: t.name.clone(),
        schema: None,
        read_only: !has_key,
        has_key,
        attributes,
        relationships: Vec::new(),
        identities,
    }
}

/// The PostgreSQL column type to cast through (short form), None when the column already is
/// the storage the shell gives `ash` (text-like for strings, bigint, double precision,
/// boolean, uuid).
fn storage(sql_type: &str, ash: &str) -> Option<String> {
    let base = sql_type.split('(').next().unwrap_or(sql_type).trim();
    let native = match ash {
        "string" | "ci_string" => {
            matches!(
                base,
                "text" | "character varying" | "varchar" | "character" | "bpchar" | "name" | "citext"
            )
        }
        "integer" => base == "bigint",
        "float" => base == "double precision",
        "boolean" | "uuid" => true,
        // Stored natively (`db::sql::pg_storage_type`): bound with a cast, read as text.
        "decimal" => base == "numeric",
        "date" => base == "date",
        "time" => base == "time without time zone" || base == "time",
        "naive_datetime" | "naive_datetime_usec" | "utc_datetime" | "utc_datetime_usec" => {
            base == "timestamp without time zone" || base == "timestamp"
        }
        "map" => base == "jsonb",
        _ => false,
    };
    if native {
        return None;
    }
    let short = match base {
        "timestamp without time zone" => "timestamp",
        "timestamp with time zone" => "timestamptz",
        "time without time zone" => "time",
        "time with time zone" => "timetz",
        other if other.ends_with("[]") || !sql_type.contains('(') => sql_type,
        other => other,
    };
    Some(short.to_string())
}

fn generated(c: &Column) -> bool {
    c.generated || c.default.is_some()
}

/// `{:array, :integer}` for `array:integer`, `:integer` for `integer`.
fn type_text(ty: &str) -> String {
    match ty.strip_prefix("array:") {
        Some(inner) => format!("{{:array, {}}}", type_text(inner)),
        None => format!(":{ty}"),
    }
}

/// The Ash type (short name; arrays as `array:<inner>`) for a column type as PostgreSQL or
/// SQLite declares it; None for a type with no Ash counterpart.
pub fn ash_type(sql_type: &str) -> Option<String> {
    let lower = sql_type.trim().to_lowercase();
    if let Some(inner) = lower.strip_suffix("[]") {
        return ash_type(inner).map(|t| format!("array:{t}"));
    }
    // Drop a modifier: `numeric(10,2)`, `character varying(80)`, `timestamp(0) with time zone`.
    let (base, modifier) = match lower.split_once('(') {
        Some((head, rest)) => {
            let (modifier, tail) = rest.split_once(')').unwrap_or((rest, ""));
            (format!("{}{}", head.trim(), tail), modifier.trim().to_string())
        }
        None => (lower.clone(), String::new()),
    };
    let base = base.trim();
    let exact = match base {
        "uuid" => "uuid",
        "text" | "varchar" | "character varying" | "char" | "character" | "bpchar" | "name" | "clob"
        | "string" | "nvarchar" | "nchar" | "varying character" | "native character" => "string",
        "citext" => "ci_string",
        "integer" | "int" | "int2" | "int4" | "int8" | "smallint" | "bigint" | "serial" | "bigserial"
        | "smallserial" | "tinyint" | "mediumint" | "unsigned big int" => "integer",
        "real" | "float4" | "float8" | "double precision" | "double" | "float" => "float",
        "numeric" | "decimal" | "money" => "decimal",
        "boolean" | "bool" => "boolean",
        "date" => "date",
        "time" | "time without time zone" | "time with time zone" | "timetz" => "time",
        "timestamp with time zone" | "timestamptz" if modifier == "0" => "utc_datetime",
        "timestamp with time zone" | "timestamptz" => "utc_datetime_usec",
        // PostgreSQL's `timestamp` keeps microseconds unless declared `timestamp(0)`; SQLite's
        // DATETIME columns conventionally hold seconds.
        "timestamp" | "timestamp without time zone" if modifier != "0" => "naive_datetime_usec",
        "timestamp" | "timestamp without time zone" | "datetime" => "naive_datetime",
        "json" | "jsonb" => "map",
        "bytea" | "blob" => "binary",
        _ => "",
    };
    if !exact.is_empty() {
        return Some(exact.to_string());
    }
    // SQLite's affinity rules for the names it accepts from any DDL.
    let affinity = if base.contains("int") {
        "integer"
    } else if base.contains("char") || base.contains("clob") || base.contains("text") {
        "string"
    } else if base.contains("real") || base.contains("floa") || base.contains("doub") {
        "float"
    } else if base.contains("bool") {
        "boolean"
    } else if base.contains("timestamp") || base.contains("datetime") {
        "naive_datetime"
    } else if base.is_empty() {
        // A view's computed column on SQLite: no declared type.
        "string"
    } else {
        return None;
    };
    Some(affinity.to_string())
}

/// `order_items` → `order_item`: the last word of a snake_case table name made singular.
pub fn singular_of_name(table: &str) -> String {
    match table.rsplit_once('_') {
        Some((head, last)) => format!("{head}_{}", singular(last)),
        None => singular(table),
    }
}

fn singular(word: &str) -> String {
    const IRREGULAR: &[(&str, &str)] = &[
        ("people", "person"),
        ("children", "child"),
        ("men", "man"),
        ("women", "woman"),
        ("data", "data"),
        ("news", "news"),
        ("series", "series"),
        ("status", "status"),
        ("analyses", "analysis"),
    ];
    let lower = word.to_lowercase();
    if let Some((_, one)) = IRREGULAR.iter().find(|(many, _)| *many == lower) {
        return (*one).to_string();
    }
    if let Some(stem) = word.strip_suffix("ies")
        && stem.len() > 1
    {
        return format!("{stem}y");
    }
    for suffix in ["sses", "shes", "ches", "xes", "zes"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return format!("{stem}{}", &suffix[..suffix.len() - 2]);
        }
    }
    if word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
        && word.len() > 1
    {
        return word[..word.len() - 1].to_string();
    }
    word.to_string()
}

/// `order_item` → `OrderItem` (characters a module name cannot hold are dropped).
pub fn camel(name: &str) -> String {
    let mut out = String::new();
    for part in name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
    {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.push_str(chars.as_str());
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'T');
    }
    out
}

/// `OrderItem` → `order_item`.
pub fn underscore(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Type;

    #[test]
    fn names() {
        let rows = [
            ("order_items", "OrderItem"),
            ("categories", "Category"),
            ("addresses", "Address"),
            ("boxes", "Box"),
            ("people", "Person"),
            ("status", "Status"),
            ("users", "User"),
            ("user", "User"),
            ("Orders", "Order"),
            ("2fa_codes", "T2faCode"),
        ];
        for (table, module) in rows {
            assert_eq!(camel(&singular_of_name(table)), module, "{table}");
        }
    }

    fn column(name: &str, sql_type: &str) -> Column {
        Column {
            name: name.into(),
            sql_type: sql_type.into(),
            ..Column::default()
        }
    }

    fn fk(columns: &[&str], table: &str) -> crate::db::ForeignKey {
        crate::db::ForeignKey {
            name: String::new(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            table: table.into(),
            references: vec!["id".into(); columns.len()],
        }
    }

    /// Names, collisions, two foreign keys to one table, a composite foreign key, a view and
    /// a bookkeeping table.
    #[test]
    fn resources_of_a_catalog() {
        let table = |name: &str, columns: Vec<Column>, fks: Vec<crate::db::ForeignKey>| Table {
            name: name.into(),
            primary_key: vec!["id".into()],
            columns,
            foreign_keys: fks,
            ..Table::default()
        };
        let catalog = Catalog {
            tables: vec![
                table("user", vec![column("id", "bigint")], vec![]),
                table("users", vec![column("id", "bigint")], vec![]),
                table(
                    "tickets",
                    vec![
                        column("id", "bigint"),
                        column("reporter_id", "bigint"),
                        column("representative_id", "bigint"),
                        column("a", "bigint"),
                        column("b", "bigint"),
                        column("search", "tsvector"),
                    ],
                    vec![
                        fk(&["representative_id"], "users"),
                        fk(&["reporter_id"], "users"),
                        fk(&["a", "b"], "user"),
                    ],
                ),
                Table {
                    view: true,
                    primary_key: Vec::new(),
                    ..table("open_tickets", vec![column("id", "bigint")], vec![])
                },
                table("schema_migrations", vec![column("id", "bigint")], vec![]),
            ],
            postgres: true,
            schema: "public".into(),
        };
        let (specs, warnings) = specs(&catalog);
        let modules: Vec<&str> = specs.iter().map(|s| s.module.as_str()).collect();
        assert_eq!(modules, ["Db.User", "Db.Users", "Db.Ticket", "Db.OpenTicket"]);
        assert_eq!(
            warnings,
            [
                "table users would be Db.User, which another table is: it is Db.Users",
                "Db.Ticket: column search has type tsvector, read as a string",
                "Db.Ticket: foreign key (a, b) has more than one column: no relationship",
            ]
        );
        let relationships = |module: &str| -> Vec<(String, String, String)> {
            let spec = specs.iter().find(|s| s.module == module).expect("a spec");
            spec.relationships
                .iter()
                .map(|r| {
                    (
                        r.name.clone(),
                        r.destination.clone(),
                        r.destination_attribute.clone(),
                    )
                })
                .collect()
        };
        let triple = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
        assert_eq!(
            relationships("Db.Ticket"),
            [
                triple("reporter", "Db.Users", "id"),
                triple("representative", "Db.Users", "id")
            ]
        );
        assert_eq!(
            relationships("Db.Users"),
            [
                triple("reporter_tickets", "Db.Ticket", "reporter_id"),
                triple("representative_tickets", "Db.Ticket", "representative_id")
            ]
        );
        let ticket = &specs[2];
        let search = ticket
            .attributes
            .iter()
            .find(|a| a.name == "search")
            .expect("search");
        assert_eq!(
            (search.ty.as_str(), search.storage.as_deref()),
            (":string", Some("tsvector"))
        );
        assert!(specs[3].read_only && !specs[3].has_key);
        let text = super::print::resource(ticket);
        assert!(
            text.contains("    migration_types [search: :tsvector]\n"),
            "{text}"
        );
        assert!(
            text.contains("    belongs_to :reporter, Db.Users, define_attribute?: false\n"),
            "{text}"
        );
    }

    #[test]
    fn types() {
        let rows = [
            ("bigint", Some("integer")),
            ("integer", Some("integer")),
            ("character varying(80)", Some("string")),
            ("numeric(10,2)", Some("decimal")),
            ("timestamp with time zone", Some("utc_datetime_usec")),
            ("timestamp(0) with time zone", Some("utc_datetime")),
            ("timestamp without time zone", Some("naive_datetime_usec")),
            ("timestamp(0) without time zone", Some("naive_datetime")),
            ("datetime", Some("naive_datetime")),
            ("jsonb", Some("map")),
            ("bytea", Some("binary")),
            ("citext", Some("ci_string")),
            ("integer[]", Some("array:integer")),
            ("text[]", Some("array:string")),
            ("uuid", Some("uuid")),
            ("varchar(255)", Some("string")),
            ("unsigned big int", Some("integer")),
            ("tsvector", None),
        ];
        for (sql, ash) in rows {
            assert_eq!(ash_type(sql).as_deref(), ash, "{sql}");
        }
        assert_eq!(type_text("array:integer"), "{:array, :integer}");
        // Every short name this produces is one the model knows.
        for (_, ash) in rows {
            if let Some(name) = ash {
                let name = name.trim_start_matches("array:");
                assert!(Type::from_name(name).is_some(), "{name}");
            }
        }
    }
}
