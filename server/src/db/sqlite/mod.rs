//! SQLite, the embedded default: one file, WAL journal so that readers never wait for the writer.
//! SQLite takes one writer at a time; writes go through a pool of one connection, so that they
//! queue in order inside the server instead of sleeping in SQLite's busy handler (whose growing
//! back-off made the slowest submissions wait a second). One file per aggregate beside this one.

mod applications;
mod budgets;
mod documents;
mod drafts;
mod parameters;
mod reports;
mod review;
mod seal;
mod staff;

use super::common::{self, unavailable};
use crate::crypto::DataKeys;
use app::backend::parameters::{NewSet, OpenCase, ParameterBackend, Proposal, StoredSet};
use app::backend::staff::{LoginRecord, NewStaff, Schedule, StaffBackend, StaffSession};
use app::backend::{
    Backend, BackendError, BoxFuture, Budget, DocumentInfo, DocumentRefusal, Draft, NewApplication,
    NewDocument, Submitted, Tracked,
};
use app::domain::ReferenceNumber;
use app::domain::casefile::{CaseFile, QueueFilter, QueueView};
use app::domain::reports::{Dashboard, LedgerRow, PublicityRow};
use app::domain::review::{Scope, Staff, Transition};
use app::rules::{Change, TOWNS, Town, TownKind, WorkingDays};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

/// The schema's migrations, embedded at build time: run at every start, and compared with a
/// source database's by `server migrate-data` (db::copy).
pub(super) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

pub struct SqliteBackend {
    /// For reads: several connections, which never wait for the writer under WAL.
    pool: SqlitePool,
    /// For writes: one connection.
    writer: SqlitePool,
    /// Seal and open personal data (crate::crypto).
    keys: Option<Arc<DataKeys>>,
}

impl SqliteBackend {
    pub async fn connect(url: &str, keys: Option<Arc<DataKeys>>) -> Result<SqliteBackend, String> {
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
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
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
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .map_err(|e| format!("cannot open the database: {e}"))?;
        let backend = SqliteBackend { pool, writer, keys };
        backend.write_towns(&TOWNS).await?;
        if let Some(keys) = &backend.keys {
            let sealed = seal::legacy_rows(&backend.writer, keys).await?;
            if sealed > 0 {
                tracing::info!(rows = sealed, "sealed personal data written before sealing");
            }
        }
        Ok(backend)
    }

    /// The data keys; a backend opened without them (the staff-account commands) refuses to
    /// touch personal data rather than store it in clear.
    fn keys(&self) -> Result<&DataKeys, BackendError> {
        self.keys.as_deref().ok_or_else(|| {
            tracing::error!("personal data reached a database opened without the data keys");
            BackendError::Unavailable
        })
    }

    /// Makes the towns table match `towns` (the rules' `TOWNS`); re-running changes nothing.
    /// A town inserted in the middle of the list moves those after it: every position is first
    /// moved below the lowest one there is (one shift for all, so no two rows ever meet, even
    /// when the constraint is checked row by row), then the listed towns take 0, 1, 2… A town
    /// no longer listed keeps its row (applications refer to it), below zero, and stays there
    /// at every later start.
    async fn write_towns(&self, towns: &[Town]) -> Result<(), String> {
        let mut tx = self.writer.begin().await.map_err(|e| e.to_string())?;
        sqlx::query(
            "UPDATE towns SET position = position + (SELECT min(position) - max(position) - 1 FROM towns)",
        )
        .execute(&mut *tx)
        .await
        .map_err(|e| format!("cannot write the towns: {e}"))?;
        for (position, town) in towns.iter().enumerate() {
            let kind = match town.kind {
                TownKind::Subdistrict => "subdistrict",
                TownKind::Town => "town",
            };
            sqlx::query(
                "INSERT INTO towns (name, kind, pinyin, position) VALUES (?, ?, ?, ?)
                 ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, pinyin = excluded.pinyin,
                 position = excluded.position",
            )
            .bind(town.full_name())
            .bind(kind)
            .bind(town.pinyin)
            .bind(position as i64)
            .execute(&mut *tx)
            .await
            .map_err(|e| format!("cannot write the towns: {e}"))?;
        }
        tx.commit().await.map_err(|e| e.to_string())
    }
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

/// The values of a query built from parts, bound in order (`?` placeholders).
pub(super) type Args = common::Args<sqlx::Sqlite>;

impl Backend for SqliteBackend {
    fn engine(&self) -> &'static str {
        "sqlite"
    }

    fn health(&self) -> BoxFuture<'_, Result<(), BackendError>> {
        Box::pin(async move {
            sqlx::query("SELECT 1")
                .execute(&self.pool)
                .await
                .map(|_| ())
                .map_err(unavailable)
        })
    }

    fn ready(&self, now: DateTime<Utc>) -> BoxFuture<'_, Result<(), BackendError>> {
        Box::pin(async move {
            let now = now.to_rfc3339();
            sqlx::query!(
                "INSERT INTO readiness (id, checked_at) VALUES (1, ?)
                 ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at",
                now
            )
            .execute(&self.writer)
            .await
            .map(|_| ())
            .map_err(unavailable)
        })
    }

    fn close(&self) -> BoxFuture<'_, ()> {
        Box::pin(async move {
            self.pool.close().await;
            self.writer.close().await;
        })
    }

    fn towns(&self) -> BoxFuture<'_, Result<Vec<String>, BackendError>> {
        Box::pin(async move {
            sqlx::query_scalar("SELECT name FROM towns ORDER BY position")
                .fetch_all(&self.pool)
                .await
                .map_err(unavailable)
        })
    }

    fn load_draft<'a>(&'a self, id: &'a str) -> BoxFuture<'a, Result<Option<Draft>, BackendError>> {
        Box::pin(async move { drafts::load(&self.pool, self.keys()?, id).await })
    }

    fn save_draft<'a>(
        &'a self,
        id: &'a str,
        draft: &'a Draft,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<(), BackendError>> {
        Box::pin(async move { drafts::save(&self.writer, self.keys()?, id, draft, now).await })
    }

    fn purge_drafts(
        &self,
        before: DateTime<Utc>,
    ) -> BoxFuture<'_, Result<(usize, Vec<String>), BackendError>> {
        Box::pin(drafts::purge(&self.writer, before))
    }

    fn submit(&self, new: NewApplication) -> BoxFuture<'_, Result<Submitted, BackendError>> {
        Box::pin(async move { applications::submit(&self.writer, self.keys()?, new).await })
    }

    fn track<'a>(
        &'a self,
        reference: &'a ReferenceNumber,
        phone_last4: &'a str,
    ) -> BoxFuture<'a, Result<Option<Tracked>, BackendError>> {
        Box::pin(applications::track(&self.pool, reference, phone_last4))
    }

    fn withdraw<'a>(
        &'a self,
        reference: &'a ReferenceNumber,
        phone_last4: &'a str,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<bool, BackendError>> {
        Box::pin(applications::withdraw(&self.writer, reference, phone_last4, now))
    }

    fn add_draft_document<'a>(
        &'a self,
        draft_id: &'a str,
        document: NewDocument,
    ) -> BoxFuture<'a, Result<Result<i64, DocumentRefusal>, BackendError>> {
        Box::pin(documents::add(&self.writer, draft_id, document))
    }

    fn draft_documents<'a>(
        &'a self,
        draft_id: &'a str,
    ) -> BoxFuture<'a, Result<Vec<DocumentInfo>, BackendError>> {
        Box::pin(documents::of_draft(&self.pool, draft_id))
    }

    fn remove_draft_document<'a>(
        &'a self,
        draft_id: &'a str,
        document_id: i64,
    ) -> BoxFuture<'a, Result<Option<String>, BackendError>> {
        Box::pin(documents::remove(&self.writer, draft_id, document_id))
    }

    fn create_family_link<'a>(
        &'a self,
        reference: &'a ReferenceNumber,
        phone_last4: &'a str,
        token_hash: &'a str,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<bool, BackendError>> {
        Box::pin(applications::create_family_link(
            &self.writer,
            reference,
            phone_last4,
            token_hash,
            now,
        ))
    }

    fn family_view<'a>(
        &'a self,
        token_hash: &'a str,
    ) -> BoxFuture<'a, Result<Option<Tracked>, BackendError>> {
        Box::pin(applications::family_view(&self.pool, token_hash))
    }

    fn family_link_count<'a>(
        &'a self,
        reference: &'a ReferenceNumber,
        phone_last4: &'a str,
    ) -> BoxFuture<'a, Result<i64, BackendError>> {
        Box::pin(applications::family_link_count(
            &self.pool,
            reference,
            phone_last4,
        ))
    }

    fn revoke_family_links<'a>(
        &'a self,
        reference: &'a ReferenceNumber,
        phone_last4: &'a str,
    ) -> BoxFuture<'a, Result<i64, BackendError>> {
        Box::pin(applications::revoke_family_links(
            &self.writer,
            reference,
            phone_last4,
        ))
    }

    fn add_application_document<'a>(
        &'a self,
        reference: &'a ReferenceNumber,
        phone_last4: &'a str,
        document: NewDocument,
        working_days: &'a WorkingDays,
    ) -> BoxFuture<'a, Result<Result<i64, DocumentRefusal>, BackendError>> {
        Box::pin(documents::add_to_application(
            &self.writer,
            reference,
            phone_last4,
            document,
            working_days,
        ))
    }

    fn spend<'a>(
        &'a self,
        budgets: &'a [Budget],
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<Option<Vec<i64>>, BackendError>> {
        Box::pin(budgets::spend(&self.writer, budgets, now, expires_at))
    }

    fn refund<'a>(&'a self, entries: &'a [i64]) -> BoxFuture<'a, Result<(), BackendError>> {
        Box::pin(budgets::refund(&self.writer, entries))
    }
}

impl ParameterBackend for SqliteBackend {
    fn latest_parameter_set(&self) -> BoxFuture<'_, Result<Option<StoredSet>, BackendError>> {
        Box::pin(parameters::latest(&self.pool))
    }

    fn parameter_revision(&self) -> BoxFuture<'_, Result<Option<i64>, BackendError>> {
        Box::pin(parameters::revision(&self.pool))
    }

    fn add_parameter_set<'a>(&'a self, set: NewSet<'a>) -> BoxFuture<'a, Result<bool, BackendError>> {
        Box::pin(parameters::add_set(&self.writer, set))
    }

    fn propose_parameter<'a>(
        &'a self,
        change: &'a Change,
        by: i64,
        at: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<i64, BackendError>> {
        Box::pin(parameters::propose(&self.writer, change, by, at))
    }

    fn reject_proposal<'a>(
        &'a self,
        id: i64,
        by: i64,
        reason: &'a str,
        at: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<bool, BackendError>> {
        Box::pin(parameters::reject(&self.writer, id, by, reason, at))
    }

    fn proposals(&self, limit: i64) -> BoxFuture<'_, Result<Vec<Proposal>, BackendError>> {
        Box::pin(parameters::list(&self.pool, limit, None))
    }

    fn proposal(&self, id: i64) -> BoxFuture<'_, Result<Option<Proposal>, BackendError>> {
        Box::pin(async move { Ok(parameters::list(&self.pool, 1, Some(id)).await?.pop()) })
    }

    fn open_cases(&self) -> BoxFuture<'_, Result<Vec<OpenCase>, BackendError>> {
        Box::pin(parameters::open_cases(&self.pool))
    }

    fn replace_recheck_marks<'a>(
        &'a self,
        marks: &'a [(i64, String)],
        checked_on: NaiveDate,
    ) -> BoxFuture<'a, Result<(), BackendError>> {
        Box::pin(parameters::replace_marks(&self.writer, marks, checked_on))
    }
}

impl StaffBackend for SqliteBackend {
    fn add_staff(&self, new: NewStaff, now: DateTime<Utc>) -> BoxFuture<'_, Result<i64, BackendError>> {
        Box::pin(staff::add(&self.writer, new, now))
    }

    fn reserve_login_attempt<'a>(
        &'a self,
        username: &'a str,
        max_failures: i64,
        now: DateTime<Utc>,
        lock_until: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<Option<LoginRecord>, BackendError>> {
        Box::pin(staff::reserve_login_attempt(
            &self.writer,
            username,
            max_failures,
            now,
            lock_until,
        ))
    }

    fn login_succeeded(&self, staff_id: i64) -> BoxFuture<'_, Result<(), BackendError>> {
        Box::pin(staff::login_succeeded(&self.writer, staff_id))
    }

    fn create_session<'a>(
        &'a self,
        token_hash: &'a str,
        staff_id: i64,
        csrf_token: &'a str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<(), BackendError>> {
        Box::pin(staff::create_session(
            &self.writer,
            token_hash,
            staff_id,
            csrf_token,
            now,
            expires_at,
        ))
    }

    fn session<'a>(
        &'a self,
        token_hash: &'a str,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<Option<StaffSession>, BackendError>> {
        Box::pin(staff::session(&self.pool, token_hash, now))
    }

    fn end_session<'a>(&'a self, token_hash: &'a str) -> BoxFuture<'a, Result<(), BackendError>> {
        Box::pin(staff::end_session(&self.writer, token_hash))
    }

    fn end_all_sessions(&self, staff_id: i64) -> BoxFuture<'_, Result<(), BackendError>> {
        Box::pin(staff::end_all_sessions(&self.writer, staff_id))
    }

    fn all_staff(&self) -> BoxFuture<'_, Result<Vec<Staff>, BackendError>> {
        Box::pin(staff::all(&self.pool))
    }

    fn town_staff<'a>(&'a self, town: &'a str) -> BoxFuture<'a, Result<Vec<Staff>, BackendError>> {
        Box::pin(staff::of_town(&self.pool, town))
    }

    fn queue<'a>(
        &'a self,
        scope: &'a Scope,
        me: i64,
        filter: &'a QueueFilter,
        today: NaiveDate,
    ) -> BoxFuture<'a, Result<QueueView, BackendError>> {
        Box::pin(review::queue(&self.pool, scope, me, filter, today))
    }

    fn case_file<'a>(
        &'a self,
        scope: &'a Scope,
        reference: &'a ReferenceNumber,
        viewer: i64,
        repeat_window_days: i64,
        record_view: bool,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<Option<CaseFile>, BackendError>> {
        Box::pin(async move {
            review::case_file(
                &self.pool,
                &self.writer,
                self.keys()?,
                scope,
                reference,
                viewer,
                repeat_window_days,
                record_view.then_some(now),
            )
            .await
        })
    }

    fn record_transition<'a>(
        &'a self,
        application_id: i64,
        version: i64,
        transition: &'a Transition,
        schedule: Schedule,
        actor: &'a Staff,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<bool, BackendError>> {
        Box::pin(review::record_transition(
            &self.writer,
            application_id,
            version,
            transition,
            schedule,
            actor,
            now,
        ))
    }

    fn assign<'a>(
        &'a self,
        application_id: i64,
        to: Option<&'a Staff>,
        actor: &'a Staff,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<(), BackendError>> {
        Box::pin(review::assign(&self.writer, application_id, to, actor, now))
    }

    fn take_next<'a>(
        &'a self,
        town: &'a str,
        me: &'a Staff,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<Option<ReferenceNumber>, BackendError>> {
        Box::pin(review::take_next(&self.writer, town, me, now))
    }

    fn case_document<'a>(
        &'a self,
        scope: &'a Scope,
        document_id: i64,
        viewer: i64,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<Option<(String, String)>, BackendError>> {
        Box::pin(review::case_document(
            &self.pool,
            &self.writer,
            scope,
            document_id,
            viewer,
            now,
        ))
    }

    fn publicity<'a>(
        &'a self,
        since: NaiveDate,
        town: Option<&'a str>,
        days: i64,
    ) -> BoxFuture<'a, Result<Vec<PublicityRow>, BackendError>> {
        Box::pin(reports::publicity(&self.pool, since, town, days))
    }

    fn ledger<'a>(
        &'a self,
        scope: &'a Scope,
        from: NaiveDate,
        to: NaiveDate,
        viewer: i64,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<Vec<LedgerRow>, BackendError>> {
        Box::pin(async move {
            reports::ledger(
                &self.pool,
                &self.writer,
                self.keys()?,
                scope,
                from,
                to,
                viewer,
                now,
            )
            .await
        })
    }

    fn dashboard<'a>(
        &'a self,
        town: Option<&'a str>,
        today: NaiveDate,
    ) -> BoxFuture<'a, Result<Dashboard, BackendError>> {
        Box::pin(reports::dashboard(&self.pool, town, today))
    }
}

#[cfg(test)]
mod tests {
    use super::SqliteBackend;
    use app::rules::{TOWNS, Town, TownKind};

    #[tokio::test]
    async fn a_town_inserted_in_the_middle_of_the_list_moves_the_others_at_the_next_start() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/portal.db", dir.path().display());
        let backend = SqliteBackend::connect(&url, None).await.unwrap();
        let new = Town {
            name: "新城",
            pinyin: "Xincheng",
            kind: TownKind::Subdistrict,
        };
        let mut towns = TOWNS.to_vec();
        towns.insert(3, new);
        backend.write_towns(&towns).await.expect("the start goes on");
        let listed: Vec<String> =
            sqlx::query_scalar("SELECT name FROM towns WHERE position >= 0 ORDER BY position")
                .fetch_all(&backend.writer)
                .await
                .unwrap();
        let expected: Vec<String> = towns.iter().map(Town::full_name).collect();
        assert_eq!(listed, expected);
    }

    #[tokio::test]
    async fn a_town_taken_off_the_list_keeps_its_row_and_later_starts_go_on() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/portal.db", dir.path().display());
        let backend = SqliteBackend::connect(&url, None).await.unwrap();
        // 白沙镇 leaves the middle of the list (merged, say): applications still name it.
        let mut towns = TOWNS.to_vec();
        let gone = towns.remove(5);
        for start in 1..=3 {
            backend
                .write_towns(&towns)
                .await
                .unwrap_or_else(|e| panic!("start {start} stopped: {e}"));
        }
        let listed: Vec<String> =
            sqlx::query_scalar("SELECT name FROM towns WHERE position >= 0 ORDER BY position")
                .fetch_all(&backend.writer)
                .await
                .unwrap();
        let expected: Vec<String> = towns.iter().map(Town::full_name).collect();
        assert_eq!(listed, expected);
        let kept: i64 = sqlx::query_scalar("SELECT count(*) FROM towns WHERE name = $1 AND position < 0")
            .bind(gone.full_name())
            .fetch_one(&backend.writer)
            .await
            .unwrap();
        assert_eq!(kept, 1, "the town no longer listed keeps its row, below zero");
    }

    /// A full disk, as SQLite sees one when the database may not grow (`max_page_count`).
    async fn fill_the_disk(backend: &SqliteBackend, full: bool) {
        let pages: i64 = sqlx::query_scalar("PRAGMA page_count")
            .fetch_one(&backend.writer)
            .await
            .unwrap();
        let limit = if full { pages } else { 1_000_000 };
        sqlx::query(&format!("PRAGMA max_page_count = {limit}"))
            .execute(&backend.writer)
            .await
            .unwrap();
    }

    /// A transaction that writes more than one page, as a submission does.
    async fn write_in_a_transaction(backend: &SqliteBackend) -> Result<(), sqlx::Error> {
        let mut tx = backend.writer.begin_with("BEGIN IMMEDIATE").await?;
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
        let backend = SqliteBackend::connect(&url, None).await.unwrap();
        use app::backend::Backend;
        let now = chrono::Utc::now();
        backend.ready(now).await.expect("ready with room");

        fill_the_disk(&backend, true).await;
        let full = write_in_a_transaction(&backend).await;
        assert!(full.is_err(), "the write fails while the disk is full");

        fill_the_disk(&backend, false).await;
        write_in_a_transaction(&backend)
            .await
            .expect("the next write succeeds once there is room, without a restart");
        backend.ready(now).await.expect("ready again");
    }

    #[tokio::test]
    async fn a_spend_refused_by_one_budget_leaves_no_entry_in_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/portal.db", dir.path().display());
        let backend = SqliteBackend::connect(&url, None).await.unwrap();
        crate::db::common::tests::a_refused_spend_leaves_no_entry(&backend).await;
    }
}
