//! The command line: options and subcommands, parsed by hand (no runtime cost).

use crate::render::Format;

pub const USAGE: &str = "\
helpdesk - an iex-like shell over the data behind Ash 2.x resources (Ash 2.4 semantics)

USAGE:
    helpdesk [OPTIONS]                 REPL (interactive on a terminal, script mode otherwise)
    helpdesk [OPTIONS] FILE.exs        run a script file, then exit
    helpdesk [OPTIONS] -e 'CODE'       evaluate CODE, print its result, exit
    helpdesk db create|migrate|rollback|status|reset|drop
    helpdesk db seed [--users N] [--tickets M]
                                       add generated users and tickets (default 100 / 1000)
    helpdesk db introspect [--write DIR]
                                       print the database's tables as Ash resources, or
                                       write them as a project in DIR (lib/db/*.ex)
    helpdesk db generate-migrations [--name NAME] [--check] [--dry-run] [--drop-columns]
                                       compare the project's resources with its newest
                                       resource snapshots and write what changed (snapshots,
                                       migrations/{postgres,sqlite}/, the Ecto migration)
    helpdesk new DIR                   write the bundled chapter project as editable files
    helpdesk --help | --version

OPTIONS:
    --database-url URL     database to use (else $DATABASE_URL, else .env, else the Mix
                           project's config/*.exs repo settings, else ./helpdesk.db)
                           postgres://user@host/db selects PostgreSQL; a path, sqlite://path or
                           :memory: selects SQLite (created and migrated on first use)
    --project DIR          the Ash project whose lib/**/*.ex resources to use (else
                           $HELPDESK_PROJECT, else . when it has mix.exs or resource files,
                           else the bundled Helpdesk chapter)
    --format iex|table|json
                           how results are printed (default iex)
    --quiet                script mode: print only what IO.puts/IO.inspect print
    --bail                 stop at the first error (script mode)
    --sandbox              roll every write back at exit
    --echo-sql             print each SQL statement with its bound values to stderr
    --timing               print the time each input took (to stderr)
    --no-migrate           do not apply pending migrations at start
    --introspect           resources from the database's own tables (Db.*, api Db.Api)
                           instead of a project; nothing is migrated
    --schema NAME          PostgreSQL schema --introspect reads (default public)
    -e, --eval CODE        evaluate CODE and exit
    -h, --help             print this help
    -V, --version          print the version

EXIT CODES:
    0 success; 1 some input raised an error; 2 usage error or database unreachable

In the shell, h() lists what it knows and h(Ash.Query.filter) explains one thing.
";

/// What the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Help,
    Version,
    /// REPL or script: from a file, from `-e`, or from stdin.
    Run {
        file: Option<String>,
        eval: Option<String>,
    },
    Db(DbCommand),
    /// `helpdesk new DIR`
    New(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbCommand {
    Create,
    Migrate,
    Rollback,
    Status,
    Reset,
    Drop,
    /// Generated data: `users` users, `tickets` tickets.
    Seed {
        users: u64,
        tickets: u64,
    },
    /// `db introspect [--write DIR]` (the directory is `Args::write`).
    Introspect,
    /// `db generate-migrations [--name NAME] [--check] [--dry-run] [--drop-columns]` (the
    /// name is `Args::name`).
    GenerateMigrations {
        check: bool,
        dry_run: bool,
        drop_columns: bool,
    },
}

/// `helpdesk db seed` without `--users` / `--tickets`.
pub const SEED_DEFAULT_USERS: u64 = 100;
pub const SEED_DEFAULT_TICKETS: u64 = 1000;

#[derive(Debug, Clone, PartialEq)]
pub struct Args {
    pub command: Command,
    pub database_url: Option<String>,
    pub format: Format,
    pub quiet: bool,
    pub bail: bool,
    pub sandbox: bool,
    pub echo_sql: bool,
    pub timing: bool,
    pub no_migrate: bool,
    pub project: Option<String>,
    /// `--introspect`: resources from the database's catalog.
    pub introspect: bool,
    /// `--schema NAME` (PostgreSQL) for introspection.
    pub schema: Option<String>,
    /// `db introspect --write DIR`.
    pub write: Option<String>,
    /// `db generate-migrations --name NAME`.
    pub name: Option<String>,
}

/// A command-line mistake; the message says what was wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}\nRun `helpdesk --help` for usage.")]
pub struct UsageError(pub String);

pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Result<Args, UsageError> {
    let mut parsed = Args {
        command: Command::Run {
            file: None,
            eval: None,
        },
        database_url: None,
        format: Format::Iex,
        quiet: false,
        bail: false,
        sandbox: false,
        echo_sql: false,
        timing: false,
        no_migrate: false,
        project: None,
        introspect: false,
        schema: None,
        write: None,
        name: None,
    };
    let (mut check, mut dry_run, mut drop_columns) = (false, false, false);
    let mut new_dir = None;
    let mut file = None;
    let mut eval = None;
    let mut db = None;
    let mut seed_users = None;
    let mut seed_tickets = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag.to_string(), Some(value.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, UsageError> {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| UsageError(format!("{name} needs a value")))
        };
        match flag.as_str() {
            "-h" | "--help" => parsed.command = Command::Help,
            "-V" | "--version" => parsed.command = Command::Version,
            "--database-url" => parsed.database_url = Some(value("--database-url")?),
            "--format" => {
                let name = value("--format")?;
                parsed.format = Format::from_name(&name).ok_or_else(|| {
                    UsageError(format!("unknown format `{name}`: expected iex, table or json"))
                })?;
            }
            "-e" | "--eval" => eval = Some(value("-e")?),
            "--quiet" | "-q" => parsed.quiet = true,
            "--bail" => parsed.bail = true,
            "--sandbox" => parsed.sandbox = true,
            "--echo-sql" => parsed.echo_sql = true,
            "--timing" => parsed.timing = true,
            "--no-migrate" => parsed.no_migrate = true,
            "--project" => parsed.project = Some(value("--project")?),
            "--introspect" => parsed.introspect = true,
            "--schema" => parsed.schema = Some(value("--schema")?),
            "--write" => parsed.write = Some(value("--write")?),
            "--name" => parsed.name = Some(value("--name")?),
            "--check" => check = true,
            "--dry-run" => dry_run = true,
            "--drop-columns" => drop_columns = true,
            "new" if file.is_none() && db.is_none() && new_dir.is_none() => {
                new_dir = Some(
                    args.next()
                        .ok_or_else(|| UsageError("`helpdesk new` needs a directory".into()))?,
                );
            }
            "--users" => seed_users = Some(count("--users", &value("--users")?)?),
            "--tickets" => seed_tickets = Some(count("--tickets", &value("--tickets")?)?),
            "db" if file.is_none() && db.is_none() => {
                let sub = args.next().ok_or_else(|| {
                    UsageError(
                        "`helpdesk db` needs a subcommand: create, migrate, rollback, status, reset, drop, seed, introspect or generate-migrations"
                            .into(),
                    )
                })?;
                db = Some(match sub.as_str() {
                    "create" => DbCommand::Create,
                    "migrate" => DbCommand::Migrate,
                    "rollback" => DbCommand::Rollback,
                    "status" => DbCommand::Status,
                    "reset" => DbCommand::Reset,
                    "drop" => DbCommand::Drop,
                    "seed" => DbCommand::Seed {
                        users: SEED_DEFAULT_USERS,
                        tickets: SEED_DEFAULT_TICKETS,
                    },
                    "introspect" => DbCommand::Introspect,
                    "generate-migrations" | "generate_migrations" => DbCommand::GenerateMigrations {
                        check: false,
                        dry_run: false,
                        drop_columns: false,
                    },
                    other => return Err(UsageError(format!("unknown db subcommand `{other}`"))),
                });
            }
            other if other.starts_with('-') && other != "-" => {
                return Err(UsageError(format!("unknown option `{other}`")));
            }
            _ if file.is_none() => file = Some(arg),
            _ => return Err(UsageError(format!("unexpected argument `{arg}`"))),
        }
    }
    match &mut db {
        Some(DbCommand::Seed { users, tickets }) => {
            *users = seed_users.unwrap_or(*users);
            *tickets = seed_tickets.unwrap_or(*tickets);
        }
        _ if seed_users.is_some() || seed_tickets.is_some() => {
            return Err(UsageError(
                "--users and --tickets belong to `helpdesk db seed`".into(),
            ));
        }
        _ => {}
    }
    match &mut db {
        Some(DbCommand::GenerateMigrations {
            check: c,
            dry_run: d,
            drop_columns: x,
        }) => (*c, *d, *x) = (check, dry_run, drop_columns),
        _ if check || dry_run || drop_columns || parsed.name.is_some() => {
            return Err(UsageError(
                "--name, --check, --dry-run and --drop-columns belong to `helpdesk db generate-migrations`"
                    .into(),
            ));
        }
        _ => {}
    }
    if parsed.write.is_some() && db != Some(DbCommand::Introspect) {
        return Err(UsageError("--write belongs to `helpdesk db introspect`".into()));
    }
    if parsed.introspect && parsed.project.is_some() {
        return Err(UsageError(
            "--introspect and --project cannot be used together".into(),
        ));
    }
    if parsed.command
        == (Command::Run {
            file: None,
            eval: None,
        })
    {
        parsed.command = match (db, new_dir) {
            (Some(db), _) => Command::Db(db),
            (None, Some(dir)) => Command::New(dir),
            (None, None) => Command::Run { file, eval },
        };
    }
    Ok(parsed)
}

/// A non-negative count given to `name`.
fn count(name: &str, text: &str) -> Result<u64, UsageError> {
    text.parse()
        .map_err(|_| UsageError(format!("{name} needs a whole number, not `{text}`")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Result<Args, UsageError> {
        parse(line.split_whitespace().map(String::from))
    }

    #[test]
    fn commands() {
        let cases: &[(&str, Command)] = &[
            (
                "",
                Command::Run {
                    file: None,
                    eval: None,
                },
            ),
            (
                "x.exs",
                Command::Run {
                    file: Some("x.exs".into()),
                    eval: None,
                },
            ),
            (
                "-e 1",
                Command::Run {
                    file: None,
                    eval: Some("1".into()),
                },
            ),
            ("--help", Command::Help),
            ("-V", Command::Version),
            ("db create", Command::Db(DbCommand::Create)),
            (
                "--database-url :memory: db status",
                Command::Db(DbCommand::Status),
            ),
            (
                "db seed",
                Command::Db(DbCommand::Seed {
                    users: SEED_DEFAULT_USERS,
                    tickets: SEED_DEFAULT_TICKETS,
                }),
            ),
            (
                "db seed --users 10 --tickets=2000",
                Command::Db(DbCommand::Seed {
                    users: 10,
                    tickets: 2000,
                }),
            ),
        ];
        for (line, expected) in cases {
            assert_eq!(&args(line).map(|a| a.command), &Ok(expected.clone()), "{line}");
        }
    }

    #[test]
    fn usage_errors() {
        let cases: &[(&str, &str)] = &[
            ("--format xml", "unknown format `xml`"),
            ("--bogus", "unknown option `--bogus`"),
            ("db", "needs a subcommand"),
            ("db fly", "unknown db subcommand `fly`"),
            ("a.exs b.exs", "unexpected argument `b.exs`"),
            ("--database-url", "--database-url needs a value"),
            ("db seed --users many", "--users needs a whole number, not `many`"),
            ("db seed --tickets -1", "--tickets needs a whole number"),
            ("--users 3", "belong to `helpdesk db seed`"),
            ("db status --tickets 3", "belong to `helpdesk db seed`"),
        ];
        for (line, expected) in cases {
            let error = args(line).expect_err(line);
            assert!(error.0.contains(expected), "{line}: {}", error.0);
        }
    }
}
