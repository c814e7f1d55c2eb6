//! Managed parameters on SQLite (app::backend::parameters): whole sets by revision, and the
//! proposals that make them.

use crate::db::common::unavailable;
use crate::db::rows::{ProposalSqlRow, open_cases_of, open_cases_sql, proposal};
use app::backend::BackendError;
use app::backend::parameters::{NewSet, OpenCase, Proposal, StoredSet};
use app::rules::Change;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqlitePool;

pub async fn latest(pool: &SqlitePool) -> Result<Option<StoredSet>, BackendError> {
    let row = sqlx::query!("SELECT revision, document FROM parameter_sets ORDER BY revision DESC LIMIT 1")
        .fetch_optional(pool)
        .await
        .map_err(unavailable)?;
    Ok(row.map(|r| StoredSet {
        revision: r.revision,
        document: r.document,
    }))
}

pub async fn revision(pool: &SqlitePool) -> Result<Option<i64>, BackendError> {
    sqlx::query_scalar!(r#"SELECT max(revision) AS "revision: i64" FROM parameter_sets"#)
        .fetch_one(pool)
        .await
        .map_err(unavailable)
}

pub async fn add_set(pool: &SqlitePool, set: NewSet<'_>) -> Result<bool, BackendError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(unavailable)?;
    let at = set.at.to_rfc3339();
    let proposal_id = set.approval.map(|(id, _)| id);
    if let Some((id, by)) = set.approval {
        let done = sqlx::query!(
            "UPDATE parameter_proposals SET decision = 'approved', decided_by = ?, decided_at = ?
             WHERE id = ? AND decision IS NULL",
            by,
            at,
            id
        )
        .execute(&mut *tx)
        .await
        .map_err(unavailable)?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
    }
    let inserted = sqlx::query!(
        "INSERT INTO parameter_sets (revision, version, document, made_at, proposal_id) VALUES (?, ?, ?, ?, ?)",
        set.revision,
        set.version,
        set.document,
        at,
        proposal_id
    )
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(_) => {}
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => return Err(BackendError::Conflict),
        Err(e) => return Err(unavailable(e)),
    }
    tx.commit().await.map_err(unavailable)?;
    Ok(true)
}

pub async fn propose(
    pool: &SqlitePool,
    change: &Change,
    by: i64,
    at: DateTime<Utc>,
) -> Result<i64, BackendError> {
    let (from, value, at) = (change.from.to_string(), change.value.to_string(), at.to_rfc3339());
    let done = sqlx::query!(
        "INSERT INTO parameter_proposals (key, from_date, value, verified, source, proposed_by, proposed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
        change.key,
        from,
        value,
        change.verified,
        change.source,
        by,
        at
    )
    .execute(pool)
    .await
    .map_err(unavailable)?;
    Ok(done.last_insert_rowid())
}

pub async fn reject(
    pool: &SqlitePool,
    id: i64,
    by: i64,
    reason: &str,
    at: DateTime<Utc>,
) -> Result<bool, BackendError> {
    let at = at.to_rfc3339();
    let done = sqlx::query!(
        "UPDATE parameter_proposals SET decision = 'rejected', decided_by = ?, decided_at = ?, reason = ?
         WHERE id = ? AND decision IS NULL AND proposed_by <> ?",
        by,
        at,
        reason,
        id,
        by
    )
    .execute(pool)
    .await
    .map_err(unavailable)?;
    Ok(done.rows_affected() == 1)
}

pub async fn list(pool: &SqlitePool, limit: i64, only: Option<i64>) -> Result<Vec<Proposal>, BackendError> {
    let rows = sqlx::query_as!(
        ProposalSqlRow,
        r#"SELECT p.id AS "id!", p.key, p.from_date, p.value, p.verified AS "verified: bool", p.source,
                  p.proposed_by, s.display_name AS proposed_by_name, p.proposed_at,
                  p.decision, p.decided_by, d.display_name AS "decided_by_name?", p.decided_at, p.reason
           FROM parameter_proposals p
           JOIN staff s ON s.id = p.proposed_by
           LEFT JOIN staff d ON d.id = p.decided_by
           WHERE ?1 IS NULL OR p.id = ?1
           ORDER BY p.decision IS NOT NULL, coalesce(p.decided_at, p.proposed_at) DESC, p.id DESC
           LIMIT ?2"#,
        only,
        limit
    )
    .fetch_all(pool)
    .await
    .map_err(unavailable)?;
    Ok(rows.into_iter().map(proposal).collect())
}

/// Every case not yet decided (crate::db::rows::open_cases).
pub async fn open_cases(pool: &SqlitePool) -> Result<Vec<OpenCase>, BackendError> {
    let rows = sqlx::query_as(&open_cases_sql())
        .fetch_all(pool)
        .await
        .map_err(unavailable)?;
    Ok(open_cases_of(rows))
}

/// Every process re-checks when the day changes, so two may replace the marks at once: a mark
/// the other wrote meanwhile is overwritten (the same case, the same figures), never a failure.
pub async fn replace_marks(
    pool: &SqlitePool,
    marks: &[(i64, String)],
    checked_on: NaiveDate,
) -> Result<(), BackendError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(unavailable)?;
    sqlx::query!("DELETE FROM recheck_marks")
        .execute(&mut *tx)
        .await
        .map_err(unavailable)?;
    let on = checked_on.to_string();
    for (id, difference) in marks {
        sqlx::query!(
            "INSERT INTO recheck_marks (application_id, difference, checked_on) VALUES (?, ?, ?)
             ON CONFLICT (application_id) DO UPDATE SET difference = excluded.difference, checked_on = excluded.checked_on",
            id,
            difference,
            on
        )
        .execute(&mut *tx)
        .await
        .map_err(unavailable)?;
    }
    tx.commit().await.map_err(unavailable)
}
