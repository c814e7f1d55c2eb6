//! The review side: the queue, the case file, transitions and the access log. Every query is
//! limited to the staff member's scope in its WHERE clause, so nothing of another town can
//! leak through a row, a count or a document.
//!
//! The queue's filters and the scope build their statements' text (`Built`), once for both
//! engines. PostgreSQL takes several writers at once, so where a check and a write must be one
//! step it locks the row first (`FOR UPDATE`), where SQLite's one writer already is one step.

use super::common::{mask_name, parse_time, statuses_where, takeable_statuses, unavailable, unreadable};
use super::document_requests;
use super::engine::{Built, Tx, built, execute, per_engine};
use super::error::BackendError;
use super::events::{self, NewEvent};
use super::store::Store;
use app::domain::AidType;
use app::domain::DocumentKind;
use app::domain::ReferenceNumber;
use app::domain::casefile::QueueRow;
use app::domain::casefile::{QUEUE_PAGE_SIZE, QueueFilter, QueueView};
use app::domain::clock::date_in_chongqing;
use app::domain::document_request::items_asked;
use app::domain::review::Schedule;
use app::domain::review::{CaseEvent, Level, Scope, Staff, Status, Transition};
use app::rules::Money;
use chrono::{DateTime, NaiveDate, Utc};

/// `a` is the applications table: the scope as a condition, its values bound into `values`.
pub(super) fn scope_clause(scope: &Scope, values: &mut Built) -> String {
    match scope {
        Scope::Town(town) => format!("a.town = {}", values.bind(town.as_str())),
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

/// The scope and the queue's filters as one condition, their values bound into `values`.
fn queue_conditions(scope: &Scope, me: i64, filter: &QueueFilter, today: &str, values: &mut Built) -> String {
    let mut conditions = vec![scope_clause(scope, values)];
    match filter.status {
        Some(status) => conditions.push(format!("a.status = {}", values.bind(status.word()))),
        None => conditions.push(format!("a.status NOT IN ({})", final_statuses())),
    }
    if let Some(aid) = filter.aid_type {
        conditions.push(format!("a.aid_type = {}", values.bind(aid.word())));
    }
    if filter.assigned_to_me {
        conditions.push(format!("a.assigned_to = {}", values.bind(me)));
    }
    if filter.overdue {
        let today = values.bind(today);
        conditions.push(format!(
            "q.due_on < {today} AND a.status IN ({})",
            running_statuses()
        ));
    }
    let search = filter.search.trim();
    if !search.is_empty() {
        // Letters match in either case, and what is typed is never a pattern: without `%`,
        // `_` and `\` (PostgreSQL's escape character; SQLite has none) a LIKE matches only
        // the text itself, the same on both engines.
        let pattern = search.replace(['%', '_', '\\'], "");
        let reference = values.bind(format!("{}%", pattern.to_uppercase()));
        let name = values.bind(format!("%{pattern}%"));
        conditions.push(format!(
            "(upper(a.reference) LIKE {reference} OR lower(a.applicant_name) LIKE lower({name}))"
        ));
    }
    conditions.join(" AND ")
}

impl Store {
    /// The queue within `scope`: emergency first, then by the nearest deadline; `now` marks
    /// the cases whose applicant the town should phone.
    pub async fn queue(
        &self,
        scope: &Scope,
        me: i64,
        filter: &QueueFilter,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<QueueView, BackendError> {
        let today = today.to_string();
        let (running, finals) = (running_statuses(), final_statuses());
        let mut conn = self.read().await?;

        let mut values = Built::default();
        let on = values.bind(today.as_str());
        let conditions = queue_conditions(scope, me, filter, &today, &mut values);
        let limit = values.bind(i64::from(QUEUE_PAGE_SIZE));
        let offset = values.bind(i64::from(filter.page) * i64::from(QUEUE_PAGE_SIZE));
        let sql = format!(
            "SELECT a.id, a.reference, a.aid_type, a.applicant_name, a.town, a.status, a.level, q.urgent,
                    q.due_on, q.documents_due_on, s.display_name AS assigned, a.submitted_at,
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
        );
        let rows: Vec<QueueSqlRow> = built!(conn, fetch_all, query_as, &sql, values).map_err(unavailable)?;

        let mut values = Built::default();
        let conditions = queue_conditions(scope, me, filter, &today, &mut values);
        let sql = format!(
            "SELECT count(*) FROM queue_entries q JOIN applications a ON a.id = q.application_id
             WHERE {conditions}"
        );
        let matching: i64 = built!(conn, fetch_one, query_scalar, &sql, values).map_err(unavailable)?;

        let mut values = Built::default();
        let in_scope = scope_clause(scope, &mut values);
        let sql = format!("SELECT a.status, count(*) FROM applications a WHERE {in_scope} GROUP BY a.status");
        let counts: Vec<(String, i64)> =
            built!(conn, fetch_all, query_as, &sql, values).map_err(unavailable)?;

        let mut values = Built::default();
        let in_scope = scope_clause(scope, &mut values);
        let on = values.bind(today.as_str());
        let sql = format!(
            "SELECT count(*) FROM queue_entries q JOIN applications a ON a.id = q.application_id
             WHERE {in_scope} AND q.due_on < {on} AND a.status IN ({running})"
        );
        let overdue: i64 = built!(conn, fetch_one, query_scalar, &sql, values).map_err(unavailable)?;

        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let to_phone = contact_needed_among(&mut conn, &ids, now).await?;
        let mut view = queue_view(rows, counts, overdue, matching)?;
        for (row, id) in view.rows.iter_mut().zip(ids) {
            row.contact_applicant = to_phone.contains(&id);
        }
        Ok(view)
    }

    pub(super) async fn log_access(
        &self,
        viewer: i64,
        application_id: i64,
        what: &str,
        now: DateTime<Utc>,
    ) -> Result<(), BackendError> {
        let now = now.to_rfc3339();
        execute!(
            self.write().await?,
            "INSERT INTO access_log (staff_id, application_id, at, what) VALUES ($1, $2, $3, $4)",
            viewer,
            application_id,
            now,
            what
        )
        .map(|_| ())
        .map_err(unavailable)
    }

    /// Stores a transition the state machine allowed, with its event, if the case is still at
    /// `version`; false when someone else changed it first.
    pub async fn record_transition(
        &self,
        application_id: i64,
        version: i64,
        t: &Transition,
        schedule: Schedule,
        actor: &Staff,
        now: DateTime<Utc>,
    ) -> Result<bool, BackendError> {
        let mut tx = self.begin().await?;
        let now_text = now.to_rfc3339();
        // The case at the version the actor saw; on PostgreSQL its row locked: a transition,
        // withdrawal or upload committed meanwhile has raised the version, and the lock's
        // re-check of the WHERE finds nothing, so of two staff acting on one case at once only
        // the first succeeds. The status read here is the one the audit row says the case came
        // from.
        let before = status_at_version(&mut tx, application_id, version).await?;
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
        let changed = execute!(
            tx,
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
        .map_err(unavailable)?;
        // Cannot miss while the case is held; if it ever did, nothing of the transition is
        // kept.
        if changed != 1 {
            return Ok(false);
        }
        let (due_on, paused_on) = (
            schedule.due_on.to_string(),
            schedule.paused_on.map(|d| d.to_string()),
        );
        execute!(
            tx,
            "UPDATE queue_entries SET due_on = $1, paused_on = $2 WHERE application_id = $3",
            due_on,
            paused_on,
            application_id
        )
        .map_err(unavailable)?;
        // The audit row says what changed: the status from and to, and the action's own details.
        let mut detail = t.event.detail.clone();
        if let Some(map) = detail.as_object_mut() {
            map.insert("from".into(), before.as_str().into());
            map.insert("to".into(), c.status.word().into());
        }
        // A request for documents is stored item by item with its own deadline, which its
        // message and the timeline say; a case that goes on (or is decided) closes it.
        match (t.event.kind, schedule.documents_due_on) {
            (CaseEvent::DocumentsRequested, Some(due_on)) => {
                let asked = asked_items(&t.event.detail);
                document_requests::ask(tx.exec(), application_id, &asked, due_on, now).await?;
                detail["due_on"] = due_on.to_string().into();
            }
            // The case leaves the wait (resumed, decided): its request is closed.
            _ if before == Status::WaitingForDocuments.word() && c.status != Status::WaitingForDocuments => {
                document_requests::close(tx.exec(), application_id, now).await?;
            }
            _ => {}
        }
        let event = NewEvent {
            application_id,
            at: now,
            actor: &actor.username,
            kind: t.event.kind,
            detail,
        };
        events::record(tx.exec(), event, self.sms).await?;
        // Whoever accepts a case nobody is on works on it (issue 24, item 15), with its row
        // in the audit trail; a case already assigned stays with its caseworker.
        if t.event.kind == CaseEvent::Accepted {
            let taken = execute!(
                tx,
                "UPDATE applications SET assigned_to = $1 WHERE id = $2 AND assigned_to IS NULL",
                actor.id,
                application_id
            )
            .map_err(unavailable)?;
            if taken == 1 {
                let event = NewEvent {
                    application_id,
                    at: now,
                    actor: &actor.username,
                    kind: CaseEvent::Assigned,
                    detail: serde_json::json!({ "to": actor.username, "because": "accepted" }),
                };
                events::record(tx.exec(), event, self.sms).await?;
            }
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Assigns the case to a member of its town's staff, or to nobody. Two statements with
    /// nothing checked between them: the last assignment wins, and each one's audit row is
    /// written with it.
    pub async fn assign(
        &self,
        application_id: i64,
        to: Option<&Staff>,
        actor: &Staff,
        now: DateTime<Utc>,
    ) -> Result<(), BackendError> {
        let mut tx = self.begin().await?;
        let to_id = to.map(|s| s.id);
        execute!(
            tx,
            "UPDATE applications SET assigned_to = $1 WHERE id = $2",
            to_id,
            application_id
        )
        .map_err(unavailable)?;
        let event = NewEvent {
            application_id,
            at: now,
            actor: &actor.username,
            kind: CaseEvent::Assigned,
            detail: serde_json::json!({ "to": to.map(|s| s.username.clone()) }),
        };
        events::record(tx.exec(), event, self.sms).await?;
        tx.commit().await
    }

    /// Records a caseworker's call to the applicant, with what was said: the `applicant_contacted`
    /// event that takes "联系申请人" off the case (its messages say nothing to the applicant).
    pub async fn record_call(
        &self,
        application_id: i64,
        note: &str,
        actor: &Staff,
        now: DateTime<Utc>,
    ) -> Result<(), BackendError> {
        let mut tx = self.begin().await?;
        let event = NewEvent {
            application_id,
            at: now,
            actor: &actor.username,
            kind: CaseEvent::ApplicantContacted,
            detail: serde_json::json!({ "note": note }),
        };
        events::record(tx.exec(), event, self.sms).await?;
        tx.commit().await
    }

    /// "Take the next case": assigns to `me` the first case of `town` that nobody is on and
    /// that waits for the town's caseworkers (not final, not awaiting a decision), in the
    /// queue's order (emergency first, then the nearest deadline), with an `assigned` event;
    /// its reference, or None when there is none.
    ///
    /// Two staff taking at once never get the same case, whichever portal process each
    /// reached: SQLite's transaction holds the one write lock; on PostgreSQL the chosen row is
    /// locked (`FOR UPDATE … SKIP LOCKED`): a case another taker holds is passed over rather
    /// than waited for, and a case assigned by a transaction that committed meanwhile no
    /// longer matches (PostgreSQL checks the row again when it locks it).
    pub async fn take_next(
        &self,
        town: &str,
        me: &Staff,
        now: DateTime<Utc>,
    ) -> Result<Option<ReferenceNumber>, BackendError> {
        let mut tx = self.begin().await?;
        let lock = per_engine!(tx, _c => sqlite: "", postgres: "FOR UPDATE OF a SKIP LOCKED");
        let mut values = Built::default();
        let town = values.bind(town);
        let sql = format!(
            "SELECT a.id, a.reference FROM applications a
             JOIN queue_entries q ON q.application_id = a.id
             WHERE a.town = {town} AND a.level = 'town' AND a.assigned_to IS NULL
               AND a.status IN ({})
             ORDER BY q.urgent DESC, q.due_on, a.id LIMIT 1
             {lock}",
            takeable_statuses()
        );
        let next: Option<(i64, String)> =
            built!(tx, fetch_optional, query_as, &sql, values).map_err(unavailable)?;
        let Some((id, reference)) = next else {
            return Ok(None);
        };
        let reference =
            ReferenceNumber::parse(&reference).ok_or_else(|| unreadable("reference", &reference))?;
        execute!(
            tx,
            "UPDATE applications SET assigned_to = $1 WHERE id = $2",
            me.id,
            id
        )
        .map_err(unavailable)?;
        let event = NewEvent {
            application_id: id,
            at: now,
            actor: &me.username,
            kind: CaseEvent::Assigned,
            detail: serde_json::json!({ "to": me.username }),
        };
        events::record(tx.exec(), event, self.sms).await?;
        tx.commit().await?;
        Ok(Some(reference))
    }

    /// A document of a case within `scope`: its storage key and type; the view is logged.
    pub async fn case_document(
        &self,
        scope: &Scope,
        document_id: i64,
        viewer: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<(String, String)>, BackendError> {
        let mut values = Built::default();
        let wanted = values.bind(document_id);
        let in_scope = scope_clause(scope, &mut values);
        let sql = format!(
            "SELECT d.storage_key, d.content_type, a.id FROM documents d
             JOIN applications a ON a.id = d.application_id WHERE d.id = {wanted} AND {in_scope}"
        );
        let row: Option<(String, String, i64)> =
            built!(self.read().await?, fetch_optional, query_as, &sql, values).map_err(unavailable)?;
        let Some((storage_key, content_type, application_id)) = row else {
            return Ok(None);
        };
        self.log_access(viewer, application_id, &format!("document:{document_id}"), now)
            .await?;
        Ok(Some((storage_key, content_type)))
    }
}

/// A line of the queue as selected (the same column names on both engines).
#[derive(sqlx::FromRow)]
pub(crate) struct QueueSqlRow {
    id: i64,
    reference: String,
    aid_type: String,
    applicant_name: String,
    town: String,
    status: String,
    level: String,
    urgent: bool,
    due_on: String,
    documents_due_on: Option<String>,
    assigned: Option<String>,
    submitted_at: String,
    overdue: bool,
    paperwork_overdue: bool,
    /// The re-check's mark (JSON), if the case has one.
    recheck: Option<String>,
}

/// The cases among `ids` whose applicant the town should phone now ("联系申请人"), by the one
/// rule the case page uses (domain::messages::contact_needed): their texts to the applicant not
/// delivered, and the calls recorded.
async fn contact_needed_among(
    conn: &mut super::engine::Conn,
    ids: &[i64],
    now: DateTime<Utc>,
) -> Result<std::collections::HashSet<i64>, BackendError> {
    use app::domain::messages::{MessageKind, MessageStatus, TextToApplicant, contact_needed};
    use std::collections::HashMap;
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let mut values = Built::default();
    let among = values.bind_all(ids.iter().copied());
    let sql = format!(
        "SELECT application_id, kind, status, created_at FROM messages
         WHERE application_id IN ({among}) AND recipient = 'applicant' AND channel = 'sms'
           AND status <> 'delivered'"
    );
    let texts: Vec<(i64, String, String, String)> =
        built!(conn, fetch_all, query_as, &sql, values).map_err(unavailable)?;
    let mut values = Built::default();
    let among = values.bind_all(ids.iter().copied());
    let sql = format!(
        "SELECT application_id, at FROM events
         WHERE application_id IN ({among}) AND kind = 'applicant_contacted'"
    );
    let calls: Vec<(i64, String)> = built!(conn, fetch_all, query_as, &sql, values).map_err(unavailable)?;
    let mut last_call: HashMap<i64, DateTime<Utc>> = HashMap::new();
    for (id, at) in calls {
        let at = parse_time(&at);
        last_call
            .entry(id)
            .and_modify(|t| *t = (*t).max(at))
            .or_insert(at);
    }
    let mut by_case: HashMap<i64, Vec<TextToApplicant>> = HashMap::new();
    for (id, kind, status, at) in texts {
        let (Some(kind), Some(status)) = (MessageKind::parse(&kind), MessageStatus::parse(&status)) else {
            return Err(unreadable("a message of application", &id.to_string()));
        };
        by_case.entry(id).or_default().push(TextToApplicant {
            kind,
            status,
            at: parse_time(&at),
        });
    }
    Ok(by_case
        .into_iter()
        .filter(|(id, texts)| contact_needed(texts, last_call.get(id).copied(), now).is_some())
        .map(|(id, _)| id)
        .collect())
}

/// The queue's page: a row that does not read back is an error, never a case left out.
pub(crate) fn queue_view(
    rows: Vec<QueueSqlRow>,
    counts: Vec<(String, i64)>,
    overdue: i64,
    matching: i64,
) -> Result<QueueView, BackendError> {
    let rows = rows
        .into_iter()
        .map(|r| {
            let parsed = (
                AidType::parse(&r.aid_type),
                Status::parse(&r.status),
                Level::parse(&r.level),
                r.due_on.parse::<NaiveDate>().ok(),
            );
            let (Some(aid_type), Some(status), Some(level), Some(due_on)) = parsed else {
                return Err(unreadable("queue row", &r.reference));
            };
            Ok(QueueRow {
                masked_name: mask_name(&r.applicant_name),
                reference: r.reference,
                aid_type,
                town: r.town,
                status,
                level,
                urgent: r.urgent,
                due_on,
                overdue: r.overdue,
                advance_paperwork_overdue: r.paperwork_overdue,
                documents_due_on: r.documents_due_on.as_deref().and_then(|d| d.parse().ok()),
                assigned_to: r.assigned,
                submitted_on: date_in_chongqing(parse_time(&r.submitted_at)),
                // A mark made before the decision says nothing once the case is decided.
                recheck: r
                    .recheck
                    .filter(|_| status.is_undecided())
                    .and_then(|m| serde_json::from_str(&m).ok()),
                // Marked by the queue from the cases' texts (contact_needed_among).
                contact_applicant: false,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(QueueView {
        rows,
        counts: Status::ALL
            .into_iter()
            .filter_map(|s| counts.iter().find(|(w, _)| w == s.word()).map(|(_, n)| (s, *n)))
            .collect(),
        overdue,
        matching,
    })
}

/// The case's status if it is still at `version`, held for the caller's transaction: on
/// PostgreSQL its row locked, so that of two staff acting on one case at once only the first
/// succeeds (a change committed meanwhile raised the version, and the lock's re-check of the
/// WHERE finds nothing). None when someone else changed it first.
pub(super) async fn status_at_version(
    tx: &mut Tx,
    application_id: i64,
    version: i64,
) -> Result<Option<String>, BackendError> {
    per_engine!(tx, c =>
        sqlite: sqlx::query_scalar!(
            "SELECT status FROM applications WHERE id = ? AND version = ?",
            application_id,
            version
        )
        .fetch_optional(c)
        .await,
        postgres: sqlx::query_scalar!(
            "SELECT status FROM applications WHERE id = $1 AND version = $2 FOR UPDATE",
            application_id,
            version
        )
        .fetch_optional(c)
        .await,
    )
    .map_err(unavailable)
}

/// The items a `documents_requested` event's detail asks for (domain::review::decide wrote it).
fn asked_items(detail: &serde_json::Value) -> Vec<(Option<DocumentKind>, Option<String>)> {
    let kinds: Vec<DocumentKind> = detail["kinds"]
        .as_array()
        .map(|kinds| {
            kinds
                .iter()
                .filter_map(|k| k.as_str().and_then(DocumentKind::parse))
                .collect()
        })
        .unwrap_or_default();
    items_asked(&kinds, detail["what"].as_str().unwrap_or_default())
}
