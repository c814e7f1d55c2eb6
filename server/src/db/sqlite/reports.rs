//! 公示, the ledger and the dashboard's figures.

use super::Args;
use super::review::{running_statuses, scope_clause};
use crate::crypto::DataKeys;
use crate::db::common::unavailable;
use crate::db::rows::{self, DashboardSql, LedgerSqlRow, PublicitySqlRow, start_of};
use app::backend::BackendError;
use app::domain::reports::{Dashboard, LedgerRow, PublicityRow};
use app::domain::review::Scope;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sqlx::SqlitePool;

pub async fn publicity(
    pool: &SqlitePool,
    since: NaiveDate,
    town: Option<&str>,
    days: i64,
) -> Result<Vec<PublicityRow>, BackendError> {
    let found: Vec<PublicitySqlRow> = sqlx::query_as(
        "SELECT applicant_name, town, aid_type, approved_fen, decided_at FROM applications
         WHERE decided_at >= ? AND status IN ('approved', 'paid') AND approved_fen IS NOT NULL
           AND (? IS NULL OR town = ?)
         ORDER BY decided_at DESC LIMIT 1000",
    )
    .bind(start_of(since))
    .bind(town)
    .bind(town)
    .fetch_all(pool)
    .await
    .map_err(unavailable)?;
    Ok(rows::publicity(found, days))
}

#[allow(clippy::too_many_arguments)]
pub async fn ledger(
    pool: &SqlitePool,
    writer: &SqlitePool,
    keys: &DataKeys,
    scope: &Scope,
    from: NaiveDate,
    to: NaiveDate,
    viewer: i64,
    now: DateTime<Utc>,
) -> Result<Vec<LedgerRow>, BackendError> {
    let (scope_sql, scope_values) = scope_clause(scope);
    let mut args = Args::default();
    args.all(&scope_values);
    args.add(start_of(from));
    args.add(start_of(to + Duration::days(1)));
    let rows: Vec<LedgerSqlRow> = sqlx::query_as_with(
        &format!(
            "SELECT a.reference, a.town, a.aid_type, a.applicant_name, a.id_number,
                    (SELECT count(*) FROM members m WHERE m.application_id = a.id) AS household_size,
                    a.cause, a.submitted_at, a.status, a.level, a.advance_fen, a.approved_fen, a.decided_at
             FROM applications a
             WHERE {scope_sql} AND a.submitted_at >= ? AND a.submitted_at < ?
             ORDER BY a.town, a.submitted_at"
        ),
        args.finish()?,
    )
    .fetch_all(pool)
    .await
    .map_err(unavailable)?;
    sqlx::query("INSERT INTO export_log (staff_id, at, what, row_count) VALUES (?, ?, ?, ?)")
        .bind(viewer)
        .bind(now.to_rfc3339())
        .bind(format!("ledger {from}..{to}"))
        .bind(rows.len() as i64)
        .execute(writer)
        .await
        .map_err(unavailable)?;
    rows::ledger(keys, rows)
}

/// Figures for one town (`Some`) or for every town and the district (`None`).
pub async fn dashboard(
    pool: &SqlitePool,
    town: Option<&str>,
    today: NaiveDate,
) -> Result<Dashboard, BackendError> {
    let counts: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT town, status, aid_type, count(*) FROM applications
         WHERE (? IS NULL OR town = ?) GROUP BY town, status, aid_type",
    )
    .bind(town)
    .bind(town)
    .fetch_all(pool)
    .await
    .map_err(unavailable)?;
    let overdue: Vec<(String, i64)> = sqlx::query_as(&format!(
        "SELECT a.town, count(*) FROM queue_entries q JOIN applications a ON a.id = q.application_id
         WHERE (? IS NULL OR a.town = ?) AND q.due_on < ? AND a.status IN ({})
         GROUP BY a.town",
        running_statuses()
    ))
    .bind(town)
    .bind(town)
    .bind(today.to_string())
    .fetch_all(pool)
    .await
    .map_err(unavailable)?;
    let approved: Vec<(String, i64)> = sqlx::query_as(
        "SELECT town, coalesce(sum(approved_fen), 0) FROM applications
         WHERE (? IS NULL OR town = ?) AND status IN ('approved', 'paid') GROUP BY town",
    )
    .bind(town)
    .bind(town)
    .fetch_all(pool)
    .await
    .map_err(unavailable)?;
    let durations: Vec<(String, f64)> = sqlx::query_as(
        "SELECT town, julianday(decided_at) - julianday(submitted_at) FROM applications
         WHERE (? IS NULL OR town = ?) AND decided_at IS NOT NULL",
    )
    .bind(town)
    .bind(town)
    .fetch_all(pool)
    .await
    .map_err(unavailable)?;

    Ok(rows::dashboard(
        DashboardSql {
            counts,
            overdue,
            approved,
            durations,
        },
        town,
    ))
}
