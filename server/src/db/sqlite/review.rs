//! The review side: the queue, the case file, transitions and the access log. Every query is
//! limited to the staff member's scope in its WHERE clause, so nothing of another town can
//! leak through a row, a count or a document.

use super::Args;
use crate::crypto::DataKeys;
use crate::db::common::{statuses_where, takeable_statuses, unavailable, unreadable};
use crate::db::rows::{
    self, CaseParts, CaseRow, DuplicateSqlRow, MemberSqlRow, OpenedCase, QueueSqlRow, duplicates,
    household_hashes, open_members, queue_view,
};
use app::backend::BackendError;
use app::backend::staff::Schedule;
use app::domain::ReferenceNumber;
use app::domain::casefile::{CaseFile, QUEUE_PAGE_SIZE, QueueFilter, QueueView};
use app::domain::review::{Level, Scope, Staff, Status, Transition};
use app::rules::Money;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;
use sqlx::SqlitePool;

/// `a` is the applications table. The fragment and the values it binds.
pub(super) fn scope_clause(scope: &Scope) -> (String, Vec<String>) {
    match scope {
        Scope::Town(town) => ("a.town = ?".into(), vec![town.clone()]),
        Scope::District(Level::Town) => ("1 = 1".into(), vec![]),
        Scope::District(Level::Bureau) => ("a.level IN ('bureau', 'government')".into(), vec![]),
        Scope::District(Level::Government) => ("a.level = 'government'".into(), vec![]),
        Scope::Nothing => ("1 = 0".into(), vec![]),
    }
}

/// The statuses whose deadline runs, as an SQL list.
pub(super) fn running_statuses() -> String {
    statuses_where(Status::deadline_runs)
}

fn final_statuses() -> String {
    statuses_where(Status::is_final)
}

pub async fn queue(
    pool: &SqlitePool,
    scope: &Scope,
    me: i64,
    filter: &QueueFilter,
    today: NaiveDate,
) -> Result<QueueView, BackendError> {
    let (scope_sql, scope_values) = scope_clause(scope);
    let today_text = today.to_string();
    let running = running_statuses();

    // The filters, as SQL and the values they bind, in order.
    let mut conditions = vec![scope_sql.clone()];
    let mut values = scope_values.clone();
    match filter.status {
        Some(status) => {
            conditions.push("a.status = ?".into());
            values.push(status.word().into());
        }
        None => conditions.push(format!("a.status NOT IN ({})", final_statuses())),
    }
    if let Some(aid) = filter.aid_type {
        conditions.push("a.aid_type = ?".into());
        values.push(aid.word().into());
    }
    if filter.assigned_to_me {
        conditions.push("a.assigned_to = ?".into());
        values.push(me.to_string());
    }
    if filter.overdue {
        conditions.push(format!("q.due_on < ? AND a.status IN ({running})"));
        values.push(today_text.clone());
    }
    let search = filter.search.trim();
    if !search.is_empty() {
        conditions.push("(a.reference LIKE ? OR a.applicant_name LIKE ?)".into());
        let pattern = search.replace(['%', '_'], "");
        values.push(format!("{}%", pattern.to_uppercase()));
        values.push(format!("%{pattern}%"));
    }
    let where_sql = conditions.join(" AND ");

    // Plain `?` only: sqlx numbers anonymous parameters itself, so `?1` beside `?` misbinds.
    // The two dates are for the overdue marks in the SELECT list, which comes first.
    let mut args = Args::default();
    args.add(today_text.clone());
    args.add(today_text.clone());
    args.all(&values);
    args.add(i64::from(QUEUE_PAGE_SIZE));
    args.add(i64::from(filter.page) * i64::from(QUEUE_PAGE_SIZE));
    let finals = final_statuses();
    let rows: Vec<QueueSqlRow> = sqlx::query_as_with(
        &format!(
            "SELECT a.reference, a.aid_type, a.applicant_name, a.town, a.status, a.level, q.urgent,
                    q.due_on, s.display_name AS assigned, a.submitted_at,
                    (q.due_on < ? AND a.status IN ({running})) AS overdue,
                    coalesce(a.advance_paperwork_due < ? AND a.status NOT IN ('approved', {finals}), 0)
                        AS paperwork_overdue,
                    m.difference AS recheck
             FROM queue_entries q JOIN applications a ON a.id = q.application_id
             LEFT JOIN staff s ON s.id = a.assigned_to
             LEFT JOIN recheck_marks m ON m.application_id = a.id
             WHERE {where_sql}
             ORDER BY a.status IN ({finals}), q.urgent DESC, q.due_on, a.id
             LIMIT ? OFFSET ?"
        ),
        args.finish()?,
    )
    .fetch_all(pool)
    .await
    .map_err(unavailable)?;

    let mut args = Args::default();
    args.all(&values);
    let matching: i64 = sqlx::query_scalar_with(
        &format!(
            "SELECT count(*) FROM queue_entries q JOIN applications a ON a.id = q.application_id
             WHERE {where_sql}"
        ),
        args.finish()?,
    )
    .fetch_one(pool)
    .await
    .map_err(unavailable)?;

    let mut args = Args::default();
    args.all(&scope_values);
    let counts: Vec<(String, i64)> = sqlx::query_as_with(
        &format!("SELECT a.status, count(*) FROM applications a WHERE {scope_sql} GROUP BY a.status"),
        args.finish()?,
    )
    .fetch_all(pool)
    .await
    .map_err(unavailable)?;

    let mut args = Args::default();
    args.all(&scope_values);
    args.add(today_text);
    let overdue: i64 = sqlx::query_scalar_with(
        &format!(
            "SELECT count(*) FROM queue_entries q JOIN applications a ON a.id = q.application_id
             WHERE {scope_sql} AND q.due_on < ? AND a.status IN ({running})"
        ),
        args.finish()?,
    )
    .fetch_one(pool)
    .await
    .map_err(unavailable)?;

    queue_view(rows, counts, overdue, matching)
}

#[allow(clippy::too_many_arguments)]
pub async fn case_file(
    pool: &SqlitePool,
    writer: &SqlitePool,
    keys: &DataKeys,
    scope: &Scope,
    reference: &ReferenceNumber,
    viewer: i64,
    repeat_window_days: i64,
    view_at: Option<DateTime<Utc>>,
) -> Result<Option<CaseFile>, BackendError> {
    let (scope_sql, scope_values) = scope_clause(scope);
    let mut args = Args::default();
    args.add(reference.as_str().to_string());
    args.all(&scope_values);
    let row: Option<CaseRow> = sqlx::query_as_with(
        &format!(
            "SELECT a.id, a.reference, a.aid_type, a.town, a.status, a.level, a.applicant_name,
                    a.id_number, a.phone, a.answers, a.household, a.assessment, a.rules_version,
                    a.parameter_set, a.submitted_at, a.cause, a.recommended_fen, a.recommended_by,
                    a.advance_fen, a.advance_paperwork_due, a.approved_fen, a.assigned_to, a.version,
                    q.urgent, q.due_on, q.paused_on
             FROM applications a JOIN queue_entries q ON q.application_id = a.id
             WHERE a.reference = ? AND {scope_sql}"
        ),
        args.finish()?,
    )
    .fetch_optional(pool)
    .await
    .map_err(unavailable)?;
    let Some(row) = row else {
        return Ok(None);
    };
    let case = OpenedCase::open(keys, row)?;
    let row = case.row();

    // The view is logged before anything is shown.
    if let Some(now) = view_at {
        log_access(writer, viewer, row.id, "case", now).await?;
    }

    let members: Vec<MemberSqlRow> = sqlx::query_as(
        "SELECT relationship, name, id_number, age FROM members WHERE application_id = ? ORDER BY position",
    )
    .bind(row.id)
    .fetch_all(pool)
    .await
    .map_err(unavailable)?;
    let members = open_members(keys, &row.reference, members)?;
    let documents: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT id, kind, content_type, byte_size FROM documents WHERE application_id = ? ORDER BY id",
    )
    .bind(row.id)
    .fetch_all(pool)
    .await
    .map_err(unavailable)?;
    let events: Vec<(String, String, String, String)> =
        sqlx::query_as("SELECT at, actor, kind, detail FROM events WHERE application_id = ? ORDER BY id")
            .bind(row.id)
            .fetch_all(pool)
            .await
            .map_err(unavailable)?;
    let views: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT l.at, s.username, l.what FROM access_log l JOIN staff s ON s.id = l.staff_id
         WHERE l.application_id = ? ORDER BY l.id DESC LIMIT 200",
    )
    .bind(row.id)
    .fetch_all(pool)
    .await
    .map_err(unavailable)?;
    let assigned_to = match row.assigned_to {
        Some(id) => super::staff::by_id(pool, id).await?,
        None => None,
    };

    // Duplicates are found by the keyed hash of each ID number in the household.
    let ids = household_hashes(keys, &case, &members);
    let others = other_applications(pool, row.id, &ids).await?;
    let duplicates = duplicates(row, others, repeat_window_days)?;
    let parts = CaseParts {
        members,
        documents,
        events,
        views,
        assigned_to,
        duplicates,
    };
    Ok(Some(rows::case_file(case, parts)?))
}

/// Other applications, in any town, sharing an ID number with this household.
async fn other_applications(
    pool: &SqlitePool,
    id: i64,
    ids: &[String],
) -> Result<Vec<DuplicateSqlRow>, BackendError> {
    let marks = vec!["?"; ids.len()].join(", ");
    let mut args = Args::default();
    args.add(id);
    args.all(ids);
    args.all(ids);
    sqlx::query_as_with(
        &format!(
            "SELECT a.reference, a.town, a.status, a.submitted_at, a.cause FROM applications a
             WHERE a.id != ? AND (a.id_number_hash IN ({marks})
                OR a.id IN (SELECT application_id FROM members WHERE id_number_hash IN ({marks})))
             ORDER BY a.submitted_at DESC LIMIT 20"
        ),
        args.finish()?,
    )
    .fetch_all(pool)
    .await
    .map_err(unavailable)
}

async fn log_access(
    writer: &SqlitePool,
    viewer: i64,
    application_id: i64,
    what: &str,
    now: DateTime<Utc>,
) -> Result<(), BackendError> {
    sqlx::query("INSERT INTO access_log (staff_id, application_id, at, what) VALUES (?, ?, ?, ?)")
        .bind(viewer)
        .bind(application_id)
        .bind(now.to_rfc3339())
        .bind(what)
        .execute(writer)
        .await
        .map(|_| ())
        .map_err(unavailable)
}

pub async fn record_transition(
    writer: &SqlitePool,
    application_id: i64,
    version: i64,
    t: &Transition,
    schedule: Schedule,
    actor: &Staff,
    now: DateTime<Utc>,
) -> Result<bool, BackendError> {
    let mut tx = writer.begin_with("BEGIN IMMEDIATE").await.map_err(unavailable)?;
    let now_text = now.to_rfc3339();
    let before: Option<String> =
        sqlx::query_scalar("SELECT status FROM applications WHERE id = ? AND version = ?")
            .bind(application_id)
            .bind(version)
            .fetch_optional(&mut *tx)
            .await
            .map_err(unavailable)?;
    let Some(before) = before else {
        return Ok(false);
    };
    let c = &t.case;
    let decided = matches!(c.status, Status::Approved | Status::Rejected);
    sqlx::query(
        "UPDATE applications SET status = ?, level = ?, recommended_fen = ?, recommended_by = ?,
            advance_fen = ?, approved_fen = ?, advance_paperwork_due = ?, status_changed_at = ?,
            decided_at = CASE WHEN ? THEN ? ELSE decided_at END, version = version + 1
         WHERE id = ? AND version = ?",
    )
    .bind(c.status.word())
    .bind(c.level.word())
    .bind(c.recommended_amount.map(Money::fen))
    .bind(&c.recommended_by)
    .bind(c.advance.map(Money::fen))
    .bind(c.approved_amount.map(Money::fen))
    .bind(schedule.advance_paperwork_due.map(|d| d.to_string()))
    .bind(&now_text)
    .bind(decided)
    .bind(&now_text)
    .bind(application_id)
    .bind(version)
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    sqlx::query("UPDATE queue_entries SET due_on = ?, paused_on = ? WHERE application_id = ?")
        .bind(schedule.due_on.to_string())
        .bind(schedule.paused_on.map(|d| d.to_string()))
        .bind(application_id)
        .execute(&mut *tx)
        .await
        .map_err(unavailable)?;
    // The audit row says what changed: the status from and to, and the action's own details.
    let mut detail = t.event.detail.clone();
    if let Some(map) = detail.as_object_mut() {
        map.insert("from".into(), before.into());
        map.insert("to".into(), c.status.word().into());
    }
    sqlx::query("INSERT INTO events (application_id, at, actor, kind, detail) VALUES (?, ?, ?, ?, ?)")
        .bind(application_id)
        .bind(&now_text)
        .bind(&actor.username)
        .bind(t.event.kind.word())
        .bind(detail.to_string())
        .execute(&mut *tx)
        .await
        .map_err(unavailable)?;
    tx.commit().await.map_err(unavailable)?;
    Ok(true)
}

pub async fn assign(
    writer: &SqlitePool,
    application_id: i64,
    to: Option<&Staff>,
    actor: &Staff,
    now: DateTime<Utc>,
) -> Result<(), BackendError> {
    let mut tx = writer.begin_with("BEGIN IMMEDIATE").await.map_err(unavailable)?;
    sqlx::query("UPDATE applications SET assigned_to = ? WHERE id = ?")
        .bind(to.map(|s| s.id))
        .bind(application_id)
        .execute(&mut *tx)
        .await
        .map_err(unavailable)?;
    sqlx::query(
        "INSERT INTO events (application_id, at, actor, kind, detail) VALUES (?, ?, ?, 'assigned', ?)",
    )
    .bind(application_id)
    .bind(now.to_rfc3339())
    .bind(&actor.username)
    .bind(serde_json::json!({ "to": to.map(|s| s.username.clone()) }).to_string())
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    tx.commit().await.map_err(unavailable)
}

/// On the writer: SQLite's one writer makes the choice and the assignment one step.
pub async fn take_next(
    writer: &SqlitePool,
    town: &str,
    me: &Staff,
    now: DateTime<Utc>,
) -> Result<Option<ReferenceNumber>, BackendError> {
    let mut tx = writer.begin_with("BEGIN IMMEDIATE").await.map_err(unavailable)?;
    let next: Option<(i64, String)> = sqlx::query_as(&format!(
        "SELECT a.id, a.reference FROM applications a
         JOIN queue_entries q ON q.application_id = a.id
         WHERE a.town = ? AND a.level = 'town' AND a.assigned_to IS NULL
           AND a.status IN ({})
         ORDER BY q.urgent DESC, q.due_on, a.id LIMIT 1",
        takeable_statuses()
    ))
    .bind(town)
    .fetch_optional(&mut *tx)
    .await
    .map_err(unavailable)?;
    let Some((id, reference)) = next else {
        return Ok(None);
    };
    let reference = ReferenceNumber::parse(&reference).ok_or_else(|| unreadable("reference", &reference))?;
    sqlx::query("UPDATE applications SET assigned_to = ? WHERE id = ?")
        .bind(me.id)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(unavailable)?;
    sqlx::query(
        "INSERT INTO events (application_id, at, actor, kind, detail) VALUES (?, ?, ?, 'assigned', ?)",
    )
    .bind(id)
    .bind(now.to_rfc3339())
    .bind(&me.username)
    .bind(serde_json::json!({ "to": me.username }).to_string())
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    tx.commit().await.map_err(unavailable)?;
    Ok(Some(reference))
}

pub async fn case_document(
    pool: &SqlitePool,
    writer: &SqlitePool,
    scope: &Scope,
    document_id: i64,
    viewer: i64,
    now: DateTime<Utc>,
) -> Result<Option<(String, String)>, BackendError> {
    let (scope_sql, scope_values) = scope_clause(scope);
    let mut args = Args::default();
    args.add(document_id);
    args.all(&scope_values);
    let row = sqlx::query_with(
        &format!(
            "SELECT d.storage_key, d.content_type, a.id FROM documents d
             JOIN applications a ON a.id = d.application_id WHERE d.id = ? AND {scope_sql}"
        ),
        args.finish()?,
    )
    .fetch_optional(pool)
    .await
    .map_err(unavailable)?;
    let Some(row) = row else {
        return Ok(None);
    };
    let application_id: i64 = row.get(2);
    log_access(
        writer,
        viewer,
        application_id,
        &format!("document:{document_id}"),
        now,
    )
    .await?;
    Ok(Some((row.get(0), row.get(1))))
}
