//! The one place an event is written: a case's timeline and audit row, and in the same
//! transaction the messages it speaks (app::domain::messages decides which). Every change of a
//! case (the submission, a staff action, a withdrawal, an upload, an assignment) records its
//! event here, so no kind of event can be written without its message decision, and a message
//! is kept exactly when its event is.

use super::common::{fixed_instant, unavailable, unreadable};
use super::engine::{Exec, execute, fetch, scalar};
use super::error::BackendError;
use app::domain::AidType;
use app::domain::messages::{CaseFacts, Channel, Outgoing, for_event};
use app::domain::review::CaseEvent;
use app::i18n::Locale;
use chrono::{DateTime, NaiveDate, Utc};

/// An event to append to a case.
pub(super) struct NewEvent<'a> {
    pub application_id: i64,
    pub at: DateTime<Utc>,
    /// 'applicant', 'system', or a staff account's username.
    pub actor: &'a str,
    pub kind: CaseEvent,
    /// What changed, as JSON (amounts in fen, the reason, what was asked for).
    pub detail: serde_json::Value,
}

/// What the event's messages read of the case.
struct FactsRow {
    reference: String,
    aid_type: String,
    town: String,
    locale: String,
    sms_phone: Option<String>,
    due_on: String,
}

/// Writes `event` and its messages; the event's id. `sms_enabled`: this portal has an SMS
/// provider (without one the tracking page is the only channel). Runs inside the caller's
/// transaction: the change, the event and its messages commit together or not at all.
pub(super) async fn record(
    mut on: Exec<'_>,
    event: NewEvent<'_>,
    sms_enabled: bool,
) -> Result<i64, BackendError> {
    let at = event.at.to_rfc3339();
    let (kind, detail) = (event.kind.word(), event.detail.to_string());
    let event_id: i64 = scalar!(
        on,
        fetch_one,
        r#"INSERT INTO events (application_id, at, actor, kind, detail) VALUES ($1, $2, $3, $4, $5)
         RETURNING id AS "id!""#,
        event.application_id,
        at,
        event.actor,
        kind,
        detail
    )
    .map_err(unavailable)?;

    let alerts = |aid_type| sms_enabled && app::domain::messages::alerts_duty_phone(event.kind, aid_type);
    let facts = case_facts(on.exec(), event.application_id, sms_enabled, alerts).await?;
    for message in for_event(event.kind, &event.detail, &facts, event.at) {
        let once_key = format!("event:{event_id}:{}", message.recipient.word());
        write_message(
            on.exec(),
            event.application_id,
            Some(event_id),
            &once_key,
            &message,
            event.at,
        )
        .await?;
    }
    Ok(event_id)
}

/// What a case's messages are made of (domain::messages::CaseFacts), read in the caller's
/// transaction; the town's duty numbers only when `alerts(aid_type)` says they are alerted.
pub(super) async fn case_facts(
    mut on: Exec<'_>,
    application_id: i64,
    sms_enabled: bool,
    alerts: impl FnOnce(AidType) -> bool,
) -> Result<CaseFacts, BackendError> {
    let row = fetch!(
        on,
        fetch_one,
        FactsRow,
        "SELECT a.reference, a.aid_type, a.town, a.locale, a.sms_phone, q.due_on
         FROM applications a JOIN queue_entries q ON q.application_id = a.id
         WHERE a.id = $1",
        application_id
    )
    .map_err(unavailable)?;
    let aid_type = AidType::parse(&row.aid_type).ok_or(BackendError::Unavailable)?;
    let duty_phones = if alerts(aid_type) {
        scalar!(
            on,
            fetch_all,
            "SELECT phone FROM duty_phones WHERE office = $1 ORDER BY phone",
            row.town
        )
        .map_err(unavailable)?
    } else {
        Vec::new()
    };
    Ok(CaseFacts {
        reference: row.reference,
        aid_type,
        town: row.town,
        locale: Locale::from_code(&row.locale),
        due_on: row
            .due_on
            .parse::<NaiveDate>()
            .map_err(|_| unreadable("a due date", &row.due_on))?,
        sms_consent: row.sms_phone.is_some(),
        sms_enabled,
        duty_phones,
    })
}

/// Writes one message to the outbox, unless one with `once_key` is there already (a retried
/// request, another process): how many rows were written, 0 or 1. A message for the page alone
/// is where its reader finds it as soon as it is written; a text is queued.
pub(super) async fn write_message(
    mut on: Exec<'_>,
    application_id: i64,
    event_id: Option<i64>,
    once_key: &str,
    message: &Outgoing,
    now: DateTime<Utc>,
) -> Result<u64, BackendError> {
    let at = now.to_rfc3339();
    let params = serde_json::json!(message.params).to_string();
    let not_before = fixed_instant(message.not_before);
    let (kind, recipient, channel) = (
        message.kind.word(),
        message.recipient.word(),
        message.channel.word(),
    );
    let (status, delivered_at) = match message.channel {
        Channel::Sms => ("queued", None),
        Channel::Page => ("delivered", Some(at.as_str())),
    };
    execute!(
        on,
        "INSERT INTO messages (application_id, event_id, once_key, kind, recipient, channel, params,
            text, status, created_at, not_before, delivered_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (once_key) DO NOTHING",
        application_id,
        event_id,
        once_key,
        kind,
        recipient,
        channel,
        params,
        message.text,
        status,
        at,
        not_before,
        delivered_at
    )
    .map_err(unavailable)
}
