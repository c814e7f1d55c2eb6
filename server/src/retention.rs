//! Personal data is kept no longer than it is needed (PIPL art. 19). An application started
//! and never submitted holds an ID number, a phone number and often a bank card and photos of
//! documents: it is deleted, with its documents, `drafts.retention_days` after it was last
//! changed. This runs at every start and as `server purge-drafts` (daily, from the service
//! manager's timer). Submitted applications are public records kept as docs/security.md's
//! "Retention" says.

use crate::db::Store;
use crate::storage::DocumentStore;
use app::rules::Parameters;
use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;

/// Deletes the drafts past their retention and their documents' bytes: how many drafts and
/// documents went.
pub async fn purge_drafts(
    store: &Store,
    documents: Arc<dyn DocumentStore>,
    parameters: &Parameters,
    now: DateTime<Utc>,
) -> Result<(usize, usize), String> {
    let today = app::domain::clock::date_in_chongqing(now);
    let days = parameters
        .on(today)
        .map_err(|e| format!("no drafts.retention_days in force on {today}: {e}"))?
        .drafts_retention_days;
    let (drafts, keys) = store
        .purge_drafts(now - Duration::days(days))
        .await
        .map_err(|e| format!("cannot purge old drafts: {e}"))?;
    let files = keys.len();
    // The records are gone; the bytes follow. Bytes that cannot be deleted are unreachable
    // already, so it is logged for the operator rather than stopping the purge.
    for key in keys {
        if let Err(e) = documents.delete(&key).await
            && e.kind() != std::io::ErrorKind::NotFound
        {
            tracing::warn!(error = %e, "could not delete a purged draft's document");
        }
    }
    if drafts > 0 {
        tracing::info!(
            drafts,
            documents = files,
            days,
            "purged drafts past their retention"
        );
    }
    Ok((drafts, files))
}
