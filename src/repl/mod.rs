//! The shell around a `Session`: start-up (database URL, migrations), the interactive
//! terminal loop and the script runner (a whole file or `-e`, or standard input run as it
//! arrives). The only module that touches stdin, stdout or the terminal.

pub mod complete;
mod dbcmd;
mod editor;
mod generate;
pub mod highlight;
mod interactive;
mod introspect;
pub mod script;
pub mod session;

use std::io::{BufRead, IsTerminal, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use std::path::Path;
use std::rc::Rc;

use crate::cli::{Args, Command, USAGE};
use crate::db::Database;
use crate::eval::DbSource;
use crate::model::Project;
use crate::project::Location;
use session::{Outcome, Session};

/// Exit codes: 0 success, 1 an input raised (script mode), 2 usage or start-up failure.
pub const EXIT_OK: i32 = 0;
pub const EXIT_ERROR: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// Runs the command line; returns the process exit code.
pub fn run(argv: Vec<String>) -> i32 {
    let args = match crate::cli::parse(argv) {
        Ok(args) => args,
        Err(error) => {
            eprintln!("helpdesk: {error}");
            return EXIT_USAGE;
        }
    };
    match &args.command {
        Command::Help => {
            print!("{USAGE}");
            EXIT_OK
        }
        Command::Version => {
            println!("helpdesk {}", env!("CARGO_PKG_VERSION"));
            EXIT_OK
        }
        Command::Db(crate::cli::DbCommand::Introspect) => introspect::command(&args),
        Command::Db(crate::cli::DbCommand::GenerateMigrations {
            check,
            dry_run,
            drop_columns,
        }) => generate::command(&args, *check, *dry_run, *drop_columns),
        Command::Db(command) => {
            let location = Location::find(args.project.as_deref());
            crate::repl::dbcmd::run(*command, &database_url(&args), &location)
        }
        Command::New(dir) => {
            let dir = std::path::Path::new(dir);
            match crate::project::new::write(dir) {
                Ok(_) => {
                    print!("{}", crate::project::new::next_steps(dir));
                    EXIT_OK
                }
                Err(message) => {
                    eprintln!("helpdesk new: {message}");
                    EXIT_USAGE
                }
            }
        }
        Command::Run { file, eval } => {
            let (file, eval) = (file.clone(), eval.clone());
            run_shell(&args, file, eval)
        }
    }
}

/// `--database-url`, else `$DATABASE_URL`, else `.env`, else the Mix project's repo config,
/// else `./helpdesk.db`.
pub fn database_url(args: &Args) -> String {
    if let Some(url) = &args.database_url {
        return url.clone();
    }
    if let Ok(url) = std::env::var("DATABASE_URL") {
        return url;
    }
    if let Ok(url) = dotenvy::var("DATABASE_URL") {
        return url;
    }
    let location = Location::find(args.project.as_deref());
    if let Some(dir) = location.dir()
        && dir.join("mix.exs").is_file()
        && let Some(url) = crate::project::mix_config::database_url(dir, None)
    {
        return url;
    }
    "helpdesk.db".to_string()
}

/// Reads the project (`--project`, `$HELPDESK_PROJECT`, `.`, or the bundled chapter) and prints
/// what it skipped; a file that cannot be read is `file:line: message`.
pub fn load_project(args: &Args) -> Result<(Location, Rc<Project>), String> {
    let location = Location::find(args.project.as_deref());
    let shown = |e: crate::project::LoadError| match location.dir() {
        Some(dir) if dir != Path::new(".") => format!("{}/{e}", dir.display()),
        _ => e.to_string(),
    };
    let project = crate::eval::project::load(&location).map_err(shown)?;
    for warning in &project.warnings {
        eprintln!("helpdesk: warning: {warning}");
    }
    Ok((location, project))
}

fn open_database(args: &Args, location: &Location) -> Result<Database, String> {
    let url = database_url(args);
    let mut db = Database::connect(&url).map_err(|e| e.to_string())?;
    // The project's own migrations (`migration::Set::find`): the bundled chapter's, a
    // project's `migrations/<backend>/`, or a Mix project's Ecto migrations. A project without
    // any is never given tables it did not ask for.
    let set = db.migration_set(location).map_err(|e| e.to_string())?;
    if !args.no_migrate {
        match db.migrate_set(&set) {
            Ok(_) => {}
            // An Ecto file helpdesk cannot read: say so, apply nothing, start anyway.
            Err(error @ crate::db::DbError::UnreadableMigration(_)) => {
                eprintln!("helpdesk: warning: {error} (no migration applied)");
            }
            Err(error) => return Err(error.to_string()),
        }
    } else if let Ok(status) = db.status_set(&set)
        && !status.pending.is_empty()
    {
        eprintln!(
            "helpdesk: warning: --no-migrate: the database lacks {} (run `helpdesk db migrate`)",
            status.pending.join(", ")
        );
    }
    db.set_echo_sql(args.echo_sql);
    if args.sandbox {
        db.begin_sandbox().map_err(|e| e.to_string())?;
    }
    Ok(db)
}

/// Where the inputs come from.
enum Source {
    /// A whole script: a file or `-e`, with its name for error places.
    Text(String, String),
    /// Standard input that is not a terminal, run as it arrives.
    Piped,
    /// The terminal.
    Interactive,
}

fn run_shell(args: &Args, file: Option<String>, eval: Option<String>) -> i32 {
    let source = match (&file, &eval) {
        (_, Some(code)) => Source::Text("-e".to_string(), code.clone()),
        (Some(path), None) => match std::fs::read(path) {
            Ok(bytes) => Source::Text(path.clone(), decode(bytes, path)),
            Err(error) => {
                eprintln!("helpdesk: cannot read {path}: {error}");
                return EXIT_USAGE;
            }
        },
        (None, None) if std::io::stdin().is_terminal() => Source::Interactive,
        (None, None) => Source::Piped,
    };
    let started = if args.introspect {
        introspect::start(args)
    } else {
        load_project(args).and_then(|(location, project)| {
            generate::startup_notice(&location, &project);
            open_database(args, &location).map(|db| (location, project, db))
        })
    };
    let (location, project, db) = match started {
        Ok(started) => started,
        Err(message) => {
            eprintln!("helpdesk: {message}");
            return EXIT_USAGE;
        }
    };
    let mut session = Session::new(DbSource::Open(Box::new(db)), Box::new(std::io::stdout()));
    session.interpreter().set_project(project);
    session.interpreter().set_location(location);
    session.set_format(args.format);
    session.interpreter().terminal_width = stdout_width();
    session.interpreter().timing = args.timing;
    let code = match source {
        Source::Text(name, text) => run_script(&mut session, args, &name, &text),
        Source::Piped => run_piped(&mut session, args),
        Source::Interactive => interactive::run(&mut session, args),
    };
    if args.sandbox
        && let Some(db) = session.interpreter().database()
        && let Err(error) = db.end_sandbox()
    {
        eprintln!("helpdesk: rolling back the sandbox failed: {error}");
    }
    code
}

/// The width of the terminal stdout is (at least 20 columns), None when stdout is not a
/// terminal (a pipe or a file gets whole values, whatever stderr or stdin are).
pub(crate) fn stdout_width() -> Option<usize> {
    terminal_size::terminal_size_of(std::io::stdout())
        .map(|(terminal_size::Width(columns), _)| usize::from(columns).max(20))
}

/// Input as text; invalid UTF-8 is replaced (and reported) rather than rejected whole.
fn decode(bytes: Vec<u8>, name: &str) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let line = error.as_bytes()[..error.utf8_error().valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            eprintln!("{name}:{line}: warning: invalid UTF-8 replaced by U+FFFD");
            String::from_utf8_lossy(error.as_bytes()).into_owned()
        }
    }
}

/// Runs a whole script; results to stdout, errors to stderr as `file:line: message`.
pub fn run_script(session: &mut Session, args: &Args, name: &str, text: &str) -> i32 {
    let mut code = EXIT_OK;
    for chunk in script::chunks(text) {
        if run_chunk(session, args, name, &chunk) {
            code = EXIT_ERROR;
            if args.bail {
                break;
            }
        }
    }
    code
}

/// How long a complete expression waits for a line that may continue it (`|>`) when no more
/// input has arrived yet: a writer that sends a pipeline in several pieces sends them within
/// this, and one that waits for the answer gets it this late at most.
const CONTINUATION_WAIT: Duration = Duration::from_millis(25);

/// Runs standard input as it arrives, as iex and psql do on a pipe: each expression as soon as
/// it is complete (once the next line shows it does not continue with `|>`, or nothing more
/// has arrived), its result flushed before the next line is read. A program can send one
/// expression, read its answer, then send the next.
fn run_piped(session: &mut Session, args: &Args) -> i32 {
    let name = "<stdin>";
    let lines = read_lines_in_background();
    let mut splitter = script::Splitter::default();
    let mut code = EXIT_OK;
    let mut run = |session: &mut Session, chunk: script::Chunk| {
        let failed = run_chunk(session, args, name, &chunk);
        if failed {
            code = EXIT_ERROR;
        }
        failed && args.bail
    };
    loop {
        let received = if splitter.waiting() {
            match lines.recv_timeout(CONTINUATION_WAIT) {
                Ok(received) => Some(received),
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if let Some(chunk) = splitter.flush()
                        && run(session, chunk)
                    {
                        return code;
                    }
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => None,
            }
        } else {
            lines.recv().ok()
        };
        match received {
            Some(Ok(batch)) => {
                for line in batch {
                    if let Some(chunk) = splitter.push(&line)
                        && run(session, chunk)
                    {
                        return code;
                    }
                }
            }
            Some(Err(error)) => {
                eprintln!("helpdesk: cannot read standard input: {error}");
                return EXIT_USAGE;
            }
            None => break,
        }
    }
    if let Some(chunk) = splitter.finish() {
        run(session, chunk);
    }
    code
}

/// Lines of standard input, read on a thread and sent in batches: the lines that arrived
/// together are sent together, so a pipeline written at once is seen whole. Invalid UTF-8 is
/// replaced (the first line with some is reported). The channel closes at the end of input.
fn read_lines_in_background() -> mpsc::Receiver<std::io::Result<Vec<String>>> {
    let (sender, receiver) = mpsc::channel();
    let reader = move || {
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        let mut partial: Vec<u8> = Vec::new();
        let mut number = 0usize;
        let mut warned = false;
        let mut decode_line = |bytes: &[u8]| {
            number += 1;
            let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
            match std::str::from_utf8(bytes) {
                Ok(text) => text.to_string(),
                Err(_) => {
                    if !std::mem::replace(&mut warned, true) {
                        eprintln!("<stdin>:{number}: warning: invalid UTF-8 replaced by U+FFFD");
                    }
                    String::from_utf8_lossy(bytes).into_owned()
                }
            }
        };
        loop {
            let available = match input.fill_buf() {
                Ok(available) => available,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(error) => {
                    let _ = sender.send(Err(error));
                    return;
                }
            };
            if available.is_empty() {
                if !partial.is_empty() {
                    let _ = sender.send(Ok(vec![decode_line(&partial)]));
                }
                return;
            }
            let mut batch = Vec::new();
            let mut rest = available;
            while let Some(end) = rest.iter().position(|b| *b == b'\n') {
                partial.extend_from_slice(&rest[..end]);
                batch.push(decode_line(&partial));
                partial.clear();
                rest = &rest[end + 1..];
            }
            partial.extend_from_slice(rest);
            let used = available.len();
            input.consume(used);
            if !batch.is_empty() && sender.send(Ok(batch)).is_err() {
                return;
            }
        }
    };
    if let Err(error) = std::thread::Builder::new().name("stdin".into()).spawn(reader) {
        let (failed, receiver) = mpsc::channel();
        let _ = failed.send(Err(error));
        return receiver;
    }
    receiver
}

/// Runs one chunk of a script and prints its outcome, flushed; true when it failed.
fn run_chunk(session: &mut Session, args: &Args, name: &str, chunk: &script::Chunk) -> bool {
    let stdout = std::io::stdout();
    let started = Instant::now();
    session
        .interpreter()
        .set_source(Some((name.to_string(), chunk.line)));
    let outcome = if args.quiet {
        session.eval(&chunk.text)
    } else {
        session.eval_printing(&chunk.text, &mut std::io::BufWriter::new(stdout.lock()))
    };
    let failed = print_outcome(
        &outcome,
        args.quiet,
        name,
        &chunk.text,
        chunk.line,
        &mut stdout.lock(),
    );
    let _ = stdout.lock().flush();
    if session.interpreter().timing {
        eprintln!(
            "{name}:{}: time: {:.3} ms",
            chunk.line,
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    failed
}

/// Prints one outcome; true when it was an error.
fn print_outcome(
    outcome: &Outcome,
    quiet: bool,
    name: &str,
    src: &str,
    line: usize,
    out: &mut dyn Write,
) -> bool {
    match outcome {
        Outcome::Value(text) => {
            if !quiet {
                let _ = writeln!(out, "{text}");
            }
            false
        }
        Outcome::Nothing => false,
        Outcome::Syntax(error) => {
            let _ = out.flush();
            eprintln!("{}", session::syntax_text_located(error, src, name, line));
            true
        }
        Outcome::Raised(error) => {
            let _ = out.flush();
            let offset = error.span.map_or(0, |span| span.line_col(src).0 - 1);
            let at = format!("{name}:{}", line + offset);
            // A compile error already names its place (`file:line: ...`); say it once.
            let message = error
                .message
                .strip_prefix(&format!("{name}:{line}: "))
                .unwrap_or(&error.message);
            eprintln!("{at}: ** ({}) {message}", error.module);
            true
        }
    }
}
