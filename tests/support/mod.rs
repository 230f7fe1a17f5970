//! Shared test support: throwaway databases on both backends (from `helpdesk::db::testing`)
//! and UUID normalisation for comparing outputs across runs.
//!
//! PostgreSQL: the server in `$HELPDESK_TEST_PG_URL` (default `postgres://postgres@127.0.0.1:5432/`);
//! each test gets its own database, dropped when the guard goes out of scope. When the server
//! cannot be reached the test fails, saying how to start one; `HELPDESK_SKIP_PG=1` skips the
//! PostgreSQL half of the tests instead (and says so on stderr).

#![allow(dead_code)]

use helpdesk::db::testing::TempDatabase;

/// A database that exists for the life of the value.
pub struct TempDb {
    pub url: String,
    _guard: TempDatabase,
}

impl TempDb {
    pub fn sqlite() -> TempDb {
        let (url, guard) = TempDatabase::sqlite().expect("temp sqlite path");
        TempDb { url, _guard: guard }
    }

    /// A fresh PostgreSQL database, or None when `HELPDESK_SKIP_PG=1` skips the PostgreSQL
    /// tests; panics (the test fails) when the server cannot be used.
    pub fn postgres() -> Option<TempDb> {
        match TempDatabase::postgres_or_skip() {
            Ok(found) => found.map(|(url, guard)| TempDb { url, _guard: guard }),
            Err(error) => panic!("{error}"),
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

/// Copies the directory tree `from` into `to` (created), file by file, bytes as they are.
pub fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("scratch dir");
    for entry in std::fs::read_dir(from).expect("project dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy project file");
        }
    }
}
