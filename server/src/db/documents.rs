//! Documents' records (the bytes are in the document store, crate::storage).
//!
//! Each owner's limits (documents, total bytes) are checked and the document inserted in one
//! transaction, so that thirty uploads at once never count the same room twice: SQLite's
//! transaction holds the one write lock from its start; on PostgreSQL it first locks the
//! owner's row (the draft, or the application) `FOR UPDATE`, so uploads to one owner take
//! turns while uploads to different owners do not wait for each other.

use super::common::unavailable;
use super::document_requests;
use super::engine::{Tx, execute, fetch, per_engine, scalar};
use super::error::BackendError;
use super::events::{self, NewEvent};
use super::store::Store;
use app::domain::DocumentInfo;
use app::domain::DocumentKind;
use app::domain::ReferenceNumber;
use app::domain::document::DocumentRefusal;
use app::domain::document::{MAX_DOCUMENTS, MAX_DOCUMENTS_TOTAL_BYTES};
use app::domain::document_request::{answered_by, complete};
use app::domain::review::{CaseEvent, Schedule, Staff, Status, on_documents_received};
use app::rules::WorkingDays;
use chrono::{DateTime, NaiveDate, Utc};

/// A document's record; its bytes are already in the document store under `storage_key`.
#[derive(Clone, Debug)]
pub struct NewDocument {
    pub kind: String,
    pub content_type: &'static str,
    pub byte_size: i64,
    pub storage_key: String,
    pub uploaded_at: DateTime<Utc>,
}

/// Whose documents: a draft's (by its id) or an application's (by its row id).
enum Owner<'a> {
    Draft(&'a str),
    Application(i64),
}

impl<'a> Owner<'a> {
    /// The owner as the two columns of `documents`: one set, the other NULL.
    fn columns(&self) -> (Option<&'a str>, Option<i64>) {
        match *self {
            Owner::Draft(id) => (Some(id), None),
            Owner::Application(id) => (None, Some(id)),
        }
    }
}

struct Totals {
    count: i64,
    bytes: i64,
}

struct ApplicationRow {
    id: i64,
    status: String,
}

struct WaitingRow {
    status: String,
    due_on: String,
    paused_on: Option<String>,
}

impl Store {
    /// Records a document sent with a draft, unless the draft's limits or state refuse it
    /// (checked in the insert's transaction).
    pub async fn add_draft_document(
        &self,
        draft_id: &str,
        d: NewDocument,
    ) -> Result<Result<i64, DocumentRefusal>, BackendError> {
        let mut tx = self.begin().await?;
        // On PostgreSQL the draft's row is locked: the check below and the insert are one
        // step, and a submission of the draft holds the lock too, so an upload never lands in
        // a submitted draft.
        let draft: Option<Option<String>> = per_engine!(tx, c =>
            sqlite: sqlx::query_scalar!("SELECT submitted_reference FROM drafts WHERE id = ?", draft_id)
                .fetch_optional(c)
                .await,
            postgres: sqlx::query_scalar!(
                "SELECT submitted_reference FROM drafts WHERE id = $1 FOR UPDATE",
                draft_id
            )
            .fetch_optional(c)
            .await,
        )
        .map_err(unavailable)?;
        match draft {
            None => return Ok(Err(DocumentRefusal::NotFound)),
            Some(Some(_)) => return Ok(Err(DocumentRefusal::Submitted)),
            Some(None) => {}
        }
        let added = insert_within_limits(&mut tx, Owner::Draft(draft_id), &d).await?;
        if added.is_ok() {
            tx.commit().await?;
        }
        Ok(added)
    }

    /// The documents of a draft, oldest first.
    pub async fn draft_documents(&self, draft_id: &str) -> Result<Vec<DocumentInfo>, BackendError> {
        fetch!(
            self.read().await?,
            fetch_all,
            DocumentInfo,
            r#"SELECT id AS "id!", kind, content_type, byte_size FROM documents WHERE draft_id = $1 ORDER BY id"#,
            draft_id
        )
        .map_err(unavailable)
    }

    /// Removes a draft's document: its storage key, for the bytes to be deleted too. Only a
    /// document still in a draft can be removed by the resident; one statement, so a
    /// submission that attached the document first makes it match nothing.
    pub async fn remove_draft_document(
        &self,
        draft_id: &str,
        id: i64,
    ) -> Result<Option<String>, BackendError> {
        scalar!(
            self.write().await?,
            fetch_optional,
            "DELETE FROM documents WHERE id = $1 AND draft_id = $2 AND application_id IS NULL
             RETURNING storage_key",
            id,
            draft_id
        )
        .map_err(unavailable)
    }

    /// Says what a document of this draft is (issue 24, item 1: several photos sent at once
    /// are each named after); false when the draft has no such document.
    pub async fn set_draft_document_kind(
        &self,
        draft_id: &str,
        id: i64,
        kind: DocumentKind,
    ) -> Result<bool, BackendError> {
        let kind = kind.word();
        let changed = execute!(
            self.write().await?,
            "UPDATE documents SET kind = $1 WHERE id = $2 AND draft_id = $3 AND application_id IS NULL",
            kind,
            id,
            draft_id
        )
        .map_err(unavailable)?;
        Ok(changed == 1)
    }

    /// Records a document sent after submission (asked for by the town, or by another
    /// channel), with a `document_added` event, unless there is no such application, it is
    /// final, or its limits refuse it (the documents it brought from its draft count too).
    /// While the town waits for documents, the upload answers the open item of its kind (with
    /// no kind chosen, the first missing item that names one, whose kind it takes); when every
    /// item is in, the case goes back to the town and its clock starts again, counted in
    /// `working_days` (app::domain::document_request).
    pub async fn add_application_document(
        &self,
        reference: &ReferenceNumber,
        phone_last4: &str,
        mut d: NewDocument,
        chosen: Option<DocumentKind>,
        working_days: &WorkingDays,
    ) -> Result<Result<i64, DocumentRefusal>, BackendError> {
        let mut tx = self.begin().await?;
        let Some((application_id, status)) = hold_application(&mut tx, reference, phone_last4).await? else {
            return Ok(Err(DocumentRefusal::NotFound));
        };
        // Nothing happens to a final case, so nothing may be added to it (an unknown status,
        // from a newer version, is treated as final too).
        if Status::parse(&status).is_none_or(Status::is_final) {
            return Ok(Err(DocumentRefusal::Closed));
        }
        let waiting = status == Status::WaitingForDocuments.word();
        let mut open = if waiting {
            document_requests::open_items(tx.exec(), application_id).await?
        } else {
            Vec::new()
        };
        let answers = answered_by(&open, chosen).map(|item| item.id);
        if let Some(kind) = open.iter().find(|i| Some(i.id) == answers).and_then(|i| i.kind) {
            d.kind = kind.word().to_string();
        }
        let id = match insert_within_limits(&mut tx, Owner::Application(application_id), &d).await? {
            Ok(id) => id,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let mut detail = serde_json::json!({ "kind": d.kind });
        if let Some(item) = answers {
            detail["item"] = item.into();
        }
        let event = NewEvent {
            application_id,
            at: d.uploaded_at,
            actor: "applicant",
            kind: CaseEvent::DocumentAdded,
            detail,
        };
        events::record(tx.exec(), event, self.sms).await?;
        if let Some(item) = answers {
            document_requests::received(tx.exec(), item, id, d.uploaded_at).await?;
            for i in open.iter_mut().filter(|i| i.id == item) {
                i.received = true;
            }
            if complete(&open) {
                let because = "documents_received";
                resume(
                    &mut tx,
                    application_id,
                    d.uploaded_at,
                    working_days,
                    self.sms,
                    because,
                )
                .await?;
            }
        }
        tx.commit().await?;
        Ok(Ok(id))
    }

    /// The applicant says they have sent everything the town asked for (已全部上传): the case
    /// goes back to the town, what is still missing recorded as missing for the caseworker.
    /// False when there is no such application or the town is not waiting for documents.
    pub async fn all_documents_sent(
        &self,
        reference: &ReferenceNumber,
        phone_last4: &str,
        at: DateTime<Utc>,
        working_days: &WorkingDays,
    ) -> Result<bool, BackendError> {
        let mut tx = self.begin().await?;
        let Some((application_id, status)) = hold_application(&mut tx, reference, phone_last4).await? else {
            return Ok(false);
        };
        if status != Status::WaitingForDocuments.word() {
            return Ok(false);
        }
        resume(
            &mut tx,
            application_id,
            at,
            working_days,
            self.sms,
            "applicant_says_all_sent",
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// A caseworker marks an item of the open request satisfied (a paper brought to the
    /// office, say), with its audit row; when every item is then in, the case goes back to the
    /// town. False when the case is not at `version` or has no such open item.
    pub async fn satisfy_request_item(
        &self,
        application_id: i64,
        version: i64,
        item_id: i64,
        actor: &Staff,
        at: DateTime<Utc>,
        working_days: &WorkingDays,
    ) -> Result<bool, BackendError> {
        let mut tx = self.begin().await?;
        let status = super::review::status_at_version(&mut tx, application_id, version).await?;
        if status.as_deref() != Some(Status::WaitingForDocuments.word()) {
            return Ok(false);
        }
        if !document_requests::satisfied(tx.exec(), application_id, item_id, &actor.username, at).await? {
            return Ok(false);
        }
        let event = NewEvent {
            application_id,
            at,
            actor: &actor.username,
            kind: CaseEvent::RequestItemSatisfied,
            detail: serde_json::json!({ "item": item_id }),
        };
        events::record(tx.exec(), event, self.sms).await?;
        // The version moves, so that a page showing the item as missing acts on nothing stale.
        execute!(
            tx,
            "UPDATE applications SET version = version + 1 WHERE id = $1",
            application_id
        )
        .map_err(unavailable)?;
        if complete(&document_requests::open_items(tx.exec(), application_id).await?) {
            resume(
                &mut tx,
                application_id,
                at,
                working_days,
                self.sms,
                "request_complete",
            )
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }
}

/// The application with this reference and phone ending, held for the transaction: on
/// PostgreSQL its row is locked, so the limits are counted, the status is read and (while the
/// town waits for documents) changed by this request alone, and a staff transition or a
/// withdrawal waits for it (and then fails its version check, as the status moved on). Its id
/// and status.
async fn hold_application(
    tx: &mut Tx,
    reference: &ReferenceNumber,
    phone_last4: &str,
) -> Result<Option<(i64, String)>, BackendError> {
    let reference = reference.as_str();
    let row = per_engine!(tx, c =>
        sqlite: sqlx::query_as!(
            ApplicationRow,
            r#"SELECT id AS "id!", status FROM applications WHERE reference = ? AND phone_last4 = ?"#,
            reference,
            phone_last4
        )
        .fetch_optional(c)
        .await,
        postgres: sqlx::query_as!(
            ApplicationRow,
            "SELECT id, status FROM applications WHERE reference = $1 AND phone_last4 = $2 FOR UPDATE",
            reference,
            phone_last4
        )
        .fetch_optional(c)
        .await,
    )
    .map_err(unavailable)?;
    Ok(row.map(|r| (r.id, r.status)))
}

/// The document's record, unless one more of its size would pass a limit of its owner. Run
/// inside the transaction that holds the owner (see the module's comment).
async fn insert_within_limits(
    tx: &mut Tx,
    owner: Owner<'_>,
    d: &NewDocument,
) -> Result<Result<i64, DocumentRefusal>, BackendError> {
    let (draft_id, application_id) = owner.columns();
    if let Some(refusal) = over_limits(tx, owner, d.byte_size).await? {
        return Ok(Err(refusal));
    }
    let uploaded_at = d.uploaded_at.to_rfc3339();
    let id = scalar!(
        tx,
        fetch_one,
        r#"INSERT INTO documents (draft_id, application_id, kind, content_type, byte_size, storage_key, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING id AS "id!""#,
        draft_id,
        application_id,
        d.kind,
        d.content_type,
        d.byte_size,
        d.storage_key,
        uploaded_at
    )
    .map_err(unavailable)?;
    Ok(Ok(id))
}

/// Whether one more document of `size` bytes would pass a limit of its owner. Run inside the
/// insert's transaction, after the owner is locked (see the module's comment).
async fn over_limits(
    tx: &mut Tx,
    owner: Owner<'_>,
    size: i64,
) -> Result<Option<DocumentRefusal>, BackendError> {
    // One statement for either owner: the other owner's id is NULL, and `= NULL` matches no
    // row.
    let (draft_id, application_id) = owner.columns();
    let totals = fetch!(
        tx,
        fetch_one,
        Totals,
        r#"SELECT count(*) AS "count!: i64", CAST(COALESCE(SUM(byte_size), 0) AS BIGINT) AS "bytes!: i64"
         FROM documents WHERE draft_id = $1 OR application_id = $2"#,
        draft_id,
        application_id
    )
    .map_err(unavailable)?;
    Ok(if totals.count >= MAX_DOCUMENTS as i64 {
        Some(DocumentRefusal::TooMany)
    } else if totals.bytes + size > MAX_DOCUMENTS_TOTAL_BYTES as i64 {
        Some(DocumentRefusal::TooLarge)
    } else {
        None
    })
}

/// The town's request is answered (every item in, the applicant's 已全部上传, or the last item
/// satisfied): the investigation goes on by itself, the request is closed and the deadline
/// moves by the working days it stood still (app::domain::review). The caller holds the
/// application (see the module's comment) and has checked that the town was waiting.
async fn resume(
    tx: &mut Tx,
    application_id: i64,
    at: DateTime<Utc>,
    working_days: &WorkingDays,
    sms: bool,
    because: &str,
) -> Result<(), BackendError> {
    let row = fetch!(
        tx,
        fetch_optional,
        WaitingRow,
        "SELECT a.status, q.due_on, q.paused_on FROM applications a
         JOIN queue_entries q ON q.application_id = a.id WHERE a.id = $1",
        application_id
    )
    .map_err(unavailable)?;
    let Some(WaitingRow {
        status,
        due_on,
        paused_on,
    }) = row
    else {
        return Ok(());
    };
    let Some((next, _)) = Status::parse(&status).and_then(on_documents_received) else {
        return Ok(());
    };
    let today = app::domain::clock::date_in_chongqing(at);
    let due_on = Schedule {
        due_on: due_on.parse().unwrap_or(today),
        paused_on: paused_on.and_then(|p| p.parse::<NaiveDate>().ok()),
        advance_paperwork_due: None,
        documents_due_on: None,
    }
    .resumed(today, working_days)
    .due_on;
    let (now, status, due_on) = (at.to_rfc3339(), next.word(), due_on.to_string());
    execute!(
        tx,
        "UPDATE applications SET status = $1, status_changed_at = $2, version = version + 1 WHERE id = $3",
        status,
        now,
        application_id
    )
    .map_err(unavailable)?;
    execute!(
        tx,
        "UPDATE queue_entries SET due_on = $1, paused_on = NULL WHERE application_id = $2",
        due_on,
        application_id
    )
    .map_err(unavailable)?;
    document_requests::close(tx.exec(), application_id, at).await?;
    let event = NewEvent {
        application_id,
        at,
        actor: "system",
        kind: CaseEvent::InvestigationResumed,
        detail: serde_json::json!({ "because": because }),
    };
    events::record(tx.exec(), event, sms).await?;
    Ok(())
}
