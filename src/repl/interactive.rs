//! The interactive loop on a terminal: `iex(N)>` prompts, `...(N)>` continuation lines read
//! one physical line at a time (rustyline has no continuation prompt of its own), history in a
//! private file, Ctrl-C clears the input, Ctrl-D exits, `|>` at the start pipes `v()`.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

use rustyline::Editor;
use rustyline::config::{Behavior, CompletionType, Config};
use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;

use crate::cli::Args;
use crate::repl::editor::{ShellHelper, colour_enabled};
use crate::repl::session::{self, Outcome, Session};
use crate::repl::{EXIT_ERROR, EXIT_OK};

const HISTORY_SIZE: usize = 10_000;

pub fn run(session: &mut Session, args: &Args) -> i32 {
    let mut config = Config::builder();
    if let Ok(sized) = Config::builder().max_history_size(HISTORY_SIZE) {
        config = sized;
    }
    if !std::io::stdout().is_terminal() {
        config = config.behavior(Behavior::PreferTerm);
    }
    // Tab completes the common prefix, then lists the candidates (fields first inside an
    // expression) instead of cycling through them.
    config = config.completion_type(CompletionType::List);
    let mut editor: Editor<ShellHelper, FileHistory> = match Editor::with_config(config.build()) {
        Ok(editor) => editor,
        Err(error) => {
            eprintln!("helpdesk: cannot open the terminal: {error}");
            return EXIT_ERROR;
        }
    };
    let helper = ShellHelper::new(colour_enabled());
    let variables = helper.variables.clone();
    let project = helper.project.clone();
    *project.borrow_mut() = session.interpreter().project().clone();
    editor.set_helper(Some(helper));
    let history_path = history_file();
    if let Some(path) = &history_path {
        let _ = editor.load_history(path);
    }
    println!(
        "helpdesk {} ({}) - Ctrl+D to exit (type h() ENTER for help)",
        env!("CARGO_PKG_VERSION"),
        if args.sandbox {
            "sandbox: all changes roll back at exit"
        } else {
            "changes are saved"
        }
    );
    // Ctrl-C while an input runs interrupts it (the interpreter checks the flag, reads stop
    // between rows, and a PostgreSQL statement is cancelled on the server); while typing,
    // rustyline sees Ctrl-C as a key and clears the line.
    if let Err(error) =
        signal_hook::flag::register(signal_hook::consts::SIGINT, crate::eval::interrupt::flag())
    {
        eprintln!("helpdesk: Ctrl-C will end the shell (cannot install a handler: {error})");
    }
    if let Some(db) = session.interpreter().database() {
        db.watch_interrupts(crate::eval::interrupt::flag());
    }
    cancel_statements_on_ctrl_c();
    if let Some(path) = startup_file() {
        match std::fs::read_to_string(&path) {
            Ok(src) => {
                for error in session.run_startup(&src, &path.display().to_string()) {
                    eprintln!("{error}");
                }
            }
            Err(error) => eprintln!("helpdesk: cannot read {}: {error}", path.display()),
        }
    }
    let sandbox = if args.sandbox { "sandbox " } else { "" };
    let mut buffer = String::new();
    let mut had_error = false;
    loop {
        let prompt = if buffer.is_empty() {
            format!("{sandbox}iex({})> ", session.counter())
        } else {
            format!("{}...({})> ", " ".repeat(sandbox.len()), session.counter())
        };
        let line = match editor.readline(&prompt) {
            Ok(line) => line,
            Err(ReadlineError::Interrupted) => {
                buffer.clear();
                continue;
            }
            Err(ReadlineError::Eof) => break,
            Err(error) => {
                eprintln!("helpdesk: {error}");
                had_error = true;
                break;
            }
        };
        if !line.trim().is_empty() {
            let _ = editor.add_history_entry(line.as_str());
            if let Some(path) = &history_path {
                let _ = editor.append_history(path);
                restrict_permissions(path);
            }
        }
        // A paste arrives as one multi-line string (bracketed paste): take it line by line,
        // exactly as if it had been typed.
        for physical in line.split('\n') {
            let src = match push_line(&mut buffer, physical) {
                Line::Pending => continue,
                Line::Abandoned => {
                    eprintln!(
                        "** (TokenMissingError) iex:{}: incomplete expression",
                        session.counter()
                    );
                    continue;
                }
                Line::Ready(src) => src,
            };
            had_error |= evaluate(session, &src);
            *variables.borrow_mut() = session.interpreter().variable_names();
            *project.borrow_mut() = session.interpreter().project().clone();
        }
        let _ = std::io::stdout().flush();
    }
    // Like iex, an interactive session exits 0 even when some inputs raised.
    let _ = had_error;
    EXIT_OK
}

/// Adds one physical line to the input being built; returns the complete input when the line
/// finishes it. `#iex:break` abandons the input; a line starting with `|>` on a fresh input
/// pipes the previous result (iex).
fn push_line(buffer: &mut String, line: &str) -> Line {
    if line.trim() == "#iex:break" {
        let abandoned = !buffer.trim().is_empty();
        buffer.clear();
        return if abandoned { Line::Abandoned } else { Line::Pending };
    }
    if buffer.is_empty() && line.trim().is_empty() {
        return Line::Pending;
    }
    if buffer.is_empty() && line.trim_start().starts_with("|>") {
        buffer.push_str("v()\n");
    }
    buffer.push_str(line);
    buffer.push('\n');
    if crate::syntax::is_incomplete(buffer) {
        return Line::Pending;
    }
    Line::Ready(std::mem::take(buffer))
}

/// What one physical line did to the input being built.
enum Line {
    /// More lines are needed (or the line was blank).
    Pending,
    /// `#iex:break` threw away a half-typed input.
    Abandoned,
    /// The input is complete.
    Ready(String),
}

/// Whether an input is being evaluated (Ctrl-C then cancels the running statement).
static EVALUATING: AtomicBool = AtomicBool::new(false);
/// Counts the inputs evaluated, so a repeated cancel never reaches the next input.
static INPUT: AtomicU64 = AtomicU64::new(0);

/// Starts the thread that, on Ctrl-C while an input runs, asks the database to cancel the
/// statement it is running (PostgreSQL; see `db::cancel_current`).
fn cancel_statements_on_ctrl_c() {
    let mut signals = match signal_hook::iterator::Signals::new([signal_hook::consts::SIGINT]) {
        Ok(signals) => signals,
        Err(error) => {
            eprintln!("helpdesk: Ctrl-C will not cancel database statements: {error}");
            return;
        }
    };
    let spawned = std::thread::Builder::new().name("ctrl-c".into()).spawn(move || {
        for _ in signals.forever() {
            // A cancel that reaches the server just before the statement does is lost, so it
            // is repeated for as long as the same input keeps running (2 s at most).
            let input = INPUT.load(Ordering::Relaxed);
            for _ in 0..10 {
                if !EVALUATING.load(Ordering::Relaxed) || INPUT.load(Ordering::Relaxed) != input {
                    break;
                }
                match crate::db::cancel_current() {
                    Ok(true) => {}
                    // SQLite: nothing to cancel on a server.
                    Ok(false) => break,
                    Err(error) => {
                        eprintln!("helpdesk: cannot cancel the running statement: {error}");
                        break;
                    }
                }
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
        }
    });
    if let Err(error) = spawned {
        eprintln!("helpdesk: Ctrl-C will not cancel database statements: {error}");
    }
}

/// Evaluates one complete input and prints its outcome; true when it raised.
fn evaluate(session: &mut Session, src: &str) -> bool {
    crate::eval::interrupt::clear();
    // The window may have been resized since the last input.
    session.interpreter().terminal_width = crate::repl::stdout_width();
    let started = Instant::now();
    INPUT.fetch_add(1, Ordering::Relaxed);
    EVALUATING.store(true, Ordering::Relaxed);
    let outcome = session.eval(src);
    EVALUATING.store(false, Ordering::Relaxed);
    let failed = match &outcome {
        Outcome::Value(text) => {
            println!("{text}");
            false
        }
        Outcome::Nothing => false,
        Outcome::Syntax(error) => {
            eprintln!("{}", session::syntax_text(error, src, "iex", session.counter()));
            true
        }
        Outcome::Raised(error) => {
            eprintln!("{}", session::raised_text(error));
            true
        }
    };
    if session.interpreter().timing {
        eprintln!("time: {:.3} ms", started.elapsed().as_secs_f64() * 1000.0);
    }
    let _ = std::io::stdout().flush();
    failed
}

/// The startup file evaluated before the first prompt: `$HELPDESK_STARTUP`, else
/// `./.helpdesk.exs`, else `~/.helpdesk.exs` (like iex's `.iex.exs`).
fn startup_file() -> Option<std::path::PathBuf> {
    if let Some(path) = std::env::var_os("HELPDESK_STARTUP") {
        return Some(path.into());
    }
    let local = std::path::PathBuf::from(".helpdesk.exs");
    if local.is_file() {
        return Some(local);
    }
    let home = std::path::Path::new(&std::env::var_os("HOME")?).join(".helpdesk.exs");
    home.is_file().then_some(home)
}

/// `$HELPDESK_HISTORY`, else `$XDG_STATE_HOME/helpdesk/history`, else
/// `~/.local/state/helpdesk/history`.
fn history_file() -> Option<std::path::PathBuf> {
    if let Ok(path) = std::env::var("HELPDESK_HISTORY") {
        return Some(path.into());
    }
    let base = std::env::var_os("XDG_STATE_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| std::path::Path::new(&home).join(".local/state")))?;
    let dir = base.join("helpdesk");
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join("history");
    if !path.exists() {
        let _ = std::fs::File::create(&path);
    }
    restrict_permissions(&path);
    Some(path)
}

fn restrict_permissions(path: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
}
