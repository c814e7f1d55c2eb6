//! Drafts: the answers between the steps of the journey, keyed by the secret in the cookie.
//! The answers hold ID, phone and bank card numbers, so they are sealed (crate::crypto); a
//! draft nobody finished is purged after `drafts.retention_days`.

use crate::crypto::DataKeys;
use crate::db::common::sealed::DRAFT_ANSWERS as ANSWERS;
use crate::db::common::{unavailable, unreadable};
use app::backend::{BackendError, Draft};
use app::domain::ReferenceNumber;
use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

pub async fn load(pool: &SqlitePool, keys: &DataKeys, id: &str) -> Result<Option<Draft>, BackendError> {
    let row = sqlx::query!(
        "SELECT answers, errors, submitted_reference FROM drafts WHERE id = ?",
        id
    )
    .fetch_optional(pool)
    .await
    .map_err(unavailable)?;
    let Some(row) = row else { return Ok(None) };
    // A key missing from the key file, or altered ciphertext: an error, never an empty draft.
    let answers = keys
        .open(ANSWERS, &row.answers)
        .map_err(|e| unreadable(&format!("draft answers ({e})"), "draft"))?;
    Ok(Some(Draft {
        // A draft written by an older version may lack newer fields: they default to empty.
        answers: serde_json::from_str(&answers).unwrap_or_default(),
        errors: serde_json::from_str(&row.errors).unwrap_or_default(),
        submitted_reference: row
            .submitted_reference
            .as_deref()
            .and_then(ReferenceNumber::parse),
    }))
}

pub async fn save(
    pool: &SqlitePool,
    keys: &DataKeys,
    id: &str,
    draft: &Draft,
    now: DateTime<Utc>,
) -> Result<(), BackendError> {
    let answers = serde_json::to_string(&draft.answers).map_err(|_| BackendError::Unavailable)?;
    let answers = keys.seal(ANSWERS, &answers);
    let errors = serde_json::to_string(&draft.errors).map_err(|_| BackendError::Unavailable)?;
    let now = now.to_rfc3339();
    sqlx::query!(
        "INSERT INTO drafts (id, answers, errors, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)
         ON CONFLICT (id) DO UPDATE SET answers = excluded.answers, errors = excluded.errors,
         updated_at = excluded.updated_at",
        id,
        answers,
        errors,
        now
    )
    .execute(pool)
    .await
    .map_err(unavailable)?;
    Ok(())
}

/// Deletes the drafts nobody submitted and nobody touched since `before`, with their
/// documents' records; the documents' storage keys, for their bytes to be deleted too.
pub async fn purge(pool: &SqlitePool, before: DateTime<Utc>) -> Result<(usize, Vec<String>), BackendError> {
    let before = before.to_rfc3339();
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(unavailable)?;
    let keys: Vec<String> = sqlx::query_scalar(
        "DELETE FROM documents WHERE application_id IS NULL AND draft_id IN
           (SELECT id FROM drafts WHERE submitted_reference IS NULL AND updated_at < ?)
         RETURNING storage_key",
    )
    .bind(&before)
    .fetch_all(&mut *tx)
    .await
    .map_err(unavailable)?;
    let drafts = sqlx::query("DELETE FROM drafts WHERE submitted_reference IS NULL AND updated_at < ?")
        .bind(&before)
        .execute(&mut *tx)
        .await
        .map_err(unavailable)?
        .rows_affected();
    tx.commit().await.map_err(unavailable)?;
    Ok((drafts as usize, keys))
}
