//! SQLite, the embedded default: one file, WAL journal so that readers never wait for the writer.
//! SQLite takes one writer at a time; writes go through a pool of one connection, so that they
//! queue in order inside the server instead of sleeping in SQLite's busy handler (whose growing
//! back-off made the slowest submissions wait a second). This module opens the pools and
//! seals rows from before sealing; the statements are in the aggregates' files (db/*.rs).

mod seal;

use crate::crypto::DataKeys;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::str::FromStr;
use std::time::Duration;

/// The schema's migrations, embedded at build time: run at every start, and compared with a
/// source database's by `server migrate-data` (db::copy).
pub(super) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// Opens the readers and the writer and runs the migrations; any failure stops the start.
pub(super) async fn connect(url: &str) -> Result<(SqlitePool, SqlitePool), String> {
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|e| format!("DATABASE_URL is not a SQLite URL: {e}"))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // FULL: every commit reaches the disk before it is acknowledged, so an application
        // whose reference number a resident has seen survives a power cut, not only a crash
        // of the process (NORMAL would give the latter only).
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(Duration::from_secs(5))
        .foreign_keys(true);
    if let Some(parent) = options.get_filename().parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let writer = SqlitePoolOptions::new()
        .max_connections(1)
        .after_release(|connection, _| Box::pin(still_usable(connection)))
        .connect_with(options.clone())
        .await
        .map_err(|e| format!("cannot open the database: {e}"))?;
    MIGRATOR
        .run(&writer)
        .await
        .map_err(|e| format!("database migration failed: {e}"))?;
    let readers = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
        .map_err(|e| format!("cannot open the database: {e}"))?;
    Ok((readers, writer))
}

/// Seals what was written in clear before sealing (migration 20261201000301).
pub(super) async fn seal_legacy_rows(writer: &SqlitePool, keys: &DataKeys) -> Result<(), String> {
    let sealed = seal::legacy_rows(writer, keys).await?;
    if sealed > 0 {
        tracing::info!(rows = sealed, "sealed personal data written before sealing");
    }
    Ok(())
}

/// Whether a connection that comes back to the writer pool can start a transaction again.
///
/// When a COMMIT or ROLLBACK fails (a full disk: SQLite may already have rolled the
/// transaction back by itself), sqlx still counts a transaction as open on that connection,
/// and every later `BEGIN IMMEDIATE` on it fails with "non-zero transaction depth": one moment
/// of full disk would stop every submission until a restart (issue 8, item 14). A connection
/// that comes back still counting a transaction is closed instead (false), and the pool opens
/// a fresh one. A committed transaction has ended before it comes back, so this costs the
/// write path nothing (an atomic read); after a failed one, whose rollback may still be queued,
/// the connection is replaced, which a failure can afford.
async fn still_usable(connection: &mut sqlx::SqliteConnection) -> Result<bool, sqlx::Error> {
    use sqlx::Connection;
    if connection.is_in_transaction() {
        tracing::warn!("replacing a database connection that came back inside a transaction");
        return Ok(false);
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use sqlx::SqlitePool;

    /// A full disk, as SQLite sees one when the database may not grow (`max_page_count`).
    async fn fill_the_disk(writer: &SqlitePool, full: bool) {
        let pages: i64 = sqlx::query_scalar("PRAGMA page_count")
            .fetch_one(writer)
            .await
            .unwrap();
        let limit = if full { pages } else { 1_000_000 };
        sqlx::query(&format!("PRAGMA max_page_count = {limit}"))
            .execute(writer)
            .await
            .unwrap();
    }

    /// A transaction that writes more than one page, as a submission does.
    async fn write_in_a_transaction(writer: &SqlitePool) -> Result<(), sqlx::Error> {
        let mut tx = writer.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query("INSERT INTO readiness (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at")
            .bind("x".repeat(20_000))
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    }

    #[tokio::test]
    async fn writes_recover_by_themselves_when_a_full_disk_has_room_again() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/portal.db", dir.path().display());
        let store = crate::db::connect(&url, None).await.unwrap().store;
        let crate::db::Pools::Sqlite { write: writer, .. } = store.pools.clone() else {
            unreachable!("a SQLite URL")
        };
        let now = chrono::Utc::now();
        store.ready(now).await.expect("ready with room");

        fill_the_disk(&writer, true).await;
        let full = write_in_a_transaction(&writer).await;
        assert!(full.is_err(), "the write fails while the disk is full");

        fill_the_disk(&writer, false).await;
        write_in_a_transaction(&writer)
            .await
            .expect("the next write succeeds once there is room, without a restart");
        store.ready(now).await.expect("ready again");
    }
}
