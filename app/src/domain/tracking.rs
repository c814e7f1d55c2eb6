//! What a resident has between the steps (a draft) and after submitting (the tracked
//! application): plain data, shared by the server and the pages.

use super::review::{CaseEvent, Level, Status};
use super::{AidType, ApplicationAnswers, ReferenceNumber};
use crate::domain::document::DocumentKind;
use crate::domain::messages::SentMessage;
use crate::rules::{FieldError, Money};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// How many family links of one application work at once (issue 25, item 4): making another
/// stops the oldest, so that a link that leaked does not live for ever.
pub const FAMILY_LINKS_KEPT: usize = 5;

/// Answers kept between the steps of the journey.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub answers: ApplicationAnswers,
    /// The field errors of the step last posted, shown when it is rendered again.
    pub errors: Vec<FieldError>,
    /// Set once the draft has been submitted: a second submit returns this.
    pub submitted_reference: Option<ReferenceNumber>,
    /// The steps whose every answer came from the check, which the journey does not show
    /// again (issue 24's journey); check-your-answers lists them with 修改.
    pub carried: Vec<super::Step>,
}

impl Draft {
    /// The step after `step` in this draft's journey: the next one not carried from the check.
    pub fn step_after(&self, step: super::Step) -> Option<super::Step> {
        std::iter::successors(step.next(), |s| s.next()).find(|s| !self.carried.contains(s))
    }

    /// The step before `step` in this draft's journey.
    pub fn step_before(&self, step: super::Step) -> Option<super::Step> {
        std::iter::successors(step.previous(), |s| s.previous()).find(|s| !self.carried.contains(s))
    }

    /// Where `step` stands in this draft's journey, and how many steps it has: "第 2 步，共 5 步"
    /// when two were carried from the check.
    pub fn position(&self, step: super::Step) -> (usize, usize) {
        let shown: Vec<super::Step> = super::Step::ALL
            .into_iter()
            .filter(|s| !self.carried.contains(s) || *s == step)
            .collect();
        let at = shown
            .iter()
            .position(|s| *s == step)
            .map_or(step.number(), |i| i + 1);
        (at, shown.len())
    }
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
    /// Once aid is approved: the last four digits of the bank card it is paid into (issue 24,
    /// item 11). Never on the family page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_last4: Option<String>,
    /// The town office that handles it, where an administrator has set its contact (issue 24,
    /// item 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub town_office: Option<crate::domain::town_contact::TownContact>,
}

/// Who has the application now, as the applicant reads it (issue 24, item 11).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Holder {
    /// The town: accepting, checking, recommending or paying.
    Town,
    /// A district tier deciding: 区民政局 or 区政府.
    District(Level),
    /// The applicant, who was asked for documents.
    Applicant,
    /// Nobody: the case is over (refused, paid or withdrawn).
    Nobody,
}

impl Holder {
    pub fn word(&self) -> &'static str {
        match self {
            Holder::Town => "town",
            Holder::District(level) => level.word(),
            Holder::Applicant => "applicant",
            Holder::Nobody => "nobody",
        }
    }
}

impl Tracked {
    /// What a family member may see: no reference (with it, a forwarded link would be half of
    /// the tracking secret), neither above nor inside the messages' texts, and no account.
    pub fn without_reference(mut self) -> Tracked {
        let hidden = ReferenceNumber::HIDDEN;
        for message in &mut self.messages {
            message.text = message.text.replace(&self.reference, hidden);
        }
        self.reference.clear();
        self.account_last4 = None;
        self
    }

    /// Who has the application now: a decision above the town's limit is with the tier it was
    /// sent to (the last `forwarded` event's `to`).
    pub fn holder(&self) -> Holder {
        match self.status {
            Status::WaitingForDocuments => Holder::Applicant,
            Status::Rejected | Status::Paid | Status::Withdrawn => Holder::Nobody,
            Status::Recommended => self
                .events
                .iter()
                .rev()
                .find(|e| e.kind == CaseEvent::Forwarded)
                .and_then(|e| e.detail["to"].as_str().and_then(Level::parse))
                .filter(|level| *level != Level::Town)
                .map_or(Holder::Town, Holder::District),
            Status::Submitted | Status::Accepted | Status::Investigating | Status::Approved => Holder::Town,
        }
    }

    /// Since when it has been where it is: its latest event that moved it (a document the
    /// applicant added moves nothing), else its submission.
    pub fn since(&self) -> DateTime<Utc> {
        self.events
            .iter()
            .rev()
            .find(|e| e.kind != CaseEvent::DocumentAdded)
            .map_or(self.submitted_at, |e| e.at)
    }

    /// The day whoever has it should act by: the request's deadline while the applicant has
    /// it, the town's or district's while they do, none once it is decided. (Payment is
    /// estimated separately, `payment_expected_by`.)
    pub fn act_by(&self) -> Option<NaiveDate> {
        match self.holder() {
            Holder::Applicant => self.documents_due_on,
            Holder::Town | Holder::District(_) if self.status != Status::Approved => Some(self.due_on),
            _ => None,
        }
    }

    /// The latest event of a kind.
    fn last(&self, kind: CaseEvent) -> Option<&TimelineEvent> {
        self.events.iter().rev().find(|e| e.kind == kind)
    }

    /// The amount approved and the day it was, once approved.
    pub fn approved(&self) -> Option<(Money, DateTime<Utc>)> {
        let event = self.last(CaseEvent::Approved)?;
        Some((Money::from_fen(event.detail["amount_fen"].as_i64()?), event.at))
    }

    /// What is still to be paid of the approved amount: less an advance already paid.
    pub fn to_be_paid(&self) -> Option<Money> {
        let (approved, _) = self.approved()?;
        let advance = self
            .last(CaseEvent::AdvancePaid)
            .and_then(|e| e.detail["amount_fen"].as_i64())
            .map_or(Money::ZERO, Money::from_fen);
        Some(approved.saturating_minus(advance))
    }

    /// The payment and when it was made, once paid: the balance paid (the approved amount
    /// less any advance).
    pub fn paid(&self) -> Option<(Money, DateTime<Utc>)> {
        let event = self.last(CaseEvent::Paid)?;
        let fen = event.detail["balance_fen"]
            .as_i64()
            .or_else(|| event.detail["amount_fen"].as_i64())?;
        Some((Money::from_fen(fen), event.at))
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
            account_last4: None,
            town_office: None,
        }
    }

    fn with_detail(mut case: Tracked, kind: &str, detail: serde_json::Value) -> Tracked {
        let event = case
            .events
            .iter_mut()
            .rev()
            .find(|e| e.kind.word() == kind)
            .unwrap();
        event.detail = detail;
        case
    }

    #[test]
    fn a_case_sent_up_is_with_the_tier_it_was_sent_to_and_comes_back_to_the_town_to_pay() {
        let sent = with_detail(
            tracked(
                "recommended",
                &[
                    ("submitted", "2026-01-01T00:00:00Z"),
                    ("recommended", "2026-01-05T00:00:00Z"),
                    ("forwarded", "2026-01-06T00:00:00Z"),
                ],
            ),
            "forwarded",
            serde_json::json!({ "to": "bureau" }),
        );
        assert_eq!(sent.holder(), Holder::District(Level::Bureau));
        assert_eq!(sent.since(), at("2026-01-06T00:00:00Z"));
        assert_eq!(sent.act_by(), Some(sent.due_on));
        let at_town = tracked("recommended", &[("recommended", "2026-01-05T00:00:00Z")]);
        assert_eq!(at_town.holder(), Holder::Town);
    }

    #[test]
    fn the_applicant_has_a_case_waiting_for_documents_until_the_request_is_due() {
        let mut case = tracked(
            "waiting_for_documents",
            &[
                ("documents_requested", "2026-01-03T00:00:00Z"),
                ("document_added", "2026-01-04T00:00:00Z"),
            ],
        );
        case.documents_due_on = Some("2026-01-10".parse().unwrap());
        assert_eq!(case.holder(), Holder::Applicant);
        // A document added moves nothing: the request is still what the case waits on.
        assert_eq!(case.since(), at("2026-01-03T00:00:00Z"));
        assert_eq!(case.act_by(), case.documents_due_on);
    }

    #[test]
    fn an_approved_case_says_what_is_still_to_be_paid_and_a_paid_one_when() {
        let approved = with_detail(
            with_detail(
                tracked(
                    "approved",
                    &[
                        ("advance_paid", "2026-01-02T00:00:00Z"),
                        ("approved", "2026-01-08T00:00:00Z"),
                    ],
                ),
                "advance_paid",
                serde_json::json!({ "amount_fen": 100_000 }),
            ),
            "approved",
            serde_json::json!({ "amount_fen": 300_000 }),
        );
        assert_eq!(
            approved.approved(),
            Some((Money::from_fen(300_000), at("2026-01-08T00:00:00Z")))
        );
        assert_eq!(approved.to_be_paid(), Some(Money::from_fen(200_000)));
        assert_eq!(approved.act_by(), None);
        let paid = with_detail(
            tracked("paid", &[("paid", "2026-01-12T00:00:00Z")]),
            "paid",
            serde_json::json!({ "amount_fen": 300_000, "advance_fen": 100_000, "balance_fen": 200_000 }),
        );
        assert_eq!(
            paid.paid(),
            Some((Money::from_fen(200_000), at("2026-01-12T00:00:00Z")))
        );
        assert_eq!(paid.holder(), Holder::Nobody);
    }

    #[test]
    fn a_draft_goes_round_the_steps_the_check_answered() {
        use crate::domain::Step;
        let draft = Draft {
            carried: vec![Step::Household, Step::Means],
            ..Draft::default()
        };
        assert_eq!(draft.step_after(Step::Applicant), Some(Step::Circumstances));
        assert_eq!(draft.step_before(Step::Circumstances), Some(Step::Applicant));
        assert_eq!(draft.step_after(Step::Review), None);
        assert_eq!(draft.position(Step::Applicant), (1, 5));
        assert_eq!(draft.position(Step::Circumstances), (2, 5));
        assert_eq!(draft.position(Step::Review), (5, 5));
        // Opened all the same (修改 on check-your-answers), a carried step has its place.
        assert_eq!(draft.position(Step::Means), (2, 6));
        let plain = Draft::default();
        assert_eq!(plain.step_after(Step::Applicant), Some(Step::Household));
        assert_eq!(plain.position(Step::Means), (3, 7));
    }

    #[test]
    fn the_family_never_sees_the_account() {
        let mut case = tracked("approved", &[]);
        case.account_last4 = Some("1111".into());
        assert_eq!(case.without_reference().account_last4, None);
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
