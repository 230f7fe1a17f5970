//! Values → algebra documents, as Elixir 1.14's `Inspect` implementations build them (`inspect.ex`:
//! atoms, strings, charlists, keyword lists, lists, tuples, maps, ranges, functions, structs).
//!
//! Ash's own inspects (records, queries, changesets, filters) are in `ash.rs` and `filter.rs`;
//! laying the document out is `algebra::format`.

use crate::render::algebra::{self, ContainerBreak, Doc, concat, container_doc, text};
use crate::render::{ash, filter, float, literal};
use crate::scalar::Scalar;
use crate::value::{Function, List, MapValue, StructValue, Value};

/// `to_doc(value, opts)` with `opts.limit = limit`.
pub(crate) fn to_doc(value: &Value, limit: usize) -> Doc {
    match value {
        Value::Nil => text("nil"),
        Value::Bool(true) => text("true"),
        Value::Bool(false) => text("false"),
        Value::Int(i) => text(i.to_string()),
        Value::Float(f) => text(float::inspect(*f)),
        Value::Atom(name) => text(literal::atom_literal(name)),
        Value::Module(name) => text(module_name(name)),
        Value::Str(s) => literal::string_doc(s, limit),
        Value::List(items) => list_value_doc(items, limit),
        Value::Tuple(items) => tuple_doc(items, limit),
        Value::Map(map) => map_doc(map, limit),
        Value::Range { first, last, step } => range_doc(*first, *last, *step),
        Value::Fun(function) => text(function_text(function)),
        Value::Record(record) => ash::record_doc(record, limit),
        Value::Query(query) => ash::query_doc(query, limit),
        Value::Changeset(changeset) => ash::changeset_doc(changeset, limit),
        Value::Struct(value) => struct_doc(value, limit),
        Value::NotLoaded(kind) => text(format!("#Ash.NotLoaded<:{}>", kind.name())),
        Value::Opaque(s) => text(s.to_string()),
        // An unparsed `expr(...)` is an `Ash.Query.Call`/`Ref` tree in Ash 2.4, whose inspect
        // prints the expression itself: `expr(name <> "-")` shows as `name <> "-"`.
        Value::AshExpr(expr) => filter::raw_doc(expr, limit),
        Value::Scalar(scalar) => text(scalar_text(scalar)),
    }
}

/// iex's inspect of a scalar struct: `~U[2024-01-02 03:04:05Z]`, `#Decimal<9.50>` (Decimal
/// 2.0, as the chapter's Ash 2.4 prints it), `#Ash.CiString<"Ann">`.
pub(crate) fn scalar_text(scalar: &Scalar) -> String {
    match scalar {
        Scalar::Cal(c) => c.sigil(),
        Scalar::Decimal(d) => format!("#Decimal<{}>", d.to_text()),
        Scalar::CiString(s) => format!("#Ash.CiString<\"{}\">", literal::escape(s, '"', usize::MAX).0),
    }
}

/// A module alias as Elixir prints it (`Support.Ticket`).
pub(crate) fn module_name(name: &str) -> String {
    let full = if name.starts_with("Elixir.") {
        name.to_string()
    } else {
        format!("Elixir.{name}")
    };
    literal::atom_literal(&full)
}

/// A list value: held values are inspected in place; a compact list of records (never a
/// charlist or keyword list) builds only the records the limit lets through, and one more
/// to know that `...` follows.
fn list_value_doc(list: &List, limit: usize) -> Doc {
    match list.as_slice() {
        Some(items) => list_doc(items, limit),
        None => {
            let shown: Vec<Value> = list.iter().take(limit.saturating_add(1)).collect();
            list_doc(&shown, limit)
        }
    }
}

/// `Inspect.List`: `[]`, a charlist, a keyword list (one entry per line when broken) or a list.
pub(crate) fn list_doc(items: &[Value], limit: usize) -> Doc {
    if items.is_empty() {
        return text("[]");
    }
    if let Some(codes) = char_codes(items)
        && literal::is_ascii_printable(&codes)
    {
        return text(literal::charlist_text(&codes));
    }
    if is_keyword(items) {
        container_doc(
            text("["),
            items,
            text("]"),
            limit,
            ",",
            ContainerBreak::Strict,
            |item, limit| match item {
                Value::Tuple(pair) => keyword_entry(&pair[0], &pair[1], limit),
                other => to_doc(other, limit),
            },
        )
    } else {
        container_doc(
            text("["),
            items,
            text("]"),
            limit,
            ",",
            ContainerBreak::Maybe,
            to_doc,
        )
    }
}

fn char_codes(items: &[Value]) -> Option<Vec<i64>> {
    items
        .iter()
        .map(|item| if let Value::Int(i) = item { Some(*i) } else { None })
        .collect()
}

/// The atom name of a keyword key: atoms that are not module aliases.
fn keyword_key(value: &Value) -> Option<&str> {
    match value {
        Value::Atom(name) if !name.starts_with("Elixir.") => Some(name),
        Value::Nil => Some("nil"),
        Value::Bool(true) => Some("true"),
        Value::Bool(false) => Some("false"),
        _ => None,
    }
}

/// `Inspect.List.keyword?/1`.
fn is_keyword(items: &[Value]) -> bool {
    items.iter().all(|item| match item {
        Value::Tuple(pair) => pair.len() == 2 && keyword_key(&pair[0]).is_some(),
        _ => false,
    })
}

/// `Inspect.List.keyword/2`: `key: value`.
fn keyword_entry(key: &Value, value: &Value, limit: usize) -> Doc {
    let key = keyword_key(key).map(literal::atom_key).unwrap_or_default();
    field_doc(&key, to_doc(value, limit))
}

/// `key: <doc>` for an already escaped `key:` text.
pub(crate) fn field_doc(key: &str, value: Doc) -> Doc {
    concat(vec![text(key.to_string()), text(" "), value])
}

/// `name: <doc>` for a field or keyword name.
pub(crate) fn named(name: &str, value: Doc) -> Doc {
    field_doc(&literal::atom_key(name), value)
}

fn tuple_doc(items: &[Value], limit: usize) -> Doc {
    container_doc(
        text("{"),
        items,
        text("}"),
        limit,
        ",",
        ContainerBreak::Flex,
        to_doc,
    )
}

/// `Inspect.Map`: `%{a: 1}` when every key is an atom, `%{"k" => 1, :a => 2}` otherwise.
pub(crate) fn map_doc(map: &MapValue, limit: usize) -> Doc {
    let keyword = map.entries.iter().all(|(key, _)| keyword_key(key).is_some());
    container_doc(
        text("%{"),
        &map.entries,
        text("}"),
        limit,
        ",",
        ContainerBreak::Strict,
        |(key, value), limit| {
            if keyword {
                keyword_entry(key, value, limit)
            } else {
                concat(vec![to_doc(key, limit), text(" => "), to_doc(value, limit)])
            }
        },
    )
}

/// `%Module{field: value, ...}` (`Inspect.Map.inspect/4`, fields in definition order).
fn struct_doc(value: &StructValue, limit: usize) -> Doc {
    let open = format!("%{}{{", module_name(&value.module));
    container_doc(
        text(open),
        &value.fields,
        text("}"),
        limit,
        ",",
        ContainerBreak::Strict,
        |(name, value), limit| named(name, to_doc(value, limit)),
    )
}

fn range_doc(first: i64, last: i64, step: i64) -> Doc {
    if step == 1 && last >= first {
        text(format!("{first}..{last}"))
    } else {
        text(format!("{first}..{last}//{step}"))
    }
}

/// Functions. A captured named function prints as Elixir does (`&String.upcase/1`). A closure
/// typed in the shell prints as iex 1.14 on OTP 25 prints an erl_eval fun: erl_eval has one
/// fun per arity 0..20, numbered 43 down to 23, in a module whose hash is 3316493
/// (`#Function<42.3316493/1 in :erl_eval.expr/6>`, checked with `erlang:fun_info/1`).
fn function_text(function: &Function) -> String {
    match function {
        Function::Closure { .. } => {
            let arity = function.arity();
            let index = 43usize.saturating_sub(arity);
            format!("#Function<{index}.3316493/{arity} in :erl_eval.expr/6>")
        }
        Function::Named { module, name, arity } => {
            let name = remote_name(name);
            // Kernel functions inlined by the compiler print as the BIF, also when captured
            // through `&Kernel.f/n`.
            let kernel = matches!(module.as_deref(), None | Some("Kernel"));
            match module.as_deref() {
                _ if kernel && ERLANG_BIFS.contains(&name.as_str()) => format!("&:erlang.{name}/{arity}"),
                // Operators are inlined to their Erlang BIFs, some under Erlang's own names.
                _ if kernel && ERLANG_OPERATORS.iter().any(|(op, _)| *op == name.as_str()) => {
                    let erlang = ERLANG_OPERATORS
                        .iter()
                        .find(|(op, _)| *op == name.as_str())
                        .map_or("", |(_, e)| *e);
                    format!("&:erlang.{}/{arity}", remote_name(erlang))
                }
                Some(module) if module.starts_with(|c: char| c.is_ascii_lowercase()) => {
                    format!("&:{module}.{name}/{arity}")
                }
                Some(module) => format!("&{}.{name}/{arity}", module_name(module)),
                None => format!("&Kernel.{name}/{arity}"),
            }
        }
    }
}

/// Kernel operators and the `:erlang` functions they are inlined to (`&+/2` is `&:erlang.+/2`).
const ERLANG_OPERATORS: &[(&str, &str)] = &[
    ("+", "+"),
    ("-", "-"),
    ("*", "*"),
    ("/", "/"),
    ("==", "=="),
    ("!=", "/="),
    ("===", "=:="),
    ("!==", "=/="),
    ("<", "<"),
    (">", ">"),
    ("<=", "=<"),
    (">=", ">="),
    ("++", "++"),
    ("--", "--"),
];

/// Kernel functions that are inlined to `:erlang` BIFs, so their captures print as `&:erlang.f/n`.
const ERLANG_BIFS: &[&str] = &[
    "abs",
    "hd",
    "tl",
    "length",
    "elem",
    "round",
    "trunc",
    "div",
    "rem",
    "is_atom",
    "is_binary",
    "is_integer",
    "is_float",
    "is_list",
    "is_map",
    "is_number",
    "is_tuple",
    "is_function",
    "is_boolean",
    "tuple_size",
    "map_size",
    "byte_size",
    "bit_size",
    "self",
    "node",
    "binary_part",
];

/// `Macro.inspect_atom(:remote_call, name)`: `upcase`, `"Foo"`, `"a b"`.
fn remote_name(name: &str) -> String {
    if matches!(name, "nil" | "true" | "false") {
        return name.to_string();
    }
    let literal = literal::atom_literal(name);
    match literal.strip_prefix(':') {
        Some(plain) if !plain.starts_with('"') && !plain.starts_with(|c: char| c.is_ascii_uppercase()) => {
            plain.to_string()
        }
        Some(quoted) if quoted.starts_with('"') => quoted.to_string(),
        _ => format!("\"{name}\""),
    }
}

/// Formats a document the way `Kernel.inspect/2` does: the whole wrapped in a group.
pub(crate) fn format_value(value: &Value, width: usize, limit: usize) -> String {
    algebra::format(&algebra::group(to_doc(value, limit)), width)
}
