//! Budgets (app::backend::Backend::spend): entries counted per key until they expire.

use crate::db::common::{EXPIRED_PER_SWEEP, SWEEP_EVERY, fixed_instant, unavailable};
use app::backend::{BackendError, Budget};
use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

/// On the writer: SQLite's one writer makes each budget's count and its new entry one step,
/// so two spends at once cannot both see room for the last entry.
pub async fn spend(
    writer: &SqlitePool,
    budgets: &[Budget],
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<Option<Vec<i64>>, BackendError> {
    let (now, expires_at) = (fixed_instant(now), fixed_instant(expires_at));
    let entries = match budgets {
        // One budget (a creation): its one statement is its own transaction.
        [budget] => match spend_one(writer, budget, &now, &expires_at).await? {
            Some(id) => vec![id],
            None => return Ok(None),
        },
        _ => {
            let mut tx = writer.begin().await.map_err(unavailable)?;
            let mut entries = Vec::with_capacity(budgets.len());
            for budget in budgets {
                match spend_one(&mut *tx, budget, &now, &expires_at).await? {
                    Some(id) => entries.push(id),
                    // All or none: the entries of the budgets before this one go too.
                    None => return Ok(None),
                }
            }
            tx.commit().await.map_err(unavailable)?;
            entries
        }
    };
    if entries.iter().any(|id| id % SWEEP_EVERY == 0) {
        // Housekeeping: a sweep that fails is logged (`unavailable`) and the next one tries
        // again; the spend itself is done.
        let _logged = sweep(writer, &now).await;
    }
    Ok(Some(entries))
}

/// A new entry under the budget's key, unless it already has `limit` that have not expired
/// (counted only up to the limit: entries beyond it would change nothing). One statement: a
/// creation spends a budget on every submission, and the writer is what submissions queue for.
async fn spend_one<'e>(
    on: impl sqlx::SqliteExecutor<'e>,
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
    .fetch_optional(on)
    .await
    .map_err(unavailable)
}

/// Deletes expired entries, a few at a time: every `SWEEP_EVERY`-th entry written sweeps up
/// to `EXPIRED_PER_SWEEP`, more than were written meanwhile, so the table stays small.
async fn sweep(writer: &SqlitePool, now: &str) -> Result<(), BackendError> {
    sqlx::query!(
        "DELETE FROM budget_entries WHERE id IN
            (SELECT id FROM budget_entries WHERE expires_at <= ? LIMIT ?)",
        now,
        EXPIRED_PER_SWEEP
    )
    .execute(writer)
    .await
    .map(|_| ())
    .map_err(unavailable)
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
