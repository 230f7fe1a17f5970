//! Public Ash 2.x projects (copies of their resource files and committed resource snapshots
//! under `tests/projects/`, see its README): the resources load, and the attributes read from
//! the files agree with the snapshots ash_postgres generated from them (name, `allow_nil?`,
//! `primary_key?`).

use std::path::{Path, PathBuf};

use helpdesk::project::{Location, load};

fn dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/projects")
        .join(name)
}

/// A column as the comparison sees it: (name, `allow_nil?`, `primary_key?`).
type Column = (String, bool, bool);

/// The newest snapshot of each table: (table, columns).
fn snapshots(project: &Path) -> Vec<(String, Vec<Column>)> {
    let mut out = Vec::new();
    let repo = project.join("priv/resource_snapshots/repo");
    let Ok(tables) = std::fs::read_dir(&repo) else {
        return out;
    };
    for table in tables.flatten().filter(|t| t.path().is_dir()) {
        let mut files: Vec<PathBuf> = std::fs::read_dir(table.path())
            .expect("a snapshot folder")
            .flatten()
            .map(|f| f.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        let Some(newest) = files.last() else { continue };
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(newest).expect("a snapshot file"))
                .expect("snapshot JSON");
        let columns = json["attributes"]
            .as_array()
            .expect("snapshot attributes")
            .iter()
            .map(|a| {
                (
                    a["source"].as_str().expect("source").to_string(),
                    a["allow_nil?"].as_bool().expect("allow_nil?"),
                    a["primary_key?"].as_bool().expect("primary_key?"),
                )
            })
            .collect();
        out.push((json["table"].as_str().expect("table").to_string(), columns));
    }
    out.sort();
    out
}

/// What one project's comparison found: tables whose snapshot has no resource, and columns
/// only the snapshot has (`table.column`). Attributes only the files have would be listed too.
#[derive(Debug, Default, PartialEq)]
struct Differences {
    tables_without_resource: Vec<String>,
    snapshot_only: Vec<String>,
    files_only: Vec<String>,
}

fn compare(name: &str) -> Differences {
    let root = dir(name);
    let project = load(&Location::Dir(root.clone())).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut found = Differences::default();
    for (table, columns) in snapshots(&root) {
        let Some(resource) = project.resources.iter().find(|r| r.table == table) else {
            found.tables_without_resource.push(table);
            continue;
        };
        let read: Vec<Column> = resource
            .attributes
            .iter()
            .map(|a| (a.source.clone(), a.allow_nil, a.primary_key))
            .collect();
        for column in columns.iter().filter(|c| !read.contains(c)) {
            found.snapshot_only.push(format!("{table}.{}", column.0));
        }
        for column in read.iter().filter(|c| !columns.contains(c)) {
            found.files_only.push(format!("{table}.{}", column.0));
        }
    }
    found
}

/// Every project that loads agrees with ash_postgres's snapshots (name, `allow_nil?`,
/// `primary_key?` of every column), except for what the notes say.
#[test]
fn resources_agree_with_the_committed_snapshots() {
    let strings = |items: &[&str]| items.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
    let rows: &[(&str, Differences)] = &[
        (
            // Its own Spark extension (AshHq.Docs.Extensions.Search, project code) adds the
            // sanitized_* columns; two snapshot folders belong to resources it deleted.
            "ash-project__ash_hq",
            Differences {
                tables_without_resource: strings(&["conversations", "questions"]),
                snapshot_only: strings(&[
                    "dsls.sanitized_path",
                    "functions.sanitized_name",
                    "guides.sanitized_name",
                    "library_versions.sanitized_version",
                    "mix_tasks.sanitized_name",
                    "modules.sanitized_name",
                    "options.sanitized_path",
                ]),
                files_only: Vec::new(),
            },
        ),
        (
            // Its ChatUser resource was deleted after the last snapshot of `chat_user`.
            "bahalperin__phoenix-ash-chat",
            Differences {
                tables_without_resource: strings(&["chat_user"]),
                snapshot_only: Vec::new(),
                files_only: Vec::new(),
            },
        ),
        ("dev-guy__phoenix-ash-svelte-flowbite", Differences::default()),
        ("funyx__elixir-graphql/helpdesk", Differences::default()),
        (
            // UserIdentity's attributes all come from AshAuthentication.UserIdentity (not
            // modelled): the resource is skipped with a warning, its table has no resource here.
            "peterfication__peak_tracker_backend",
            Differences {
                tables_without_resource: strings(&["user_identities"]),
                snapshot_only: Vec::new(),
                files_only: Vec::new(),
            },
        ),
        ("scflode__ash_playground", Differences::default()),
        ("sduduzog__gits", Differences::default()),
        ("team-alembic__realworld", Differences::default()),
        ("terrible-hq__terrible", Differences::default()),
        ("xshyne88__digsync", Differences::default()),
    ];
    for (name, expected) in rows {
        assert_eq!(&compare(name), expected, "{name}");
    }
}

/// A scratch directory, removed at the end.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("helpdesk-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn helpdesk() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("helpdesk").expect("binary built")
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("a file of the project");
    assert!(text.contains(from), "{} has {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("written");
}

/// `helpdesk new` writes the chapter's layout; a calculation added to its user.ex works at the
/// next start and after `recompile()`; a broken file is `file:line`, at start-up (exit 2) and
/// from `recompile()` (the previous definitions stay, records bound before keep printing).
#[test]
fn new_project_edited_and_recompiled() {
    let scratch = Scratch::new("new-project");
    let dir = scratch.0.join("hd");
    let out = helpdesk()
        .arg("new")
        .arg(&dir)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let said = String::from_utf8_lossy(&out);
    assert!(
        said.contains("lib/helpdesk/support/resources/ticket.ex"),
        "{said}"
    );
    for file in [
        "mix.exs",
        "config/config.exs",
        "lib/helpdesk/support/resources/ticket.ex",
        "lib/helpdesk/support/resources/user.ex",
        "lib/helpdesk/support/ash_api.ex",
        "lib/helpdesk/support/registry.ex",
        "lib/helpdesk/support/repo.ex",
        "priv/repo/migrations/20221104000000_support_add_tickets_and_users.exs",
        "migrations/sqlite/2025-11-25-000001_create_users/up.sql",
    ] {
        assert!(dir.join(file).is_file(), "{file}");
    }
    // Writing over an existing project is refused.
    helpdesk().arg("new").arg(&dir).assert().code(2);

    let db = scratch.0.join("hd.db");
    let user_ex = dir.join("lib/helpdesk/support/resources/user.ex");
    edit(
        &user_ex,
        "    calculate :assigned_open_percent",
        "    calculate :shout, :string, expr(name <> \"!\")\n    calculate :assigned_open_percent",
    );
    let run = |script: &str| {
        helpdesk()
            .current_dir(&dir)
            .arg("--database-url")
            .arg(&db)
            .write_stdin(script)
            .assert()
    };
    run("Support.AshApi.create!(Ash.Changeset.for_create(Support.User, :create, %{name: \"Ann\"})).name\n")
        .success()
        .stdout("\"Ann\"\n");
    run("require Ash.Query\nSupport.User |> Ash.Query.load(:shout) |> Support.AshApi.read!() |> Enum.map(& &1.shout)\n")
        .success()
        .stdout("Ash.Query\n[\"Ann!\"]\n");

    // recompile(): the calculation changed, then a broken file that leaves it working.
    let renamed = std::fs::read_to_string(&user_ex).expect("user.ex").replacen(
        "expr(name <> \"!\")",
        "expr(name <> \"?\")",
        1,
    );
    let broken = renamed.replacen("  attributes do", "  attributes do (", 1);
    // The session reads the files again on recompile(): drive it through a pipe, editing
    // between inputs (piped inputs run as they arrive).
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("helpdesk"))
        .current_dir(&dir)
        .arg("--database-url")
        .arg(&db)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawned");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = std::io::BufReader::new(child.stdout.take().expect("stdout"));
    let mut ask = |input: &str| -> String {
        use std::io::{BufRead, Write};
        writeln!(stdin, "{input}").expect("sent");
        stdin.flush().expect("flushed");
        let mut line = String::new();
        stdout.read_line(&mut line).expect("an answer");
        line.trim_end().to_string()
    };
    assert_eq!(
        ask("ann = Support.AshApi.read_one!(Support.User); ann.name"),
        "\"Ann\""
    );
    std::fs::write(&user_ex, &renamed).expect("edited");
    assert_eq!(ask("recompile()"), ":ok");
    assert_eq!(ask("Support.AshApi.load!(ann, :shout).shout"), "\"Ann?\"");
    std::fs::write(&user_ex, &broken).expect("broken");
    // The failed recompile() prints to stderr only; the next input still sees the old files.
    assert_eq!(
        ask("recompile()\nSupport.AshApi.load!(ann, :shout).shout"),
        "\"Ann?\""
    );
    assert_eq!(ask("ann.name"), "\"Ann\"");
    drop(stdin);
    let output = child.wait_with_output().expect("exited");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("(CompileError) lib/helpdesk/support/resources/user.ex:"),
        "{stderr}"
    );
    // At start-up the broken file stops the shell with file:line and exit 2.
    let failed = helpdesk()
        .current_dir(&dir)
        .arg("--database-url")
        .arg(&db)
        .arg("-e")
        .arg("1")
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&failed.get_output().stderr).into_owned();
    assert!(
        stderr.starts_with("helpdesk: lib/helpdesk/support/resources/user.ex:"),
        "{stderr}"
    );
}

/// A relationship's `filter:` or `sort:` naming what its destination does not have is a
/// `file:line` error at start-up (exit 2), like a calculation's typo.
#[test]
fn relationship_filters_and_sorts_are_checked_at_start() {
    for (from, to, message) in [
        (
            "      sort subject: :desc",
            "      sort bogus: :desc",
            "user.ex:39: HelpdeskPlus.User: relationship :reported_newest_subject_first: sort: Invalid reference bogus",
        ),
        (
            "      filter expr(status == :closed)",
            "      filter expr(state == :closed)",
            "user.ex:31: HelpdeskPlus.User: relationship :closed_reported: Invalid reference state",
        ),
    ] {
        let scratch = Scratch::new("rel-check");
        let dir = scratch.0.join("plus");
        let source = dir.join("lib/helpdesk_plus");
        std::fs::create_dir_all(&source).expect("dirs");
        for file in ["api.ex", "ticket.ex", "user.ex"] {
            let from_file = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/projects/own__helpdesk_plus/lib/helpdesk_plus")
                .join(file);
            std::fs::copy(from_file, source.join(file)).expect("copied");
        }
        edit(&source.join("user.ex"), from, to);
        let out = helpdesk()
            .arg("--project")
            .arg(&dir)
            .args(["--database-url", ":memory:", "-e", "1"])
            .assert()
            .code(2)
            .get_output()
            .stderr
            .clone();
        let said = String::from_utf8_lossy(&out);
        assert!(said.contains(message), "{said}");
    }
}
