//! Bad input fed to the binary: no input crashes the shell. Each case gives a clear
//! error on stderr and the script carries on with the next input (exit code 1 at the end).
//! The in-process cases (unknown names, wrong types, huge ranges, SQL injection) are the
//! transcripts `tests/transcripts/30_bad_input*.iex` and `31_bad_input_injection.iex`.

mod support;

use assert_cmd::Command;
use predicates::prelude::*;
use support::TempDb;

fn helpdesk(url: &str) -> Command {
    let mut cmd = Command::cargo_bin("helpdesk").expect("binary built");
    cmd.env_remove("DATABASE_URL")
        .env("NO_COLOR", "1")
        .timeout(std::time::Duration::from_secs(300))
        .arg("--database-url")
        .arg(url);
    cmd
}

/// Runs `script` on a fresh SQLite database; returns (exit code, stdout, stderr).
fn run(script: impl Into<Vec<u8>>) -> (i32, String, String) {
    let db = TempDb::sqlite();
    let output = helpdesk(&db.url)
        .write_stdin(script.into())
        .output()
        .expect("helpdesk runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Asserts the run ended normally with exit code 1, printed `stdout` exactly, and that stderr
/// mentions each of `errors`.
fn assert_errors(script: impl Into<Vec<u8>>, stdout: &str, errors: &[&str]) {
    let (code, out, err) = run(script);
    let shown = |s: &str| s.chars().take(2000).collect::<String>();
    assert_eq!(code, 1, "exit code; stderr: {}", shown(&err));
    assert_eq!(out, stdout, "stdout; stderr: {}", shown(&err));
    for error in errors {
        assert!(err.contains(error), "stderr mentions {error:?}: {}", shown(&err));
    }
    assert!(!err.contains("panicked"), "no panic: {}", shown(&err));
}

#[test]
fn ten_thousand_open_brackets() {
    for (open, close) in [("[", "]"), ("(", ")"), ("{", "}"), ("%{a: ", "}")] {
        let script = format!(
            "{}1{}\n{}\n1 + 1\n",
            open.repeat(10_000),
            close.repeat(10_000),
            open.repeat(10_000)
        );
        assert_errors(script, "2\n", &["nesting too deep"]);
    }
}

#[test]
fn deeply_nested_blocks_and_operators() {
    let ifs = "if true do\n".repeat(5_000) + &"end\n".repeat(5_000);
    let sums = format!("{}1\n", "1 + ".repeat(100_000));
    let unary = format!("{}true\n", "!".repeat(10_000));
    for deep in [ifs, sums, unary] {
        assert_errors(format!("{deep}:after\n"), ":after\n", &["nesting too deep"]);
    }
}

#[test]
fn deep_recursion_in_user_code_raises() {
    let script = "f = fn f, n -> if n == 0, do: 0, else: 1 + f.(f, n - 1) end\n\
                  f.(f, 1_000_000)\n\
                  f.(f, 10)\n";
    assert_errors(
        script,
        "#Function<41.3316493/2 in :erl_eval.expr/6>\n10\n",
        &["nesting too deep"],
    );
}

#[test]
fn deeply_nested_values_built_by_a_loop() {
    // Nothing in the source is deep; the value is. Dropping, comparing and printing it
    // recurse, so the shell must have the stack for it.
    let script = "x = Enum.reduce(1..200_000, [], fn _, acc -> [acc] end)\n\
                  x == x\n\
                  length(x)\n\
                  :done\n";
    let (code, out, err) = run(script);
    assert_eq!(code, 0, "stderr: {err}");
    assert!(
        out.ends_with("true\n1\n:done\n"),
        "stdout ends: {}",
        &out[out.len().saturating_sub(200)..]
    );
}

#[test]
fn a_ten_megabyte_line() {
    let big = "a".repeat(10 * 1024 * 1024);
    let script = format!("\"{big}\" |> String.length()\n:after\n[{big}\n");
    let (code, out, err) = run(script);
    assert_eq!(code, 1, "stderr starts: {}", &err[..err.len().min(500)]);
    assert_eq!(out, format!("{}\n:after\n", 10 * 1024 * 1024));
    assert!(
        err.contains("missing terminator: ]"),
        "stderr starts: {}",
        &err[..err.len().min(500)]
    );
}

#[test]
fn huge_numbers() {
    let script = format!(
        "{}\n1.0e400\n9223372036854775807 + 1\n-9223372036854775808\n:after\n",
        "9".repeat(100_000)
    );
    assert_errors(
        script,
        "-9223372036854775808\n:after\n",
        &["is too large", "float literal out of range", "integer overflow"],
    );
}

#[test]
fn invalid_utf8_and_nul_bytes_on_stdin() {
    let script: &[u8] =
        b"1 + 1\n\"a\xff\xfeb\" |> String.length()\n\"nul\x00here\" |> byte_size()\n\x00\n\xc3\n2 + 2\n";
    let (code, out, err) = run(script);
    assert_eq!(code, 1, "stderr: {err}");
    assert_eq!(out, "2\n4\n8\n4\n");
    assert!(
        err.contains("<stdin>:2: warning: invalid UTF-8 replaced by U+FFFD"),
        "stderr: {err}"
    );
    assert!(err.contains("<stdin>:4:"), "the NUL line is an error: {err}");
}

#[test]
fn unterminated_input_at_the_end_of_the_script() {
    for (tail, error) in [
        ("\"abc", "missing terminator: \""),
        ("for x <- 1..3 do\n  x", "missing terminator: end"),
        ("[1, 2", "missing terminator: ]"),
        ("%{a: 1", "missing terminator: }"),
        ("fn x ->", "missing terminator: end"),
        ("\"\"\"\nheredoc", "missing terminator"),
        ("1 +", "expression is incomplete"),
        ("Support.Ticket\n|>", "expression is incomplete"),
    ] {
        assert_errors(format!("1 + 1\n{tail}"), "2\n", &[error]);
    }
}

#[test]
fn arguments_that_are_not_utf8_are_a_usage_error() {
    use std::os::unix::ffi::OsStrExt;
    let db = TempDb::sqlite();
    helpdesk(&db.url)
        .arg("-e")
        .arg(std::ffi::OsStr::from_bytes(b"\"\xff\""))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not valid UTF-8").and(predicate::str::contains("panicked").not()));
}

#[test]
fn bad_input_through_eval_flag_and_file() {
    let db = TempDb::sqlite();
    helpdesk(&db.url)
        .arg("-e")
        .arg("[".repeat(10_000))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nesting too deep"));
    let path = std::env::temp_dir().join(format!("helpdesk_bad_{}.exs", std::process::id()));
    std::fs::write(&path, b"\xff\xfe\n1 + 1\n").expect("write script");
    helpdesk(&db.url)
        .arg(&path)
        .assert()
        .code(1)
        .stdout("2\n")
        .stderr(predicate::str::contains("invalid UTF-8"));
    let _ = std::fs::remove_file(&path);
}

#[test]
fn every_output_format_survives_odd_values() {
    for format in ["iex", "table", "json"] {
        let db = TempDb::sqlite();
        helpdesk(&db.url)
            .arg("--format")
            .arg(format)
            .write_stdin(
                "\"nul\\0here\"\n\"a\\\\b\"\n[1.0e308, -0.0, :\"odd atom\", {1}, %{\"k\" => [nil]}]\n\
                 Enum.reduce(1..1000, [], fn _, acc -> [acc] end)\n:after\n",
            )
            .assert()
            .success()
            .stdout(predicate::str::contains("after"));
    }
}
