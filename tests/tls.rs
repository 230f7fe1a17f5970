//! PostgreSQL over TLS, against the test server (it must have `ssl = on`; Debian's cluster has
//! it, with a self-signed certificate for `localhost`): `sslmode` from `disable` to
//! `verify-full`, `sslrootcert`, and connection errors that say what is wrong without the
//! password.
//!
//! The server's certificate is fetched from the server itself (the PostgreSQL `SSLRequest`,
//! then a TLS handshake that trusts anything) and written into a temporary directory, so the
//! test reads no machine path; a certificate that is not the server's is made on the spot.

mod support;

use std::io::{Read, Write};
use std::net::{IpAddr, TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::time::Duration;

use assert_cmd::Command;
use helpdesk::db::{Database, DbError};
use helpdesk::eval::DbSource;
use helpdesk::repl::session::{Outcome, Session};
use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode};
use support::TempDb;

const SECRET: &str = "tls-Secret-42";

/// Where the test database lives: user, address, port and database name of its URL.
struct Server {
    user: String,
    host: String,
    ip: IpAddr,
    port: u16,
    database: String,
}

impl Server {
    fn of(url: &str) -> Server {
        let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
        let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
        let (user, host_port) = authority.rsplit_once('@').unwrap_or(("postgres", authority));
        let user = user.split(':').next().unwrap_or("postgres").to_string();
        let (host, port) = match host_port.rsplit_once(':') {
            Some((host, port)) => (host, port.parse().expect("a port number")),
            None => (host_port, 5432),
        };
        let ip = (host, port)
            .to_socket_addrs()
            .expect("the test server's host resolves")
            .map(|address| address.ip())
            .min_by_key(|ip| !ip.is_ipv4())
            .expect("an address");
        let database = path.split('?').next().unwrap_or_default().to_string();
        Server {
            user,
            host: host.to_string(),
            ip,
            port,
            database,
        }
    }

    /// A URL for the test database through host name `host` (connecting to the test server's
    /// address whatever the name), with the password and these parameters.
    fn url(&self, host: &str, params: &str) -> String {
        format!(
            "postgres://{}:{SECRET}@{host}:{}/{}?hostaddr={}&{params}",
            self.user, self.port, self.database, self.ip
        )
    }
}

/// The certificate the server presents, as PEM (the last of its chain: for a self-signed
/// certificate, the only one), and the DNS name it was issued for.
fn server_certificate(server: &Server) -> (String, String) {
    let mut stream = TcpStream::connect_timeout(&(server.ip, server.port).into(), Duration::from_secs(5))
        .expect("connects");
    // SSLRequest: length 8, code 80877103.
    stream
        .write_all(&[0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f])
        .expect("sends SSLRequest");
    let mut answer = [0u8; 1];
    stream.read_exact(&mut answer).expect("answers SSLRequest");
    assert_eq!(
        answer[0], b'S',
        "the test server does not speak TLS: set `ssl = on` in its postgresql.conf (with ssl_cert_file \
         and ssl_key_file; Debian's cluster has it with its snakeoil certificate)"
    );
    let mut builder = SslConnector::builder(SslMethod::tls_client()).expect("TLS client");
    builder.set_verify(SslVerifyMode::NONE);
    let tls = builder
        .build()
        .configure()
        .expect("TLS config")
        .verify_hostname(false)
        .connect(&server.host, stream)
        .expect("TLS handshake");
    let certificate = tls
        .ssl()
        .peer_cert_chain()
        .and_then(|chain| chain.iter().last().map(|c| c.to_owned()))
        .or_else(|| tls.ssl().peer_certificate())
        .expect("the server sends a certificate");
    let name = certificate
        .subject_alt_names()
        .and_then(|names| names.iter().find_map(|n| n.dnsname().map(str::to_string)))
        .or_else(|| {
            certificate
                .subject_name()
                .entries_by_nid(openssl::nid::Nid::COMMONNAME)
                .next()
                .and_then(|entry| entry.data().to_string().ok())
        })
        .expect("the certificate names a host");
    let pem = certificate.to_pem().expect("PEM");
    (String::from_utf8(pem).expect("PEM is text"), name)
}

/// A self-signed CA certificate that signed nothing the server has.
fn unrelated_certificate() -> String {
    use openssl::asn1::Asn1Time;
    use openssl::ec::{EcGroup, EcKey};
    use openssl::hash::MessageDigest;
    use openssl::pkey::PKey;
    use openssl::x509::{X509, X509NameBuilder};

    let group = EcGroup::from_curve_name(openssl::nid::Nid::X9_62_PRIME256V1).expect("curve");
    let key = PKey::from_ec_key(EcKey::generate(&group).expect("key")).expect("key");
    let mut name = X509NameBuilder::new().expect("name");
    name.append_entry_by_text("CN", "helpdesk test CA").expect("CN");
    let name = name.build();
    let mut builder = X509::builder().expect("builder");
    builder.set_version(2).expect("version");
    builder.set_subject_name(&name).expect("subject");
    builder.set_issuer_name(&name).expect("issuer");
    builder.set_pubkey(&key).expect("public key");
    builder
        .set_not_before(&Asn1Time::days_from_now(0).expect("time"))
        .expect("not before");
    builder
        .set_not_after(&Asn1Time::days_from_now(1).expect("time"))
        .expect("not after");
    builder.sign(&key, MessageDigest::sha256()).expect("signs");
    String::from_utf8(builder.build().to_pem().expect("PEM")).expect("PEM is text")
}

/// A directory removed at the end of the test.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        let path = std::env::temp_dir().join(format!("helpdesk_tls_{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&path).expect("temp dir");
        TempDir(path)
    }

    fn file(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).expect("writes");
        path.to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Fails unless the connection's own row in `pg_stat_ssl` says `ssl` is `expected`.
fn assert_tls(db: &mut Database, expected: bool, url: &str) {
    let check = format!(
        "DO $$ BEGIN IF (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()) IS DISTINCT FROM {expected} \
         THEN RAISE EXCEPTION 'pg_stat_ssl.ssl is not {expected}'; END IF; END $$"
    );
    if let Err(e) = db.batch_execute(&check) {
        panic!("{url}: {e}");
    }
}

fn connect_error(url: &str) -> String {
    match Database::connect(url) {
        Ok(_) => panic!("connected, but should not have: {url}"),
        Err(e @ DbError::Connect { .. }) => {
            let text = e.to_string();
            assert!(!text.contains(SECRET), "the error shows the password: {text}");
            text
        }
        Err(other) => panic!("{url}: not a connection error: {other:?}"),
    }
}

#[test]
fn every_sslmode_connects_as_it_says_and_verification_is_real() {
    let Some(db) = TempDb::postgres() else { return };
    let server = Server::of(&db.url);
    let (pem, name) = server_certificate(&server);
    let dir = TempDir::new();
    let root = dir.file("root.crt", &pem);
    let other = dir.file("other.crt", &unrelated_certificate());

    // Without verification: TLS or not, as asked.
    for (params, tls) in [
        ("sslmode=disable", false),
        ("sslmode=prefer", true),
        ("sslmode=require", true),
        (&*format!("sslmode=verify-ca&sslrootcert={root}"), true),
        // The certificate's own name, reached at the same address.
        (&*format!("sslmode=verify-full&sslrootcert={root}"), true),
    ] {
        let url = server.url(&name, params);
        let mut connected = Database::connect(&url).unwrap_or_else(|e| panic!("{url}: {e}"));
        assert_tls(&mut connected, tls, &url);
    }

    // verify-full by a name the certificate is not for.
    let url = server.url(
        "wrong-name.invalid",
        &format!("sslmode=verify-full&sslrootcert={root}"),
    );
    let error = connect_error(&url);
    assert!(
        error.contains("does not match host name \"wrong-name.invalid\"")
            && error.contains("needs a certificate issued for the host name"),
        "{error}"
    );
    assert!(error.contains(":***@"), "the URL is shown masked: {error}");

    // A CA that did not sign the server's certificate.
    for mode in ["verify-ca", "verify-full"] {
        let error = connect_error(&server.url(&name, &format!("sslmode={mode}&sslrootcert={other}")));
        assert!(
            error.contains("certificate verify failed") && error.contains("not signed by the CA"),
            "{error}"
        );
    }

    // No CA at all.
    let missing = dir.0.join("missing.crt");
    let error = connect_error(&server.url(
        &name,
        &format!("sslmode=verify-full&sslrootcert={}", missing.display()),
    ));
    assert!(
        error.contains("root certificate file") && error.contains("sslrootcert=FILE"),
        "{error}"
    );

    // A mode that does not exist.
    let error = connect_error(&server.url(&name, "sslmode=sometimes"));
    assert!(
        error.contains("invalid sslmode value") && error.contains("sslmode is one of"),
        "{error}"
    );
}

#[test]
fn the_shell_works_over_tls_and_its_errors_hide_the_password() {
    let Some(db) = TempDb::postgres() else { return };
    let server = Server::of(&db.url);
    let url = server.url(&server.host, "sslmode=require");

    // Migrations, a write and a read, in-process.
    let mut session = Session::new(DbSource::Url(url.clone()), Box::new(std::io::sink()));
    let src = "Support.User |> Ash.Changeset.for_create(:create, %{name: \"Tls\"}) |> Support.AshApi.create!()\n\
               Support.AshApi.read!(Support.User) |> Enum.map(& &1.name)";
    match session.eval(src) {
        Outcome::Value(text) => assert_eq!(text, "[\"Tls\"]"),
        Outcome::Raised(e) => panic!("raised ** ({}) {}", e.module, e.message),
        Outcome::Syntax(e) => panic!("syntax error {e:?}"),
        Outcome::Nothing => panic!("no value"),
    }
    let mut connected = Database::connect(&url).expect("connects");
    assert_tls(&mut connected, true, &url);

    // The binary: `db status` over TLS, then a failing verification, exit code 2.
    let run = |url: &str, args: &[&str]| {
        Command::cargo_bin("helpdesk")
            .expect("binary built")
            .env_remove("DATABASE_URL")
            .env("NO_COLOR", "1")
            .arg("--database-url")
            .arg(url)
            .args(args)
            .timeout(Duration::from_secs(60))
            .output()
            .expect("runs")
    };
    let ok = run(&url, &["db", "status"]);
    assert!(ok.status.success(), "{ok:?}");
    let dir = TempDir::new();
    let other = dir.file("other.crt", &unrelated_certificate());
    let failed = run(
        &server.url(&server.host, &format!("sslmode=verify-full&sslrootcert={other}")),
        &["-e", "1"],
    );
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert_eq!(failed.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("certificate verify failed"), "{stderr}");
    assert!(!stderr.contains(SECRET) && stderr.contains(":***@"), "{stderr}");
}
