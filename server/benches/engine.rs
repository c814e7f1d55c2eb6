//! The engine a benchmark runs on: SQLite in a temporary folder by default, or a fresh
//! database on the PostgreSQL server that PORTAL_BENCH_POSTGRES names (a URL to its `postgres`
//! database, as `.ci/postgres start` prints), as `.ci/bench` does for the PostgreSQL figures.
//! Included by each benchmark with `#[path]`: benchmarks share no library of their own.

#![allow(dead_code)]

/// The database a benchmark's portal uses, and the engine's name for the report.
pub struct BenchDatabase {
    pub url: String,
    pub engine: &'static str,
}

/// A fresh database: a file in `dir`, or a new database on the PostgreSQL server.
pub async fn fresh(dir: &std::path::Path, name: &str) -> BenchDatabase {
    match std::env::var("PORTAL_BENCH_POSTGRES") {
        Ok(admin_url) if !admin_url.trim().is_empty() => {
            let admin = server::db::inspect(&admin_url).await.unwrap();
            let database = format!("portal_bench_{name}");
            sqlx::query(&format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
                .execute(&admin)
                .await
                .unwrap();
            sqlx::query(&format!("CREATE DATABASE {database}"))
                .execute(&admin)
                .await
                .unwrap();
            admin.close().await;
            let (root, _) = admin_url.rsplit_once('/').expect("a URL with a database name");
            BenchDatabase {
                url: format!("{root}/{database}"),
                engine: "PostgreSQL",
            }
        }
        _ => BenchDatabase {
            url: format!("sqlite://{}/{name}.db", dir.display()),
            engine: "SQLite",
        },
    }
}
