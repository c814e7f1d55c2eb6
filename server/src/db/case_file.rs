//! The case file: everything staff see of one case, read within their scope, its sealed
//! columns opened, and who saw it logged before anything is shown.

use super::common::unavailable;
use super::common::{money, open, parse_time, sealed, unreadable};
use super::document_requests;
use super::engine::{Built, built, fetch, scalar};
use super::error::BackendError;
use super::review::scope_clause;
use super::store::Store;
use crate::crypto::DataKeys;
use app::domain::ReferenceNumber;
use app::domain::casefile::{AccessRecord, AuditEvent, CaseFile, MemberRecord, PossibleDuplicate};
use app::domain::clock::date_in_chongqing;
use app::domain::document_request::RequestItem;
use app::domain::messages::{CaseMessage, Channel, MessageKind, MessageStatus, Recipient};
use app::domain::review::Scope;
use app::domain::review::{Case, CaseEvent, Level, Staff, Status};
use app::domain::{AidType, DocumentInfo, NationalId, PhoneNumber};
use chrono::{DateTime, Utc};

/// A case's row as selected, its sealed columns still sealed.
#[derive(sqlx::FromRow)]
pub(crate) struct CaseRow {
    pub id: i64,
    pub reference: String,
    aid_type: String,
    town: String,
    status: String,
    level: String,
    applicant_name: String,
    id_number: String,
    phone: String,
    answers: String,
    household: String,
    assessment: String,
    rules_version: String,
    parameter_set: String,
    pub submitted_at: String,
    pub cause: String,
    recommended_fen: Option<i64>,
    recommended_by: Option<String>,
    advance_fen: Option<i64>,
    advance_paperwork_due: Option<String>,
    approved_fen: Option<i64>,
    pub assigned_to: Option<i64>,
    version: i64,
    urgent: bool,
    due_on: String,
    paused_on: Option<String>,
    documents_due_on: Option<String>,
}

/// A case's row opened and read: what must parse before anyone is shown (or logged as seeing)
/// the case.
pub(crate) struct OpenedCase {
    /// The row, its sealed columns opened.
    row: CaseRow,
    aid_type: AidType,
    status: Status,
    level: Level,
    id_number: NationalId,
    phone: PhoneNumber,
}

impl OpenedCase {
    pub(crate) fn open(keys: &DataKeys, mut row: CaseRow) -> Result<OpenedCase, BackendError> {
        row.id_number = open(
            keys,
            sealed::APPLICATION_ID_NUMBER,
            &row.id_number,
            &row.reference,
        )?;
        row.phone = open(keys, sealed::APPLICATION_PHONE, &row.phone, &row.reference)?;
        row.answers = open(keys, sealed::APPLICATION_ANSWERS, &row.answers, &row.reference)?;
        let (Some(aid_type), Some(status), Some(level), Ok(id_number), Some(phone)) = (
            AidType::parse(&row.aid_type),
            Status::parse(&row.status),
            Level::parse(&row.level),
            NationalId::parse(&row.id_number),
            PhoneNumber::parse(&row.phone).ok(),
        ) else {
            tracing::error!(application = row.id, "a stored application does not parse");
            return Err(BackendError::Unavailable);
        };
        Ok(OpenedCase {
            row,
            aid_type,
            status,
            level,
            id_number,
            phone,
        })
    }

    pub(crate) fn row(&self) -> &CaseRow {
        &self.row
    }
}

/// A household member as stored: relationship, name, sealed ID number, age.
pub(crate) type MemberSqlRow = (String, String, Option<String>, i64);

/// The members with their ID numbers opened.
pub(crate) fn open_members(
    keys: &DataKeys,
    reference: &str,
    members: Vec<MemberSqlRow>,
) -> Result<Vec<MemberSqlRow>, BackendError> {
    members
        .into_iter()
        .map(|(relationship, name, id, age)| {
            let id = match id {
                Some(id) => Some(open(keys, sealed::MEMBER_ID_NUMBER, &id, reference)?),
                None => None,
            };
            Ok((relationship, name, id, age))
        })
        .collect()
}

/// The keyed hashes of every ID number of the household, each once: how its other
/// applications are found.
pub(crate) fn household_hashes(keys: &DataKeys, case: &OpenedCase, members: &[MemberSqlRow]) -> Vec<String> {
    let mut ids: Vec<String> = vec![keys.lookup_hash(&case.row.id_number)];
    ids.extend(
        members
            .iter()
            .filter_map(|m| m.2.as_deref().map(|id| keys.lookup_hash(id))),
    );
    ids.sort();
    ids.dedup();
    ids
}

/// Another application sharing an ID number: reference, town, status, submitted at, cause.
pub(crate) type DuplicateSqlRow = (String, String, String, String, String);

/// Other applications of the household, flagged when they are for the same cause within
/// `window_days` of this one (RULES.md §4).
pub(crate) fn duplicates(
    case: &CaseRow,
    rows: Vec<DuplicateSqlRow>,
    window_days: i64,
) -> Result<Vec<PossibleDuplicate>, BackendError> {
    let this = parse_time(&case.submitted_at);
    rows.into_iter()
        .map(|(reference, town, status, at, other_cause)| {
            let at = parse_time(&at);
            Ok(PossibleDuplicate {
                status: Status::parse(&status).ok_or_else(|| unreadable("a status", &status))?,
                reference,
                town,
                submitted_on: date_in_chongqing(at),
                same_cause_recently: !case.cause.is_empty()
                    && other_cause == case.cause
                    && (this - at).num_days().abs() <= window_days,
            })
        })
        .collect()
}

/// Everything else the case page shows, as the engine read it.
pub(crate) struct CaseParts {
    pub members: Vec<MemberSqlRow>,
    /// id, kind, content type, bytes.
    pub documents: Vec<(i64, String, String, i64)>,
    /// at, actor, kind, detail.
    pub events: Vec<(String, String, String, String)>,
    /// at, username, what.
    pub views: Vec<(String, String, String)>,
    pub assigned_to: Option<Staff>,
    pub duplicates: Vec<PossibleDuplicate>,
    pub messages: Vec<CaseMessage>,
    pub request_items: Vec<RequestItem>,
}

/// The case file the town reads.
pub(crate) fn case_file(case: OpenedCase, parts: CaseParts) -> Result<CaseFile, BackendError> {
    let OpenedCase {
        row,
        aid_type,
        status,
        level,
        id_number,
        phone,
    } = case;
    Ok(CaseFile {
        id: row.id,
        reference: row.reference,
        case: Case {
            status,
            aid_type,
            town: row.town,
            level,
            recommended_amount: money(row.recommended_fen),
            recommended_by: row.recommended_by,
            advance: money(row.advance_fen),
            approved_amount: money(row.approved_fen),
        },
        version: row.version,
        applicant_name: row.applicant_name,
        id_number,
        phone,
        members: parts
            .members
            .into_iter()
            .map(|(relationship, name, id, age)| MemberRecord {
                relationship,
                name,
                id_number: id.as_deref().and_then(|i| NationalId::parse(i).ok()),
                age,
            })
            .collect(),
        answers: serde_json::from_str(&row.answers).unwrap_or_default(),
        household: serde_json::from_str(&row.household).unwrap_or_default(),
        assessment: serde_json::from_str(&row.assessment).unwrap_or_default(),
        rules_version: row.rules_version,
        parameter_set: row.parameter_set,
        submitted_at: parse_time(&row.submitted_at),
        urgent: row.urgent,
        due_on: row.due_on.parse().unwrap_or_default(),
        paused_on: row.paused_on.and_then(|d| d.parse().ok()),
        documents_due_on: row.documents_due_on.and_then(|d| d.parse().ok()),
        request_items: parts.request_items,
        advance_paperwork_due: row.advance_paperwork_due.and_then(|d| d.parse().ok()),
        assigned_to: parts.assigned_to,
        documents: parts
            .documents
            .into_iter()
            .map(|(id, kind, content_type, byte_size)| DocumentInfo {
                id,
                kind,
                content_type,
                byte_size,
            })
            .collect(),
        events: parts
            .events
            .into_iter()
            .map(|(at, actor, kind, detail)| {
                Ok(AuditEvent {
                    at: parse_time(&at),
                    actor,
                    kind: CaseEvent::parse(&kind).ok_or_else(|| unreadable("an event's kind", &kind))?,
                    detail: serde_json::from_str(&detail).unwrap_or_default(),
                })
            })
            .collect::<Result<_, BackendError>>()?,
        views: parts
            .views
            .into_iter()
            .map(|(at, username, what)| AccessRecord {
                at: parse_time(&at),
                username,
                what,
            })
            .collect(),
        duplicates: parts.duplicates,
        messages: parts.messages,
    })
}

impl Store {
    /// The whole file of a case within `scope`; with `record_view`, a row in the access log
    /// saying that `viewer` opened it, written before anything is shown.
    /// `repeat_window_days` bounds the same-cause flag.
    #[allow(clippy::too_many_arguments)]
    pub async fn case_file(
        &self,
        scope: &Scope,
        reference: &ReferenceNumber,
        viewer: i64,
        repeat_window_days: i64,
        record_view: bool,
        now: DateTime<Utc>,
    ) -> Result<Option<CaseFile>, BackendError> {
        let keys = self.keys()?;
        // One connection at a time: a function that held one while asking the pool for another
        // could, with every connection so held, wait for ever (PostgreSQL's pool serves reads
        // and writes alike).
        let mut values = Built::default();
        let wanted = values.bind(reference.as_str());
        let in_scope = scope_clause(scope, &mut values);
        let sql = format!(
            "SELECT a.id, a.reference, a.aid_type, a.town, a.status, a.level, a.applicant_name,
                    a.id_number, a.phone, a.answers, a.household, a.assessment, a.rules_version,
                    a.parameter_set, a.submitted_at, a.cause, a.recommended_fen, a.recommended_by,
                    a.advance_fen, a.advance_paperwork_due, a.approved_fen, a.assigned_to, a.version,
                    q.urgent, q.due_on, q.paused_on, q.documents_due_on
             FROM applications a JOIN queue_entries q ON q.application_id = a.id
             WHERE a.reference = {wanted} AND {in_scope}"
        );
        let row: Option<CaseRow> =
            built!(self.read().await?, fetch_optional, query_as, &sql, values).map_err(unavailable)?;
        let Some(row) = row else {
            return Ok(None);
        };
        let case = OpenedCase::open(keys, row)?;
        let row = case.row();

        if record_view {
            self.log_access(viewer, row.id, "case", now).await?;
        }
        let mut conn = self.read().await?;

        let members: Vec<MemberSqlRow> = fetch!(
            conn,
            fetch_all,
            MemberColumns,
            "SELECT relationship, name, id_number, age FROM members WHERE application_id = $1 ORDER BY position",
            row.id
        )
        .map_err(unavailable)?
        .into_iter()
        .map(|m| (m.relationship, m.name, m.id_number, m.age))
        .collect();
        let members = open_members(keys, &row.reference, members)?;
        let documents = fetch!(
            conn,
            fetch_all,
            DocumentRecord,
            r#"SELECT id AS "id!", kind, content_type, byte_size FROM documents WHERE application_id = $1 ORDER BY id"#,
            row.id
        )
        .map_err(unavailable)?
        .into_iter()
        .map(|d| (d.id, d.kind, d.content_type, d.byte_size))
        .collect();
        let events = fetch!(
            conn,
            fetch_all,
            EventRecord,
            // Staff by their names, not their login names (issue 24, item 9); the applicant and
            // the portal itself are words the page says in the reader's language.
            r#"SELECT e.at, COALESCE(s.display_name, e.actor) AS "actor!: String", e.kind, e.detail
             FROM events e LEFT JOIN staff s ON s.username = e.actor
             WHERE e.application_id = $1 ORDER BY e.id"#,
            row.id
        )
        .map_err(unavailable)?
        .into_iter()
        .map(|e| (e.at, e.actor, e.kind, e.detail))
        .collect::<Vec<_>>();
        // Whom a case was assigned to, by name too (issue 24, item 9): the event keeps the login
        // name, the page says the person. A few assignments a case: one look-up each.
        let mut events = events;
        for (_, _, _, detail) in events.iter_mut().filter(|e| e.2 == CaseEvent::Assigned.word()) {
            let mut value: serde_json::Value = serde_json::from_str(detail).unwrap_or_default();
            let Some(username) = value["to"].as_str().map(str::to_string) else {
                continue;
            };
            let name = scalar!(
                conn,
                fetch_optional,
                "SELECT display_name FROM staff WHERE username = $1",
                username
            )
            .map_err(unavailable)?;
            if let Some(name) = name {
                value["to"] = name.into();
                *detail = value.to_string();
            }
        }
        let views = fetch!(
            conn,
            fetch_all,
            ViewRecord,
            "SELECT l.at, s.display_name AS username, l.what FROM access_log l JOIN staff s ON s.id = l.staff_id
             WHERE l.application_id = $1 ORDER BY l.id DESC LIMIT 200",
            row.id
        )
        .map_err(unavailable)?
        .into_iter()
        .map(|v| (v.at, v.username, v.what))
        .collect();
        let messages = fetch!(
            conn,
            fetch_all,
            MessageRecord,
            "SELECT kind, recipient, channel, status, text, created_at, attempts, error FROM messages
             WHERE application_id = $1 ORDER BY id",
            row.id
        )
        .map_err(unavailable)?
        .into_iter()
        .map(case_message)
        .collect::<Result<_, BackendError>>()?;
        let request_items = document_requests::items(conn.exec(), row.id).await?;
        drop(conn);
        let assigned_to = match row.assigned_to {
            Some(id) => self.staff_by_id(id).await?,
            None => None,
        };

        // Duplicates are found by the keyed hash of each ID number in the household.
        let ids = household_hashes(keys, &case, &members);
        let others = self.other_applications(row.id, &ids).await?;
        let duplicates = duplicates(row, others, repeat_window_days)?;
        let parts = CaseParts {
            members,
            documents,
            events,
            views,
            assigned_to,
            duplicates,
            messages,
            request_items,
        };
        Ok(Some(case_file(case, parts)?))
    }

    /// Other applications, in any town, sharing an ID number with this household (one
    /// placeholder per ID: the text is built).
    async fn other_applications(
        &self,
        id: i64,
        ids: &[String],
    ) -> Result<Vec<DuplicateSqlRow>, BackendError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut values = Built::default();
        let this = values.bind(id);
        let marks = values.bind_all(ids.iter().map(String::as_str));
        let sql = format!(
            "SELECT a.reference, a.town, a.status, a.submitted_at, a.cause FROM applications a
             WHERE a.id <> {this} AND (a.id_number_hash IN ({marks})
                OR a.id IN (SELECT application_id FROM members WHERE id_number_hash IN ({marks})))
             ORDER BY a.submitted_at DESC LIMIT 20"
        );
        built!(self.read().await?, fetch_all, query_as, &sql, values).map_err(unavailable)
    }
}

struct MemberColumns {
    relationship: String,
    name: String,
    id_number: Option<String>,
    age: i64,
}

struct DocumentRecord {
    id: i64,
    kind: String,
    content_type: String,
    byte_size: i64,
}

struct EventRecord {
    at: String,
    actor: String,
    kind: String,
    detail: String,
}

struct MessageRecord {
    kind: String,
    recipient: String,
    channel: String,
    status: String,
    text: String,
    created_at: String,
    attempts: i64,
    error: Option<String>,
}

/// A message as the case page shows it: a duty number masked.
fn case_message(m: MessageRecord) -> Result<CaseMessage, BackendError> {
    let recipient = match Recipient::parse(&m.recipient) {
        Some(Recipient::Duty(phone)) => {
            let masked = PhoneNumber::parse(&phone).map_or_else(|_| "***".to_string(), |p| p.masked());
            Recipient::Duty(masked)
        }
        Some(applicant) => applicant,
        None => return Err(unreadable("a message's recipient", &m.recipient)),
    };
    Ok(CaseMessage {
        kind: MessageKind::parse(&m.kind).ok_or_else(|| unreadable("a message's kind", &m.kind))?,
        recipient,
        channel: Channel::parse(&m.channel).ok_or_else(|| unreadable("a channel", &m.channel))?,
        status: MessageStatus::parse(&m.status).ok_or_else(|| unreadable("a message status", &m.status))?,
        text: m.text,
        at: parse_time(&m.created_at),
        attempts: m.attempts,
        error: m.error,
    })
}

struct ViewRecord {
    at: String,
    username: String,
    what: String,
}
