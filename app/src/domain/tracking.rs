//! What a resident has between the steps (a draft) and after submitting (the tracked
//! application): plain data, shared by the server and the pages.

use super::review::{CaseEvent, Status};
use super::{AidType, ApplicationAnswers, ReferenceNumber};
use crate::domain::document::DocumentKind;
use crate::domain::messages::SentMessage;
use crate::rules::FieldError;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Answers kept between the steps of the journey.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub answers: ApplicationAnswers,
    /// The field errors of the step last posted, shown when it is rendered again.
    pub errors: Vec<FieldError>,
    /// Set once the draft has been submitted: a second submit returns this.
    pub submitted_reference: Option<ReferenceNumber>,
}

/// One step of an application's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TimelineEvent {
    pub at: DateTime<Utc>,
    pub kind: CaseEvent,
    /// What the applicant may read of it: the amount, the reason, what was asked for.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub detail: serde_json::Value,
}

/// One thing the town asked for, as the applicant reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RequestedDocument {
    /// The kind of paper (`id_card`, `household_register`, `hospital_bill`, `certificate`,
    /// `other`); absent for what the town wrote in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// What the town wrote, for a request in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what: Option<String>,
    /// A document for it arrived, or the town marked it as in.
    pub received: bool,
}

impl RequestedDocument {
    /// Its name for the reader: the kind of paper, or what the town wrote.
    pub fn label(&self, locale: crate::i18n::Locale) -> String {
        match (&self.kind, &self.what) {
            (Some(kind), _) => DocumentKind::name_of_word(kind, locale),
            (None, Some(what)) => what.clone(),
            (None, None) => String::new(),
        }
    }
}

/// A document the town holds: its kind and when it arrived.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HeldDocument {
    pub kind: String,
    pub at: DateTime<Utc>,
}

/// What the applicant sees when tracking: no ID or phone number, the name masked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Tracked {
    pub reference: String,
    pub aid_type: AidType,
    pub town: String,
    pub status: Status,
    pub masked_name: String,
    pub submitted_at: DateTime<Utc>,
    pub due_on: NaiveDate,
    pub events: Vec<TimelineEvent>,
    /// While the town waits for documents: each thing it asked for, received or still
    /// missing (issue 24, item 2).
    #[serde(default)]
    pub requested: Vec<RequestedDocument>,
    /// While the town waits for documents: the day its request is due (issue 24, item 3).
    #[serde(default)]
    pub documents_due_on: Option<NaiveDate>,
    /// Every document the town holds for the application (those sent with it included), by
    /// kind, oldest first; never its content.
    #[serde(default)]
    pub documents: Vec<HeldDocument>,
    /// The applicant gets SMS about it (they agreed, and have not stopped them).
    #[serde(default)]
    pub sms: bool,
    /// What the portal told the applicant, oldest first, on whichever channel.
    #[serde(default)]
    pub messages: Vec<SentMessage>,
}

impl Tracked {
    /// What a family member may see: no reference (with it, a forwarded link would be half of
    /// the tracking secret), neither above nor inside the messages' texts.
    pub fn without_reference(mut self) -> Tracked {
        let hidden = ReferenceNumber::HIDDEN;
        for message in &mut self.messages {
            message.text = message.text.replace(&self.reference, hidden);
        }
        self.reference.clear();
        self
    }

    /// Whether the applicant may still withdraw: before the decision (RULES.md §6).
    pub fn can_withdraw(&self) -> bool {
        self.status.can_withdraw()
    }

    /// When the case reached its decided status (approved, rejected, paid or withdrawn: any
    /// after which it can no longer be withdrawn): its latest event of that status. None while
    /// it is still under review.
    pub fn decided_at(&self) -> Option<DateTime<Utc>> {
        let decided_by = match self.status {
            Status::Approved => CaseEvent::Approved,
            Status::Rejected => CaseEvent::Rejected,
            Status::Paid => CaseEvent::Paid,
            Status::Withdrawn => CaseEvent::Withdrawn,
            _ => return None,
        };
        let event = self.events.iter().rev().find(|e| e.kind == decided_by);
        // A decided case without its event cannot be dated: the earliest date there is, so
        // that its links close rather than stay open for ever.
        Some(event.map_or(self.submitted_at, |e| e.at))
    }

    /// Whether family links still show the case at `now`: until `days` days after the decision
    /// (the parameter `family_link.days_after_decision`).
    pub fn family_links_open(&self, now: DateTime<Utc>, days: i64) -> bool {
        self.decided_at()
            .is_none_or(|decided| now < decided + Duration::days(days))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn tracked(status: &str, events: &[(&str, &str)]) -> Tracked {
        Tracked {
            reference: String::new(),
            aid_type: AidType::Emergency,
            town: "白沙镇".into(),
            status: Status::parse(status).unwrap(),
            masked_name: "张*".into(),
            submitted_at: at("2026-01-01T00:00:00Z"),
            due_on: "2026-01-10".parse().unwrap(),
            events: events
                .iter()
                .map(|(kind, when)| TimelineEvent {
                    at: at(when),
                    kind: CaseEvent::parse(kind).unwrap(),
                    detail: serde_json::Value::Null,
                })
                .collect(),
            requested: Vec::new(),
            documents_due_on: None,
            documents: Vec::new(),
            sms: false,
            messages: Vec::new(),
        }
    }

    #[test]
    fn family_links_work_until_the_given_days_after_the_decision() {
        let case = tracked(
            "rejected",
            &[
                ("submitted", "2026-01-01T00:00:00Z"),
                ("rejected", "2026-02-01T08:00:00Z"),
            ],
        );
        assert!(case.family_links_open(at("2026-03-03T07:59:59Z"), 30));
        assert!(!case.family_links_open(at("2026-03-03T08:00:00Z"), 30));
    }

    #[test]
    fn family_links_work_while_the_case_is_under_review_however_old() {
        let case = tracked("waiting_for_documents", &[("submitted", "2026-01-01T00:00:00Z")]);
        assert!(case.family_links_open(at("2030-01-01T00:00:00Z"), 30));
    }

    #[test]
    fn a_payment_after_the_approval_dates_the_decided_case_from_the_payment() {
        let case = tracked(
            "paid",
            &[
                ("approved", "2026-02-01T00:00:00Z"),
                ("paid", "2026-02-10T00:00:00Z"),
            ],
        );
        assert_eq!(case.decided_at(), Some(at("2026-02-10T00:00:00Z")));
        let withdrawn = tracked("withdrawn", &[("withdrawn", "2026-01-02T00:00:00Z")]);
        assert_eq!(withdrawn.decided_at(), Some(at("2026-01-02T00:00:00Z")));
    }
}
