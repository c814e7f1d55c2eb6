//! 公示, the ledger and the dashboard's figures.

use super::applications::mask_name;
use super::review::{running_statuses, scope_clause};
use super::unavailable;
use super::{Args, open, parse_time, sealed, unreadable};
use crate::crypto::DataKeys;
use app::backend::BackendError;
use app::domain::clock::{date_in_chongqing, start_of_day};
use app::domain::reports::{Dashboard, Figures, LedgerRow, PublicityRow, median};
use app::domain::review::{Level, Scope, Status};
use app::domain::{AidType, NationalId};
use app::rules::{Money, TOWNS};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sqlx::SqlitePool;
use std::collections::HashMap;

/// The first instant of a Chongqing date, as stored (UTC, RFC 3339).
fn start_of(day: NaiveDate) -> String {
    start_of_day(day).to_rfc3339()
}

pub async fn publicity(
    pool: &SqlitePool,
    since: NaiveDate,
    town: Option<&str>,
    days: i64,
) -> Result<Vec<PublicityRow>, BackendError> {
    let rows: Vec<(String, String, String, i64, String)> = sqlx::query_as(
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
    Ok(rows
        .into_iter()
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
        .collect())
}

#[derive(sqlx::FromRow)]
struct Row {
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
    let rows: Vec<Row> = sqlx::query_as_with(
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
    // A row that does not read back is an error, never a line missing from the ledger.
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

    let mut figures: HashMap<String, (Figures, Vec<f64>)> = HashMap::new();
    for (t, status, aid, n) in &counts {
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
    for (t, n) in &overdue {
        entry(&mut figures, t).0.overdue = *n;
    }
    for (t, fen) in &approved {
        entry(&mut figures, t).0.approved_total = Money::from_fen(*fen);
    }
    for (t, days) in durations {
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
    Ok(Dashboard {
        district: town.is_none().then_some(district),
        towns,
    })
}
