//! Applications: submission in one transaction, tracking and withdrawal by the applicant.

use crate::crypto::DataKeys;
use crate::db::common::{parse_time, sealed, statuses_where, unavailable, unreadable};
use crate::db::rows::{cause_of, document_request, mask_name, member_rows, resident_detail};
use app::backend::{BackendError, NewApplication, Submitted, TimelineEvent, Tracked};
use app::domain::review::{CaseEvent, Status};
use app::domain::{AidType, ReferenceNumber};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;

/// The unique constraint PostgreSQL names after `applications.reference` (TABLE_COLUMN_key).
const REFERENCE_TAKEN: &str = "applications_reference_key";

fn violates(e: &sqlx::Error, constraint: &str) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.is_unique_violation() && db.constraint() == Some(constraint))
}

pub async fn submit(pool: &PgPool, keys: &DataKeys, new: NewApplication) -> Result<Submitted, BackendError> {
    if !new.from_draft {
        // No draft, no documents: the one statement is its own transaction.
        let mut connection = pool.acquire().await.map_err(unavailable)?;
        return store(&mut connection, keys, &new).await;
    }
    let mut tx = pool.begin().await.map_err(unavailable)?;
    // The draft this submission comes from (the idempotency key is the draft's id), locked until
    // commit: an upload to the draft (documents::add locks it too) either ends before, and its
    // document goes with the application, or waits and finds the draft submitted. Taken before
    // the statement that stores, because that statement sees only what was committed when it
    // began: an upload still running then would leave its document behind.
    sqlx::query!(
        "SELECT id FROM drafts WHERE id = $1 FOR UPDATE",
        new.idempotency_key
    )
    .fetch_optional(&mut *tx)
    .await
    .map_err(unavailable)?;
    let submitted = store(&mut tx, keys, &new).await?;
    tx.commit().await.map_err(unavailable)?;
    Ok(submitted)
}

/// Stores a submission in one statement: the application, its members, its first event, its
/// queue entry, and, for a draft's submission, the draft's documents and the draft marked
/// submitted. One statement is one round trip to the server (a submission's own transaction
/// costs no more than its commit), where a statement per row made eight.
async fn store(
    on: &mut sqlx::PgConnection,
    keys: &DataKeys,
    new: &NewApplication,
) -> Result<Submitted, BackendError> {
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
    let members = Members::of(keys, new);
    let due_on = new.due_on.to_string();
    // The idempotency key is claimed by the insert itself: of two submissions with one key at
    // once, the second waits for the first to commit and then inserts nothing (and so do the
    // statement's other parts, which insert for each application inserted), where a look
    // before the insert would let both pass it.
    let inserted = sqlx::query_scalar!(
        r#"WITH application AS (
            INSERT INTO applications (reference, idempotency_key, request_hash, aid_type, town,
                status, applicant_name, id_number, id_number_hash, phone, phone_last4, answers,
                household, assessment, rules_version, parameter_set, submitted_at,
                status_changed_at, cause)
            VALUES ($1, $2, $3, $4, $5, 'submitted', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
                $16, $16, $17)
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING id
        ), household AS (
            INSERT INTO members (application_id, position, relationship, name, id_number,
                id_number_hash, age)
            SELECT application.id, member.position, member.relationship, member.name,
                member.id_number, member.id_number_hash, member.age
            FROM application, UNNEST($18::BIGINT[], $19::TEXT[], $20::TEXT[], $21::TEXT[],
                $22::TEXT[], $23::BIGINT[])
                AS member (position, relationship, name, id_number, id_number_hash, age)
        ), first_event AS (
            INSERT INTO events (application_id, at, actor, kind)
            SELECT id, $16, 'applicant', 'submitted' FROM application
        ), queued AS (
            INSERT INTO queue_entries (application_id, town, urgent, due_on)
            SELECT id, $5, $24, $25 FROM application
        ), documents_moved AS (
            UPDATE documents SET application_id = application.id
            FROM application WHERE $26 AND documents.draft_id = $2
        ), draft_submitted AS (
            UPDATE drafts SET submitted_reference = $1
            WHERE $26 AND id = $2 AND EXISTS (SELECT 1 FROM application)
        )
        SELECT id AS "id!" FROM application"#,
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
        cause,
        &members.positions,
        &members.relationships as &[String],
        &members.names as &[String],
        &members.id_numbers as &[Option<String>],
        &members.id_number_hashes as &[Option<String>],
        &members.ages,
        new.urgent,
        due_on,
        new.from_draft
    )
    .fetch_optional(&mut *on)
    .await;
    match inserted {
        Ok(Some(_)) => Ok(Submitted::Created(new.reference.clone())),
        Ok(None) => already_submitted(on, new).await,
        Err(e) if violates(&e, REFERENCE_TAKEN) => Err(BackendError::ReferenceTaken),
        Err(e) => Err(unavailable(e)),
    }
}

/// The household's members as columns, for one `UNNEST` (db/rows.rs makes the rows).
#[derive(Default)]
struct Members {
    positions: Vec<i64>,
    relationships: Vec<String>,
    names: Vec<String>,
    id_numbers: Vec<Option<String>>,
    id_number_hashes: Vec<Option<String>>,
    ages: Vec<i64>,
}

impl Members {
    fn of(keys: &DataKeys, new: &NewApplication) -> Members {
        let mut columns = Members::default();
        for member in member_rows(keys, new) {
            columns.positions.push(member.position);
            columns.relationships.push(member.relationship);
            columns.names.push(member.name);
            columns.id_numbers.push(member.id_number);
            columns.id_number_hashes.push(member.id_number_hash);
            columns.ages.push(member.age);
        }
        columns
    }
}

/// The answer to a key that is already taken: only the request that first used it may see
/// what it created. The row is committed (the insert waited for it), so this statement, with
/// its own snapshot, sees it.
async fn already_submitted(
    on: &mut sqlx::PgConnection,
    new: &NewApplication,
) -> Result<Submitted, BackendError> {
    let existing = sqlx::query!(
        "SELECT reference, request_hash FROM applications WHERE idempotency_key = $1",
        new.idempotency_key
    )
    .fetch_optional(on)
    .await
    .map_err(unavailable)?;
    match existing.and_then(|row| Some((ReferenceNumber::parse(&row.reference)?, row.request_hash))) {
        Some((reference, hash)) if hash.as_deref() == Some(new.request_hash.as_str()) => {
            Ok(Submitted::AlreadySubmitted(reference))
        }
        _ => Err(BackendError::Conflict),
    }
}

pub async fn track(
    pool: &PgPool,
    reference: &ReferenceNumber,
    phone_last4: &str,
) -> Result<Option<Tracked>, BackendError> {
    let reference_text = reference.as_str();
    let row = sqlx::query!(
        "SELECT a.id, a.aid_type, a.town, a.status, a.applicant_name, a.submitted_at, q.due_on
         FROM applications a JOIN queue_entries q ON q.application_id = a.id
         WHERE a.reference = $1 AND a.phone_last4 = $2",
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
        "SELECT at, kind, detail FROM events WHERE application_id = $1 AND kind <> 'assigned' ORDER BY id",
        row.id
    )
    .fetch_all(pool)
    .await
    .map_err(unavailable)?;
    // The town's latest request for documents, shown while it waits for them.
    let (document_request, requested_kind) = if row.status == "waiting_for_documents" {
        let detail = sqlx::query_scalar!(
            "SELECT detail FROM events WHERE application_id = $1 AND kind = 'documents_requested'
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
    pool: &PgPool,
    reference: &ReferenceNumber,
    phone_last4: &str,
    now: DateTime<Utc>,
) -> Result<bool, BackendError> {
    let mut tx = pool.begin().await.map_err(unavailable)?;
    let now = now.to_rfc3339();
    // One statement checks and changes the status: a transition committed meanwhile makes it
    // wait for the row and test the status again on the new row (READ COMMITTED re-checks an
    // UPDATE's WHERE on the latest version), so a decided case is never withdrawn.
    let updated: Option<i64> = sqlx::query_scalar(&format!(
        "UPDATE applications SET status = 'withdrawn', status_changed_at = $1, version = version + 1
         WHERE reference = $2 AND phone_last4 = $3 AND status IN ({})
         RETURNING id",
        statuses_where(Status::can_withdraw)
    ))
    .bind(&now)
    .bind(reference.as_str())
    .bind(phone_last4)
    .fetch_optional(&mut *tx)
    .await
    .map_err(unavailable)?;
    let Some(id) = updated else {
        return Ok(false);
    };
    sqlx::query!(
        "INSERT INTO events (application_id, at, actor, kind) VALUES ($1, $2, 'applicant', 'withdrawn')",
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
    pool: &PgPool,
    reference: &ReferenceNumber,
    phone_last4: &str,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, BackendError> {
    let (now, reference) = (now.to_rfc3339(), reference.as_str());
    let done = sqlx::query!(
        "INSERT INTO family_links (token_hash, application_id, created_at)
         SELECT $1, id, $2 FROM applications WHERE reference = $3 AND phone_last4 = $4",
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

pub async fn family_view(pool: &PgPool, token_hash: &str) -> Result<Option<Tracked>, BackendError> {
    let found = sqlx::query!(
        "SELECT a.reference, a.phone_last4 FROM family_links f JOIN applications a ON a.id = f.application_id
         WHERE f.token_hash = $1",
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

pub async fn family_link_count(
    pool: &PgPool,
    reference: &ReferenceNumber,
    phone_last4: &str,
) -> Result<i64, BackendError> {
    sqlx::query_scalar!(
        r#"SELECT count(*) AS "count!" FROM family_links
         WHERE application_id = (SELECT id FROM applications WHERE reference = $1 AND phone_last4 = $2)"#,
        reference.as_str(),
        phone_last4
    )
    .fetch_one(pool)
    .await
    .map_err(unavailable)
}

pub async fn revoke_family_links(
    pool: &PgPool,
    reference: &ReferenceNumber,
    phone_last4: &str,
) -> Result<i64, BackendError> {
    let done = sqlx::query!(
        "DELETE FROM family_links
         WHERE application_id = (SELECT id FROM applications WHERE reference = $1 AND phone_last4 = $2)",
        reference.as_str(),
        phone_last4
    )
    .execute(pool)
    .await
    .map_err(unavailable)?;
    Ok(i64::try_from(done.rows_affected()).unwrap_or(i64::MAX))
}
