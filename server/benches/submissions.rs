//! Durable submissions per second: `cargo bench -p server --bench submissions` (run by
//! .ci/bench), on SQLite, or on PostgreSQL with PORTAL_BENCH_POSTGRES (engine.rs). The portal
//! runs in this process on a random port with a fresh database; 32 clients each post complete
//! applications through the JSON API, each with its own Idempotency-Key, for a fixed count,
//! each from an address of its own (behind a trusted proxy, a new address every 50), so that
//! every submission is counted against the per-client creation limit as in production.
//! Reported: throughput and latency percentiles. On PostgreSQL also the server's rate for the
//! simplest durable write in the same run (one row per transaction, as many clients, the same
//! database), the bar a submission (a budget spend, then one statement that inserts the
//! application, its members and its queue entry, then its event and its message) is measured
//! against.
//!
//! With BENCH_TEXTS=1 the portal sends texts (the log channel) and every applicant agreed to
//! them, and 几江街道 has two duty numbers: each submission then writes its text and two duty
//! alerts to the outbox, and the portal's sender drains them meanwhile.

#[path = "engine.rs"]
mod engine;

use server::http::Settings;
use std::sync::Arc;
use std::time::{Duration, Instant};

const CLIENTS: usize = 32;
const PER_CLIENT: usize = 250;
/// Submissions from one address, below the default creation limit (60 in ten minutes).
const ADDRESS_SHARE: usize = 50;

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

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let database = engine::fresh(dir.path(), "submissions").await;
        let texts = std::env::var("BENCH_TEXTS").is_ok_and(|v| v == "1");
        let mut args = Settings {
            trusted_proxies: "127.0.0.1".parse().unwrap(),
            database_url: database.url.clone(),
            ..Settings::in_directory(dir.path())
        };
        if texts {
            args.sms.provider = "log".into();
        }
        let database_url = args.database_url.clone();
        let addr = server::http::spawn(&args).await.unwrap();
        if texts {
            let pool = server::db::inspect(&database_url).await.unwrap();
            for phone in ["13900000001", "13900000002"] {
                sqlx::query("INSERT INTO duty_phones (office, phone) VALUES ('几江街道', $1)")
                    .bind(phone)
                    .execute(&pool)
                    .await
                    .unwrap();
            }
            sqlx::query("INSERT INTO sms_templates (kind, code, set_by, set_at) SELECT kind, 'SMS_BENCH', 'bench', 'now' FROM (SELECT 'submitted' AS kind UNION ALL SELECT 'duty_alert') AS k")
                .execute(&pool)
                .await
                .unwrap();
        }

        let event_date = (server::clock::Clock::system().today() - chrono::Duration::days(1)).to_string();
        let mut body = application(&event_date);
        body["sms_consent"] = texts.into();
        let body = Arc::new(body);
        let client = reqwest::Client::builder().pool_max_idle_per_host(CLIENTS).build().unwrap();
        let url = format!("http://{addr}/api/v1/applications");
        let start = Instant::now();
        let mut tasks = Vec::new();
        for c in 0..CLIENTS {
            let (client, url, body) = (client.clone(), url.clone(), body.clone());
            tasks.push(tokio::spawn(async move {
                let mut latencies = Vec::with_capacity(PER_CLIENT);
                for i in 0..PER_CLIENT {
                    let sent = Instant::now();
                    let response = client
                        .post(&url)
                        .header("idempotency-key", format!("bench-{c}-{i}"))
                        .header("x-forwarded-for", format!("10.0.{c}.{}", i / ADDRESS_SHARE))
                        .json(&*body)
                        .send()
                        .await
                        .unwrap();
                    assert_eq!(response.status(), 201);
                    latencies.push(sent.elapsed());
                }
                latencies
            }));
        }
        let mut latencies: Vec<Duration> = Vec::new();
        for task in tasks {
            latencies.extend(task.await.unwrap());
        }
        let seconds = start.elapsed().as_secs_f64();
        latencies.sort();
        let at = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
        let pool = server::db::inspect(&database_url).await.unwrap();
        let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM applications").fetch_one(&pool).await.unwrap();
        assert_eq!(stored as usize, CLIENTS * PER_CLIENT);
        let rate = latencies.len() as f64 / seconds;
        println!(
            "submissions ({}{}): {} in {seconds:.2} s = {rate:.0} per second; latency p50 {:?}, p99 {:?}, max {:?} ({CLIENTS} clients)",
            database.engine,
            if texts { ", with texts" } else { "" },
            latencies.len(),
            at(0.50),
            at(0.99),
            latencies[latencies.len() - 1]
        );
        if database.engine == "PostgreSQL" {
            let raw = raw_inserts(&database_url, &body.to_string()).await;
            println!(
                "submissions: raw single-row INSERTs on the same server: {raw:.0} per second ({CLIENTS} clients); submissions reach {:.0} % of it",
                100.0 * rate / raw
            );
        }
    });
}

/// Durable single-row inserts per second (each its own transaction) from `CLIENTS` connections
/// into a scratch table of the same database: what the server itself can commit.
async fn raw_inserts(url: &str, payload: &str) -> f64 {
    sqlx::any::install_default_drivers();
    // Not tested before each use (the portal's pool tests only idle ones): the rate is of
    // INSERTs alone.
    let pool = sqlx::any::AnyPoolOptions::new()
        .max_connections(CLIENTS as u32)
        .test_before_acquire(false)
        .connect(url)
        .await
        .unwrap();
    sqlx::query("CREATE TABLE bench_raw (id BIGINT GENERATED ALWAYS AS IDENTITY, payload TEXT NOT NULL)")
        .execute(&pool)
        .await
        .unwrap();
    let start = Instant::now();
    let tasks: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (pool, payload) = (pool.clone(), payload.to_string());
            tokio::spawn(async move {
                for _ in 0..PER_CLIENT {
                    sqlx::query("INSERT INTO bench_raw (payload) VALUES ($1)")
                        .bind(&payload)
                        .execute(&pool)
                        .await
                        .unwrap();
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let rate = (CLIENTS * PER_CLIENT) as f64 / start.elapsed().as_secs_f64();
    pool.close().await;
    rate
}
