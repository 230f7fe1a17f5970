//! The interpreter: evaluates AST nodes in an environment, with Elixir's semantics.
//!
//! Calls are dispatched to the iex helpers (`helpers.rs`), the standard library (`stdlib`) or
//! the Ash API (`ash`); operators live in `ops.rs`, pattern matching in `pattern.rs`. The
//! interpreter owns the session state a script can see: variables, `require`d modules,
//! aliases, the result history of `v()`, the database connection and the output sink.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::rc::Rc;

use crate::db::Database;
use crate::eval::error::EvalError;
use crate::eval::host::Host;
use crate::eval::{ash, ash_modules, errors, helpers, ops, pattern, stdlib};
use crate::scalar::Scalar;
use crate::scalar::calendar::{Calendar, Kind};
use crate::syntax::ast::{self, Clause, Expr, ExprKind, Qualifier, StrPart};
use crate::value::env::Env;
use crate::value::{Function, MapValue, Value};

/// Deepest evaluation nesting allowed before raising instead of overflowing the stack.
const MAX_DEPTH: usize = 2_000;
/// Stack left below which `eval` continues on a fresh heap-allocated segment (a user's
/// recursive `fn` nests far deeper than a thread's stack allows in unoptimised builds).
const STACK_RED_ZONE: usize = 256 * 1024;
/// Size of each such segment.
const STACK_CHUNK: usize = 4 * 1024 * 1024;

/// How the database is reached: opened already, or opened on first use from a URL.
pub enum DbSource {
    Open(Box<Database>),
    Url(String),
}

pub struct Interpreter {
    /// The variables of the scope being evaluated.
    pub(crate) scope: Env,
    required: HashSet<String>,
    aliases: HashMap<String, String>,
    /// Results of earlier inputs for `v()`: (counter, value), newest last, at most 20.
    pub(crate) history: Vec<(usize, Value)>,
    /// The prompt counter of the input being evaluated (`iex:N` in compile errors).
    pub(crate) counter: usize,
    db: Option<Database>,
    db_url: Option<String>,
    out: Box<dyn Write>,
    depth: usize,
    /// The script file and line being run, for error locations (None at a prompt).
    source: Option<(String, usize)>,
    /// How the session prints results (`format/1` changes it).
    pub format: crate::render::Format,
    /// Whether the shell prints the time each input took (`timing/1` changes it).
    pub timing: bool,
    /// The resources and apis this session sees (`recompile()` replaces them).
    project: std::rc::Rc<crate::model::Project>,
    /// Where the project was read from (`recompile()` reads it again).
    location: crate::project::Location,
    /// The width of the terminal the results go to, None when stdout is not a terminal:
    /// tables are fitted to it and `h()` wraps to it (80 columns when None).
    pub terminal_width: Option<usize>,
}

impl Interpreter {
    pub fn new(db: DbSource, out: Box<dyn Write>) -> Self {
        let (db, db_url) = match db {
            DbSource::Open(db) => (Some(*db), None),
            DbSource::Url(url) => (None, Some(url)),
        };
        Self {
            scope: Env::default(),
            required: HashSet::new(),
            aliases: HashMap::new(),
            history: Vec::new(),
            counter: 1,
            db,
            db_url,
            out,
            depth: 0,
            source: None,
            format: crate::render::Format::Iex,
            timing: false,
            project: crate::project::chapter(),
            location: crate::project::Location::Bundled,
            terminal_width: None,
        }
    }

    /// Evaluates the top-level expressions of one input; the value is the last one's.
    pub fn eval_program(&mut self, program: &[Expr]) -> Result<Value, EvalError> {
        let _installed = crate::eval::project::install(&self.project);
        let mut last = Value::Nil;
        for expr in program {
            last = self.eval(expr)?;
        }
        Ok(last)
    }

    /// The project whose resources this session sees.
    pub fn project(&self) -> &std::rc::Rc<crate::model::Project> {
        &self.project
    }

    /// Replaces the project (start-up, `recompile()`); records already bound keep theirs.
    pub fn set_project(&mut self, project: std::rc::Rc<crate::model::Project>) {
        self.project = project;
    }

    pub fn set_location(&mut self, location: crate::project::Location) {
        self.location = location;
    }

    /// `recompile()`: reads the project's files again. On an error (`file:line: message`) the
    /// previous definitions stay; records already bound keep the resources they were made with.
    pub fn recompile(&mut self) -> Result<Value, EvalError> {
        let project = crate::eval::project::load(&self.location)
            .map_err(|e| EvalError::new("CompileError", e.to_string()))?;
        for warning in &project.warnings {
            self.write(&format!("warning: {warning}\n"));
        }
        self.project = project;
        Ok(Value::atom("ok"))
    }

    /// Records a successful input's result for `v()`.
    pub fn remember(&mut self, counter: usize, value: Value) {
        self.history.push((counter, value));
        if self.history.len() > 20 {
            self.history.remove(0);
        }
    }

    pub fn variable_names(&self) -> Vec<String> {
        self.scope.names()
    }

    /// The open database, if any (for `--sandbox` and statistics).
    pub fn database(&mut self) -> Option<&mut Database> {
        self.db.as_mut()
    }

    pub fn flush(&mut self) {
        let _ = self.out.flush();
    }

    /// Where compile errors say they happened: `iex:N` interactively, `file:line` in scripts.
    pub(crate) fn location(&self) -> String {
        match &self.source {
            Some((file, line)) => format!("{file}:{line}"),
            None => format!("iex:{}", self.counter),
        }
    }

    /// Names the script file and line of the input about to run (None: an iex prompt).
    pub fn set_source(&mut self, source: Option<(String, usize)>) {
        self.source = source;
    }

    fn compile_error(&self, message: impl std::fmt::Display) -> EvalError {
        EvalError::new("CompileError", format!("{}: {message}", self.location()))
    }

    /// Evaluates one expression in the current scope.
    pub fn eval(&mut self, expr: &Expr) -> Result<Value, EvalError> {
        if crate::eval::interrupt::take() {
            return Err(crate::eval::interrupt::error().at(expr.span));
        }
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            return Err(EvalError::new(
                "SystemLimitError",
                "a system limit has been reached: nesting too deep",
            )
            .at(expr.span));
        }
        let result = stacker::maybe_grow(STACK_RED_ZONE, STACK_CHUNK, || self.eval_kind(expr))
            .map_err(|e| e.at(expr.span));
        self.depth -= 1;
        result
    }

    fn eval_kind(&mut self, expr: &Expr) -> Result<Value, EvalError> {
        match &expr.kind {
            ExprKind::Nil => Ok(Value::Nil),
            ExprKind::Bool(b) => Ok(Value::Bool(*b)),
            ExprKind::Int(i) => Ok(Value::Int(*i)),
            ExprKind::BigInt(digits) => Err(EvalError::new(
                "ArithmeticError",
                format!("integer {digits} is too large: helpdesk integers are 64-bit"),
            )),
            ExprKind::Float(f) => Ok(Value::Float(*f)),
            ExprKind::Atom(a) => Ok(match a.as_str() {
                "nil" => Value::Nil,
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ => Value::atom(a),
            }),
            ExprKind::Str(parts) => Ok(Value::string(self.interpolate(parts)?)),
            ExprKind::Sigil { sigil, parts, modifiers } => self.eval_sigil(*sigil, parts, modifiers),
            ExprKind::Alias(name) => Ok(Value::Module(Rc::from(self.resolve_alias(name)))),
            ExprKind::Var(name) => self.eval_var(name),
            ExprKind::Pin(inner) => Err(self.compile_error(format!(
                "misplaced operator ^{}\n\nThe pin operator ^ is supported only inside matches or inside custom macros",
                pin_name(inner)
            ))),
            ExprKind::List { items, tail } => {
                let mut values = Vec::with_capacity(items.len());
                for item in items {
                    values.push(self.eval(item)?);
                }
                if let Some(tail) = tail {
                    match self.eval(tail)? {
                        Value::List(rest) => values.extend(rest.iter()),
                        other => {
                            return Err(EvalError::new(
                                "ArgumentError",
                                format!(
                                    "improper lists are not supported: tail {}",
                                    crate::render::inspect(&other, &Default::default())
                                ),
                            ));
                        }
                    }
                }
                Ok(Value::list(values))
            }
            ExprKind::Tuple(items) => {
                let mut values = Vec::with_capacity(items.len());
                for item in items {
                    values.push(self.eval(item)?);
                }
                Ok(Value::tuple(values))
            }
            ExprKind::Map { base, entries } => self.eval_map(base.as_deref(), entries),
            ExprKind::Struct { name, .. } => Err(self.compile_error(format!(
                "{} is not a struct that can be built here; use the Ash API (Ash.Changeset.for_create/3)",
                self.resolve_alias(name)
            ))),
            ExprKind::Unary { op, operand } => {
                let value = self.eval(operand)?;
                ops::unary(*op, value)
            }
            ExprKind::Binary { op, left, right } => self.eval_binary(*op, left, right),
            ExprKind::Pipe { left, right } => {
                let value = self.eval(left)?;
                self.eval_piped(right, value)
            }
            ExprKind::Match { pattern, value } => {
                let value = self.eval(value)?;
                self.match_or_raise(pattern, &value)?;
                Ok(value)
            }
            ExprKind::Call { target, name, args, .. } => self.eval_call(target.as_deref(), name, args, None),
            ExprKind::Apply { fun, args } => {
                let fun = self.eval(fun)?;
                let args = self.eval_args(args)?;
                self.apply(&fun, args)
            }
            ExprKind::Field { target, name } => {
                let value = self.eval(target)?;
                self.field(&value, name)
            }
            ExprKind::Index { target, key } => {
                let value = self.eval(target)?;
                let key = self.eval(key)?;
                ops::access(&value, &key)
            }
            ExprKind::Fn(clauses) => Ok(self.closure(clauses.clone(), expr)),
            ExprKind::Capture(body) => {
                let mut arity = 0;
                max_capture_arg(body, &mut arity);
                if let Some(missing) = (1..arity).find(|n| !uses_capture_arg(body, *n)) {
                    let next = (missing + 1..=arity).find(|n| uses_capture_arg(body, *n)).unwrap_or(arity);
                    return Err(self.compile_error(format!(
                        "capture argument &{next} cannot be defined without &{missing} (you cannot skip arguments, all arguments must be numbered)"
                    )));
                }
                if arity == 0 {
                    return Err(self.compile_error(
                        "invalid args for &, expected one of:\n\n  * &Mod.fun/arity to capture a remote function\n  * &fun/arity to capture a local function\n  * &expr with at least one &1 argument",
                    ));
                }
                let patterns = (1..=arity)
                    .map(|i| Expr::new(ExprKind::Var(format!("&{i}")), body.span))
                    .collect();
                let clause = Clause { patterns, guard: None, body: (**body).clone() };
                Ok(self.closure(vec![clause], expr))
            }
            ExprKind::CaptureNamed { module, name, arity } => Ok(Value::Fun(Rc::new(Function::Named {
                module: module.as_ref().map(|m| self.resolve_alias(m)),
                name: name.clone(),
                arity: *arity,
            }))),
            ExprKind::CaptureArg(n) => self
                .scope
                .get(&format!("&{n}"))
                .cloned()
                .ok_or_else(|| self.compile_error(format!("capture argument &{n} must be used within the capture operator &"))),
            ExprKind::Range { first, last, step } => {
                let first = self.eval_int(first, "..")?;
                let last = self.eval_int(last, "..")?;
                let step = match step {
                    Some(step) => self.eval_int(step, "..//")?,
                    None if last < first => -1,
                    None => 1,
                };
                if step == 0 {
                    return Err(EvalError::new("ArgumentError", "the step of a range cannot be zero"));
                }
                Ok(Value::Range { first, last, step })
            }
            ExprKind::If { cond, then, otherwise } => {
                let cond = self.scoped(|this| this.eval(cond))?;
                let branch = if cond.is_truthy() { Some(then.as_ref()) } else { otherwise.as_deref() };
                match branch {
                    Some(branch) => self.scoped(|this| this.eval(branch)),
                    None => Ok(Value::Nil),
                }
            }
            ExprKind::Case {
                subject: Some(subject),
                clauses,
            } => {
                let subject = self.eval(subject)?;
                self.eval_case(subject, clauses)
            }
            ExprKind::Case { subject: None, .. } => Err(self.compile_error("undefined function case/1 (there is no such import)")),
            ExprKind::Cond(clauses) => {
                for clause in clauses {
                    let Some(condition) = clause.patterns.first() else { continue };
                    let value = self.scoped(|this| this.eval(condition))?;
                    if value.is_truthy() {
                        return self.scoped(|this| this.eval(&clause.body));
                    }
                }
                Err(EvalError::new("CondClauseError", "no cond clause evaluated to a truthy value"))
            }
            ExprKind::For { qualifiers, into, body } => self.eval_for(qualifiers, into.as_deref(), body),
            ExprKind::With(with) => self.scoped(|this| this.eval_with(&with.qualifiers, &with.body, &with.otherwise)),
            ExprKind::ModuleAttribute { name, .. } => Err(EvalError::new(
                "ArgumentError",
                format!("cannot invoke @/1 outside module (@{name})"),
            )),
            ExprKind::Block(exprs) => {
                let mut last = Value::Nil;
                for expr in exprs {
                    last = self.eval(expr)?;
                }
                Ok(last)
            }
        }
    }

    /// Runs `body` in a child scope: bindings made inside do not leak out (Elixir 1.14 rules
    /// for `if`/`case`/`for`/`fn` bodies).
    fn scoped<T>(&mut self, body: impl FnOnce(&mut Self) -> Result<T, EvalError>) -> Result<T, EvalError> {
        let saved = self.scope.clone();
        let result = body(self);
        self.scope = saved;
        result
    }

    fn closure(&self, clauses: Vec<Clause>, expr: &Expr) -> Value {
        Value::Fun(Rc::new(Function::Closure {
            clauses: Rc::new(clauses),
            env: self.scope.clone(),
            source: Rc::from(format!("{}", expr.span.start)),
        }))
    }

    pub(crate) fn show(&self, value: &Value) -> String {
        crate::render::inspect(value, &Default::default())
    }

    fn eval_int(&mut self, expr: &Expr, op: &str) -> Result<i64, EvalError> {
        match self.eval(expr)? {
            Value::Int(i) => Ok(i),
            other => Err(EvalError::new(
                "ArgumentError",
                format!(
                    "ranges ({op}) expect both sides to be integers, got: {}",
                    self.show(&other)
                ),
            )),
        }
    }

    fn eval_var(&mut self, name: &str) -> Result<Value, EvalError> {
        if let Some(value) = self.scope.get(name) {
            return Ok(value.clone());
        }
        if name.starts_with('_') {
            return Err(self.compile_error(
                "invalid use of _. \"_\" represents a value to be ignored in a pattern and cannot be used in expressions",
            ));
        }
        // A bare name that is not a variable is a zero-arity local call (`v`, `h`, `clear`).
        self.eval_call(None, name, &[], None).map_err(|error| {
            if error.module == "CompileError"
                && error.message.contains(&format!("undefined function {name}/0"))
            {
                self.compile_error(format!("undefined function {name}/0 (there is no such import)"))
            } else {
                error
            }
        })
    }

    fn eval_map(&mut self, base: Option<&Expr>, entries: &[(Expr, Expr)]) -> Result<Value, EvalError> {
        let mut map = match base {
            None => MapValue::default(),
            Some(base) => match self.eval(base)? {
                Value::Map(map) => (*map).clone(),
                other => {
                    return Err(EvalError::new(
                        "BadMapError",
                        format!("expected a map, got: {}", self.show(&other)),
                    ));
                }
            },
        };
        let updating = base.is_some();
        for (key, value) in entries {
            let key = self.eval(key)?;
            let value = self.eval(value)?;
            if updating && map.get(&key).is_none() {
                return Err(EvalError::new(
                    "KeyError",
                    format!(
                        "key {} not found in: {}",
                        self.show(&key),
                        self.show(&Value::Map(Rc::new(map)))
                    ),
                ));
            }
            map.insert(key, value);
        }
        Ok(Value::Map(Rc::new(map)))
    }

    fn eval_binary(&mut self, op: ast::BinOp, left: &Expr, right: &Expr) -> Result<Value, EvalError> {
        use ast::BinOp;
        match op {
            BinOp::And | BinOp::Or => {
                let left_value = self.eval(left)?;
                let Value::Bool(b) = left_value else {
                    return Err(EvalError::new(
                        "BadBooleanError",
                        format!(
                            "expected a boolean on left-side of \"{}\", got: {}",
                            op.symbol(),
                            self.show(&left_value)
                        ),
                    ));
                };
                if (op == BinOp::And && !b) || (op == BinOp::Or && b) {
                    return Ok(Value::Bool(b));
                }
                self.eval(right)
            }
            BinOp::AndAnd => {
                let left_value = self.eval(left)?;
                if left_value.is_truthy() {
                    self.eval(right)
                } else {
                    Ok(left_value)
                }
            }
            BinOp::OrOr => {
                let left_value = self.eval(left)?;
                if left_value.is_truthy() {
                    Ok(left_value)
                } else {
                    self.eval(right)
                }
            }
            _ => {
                let left_value = self.eval(left)?;
                let right_value = self.eval(right)?;
                ops::binary(op, left_value, right_value, self)
            }
        }
    }

    fn eval_sigil(&mut self, sigil: char, parts: &[StrPart], modifiers: &str) -> Result<Value, EvalError> {
        let text = self.interpolate(parts)?;
        match sigil {
            'w' | 'W' => {
                let words = text.split_whitespace();
                Ok(Value::list(match modifiers {
                    "a" => words.map(Value::atom).collect(),
                    "" | "s" => words.map(Value::string).collect(),
                    other => {
                        return Err(
                            self.compile_error(format!("modifier must be one of: s, a, c (got: {other})"))
                        );
                    }
                }))
            }
            's' | 'S' => Ok(Value::string(text)),
            'U' | 'N' | 'D' | 'T' => {
                let Some(kind) = Kind::of_sigil(sigil) else {
                    return Err(self.compile_error(format!("undefined function sigil_{sigil}/2")));
                };
                Calendar::from_iso8601(kind, &text)
                    .map(|c| Value::scalar(Scalar::Cal(c)))
                    .map_err(|reason| {
                        let what = if kind == Kind::Utc {
                            "UTC DateTime"
                        } else {
                            kind.module()
                        };
                        EvalError::new(
                            "ArgumentError",
                            format!(
                                "cannot parse {} as {what} for Calendar.ISO, reason: :{}",
                                crate::render::inspect(&Value::string(text.as_str()), &Default::default()),
                                reason.atom()
                            ),
                        )
                    })
            }
            other => Err(self.compile_error(format!(
                "undefined function sigil_{other}/2 (there is no such import)"
            ))),
        }
    }

    fn interpolate(&mut self, parts: &[StrPart]) -> Result<String, EvalError> {
        let mut text = String::new();
        for part in parts {
            match part {
                StrPart::Lit(s) => text.push_str(s),
                StrPart::Interp(expr) => {
                    let value = self.eval(expr)?;
                    text.push_str(&to_string(&value)?);
                }
            }
        }
        Ok(text)
    }

    fn field(&mut self, value: &Value, name: &str) -> Result<Value, EvalError> {
        match value {
            Value::Scalar(scalar) => {
                let found = match &**scalar {
                    Scalar::Cal(c) => stdlib::calendar::field(c, name),
                    Scalar::Decimal(d) => stdlib::decimal::field(d, name),
                    Scalar::CiString(s) => match name {
                        "string" => Some(Value::string(&**s)),
                        "case" => Some(Value::Nil),
                        _ => None,
                    },
                };
                found.ok_or_else(|| stdlib::errors::key_not_found(&Value::atom(name), value))
            }
            Value::Record(record) => record.field(name).ok_or_else(|| {
                EvalError::new(
                    "KeyError",
                    format!("key :{name} not found in: {}", self.show(value)),
                )
            }),
            Value::Map(map) => map.get(&Value::atom(name)).cloned().ok_or_else(|| {
                EvalError::new(
                    "KeyError",
                    format!("key :{name} not found in: {}", self.show(value)),
                )
            }),
            Value::Struct(s) => s.get(name).cloned().ok_or_else(|| {
                EvalError::new(
                    "KeyError",
                    format!("key :{name} not found in: {}", self.show(value)),
                )
            }),
            Value::Query(query) => match name {
                "resource" => Ok(Value::Module(Rc::from(query.resource.name.clone()))),
                "limit" => Ok(query.limit.map_or(Value::Nil, Value::Int)),
                "offset" => Ok(query.offset.map_or(Value::Nil, Value::Int)),
                "errors" => Ok(Value::list(query.errors.clone())),
                "valid?" => Ok(Value::Bool(query.errors.is_empty())),
                _ => Err(EvalError::new(
                    "KeyError",
                    format!("key :{name} not found in: {}", self.show(value)),
                )),
            },
            Value::Changeset(changeset) => match name {
                "resource" => Ok(Value::Module(Rc::from(changeset.resource.name.clone()))),
                "action_type" => Ok(Value::atom(changeset.action().kind.name())),
                "data" => Ok(Value::Record(changeset.data.clone())),
                "attributes" => Ok(Value::Map(Rc::new(changeset.attributes.clone()))),
                "arguments" => Ok(Value::Map(Rc::new(changeset.arguments.clone()))),
                "errors" => Ok(Value::list(changeset.errors.clone())),
                "valid?" => Ok(Value::Bool(changeset.errors.is_empty())),
                _ => Err(EvalError::new(
                    "KeyError",
                    format!("key :{name} not found in: {}", self.show(value)),
                )),
            },
            Value::Module(module) => {
                let module = module.to_string();
                self.call_remote(&module, name, Vec::new())
            }
            other => Err(EvalError::new(
                "ArgumentError",
                format!(
                    "you attempted to apply a function named :{name} on {}. If you are using Kernel.apply/3, make sure the module is an atom. If you are using the dot syntax, such as module.function(), make sure the left-hand side of the dot is an atom representing a module",
                    self.show(other)
                ),
            )),
        }
    }

    fn eval_args(&mut self, args: &[Expr]) -> Result<Vec<Value>, EvalError> {
        let mut values = Vec::with_capacity(args.len() + 1);
        for arg in args {
            values.push(self.eval(arg)?);
        }
        Ok(values)
    }

    /// `value |> right`: `right` is a call that receives `value` as its first argument.
    /// The first clause matching `subject`, evaluated.
    fn eval_case(&mut self, subject: Value, clauses: &[Clause]) -> Result<Value, EvalError> {
        for clause in clauses {
            if let Some(value) = self.try_clause(clause, std::slice::from_ref(&subject))? {
                return Ok(value);
            }
        }
        Err(EvalError::new(
            "CaseClauseError",
            format!("no case clause matching: {}", self.show(&subject)),
        ))
    }

    fn eval_piped(&mut self, right: &Expr, value: Value) -> Result<Value, EvalError> {
        match &right.kind {
            ExprKind::Case {
                subject: None,
                clauses,
            } => self.eval_case(value, clauses),
            ExprKind::Call {
                target, name, args, ..
            } => self
                .eval_call(target.as_deref(), name, args, Some(value))
                .map_err(|e| e.at(right.span)),
            ExprKind::Var(name) => self
                .eval_call(None, name, &[], Some(value))
                .map_err(|e| e.at(right.span)),
            ExprKind::Apply { fun, args } => {
                let fun = self.eval(fun)?;
                let mut values = vec![value];
                values.extend(self.eval_args(args)?);
                self.apply(&fun, values)
            }
            ExprKind::Field { target, name } => match self.eval(target)? {
                Value::Module(module) => {
                    let module = module.to_string();
                    self.call_remote(&module, name, vec![value])
                }
                _ => Err(self.pipe_error(right)),
            },
            _ => Err(self.pipe_error(right)),
        }
    }

    fn pipe_error(&self, right: &Expr) -> EvalError {
        let _ = right;
        self.compile_error(
            "cannot pipe into this expression: the right side of |> must be a function call, e.g. x |> f()",
        )
    }

    /// Evaluates a call; `piped` is the value of the left side of `|>`, inserted first.
    fn eval_call(
        &mut self,
        target: Option<&Expr>,
        name: &str,
        args: &[Expr],
        piped: Option<Value>,
    ) -> Result<Value, EvalError> {
        let module = match target {
            None => None,
            Some(target) => match &target.kind {
                ExprKind::Alias(alias) => Some(self.resolve_alias(alias)),
                _ => {
                    // `value.fun(args)`: a field access followed by a call is not Elixir; treat
                    // `module_var.fun()` when the value is a module.
                    match self.eval(target)? {
                        Value::Module(m) => Some(m.to_string()),
                        other => {
                            return Err(EvalError::new(
                                "UndefinedFunctionError",
                                format!(
                                    "function {}.{name}/{} is undefined (module {} is not available)",
                                    self.show(&other),
                                    args.len() + usize::from(piped.is_some()),
                                    self.show(&other)
                                ),
                            ));
                        }
                    }
                }
            },
        };
        if module.is_none() && name == "h" && piped.is_none() && args.len() <= 1 {
            return helpers::help(self, args.first());
        }
        // `alias A.{B, C}`: one alias per name in the braces.
        if module.is_none()
            && name == "alias"
            && piped.is_none()
            && let [
                Expr {
                    kind:
                        ExprKind::Call {
                            target: Some(base),
                            name: braces,
                            args: leaves,
                            ..
                        },
                    ..
                },
            ] = args
            && braces == "{}"
            && let ExprKind::Alias(base) = &base.kind
        {
            // iex answers with the list of modules aliased.
            let base = self.resolve_alias(base);
            let mut aliased = Vec::new();
            for leaf in leaves {
                if let ExprKind::Alias(leaf) = &leaf.kind {
                    let module = format!("{base}.{leaf}");
                    self.add_alias(&module, None);
                    aliased.push(Value::Module(Rc::from(module.as_str())));
                }
            }
            return Ok(Value::list(aliased));
        }
        let arity = args.len() + usize::from(piped.is_some());
        let mut values = Vec::with_capacity(arity);
        if let Some(piped) = piped {
            values.push(piped);
        }
        // Macros whose arguments are Ash expressions, not values.
        let quoted_from = match (module.as_deref(), name) {
            (Some("Ash.Query"), "filter") => {
                if !self.required.contains("Ash.Query") {
                    return Err(self.compile_error(
                        "you must require Ash.Query before invoking the macro Ash.Query.filter/2",
                    ));
                }
                Some(1)
            }
            (Some("Ash.Query") | None, "expr" | "expression") => Some(0),
            _ => None,
        };
        for arg in args {
            let position = values.len();
            if quoted_from.is_some_and(|from| position >= from) {
                let expr = ash::expr_from_ast(arg, self)?;
                values.push(Value::AshExpr(Rc::new(expr)));
            } else {
                values.push(self.eval(arg)?);
            }
        }
        match module {
            None => self.call_local(name, values),
            Some(module) => {
                if matches!(name, "expr" | "expression") && module == "Ash.Query" && values.len() == 1 {
                    return Ok(values.remove(0));
                }
                self.call_remote(&module, name, values)
            }
        }
    }

    fn call_local(&mut self, name: &str, args: Vec<Value>) -> Result<Value, EvalError> {
        if matches!(name, "expr" | "expression") && args.len() == 1 {
            return Ok(args.into_iter().next().unwrap_or(Value::Nil));
        }
        if let Some(result) = helpers::call(self, name, &args) {
            return result;
        }
        if let Some(result) = self.operator_call(name, &args) {
            return result;
        }
        let arity = args.len();
        if let Some(result) = stdlib::call(None, name, args, self) {
            return result;
        }
        Err(self.compile_error(format!(
            "undefined function {name}/{arity} (there is no such import)"
        )))
    }

    pub(crate) fn call_remote(
        &mut self,
        module: &str,
        name: &str,
        args: Vec<Value>,
    ) -> Result<Value, EvalError> {
        let arity = args.len();
        if module == "Kernel"
            && let Some(result) = self.operator_call(name, &args)
        {
            return result;
        }
        if ash_modules::is_ash_module(module) {
            if let Some(result) = ash::call(module, name, args, self) {
                return result;
            }
        } else if let Some(result) = stdlib::call(Some(module), name, args, self) {
            return result;
        }
        Err(errors::undefined_function(module, name, arity))
    }

    /// An operator called as a function (`Kernel.+(1, 2)`, `&+/2`); None for other names.
    fn operator_call(&mut self, name: &str, args: &[Value]) -> Option<Result<Value, EvalError>> {
        use ast::{BinOp, UnaryOp};
        match args {
            [left, right] => {
                let op = match name {
                    "+" => BinOp::Add,
                    "-" => BinOp::Sub,
                    "*" => BinOp::Mul,
                    "/" => BinOp::Div,
                    "==" => BinOp::Eq,
                    "!=" => BinOp::NotEq,
                    "===" => BinOp::StrictEq,
                    "!==" => BinOp::StrictNotEq,
                    "<" => BinOp::Lt,
                    ">" => BinOp::Gt,
                    "<=" => BinOp::LtEq,
                    ">=" => BinOp::GtEq,
                    "++" => BinOp::Concat,
                    "--" => BinOp::Subtract,
                    "<>" => BinOp::StrConcat,
                    _ => return None,
                };
                Some(ops::binary(op, left.clone(), right.clone(), self))
            }
            [value] => {
                let op = match name {
                    "-" => UnaryOp::Neg,
                    "+" => UnaryOp::Plus,
                    _ => return None,
                };
                Some(ops::unary(op, value.clone()))
            }
            _ => None,
        }
    }

    pub(crate) fn resolve_alias(&self, name: &str) -> String {
        let (head, rest) = name.split_once('.').map_or((name, None), |(h, r)| (h, Some(r)));
        match (self.aliases.get(head), rest) {
            (Some(full), Some(rest)) => format!("{full}.{rest}"),
            (Some(full), None) => full.clone(),
            (None, _) => name.to_string(),
        }
    }

    pub(crate) fn require(&mut self, module: &str) {
        self.required.insert(module.to_string());
    }

    pub(crate) fn add_alias(&mut self, module: &str, alias_as: Option<&str>) {
        let short = alias_as.unwrap_or_else(|| module.rsplit('.').next().unwrap_or(module));
        self.aliases.insert(short.to_string(), module.to_string());
    }

    fn match_or_raise(&mut self, pattern: &Expr, value: &Value) -> Result<(), EvalError> {
        let mut bindings = Vec::new();
        if pattern::matches(self, pattern, value, &mut bindings)? {
            for (name, value) in bindings {
                self.scope.set(&name, value);
            }
            Ok(())
        } else {
            Err(EvalError::new(
                "MatchError",
                format!("no match of right hand side value: {}", self.show(value)),
            ))
        }
    }

    /// `with`: each generator's value must match its pattern (binding its variables for the
    /// rest); the first that does not goes to the `else` clauses, or is the result.
    fn eval_with(
        &mut self,
        qualifiers: &[Qualifier],
        body: &Expr,
        otherwise: &[Clause],
    ) -> Result<Value, EvalError> {
        for qualifier in qualifiers {
            match qualifier {
                Qualifier::Generator { pattern, source } => {
                    let value = self.eval(source)?;
                    let mut bindings = Vec::new();
                    if !pattern::matches(self, pattern, &value, &mut bindings)? {
                        if otherwise.is_empty() {
                            return Ok(value);
                        }
                        for clause in otherwise {
                            if let Some(result) = self.try_clause(clause, std::slice::from_ref(&value))? {
                                return Ok(result);
                            }
                        }
                        return Err(EvalError::new(
                            "WithClauseError",
                            format!("no with clause matching: {}", self.show(&value)),
                        ));
                    }
                    for (name, value) in bindings {
                        self.scope.set(&name, value);
                    }
                }
                Qualifier::Filter(expr) => {
                    self.eval(expr)?;
                }
            }
        }
        self.eval(body)
    }

    /// Tries one clause against arguments; binds its variables in a child scope and
    /// evaluates the body when the patterns (and guard) match.
    fn try_clause(&mut self, clause: &Clause, args: &[Value]) -> Result<Option<Value>, EvalError> {
        if clause.patterns.len() != args.len() {
            return Ok(None);
        }
        let mut bindings = Vec::new();
        for (pattern, value) in clause.patterns.iter().zip(args) {
            if !pattern::matches(self, pattern, value, &mut bindings)? {
                return Ok(None);
            }
        }
        self.scoped(|this| {
            for (name, value) in bindings {
                this.scope.set(&name, value);
            }
            if let Some(guard) = &clause.guard {
                // A guard that raises is a guard that fails, as in Elixir.
                match this.eval(guard) {
                    Ok(value) if value.is_truthy() => {}
                    _ => return Ok(None),
                }
            }
            this.eval(&clause.body).map(Some)
        })
    }

    fn eval_for(
        &mut self,
        qualifiers: &[Qualifier],
        into: Option<&Expr>,
        body: &Expr,
    ) -> Result<Value, EvalError> {
        let into = match into {
            Some(into) => Some(self.eval(into)?),
            None => None,
        };
        let mut results = Vec::new();
        self.scoped(|this| this.for_step(qualifiers, body, &mut results))?;
        match into {
            None => Ok(Value::list(results)),
            Some(Value::List(initial)) => {
                let mut items = initial.to_vec();
                items.extend(results);
                Ok(Value::list(items))
            }
            Some(Value::Map(initial)) => {
                let mut map = (*initial).clone();
                for item in results {
                    match &item {
                        Value::Tuple(pair) if pair.len() == 2 => map.insert(pair[0].clone(), pair[1].clone()),
                        _ => {
                            return Err(EvalError::new(
                                "ArgumentError",
                                format!(
                                    "collecting into a map requires {{key, value}} tuples, got: {}",
                                    self.show(&item)
                                ),
                            ));
                        }
                    }
                }
                Ok(Value::Map(Rc::new(map)))
            }
            Some(Value::Str(initial)) => {
                let mut text = initial.to_string();
                for item in results {
                    text.push_str(&to_string(&item)?);
                }
                Ok(Value::string(text))
            }
            Some(other) => Err(EvalError::new(
                "Protocol.UndefinedError",
                format!("protocol Collectable not implemented for {}", self.show(&other)),
            )),
        }
    }

    fn for_step(
        &mut self,
        qualifiers: &[Qualifier],
        body: &Expr,
        results: &mut Vec<Value>,
    ) -> Result<(), EvalError> {
        let Some((first, rest)) = qualifiers.split_first() else {
            let value = self.scoped(|this| this.eval(body))?;
            results.push(value);
            return Ok(());
        };
        match first {
            Qualifier::Filter(condition) => {
                if self.eval(condition)?.is_truthy() {
                    self.for_step(rest, body, results)?;
                }
                Ok(())
            }
            Qualifier::Generator { pattern, source } => {
                let source = self.eval(source)?;
                let items = enumerate(&source)?;
                for item in items.iter() {
                    let mut bindings = Vec::new();
                    if !pattern::matches(self, pattern, item, &mut bindings)? {
                        continue;
                    }
                    self.scoped(|this| {
                        for (name, value) in bindings {
                            this.scope.set(&name, value);
                        }
                        this.for_step(rest, body, results)
                    })?;
                }
                Ok(())
            }
        }
    }

    pub(crate) fn write(&mut self, text: &str) {
        let _ = self.out.write_all(text.as_bytes());
    }
}

impl Host for Interpreter {
    fn apply(&mut self, fun: &Value, args: Vec<Value>) -> Result<Value, EvalError> {
        let Value::Fun(function) = fun else {
            return Err(EvalError::new(
                "BadFunctionError",
                format!("expected a function, got: {}", self.show(fun)),
            ));
        };
        if function.arity() != args.len() {
            let shown: Vec<String> = args.iter().map(|a| self.show(a)).collect();
            return Err(EvalError::new(
                "BadArityError",
                format!(
                    "{} with arity {} called with {} argument{} ({})",
                    self.show(fun),
                    function.arity(),
                    args.len(),
                    if args.len() == 1 { "" } else { "s" },
                    shown.join(", ")
                ),
            ));
        }
        match function.as_ref() {
            Function::Named { module, name, .. } => match module {
                Some(module) => self.call_remote(module, name, args),
                None => self.call_local(name, args),
            },
            Function::Closure { clauses, env, .. } => {
                let saved = std::mem::replace(&mut self.scope, env.clone());
                let mut outcome = Ok(None);
                for clause in clauses.iter() {
                    outcome = self.try_clause(clause, &args);
                    if !matches!(outcome, Ok(None)) {
                        break;
                    }
                }
                self.scope = saved;
                match outcome? {
                    Some(value) => Ok(value),
                    None => Err(errors::fn_clause(&args)),
                }
            }
        }
    }

    fn eval(&mut self, expr: &Expr) -> Result<Value, EvalError> {
        Interpreter::eval(self, expr)
    }

    fn write_out(&mut self, text: &str) {
        self.write(text);
    }

    fn db(&mut self) -> Result<&mut Database, EvalError> {
        if self.db.is_none() {
            let url = self.db_url.clone().unwrap_or_else(|| "helpdesk.db".to_string());
            let mut db = Database::connect(&url).map_err(errors::from_db)?;
            let set = db.migration_set(&self.location).map_err(errors::from_db)?;
            db.migrate_set(&set).map_err(errors::from_db)?;
            db.watch_interrupts(crate::eval::interrupt::flag());
            self.db = Some(db);
        }
        match self.db.as_mut() {
            Some(db) => Ok(db),
            None => Err(EvalError::new("RuntimeError", "no database")),
        }
    }
}

/// `to_string/1` / string interpolation (`String.Chars`).
pub(crate) fn to_string(value: &Value) -> Result<String, EvalError> {
    stdlib::text::to_string(value)
}

/// The items of an enumerable (list, range, map as `{k, v}` tuples).
pub(crate) fn enumerate(value: &Value) -> Result<Rc<Vec<Value>>, EvalError> {
    stdlib::enumerable::to_vec(value)
}

fn max_capture_arg(expr: &Expr, max: &mut usize) {
    if let ExprKind::CaptureArg(n) = expr.kind {
        *max = (*max).max(n);
    }
    ast::for_each_child(expr, &mut |child| max_capture_arg(child, max));
}

fn uses_capture_arg(expr: &Expr, n: usize) -> bool {
    if matches!(expr.kind, ExprKind::CaptureArg(m) if m == n) {
        return true;
    }
    let mut found = false;
    ast::for_each_child(expr, &mut |child| found = found || uses_capture_arg(child, n));
    found
}

fn pin_name(expr: &Expr) -> String {
    match &expr.kind {
        ExprKind::Var(name) => name.clone(),
        _ => "expr".to_string(),
    }
}
