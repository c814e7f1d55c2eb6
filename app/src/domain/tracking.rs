//! What a resident has between the steps (a draft) and after submitting (the tracked
//! application): plain data, shared by the server and the pages.

use super::{ApplicationAnswers, ReferenceNumber};
use crate::rules::FieldError;
use chrono::{DateTime, NaiveDate, Utc};
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
pub struct TimelineEvent {
    pub at: DateTime<Utc>,
    /// `submitted`, `accepted`, `documents_requested`, … (app::domain::review).
    pub kind: String,
    /// What the applicant may read of it: the amount, the reason, what was asked for.
    #[serde(default)]
    pub detail: serde_json::Value,
}

/// What the applicant sees when tracking: no ID or phone number, the name masked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tracked {
    pub reference: String,
    pub aid_type: String,
    pub town: String,
    pub status: String,
    pub masked_name: String,
    pub submitted_at: DateTime<Utc>,
    pub due_on: NaiveDate,
    pub events: Vec<TimelineEvent>,
    /// What the town asked for, while it waits for documents.
    #[serde(default)]
    pub document_request: Option<String>,
}

impl Tracked {
    /// Whether the applicant may still withdraw: before the decision (RULES.md §6).
    pub fn can_withdraw(&self) -> bool {
        super::review::Status::parse(&self.status).is_some_and(|s| s.can_withdraw())
    }
}
