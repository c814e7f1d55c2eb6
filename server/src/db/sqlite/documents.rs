//! Documents' records (the bytes are in the document store).

use crate::db::common::unavailable;
use app::backend::{BackendError, DocumentInfo, DocumentRefusal, NewDocument};
use app::domain::ReferenceNumber;
use app::domain::document::{MAX_DOCUMENTS, MAX_DOCUMENTS_TOTAL_BYTES};
use app::domain::review::{Schedule, Status, on_documents_received};
use app::rules::WorkingDays;
use chrono::NaiveDate;
use sqlx::SqlitePool;

/// Whose documents: a draft's (by its id) or an application's (by its row id).
enum Owner<'a> {
    Draft(&'a str),
    Application(i64),
}

/// Whether one more document of `size` bytes would pass a limit of its owner. Run inside the
/// insert's IMMEDIATE transaction, so no other upload can slip in between check and insert.
async fn over_limits(
    tx: &mut sqlx::SqliteConnection,
    owner: Owner<'_>,
    size: i64,
) -> Result<Option<DocumentRefusal>, BackendError> {
    // One statement for either owner: the other owner's id is NULL, and `= NULL` matches no row.
    let (draft_id, application_id) = match owner {
        Owner::Draft(id) => (Some(id), None),
        Owner::Application(id) => (None, Some(id)),
    };
    let totals = sqlx::query!(
        r#"SELECT count(*) AS "count!: i64", COALESCE(SUM(byte_size), 0) AS "bytes!: i64"
         FROM documents WHERE draft_id = ? OR application_id = ?"#,
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
    pool: &SqlitePool,
    draft_id: &str,
    d: NewDocument,
) -> Result<Result<i64, DocumentRefusal>, BackendError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(unavailable)?;
    let draft = sqlx::query_scalar!("SELECT submitted_reference FROM drafts WHERE id = ?", draft_id)
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
    let done = sqlx::query!(
        "INSERT INTO documents (draft_id, kind, content_type, byte_size, storage_key, uploaded_at)
         VALUES (?, ?, ?, ?, ?, ?)",
        draft_id,
        d.kind,
        d.content_type,
        d.byte_size,
        d.storage_key,
        uploaded_at
    )
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    tx.commit().await.map_err(unavailable)?;
    Ok(Ok(done.last_insert_rowid()))
}

pub async fn of_draft(pool: &SqlitePool, draft_id: &str) -> Result<Vec<DocumentInfo>, BackendError> {
    sqlx::query_as!(
        DocumentInfo,
        r#"SELECT id AS "id!", kind, content_type, byte_size FROM documents WHERE draft_id = ? ORDER BY id"#,
        draft_id
    )
    .fetch_all(pool)
    .await
    .map_err(unavailable)
}

/// Only a document still in a draft can be removed by the resident.
pub async fn remove(pool: &SqlitePool, draft_id: &str, id: i64) -> Result<Option<String>, BackendError> {
    sqlx::query_scalar!(
        "DELETE FROM documents WHERE id = ? AND draft_id = ? AND application_id IS NULL
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
    pool: &SqlitePool,
    reference: &ReferenceNumber,
    phone_last4: &str,
    d: NewDocument,
    working_days: &WorkingDays,
) -> Result<Result<i64, DocumentRefusal>, BackendError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(unavailable)?;
    let reference = reference.as_str();
    let application = sqlx::query!(
        r#"SELECT id AS "id!", status FROM applications WHERE reference = ? AND phone_last4 = ?"#,
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
    let done = sqlx::query!(
        "INSERT INTO documents (application_id, kind, content_type, byte_size, storage_key, uploaded_at)
         VALUES (?, ?, ?, ?, ?, ?)",
        application_id,
        d.kind,
        d.content_type,
        d.byte_size,
        d.storage_key,
        now
    )
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    sqlx::query!(
        "INSERT INTO events (application_id, at, actor, kind) VALUES (?, ?, 'applicant', 'document_added')",
        application_id,
        now
    )
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    resume_if_waiting(&mut tx, application_id, d.uploaded_at, working_days).await?;
    tx.commit().await.map_err(unavailable)?;
    Ok(Ok(done.last_insert_rowid()))
}

/// A document sent while the town waits for one: the investigation goes on by itself, and the
/// deadline moves by the working days it stood still (app::domain::review).
async fn resume_if_waiting(
    tx: &mut sqlx::SqliteConnection,
    application_id: i64,
    at: chrono::DateTime<chrono::Utc>,
    working_days: &WorkingDays,
) -> Result<(), BackendError> {
    let row = sqlx::query!(
        "SELECT a.status, q.due_on, q.paused_on FROM applications a
         JOIN queue_entries q ON q.application_id = a.id WHERE a.id = ?",
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
        "UPDATE applications SET status = ?, status_changed_at = ?, version = version + 1 WHERE id = ?",
        status,
        now,
        application_id
    )
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    sqlx::query!(
        "UPDATE queue_entries SET due_on = ?, paused_on = NULL WHERE application_id = ?",
        due_on,
        application_id
    )
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    sqlx::query!(
        r#"INSERT INTO events (application_id, at, actor, kind, detail)
         VALUES (?, ?, 'system', 'investigation_resumed', '{"because":"documents_received"}')"#,
        application_id,
        now
    )
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    Ok(())
}
