//! Documents' records (the bytes are in the document store).

use super::unavailable;
use app::backend::{BackendError, DocumentInfo, NewDocument};
use app::domain::ReferenceNumber;
use app::domain::review::{Schedule, Status, on_documents_received};
use chrono::NaiveDate;
use sqlx::SqlitePool;

pub async fn add(pool: &SqlitePool, draft_id: &str, d: NewDocument) -> Result<i64, BackendError> {
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
    .execute(pool)
    .await
    .map_err(unavailable)?;
    Ok(done.last_insert_rowid())
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

pub async fn add_to_application(
    pool: &SqlitePool,
    reference: &ReferenceNumber,
    phone_last4: &str,
    d: NewDocument,
) -> Result<Option<i64>, BackendError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(unavailable)?;
    let reference = reference.as_str();
    let application = sqlx::query_scalar!(
        r#"SELECT id AS "id!" FROM applications WHERE reference = ? AND phone_last4 = ?"#,
        reference,
        phone_last4
    )
    .fetch_optional(&mut *tx)
    .await
    .map_err(unavailable)?;
    let Some(application_id) = application else {
        return Ok(None);
    };
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
    resume_if_waiting(&mut tx, application_id, d.uploaded_at).await?;
    tx.commit().await.map_err(unavailable)?;
    Ok(Some(done.last_insert_rowid()))
}

/// A document sent while the town waits for one: the investigation goes on by itself, and the
/// deadline moves by the working days it stood still (app::domain::review).
async fn resume_if_waiting(
    tx: &mut sqlx::SqliteConnection,
    application_id: i64,
    at: chrono::DateTime<chrono::Utc>,
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
    .resumed(today)
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
