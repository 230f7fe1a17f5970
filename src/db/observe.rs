//! Statement observability: a counter of statements sent and the `--echo-sql` printer, both fed
//! by Diesel's instrumentation hook. Connection events (which carry the URL, and so maybe a
//! password) are never printed.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use diesel::connection::{Instrumentation, InstrumentationEvent};

/// Shared between the `Database` and the hook installed on its connection (which survives
/// reconnects because a new hook shares the same state).
#[derive(Debug, Default)]
pub(crate) struct Observed {
    pub(crate) statements: AtomicU64,
    pub(crate) echo: AtomicBool,
}

pub(crate) struct Hook(pub(crate) Arc<Observed>);

impl Instrumentation for Hook {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        if let InstrumentationEvent::StartQuery { query, .. } = event {
            self.0.statements.fetch_add(1, Ordering::Relaxed);
            if self.0.echo.load(Ordering::Relaxed) {
                eprintln!("{query}");
            }
        }
    }
}
