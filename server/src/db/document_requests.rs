//! A town's request for documents, item by item (app::domain::document_request decides; this
//! stores). Every function here runs inside the transaction that holds the application (a
//! staff transition, an upload, the applicant's 已全部上传, the caseworker's mark), so an item
//! and the case's status change together.

use super::common::unavailable;
use super::engine::{Exec, execute, fetch};
use super::error::BackendError;
use app::domain::DocumentKind;
use app::domain::document_request::RequestItem;
use chrono::{DateTime, NaiveDate, Utc};

struct ItemRow {
    id: i64,
    kind: Option<String>,
    what: Option<String>,
    due_on: String,
    received_at: Option<String>,
    satisfied_at: Option<String>,
    closed_at: Option<String>,
}

/// Every item the town asked for on this case, oldest first.
pub(super) async fn items(mut on: Exec<'_>, application_id: i64) -> Result<Vec<RequestItem>, BackendError> {
    let rows = fetch!(
        on,
        fetch_all,
        ItemRow,
        r#"SELECT id AS "id!", kind, what, due_on, received_at, satisfied_at, closed_at
         FROM document_request_items WHERE application_id = $1 ORDER BY id"#,
        application_id
    )
    .map_err(unavailable)?;
    Ok(rows
        .into_iter()
        .map(|r| RequestItem {
            id: r.id,
            kind: r.kind.as_deref().and_then(DocumentKind::parse),
            what: r.what,
            due_on: r.due_on.parse().unwrap_or_default(),
            received: r.received_at.is_some(),
            satisfied: r.satisfied_at.is_some(),
            open: r.closed_at.is_none(),
        })
        .collect())
}

/// The open items, as the rules read them.
pub(super) async fn open_items(on: Exec<'_>, application_id: i64) -> Result<Vec<RequestItem>, BackendError> {
    Ok(items(on, application_id)
        .await?
        .into_iter()
        .filter(|i| i.open)
        .collect())
}

/// Asks for `asked` (domain::document_request::items_asked) with the deadline `due_on`: an item
/// already open of the same kind (or the same words) is asked for again (no longer received or
/// satisfied), any other is added; every open item then carries the new deadline, which the
/// queue entry keeps too.
pub(super) async fn ask(
    mut on: Exec<'_>,
    application_id: i64,
    asked: &[(Option<DocumentKind>, Option<String>)],
    due_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), BackendError> {
    let open = open_items(on.exec(), application_id).await?;
    let (now, due) = (now.to_rfc3339(), due_on.to_string());
    for (kind, what) in asked {
        let same = open
            .iter()
            .find(|i| (kind.is_some() && i.kind == *kind) || (kind.is_none() && i.what == *what));
        match same {
            Some(item) => {
                execute!(
                    on,
                    "UPDATE document_request_items
                     SET received_at = NULL, document_id = NULL, satisfied_at = NULL, satisfied_by = NULL,
                         requested_at = $1
                     WHERE id = $2",
                    now,
                    item.id
                )
                .map_err(unavailable)?;
            }
            None => {
                let (kind, what) = (kind.map(DocumentKind::word), what.as_deref());
                execute!(
                    on,
                    "INSERT INTO document_request_items (application_id, kind, what, requested_at, due_on)
                     VALUES ($1, $2, $3, $4, $5)",
                    application_id,
                    kind,
                    what,
                    now,
                    due
                )
                .map_err(unavailable)?;
            }
        }
    }
    execute!(
        on,
        "UPDATE document_request_items SET due_on = $1 WHERE application_id = $2 AND closed_at IS NULL",
        due,
        application_id
    )
    .map_err(unavailable)?;
    execute!(
        on,
        "UPDATE queue_entries SET documents_due_on = $1 WHERE application_id = $2",
        due,
        application_id
    )
    .map_err(unavailable)?;
    Ok(())
}

/// The item `item_id` is answered by the document `document_id`.
pub(super) async fn received(
    mut on: Exec<'_>,
    item_id: i64,
    document_id: i64,
    at: DateTime<Utc>,
) -> Result<(), BackendError> {
    let at = at.to_rfc3339();
    execute!(
        on,
        "UPDATE document_request_items SET received_at = $1, document_id = $2 WHERE id = $3",
        at,
        document_id,
        item_id
    )
    .map_err(unavailable)?;
    Ok(())
}

/// The caseworker marks an open item satisfied; false when the case has no such open item.
pub(super) async fn satisfied(
    mut on: Exec<'_>,
    application_id: i64,
    item_id: i64,
    by: &str,
    at: DateTime<Utc>,
) -> Result<bool, BackendError> {
    let at = at.to_rfc3339();
    let changed = execute!(
        on,
        "UPDATE document_request_items SET satisfied_at = $1, satisfied_by = $2
         WHERE id = $3 AND application_id = $4 AND closed_at IS NULL",
        at,
        by,
        item_id,
        application_id
    )
    .map_err(unavailable)?;
    Ok(changed == 1)
}

/// The case went back to the town: its request is closed (what was missing stays recorded as
/// missing), and the queue no longer counts its deadline.
pub(super) async fn close(
    mut on: Exec<'_>,
    application_id: i64,
    at: DateTime<Utc>,
) -> Result<(), BackendError> {
    let at = at.to_rfc3339();
    execute!(
        on,
        "UPDATE document_request_items SET closed_at = $1 WHERE application_id = $2 AND closed_at IS NULL",
        at,
        application_id
    )
    .map_err(unavailable)?;
    execute!(
        on,
        "UPDATE queue_entries SET documents_due_on = NULL WHERE application_id = $1",
        application_id
    )
    .map_err(unavailable)?;
    Ok(())
}
