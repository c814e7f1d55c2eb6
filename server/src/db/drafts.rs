//! Drafts: the answers between the steps of the journey, keyed by the secret in the cookie.
//! The answers hold ID, phone and bank card numbers, so they are sealed (crate::crypto); a
//! draft nobody finished is purged after `drafts.retention_days`.

use super::common::sealed::DRAFT_ANSWERS as ANSWERS;
use super::common::{unavailable, unreadable};
use super::engine::{execute, fetch, per_engine};
use super::error::BackendError;
use super::store::Store;
use app::domain::Draft;
use app::domain::{ReferenceNumber, Step};
use chrono::{DateTime, Utc};

struct DraftRow {
    answers: String,
    errors: String,
    submitted_reference: Option<String>,
    carried: String,
}

impl Store {
    /// The draft with this secret id, if any.
    pub async fn load_draft(&self, id: &str) -> Result<Option<Draft>, BackendError> {
        let keys = self.keys()?;
        let row = fetch!(
            self.read().await?,
            fetch_optional,
            DraftRow,
            "SELECT answers, errors, submitted_reference, carried FROM drafts WHERE id = $1",
            id
        )
        .map_err(unavailable)?;
        let Some(row) = row else { return Ok(None) };
        // A key missing from the key file, or altered ciphertext: an error, never an empty
        // draft.
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
            carried: row
                .carried
                .split(',')
                .filter_map(|n| n.trim().parse().ok().and_then(Step::from_number))
                .collect(),
        }))
    }

    /// Creates or replaces the draft's answers and errors. One statement: two steps posted at
    /// once both land, the later one winning.
    pub async fn save_draft(&self, id: &str, draft: &Draft, now: DateTime<Utc>) -> Result<(), BackendError> {
        let answers = serde_json::to_string(&draft.answers).map_err(|_| BackendError::Unavailable)?;
        let answers = self.keys()?.seal(ANSWERS, &answers);
        let errors = serde_json::to_string(&draft.errors).map_err(|_| BackendError::Unavailable)?;
        let now = now.to_rfc3339();
        let carried = draft
            .carried
            .iter()
            .map(|s| s.number().to_string())
            .collect::<Vec<_>>()
            .join(",");
        execute!(
            self.write().await?,
            "INSERT INTO drafts (id, answers, errors, created_at, updated_at, carried)
             VALUES ($1, $2, $3, $4, $4, $5)
             ON CONFLICT (id) DO UPDATE SET answers = excluded.answers, errors = excluded.errors,
             updated_at = excluded.updated_at, carried = excluded.carried",
            id,
            answers,
            errors,
            now,
            carried
        )
        .map_err(unavailable)?;
        Ok(())
    }

    /// Deletes the drafts nobody submitted and nobody touched since `before`, with their
    /// documents' records: how many drafts, and the documents' storage keys, for their bytes
    /// to be deleted too.
    pub async fn purge_drafts(&self, before: DateTime<Utc>) -> Result<(usize, Vec<String>), BackendError> {
        let before = before.to_rfc3339();
        let mut tx = self.begin().await?;
        let purged = per_engine!(tx, c =>
            sqlite: sqlite::purge(c, &before).await?,
            postgres: postgres::purge(c, &before).await?,
        );
        tx.commit().await?;
        Ok(purged)
    }
}

/// SQLite's one writer holds the write lock from the transaction's start: nothing is added to
/// a draft between the two deletes.
#[cfg(feature = "sqlite")]
mod sqlite {
    use super::*;

    pub(super) async fn purge(
        c: &mut sqlx::SqliteConnection,
        before: &str,
    ) -> Result<(usize, Vec<String>), BackendError> {
        let keys: Vec<String> = sqlx::query_scalar!(
            "DELETE FROM documents WHERE application_id IS NULL AND draft_id IN
               (SELECT id FROM drafts WHERE submitted_reference IS NULL AND updated_at < ?)
             RETURNING storage_key",
            before
        )
        .fetch_all(&mut *c)
        .await
        .map_err(unavailable)?;
        let drafts = sqlx::query!(
            "DELETE FROM drafts WHERE submitted_reference IS NULL AND updated_at < ?",
            before
        )
        .execute(&mut *c)
        .await
        .map_err(unavailable)?
        .rows_affected();
        Ok((drafts as usize, keys))
    }
}

/// The old drafts are locked first: an upload, a step saved or a submission on one of them
/// waits, so no document is added to a draft between the two deletes, and a draft touched or
/// submitted meanwhile is left out (the lock re-checks the WHERE on the latest row).
#[cfg(feature = "postgres")]
mod postgres {
    use super::*;

    pub(super) async fn purge(
        c: &mut sqlx::PgConnection,
        before: &str,
    ) -> Result<(usize, Vec<String>), BackendError> {
        let drafts: Vec<String> = sqlx::query_scalar!(
            "SELECT id FROM drafts WHERE submitted_reference IS NULL AND updated_at < $1 FOR UPDATE",
            before
        )
        .fetch_all(&mut *c)
        .await
        .map_err(unavailable)?;
        let keys: Vec<String> = sqlx::query_scalar!(
            "DELETE FROM documents WHERE application_id IS NULL AND draft_id = ANY($1)
             RETURNING storage_key",
            &drafts
        )
        .fetch_all(&mut *c)
        .await
        .map_err(unavailable)?;
        let purged = sqlx::query!("DELETE FROM drafts WHERE id = ANY($1)", &drafts)
            .execute(&mut *c)
            .await
            .map_err(unavailable)?
            .rows_affected();
        Ok((purged as usize, keys))
    }
}
