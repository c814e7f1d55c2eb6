//! Submitting an application: validate everything again, assess with the server's rules (the
//! answer that counts), then store it all in one transaction under a fresh reference number.

use crate::db::Store;
use crate::db::{BackendError, NewApplication, Submitted};
use app::domain::{AidType, ApplicationAnswers, ReferenceNumber};
use app::i18n::Locale;
use app::rules::{self, FieldError, Parameters};
use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};

#[derive(Debug)]
pub enum SubmitError {
    Invalid(Vec<FieldError>),
    /// The idempotency key was first used with other answers.
    KeyReused,
    Backend(BackendError),
}

/// The SHA-256 (hex) of the answers in their canonical form (as serialised from the typed
/// answers: one field order, no whitespace, unknown fields dropped), which binds an
/// idempotency key to its request.
pub fn request_hash(answers: &ApplicationAnswers) -> String {
    let canonical = serde_json::to_vec(answers).unwrap_or_default();
    crate::auth::hex(&Sha256::digest(&canonical))
}

/// Where a submission comes from, and so its idempotency key.
#[derive(Clone, Copy, Debug)]
pub enum Origin<'a> {
    /// The web journey: the resident's draft, by its id.
    Draft(&'a str),
    /// The JSON API: the client's Idempotency-Key header.
    Api(&'a str),
}

impl Origin<'_> {
    /// API keys live in their own namespace, apart from the web journey's draft ids, so that no
    /// API request can reach a draft.
    fn idempotency_key(&self) -> String {
        match self {
            Origin::Draft(id) => id.to_string(),
            Origin::Api(key) => format!("api:{key}"),
        }
    }
}

/// What a submission answers: the application stored (new, or the first one of a repeated key)
/// and, for a new one, the day its town must act by, known without reading it back.
#[derive(Debug)]
pub struct Receipt {
    pub submitted: Submitted,
    pub due_on: NaiveDate,
}

/// A reference from the operating system's cryptographic random source.
pub fn new_reference() -> ReferenceNumber {
    let mut bytes = [0u8; 5];
    getrandom::fill(&mut bytes).expect("the operating system's random source");
    ReferenceNumber::from_random(bytes)
}

pub async fn submit(
    store: &Store,
    parameters: &Parameters,
    now: DateTime<Utc>,
    origin: Origin<'_>,
    answers: &ApplicationAnswers,
    locale: Locale,
) -> Result<Receipt, SubmitError> {
    let today = app::domain::clock::date_in_chongqing(now);
    let application = answers
        .validate(parameters, today)
        .map_err(SubmitError::Invalid)?;
    let assessment =
        rules::assess_input(&application.household, parameters, today).map_err(SubmitError::Invalid)?;
    let in_force = parameters
        .on(today)
        .map_err(|_| SubmitError::Invalid(Vec::new()))?;
    let urgent = application.aid_type == AidType::Emergency;
    let working_days = if urgent {
        in_force.deadline_accept_emergency_working_days
    } else {
        in_force.deadline_town_review_working_days
    };
    let assessment = serde_json::to_value(&assessment).unwrap_or_default();
    let request_hash = request_hash(answers);
    let due_on = parameters.calendar.as_of(today).add(today, working_days);
    // 10¹² references: a collision is rare, and then another is drawn.
    for _ in 0..5 {
        let new = NewApplication {
            reference: new_reference(),
            idempotency_key: origin.idempotency_key(),
            from_draft: matches!(origin, Origin::Draft(_)),
            request_hash: request_hash.clone(),
            application: application.clone(),
            answers: answers.clone(),
            assessment: assessment.clone(),
            rules_version: rules::RULES_VERSION.to_string(),
            parameter_set: format!("{} {}", parameters.name, parameters.version),
            submitted_at: now,
            due_on,
            urgent,
            locale,
        };
        match store.submit(new).await {
            Err(BackendError::ReferenceTaken) => continue,
            Err(BackendError::Conflict) => return Err(SubmitError::KeyReused),
            other => {
                return other
                    .map(|submitted| Receipt { submitted, due_on })
                    .map_err(SubmitError::Backend);
            }
        }
    }
    Err(SubmitError::Backend(BackendError::Unavailable))
}
