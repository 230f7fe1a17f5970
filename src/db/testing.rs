//! Throwaway databases for tests (unit and integration): a uniquely named PostgreSQL database
//! on the test server, or a SQLite file in the temp directory, each removed when its guard
//! drops. Not for production use.
//!
//! PostgreSQL server: `$HELPDESK_TEST_PG_URL`, else `$TEST_DATABASE_URL`, else
//! `postgres://postgres@127.0.0.1:5432/` (the URL's database part is replaced). The PostgreSQL
//! half of the tests runs unless `HELPDESK_SKIP_PG=1` asks to skip it (which is then said on
//! stderr, past the test harness's capture); a server that cannot be reached fails the test
//! with a message saying how to start one or skip.

use std::io::Write;
use std::sync::Once;

use super::DbError;

const DEFAULT_SERVER: &str = "postgres://postgres@127.0.0.1:5432/";

/// The variable that skips the PostgreSQL half of the tests when set to `1`.
pub const SKIP_VARIABLE: &str = "HELPDESK_SKIP_PG";

/// The test server could not be reached (or refused to create a database) and skipping was
/// not asked for.
#[derive(Debug, thiserror::Error)]
#[error(
    "the PostgreSQL test server {server} cannot be used: {source}\n\
     Start it (on Debian/Ubuntu: `pg_ctlcluster --skip-systemctl-redirect 15 main start`), point \
     HELPDESK_TEST_PG_URL at another server, or set HELPDESK_SKIP_PG=1 to skip the PostgreSQL \
     tests."
)]
pub struct PostgresUnavailable {
    /// The server's URL, without its password.
    pub server: String,
    pub source: DbError,
}

fn skip_requested() -> bool {
    std::env::var(SKIP_VARIABLE).is_ok_and(|v| v == "1" || v == "true")
}

/// Says once per test process, on stderr (not captured by the test harness), that the
/// PostgreSQL tests were skipped.
fn announce_skip() {
    static ANNOUNCED: Once = Once::new();
    ANNOUNCED.call_once(|| {
        let _ = writeln!(
            std::io::stderr(),
            "\nnote: {SKIP_VARIABLE}=1: the PostgreSQL tests of this run were SKIPPED \
             (they pass without testing anything)\n"
        );
    });
}

/// Drops its database (or deletes its file) when dropped.
#[derive(Debug)]
pub struct TempDatabase {
    url: String,
}

fn server() -> String {
    std::env::var("HELPDESK_TEST_PG_URL")
        .or_else(|_| std::env::var("TEST_DATABASE_URL"))
        .unwrap_or_else(|_| DEFAULT_SERVER.to_string())
}

/// `postgres://u@h:p/anything?x` → `postgres://u@h:p/NAME?x`
fn with_database(server: &str, name: &str) -> String {
    let authority = server.find("://").map_or(0, |i| i + 3);
    let (base, query) = match server.find('?') {
        Some(q) => (&server[..q], &server[q..]),
        None => (server, ""),
    };
    let root = match base[authority..].find('/') {
        Some(i) => &base[..authority + i],
        None => base,
    };
    format!("{root}/{name}{query}")
}

impl TempDatabase {
    /// Creates `helpdesk_test_<uuid>` on the test server; returns its URL and the guard.
    pub fn postgres() -> Result<(String, TempDatabase), DbError> {
        let name = format!("helpdesk_test_{}", uuid::Uuid::new_v4().simple());
        let url = with_database(&server(), &name);
        super::create_database(&url)?;
        Ok((url.clone(), TempDatabase { url }))
    }

    /// A fresh SQLite file path in the temp directory.
    pub fn sqlite() -> Result<(String, TempDatabase), DbError> {
        let path = std::env::temp_dir().join(format!("helpdesk_test_{}.db", uuid::Uuid::new_v4().simple()));
        let url = path.to_string_lossy().into_owned();
        Ok((url.clone(), TempDatabase { url }))
    }

    /// `postgres()` for the PostgreSQL half of a test: None (after saying so on stderr) when
    /// `HELPDESK_SKIP_PG=1` asks to skip it, an error saying how to start a server or skip
    /// when the server cannot be used.
    pub fn postgres_or_skip() -> Result<Option<(String, TempDatabase)>, PostgresUnavailable> {
        postgres_unless(&server(), skip_requested())
    }

    pub fn url(&self) -> &str {
        &self.url
    }
}

/// A fresh database on `server`, or None when `skip`.
fn postgres_unless(server: &str, skip: bool) -> Result<Option<(String, TempDatabase)>, PostgresUnavailable> {
    if skip {
        announce_skip();
        return Ok(None);
    }
    let name = format!("helpdesk_test_{}", uuid::Uuid::new_v4().simple());
    let url = with_database(server, &name);
    match super::create_database(&url) {
        Ok(_) => Ok(Some((url.clone(), TempDatabase { url }))),
        Err(source) => Err(PostgresUnavailable {
            server: super::redact(server),
            source,
        }),
    }
}

impl Drop for TempDatabase {
    fn drop(&mut self) {
        if let Err(e) = super::drop_database_with(&self.url, true) {
            eprintln!(
                "note: could not remove test database {}: {e}",
                super::redact(&self.url)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_database_part() {
        let rows = [
            (
                "postgres://postgres@127.0.0.1:5432/",
                "postgres://postgres@127.0.0.1:5432/x",
            ),
            (
                "postgres://u@h/test?sslmode=disable",
                "postgres://u@h/x?sslmode=disable",
            ),
            ("postgres://u@h", "postgres://u@h/x"),
        ];
        for (server, expected) in rows {
            assert_eq!(with_database(server, "x"), expected);
        }
    }

    /// Nothing listens on port 1: the test fails with how to start a server or skip, unless
    /// skipping was asked for.
    #[test]
    fn an_unreachable_server_fails_unless_skipping_is_asked_for() {
        let dead = "postgres://postgres:secret@127.0.0.1:1/";
        let message = match postgres_unless(dead, false) {
            Err(error) => error.to_string(),
            Ok(found) => panic!("a dead port gave a database: {found:?}"),
        };
        for part in [
            "postgres://postgres:***@127.0.0.1:1/",
            "pg_ctlcluster --skip-systemctl-redirect 15 main start",
            "HELPDESK_SKIP_PG=1",
        ] {
            assert!(message.contains(part), "{part:?} missing from {message}");
        }
        assert!(!message.contains("secret"), "{message}");
        assert!(matches!(postgres_unless(dead, true), Ok(None)));
    }
}
