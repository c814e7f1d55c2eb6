//! 公示, the ledger and the dashboard's figures.

use super::common::unavailable;
use super::engine::{Built, built, execute, fetch, per_engine};
use super::error::BackendError;
use super::review::{running_statuses, scope_clause};
use super::rows::{self, DashboardSql, LedgerSqlRow, start_of};
use super::store::Store;
use app::domain::reports::{Dashboard, LedgerRow, PublicityRow};
use app::domain::review::Scope;
use chrono::{DateTime, Duration, NaiveDate, Utc};

struct PublicityRecord {
    applicant_name: String,
    town: String,
    aid_type: String,
    approved_fen: i64,
    decided_at: String,
}

struct CountRecord {
    town: String,
    status: String,
    aid_type: String,
    applications: i64,
}

struct TotalRecord {
    town: String,
    fen: i64,
}

struct DurationRecord {
    town: String,
    days: f64,
}

impl Store {
    /// The approvals to publish (公示): decided on or after `since`, in one town or all;
    /// names masked. `days` is how long each stays published.
    pub async fn publicity(
        &self,
        since: NaiveDate,
        town: Option<&str>,
        days: i64,
    ) -> Result<Vec<PublicityRow>, BackendError> {
        let since = start_of(since);
        let found = fetch!(
            self.read().await?,
            fetch_all,
            PublicityRecord,
            r#"SELECT applicant_name, town, aid_type, approved_fen AS "approved_fen!", decided_at AS "decided_at!"
             FROM applications
             WHERE decided_at >= $1 AND status IN ('approved', 'paid') AND approved_fen IS NOT NULL
               AND (CAST($2 AS TEXT) IS NULL OR town = $2)
             ORDER BY decided_at DESC LIMIT 1000"#,
            since,
            town
        )
        .map_err(unavailable)?
        .into_iter()
        .map(|r| (r.applicant_name, r.town, r.aid_type, r.approved_fen, r.decided_at))
        .collect();
        Ok(rows::publicity(found, days))
    }

    /// The ledger (台账) within `scope`: applications submitted from `from` to `to` inclusive
    /// (Chongqing dates); the export is logged under `viewer`.
    pub async fn ledger(
        &self,
        scope: &Scope,
        from: NaiveDate,
        to: NaiveDate,
        viewer: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<LedgerRow>, BackendError> {
        let keys = self.keys()?;
        let mut values = Built::default();
        let in_scope = scope_clause(scope, &mut values);
        let start = values.bind(start_of(from));
        let end = values.bind(start_of(to + Duration::days(1)));
        let sql = format!(
            "SELECT a.reference, a.town, a.aid_type, a.applicant_name, a.id_number,
                    (SELECT count(*) FROM members m WHERE m.application_id = a.id) AS household_size,
                    a.cause, a.submitted_at, a.status, a.level, a.advance_fen, a.approved_fen, a.decided_at
             FROM applications a
             WHERE {in_scope} AND a.submitted_at >= {start} AND a.submitted_at < {end}
             ORDER BY a.town, a.submitted_at"
        );
        let found: Vec<LedgerSqlRow> =
            built!(self.read().await?, fetch_all, query_as, &sql, values).map_err(unavailable)?;
        let (at, what, count) = (
            now.to_rfc3339(),
            format!("ledger {from}..{to}"),
            found.len() as i64,
        );
        execute!(
            self.write().await?,
            "INSERT INTO export_log (staff_id, at, what, row_count) VALUES ($1, $2, $3, $4)",
            viewer,
            at,
            what,
            count
        )
        .map_err(unavailable)?;
        rows::ledger(keys, found)
    }

    /// The dashboard's figures: one town's (`Some`), or every town's and the district's.
    pub async fn dashboard(&self, town: Option<&str>, today: NaiveDate) -> Result<Dashboard, BackendError> {
        let mut conn = self.read().await?;
        let counts = fetch!(
            conn,
            fetch_all,
            CountRecord,
            r#"SELECT town, status, aid_type, count(*) AS "applications!: i64" FROM applications
             WHERE (CAST($1 AS TEXT) IS NULL OR town = $1) GROUP BY town, status, aid_type"#,
            town
        )
        .map_err(unavailable)?
        .into_iter()
        .map(|r| (r.town, r.status, r.aid_type, r.applications))
        .collect();
        // Built from the state machine's list of running statuses.
        let mut values = Built::default();
        let in_town = match town {
            Some(town) => format!("a.town = {}", values.bind(town)),
            None => "TRUE".into(),
        };
        let before = values.bind(today.to_string());
        let sql = format!(
            "SELECT a.town, count(*) FROM queue_entries q JOIN applications a ON a.id = q.application_id
             WHERE {in_town} AND q.due_on < {before} AND a.status IN ({})
             GROUP BY a.town",
            running_statuses()
        );
        let overdue: Vec<(String, i64)> =
            built!(conn, fetch_all, query_as, &sql, values).map_err(unavailable)?;
        // sum() of BIGINT is NUMERIC in PostgreSQL; fen totals fit a BIGINT.
        let approved = fetch!(
            conn,
            fetch_all,
            TotalRecord,
            r#"SELECT town, CAST(coalesce(sum(approved_fen), 0) AS BIGINT) AS "fen!: i64" FROM applications
             WHERE (CAST($1 AS TEXT) IS NULL OR town = $1) AND status IN ('approved', 'paid') GROUP BY town"#,
            town
        )
        .map_err(unavailable)?
        .into_iter()
        .map(|r| (r.town, r.fen))
        .collect();
        // Days between two stored instants, with their fraction: each engine has its own date
        // arithmetic.
        let durations = per_engine!(conn, c =>
            sqlite: sqlx::query_as!(
                DurationRecord,
                r#"SELECT town, julianday(decided_at) - julianday(submitted_at) AS "days!: f64"
                 FROM applications
                 WHERE (? IS NULL OR town = ?) AND decided_at IS NOT NULL"#,
                town,
                town
            )
            .fetch_all(c)
            .await,
            postgres: sqlx::query_as!(
                DurationRecord,
                r#"SELECT town,
                    EXTRACT(EPOCH FROM decided_at::TIMESTAMPTZ - submitted_at::TIMESTAMPTZ)::FLOAT8 / 86400
                        AS "days!"
                 FROM applications
                 WHERE ($1::TEXT IS NULL OR town = $1) AND decided_at IS NOT NULL"#,
                town
            )
            .fetch_all(c)
            .await,
        )
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
}
