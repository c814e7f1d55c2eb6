//! Every address of the portal, written once: the server's router takes the templates
//! (`{n}` marks a part of the address), and pages and handlers build their links with the
//! functions beside them.

use crate::domain::Step;

pub const CHECK: &str = "/";
pub const APPLY: &str = "/apply";
pub const APPLY_START: &str = "/apply/start";
pub const APPLY_STEP: &str = "/apply/step/{n}";
pub const APPLY_CONFIRMATION: &str = "/apply/confirmation";
pub const APPLY_DOCUMENTS: &str = "/apply/documents";
pub const APPLY_DOCUMENTS_REMOVE: &str = "/apply/documents/remove";
pub const APPLY_DOCUMENTS_KIND: &str = "/apply/documents/kind";

pub const TRACK: &str = "/track";
pub const TRACK_WITHDRAW: &str = "/track/withdraw";
pub const TRACK_FAMILY_LINK: &str = "/track/family-link";
pub const TRACK_FAMILY_LINKS_REVOKE: &str = "/track/family-links/revoke";
pub const TRACK_DOCUMENTS: &str = "/track/documents";
pub const TRACK_STOP_TEXTS: &str = "/track/texts/stop";
/// The applicant says they have sent every document the town asked for (已全部上传).
pub const TRACK_ALL_DOCUMENTS_SENT: &str = "/track/documents/all-sent";
pub const FAMILY: &str = "/family/{token}";
/// A relative sends documents from the family page (issue 24, item 14).
pub const FAMILY_DOCUMENTS: &str = "/family/{token}/documents";
pub const PUBLICITY: &str = "/publicity";
/// What the service worker shows when there is no signal (server/src/http/offline/).
pub const OFFLINE: &str = "/offline";
pub const SERVICE_WORKER: &str = "/sw.js";

pub const STAFF: &str = "/staff";
pub const STAFF_LOGIN: &str = "/staff/login";
pub const STAFF_LOGOUT: &str = "/staff/logout";
pub const STAFF_LOGOUT_EVERYWHERE: &str = "/staff/logout-everywhere";
pub const STAFF_NEXT: &str = "/staff/next";
pub const STAFF_CASE: &str = "/staff/case/{reference}";
pub const STAFF_CASE_ACTION: &str = "/staff/case/{reference}/action";
pub const STAFF_CASE_ASSIGN: &str = "/staff/case/{reference}/assign";
/// A caseworker records a call to the applicant (issue 23: "联系申请人").
pub const STAFF_CASE_CONTACTED: &str = "/staff/case/{reference}/contacted";
/// A caseworker marks an item of the town's document request satisfied.
pub const STAFF_CASE_ITEM_SATISFIED: &str = "/staff/case/{reference}/request-item";
pub const STAFF_DOCUMENT: &str = "/staff/documents/{id}";
pub const STAFF_ADMIN: &str = "/staff/admin";
/// An administrator sets an office's duty numbers (issue 23; audited in the admin log).
pub const STAFF_DUTY_PHONES: &str = "/staff/admin/duty-phones";
pub const STAFF_TOWN_CONTACT: &str = "/staff/admin/town-contact";
/// A proposed change to a parameter (administrators); approved or rejected by another one.
pub const STAFF_PROPOSALS: &str = "/staff/admin/proposals";
pub const STAFF_PROPOSAL_DECISION: &str = "/staff/admin/proposals/{id}/decision";
pub const STAFF_DASHBOARD: &str = "/staff/dashboard";
pub const STAFF_LEDGER: &str = "/staff/ledger";

/// A template with its one `{…}` part filled in.
fn fill(template: &str, value: impl std::fmt::Display) -> String {
    match (template.find('{'), template.find('}')) {
        (Some(open), Some(close)) => format!("{}{value}{}", &template[..open], &template[close + 1..]),
        _ => template.to_string(),
    }
}

pub fn apply_step(step: Step) -> String {
    fill(APPLY_STEP, step.number())
}

pub fn family(token: &str) -> String {
    fill(FAMILY, token)
}

pub fn family_documents(token: &str) -> String {
    fill(FAMILY_DOCUMENTS, token)
}

/// The tracking form with the reference filled in (from the confirmation page): the resident
/// types only the phone ending.
pub fn track_for(reference: impl std::fmt::Display) -> String {
    format!("{TRACK}?reference={reference}")
}

pub fn staff_case(reference: impl std::fmt::Display) -> String {
    fill(STAFF_CASE, reference)
}

pub fn staff_case_action(reference: impl std::fmt::Display) -> String {
    fill(STAFF_CASE_ACTION, reference)
}

pub fn staff_case_assign(reference: impl std::fmt::Display) -> String {
    fill(STAFF_CASE_ASSIGN, reference)
}

pub fn staff_case_item_satisfied(reference: impl std::fmt::Display) -> String {
    fill(STAFF_CASE_ITEM_SATISFIED, reference)
}

pub fn staff_case_contacted(reference: impl std::fmt::Display) -> String {
    fill(STAFF_CASE_CONTACTED, reference)
}

pub fn staff_document(id: i64) -> String {
    fill(STAFF_DOCUMENT, id)
}

pub fn staff_proposal_decision(id: i64) -> String {
    fill(STAFF_PROPOSAL_DECISION, id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_its_template_with_the_part_filled_in() {
        assert_eq!(apply_step(Step::Household), "/apply/step/2");
        assert_eq!(staff_case("LZ-7K4-M9Q-XRC"), "/staff/case/LZ-7K4-M9Q-XRC");
        assert_eq!(
            staff_case_action("LZ-7K4-M9Q-XRC"),
            "/staff/case/LZ-7K4-M9Q-XRC/action"
        );
        assert_eq!(staff_document(7), "/staff/documents/7");
        assert_eq!(family("abc"), "/family/abc");
    }
}
