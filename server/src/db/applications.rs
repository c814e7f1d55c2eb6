//! Applications: submission in one transaction, tracking, withdrawal and family links by the
//! applicant.
//!
//! A submission is where the engines differ most, so it is written twice, side by side: SQLite
//! takes its one write lock and stores row by row; PostgreSQL stores the application's rows in
//! one statement (one round trip, where a statement per row made eight), claiming the
//! idempotency key with the insert itself. What both store is made once (`Submission::of`),
//! and both record the first event, with its messages, through db/events.rs.

use super::common::mask_name;
use super::common::{parse_time, sealed, status_words, unavailable, unreadable};
use super::document_requests;
use super::engine::{Exec, execute, fetch, per_engine, scalar};
use super::error::BackendError;
use super::events::{self, NewEvent};
use super::store::{Pools, Store};
use super::towns::ContactRow;
use crate::crypto::DataKeys;
use app::domain::messages::{Channel, MessageKind, MessageStatus, SentMessage};
use app::domain::review::{CaseEvent, Status};
use app::domain::town_contact::TownContact;
use app::domain::tracking::{HeldDocument, RequestedDocument};
use app::domain::{AidType, ApplicationAnswers, NationalId, ReferenceNumber, ValidApplication};
use app::domain::{TimelineEvent, Tracked};
use app::i18n::Locale;
use chrono::{DateTime, NaiveDate, Utc};

/// An application ready to store, with the server's own assessment.
#[derive(Clone, Debug)]
pub struct NewApplication {
    pub reference: ReferenceNumber,
    /// The same key twice stores one application (a double tap, a retry after a timeout).
    pub idempotency_key: String,
    /// The key is the id of the resident's draft on the web: the draft's documents go with
    /// the application, and the draft is marked submitted. A submission through the API has
    /// no draft (and its key must never reach one).
    pub from_draft: bool,
    /// The SHA-256 (hex) of the canonical request: a key replays only the request it came with.
    pub request_hash: String,
    pub application: ValidApplication,
    pub answers: ApplicationAnswers,
    pub assessment: serde_json::Value,
    pub rules_version: String,
    pub parameter_set: String,
    pub submitted_at: DateTime<Utc>,
    /// When the town should act: accept an emergency case, or finish its review.
    pub due_on: NaiveDate,
    pub urgent: bool,
    /// The language the resident applied in: their messages are written in it.
    pub locale: Locale,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Submitted {
    Created(ReferenceNumber),
    /// The idempotency key was seen before: the application it created.
    AlreadySubmitted(ReferenceNumber),
}

impl Submitted {
    pub fn reference(&self) -> &ReferenceNumber {
        match self {
            Submitted::Created(r) | Submitted::AlreadySubmitted(r) => r,
        }
    }
}

/// What a submission stores, sealed: everything the resident wrote, with the ID, phone and
/// bank card numbers, is sealed; the ID number is also kept as a keyed hash, to find the same
/// person's other applications.
struct Submission<'a> {
    new: &'a NewApplication,
    reference: &'a str,
    aid_type: &'static str,
    town: String,
    id_number: String,
    id_number_hash: String,
    phone: String,
    last4: &'a str,
    answers: String,
    household: String,
    assessment: String,
    cause: String,
    members: Vec<MemberRow>,
    now: String,
    due_on: String,
    locale: &'static str,
    /// Sealed: the number texts go to, when the resident agreed to them.
    sms_phone: Option<String>,
    /// This portal sends SMS (Store::sms).
    sms_enabled: bool,
}

impl Submission<'_> {
    /// The application's first event: the applicant submitted it.
    fn first_event(&self, application_id: i64) -> NewEvent<'static> {
        NewEvent {
            application_id,
            at: self.new.submitted_at,
            actor: "applicant",
            kind: CaseEvent::Submitted,
            detail: serde_json::json!({}),
        }
    }
}

impl<'a> Submission<'a> {
    fn of(
        keys: &DataKeys,
        new: &'a NewApplication,
        sms_enabled: bool,
    ) -> Result<Submission<'a>, BackendError> {
        let app = &new.application;
        let answers = serde_json::to_string(&new.answers).map_err(|_| BackendError::Unavailable)?;
        let id = app.applicant.id_number.expose();
        Ok(Submission {
            new,
            reference: new.reference.as_str(),
            aid_type: app.aid_type.word(),
            town: app.applicant.town.full_name(),
            id_number: keys.seal(sealed::APPLICATION_ID_NUMBER, id),
            id_number_hash: keys.lookup_hash(id),
            // The contact: the applicant's own mobile, or the helper's for someone applied for
            // (issue 24, item 4); its last four digits are the tracking check.
            phone: keys.seal(sealed::APPLICATION_PHONE, app.contact_phone().expose()),
            last4: app.contact_phone().last_four(),
            answers: keys.seal(sealed::APPLICATION_ANSWERS, &answers),
            household: serde_json::to_string(&app.household).map_err(|_| BackendError::Unavailable)?,
            assessment: new.assessment.to_string(),
            cause: cause_of(&app.household),
            members: member_rows(keys, new),
            now: new.submitted_at.to_rfc3339(),
            due_on: new.due_on.to_string(),
            locale: new.locale.code(),
            sms_phone: new
                .answers
                .declaration
                .sms_consent
                .then(|| keys.seal(sealed::APPLICATION_SMS_PHONE, app.contact_phone().expose())),
            sms_enabled,
        })
    }
}

/// A member of the household as stored: position 0 is the applicant (本人); the ID number sealed
/// and kept as a keyed hash too, to find the same person's other applications.
struct MemberRow {
    pub position: i64,
    pub relationship: String,
    pub name: String,
    pub id_number: Option<String>,
    pub id_number_hash: Option<String>,
    pub age: i64,
}

/// The rows of a new application's household, as both engines store them.
fn member_rows(keys: &DataKeys, new: &NewApplication) -> Vec<MemberRow> {
    let app = &new.application;
    let members = app.household.members.as_deref().unwrap_or_default();
    members
        .iter()
        .enumerate()
        .map(|(position, member)| {
            let (relationship, name) = if position == 0 {
                ("本人".to_string(), app.applicant.name.clone())
            } else {
                let m = &new.answers.household.members[position - 1];
                (m.relationship.trim().to_string(), m.name.trim().to_string())
            };
            let id = app.member_ids.get(position).and_then(|id| id.as_ref());
            MemberRow {
                position: position as i64,
                relationship,
                name,
                id_number: id.map(|id| keys.seal(sealed::MEMBER_ID_NUMBER, id.expose())),
                id_number_hash: id.map(|id| keys.lookup_hash(id.expose())),
                age: member.age.unwrap_or_default() as i64,
            }
        })
        .collect()
}

/// The answer to a key that is already taken: only the request that first used it may see
/// what it created.
fn replayed(
    existing: Option<(String, Option<String>)>,
    new: &NewApplication,
) -> Result<Submitted, BackendError> {
    match existing.and_then(|(reference, hash)| Some((ReferenceNumber::parse(&reference)?, hash))) {
        Some((reference, hash)) if hash.as_deref() == Some(new.request_hash.as_str()) => {
            Ok(Submitted::AlreadySubmitted(reference))
        }
        _ => Err(BackendError::Conflict),
    }
}

struct TrackedRow {
    id: i64,
    aid_type: String,
    town: String,
    status: String,
    applicant_name: String,
    submitted_at: String,
    due_on: String,
    /// Sealed; only whether there is one is read here.
    sms_phone: Option<String>,
    /// Sealed; opened only once aid is approved, for the bank card's last four digits.
    answers: String,
}

struct MessageRow {
    kind: String,
    channel: String,
    status: String,
    text: String,
    created_at: String,
}

struct EventRow {
    at: String,
    kind: String,
    detail: String,
}

struct HeldRow {
    kind: String,
    uploaded_at: String,
}

struct FamilyRow {
    reference: String,
    phone_last4: String,
}

impl Store {
    /// Stores the application, its members, the `submitted` event and the town queue entry in
    /// one transaction; marks the draft whose id is the idempotency key as submitted. A key
    /// seen before with the same `request_hash` answers `AlreadySubmitted`; with another,
    /// `BackendError::Conflict` (never the other application's reference).
    pub async fn submit(&self, new: NewApplication) -> Result<Submitted, BackendError> {
        let submission = Submission::of(self.keys()?, &new, self.sms)?;
        match &self.pools {
            #[cfg(feature = "sqlite")]
            Pools::Sqlite { write, .. } => sqlite::submit(write, &submission).await,
            #[cfg(feature = "postgres")]
            Pools::Postgres(pool) => postgres::submit(pool, &submission).await,
        }
    }

    /// The application with this reference and the first of these phone endings that finds it
    /// (`ApplicationAnswers::tracking_endings`: the contact's, then the applicant's own).
    pub async fn track_by_any(
        &self,
        reference: &ReferenceNumber,
        endings: &[String],
    ) -> Result<Option<Tracked>, BackendError> {
        for last4 in endings {
            if let Some(tracked) = self.track(reference, last4).await? {
                return Ok(Some(tracked));
            }
        }
        Ok(None)
    }

    /// The application with this reference whose phone number ends with these four digits.
    pub async fn track(
        &self,
        reference: &ReferenceNumber,
        phone_last4: &str,
    ) -> Result<Option<Tracked>, BackendError> {
        let mut conn = self.read().await?;
        let reference_text = reference.as_str();
        let row = fetch!(
            conn,
            fetch_optional,
            TrackedRow,
            r#"SELECT a.id AS "id!", a.aid_type, a.town, a.status, a.applicant_name, a.submitted_at, q.due_on,
                a.sms_phone, a.answers
             FROM applications a JOIN queue_entries q ON q.application_id = a.id
             WHERE a.reference = $1 AND a.phone_last4 = $2"#,
            reference_text,
            phone_last4
        )
        .map_err(unavailable)?;
        let Some(row) = row else {
            return Ok(None);
        };
        // Internal steps (who the case is assigned to, the note of a call) are the town's
        // business, not the timeline's.
        let events = fetch!(
            conn,
            fetch_all,
            EventRow,
            "SELECT at, kind, detail FROM events WHERE application_id = $1
             AND kind NOT IN ('assigned', 'applicant_contacted', 'request_item_satisfied') ORDER BY id",
            row.id
        )
        .map_err(unavailable)?;
        // The town's request for documents, item by item, while it waits for them.
        let (requested, documents_due_on) = if row.status == Status::WaitingForDocuments.word() {
            let open = document_requests::open_items(conn.exec(), row.id).await?;
            let due_on = open.iter().map(|i| i.due_on).max();
            let requested = open
                .into_iter()
                .map(|i| RequestedDocument {
                    kind: i.kind.map(|k| k.word().to_string()),
                    received: i.is_in(),
                    what: i.what,
                })
                .collect();
            (requested, due_on)
        } else {
            (Vec::new(), None)
        };
        // Every document the town holds, by kind: never its content.
        let documents = fetch!(
            conn,
            fetch_all,
            HeldRow,
            "SELECT kind, uploaded_at FROM documents WHERE application_id = $1 ORDER BY id",
            row.id
        )
        .map_err(unavailable)?
        .into_iter()
        .map(|d| HeldDocument {
            kind: d.kind,
            at: parse_time(&d.uploaded_at),
        })
        .collect();
        // What the portal told the applicant, on every channel: the page lists each message.
        let messages = fetch!(
            conn,
            fetch_all,
            MessageRow,
            "SELECT kind, channel, status, text, created_at FROM messages
             WHERE application_id = $1 AND recipient = 'applicant' ORDER BY id",
            row.id
        )
        .map_err(unavailable)?
        .into_iter()
        .map(|m| {
            Ok(SentMessage {
                kind: MessageKind::parse(&m.kind).ok_or_else(|| unreadable("a message's kind", &m.kind))?,
                channel: Channel::parse(&m.channel).ok_or_else(|| unreadable("a channel", &m.channel))?,
                status: MessageStatus::parse(&m.status)
                    .ok_or_else(|| unreadable("a message status", &m.status))?,
                text: m.text,
                at: parse_time(&m.created_at),
            })
        })
        .collect::<Result<_, BackendError>>()?;
        // Once aid is approved, the account it is paid into, as its last four digits.
        let account_last4 = if matches!(row.status.as_str(), "approved" | "paid") {
            let answers = super::common::open(
                self.keys()?,
                sealed::APPLICATION_ANSWERS,
                &row.answers,
                reference.as_str(),
            )?;
            serde_json::from_str::<ApplicationAnswers>(&answers)
                .ok()
                .map(|a| {
                    a.payment
                        .bank_card
                        .chars()
                        .filter(char::is_ascii_digit)
                        .collect::<String>()
                })
                .filter(|card| card.len() >= 4)
                .map(|card| card[card.len() - 4..].to_string())
        } else {
            None
        };
        // The town office's contact, where an administrator set it (on the same connection).
        let town_office = fetch!(
            conn,
            fetch_optional,
            ContactRow,
            "SELECT town, phone, address, hours FROM town_contacts WHERE town = $1",
            row.town
        )
        .map_err(unavailable)?
        .map(TownContact::from);
        Ok(Some(Tracked {
            account_last4,
            town_office,
            reference: reference.to_string(),
            sms: row.sms_phone.is_some(),
            messages,
            aid_type: AidType::parse(&row.aid_type)
                .ok_or_else(|| unreadable("an aid type", &row.aid_type))?,
            town: row.town,
            status: Status::parse(&row.status).ok_or_else(|| unreadable("a status", &row.status))?,
            masked_name: mask_name(&row.applicant_name),
            submitted_at: parse_time(&row.submitted_at),
            due_on: row.due_on.parse::<NaiveDate>().unwrap_or_default(),
            requested,
            documents_due_on,
            documents,
            events: events
                .into_iter()
                .map(|e| {
                    let kind =
                        CaseEvent::parse(&e.kind).ok_or_else(|| unreadable("an event's kind", &e.kind))?;
                    Ok(TimelineEvent {
                        at: parse_time(&e.at),
                        detail: resident_detail(kind, &e.detail),
                        kind,
                    })
                })
                .collect::<Result<_, BackendError>>()?,
        }))
    }

    /// Withdraws the application if it is not yet decided; false when it cannot be. One
    /// statement checks and changes the status: on PostgreSQL a transition committed meanwhile
    /// makes it wait for the row and test the status again on the new row (READ COMMITTED
    /// re-checks an UPDATE's WHERE on the latest version), so a decided case is never
    /// withdrawn. The statuses come from the state machine, as one bound value.
    pub async fn withdraw(
        &self,
        reference: &ReferenceNumber,
        phone_last4: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, BackendError> {
        let mut tx = self.begin().await?;
        let when = now;
        let now = now.to_rfc3339();
        let (reference, last4) = (reference.as_str(), phone_last4);
        let withdrawable = status_words(Status::can_withdraw);
        let updated: Option<i64> = per_engine!(tx, c =>
            sqlite: {
                let withdrawable = serde_json::to_string(&withdrawable).map_err(|_| BackendError::Unavailable)?;
                sqlx::query_scalar!(
                    r#"UPDATE applications SET status = 'withdrawn', status_changed_at = ?1, version = version + 1
                     WHERE reference = ?2 AND phone_last4 = ?3 AND status IN (SELECT value FROM json_each(?4))
                     RETURNING id AS "id!""#,
                    now,
                    reference,
                    last4,
                    withdrawable
                )
                .fetch_optional(c)
                .await
            },
            postgres: sqlx::query_scalar!(
                "UPDATE applications SET status = 'withdrawn', status_changed_at = $1, version = version + 1
                 WHERE reference = $2 AND phone_last4 = $3 AND status = ANY($4)
                 RETURNING id",
                now,
                reference,
                last4,
                &withdrawable
            )
            .fetch_optional(c)
            .await,
        )
        .map_err(unavailable)?;
        let Some(id) = updated else {
            return Ok(false);
        };
        let event = NewEvent {
            application_id: id,
            at: when,
            actor: "applicant",
            kind: CaseEvent::Withdrawn,
            detail: serde_json::json!({}),
        };
        events::record(tx.exec(), event, self.sms).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Stops the texts of the application with this reference and phone ending: its number is
    /// forgotten, and its texts not yet sent stay on the tracking page only. False when there
    /// is no such application.
    pub async fn stop_texts(
        &self,
        reference: &ReferenceNumber,
        phone_last4: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, BackendError> {
        let mut tx = self.begin().await?;
        let (reference, now) = (reference.as_str(), now.to_rfc3339());
        let id: Option<i64> = scalar!(
            tx,
            fetch_optional,
            r#"UPDATE applications SET sms_phone = NULL WHERE reference = $1 AND phone_last4 = $2
             RETURNING id AS "id!""#,
            reference,
            phone_last4
        )
        .map_err(unavailable)?;
        let Some(id) = id else {
            return Ok(false);
        };
        // A text a sender holds right now may still go; every other one waiting stays here.
        execute!(
            tx,
            "UPDATE messages SET channel = 'page', status = 'delivered', delivered_at = $1,
                error = 'the applicant stopped texts'
             WHERE application_id = $2 AND recipient = 'applicant' AND channel = 'sms'
               AND status IN ('queued', 'temporary-failure')",
            now,
            id
        )
        .map_err(unavailable)?;
        tx.commit().await?;
        Ok(true)
    }

    /// Records a family link (by its hash) for the application with this reference and phone
    /// ending; false when there is no such application.
    pub async fn create_family_link(
        &self,
        reference: &ReferenceNumber,
        phone_last4: &str,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, BackendError> {
        let (now, reference) = (now.to_rfc3339(), reference.as_str());
        let mut tx = self.begin().await?;
        let created = execute!(
            tx,
            "INSERT INTO family_links (token_hash, application_id, created_at)
             SELECT $1, id, $2 FROM applications WHERE reference = $3 AND phone_last4 = $4",
            token_hash,
            now,
            reference,
            phone_last4
        )
        .map_err(unavailable)?;
        // At most `FAMILY_LINKS_KEPT` work at once (issue 25, item 4): the oldest beyond them
        // stop working, in the same transaction, so a leaked one does not live for ever.
        let kept = app::domain::tracking::FAMILY_LINKS_KEPT as i64;
        let stopped = execute!(
            tx,
            "DELETE FROM family_links
             WHERE application_id = (SELECT id FROM applications WHERE reference = $1 AND phone_last4 = $2)
             AND token_hash NOT IN (
                SELECT token_hash FROM family_links
                WHERE application_id = (SELECT id FROM applications WHERE reference = $1 AND phone_last4 = $2)
                ORDER BY created_at DESC, token_hash LIMIT $3)",
            reference,
            phone_last4,
            kept
        )
        .map_err(unavailable)?;
        tx.commit().await?;
        if stopped > 0 {
            tracing::info!(
                stopped,
                "the oldest family links stopped working: at most {kept} at once"
            );
        }
        Ok(created == 1)
    }

    /// What a family link shows: the same masked view as tracking.
    pub async fn family_view(&self, token_hash: &str) -> Result<Option<Tracked>, BackendError> {
        match self.family_link_target(token_hash).await? {
            Some((reference, last4)) => self.track(&reference, &last4).await,
            None => Ok(None),
        }
    }

    /// The keyed hash of an ID number, as applications are found by it: what a guessing limit
    /// may key on, never the number itself.
    pub fn id_lookup_key(&self, id: &NationalId) -> Result<String, BackendError> {
        Ok(self.keys()?.lookup_hash(id.expose()))
    }

    /// The newest application of the applicant with this ID number whose phone ending is this
    /// (issue 24, item 12: tracking without the reference). Found by the ID's keyed hash.
    pub async fn reference_for_id(
        &self,
        id: &NationalId,
        phone_last4: &str,
    ) -> Result<Option<ReferenceNumber>, BackendError> {
        let hash = self.id_lookup_key(id)?;
        let found = scalar!(
            self.read().await?,
            fetch_optional,
            r#"SELECT reference AS "reference!" FROM applications
             WHERE id_number_hash = $1 AND phone_last4 = $2 ORDER BY id DESC LIMIT 1"#,
            hash,
            phone_last4
        )
        .map_err(unavailable)?;
        Ok(found.and_then(|r| ReferenceNumber::parse(&r)))
    }

    /// The application a family link opens: its reference and phone ending, which the
    /// relative never sees (issue 24, item 14: a relative sends the documents asked for).
    pub async fn family_link_target(
        &self,
        token_hash: &str,
    ) -> Result<Option<(ReferenceNumber, String)>, BackendError> {
        let found = fetch!(
            self.read().await?,
            fetch_optional,
            FamilyRow,
            "SELECT a.reference, a.phone_last4 FROM family_links f JOIN applications a ON a.id = f.application_id
             WHERE f.token_hash = $1",
            token_hash
        )
        .map_err(unavailable)?;
        Ok(found.and_then(|f| Some((ReferenceNumber::parse(&f.reference)?, f.phone_last4))))
    }

    /// How many family links the application with this reference and phone ending has.
    pub async fn family_link_count(
        &self,
        reference: &ReferenceNumber,
        phone_last4: &str,
    ) -> Result<i64, BackendError> {
        let reference = reference.as_str();
        scalar!(
            self.read().await?,
            fetch_one,
            r#"SELECT count(*) AS "count!: i64" FROM family_links
             WHERE application_id = (SELECT id FROM applications WHERE reference = $1 AND phone_last4 = $2)"#,
            reference,
            phone_last4
        )
        .map_err(unavailable)
    }

    /// Revokes every family link of the application with this reference and phone ending; how
    /// many there were.
    pub async fn revoke_family_links(
        &self,
        reference: &ReferenceNumber,
        phone_last4: &str,
    ) -> Result<i64, BackendError> {
        let reference = reference.as_str();
        let revoked = execute!(
            self.write().await?,
            "DELETE FROM family_links
             WHERE application_id = (SELECT id FROM applications WHERE reference = $1 AND phone_last4 = $2)",
            reference,
            phone_last4
        )
        .map_err(unavailable)?;
        Ok(i64::try_from(revoked).unwrap_or(i64::MAX))
    }
}

/// SQLite: the transaction takes the one write lock at its start (IMMEDIATE), so the look
/// at the idempotency key and the inserts are one step, and two submissions never deadlock
/// upgrading a lock.
#[cfg(feature = "sqlite")]
mod sqlite {
    use super::*;

    fn is_unique_violation(e: &sqlx::Error, column: &str) -> bool {
        matches!(e, sqlx::Error::Database(db) if db.is_unique_violation() && db.message().contains(column))
    }

    pub(super) async fn submit(
        writer: &sqlx::SqlitePool,
        s: &Submission<'_>,
    ) -> Result<Submitted, BackendError> {
        let new = s.new;
        let mut tx = writer.begin_with("BEGIN IMMEDIATE").await.map_err(unavailable)?;
        let existing = sqlx::query!(
            "SELECT reference, request_hash FROM applications WHERE idempotency_key = ?",
            new.idempotency_key
        )
        .fetch_optional(&mut *tx)
        .await
        .map_err(unavailable)?;
        if let Some(row) = existing {
            return replayed(Some((row.reference, row.request_hash)), new);
        }
        let inserted = sqlx::query!(
            "INSERT INTO applications (reference, idempotency_key, request_hash, aid_type, town, status,
                applicant_name, id_number, id_number_hash, phone, phone_last4, answers, household,
                assessment, rules_version, parameter_set, submitted_at, status_changed_at, cause,
                locale, sms_phone)
             VALUES (?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            s.reference,
            new.idempotency_key,
            new.request_hash,
            s.aid_type,
            s.town,
            new.application.applicant.name,
            s.id_number,
            s.id_number_hash,
            s.phone,
            s.last4,
            s.answers,
            s.household,
            s.assessment,
            new.rules_version,
            new.parameter_set,
            s.now,
            s.now,
            s.cause,
            s.locale,
            s.sms_phone
        )
        .execute(&mut *tx)
        .await;
        let application_id = match inserted {
            Ok(done) => done.last_insert_rowid(),
            Err(e) if is_unique_violation(&e, "reference") => return Err(BackendError::ReferenceTaken),
            Err(e) => return Err(unavailable(e)),
        };
        for member in &s.members {
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
            "INSERT INTO queue_entries (application_id, town, urgent, due_on) VALUES (?, ?, ?, ?)",
            application_id,
            s.town,
            new.urgent,
            s.due_on
        )
        .execute(&mut *tx)
        .await
        .map_err(unavailable)?;
        events::record(
            Exec::Sqlite(&mut tx),
            s.first_event(application_id),
            s.sms_enabled,
        )
        .await?;
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
                s.reference,
                new.idempotency_key
            )
            .execute(&mut *tx)
            .await
            .map_err(unavailable)?;
        }
        tx.commit().await.map_err(unavailable)?;
        Ok(Submitted::Created(new.reference.clone()))
    }
}

#[cfg(feature = "postgres")]
mod postgres {
    use super::*;
    use sqlx::PgConnection;

    /// The unique constraint PostgreSQL names after `applications.reference` (TABLE_COLUMN_key).
    const REFERENCE_TAKEN: &str = "applications_reference_key";

    fn violates(e: &sqlx::Error, constraint: &str) -> bool {
        matches!(e, sqlx::Error::Database(db) if db.is_unique_violation() && db.constraint() == Some(constraint))
    }

    pub(super) async fn submit(pool: &sqlx::PgPool, s: &Submission<'_>) -> Result<Submitted, BackendError> {
        let mut tx = pool.begin().await.map_err(unavailable)?;
        // The draft this submission comes from (the idempotency key is the draft's id), locked
        // until commit: an upload to the draft (`Store::add_draft_document` locks it too)
        // either ends before, and its document goes with the application, or waits and finds
        // the draft submitted. Taken before the statement that stores, because that statement
        // sees only what was committed when it began: an upload still running then would leave
        // its document behind.
        if s.new.from_draft {
            sqlx::query!(
                "SELECT id FROM drafts WHERE id = $1 FOR UPDATE",
                s.new.idempotency_key
            )
            .fetch_optional(&mut *tx)
            .await
            .map_err(unavailable)?;
        }
        let submitted = insert(&mut tx, s).await?;
        tx.commit().await.map_err(unavailable)?;
        Ok(submitted)
    }

    /// Stores a submission in one statement: the application, its members, its queue entry,
    /// and, for a draft's submission, the draft's documents and the draft marked submitted;
    /// then its first event and that event's messages (db/events.rs). The idempotency key is claimed by the insert itself: of two
    /// submissions with one key at once, the second waits for the first to commit and then
    /// inserts nothing (and so do the statement's other parts, which insert for each
    /// application inserted), where a look before the insert would let both pass it.
    async fn insert(c: &mut PgConnection, s: &Submission<'_>) -> Result<Submitted, BackendError> {
        let new = s.new;
        let members = Members::of(&s.members);
        let inserted = sqlx::query_scalar!(
            r#"WITH application AS (
                INSERT INTO applications (reference, idempotency_key, request_hash, aid_type, town,
                    status, applicant_name, id_number, id_number_hash, phone, phone_last4, answers,
                    household, assessment, rules_version, parameter_set, submitted_at,
                    status_changed_at, cause, locale, sms_phone)
                VALUES ($1, $2, $3, $4, $5, 'submitted', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
                    $16, $16, $17, $27, $28)
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
            s.reference,
            new.idempotency_key,
            new.request_hash,
            s.aid_type,
            s.town,
            new.application.applicant.name,
            s.id_number,
            s.id_number_hash,
            s.phone,
            s.last4,
            s.answers,
            s.household,
            s.assessment,
            new.rules_version,
            new.parameter_set,
            s.now,
            s.cause,
            &members.positions,
            &members.relationships as &[String],
            &members.names as &[String],
            &members.id_numbers as &[Option<String>],
            &members.id_number_hashes as &[Option<String>],
            &members.ages,
            new.urgent,
            s.due_on,
            new.from_draft,
            s.locale,
            s.sms_phone
        )
        .fetch_optional(&mut *c)
        .await;
        match inserted {
            Ok(Some(id)) => {
                events::record(Exec::Postgres(c), s.first_event(id), s.sms_enabled).await?;
                Ok(Submitted::Created(new.reference.clone()))
            }
            // The key is taken: the row is committed (the insert waited for it), so this
            // statement, with its own snapshot, sees it.
            Ok(None) => {
                let existing = sqlx::query!(
                    "SELECT reference, request_hash FROM applications WHERE idempotency_key = $1",
                    new.idempotency_key
                )
                .fetch_optional(c)
                .await
                .map_err(unavailable)?;
                replayed(existing.map(|row| (row.reference, row.request_hash)), new)
            }
            Err(e) if violates(&e, REFERENCE_TAKEN) => Err(BackendError::ReferenceTaken),
            Err(e) => Err(unavailable(e)),
        }
    }

    /// The household's members as columns, for one `UNNEST`.
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
        fn of(rows: &[MemberRow]) -> Members {
            let mut columns = Members::default();
            for member in rows {
                columns.positions.push(member.position);
                columns.relationships.push(member.relationship.clone());
                columns.names.push(member.name.clone());
                columns.id_numbers.push(member.id_number.clone());
                columns.id_number_hashes.push(member.id_number_hash.clone());
                columns.ages.push(member.age);
            }
            columns
        }
    }
}

/// The cause of an application, for the one-grant-per-cause flag (RULES.md §4): the
/// emergency's event or the kind of expense.
pub(crate) fn cause_of(household: &app::rules::HouseholdInput) -> String {
    household
        .emergency
        .as_ref()
        .and_then(|e| e.event.clone())
        .or_else(|| household.expense.as_ref().and_then(|x| x.kind.clone()))
        .unwrap_or_default()
}

/// The parts of an event's detail the applicant reads: the amounts granted or paid, the reason
/// of a refusal, the documents asked for. Never who did it, nor an amount still under review.
pub(crate) fn resident_detail(kind: CaseEvent, detail: &str) -> serde_json::Value {
    let full: serde_json::Value = serde_json::from_str(detail).unwrap_or_default();
    let mut shown = serde_json::Map::new();
    let keys: &[&str] = match kind {
        CaseEvent::Approved | CaseEvent::AdvancePaid | CaseEvent::Paid => {
            &["amount_fen", "advance_fen", "balance_fen"]
        }
        CaseEvent::DocumentsRequested => &["what", "kinds", "due_on"],
        // Which tier decides now: the tracking page says who has the case. The reasons staff
        // write for the next tier are theirs (issue 24, item 15), not the timeline's.
        CaseEvent::Forwarded => &["to"],
        CaseEvent::Recommended => &[],
        _ => &["reason", "what"],
    };
    for &key in keys {
        if let Some(v) = full.get(key) {
            shown.insert(key.to_string(), v.clone());
        }
    }
    serde_json::Value::Object(shown)
}
