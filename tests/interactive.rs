//! The interactive shell in a real pseudo-terminal: prompts and the counter, continuation
//! lines, Ctrl-C, Tab completion, `|>` piping the last result, the private history file, and
//! Ctrl-D exiting cleanly.

mod support;

use rexpect::session::spawn_command;
use std::os::unix::fs::PermissionsExt;
use std::process::Command;
use support::TempDb;

fn shell(db: &TempDb, history: &std::path::Path) -> rexpect::session::PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_helpdesk"));
    cmd.env_remove("DATABASE_URL")
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("HELPDESK_HISTORY", history)
        .arg("--database-url")
        .arg(&db.url);
    spawn_command(cmd, Some(15_000)).expect("spawn helpdesk in a pty")
}

#[test]
fn prompts_continuation_interrupt_history_and_exit() {
    let db = TempDb::sqlite();
    let history = std::env::temp_dir().join(format!("helpdesk-history-{}", uuid::Uuid::new_v4().simple()));
    let mut p = shell(&db, &history);
    p.exp_string("iex(1)> ").expect("first prompt");
    p.send_line("1 + 1").expect("send");
    p.exp_string("2").expect("result");
    p.exp_string("iex(2)> ").expect("counter advances on success");
    p.send_line("nope()").expect("send");
    p.exp_string("undefined function nope/0").expect("error shown");
    p.exp_string("iex(2)> ").expect("counter stays after an error");
    p.send_line("[1,").expect("send");
    p.exp_string("...(2)> ").expect("continuation prompt");
    p.send_line("2]").expect("send");
    p.exp_string("[1, 2]").expect("multi-line result");
    p.exp_string("iex(3)> ").expect("prompt");
    p.send_line("|> Enum.map(&(&1 * 10))").expect("send");
    p.exp_string("[10, 20]").expect("|> pipes the previous result");
    p.exp_string("iex(4)> ").expect("prompt");
    p.send("[1, 2").expect("send");
    p.send_control('c').expect("ctrl-c");
    p.exp_string("iex(4)> ").expect("Ctrl-C clears the input");
    p.send_line(":still_here").expect("send");
    p.exp_string(":still_here").expect("shell still running");
    p.exp_string("iex(5)> ").expect("prompt");
    p.send_line("Enum.reduce(1..9_000_000, 0, fn x, acc -> acc + x end)")
        .expect("send");
    std::thread::sleep(std::time::Duration::from_millis(300));
    p.send_control('c').expect("ctrl-c while running");
    p.exp_string("evaluation interrupted by Ctrl-C")
        .expect("Ctrl-C interrupts a running input");
    p.exp_string("iex(5)> ")
        .expect("the shell survives the interrupt");
    p.send("Support.AshApi.read_on").expect("send");
    p.send("\t").expect("tab");
    p.send_line("!(Support.User)").expect("send");
    p.exp_string("nil").expect("completed call ran");
    p.exp_string("iex(6)> ").expect("prompt");
    p.send_control('d').expect("ctrl-d");
    p.exp_eof().expect("exits on Ctrl-D");
    let mode = std::fs::metadata(&history)
        .expect("history file written")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "history file is private");
    let saved = std::fs::read_to_string(&history).expect("history readable");
    assert!(saved.contains("1 + 1"), "history keeps inputs: {saved}");
    let _ = std::fs::remove_file(&history);
}

/// Ctrl-C while a read waits on PostgreSQL (here for a lock another session holds, which would
/// be forever) cancels the statement on the server: the shell reports the interrupt, keeps the
/// same connection, and the next input works.
#[test]
fn ctrl_c_cancels_a_running_postgresql_statement() {
    use diesel::Connection;
    use diesel::connection::SimpleConnection;
    let Some(db) = TempDb::postgres() else {
        return;
    };
    let history = std::env::temp_dir().join(format!("helpdesk-history-{}", uuid::Uuid::new_v4().simple()));
    let mut p = shell(&db, &history);
    p.exp_string("iex(1)> ")
        .expect("first prompt (the schema is migrated)");
    let mut locker = diesel::PgConnection::establish(&db.url).expect("a second session");
    locker
        .batch_execute("BEGIN; LOCK TABLE tickets IN ACCESS EXCLUSIVE MODE;")
        .expect("lock the tickets table");
    p.send_line("Support.AshApi.read!(Support.Ticket) |> length()")
        .expect("send");
    std::thread::sleep(std::time::Duration::from_millis(500));
    p.send_control('c').expect("ctrl-c while the read waits");
    p.exp_string("evaluation interrupted by Ctrl-C")
        .expect("the waiting statement is cancelled");
    p.exp_string("iex(1)> ").expect("the shell survives the cancel");
    locker.batch_execute("ROLLBACK").expect("release the lock");
    p.send_line("Support.AshApi.read!(Support.Ticket) |> length()")
        .expect("send");
    p.exp_string("0").expect("the next read runs");
    p.exp_string("iex(2)> ").expect("prompt");
    p.send_control('d').expect("ctrl-d");
    p.exp_eof().expect("exits on Ctrl-D");
    let _ = std::fs::remove_file(&history);
}

#[test]
fn startup_file_runs_before_the_first_prompt_and_sandbox_rolls_back() {
    let db = TempDb::sqlite();
    let dir = std::env::temp_dir().join(format!("helpdesk-startup-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("dir");
    let startup = dir.join("startup.exs");
    std::fs::write(
        &startup,
        "greeting = \"hello from startup\"\nalias Support.Ticket\nbroken(\n",
    )
    .expect("write");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_helpdesk"));
    cmd.env_remove("DATABASE_URL")
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("HELPDESK_HISTORY", dir.join("history"))
        .env("HELPDESK_STARTUP", &startup)
        .arg("--sandbox")
        .arg("--database-url")
        .arg(&db.url);
    let mut p = spawn_command(cmd, Some(15_000)).expect("spawn");
    p.exp_string("startup.exs:3")
        .expect("startup errors are reported with file and line");
    p.exp_string("sandbox iex(1)> ")
        .expect("sandbox prompt, counter not advanced by the startup file");
    p.send_line("greeting").expect("send");
    p.exp_string("\"hello from startup\"")
        .expect("binding from the startup file");
    p.exp_string("sandbox iex(2)> ").expect("prompt");
    p.send_line("Ticket |> Ash.Changeset.for_create(:new, %{subject: \"sandboxed\"}) |> Support.AshApi.create!() |> Map.get(:subject)")
        .expect("send");
    p.exp_string("\"sandboxed\"")
        .expect("alias from the startup file works");
    p.exp_string("sandbox iex(3)> ").expect("prompt");
    p.send_control('d').expect("ctrl-d");
    p.exp_eof().expect("exit");
    let mut check = Command::new(env!("CARGO_BIN_EXE_helpdesk"));
    check
        .env_remove("DATABASE_URL")
        .arg("--database-url")
        .arg(&db.url)
        .arg("-e")
        .arg("length(Support.AshApi.read!(Support.Ticket))");
    let out = check.output().expect("run");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "0\n",
        "the sandbox rolled the create back"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Tab inside `filter(` lists the resource's fields (and nothing an Ash expression cannot
/// hold) instead of cycling through Kernel's functions; a unique candidate completes.
#[test]
fn tab_inside_a_filter_lists_the_fields() {
    let db = TempDb::sqlite();
    let history = std::env::temp_dir().join(format!("helpdesk-history-tab-{}", std::process::id()));
    // A terminal with a size (a new pty has none, and a list needs columns to lay out in).
    let mut cmd = Command::new("sh");
    cmd.env_remove("DATABASE_URL")
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("HELPDESK_HISTORY", &history)
        .arg("-c")
        .arg("stty cols 100 rows 30; exec \"$0\" --database-url \"$1\"")
        .arg(env!("CARGO_BIN_EXE_helpdesk"))
        .arg(&db.url);
    let mut p = spawn_command(cmd, Some(15_000)).expect("spawn helpdesk in a pty");
    p.exp_string("iex(1)> ").expect("first prompt");
    p.send_line("require Ash.Query").expect("send");
    p.exp_string("iex(2)> ").expect("prompt");
    // Keys typed one after another, as a person does (sent at once, they would read as a
    // paste); rexpect buffers what `send` writes until a flush.
    let pause = || std::thread::sleep(std::time::Duration::from_millis(300));
    p.send("Support.Ticket |> Ash.Query.filter(s").expect("send");
    p.flush().expect("flush");
    pause();
    p.send("\t").expect("tab");
    p.flush().expect("flush");
    pause();
    p.send("\t").expect("tab again lists");
    p.flush().expect("flush");
    let (listed, _) = p
        .exp_regex("subject\\s+status")
        .expect("the fields, in the resource's order");
    assert!(!listed.contains("self") && !listed.contains("send"), "{listed}");
    p.send("ubj").expect("send");
    p.flush().expect("flush");
    pause();
    p.send("\t").expect("tab completes the one candidate");
    p.flush().expect("flush");
    pause();
    p.send_line(" == \"x\") |> Support.AshApi.read!()").expect("send");
    p.exp_string("[]").expect("the completed filter ran");
    p.exp_string("iex(3)> ").expect("prompt");
    p.send_control('d').expect("ctrl-d");
    p.exp_eof().expect("exits on Ctrl-D");
    let _ = std::fs::remove_file(&history);
}
