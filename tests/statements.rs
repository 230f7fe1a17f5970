//! The statement budget, counted on both backends with `Database::statements_executed()`:
//! a read is ONE statement however many filters, sorts, aggregates, calculations and
//! relationship paths it has (a relationship load is one more, never one per record); `load!`
//! of aggregates and calculations on N records is one statement; each create/update/destroy is
//! atomic, and a failed action writes nothing.
//!
//! The rule for actions: an action that is one statement (`INSERT … RETURNING`,
//! `UPDATE … RETURNING` or `DELETE` by primary key) is sent alone, with no BEGIN/COMMIT: a
//! statement alone is atomic on both engines (PostgreSQL and SQLite run it as a transaction of
//! its own and commit it as durably as an explicit COMMIT), so the two extra round trips bought
//! nothing. An action with several statements (it looks up the record it relates to, then
//! writes) is still one transaction, BEGIN … COMMIT, rolled back when it fails. Under
//! `--sandbox` every action, one statement or several, is a savepoint inside the session's
//! transaction.
//!
//! Counts come from an in-process `Session`; the statement texts (which statement is a BEGIN,
//! a write, a COMMIT or a ROLLBACK) come from the binary's `--echo-sql`.

mod support;

use assert_cmd::Command;
use helpdesk::eval::DbSource;
use helpdesk::repl::session::{self, Outcome, Session};
use support::TempDb;

/// Four users; twelve tickets `T0`..`T11` assigned round-robin (Ann 0,4,8; Ben 1,5,9; Cat
/// 2,6,10; Dan 3,7,11); Ann's and T1 closed; T0 and T1 reported by Ann.
const PRELUDE: &str = r#"(
[ann, ben, cat, dan] = for n <- ["Ann", "Ben", "Cat", "Dan"], do: Support.User |> Ash.Changeset.for_create(:create, %{name: n}) |> Support.AshApi.create!()
users = [ann, ben, cat, dan]
tickets = for i <- 0..11 do
  t = Support.Ticket |> Ash.Changeset.for_create(:new, %{subject: "T#{i}", reporter_id: if(i < 2, do: ann.id, else: nil)}) |> Support.AshApi.create!()
  t = if rem(i, 4) == 0 or i == 1, do: t |> Ash.Changeset.for_update(:close) |> Support.AshApi.update!(), else: t
  t |> Ash.Changeset.for_update(:assign, %{representative_id: Enum.at(users, rem(i, 4)).id}) |> Support.AshApi.update!()
end
:ok
)
"#;

fn session(url: &str) -> Session {
    Session::new(DbSource::Url(url.to_string()), Box::new(std::io::sink()))
}

/// Evaluates `src` (one input per line); the printed value of the last one.
fn eval(session: &mut Session, src: &str) -> String {
    match session.eval(src) {
        Outcome::Value(text) => text,
        Outcome::Nothing => String::new(),
        Outcome::Raised(error) => panic!("{src}\nraised {}", session::raised_text(&error)),
        Outcome::Syntax(error) => panic!("{src}\nsyntax error {error:?}"),
    }
}

fn statements(session: &mut Session) -> u64 {
    session
        .interpreter()
        .database()
        .expect("the database is open after the prelude")
        .statements_executed()
}

/// The printed value of `src` and how many statements it sent.
fn counted(session: &mut Session, src: &str) -> (String, u64) {
    let before = statements(session);
    let value = eval(session, src);
    (value, statements(session) - before)
}

fn seeded(url: &str) -> Session {
    let mut s = session(url);
    eval(&mut s, "require Ash.Query");
    eval(&mut s, "import Ash.Query, only: [expr: 1]");
    assert_eq!(eval(&mut s, PRELUDE), ":ok");
    s
}

fn on_both(check: fn(&str)) {
    let sqlite = TempDb::sqlite();
    check(&sqlite.url);
    if let Some(pg) = TempDb::postgres() {
        check(&pg.url);
    }
}

// ---- reads ----------------------------------------------------------------------------------

fn rich_read(url: &str) {
    let mut s = seeded(url);
    // Two aggregates, a calculation, a filter (on an aggregate and an attribute), a sort on an
    // aggregate and a relationship load: 1 read + 1 relationship load.
    let (value, n) = counted(
        &mut s,
        "Support.User |> Ash.Query.filter(all_assigned_tickets > 0 and name != \"Dan\") \
         |> Ash.Query.load([:closed_assigned_tickets, :active_assigned_tickets, :assigned_open_percent, :assigned_tickets]) \
         |> Ash.Query.sort(closed_assigned_tickets: :desc, name: :asc) |> Support.AshApi.read!() \
         |> Enum.map(&{&1.name, &1.closed_assigned_tickets, &1.active_assigned_tickets, &1.assigned_open_percent, length(&1.assigned_tickets)})",
    );
    assert_eq!(
        value,
        "[\n  {\"Ann\", 3, 0, 0.0, 3},\n  {\"Ben\", 1, 2, 0.6666666666666666, 3},\n  {\"Cat\", 0, 3, 1.0, 3}\n]",
        "{url}"
    );
    assert_eq!(n, 2, "read + one relationship load on {url}");

    // Without the relationship load, the same read is one statement.
    let (_, n) = counted(
        &mut s,
        "Support.User |> Ash.Query.filter(all_assigned_tickets > 0) \
         |> Ash.Query.load([:closed_assigned_tickets, :all_reported_tickets, :assigned_open_percent]) \
         |> Ash.Query.sort(assigned_open_percent: :desc) |> Support.AshApi.read!()",
    );
    assert_eq!(n, 1, "{url}");

    // A nested relationship load is one statement per level, not per record.
    let (_, n) = counted(
        &mut s,
        "Support.User |> Ash.Query.load(assigned_tickets: [:reporter]) |> Support.AshApi.read!()",
    );
    assert_eq!(n, 3, "{url}");

    // Ad-hoc aggregates and calculations ride along in the same statement.
    let (value, n) = counted(
        &mut s,
        "Support.User |> Ash.Query.aggregate(:open, :count, :assigned_tickets, filter: expr(status == :open)) \
         |> Ash.Query.calculate(:shout, {Ash.Resource.Calculation.Expression, expr: expr(name <> \"!\")}, :string) \
         |> Ash.Query.sort(:name) |> Ash.Query.limit(2) |> Support.AshApi.read!() \
         |> Enum.map(&{&1.aggregates, &1.calculations})",
    );
    assert_eq!(
        value, "[{%{open: 0}, %{shout: \"Ann!\"}}, {%{open: 2}, %{shout: \"Ben!\"}}]",
        "{url}"
    );
    assert_eq!(n, 1, "{url}");

    // `:list` aggregates too (sorted, filtered, next to a count), and a user without tickets
    // gets [].
    let (value, n) = counted(
        &mut s,
        "Support.User |> Ash.Query.aggregate(:subjects, :list, :assigned_tickets, field: :subject, sort: [subject: :desc]) \
         |> Ash.Query.aggregate(:open, :list, :assigned_tickets, field: :status, filter: expr(status == :open)) \
         |> Ash.Query.aggregate(:n, :count, :reported_tickets) \
         |> Ash.Query.sort(:name) |> Support.AshApi.read!() |> Enum.map(& &1.aggregates)",
    );
    assert_eq!(
        value,
        "[\n  %{n: 2, open: [], subjects: [\"T8\", \"T4\", \"T0\"]},\n  %{n: 0, open: [:open, :open], subjects: [\"T9\", \"T5\", \"T1\"]},\n  %{n: 0, open: [:open, :open, :open], subjects: [\"T6\", \"T2\", \"T10\"]},\n  %{n: 0, open: [:open, :open, :open], subjects: [\"T7\", \"T3\", \"T11\"]}\n]",
        "{url}"
    );
    assert_eq!(n, 1, "list aggregates are in the one statement on {url}");
}

#[test]
fn a_read_is_one_statement_plus_one_per_relationship_load() {
    on_both(rich_read);
}

fn relationship_paths(url: &str) {
    let mut s = seeded(url);
    let (value, n) = counted(
        &mut s,
        "Support.Ticket |> Ash.Query.filter(representative.name == \"Ben\" and status == :open) \
         |> Ash.Query.sort(:subject) |> Support.AshApi.read!() |> Enum.map(& &1.subject)",
    );
    assert_eq!(value, "[\"T5\", \"T9\"]", "{url}");
    assert_eq!(n, 1, "{url}");

    let (value, n) = counted(
        &mut s,
        "Support.User |> Ash.Query.filter(assigned_tickets.reporter.name == \"Ann\" or name == \"Dan\") \
         |> Ash.Query.sort(:name) |> Support.AshApi.read!() |> Enum.map(& &1.name)",
    );
    assert_eq!(value, "[\"Ann\", \"Ben\", \"Dan\"]", "{url}");
    assert_eq!(n, 1, "{url}");

    let (value, n) = counted(
        &mut s,
        "Support.User |> Ash.Query.filter(assigned_tickets.subject == \"T6\" and all_assigned_tickets == 3) \
         |> Support.AshApi.read!() |> Enum.map(& &1.name)",
    );
    assert_eq!(value, "[\"Cat\"]", "{url}");
    assert_eq!(n, 1, "{url}");
}

#[test]
fn relationship_path_filters_are_part_of_the_one_read() {
    on_both(relationship_paths);
}

fn load_on_records(url: &str) {
    let mut s = seeded(url);
    let (_, n) = counted(&mut s, "all = Support.AshApi.read!(Support.User)");
    assert_eq!(n, 1, "{url}");
    let (value, n) = counted(
        &mut s,
        "Support.AshApi.load!(all, [:all_assigned_tickets, :closed_assigned_tickets, :all_reported_tickets, :assigned_open_percent]) \
         |> Enum.map(&{&1.name, &1.all_assigned_tickets, &1.closed_assigned_tickets, &1.all_reported_tickets, &1.assigned_open_percent})",
    );
    assert_eq!(
        value,
        "[\n  {\"Ann\", 3, 3, 2, 0.0},\n  {\"Ben\", 3, 1, 0, 0.6666666666666666},\n  {\"Cat\", 3, 0, 0, 1.0},\n  {\"Dan\", 3, 0, 0, 1.0}\n]",
        "{url}"
    );
    assert_eq!(n, 1, "load! of aggregates and a calculation on 4 records, {url}");

    let (_, n) = counted(
        &mut s,
        "Support.AshApi.load!(hd(all), [:closed_assigned_tickets, :assigned_open_percent])",
    );
    assert_eq!(n, 1, "{url}");
    let (_, n) = counted(&mut s, "Support.AshApi.load!(tickets, :representative)");
    assert_eq!(n, 1, "a relationship on 12 records, {url}");
    let (_, n) = counted(&mut s, "Support.AshApi.load!([], :closed_assigned_tickets)");
    assert_eq!(n, 0, "{url}");
}

#[test]
fn load_on_n_records_is_one_statement() {
    on_both(load_on_records);
}

// ---- writes ---------------------------------------------------------------------------------

fn writes(url: &str) {
    let mut s = seeded(url);
    // INSERT … RETURNING, alone
    let (_, n) = counted(
        &mut s,
        "t = Support.Ticket |> Ash.Changeset.for_create(:new, %{subject: \"W\"}) |> Support.AshApi.create!()",
    );
    assert_eq!(n, 1, "create, {url}");
    // UPDATE … RETURNING, alone
    let (_, n) = counted(
        &mut s,
        "t = t |> Ash.Changeset.for_update(:close) |> Support.AshApi.update!()",
    );
    assert_eq!(n, 1, "update, {url}");
    // Relating a record given as nil looks nothing up: alone too. Given a record, the create
    // looks it up first: BEGIN, SELECT the user, INSERT, COMMIT.
    let (_, n) = counted(
        &mut s,
        "Support.Ticket |> Ash.Changeset.for_create(:new, %{subject: \"N\", reporter_id: nil}) |> Support.AshApi.create!()",
    );
    assert_eq!(n, 1, "create relating nil, {url}");
    let (_, n) = counted(
        &mut s,
        "Support.Ticket |> Ash.Changeset.for_create(:new, %{subject: \"R\", reporter_id: ann.id}) |> Support.AshApi.create!()",
    );
    assert_eq!(n, 4, "create relating a record, {url}");
    // Two statements, so a transaction: BEGIN, SELECT the user, UPDATE, COMMIT
    let (_, n) = counted(
        &mut s,
        "t = t |> Ash.Changeset.for_update(:start, %{representative_id: ben.id}) |> Support.AshApi.update!()",
    );
    assert_eq!(n, 4, "update relating a record, {url}");
    // DELETE, alone
    let (_, n) = counted(&mut s, "Support.AshApi.destroy!(t)");
    assert_eq!(n, 1, "destroy, {url}");

    // Invalid input never reaches the database.
    let (value, n) = counted(
        &mut s,
        "Support.Ticket |> Ash.Changeset.for_create(:create, %{subject: \"x\", status: :pending}) |> Support.AshApi.create() |> elem(0)",
    );
    assert_eq!((value.as_str(), n), (":error", 0), "{url}");

    // A failure at action time rolls its transaction back (or fails its one statement):
    // nothing is written.
    let (_, n) = counted(
        &mut s,
        "u = Support.Ticket |> Ash.Changeset.for_create(:new, %{subject: \"U\"}) |> Support.AshApi.create!()",
    );
    assert_eq!(n, 1, "{url}");
    let (value, _) = counted(
        &mut s,
        "u |> Ash.Changeset.for_update(:assign, %{representative_id: \"7a3c5f6e-1d2b-4c8a-9e0f-123456789abc\"}) |> Support.AshApi.update() |> elem(0)",
    );
    assert_eq!(value, ":error", "{url}");
    assert_eq!(
        eval(
            &mut s,
            "Support.AshApi.get!(Support.Ticket, u.id).representative_id"
        ),
        "nil",
        "{url}"
    );
    let (value, _) = counted(&mut s, "Support.AshApi.destroy(ann) |> elem(0)");
    assert_eq!(value, ":error", "{url}");
    assert_eq!(
        eval(
            &mut s,
            "{Support.AshApi.get!(Support.User, ann.id).name, length(Support.AshApi.read!(Support.Ticket))}"
        ),
        "{\"Ann\", 15}",
        "{url}"
    );
}

#[test]
fn each_write_is_atomic_and_a_failed_one_writes_nothing() {
    on_both(writes);
}

const ECHO_SCRIPT: &str = r#"alice = Support.User |> Ash.Changeset.for_create(:create, %{name: "Alice"}) |> Support.AshApi.create!()
t = Support.Ticket |> Ash.Changeset.for_create(:new, %{subject: "A"}) |> Support.AshApi.create!()
t = t |> Ash.Changeset.for_update(:assign, %{representative_id: alice.id}) |> Support.AshApi.update!()
t |> Ash.Changeset.for_update(:assign, %{representative_id: "7a3c5f6e-1d2b-4c8a-9e0f-123456789abc"}) |> Support.AshApi.update()
Support.AshApi.destroy(alice)
Support.Ticket |> Ash.Changeset.for_create(:create, %{subject: "x", status: :pending}) |> Support.AshApi.create()
Support.AshApi.destroy!(t)
Support.AshApi.destroy!(alice)
"#;

/// The echoed statements grouped by unit: (the writes inside, how it ended), where a write sent
/// outside a transaction is a unit of its own that ends `alone`. Savepoints (`--sandbox`) are
/// units like transactions; the sandbox's own BEGIN … ROLLBACK around them is left out.
fn transactions(echo: &str, sandbox: bool) -> Vec<(Vec<String>, String)> {
    let mut out = Vec::new();
    let mut open: Option<Vec<String>> = None;
    let mut lines: Vec<&str> = echo.lines().collect();
    if sandbox {
        assert_eq!(
            lines.first().copied(),
            Some("BEGIN"),
            "the sandbox opens:\n{echo}"
        );
        assert_eq!(
            lines.last().copied(),
            Some("ROLLBACK"),
            "the sandbox rolls back:\n{echo}"
        );
        lines = lines[1..lines.len() - 1].to_vec();
    }
    for line in lines {
        let words: Vec<&str> = line.split_whitespace().collect();
        let first = match (words.first().copied(), words.get(1).copied()) {
            (Some("SAVEPOINT"), _) => "BEGIN",
            (Some("RELEASE"), Some("SAVEPOINT")) => "COMMIT",
            (Some("ROLLBACK"), Some("TO")) => "ROLLBACK",
            (Some(word), _) => word,
            (None, _) => "",
        };
        match (first, open.as_mut()) {
            ("BEGIN", None) => open = Some(Vec::new()),
            ("COMMIT" | "ROLLBACK", Some(writes)) => {
                out.push((std::mem::take(writes), first.to_string()));
                open = None;
            }
            (verb @ ("INSERT" | "UPDATE" | "DELETE"), writes) => {
                let table = match verb {
                    "INSERT" | "DELETE" => words.get(2),
                    _ => words.get(1),
                };
                let write = format!("{verb} {}", table.copied().unwrap_or("?"));
                match writes {
                    Some(writes) => writes.push(write),
                    None => out.push((vec![write], "alone".to_string())),
                }
            }
            ("SELECT", _) => {}
            _ => panic!("unexpected statement: {line}"),
        }
    }
    assert!(open.is_none(), "a transaction was left open:\n{echo}");
    out
}

fn echoed(url: &str, sandbox: bool) {
    let mut args = vec!["--database-url", url, "--echo-sql"];
    if sandbox {
        args.push("--sandbox");
    }
    let output = Command::cargo_bin("helpdesk")
        .expect("binary built")
        .env_remove("DATABASE_URL")
        .env("NO_COLOR", "1")
        .args(args)
        .write_stdin(ECHO_SCRIPT)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{url}:\n{stdout}\n{stderr}");
    // The failed actions fail as Ash errors, and the later ones still succeed (under
    // `--sandbox` a failed statement must not abort the session's transaction).
    let results: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with('{') || l.starts_with(":ok"))
        .collect();
    assert_eq!(
        results
            .iter()
            .map(|l| &l[..l.find(',').unwrap_or(l.len())])
            .collect::<Vec<_>>(),
        ["{:error", "{:error", "{:error", ":ok", ":ok"],
        "{url}, sandbox {sandbox}:\n{stdout}"
    );
    let echo: String = stderr
        .lines()
        .filter(|l| !l.starts_with("Support.") && !l.trim().is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    let got = transactions(&echo, sandbox);
    let (one, failed_one) = if sandbox {
        ("COMMIT", "ROLLBACK")
    } else {
        ("alone", "alone")
    };
    let want: Vec<(Vec<String>, String)> = [
        (vec!["INSERT \"users\""], one),
        (vec!["INSERT \"tickets\""], one),
        // Looks the user up, then writes: a transaction.
        (vec!["UPDATE \"tickets\""], "COMMIT"),
        // The user does not exist: nothing written, rolled back.
        (vec![], "ROLLBACK"),
        // A foreign key stops the one statement.
        (vec!["DELETE \"users\""], failed_one),
        (vec!["DELETE \"tickets\""], one),
        (vec!["DELETE \"users\""], one),
    ]
    .into_iter()
    .map(|(w, end)| (w.into_iter().map(String::from).collect(), end.to_string()))
    .collect();
    assert_eq!(got, want, "{url}, sandbox {sandbox}:\n{echo}");
}

#[test]
fn the_echoed_statements_show_one_unit_per_action() {
    on_both(|url| echoed(url, false));
}

#[test]
fn under_sandbox_every_action_is_a_savepoint() {
    on_both(|url| echoed(url, true));
}
