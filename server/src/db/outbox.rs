//! The outbox's other side: what the senders of every portal process claim, send and record
//! (server/src/messages). A claim is a lease: the message is `sending` until `lease_until`,
//! and a sender that died meanwhile leaves it to be claimed again when the lease ends. On
//! PostgreSQL two senders never claim one message (`FOR UPDATE SKIP LOCKED`: a row another
//! sender is claiming is passed over); SQLite's one writer claims one batch at a time.

use super::common::{fixed_instant, parse_time, sealed, unavailable, unreadable};
use super::document_requests;
use super::engine::{Tx, execute, fetch, per_engine, scalar};
use super::error::BackendError;
use super::events::{case_facts, write_message};
use super::store::Store;
use super::towns::BUREAU;
use app::domain::AidType;
use app::domain::document_request::{missing, reminder_due};
use app::domain::messages::{
    CaseFacts, FIRST_RECEIPT_LOOK, MessageKind, MessageStatus, NumberLimits, Recipient,
};
use app::domain::messages::{documents_reminder, escalation, half_of_time_to_accept_passed};
use app::i18n::Locale;
use app::rules::WorkingDays;
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// A message claimed for sending, with the number it goes to.
#[derive(Clone, Debug)]
pub struct Claimed {
    pub id: i64,
    pub kind: MessageKind,
    /// The number, opened from the application's sealed column (or the duty number); None
    /// when the applicant has stopped texts since the message was written.
    pub phone: Option<String>,
    /// The template's values, JSON.
    pub params: String,
    pub text: String,
    /// Attempts so far, this one included.
    pub attempts: i64,
    /// When it was written: a text still failing a day later is given up.
    pub created_at: DateTime<Utc>,
}

/// A text whose delivery receipt is due to be asked for.
#[derive(Clone, Debug)]
pub struct ReceiptDue {
    pub id: i64,
    pub phone: String,
    pub provider_id: String,
    pub sent_at: DateTime<Utc>,
    /// This sender's claim on the question: it records the answer only while it holds.
    pub leased_until: DateTime<Utc>,
}

/// What a text's receipt changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReceiptAnswer {
    Delivered,
    /// The carrier could not deliver it: a permanent failure, for the town to phone instead.
    Failed(String),
    /// Still unknown: ask again `at` (None: no more), keeping `error` for operators.
    AskAgain {
        at: Option<DateTime<Utc>>,
        error: Option<String>,
    },
}

/// What became of one attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Attempt {
    /// The provider took it: `provider_id` finds it again for its delivery receipt.
    Sent { provider_id: Option<String> },
    /// Try again at `retry_at` (the provider unreachable, busy, throttling).
    TemporaryFailure { error: String, retry_at: DateTime<Utc> },
    /// It will never go (an invalid number, a template refused).
    PermanentFailure { error: String },
    /// The applicant stopped texts: the message stays on the tracking page only.
    PageOnly,
}

struct ClaimRow {
    id: i64,
    application_id: i64,
    kind: String,
    recipient: String,
    params: String,
    text: String,
    attempts: i64,
    created_at: String,
}

/// A message as an operator lists it (`server messages list`): the number masked.
#[derive(Clone, Debug)]
pub struct Listed {
    pub id: i64,
    pub reference: String,
    pub kind: String,
    pub recipient: String,
    pub status: String,
    pub attempts: i64,
    pub created_at: String,
    pub error: Option<String>,
}

impl Store {
    /// Claims up to `limit` texts due at `now`, each for `lease`. A message waits while an
    /// earlier one to the same reader of the same case is due or under way, so that the
    /// messages of one application go out in order (one held for the morning by the quiet
    /// hours does not hold back a decision).
    ///
    /// A text to an applicant's number that has had its share (`limits`: a minute, an hour, a
    /// day, across every case that gave the number) is not claimed but put back to wait until
    /// the number has room: it is late, never lost, and shown on the tracking page meanwhile.
    pub async fn claim_messages(
        &self,
        now: DateTime<Utc>,
        lease: Duration,
        limit: i64,
        limits: NumberLimits,
    ) -> Result<Vec<Claimed>, BackendError> {
        let (at, until) = (fixed_instant(now), fixed_instant(now + lease));
        let mut tx = self.begin().await?;
        let rows: Vec<ClaimRow> = per_engine!(tx, c =>
            sqlite: sqlx::query_as!(
                ClaimRow,
                r#"UPDATE messages SET status = 'sending', lease_until = $1, sending_at = $2,
                    attempts = attempts + 1
                 WHERE id IN (
                    SELECT m.id FROM messages m
                    WHERE m.channel = 'sms'
                      AND ((m.status IN ('queued', 'temporary-failure') AND m.not_before <= $2)
                        OR (m.status = 'sending' AND m.lease_until <= $2))
                      AND NOT EXISTS (
                        SELECT 1 FROM messages e
                        WHERE e.application_id = m.application_id AND e.recipient = m.recipient
                          AND e.id < m.id AND e.channel = 'sms'
                          AND (e.status IN ('sending', 'temporary-failure')
                            OR (e.status = 'queued' AND e.not_before <= $2)))
                    ORDER BY m.id LIMIT $3)
                 RETURNING id AS "id!", application_id, kind, recipient, params, text, attempts, created_at -- SQLite"#,
                until,
                at,
                limit
            )
            .fetch_all(c)
            .await,
            postgres: sqlx::query_as!(
                ClaimRow,
                r#"UPDATE messages SET status = 'sending', lease_until = $1, sending_at = $2,
                    attempts = attempts + 1
                 WHERE id IN (
                    SELECT m.id FROM messages m
                    WHERE m.channel = 'sms'
                      AND ((m.status IN ('queued', 'temporary-failure') AND m.not_before <= $2)
                        OR (m.status = 'sending' AND m.lease_until <= $2))
                      AND NOT EXISTS (
                        SELECT 1 FROM messages e
                        WHERE e.application_id = m.application_id AND e.recipient = m.recipient
                          AND e.id < m.id AND e.channel = 'sms'
                          AND (e.status IN ('sending', 'temporary-failure')
                            OR (e.status = 'queued' AND e.not_before <= $2)))
                    ORDER BY m.id LIMIT $3
                    FOR UPDATE SKIP LOCKED)
                 RETURNING id, application_id, kind, recipient, params, text, attempts, created_at"#,
                until,
                at,
                limit
            )
            .fetch_all(c)
            .await,
        )
        .map_err(unavailable)?;
        let mut claimed = Vec::with_capacity(rows.len());
        for row in rows {
            let kind =
                MessageKind::parse(&row.kind).ok_or_else(|| unreadable("a message's kind", &row.kind))?;
            let recipient = Recipient::parse(&row.recipient)
                .ok_or_else(|| unreadable("a message's recipient", &row.recipient))?;
            let phone = self.phone_of(&mut tx, row.application_id, &recipient).await?;
            if let (Recipient::Applicant, Some(phone)) = (&recipient, &phone) {
                let number = self.keys()?.lookup_hash(phone);
                let free = self.number_free_at(&mut tx, &number, row.id, now, limits).await?;
                if free > now {
                    let waits_until = fixed_instant(free);
                    tracing::info!(
                        message = row.id,
                        until = %free,
                        "a text waits: its number had its share of texts"
                    );
                    execute!(
                        tx,
                        "UPDATE messages SET status = 'queued', not_before = $1, lease_until = NULL,
                            sending_at = NULL, attempts = attempts - 1
                         WHERE id = $2",
                        waits_until,
                        row.id
                    )
                    .map_err(unavailable)?;
                    continue;
                }
                execute!(
                    tx,
                    "UPDATE messages SET number_hash = $1 WHERE id = $2",
                    number,
                    row.id
                )
                .map_err(unavailable)?;
            }
            claimed.push(Claimed {
                id: row.id,
                kind,
                phone,
                params: row.params,
                text: row.text,
                attempts: row.attempts,
                created_at: parse_time(&row.created_at),
            });
        }
        tx.commit().await?;
        Ok(claimed)
    }

    /// The number a message goes to: the duty number itself, or the applicant's, opened from
    /// the application's sealed column (None when they stopped texts since).
    async fn phone_of(
        &self,
        tx: &mut Tx,
        application_id: i64,
        recipient: &Recipient,
    ) -> Result<Option<String>, BackendError> {
        match recipient {
            Recipient::Duty(phone) => Ok(Some(phone.clone())),
            Recipient::Applicant => {
                let stored: Option<String> = scalar!(
                    tx,
                    fetch_one,
                    "SELECT sms_phone FROM applications WHERE id = $1",
                    application_id
                )
                .map_err(unavailable)?;
                stored
                    .map(|sealed_phone| {
                        self.keys()?
                            .open(sealed::APPLICATION_SMS_PHONE, &sealed_phone)
                            .map_err(|_| {
                                unreadable("a sealed phone of application", &application_id.to_string())
                            })
                    })
                    .transpose()
            }
        }
    }

    /// Claims up to `limit` texts whose receipt is due to be asked for at `now`, each for
    /// `lease` (as texts are claimed for sending, so that two senders never ask twice).
    pub async fn claim_receipts(
        &self,
        now: DateTime<Utc>,
        lease: Duration,
        limit: i64,
    ) -> Result<Vec<ReceiptDue>, BackendError> {
        struct Row {
            id: i64,
            application_id: i64,
            recipient: String,
            provider_id: String,
            sent_at: String,
        }
        let (at, until) = (fixed_instant(now), fixed_instant(now + lease));
        let mut tx = self.begin().await?;
        let rows: Vec<Row> = per_engine!(tx, c =>
            sqlite: sqlx::query_as!(
                Row,
                r#"UPDATE messages SET receipt_at = $1
                 WHERE id IN (SELECT id FROM messages WHERE receipt_at <= $2 AND status = 'sent'
                              ORDER BY receipt_at LIMIT $3)
                 RETURNING id AS "id!", application_id, recipient, provider_id AS "provider_id!",
                    sent_at AS "sent_at!" -- SQLite"#,
                until,
                at,
                limit
            )
            .fetch_all(c)
            .await,
            postgres: sqlx::query_as!(
                Row,
                r#"UPDATE messages SET receipt_at = $1
                 WHERE id IN (SELECT id FROM messages WHERE receipt_at <= $2 AND status = 'sent'
                              ORDER BY receipt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
                 RETURNING id, application_id, recipient, provider_id AS "provider_id!",
                    sent_at AS "sent_at!""#,
                until,
                at,
                limit
            )
            .fetch_all(c)
            .await,
        )
        .map_err(unavailable)?;
        let mut due = Vec::with_capacity(rows.len());
        for row in rows {
            let recipient = Recipient::parse(&row.recipient)
                .ok_or_else(|| unreadable("a message's recipient", &row.recipient))?;
            match self.phone_of(&mut tx, row.application_id, &recipient).await? {
                Some(phone) => due.push(ReceiptDue {
                    id: row.id,
                    phone,
                    provider_id: row.provider_id,
                    sent_at: parse_time(&row.sent_at),
                    leased_until: now + lease,
                }),
                // The applicant stopped texts: their number is gone, and with it the question.
                None => {
                    execute!(tx, "UPDATE messages SET receipt_at = NULL WHERE id = $1", row.id)
                        .map_err(unavailable)?;
                }
            }
        }
        tx.commit().await?;
        Ok(due)
    }

    /// Records a text's receipt, if this sender's claim still holds it: delivered, failed for
    /// good, or to be asked again at `next` (None: no more). True when recorded.
    pub async fn record_receipt(
        &self,
        due: &ReceiptDue,
        answer: &ReceiptAnswer,
        now: DateTime<Utc>,
    ) -> Result<bool, BackendError> {
        let (at, held) = (fixed_instant(now), fixed_instant(due.leased_until));
        let changed = match answer {
            ReceiptAnswer::Delivered => execute!(
                self.write().await?,
                "UPDATE messages SET status = 'delivered', delivered_at = $1, receipt_at = NULL,
                    error = NULL
                 WHERE id = $2 AND status = 'sent' AND receipt_at = $3",
                at,
                due.id,
                held
            ),
            ReceiptAnswer::Failed(error) => execute!(
                self.write().await?,
                "UPDATE messages SET status = 'permanent-failure', failed_at = $1, error = $2,
                    receipt_at = NULL
                 WHERE id = $3 AND status = 'sent' AND receipt_at = $4",
                at,
                error,
                due.id,
                held
            ),
            ReceiptAnswer::AskAgain { at: next, error } => {
                let next = next.map(fixed_instant);
                let error = error.as_deref();
                execute!(
                    self.write().await?,
                    "UPDATE messages SET receipt_at = $1, error = $2
                     WHERE id = $3 AND status = 'sent' AND receipt_at = $4",
                    next,
                    error,
                    due.id,
                    held
                )
            }
        }
        .map_err(unavailable)?;
        Ok(changed == 1)
    }

    /// When one more text may go to the number whose keyed hash is `number` (see
    /// `NumberLimits::next_free`): the texts it was sent, or is being sent, in the last day
    /// count. On PostgreSQL the claims of one number take turns (a lock held to the end of the
    /// claim's transaction), so that two senders never both see room for one text.
    async fn number_free_at(
        &self,
        tx: &mut Tx,
        number: &str,
        id: i64,
        now: DateTime<Utc>,
        limits: NumberLimits,
    ) -> Result<DateTime<Utc>, BackendError> {
        per_engine!(tx, c =>
            // SQLite's one writer claims one batch at a time already.
            sqlite: {
                let _ = c;
                Ok::<(), sqlx::Error>(())
            },
            postgres: sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .bind(number)
                .execute(&mut *c)
                .await
                .map(|_| ()),
        )
        .map_err(unavailable)?;
        let since = fixed_instant(now - NumberLimits::LOOKBACK);
        let sent: Vec<String> = scalar!(
            tx,
            fetch_all,
            r#"SELECT sending_at AS "sending_at!" FROM messages
             WHERE number_hash = $1 AND id <> $2 AND sending_at > $3
               AND status IN ('sending', 'sent', 'delivered')"#,
            number,
            id,
            since
        )
        .map_err(unavailable)?;
        let sent: Vec<DateTime<Utc>> = sent.iter().map(|at| parse_time(at)).collect();
        Ok(limits.next_free(&sent, now))
    }

    /// Records what became of a claimed message. Only the sender whose lease still holds it
    /// records (a sender slower than its lease, whose message another claimed meanwhile,
    /// changes nothing): true when recorded.
    pub async fn record_attempt(
        &self,
        id: i64,
        leased_at: DateTime<Utc>,
        attempt: &Attempt,
        now: DateTime<Utc>,
    ) -> Result<bool, BackendError> {
        let (at, leased_at) = (fixed_instant(now), fixed_instant(leased_at));
        let changed = match attempt {
            Attempt::Sent { provider_id } => {
                // Its receipt is asked for shortly (if the provider gave an id to ask by).
                let receipt_at = provider_id
                    .as_ref()
                    .map(|_| fixed_instant(now + FIRST_RECEIPT_LOOK));
                let provider_id = provider_id.as_deref();
                execute!(
                    self.write().await?,
                    "UPDATE messages SET status = 'sent', sent_at = $1, provider_id = $2, lease_until = NULL,
                    error = NULL, receipt_at = $3
                 WHERE id = $4 AND status = 'sending' AND sending_at = $5",
                    at,
                    provider_id,
                    receipt_at,
                    id,
                    leased_at
                )
            }
            Attempt::TemporaryFailure { error, retry_at } => {
                let retry_at = fixed_instant(*retry_at);
                execute!(
                    self.write().await?,
                    "UPDATE messages SET status = 'temporary-failure', failed_at = $1, error = $2,
                        not_before = $3, lease_until = NULL
                     WHERE id = $4 AND status = 'sending' AND sending_at = $5",
                    at,
                    error,
                    retry_at,
                    id,
                    leased_at
                )
            }
            Attempt::PermanentFailure { error } => execute!(
                self.write().await?,
                "UPDATE messages SET status = 'permanent-failure', failed_at = $1, error = $2,
                    lease_until = NULL
                 WHERE id = $3 AND status = 'sending' AND sending_at = $4",
                at,
                error,
                id,
                leased_at
            ),
            Attempt::PageOnly => execute!(
                self.write().await?,
                "UPDATE messages SET channel = 'page', status = 'delivered', delivered_at = $1,
                    lease_until = NULL, error = 'the applicant stopped texts'
                 WHERE id = $2 AND status = 'sending' AND sending_at = $3",
                at,
                id,
                leased_at
            ),
        }
        .map_err(unavailable)?;
        Ok(changed == 1)
    }

    /// Texts waiting to go (queued, or failed for now and to be tried again): the backlog the
    /// sender reports while the provider is unreachable.
    pub async fn message_backlog(&self) -> Result<i64, BackendError> {
        scalar!(
            self.read().await?,
            fetch_one,
            r#"SELECT count(*) AS "count!" FROM messages
             WHERE channel = 'sms' AND status IN ('queued', 'sending', 'temporary-failure')"#
        )
        .map_err(unavailable)
    }

    /// The provider's template code of each kind of message (a managed setting).
    pub async fn template_codes(&self) -> Result<Vec<(MessageKind, String)>, BackendError> {
        struct Row {
            kind: String,
            code: String,
        }
        let rows = fetch!(
            self.read().await?,
            fetch_all,
            Row,
            r#"SELECT kind AS "kind!", code FROM sms_templates ORDER BY kind"#
        )
        .map_err(unavailable)?;
        Ok(rows
            .into_iter()
            .filter_map(|r| Some((MessageKind::parse(&r.kind)?, r.code)))
            .collect())
    }

    /// Sets the provider's template code of a kind of message (`server demo`; administrators
    /// change one with four eyes, `approve_template_code`).
    pub async fn set_template_code(
        &self,
        kind: MessageKind,
        code: &str,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<(), BackendError> {
        let mut tx = self.begin().await?;
        write_template_code(&mut tx, kind, code, by, now).await?;
        tx.commit().await
    }

    /// Approves the proposal `id` of a template code by staff member `by` (never its proposer:
    /// the caller checks, and the database refuses it too), and sets the code, in one
    /// transaction; false when the proposal was decided already.
    pub async fn approve_template_code(
        &self,
        id: i64,
        kind: MessageKind,
        code: &str,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, BackendError> {
        let at = now.to_rfc3339();
        let mut tx = self.begin().await?;
        let approved = execute!(
            tx,
            "UPDATE parameter_proposals SET decision = 'approved', decided_by = $1, decided_at = $2
             WHERE id = $3 AND decision IS NULL",
            by,
            at,
            id
        )
        .map_err(unavailable)?;
        if approved == 0 {
            return Ok(false);
        }
        let username: String =
            scalar!(tx, fetch_one, "SELECT username FROM staff WHERE id = $1", by).map_err(unavailable)?;
        write_template_code(&mut tx, kind, code, &username, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Messages in `status`, newest first (for operators).
    pub async fn messages_in(&self, status: MessageStatus, limit: i64) -> Result<Vec<Listed>, BackendError> {
        let status = status.word();
        fetch!(
            self.read().await?,
            fetch_all,
            Listed,
            r#"SELECT m.id AS "id!", a.reference, m.kind, m.recipient, m.status, m.attempts AS "attempts!",
                m.created_at, m.error
             FROM messages m JOIN applications a ON a.id = m.application_id
             WHERE m.status = $1 ORDER BY m.id DESC LIMIT $2"#,
            status,
            limit
        )
        .map_err(unavailable)
    }

    /// Document requests due soon with something still missing
    /// (app::domain::document_request::reminder_due): each reminds the applicant once per
    /// deadline (the key holds the date, so a request asked again with a new deadline reminds
    /// again), by SMS when they agreed, else on the tracking page. How many were written.
    pub async fn remind_documents_due(
        &self,
        now: DateTime<Utc>,
        days: &WorkingDays,
    ) -> Result<usize, BackendError> {
        struct Waiting {
            id: i64,
            documents_due_on: Option<String>,
        }
        let today = app::domain::clock::date_in_chongqing(now);
        let waiting = fetch!(
            self.read().await?,
            fetch_all,
            Waiting,
            r#"SELECT a.id AS "id!", q.documents_due_on
             FROM applications a JOIN queue_entries q ON q.application_id = a.id
             WHERE a.status = 'waiting_for_documents' AND q.documents_due_on IS NOT NULL"#
        )
        .map_err(unavailable)?;
        let mut conn = self.write().await?;
        let mut written = 0;
        for w in waiting {
            let Some(due) = w.documents_due_on.and_then(|d| d.parse::<NaiveDate>().ok()) else {
                continue;
            };
            if !reminder_due(due, today, days) {
                continue;
            }
            let open = document_requests::open_items(conn.exec(), w.id).await?;
            let missing: Vec<_> = missing(&open).collect();
            if missing.is_empty() {
                continue;
            }
            let kinds: Vec<&str> = missing.iter().filter_map(|i| i.kind.map(|k| k.word())).collect();
            let mut detail = serde_json::json!({ "kinds": kinds, "due_on": due.to_string() });
            if let Some(what) = missing.iter().find_map(|i| i.what.as_deref()) {
                detail["what"] = what.into();
            }
            let facts = case_facts(conn.exec(), w.id, self.sms, |_| false).await?;
            let once_key = format!("documents_reminder:{}:{due}", w.id);
            let message = documents_reminder(&facts, &detail, now);
            written += write_message(conn.exec(), w.id, None, &once_key, &message, now).await?;
        }
        Ok(usize::try_from(written).unwrap_or(usize::MAX))
    }

    /// Emergencies still not accepted when half of their time to accept has passed: each
    /// alerts 区民政局's duty numbers once (a unique key per case and number, so that several
    /// processes doing this write each alert once). How many alerts were written; none
    /// without an SMS provider.
    pub async fn escalate_waiting_emergencies(&self, now: DateTime<Utc>) -> Result<usize, BackendError> {
        if !self.sms {
            return Ok(0);
        }
        struct Waiting {
            id: i64,
            reference: String,
            town: String,
            submitted_at: String,
            due_on: String,
        }
        let waiting = fetch!(
            self.read().await?,
            fetch_all,
            Waiting,
            r#"SELECT a.id AS "id!", a.reference, a.town, a.submitted_at, q.due_on
             FROM applications a JOIN queue_entries q ON q.application_id = a.id
             WHERE a.aid_type = 'emergency' AND a.status = 'submitted'
               AND NOT EXISTS (SELECT 1 FROM messages m
                               WHERE m.application_id = a.id AND m.kind = 'duty_escalation')"#
        )
        .map_err(unavailable)?;
        let late: Vec<(Waiting, NaiveDate)> = waiting
            .into_iter()
            .filter_map(|w| {
                let due_on = w.due_on.parse::<NaiveDate>().ok()?;
                let late = half_of_time_to_accept_passed(parse_time(&w.submitted_at), due_on, now);
                late.then_some((w, due_on))
            })
            .collect();
        if late.is_empty() {
            return Ok(0);
        }
        let phones = self.duty_phones(BUREAU).await?;
        let mut conn = self.write().await?;
        let mut written = 0;
        for (w, due_on) in late {
            let facts = CaseFacts {
                reference: w.reference,
                aid_type: AidType::Emergency,
                town: w.town,
                locale: Locale::Zh,
                due_on,
                sms_consent: false,
                sms_enabled: true,
                duty_phones: Vec::new(),
            };
            for message in escalation(&facts, &phones, now) {
                let once_key = format!("escalation:{}:{}", w.id, message.recipient.word());
                written += write_message(conn.exec(), w.id, None, &once_key, &message, now).await?;
            }
        }
        Ok(usize::try_from(written).unwrap_or(usize::MAX))
    }

    /// Puts a failed message back in the queue, to go at once; false when there is no failed
    /// message with this id.
    pub async fn retry_message(&self, id: i64, now: DateTime<Utc>) -> Result<bool, BackendError> {
        let at = fixed_instant(now);
        let changed = execute!(
            self.write().await?,
            "UPDATE messages SET status = 'queued', not_before = $1, error = NULL
             WHERE id = $2 AND channel = 'sms' AND status IN ('temporary-failure', 'permanent-failure')",
            at,
            id
        )
        .map_err(unavailable)?;
        Ok(changed == 1)
    }
}

/// Sets a kind's template code, with its row of the admin log, in the caller's transaction.
async fn write_template_code(
    tx: &mut Tx,
    kind: MessageKind,
    code: &str,
    by: &str,
    now: DateTime<Utc>,
) -> Result<(), BackendError> {
    let (kind, at) = (kind.word(), now.to_rfc3339());
    execute!(
        tx,
        "INSERT INTO sms_templates (kind, code, set_by, set_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (kind) DO UPDATE SET code = excluded.code, set_by = excluded.set_by,
            set_at = excluded.set_at",
        kind,
        code,
        by,
        at
    )
    .map_err(unavailable)?;
    let detail = serde_json::json!({ "kind": kind, "code": code });
    super::towns::admin_log(tx, by, "sms_template", &detail, now).await
}
