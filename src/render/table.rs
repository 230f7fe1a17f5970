//! `--format table`: lists of records and maps as aligned tables.

use crate::eval::value::Value;

pub fn render(value: &Value, width: usize) -> String {
    super::inspect(
        value,
        &super::InspectOptions {
            width,
            limit: usize::MAX,
        },
    )
}
