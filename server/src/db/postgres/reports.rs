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
use sqlx::PgPool;

pub async fn publicity(
    pool: &PgPool,
    since: NaiveDate,
    town: Option<&str>,
    days: i64,
) -> Result<Vec<PublicityRow>, BackendError> {
    let found: Vec<PublicitySqlRow> = sqlx::query!(
        r#"SELECT applicant_name, town, aid_type, approved_fen AS "approved_fen!", decided_at AS "decided_at!"
         FROM applications
         WHERE decided_at >= $1 AND status IN ('approved', 'paid') AND approved_fen IS NOT NULL
           AND ($2::TEXT IS NULL OR town = $2)
         ORDER BY decided_at DESC LIMIT 1000"#,
        start_of(since),
        town
    )
    .fetch_all(pool)
    .await
    .map_err(unavailable)?
    .into_iter()
    .map(|r| (r.applicant_name, r.town, r.aid_type, r.approved_fen, r.decided_at))
    .collect();
    Ok(rows::publicity(found, days))
}

#[allow(clippy::too_many_arguments)]
pub async fn ledger(
    pool: &PgPool,
    keys: &DataKeys,
    scope: &Scope,
    from: NaiveDate,
    to: NaiveDate,
    viewer: i64,
    now: DateTime<Utc>,
) -> Result<Vec<LedgerRow>, BackendError> {
    let mut args = Args::default();
    let in_scope = scope_clause(scope, &mut args);
    let start = args.bind(start_of(from));
    let end = args.bind(start_of(to + Duration::days(1)));
    let rows: Vec<LedgerSqlRow> = sqlx::query_as_with(
        &format!(
            "SELECT a.reference, a.town, a.aid_type, a.applicant_name, a.id_number,
                    (SELECT count(*) FROM members m WHERE m.application_id = a.id) AS household_size,
                    a.cause, a.submitted_at, a.status, a.level, a.advance_fen, a.approved_fen, a.decided_at
             FROM applications a
             WHERE {in_scope} AND a.submitted_at >= {start} AND a.submitted_at < {end}
             ORDER BY a.town, a.submitted_at"
        ),
        args.finish()?,
    )
    .fetch_all(pool)
    .await
    .map_err(unavailable)?;
    sqlx::query!(
        "INSERT INTO export_log (staff_id, at, what, row_count) VALUES ($1, $2, $3, $4)",
        viewer,
        now.to_rfc3339(),
        format!("ledger {from}..{to}"),
        rows.len() as i64
    )
    .execute(pool)
    .await
    .map_err(unavailable)?;
    rows::ledger(keys, rows)
}

/// Figures for one town (`Some`) or for every town and the district (`None`).
pub async fn dashboard(
    pool: &PgPool,
    town: Option<&str>,
    today: NaiveDate,
) -> Result<Dashboard, BackendError> {
    let counts = sqlx::query!(
        r#"SELECT town, status, aid_type, count(*) AS "applications!" FROM applications
         WHERE ($1::TEXT IS NULL OR town = $1) GROUP BY town, status, aid_type"#,
        town
    )
    .fetch_all(pool)
    .await
    .map_err(unavailable)?
    .into_iter()
    .map(|r| (r.town, r.status, r.aid_type, r.applications))
    .collect();
    // Built from the state machine's list of running statuses, so not a checked query.
    let overdue: Vec<(String, i64)> = sqlx::query_as(&format!(
        "SELECT a.town, count(*) FROM queue_entries q JOIN applications a ON a.id = q.application_id
         WHERE ($1::TEXT IS NULL OR a.town = $1) AND q.due_on < $2 AND a.status IN ({})
         GROUP BY a.town",
        running_statuses()
    ))
    .bind(town)
    .bind(today.to_string())
    .fetch_all(pool)
    .await
    .map_err(unavailable)?;
    // sum() of BIGINT is NUMERIC in PostgreSQL; fen totals fit a BIGINT.
    let approved = sqlx::query!(
        r#"SELECT town, coalesce(sum(approved_fen), 0)::BIGINT AS "fen!" FROM applications
         WHERE ($1::TEXT IS NULL OR town = $1) AND status IN ('approved', 'paid') GROUP BY town"#,
        town
    )
    .fetch_all(pool)
    .await
    .map_err(unavailable)?
    .into_iter()
    .map(|r| (r.town, r.fen))
    .collect();
    // Days between two stored instants, with their fraction (SQLite's julianday difference).
    let durations = sqlx::query!(
        r#"SELECT town,
                EXTRACT(EPOCH FROM decided_at::TIMESTAMPTZ - submitted_at::TIMESTAMPTZ)::FLOAT8 / 86400
                    AS "days!"
         FROM applications
         WHERE ($1::TEXT IS NULL OR town = $1) AND decided_at IS NOT NULL"#,
        town
    )
    .fetch_all(pool)
    .await
    .map_err(unavailable)?
    .into_iter()
    .map(|r| (r.town, r.days))
    .collect();

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
