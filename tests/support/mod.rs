//! Shared test support: throwaway databases on both backends.
//!
//! Every test gets its own database: a fresh SQLite file in a temp dir, or a PostgreSQL
//! database named `helpdesk_t_<uuid>` created on the server in `HELPDESK_TEST_PG` (default
//! `postgres://postgres@127.0.0.1:5432`) and dropped when the guard goes out of scope. When the
//! server cannot be reached, tests fail under `CI=true` and are skipped (with a notice)
//! otherwise.

#![allow(dead_code)]

use std::path::PathBuf;

/// A database that exists for the life of the value.
pub struct TempDb {
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    File(PathBuf),
    Postgres,
}

impl TempDb {
    pub fn sqlite() -> TempDb {
        let dir = std::env::temp_dir().join(format!("helpdesk-test-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("test.db");
        TempDb {
            url: path.display().to_string(),
            cleanup: Cleanup::File(dir),
        }
    }

    /// A fresh PostgreSQL database, or None (skip) when the server is unreachable outside CI.
    pub fn postgres() -> Option<TempDb> {
        let base =
            std::env::var("HELPDESK_TEST_PG").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
        let url = format!(
            "{}/helpdesk_t_{}",
            base.trim_end_matches('/'),
            uuid::Uuid::new_v4().simple()
        );
        match helpdesk::db::create_database(&url) {
            Ok(()) => Some(TempDb {
                url,
                cleanup: Cleanup::Postgres,
            }),
            Err(error) => {
                if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
                    panic!("PostgreSQL tests are mandatory in CI but the server is unreachable: {error}");
                }
                eprintln!("NOTICE: PostgreSQL unreachable ({error}); PostgreSQL tests skipped");
                None
            }
        }
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::File(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Postgres => {
                let _ = helpdesk::db::drop_database(&self.url);
            }
        }
    }
}

/// Replaces every UUID in `text` by `<id:N>`, numbered by first appearance (shared across
/// calls through `seen`), so transcripts compare equal across runs.
pub fn normalize_ids(text: &str, seen: &mut Vec<String>) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if i + 36 <= text.len() && is_uuid(&bytes[i..i + 36]) {
            let id = &text[i..i + 36];
            let n = match seen.iter().position(|s| s == id) {
                Some(n) => n + 1,
                None => {
                    seen.push(id.to_string());
                    seen.len()
                }
            };
            out.push_str(&format!("<id:{n}>"));
            i += 36;
        } else {
            let ch = text[i..].chars().next().expect("char boundary");
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

fn is_uuid(b: &[u8]) -> bool {
    b.iter().enumerate().all(|(i, c)| match i {
        8 | 13 | 18 | 23 => *c == b'-',
        _ => c.is_ascii_digit() || (b'a'..=b'f').contains(c),
    })
}
