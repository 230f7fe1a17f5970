//! `--format json`: one JSON document per result.

use crate::eval::value::Value;

pub fn render(value: &Value) -> String {
    super::inspect(
        value,
        &super::InspectOptions {
            width: 80,
            limit: usize::MAX,
        },
    )
}
