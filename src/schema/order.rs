//! The order of a migration's operations: ash_postgres 1.x's `sort_operations/2` with the
//! `after?/2` rules for the operations generated here (reference: its migration generator,
//! first matching rule decides, even when it says false).

use super::diff::{Direction, Op, Operation};
use super::snapshot::SnapAttribute;

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
        (
            _,
            Op::AlterDeferrability {
                direction: Direction::Down,
                ..
            },
        ) => return true,
        (
            Op::AlterDeferrability {
                direction: Direction::Up,
                ..
            },
            _,
        ) => return true,
        (Op::RemovePrimaryKey, Op::DropForeignKey { .. }) => return true,
        (Op::DropForeignKey { .. }, Op::RemovePrimaryKey) => return false,
        (Op::RemovePrimaryKey, _) => return false,
        (_, Op::RemovePrimaryKey) => return true,
        (Op::RemovePrimaryKeyDown, _) => return true,
        (_, Op::RemovePrimaryKeyDown) => return false,
        _ => {}
    }
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

#[cfg(test)]
mod tests {
    use crate::project::{SourceFile, compile};
    use crate::schema::phase::{Phase, phases};
    use crate::schema::{Flavor, build, diff};

    fn tables(beta_belongs_to_alpha: bool) -> Vec<String> {
        let resource = |name: &str, table: &str, extra: &str| {
            format!(
                "defmodule A.{name} do\n  use Ash.Resource, data_layer: AshPostgres.DataLayer\n  postgres do\n    table \"{table}\"\n    repo A.Repo\n  end\n  attributes do\n    uuid_primary_key :id\n    attribute :title, :string\n  end\n  {extra}\n  actions do\n    defaults [:read]\n  end\nend\n"
            )
        };
        let extra = if beta_belongs_to_alpha {
            "relationships do\n    belongs_to :alpha, A.Alpha\n  end"
        } else {
            ""
        };
        let files = [
            SourceFile {
                path: "lib/alpha.ex".into(),
                text: resource("Alpha", "alpha", ""),
            },
            SourceFile {
                path: "lib/beta.ex".into(),
                text: resource("Beta", "beta", extra),
            },
        ];
        let project = compile(&files).expect("compiles");
        let pairs: Vec<_> = build::snapshots(&project, Flavor::default(), &|_, _| None)
            .into_iter()
            .map(|s| (s, None))
            .collect();
        phases(diff::operations(&pairs, false))
            .into_iter()
            .map(|p| match p {
                Phase::Create { table, .. } => format!("create {table}"),
                Phase::Alter { table, .. } => format!("alter {table}"),
                Phase::Single(op) => op.describe(),
            })
            .collect()
    }

    /// Unconstrained operations come out reversed (tables in reverse name order). A reference
    /// to a table created later is not inlined: its column is added plainly and a later
    /// `alter table … modify` adds the foreign key (the chapter's tickets → users is inlined
    /// because `tickets` sorts before `users`); alpha's second column, placed before that
    /// alter was inserted after alpha's first, ends in an `alter table(:alpha)` of its own.
    #[test]
    fn tables_in_reverse_name_order_and_late_references() {
        assert_eq!(tables(false), ["create beta", "create alpha"]);
        assert_eq!(
            tables(true),
            [
                "create beta",
                "create alpha",
                "alter beta",
                "drop foreign key beta_alpha_id_fkey",
                "alter alpha"
            ]
        );
    }
}
