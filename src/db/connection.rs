//! Opening connections: URL → backend, the SQLite pragmas and helper function, and creating or
//! dropping the database a URL names (`helpdesk db create|drop`).
//!
//! It does not run queries for reads or writes (see `sql.rs`) and never shows a password: every
//! URL that reaches a message goes through `redact` first.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::{Double, Nullable};
use diesel::sqlite::Sqlite;

use super::{Backend, DbError};

/// Both engines behind one Diesel connection type.
#[derive(diesel::MultiConnection)]
pub(crate) enum AnyConnection {
    Postgresql(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

/// What a database URL points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// A libpq URL, as given.
    Postgres(String),
    /// A file path, or `:memory:`.
    Sqlite(String),
}

impl Target {
    pub(crate) fn parse(url: &str) -> Target {
        let url = url.trim();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Target::Postgres(url.to_string());
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        Target::Sqlite(path.to_string())
    }

    pub(crate) fn backend(&self) -> Backend {
        match self {
            Target::Postgres(_) => Backend::Postgres,
            Target::Sqlite(_) => Backend::Sqlite,
        }
    }
}

/// The URL with any password replaced by `***` (`postgres://u:***@host/db`, `password=***`).
pub fn redact(url: &str) -> String {
    let mut out = url.to_string();
    if let Some(scheme_end) = out.find("://") {
        let rest_start = scheme_end + 3;
        let authority_end = out[rest_start..]
            .find(['/', '?'])
            .map_or(out.len(), |i| rest_start + i);
        if let Some(at) = out[rest_start..authority_end].rfind('@') {
            let userinfo = &out[rest_start..rest_start + at];
            if let Some(colon) = userinfo.find(':') {
                let start = rest_start + colon + 1;
                out.replace_range(start..rest_start + at, "***");
            }
        }
    }
    // Query-string or keyword form: password=secret
    let lower = out.to_ascii_lowercase();
    if let Some(pos) = lower.find("password=") {
        let start = pos + "password=".len();
        let end = out[start..].find(['&', ' ']).map_or(out.len(), |i| start + i);
        out.replace_range(start..end, "***");
    }
    out
}

/// Opens a connection to `target`; `shown` is the redacted URL for messages.
pub(crate) fn open(target: &Target, shown: &str) -> Result<AnyConnection, DbError> {
    match target {
        Target::Postgres(url) => open_postgres(url, shown).map(AnyConnection::Postgresql),
        Target::Sqlite(path) => open_sqlite(path, shown).map(AnyConnection::Sqlite),
    }
}

fn connect_error(shown: &str, message: String) -> DbError {
    DbError::Connect {
        url: shown.to_string(),
        message,
    }
}

/// libpq waits forever for an unreachable host unless told otherwise.
fn with_connect_timeout(url: &str) -> String {
    if url.contains("connect_timeout=") {
        return url.to_string();
    }
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}connect_timeout=5")
}

fn open_postgres(url: &str, shown: &str) -> Result<diesel::PgConnection, DbError> {
    let url = with_system_roots(url, &|name| std::env::var_os(name).is_some(), &|path| {
        std::path::Path::new(path).is_file()
    });
    let mut conn = diesel::PgConnection::establish(&with_connect_timeout(&url)).map_err(|e| {
        let raw = redact(&e.to_string());
        let raw = raw.trim();
        connect_error(shown, format!("{raw} ({})", connect_hint(raw)))
    })?;
    // `timestamptz` columns are read as text and written from UTC texts: in UTC, whatever the
    // server's or the role's default time zone (Postgrex, too, hands them over in UTC).
    conn.batch_execute("SET TIME ZONE 'UTC'")
        .map_err(|e| connect_error(shown, e.to_string()))?;
    Ok(conn)
}

/// What to tell the user after libpq's own message, chosen by what that message says.
fn connect_hint(raw: &str) -> &'static str {
    let has = |text: &str| raw.contains(text);
    if has("root certificate file") {
        "sslmode=verify-ca and verify-full check the server's certificate against the CA \
         certificate in sslrootcert=FILE (or the system's CAs with sslrootcert=system)"
    } else if has("does not match host name") {
        "sslmode=verify-full needs a certificate issued for the host name in the URL: connect by \
         that name (hostaddr=IP can keep the address), or use sslmode=verify-ca"
    } else if has("certificate verify failed") {
        "the server's certificate is not signed by the CA in sslrootcert; check sslrootcert and sslmode"
    } else if has("server does not support SSL") {
        "the server has TLS off (ssl = off): turn it on there, or use sslmode=prefer or disable"
    } else if has("sslmode") || has("sslrootcert") {
        "sslmode is one of disable, allow, prefer, require, verify-ca, verify-full; \
         verify-ca and verify-full need sslrootcert"
    } else if has("SSL") || has("certificate") {
        "the TLS connection failed; check sslmode and sslrootcert in --database-url / DATABASE_URL"
    } else if has("does not exist") && has("database") {
        "the database does not exist yet; create it with `helpdesk db create`"
    } else if has("password") || has("authentication") {
        "the server refused the credentials; check the user and password in --database-url / DATABASE_URL"
    } else {
        "is PostgreSQL running and accepting TCP connections there? Check --database-url / DATABASE_URL"
    }
}

/// Where Linux and BSD distributions keep the bundle of trusted CA certificates.
const SYSTEM_CA_BUNDLES: &[&str] = &[
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    "/etc/ssl/ca-bundle.pem",
    "/etc/ssl/cert.pem",
    "/usr/local/share/certs/ca-root-nss.crt",
];

/// `sslrootcert=system` made to work with the OpenSSL built into the binary: that OpenSSL looks
/// for the system's CAs under its own build prefix, where no distribution puts them, so unless
/// `SSL_CERT_FILE`/`SSL_CERT_DIR` say where they are, `system` becomes the distribution's
/// bundle file, and `sslmode=verify-full` (what `system` implies) is written out when the URL
/// gives no sslmode. Any other URL is returned unchanged.
fn with_system_roots(url: &str, env_set: &dyn Fn(&str) -> bool, exists: &dyn Fn(&str) -> bool) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_string();
    };
    let params: Vec<&str> = query.split('&').collect();
    let value = |key: &str| {
        params
            .iter()
            .find_map(|p| p.split_once('=').filter(|(k, _)| *k == key).map(|(_, v)| v))
    };
    if value("sslrootcert") != Some("system") || env_set("SSL_CERT_FILE") || env_set("SSL_CERT_DIR") {
        return url.to_string();
    }
    let mode = value("sslmode");
    if mode.is_some_and(|m| m != "verify-full") {
        // libpq refuses a weaker sslmode with `system`; let it say so.
        return url.to_string();
    }
    let Some(bundle) = SYSTEM_CA_BUNDLES.iter().find(|path| exists(path)) else {
        return url.to_string();
    };
    let mut out: Vec<String> = params
        .iter()
        .map(|p| match p.split_once('=') {
            Some(("sslrootcert", _)) => format!("sslrootcert={bundle}"),
            _ => (*p).to_string(),
        })
        .collect();
    if mode.is_none() {
        out.push("sslmode=verify-full".into());
    }
    format!("{base}?{}", out.join("&"))
}

fn open_sqlite(path: &str, shown: &str) -> Result<diesel::SqliteConnection, DbError> {
    let mut conn = diesel::SqliteConnection::establish(path).map_err(|e| {
        connect_error(
            shown,
            format!(
                "{e} (check that the directory exists and is writable, or pass another file with --database-url)"
            ),
        )
    })?;
    let journal = if path == ":memory:" {
        ""
    } else {
        "PRAGMA journal_mode = WAL;"
    };
    let pragmas = format!(
        "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; {journal} PRAGMA synchronous = NORMAL;"
    );
    set_pragmas(&mut conn, &pragmas)
        .map_err(|e| connect_error(shown, format!("{e} (is this file a SQLite database?)")))?;
    register_division(&mut conn).map_err(|e| connect_error(shown, e.to_string()))?;
    super::sqlite_functions::register(&mut conn).map_err(|e| connect_error(shown, e.to_string()))?;
    Ok(conn)
}

/// Runs the connection pragmas, retrying for up to 5 s while the file is locked. Switching a
/// new file to WAL needs its exclusive lock, and SQLite answers SQLITE_BUSY at once, without
/// the busy timeout, when another shell is switching the same file at the same moment (three
/// shells started together on a new file failed about one time in fifteen).
fn set_pragmas(conn: &mut diesel::SqliteConnection, pragmas: &str) -> diesel::QueryResult<()> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        match conn.batch_execute(pragmas) {
            Err(e)
                if e.to_string().contains("database is locked") && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            done => return done,
        }
    }
}

/// The name of the SQLite function that divides as PostgreSQL does: NULL when an operand is
/// NULL, an error (not NULL) when the divisor is zero.
pub(crate) const SQLITE_DIVIDE: &str = "helpdesk_divide";
/// The message that error carries; mapped back to `DbError::DivisionByZero`.
pub(crate) const DIVISION_BY_ZERO: &str = "division by zero";

/// The result of one `helpdesk_divide` call; serialising `Zero` fails, which makes SQLite raise.
#[derive(Debug)]
enum Quotient {
    Value(Option<f64>),
    Zero,
}

impl ToSql<Nullable<Double>, Sqlite> for Quotient {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        match self {
            Quotient::Value(Some(v)) => {
                out.set_value(*v);
                Ok(IsNull::No)
            }
            Quotient::Value(None) => Ok(IsNull::Yes),
            Quotient::Zero => Err(DIVISION_BY_ZERO.into()),
        }
    }
}

fn register_division(conn: &mut diesel::SqliteConnection) -> QueryResult<()> {
    conn.register_sql_function::<(Nullable<Double>, Nullable<Double>), Nullable<Double>, _, _, _>(
        SQLITE_DIVIDE,
        true,
        |(a, b): (Option<f64>, Option<f64>)| match (a, b) {
            (Some(_), Some(0.0)) => Quotient::Zero,
            (Some(n), Some(d)) => Quotient::Value(Some(n / d)),
            _ => Quotient::Value(None),
        },
    )
}

/// A PostgreSQL URL split around its database name.
struct PgUrl<'a> {
    before: &'a str,
    database: String,
    after: &'a str,
}

fn split_pg_url(url: &str) -> Option<PgUrl<'_>> {
    let authority_start = url.find("://")? + 3;
    let slash = authority_start + url[authority_start..].find('/')?;
    let name_end = url[slash + 1..].find('?').map_or(url.len(), |i| slash + 1 + i);
    let database = percent_decode(&url[slash + 1..name_end]);
    Some(PgUrl {
        before: &url[..slash + 1],
        database,
        after: &url[name_end..],
    })
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(b) = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `"name"` with embedded quotes doubled: safe for any database name.
pub(crate) fn quote_identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn pg_maintenance(url: &str, shown: &str) -> Result<(diesel::PgConnection, String), DbError> {
    let parts = split_pg_url(url)
        .filter(|p| !p.database.is_empty())
        .ok_or_else(|| {
            connect_error(
                shown,
                "the URL names no database (postgres://user@host/NAME)".into(),
            )
        })?;
    let maintenance = format!("{}postgres{}", parts.before, parts.after);
    let conn = open_postgres(&maintenance, shown)?;
    Ok((conn, parts.database))
}

/// Creates the database `url` names; false when it already existed.
pub fn create_database(url: &str) -> Result<bool, DbError> {
    let shown = redact(url);
    match Target::parse(url) {
        Target::Postgres(url) => {
            let (conn, name) = pg_maintenance(&url, &shown)?;
            let mut conn = AnyConnection::Postgresql(conn);
            let mut st = super::sql::Statement::new(Backend::Postgres);
            st.push("SELECT 1 FROM pg_database WHERE datname = ")
                .bind(super::sql::Bind::Text(name.clone()));
            let exists = match st.load(&mut conn, &[crate::model::Type::Integer]) {
                Ok(Ok(rows)) => !rows.is_empty(),
                Ok(Err(e)) => return Err(e),
                Err(e) => return Err(DbError::from_diesel(e)),
            };
            if exists {
                return Ok(false);
            }
            conn.batch_execute(&format!("CREATE DATABASE {}", quote_identifier(&name)))
                .map_err(|e| DbError::Other(e.to_string()))?;
            Ok(true)
        }
        Target::Sqlite(path) => {
            let existed = path == ":memory:" || std::path::Path::new(&path).exists();
            open_sqlite(&path, &shown)?;
            Ok(!existed)
        }
    }
}

/// Drops the database `url` names (PostgreSQL: `DROP DATABASE IF EXISTS`; SQLite: deletes the
/// file and its `-wal`/`-shm` companions).
pub fn drop_database(url: &str) -> Result<(), DbError> {
    drop_database_with(url, false)
}

/// `drop_database`; with `force`, PostgreSQL also ends other sessions on it (13+).
pub fn drop_database_with(url: &str, force: bool) -> Result<(), DbError> {
    let shown = redact(url);
    match Target::parse(url) {
        Target::Postgres(url) => {
            let (mut conn, name) = pg_maintenance(&url, &shown)?;
            let force = if force { " WITH (FORCE)" } else { "" };
            conn.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {}{force}",
                quote_identifier(&name)
            ))
            .map_err(|e| DbError::Other(e.to_string()))
        }
        Target::Sqlite(path) => {
            if path == ":memory:" {
                return Ok(());
            }
            for suffix in ["", "-wal", "-shm"] {
                let file = format!("{path}{suffix}");
                match std::fs::remove_file(&file) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(DbError::Other(format!("cannot delete {file}: {e}"))),
                }
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        let rows = [
            ("postgres://u:secret@host/db", "postgres://u:***@host/db"),
            (
                "postgresql://u:s@cr:et@host:5432/db?x=1",
                "postgresql://u:***@host:5432/db?x=1",
            ),
            ("postgres://u@host/db", "postgres://u@host/db"),
            (
                "postgres://host/db?password=abc&x=1",
                "postgres://host/db?password=***&x=1",
            ),
            ("helpdesk.db", "helpdesk.db"),
        ];
        for (input, expected) in rows {
            assert_eq!(redact(input), expected, "{input}");
        }
    }

    #[test]
    fn parses_targets() {
        let rows = [
            ("postgres://u@h/d", Target::Postgres("postgres://u@h/d".into())),
            (
                "postgresql://u@h/d",
                Target::Postgres("postgresql://u@h/d".into()),
            ),
            ("sqlite://x.db", Target::Sqlite("x.db".into())),
            ("sqlite:///tmp/x.db", Target::Sqlite("/tmp/x.db".into())),
            (":memory:", Target::Sqlite(":memory:".into())),
            ("sqlite::memory:", Target::Sqlite(":memory:".into())),
            ("./a/b.db", Target::Sqlite("./a/b.db".into())),
        ];
        for (input, expected) in rows {
            assert_eq!(Target::parse(input), expected, "{input}");
        }
    }

    #[test]
    fn splits_database_names_and_quotes_them() {
        let rows = [
            (
                "postgres://u@h:5432/helpdesk",
                "postgres://u@h:5432/",
                "helpdesk",
                "",
            ),
            (
                "postgres://u@h/my%20db?sslmode=disable",
                "postgres://u@h/",
                "my db",
                "?sslmode=disable",
            ),
        ];
        for (url, before, db, after) in rows {
            let p = split_pg_url(url).unwrap();
            assert_eq!((p.before, p.database.as_str(), p.after), (before, db, after));
        }
        assert_eq!(quote_identifier(r#"a"b"#), r#""a""b""#);
    }

    #[test]
    fn system_roots_become_the_distribution_bundle() {
        let debian = |path: &str| path == "/etc/ssl/certs/ca-certificates.crt";
        let fedora = |path: &str| path == "/etc/pki/tls/certs/ca-bundle.crt";
        let nothing = |_: &str| false;
        let unset = |_: &str| false;
        let dir_set = |name: &str| name == "SSL_CERT_DIR";
        type Exists<'a> = &'a dyn Fn(&str) -> bool;
        let rows: [(&str, Exists, Exists, &str); 8] = [
            (
                "postgres://u@h/d?sslrootcert=system",
                &unset,
                &debian,
                "postgres://u@h/d?sslrootcert=/etc/ssl/certs/ca-certificates.crt&sslmode=verify-full",
            ),
            (
                "postgres://u@h/d?sslmode=verify-full&sslrootcert=system",
                &unset,
                &fedora,
                "postgres://u@h/d?sslmode=verify-full&sslrootcert=/etc/pki/tls/certs/ca-bundle.crt",
            ),
            // A weaker sslmode: libpq's own refusal is the clearer message.
            (
                "postgres://u@h/d?sslmode=require&sslrootcert=system",
                &unset,
                &debian,
                "postgres://u@h/d?sslmode=require&sslrootcert=system",
            ),
            // OpenSSL is told where the CAs are: it finds them itself.
            (
                "postgres://u@h/d?sslrootcert=system",
                &dir_set,
                &debian,
                "postgres://u@h/d?sslrootcert=system",
            ),
            (
                "postgres://u@h/d?sslrootcert=system",
                &unset,
                &nothing,
                "postgres://u@h/d?sslrootcert=system",
            ),
            (
                "postgres://u@h/d?sslrootcert=/x/root.crt&sslmode=verify-full",
                &unset,
                &debian,
                "postgres://u@h/d?sslrootcert=/x/root.crt&sslmode=verify-full",
            ),
            ("postgres://u@h/d", &unset, &debian, "postgres://u@h/d"),
            (
                "postgres://u@h/d?sslmode=disable",
                &unset,
                &debian,
                "postgres://u@h/d?sslmode=disable",
            ),
        ];
        for (url, env_set, exists, expected) in rows {
            assert_eq!(with_system_roots(url, env_set, exists), expected, "{url}");
        }
    }

    #[test]
    fn connection_errors_get_a_hint_that_fits() {
        let rows = [
            (
                "root certificate file \"/x.crt\" does not exist",
                "check the server's certificate against the CA",
            ),
            (
                "server certificate for \"localhost\" does not match host name \"127.0.0.1\"",
                "issued for the host name",
            ),
            ("SSL error: certificate verify failed", "not signed by the CA"),
            ("server does not support SSL, but SSL was required", "TLS off"),
            ("invalid sslmode value: \"sometimes\"", "sslmode is one of"),
            ("SSL SYSCALL error: EOF detected", "the TLS connection failed"),
            ("FATAL:  database \"x\" does not exist", "helpdesk db create"),
            (
                "FATAL:  password authentication failed for user \"u\"",
                "refused the credentials",
            ),
            ("Connection refused", "is PostgreSQL running"),
        ];
        for (raw, expected) in rows {
            assert!(
                connect_hint(raw).contains(expected),
                "{raw}: {}",
                connect_hint(raw)
            );
        }
    }
}
