//! Ctrl-C while an input runs: the shell sets a flag (from its SIGINT handler) and the
//! interpreter, which checks it at every evaluation step, stops with an error instead of the
//! process dying. Nothing here installs signal handlers; `repl` does.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock};

static REQUESTED: LazyLock<Arc<AtomicBool>> = LazyLock::new(|| Arc::new(AtomicBool::new(false)));

/// The flag a signal handler sets to interrupt the running input.
pub fn flag() -> Arc<AtomicBool> {
    Arc::clone(&REQUESTED)
}

/// True (once) when an interrupt was requested since the last call.
pub fn take() -> bool {
    REQUESTED.swap(false, Ordering::Relaxed)
}

/// The error an interrupted input ends with (raised by the interpreter, or by a database
/// statement cancelled on Ctrl-C).
pub fn error() -> crate::eval::EvalError {
    crate::eval::EvalError::new("Interrupted", "evaluation interrupted by Ctrl-C")
}

/// Forgets an interrupt that arrived while nothing was running.
pub fn clear() {
    REQUESTED.store(false, Ordering::Relaxed);
}
