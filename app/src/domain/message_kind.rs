//! The kinds of message, where one stands and how it went, and the values a template is
//! filled with: plain types that the messages' rules (domain::messages) and their words
//! (i18n::messages) both name.

use super::words::spelled;
use serde::{Deserialize, Serialize};

spelled! {
    /// What a message says: one template each at the SMS provider.
    pub enum MessageKind {
        Submitted = "submitted",
        Accepted = "accepted",
        DocumentsRequested = "documents_requested",
        AdvancePaid = "advance_paid",
        Approved = "approved",
        Rejected = "rejected",
        Paid = "paid",
        Withdrawn = "withdrawn",
        /// To the applicant, on the last working day before a document request is due, when
        /// something is still missing (issue 24, item 3).
        DocumentsReminder = "documents_reminder",
        /// To the town's duty phone: a new emergency application to accept.
        DutyAlert = "duty_alert",
        /// To 区民政局's duty phone: an emergency still not accepted half-way to its deadline.
        DutyEscalation = "duty_escalation",
    }
}

spelled! {
    /// Where a message stands, as GOV.UK Notify names it. `Sending`: claimed by one sender
    /// until its lease ends; `TemporaryFailure`: to be tried again at `next_attempt`.
    #[derive(PartialOrd, Ord)]
    pub enum MessageStatus {
        Queued = "queued",
        Sending = "sending",
        Sent = "sent",
        Delivered = "delivered",
        TemporaryFailure = "temporary-failure",
        PermanentFailure = "permanent-failure",
    }
}

spelled! {
    /// How a message reaches its reader: by SMS (and on the tracking page), or on the tracking
    /// page alone (no consent, or no SMS provider).
    pub enum Channel {
        Sms = "sms",
        Page = "page",
    }
}

/// The prefix of a template code's key among the administrators' proposals
/// (`sms_template.accepted`). A code changes as a parameter does, proposed by one administrator
/// and approved by another, but it is the SMS provider's setting, not the rules': it is kept in
/// `sms_templates`, not in the parameter set, and in force from its approval.
pub const TEMPLATE_KEY_PREFIX: &str = "sms_template.";

impl MessageKind {
    /// The key a proposal of this kind's template code names.
    pub fn template_key(self) -> String {
        format!("{TEMPLATE_KEY_PREFIX}{}", self.word())
    }

    /// The kind whose template code a proposal's key names, if it names one.
    pub fn of_template_key(key: &str) -> Option<MessageKind> {
        key.strip_prefix(TEMPLATE_KEY_PREFIX).and_then(MessageKind::parse)
    }
}

/// Whether `code` can be a provider's template code: letters, digits and `_`, at most 64
/// (Alibaba Cloud's are `SMS_` and digits).
pub fn is_template_code(code: &str) -> bool {
    !code.is_empty() && code.len() <= 64 && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

impl MessageStatus {
    /// Nothing more will happen to it.
    pub fn is_final(self) -> bool {
        matches!(self, MessageStatus::Delivered | MessageStatus::PermanentFailure)
    }
}

/// The values a template is filled with, sent to the provider as its `TemplateParam` (every
/// value a string, as the provider requires). Never a name, an ID, a card or a phone number.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Params {
    pub reference: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub town: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_code_key_names_its_kind_and_a_code_is_the_providers_kind_of_word() {
        assert_eq!(MessageKind::Accepted.template_key(), "sms_template.accepted");
        assert_eq!(
            MessageKind::of_template_key("sms_template.duty_alert"),
            Some(MessageKind::DutyAlert)
        );
        assert_eq!(MessageKind::of_template_key("dibao_monthly"), None);
        assert_eq!(MessageKind::of_template_key("sms_template.nothing"), None);
        assert!(is_template_code("SMS_123456789"));
        assert!(!is_template_code("SMS 1") && !is_template_code("") && !is_template_code("模板"));
    }
}
