//! Budgets: entries counted per key until they expire, so that every portal process counts
//! against the same limits (the guessing limit on tracking, the creation limit).
//!
//! How a spend stays all-or-none and never lets two spends both take the last entry differs
//! by engine, so it is written twice, side by side: SQLite's one writer makes each budget's
//! count and its new entry one step; on PostgreSQL several processes spend at once, and the
//! database function `spend_budgets` (its migration says how) locks each key, counts and
//! writes, in one round trip.

use super::common::{EXPIRED_PER_SWEEP, SWEEP_EVERY, fixed_instant, unavailable};
use super::engine::per_engine;
use super::error::BackendError;
use super::store::Store;
use chrono::{DateTime, Utc};

/// A limit on how often something may happen: at most `limit` unexpired entries under `key`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Budget {
    pub key: String,
    pub limit: i64,
}

impl Store {
    /// Spends one entry of each budget, all or none, at `now`; the entries count until
    /// `expires_at`. None, and nothing spent, when a budget already has `limit` entries that
    /// have not expired; else the entries written, to refund.
    pub async fn spend(
        &self,
        budgets: &[Budget],
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<Option<Vec<i64>>, BackendError> {
        let (now, expires_at) = (fixed_instant(now), fixed_instant(expires_at));
        let mut conn = self.write().await?;
        let entries = per_engine!(conn, c =>
            sqlite: sqlite::spend(c, budgets, &now, &expires_at).await?,
            postgres: postgres::spend(c, budgets, &now, &expires_at).await?,
        );
        let Some(entries) = entries else {
            return Ok(None);
        };
        if entries.iter().any(|id| id % SWEEP_EVERY == 0) {
            // Housekeeping: a sweep that fails is logged (`unavailable`) and the next one
            // tries again; the spend itself is done.
            // Deletes expired entries, a few at a time: every `SWEEP_EVERY`-th entry written
            // sweeps up to `EXPIRED_PER_SWEEP`, more than were written meanwhile, so the table
            // stays small. On PostgreSQL, entries another sweep is deleting are skipped rather
            // than waited for.
            let _logged = per_engine!(conn, c =>
                sqlite: sqlx::query!(
                    "DELETE FROM budget_entries WHERE id IN
                        (SELECT id FROM budget_entries WHERE expires_at <= ? LIMIT ?)",
                    now,
                    EXPIRED_PER_SWEEP
                )
                .execute(c)
                .await
                .map(|_| ()),
                postgres: sqlx::query!(
                    "DELETE FROM budget_entries WHERE id IN
                        (SELECT id FROM budget_entries WHERE expires_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED)",
                    now,
                    EXPIRED_PER_SWEEP
                )
                .execute(c)
                .await
                .map(|_| ()),
            )
            .map_err(unavailable);
        }
        Ok(Some(entries))
    }

    /// Gives entries back: what they counted did not happen after all (a guess that proved
    /// right, a request the database could not answer).
    pub async fn refund(&self, entries: &[i64]) -> Result<(), BackendError> {
        let mut conn = self.write().await?;
        per_engine!(conn, c =>
            sqlite: sqlite::refund(c, entries).await,
            postgres: postgres::refund(c, entries).await,
        )
    }
}

#[cfg(feature = "sqlite")]
mod sqlite {
    use super::*;
    use sqlx::{Connection, SqliteConnection};

    pub(super) async fn spend(
        c: &mut SqliteConnection,
        budgets: &[Budget],
        now: &str,
        expires_at: &str,
    ) -> Result<Option<Vec<i64>>, BackendError> {
        if let [budget] = budgets {
            // One budget (a creation): its one statement is its own transaction.
            return Ok(spend_one(c, budget, now, expires_at).await?.map(|id| vec![id]));
        }
        let mut tx = c.begin().await.map_err(unavailable)?;
        let mut entries = Vec::with_capacity(budgets.len());
        for budget in budgets {
            match spend_one(&mut tx, budget, now, expires_at).await? {
                Some(id) => entries.push(id),
                // All or none: the entries of the budgets before this one go too.
                None => return Ok(None),
            }
        }
        tx.commit().await.map_err(unavailable)?;
        Ok(Some(entries))
    }

    /// A new entry under the budget's key, unless it already has `limit` that have not
    /// expired (counted only up to the limit: entries beyond it would change nothing). One
    /// statement: a creation spends a budget on every submission, and the writer is what
    /// submissions queue for.
    async fn spend_one(
        c: &mut SqliteConnection,
        budget: &Budget,
        now: &str,
        expires_at: &str,
    ) -> Result<Option<i64>, BackendError> {
        sqlx::query_scalar!(
            "INSERT INTO budget_entries (key, expires_at)
             SELECT ?1, ?2 WHERE (SELECT count(*) FROM
                (SELECT 1 FROM budget_entries WHERE key = ?1 AND expires_at > ?3 LIMIT ?4)) < ?4
             RETURNING id",
            budget.key,
            expires_at,
            now,
            budget.limit
        )
        .fetch_optional(c)
        .await
        .map_err(unavailable)
    }

    pub(super) async fn refund(c: &mut SqliteConnection, entries: &[i64]) -> Result<(), BackendError> {
        let mut tx = c.begin().await.map_err(unavailable)?;
        for id in entries {
            sqlx::query!("DELETE FROM budget_entries WHERE id = ?", id)
                .execute(&mut *tx)
                .await
                .map_err(unavailable)?;
        }
        tx.commit().await.map_err(unavailable)
    }
}

#[cfg(feature = "postgres")]
mod postgres {
    use super::*;
    use sqlx::PgConnection;

    pub(super) async fn spend(
        c: &mut PgConnection,
        budgets: &[Budget],
        now: &str,
        expires_at: &str,
    ) -> Result<Option<Vec<i64>>, BackendError> {
        let keys: Vec<String> = budgets.iter().map(|b| b.key.clone()).collect();
        let limits: Vec<i64> = budgets.iter().map(|b| b.limit).collect();
        sqlx::query_scalar!(
            "SELECT spend_budgets($1, $2, $3, $4)",
            &keys,
            &limits,
            expires_at,
            now
        )
        .fetch_one(c)
        .await
        .map_err(unavailable)
    }

    pub(super) async fn refund(c: &mut PgConnection, entries: &[i64]) -> Result<(), BackendError> {
        sqlx::query!("DELETE FROM budget_entries WHERE id = ANY($1)", entries)
            .execute(c)
            .await
            .map(|_| ())
            .map_err(unavailable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// All or none: a spend that one of its budgets refuses writes no entry in the others (a
    /// guess refused for its reference must not use up its client's budget).
    #[tokio::test]
    async fn a_spend_refused_by_one_budget_leaves_no_entry_in_the_others() {
        let dir = tempfile::tempdir().unwrap();
        for store in crate::db::each_engine(dir.path(), None).await {
            a_refused_spend_leaves_no_entry(&store).await;
        }
    }

    async fn a_refused_spend_leaves_no_entry(store: &Store) {
        let (now, later) = (Utc::now(), Utc::now() + chrono::Duration::minutes(15));
        let budget = |key: &str, limit| Budget {
            key: key.into(),
            limit,
        };
        let both = [budget("client", 2), budget("reference", 1)];
        assert!(store.spend(&both, now, later).await.unwrap().is_some());
        assert!(
            store.spend(&both, now, later).await.unwrap().is_none(),
            "the reference's one entry is spent"
        );
        // Had the refused spend kept its entry under "client", its budget of two would be spent.
        let client = [budget("client", 2)];
        assert!(store.spend(&client, now, later).await.unwrap().is_some());
        assert!(store.spend(&client, now, later).await.unwrap().is_none());
    }
}
