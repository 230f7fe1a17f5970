//! The height of an expression tree, measured without recursion.
//!
//! The parser builds long operator chains (`0 + 1 + 1 + …`) without recursing, so their trees
//! can be far deeper than the nesting it allows; everything after the parser (eval, the Ash
//! expression converter, printers) walks trees recursively. `parse_program` uses this to
//! refuse trees deeper than those walkers can take.

use crate::syntax::ast::{Expr, for_each_child};
use crate::syntax::span::Span;

/// The span of the first node found below depth `limit` (the root of each item is at depth 1),
/// or None when every tree is at most `limit` deep.
pub(crate) fn first_too_deep(items: &[Expr], limit: usize) -> Option<Span> {
    let mut stack: Vec<(&Expr, usize)> = items.iter().rev().map(|e| (e, 1)).collect();
    while let Some((e, depth)) = stack.pop() {
        if depth > limit {
            return Some(e.span);
        }
        let at = stack.len();
        for_each_child(e, &mut |child| stack.push((child, depth + 1)));
        // Visit children left to right, so the leftmost too-deep node is found first.
        stack[at..].reverse();
    }
    None
}
