//! The database-agnostic query IR: Ash filter/calculation expressions and read plans.
//!
//! `eval` builds these from user input; `db` compiles them to SQL (with every value bound);
//! `render` prints them the way Ash inspects them (`#Ash.Filter<...>`). Nothing here touches
//! the database or the terminal.

pub use crate::model::AggregateKind;
use crate::model::{ResourceRef, Type};

/// A literal value inside an expression. Always sent to the database as a bound parameter.
#[derive(Debug, Clone, PartialEq)]
pub enum Lit {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    /// An atom; stored as its name (`:closed` → `"closed"`), printed as `:closed`.
    Atom(String),
    /// A list of literals (right-hand side of `in`).
    List(Vec<Lit>),
    /// A date, time, datetime, decimal or ci_string.
    Scalar(crate::scalar::Scalar),
    /// `now()`, `today()`, `ago(n, unit)`, `from_now(n, unit)`: the time the statement is
    /// built, so a calculation defined once is always current.
    Now(Now),
}

/// The moment a `Lit::Now` stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct Now {
    /// `today()`: the UTC date.
    pub today: bool,
    /// `ago`/`from_now`: the amount (negative for `ago`) and its unit (`:day`, …).
    pub shift: Option<(i64, String)>,
}

impl Now {
    /// Microseconds in one of the units `ago`/`from_now` take.
    pub fn unit_micros(unit: &str) -> Option<i64> {
        Some(match unit {
            "microsecond" => 1,
            "millisecond" => 1_000,
            "second" => 1_000_000,
            "minute" => 60_000_000,
            "hour" => 3_600_000_000,
            "day" => 86_400_000_000,
            "week" => 604_800_000_000,
            _ => return None,
        })
    }

    /// The value it stands for at `now` (UTC, microseconds).
    pub fn at(&self, now: chrono::NaiveDateTime) -> crate::scalar::Calendar {
        use crate::scalar::Calendar;
        if self.today {
            return Calendar::Date(now.date());
        }
        let micros = self
            .shift
            .as_ref()
            .and_then(|(n, unit)| n.checked_mul(Self::unit_micros(unit)?))
            .unwrap_or(0);
        Calendar::Utc(now + chrono::Duration::microseconds(micros), 6)
    }

    /// As Ash prints it inside a filter.
    pub fn text(&self) -> String {
        match (&self.shift, self.today) {
            (_, true) => "today()".into(),
            (None, false) => "now()".into(),
            (Some((n, unit)), false) if *n < 0 => format!("ago({}, :{unit})", -n),
            (Some((n, unit)), false) => format!("from_now({n}, :{unit})"),
        }
    }
}

/// Binary operators of Ash expressions (reference §3.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    NotEq,
    Lt,
    LtEq,
    Gt,
    GtEq,
    In,
    Add,
    Sub,
    Mul,
    Div,
    /// `<>`
    Concat,
    And,
    Or,
    /// `&&` and `||`: like `and`/`or` but with Elixir truthiness (nil/false are falsy, other
    /// values pass through). Ash 2.4 needs a Postgres extension for them; we support them.
    AndAnd,
    OrOr,
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "==",
            Op::NotEq => "!=",
            Op::Lt => "<",
            Op::LtEq => "<=",
            Op::Gt => ">",
            Op::GtEq => ">=",
            Op::In => "in",
            Op::Add => "+",
            Op::Sub => "-",
            Op::Mul => "*",
            Op::Div => "/",
            Op::Concat => "<>",
            Op::And => "and",
            Op::Or => "or",
            Op::AndAnd => "&&",
            Op::OrOr => "||",
        }
    }
}

/// An Ash expression over one resource's fields.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Lit(Lit),
    /// An attribute of the resource the expression is about (`subject`, `status`).
    Attr(String),
    /// An aggregate by name: a resource aggregate or an ad-hoc one declared in the read plan.
    Aggregate(String),
    /// A calculation by name: a resource calculation or an ad-hoc one declared in the read plan.
    /// Printed by Ash as `name(%{})`.
    Calc(String),
    Op(Op, Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    IsNil(Box<Expr>),
    /// `contains(left, right)`: case-sensitive substring test.
    Contains(Box<Expr>, Box<Expr>),
    /// `if(cond, do: a, else: b)`; `else` defaults to nil.
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// A relationship path (`representative.name == "Alice"`): true when some record related
    /// through the named relationship matches the expression, which is over the related
    /// resource's fields (`name == "Alice"`). Compiled into the same statement (`EXISTS`).
    Exists(String, Box<Expr>),
}

impl Expr {
    pub fn op(op: Op, left: Expr, right: Expr) -> Expr {
        Expr::Op(op, Box::new(left), Box::new(right))
    }

    /// ANDs two optional filters, as repeated `Ash.Query.filter` calls do.
    pub fn and(left: Option<Expr>, right: Expr) -> Expr {
        match left {
            None => right,
            Some(left) => Expr::op(Op::And, left, right),
        }
    }

    /// The expression with every attribute reference written through `relationship`
    /// (`name` → `representative.name`): how an `Exists` reads as an Ash path.
    pub fn with_path(&self, relationship: &str) -> Expr {
        let nested = |e: &Expr| Box::new(e.with_path(relationship));
        match self {
            Expr::Attr(name) => Expr::Attr(format!("{relationship}.{name}")),
            Expr::Lit(_) | Expr::Aggregate(_) | Expr::Calc(_) => self.clone(),
            Expr::Op(op, a, b) => Expr::Op(*op, nested(a), nested(b)),
            Expr::Not(a) => Expr::Not(nested(a)),
            Expr::IsNil(a) => Expr::IsNil(nested(a)),
            Expr::Contains(a, b) => Expr::Contains(nested(a), nested(b)),
            Expr::If(a, b, c) => Expr::If(nested(a), nested(b), nested(c)),
            Expr::Exists(rel, e) => e.with_path(rel).with_path(relationship),
        }
    }

    /// Calls `visit` on this node and every node below it in the same resource's scope (the
    /// inside of an `Exists` is about another resource and is not visited).
    pub fn walk(&self, visit: &mut dyn FnMut(&Expr)) {
        visit(self);
        match self {
            Expr::Lit(_) | Expr::Attr(_) | Expr::Aggregate(_) | Expr::Calc(_) | Expr::Exists(_, _) => {}
            Expr::Op(_, a, b) | Expr::Contains(a, b) => {
                a.walk(visit);
                b.walk(visit);
            }
            Expr::Not(a) | Expr::IsNil(a) => a.walk(visit),
            Expr::If(a, b, c) => {
                a.walk(visit);
                b.walk(visit);
                c.walk(visit);
            }
        }
    }

    /// The node rebuilt with `f` applied to each direct child in the same resource's scope
    /// (leaves and `Exists` come back as they are: what is inside an `Exists` is about another
    /// resource). The one recursion the rewriting passes share.
    pub fn try_map_children<E>(&self, f: &mut dyn FnMut(&Expr) -> Result<Expr, E>) -> Result<Expr, E> {
        let mut one = |e: &Expr| f(e).map(Box::new);
        Ok(match self {
            Expr::Lit(_) | Expr::Attr(_) | Expr::Aggregate(_) | Expr::Calc(_) | Expr::Exists(_, _) => {
                self.clone()
            }
            Expr::Op(op, a, b) => Expr::Op(*op, one(a)?, one(b)?),
            Expr::Not(a) => Expr::Not(one(a)?),
            Expr::IsNil(a) => Expr::IsNil(one(a)?),
            Expr::Contains(a, b) => Expr::Contains(one(a)?, one(b)?),
            Expr::If(a, b, c) => Expr::If(one(a)?, one(b)?, one(c)?),
        })
    }
}

/// Short constructors for expressions written by hand (model code and tests).
pub mod build {
    use super::{Expr, Lit};

    pub fn attr(name: &str) -> Expr {
        Expr::Attr(name.to_string())
    }

    pub fn string(value: &str) -> Expr {
        Expr::Lit(Lit::Str(value.to_string()))
    }

    pub fn atom(value: &str) -> Expr {
        Expr::Lit(Lit::Atom(value.to_string()))
    }

    pub fn int(value: i64) -> Expr {
        Expr::Lit(Lit::Int(value))
    }
}

/// Sort direction, Ash names. `Asc` puts nils last and `Desc` puts nils first (Postgres
/// defaults, made identical on SQLite).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    Asc,
    Desc,
    AscNilsFirst,
    AscNilsLast,
    DescNilsFirst,
    DescNilsLast,
}

impl SortOrder {
    pub fn name(self) -> &'static str {
        match self {
            SortOrder::Asc => "asc",
            SortOrder::Desc => "desc",
            SortOrder::AscNilsFirst => "asc_nils_first",
            SortOrder::AscNilsLast => "asc_nils_last",
            SortOrder::DescNilsFirst => "desc_nils_first",
            SortOrder::DescNilsLast => "desc_nils_last",
        }
    }

    pub fn from_name(name: &str) -> Option<SortOrder> {
        Some(match name {
            "asc" => SortOrder::Asc,
            "desc" => SortOrder::Desc,
            "asc_nils_first" => SortOrder::AscNilsFirst,
            "asc_nils_last" => SortOrder::AscNilsLast,
            "desc_nils_first" => SortOrder::DescNilsFirst,
            "desc_nils_last" => SortOrder::DescNilsLast,
            _ => return None,
        })
    }

    pub fn descending(self) -> bool {
        matches!(
            self,
            SortOrder::Desc | SortOrder::DescNilsFirst | SortOrder::DescNilsLast
        )
    }

    pub fn nils_first(self) -> bool {
        matches!(
            self,
            SortOrder::Desc | SortOrder::DescNilsFirst | SortOrder::AscNilsFirst
        )
    }
}

/// An aggregate over a has_many relationship of the resource being read.
#[derive(Debug, Clone, PartialEq)]
pub struct AggregateSpec {
    pub kind: AggregateKind,
    /// Name of a has_many relationship of the source resource (e.g. `assigned_tickets`).
    pub relationship: String,
    /// Filter over the destination resource's fields (e.g. `status == :open`).
    pub filter: Option<Expr>,
    /// The destination field for sum/first/list/max/min/avg; None for count.
    pub field: Option<String>,
    /// Sort of the destination rows for `first`/`list`.
    pub sort: Vec<(String, SortOrder)>,
}

/// A calculation: an expression over the resource's fields with a declared result type.
#[derive(Debug, Clone, PartialEq)]
pub struct CalcSpec {
    pub expr: Expr,
    pub ty: Type,
}

/// One computed value to return with each row.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub expr: Expr,
    pub ty: Type,
}

/// Everything one read needs, compiled by `db` into ONE SQL statement.
///
/// `Expr::Aggregate(name)` and `Expr::Calc(name)` anywhere in `filter`, `sort` or `columns` are
/// resolved against `aggregates` / `calculations` here first, then against the resource's own
/// definitions. Calculations are inlined as SQL expressions; aggregates become correlated
/// subqueries (or joins), never extra statements.
#[derive(Debug, Clone)]
pub struct ReadPlan {
    pub resource: ResourceRef,
    pub filter: Option<Expr>,
    pub sort: Vec<(Expr, SortOrder)>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
    /// Extra values to compute for each row, returned after the attributes in this order.
    pub columns: Vec<Column>,
    pub aggregates: Vec<(String, AggregateSpec)>,
    pub calculations: Vec<(String, CalcSpec)>,
}

impl ReadPlan {
    pub fn new(resource: &ResourceRef) -> Self {
        Self {
            resource: resource.clone(),
            filter: None,
            sort: Vec::new(),
            limit: None,
            offset: None,
            columns: Vec::new(),
            aggregates: Vec::new(),
            calculations: Vec::new(),
        }
    }
}
