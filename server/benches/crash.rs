//! Crashes lose nothing: `cargo bench -p server --bench crash` (run by .ci/bench). A portal
//! process takes submissions from 16 clients through the JSON API; mid-load it is killed with
//! SIGKILL and started again, and, on PostgreSQL (PORTAL_BENCH_POSTGRES, with PORTAL_PG_DIR
//! naming the cluster that `.ci/postgres start` made), the database is stopped at once
//! (`pg_ctl stop -m immediate`, as a power cut would) and started again while the portal keeps
//! running. Clients retry a failed submission with the same Idempotency-Key, as the API asks.
//! At the end every application that was acknowledged (2xx) must be in the database, once.
//! Reported: acknowledged, found, lost, and how long the portal took to answer again. Bounded:
//! the whole run stops after a minute and a half whatever happens, and fails then.

#[path = "engine.rs"]
mod engine;

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CLIENTS: usize = 16;
/// When the portal is killed, and (PostgreSQL) when the database is, after the load starts.
const KILL_PORTAL_AT: Duration = Duration::from_secs(5);
const CRASH_DATABASE_AT: Duration = Duration::from_secs(14);
/// How long the database stays down.
const DATABASE_DOWN_FOR: Duration = Duration::from_secs(3);
const LOAD_FOR: Duration = Duration::from_secs(26);
const WHOLE_RUN: Duration = Duration::from_secs(90);

fn application(event_date: &str) -> serde_json::Value {
    serde_json::json!({
        "aid_type": "emergency", "applicant_name": "压测", "applicant_id_number": "11010519491231002X",
        "applicant_phone": "13700001234", "address": "几江街道", "town": "几江街道", "status": "none",
        "annual_income": 18000, "financial_assets": 2000, "emergency_event": "fire",
        "emergency_event_date": event_date, "emergency_description": "火灾", "emergency_serious_difficulty": true,
        "bank_name": "银行", "bank_card": "4111111111111111", "account_holder": "压测",
        "declaration_name": "压测", "consent": true
    })
}

struct Portal {
    port: u16,
    env: Vec<(String, String)>,
    child: Option<Child>,
}

impl Portal {
    fn start(&mut self) {
        let child = Command::new(env!("CARGO_BIN_EXE_server"))
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{}", self.port))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server binary starts");
        self.child = Some(child);
    }

    /// SIGKILL: no shutdown, no flush, nothing the process could do on its way out.
    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().expect("SIGKILL");
            child.wait().unwrap();
        }
    }
}

impl Drop for Portal {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Runs `.ci/postgres <what> DIR` (crash: stop at once; restart: start again).
fn cluster(what: &str, dir: &str) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let status = Command::new("bash")
        .arg(format!("{root}/.ci/postgres"))
        .args([what, dir])
        .status()
        .unwrap();
    assert!(status.success(), ".ci/postgres {what} failed");
}

#[derive(Default)]
struct Tally {
    /// Idempotency key → reference, for every acknowledged submission.
    acknowledged: HashMap<String, String>,
    /// Failed tries (connection refused, 503…), each retried.
    failures: usize,
    /// The moments a submission was acknowledged, to find the first after each incident.
    acknowledged_at: Vec<Instant>,
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let watchdog = std::thread::spawn(|| {
        std::thread::sleep(WHOLE_RUN);
        eprintln!("crash: the run did not end within {WHOLE_RUN:?}");
        std::process::exit(1);
    });
    runtime.block_on(run());
    drop(watchdog);
}

async fn run() {
    let dir = tempfile::tempdir().unwrap();
    let database = engine::fresh(dir.path(), "crash").await;
    let pg_dir = std::env::var("PORTAL_PG_DIR")
        .ok()
        .filter(|_| database.engine == "PostgreSQL");
    let key = dir.path().join("portal.key");
    let made = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["keygen", "--to"])
        .arg(&key)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(made.success());
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut portal = Portal {
        port,
        env: vec![
            ("DATABASE_URL".into(), database.url.clone()),
            ("PORTAL_DATA_KEY_FILE".into(), key.display().to_string()),
            (
                "PORTAL_DOCUMENTS_DIR".into(),
                dir.path().join("documents").display().to_string(),
            ),
            // No creation limit: one address sends everything here (and nothing is counted).
            ("PORTAL_CREATIONS_PER_CLIENT".into(), usize::MAX.to_string()),
        ],
        child: None,
    };
    portal.start();
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    wait_until_healthy(&client, &base).await;

    let event_date = (server::clock::Clock::system().today() - chrono::Duration::days(1)).to_string();
    let body = Arc::new(application(&event_date));
    let tally = Arc::new(Mutex::new(Tally::default()));
    let start = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let (client, base, body, tally) = (client.clone(), base.clone(), body.clone(), tally.clone());
            tokio::spawn(async move {
                let mut n = 0;
                while start.elapsed() < LOAD_FOR {
                    let key = format!("crash-{c}-{n}");
                    n += 1;
                    // The same key until it is acknowledged: a retry can never store twice.
                    while start.elapsed() < LOAD_FOR + Duration::from_secs(15) {
                        let sent = client
                            .post(format!("{base}/api/v1/applications"))
                            .header("idempotency-key", &key)
                            .json(&*body)
                            .send()
                            .await;
                        let answer = match sent {
                            Ok(response) if response.status().is_success() => {
                                response.json::<serde_json::Value>().await.ok()
                            }
                            _ => None,
                        };
                        match answer.and_then(|a| a["reference"].as_str().map(str::to_string)) {
                            Some(reference) => {
                                let mut tally = tally.lock().unwrap();
                                tally.acknowledged.insert(key.clone(), reference);
                                tally.acknowledged_at.push(Instant::now());
                                break;
                            }
                            None => {
                                tally.lock().unwrap().failures += 1;
                                tokio::time::sleep(Duration::from_millis(100)).await;
                            }
                        }
                    }
                }
            })
        })
        .collect();

    tokio::time::sleep_until((start + KILL_PORTAL_AT).into()).await;
    portal.kill();
    let portal_killed = Instant::now();
    portal.start();
    let mut database_restarted = None;
    if let Some(pg_dir) = &pg_dir {
        tokio::time::sleep_until((start + CRASH_DATABASE_AT).into()).await;
        cluster("crash", pg_dir);
        tokio::time::sleep(DATABASE_DOWN_FOR).await;
        cluster("restart", pg_dir);
        database_restarted = Some(Instant::now());
    }
    for task in clients {
        task.await.unwrap();
    }

    let tally = std::mem::take(&mut *tally.lock().unwrap());
    let first_after = |moment: Instant| {
        tally
            .acknowledged_at
            .iter()
            .filter(|t| **t > moment)
            .min()
            .map(|t| t.duration_since(moment))
    };
    let pool = server::db::inspect(&database.url).await.unwrap();
    let mut found = 0;
    for reference in tally.acknowledged.values() {
        let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM applications WHERE reference = $1")
            .bind(reference)
            .fetch_one(&pool)
            .await
            .unwrap();
        found += stored as usize;
    }
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM applications")
        .fetch_one(&pool)
        .await
        .unwrap();
    pool.close().await;
    let acknowledged = tally.acknowledged.len();
    println!(
        "crash ({}): {acknowledged} submissions acknowledged, {found} found afterwards, {} lost; {} stored in all (a submission whose answer a crash cut off is stored once, and acknowledged on its retry); {} failed tries retried",
        database.engine,
        acknowledged - found.min(acknowledged),
        stored,
        tally.failures,
    );
    let seconds =
        |d: Option<Duration>| d.map_or("never".to_string(), |d| format!("{:.1} s", d.as_secs_f64()));
    println!(
        "crash ({}): after SIGKILL and a restart of the portal, the first acknowledgement came {} later",
        database.engine,
        seconds(first_after(portal_killed))
    );
    if let Some(restarted) = database_restarted {
        println!(
            "crash ({}): after an immediate stop of PostgreSQL ({} down), the portal, never restarted, acknowledged again {} after the database was back",
            database.engine,
            seconds(Some(DATABASE_DOWN_FOR)),
            seconds(first_after(restarted))
        );
    }
    assert_eq!(found, acknowledged, "an acknowledged application was lost");
}

async fn wait_until_healthy(client: &reqwest::Client, base: &str) {
    for _ in 0..600 {
        if let Ok(response) = client.get(format!("{base}/healthz")).send().await
            && response.status().is_success()
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the portal did not answer within a minute");
}
