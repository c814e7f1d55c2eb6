//! What the portal tells people, and when (docs/messages.md): the applicant hears of every
//! step of their case they wait for or must act on, and a town's duty phone of every emergency.
//!
//! Every event a case records passes through [`for_event`], whose match names every
//! [`CaseEvent`]: a new kind of event does not compile until someone decides whether it
//! speaks. The storage writes the messages it returns in the same transaction as the event
//! (server/src/db/events.rs), so a status change and its messages are kept or lost together.

use super::AidType;
use super::document::DocumentKind;
pub use super::message_kind::{Channel, MessageKind, MessageStatus, Params};
use super::review::CaseEvent;
use crate::i18n::{Locale, messages as texts};
use crate::rules::Money;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, Timelike, Utc};
use serde::{Deserialize, Serialize};

/// Who a message is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Recipient {
    /// The applicant (or whoever applied for them), at the number the application gave.
    Applicant,
    /// One of the town's duty numbers.
    Duty(String),
}

impl Recipient {
    /// The stored form: `applicant`, or `duty:` and the number (an office's phone, not a
    /// resident's).
    pub fn word(&self) -> String {
        match self {
            Recipient::Applicant => "applicant".into(),
            Recipient::Duty(phone) => format!("duty:{phone}"),
        }
    }

    pub fn parse(word: &str) -> Option<Recipient> {
        match word {
            "applicant" => Some(Recipient::Applicant),
            _ => word.strip_prefix("duty:").map(|p| Recipient::Duty(p.to_string())),
        }
    }
}

/// What the messages of an event are made of, read with the event in its transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseFacts {
    pub reference: String,
    pub aid_type: AidType,
    pub town: String,
    /// The language the applicant applied in.
    pub locale: Locale,
    /// The date the town should act by next (the queue's due date): for a new emergency, the
    /// deadline to accept it.
    pub due_on: NaiveDate,
    /// The applicant agreed to SMS at the number they gave.
    pub sms_consent: bool,
    /// This portal sends SMS (a provider is configured); without one the tracking page is the
    /// only channel.
    pub sms_enabled: bool,
    /// The town's duty numbers.
    pub duty_phones: Vec<String>,
}

/// One message to write beside its event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    pub kind: MessageKind,
    pub recipient: Recipient,
    pub channel: Channel,
    pub params: Params,
    /// The text as the reader gets it (the template filled in their language).
    pub text: String,
    /// Not sent before this instant: the end of the quiet hours, or now.
    pub not_before: DateTime<Utc>,
}

/// What the applicant hears of an event: the kinds the issue lists (submitted, accepted,
/// documents requested, advance paid, approved, refused, paid, withdrawn), nothing of the
/// town's internal steps.
pub fn applicant_message(event: CaseEvent) -> Option<MessageKind> {
    match event {
        CaseEvent::Submitted => Some(MessageKind::Submitted),
        CaseEvent::Withdrawn => Some(MessageKind::Withdrawn),
        // The applicant's own upload: the page that took it already said so.
        CaseEvent::DocumentAdded => None,
        CaseEvent::Accepted => Some(MessageKind::Accepted),
        // Steps inside the town's review: the applicant has nothing to do or wait for anew,
        // and the tracking page's timeline shows them.
        CaseEvent::InvestigationStarted
        | CaseEvent::InvestigationResumed
        | CaseEvent::Recommended
        | CaseEvent::Forwarded => None,
        CaseEvent::DocumentsRequested => Some(MessageKind::DocumentsRequested),
        CaseEvent::AdvancePaid => Some(MessageKind::AdvancePaid),
        CaseEvent::Approved => Some(MessageKind::Approved),
        CaseEvent::Rejected => Some(MessageKind::Rejected),
        CaseEvent::Paid => Some(MessageKind::Paid),
        // Who works on the case is the town's business; a call recorded was the message; an
        // item marked satisfied is shown on the tracking page (and, if it was the last, the
        // case simply goes on).
        CaseEvent::Assigned | CaseEvent::ApplicantContacted | CaseEvent::RequestItemSatisfied => None,
    }
}

/// Whether an event alerts the town's duty phone: a new emergency application, at any hour.
pub fn alerts_duty_phone(event: CaseEvent, aid_type: AidType) -> bool {
    match event {
        CaseEvent::Submitted => aid_type == AidType::Emergency,
        CaseEvent::Withdrawn
        | CaseEvent::DocumentAdded
        | CaseEvent::Accepted
        | CaseEvent::InvestigationStarted
        | CaseEvent::DocumentsRequested
        | CaseEvent::InvestigationResumed
        | CaseEvent::AdvancePaid
        | CaseEvent::Recommended
        | CaseEvent::Forwarded
        | CaseEvent::Approved
        | CaseEvent::Rejected
        | CaseEvent::Paid
        | CaseEvent::Assigned
        | CaseEvent::ApplicantContacted
        | CaseEvent::RequestItemSatisfied => false,
    }
}

impl MessageKind {
    /// Whether the quiet hours (21:00–08:00 in Chongqing) hold it until the morning: messages
    /// about staff actions, not a decision, not what answers the applicant's own act, not an
    /// alert to a duty phone.
    pub fn waits_for_the_morning(self) -> bool {
        match self {
            MessageKind::Accepted
            | MessageKind::DocumentsRequested
            | MessageKind::DocumentsReminder
            | MessageKind::AdvancePaid
            | MessageKind::Paid => true,
            MessageKind::Submitted
            | MessageKind::Withdrawn
            | MessageKind::Approved
            | MessageKind::Rejected
            | MessageKind::DutyAlert
            | MessageKind::DutyEscalation => false,
        }
    }
}

/// The district's clock: UTC+8 all year.
fn chongqing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

const QUIET_FROM: u32 = 21;
const QUIET_UNTIL: u32 = 8;

/// The first instant at or after `now` outside the quiet hours.
pub fn after_quiet_hours(now: DateTime<Utc>) -> DateTime<Utc> {
    let local = now.with_timezone(&chongqing());
    let hour = local.hour();
    let morning = |day: NaiveDate| {
        let at = day.and_time(NaiveTime::from_hms_opt(QUIET_UNTIL, 0, 0).unwrap_or_default());
        DateTime::<Utc>::from_naive_utc_and_offset(at - Duration::hours(8), Utc)
    };
    if hour >= QUIET_FROM {
        morning(local.date_naive() + Duration::days(1))
    } else if hour < QUIET_UNTIL {
        morning(local.date_naive())
    } else {
        now
    }
}

fn amount(detail: &serde_json::Value, key: &str) -> Option<String> {
    detail[key].as_i64().map(|fen| Money::from_fen(fen).to_string())
}

/// The template's values for a kind of message, in the reader's language.
fn params(kind: MessageKind, detail: &serde_json::Value, facts: &CaseFacts, locale: Locale) -> Params {
    let mut params = Params {
        reference: facts.reference.clone(),
        ..Params::default()
    };
    match kind {
        MessageKind::Submitted | MessageKind::DutyAlert | MessageKind::DutyEscalation => {
            params.date = Some(
                facts
                    .due_on
                    .format(locale.pick("%-m月%-d日", "%-d %B"))
                    .to_string(),
            );
            if kind != MessageKind::Submitted {
                params.town = Some(facts.town.clone());
            }
        }
        MessageKind::DocumentsRequested | MessageKind::DocumentsReminder => {
            // The kinds of paper named, then the start of what the town wrote; and by when.
            let mut what: Vec<String> = detail["kinds"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|k| k.as_str().and_then(DocumentKind::parse))
                .map(|k| k.name(locale).to_string())
                .collect();
            if let Some(words) = detail["what"].as_str() {
                what.push(texts::shortened(words));
            }
            params.what = Some(what.join(locale.pick("、", ", ")));
            params.date = detail["due_on"]
                .as_str()
                .and_then(|d| d.parse::<NaiveDate>().ok())
                .map(|d| d.format(locale.pick("%-m月%-d日", "%-d %B")).to_string());
        }
        MessageKind::AdvancePaid | MessageKind::Approved => params.amount = amount(detail, "amount_fen"),
        MessageKind::Paid => params.amount = amount(detail, "balance_fen").or(amount(detail, "amount_fen")),
        MessageKind::Accepted | MessageKind::Rejected | MessageKind::Withdrawn => {}
    }
    params
}

/// The messages an event writes, at `now`.
pub fn for_event(
    event: CaseEvent,
    detail: &serde_json::Value,
    facts: &CaseFacts,
    now: DateTime<Utc>,
) -> Vec<Outgoing> {
    let mut out = Vec::new();
    if let Some(kind) = applicant_message(event) {
        let params = params(kind, detail, facts, facts.locale);
        let sms = facts.sms_consent && facts.sms_enabled;
        out.push(Outgoing {
            kind,
            recipient: Recipient::Applicant,
            channel: if sms { Channel::Sms } else { Channel::Page },
            text: texts::text(kind, &params, facts.locale),
            params,
            not_before: if sms && kind.waits_for_the_morning() {
                after_quiet_hours(now)
            } else {
                now
            },
        });
    }
    if facts.sms_enabled && alerts_duty_phone(event, facts.aid_type) {
        let kind = MessageKind::DutyAlert;
        let params = params(kind, detail, facts, Locale::Zh);
        for phone in &facts.duty_phones {
            out.push(Outgoing {
                kind,
                recipient: Recipient::Duty(phone.clone()),
                channel: Channel::Sms,
                text: texts::text(kind, &params, Locale::Zh),
                params: params.clone(),
                not_before: now,
            });
        }
    }
    out
}

/// Whether half of an emergency's time to accept has passed at `now`: from its submission to
/// the end of its deadline's day in Chongqing.
pub fn half_of_time_to_accept_passed(
    submitted_at: DateTime<Utc>,
    due_on: NaiveDate,
    now: DateTime<Utc>,
) -> bool {
    let end = super::clock::start_of_day(due_on + Duration::days(1));
    now >= submitted_at + (end - submitted_at) / 2
}

/// The alerts to 区民政局's duty numbers about an emergency its town has not accepted half-way
/// to the deadline: the reference, the town and the deadline, at any hour.
pub fn escalation(facts: &CaseFacts, bureau_phones: &[String], now: DateTime<Utc>) -> Vec<Outgoing> {
    let kind = MessageKind::DutyEscalation;
    let params = params(kind, &serde_json::Value::Null, facts, Locale::Zh);
    let text = texts::text(kind, &params, Locale::Zh);
    bureau_phones
        .iter()
        .map(|phone| Outgoing {
            kind,
            recipient: Recipient::Duty(phone.clone()),
            channel: Channel::Sms,
            params: params.clone(),
            text: text.clone(),
            not_before: now,
        })
        .collect()
}

/// The applicant's reminder of a document request due soon with items still missing
/// (domain::document_request::reminder_due): `missing` is a request's detail (`kinds`, `what`,
/// `due_on`) of what is still missing. By SMS when they agreed to it, else on the tracking page;
/// held through the quiet hours like the request itself.
pub fn documents_reminder(facts: &CaseFacts, missing: &serde_json::Value, now: DateTime<Utc>) -> Outgoing {
    let kind = MessageKind::DocumentsReminder;
    let params = params(kind, missing, facts, facts.locale);
    let sms = facts.sms_consent && facts.sms_enabled;
    Outgoing {
        kind,
        recipient: Recipient::Applicant,
        channel: if sms { Channel::Sms } else { Channel::Page },
        text: texts::text(kind, &params, facts.locale),
        params,
        not_before: if sms { after_quiet_hours(now) } else { now },
    }
}

/// The most texts one applicant's number gets in a minute, an hour and a day (the parameters
/// `sms.per_number_*`, in force on the day): below the providers' own limits, so that a busy
/// case never gets its number blocked, and a resident is never flooded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberLimits {
    pub per_minute: i64,
    pub per_hour: i64,
    pub per_day: i64,
}

impl NumberLimits {
    /// How far back the texts to a number are counted: the longest window.
    pub const LOOKBACK: Duration = Duration::days(1);

    pub fn in_force(values: &crate::rules::InForce) -> NumberLimits {
        NumberLimits {
            per_minute: values.sms_per_number_per_minute,
            per_hour: values.sms_per_number_per_hour,
            per_day: values.sms_per_number_per_day,
        }
    }

    /// When one more text may go to a number that was sent texts at `sent` (any order): `now`
    /// when every window has room, else the first instant at which all of them have. A limit
    /// below 1 is read as 1: a parameter set to 0 must not silence a resident for ever.
    pub fn next_free(&self, sent: &[DateTime<Utc>], now: DateTime<Utc>) -> DateTime<Utc> {
        let mut newest_first: Vec<DateTime<Utc>> = sent.to_vec();
        newest_first.sort_unstable_by(|a, b| b.cmp(a));
        let windows = [
            (Duration::minutes(1), self.per_minute),
            (Duration::hours(1), self.per_hour),
            (Self::LOOKBACK, self.per_day),
        ];
        let mut free = now;
        for (window, limit) in windows {
            let limit = usize::try_from(limit.max(1)).unwrap_or(usize::MAX);
            let within = newest_first.iter().filter(|at| **at > now - window).count();
            if within >= limit {
                // The window has room again once its limit-th newest text has left it.
                free = free.max(newest_first[limit - 1] + window);
            }
        }
        free
    }
}

/// How long after sending a text its receipt is asked for: the carriers report within
/// minutes, at worst within a day (a phone switched off); after that it stays `sent`.
pub const RECEIPT_WINDOW: Duration = Duration::hours(24);

/// When to ask for a text's receipt next, `now` having had none (or no answer): every minute
/// in its first hour, every ten minutes to the end of its day, then no more.
pub fn next_receipt_look(sent_at: DateTime<Utc>, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let age = now - sent_at;
    if age < Duration::hours(1) {
        Some(now + Duration::minutes(1))
    } else if age < RECEIPT_WINDOW {
        Some(now + Duration::minutes(10))
    } else {
        None
    }
}

/// The first look for a text's receipt: carriers answer within seconds for most texts.
pub const FIRST_RECEIPT_LOOK: Duration = Duration::seconds(10);

/// A text to the applicant as the "联系申请人" rule reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextToApplicant {
    pub kind: MessageKind,
    pub status: MessageStatus,
    /// When it was written.
    pub at: DateTime<Utc>,
}

/// Why the town should phone the applicant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactReason {
    /// A text to them failed for good (an invalid number, undeliverable, given up).
    Failed(MessageKind),
    /// A document request or a decision still not delivered a day after it was written.
    Undelivered(MessageKind),
}

/// How long a document request or a decision may go undelivered before the town phones.
pub const UNDELIVERED_AFTER: Duration = Duration::hours(24);

impl MessageKind {
    /// Whether the applicant must learn of it, by a call if the text does not reach them: what
    /// they must act on (a request for documents) or what settles their case (a decision).
    pub fn must_reach_the_applicant(self) -> bool {
        match self {
            MessageKind::DocumentsRequested | MessageKind::Approved | MessageKind::Rejected => true,
            MessageKind::Submitted
            | MessageKind::Accepted
            | MessageKind::AdvancePaid
            | MessageKind::Paid
            | MessageKind::Withdrawn
            | MessageKind::DocumentsReminder
            | MessageKind::DutyAlert
            | MessageKind::DutyEscalation => false,
        }
    }
}

/// Whether the town should phone the applicant now, and why (issue 23, item 7): a text to them
/// written since the last call recorded (`last_call`) failed for good, or one that must reach
/// them is still not delivered a day after it was written. `texts` are the SMS to the
/// applicant; a message shown on the page only never asks for a call.
pub fn contact_needed(
    texts: &[TextToApplicant],
    last_call: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<ContactReason> {
    texts
        .iter()
        .filter(|t| last_call.is_none_or(|call| t.at > call))
        .find_map(|t| match t.status {
            MessageStatus::PermanentFailure => Some(ContactReason::Failed(t.kind)),
            MessageStatus::Delivered => None,
            MessageStatus::Queued
            | MessageStatus::Sending
            | MessageStatus::Sent
            | MessageStatus::TemporaryFailure => (t.kind.must_reach_the_applicant()
                && now - t.at >= UNDELIVERED_AFTER)
                .then_some(ContactReason::Undelivered(t.kind)),
        })
}

/// A message as the applicant (and the family page) reads it on the tracking page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SentMessage {
    pub kind: MessageKind,
    pub channel: Channel,
    pub status: MessageStatus,
    pub text: String,
    /// When it was written (and, on the page, shown).
    pub at: DateTime<Utc>,
}

/// A message as the town reads it on the case page: to whom (a duty number masked), where it
/// stands, and why it failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseMessage {
    pub kind: MessageKind,
    pub recipient: Recipient,
    pub channel: Channel,
    pub status: MessageStatus,
    pub text: String,
    /// When it was written.
    pub at: DateTime<Utc>,
    pub attempts: i64,
    /// The provider's (or the sender's) last word on a failure.
    pub error: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> CaseFacts {
        CaseFacts {
            reference: "LZ-7K4-M9Q-XRC".into(),
            aid_type: AidType::Emergency,
            town: "几江街道".into(),
            locale: Locale::Zh,
            due_on: "2026-12-08".parse().unwrap(),
            sms_consent: true,
            sms_enabled: true,
            duty_phones: vec!["13900000001".into(), "13800000002".into()],
        }
    }

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn every_event_kind_has_a_message_decision() {
        // The matches above are exhaustive, so this lists what was decided: the events the
        // issue names speak to the applicant, the town's inner steps do not.
        let speaking: Vec<&str> = CaseEvent::ALL
            .iter()
            .filter(|e| applicant_message(**e).is_some())
            .map(|e| e.word())
            .collect();
        assert_eq!(
            speaking,
            [
                "submitted",
                "withdrawn",
                "accepted",
                "documents_requested",
                "advance_paid",
                "approved",
                "rejected",
                "paid"
            ]
        );
        for kind in MessageKind::ALL {
            let made = CaseEvent::ALL.iter().any(|e| applicant_message(*e) == Some(kind));
            // Written by the senders' look once a minute, not by an event.
            let swept = matches!(
                kind,
                MessageKind::DutyAlert | MessageKind::DutyEscalation | MessageKind::DocumentsReminder
            );
            assert!(made || swept, "{kind:?} is never written");
        }
    }

    #[test]
    fn a_new_emergency_alerts_every_duty_number_and_tells_the_applicant() {
        let out = for_event(
            CaseEvent::Submitted,
            &serde_json::json!({}),
            &facts(),
            at("2026-12-07T14:00:00Z"),
        );
        let recipients: Vec<String> = out.iter().map(|m| m.recipient.word()).collect();
        assert_eq!(recipients, ["applicant", "duty:13900000001", "duty:13800000002"]);
        assert!(out[1].text.contains("LZ-7K4-M9Q-XRC") && out[1].text.contains("几江街道"));
        assert!(out[1].text.contains("12月8日"), "{}", out[1].text);
        // At 22:00 in Chongqing the confirmation and the alerts still go at once.
        assert!(out.iter().all(|m| m.not_before == at("2026-12-07T14:00:00Z")));
    }

    #[test]
    fn an_expense_application_alerts_no_duty_phone() {
        let facts = CaseFacts {
            aid_type: AidType::Expense,
            ..facts()
        };
        let out = for_event(
            CaseEvent::Submitted,
            &serde_json::json!({}),
            &facts,
            at("2026-12-07T02:00:00Z"),
        );
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn without_consent_or_provider_the_page_is_the_only_channel() {
        for facts in [
            CaseFacts {
                sms_consent: false,
                ..facts()
            },
            CaseFacts {
                sms_enabled: false,
                ..facts()
            },
        ] {
            let out = for_event(
                CaseEvent::Accepted,
                &serde_json::json!({}),
                &facts,
                at("2026-12-07T02:00:00Z"),
            );
            assert_eq!(out.len(), 1);
            assert_eq!(out[0].channel, Channel::Page);
        }
        let facts = CaseFacts {
            sms_enabled: false,
            ..facts()
        };
        let out = for_event(
            CaseEvent::Submitted,
            &serde_json::json!({}),
            &facts,
            at("2026-12-07T02:00:00Z"),
        );
        assert_eq!(out.len(), 1, "no duty alert without a provider");
    }

    #[test]
    fn staff_actions_in_the_quiet_hours_wait_until_eight_but_decisions_do_not() {
        let late = at("2026-12-07T13:30:00Z"); // 21:30 in Chongqing
        let morning = at("2026-12-08T00:00:00Z"); // 08:00 the next day
        let accepted = for_event(CaseEvent::Accepted, &serde_json::json!({}), &facts(), late);
        assert_eq!(accepted[0].not_before, morning);
        let approved = for_event(
            CaseEvent::Approved,
            &serde_json::json!({ "amount_fen": 123_400 }),
            &facts(),
            late,
        );
        assert_eq!(approved[0].not_before, late);
        assert!(approved[0].text.contains("1,234"), "{}", approved[0].text);
        let early = at("2026-12-07T22:59:00Z"); // 06:59
        assert_eq!(after_quiet_hours(early), morning);
        assert_eq!(
            after_quiet_hours(at("2026-12-08T05:00:00Z")),
            at("2026-12-08T05:00:00Z")
        );
    }

    #[test]
    fn the_bureau_hears_of_an_emergency_half_way_to_its_deadline_to_accept() {
        // Submitted at 10:00 on the 7th in Chongqing (02:00 UTC), to accept by the end of the
        // 8th (16:00 UTC on the 8th): 38 hours, half-way 19 hours on, at 21:00 UTC on the 7th.
        let submitted = at("2026-12-07T02:00:00Z");
        let due: NaiveDate = "2026-12-08".parse().unwrap();
        assert!(!half_of_time_to_accept_passed(
            submitted,
            due,
            at("2026-12-07T20:59:59Z")
        ));
        assert!(half_of_time_to_accept_passed(
            submitted,
            due,
            at("2026-12-07T21:00:00Z")
        ));
        let out = escalation(&facts(), &["13900000003".into()], at("2026-12-08T01:00:00Z"));
        assert_eq!(out.len(), 1);
        assert!(
            out[0].text.contains("LZ-7K4-M9Q-XRC") && out[0].text.contains("几江街道"),
            "{}",
            out[0].text
        );
    }

    #[test]
    fn a_number_gets_at_most_one_text_a_minute_five_an_hour_and_ten_a_day() {
        let limits = NumberLimits {
            per_minute: 1,
            per_hour: 5,
            per_day: 10,
        };
        let now = at("2026-12-07T10:00:00Z");
        let ago = |seconds: i64| now - Duration::seconds(seconds);
        assert_eq!(limits.next_free(&[], now), now);
        // One 20 s ago: the minute has room 40 s from now.
        assert_eq!(limits.next_free(&[ago(20)], now), ago(20) + Duration::minutes(1));
        assert_eq!(
            limits.next_free(&[ago(60)], now),
            now,
            "a minute ago is out of the minute"
        );
        // Five in the last hour, the oldest 50 minutes ago: room when it is an hour old.
        let hour = [ago(3000), ago(2400), ago(1800), ago(1200), ago(600)];
        assert_eq!(limits.next_free(&hour, now), ago(3000) + Duration::hours(1));
        // Ten today, every hour: room when the oldest is a day old; the other windows agree.
        let day: Vec<_> = (1..=10).map(|h| ago(h * 3600 + 5)).collect();
        assert_eq!(
            limits.next_free(&day, now),
            ago(10 * 3600 + 5) + Duration::days(1)
        );
        // A limit set to 0 is read as 1.
        let zero = NumberLimits {
            per_minute: 0,
            ..limits
        };
        assert_eq!(zero.next_free(&[], now), now);
    }

    #[test]
    fn the_town_phones_when_a_text_failed_or_a_decision_went_undelivered_for_a_day_until_it_has() {
        let now = at("2026-12-08T10:00:00Z");
        let text = |kind, status, hours_ago: i64| TextToApplicant {
            kind,
            status,
            at: now - Duration::hours(hours_ago),
        };
        let sent = MessageStatus::Sent;
        // Sent and not yet delivered: only a request or a decision, and only after a day.
        assert_eq!(
            contact_needed(&[text(MessageKind::Approved, sent, 23)], None, now),
            None
        );
        assert_eq!(
            contact_needed(&[text(MessageKind::Approved, sent, 24)], None, now),
            Some(ContactReason::Undelivered(MessageKind::Approved))
        );
        assert_eq!(
            contact_needed(&[text(MessageKind::Accepted, sent, 48)], None, now),
            None
        );
        // Failed for good: any text, at once.
        let failed = [text(MessageKind::Accepted, MessageStatus::PermanentFailure, 1)];
        assert_eq!(
            contact_needed(&failed, None, now),
            Some(ContactReason::Failed(MessageKind::Accepted))
        );
        // A call recorded after it takes it off; a text failing after the call puts it back.
        let call = Some(now - Duration::minutes(30));
        assert_eq!(contact_needed(&failed, call, now), None);
        let later = [text(MessageKind::Rejected, MessageStatus::PermanentFailure, 0)];
        assert_eq!(
            contact_needed(&later, Some(now - Duration::hours(1)), now),
            Some(ContactReason::Failed(MessageKind::Rejected))
        );
        assert_eq!(
            contact_needed(
                &[text(MessageKind::Approved, MessageStatus::Delivered, 48)],
                None,
                now
            ),
            None
        );
    }

    #[test]
    fn texts_are_short_carry_the_reference_and_no_link() {
        let detail = serde_json::json!({ "amount_fen": 2_000_000, "balance_fen": 1_000_000,
            "what": "火灾事故证明和户口簿首页、本人页的照片，请尽快提交，谢谢配合" });
        for kind in MessageKind::ALL {
            for locale in [Locale::Zh, Locale::En] {
                let facts = CaseFacts { locale, ..facts() };
                let params = params(kind, &detail, &facts, locale);
                let text = texts::text(kind, &params, locale);
                assert!(text.contains("LZ-7K4-M9Q-XRC"), "{text}");
                assert!(!text.contains("http") && !text.contains("www"), "{text}");
                // One SMS holds 70 Chinese characters with the signature (about 8 of them).
                if locale == Locale::Zh {
                    assert!(
                        text.chars().count() <= 62,
                        "{} chars: {text}",
                        text.chars().count()
                    );
                }
            }
        }
    }
}
