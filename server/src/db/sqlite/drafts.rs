//! Drafts: the answers between the steps of the journey, keyed by the secret in the cookie.

use super::unavailable;
use app::backend::{BackendError, Draft};
use app::domain::ReferenceNumber;
use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

pub async fn load(pool: &SqlitePool, id: &str) -> Result<Option<Draft>, BackendError> {
    let row = sqlx::query!(
        "SELECT answers, errors, submitted_reference FROM drafts WHERE id = ?",
        id
    )
    .fetch_optional(pool)
    .await
    .map_err(unavailable)?;
    Ok(row.map(|row| Draft {
        // A draft written by an older version may lack newer fields: they default to empty.
        answers: serde_json::from_str(&row.answers).unwrap_or_default(),
        errors: serde_json::from_str(&row.errors).unwrap_or_default(),
        submitted_reference: row
            .submitted_reference
            .as_deref()
            .and_then(ReferenceNumber::parse),
    }))
}

pub async fn save(
    pool: &SqlitePool,
    id: &str,
    draft: &Draft,
    now: DateTime<Utc>,
) -> Result<(), BackendError> {
    let answers = serde_json::to_string(&draft.answers).map_err(|_| BackendError::Unavailable)?;
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
