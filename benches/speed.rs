//! The speed benchmark: helpdesk against the same work done by hand-written raw SQL on the
//! same backend, in one run, printed as a Markdown table of medians and ratios.
//!
//! Run: `cargo bench --bench speed` (PostgreSQL at `$HELPDESK_TEST_PG_URL`, default
//! `postgres://postgres@127.0.0.1:5432/`). The big reads run at every scale in
//! `HELPDESK_BENCH_SCALE` (a comma-separated list, default `0.1,1`: 1,000 users / 100,000
//! tickets, then 10,000 / 1,000,000); `HELPDESK_BENCH_SCALE=0.1` is the quick look, and
//! `HELPDESK_BENCH_ONLY=postgres:create,reads` runs only some parts (see `wanted`).
//! Measured: start-up to first result, the seed's create loop at 2000 tickets, 2000 `:assign`
//! updates, the chapter's `assigned_open_percent` query and a `load!` of three aggregates plus
//! `username`, and peak memory of printing a whole-table read. Raw baselines send the
//! statements helpdesk sends (one-statement actions autocommitted, the `:assign` lookup and
//! update in one transaction) with Diesel `sql_query` and bound values; on PostgreSQL the create
//! loop is also compared with `psql` piping the same rows as autocommitted INSERT/UPDATE text.

use std::process::Command;
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use std::hint::black_box;

use diesel::sql_query;
use diesel::sql_types::{BigInt, Double, Nullable, Text, Uuid as SqlUuid};
use helpdesk::db::testing::TempDatabase;
use helpdesk::eval::DbSource;
use helpdesk::repl::session::{Outcome, Session};

struct Row {
    what: String,
    backend: &'static str,
    ours: String,
    raw: String,
    ratio: String,
    target: &'static str,
    /// Helpdesk's / raw's CPU time of this process (SQLite work is all in-process; on a
    /// shared machine wall time mostly measures the other builds), when measured.
    cpu: String,
}

impl Default for Row {
    fn default() -> Self {
        Row {
            what: String::new(),
            backend: "",
            ours: String::new(),
            raw: String::new(),
            ratio: String::new(),
            target: "",
            cpu: "-".into(),
        }
    }
}

/// Wall and CPU time (user + system of this process, from /proc, 10 ms ticks) of `f`.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration, Duration) {
    let cpu0 = cpu_time();
    let started = Instant::now();
    let value = f();
    (value, started.elapsed(), cpu_time().saturating_sub(cpu0))
}

fn cpu_time() -> Duration {
    proc_ticks(&[11, 12])
}

/// User + system time of this process's waited-for children (`psql`).
fn children_cpu_time() -> Duration {
    proc_ticks(&[13, 14])
}

fn proc_ticks(indices: &[usize]) -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    // After the command name: state is field 3, utime 14, stime 15, cutime 16, cstime 17
    // (1-based in proc(5)).
    let ticks: u64 = indices
        .iter()
        .filter_map(|&i| fields.get(i).and_then(|f| f.parse::<u64>().ok()))
        .sum();
    Duration::from_millis(ticks * 10)
}

fn cpu_ratio(ours: &[Duration], raw: &[Duration]) -> String {
    let (o, r) = (median(ours.to_vec()), median(raw.to_vec()));
    if r.is_zero() {
        return "-".into();
    }
    format!(
        "{} / {} = {:.2}x",
        ms(o),
        ms(r),
        o.as_secs_f64() / r.as_secs_f64()
    )
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// The data sizes of the big reads, as fractions of 10,000 users / 1,000,000 tickets.
fn scales() -> Vec<f64> {
    let given = std::env::var("HELPDESK_BENCH_SCALE").unwrap_or_else(|_| "0.1,1".into());
    let scales: Vec<f64> = given
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .filter(|s: &f64| *s > 0.0)
        .collect();
    assert!(
        !scales.is_empty(),
        "HELPDESK_BENCH_SCALE={given}: give numbers such as 0.1 or 0.1,1"
    );
    scales
}

fn session(url: &str) -> Session {
    Session::new(DbSource::Url(url.to_string()), Box::new(std::io::sink()))
}

fn eval(session: &mut Session, src: &str) -> Duration {
    let started = Instant::now();
    match session.eval(src) {
        Outcome::Value(_) | Outcome::Nothing => {}
        Outcome::Syntax(e) => panic!("syntax error in benchmark input: {e}"),
        Outcome::Raised(e) => panic!("benchmark input raised: ** ({}) {}", e.module, e.message),
    }
    started.elapsed()
}

enum Raw {
    Sqlite(SqliteConnection),
    Pg(PgConnection),
}

impl Raw {
    fn open(url: &str) -> Raw {
        if url.starts_with("postgres") {
            Raw::Pg(PgConnection::establish(url).expect("raw pg connection"))
        } else {
            let mut c = SqliteConnection::establish(url).expect("raw sqlite connection");
            c.batch_execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")
                .expect("pragmas");
            Raw::Sqlite(c)
        }
    }

    fn batch(&mut self, sql: &str) {
        match self {
            Raw::Sqlite(c) => c.batch_execute(sql),
            Raw::Pg(c) => c.batch_execute(sql),
        }
        .expect("raw batch");
    }

    /// Runs `sql` with uuid/text binds ($1.. placeholders work on both backends).
    fn exec(&mut self, sql: &str, binds: &[Bind]) {
        match self {
            Raw::Sqlite(c) => {
                let mut q = diesel::sql_query(sql).into_boxed::<diesel::sqlite::Sqlite>();
                for b in binds {
                    q = match b {
                        Bind::Id(id) => q.bind::<Text, _>(id.hyphenated().to_string()),
                        Bind::Text(t) => q.bind::<Text, _>(t.clone()),
                    };
                }
                q.execute(c).expect("raw sqlite statement");
            }
            Raw::Pg(c) => {
                let mut q = diesel::sql_query(sql).into_boxed::<diesel::pg::Pg>();
                for b in binds {
                    q = match b {
                        Bind::Id(id) => q.bind::<SqlUuid, _>(*id),
                        Bind::Text(t) => q.bind::<Text, _>(t.clone()),
                    };
                }
                q.execute(c).expect("raw pg statement");
            }
        }
    }

    /// Runs a hand-written read and decodes every row into typed values, as a program using
    /// the result would (the text is the same for both shapes; the columns are named).
    fn timed(&mut self, sql: &str, shape: Shape) -> Duration {
        let started = Instant::now();
        let n = match (self, shape) {
            (Raw::Sqlite(c), Shape::Percent) => sql_query(sql)
                .load::<PercentSqlite>(c)
                .map(|r| black_box(r).len()),
            (Raw::Pg(c), Shape::Percent) => sql_query(sql).load::<PercentPg>(c).map(|r| black_box(r).len()),
            (Raw::Sqlite(c), Shape::Load) => sql_query(sql).load::<LoadSqlite>(c).map(|r| black_box(r).len()),
            (Raw::Pg(c), Shape::Load) => sql_query(sql).load::<LoadPg>(c).map(|r| black_box(r).len()),
        }
        .expect("raw query");
        black_box(n);
        started.elapsed()
    }
}

#[derive(Clone, Copy)]
enum Shape {
    Percent,
    Load,
}

#[derive(QueryableByName)]
struct PercentSqlite {
    #[diesel(sql_type = Text)]
    _id: String,
    #[diesel(sql_type = Nullable<Text>)]
    _name: Option<String>,
    #[diesel(sql_type = BigInt)]
    _active: i64,
    #[diesel(sql_type = BigInt)]
    _total: i64,
    #[diesel(sql_type = Double)]
    _pct: f64,
}

#[derive(QueryableByName)]
struct PercentPg {
    #[diesel(sql_type = SqlUuid)]
    _id: uuid::Uuid,
    #[diesel(sql_type = Nullable<Text>)]
    _name: Option<String>,
    #[diesel(sql_type = BigInt)]
    _active: i64,
    #[diesel(sql_type = BigInt)]
    _total: i64,
    #[diesel(sql_type = Double)]
    _pct: f64,
}

#[derive(QueryableByName)]
struct LoadSqlite {
    #[diesel(sql_type = Text)]
    _id: String,
    #[diesel(sql_type = Nullable<Text>)]
    _name: Option<String>,
    #[diesel(sql_type = BigInt)]
    _total: i64,
    #[diesel(sql_type = BigInt)]
    _active: i64,
    #[diesel(sql_type = BigInt)]
    _closed: i64,
    #[diesel(sql_type = Nullable<Text>)]
    _username: Option<String>,
}

#[derive(QueryableByName)]
struct LoadPg {
    #[diesel(sql_type = SqlUuid)]
    _id: uuid::Uuid,
    #[diesel(sql_type = Nullable<Text>)]
    _name: Option<String>,
    #[diesel(sql_type = BigInt)]
    _total: i64,
    #[diesel(sql_type = BigInt)]
    _active: i64,
    #[diesel(sql_type = BigInt)]
    _closed: i64,
    #[diesel(sql_type = Nullable<Text>)]
    _username: Option<String>,
}

enum Bind {
    Id(uuid::Uuid),
    Text(String),
}

struct Db {
    url: String,
    _guard: TempDatabase,
    backend: &'static str,
}

fn fresh(backend: &'static str) -> Db {
    let (url, guard) = match backend {
        "sqlite" => TempDatabase::sqlite(),
        _ => TempDatabase::postgres(),
    }
    .expect("temp database");
    let mut db = helpdesk::db::Database::connect(&url).expect("connect");
    db.migrate().expect("migrate");
    Db {
        url,
        _guard: guard,
        backend,
    }
}

/// Write loops run this many times (fresh databases each), alternating helpdesk and raw; the
/// medians are reported. The machine is shared, so single runs are noisy.
const ROUNDS: usize = 5;

const RETURNING: &str = "RETURNING id, subject, status, reporter_id, representative_id";

/// The create loop's statements as `psql` text: each INSERT (and every second row's UPDATE)
/// autocommitted, values as literals, the RETURNING helpdesk asks for.
fn psql_script(ids: &[uuid::Uuid]) -> String {
    let mut script = String::new();
    for (i, id) in ids.iter().enumerate() {
        script.push_str(&format!(
            "INSERT INTO tickets (id, subject, status) VALUES ('{id}', 'Issue {i}', 'open') {RETURNING};\n"
        ));
        if i % 2 == 0 {
            script.push_str(&format!(
                "UPDATE tickets SET status = 'closed' WHERE id = '{id}' {RETURNING};\n"
            ));
        }
    }
    script
}

/// `psql` reading `script` on standard input (results thrown away); None without psql.
fn psql(url: &str, script: &str) -> Option<Duration> {
    use std::io::Write as _;
    let started = Instant::now();
    let mut child = Command::new("psql")
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(script.as_bytes()).ok()?;
    let status = child.wait().ok()?;
    assert!(status.success(), "psql ran the script");
    Some(started.elapsed())
}

fn create_loop(backend: &'static str, n: usize, rows: &mut Vec<Row>) {
    let script = format!(
        r#"for i <- 0..{} do
  ticket =
    Support.Ticket
    |> Ash.Changeset.for_create(:new, %{{subject: "Issue #{{i}}"}})
    |> Support.AshApi.create!()

  if rem(i, 2) == 0 do
    ticket
    |> Ash.Changeset.for_update(:close)
    |> Support.AshApi.update!()
  end
end |> length()"#,
        n - 1
    );
    let (mut ours_times, mut raw_times, mut psql_times) = (Vec::new(), Vec::new(), Vec::new());
    let (mut ours_cpu, mut raw_cpu, mut psql_cpu) = (Vec::new(), Vec::new(), Vec::new());
    let with_psql = backend == "postgres" && Command::new("psql").arg("--version").output().is_ok();
    for _ in 0..ROUNDS {
        let ours_db = fresh(backend);
        let mut s = session(&ours_db.url);
        // Connected (and the schema checked) before the clock starts, as the raw side is.
        eval(&mut s, "Support.AshApi.read!(Support.User) |> length()");
        let (_, wall, cpu) = timed(|| eval(&mut s, &script));
        ours_times.push(wall);
        ours_cpu.push(cpu);
        let raw_db = fresh(backend);
        let mut raw = Raw::open(&raw_db.url);
        let cpu0 = cpu_time();
        let started = Instant::now();
        for i in 0..n {
            // Helpdesk's statements: each action is one statement, autocommitted.
            let id = uuid::Uuid::new_v4();
            raw.exec(
                &format!("INSERT INTO tickets (id, subject, status) VALUES ($1, $2, $3) {RETURNING}"),
                &[
                    Bind::Id(id),
                    Bind::Text(format!("Issue {i}")),
                    Bind::Text("open".into()),
                ],
            );
            if i % 2 == 0 {
                raw.exec(
                    &format!("UPDATE tickets SET status = $1 WHERE id = $2 {RETURNING}"),
                    &[Bind::Text("closed".into()), Bind::Id(id)],
                );
            }
        }
        raw_times.push(started.elapsed());
        raw_cpu.push(cpu_time().saturating_sub(cpu0));
        if with_psql {
            let psql_db = fresh(backend);
            let ids: Vec<uuid::Uuid> = (0..n).map(|_| uuid::Uuid::new_v4()).collect();
            let text = psql_script(&ids);
            // psql's own start and connection, taken off its time.
            let start = median((0..5).filter_map(|_| psql(&psql_db.url, "SELECT 1;")).collect());
            let cpu0 = children_cpu_time();
            if let Some(wall) = psql(&psql_db.url, &text) {
                psql_times.push(wall.saturating_sub(start));
                psql_cpu.push(children_cpu_time().saturating_sub(cpu0));
            }
        }
    }
    let (ours, raw_time) = (median(ours_times), median(raw_times));
    let what = format!("seed create loop, {n} tickets (+{} closes)", n.div_ceil(2));
    rows.push(Row {
        cpu: cpu_ratio(&ours_cpu, &raw_cpu),
        what: what.clone(),
        backend,
        ours: ms(ours),
        raw: ms(raw_time),
        ratio: format!("{:.2}x", ours.as_secs_f64() / raw_time.as_secs_f64()),
        target: if backend == "sqlite" { "<= 1.5x" } else { "<= 1.3x" },
    });
    if !psql_times.is_empty() {
        let psql_time = median(psql_times);
        rows.push(Row {
            cpu: cpu_ratio(&ours_cpu, &psql_cpu),
            what: format!("{what}, against psql piping the same rows autocommitted"),
            backend,
            ours: ms(ours),
            raw: format!("{} (psql)", ms(psql_time)),
            ratio: format!("{:.2}x", ours.as_secs_f64() / psql_time.as_secs_f64()),
            target: "<= 1.3x",
        });
    }
}

fn assign_loop(backend: &'static str, n: usize, rows: &mut Vec<Row>) {
    let user = uuid::Uuid::new_v4();
    let setup = format!(
        "INSERT INTO users (id, name) VALUES ('{}', 'Alice');",
        user.hyphenated()
    );
    let fill = |url: &str| {
        let mut raw = Raw::open(url);
        raw.batch(&setup);
        for i in 0..n {
            raw.exec(
                "INSERT INTO tickets (id, subject, status) VALUES ($1, $2, 'open')",
                &[Bind::Id(uuid::Uuid::new_v4()), Bind::Text(format!("Issue {i}"))],
            );
        }
        raw
    };
    let (mut ours_times, mut raw_times) = (Vec::new(), Vec::new());
    let (mut ours_cpu, mut raw_cpu) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let ours_db = fresh(backend);
        drop(fill(&ours_db.url));
        let mut s = session(&ours_db.url);
        eval(&mut s, "[alice] = Support.AshApi.read!(Support.User)\n:ok");
        eval(&mut s, "tickets = Support.AshApi.read!(Support.Ticket)\n:ok");
        let cpu0 = cpu_time();
        ours_times.push(eval(
        &mut s,
        "for t <- tickets do\n  t |> Ash.Changeset.for_update(:assign, %{representative_id: alice.id}) |> Support.AshApi.update!()\nend |> length()",
    ));
        ours_cpu.push(cpu_time().saturating_sub(cpu0));
        let raw_db = fresh(backend);
        let mut raw = fill(&raw_db.url);
        let ids: Vec<uuid::Uuid> = match &mut raw {
            Raw::Sqlite(c) => {
                #[derive(QueryableByName)]
                struct Id {
                    #[diesel(sql_type = Text)]
                    id: String,
                }
                let ids: Vec<Id> = diesel::sql_query("SELECT id FROM tickets").load(c).expect("ids");
                ids.iter().filter_map(|i| i.id.parse().ok()).collect()
            }
            Raw::Pg(c) => {
                #[derive(QueryableByName)]
                struct Id {
                    #[diesel(sql_type = SqlUuid)]
                    id: uuid::Uuid,
                }
                let ids: Vec<Id> = diesel::sql_query("SELECT id FROM tickets").load(c).expect("ids");
                ids.into_iter().map(|i| i.id).collect()
            }
        };
        let cpu0 = cpu_time();
        let started = Instant::now();
        for id in ids {
            raw.batch("BEGIN");
            raw.exec("SELECT id, name FROM users WHERE id = $1", &[Bind::Id(user)]);
            raw.exec(
                &format!("UPDATE tickets SET representative_id = $1 WHERE id = $2 {RETURNING}"),
                &[Bind::Id(user), Bind::Id(id)],
            );
            raw.batch("COMMIT");
        }
        raw_times.push(started.elapsed());
        raw_cpu.push(cpu_time().saturating_sub(cpu0));
    }
    let (ours, raw_time) = (median(ours_times), median(raw_times));
    rows.push(Row {
        cpu: cpu_ratio(&ours_cpu, &raw_cpu),
        what: format!("{n} :assign updates"),
        backend,
        ours: ms(ours),
        raw: ms(raw_time),
        ratio: format!("{:.2}x", ours.as_secs_f64() / raw_time.as_secs_f64()),
        target: if backend == "sqlite" { "<= 1.5x" } else { "<= 1.3x" },
    });
}

/// Fills the database with `helpdesk db seed`'s generator (server-side SQL): every tenth
/// user without a name, the last tenth without tickets, a third of the tickets closed, some
/// without a representative or reporter.
fn fill_big(db: &Db, users: usize, tickets: usize) {
    let mut d = helpdesk::db::Database::connect(&db.url).expect("connect");
    d.seed(users as u64, tickets as u64).expect("seed");
}

/// Medians of `runs` timings of `ours` and `raw`, taken alternately (after one warm-up run of
/// each), so a busy moment of the machine falls on both sides.
fn interleaved(
    runs: usize,
    mut ours: impl FnMut() -> Duration,
    mut raw: impl FnMut() -> Duration,
) -> (Duration, Duration) {
    ours();
    raw();
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        a.push(ours());
        b.push(raw());
    }
    (median(a), median(b))
}

/// The big reads: each helpdesk read and its hand-written SQL, `runs` times each (alternating).
fn big_reads(db: &Db, rows: &mut Vec<Row>, label: &str, runs: usize) {
    let mut s = session(&db.url);
    eval(&mut s, "require Ash.Query");
    let query = "Support.User
|> Ash.Query.filter(all_assigned_tickets > 0)
|> Ash.Query.filter(assigned_open_percent > 0.25)
|> Ash.Query.sort(:assigned_open_percent)
|> Ash.Query.load(:assigned_open_percent)
|> Support.AshApi.read!()
|> length()";
    let mut raw = Raw::open(&db.url);
    let (float, open_count) = if db.backend == "sqlite" {
        ("CAST(a.active AS REAL)", "SUM(t.status = 'open')")
    } else {
        ("a.active::float8", "COUNT(*) FILTER (WHERE t.status = 'open')")
    };
    let hand = format!(
        "SELECT u.id AS _id, u.name AS _name, a.active AS _active, a.total AS _total, {float} / a.total AS _pct
         FROM users u
         JOIN (SELECT t.representative_id, COUNT(*) AS total, {open_count} AS active
               FROM tickets t GROUP BY t.representative_id) a ON a.representative_id = u.id
         WHERE a.total > 0 AND {float} / a.total > 0.25
         ORDER BY _pct"
    );
    let (ours, raw_time) = interleaved(runs, || eval(&mut s, query), || raw.timed(&hand, Shape::Percent));
    rows.push(Row {
        what: format!("assigned_open_percent filter+sort+load, {label}"),
        backend: db.backend,
        ours: ms(ours),
        raw: ms(raw_time),
        ratio: format!("{:.2}x", ours.as_secs_f64() / raw_time.as_secs_f64()),
        target: "<= 1.5x",
        ..Default::default()
    });

    eval(&mut s, "users = Support.AshApi.read!(Support.User)\n:ok");
    let load = "Support.AshApi.load!(users, [:all_assigned_tickets, :active_assigned_tickets, :closed_assigned_tickets, :username]) |> length()";
    let (concat_id, closed_count) = if db.backend == "sqlite" {
        ("u.name || '-' || u.id", "SUM(t.status = 'closed')")
    } else {
        (
            "u.name || '-' || u.id::text",
            "COUNT(*) FILTER (WHERE t.status = 'closed')",
        )
    };
    let hand = format!(
        "SELECT u.id AS _id, u.name AS _name, COALESCE(a.total, 0) AS _total, COALESCE(a.active, 0) AS _active,
                COALESCE(a.closed, 0) AS _closed, {concat_id} AS _username
         FROM users u
         LEFT JOIN (SELECT t.representative_id, COUNT(*) AS total, {open_count} AS active, {closed_count} AS closed
                    FROM tickets t GROUP BY t.representative_id) a ON a.representative_id = u.id"
    );
    let (ours, raw_time) = interleaved(runs, || eval(&mut s, load), || raw.timed(&hand, Shape::Load));
    rows.push(Row {
        what: format!("load! 3 aggregates + username, {label}"),
        backend: db.backend,
        ours: ms(ours),
        raw: ms(raw_time),
        ratio: format!("{:.2}x", ours.as_secs_f64() / raw_time.as_secs_f64()),
        target: "<= 1.5x",
        ..Default::default()
    });
}

fn peak_rss_kb(args: &[&str]) -> Option<u64> {
    let output = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg(env!("CARGO_BIN_EXE_helpdesk"))
        .args(args)
        .stdout(std::process::Stdio::null())
        .output()
        .ok()?;
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .last()?
        .trim()
        .parse()
        .ok()
}

fn memory(db: &Db, rows: &mut Vec<Row>, label: &str) {
    for (what, format) in [("iex (limit 50)", "iex"), ("json", "json")] {
        let kb = peak_rss_kb(&[
            "--database-url",
            &db.url,
            "--format",
            format,
            "-e",
            "Support.AshApi.read!(Support.Ticket)",
        ]);
        rows.push(Row {
            what: format!("peak RSS of read! {label}, {what}"),
            backend: db.backend,
            ours: kb.map_or("n/a".into(), |kb| format!("{:.0} MB", kb as f64 / 1024.0)),
            raw: "-".into(),
            ratio: "-".into(),
            target: "<= 100 MB",
            ..Default::default()
        });
    }
}

fn startup(rows: &mut Vec<Row>) {
    let db = fresh("sqlite");
    let run = |program: &str, args: &[&str]| -> Duration {
        let started = Instant::now();
        let status = Command::new(program)
            .args(args)
            .stdout(std::process::Stdio::null())
            .status();
        assert!(status.is_ok_and(|s| s.success()), "{program} ran");
        started.elapsed()
    };
    let bin = env!("CARGO_BIN_EXE_helpdesk");
    run(bin, &["--database-url", &db.url, "-e", "1"]);
    let ours = median(
        (0..30)
            .map(|_| run(bin, &["--database-url", &db.url, "-e", "1"]))
            .collect(),
    );
    let (raw, ratio) = if Command::new("sqlite3").arg("-version").output().is_ok() {
        let raw = median(
            (0..30)
                .map(|_| run("sqlite3", &[":memory:", "select 1"]))
                .collect(),
        );
        (ms(raw), format!("{:.2}x", ours.as_secs_f64() / raw.as_secs_f64()))
    } else {
        ("(no sqlite3)".into(), "-".into())
    };
    rows.push(Row {
        what: "start to first result: `helpdesk -e 1` vs `sqlite3 :memory: 'select 1'`".into(),
        backend: "sqlite",
        ours: ms(ours),
        raw: raw.clone(),
        ratio,
        target: "< 20 ms",
        ..Default::default()
    });
    // The same with a project of 20 resource files read at start-up.
    let project = twenty_resources();
    let dir = project.to_string_lossy().into_owned();
    let with_project = median(
        (0..30)
            .map(|_| run(bin, &["--project", &dir, "--database-url", &db.url, "-e", "1"]))
            .collect(),
    );
    rows.push(Row {
        what: "start to first result with a project of 20 resource files (`--project DIR -e 1`)".into(),
        backend: "sqlite",
        ours: ms(with_project),
        raw,
        ratio: format!(
            "{:.2}x of the bundled chapter",
            with_project.as_secs_f64() / ours.as_secs_f64()
        ),
        target: "< 20 ms",
        ..Default::default()
    });
    let _ = std::fs::remove_dir_all(&project);
}

/// Start-up with `--introspect` over a schema of 100 tables made with plain SQL (each with an
/// integer key, a unique name, numeric and timestamp columns and two foreign keys), against
/// the bundled chapter's start-up on the same backend.
fn introspect_startup(backend: &'static str, rows: &mut Vec<Row>) {
    let (url, _guard) = match backend {
        "sqlite" => TempDatabase::sqlite(),
        _ => TempDatabase::postgres(),
    }
    .expect("temp database");
    let (key, integer) = if backend == "sqlite" {
        ("INTEGER PRIMARY KEY", "INTEGER")
    } else {
        ("BIGSERIAL PRIMARY KEY", "BIGINT")
    };
    let mut ddl = String::new();
    for i in 0..100 {
        let refs = if i == 0 {
            String::new()
        } else {
            format!(
                ", parent_id {integer} REFERENCES t{}s (id), owner_id {integer} REFERENCES t{}s (id)",
                i - 1,
                i / 2
            )
        };
        ddl.push_str(&format!(
            "CREATE TABLE t{i}s (id {key}, name TEXT NOT NULL UNIQUE, amount NUMERIC, \
             created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP{refs});\n"
        ));
    }
    let mut db = helpdesk::db::Database::connect(&url).expect("connect");
    db.batch_execute(&ddl).expect("100 tables");
    drop(db);
    let bin = env!("CARGO_BIN_EXE_helpdesk");
    let run = |args: &[&str]| -> Duration {
        let started = Instant::now();
        let status = Command::new(bin)
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
        assert!(status.is_ok_and(|s| s.success()), "helpdesk {args:?} ran");
        started.elapsed()
    };
    let introspected = [
        "--introspect",
        "--database-url",
        &url,
        "-e",
        "length(Ash.Api.Info.resources(Db.Api))",
    ];
    run(&introspected);
    let ours = median((0..20).map(|_| run(&introspected)).collect());
    let chapter = fresh(backend);
    let plain = median(
        (0..20)
            .map(|_| run(&["--database-url", &chapter.url, "-e", "1"]))
            .collect(),
    );
    rows.push(Row {
        what: "start to first result introspecting 100 tables (`--introspect -e …`)".into(),
        backend,
        ours: ms(ours),
        raw: ms(plain),
        ratio: format!(
            "{:.2}x of the bundled chapter",
            ours.as_secs_f64() / plain.as_secs_f64()
        ),
        target: "< 100 ms",
        ..Default::default()
    });
}

/// A project of 20 resources (`Bench.R0` … `Bench.R19`, each with attributes, a belongs_to
/// to the previous one, a has_many, an aggregate, a calculation, actions, an identity and a
/// code interface) and its api, written to a temporary directory.
fn twenty_resources() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("helpdesk-bench-project-{}", std::process::id()));
    let lib = dir.join("lib/bench");
    std::fs::create_dir_all(&lib).expect("project dir");
    let mut api = String::from("defmodule Bench.Api do\n  use Ash.Api\n\n  resources do\n");
    for i in 0..20 {
        let previous = if i == 0 { 19 } else { i - 1 };
        let next = (i + 1) % 20;
        api.push_str(&format!("    resource Bench.R{i}\n"));
        let text = format!(
            r#"defmodule Bench.R{i} do
  use Ash.Resource, data_layer: AshPostgres.DataLayer

  alias Bench.{{R{previous}, R{next}}}

  postgres do
    table "r{i}s"
    repo Bench.Repo
  end

  code_interface do
    define_for Bench.Api
    define :open, action: :open, args: [:title]
  end

  attributes do
    uuid_primary_key :id
    attribute :title, :string, allow_nil?: false
    attribute :status, :atom, constraints: [one_of: [:open, :closed]], default: :open
    attribute :score, :integer, default: 0
    attribute :note, :string do
      allow_nil? true
      description "free text"
    end
    timestamps()
  end

  identities do
    identity :unique_title, [:title]
  end

  relationships do
    belongs_to :parent, R{previous}
    has_many :children, R{next}, destination_attribute: :parent_id
  end

  aggregates do
    count :open_children, :children do
      filter expr(status == :open)
    end
    sum :total_score, :children, :score
  end

  calculations do
    calculate :label, :string, expr(title <> " (" <> note <> ")")
  end

  actions do
    defaults [:create, :read, :update, :destroy]

    create :open do
      accept [:title, :note]
    end

    update :close do
      accept []
      change set_attribute(:status, :closed)
    end

    read :open_ones do
      filter expr(status == :open)
    end
  end
end
"#
        );
        std::fs::write(lib.join(format!("r{i}.ex")), text).expect("resource file");
    }
    api.push_str("  end\nend\n");
    std::fs::write(lib.join("api.ex"), api).expect("api file");
    dir
}

/// Whether `part` (`startup`, `create`, `assign`, `reads`, `memory`) on `backend` runs:
/// `HELPDESK_BENCH_ONLY` (e.g. `postgres:create,sqlite`) limits the run to some parts, for
/// looking at one measurement; unset, everything runs.
fn wanted(backend: &str, part: &str) -> bool {
    let Ok(only) = std::env::var("HELPDESK_BENCH_ONLY") else {
        return true;
    };
    only.split(',')
        .map(str::trim)
        .any(|item| match item.split_once(':') {
            Some((b, p)) => b == backend && p == part,
            None => item == backend || item == part,
        })
}

fn main() {
    // `cargo bench` passes `--bench`; ignore arguments.
    let scales = scales();
    let n = 2000;
    let mut rows = Vec::new();
    if wanted("sqlite", "startup") {
        startup(&mut rows);
        introspect_startup("sqlite", &mut rows);
    }
    if wanted("postgres", "startup") {
        introspect_startup("postgres", &mut rows);
    }
    for backend in ["sqlite", "postgres"] {
        if wanted(backend, "create") {
            eprintln!("[{backend}] create loop");
            create_loop(backend, n, &mut rows);
        }
        if wanted(backend, "assign") {
            eprintln!("[{backend}] assign loop");
            assign_loop(backend, n, &mut rows);
        }
        if !wanted(backend, "reads") && !wanted(backend, "memory") {
            continue;
        }
        for &scale in &scales {
            let users = ((10_000.0 * scale) as usize).max(100);
            let tickets = ((1_000_000.0 * scale) as usize).max(1000);
            let label = format!("{users} users / {tickets} tickets");
            eprintln!("[{backend}] generating {label}");
            let big = fresh(backend);
            fill_big(&big, users, tickets);
            if wanted(backend, "reads") {
                eprintln!("[{backend}] big reads, {label}");
                // Small data is quick to read and more exposed to the machine's noise.
                let runs = if tickets <= 200_000 { 15 } else { 7 };
                big_reads(&big, &mut rows, &label, runs);
            }
            if wanted(backend, "memory") {
                eprintln!("[{backend}] memory, {label}");
                memory(&big, &mut rows, &label);
            }
        }
    }
    println!("| measurement | backend | helpdesk | raw SQL | ratio | target | client CPU helpdesk / raw |");
    println!("|---|---|---|---|---|---|---|");
    for row in rows {
        println!(
            "| {} | {} | {} | {} | {} | {} | {} |",
            row.what, row.backend, row.ours, row.raw, row.ratio, row.target, row.cpu
        );
    }
}
