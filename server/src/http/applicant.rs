//! The one gate of every resident action that takes a reference and a phone ending (look-up,
//! withdrawal, family links, documents, the API): the guessing limit first, then the reference
//! and the ending checked against the database, and only then the action. A throttled or
//! unverified request reaches no action, and a request the database could not answer is
//! neither a miss nor a "not found".

use super::budget_key::budget_key;
use super::state::AppState;
use crate::db::Tracked;
use app::domain::ReferenceNumber;
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

/// Checks the limit, then the reference (as typed) and the phone ending.
pub async fn verify(state: &AppState, client: IpAddr, reference: &str, last4: &str) -> Verdict {
    let attempt = match state
        .throttle
        .attempt(&state.store, reference, &budget_key(client), state.clock.now())
        .await
    {
        Ok(Some(attempt)) => attempt,
        Ok(None) => return Verdict::Throttled,
        Err(_) => {
            tracing::warn!("a resident's look-up went unanswered: the guesses could not be counted");
            return Verdict::Unavailable;
        }
    };
    let Some(parsed) = ReferenceNumber::parse(reference).filter(|_| is_last4(last4)) else {
        // The attempt stays counted: a miss.
        return Verdict::NotFound;
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
