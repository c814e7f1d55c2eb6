//! Durable submissions per second against the SQLite default: `cargo bench -p server --bench
//! submissions` (run by .ci/bench). The portal runs in this process on a random port with a
//! fresh database; 32 clients each post complete applications through the JSON API, each with
//! its own Idempotency-Key, for a fixed count. Reported: throughput and latency percentiles.

use server::cli::ServeArgs;
use std::sync::Arc;
use std::time::{Duration, Instant};

const CLIENTS: usize = 32;
const PER_CLIENT: usize = 250;

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
        // One client address sends every application here: lift the per-client creation limit.
        let args = ServeArgs {
            creations_per_client: usize::MAX,
            ..ServeArgs::in_directory(dir.path())
        };
        let database_url = args.database_url.clone();
        let addr = server::http::spawn(&args).await.unwrap();

        let event_date = (server::clock::Clock::system().today() - chrono::Duration::days(1)).to_string();
        let body = Arc::new(application(&event_date));
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
        println!(
            "submissions: {} in {seconds:.2} s = {:.0} per second; latency p50 {:?}, p99 {:?}, max {:?} ({CLIENTS} clients)",
            latencies.len(),
            latencies.len() as f64 / seconds,
            at(0.50),
            at(0.99),
            latencies[latencies.len() - 1]
        );
    });
}
