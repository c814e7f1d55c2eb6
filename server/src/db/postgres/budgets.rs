//! Budgets (app::backend::Backend::spend): entries counted per key until they expire.

use crate::db::common::{EXPIRED_PER_SWEEP, SWEEP_EVERY, fixed_instant, unavailable};
use app::backend::{BackendError, Budget};
use chrono::{DateTime, Utc};
use sqlx::PgPool;

/// Several portal processes spend at once. Each key is locked for the transaction (an advisory
/// lock on its hash, taken in key order so that two spends never wait for each other in a
/// circle) before it is counted: of two spends racing for a key's last entry, the second
/// counts after the first has committed, and finds none left.
pub async fn spend(
    pool: &PgPool,
    budgets: &[Budget],
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<Option<Vec<i64>>, BackendError> {
    let (now, expires_at) = (fixed_instant(now), fixed_instant(expires_at));
    let mut tx = pool.begin().await.map_err(unavailable)?;
    // A budget entry lost in a crash gives a guesser one guess more, nothing worse: its commit
    // need not wait for the disk, and an application's own commit keeps its full guarantee.
    sqlx::query("SET LOCAL synchronous_commit = off")
        .execute(&mut *tx)
        .await
        .map_err(unavailable)?;
    let mut keys: Vec<&str> = budgets.iter().map(|b| b.key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        // The lock function returns void, which no Rust type decodes: counted instead.
        sqlx::query!(
            "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended($1, 0))) AS locked",
            key
        )
        .fetch_one(&mut *tx)
        .await
        .map_err(unavailable)?;
    }
    let mut entries = Vec::with_capacity(budgets.len());
    for budget in budgets {
        // Counted only up to the limit: a key's entries beyond it would change nothing.
        let entry = sqlx::query_scalar!(
            "INSERT INTO budget_entries (key, expires_at)
             SELECT $1, $2 WHERE (SELECT count(*) FROM
                (SELECT 1 FROM budget_entries WHERE key = $1 AND expires_at > $3 LIMIT $4) AS spent) < $4
             RETURNING id",
            budget.key,
            expires_at,
            now,
            budget.limit
        )
        .fetch_optional(&mut *tx)
        .await
        .map_err(unavailable)?;
        match entry {
            Some(id) => entries.push(id),
            // All or none: the entries of the budgets before this one go too.
            None => return Ok(None),
        }
    }
    tx.commit().await.map_err(unavailable)?;
    if entries.iter().any(|id| id % SWEEP_EVERY == 0) {
        // Housekeeping: a sweep that fails is logged (`unavailable`) and the next one tries
        // again; the spend itself is done.
        let _logged = sweep(pool, &now).await;
    }
    Ok(Some(entries))
}

/// Deletes expired entries, a few at a time: every `SWEEP_EVERY`-th entry written sweeps up
/// to `EXPIRED_PER_SWEEP`, more than were written meanwhile, so the table stays small. Entries
/// another sweep is deleting are skipped rather than waited for.
async fn sweep(pool: &PgPool, now: &str) -> Result<(), BackendError> {
    sqlx::query!(
        "DELETE FROM budget_entries WHERE id IN
            (SELECT id FROM budget_entries WHERE expires_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED)",
        now,
        EXPIRED_PER_SWEEP
    )
    .execute(pool)
    .await
    .map(|_| ())
    .map_err(unavailable)
}

pub async fn refund(pool: &PgPool, entries: &[i64]) -> Result<(), BackendError> {
    sqlx::query!("DELETE FROM budget_entries WHERE id = ANY($1)", entries)
        .execute(pool)
        .await
        .map(|_| ())
        .map_err(unavailable)
}
