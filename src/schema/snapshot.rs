//! A resource snapshot as ash_postgres 1.x keeps it in
//! `priv/resource_snapshots/<repo>/<table>/<timestamp>.json`: typed, turned into JSON with the
//! keys the imitated version writes (`to_json`), and read back from any 1.x version's file with
//! ash_postgres's defaults for missing keys (`from_json`, its `load_snapshot/1`), so that an
//! older file compares equal to what a newer version would write for the same resource.

use serde_json::{Map, Value, json};

use super::version::Flavor;

/// One table's snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub attributes: Vec<SnapAttribute>,
    pub base_filter: Option<String>,
    pub check_constraints: Vec<SnapCheck>,
    pub custom_indexes: Vec<SnapIndex>,
    /// Kept as read (this shell writes none).
    pub custom_statements: Vec<Value>,
    pub has_create_action: bool,
    pub identities: Vec<SnapIdentity>,
    /// `{attribute, global, strategy}`: all null without multitenancy.
    pub multitenancy: Value,
    /// The repo module without `Elixir.` (`Support.Repo`).
    pub repo: String,
    pub schema: Option<String>,
    pub table: String,
}

/// One column.
#[derive(Debug, Clone, PartialEq)]
pub struct SnapAttribute {
    pub allow_nil: bool,
    /// Elixir code (`nil`, `"open"`, `fragment("now()")`).
    pub default: String,
    pub generated: bool,
    pub primary_key: bool,
    pub references: Option<SnapReference>,
    pub size: Option<i64>,
    pub source: String,
    /// `"text"`, `["varchar", 255]`, `["array", "text"]`.
    pub ty: Value,
}

/// A foreign key.
#[derive(Debug, Clone, PartialEq)]
pub struct SnapReference {
    /// `false`, `true` or `"initially"`.
    pub deferrable: Value,
    pub destination_attribute: String,
    pub destination_attribute_default: Value,
    pub destination_attribute_generated: Value,
    pub match_type: Option<String>,
    pub match_with: Value,
    pub multitenancy: Value,
    pub name: String,
    pub on_delete: Option<String>,
    pub on_update: Option<String>,
    pub primary_key: bool,
    pub schema: Option<String>,
    pub table: String,
}

/// A unique index from an identity.
#[derive(Debug, Clone, PartialEq)]
pub struct SnapIdentity {
    pub all_tenants: bool,
    pub base_filter: Option<String>,
    pub index_name: String,
    pub keys: Vec<String>,
    pub name: String,
}

/// A `custom_indexes` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct SnapIndex {
    pub all_tenants: bool,
    pub concurrently: bool,
    pub error_fields: Value,
    /// Field texts; `atom` tells 1.5's `{"type": "atom"}` fields from strings.
    pub fields: Vec<(String, bool)>,
    pub include: Option<Vec<String>>,
    pub message: Option<String>,
    pub name: Option<String>,
    pub nulls_distinct: bool,
    pub prefix: Option<String>,
    pub table: Option<String>,
    pub unique: bool,
    pub using: Option<String>,
    pub where_clause: Option<String>,
}

/// A `check_constraints` entry (only those with a `check`).
#[derive(Debug, Clone, PartialEq)]
pub struct SnapCheck {
    pub attribute: Vec<String>,
    pub base_filter: Option<String>,
    pub check: String,
    pub name: String,
}

/// `{attribute: null, global: null, strategy: null}`.
pub fn no_multitenancy() -> Value {
    json!({"attribute": null, "global": null, "strategy": null})
}

fn opt(s: &Option<String>) -> Value {
    s.as_ref().map_or(Value::Null, |s| Value::String(s.clone()))
}

impl Snapshot {
    /// The JSON object ash_postgres `flavor` writes, without `hash`.
    pub fn to_json(&self, flavor: Flavor) -> Value {
        let mut top = Map::new();
        top.insert(
            "attributes".into(),
            Value::Array(self.attributes.iter().map(|a| a.to_json(flavor)).collect()),
        );
        top.insert("base_filter".into(), opt(&self.base_filter));
        top.insert(
            "check_constraints".into(),
            Value::Array(
                self.check_constraints
                    .iter()
                    .map(|c| {
                        json!({"attribute": c.attribute, "base_filter": opt(&c.base_filter),
                               "check": c.check, "name": c.name})
                    })
                    .collect(),
            ),
        );
        top.insert(
            "custom_indexes".into(),
            Value::Array(self.custom_indexes.iter().map(|i| i.to_json(flavor)).collect()),
        );
        top.insert(
            "custom_statements".into(),
            Value::Array(self.custom_statements.clone()),
        );
        top.insert("has_create_action".into(), Value::Bool(self.has_create_action));
        top.insert(
            "identities".into(),
            Value::Array(
                self.identities
                    .iter()
                    .map(|i| {
                        let mut m = Map::new();
                        if flavor.at_least(1, 4, 0) {
                            m.insert("all_tenants?".into(), Value::Bool(i.all_tenants));
                        }
                        m.insert("base_filter".into(), opt(&i.base_filter));
                        m.insert("index_name".into(), json!(i.index_name));
                        m.insert("keys".into(), json!(i.keys));
                        m.insert("name".into(), json!(i.name));
                        Value::Object(m)
                    })
                    .collect(),
            ),
        );
        top.insert("multitenancy".into(), self.multitenancy.clone());
        top.insert("repo".into(), json!(format!("Elixir.{}", self.repo)));
        top.insert("schema".into(), opt(&self.schema));
        top.insert("table".into(), json!(self.table));
        Value::Object(top)
    }

    /// The file's text: the JSON with its `hash`, as `Jason.encode!(…, pretty: true)`.
    ///
    /// ash_postgres hashes Elixir's `inspect` of the snapshot map, which cannot be reproduced
    /// outside the BEAM; nothing ever reads the hash back, so ours is the SHA-256 (upper-case
    /// hex, the same shape) of the snapshot's own JSON text without the `hash` key: it changes
    /// exactly when the content does.
    pub fn file_text(&self, flavor: Flavor) -> String {
        let mut value = self.to_json(flavor);
        let hash = super::sha256::upper_hex(super::json::pretty(&value).as_bytes());
        if let Value::Object(map) = &mut value {
            map.insert("hash".into(), Value::String(hash));
        }
        super::json::pretty(&value)
    }

    /// Reads a snapshot file's JSON (any 1.x version), filling in what older versions did
    /// not write as ash_postgres's `load_snapshot/1` does.
    pub fn from_json(value: &Value) -> Result<Snapshot, String> {
        let top = value.as_object().ok_or("not a JSON object")?;
        let table = str_of(top, "table").ok_or("no \"table\"")?;
        let mut attributes = Vec::new();
        for attribute in top
            .get("attributes")
            .and_then(Value::as_array)
            .ok_or("no \"attributes\"")?
        {
            attributes.push(SnapAttribute::from_json(attribute)?);
        }
        let check_constraints = array(top, "check_constraints")
            .iter()
            .filter_map(|c| {
                let c = c.as_object()?;
                Some(SnapCheck {
                    attribute: strings(c.get("attribute")),
                    base_filter: str_of(c, "base_filter"),
                    check: str_of(c, "check")?,
                    name: str_of(c, "name")?,
                })
            })
            .collect();
        let custom_indexes = array(top, "custom_indexes")
            .iter()
            .filter_map(|i| i.as_object().map(SnapIndex::from_json))
            .collect();
        let identities = array(top, "identities")
            .iter()
            .filter_map(|i| {
                let i = i.as_object()?;
                let name = str_of(i, "name")?;
                Some(SnapIdentity {
                    all_tenants: bool_of(i, "all_tenants?", false),
                    base_filter: str_of(i, "base_filter"),
                    index_name: str_of(i, "index_name")
                        .unwrap_or_else(|| format!("{table}_{name}_unique_index")),
                    keys: strings(i.get("keys")),
                    name,
                })
            })
            .collect();
        let repo = str_of(top, "repo").unwrap_or_default();
        Ok(Snapshot {
            attributes,
            base_filter: str_of(top, "base_filter"),
            check_constraints,
            custom_indexes,
            custom_statements: array(top, "custom_statements"),
            has_create_action: bool_of(top, "has_create_action", true),
            identities,
            multitenancy: top.get("multitenancy").cloned().unwrap_or_else(no_multitenancy),
            repo: repo.strip_prefix("Elixir.").unwrap_or(&repo).to_string(),
            schema: str_of(top, "schema"),
            table,
        })
    }
}

impl SnapAttribute {
    fn to_json(&self, flavor: Flavor) -> Value {
        let mut m = Map::new();
        m.insert("allow_nil?".into(), Value::Bool(self.allow_nil));
        m.insert("default".into(), json!(self.default));
        m.insert("generated?".into(), Value::Bool(self.generated));
        m.insert("primary_key?".into(), Value::Bool(self.primary_key));
        m.insert(
            "references".into(),
            self.references
                .as_ref()
                .map_or(Value::Null, |r| r.to_json(flavor)),
        );
        m.insert("size".into(), self.size.map_or(Value::Null, |s| json!(s)));
        m.insert("source".into(), json!(self.source));
        m.insert("type".into(), self.ty.clone());
        Value::Object(m)
    }

    fn from_json(value: &Value) -> Result<SnapAttribute, String> {
        let a = value.as_object().ok_or("an attribute is not an object")?;
        let source = str_of(a, "source").ok_or("an attribute without \"source\"")?;
        let references = match a.get("references") {
            Some(Value::Object(r)) => Some(SnapReference::from_json(r)),
            _ => None,
        };
        Ok(SnapAttribute {
            allow_nil: bool_of(a, "allow_nil?", true),
            default: str_of(a, "default").unwrap_or_else(|| "nil".into()),
            generated: bool_of(a, "generated?", false),
            primary_key: bool_of(a, "primary_key?", false),
            references,
            size: a.get("size").and_then(Value::as_i64),
            ty: a.get("type").cloned().unwrap_or(Value::Null),
            source,
        })
    }
}

impl SnapReference {
    fn to_json(&self, flavor: Flavor) -> Value {
        let mut m = Map::new();
        if flavor.at_least(1, 3, 33) {
            m.insert("deferrable".into(), self.deferrable.clone());
        }
        m.insert("destination_attribute".into(), json!(self.destination_attribute));
        m.insert(
            "destination_attribute_default".into(),
            self.destination_attribute_default.clone(),
        );
        m.insert(
            "destination_attribute_generated".into(),
            self.destination_attribute_generated.clone(),
        );
        if flavor.at_least(1, 3, 63) {
            m.insert("match_type".into(), opt(&self.match_type));
            m.insert("match_with".into(), self.match_with.clone());
        }
        m.insert("multitenancy".into(), self.multitenancy.clone());
        m.insert("name".into(), json!(self.name));
        m.insert("on_delete".into(), opt(&self.on_delete));
        m.insert("on_update".into(), opt(&self.on_update));
        if flavor.at_least(1, 3, 20) {
            m.insert("primary_key?".into(), Value::Bool(self.primary_key));
        }
        m.insert("schema".into(), opt(&self.schema));
        m.insert("table".into(), json!(self.table));
        Value::Object(m)
    }

    fn from_json(r: &Map<String, Value>) -> SnapReference {
        let get = |new: &str, old: &str| r.get(new).or_else(|| r.get(old)).cloned().unwrap_or(Value::Null);
        SnapReference {
            deferrable: r.get("deferrable").cloned().unwrap_or(Value::Bool(false)),
            destination_attribute: get("destination_attribute", "destination_field")
                .as_str()
                .unwrap_or("id")
                .to_string(),
            destination_attribute_default: get("destination_attribute_default", "destination_field_default"),
            destination_attribute_generated: get(
                "destination_attribute_generated",
                "destination_field_generated",
            ),
            match_type: str_of(r, "match_type"),
            match_with: r.get("match_with").cloned().unwrap_or(Value::Null),
            multitenancy: r.get("multitenancy").cloned().unwrap_or_else(no_multitenancy),
            name: str_of(r, "name").unwrap_or_default(),
            on_delete: str_of(r, "on_delete"),
            on_update: str_of(r, "on_update"),
            // Files older than 1.3.20 lack it; ash_postgres looks the destination up, which is
            // the primary key for every reference Ash makes by default.
            primary_key: bool_of(r, "primary_key?", true),
            schema: str_of(r, "schema"),
            table: str_of(r, "table").unwrap_or_default(),
        }
    }
}

impl SnapIndex {
    /// The index compared as ash_postgres compares them (`indexes_match?/3`): fields as text,
    /// whether written as atoms or strings.
    pub fn normalized(&self) -> SnapIndex {
        SnapIndex {
            fields: self.fields.iter().map(|(f, _)| (f.clone(), false)).collect(),
            ..self.clone()
        }
    }

    fn to_json(&self, flavor: Flavor) -> Value {
        let mut m = Map::new();
        if flavor.at_least(1, 4, 0) {
            m.insert("all_tenants?".into(), Value::Bool(self.all_tenants));
        }
        m.insert("concurrently".into(), Value::Bool(self.concurrently));
        if flavor.at_least(1, 5, 0) {
            m.insert("error_fields".into(), self.error_fields.clone());
        }
        let fields = self
            .fields
            .iter()
            .map(|(text, atom)| {
                if flavor.at_least(1, 5, 0) {
                    json!({"type": if *atom { "atom" } else { "string" }, "value": text})
                } else {
                    json!(text)
                }
            })
            .collect();
        m.insert("fields".into(), Value::Array(fields));
        m.insert(
            "include".into(),
            self.include.as_ref().map_or(Value::Null, |i| json!(i)),
        );
        m.insert("message".into(), opt(&self.message));
        m.insert("name".into(), opt(&self.name));
        if flavor.at_least(1, 5, 19) {
            m.insert("nulls_distinct".into(), Value::Bool(self.nulls_distinct));
        }
        m.insert("prefix".into(), opt(&self.prefix));
        m.insert("table".into(), opt(&self.table));
        m.insert("unique".into(), Value::Bool(self.unique));
        m.insert("using".into(), opt(&self.using));
        m.insert("where".into(), opt(&self.where_clause));
        Value::Object(m)
    }

    fn from_json(i: &Map<String, Value>) -> SnapIndex {
        let fields = array(i, "fields")
            .iter()
            .filter_map(|f| match f {
                Value::String(s) => Some((s.clone(), false)),
                Value::Object(o) => Some((
                    o.get("value")?.as_str()?.to_string(),
                    o.get("type").and_then(Value::as_str) == Some("atom"),
                )),
                _ => None,
            })
            .collect();
        SnapIndex {
            all_tenants: bool_of(i, "all_tenants?", false),
            concurrently: bool_of(i, "concurrently", false),
            error_fields: i.get("error_fields").cloned().unwrap_or(Value::Null),
            fields,
            include: i
                .get("include")
                .and_then(Value::as_array)
                .map(|_| strings(i.get("include"))),
            message: str_of(i, "message"),
            name: str_of(i, "name"),
            nulls_distinct: bool_of(i, "nulls_distinct", true),
            prefix: str_of(i, "prefix"),
            table: str_of(i, "table"),
            unique: bool_of(i, "unique", false),
            using: str_of(i, "using"),
            where_clause: str_of(i, "where"),
        }
    }
}

fn str_of(m: &Map<String, Value>, key: &str) -> Option<String> {
    m.get(key).and_then(Value::as_str).map(str::to_string)
}

fn bool_of(m: &Map<String, Value>, key: &str, default: bool) -> bool {
    m.get(key).and_then(Value::as_bool).unwrap_or(default)
}

fn array(m: &Map<String, Value>, key: &str) -> Vec<Value> {
    m.get(key).and_then(Value::as_array).cloned().unwrap_or_default()
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}
