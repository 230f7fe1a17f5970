//! `Keyword`: keyword lists (`[a: 1, b: 2]`), lists of `{atom, value}` pairs with possibly
//! repeated keys, order kept.

use crate::eval::error::EvalError;
use crate::eval::stdlib::errors;
use crate::value::Value;

pub(super) const FUNCTIONS: &[(&str, usize)] = &[
    ("delete", 2),
    ("fetch", 2),
    ("get", 2),
    ("get", 3),
    ("has_key?", 2),
    ("keys", 1),
    ("merge", 2),
    ("new", 0),
    ("put", 3),
    ("values", 1),
];

type Res = Result<Value, EvalError>;

pub(super) fn call(name: &str, args: &[Value]) -> Option<Res> {
    Some(match (name, args) {
        ("get", [kw, key]) => get(kw, key, &Value::Nil, "Keyword.get/3"),
        ("get", [kw, key, default]) => get(kw, key, default, "Keyword.get/3"),
        ("fetch", [kw, key]) => pairs(kw, "Keyword.fetch/2", args).map(|pairs| {
            match pairs.iter().find(|(k, _)| k.strict_eq(key)) {
                Some((_, value)) => Value::ok(value.clone()),
                None => Value::atom("error"),
            }
        }),
        ("has_key?", [kw, key]) => pairs(kw, "Keyword.has_key?/2", args)
            .map(|pairs| Value::Bool(pairs.iter().any(|(k, _)| k.strict_eq(key)))),
        ("keys", [kw]) => pairs(kw, "Keyword.keys/1", args)
            .map(|pairs| Value::list(pairs.into_iter().map(|(k, _)| k).collect())),
        ("values", [kw]) => pairs(kw, "Keyword.values/1", args)
            .map(|pairs| Value::list(pairs.into_iter().map(|(_, v)| v).collect())),
        ("put", [kw, key, value]) => pairs(kw, "Keyword.put/3", args).map(|pairs| {
            let mut out = vec![Value::tuple(vec![key.clone(), value.clone()])];
            out.extend(without(pairs, |k| k.strict_eq(key)));
            Value::list(out)
        }),
        ("delete", [kw, key]) => {
            pairs(kw, "Keyword.delete/2", args).map(|pairs| Value::list(without(pairs, |k| k.strict_eq(key))))
        }
        ("merge", [a, b]) => {
            let (left, right) = match (
                pairs(a, "Keyword.merge/2", args),
                pairs(b, "Keyword.merge/2", args),
            ) {
                (Ok(left), Ok(right)) => (left, right),
                (Err(e), _) | (_, Err(e)) => return Some(Err(e)),
            };
            let mut out = without(left, |k| right.iter().any(|(rk, _)| rk.strict_eq(k)));
            out.extend(right.into_iter().map(|(k, v)| Value::tuple(vec![k, v])));
            Ok(Value::list(out))
        }
        ("new", []) => Ok(Value::list(Vec::new())),
        _ => return None,
    })
}

/// The `{key, value}` pairs of a keyword list, or the FunctionClauseError of `mfa`.
fn pairs(kw: &Value, mfa: &str, args: &[Value]) -> Result<Vec<(Value, Value)>, EvalError> {
    let Value::List(items) = kw else {
        return Err(errors::function_clause(mfa, args, &[]));
    };
    items
        .iter()
        .map(|item| match item {
            Value::Tuple(pair) if pair.len() == 2 => Ok((pair[0].clone(), pair[1].clone())),
            _ => Err(errors::function_clause(mfa, args, &[])),
        })
        .collect()
}

fn without(pairs: Vec<(Value, Value)>, drop: impl Fn(&Value) -> bool) -> Vec<Value> {
    pairs
        .into_iter()
        .filter(|(k, _)| !drop(k))
        .map(|(k, v)| Value::tuple(vec![k, v]))
        .collect()
}

fn get(kw: &Value, key: &Value, default: &Value, mfa: &str) -> Res {
    let args = [kw.clone(), key.clone(), default.clone()];
    let pairs = pairs(kw, mfa, &args)?;
    Ok(pairs
        .into_iter()
        .find(|(k, _)| k.strict_eq(key))
        .map_or_else(|| default.clone(), |(_, v)| v))
}

#[cfg(test)]
mod tests {
    use crate::eval::stdlib::test_support::check;

    #[test]
    fn keyword_functions() {
        check(&[
            ("Keyword.get", "[a: 1, b: 2, a: 3], :a", "1"),
            ("Keyword.get", "[a: 1], :z", "nil"),
            ("Keyword.get", "[a: 1], :z, 0", "0"),
            (
                "Keyword.get",
                "%{a: 1}, :a",
                "** (FunctionClauseError) no function clause matching in Keyword.get/3    \n    \n    \
                 The following arguments were given to Keyword.get/3:\n    \n        # 1\n        ‹%{a: 1}›\n    \n        \
                 # 2\n        ‹:a›\n    \n        # 3\n        ‹nil›\n    ",
            ),
            ("Keyword.fetch", "[a: 1], :a", "{:ok, 1}"),
            ("Keyword.fetch", "[a: 1], :b", ":error"),
            ("Keyword.has_key?", "[a: 1], :a", "true"),
            ("Keyword.keys", "[a: 1, b: 2, a: 3]", "[:a, :b, :a]"),
            ("Keyword.values", "[a: 1, b: 2]", "[1, 2]"),
            ("Keyword.put", "[a: 1, b: 2, a: 3], :a, 9", "[a: 9, b: 2]"),
            ("Keyword.put", "[a: 1], :b, 2", "[b: 2, a: 1]"),
            ("Keyword.delete", "[a: 1, b: 2, a: 3], :a", "[b: 2]"),
            (
                "Keyword.merge",
                "[a: 1, b: 2], [b: 3, c: 4]",
                "[a: 1, b: 3, c: 4]",
            ),
            ("Keyword.new", "", "[]"),
        ]);
    }
}
