//! Old snapshot (or none) and new snapshot → the operations of a migration, as ash_postgres
//! 1.x finds them (`do_fetch_operations/4`, `attribute_operations/3`); `order.rs` sorts them as
//! it does, `phase.rs` groups them into blocks.
//!
//! Not generated here, as ash_postgres generates them only after asking or for features the
//! model lacks: renames (ash_postgres asks "Are you renaming …?"; here a removed and an added
//! column), custom statements, multitenancy. A removed column is a
//! commented-out `remove` unless `drop_columns` (ash_postgres's question, answered no by
//! default); a removed resource drops nothing.

use super::snapshot::{SnapAttribute, SnapCheck, SnapIdentity, SnapIndex, SnapReference, Snapshot};

/// Which migration direction a foreign key drop belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// One operation on one table.
// A migration holds a handful of these: boxing the large variants buys nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    CreateTable,
    /// A column; `order` is its index in the new snapshot.
    AddAttribute {
        attribute: SnapAttribute,
        order: usize,
    },
    AlterAttribute {
        old: SnapAttribute,
        new: SnapAttribute,
        order: usize,
    },
    RemoveAttribute {
        attribute: SnapAttribute,
        commented: bool,
    },
    DropForeignKey {
        attribute: SnapAttribute,
        direction: Direction,
    },
    AddUniqueIndex(SnapIdentity),
    RemoveUniqueIndex(SnapIdentity),
    RenameUniqueIndex {
        old: SnapIdentity,
        new: SnapIdentity,
    },
    AddCheckConstraint(SnapCheck),
    RemoveCheckConstraint(SnapCheck),
    AddCustomIndex(SnapIndex),
    RemoveCustomIndex(SnapIndex),
    /// `execute("ALTER TABLE t alter CONSTRAINT n DEFERRABLE …")` for a foreign key that is (or
    /// stops being) deferrable: in `up` (direction up) or in `down`.
    AlterDeferrability {
        references: Option<SnapReference>,
        direction: Direction,
    },
    /// The primary key changes on an existing table: `drop constraint("t", "t_pkey")` first…
    RemovePrimaryKey,
    /// … and the same in `down`.
    RemovePrimaryKeyDown,
}

/// An operation with its table.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    pub table: String,
    pub schema: Option<String>,
    pub op: Op,
}

impl Operation {
    pub(super) fn same_table(&self, other: &Operation) -> bool {
        self.table == other.table && self.schema == other.schema
    }

    /// One line saying what it does (for `--check` and `--dry-run`).
    pub fn describe(&self) -> String {
        let t = &self.table;
        match &self.op {
            Op::CreateTable => format!("create table {t}"),
            Op::AddAttribute { attribute, .. } => format!("add column {t}.{}", attribute.source),
            Op::AlterAttribute { new, .. } => format!("modify column {t}.{}", new.source),
            Op::RemoveAttribute {
                attribute,
                commented: true,
            } => {
                format!(
                    "column {t}.{} is gone from the resource (kept; --drop-columns drops it)",
                    attribute.source
                )
            }
            Op::RemoveAttribute { attribute, .. } => format!("drop column {t}.{}", attribute.source),
            Op::DropForeignKey { attribute, .. } => format!(
                "drop foreign key {}",
                attribute.references.as_ref().map_or("", |r| r.name.as_str())
            ),
            Op::AddUniqueIndex(i) => format!("create unique index {} on {t}", i.index_name),
            Op::RemoveUniqueIndex(i) => format!("drop unique index {} on {t}", i.index_name),
            Op::RenameUniqueIndex { old, new } => {
                format!("rename index {} to {}", old.index_name, new.index_name)
            }
            Op::AddCheckConstraint(c) => format!("add check constraint {} on {t}", c.name),
            Op::RemoveCheckConstraint(c) => format!("drop check constraint {} on {t}", c.name),
            Op::AddCustomIndex(i) => format!("create index on {t} ({})", field_list(i)),
            Op::RemoveCustomIndex(i) => format!("drop index on {t} ({})", field_list(i)),
            Op::RemovePrimaryKey => format!("drop primary key {t}_pkey"),
            Op::AlterDeferrability {
                references,
                direction,
            } => format!(
                "foreign key {} deferrability{}",
                references.as_ref().map_or("", |r| r.name.as_str()),
                if *direction == Direction::Down {
                    " (down)"
                } else {
                    ""
                }
            ),
            Op::RemovePrimaryKeyDown => format!("drop primary key {t}_pkey (down)"),
        }
    }
}

fn field_list(index: &SnapIndex) -> String {
    index
        .fields
        .iter()
        .map(|(f, _)| f.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The operations of every table with changes, sorted as ash_postgres sorts them. Tables are
/// visited by name (ash_postgres's map order, exact up to 32 tables).
pub fn operations(pairs: &[(Snapshot, Option<Snapshot>)], drop_columns: bool) -> Vec<Operation> {
    let mut sorted: Vec<&(Snapshot, Option<Snapshot>)> = pairs.iter().collect();
    sorted.sort_by(|a, b| (&a.0.table, &a.0.schema).cmp(&(&b.0.table, &b.0.schema)));
    let mut all = Vec::new();
    for (new, old) in sorted {
        for op in table_operations(new, old.as_ref(), drop_columns) {
            let operation = Operation {
                table: new.table.clone(),
                schema: new.schema.clone(),
                op,
            };
            if !all.contains(&operation) {
                all.push(operation);
            }
        }
    }
    super::order::sort(all)
}

/// One table's operations in `do_fetch_operations/4`'s order.
pub fn table_operations(new: &Snapshot, old: Option<&Snapshot>, drop_columns: bool) -> Vec<Op> {
    let empty;
    let (old, create) = match old {
        Some(old) if old.schema == new.schema => (old, false),
        _ => {
            empty = Snapshot {
                attributes: Vec::new(),
                base_filter: None,
                check_constraints: Vec::new(),
                custom_indexes: Vec::new(),
                custom_statements: Vec::new(),
                has_create_action: true,
                identities: Vec::new(),
                multitenancy: super::snapshot::no_multitenancy(),
                repo: new.repo.clone(),
                schema: None,
                table: new.table.clone(),
            };
            (&empty, true)
        }
    };
    let order = |source: &str| {
        new.attributes
            .iter()
            .position(|a| a.source == source)
            .unwrap_or(usize::MAX)
    };
    let mut ops = Vec::new();
    let same_identity = |a: &SnapIdentity, b: &SnapIdentity| {
        let mut ka = a.keys.clone();
        let mut kb = b.keys.clone();
        ka.sort();
        kb.sort();
        a.name == b.name && ka == kb && a.base_filter == b.base_filter
    };
    for identity in &old.identities {
        if !new.identities.iter().any(|i| same_identity(i, identity)) {
            ops.push(Op::RemoveUniqueIndex(identity.clone()));
        }
    }
    // Attribute operations: adds, alters, removes.
    for attribute in &new.attributes {
        if old.attributes.iter().any(|a| a.source == attribute.source) {
            continue;
        }
        let order = order(&attribute.source);
        if attribute.references.is_some() {
            let plain = SnapAttribute {
                references: None,
                ..attribute.clone()
            };
            ops.push(Op::AddAttribute {
                attribute: plain.clone(),
                order,
            });
            ops.push(Op::AlterAttribute {
                old: plain,
                new: attribute.clone(),
                order,
            });
            ops.push(Op::DropForeignKey {
                attribute: attribute.clone(),
                direction: Direction::Down,
            });
            if attribute.references.as_ref().is_some_and(deferrable) {
                for direction in [Direction::Up, Direction::Down] {
                    ops.push(Op::AlterDeferrability {
                        references: attribute.references.clone(),
                        direction,
                    });
                }
            }
        } else {
            ops.push(Op::AddAttribute {
                attribute: attribute.clone(),
                order,
            });
        }
    }
    for attribute in &new.attributes {
        let Some(previous) = old.attributes.iter().find(|a| a.source == attribute.source) else {
            continue;
        };
        if unequal(previous, attribute) {
            let order = order(&attribute.source);
            let differently = match (&previous.references, &attribute.references) {
                (Some(a), Some(b)) => a.deferrable != b.deferrable,
                _ => false,
            };
            if previous.references.is_some() && previous.references != attribute.references {
                ops.push(Op::DropForeignKey {
                    attribute: previous.clone(),
                    direction: Direction::Up,
                });
                ops.push(Op::AlterAttribute {
                    old: previous.clone(),
                    new: attribute.clone(),
                    order,
                });
                if !differently {
                    ops.push(Op::AlterDeferrability {
                        references: attribute.references.clone(),
                        direction: Direction::Up,
                    });
                }
                if attribute.references.is_some() {
                    ops.push(Op::DropForeignKey {
                        attribute: attribute.clone(),
                        direction: Direction::Down,
                    });
                }
            } else {
                ops.push(Op::AlterAttribute {
                    old: SnapAttribute {
                        references: None,
                        ..previous.clone()
                    },
                    new: SnapAttribute {
                        references: None,
                        ..attribute.clone()
                    },
                    order,
                });
            }
            if differently {
                ops.push(Op::AlterDeferrability {
                    references: attribute.references.clone(),
                    direction: Direction::Up,
                });
                ops.push(Op::AlterDeferrability {
                    references: previous.references.clone(),
                    direction: Direction::Down,
                });
            }
        }
    }
    for attribute in &old.attributes {
        if !new.attributes.iter().any(|a| a.source == attribute.source) {
            ops.push(Op::RemoveAttribute {
                attribute: attribute.clone(),
                commented: !drop_columns,
            });
        }
    }
    // `pkey_operations/3`: a key column added or a column's key flag changed on an existing
    // table drops the old key first (in both directions); they lead the table's operations.
    let must_drop_pkey = !create
        && ops.iter().any(|op| match op {
            Op::AlterAttribute { old, new, .. } => old.primary_key != new.primary_key,
            Op::AddAttribute { attribute, .. } => attribute.primary_key,
            _ => false,
        });
    if must_drop_pkey {
        ops.insert(0, Op::RemovePrimaryKeyDown);
        ops.insert(0, Op::RemovePrimaryKey);
    }
    for identity in &new.identities {
        if !old.identities.iter().any(|i| same_identity(i, identity)) {
            ops.push(Op::AddUniqueIndex(identity.clone()));
        }
    }
    for identity in &new.identities {
        if let Some(previous) = old
            .identities
            .iter()
            .find(|i| i.name == identity.name && i.index_name != identity.index_name)
        {
            ops.push(Op::RenameUniqueIndex {
                old: previous.clone(),
                new: identity.clone(),
            });
        }
    }
    let same_check = |a: &SnapCheck, b: &SnapCheck| a.check == b.check && a.name == b.name;
    for check in &old.check_constraints {
        if !new.check_constraints.iter().any(|c| same_check(c, check)) {
            ops.push(Op::RemoveCheckConstraint(check.clone()));
        }
    }
    for check in &new.check_constraints {
        if !old.check_constraints.iter().any(|c| same_check(c, check)) {
            ops.push(Op::AddCheckConstraint(check.clone()));
        }
    }
    let same_index = |a: &SnapIndex, b: &SnapIndex| {
        let name = |i: &SnapIndex| {
            i.name
                .clone()
                .unwrap_or_else(|| default_index_name(&new.table, i))
        };
        SnapIndex {
            name: Some(name(a)),
            ..a.normalized()
        } == SnapIndex {
            name: Some(name(b)),
            ..b.normalized()
        }
    };
    for index in &new.custom_indexes {
        if !old.custom_indexes.iter().any(|i| same_index(i, index)) {
            ops.push(Op::AddCustomIndex(index.clone()));
        }
    }
    for index in &old.custom_indexes {
        if !new.custom_indexes.iter().any(|i| same_index(i, index)) {
            ops.push(Op::RemoveCustomIndex(index.clone()));
        }
    }
    if create {
        ops.push(Op::CreateTable);
    }
    ops
}

/// A reference whose `deferrable` is `true` or `"initially"`.
fn deferrable(reference: &SnapReference) -> bool {
    !matches!(
        reference.deferrable,
        serde_json::Value::Bool(false) | serde_json::Value::Null
    )
}

/// `AshPostgres.CustomIndex.name/2`: `<table>_<fields>_index`, fields' non-word characters
/// dropped.
pub fn default_index_name(table: &str, index: &SnapIndex) -> String {
    let fields: Vec<String> = index
        .fields
        .iter()
        .map(|(f, _)| f.chars().filter(|c| c.is_alphanumeric() || *c == '_').collect())
        .collect();
    format!("{table}_{}_index", fields.join("_"))
}

/// `attributes_unequal?/5`: `destination_attribute_generated` counts only for integers.
fn unequal(old: &SnapAttribute, new: &SnapAttribute) -> bool {
    let clean = |a: &SnapAttribute| {
        let mut a = a.clone();
        if let Some(r) = a.references.as_mut()
            && a.ty != serde_json::json!("integer")
        {
            r.destination_attribute_generated = serde_json::Value::Null;
        }
        a
    };
    clean(old) != clean(new)
}
