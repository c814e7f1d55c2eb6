//! A town's request for documents (issue 24, items 2 and 3; RULES.md §6): a list of items,
//! each a kind of paper the caseworker ticked or the one thing they wrote in words; each
//! received or still missing; and the request's own deadline, in working days from the day it
//! was made (`deadline.documents_request_working_days`).
//!
//! The case goes back to the town when every item is in, or when the applicant says they have
//! sent everything (已全部上传), or when the caseworker resumes it. An upload answers the item
//! of its kind; an item written in words is answered only by 已全部上传 or by the caseworker
//! (who may also mark any item satisfied, or ask for it again). Past the deadline the case is
//! marked for the caseworker, never closed by itself. Pure: the server stores the items
//! (server/src/db/document_requests.rs), this decides.

use super::document::DocumentKind;
use crate::i18n::Locale;
use crate::rules::WorkingDays;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The longest text of an item written in words.
pub const MAX_WHAT: usize = 500;

/// One thing the town asked for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestItem {
    pub id: i64,
    /// The kind of paper ticked; None for the item written in words.
    pub kind: Option<DocumentKind>,
    /// What the caseworker wrote, for the item written in words.
    pub what: Option<String>,
    /// The request's deadline when this item was asked for.
    pub due_on: NaiveDate,
    /// A document of its kind arrived.
    pub received: bool,
    /// The caseworker marked it satisfied (a paper brought to the office, say).
    pub satisfied: bool,
    /// Its request still waits: false once the case went back to the town.
    pub open: bool,
}

impl RequestItem {
    /// Received or satisfied: nothing more is asked of the applicant for it.
    pub fn is_in(&self) -> bool {
        self.received || self.satisfied
    }

    /// Its name for the reader: the kind of paper, or what the caseworker wrote.
    pub fn label(&self, locale: Locale) -> String {
        match (self.kind, &self.what) {
            (Some(kind), _) => kind.name(locale).to_string(),
            (None, Some(what)) => what.clone(),
            (None, None) => String::new(),
        }
    }
}

/// What a new request asks for, as items: each kind ticked (once, in the order offered), then
/// the words written, as one item. Empty when nothing was ticked or written.
pub fn items_asked(kinds: &[DocumentKind], what: &str) -> Vec<(Option<DocumentKind>, Option<String>)> {
    let mut items: Vec<(Option<DocumentKind>, Option<String>)> = DocumentKind::ALL
        .into_iter()
        .filter(|k| kinds.contains(k))
        .map(|k| (Some(k), None))
        .collect();
    let what: String = what.trim().chars().take(MAX_WHAT).collect();
    if !what.is_empty() {
        items.push((None, Some(what)));
    }
    items
}

/// The item an upload answers: the first open item still missing of the kind chosen; when the
/// resident chose no kind, the first open item still missing that names one (its kind is then
/// the upload's). An item written in words is never answered by an upload alone.
pub fn answered_by(items: &[RequestItem], chosen: Option<DocumentKind>) -> Option<&RequestItem> {
    items
        .iter()
        .filter(|i| i.open && !i.is_in() && i.kind.is_some())
        .find(|i| chosen.is_none() || i.kind == chosen)
}

/// Every open item is in: the request is answered and the case goes back to the town.
pub fn complete(items: &[RequestItem]) -> bool {
    let mut open = items.iter().filter(|i| i.open).peekable();
    open.peek().is_some() && open.all(RequestItem::is_in)
}

/// The open items still missing.
pub fn missing(items: &[RequestItem]) -> impl Iterator<Item = &RequestItem> {
    items.iter().filter(|i| i.open && !i.is_in())
}

/// Past the request's deadline (the deadline's day itself still counts as in time): the
/// caseworker sees "补充材料已逾期"; the case stays as it is.
pub fn overdue(due_on: NaiveDate, today: NaiveDate) -> bool {
    today > due_on
}

/// Whether the applicant is reminded today of a request due on `due_on`: on the last working
/// day before it (or, if that has passed unnoticed, on any day up to the deadline itself). One
/// reminder per deadline: the outbox's key holds the date.
pub fn reminder_due(due_on: NaiveDate, today: NaiveDate, days: &WorkingDays) -> bool {
    today <= due_on && days.add(today, 1) >= due_on
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Parameters;

    fn item(id: i64, kind: Option<DocumentKind>, what: Option<&str>) -> RequestItem {
        RequestItem {
            id,
            kind,
            what: what.map(str::to_string),
            due_on: NaiveDate::from_ymd_opt(2026, 12, 14).unwrap(),
            received: false,
            satisfied: false,
            open: true,
        }
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_request_is_the_kinds_ticked_then_the_words_written_as_one_item() {
        let asked = items_asked(
            &[
                DocumentKind::HouseholdRegister,
                DocumentKind::Certificate,
                DocumentKind::Certificate,
            ],
            "  村委会证明 ",
        );
        assert_eq!(
            asked,
            [
                (Some(DocumentKind::HouseholdRegister), None),
                (Some(DocumentKind::Certificate), None),
                (None, Some("村委会证明".to_string())),
            ]
        );
        assert!(items_asked(&[], "   ").is_empty());
    }

    #[test]
    fn one_upload_answers_one_item_and_the_request_is_complete_only_when_every_item_is_in() {
        let mut items = vec![
            item(1, Some(DocumentKind::Certificate), None),
            item(2, Some(DocumentKind::HouseholdRegister), None),
        ];
        assert_eq!(
            answered_by(&items, Some(DocumentKind::Certificate)).map(|i| i.id),
            Some(1)
        );
        items[0].received = true;
        assert!(!complete(&items), "the 户口簿 is still missing");
        // No kind chosen: the first missing item that names one.
        assert_eq!(answered_by(&items, None).map(|i| i.id), Some(2));
        // A kind nobody asked for answers nothing.
        assert_eq!(answered_by(&items, Some(DocumentKind::HospitalBill)), None);
        items[1].received = true;
        assert!(complete(&items));
    }

    #[test]
    fn words_alone_are_answered_only_by_the_caseworker_or_all_sent() {
        let mut items = vec![item(1, None, Some("村委会出具的情况说明"))];
        assert_eq!(answered_by(&items, None), None);
        assert_eq!(answered_by(&items, Some(DocumentKind::Other)), None);
        assert!(!complete(&items));
        items[0].satisfied = true;
        assert!(complete(&items));
    }

    #[test]
    fn closed_items_do_not_count_and_no_open_item_is_no_request() {
        let mut old = item(1, Some(DocumentKind::IdCard), None);
        old.open = false;
        assert!(!complete(std::slice::from_ref(&old)));
        assert_eq!(
            answered_by(std::slice::from_ref(&old), Some(DocumentKind::IdCard)),
            None
        );
        assert_eq!(missing(std::slice::from_ref(&old)).count(), 0);
    }

    #[test]
    fn the_request_is_overdue_the_day_after_its_deadline() {
        assert!(!overdue(date("2026-12-14"), date("2026-12-14")));
        assert!(overdue(date("2026-12-14"), date("2026-12-15")));
    }

    #[test]
    fn the_reminder_goes_on_the_last_working_day_before_the_deadline() {
        let p = Parameters::defaults();
        let days = p.calendar.as_of(date("2026-12-01"));
        // Due Monday 2026-12-14: reminded on Friday the 11th (and the weekend), not Thursday.
        assert!(!reminder_due(date("2026-12-14"), date("2026-12-10"), &days));
        assert!(reminder_due(date("2026-12-14"), date("2026-12-11"), &days));
        assert!(reminder_due(date("2026-12-14"), date("2026-12-14"), &days));
        assert!(!reminder_due(date("2026-12-14"), date("2026-12-15"), &days));
    }
}
