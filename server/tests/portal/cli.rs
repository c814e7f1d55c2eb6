//! The server binary: `server assess` over JSON Lines, and a start that fails loudly. These
//! run the binary on a SQLite file of their own whatever the engine of the run: they are about
//! the process (its start, signals, limits), not the storage, which the portal tests cover.

use std::io::Write;
use std::process::{Command, Stdio};

/// A fresh data key file in `dir`, as `server keygen` writes one.
fn key_file(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("portal.key");
    if !path.exists() {
        std::fs::write(&path, server::crypto::DataKeys::generate()).unwrap();
    }
    path
}

fn assess(lines: &str, extra: &[&str]) -> (bool, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("assess")
        .args(extra)
        .env_remove("DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(lines.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_bad_line_yields_errors_in_its_place_and_the_run_goes_on() {
    let good = r#"{"date":"2019-08-01","town":"几江街道","status":"none","members":[{"age":44}],"annual_income":30000,"financial_assets":5000,"emergency":{"event":"fire","event_date":"2019-07-20","serious_difficulty":true}}"#;
    let invalid = r#"{"date":"2019-08-01","town":"几江街道","status":"none","members":[],"annual_income":1,"financial_assets":1}"#;
    let input = format!("{good}\nthis is not json\n{invalid}\n{good}\n");
    let (ok, out, err) = assess(&input, &[]);
    assert!(ok, "{err}");
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["emergency"]["amount"], 1092);
    assert_eq!(lines[1]["errors"][0]["field"], "");
    assert_eq!(lines[2]["errors"][0]["field"], "members");
    assert_eq!(lines[3], lines[0]);
}

#[test]
fn a_household_without_a_date_is_assessed_on_the_given_today() {
    let line =
        r#"{"town":"白沙镇","status":"none","members":[{"age":30}],"annual_income":0,"financial_assets":0}"#;
    let (ok, out, _) = assess(line, &["--today", "2019-06-30"]);
    assert!(ok);
    let a: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(a["parameters"]["in_force_on"], "2019-06-30");
    assert_eq!(a["parameters"]["dibao_monthly"], 526);
}

#[test]
fn a_broken_parameter_file_stops_the_server_before_it_listens() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("parameters.json");
    std::fs::write(&file, "{ not a parameter file").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_server"))
        .env("PORTAL_PARAMETERS", &file)
        .env("DATABASE_URL", format!("sqlite://{}/p.db", dir.path().display()))
        .env("PORTAL_DATA_KEY_FILE", key_file(dir.path()))
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("parameters.json"));
}

#[test]
fn an_unknown_sms_provider_or_a_missing_secret_file_stops_the_start_naming_the_setting() {
    let dir = tempfile::tempdir().unwrap();
    let start = |env: &[(&str, &str)]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
        command
            .env("DATABASE_URL", format!("sqlite://{}/p.db", dir.path().display()))
            .env("PORTAL_DATA_KEY_FILE", key_file(dir.path()))
            .env("LEPTOS_SITE_ADDR", "127.0.0.1:0");
        for (name, value) in env {
            command.env(name, value);
        }
        let out = command.output().unwrap();
        assert!(!out.status.success(), "the server started with {env:?}");
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    let said = start(&[("PORTAL_SMS_PROVIDER", "twilio")]);
    assert!(said.contains("PORTAL_SMS_PROVIDER"), "{said}");
    let said = start(&[
        ("PORTAL_SMS_PROVIDER", "aliyun"),
        ("PORTAL_SMS_ACCESS_KEY_ID", "LTAI-test"),
        ("PORTAL_SMS_SIGN_NAME", "江津民政"),
        ("PORTAL_SMS_ACCESS_KEY_SECRET_FILE", "/nonexistent/sms-secret"),
    ]);
    assert!(said.contains("PORTAL_SMS_ACCESS_KEY_SECRET_FILE"), "{said}");
    // Neither start touched the database.
    assert!(!dir.path().join("p.db").exists());
}

#[test]
fn a_database_that_cannot_be_opened_stops_the_server() {
    let dir = tempfile::tempdir().unwrap();
    // A directory where the database file should be.
    std::fs::create_dir(dir.path().join("portal.db")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_server"))
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/portal.db", dir.path().display()),
        )
        .env("PORTAL_DATA_KEY_FILE", key_file(dir.path()))
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("database"));
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/portal.db", dir.path().display()),
        )
        .env("PORTAL_DATA_KEY_FILE", key_file(dir.path()))
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    // The log says when it listens; the run's migrations have happened by then.
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    assert!(
        lines
            .by_ref()
            .map_while(Result::ok)
            .any(|l| l.contains("listening")),
        "the server did not start"
    );
    assert!(dir.path().join("portal.db").exists());
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "exit status {status}");
    assert!(lines.map_while(Result::ok).any(|l| l.contains("stopped")));
}

fn user_add(database_url: &str, args: &[&str], password: &str) -> (bool, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["user", "add", "--database-url", database_url])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(password.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[test]
fn an_account_is_created_with_the_password_read_from_standard_input_and_stored_hashed() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/portal.db", dir.path().display());
    let args = [
        "--username",
        "li-min",
        "--role",
        "caseworker",
        "--town",
        "白沙镇",
        "--name",
        "李敏",
    ];
    let (ok, out) = user_add(&url, &args, "a long enough secret\n");
    assert!(ok, "{out}");
    assert!(!out.contains("a long enough secret"));
    let (ok, out) = user_add(&url, &args, "another long secret\n");
    assert!(!ok && out.contains("taken"), "{out}");
    let (ok, out) = user_add(
        &url,
        &["--username", "x", "--role", "head", "--town", "白沙镇"],
        "short\n",
    );
    assert!(!ok && out.contains("10 characters"), "{out}");
    // Nowhere in the database's files (main file and write-ahead log) is the password as typed.
    for file in ["portal.db", "portal.db-wal"] {
        let bytes = std::fs::read(dir.path().join(file)).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("a long enough secret"),
            "{file}"
        );
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let hash: String = runtime.block_on(async {
        let db = server::db::inspect(&url).await.unwrap();
        sqlx::query_scalar("SELECT password_hash FROM staff WHERE username = 'li-min'")
            .fetch_one(&db)
            .await
            .unwrap()
    });
    assert!(hash.starts_with("$argon2id$"), "{hash}");
}

/// A portal binary on a free local port with these settings; killed when dropped.
struct Running {
    child: std::process::Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the server with `env` and the given standard output and error, and waits (bounded)
/// until it answers.
fn run_server(env: &[(&str, &str)], stdout: Stdio, stderr: Stdio) -> Running {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_server"))
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/portal.db", dir.path().display()),
        )
        .env("PORTAL_DOCUMENTS_DIR", dir.path().join("documents"))
        .env("PORTAL_DATA_KEY_FILE", key_file(dir.path()))
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "info")
        .envs(env.iter().copied())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .unwrap();
    let running = Running {
        child,
        port,
        _dir: dir,
    };
    // Bounded: 60 s, for a machine busy with other builds.
    for _ in 0..1200 {
        if raw_request(
            port,
            "GET /healthz HTTP/1.1\r\nHost: portal\r\nConnection: close\r\n\r\n",
        )
        .is_some_and(|answer| answer.starts_with("HTTP/1.1 200"))
        {
            return running;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("the server did not start within 60 s");
}

/// Sends `request` on a new connection and reads the whole answer (10 s at most).
fn raw_request(port: u16, request: &str) -> Option<String> {
    use std::io::Read;
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .ok()?;
    stream.write_all(request.as_bytes()).ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    Some(answer)
}

#[test]
fn a_client_that_sends_its_headers_too_slowly_is_cut_off() {
    use std::io::Read;
    let server = run_server(&[("PORTAL_HEADER_TIMEOUT", "1")], Stdio::null(), Stdio::null());
    let mut slow = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: portal\r\nX-Slow: ")
        .unwrap();
    // The read gives up after 10 s; the server must close the connection well before.
    slow.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    let started = std::time::Instant::now();
    let mut rest = Vec::new();
    let closed = slow.read_to_end(&mut rest).is_ok();
    assert!(closed, "the half-sent request was still open after 10 s");
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

#[test]
fn past_the_connection_limit_a_client_is_told_at_once_to_try_again() {
    let server = run_server(&[("PORTAL_MAX_CONNECTIONS", "2")], Stdio::null(), Stdio::null());
    // Two connections hold both places. The start-up probe's connection may still hold its
    // place for a moment after its answer, and then one of these is refused instead: the
    // attempt is made again with two fresh connections, until both places are really held.
    let hold = || -> Vec<std::net::TcpStream> {
        (0..2)
            .map(|_| {
                let mut s = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
                s.write_all(b"GET / HTTP/1.1\r\nHost: portal\r\n").unwrap();
                s
            })
            .collect()
    };
    let third = "GET /healthz HTTP/1.1\r\nHost: portal\r\nConnection: close\r\n\r\n";
    let (held, answer) = (0..20)
        .map(|_| {
            let held = hold();
            let answer = raw_request(server.port, third).expect("an answer past the limit");
            (held, answer)
        })
        .find(|(_, answer)| !answer.starts_with("HTTP/1.1 200"))
        .expect("both places were never held at once");
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(
        answer.contains("retry-after: 5") && answer.contains("请稍后再试"),
        "{answer}"
    );
    // When a held connection goes, its place is free again.
    drop(held);
    let served = (0..100).any(|_| {
        let ok = raw_request(
            server.port,
            "GET /healthz HTTP/1.1\r\nHost: portal\r\nConnection: close\r\n\r\n",
        )
        .is_some_and(|a| a.starts_with("HTTP/1.1 200"));
        if !ok {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        ok
    });
    assert!(served, "the freed places were never used again");
}

#[test]
fn a_stalled_request_cannot_keep_the_server_alive_past_the_shutdown_deadline() {
    let mut server = run_server(&[("PORTAL_SHUTDOWN_DEADLINE", "2")], Stdio::null(), Stdio::null());
    let mut stalled = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    // A form post that announces 1,000 bytes and sends 10: the handler waits for the rest.
    stalled
        .write_all(b"POST /track HTTP/1.1\r\nHost: portal\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nreference=")
        .unwrap();
    let killed = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let started = std::time::Instant::now();
    let exited = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > std::time::Duration::from_secs(15) {
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let status = exited.expect("the server was still running 15 s after SIGTERM");
    assert!(status.success(), "exit status {status}");
    drop(stalled);
}

#[test]
fn a_log_that_cannot_be_written_never_takes_a_request_down() {
    let full = || Stdio::from(std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap());
    let server = run_server(&[("RUST_LOG", "debug")], full(), full());
    for path in ["/", "/healthz", "/track", "/no-such-page"] {
        let answer = raw_request(
            server.port,
            &format!("GET {path} HTTP/1.1\r\nHost: portal\r\nConnection: close\r\n\r\n"),
        )
        .unwrap_or_default();
        assert!(
            answer.starts_with("HTTP/1.1 200") || answer.starts_with("HTTP/1.1 404"),
            "{path}: {answer:.200}"
        );
    }
}

#[test]
fn a_missing_data_key_stops_the_start_and_says_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_server"))
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/portal.db", dir.path().display()),
        )
        .env("PORTAL_DATA_KEY_FILE", dir.path().join("missing.key"))
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("missing.key") && said.contains("server keygen"),
        "{said}"
    );
    // Nothing was created: no database without its key.
    assert!(!dir.path().join("portal.db").exists());
}

#[test]
fn keygen_writes_a_private_key_file_and_never_replaces_one() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys").join("portal.key");
    let keygen = || {
        Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["keygen", "--to"])
            .arg(&path)
            .output()
            .unwrap()
    };
    assert!(keygen().status.success());
    let first = std::fs::read_to_string(&path).unwrap();
    assert!(server::crypto::DataKeys::parse(&first).is_ok());
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let again = keygen();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("never replaced"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), first);
}
