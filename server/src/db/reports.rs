//! 公示, the ledger and the dashboard's figures.

use super::common::{mask_name, open, parse_time, sealed, start_of, unavailable, unreadable};
use super::engine::{Built, built, execute, fetch, per_engine};
use super::error::BackendError;
use super::review::{running_statuses, scope_clause};
use super::store::Store;
use crate::crypto::DataKeys;
use app::domain::clock::date_in_chongqing;
use app::domain::reports::{Dashboard, LedgerRow, PublicityRow};
use app::domain::reports::{Figures, median};
use app::domain::review::Scope;
use app::domain::review::{Level, Status};
use app::domain::{AidType, NationalId};
use app::rules::{Money, TOWNS};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::HashMap;

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
        Ok(publicity(found, days))
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
        ledger(keys, found)
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

        Ok(dashboard(
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

/// A decision on the 公示 list: name, town, aid type, amount, decided at.
pub(crate) type PublicitySqlRow = (String, String, String, i64, String);

/// The 公示 list; each decision shown for `days` days.
pub(crate) fn publicity(rows: Vec<PublicitySqlRow>, days: i64) -> Vec<PublicityRow> {
    rows.into_iter()
        .filter_map(|(name, town, aid, fen, decided_at)| {
            let decided_on = date_in_chongqing(parse_time(&decided_at));
            Some(PublicityRow {
                masked_name: mask_name(&name),
                town,
                aid_type: AidType::parse(&aid)?,
                amount: Money::from_fen(fen),
                decided_on,
                until: decided_on + Duration::days(days),
            })
        })
        .collect()
}

/// A line of the ledger as selected, its ID number still sealed.
#[derive(sqlx::FromRow)]
pub(crate) struct LedgerSqlRow {
    reference: String,
    town: String,
    aid_type: String,
    applicant_name: String,
    id_number: String,
    household_size: i64,
    cause: String,
    submitted_at: String,
    status: String,
    level: String,
    advance_fen: Option<i64>,
    approved_fen: Option<i64>,
    decided_at: Option<String>,
}

/// The ledger: a row that does not read back is an error, never a line missing from it.
pub(crate) fn ledger(keys: &DataKeys, rows: Vec<LedgerSqlRow>) -> Result<Vec<LedgerRow>, BackendError> {
    rows.into_iter()
        .map(|r| {
            let id_number = open(keys, sealed::APPLICATION_ID_NUMBER, &r.id_number, &r.reference)?;
            let parsed = (
                AidType::parse(&r.aid_type),
                NationalId::parse(&id_number).ok(),
                Status::parse(&r.status),
                Level::parse(&r.level),
            );
            let (Some(aid_type), Some(id_number), Some(status), Some(level)) = parsed else {
                return Err(unreadable("ledger row", &r.reference));
            };
            Ok(LedgerRow {
                reference: r.reference,
                town: r.town,
                aid_type,
                applicant_name: r.applicant_name,
                masked_id_number: id_number.masked(),
                household_size: r.household_size,
                cause: r.cause,
                submitted_on: date_in_chongqing(parse_time(&r.submitted_at)),
                status,
                level,
                advance: r.advance_fen.map(Money::from_fen),
                approved: r.approved_fen.map(Money::from_fen),
                decided_on: r.decided_at.map(|d| date_in_chongqing(parse_time(&d))),
            })
        })
        .collect()
}

/// What the dashboard's queries found, per town.
pub(crate) struct DashboardSql {
    /// Town, status, aid type, applications.
    pub counts: Vec<(String, String, String, i64)>,
    /// Town, cases past their deadline.
    pub overdue: Vec<(String, i64)>,
    /// Town, fen approved.
    pub approved: Vec<(String, i64)>,
    /// Town, days from submission to decision, for each decided case.
    pub durations: Vec<(String, f64)>,
}

/// The figures being gathered for a town, and its days to decision.
fn entry<'a>(
    figures: &'a mut HashMap<String, (Figures, Vec<f64>)>,
    town: &str,
) -> &'a mut (Figures, Vec<f64>) {
    figures.entry(town.to_string()).or_insert_with(|| {
        (
            Figures {
                town: town.to_string(),
                ..Figures::default()
            },
            Vec::new(),
        )
    })
}

/// Figures for one town (`Some`) or for every town and the district (`None`).
pub(crate) fn dashboard(found: DashboardSql, town: Option<&str>) -> Dashboard {
    let mut figures: HashMap<String, (Figures, Vec<f64>)> = HashMap::new();
    for (t, status, aid, n) in &found.counts {
        let (f, _) = entry(&mut figures, t);
        if let Some(s) = Status::parse(status) {
            match f.by_status.iter_mut().find(|(x, _)| *x == s) {
                Some((_, total)) => *total += n,
                None => f.by_status.push((s, *n)),
            }
        }
        match AidType::parse(aid) {
            Some(AidType::Emergency) => f.emergency += n,
            Some(AidType::Expense) => f.expense += n,
            None => {}
        }
    }
    for (t, n) in &found.overdue {
        entry(&mut figures, t).0.overdue = *n;
    }
    for (t, fen) in &found.approved {
        entry(&mut figures, t).0.approved_total = Money::from_fen(*fen);
    }
    for (t, days) in found.durations {
        entry(&mut figures, &t).1.push(days);
    }

    let mut district = Figures::default();
    let mut all_days = Vec::new();
    let mut towns = Vec::new();
    for t in TOWNS.iter().map(|t| t.full_name()) {
        if town.is_some_and(|only| only != t) {
            continue;
        }
        let (mut f, days) = figures.remove(&t).unwrap_or_else(|| {
            (
                Figures {
                    town: t.clone(),
                    ..Figures::default()
                },
                Vec::new(),
            )
        });
        f.by_status.sort_by_key(|(s, _)| *s);
        f.decided = days.len() as i64;
        f.median_days_to_decision = median(days.clone());
        for (s, n) in &f.by_status {
            match district.by_status.iter_mut().find(|(x, _)| x == s) {
                Some((_, total)) => *total += n,
                None => district.by_status.push((*s, *n)),
            }
        }
        district.emergency += f.emergency;
        district.expense += f.expense;
        district.overdue += f.overdue;
        district.approved_total = district.approved_total.plus(f.approved_total);
        all_days.extend(days);
        towns.push(f);
    }
    district.by_status.sort_by_key(|(s, _)| *s);
    district.decided = all_days.len() as i64;
    district.median_days_to_decision = median(all_days);
    Dashboard {
        district: town.is_none().then_some(district),
        towns,
    }
}
