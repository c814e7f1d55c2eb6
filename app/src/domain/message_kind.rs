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
