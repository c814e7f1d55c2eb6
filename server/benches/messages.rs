//! Texts drained per second: `cargo bench -p server --bench messages` (run by .ci/bench), on
//! SQLite, or on PostgreSQL with PORTAL_BENCH_POSTGRES (engine.rs). A fresh database holds one
//! application and 5,000 queued texts, each to a number of its own (so no text waits for
//! another in order); two senders, as two portal processes would, drain them through a channel
//! that takes each at once (the provider's own speed is not ours to measure). Reported: texts
//! per second, and that each was sent exactly once.

#[path = "engine.rs"]
mod engine;

use std::sync::{Arc, Mutex};
use std::time::Instant;

const TEXTS: usize = 5_000;
const SENDERS: usize = 2;

/// A provider that takes every text at once, counting them.
struct Taker(Mutex<Vec<i64>>);

impl server::messages::SmsChannel for Taker {
    fn send<'a>(&'a self, sms: &'a server::messages::Sms<'a>) -> server::messages::Sending<'a> {
        Box::pin(async move {
            self.0.lock().unwrap().push(sms.id);
            server::messages::Outcome::Accepted { provider_id: None }
        })
    }

    fn receipt<'a>(&'a self, _: &'a server::messages::Sent<'a>) -> server::messages::Receiving<'a> {
        Box::pin(async { server::messages::Receipt::Pending })
    }
}

fn main() {
    // A storage error's cause goes to the log: shown here, so that a failed run says why.
    tracing_subscriber::fmt()
        .with_env_filter("warn")
        .with_writer(std::io::stderr)
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let database = engine::fresh(dir.path(), "messages").await;
        let keys = Arc::new(server::crypto::DataKeys::parse(&server::crypto::DataKeys::generate()).unwrap());
        let store = server::db::connect(&database.url, Some(keys.clone())).await.unwrap().store;
        let answers: app::domain::ApplicationAnswers = serde_json::from_value(serde_json::json!({
            "aid_type": "expense", "applicant_name": "压测", "applicant_id_number": "11010519491231002X",
            "applicant_phone": "13700001234", "address": "几江街道", "town": "几江街道", "status": "dibao",
            "annual_income": 12000, "financial_assets": 1000, "expense_kind": "medical",
            "expense_spent": 80000, "expense_reimbursed": 20000, "expense_purpose": "住院",
            "bank_name": "银行", "bank_card": "4111111111111111", "account_holder": "压测",
            "declaration_name": "压测", "consent": true
        }))
        .unwrap();
        let clock = server::clock::Clock::system();
        let receipt = server::submission::submit(
            &store,
            &app::rules::Parameters::defaults(),
            clock.now(),
            server::submission::Origin::Api("bench"),
            &answers,
            app::i18n::Locale::Zh,
        )
        .await
        .unwrap();
        let reference = receipt.submitted.reference().to_string();
        store.close().await;

        let db = server::db::inspect(&database.url).await.unwrap();
        let id: i64 = sqlx::query_scalar("SELECT id FROM applications WHERE reference = $1")
            .bind(&reference)
            .fetch_one(&db)
            .await
            .unwrap();
        sqlx::query("INSERT INTO sms_templates (kind, code, set_by, set_at) VALUES ('duty_alert', 'SMS_BENCH', 'bench', 'now')")
            .execute(&db)
            .await
            .unwrap();
        for i in 0..TEXTS {
            sqlx::query(
                "INSERT INTO messages (application_id, once_key, kind, recipient, channel, params, text,
                    status, created_at, not_before)
                 VALUES ($1, $2, 'duty_alert', $3, 'sms', '{}', 'bench', 'queued', $4, $4)",
            )
            .bind(id)
            .bind(format!("bench:{i}"))
            .bind(format!("duty:139{i:08}"))
            .bind("2000-01-01T00:00:00.000000Z")
            .execute(&db)
            .await
            .unwrap();
        }

        // Both "processes" open their stores before either sends, as two portals started
        // before the texts arrived.
        let channel = Arc::new(Taker(Mutex::new(Vec::with_capacity(TEXTS))));
        let mut stores = Vec::new();
        for _ in 0..SENDERS {
            let store = server::db::connect(&database.url, Some(keys.clone())).await.unwrap().store;
            stores.push(store.sending_sms(true));
        }
        let start = Instant::now();
        let mut senders = Vec::new();
        for store in stores {
            let sender = server::messages::Sender::new(store, channel.clone(), clock.clone());
            senders.push(tokio::spawn(async move {
                while sender.drain_once().await.unwrap() > 0 {}
            }));
        }
        for sender in senders {
            sender.await.unwrap();
        }
        let elapsed = start.elapsed();
        let mut sent = channel.0.lock().unwrap().clone();
        let total = sent.len();
        sent.sort_unstable();
        sent.dedup();
        println!(
            "texts drained, {} ({SENDERS} senders): {TEXTS} in {:.2} s = {:.0}/s; each sent once: {}",
            database.engine,
            elapsed.as_secs_f64(),
            TEXTS as f64 / elapsed.as_secs_f64(),
            total == TEXTS && sent.len() == TEXTS
        );
        assert_eq!((total, sent.len()), (TEXTS, TEXTS), "every text sent exactly once");
    });
}
