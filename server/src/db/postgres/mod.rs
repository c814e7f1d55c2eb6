//! PostgreSQL, the production engine: the same tables, answers and guarantees as SQLite (the
//! integration tests run on both), through one pool. This module opens it; the statements are
//! in the aggregates' files (db/*.rs). PostgreSQL takes concurrent writers, so
//! nothing serialises writes as SQLite's single writer connection does: every transaction
//! that checks something and then writes takes the lock its check depends on (a row `FOR
//! UPDATE`, a conflict clause, a version in the WHERE), and says so where it does. Transactions
//! run at READ COMMITTED, PostgreSQL's default.

mod blobs;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

/// Connections the portal may hold open; PostgreSQL's default allows 100 for all clients.
const MAX_CONNECTIONS: u32 = 10;

/// How long a request waits for a connection. Short: when the database is gone, a request
/// answers 503 "try again" within seconds instead of hanging, and the pool opens fresh
/// connections by itself once the database is back.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);

/// A connection idle for longer is tested (a round trip) before it is handed out: it may have
/// outlived a restart of the database. One in constant use is not: sqlx already tests every
/// connection as it comes back to the pool, and under load a test before every use too would
/// add a round trip to each (a submission uses the pool twice). A connection broken within
/// this time fails its one request with 503 "try again", and is then closed.
const TESTED_AFTER_IDLE: Duration = Duration::from_secs(1);

/// The schema's migrations, embedded at build time: run at every start, and compared with a
/// source database's by `server migrate-data` (db::copy).
pub(super) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Opens the pool and runs the migrations; any failure stops the start.
pub(super) async fn connect(url: &str) -> Result<PgPool, String> {
    let options =
        PgConnectOptions::from_str(url).map_err(|e| format!("DATABASE_URL is not a PostgreSQL URL: {e}"))?;
    let pool = PgPoolOptions::new()
        .max_connections(MAX_CONNECTIONS)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .test_before_acquire(false)
        .before_acquire(|connection, meta| {
            Box::pin(async move {
                if meta.idle_for > TESTED_AFTER_IDLE {
                    sqlx::Connection::ping(connection).await?;
                }
                Ok(true)
            })
        })
        .connect_with(options)
        .await
        .map_err(|e| format!("cannot open the database: {e}"))?;
    MIGRATOR
        .run(&pool)
        .await
        .map_err(|e| format!("database migration failed: {e}"))?;
    Ok(pool)
}

/// The document store this database holds (`document_bytes`), on the same pool.
pub(super) fn documents(pool: &PgPool) -> Arc<dyn crate::storage::DocumentStore> {
    Arc::new(blobs::DatabaseDocuments { pool: pool.clone() })
}

#[cfg(test)]
mod tests {
    use crate::db::fresh_postgres_database as fresh_database;

    #[tokio::test]
    async fn the_database_document_store_keeps_gives_back_and_forgets_bytes() {
        let Some(url) = fresh_database().await else {
            return;
        };
        let pool = super::connect(&url).await.unwrap();
        let store = super::documents(&pool);
        let photo: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        store.put("abc123", photo.clone()).await.unwrap();
        assert_eq!(store.get("abc123").await.unwrap(), photo);
        store.put("abc123", b"%PDF-1.7".to_vec()).await.unwrap();
        assert_eq!(store.get("abc123").await.unwrap(), b"%PDF-1.7", "a put replaces");
        store.delete("abc123").await.unwrap();
        let gone = store.get("abc123").await.unwrap_err();
        assert_eq!(gone.kind(), std::io::ErrorKind::NotFound);
        let again = store.delete("abc123").await.unwrap_err();
        assert_eq!(again.kind(), std::io::ErrorKind::NotFound);
        store.check_writable().await.expect("the probe goes through");
        pool.close().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn two_hundred_spends_at_once_on_one_budget_never_pass_its_limit() {
        use crate::db::Budget;
        let Some(url) = fresh_database().await else {
            return;
        };
        let database = crate::db::connect(&url, None).await.unwrap();
        let pool = match &database.store.pools {
            crate::db::Pools::Postgres(pool) => pool.clone(),
            #[allow(unreachable_patterns)]
            _ => unreachable!("a PostgreSQL URL"),
        };
        // Every connection of the pool open first, so that the spends really overlap instead
        // of queueing behind the opening of connections.
        let warm: Vec<_> = (0..super::MAX_CONNECTIONS)
            .map(|_| {
                let pool = pool.clone();
                tokio::spawn(async move { pool.acquire().await.unwrap() })
            })
            .collect();
        for connection in warm {
            drop(connection.await.unwrap());
        }
        let now = chrono::Utc::now();
        let spends: Vec<_> = (0..200)
            .map(|n| {
                let store = database.store.clone();
                tokio::spawn(async move {
                    // Each also spends a budget of its own, as a guess counts on its client too.
                    let budgets = [
                        Budget {
                            key: "miss:ref:LZ7K4M9QXRC".into(),
                            limit: 50,
                        },
                        Budget {
                            key: format!("miss:client:{n}"),
                            limit: 20,
                        },
                    ];
                    let later = now + chrono::Duration::minutes(15);
                    store.spend(&budgets, now, later).await.unwrap().is_some()
                })
            })
            .collect();
        let mut passed = 0;
        for spend in spends {
            passed += spend.await.unwrap() as usize;
        }
        assert_eq!(passed, 50);
        pool.close().await;
    }
}
