//! Sorted operations → phases, as ash_postgres 1.x groups them (`streamline/2`,
//! `group_into_phases/3`, `clean_phases/1`): a new column's reference moves into its `add`;
//! column operations of one table share a `create table`/`alter table` block; everything else
//! stands alone.

use super::diff::{Op, Operation};

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
