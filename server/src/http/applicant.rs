//! The one gate of every resident action that takes a reference and a phone ending (look-up,
//! withdrawal, family links, documents, the API): the guessing limit first, then the reference
//! and the ending checked against the database, and only then the action. A throttled or
//! unverified request reaches no action, and a request the database could not answer is
//! neither a miss nor a "not found".

use super::budget_key::budget_key;
use super::state::AppState;
use crate::db::Tracked;
use app::domain::{NationalId, ReferenceNumber};
use std::net::IpAddr;

/// The applicant, proven by the reference and the phone ending.
pub struct Applicant {
    pub reference: ReferenceNumber,
    pub last4: String,
    /// The application as it stood when it was checked.
    pub tracked: Tracked,
}

pub enum Verdict {
    Verified(Box<Applicant>),
    /// A wrong reference or a wrong ending (counted as a miss): the same answer for both.
    NotFound,
    /// Too many misses on this reference or from this client: nothing was looked up.
    Throttled,
    /// The database failed: nothing is known, and the guess is not counted.
    Unavailable,
}

fn is_last4(last4: &str) -> bool {
    last4.len() == 4 && last4.bytes().all(|b| b.is_ascii_digit())
}

/// Checks the limit, then the reference (as typed) and the phone ending. An applicant's ID
/// number may stand in for the reference (issue 24, item 12): the newest application of that
/// person with that ending. Its guesses count against a budget of its own, keyed on the ID's
/// keyed hash (the number is never stored), and an unknown number and a wrong ending get the
/// same answer as a wrong reference: the form tells nobody whether someone applied.
pub async fn verify(state: &AppState, client: IpAddr, reference: &str, last4: &str) -> Verdict {
    let by_id = ReferenceNumber::parse(reference)
        .is_none()
        .then(|| NationalId::parse(reference).ok())
        .flatten();
    let budget = match &by_id {
        Some(id) => match state.store.id_lookup_key(id) {
            Ok(key) => format!("id:{key}"),
            Err(_) => return Verdict::Unavailable,
        },
        None => reference.to_string(),
    };
    let attempt = match state
        .throttle
        .attempt(&state.store, &budget, &budget_key(client), state.clock.now())
        .await
    {
        Ok(Some(attempt)) => attempt,
        Ok(None) => return Verdict::Throttled,
        Err(_) => {
            tracing::warn!("a resident's look-up went unanswered: the guesses could not be counted");
            return Verdict::Unavailable;
        }
    };
    if !is_last4(last4) {
        // The attempt stays counted: a miss.
        return Verdict::NotFound;
    }
    let parsed = match by_id {
        Some(id) => match state.store.reference_for_id(&id, last4).await {
            Ok(Some(reference)) => reference,
            Ok(None) => return Verdict::NotFound,
            Err(_) => {
                state.throttle.forgive(&state.store, attempt).await;
                tracing::warn!("a resident's look-up went unanswered: the database failed");
                return Verdict::Unavailable;
            }
        },
        None => match ReferenceNumber::parse(reference) {
            Some(reference) => reference,
            None => return Verdict::NotFound,
        },
    };
    match state.store.track(&parsed, last4).await {
        Ok(Some(tracked)) => {
            state.throttle.forgive(&state.store, attempt).await;
            Verdict::Verified(Box::new(Applicant {
                reference: parsed,
                last4: last4.to_string(),
                tracked,
            }))
        }
        Ok(None) => Verdict::NotFound,
        Err(_) => {
            state.throttle.forgive(&state.store, attempt).await;
            tracing::warn!("a resident's look-up went unanswered: the database failed");
            Verdict::Unavailable
        }
    }
}
