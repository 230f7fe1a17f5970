//! `List`: functions on proper lists only (no Enumerable: `List.first(1..2)` raises).

use crate::eval::error::EvalError;
use crate::eval::stdlib::errors;
use crate::value::{List, Value};

pub(super) const FUNCTIONS: &[(&str, usize)] = &[
    ("delete", 2),
    ("delete_at", 2),
    ("duplicate", 2),
    ("first", 1),
    ("first", 2),
    ("flatten", 1),
    ("insert_at", 3),
    ("last", 1),
    ("last", 2),
    ("replace_at", 3),
    ("to_tuple", 1),
    ("wrap", 1),
];

type Res = Result<Value, EvalError>;

pub(super) fn call(name: &str, args: &[Value]) -> Option<Res> {
    Some(match (name, args) {
        ("first", [list]) => first_last(list, &Value::Nil, true),
        ("first", [list, default]) => first_last(list, default, true),
        ("last", [list]) => first_last(list, &Value::Nil, false),
        ("last", [list, default]) => first_last(list, default, false),
        ("flatten", [list]) => flatten(list),
        ("wrap", [Value::List(items)]) => Ok(Value::List(items.clone())),
        ("wrap", [Value::Nil]) => Ok(Value::list(Vec::new())),
        ("wrap", [other]) => Ok(Value::list(vec![other.clone()])),
        ("delete", [list, element]) => delete(list, element),
        ("delete_at", [list, index]) => at_index(list, index, "List.delete_at/2", |items, i| {
            items.remove(i);
        }),
        ("replace_at", [list, index, value]) => at_index(list, index, "List.replace_at/3", |items, i| {
            items[i] = value.clone();
        }),
        ("insert_at", [list, index, value]) => insert_at(list, index, value),
        ("to_tuple", [Value::List(items)]) => Ok(Value::Tuple(items.to_shared())),
        ("to_tuple", [_]) => Err(errors::bad_argument(1, "not a list")),
        ("duplicate", [_, Value::Int(n)]) if *n as u64 > errors::MAX_ITEMS && *n > 0 => {
            Err(errors::system_limit())
        }
        ("duplicate", [element, Value::Int(n)]) if *n >= 0 => {
            Ok(Value::list(vec![element.clone(); *n as usize]))
        }
        ("duplicate", [_, n]) => Err(errors::bad_argument(
            1,
            if matches!(n, Value::Int(_)) {
                "out of range"
            } else {
                "not an integer"
            },
        )),
        _ => return None,
    })
}

fn first_last(list: &Value, default: &Value, first: bool) -> Res {
    let Value::List(items) = list else {
        let mfa = if first { "List.first/2" } else { "List.last/2" };
        return Err(errors::function_clause(
            mfa,
            &[list.clone(), default.clone()],
            &[],
        ));
    };
    let item = if first {
        items.first()
    } else {
        items.iter().next_back()
    };
    Ok(item.unwrap_or_else(|| default.clone()))
}

fn flatten(list: &Value) -> Res {
    fn push_all(items: &List, out: &mut Vec<Value>) {
        for item in items.iter() {
            match item {
                Value::List(inner) => push_all(&inner, out),
                other => out.push(other),
            }
        }
    }
    let Value::List(items) = list else {
        return Err(errors::function_clause(
            "List.flatten/1",
            std::slice::from_ref(list),
            &[],
        ));
    };
    let mut out = Vec::new();
    push_all(items, &mut out);
    Ok(Value::list(out))
}

/// Removes the first element that matches (`===`).
fn delete(list: &Value, element: &Value) -> Res {
    let Value::List(items) = list else {
        return Err(errors::function_clause(
            "List.delete/2",
            &[list.clone(), element.clone()],
            &[],
        ));
    };
    let mut items = items.to_vec();
    if let Some(position) = items.iter().position(|item| item.strict_eq(element)) {
        items.remove(position);
    }
    Ok(Value::list(items))
}

/// Applies `change` at a (possibly negative) index; out of range leaves the list unchanged.
fn at_index(list: &Value, index: &Value, mfa: &str, change: impl FnOnce(&mut Vec<Value>, usize)) -> Res {
    let (Value::List(items), Value::Int(index)) = (list, index) else {
        return Err(errors::function_clause(mfa, &[list.clone(), index.clone()], &[]));
    };
    let len = items.len() as i64;
    let position = if *index < 0 { len + index } else { *index };
    let mut items = items.to_vec();
    if (0..len).contains(&position) {
        change(&mut items, position as usize);
    }
    Ok(Value::list(items))
}

/// `List.insert_at/3`: a negative index counts from the end, `-1` appends.
fn insert_at(list: &Value, index: &Value, value: &Value) -> Res {
    let (Value::List(items), Value::Int(index)) = (list, index) else {
        return Err(errors::function_clause(
            "List.insert_at/3",
            &[list.clone(), index.clone(), value.clone()],
            &["def insert_at(list, index, value) when is_list(list) and is_integer(index)"],
        ));
    };
    let len = items.len() as i64;
    let position = if *index < 0 {
        (len + index + 1).max(0)
    } else {
        (*index).min(len)
    };
    let mut items = items.to_vec();
    items.insert(position as usize, value.clone());
    Ok(Value::list(items))
}

#[cfg(test)]
mod tests {
    use crate::eval::stdlib::test_support::check;

    #[test]
    fn list_functions() {
        check(&[
            ("List.first", "[1, 2]", "1"),
            ("List.first", "[]", "nil"),
            ("List.first", "[], :none", ":none"),
            ("List.last", "[1, 2]", "2"),
            ("List.last", "[]", "nil"),
            (
                "List.first",
                "1..2",
                "** (FunctionClauseError) no function clause matching in List.first/2    \n    \n    \
                 The following arguments were given to List.first/2:\n    \n        # 1\n        ‹1..2›\n    \n        \
                 # 2\n        ‹nil›\n    ",
            ),
            ("List.flatten", "[1, [2, [3, []]], 4]", "[1, 2, 3, 4]"),
            ("List.wrap", "nil", "[]"),
            ("List.wrap", "[1]", "[1]"),
            ("List.wrap", ":a", "[:a]"),
            ("List.delete", "[1, 2, 1], 1", "[2, 1]"),
            ("List.delete", "[1.0, 1], 1", "[1.0]"),
            ("List.delete_at", "[1, 2, 3], -1", "[1, 2]"),
            ("List.delete_at", "[1, 2, 3], 9", "[1, 2, 3]"),
            ("List.replace_at", "[1, 2, 3], 0, :x", "[:x, 2, 3]"),
            ("List.insert_at", "[1, 2, 3], 1, 0", "[1, 0, 2, 3]"),
            ("List.insert_at", "[1, 2, 3], -1, 0", "[1, 2, 3, 0]"),
            ("List.insert_at", "[1, 2, 3], -2, 0", "[1, 2, 0, 3]"),
            ("List.insert_at", "[1, 2, 3], 10, 0", "[1, 2, 3, 0]"),
            ("List.insert_at", "[1], -10, 0", "[0, 1]"),
            ("List.to_tuple", "[1, :a]", "{1, :a}"),
            (
                "List.to_tuple",
                "1",
                "** (ArgumentError) errors were found at the given arguments:\n\n  * 1st argument: not a list\n",
            ),
            ("List.duplicate", ":a, 2", "[:a, :a]"),
            (
                "List.duplicate",
                ":a, 1000000000000",
                "** (SystemLimitError) a system limit has been reached",
            ),
        ]);
    }
}
