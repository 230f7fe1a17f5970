//! Throwaway databases for tests (unit and integration): a uniquely named PostgreSQL database
//! on the test server, or a SQLite file in the temp directory, each removed when its guard
//! drops. Not for production use.
//!
//! PostgreSQL server: `$HELPDESK_TEST_PG_URL`, else `$TEST_DATABASE_URL`, else
//! `postgres://postgres@127.0.0.1:5432/` (the URL's database part is replaced).

use super::DbError;

const DEFAULT_SERVER: &str = "postgres://postgres@127.0.0.1:5432/";

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

    /// `postgres()` for tests that may skip: with `CI=true` an unreachable server is an error
    /// (the test fails); otherwise a notice is printed and None returned.
    pub fn postgres_or_skip(test: &str) -> Result<Option<(String, TempDatabase)>, DbError> {
        match TempDatabase::postgres() {
            Ok(found) => Ok(Some(found)),
            Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => Err(e),
            Err(e) => {
                eprintln!("note: skipping PostgreSQL part of {test}: {e}");
                Ok(None)
            }
        }
    }

    pub fn url(&self) -> &str {
        &self.url
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
}
