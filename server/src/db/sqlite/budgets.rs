//! Budgets (app::backend::Backend::spend): entries counted per key until they expire.

use crate::db::common::{EXPIRED_PER_SPEND, fixed_instant, unavailable};
use app::backend::{BackendError, Budget};
use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

/// On the writer: SQLite's one writer makes the count and the insert one step, so two spends
/// at once cannot both see room for the last entry.
pub async fn spend(
    writer: &SqlitePool,
    budgets: &[Budget],
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<Option<Vec<i64>>, BackendError> {
    let (now, expires_at) = (fixed_instant(now), fixed_instant(expires_at));
    let mut tx = writer.begin().await.map_err(unavailable)?;
    sqlx::query!(
        "DELETE FROM budget_entries WHERE id IN
            (SELECT id FROM budget_entries WHERE expires_at <= ? LIMIT ?)",
        now,
        EXPIRED_PER_SPEND
    )
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    for budget in budgets {
        let spent = sqlx::query_scalar!(
            "SELECT count(*) FROM budget_entries WHERE key = ? AND expires_at > ?",
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
            "INSERT INTO budget_entries (key, expires_at) VALUES (?, ?) RETURNING id",
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

pub async fn refund(writer: &SqlitePool, entries: &[i64]) -> Result<(), BackendError> {
    let mut tx = writer.begin().await.map_err(unavailable)?;
    for id in entries {
        sqlx::query!("DELETE FROM budget_entries WHERE id = ?", id)
            .execute(&mut *tx)
            .await
            .map_err(unavailable)?;
    }
    tx.commit().await.map_err(unavailable)
}
