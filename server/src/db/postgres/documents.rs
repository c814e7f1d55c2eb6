//! Documents' records (the bytes are in the document store).
//!
//! Each owner's limits (documents, total bytes) are checked and the document inserted in one
//! transaction that first locks the owner's row (the draft, or the application) `FOR UPDATE`:
//! uploads to one owner take turns, so thirty at once never count the same room twice, while
//! uploads to different owners do not wait for each other.

use crate::db::common::unavailable;
use app::backend::{BackendError, DocumentInfo, DocumentRefusal, NewDocument};
use app::domain::ReferenceNumber;
use app::domain::document::{MAX_DOCUMENTS, MAX_DOCUMENTS_TOTAL_BYTES};
use app::domain::review::{Schedule, Status, on_documents_received};
use app::rules::WorkingDays;
use chrono::NaiveDate;
use sqlx::PgPool;

/// Whose documents: a draft's (by its id) or an application's (by its row id).
enum Owner<'a> {
    Draft(&'a str),
    Application(i64),
}

/// Whether one more document of `size` bytes would pass a limit of its owner. Run inside the
/// insert's transaction, after the owner's row is locked, so no other upload to the same owner
/// can slip in between check and insert.
async fn over_limits(
    tx: &mut sqlx::PgConnection,
    owner: Owner<'_>,
    size: i64,
) -> Result<Option<DocumentRefusal>, BackendError> {
    // One statement for either owner: the other owner's id is NULL, and `= NULL` matches no row.
    let (draft_id, application_id) = match owner {
        Owner::Draft(id) => (Some(id), None),
        Owner::Application(id) => (None, Some(id)),
    };
    let totals = sqlx::query!(
        r#"SELECT count(*) AS "count!", COALESCE(SUM(byte_size), 0)::BIGINT AS "bytes!"
         FROM documents WHERE draft_id = $1 OR application_id = $2"#,
        draft_id,
        application_id
    )
    .fetch_one(&mut *tx)
    .await
    .map_err(unavailable)?;
    Ok(if totals.count >= MAX_DOCUMENTS as i64 {
        Some(DocumentRefusal::TooMany)
    } else if totals.bytes + size > MAX_DOCUMENTS_TOTAL_BYTES as i64 {
        Some(DocumentRefusal::TooLarge)
    } else {
        None
    })
}

/// A document for a draft that is still a draft, within the limits.
pub async fn add(
    pool: &PgPool,
    draft_id: &str,
    d: NewDocument,
) -> Result<Result<i64, DocumentRefusal>, BackendError> {
    let mut tx = pool.begin().await.map_err(unavailable)?;
    // The lock that makes the check below and the insert one step (see the module's comment);
    // a submission of the draft holds it too, so an upload never lands in a submitted draft.
    let draft = sqlx::query_scalar!(
        "SELECT submitted_reference FROM drafts WHERE id = $1 FOR UPDATE",
        draft_id
    )
    .fetch_optional(&mut *tx)
    .await
    .map_err(unavailable)?;
    match draft {
        None => return Ok(Err(DocumentRefusal::NotFound)),
        Some(Some(_)) => return Ok(Err(DocumentRefusal::Submitted)),
        Some(None) => {}
    }
    if let Some(refusal) = over_limits(&mut tx, Owner::Draft(draft_id), d.byte_size).await? {
        return Ok(Err(refusal));
    }
    let uploaded_at = d.uploaded_at.to_rfc3339();
    let id = sqlx::query_scalar!(
        "INSERT INTO documents (draft_id, kind, content_type, byte_size, storage_key, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING id",
        draft_id,
        d.kind,
        d.content_type,
        d.byte_size,
        d.storage_key,
        uploaded_at
    )
    .fetch_one(&mut *tx)
    .await
    .map_err(unavailable)?;
    tx.commit().await.map_err(unavailable)?;
    Ok(Ok(id))
}

pub async fn of_draft(pool: &PgPool, draft_id: &str) -> Result<Vec<DocumentInfo>, BackendError> {
    sqlx::query_as!(
        DocumentInfo,
        "SELECT id, kind, content_type, byte_size FROM documents WHERE draft_id = $1 ORDER BY id",
        draft_id
    )
    .fetch_all(pool)
    .await
    .map_err(unavailable)
}

/// Only a document still in a draft can be removed by the resident. One statement: a
/// submission that attached the document first makes it match nothing.
pub async fn remove(pool: &PgPool, draft_id: &str, id: i64) -> Result<Option<String>, BackendError> {
    sqlx::query_scalar!(
        "DELETE FROM documents WHERE id = $1 AND draft_id = $2 AND application_id IS NULL
         RETURNING storage_key",
        id,
        draft_id
    )
    .fetch_optional(pool)
    .await
    .map_err(unavailable)
}

/// A document for an application that is not final, within the limits (the documents it
/// brought from its draft count too).
pub async fn add_to_application(
    pool: &PgPool,
    reference: &ReferenceNumber,
    phone_last4: &str,
    d: NewDocument,
    working_days: &WorkingDays,
) -> Result<Result<i64, DocumentRefusal>, BackendError> {
    let mut tx = pool.begin().await.map_err(unavailable)?;
    let reference = reference.as_str();
    // The application's row, locked: the limits are counted, the status is read and (while the
    // town waits for documents) changed by this upload alone, and a staff transition or a
    // withdrawal waits for it (and then fails its version check, as the status moved on).
    let application = sqlx::query!(
        "SELECT id, status FROM applications WHERE reference = $1 AND phone_last4 = $2 FOR UPDATE",
        reference,
        phone_last4
    )
    .fetch_optional(&mut *tx)
    .await
    .map_err(unavailable)?;
    let Some((application_id, status)) = application.map(|a| (a.id, a.status)) else {
        return Ok(Err(DocumentRefusal::NotFound));
    };
    // Nothing happens to a final case, so nothing may be added to it (an unknown status, from
    // a newer version, is treated as final too).
    if Status::parse(&status).is_none_or(Status::is_final) {
        return Ok(Err(DocumentRefusal::Closed));
    }
    if let Some(refusal) = over_limits(&mut tx, Owner::Application(application_id), d.byte_size).await? {
        return Ok(Err(refusal));
    }
    let now = d.uploaded_at.to_rfc3339();
    let id = sqlx::query_scalar!(
        "INSERT INTO documents (application_id, kind, content_type, byte_size, storage_key, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING id",
        application_id,
        d.kind,
        d.content_type,
        d.byte_size,
        d.storage_key,
        now
    )
    .fetch_one(&mut *tx)
    .await
    .map_err(unavailable)?;
    sqlx::query!(
        "INSERT INTO events (application_id, at, actor, kind) VALUES ($1, $2, 'applicant', 'document_added')",
        application_id,
        now
    )
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    resume_if_waiting(&mut tx, application_id, d.uploaded_at, working_days).await?;
    tx.commit().await.map_err(unavailable)?;
    Ok(Ok(id))
}

/// A document sent while the town waits for one: the investigation goes on by itself, and the
/// deadline moves by the working days it stood still (app::domain::review). The caller holds
/// the application's row lock.
async fn resume_if_waiting(
    tx: &mut sqlx::PgConnection,
    application_id: i64,
    at: chrono::DateTime<chrono::Utc>,
    working_days: &WorkingDays,
) -> Result<(), BackendError> {
    let row = sqlx::query!(
        "SELECT a.status, q.due_on, q.paused_on FROM applications a
         JOIN queue_entries q ON q.application_id = a.id WHERE a.id = $1",
        application_id
    )
    .fetch_optional(&mut *tx)
    .await
    .map_err(unavailable)?;
    let Some(row) = row else {
        return Ok(());
    };
    let (status, due_on, paused_on) = (row.status, row.due_on, row.paused_on);
    let Some((next, _)) = Status::parse(&status).and_then(on_documents_received) else {
        return Ok(());
    };
    let today = app::domain::clock::date_in_chongqing(at);
    let due_on = Schedule {
        due_on: due_on.parse().unwrap_or(today),
        paused_on: paused_on.and_then(|p| p.parse::<NaiveDate>().ok()),
        advance_paperwork_due: None,
    }
    .resumed(today, working_days)
    .due_on;
    let (now, status, due_on) = (at.to_rfc3339(), next.word(), due_on.to_string());
    sqlx::query!(
        "UPDATE applications SET status = $1, status_changed_at = $2, version = version + 1 WHERE id = $3",
        status,
        now,
        application_id
    )
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    sqlx::query!(
        "UPDATE queue_entries SET due_on = $1, paused_on = NULL WHERE application_id = $2",
        due_on,
        application_id
    )
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    sqlx::query!(
        r#"INSERT INTO events (application_id, at, actor, kind, detail)
         VALUES ($1, $2, 'system', 'investigation_resumed', '{"because":"documents_received"}')"#,
        application_id,
        now
    )
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    Ok(())
}
