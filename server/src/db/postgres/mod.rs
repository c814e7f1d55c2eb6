//! PostgreSQL, the production engine: the same tables, answers and guarantees as SQLite (the
//! integration tests run on both), through one pool. PostgreSQL takes concurrent writers, so
//! nothing serialises writes as SQLite's single writer connection does: every transaction
//! that checks something and then writes takes the lock its check depends on (a row `FOR
//! UPDATE`, a conflict clause, a version in the WHERE), and says so where it does. Transactions
//! run at READ COMMITTED, PostgreSQL's default. One file per aggregate beside this one.

mod applications;
mod blobs;
mod budgets;
mod documents;
mod drafts;
mod parameters;
mod reports;
mod review;
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

pub struct PostgresBackend {
    pool: PgPool,
    /// Seal and open personal data (crate::crypto).
    keys: Option<Arc<DataKeys>>,
}

impl PostgresBackend {
    pub async fn connect(url: &str, keys: Option<Arc<DataKeys>>) -> Result<PostgresBackend, String> {
        let options = PgConnectOptions::from_str(url)
            .map_err(|e| format!("DATABASE_URL is not a PostgreSQL URL: {e}"))?;
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
        let backend = PostgresBackend { pool, keys };
        backend.write_towns(&TOWNS).await?;
        Ok(backend)
    }

    /// The document store this database holds (`document_bytes`), on the same pool.
    pub fn documents(&self) -> Arc<dyn crate::storage::DocumentStore> {
        Arc::new(blobs::DatabaseDocuments {
            pool: self.pool.clone(),
        })
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
        let failed = |e: sqlx::Error| format!("cannot write the towns: {e}");
        let mut tx = self.pool.begin().await.map_err(failed)?;
        // Two portals starting at once on one database (a rolling restart) would otherwise
        // shuffle the positions into each other: one rewrite at a time. Readers are not held.
        sqlx::query("LOCK TABLE towns IN EXCLUSIVE MODE")
            .execute(&mut *tx)
            .await
            .map_err(failed)?;
        sqlx::query!(
            "UPDATE towns SET position = position + (SELECT min(position) - max(position) - 1 FROM towns)"
        )
        .execute(&mut *tx)
        .await
        .map_err(failed)?;
        for (position, town) in towns.iter().enumerate() {
            let kind = match town.kind {
                TownKind::Subdistrict => "subdistrict",
                TownKind::Town => "town",
            };
            sqlx::query!(
                "INSERT INTO towns (name, kind, pinyin, position) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, pinyin = excluded.pinyin,
                 position = excluded.position",
                town.full_name(),
                kind,
                town.pinyin,
                position as i64
            )
            .execute(&mut *tx)
            .await
            .map_err(failed)?;
        }
        tx.commit().await.map_err(failed)
    }
}

/// The values of a query built from parts; `bind` gives each one's `$n`.
pub(super) type Args = common::Args<sqlx::Postgres>;

impl Backend for PostgresBackend {
    fn engine(&self) -> &'static str {
        "postgres"
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
                "INSERT INTO readiness (id, checked_at) VALUES (1, $1)
                 ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at",
                now
            )
            .execute(&self.pool)
            .await
            .map(|_| ())
            .map_err(unavailable)
        })
    }

    fn close(&self) -> BoxFuture<'_, ()> {
        Box::pin(async move {
            self.pool.close().await;
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
        Box::pin(async move { drafts::save(&self.pool, self.keys()?, id, draft, now).await })
    }

    fn purge_drafts(
        &self,
        before: DateTime<Utc>,
    ) -> BoxFuture<'_, Result<(usize, Vec<String>), BackendError>> {
        Box::pin(drafts::purge(&self.pool, before))
    }

    fn submit(&self, new: NewApplication) -> BoxFuture<'_, Result<Submitted, BackendError>> {
        Box::pin(async move { applications::submit(&self.pool, self.keys()?, new).await })
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
        Box::pin(applications::withdraw(&self.pool, reference, phone_last4, now))
    }

    fn add_draft_document<'a>(
        &'a self,
        draft_id: &'a str,
        document: NewDocument,
    ) -> BoxFuture<'a, Result<Result<i64, DocumentRefusal>, BackendError>> {
        Box::pin(documents::add(&self.pool, draft_id, document))
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
        Box::pin(documents::remove(&self.pool, draft_id, document_id))
    }

    fn create_family_link<'a>(
        &'a self,
        reference: &'a ReferenceNumber,
        phone_last4: &'a str,
        token_hash: &'a str,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<bool, BackendError>> {
        Box::pin(applications::create_family_link(
            &self.pool,
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
            &self.pool,
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
            &self.pool,
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
        Box::pin(budgets::spend(&self.pool, budgets, now, expires_at))
    }

    fn refund<'a>(&'a self, entries: &'a [i64]) -> BoxFuture<'a, Result<(), BackendError>> {
        Box::pin(budgets::refund(&self.pool, entries))
    }
}

impl ParameterBackend for PostgresBackend {
    fn latest_parameter_set(&self) -> BoxFuture<'_, Result<Option<StoredSet>, BackendError>> {
        Box::pin(parameters::latest(&self.pool))
    }

    fn parameter_revision(&self) -> BoxFuture<'_, Result<Option<i64>, BackendError>> {
        Box::pin(parameters::revision(&self.pool))
    }

    fn add_parameter_set<'a>(&'a self, set: NewSet<'a>) -> BoxFuture<'a, Result<bool, BackendError>> {
        Box::pin(parameters::add_set(&self.pool, set))
    }

    fn propose_parameter<'a>(
        &'a self,
        change: &'a Change,
        by: i64,
        at: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<i64, BackendError>> {
        Box::pin(parameters::propose(&self.pool, change, by, at))
    }

    fn reject_proposal<'a>(
        &'a self,
        id: i64,
        by: i64,
        reason: &'a str,
        at: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<bool, BackendError>> {
        Box::pin(parameters::reject(&self.pool, id, by, reason, at))
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
        Box::pin(parameters::replace_marks(&self.pool, marks, checked_on))
    }
}

impl StaffBackend for PostgresBackend {
    fn add_staff(&self, new: NewStaff, now: DateTime<Utc>) -> BoxFuture<'_, Result<i64, BackendError>> {
        Box::pin(staff::add(&self.pool, new, now))
    }

    fn reserve_login_attempt<'a>(
        &'a self,
        username: &'a str,
        max_failures: i64,
        now: DateTime<Utc>,
        lock_until: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<Option<LoginRecord>, BackendError>> {
        Box::pin(staff::reserve_login_attempt(
            &self.pool,
            username,
            max_failures,
            now,
            lock_until,
        ))
    }

    fn login_succeeded(&self, staff_id: i64) -> BoxFuture<'_, Result<(), BackendError>> {
        Box::pin(staff::login_succeeded(&self.pool, staff_id))
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
            &self.pool, token_hash, staff_id, csrf_token, now, expires_at,
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
        Box::pin(staff::end_session(&self.pool, token_hash))
    }

    fn end_all_sessions(&self, staff_id: i64) -> BoxFuture<'_, Result<(), BackendError>> {
        Box::pin(staff::end_all_sessions(&self.pool, staff_id))
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
            &self.pool,
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
        Box::pin(review::assign(&self.pool, application_id, to, actor, now))
    }

    fn take_next<'a>(
        &'a self,
        town: &'a str,
        me: &'a Staff,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<Option<ReferenceNumber>, BackendError>> {
        Box::pin(review::take_next(&self.pool, town, me, now))
    }

    fn case_document<'a>(
        &'a self,
        scope: &'a Scope,
        document_id: i64,
        viewer: i64,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<Option<(String, String)>, BackendError>> {
        Box::pin(review::case_document(&self.pool, scope, document_id, viewer, now))
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
        Box::pin(async move { reports::ledger(&self.pool, self.keys()?, scope, from, to, viewer, now).await })
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
    use super::PostgresBackend;
    use crate::db::fresh_postgres_database as fresh_database;
    use app::rules::{TOWNS, Town};

    #[tokio::test]
    async fn a_town_taken_off_the_list_keeps_its_row_and_later_starts_go_on() {
        let Some(url) = fresh_database().await else {
            return;
        };
        let backend = PostgresBackend::connect(&url, None).await.unwrap();
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
                .fetch_all(&backend.pool)
                .await
                .unwrap();
        let expected: Vec<String> = towns.iter().map(Town::full_name).collect();
        assert_eq!(listed, expected);
        let kept: i64 = sqlx::query_scalar("SELECT count(*) FROM towns WHERE name = $1 AND position < 0")
            .bind(gone.full_name())
            .fetch_one(&backend.pool)
            .await
            .unwrap();
        assert_eq!(kept, 1, "the town no longer listed keeps its row, below zero");
        backend.pool.close().await;
    }

    #[tokio::test]
    async fn the_database_document_store_keeps_gives_back_and_forgets_bytes() {
        let Some(url) = fresh_database().await else {
            return;
        };
        let backend = PostgresBackend::connect(&url, None).await.unwrap();
        let store = backend.documents();
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
        backend.pool.close().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn two_hundred_spends_at_once_on_one_budget_never_pass_its_limit() {
        use app::backend::{Backend, Budget};
        let Some(url) = fresh_database().await else {
            return;
        };
        let backend = std::sync::Arc::new(PostgresBackend::connect(&url, None).await.unwrap());
        // Every connection of the pool open first, so that the spends really overlap instead
        // of queueing behind the opening of connections.
        let warm: Vec<_> = (0..super::MAX_CONNECTIONS)
            .map(|_| {
                let pool = backend.pool.clone();
                tokio::spawn(async move { pool.acquire().await.unwrap() })
            })
            .collect();
        for connection in warm {
            drop(connection.await.unwrap());
        }
        let now = chrono::Utc::now();
        let spends: Vec<_> = (0..200)
            .map(|n| {
                let backend = backend.clone();
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
                    backend.spend(&budgets, now, later).await.unwrap().is_some()
                })
            })
            .collect();
        let mut passed = 0;
        for spend in spends {
            passed += spend.await.unwrap() as usize;
        }
        assert_eq!(passed, 50);
        backend.pool.close().await;
    }

    #[tokio::test]
    async fn a_spend_refused_by_one_budget_leaves_no_entry_in_the_others() {
        let Some(url) = fresh_database().await else {
            return;
        };
        let backend = PostgresBackend::connect(&url, None).await.unwrap();
        crate::db::common::tests::a_refused_spend_leaves_no_entry(&backend).await;
        backend.pool.close().await;
    }
}
