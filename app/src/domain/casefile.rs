//! What staff see: the rows of a town's queue and the whole file of one case. Plain data, filled
//! by the server within the staff member's scope and rendered by the staff pages.

use super::review::{ActionKind, Case, CaseEvent, Level, Staff, Status};
use super::{AidType, ApplicationAnswers, DocumentInfo, NationalId, PhoneNumber};
use crate::rules::{HouseholdInput, Money};
use chrono::{DateTime, NaiveDate, Utc};

/// The queue's filters, as the query string carries them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueueFilter {
    pub status: Option<Status>,
    pub aid_type: Option<AidType>,
    pub assigned_to_me: bool,
    pub overdue: bool,
    /// A reference number (or its start) or a name (or part of it).
    pub search: String,
    /// From 0; `QUEUE_PAGE_SIZE` rows a page.
    pub page: u32,
}

pub const QUEUE_PAGE_SIZE: u32 = 50;

impl QueueFilter {
    /// Reads `?status=…&aid=…&mine=1&overdue=1&q=…&page=…`; unknown values are ignored.
    pub fn from_query(pairs: &[(String, String)]) -> QueueFilter {
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.trim())
                .unwrap_or("")
        };
        QueueFilter {
            status: Status::parse(get("status")),
            aid_type: AidType::parse(get("aid")),
            assigned_to_me: get("mine") == "1",
            overdue: get("overdue") == "1",
            search: get("q").chars().take(40).collect(),
            page: get("page").parse().unwrap_or(0).min(10_000),
        }
    }

    /// The query string for these filters on another page.
    pub fn query_for_page(&self, page: u32) -> String {
        let mut parts = Vec::new();
        if let Some(s) = self.status {
            parts.push(format!("status={}", s.word()));
        }
        if let Some(a) = self.aid_type {
            parts.push(format!("aid={}", a.word()));
        }
        if self.assigned_to_me {
            parts.push("mine=1".into());
        }
        if self.overdue {
            parts.push("overdue=1".into());
        }
        if !self.search.is_empty() {
            parts.push(format!("q={}", url_encode(&self.search)));
        }
        parts.push(format!("page={page}"));
        parts.join("&")
    }
}

fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// One line of the queue: enough to pick the case, with the name masked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueRow {
    pub reference: String,
    pub aid_type: AidType,
    pub masked_name: String,
    pub town: String,
    pub status: Status,
    pub level: Level,
    pub urgent: bool,
    pub due_on: NaiveDate,
    pub overdue: bool,
    /// An advance was paid and its paperwork (the full application's decision) is late.
    pub advance_paperwork_overdue: bool,
    /// While the town waits for documents: the day its request is due (issue 24, item 3).
    pub documents_due_on: Option<NaiveDate>,
    pub assigned_to: Option<String>,
    pub submitted_on: NaiveDate,
    /// What the figures in force today would change (issue 12's re-check), if anything.
    pub recheck: Option<super::recheck::Difference>,
    /// A text to the applicant failed or went undelivered: the town should phone them.
    pub contact_applicant: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueueView {
    pub rows: Vec<QueueRow>,
    /// Cases in the scope by status, whatever the filters.
    pub counts: Vec<(Status, i64)>,
    pub overdue: i64,
    /// Rows matching the filters, over every page.
    pub matching: i64,
}

/// A household member as the town sees them.
#[derive(Clone, PartialEq, Eq)]
pub struct MemberRecord {
    pub relationship: String,
    pub name: String,
    pub id_number: Option<NationalId>,
    pub age: i64,
}

/// One row of the timeline and audit trail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEvent {
    pub at: DateTime<Utc>,
    /// `applicant`, `system`, or the staff member's username.
    pub actor: String,
    pub kind: CaseEvent,
    pub detail: serde_json::Value,
}

/// Someone opened the case's personal data or a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessRecord {
    pub at: DateTime<Utc>,
    pub username: String,
    pub what: String,
}

/// Another application that may be the same household asking twice (RULES.md §4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PossibleDuplicate {
    pub reference: String,
    pub town: String,
    pub status: Status,
    pub submitted_on: NaiveDate,
    /// The same cause within `repeat.window_days` (one grant per cause per 12 months).
    pub same_cause_recently: bool,
}

/// Everything about one case, for the case page.
#[derive(Clone)]
pub struct CaseFile {
    pub id: i64,
    pub reference: String,
    pub case: Case,
    pub version: i64,
    pub applicant_name: String,
    pub id_number: NationalId,
    pub phone: PhoneNumber,
    pub members: Vec<MemberRecord>,
    pub answers: ApplicationAnswers,
    pub household: HouseholdInput,
    /// The assessment stored at submission, the one that counts.
    pub assessment: serde_json::Value,
    pub rules_version: String,
    pub parameter_set: String,
    pub submitted_at: DateTime<Utc>,
    pub urgent: bool,
    pub due_on: NaiveDate,
    pub paused_on: Option<NaiveDate>,
    pub advance_paperwork_due: Option<NaiveDate>,
    /// While the town waits for documents: the day its request is due.
    pub documents_due_on: Option<NaiveDate>,
    /// Every item the town asked for, oldest first (domain::document_request).
    pub request_items: Vec<super::document_request::RequestItem>,
    pub assigned_to: Option<Staff>,
    pub documents: Vec<DocumentInfo>,
    pub events: Vec<AuditEvent>,
    pub views: Vec<AccessRecord>,
    pub duplicates: Vec<PossibleDuplicate>,
    /// Every message the case wrote, to the applicant and to duty phones, oldest first.
    pub messages: Vec<super::messages::CaseMessage>,
}

impl CaseFile {
    /// Whether the town should phone the applicant now, and why (domain::messages::contact_needed).
    pub fn contact_needed(&self, now: DateTime<Utc>) -> Option<super::messages::ContactReason> {
        use super::messages::{Channel, Recipient, TextToApplicant};
        let texts: Vec<TextToApplicant> = self
            .messages
            .iter()
            .filter(|m| m.recipient == Recipient::Applicant && m.channel == Channel::Sms)
            .map(|m| TextToApplicant {
                kind: m.kind,
                status: m.status,
                at: m.at,
            })
            .collect();
        let last_call = self
            .events
            .iter()
            .filter(|e| e.kind == super::review::CaseEvent::ApplicantContacted)
            .map(|e| e.at)
            .max();
        super::messages::contact_needed(&texts, last_call, now)
    }

    /// The date of the application in the district, whose parameters apply to it.
    pub fn application_date(&self) -> NaiveDate {
        super::clock::date_in_chongqing(self.submitted_at)
    }

    pub fn recommended(&self) -> Option<Money> {
        self.case.recommended_amount
    }
}

/// What the case page needs besides the file: what this user may do now, and the limits.
#[derive(Clone)]
pub struct CaseView {
    pub file: CaseFile,
    pub actions: Vec<ActionKind>,
    /// Heads may assign the case to anyone of the town; caseworkers take it themselves.
    pub assignable: Vec<Staff>,
    pub limits: crate::rules::Limits,
    /// The case assessed again with today's values, and what that changes (issue 12's
    /// re-check); None when nothing a caseworker acts on would change.
    pub recheck: Option<(serde_json::Value, super::recheck::Difference)>,
    /// What became of the last action posted.
    pub notice: Option<Notice>,
    /// Why the town should phone the applicant now ("联系申请人"), if it should.
    pub contact: Option<super::messages::ContactReason>,
    /// Whether this user may record a call (the town's caseworkers and head).
    pub may_record_call: bool,
}

/// What became of the last action posted: done, or refused with the reason (Chinese, English),
/// shown at the top and, when it belongs to one action's form, again at that form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    Done(String, String),
    Refused {
        zh: String,
        en: String,
        action: Option<ActionKind>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> QueueFilter {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        QueueFilter::from_query(&pairs)
    }

    #[test]
    fn the_queue_reads_its_filters_from_the_address_and_ignores_unknown_values() {
        let f = query(&[
            ("status", "recommended"),
            ("aid", "expense"),
            ("mine", "1"),
            ("q", " 王 "),
            ("page", "2"),
        ]);
        assert_eq!(f.status, Some(Status::Recommended));
        assert_eq!(f.aid_type, Some(AidType::Expense));
        assert!(f.assigned_to_me && !f.overdue);
        assert_eq!((f.search.as_str(), f.page), ("王", 2));
        assert_eq!(
            query(&[("status", "drop table"), ("page", "x")]),
            QueueFilter::default()
        );
    }

    #[test]
    fn the_next_page_keeps_the_filters_with_the_search_encoded() {
        let f = query(&[("overdue", "1"), ("q", "王 五")]);
        assert_eq!(f.query_for_page(1), "overdue=1&q=%E7%8E%8B%20%E4%BA%94&page=1");
        assert_eq!(QueueFilter::from_query(&[]).query_for_page(3), "page=3");
    }
}
