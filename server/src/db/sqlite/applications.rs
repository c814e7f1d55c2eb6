//! Applications: submission in one transaction, tracking and withdrawal by the applicant.

use crate::crypto::DataKeys;
use crate::db::common::{parse_time, sealed, statuses_where, unavailable, unreadable};
use crate::db::rows::{cause_of, document_request, mask_name, member_rows, resident_detail};
use app::backend::{BackendError, NewApplication, Submitted, TimelineEvent, Tracked};
use app::domain::review::{CaseEvent, Status};
use app::domain::{AidType, ReferenceNumber};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqlitePool;

fn is_unique_violation(e: &sqlx::Error, column: &str) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.is_unique_violation() && db.message().contains(column))
}

pub async fn submit(
    pool: &SqlitePool,
    keys: &DataKeys,
    new: NewApplication,
) -> Result<Submitted, BackendError> {
    // IMMEDIATE takes the write lock at once, so two submissions never deadlock upgrading it.
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(unavailable)?;

    let existing = sqlx::query!(
        "SELECT reference, request_hash FROM applications WHERE idempotency_key = ?",
        new.idempotency_key
    )
    .fetch_optional(&mut *tx)
    .await
    .map_err(unavailable)?
    .map(|row| (row.reference, row.request_hash));
    if let Some((reference, hash)) = existing {
        // Only the request that first used the key may see what it created.
        return match ReferenceNumber::parse(&reference) {
            Some(reference) if hash.as_deref() == Some(new.request_hash.as_str()) => {
                Ok(Submitted::AlreadySubmitted(reference))
            }
            _ => Err(BackendError::Conflict),
        };
    }

    let app = &new.application;
    let now = new.submitted_at.to_rfc3339();
    // Everything the resident wrote, with the ID, phone and bank card numbers, is sealed; the
    // ID number is also kept as a keyed hash, to find the same person's other applications.
    let answers = serde_json::to_string(&new.answers).map_err(|_| BackendError::Unavailable)?;
    let answers = keys.seal(sealed::APPLICATION_ANSWERS, &answers);
    let household = serde_json::to_string(&app.household).map_err(|_| BackendError::Unavailable)?;
    let (reference, aid_type, town) = (
        new.reference.as_str(),
        app.aid_type.word(),
        app.applicant.town.full_name(),
    );
    let (id_number, id_number_hash, phone, last4) = (
        keys.seal(sealed::APPLICATION_ID_NUMBER, app.applicant.id_number.expose()),
        keys.lookup_hash(app.applicant.id_number.expose()),
        keys.seal(sealed::APPLICATION_PHONE, app.applicant.phone.expose()),
        app.applicant.phone.last_four(),
    );
    let (assessment, cause) = (new.assessment.to_string(), cause_of(&app.household));
    let inserted = sqlx::query!(
        "INSERT INTO applications (reference, idempotency_key, request_hash, aid_type, town, status,
            applicant_name, id_number, id_number_hash, phone, phone_last4, answers, household,
            assessment, rules_version, parameter_set, submitted_at, status_changed_at, cause)
         VALUES (?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        reference,
        new.idempotency_key,
        new.request_hash,
        aid_type,
        town,
        app.applicant.name,
        id_number,
        id_number_hash,
        phone,
        last4,
        answers,
        household,
        assessment,
        new.rules_version,
        new.parameter_set,
        now,
        now,
        cause
    )
    .execute(&mut *tx)
    .await;
    let application_id = match inserted {
        Ok(done) => done.last_insert_rowid(),
        Err(e) if is_unique_violation(&e, "reference") => return Err(BackendError::ReferenceTaken),
        Err(e) => return Err(unavailable(e)),
    };

    for member in member_rows(keys, &new) {
        sqlx::query!(
            "INSERT INTO members (application_id, position, relationship, name, id_number,
                id_number_hash, age)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
            application_id,
            member.position,
            member.relationship,
            member.name,
            member.id_number,
            member.id_number_hash,
            member.age
        )
        .execute(&mut *tx)
        .await
        .map_err(unavailable)?;
    }

    sqlx::query!(
        "INSERT INTO events (application_id, at, actor, kind) VALUES (?, ?, 'applicant', 'submitted')",
        application_id,
        now
    )
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    let due_on = new.due_on.to_string();
    sqlx::query!(
        "INSERT INTO queue_entries (application_id, town, urgent, due_on) VALUES (?, ?, ?, ?)",
        application_id,
        town,
        new.urgent,
        due_on
    )
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    if new.from_draft {
        // The draft's documents now belong to the application.
        sqlx::query!(
            "UPDATE documents SET application_id = ? WHERE draft_id = ?",
            application_id,
            new.idempotency_key
        )
        .execute(&mut *tx)
        .await
        .map_err(unavailable)?;
        sqlx::query!(
            "UPDATE drafts SET submitted_reference = ? WHERE id = ?",
            reference,
            new.idempotency_key
        )
        .execute(&mut *tx)
        .await
        .map_err(unavailable)?;
    }

    tx.commit().await.map_err(unavailable)?;
    Ok(Submitted::Created(new.reference))
}

pub async fn track(
    pool: &SqlitePool,
    reference: &ReferenceNumber,
    phone_last4: &str,
) -> Result<Option<Tracked>, BackendError> {
    let reference_text = reference.as_str();
    let row = sqlx::query!(
        r#"SELECT a.id AS "id!", a.aid_type, a.town, a.status, a.applicant_name, a.submitted_at, q.due_on
         FROM applications a JOIN queue_entries q ON q.application_id = a.id
         WHERE a.reference = ? AND a.phone_last4 = ?"#,
        reference_text,
        phone_last4
    )
    .fetch_optional(pool)
    .await
    .map_err(unavailable)?;
    let Some(row) = row else {
        return Ok(None);
    };
    // Internal steps (who the case is assigned to) are the town's business, not the timeline's.
    let events = sqlx::query!(
        "SELECT at, kind, detail FROM events WHERE application_id = ? AND kind != 'assigned' ORDER BY id",
        row.id
    )
    .fetch_all(pool)
    .await
    .map_err(unavailable)?;
    // The town's latest request for documents, shown while it waits for them.
    let (document_request, requested_kind) = if row.status == "waiting_for_documents" {
        let detail = sqlx::query_scalar!(
            "SELECT detail FROM events WHERE application_id = ? AND kind = 'documents_requested'
             ORDER BY id DESC LIMIT 1",
            row.id
        )
        .fetch_optional(pool)
        .await
        .map_err(unavailable)?;
        document_request(detail)
    } else {
        (None, None)
    };
    Ok(Some(Tracked {
        reference: reference.to_string(),
        aid_type: AidType::parse(&row.aid_type).ok_or_else(|| unreadable("an aid type", &row.aid_type))?,
        town: row.town,
        status: Status::parse(&row.status).ok_or_else(|| unreadable("a status", &row.status))?,
        masked_name: mask_name(&row.applicant_name),
        submitted_at: parse_time(&row.submitted_at),
        due_on: row.due_on.parse::<NaiveDate>().unwrap_or_default(),
        document_request,
        requested_kind,
        events: events
            .into_iter()
            .map(|e| {
                let kind = CaseEvent::parse(&e.kind).ok_or_else(|| unreadable("an event's kind", &e.kind))?;
                Ok(TimelineEvent {
                    at: parse_time(&e.at),
                    detail: resident_detail(kind, &e.detail),
                    kind,
                })
            })
            .collect::<Result<_, BackendError>>()?,
    }))
}

pub async fn withdraw(
    pool: &SqlitePool,
    reference: &ReferenceNumber,
    phone_last4: &str,
    now: DateTime<Utc>,
) -> Result<bool, BackendError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(unavailable)?;
    let now = now.to_rfc3339();
    let updated = sqlx::query(&format!(
        "UPDATE applications SET status = 'withdrawn', status_changed_at = ?, version = version + 1
         WHERE reference = ? AND phone_last4 = ? AND status IN ({})
         RETURNING id",
        statuses_where(Status::can_withdraw)
    ))
    .bind(&now)
    .bind(reference.as_str())
    .bind(phone_last4)
    .fetch_optional(&mut *tx)
    .await
    .map_err(unavailable)?;
    let Some(row) = updated else {
        return Ok(false);
    };
    let id: i64 = sqlx::Row::get(&row, 0);
    sqlx::query!(
        "INSERT INTO events (application_id, at, actor, kind) VALUES (?, ?, 'applicant', 'withdrawn')",
        id,
        now
    )
    .execute(&mut *tx)
    .await
    .map_err(unavailable)?;
    tx.commit().await.map_err(unavailable)?;
    Ok(true)
}

pub async fn create_family_link(
    pool: &SqlitePool,
    reference: &ReferenceNumber,
    phone_last4: &str,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, BackendError> {
    let (now, reference) = (now.to_rfc3339(), reference.as_str());
    let done = sqlx::query!(
        "INSERT INTO family_links (token_hash, application_id, created_at)
         SELECT ?, id, ? FROM applications WHERE reference = ? AND phone_last4 = ?",
        token_hash,
        now,
        reference,
        phone_last4
    )
    .execute(pool)
    .await
    .map_err(unavailable)?;
    Ok(done.rows_affected() == 1)
}

pub async fn family_view(pool: &SqlitePool, token_hash: &str) -> Result<Option<Tracked>, BackendError> {
    let found = sqlx::query!(
        "SELECT a.reference, a.phone_last4 FROM family_links f JOIN applications a ON a.id = f.application_id
         WHERE f.token_hash = ?",
        token_hash
    )
    .fetch_optional(pool)
    .await
    .map_err(unavailable)?;
    match found.and_then(|f| Some((ReferenceNumber::parse(&f.reference)?, f.phone_last4))) {
        Some((reference, last4)) => track(pool, &reference, &last4).await,
        None => Ok(None),
    }
}

// The two statements below are unchecked (`query`, not `query!`) only because sqlx-cli was not
// installed to regenerate `.sqlx/` when they were written; they take bound values only.
pub async fn family_link_count(
    pool: &SqlitePool,
    reference: &ReferenceNumber,
    phone_last4: &str,
) -> Result<i64, BackendError> {
    sqlx::query_scalar(
        "SELECT count(*) FROM family_links
         WHERE application_id = (SELECT id FROM applications WHERE reference = ? AND phone_last4 = ?)",
    )
    .bind(reference.as_str())
    .bind(phone_last4)
    .fetch_one(pool)
    .await
    .map_err(unavailable)
}

pub async fn revoke_family_links(
    pool: &SqlitePool,
    reference: &ReferenceNumber,
    phone_last4: &str,
) -> Result<i64, BackendError> {
    let done = sqlx::query(
        "DELETE FROM family_links
         WHERE application_id = (SELECT id FROM applications WHERE reference = ? AND phone_last4 = ?)",
    )
    .bind(reference.as_str())
    .bind(phone_last4)
    .execute(pool)
    .await
    .map_err(unavailable)?;
    Ok(i64::try_from(done.rows_affected()).unwrap_or(i64::MAX))
}
