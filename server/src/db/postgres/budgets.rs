//! Budgets (app::backend::Backend::spend): entries counted per key until they expire.

use crate::db::common::{EXPIRED_PER_SWEEP, SWEEP_EVERY, fixed_instant, unavailable};
use app::backend::{BackendError, Budget};
use chrono::{DateTime, Utc};
use sqlx::PgPool;

/// Several portal processes spend at once: the database function `spend_budgets` (its
/// migration says how) locks each key, counts and writes the entries, all or none, in one
/// round trip.
pub async fn spend(
    pool: &PgPool,
    budgets: &[Budget],
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<Option<Vec<i64>>, BackendError> {
    let (now, expires_at) = (fixed_instant(now), fixed_instant(expires_at));
    let keys: Vec<String> = budgets.iter().map(|b| b.key.clone()).collect();
    let limits: Vec<i64> = budgets.iter().map(|b| b.limit).collect();
    let entries = sqlx::query_scalar!(
        "SELECT spend_budgets($1, $2, $3, $4)",
        &keys,
        &limits,
        expires_at,
        now
    )
    .fetch_one(pool)
    .await
    .map_err(unavailable)?;
    let Some(entries) = entries else {
        return Ok(None);
    };
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
