//! Budgets (app::backend::Backend::spend): entries counted per key until they expire.

use crate::db::common::{EXPIRED_PER_SPEND, fixed_instant, unavailable};
use app::backend::{BackendError, Budget};
use chrono::{DateTime, Utc};
use sqlx::PgPool;

/// Several portal processes spend at once. Each key is locked for the transaction (an advisory
/// lock on its hash, taken in key order so that two spends never wait for each other in a
/// circle) before it is counted: of two spends racing for a key's last entry, the second
/// counts after the first has committed, and finds none left. Expired entries are deleted on
/// the way; entries another spend is deleting are skipped rather than waited for.
pub async fn spend(
    pool: &PgPool,
    budgets: &[Budget],
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<Option<Vec<i64>>, BackendError> {
    let (now, expires_at) = (fixed_instant(now), fixed_instant(expires_at));
    let mut tx = pool.begin().await.map_err(unavailable)?;
    sqlx::query!(
        "DELETE FROM budget_entries WHERE id IN
            (SELECT id FROM budget_entries WHERE expires_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED)",
        now,
        EXPIRED_PER_SPEND
    )
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
    for budget in budgets {
        let spent = sqlx::query_scalar!(
            "SELECT count(*) AS \"spent!\" FROM budget_entries WHERE key = $1 AND expires_at > $2",
            budget.key,
            now
        )
        .fetch_one(&mut *tx)
        .await
        .map_err(unavailable)?;
        if spent >= budget.limit {
            tx.commit().await.map_err(unavailable)?;
            return Ok(None);
        }
    }
    let mut entries = Vec::with_capacity(budgets.len());
    for budget in budgets {
        let id = sqlx::query_scalar!(
            "INSERT INTO budget_entries (key, expires_at) VALUES ($1, $2) RETURNING id",
            budget.key,
            expires_at
        )
        .fetch_one(&mut *tx)
        .await
        .map_err(unavailable)?;
        entries.push(id);
    }
    tx.commit().await.map_err(unavailable)?;
    Ok(Some(entries))
}

pub async fn refund(pool: &PgPool, entries: &[i64]) -> Result<(), BackendError> {
    sqlx::query!("DELETE FROM budget_entries WHERE id = ANY($1)", entries)
        .execute(pool)
        .await
        .map(|_| ())
        .map_err(unavailable)
}
