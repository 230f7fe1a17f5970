//! The document algebra of Elixir's `Inspect.Algebra` (Lindig's "Strictly Pretty" with strict
//! and flex breaks), ported from Elixir 1.14 `lib/elixir/lib/inspect/algebra.ex`.
//!
//! Only the parts iex's inspect uses are here: text, concat, nest, strict/flex breaks, groups,
//! forced lines, `container_doc/6` and `format/2`. Colours are left out (we print plain text; an
//! Elixir colour node has no width, so layouts are unchanged). Text width is the byte size, as
//! Elixir measures binaries.

use std::borrow::Cow;

/// Stands for Elixir's `:infinity` in widths and limits.
pub const INFINITY: usize = usize::MAX;

/// How a break behaves when its group does not fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakMode {
    /// Every strict break of a broken group becomes a newline.
    Strict,
    /// A flex break becomes a newline only if the text up to the next break does not fit.
    Flex,
}

/// `container_doc`'s `:break` option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerBreak {
    Strict,
    Flex,
    /// Flex when every element is plain text, strict otherwise.
    Maybe,
}

/// An algebra document.
#[derive(Debug, Clone)]
pub enum Doc {
    /// `:doc_nil` (`empty()`): skipped by `container_doc` and not counted against the limit.
    Nil,
    /// `:doc_line`: a forced newline.
    Line,
    Text(Cow<'static, str>),
    Concat(Vec<Doc>),
    /// Indents the lines started inside by this many more columns.
    Nest(Box<Doc>, usize),
    Break(&'static str, BreakMode),
    Group(Box<Doc>),
}

/// A text document.
pub fn text(s: impl Into<Cow<'static, str>>) -> Doc {
    Doc::Text(s.into())
}

pub fn concat(docs: Vec<Doc>) -> Doc {
    Doc::Concat(docs)
}

pub fn nest(doc: Doc, level: usize) -> Doc {
    if level == 0 {
        doc
    } else {
        Doc::Nest(Box::new(doc), level)
    }
}

/// `break/1`: a strict break.
pub fn strict_break(s: &'static str) -> Doc {
    Doc::Break(s, BreakMode::Strict)
}

pub fn flex_break(s: &'static str) -> Doc {
    Doc::Break(s, BreakMode::Flex)
}

pub fn group(doc: Doc) -> Doc {
    Doc::Group(Box::new(doc))
}

/// `glue/3`: `left`, a strict break, `right`.
pub fn glue(left: Doc, s: &'static str, right: Doc) -> Doc {
    concat(vec![left, strict_break(s), right])
}

pub fn line() -> Doc {
    Doc::Line
}

/// Elixir's `simple?/1`: plain text (what `container_doc` with `break: :maybe` lays out flex).
pub fn is_simple(doc: &Doc) -> bool {
    match doc {
        Doc::Nil | Doc::Text(_) => true,
        Doc::Concat(docs) => docs.iter().all(is_simple),
        _ => false,
    }
}

/// Decrements an inspect limit (`:infinity` stays).
pub fn decrement(limit: usize) -> usize {
    if limit == INFINITY {
        limit
    } else {
        limit.saturating_sub(1)
    }
}

/// `container_doc/6`: wraps the elements between `left` and `right`, separated by `separator`,
/// printing at most `limit` elements and then `...`. Each element is rendered by `fun` with the
/// limit left for it (the limit minus its 1-based position), which is how nested collections
/// shrink as Elixir's do.
pub fn container_doc<T>(
    left: Doc,
    items: impl IntoIterator<Item = T>,
    right: Doc,
    limit: usize,
    separator: &'static str,
    mode: ContainerBreak,
    mut fun: impl FnMut(T, usize) -> Doc,
) -> Doc {
    let mut items = items.into_iter().peekable();
    if items.peek().is_none() {
        return concat(vec![left, right]);
    }
    let mut simple = mode == ContainerBreak::Maybe;
    let mut docs = Vec::new();
    let mut limit = limit;
    for item in items {
        if limit == 0 {
            docs.push(text("..."));
            break;
        }
        let new_limit = decrement(limit);
        let doc = fun(item, new_limit);
        if !matches!(doc, Doc::Nil) {
            limit = new_limit;
        }
        simple = simple && is_simple(&doc);
        docs.push(doc);
    }
    let flex = simple || mode == ContainerBreak::Flex;
    let break_mode = if flex { BreakMode::Flex } else { BreakMode::Strict };
    let mut joined = Vec::with_capacity(docs.len() * 3);
    for doc in docs.into_iter().filter(|d| !matches!(d, Doc::Nil)) {
        if !joined.is_empty() {
            joined.push(text(separator));
            joined.push(Doc::Break(" ", break_mode));
        }
        joined.push(doc);
    }
    let body = concat(joined);
    if flex {
        group(concat(vec![left, nest(body, 1), right]))
    } else {
        group(glue(nest(glue(left, "", body), 2), "", right))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Flat,
    Break,
}

#[derive(Clone, Copy)]
struct Entry<'a> {
    indent: usize,
    mode: Mode,
    doc: &'a Doc,
}

/// One item of `fits?`'s work list: a document or the `{:tail, b?, t}` marker restoring the
/// "a break was seen" flag after a nested group.
enum FitItem<'a> {
    Entry(Entry<'a>),
    Tail(bool),
}

/// `format/2`: lays the document out in `width` columns (`INFINITY` for one line).
pub fn format(doc: &Doc, width: usize) -> String {
    let mut out = String::new();
    let mut column = 0usize;
    let mut stack = vec![Entry {
        indent: 0,
        mode: Mode::Flat,
        doc,
    }];
    while let Some(entry) = stack.pop() {
        let Entry { indent, mode, doc } = entry;
        match doc {
            Doc::Nil => {}
            Doc::Line => {
                newline(&mut out, indent);
                column = indent;
            }
            Doc::Text(s) => {
                out.push_str(s);
                column = column.saturating_add(s.len());
            }
            Doc::Concat(docs) => {
                stack.extend(docs.iter().rev().map(|doc| Entry { indent, mode, doc }));
            }
            Doc::Nest(inner, level) => {
                stack.push(Entry {
                    indent: indent + level,
                    mode,
                    doc: inner,
                });
            }
            Doc::Break(s, BreakMode::Flex) => {
                let after = column.saturating_add(s.len());
                if width == INFINITY || mode == Mode::Flat || fits(width, after, true, Vec::new(), &stack) {
                    out.push_str(s);
                    column = after;
                } else {
                    newline(&mut out, indent);
                    column = indent;
                }
            }
            Doc::Break(s, BreakMode::Strict) => {
                if mode == Mode::Break {
                    newline(&mut out, indent);
                    column = indent;
                } else {
                    out.push_str(s);
                    column = column.saturating_add(s.len());
                }
            }
            Doc::Group(inner) => {
                let flat = Entry {
                    indent,
                    mode: Mode::Flat,
                    doc: inner,
                };
                let mode = if width == INFINITY || fits(width, column, false, vec![FitItem::Entry(flat)], &[])
                {
                    Mode::Flat
                } else {
                    Mode::Break
                };
                stack.push(Entry {
                    indent,
                    mode,
                    doc: inner,
                });
            }
        }
    }
    out
}

fn newline(out: &mut String, indent: usize) {
    out.push('\n');
    out.extend(std::iter::repeat_n(' ', indent));
}

/// `fits?/4`: whether the work list (`local` first, then `rest` from its top) fits in `width`
/// from `column` up to the first newline. Overflow only counts once a break has been seen
/// (`seen_break`), as in Elixir.
fn fits<'a>(
    width: usize,
    mut column: usize,
    mut seen_break: bool,
    mut local: Vec<FitItem<'a>>,
    rest: &[Entry<'a>],
) -> bool {
    let mut rest_index = rest.len();
    loop {
        if column > width && seen_break {
            return false;
        }
        let item = match local.pop() {
            Some(item) => item,
            None if rest_index > 0 => {
                rest_index -= 1;
                FitItem::Entry(rest[rest_index])
            }
            None => return true,
        };
        let Entry { indent, mode, doc } = match item {
            FitItem::Tail(flag) => {
                seen_break = flag;
                continue;
            }
            FitItem::Entry(entry) => entry,
        };
        match (mode, doc) {
            (Mode::Break, Doc::Break(..) | Doc::Line) => return true,
            (Mode::Break, Doc::Group(inner)) => {
                local.push(FitItem::Tail(seen_break));
                local.push(FitItem::Entry(Entry {
                    indent,
                    mode: Mode::Flat,
                    doc: inner,
                }));
            }
            (_, Doc::Line) => {
                column = indent;
                seen_break = false;
            }
            (_, Doc::Nil) => {}
            (_, Doc::Text(s)) => column = column.saturating_add(s.len()),
            (_, Doc::Break(s, _)) => {
                column = column.saturating_add(s.len());
                seen_break = true;
            }
            (_, Doc::Nest(inner, level)) => {
                local.push(FitItem::Entry(Entry {
                    indent: indent + level,
                    mode,
                    doc: inner,
                }));
            }
            (_, Doc::Concat(docs)) => {
                local.extend(
                    docs.iter()
                        .rev()
                        .map(|doc| FitItem::Entry(Entry { indent, mode, doc })),
                );
            }
            (_, Doc::Group(inner)) => {
                local.push(FitItem::Tail(seen_break));
                local.push(FitItem::Entry(Entry {
                    indent,
                    mode,
                    doc: inner,
                }));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(n: usize) -> Vec<String> {
        (1..=n).map(|i| i.to_string()).collect()
    }

    #[test]
    fn layouts() {
        // (document, width, expected) — the first rows are the doctests of algebra.ex.
        let rows: Vec<(Doc, usize, &str)> = vec![
            (group(glue(text("hello"), " ", text("world"))), 30, "hello world"),
            (group(glue(text("hello"), " ", text("world"))), 10, "hello\nworld"),
            (
                group(glue(text("a".repeat(20)), " ", text("b"))),
                10,
                "aaaaaaaaaaaaaaaaaaaa\nb",
            ),
            (
                group(nest(glue(text("hello"), " ", text("world")), 5)),
                5,
                "hello\n     world",
            ),
            (
                container_doc(
                    text("["),
                    ints(5),
                    text("]"),
                    INFINITY,
                    ",",
                    ContainerBreak::Maybe,
                    |s, _| text(s),
                ),
                5,
                "[1,\n 2,\n 3,\n 4,\n 5]",
            ),
            (
                container_doc(
                    text("["),
                    ints(5),
                    text("]"),
                    3,
                    ",",
                    ContainerBreak::Maybe,
                    |s, _| text(s),
                ),
                20,
                "[1, 2, 3, ...]",
            ),
            (
                container_doc(
                    text("["),
                    ints(5),
                    text("]"),
                    3,
                    "!",
                    ContainerBreak::Maybe,
                    |s, _| text(s),
                ),
                20,
                "[1! 2! 3! ...]",
            ),
            (
                group(concat(vec![
                    group(concat(vec![text("Hello,"), strict_break(" "), text("A")])),
                    strict_break(" "),
                    text("B"),
                ])),
                80,
                "Hello, A B",
            ),
            (
                group(concat(vec![
                    group(concat(vec![text("Hello,"), strict_break(" "), text("A")])),
                    strict_break(" "),
                    text("B"),
                ])),
                6,
                "Hello,\nA\nB",
            ),
            (
                concat(vec![text("Hughes"), line(), text("Wadler")]),
                80,
                "Hughes\nWadler",
            ),
            (
                container_doc(
                    text("["),
                    ints(3),
                    text("]"),
                    INFINITY,
                    ",",
                    ContainerBreak::Strict,
                    |s, _| text(s),
                ),
                5,
                "[\n  1,\n  2,\n  3\n]",
            ),
            (
                container_doc(
                    text("["),
                    Vec::<String>::new(),
                    text("]"),
                    50,
                    ",",
                    ContainerBreak::Maybe,
                    |s, _| text(s),
                ),
                80,
                "[]",
            ),
            (
                container_doc(
                    text("["),
                    ints(3),
                    text("]"),
                    50,
                    ",",
                    ContainerBreak::Maybe,
                    |s, _| {
                        if s == "2" { Doc::Nil } else { text(s) }
                    },
                ),
                80,
                "[1, 3]",
            ),
        ];
        for (doc, width, expected) in rows {
            assert_eq!(format(&doc, width), expected, "width {width}");
        }
    }

    #[test]
    fn limit_is_passed_down_by_position() {
        let mut seen = Vec::new();
        let doc = container_doc(
            text("["),
            ints(4),
            text("]"),
            3,
            ",",
            ContainerBreak::Maybe,
            |s, limit| {
                seen.push(limit);
                text(s)
            },
        );
        assert_eq!(format(&doc, 80), "[1, 2, 3, ...]");
        assert_eq!(seen, vec![2, 1, 0]);
    }
}
