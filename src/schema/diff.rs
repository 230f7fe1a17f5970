//! Old snapshot (or none) and new snapshot → the operations of a migration, in the order
//! ash_postgres 1.x writes them (`do_fetch_operations/4`, `attribute_operations/3`,
//! `sort_operations/2` with its `after?/2` rules, `streamline/2`, `group_into_phases/3`).
//!
//! Not generated here, as ash_postgres generates them only after asking or for features the
//! model lacks: renames (ash_postgres asks "Are you renaming …?"; here a removed and an added
//! column), primary key changes on an existing table, deferrability statements, custom
//! statements, multitenancy. A removed column is a commented-out `remove` unless
//! `drop_columns` (ash_postgres's question, answered no by default); a removed resource
//! drops nothing.

use super::snapshot::{SnapAttribute, SnapCheck, SnapIdentity, SnapIndex, Snapshot};

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
}

/// An operation with its table.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    pub table: String,
    pub schema: Option<String>,
    pub op: Op,
}

impl Operation {
    fn same_table(&self, other: &Operation) -> bool {
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
    sort(all)
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

/// `sort_operations/2`: each operation goes right after the last one it must follow, else to
/// the front.
pub fn sort(ops: Vec<Operation>) -> Vec<Operation> {
    let mut out: Vec<Operation> = Vec::new();
    for op in ops {
        match out.iter().rposition(|e| after(&op, e)) {
            Some(i) => out.insert(i + 1, op),
            None => out.insert(0, op),
        }
    }
    out
}

/// `after?/2`, the rules for the operations generated here, in ash_postgres's order (the first
/// matching rule decides).
fn after(a: &Operation, b: &Operation) -> bool {
    let st = a.same_table(b);
    let t = a.table == b.table;
    let references = |attr: &SnapAttribute| {
        attr.references
            .as_ref()
            .map(|r| (r.table.clone(), r.destination_attribute.clone()))
    };
    match (&a.op, &b.op) {
        (Op::AddAttribute { order: l, .. }, Op::AddAttribute { order: r, .. }) if st => return l > r,
        (Op::RenameUniqueIndex { .. } | Op::AddUniqueIndex(_), _) if st => return true,
        (Op::AddCheckConstraint(c), Op::AddAttribute { attribute, .. }) if st => {
            return c.attribute.contains(&attribute.source);
        }
        (Op::AddCustomIndex(_), Op::AddAttribute { .. }) if st => return true,
        (Op::AddCustomIndex(x), Op::AddCustomIndex(y)) if st && x.concurrently && !y.concurrently => {
            return true;
        }
        (Op::AddCheckConstraint(x), Op::RemoveCheckConstraint(y)) if st && x.name == y.name => return true,
        (Op::RemoveCheckConstraint(x), Op::AddCheckConstraint(y)) if st && x.name == y.name => return false,
        (Op::AddCheckConstraint(c), Op::AlterAttribute { new, .. }) if st => {
            return c.attribute.contains(&new.source);
        }
        (Op::RemoveUniqueIndex(_), Op::AddUniqueIndex(_)) if st => return false,
        (Op::RemoveUniqueIndex(_), _) if st => return true,
        (Op::RemoveCheckConstraint(c), Op::RemoveAttribute { attribute, .. }) if st => {
            return c.attribute.contains(&attribute.source);
        }
        (
            Op::AlterAttribute { .. },
            Op::DropForeignKey {
                direction: Direction::Up,
                ..
            },
        ) if st => return true,
        (
            Op::AlterAttribute { .. },
            Op::DropForeignKey {
                direction: Direction::Down,
                ..
            },
        ) if st => return false,
        (
            Op::DropForeignKey {
                direction: Direction::Down,
                ..
            },
            Op::AlterAttribute { .. },
        ) if st => return true,
        (Op::AddAttribute { .. }, Op::CreateTable) if st => return true,
        _ => {}
    }
    if let (Op::AddAttribute { attribute, .. }, Op::AddAttribute { attribute: other, .. }) = (&a.op, &b.op)
        && references(attribute) == Some((b.table.clone(), other.source.clone()))
    {
        return true;
    }
    match (&a.op, &b.op) {
        (Op::AddAttribute { attribute: x, .. }, Op::AddAttribute { attribute: y, .. })
            if st && !x.primary_key && y.primary_key =>
        {
            return true;
        }
        (Op::AddAttribute { attribute: x, .. }, Op::RemoveAttribute { attribute: y, .. })
            if st && x.primary_key && y.primary_key =>
        {
            return true;
        }
        (Op::AddAttribute { attribute: x, .. }, Op::AlterAttribute { old, new, .. })
            if st && x.primary_key && !new.primary_key && old.primary_key =>
        {
            return true;
        }
        (Op::RemoveAttribute { attribute, .. }, Op::AlterAttribute { old, new, .. })
            if st && attribute.primary_key && new.primary_key && !old.primary_key =>
        {
            return true;
        }
        (Op::AlterAttribute { old: o1, new: n1, .. }, Op::AlterAttribute { old: o2, new: n2, .. })
            if st && !n1.primary_key && o1.primary_key && n2.primary_key && !o2.primary_key =>
        {
            return true;
        }
        (Op::AlterAttribute { old, new, .. }, Op::AddAttribute { attribute, .. })
            if st && !new.primary_key && old.primary_key && attribute.primary_key =>
        {
            return false;
        }
        _ => {}
    }
    if let Op::AlterAttribute { new, .. } = &a.op
        && let Some((table, destination)) = references(new)
    {
        match &b.op {
            Op::AddUniqueIndex(identity) if b.table == table => return identity.keys.contains(&destination),
            Op::AlterAttribute { new: other, .. } if b.table == table && other.source == destination => {
                return true;
            }
            _ => {}
        }
    }
    if let (Op::AlterAttribute { new, .. }, Op::AlterAttribute { new: other, .. }) = (&a.op, &b.op)
        && references(other) == Some((a.table.clone(), new.source.clone()))
    {
        return false;
    }
    if let (Op::RemoveAttribute { attribute, .. }, Op::AlterAttribute { old, .. }) = (&a.op, &b.op)
        && references(old) == Some((a.table.clone(), attribute.source.clone()))
    {
        return true;
    }
    if let (Op::AlterAttribute { new, .. }, Op::AddAttribute { attribute, .. }) = (&a.op, &b.op)
        && references(new) == Some((b.table.clone(), attribute.source.clone()))
    {
        return true;
    }
    match (&a.op, &b.op) {
        (Op::AddCheckConstraint(_), Op::CreateTable) if st => true,
        (Op::AlterAttribute { new, .. }, _) if new.references.is_some() && t => true,
        (Op::AddCheckConstraint(_) | Op::RemoveCheckConstraint(_), _) => true,
        _ => false,
    }
}

/// A group of operations rendered together: a `create table`/`alter table` block, or one
/// statement on its own.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    Create {
        table: String,
        schema: Option<String>,
        ops: Vec<Operation>,
    },
    Alter {
        table: String,
        schema: Option<String>,
        ops: Vec<Operation>,
        commented: bool,
    },
    Single(Operation),
}

/// `streamline/2` then `group_into_phases/3` and `clean_phases/1`.
pub fn phases(ops: Vec<Operation>) -> Vec<Phase> {
    let ops = streamline(ops);
    let mut phases: Vec<Phase> = Vec::new();
    let mut current: Option<Phase> = None;
    for op in ops {
        let joins = match (&current, &op.op) {
            (
                Some(Phase::Create { table, schema, .. }),
                Op::AddAttribute { .. } | Op::RemoveAttribute { .. },
            )
            | (
                Some(Phase::Alter { table, schema, .. }),
                Op::AddAttribute { .. } | Op::RemoveAttribute { .. } | Op::AlterAttribute { .. },
            ) => *table == op.table && *schema == op.schema,
            _ => false,
        };
        if joins {
            if let Some(Phase::Create { ops, .. } | Phase::Alter { ops, .. }) = current.as_mut() {
                ops.push(op);
            }
            continue;
        }
        if let Some(phase) = current.take() {
            phases.push(phase);
        }
        match &op.op {
            Op::CreateTable => {
                current = Some(Phase::Create {
                    table: op.table.clone(),
                    schema: op.schema.clone(),
                    ops: Vec::new(),
                });
            }
            Op::AddAttribute { .. } | Op::RemoveAttribute { .. } | Op::AlterAttribute { .. } => {
                current = Some(Phase::Alter {
                    table: op.table.clone(),
                    schema: op.schema.clone(),
                    ops: vec![op],
                    commented: false,
                });
            }
            _ => phases.push(Phase::Single(op)),
        }
    }
    if let Some(phase) = current.take() {
        phases.push(phase);
    }
    phases
        .into_iter()
        .filter_map(|phase| match phase {
            Phase::Create { ref ops, .. } if ops.is_empty() => None,
            Phase::Alter {
                table, schema, ops, ..
            } => {
                if ops.is_empty() {
                    return None;
                }
                let commented = ops
                    .iter()
                    .all(|o| matches!(o.op, Op::RemoveAttribute { commented: true, .. }));
                Some(Phase::Alter {
                    table,
                    schema,
                    ops,
                    commented,
                })
            }
            other => Some(other),
        })
        .collect()
}

/// Moves a new column's reference into its `add` when the `AlterAttribute` adding it follows
/// among operations of the same table.
fn streamline(ops: Vec<Operation>) -> Vec<Operation> {
    let mut rest: std::collections::VecDeque<Operation> = ops.into();
    let mut out = Vec::new();
    while let Some(mut op) = rest.pop_front() {
        if let Op::AddAttribute { attribute, .. } = &op.op {
            let name = attribute.source.clone();
            let found = rest.iter().take_while(|o| o.same_table(&op)).position(|o| {
                matches!(&o.op, Op::AlterAttribute { old, new, .. }
                        if new.source == name && old.source == name && new.references.is_some())
            });
            if let Some(i) = found
                && let Some(alter) = rest.remove(i)
                && let (Op::AlterAttribute { new, .. }, Op::AddAttribute { attribute, .. }) =
                    (alter.op, &mut op.op)
            {
                attribute.references = new.references;
            }
        }
        out.push(op);
    }
    out
}
