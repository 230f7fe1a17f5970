//! `--format table`: lists of records and maps as aligned tables, psql style.
//!
//! Columns are the records' loaded fields (attributes, loaded aggregates and calculations,
//! ad-hoc ones) or the maps' keys, in first-seen order. NULL prints as `nil`, an empty string
//! as nothing, so the two never look alike. Given a width (the terminal's, when stdout is one),
//! wide tables are fitted to it by shortening the widest cells (marked `…`); without one, every
//! value is printed whole, for files and other programs. An empty list is a table of no rows.
//! Anything else that is not a list of records or maps prints as iex would, without the
//! 50-item cut.

use crate::value::{Record, Value};

use super::json;

/// The table of `value`, fitted to `width` columns when given.
pub fn render(value: &Value, width: Option<usize>) -> String {
    let full = super::InspectOptions {
        width: width.unwrap_or(super::InspectOptions::default().width),
        limit: usize::MAX,
    };
    let rows = match value {
        Value::List(items) if items.is_empty() => return "(0 rows)".to_string(),
        Value::List(items) if !items.is_empty() && items.iter().all(|item| is_row(&item)) => {
            items.iter().map(|item| row_cells(&item)).collect::<Vec<_>>()
        }
        Value::Record(_) | Value::Map(_) => vec![row_cells(value)],
        _ => return super::inspect(value, &full),
    };
    let mut columns: Vec<String> = Vec::new();
    for row in &rows {
        for (name, _) in row {
            if !columns.contains(name) {
                columns.push(name.clone());
            }
        }
    }
    let grid: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            columns
                .iter()
                .map(|column| {
                    row.iter()
                        .find(|(name, _)| name == column)
                        .map_or(String::new(), |(_, cell)| cell.clone())
                })
                .collect()
        })
        .collect();
    layout(&columns, &grid, width, rows.len())
}

fn is_row(value: &Value) -> bool {
    matches!(value, Value::Record(_) | Value::Map(_))
}

fn row_cells(value: &Value) -> Vec<(String, String)> {
    match value {
        Value::Record(record) => record_cells(record),
        Value::Map(map) => map.entries.iter().map(|(k, v)| (key_text(k), cell(v))).collect(),
        other => vec![("value".to_string(), cell(other))],
    }
}

fn record_cells(record: &Record) -> Vec<(String, String)> {
    match json::to_json(&Value::Record(std::rc::Rc::new(record.clone()))) {
        serde_json::Value::Object(object) => object
            .into_iter()
            .map(|(name, value)| {
                let text = match value {
                    serde_json::Value::Null => "nil".to_string(),
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                };
                (name, text)
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn key_text(key: &Value) -> String {
    match key {
        Value::Atom(a) => a.to_string(),
        Value::Str(s) => s.to_string(),
        other => super::inspect(
            other,
            &super::InspectOptions {
                width: usize::MAX,
                limit: usize::MAX,
            },
        ),
    }
}

fn cell(value: &Value) -> String {
    match value {
        Value::Nil => "nil".to_string(),
        Value::Str(s) => s.to_string(),
        Value::Atom(a) => format!(":{a}"),
        // Dates and decimals plainly, as in a record's row: ISO 8601, the decimal's digits.
        Value::Scalar(_) => match json::to_json(value) {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        },
        other => super::inspect(
            other,
            &super::InspectOptions {
                width: usize::MAX,
                limit: usize::MAX,
            },
        ),
    }
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

fn fit(text: &str, width: usize) -> String {
    if chars(text) <= width {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

fn layout(columns: &[String], grid: &[Vec<String>], width: Option<usize>, count: usize) -> String {
    let mut widths: Vec<usize> = columns.iter().map(|c| chars(c)).collect();
    for row in grid {
        for (i, cell) in row.iter().enumerate() {
            let line = cell.lines().next().unwrap_or("");
            widths[i] = widths[i].max(chars(line));
        }
    }
    // " a | b " : each column costs its width plus 3, minus 1 overall.
    let total = |widths: &[usize]| widths.iter().map(|w| w + 3).sum::<usize>().saturating_sub(1);
    while width.is_some_and(|width| total(&widths) > width) {
        let Some((widest, &w)) = widths.iter().enumerate().max_by_key(|(_, w)| **w) else {
            break;
        };
        if w <= 4 {
            break;
        }
        widths[widest] = w - 1;
    }
    let mut out = String::new();
    let header: Vec<String> = columns
        .iter()
        .zip(&widths)
        .map(|(c, w)| format!(" {:<w$} ", fit(c, *w)))
        .collect();
    out.push_str(header.join("|").trim_end());
    out.push('\n');
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(w + 2)).collect();
    out.push_str(&rule.join("+"));
    out.push('\n');
    for row in grid {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!(" {:<w$} ", fit(cell.lines().next().unwrap_or(""), *w)))
            .collect();
        out.push_str(cells.join("|").trim_end());
        out.push('\n');
    }
    out.push_str(&format!("({count} row{})", if count == 1 { "" } else { "s" }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::MapValue;
    use std::rc::Rc;

    fn map(entries: &[(&str, Value)]) -> Value {
        Value::Map(Rc::new(MapValue::from_entries(
            entries.iter().map(|(k, v)| (Value::atom(k), v.clone())),
        )))
    }

    #[test]
    fn tables() {
        let long = "985b5952-1fa3-487c-a2b7-3a3f2c1d0e9f and a subject that goes on";
        let cases: Vec<(Value, Option<usize>, &str)> = vec![
            (
                Value::list(vec![
                    map(&[("name", Value::string("Alice")), ("n", Value::Int(3))]),
                    map(&[("name", Value::Nil), ("n", Value::Int(10))]),
                    map(&[("name", Value::string("")), ("n", Value::Int(0))]),
                ]),
                Some(80),
                " n  | name\n----+-------\n 3  | Alice\n 10 | nil\n 0  |\n(3 rows)",
            ),
            (
                Value::list(vec![map(&[("text", Value::string("a very long piece of text"))])]),
                Some(12),
                " text\n------------\n a very lo…\n(1 row)",
            ),
            // No terminal: whole values, however wide.
            (
                Value::list(vec![map(&[("text", Value::string(long))])]),
                None,
                " text\n-----------------------------------------------------------------\n 985b5952-1fa3-487c-a2b7-3a3f2c1d0e9f and a subject that goes on\n(1 row)",
            ),
            (Value::list(Vec::new()), None, "(0 rows)"),
            (Value::list(Vec::new()), Some(80), "(0 rows)"),
            (Value::Int(1), Some(80), "1"),
            (Value::Int(1), None, "1"),
        ];
        for (value, width, expected) in cases {
            assert_eq!(render(&value, width), expected);
        }
    }
}
