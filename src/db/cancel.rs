//! Cancelling the statement the shell's database is running, from the thread that sees
//! Ctrl-C. PostgreSQL: `pg_cancel_backend(pid)` sent over a second, short-lived connection
//! (the server then fails the statement with 57014, which becomes `DbError::Interrupted`).
//! SQLite gives Diesel users no handle for `sqlite3_interrupt`, so there a read stops between
//! rows instead (`Database::read_each` checks the interrupt flag); a statement that produces
//! its first row late (a big `GROUP BY`) runs to its end first.
//!
//! There is one slot, like there is one terminal: the database the shell evaluates against
//! installs its canceller there (`Database::watch_interrupts`).

use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Mutex};

use diesel::RunQueryDsl;

use super::DbError;
use super::connection::{self, AnyConnection, Target};

/// What it takes to cancel a PostgreSQL connection's running statement from elsewhere.
#[derive(Clone)]
pub struct Canceller {
    target: Target,
    shown: String,
    /// The server process of the connection (0: unknown); refreshed on every reconnect.
    pid: Arc<AtomicI32>,
}

static CURRENT: Mutex<Option<Canceller>> = Mutex::new(None);

impl Canceller {
    pub(crate) fn new(target: Target, shown: String, pid: Arc<AtomicI32>) -> Self {
        Self { target, shown, pid }
    }

    /// Asks the server to cancel what the connection is running (nothing happens when it is
    /// idle). True when the request was delivered.
    pub fn cancel(&self) -> Result<bool, DbError> {
        let pid = self.pid.load(Ordering::Relaxed);
        if pid == 0 {
            return Ok(false);
        }
        let mut conn = connection::open(&self.target, &self.shown)?;
        if let AnyConnection::Postgresql(pg) = &mut conn {
            diesel::sql_query("SELECT pg_cancel_backend($1)")
                .bind::<diesel::sql_types::Integer, _>(pid)
                .execute(pg)
                .map_err(DbError::from_diesel)?;
            return Ok(true);
        }
        Ok(false)
    }
}

/// Makes `canceller` the one `cancel_current` uses.
pub(crate) fn install(canceller: Canceller) {
    if let Ok(mut slot) = CURRENT.lock() {
        *slot = Some(canceller);
    }
}

/// Cancels the running statement of the installed database, if any (called on Ctrl-C while
/// an input runs). Errors are returned for the caller to report; nothing panics.
pub fn cancel_current() -> Result<bool, DbError> {
    let canceller = CURRENT.lock().ok().and_then(|slot| slot.clone());
    match canceller {
        Some(canceller) => canceller.cancel(),
        None => Ok(false),
    }
}

/// The server process id of a PostgreSQL connection (0 for SQLite or when it cannot be read).
pub(crate) fn backend_pid(conn: &mut AnyConnection) -> i32 {
    #[derive(diesel::QueryableByName)]
    struct Pid {
        #[diesel(sql_type = diesel::sql_types::Integer)]
        pid: i32,
    }
    match conn {
        AnyConnection::Postgresql(pg) => diesel::sql_query("SELECT pg_backend_pid() AS pid")
            .get_result::<Pid>(pg)
            .map_or(0, |row| row.pid),
        AnyConnection::Sqlite(_) => 0,
    }
}
