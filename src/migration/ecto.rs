//! Reads one Ecto migration module (`priv/<repo>/migrations/<version>_<name>.exs`) with the
//! project's parser into `ops::Op`s: the Ecto.Migration vocabulary ash_postgres generates and
//! people write by hand. It evaluates nothing: anything else (a `for`, a variable, a call to
//! another module) is an error naming its line and what it is. `change` is reversed for
//! rolling back as Ecto reverses it. No SQL and no database here (`db::ddl` writes the SQL).

use crate::syntax::ast::{Expr, ExprKind, StrPart};

use super::ops::{
    Change, Column, ColumnType, Constraint, Default, Index, IndexColumn, Op, OpKind, RefAction, Reference,
    Table,
};

/// A problem at a line of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub message: String,
}

/// A migration module as read.
#[derive(Debug, Clone, PartialEq)]
pub struct EctoMigration {
    /// What migrating runs.
    pub up: Vec<Op>,
    /// What rolling back runs, or why it cannot be rolled back (a `change` Ecto cannot
    /// reverse, a `down` outside the vocabulary, no `down` at all).
    pub down: Result<Vec<Op>, LineError>,
    /// `@disable_ddl_transaction true` (helpdesk still runs it inside its one transaction).
    pub disable_ddl_transaction: bool,
    /// `@disable_migration_lock true`.
    pub disable_migration_lock: bool,
}

type Read<T> = Result<T, LineError>;

/// Reads a migration file's text.
pub fn read(text: &str) -> Read<EctoMigration> {
    let reader = Reader { text };
    let program = crate::syntax::parse(text).map_err(|e| LineError {
        line: e.span.line_col(text).0,
        message: format!("syntax error: {}", e.message),
    })?;
    let module = program
        .iter()
        .find_map(|expr| match call(expr) {
            Some(("defmodule", args)) => args.get(1).and_then(|o| keyword(o, "do")),
            _ => None,
        })
        .ok_or_else(|| LineError {
            line: 1,
            message: "no `defmodule ... do use Ecto.Migration ... end` in this file".into(),
        })?;
    let mut bodies: [Option<&Expr>; 3] = [None, None, None];
    let mut migration = EctoMigration {
        up: Vec::new(),
        down: Ok(Vec::new()),
        disable_ddl_transaction: false,
        disable_migration_lock: false,
    };
    for item in block_items(module) {
        match &item.kind {
            ExprKind::ModuleAttribute { name, value } => {
                let on = matches!(value.as_deref().map(|v| &v.kind), Some(ExprKind::Bool(true)));
                match name.as_str() {
                    "disable_ddl_transaction" => migration.disable_ddl_transaction = on,
                    "disable_migration_lock" => migration.disable_migration_lock = on,
                    // `@moduledoc`, and attributes only code would read (reading one is an
                    // error where it happens).
                    _ => {}
                }
            }
            _ => match call(item) {
                Some(("def", args)) => {
                    let name = args.first().and_then(function_name);
                    let slot = match name.as_deref() {
                        Some("up") => 0,
                        Some("down") => 1,
                        Some("change") => 2,
                        _ => continue,
                    };
                    if args.first().is_some_and(has_parameters) {
                        return Err(reader.error(item, "`def` with parameters is not a migration callback"));
                    }
                    bodies[slot] = Some(
                        args.get(1)
                            .and_then(|o| keyword(o, "do"))
                            .ok_or_else(|| reader.error(item, "a `def` without a `do` block"))?,
                    );
                }
                Some(("use" | "import" | "alias" | "require" | "defp" | "defmacro" | "defmacrop", _)) => {}
                _ => return Err(reader.unsupported(item, "in the module body")),
            },
        }
    }
    match bodies {
        [_, _, Some(change)] => {
            migration.up = reader.commands(change)?;
            migration.down = reverse_all(&migration.up);
        }
        [Some(up), down, None] => {
            migration.up = reader.commands(up)?;
            migration.down = match down {
                Some(down) => reader.commands(down),
                None => Err(LineError {
                    line: up.span.line_col(text).0,
                    message: "the migration has `up` but no `down`".into(),
                }),
            };
        }
        [None, _, None] => {
            return Err(LineError {
                line: 1,
                message: "the migration defines neither `change` nor `up`".into(),
            });
        }
    }
    Ok(migration)
}

struct Reader<'t> {
    text: &'t str,
}

impl Reader<'_> {
    fn line(&self, expr: &Expr) -> usize {
        expr.span.line_col(self.text).0
    }

    fn error(&self, expr: &Expr, message: impl Into<String>) -> LineError {
        LineError {
            line: self.line(expr),
            message: message.into(),
        }
    }

    /// "X is outside the Ecto.Migration vocabulary helpdesk reads".
    fn unsupported(&self, expr: &Expr, place: &str) -> LineError {
        self.error(
            expr,
            format!(
                "{} {place} is outside the Ecto.Migration vocabulary helpdesk reads",
                describe(expr)
            ),
        )
    }

    /// The commands of an `up`/`down`/`change` body.
    fn commands(&self, body: &Expr) -> Read<Vec<Op>> {
        let mut ops = Vec::new();
        for item in block_items(body) {
            if let Some(op) = self.command(item)? {
                ops.push(op);
            }
        }
        Ok(ops)
    }

    fn command(&self, expr: &Expr) -> Read<Option<Op>> {
        let line = self.line(expr);
        let op = |kind| Ok(Some(Op { line, kind }));
        let Some((name, args)) = call(expr) else {
            return Err(self.unsupported(expr, "in a migration"));
        };
        match (name, args.len()) {
            ("flush", 0) => Ok(None),
            ("create" | "create_if_not_exists", 1 | 2) => {
                let if_not_exists = name == "create_if_not_exists";
                let (target, block) = self.with_block(args)?;
                match call(target) {
                    Some(("table", targs)) => {
                        let table = self.table(target, targs)?;
                        let mut columns = Vec::new();
                        if let Some(block) = block {
                            // A `create table` block holds only adds (`table_block` refuses the rest).
                            for change in self.table_block(block, true)? {
                                if let Change::Add { column, .. } = change {
                                    columns.push(column);
                                }
                            }
                        }
                        op(OpKind::CreateTable {
                            table,
                            if_not_exists,
                            columns,
                        })
                    }
                    Some(("index" | "unique_index", iargs)) if block.is_none() => {
                        let index = self.index(target, iargs, name_of(target) == "unique_index")?;
                        op(OpKind::CreateIndex { index, if_not_exists })
                    }
                    Some(("constraint", cargs)) if block.is_none() && !if_not_exists => {
                        op(OpKind::CreateConstraint(self.constraint(target, cargs)?))
                    }
                    _ => Err(self.unsupported(target, &format!("as the argument of `{name}`"))),
                }
            }
            ("alter", 1 | 2) => {
                let (target, block) = self.with_block(args)?;
                let Some(("table", targs)) = call(target) else {
                    return Err(self.unsupported(target, "as the argument of `alter`"));
                };
                let table = self.table(target, targs)?;
                let Some(block) = block else {
                    return Err(self.error(expr, "`alter table(...)` needs a `do` block"));
                };
                let changes = self.table_block(block, false)?;
                op(OpKind::AlterTable { table, changes })
            }
            ("drop" | "drop_if_exists", 1 | 2) => {
                let if_exists = name == "drop_if_exists";
                let target = &args[0];
                // `drop table(:t), mode: :cascade` is the only extra argument Ecto takes.
                let mut cascade = false;
                for (key, value) in self.options(args.get(1))? {
                    match (key.as_str(), &value.kind) {
                        ("mode", ExprKind::Atom(mode)) if mode == "cascade" || mode == "restrict" => {
                            cascade = mode == "cascade";
                        }
                        _ => {
                            return Err(self.error(value, format!("`drop` option `{key}:` is not supported")));
                        }
                    }
                }
                match call(target) {
                    Some(("table", targs)) => op(OpKind::DropTable {
                        table: self.table(target, targs)?,
                        if_exists,
                        cascade,
                    }),
                    Some(("index" | "unique_index", iargs)) => op(OpKind::DropIndex {
                        index: self.index(target, iargs, name_of(target) == "unique_index")?,
                        if_exists,
                    }),
                    Some(("constraint", cargs)) => op(OpKind::DropConstraint {
                        constraint: self.constraint(target, cargs)?,
                        if_exists,
                    }),
                    _ => Err(self.unsupported(target, &format!("as the argument of `{name}`"))),
                }
            }
            ("rename", 2) => {
                let (Some(("table", from)), Some(to)) = (call(&args[0]), keyword(&args[1], "to")) else {
                    return Err(self.error(expr, "`rename` takes `table(:a), to: table(:b)`"));
                };
                let from = self.table(&args[0], from)?;
                let Some(("table", to_args)) = call(to) else {
                    return Err(self.unsupported(to, "as the target of `rename`"));
                };
                let to = self.table(to, to_args)?;
                op(OpKind::RenameTable { from, to })
            }
            ("rename", 3) => {
                let Some(("table", targs)) = call(&args[0]) else {
                    return Err(self.unsupported(&args[0], "as the table of `rename`"));
                };
                let table = self.table(&args[0], targs)?;
                let from = self.name(&args[1])?;
                let to = keyword(&args[2], "to")
                    .ok_or_else(|| self.error(&args[2], "`rename table(:t), :old, to: :new` needs `to:`"))?;
                let to = self.name(to)?;
                op(OpKind::RenameColumn { table, from, to })
            }
            ("execute", 1 | 2) => {
                let sql = self.string(&args[0], "the SQL of `execute`")?;
                let reverse = match args.get(1) {
                    Some(down) => Some(self.string(down, "the rollback SQL of `execute`")?),
                    None => None,
                };
                op(OpKind::Execute { sql, reverse })
            }
            ("raise", 1) => {
                let message = self.string(&args[0], "the message of `raise`")?;
                op(OpKind::Raise { message })
            }
            _ => Err(self.unsupported(expr, "in a migration")),
        }
    }

    /// `create table(...) do ... end`: the do-block may come as the last argument of `create`
    /// (as Elixir attaches it) or of `table(...)`.
    fn with_block<'e>(&self, args: &'e [Expr]) -> Read<(&'e Expr, Option<&'e Expr>)> {
        let target = &args[0];
        if let Some(options) = args.get(1) {
            let block = keyword(options, "do").ok_or_else(|| self.unsupported(options, "after the table"))?;
            return Ok((target, Some(block)));
        }
        if let Some((_, targs)) = call(target)
            && let Some(block) = targs.last().and_then(|o| keyword(o, "do"))
        {
            return Ok((target, Some(block)));
        }
        Ok((target, None))
    }

    /// `table(:name, opts)`.
    fn table(&self, expr: &Expr, args: &[Expr]) -> Read<Table> {
        let name = args
            .first()
            .ok_or_else(|| self.error(expr, "`table` needs a name"))
            .and_then(|n| self.name(n))?;
        let mut table = Table {
            name,
            prefix: None,
            primary_key: true,
            options: None,
        };
        for (key, value) in self.options(args.get(1))? {
            match key.as_str() {
                "prefix" => table.prefix = Some(self.name(value)?),
                "primary_key" => table.primary_key = self.boolean(value)?,
                "options" => table.options = Some(self.string(value, "`options:`")?),
                "comment" | "engine" | "do" => {}
                _ => return Err(self.error(value, format!("`table` option `{key}:` is not supported"))),
            }
        }
        Ok(table)
    }

    /// The changes of a table's do-block (`add`, `modify`, `remove`, `timestamps`, ...).
    fn table_block(&self, block: &Expr, creating: bool) -> Read<Vec<Change>> {
        let mut changes = Vec::new();
        for item in block_items(block) {
            let Some((name, args)) = call(item) else {
                return Err(self.unsupported(item, "in a table block"));
            };
            match (name, args.len()) {
                ("add" | "add_if_not_exists", 2 | 3) => changes.push(Change::Add {
                    column: self.column(item, args)?,
                    if_not_exists: name == "add_if_not_exists",
                }),
                ("timestamps", 0 | 1) => {
                    let mut inserted = "inserted_at".to_string();
                    let mut updated = Some("updated_at".to_string());
                    let mut ty = ColumnType::Named("naive_datetime".into());
                    let mut default = None;
                    let mut null = Some(false);
                    for (key, value) in self.options(args.first())? {
                        match key.as_str() {
                            "type" => ty = self.column_type(value)?,
                            "inserted_at" => inserted = self.name(value)?,
                            "updated_at" => {
                                updated = match &value.kind {
                                    ExprKind::Bool(false) => None,
                                    _ => Some(self.name(value)?),
                                }
                            }
                            "default" => default = Some(self.default(value)?),
                            "null" => null = Some(self.boolean(value)?),
                            _ => {
                                return Err(self
                                    .error(value, format!("`timestamps` option `{key}:` is not supported")));
                            }
                        }
                    }
                    for name in std::iter::once(inserted).chain(updated) {
                        let mut column = Column::new(&name, ty.clone());
                        column.line = self.line(item);
                        column.null = null;
                        column.default.clone_from(&default);
                        changes.push(Change::Add {
                            column,
                            if_not_exists: false,
                        });
                    }
                }
                ("modify", 2 | 3) if !creating => {
                    let column = self.column(item, args)?;
                    let from = match args.get(2).and_then(|o| keyword(o, "from")) {
                        Some(from) => Some(Box::new(self.from(&column.name, from)?)),
                        None => None,
                    };
                    changes.push(Change::Modify { column, from });
                }
                ("remove" | "remove_if_exists", 1..=3) if !creating => {
                    let name_text = self.name(&args[0])?;
                    let was = if args.len() >= 2 {
                        Some(self.column(item, args)?)
                    } else {
                        None
                    };
                    changes.push(Change::Remove {
                        name: name_text,
                        if_exists: name == "remove_if_exists",
                        was,
                    });
                }
                _ => {
                    let place = if creating {
                        "in a `create table` block"
                    } else {
                        "in an `alter table` block"
                    };
                    return Err(self.unsupported(item, place));
                }
            }
        }
        Ok(changes)
    }

    /// `modify`'s `from:`: a type, `{type, opts}`, or `references(...)`.
    fn from(&self, name: &str, from: &Expr) -> Read<Column> {
        match &from.kind {
            ExprKind::Tuple(items) if items.len() == 2 && keyword_pairs(&items[1]).is_some() => {
                let mut column = Column::new(name, self.column_type(&items[0])?);
                self.column_options(&mut column, Some(&items[1]))?;
                Ok(column)
            }
            _ => Ok(Column::new(name, self.column_type(from)?)),
        }
    }

    /// `add :name, type, opts` (also `modify` and `remove` with a type).
    fn column(&self, expr: &Expr, args: &[Expr]) -> Read<Column> {
        let name = self.name(&args[0])?;
        let ty = args
            .get(1)
            .ok_or_else(|| self.error(expr, "a column needs a type"))
            .and_then(|t| self.column_type(t))?;
        let mut column = Column::new(&name, ty);
        column.line = self.line(expr);
        self.column_options(&mut column, args.get(2))?;
        Ok(column)
    }

    fn column_options(&self, column: &mut Column, options: Option<&Expr>) -> Read<()> {
        for (key, value) in self.options(options)? {
            match key.as_str() {
                "null" => column.null = Some(self.boolean(value)?),
                "default" => column.default = Some(self.default(value)?),
                "primary_key" => column.primary_key = self.boolean(value)?,
                "size" => column.size = Some(self.integer(value)?),
                "precision" => column.precision = Some(self.integer(value)?),
                "scale" => column.scale = Some(self.integer(value)?),
                "generated" => column.generated = Some(self.string(value, "`generated:`")?),
                // `from:` is read by `modify`; comments change no column.
                "from" | "comment" => {}
                _ => return Err(self.error(value, format!("column option `{key}:` is not supported"))),
            }
        }
        Ok(())
    }

    /// `:uuid`, `{:array, :text}`, `references(...)`.
    fn column_type(&self, expr: &Expr) -> Read<ColumnType> {
        match &expr.kind {
            ExprKind::Atom(name) => Ok(ColumnType::Named(name.clone())),
            ExprKind::Tuple(items)
                if items.len() == 2 && matches!(&items[0].kind, ExprKind::Atom(a) if a == "array") =>
            {
                Ok(ColumnType::Array(Box::new(self.column_type(&items[1])?)))
            }
            _ => match call(expr) {
                Some(("references", args)) if !args.is_empty() && args.len() <= 2 => self.reference(args),
                _ => Err(self.unsupported(expr, "as a column type")),
            },
        }
    }

    fn reference(&self, args: &[Expr]) -> Read<ColumnType> {
        let mut reference = Reference {
            table: self.name(&args[0])?,
            column: "id".into(),
            name: None,
            ty: Box::new(ColumnType::Named("bigserial".into())),
            prefix: None,
            on_delete: RefAction::Nothing,
            on_update: RefAction::Nothing,
        };
        for (key, value) in self.options(args.get(1))? {
            match key.as_str() {
                "column" => reference.column = self.name(value)?,
                "name" => reference.name = Some(self.name(value)?),
                "type" => reference.ty = Box::new(self.column_type(value)?),
                "prefix" => reference.prefix = Some(self.name(value)?),
                "on_delete" => reference.on_delete = self.action(value)?,
                "on_update" => reference.on_update = self.action(value)?,
                // A column size/deferrability that changes nothing helpdesk reads.
                "size" | "validate" | "match" => {}
                _ => return Err(self.error(value, format!("`references` option `{key}:` is not supported"))),
            }
        }
        Ok(ColumnType::References(reference))
    }

    fn action(&self, value: &Expr) -> Read<RefAction> {
        match &value.kind {
            ExprKind::Atom(a) => match a.as_str() {
                "nothing" => Ok(RefAction::Nothing),
                "restrict" => Ok(RefAction::Restrict),
                "delete_all" | "update_all" => Ok(RefAction::Cascade),
                "nilify_all" => Ok(RefAction::SetNull),
                _ => Err(self.error(value, format!("`:{a}` is not an `on_delete`/`on_update` action"))),
            },
            _ => Err(self.unsupported(value, "as an `on_delete`/`on_update` action")),
        }
    }

    /// `index(:table, [columns], opts)`.
    fn index(&self, expr: &Expr, args: &[Expr], unique: bool) -> Read<Index> {
        let (Some(table), Some(columns)) = (args.first(), args.get(1)) else {
            return Err(self.error(expr, "`index` takes a table and a list of columns"));
        };
        let table = self.name(table)?;
        let columns: Vec<IndexColumn> = match &columns.kind {
            ExprKind::List { items, tail: None } => items
                .iter()
                .map(|item| match &item.kind {
                    ExprKind::Atom(name) => Ok(IndexColumn::Name(name.clone())),
                    _ => self.string(item, "an index column").map(IndexColumn::Expression),
                })
                .collect::<Read<_>>()?,
            ExprKind::Atom(name) => vec![IndexColumn::Name(name.clone())],
            _ => vec![IndexColumn::Expression(self.string(columns, "an index column")?)],
        };
        let mut index = Index {
            name: default_index_name(&table, &columns),
            table,
            prefix: None,
            columns,
            unique,
            concurrently: false,
            using: None,
            where_clause: None,
            include: Vec::new(),
        };
        for (key, value) in self.options(args.get(2))? {
            match key.as_str() {
                "name" => index.name = self.name(value)?,
                "unique" => index.unique = self.boolean(value)?,
                "concurrently" => index.concurrently = self.boolean(value)?,
                "using" => index.using = Some(self.name(value)?),
                "where" => index.where_clause = Some(self.string(value, "`where:`")?),
                "prefix" => index.prefix = Some(self.name(value)?),
                "include" => index.include = self.names(value)?,
                "comment" => {}
                _ => return Err(self.error(value, format!("`index` option `{key}:` is not supported"))),
            }
        }
        Ok(index)
    }

    /// `constraint(:table, :name, check: "...")`.
    fn constraint(&self, expr: &Expr, args: &[Expr]) -> Read<Constraint> {
        let (Some(table), Some(name)) = (args.first(), args.get(1)) else {
            return Err(self.error(expr, "`constraint` takes a table and a name"));
        };
        let mut constraint = Constraint {
            table: self.name(table)?,
            prefix: None,
            name: self.name(name)?,
            check: None,
            exclude: None,
        };
        for (key, value) in self.options(args.get(2))? {
            match key.as_str() {
                "check" => constraint.check = Some(self.string(value, "`check:`")?),
                "exclude" => constraint.exclude = Some(self.string(value, "`exclude:`")?),
                "prefix" => constraint.prefix = Some(self.name(value)?),
                "comment" | "validate" => {}
                _ => return Err(self.error(value, format!("`constraint` option `{key}:` is not supported"))),
            }
        }
        Ok(constraint)
    }

    /// A `default:` value.
    fn default(&self, value: &Expr) -> Read<Default> {
        Ok(match &value.kind {
            ExprKind::Nil => Default::Null,
            ExprKind::Bool(b) => Default::Bool(*b),
            ExprKind::Int(i) => Default::Int(*i),
            ExprKind::Float(f) => Default::Float(*f),
            ExprKind::Unary {
                op: crate::syntax::ast::UnaryOp::Neg,
                operand,
            } => match &operand.kind {
                ExprKind::Int(i) => Default::Int(-i),
                ExprKind::Float(f) => Default::Float(-f),
                _ => return Err(self.unsupported(value, "as a default")),
            },
            ExprKind::Str(_) | ExprKind::Sigil { .. } => Default::Str(self.string(value, "a default")?),
            ExprKind::List { items, tail: None } => {
                Default::List(items.iter().map(|i| self.default(i)).collect::<Read<_>>()?)
            }
            ExprKind::Map { base: None, entries } => Default::Json(self.json_map(entries)?),
            _ => match call(value) {
                Some(("fragment", [sql])) => Default::Fragment(self.string(sql, "`fragment`")?),
                _ => return Err(self.unsupported(value, "as a default")),
            },
        })
    }

    fn json_map(&self, entries: &[(Expr, Expr)]) -> Read<String> {
        let mut object = serde_json::Map::new();
        for (key, value) in entries {
            let key = self.name(key)?;
            let value = match self.default(value)? {
                Default::Null => serde_json::Value::Null,
                Default::Bool(b) => serde_json::Value::Bool(b),
                Default::Int(i) => serde_json::Value::from(i),
                Default::Float(f) => serde_json::Value::from(f),
                Default::Str(s) => serde_json::Value::String(s),
                _ => return Err(self.unsupported(value, "inside a map default")),
            };
            object.insert(key, value);
        }
        Ok(serde_json::Value::Object(object).to_string())
    }

    fn options<'e>(&self, options: Option<&'e Expr>) -> Read<Vec<(String, &'e Expr)>> {
        match options {
            None => Ok(Vec::new()),
            Some(options) => {
                keyword_pairs(options).ok_or_else(|| self.unsupported(options, "where options belong"))
            }
        }
    }

    /// An atom or a literal string.
    fn name(&self, expr: &Expr) -> Read<String> {
        match &expr.kind {
            ExprKind::Atom(name) => Ok(name.clone()),
            _ => self.string(expr, "a name"),
        }
    }

    fn names(&self, expr: &Expr) -> Read<Vec<String>> {
        match &expr.kind {
            ExprKind::List { items, tail: None } => items.iter().map(|i| self.name(i)).collect(),
            _ => Ok(vec![self.name(expr)?]),
        }
    }

    /// A literal string (no interpolation).
    fn string(&self, expr: &Expr, what: &str) -> Read<String> {
        let parts = match &expr.kind {
            ExprKind::Str(parts) => parts,
            ExprKind::Sigil {
                sigil: 's' | 'S',
                parts,
                ..
            } => parts,
            _ => return Err(self.unsupported(expr, &format!("as {what}"))),
        };
        let mut text = String::new();
        for part in parts {
            match part {
                StrPart::Lit(lit) => text.push_str(lit),
                StrPart::Interp(inner) => {
                    return Err(self.error(
                        inner,
                        format!("string interpolation in {what} is outside the Ecto.Migration vocabulary helpdesk reads"),
                    ));
                }
            }
        }
        Ok(text)
    }

    fn boolean(&self, expr: &Expr) -> Read<bool> {
        match &expr.kind {
            ExprKind::Bool(b) => Ok(*b),
            _ => Err(self.unsupported(expr, "where `true` or `false` belongs")),
        }
    }

    fn integer(&self, expr: &Expr) -> Read<i64> {
        match &expr.kind {
            ExprKind::Int(i) => Ok(*i),
            _ => Err(self.unsupported(expr, "where an integer belongs")),
        }
    }
}

/// Ecto's default index name: `<table>_<col1>_<col2>_index`, non-word characters as `_`.
fn default_index_name(table: &str, columns: &[IndexColumn]) -> String {
    let mut parts = vec![table.to_string()];
    for column in columns {
        let text = match column {
            IndexColumn::Name(n) | IndexColumn::Expression(n) => n,
        };
        let cleaned: String = text
            .chars()
            .map(|c| if c.is_alphanumeric() || c == '_' { c } else { '_' })
            .collect();
        parts.push(cleaned.trim_end_matches('_').to_string());
    }
    parts.push("index".into());
    parts.join("_")
}

/// Reverses a `change` body for rolling back, as Ecto's runner does: the commands in reverse
/// order, each inverted; what Ecto cannot invert is an error at its line.
pub fn reverse_all(ops: &[Op]) -> Read<Vec<Op>> {
    ops.iter().rev().map(reverse).collect()
}

fn reverse(op: &Op) -> Read<Op> {
    let irreversible = |what: &str| LineError {
        line: op.line,
        message: format!("cannot roll back `change`: Ecto cannot reverse {what}"),
    };
    let kind = match &op.kind {
        OpKind::CreateTable {
            table, if_not_exists, ..
        } => OpKind::DropTable {
            table: table.clone(),
            if_exists: *if_not_exists,
            cascade: false,
        },
        OpKind::CreateIndex { index, if_not_exists } => OpKind::DropIndex {
            index: index.clone(),
            if_exists: *if_not_exists,
        },
        OpKind::DropIndex { index, if_exists } => OpKind::CreateIndex {
            index: index.clone(),
            if_not_exists: *if_exists,
        },
        OpKind::CreateConstraint(constraint) => OpKind::DropConstraint {
            constraint: constraint.clone(),
            if_exists: false,
        },
        OpKind::DropConstraint { constraint, .. }
            if constraint.check.is_some() || constraint.exclude.is_some() =>
        {
            OpKind::CreateConstraint(constraint.clone())
        }
        OpKind::DropConstraint { .. } => return Err(irreversible("`drop constraint` without `check:`")),
        OpKind::DropTable { .. } => return Err(irreversible("`drop table`")),
        OpKind::RenameTable { from, to } => OpKind::RenameTable {
            from: to.clone(),
            to: from.clone(),
        },
        OpKind::RenameColumn { table, from, to } => OpKind::RenameColumn {
            table: table.clone(),
            from: to.clone(),
            to: from.clone(),
        },
        OpKind::Execute {
            sql,
            reverse: Some(down),
        } => OpKind::Execute {
            sql: down.clone(),
            reverse: Some(sql.clone()),
        },
        OpKind::Execute { reverse: None, .. } => {
            return Err(irreversible("`execute/1` (give `execute(up, down)`)"));
        }
        OpKind::Raise { message } => OpKind::Raise {
            message: message.clone(),
        },
        OpKind::AlterTable { table, changes } => {
            let mut reversed = Vec::new();
            for change in changes.iter().rev() {
                reversed.push(match change {
                    Change::Add {
                        column,
                        if_not_exists,
                    } => Change::Remove {
                        name: column.name.clone(),
                        if_exists: *if_not_exists,
                        was: Some(column.clone()),
                    },
                    Change::Modify {
                        column,
                        from: Some(from),
                    } => Change::Modify {
                        column: (**from).clone(),
                        from: Some(Box::new(column.clone())),
                    },
                    Change::Modify { from: None, .. } => {
                        return Err(irreversible("`modify` without `from:`"));
                    }
                    Change::Remove {
                        was: Some(was),
                        if_exists,
                        ..
                    } => Change::Add {
                        column: was.clone(),
                        if_not_exists: *if_exists,
                    },
                    Change::Remove { was: None, .. } => {
                        return Err(irreversible("`remove` without the column's type"));
                    }
                });
            }
            OpKind::AlterTable {
                table: table.clone(),
                changes: reversed,
            }
        }
    };
    Ok(Op { line: op.line, kind })
}

/// A local call's name and arguments (`add :id, :uuid` and `add(:id, :uuid)` alike).
fn call(expr: &Expr) -> Option<(&str, &[Expr])> {
    match &expr.kind {
        ExprKind::Call {
            target: None,
            name,
            args,
            ..
        } => Some((name.as_str(), args.as_slice())),
        // `flush` and other zero-arity calls without parentheses read as variables.
        ExprKind::Var(name) if name == "flush" => Some((name.as_str(), &[])),
        _ => None,
    }
}

fn name_of(expr: &Expr) -> &str {
    call(expr).map_or("", |(name, _)| name)
}

/// `up` in `def up do`, `def up() do`.
fn function_name(expr: &Expr) -> Option<String> {
    match &expr.kind {
        ExprKind::Var(name) => Some(name.clone()),
        ExprKind::Call {
            target: None, name, ..
        } => Some(name.clone()),
        _ => None,
    }
}

fn has_parameters(expr: &Expr) -> bool {
    matches!(&expr.kind, ExprKind::Call { args, .. } if !args.is_empty())
}

/// What an expression is, for messages: `` `for` comprehension ``, `` `Oban.Migration.up/1` ``.
fn describe(expr: &Expr) -> String {
    match &expr.kind {
        ExprKind::For { .. } => "a `for` comprehension".into(),
        ExprKind::Match { .. } => "a match (`=`)".into(),
        ExprKind::Var(name) => format!("the variable `{name}`"),
        ExprKind::ModuleAttribute { name, .. } => format!("the module attribute `@{name}`"),
        ExprKind::If { .. } => "an `if`".into(),
        ExprKind::Case { .. } => "a `case`".into(),
        ExprKind::Cond(_) => "a `cond`".into(),
        ExprKind::With(_) => "a `with`".into(),
        ExprKind::Fn(_) => "an anonymous function".into(),
        ExprKind::Pipe { .. } => "a pipeline (`|>`)".into(),
        ExprKind::Str(_) => "a string".into(),
        ExprKind::Call {
            target: Some(target),
            name,
            args,
            ..
        } => match module_name(target) {
            Some(module) => format!("a call to `{module}.{name}/{}`", args.len()),
            None => format!("a call to `.{name}/{}`", args.len()),
        },
        ExprKind::Call {
            target: None,
            name,
            args,
            ..
        } => format!("a call to `{name}/{}`", args.len()),
        ExprKind::Apply { .. } => "an anonymous function call".into(),
        _ => "this expression".into(),
    }
}

fn block_items(body: &Expr) -> Vec<&Expr> {
    match &body.kind {
        ExprKind::Block(items) => items.iter().collect(),
        ExprKind::Nil => Vec::new(),
        _ => vec![body],
    }
}

/// The value of `key:` in a keyword list.
fn keyword<'a>(list: &'a Expr, key: &str) -> Option<&'a Expr> {
    keyword_pairs(list)?
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}

/// The pairs of a keyword list (`[a: 1, b: 2]`); None when it is not one.
fn keyword_pairs(list: &Expr) -> Option<Vec<(String, &Expr)>> {
    let ExprKind::List { items, tail: None } = &list.kind else {
        return None;
    };
    items
        .iter()
        .map(|item| match &item.kind {
            ExprKind::Tuple(pair) => match pair.as_slice() {
                [
                    Expr {
                        kind: ExprKind::Atom(k),
                        ..
                    },
                    v,
                ] => Some((k.clone(), v)),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// The module a call's target names (`Oban.Migration`).
fn module_name(expr: &Expr) -> Option<String> {
    match &expr.kind {
        ExprKind::Alias(name) => Some(name.clone()),
        ExprKind::Field { target, name } => module_name(target).map(|base| format!("{base}.{name}")),
        _ => None,
    }
}
