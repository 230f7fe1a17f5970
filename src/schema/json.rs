//! JSON text as ash_postgres writes its snapshots: `Jason.encode!(map, pretty: true)` with the
//! keys of every object in byte order (what OTP ≤ 25 gave ash_postgres 1.x, and what
//! ash_postgres itself sorts to from 2.1.1), two-space indents, one array item per line, `[]`
//! and `{}` when empty, no trailing newline.
//!
//! Only writing; reading goes through `serde_json`.

use serde_json::Value;

/// The pretty text of a value, keys sorted.
pub fn pretty(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, 0);
    out
}

fn write_value(out: &mut String, value: &Value, depth: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => write_string(out, s),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, depth + 1);
                write_value(out, item, depth + 1);
            }
            newline(out, depth);
            out.push(']');
        }
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, depth + 1);
                write_string(out, key);
                out.push_str(": ");
                write_value(out, &map[*key], depth + 1);
            }
            newline(out, depth);
            out.push('}');
        }
    }
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// Jason's escaping: `"`, `\` and control characters; everything else as is (UTF-8).
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::pretty;

    #[test]
    fn jason_pretty_with_sorted_keys() {
        let value =
            serde_json::json!({"b": [1, "x\"\n\u{1f}"], "a": {}, "c": [], "d": {"z": null, "y": true}});
        assert_eq!(
            pretty(&value),
            "{\n  \"a\": {},\n  \"b\": [\n    1,\n    \"x\\\"\\n\\u001F\"\n  ],\n  \"c\": [],\n  \"d\": {\n    \"y\": true,\n    \"z\": null\n  }\n}"
        );
    }
}
