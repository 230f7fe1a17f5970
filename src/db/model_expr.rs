//! A tiny reader for the expression strings in the resource model (`status == :open`,
//! `name <> "-" <> id`, `active_assigned_tickets / all_assigned_tickets`) into `query::Expr`.
//!
//! It knows only what model definitions use: names, atoms, strings, numbers, `nil/true/false`,
//! parentheses, and the binary operators of Ash expressions. It is not the shell's parser
//! (that is `syntax`); user input never comes through here.

use crate::model::Resource;
use crate::query::{Expr, Lit, Op};

use super::DbError;

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Name(String),
    Lit(Lit),
    Op(&'static str),
    Open,
    Close,
    Comma,
}

const OPERATORS: &[&str] = &[
    "==", "!=", "<=", ">=", "<>", "&&", "||", "<", ">", "+", "-", "*", "/",
];

fn tokenize(src: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' || c == ')' || c == ',' {
            out.push(match c {
                '(' => Token::Open,
                ')' => Token::Close,
                _ => Token::Comma,
            });
            i += 1;
        } else if c == '"' {
            let mut text = String::new();
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    i += 1;
                }
                text.push(chars[i]);
                i += 1;
            }
            if i >= chars.len() {
                return Err("unterminated string".into());
            }
            i += 1;
            out.push(Token::Lit(Lit::Str(text)));
        } else if c == ':' && chars.get(i + 1).is_some_and(|c| c.is_alphabetic() || *c == '_') {
            let start = i + 1;
            i = start;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Token::Lit(Lit::Atom(chars[start..i].iter().collect())));
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == '_') {
                i += 1;
            }
            let text: String = chars[start..i].iter().filter(|c| **c != '_').collect();
            let lit = if text.contains('.') {
                Lit::Float(text.parse().map_err(|_| format!("bad number {text}"))?)
            } else {
                Lit::Int(text.parse().map_err(|_| format!("bad number {text}"))?)
            };
            out.push(Token::Lit(lit));
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '?') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            out.push(match word.as_str() {
                "nil" => Token::Lit(Lit::Nil),
                "true" => Token::Lit(Lit::Bool(true)),
                "false" => Token::Lit(Lit::Bool(false)),
                "and" => Token::Op("and"),
                "or" => Token::Op("or"),
                "not" => Token::Op("not"),
                _ => Token::Name(word),
            });
        } else {
            let rest: String = chars[i..chars.len().min(i + 2)].iter().collect();
            let op = OPERATORS
                .iter()
                .find(|op| rest.starts_with(**op))
                .ok_or_else(|| format!("unexpected {c:?}"))?;
            out.push(Token::Op(op));
            i += op.len();
        }
    }
    Ok(out)
}

/// Binding power (Elixir precedence) and IR operator of a binary operator token.
fn binary(op: &str) -> Option<(u8, Op)> {
    Some(match op {
        "or" => (1, Op::Or),
        "||" => (1, Op::OrOr),
        "and" => (2, Op::And),
        "&&" => (2, Op::AndAnd),
        "==" => (3, Op::Eq),
        "!=" => (3, Op::NotEq),
        "<" => (4, Op::Lt),
        "<=" => (4, Op::LtEq),
        ">" => (4, Op::Gt),
        ">=" => (4, Op::GtEq),
        "<>" => (5, Op::Concat),
        "+" => (6, Op::Add),
        "-" => (6, Op::Sub),
        "*" => (7, Op::Mul),
        "/" => (7, Op::Div),
        _ => return None,
    })
}

struct Reader<'a> {
    tokens: Vec<Token>,
    pos: usize,
    resource: &'a Resource,
}

impl Reader<'_> {
    fn expr(&mut self, min: u8) -> Result<Expr, String> {
        let mut left = self.primary()?;
        while let Some(Token::Op(op)) = self.tokens.get(self.pos) {
            let Some((power, ir)) = binary(op) else { break };
            if power < min {
                break;
            }
            self.pos += 1;
            // `<>` is right-associative in Elixir; the rest are left-associative.
            let next = if ir == Op::Concat { power } else { power + 1 };
            let right = self.expr(next)?;
            left = Expr::op(ir, left, right);
        }
        Ok(left)
    }

    fn primary(&mut self) -> Result<Expr, String> {
        let token = self.tokens.get(self.pos).cloned().ok_or("unexpected end")?;
        self.pos += 1;
        match token {
            Token::Lit(lit) => Ok(Expr::Lit(lit)),
            Token::Open => {
                let inner = self.expr(0)?;
                match self.tokens.get(self.pos) {
                    Some(Token::Close) => {
                        self.pos += 1;
                        Ok(inner)
                    }
                    _ => Err("missing )".into()),
                }
            }
            Token::Op("not") => Ok(Expr::Not(Box::new(self.expr(3)?))),
            Token::Name(name) => self.name(name),
            other => Err(format!("unexpected {other:?}")),
        }
    }

    fn name(&mut self, name: String) -> Result<Expr, String> {
        if let Some(Token::Open) = self.tokens.get(self.pos) {
            self.pos += 1;
            let a = self.expr(0)?;
            let result = match name.as_str() {
                "is_nil" => Expr::IsNil(Box::new(a)),
                "contains" => {
                    self.expect_comma()?;
                    let b = self.expr(0)?;
                    Expr::Contains(Box::new(a), Box::new(b))
                }
                _ => return Err(format!("unknown function {name}")),
            };
            match self.tokens.get(self.pos) {
                Some(Token::Close) => self.pos += 1,
                _ => return Err("missing )".into()),
            }
            return Ok(result);
        }
        let r = self.resource;
        if r.attributes.iter().any(|a| a.name == name) {
            Ok(Expr::Attr(name))
        } else if r.aggregates.iter().any(|a| a.name == name) {
            Ok(Expr::Aggregate(name))
        } else if r.calculations.iter().any(|c| c.name == name) {
            Ok(Expr::Calc(name))
        } else {
            Err(format!("unknown field {name} of {}", r.name))
        }
    }

    fn expect_comma(&mut self) -> Result<(), String> {
        match self.tokens.get(self.pos) {
            Some(Token::Comma) => {
                self.pos += 1;
                Ok(())
            }
            _ => Err("expected ,".into()),
        }
    }
}

/// Reads a model expression about `resource`.
pub(crate) fn parse(source: &str, resource: &Resource) -> Result<Expr, DbError> {
    let fail = |e: String| DbError::Other(format!("model expression `{source}` of {}: {e}", resource.name));
    let tokens = tokenize(source).map_err(fail)?;
    let mut reader = Reader {
        tokens,
        pos: 0,
        resource,
    };
    let expr = reader.expr(0).map_err(fail)?;
    if reader.pos != reader.tokens.len() {
        return Err(fail("trailing input".into()));
    }
    Ok(expr)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{TICKET, USER};

    fn attr(n: &str) -> Expr {
        Expr::Attr(n.into())
    }
    fn agg(n: &str) -> Expr {
        Expr::Aggregate(n.into())
    }

    #[test]
    fn reads_model_expressions() {
        let rows: Vec<(&str, &Resource, Expr)> = vec![
            (
                "status == :open",
                &TICKET,
                Expr::op(Op::Eq, attr("status"), Expr::Lit(Lit::Atom("open".into()))),
            ),
            (
                "status != :closed",
                &TICKET,
                Expr::op(Op::NotEq, attr("status"), Expr::Lit(Lit::Atom("closed".into()))),
            ),
            (
                "active_assigned_tickets / all_assigned_tickets",
                &USER,
                Expr::op(
                    Op::Div,
                    agg("active_assigned_tickets"),
                    agg("all_assigned_tickets"),
                ),
            ),
            (
                r#"name <> "-" <> id"#,
                &USER,
                Expr::op(
                    Op::Concat,
                    attr("name"),
                    Expr::op(Op::Concat, Expr::Lit(Lit::Str("-".into())), attr("id")),
                ),
            ),
            (
                "1 + 2 * 3 > 4 and is_nil(name) or contains(name, \"x\")",
                &USER,
                Expr::op(
                    Op::Or,
                    Expr::op(
                        Op::And,
                        Expr::op(
                            Op::Gt,
                            Expr::op(
                                Op::Add,
                                Expr::Lit(Lit::Int(1)),
                                Expr::op(Op::Mul, Expr::Lit(Lit::Int(2)), Expr::Lit(Lit::Int(3))),
                            ),
                            Expr::Lit(Lit::Int(4)),
                        ),
                        Expr::IsNil(Box::new(attr("name"))),
                    ),
                    Expr::Contains(Box::new(attr("name")), Box::new(Expr::Lit(Lit::Str("x".into())))),
                ),
            ),
        ];
        for (src, resource, expected) in rows {
            assert_eq!(parse(src, resource).unwrap(), expected, "{src}");
        }
    }

    #[test]
    fn rejects_unknown_names() {
        for src in ["bogus == 1", "status ==", "(status"] {
            assert!(parse(src, &TICKET).is_err(), "{src}");
        }
    }

    #[test]
    fn every_model_string_reads() {
        for resource in crate::model::RESOURCES {
            for calc in resource.calculations {
                parse(calc.expr, resource).unwrap();
            }
            for agg in resource.aggregates {
                let rel = resource.relationship(agg.relationship).unwrap();
                let dest = crate::model::lookup(rel.destination).unwrap();
                if let Some(filter) = agg.filter {
                    parse(filter, dest).unwrap();
                }
            }
        }
    }
}
