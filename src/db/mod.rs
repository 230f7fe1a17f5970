//! The database: the only module that names `diesel`.
//!
//! One `Database` wraps a Diesel `MultiConnection` over SQLite (bundled, default) or PostgreSQL,
//! chosen by URL scheme. Reads take a `query::ReadPlan` and run it as ONE SQL statement with
//! every value bound; writes run one statement each inside the caller's transaction. Backend
//! differences (uuid storage, `contains`, division by zero, nulls ordering) stop here.
//! Parts: `connection` (URLs, opening, create/drop), `migrations`, `compile` (plans → SQL),
//! `sql` (binding, running, decoding), `write` (insert/update/delete), `observe` (echo, counter),
//! `seed` (bulk generated data).

mod cancel;
mod compile;
mod connection;
mod ddl;
mod error;
mod introspect;
mod migrations;
mod observe;
mod rebuild;
mod seed;
mod sql;
mod sqlite_functions;
mod storage;
#[doc(hidden)]
pub mod testing;
mod write;

#[cfg(test)]
mod tests;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

use diesel::Connection;
use diesel::connection::TransactionManager;

use cancel::Canceller;
pub use cancel::cancel_current;
pub use connection::{create_database, drop_database, drop_database_with, redact};
pub use error::DbError;
pub use introspect::{Catalog, Column, ForeignKey, Table, Unique};
pub use migrations::MigrationStatus;
pub use seed::Seeded;
pub use write::Key;

use crate::migration::Set;
use crate::model::ResourceRef;
use crate::project::Location;
use crate::query::ReadPlan;
use connection::{AnyConnection, Target};
use observe::{Hook, Observed};

/// A value as it crosses the database boundary.
#[derive(Debug, Clone, PartialEq)]
pub enum DbValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// Text, and the storage text of the types kept as text on SQLite (`scalar`), a map's
    /// JSON, an array's JSON as read back.
    Text(String),
    Uuid(uuid::Uuid),
    /// The items of an `{:array, T}` value being written (bound as one array on PostgreSQL,
    /// as JSON on SQLite).
    List(Vec<DbValue>),
}

/// One row of a read: the resource's attributes (in `resource.attributes` order), then the
/// plan's `columns` in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub attributes: Vec<DbValue>,
    pub columns: Vec<DbValue>,
}

/// Which engine a URL selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The engine `url` selects (no connection is made).
    pub fn of_url(url: &str) -> Backend {
        Target::parse(url).backend()
    }

    /// The directory of this backend's migrations in diesel's layout (`migrations/<name>`).
    pub fn dir_name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

pub struct Database {
    conn: AnyConnection,
    target: Target,
    /// The URL with its password hidden, for messages.
    shown: String,
    observed: Arc<Observed>,
    /// Set when the connection was lost; the next statement reconnects first.
    lost: bool,
    /// Ctrl-C: reads stop between rows when it is set (`watch_interrupts`).
    interrupt: Option<Arc<AtomicBool>>,
    /// The PostgreSQL server process of the connection (0 on SQLite), shared with the
    /// `Canceller` and refreshed on reconnect.
    pid: Arc<AtomicI32>,
    /// Inside `single_statement`: whether its one statement has been sent.
    single: Option<bool>,
}

/// A read limited to this many rows gets its result whole (`Statement::small_result`).
const SMALL_RESULT: i64 = 1000;

/// The error of a second statement inside `Database::single_statement`.
const SECOND_STATEMENT: &str =
    "internal error: an action declared as one statement sent a second one (it needs a transaction)";

/// Opens a connection, reads its server process id (before the statement counter sees
/// anything) and attaches the counter.
fn open(target: &Target, shown: &str, observed: &Arc<Observed>) -> Result<(AnyConnection, i32), DbError> {
    let mut conn = connection::open(target, shown)?;
    let pid = cancel::backend_pid(&mut conn);
    conn.set_instrumentation(Hook(Arc::clone(observed)));
    Ok((conn, pid))
}

impl Database {
    /// Opens (SQLite: creates) the database at `url`. `postgres://`/`postgresql://` select
    /// PostgreSQL; a path, `sqlite://path` or `:memory:` select SQLite.
    pub fn connect(url: &str) -> Result<Database, DbError> {
        let target = Target::parse(url);
        let shown = redact(url);
        let observed = Arc::new(Observed::default());
        let (conn, pid) = open(&target, &shown, &observed)?;
        Ok(Database {
            conn,
            target,
            shown,
            observed,
            lost: false,
            interrupt: None,
            pid: Arc::new(AtomicI32::new(pid)),
            single: None,
        })
    }

    /// Lets Ctrl-C stop this database's statements: reads stop between rows once `flag` is
    /// set, and on PostgreSQL `cancel_current()` cancels the running statement on the server.
    /// Either way the statement fails with `DbError::Interrupted`.
    pub fn watch_interrupts(&mut self, flag: Arc<AtomicBool>) {
        self.interrupt = Some(flag);
        if self.backend() == Backend::Postgres {
            cancel::install(Canceller::new(
                self.target.clone(),
                self.shown.clone(),
                Arc::clone(&self.pid),
            ));
        }
    }

    pub fn backend(&self) -> Backend {
        self.target.backend()
    }

    /// The URL this database was opened with, password hidden.
    pub fn url(&self) -> &str {
        &self.shown
    }

    /// Prints every statement with its bound values to stderr from now on (or stops).
    pub fn set_echo_sql(&mut self, on: bool) {
        self.observed.echo.store(on, Ordering::Relaxed);
    }

    /// How many statements this database has sent so far (BEGIN/COMMIT included).
    pub fn statements_executed(&self) -> u64 {
        self.observed.statements.load(Ordering::Relaxed)
    }

    /// The connection for the next statement; reconnects when the last statement found the
    /// connection lost. Refuses a second statement inside `single_statement`.
    fn ready(&mut self) -> Result<&mut AnyConnection, DbError> {
        match &mut self.single {
            Some(true) => return Err(DbError::Other(SECOND_STATEMENT.into())),
            Some(sent) => *sent = true,
            None => {}
        }
        if self.lost {
            let (conn, pid) = open(&self.target, &self.shown, &self.observed)?;
            self.conn = conn;
            self.pid.store(pid, Ordering::Relaxed);
            self.lost = false;
        }
        Ok(&mut self.conn)
    }

    /// Maps a Diesel error and remembers a lost connection.
    fn fail(&mut self, e: diesel::result::Error) -> DbError {
        let e = DbError::from_diesel(e);
        if matches!(e, DbError::ConnectionLost(_)) {
            self.lost = true;
        }
        e
    }

    /// Applies the bundled chapter's pending migrations; returns the names of the ones applied.
    pub fn migrate(&mut self) -> Result<Vec<String>, DbError> {
        self.migrate_set(&Set::Embedded)
    }

    /// Names of the bundled chapter's applied and pending migrations.
    pub fn status(&mut self) -> Result<MigrationStatus, DbError> {
        self.status_set(&Set::Embedded)
    }

    /// Reverts the bundled chapter's last applied migration; returns its name.
    pub fn rollback(&mut self) -> Result<String, DbError> {
        self.rollback_set(&Set::Embedded)
    }

    /// The migrations that apply to the project at `location` on this database
    /// (`migration::Set::find_with`: when the project has both Ecto and diesel migrations, the
    /// kind whose bookkeeping the database already holds alone).
    pub fn migration_set(&mut self, location: &Location) -> Result<Set, DbError> {
        let backend = self.backend().dir_name();
        Set::find_with(location, backend, || migrations::bookkeeping(self.ready()?))
    }

    /// Applies the pending migrations of a set (`migration::Set::find`) in one transaction
    /// under the migration lock; returns the names of the ones applied. Nothing of a run that
    /// fails is left behind; the error names the migration (`file:line` for Ecto files).
    pub fn migrate_set(&mut self, set: &Set) -> Result<Vec<String>, DbError> {
        migrations::run_pending(self.ready()?, set)
    }

    /// Names of a set's applied and pending migrations.
    pub fn status_set(&mut self, set: &Set) -> Result<MigrationStatus, DbError> {
        migrations::status(self.ready()?, set)
    }

    /// Reverts a set's last applied migration; returns its name.
    pub fn rollback_set(&mut self, set: &Set) -> Result<String, DbError> {
        migrations::revert_last(self.ready()?, set)
    }

    /// The tables, views, keys and unique constraints of the database (`schema` on
    /// PostgreSQL), read from its own catalog.
    pub fn introspect(&mut self, schema: &str) -> Result<Catalog, DbError> {
        let backend = self.backend();
        introspect::read(self.ready()?, backend, schema)
    }

    /// Runs a read plan as one statement.
    pub fn read(&mut self, plan: &ReadPlan) -> Result<Vec<Row>, DbError> {
        self.read_map(plan, |attributes, columns| Row {
            attributes: attributes.to_vec(),
            columns: columns.to_vec(),
        })
    }

    /// Runs a read plan as one statement, turning each row into a `T` as it arrives (the
    /// resource's attributes, then the plan's columns), so rows are never all held as
    /// `DbValue`s besides their `T`s.
    pub fn read_map<T>(
        &mut self,
        plan: &ReadPlan,
        mut each: impl FnMut(&[DbValue], &[DbValue]) -> T,
    ) -> Result<Vec<T>, DbError> {
        let mut out = Vec::new();
        self.read_each(plan, |attributes, columns| out.push(each(attributes, columns)))?;
        Ok(out)
    }

    /// Runs a read plan as one statement and hands each row to `each` as it arrives (the
    /// resource's attributes, then the plan's columns); nothing is kept here.
    pub fn read_each(
        &mut self,
        plan: &ReadPlan,
        mut each: impl FnMut(&[DbValue], &[DbValue]),
    ) -> Result<(), DbError> {
        let mut compiled = compile::compile_read(plan, self.backend())?;
        if plan.limit.is_some_and(|limit| limit <= SMALL_RESULT) {
            compiled.statement.small_result();
        }
        let width = plan.resource.attributes.len();
        let interrupt = self.interrupt.clone();
        let stop = || {
            interrupt
                .as_ref()
                .is_some_and(|flag| flag.load(Ordering::Relaxed))
        };
        if stop() {
            // Ctrl-C came before the statement was sent: do not send it.
            return Err(DbError::Interrupted);
        }
        let mut stopped = false;
        let result = compiled
            .statement
            .for_each_row(self.ready()?, &compiled.types, |values| {
                if stop() {
                    stopped = true;
                    return false;
                }
                let (attributes, columns) = values.split_at(width.min(values.len()));
                each(attributes, columns);
                true
            });
        match result {
            Ok(_) if stopped => Err(DbError::Interrupted),
            Ok(done) => done,
            Err(e) => Err(self.fail(e)),
        }
    }

    /// The SQL and bound values `read` would send, for tests and `:sql`-style inspection.
    pub fn explain_read(&self, plan: &ReadPlan) -> Result<String, DbError> {
        let compiled = compile::compile_read(plan, self.backend())?;
        Ok(format!(
            "{} -- binds: {:?}",
            compiled.statement.text, compiled.statement.binds
        ))
    }

    /// Inserts one row (`values` are attribute name → value; unspecified columns get their
    /// defaults) and returns the stored row's attributes in `resource.attributes` order.
    /// A missing `id` is generated here (UUID v4).
    pub fn insert(
        &mut self,
        resource: &ResourceRef,
        values: &[(&str, DbValue)],
    ) -> Result<Vec<DbValue>, DbError> {
        let st = write::insert(self.backend(), resource, values)?;
        let result = st.load(self.ready()?, &write::types(resource));
        let mut rows = self.finish_write(result, resource, values, None)?;
        rows.pop()
            .ok_or_else(|| DbError::Other("INSERT … RETURNING returned no row".into()))
    }

    /// Updates the row with this primary key; returns its attributes after the update, or None
    /// when no such row exists.
    pub fn update(
        &mut self,
        resource: &ResourceRef,
        key: &write::Key,
        values: &[(&str, DbValue)],
    ) -> Result<Option<Vec<DbValue>>, DbError> {
        let st = write::update(self.backend(), resource, key, values)?;
        let result = st.load(self.ready()?, &write::types(resource));
        Ok(self.finish_write(result, resource, values, None)?.pop())
    }

    /// Deletes the row with this primary key; false when no such row existed.
    pub fn delete(&mut self, resource: &ResourceRef, key: &write::Key) -> Result<bool, DbError> {
        let st = write::delete(self.backend(), resource, key)?;
        let result = st.execute(self.ready()?).map(|n| Ok(vec![Vec::new(); n]));
        Ok(!self.finish_write(result, resource, &[], Some(key))?.is_empty())
    }

    fn finish_write(
        &mut self,
        result: Result<Result<Vec<Vec<DbValue>>, DbError>, diesel::result::Error>,
        resource: &ResourceRef,
        values: &[(&str, DbValue)],
        deleted: Option<&write::Key>,
    ) -> Result<Vec<Vec<DbValue>>, DbError> {
        match result {
            Ok(rows) => rows,
            Err(e) => match self.fail(e) {
                DbError::ForeignKey { constraint } if constraint.is_empty() => {
                    let constraint = match deleted {
                        Some(id) => write::referencing_constraint(&mut self.conn, resource, id),
                        None => write::written_constraint(&mut self.conn, resource, values),
                    };
                    Err(DbError::ForeignKey { constraint })
                }
                other => Err(other),
            },
        }
    }

    /// Opens the outer transaction of `--sandbox`: every later write (each in its own
    /// savepoint) is rolled back by `end_sandbox`.
    pub fn begin_sandbox(&mut self) -> Result<(), DbError> {
        let conn = self.ready()?;
        let result = <AnyConnection as TransactionManager<AnyConnection>>::begin_transaction(conn);
        result.map_err(|e| self.fail(e))
    }

    /// Rolls back everything written since `begin_sandbox`.
    pub fn end_sandbox(&mut self) -> Result<(), DbError> {
        let result =
            <AnyConnection as TransactionManager<AnyConnection>>::rollback_transaction(&mut self.conn);
        result.map_err(|e| self.fail(e))
    }

    /// Runs `body`, which sends at most one statement, with no BEGIN/COMMIT around it: one
    /// statement alone is atomic (PostgreSQL and SQLite each run it as a transaction of its
    /// own, committed as durably as by an explicit COMMIT), so a one-statement action saves two
    /// round trips (and, on SQLite, two statements). Inside an open transaction (`--sandbox`)
    /// this is `transaction` (a savepoint), so a failure does not abort the outer one.
    /// A second statement from `body` is refused with an error and not sent, since the first
    /// is already committed: what sends several statements needs `transaction`.
    pub fn single_statement<T, E: From<DbError>>(
        &mut self,
        body: impl FnOnce(&mut Database) -> Result<T, E>,
    ) -> Result<T, E> {
        let open = <AnyConnection as TransactionManager<AnyConnection>>::transaction_manager_status_mut(
            &mut self.conn,
        )
        .transaction_depth()
        .map_or(true, |depth| depth.is_some());
        if self.single.is_some() {
            // Already inside one: still the same one statement.
            return body(self);
        }
        if open {
            return self.transaction(body);
        }
        self.single = Some(false);
        let result = body(self);
        self.single = None;
        result
    }

    /// Runs `body` in a transaction (a savepoint when one is already open): committed when it
    /// returns Ok, rolled back when it returns Err.
    pub fn transaction<T, E: From<DbError>>(
        &mut self,
        body: impl FnOnce(&mut Database) -> Result<T, E>,
    ) -> Result<T, E> {
        let conn = self.ready()?;
        if let Err(e) = <AnyConnection as TransactionManager<AnyConnection>>::begin_transaction(conn) {
            return Err(self.fail(e).into());
        }
        match body(self) {
            Ok(value) => {
                match <AnyConnection as TransactionManager<AnyConnection>>::commit_transaction(&mut self.conn)
                {
                    Ok(()) => Ok(value),
                    Err(e) => {
                        let _ = <AnyConnection as TransactionManager<AnyConnection>>::rollback_transaction(
                            &mut self.conn,
                        );
                        Err(self.fail(e).into())
                    }
                }
            }
            Err(body_error) => {
                if let Err(e) =
                    <AnyConnection as TransactionManager<AnyConnection>>::rollback_transaction(&mut self.conn)
                {
                    let e = self.fail(e);
                    if !matches!(e, DbError::ConnectionLost(_)) {
                        return Err(e.into());
                    }
                }
                Err(body_error)
            }
        }
    }

    /// Adds `users` users and `tickets` tickets of generated data (`helpdesk db seed`) in one
    /// transaction, generated by the server in a few statements, then refreshes statistics.
    pub fn seed(&mut self, users: u64, tickets: u64) -> Result<Seeded, DbError> {
        let script = seed::script(self.backend(), users, tickets);
        self.transaction(|db| db.batch_execute(&script))?;
        self.batch_execute(seed::ANALYZE)?;
        Ok(Seeded {
            users,
            tickets: if users == 0 { 0 } else { tickets },
        })
    }

    /// Runs SQL text with no parameters (tests, benchmarks, maintenance); never user input.
    #[doc(hidden)]
    pub fn batch_execute(&mut self, sql: &str) -> Result<(), DbError> {
        use diesel::connection::SimpleConnection;
        let result = self.ready()?.batch_execute(sql);
        result.map_err(|e| self.fail(e))
    }
}
