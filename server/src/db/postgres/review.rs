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
use sqlx::PgPool;

/// `a` is the applications table: the scope as a condition, its values bound into `args`.
pub(super) fn scope_clause(scope: &Scope, args: &mut Args) -> String {
    match scope {
        Scope::Town(town) => format!("a.town = {}", args.bind(town.clone())),
        Scope::District(Level::Town) => "TRUE".into(),
        Scope::District(Level::Bureau) => "a.level IN ('bureau', 'government')".into(),
        Scope::District(Level::Government) => "a.level = 'government'".into(),
        Scope::Nothing => "FALSE".into(),
    }
}

/// The statuses whose deadline runs, as an SQL list.
pub(super) fn running_statuses() -> String {
    statuses_where(Status::deadline_runs)
}

fn final_statuses() -> String {
    statuses_where(Status::is_final)
}

/// The scope and the queue's filters as one condition, their values bound into `args`.
fn queue_conditions(scope: &Scope, me: i64, filter: &QueueFilter, today: &str, args: &mut Args) -> String {
    let mut conditions = vec![scope_clause(scope, args)];
    match filter.status {
        Some(status) => conditions.push(format!("a.status = {}", args.bind(status.word()))),
        None => conditions.push(format!("a.status NOT IN ({})", final_statuses())),
    }
    if let Some(aid) = filter.aid_type {
        conditions.push(format!("a.aid_type = {}", args.bind(aid.word())));
    }
    if filter.assigned_to_me {
        conditions.push(format!("a.assigned_to = {}", args.bind(me)));
    }
    if filter.overdue {
        let today = args.bind(today.to_string());
        conditions.push(format!(
            "q.due_on < {today} AND a.status IN ({})",
            running_statuses()
        ));
    }
    let search = filter.search.trim();
    if !search.is_empty() {
        // As SQLite's LIKE: no escape character, and letters match in either case.
        let pattern = search.replace(['%', '_'], "");
        let reference = args.bind(format!("{}%", pattern.to_uppercase()));
        let name = args.bind(format!("%{pattern}%"));
        conditions.push(format!(
            "(a.reference ILIKE {reference} ESCAPE '' OR a.applicant_name ILIKE {name} ESCAPE '')"
        ));
    }
    conditions.join(" AND ")
}

pub async fn queue(
    pool: &PgPool,
    scope: &Scope,
    me: i64,
    filter: &QueueFilter,
    today: NaiveDate,
) -> Result<QueueView, BackendError> {
    let today = today.to_string();
    let (running, finals) = (running_statuses(), final_statuses());

    let mut args = Args::default();
    let on = args.bind(today.clone());
    let conditions = queue_conditions(scope, me, filter, &today, &mut args);
    let limit = args.bind(i64::from(QUEUE_PAGE_SIZE));
    let offset = args.bind(i64::from(filter.page) * i64::from(QUEUE_PAGE_SIZE));
    let rows: Vec<QueueSqlRow> = sqlx::query_as_with(
        &format!(
            "SELECT a.reference, a.aid_type, a.applicant_name, a.town, a.status, a.level, q.urgent,
                    q.due_on, s.display_name AS assigned, a.submitted_at,
                    (q.due_on < {on} AND a.status IN ({running})) AS overdue,
                    coalesce(a.advance_paperwork_due < {on} AND a.status NOT IN ('approved', {finals}), FALSE)
                        AS paperwork_overdue,
                    m.difference AS recheck
             FROM queue_entries q JOIN applications a ON a.id = q.application_id
             LEFT JOIN staff s ON s.id = a.assigned_to
             LEFT JOIN recheck_marks m ON m.application_id = a.id
             WHERE {conditions}
             ORDER BY a.status IN ({finals}), q.urgent DESC, q.due_on, a.id
             LIMIT {limit} OFFSET {offset}"
        ),
        args.finish()?,
    )
    .fetch_all(pool)
    .await
    .map_err(unavailable)?;

    let mut args = Args::default();
    let conditions = queue_conditions(scope, me, filter, &today, &mut args);
    let matching: i64 = sqlx::query_scalar_with(
        &format!(
            "SELECT count(*) FROM queue_entries q JOIN applications a ON a.id = q.application_id
             WHERE {conditions}"
        ),
        args.finish()?,
    )
    .fetch_one(pool)
    .await
    .map_err(unavailable)?;

    let mut args = Args::default();
    let in_scope = scope_clause(scope, &mut args);
    let counts: Vec<(String, i64)> = sqlx::query_as_with(
        &format!("SELECT a.status, count(*) FROM applications a WHERE {in_scope} GROUP BY a.status"),
        args.finish()?,
    )
    .fetch_all(pool)
    .await
    .map_err(unavailable)?;

    let mut args = Args::default();
    let in_scope = scope_clause(scope, &mut args);
    let on = args.bind(today);
    let overdue: i64 = sqlx::query_scalar_with(
        &format!(
            "SELECT count(*) FROM queue_entries q JOIN applications a ON a.id = q.application_id
             WHERE {in_scope} AND q.due_on < {on} AND a.status IN ({running})"
        ),
        args.finish()?,
    )
    .fetch_one(pool)
    .await
    .map_err(unavailable)?;

    queue_view(rows, counts, overdue, matching)
}

pub async fn case_file(
    pool: &PgPool,
    keys: &DataKeys,
    scope: &Scope,
    reference: &ReferenceNumber,
    viewer: i64,
    repeat_window_days: i64,
    view_at: Option<DateTime<Utc>>,
) -> Result<Option<CaseFile>, BackendError> {
    let mut args = Args::default();
    let wanted = args.bind(reference.as_str().to_string());
    let in_scope = scope_clause(scope, &mut args);
    let row: Option<CaseRow> = sqlx::query_as_with(
        &format!(
            "SELECT a.id, a.reference, a.aid_type, a.town, a.status, a.level, a.applicant_name,
                    a.id_number, a.phone, a.answers, a.household, a.assessment, a.rules_version,
                    a.parameter_set, a.submitted_at, a.cause, a.recommended_fen, a.recommended_by,
                    a.advance_fen, a.advance_paperwork_due, a.approved_fen, a.assigned_to, a.version,
                    q.urgent, q.due_on, q.paused_on
             FROM applications a JOIN queue_entries q ON q.application_id = a.id
             WHERE a.reference = {wanted} AND {in_scope}"
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
        log_access(pool, viewer, row.id, "case", now).await?;
    }

    let members: Vec<MemberSqlRow> = sqlx::query!(
        "SELECT relationship, name, id_number, age FROM members WHERE application_id = $1 ORDER BY position",
        row.id
    )
    .fetch_all(pool)
    .await
    .map_err(unavailable)?
    .into_iter()
    .map(|m| (m.relationship, m.name, m.id_number, m.age))
    .collect();
    let members = open_members(keys, &row.reference, members)?;
    let documents = sqlx::query!(
        "SELECT id, kind, content_type, byte_size FROM documents WHERE application_id = $1 ORDER BY id",
        row.id
    )
    .fetch_all(pool)
    .await
    .map_err(unavailable)?
    .into_iter()
    .map(|d| (d.id, d.kind, d.content_type, d.byte_size))
    .collect();
    let events = sqlx::query!(
        "SELECT at, actor, kind, detail FROM events WHERE application_id = $1 ORDER BY id",
        row.id
    )
    .fetch_all(pool)
    .await
    .map_err(unavailable)?
    .into_iter()
    .map(|e| (e.at, e.actor, e.kind, e.detail))
    .collect();
    let views = sqlx::query!(
        "SELECT l.at, s.username, l.what FROM access_log l JOIN staff s ON s.id = l.staff_id
         WHERE l.application_id = $1 ORDER BY l.id DESC LIMIT 200",
        row.id
    )
    .fetch_all(pool)
    .await
    .map_err(unavailable)?
    .into_iter()
    .map(|v| (v.at, v.username, v.what))
    .collect();
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
    pool: &PgPool,
    id: i64,
    ids: &[String],
) -> Result<Vec<DuplicateSqlRow>, BackendError> {
    let found = sqlx::query!(
        "SELECT a.reference, a.town, a.status, a.submitted_at, a.cause FROM applications a
         WHERE a.id <> $1 AND (a.id_number_hash = ANY($2)
            OR a.id IN (SELECT application_id FROM members WHERE id_number_hash = ANY($2)))
         ORDER BY a.submitted_at DESC LIMIT 20",
        id,
        ids
    )
    .fetch_all(pool)
    .await
    .map_err(unavailable)?;
    Ok(found
        .into_iter()
        .map(|a| (a.reference, a.town, a.status, a.submitted_at, a.cause))
        .collect())
}

async fn log_access(
    pool: &PgPool,
    viewer: i64,
    application_id: i64,
    what: &str,
    now: DateTime<Utc>,
) -> Result<(), BackendError> {
    sqlx::query!(
        "INSERT INTO access_log (staff_id, application_id, at, what) VALUES ($1, $2, $3, $4)",
        viewer,
        application_id,
        now.to_rfc3339(),
        what
    )
    .execute(pool)
    .await
    .map(|_| ())
    .map_err(unavailable)
}

pub async fn record_transition(
    pool: &PgPool,
    application_id: i64,
    version: i64,
    t: &Transition,
    schedule: Schedule,
    actor: &Staff,
    now: DateTime<Utc>,
) -> Result<bool, BackendError> {
    let mut tx = pool.begin().await.map_err(unavailable)?;
    let now_text = now.to_rfc3339();
    // The case's row, locked at the version the actor saw: a transition, withdrawal or upload
    // committed meanwhile has raised the version, and the lock's re-check of the WHERE finds
    // nothing, so of two staff acting on one case at once only the first succeeds. The status
    // read here is the one the audit row says the case came from.
    let before = sqlx::query_scalar!(
        "SELECT status FROM applications WHERE id = $1 AND version = $2 FOR UPDATE",
        application_id,
        version
    )
    .fetch_optional(&mut *tx)
    .await
    .map_err(unavailable)?;
    let Some(before) = before else {
        return Ok(false);
    };
    let c = &t.case;
    let decided = matches!(c.status, Status::Approved | Status::Rejected);
    let (status, level) = (c.status.word(), c.level.word());
    let (recommended, advance, approved) = (
        c.recommended_amount.map(Money::fen),
        c.advance.map(Money::fen),
        c.approved_amount.map(Money::fen),
    );
    let paperwork_due = schedule.advance_paperwork_due.map(|d| d.to_string());
    let changed = sqlx::query!(
        "UPDATE applications SET status = $1, level = $2, recommended_fen = $3, recommended_by = $4,
            advance_fen = $5, approved_fen = $6, advance_paperwork_due = $7, status_changed_at = $8,
            decided_at = CASE WHEN $9 THEN $8 ELSE decided_at END, version = version + 1
         WHERE id = $10 AND version = $11",
        status,
        level,
        recommended,
        c.recommended_by,
        advance,
        approved,
        paperwork_due,
        now_text,
        decided,
        application_id,
        version
    )
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    // Cannot miss while the row is locked; if it ever did, nothing of the transition is kept.
    if changed.rows_affected() != 1 {
        return Ok(false);
    }
    let (due_on, paused_on) = (
        schedule.due_on.to_string(),
        schedule.paused_on.map(|d| d.to_string()),
    );
    sqlx::query!(
        "UPDATE queue_entries SET due_on = $1, paused_on = $2 WHERE application_id = $3",
        due_on,
        paused_on,
        application_id
    )
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    // The audit row says what changed: the status from and to, and the action's own details.
    let mut detail = t.event.detail.clone();
    if let Some(map) = detail.as_object_mut() {
        map.insert("from".into(), before.into());
        map.insert("to".into(), c.status.word().into());
    }
    sqlx::query!(
        "INSERT INTO events (application_id, at, actor, kind, detail) VALUES ($1, $2, $3, $4, $5)",
        application_id,
        now_text,
        actor.username,
        t.event.kind.word(),
        detail.to_string()
    )
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    tx.commit().await.map_err(unavailable)?;
    Ok(true)
}

pub async fn assign(
    pool: &PgPool,
    application_id: i64,
    to: Option<&Staff>,
    actor: &Staff,
    now: DateTime<Utc>,
) -> Result<(), BackendError> {
    // Two statements with nothing checked between them: the last assignment wins, and each
    // one's audit row is written with it.
    let mut tx = pool.begin().await.map_err(unavailable)?;
    sqlx::query!(
        "UPDATE applications SET assigned_to = $1 WHERE id = $2",
        to.map(|s| s.id),
        application_id
    )
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    sqlx::query!(
        "INSERT INTO events (application_id, at, actor, kind, detail) VALUES ($1, $2, $3, 'assigned', $4)",
        application_id,
        now.to_rfc3339(),
        actor.username,
        serde_json::json!({ "to": to.map(|s| s.username.clone()) }).to_string()
    )
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    tx.commit().await.map_err(unavailable)
}

/// Several portal processes and several staff take at once. The chosen row is locked
/// (`FOR UPDATE … SKIP LOCKED`): a case another taker holds is passed over rather than waited
/// for, and a case assigned by a transaction that committed meanwhile no longer matches
/// (PostgreSQL checks the row again when it locks it). So two staff never get the same case.
pub async fn take_next(
    pool: &PgPool,
    town: &str,
    me: &Staff,
    now: DateTime<Utc>,
) -> Result<Option<ReferenceNumber>, BackendError> {
    let mut tx = pool.begin().await.map_err(unavailable)?;
    let next: Option<(i64, String)> = sqlx::query_as(&format!(
        "SELECT a.id, a.reference FROM applications a
         JOIN queue_entries q ON q.application_id = a.id
         WHERE a.town = $1 AND a.level = 'town' AND a.assigned_to IS NULL
           AND a.status IN ({})
         ORDER BY q.urgent DESC, q.due_on, a.id LIMIT 1
         FOR UPDATE OF a SKIP LOCKED",
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
    sqlx::query!(
        "UPDATE applications SET assigned_to = $1 WHERE id = $2",
        me.id,
        id
    )
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    sqlx::query!(
        "INSERT INTO events (application_id, at, actor, kind, detail) VALUES ($1, $2, $3, 'assigned', $4)",
        id,
        now.to_rfc3339(),
        me.username,
        serde_json::json!({ "to": me.username }).to_string()
    )
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    tx.commit().await.map_err(unavailable)?;
    Ok(Some(reference))
}

pub async fn case_document(
    pool: &PgPool,
    scope: &Scope,
    document_id: i64,
    viewer: i64,
    now: DateTime<Utc>,
) -> Result<Option<(String, String)>, BackendError> {
    let mut args = Args::default();
    let wanted = args.bind(document_id);
    let in_scope = scope_clause(scope, &mut args);
    let row: Option<(String, String, i64)> = sqlx::query_as_with(
        &format!(
            "SELECT d.storage_key, d.content_type, a.id FROM documents d
             JOIN applications a ON a.id = d.application_id WHERE d.id = {wanted} AND {in_scope}"
        ),
        args.finish()?,
    )
    .fetch_optional(pool)
    .await
    .map_err(unavailable)?;
    let Some((storage_key, content_type, application_id)) = row else {
        return Ok(None);
    };
    log_access(
        pool,
        viewer,
        application_id,
        &format!("document:{document_id}"),
        now,
    )
    .await?;
    Ok(Some((storage_key, content_type)))
}
