//! The town queue and the ledger at district scale: `cargo bench -p server --bench queue` (run by
//! .ci/bench), on SQLite, or on PostgreSQL with PORTAL_BENCH_POSTGRES (engine.rs). A fresh
//! database gets 100,000 applications across the 30 towns over two
//! years (every status, both aid types, deadlines around today); the portal runs in this
//! process. Reported: the server-side time of a town's queue page (first page, a filter, a
//! search) and of the ledger export of a year, as CSV and XLSX, from a signed-in browser.

#[path = "engine.rs"]
mod engine;

use server::http::Settings;
use server::http::spawn;
use std::time::{Duration, Instant};

const APPLICATIONS: usize = 100_000;

/// A valid GB 11643 number for the n-th applicant.
fn id_number(n: usize) -> String {
    let birth =
        chrono::NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Duration::days((n % 20_000) as i64);
    let body = format!("500116{}{:03}", birth.format("%Y%m%d"), n % 1000);
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    let check = b"10X98765432"[(sum % 11) as usize] as char;
    format!("{body}{check}")
}

const STATUSES: [&str; 9] = [
    "submitted",
    "accepted",
    "investigating",
    "waiting_for_documents",
    "recommended",
    "approved",
    "rejected",
    "paid",
    "paid",
];

async fn seed(database_url: &str) {
    let pool = server::db::inspect(database_url).await.unwrap();
    let towns: Vec<String> = sqlx::query_scalar("SELECT name FROM towns ORDER BY position")
        .fetch_all(&pool)
        .await
        .unwrap();
    let today = server::clock::Clock::system().today();
    let mut tx = pool.begin().await.unwrap();
    for n in 0..APPLICATIONS {
        let town = &towns[n % towns.len()];
        let emergency = n % 3 == 0;
        let status = STATUSES[n % STATUSES.len()];
        let submitted = today - chrono::Duration::days((n % 730) as i64);
        let submitted_at = format!("{submitted}T02:00:00+00:00");
        let decided = matches!(status, "approved" | "rejected" | "paid").then(|| {
            format!(
                "{}T03:00:00+00:00",
                submitted + chrono::Duration::days((n % 20) as i64)
            )
        });
        let approved = matches!(status, "approved" | "paid").then_some(100_000 + (n % 50) as i64 * 1000);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO applications (reference, idempotency_key, aid_type, town, status, applicant_name,
                id_number, phone, phone_last4, answers, household, assessment, rules_version, parameter_set,
                submitted_at, status_changed_at, cause, approved_fen, decided_at, level)
             VALUES ($1, $2, $3, $4, $5, $6, $7, '13700001234', '1234', '{}', '{}', '{}', 'bench', 'bench', $8, $9, $10, $11, $12, $13)
             RETURNING id",
        )
        .bind(format!("LZ-B{:08}", n))
        .bind(format!("bench-{n}"))
        .bind(if emergency { "emergency" } else { "expense" })
        .bind(town)
        .bind(status)
        .bind(format!("申请人{n}"))
        .bind(id_number(n))
        .bind(&submitted_at)
        .bind(&submitted_at)
        .bind(if emergency { "fire" } else { "medical" })
        .bind(approved)
        .bind(decided)
        .bind(if n % 7 == 0 { "bureau" } else { "town" })
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        sqlx::query("INSERT INTO members (application_id, position, relationship, name, age) VALUES ($1, 0, '本人', $2, 40)")
            .bind(id)
            .bind(format!("申请人{n}"))
            .execute(&mut *tx)
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO events (application_id, at, actor, kind) VALUES ($1, $2, 'applicant', 'submitted')",
        )
        .bind(id)
        .bind(&submitted_at)
        .execute(&mut *tx)
        .await
        .unwrap();
        let due = today + chrono::Duration::days((n % 21) as i64 - 10);
        sqlx::query(
            "INSERT INTO queue_entries (application_id, town, urgent, due_on) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(town)
        .bind(emergency)
        .bind(due.to_string())
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    sqlx::query("ANALYZE").execute(&pool).await.unwrap();
    pool.close().await;
}

async fn sign_in(base: &str, username: &str, password: &str) -> reqwest::Client {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = client
        .get(format!("{base}/staff/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let marker = "name=\"csrf\" value=\"";
    let start = page.find(marker).unwrap() + marker.len();
    let csrf = &page[start..start + 32];
    let response = client
        .post(format!("{base}/staff/login"))
        .form(&[("csrf", csrf), ("username", username), ("password", password)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    client
}

/// Times `runs` GETs of `path` (after two to warm up); the body is read to its end.
async fn time(client: &reqwest::Client, base: &str, path: &str, runs: usize) -> (Duration, Duration, usize) {
    let mut times = Vec::with_capacity(runs);
    let mut size = 0;
    for i in 0..runs + 2 {
        let start = Instant::now();
        let response = client.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        size = response.bytes().await.unwrap().len();
        if i >= 2 {
            times.push(start.elapsed());
        }
    }
    times.sort();
    (times[times.len() / 2], times[times.len() - 1], size)
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let database = engine::fresh(dir.path(), "queue").await;
        let args = Settings {
            database_url: database.url.clone(),
            ..Settings::in_directory(dir.path())
        };
        let database_url = args.database_url.clone();
        // The schema first (the portal's migrations), then the applications, then the portal.
        server::db::connect(&database_url, None)
            .await
            .unwrap()
            .store
            .close()
            .await;
        let seeding = Instant::now();
        seed(&database_url).await;
        println!(
            "seeded {APPLICATIONS} applications across 30 towns in {:.1} s ({})",
            seeding.elapsed().as_secs_f64(),
            database.engine
        );
        server::accounts::demo(&database_url).await.unwrap();
        let addr = spawn(&args).await.unwrap();
        let base = format!("http://{addr}");

        let caseworker = sign_in(&base, "jijiang-caseworker", "demo-caseworker-2026").await;
        let reviewer = sign_in(&base, "mzj-reviewer", "demo-reviewer-2026").await;
        let today = server::clock::Clock::system().today();
        let year = format!(
            "/staff/ledger?from={}&to={today}",
            today - chrono::Duration::days(365)
        );
        println!(
            "{:<58} {:>9} {:>9} {:>10}",
            "request (a town has ~3,300 applications)", "median", "max", "bytes"
        );
        let rows: Vec<(&str, &reqwest::Client, String, usize)> = vec![
            (
                "queue page, a town (caseworker)",
                &caseworker,
                "/staff".into(),
                50,
            ),
            (
                "queue page, overdue filter",
                &caseworker,
                "/staff?overdue=1".into(),
                50,
            ),
            (
                "queue page, search by name",
                &caseworker,
                "/staff?q=%E7%94%B3%E8%AF%B7%E4%BA%BA12".into(),
                50,
            ),
            (
                "queue page, district tier (reviewer, 14,000 cases)",
                &reviewer,
                "/staff".into(),
                50,
            ),
            (
                "ledger of a year, a town, CSV",
                &caseworker,
                format!("{year}&format=csv"),
                10,
            ),
            (
                "ledger of a year, a town, XLSX",
                &caseworker,
                format!("{year}&format=xlsx"),
                10,
            ),
            (
                "ledger of a year, district tier (reviewer), CSV",
                &reviewer,
                format!("{year}&format=csv"),
                5,
            ),
            (
                "ledger of a year, district tier (reviewer), XLSX",
                &reviewer,
                format!("{year}&format=xlsx"),
                5,
            ),
            (
                "dashboard, every town (reviewer)",
                &reviewer,
                "/staff/dashboard".into(),
                10,
            ),
        ];
        for (label, client, path, runs) in rows {
            let (median, max, bytes) = time(client, &base, &path, runs).await;
            println!(
                "{label:<58} {:>7.1}ms {:>7.1}ms {bytes:>10}",
                median.as_secs_f64() * 1e3,
                max.as_secs_f64() * 1e3
            );
        }
    });
}
