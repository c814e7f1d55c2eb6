//! Documents' records (the bytes are in the document store).

use super::unavailable;
use app::backend::{BackendError, DocumentInfo, NewDocument};
use app::domain::ReferenceNumber;
use sqlx::SqlitePool;

pub async fn add(pool: &SqlitePool, draft_id: &str, d: NewDocument) -> Result<i64, BackendError> {
    let done = sqlx::query(
        "INSERT INTO documents (draft_id, kind, content_type, byte_size, storage_key, uploaded_at)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(draft_id)
    .bind(&d.kind)
    .bind(d.content_type)
    .bind(d.byte_size)
    .bind(&d.storage_key)
    .bind(d.uploaded_at.to_rfc3339())
    .execute(pool)
    .await
    .map_err(unavailable)?;
    Ok(done.last_insert_rowid())
}

pub async fn of_draft(pool: &SqlitePool, draft_id: &str) -> Result<Vec<DocumentInfo>, BackendError> {
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT id, kind, content_type, byte_size FROM documents WHERE draft_id = ? ORDER BY id",
    )
    .bind(draft_id)
    .fetch_all(pool)
    .await
    .map_err(unavailable)?;
    Ok(rows
        .into_iter()
        .map(|(id, kind, content_type, byte_size)| DocumentInfo {
            id,
            kind,
            content_type,
            byte_size,
        })
        .collect())
}

/// Only a document still in a draft can be removed by the resident.
pub async fn remove(pool: &SqlitePool, draft_id: &str, id: i64) -> Result<Option<String>, BackendError> {
    sqlx::query_scalar(
        "DELETE FROM documents WHERE id = ? AND draft_id = ? AND application_id IS NULL RETURNING storage_key",
    )
    .bind(id)
    .bind(draft_id)
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
    let application: Option<i64> =
        sqlx::query_scalar("SELECT id FROM applications WHERE reference = ? AND phone_last4 = ?")
            .bind(reference.as_str())
            .bind(phone_last4)
            .fetch_optional(&mut *tx)
            .await
            .map_err(unavailable)?;
    let Some(application_id) = application else {
        return Ok(None);
    };
    let now = d.uploaded_at.to_rfc3339();
    let done = sqlx::query(
        "INSERT INTO documents (application_id, kind, content_type, byte_size, storage_key, uploaded_at)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(application_id)
    .bind(&d.kind)
    .bind(d.content_type)
    .bind(d.byte_size)
    .bind(&d.storage_key)
    .bind(&now)
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    sqlx::query(
        "INSERT INTO events (application_id, at, actor, kind) VALUES (?, ?, 'applicant', 'document_added')",
    )
    .bind(application_id)
    .bind(&now)
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    tx.commit().await.map_err(unavailable)?;
    Ok(Some(done.last_insert_rowid()))
}
