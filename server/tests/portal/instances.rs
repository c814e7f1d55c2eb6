//! Two portal processes on one database, as behind the district's load balancer: nothing one
//! process keeps in memory is needed by the other. The processes are the server binary, run
//! twice on the same storage (PostgreSQL on the PostgreSQL pass; on the SQLite pass, one file
//! that both open, which SQLite's locking allows on one machine), with the same data key, and
//! no memory in common with each other or with the test.

use crate::common::staff::*;
use crate::common::{self, Engine, Storage};
use serde_json::Value;
use std::process::{Child, Command, Stdio};

/// A portal process on a free local port; killed when dropped.
struct Process {
    child: Child,
    base: String,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Process {
    fn spawn(storage: &Storage) -> Process {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        // The portal's data key is written into the folder by the first Settings of it.
        let args = server::http::Settings::in_directory(storage.dir());
        let child = Command::new(env!("CARGO_BIN_EXE_server"))
            .env("DATABASE_URL", storage.database_url())
            .env("PORTAL_DOCUMENTS_DIR", storage.documents_dir())
            .env("PORTAL_DATA_KEY_FILE", &args.data_key_file)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("LEPTOS_SITE_ROOT", storage.dir().join("site"))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server binary starts");
        Process {
            child,
            base: format!("http://127.0.0.1:{port}"),
        }
    }

    /// Waits (bounded) until the process answers that it can take a submission.
    async fn ready(self) -> Process {
        let client = reqwest::Client::new();
        for _ in 0..600 {
            if let Ok(response) = client.get(format!("{}/readyz", self.base)).send().await
                && response.status() == 200
            {
                return self;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!(
            "the portal process at {} did not become ready within a minute",
            self.base
        );
    }
}

/// Two processes on `storage`. On PostgreSQL they start at the same moment (their migrations
/// and town lists take turns); SQLite's migrations have no such lock, and a SQLite portal is
/// one process in production, so there the second starts once the first is up.
async fn two_processes(storage: &Storage) -> (Process, Process) {
    if storage.engine() == Engine::Postgres {
        let (a, b) = (Process::spawn(storage), Process::spawn(storage));
        (a.ready().await, b.ready().await)
    } else {
        let a = Process::spawn(storage).ready().await;
        (a, Process::spawn(storage).ready().await)
    }
}

/// A browser that keeps cookies for 127.0.0.1 whatever the port, as one site behind a proxy.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Signs in through the process at `base`; the browser, for any process.
async fn sign_in_at(base: &str, (username, password): (&str, &str)) -> reqwest::Client {
    let client = browser();
    let page = client
        .get(format!("{base}/staff/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = input_value(&page, "csrf").expect("the sign-in form has a CSRF token");
    let response = client
        .post(format!("{base}/staff/login"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", username),
            ("password", password),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303, "{username} signs in at {base}");
    client
}

fn at(client: &reqwest::Client, process: &Process) -> StaffClient {
    StaffClient {
        client: client.clone(),
        base: process.base.clone(),
    }
}

async fn create(process: &Process, key: &str, body: &Value) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(format!("{}/api/v1/applications", process.base))
        .header("idempotency-key", key)
        .json(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn track(process: &Process, reference: &str, last4: &str) -> u16 {
    reqwest::Client::new()
        .get(format!("{}/api/v1/applications/{reference}", process.base))
        .header("x-phone-last4", last4)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn two_processes_serve_one_journey_between_them_and_share_every_limit() {
    let storage = Storage::fresh().await;
    let (a, b) = two_processes(&storage).await;
    server::accounts::demo(&storage.database_url()).await.unwrap();
    let db = server::db::inspect(&storage.database_url()).await.unwrap();

    // Applied on A, tracked on B; a document sent on A, opened by staff on B.
    let (status, created) = create(&a, "two-1", &emergency_application()).await;
    assert_eq!(status, 201, "{created}");
    let reference = created["reference"].as_str().unwrap().to_string();
    assert_eq!(track(&b, &reference, "1234").await, 200);
    let photo = common::jpeg(3_000);
    let sent = reqwest::Client::new()
        .post(format!("{}/api/v1/applications/{reference}/documents", a.base))
        .header("x-phone-last4", "1234")
        .multipart(common::document_form("id_card", photo.clone(), "id.jpg"))
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 201);

    // Signed in on A; the session works on B (the cookie reaches whichever process answers).
    let caseworker = sign_in_at(&a.base, CASEWORKER).await;
    let document: i64 = sqlx::query_scalar("SELECT id FROM documents")
        .fetch_one(&db)
        .await
        .unwrap();
    let opened = caseworker
        .get(format!("{}/staff/documents/{document}", b.base))
        .send()
        .await
        .unwrap();
    assert_eq!(opened.status(), 200);
    assert_eq!(opened.bytes().await.unwrap().as_ref(), photo.as_slice());
    assert_eq!(
        at(&caseworker, &b)
            .act(&reference, &[("action", "accept")])
            .await
            .0,
        303
    );
    assert_eq!(
        at(&caseworker, &a)
            .act(&reference, &[("action", "investigate")])
            .await
            .0,
        303
    );

    // Two staff act on the case at once, one through each process, on the same version of
    // it: one wins, the other is told the case changed.
    let head = sign_in_at(&b.base, HEAD).await;
    let (on_a, on_b) = (at(&caseworker, &a), at(&head, &b));
    let form = |page: &str| {
        (
            input_value(page, "csrf").unwrap(),
            input_value(page, "version").unwrap(),
        )
    };
    let path = format!("/staff/case/{reference}");
    let (csrf_a, version_a) = form(&on_a.get(&path).await.1);
    let (csrf_b, version_b) = form(&on_b.get(&path).await.1);
    assert_eq!(version_a, version_b);
    let action = format!("{path}/action");
    let advance = [
        ("csrf", csrf_a.as_str()),
        ("version", version_a.as_str()),
        ("action", "pay_advance"),
        ("amount", "500"),
    ];
    let request = [
        ("csrf", csrf_b.as_str()),
        ("version", version_b.as_str()),
        ("action", "request_documents"),
        ("what", "户口簿"),
    ];
    let (first, second) = tokio::join!(on_a.post(&action, &advance), on_b.post(&action, &request));
    let mut statuses = [first.0, second.0];
    statuses.sort();
    assert_eq!(
        statuses,
        [303, 409],
        "one wins, the other is told the case changed"
    );
    let loser = if first.0 == 409 { &first.1 } else { &second.1 };
    assert!(loser.contains("请刷新页面"), "{loser}");

    // One Idempotency-Key sent to both processes at once: one application, one reference.
    let body = expense_application();
    let (on_a, on_b) = tokio::join!(create(&a, "kiosk-7", &body), create(&b, "kiosk-7", &body));
    assert!(on_a.0 / 100 == 2 && on_b.0 / 100 == 2, "{on_a:?} {on_b:?}");
    assert_eq!(on_a.1["reference"], on_b.1["reference"]);
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM applications WHERE idempotency_key = $1")
        .bind("api:kiosk-7")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(stored, 1);

    // Misses on A count on B: after the guessing limit is spent on A, B answers "too many"
    // even to the right phone ending.
    let other = on_a.1["reference"].as_str().unwrap().to_string();
    for guess in ["0000", "1111", "2222", "3333", "4444"] {
        assert_eq!(track(&a, &other, guess).await, 404);
    }
    assert_eq!(track(&b, &other, "5678").await, 429);

    // "Take the next case" pressed on both processes at once gives two different cases.
    for n in 0..2 {
        create(&a, &format!("next-{n}"), &emergency_application()).await;
    }
    let (on_a, on_b) = (at(&caseworker, &a), at(&head, &b));
    let csrf_a = input_value(&on_a.get("/staff").await.1, "csrf").unwrap();
    let csrf_b = input_value(&on_b.get("/staff").await.1, "csrf").unwrap();
    let (press_a, press_b) = ([("csrf", csrf_a.as_str())], [("csrf", csrf_b.as_str())]);
    let (took_a, took_b) = tokio::join!(
        on_a.post("/staff/next", &press_a),
        on_b.post("/staff/next", &press_b)
    );
    assert_eq!((took_a.0, took_b.0), (303, 303));
    assert_ne!(took_a.1, took_b.1, "two staff never get the same case");
    db.close().await;
}
