//! Guessing a reference and a phone ending is throttled: misses are counted per reference and
//! per client over a window, and past the limit every answer is "too many attempts", right or
//! wrong, so the limit cannot be used to tell a right guess from a wrong one.
//!
//! A reference is counted under its canonical form, however it was typed (`lzc75cffl6n`,
//! `LZ C75 CFF L6N`): otherwise each spelling would have a budget of its own. Its count does not
//! depend on the client, so many addresses guessing one reference share its budget.
//!
//! Each guess is counted as a miss *before* it is answered, and uncounted once it proves right
//! (or goes unanswered because the database failed): guesses sent at the same moment cannot all
//! pass the check before the first of them is counted.
//!
//! The misses are budget entries in the database (`db::Store::spend`), so that every portal
//! process behind the load balancer counts against the same budgets: a guesser gains nothing by
//! spreading guesses over them.

use crate::db::Store;
use crate::db::{BackendError, Budget};
use app::domain::ReferenceNumber;
use chrono::{DateTime, Duration, Utc};

pub struct Throttle {
    window: Duration,
    per_reference: i64,
    per_client: i64,
}

/// A guess let through, counted as a miss until it is forgiven.
#[must_use = "an attempt not forgiven stays counted as a miss"]
pub struct Attempt {
    entries: Vec<i64>,
}

/// The key a reference's misses are counted under: its canonical form; for text that is no
/// reference, the text in capitals without spaces and hyphens (cut short: a reference is short).
pub fn reference_key(typed: &str) -> String {
    match ReferenceNumber::parse(typed) {
        Some(reference) => reference.as_str().to_string(),
        None => typed
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '－' | '‐' | '—'))
            .flat_map(char::to_uppercase)
            .take(40)
            .collect(),
    }
}

impl Throttle {
    /// Misses on one reference, from anyone, before every answer about it is "too many".
    /// Operational limits, not policy: 5 in 15 minutes lets a resident mistype a few times,
    /// and leaves a guesser of the 10,000 phone endings about 10 days of guessing on average.
    pub const MISSES_PER_REFERENCE: usize = 5;
    /// Misses from one client, on any references.
    pub const MISSES_PER_CLIENT: usize = 20;
    pub const WINDOW_MINUTES: i64 = 15;

    /// The limits of the residents' look-ups.
    pub fn for_residents() -> Throttle {
        Throttle::new(
            Duration::minutes(Self::WINDOW_MINUTES),
            Self::MISSES_PER_REFERENCE as i64,
            Self::MISSES_PER_CLIENT as i64,
        )
    }

    pub fn new(window: Duration, per_reference: i64, per_client: i64) -> Throttle {
        Throttle {
            window,
            per_reference,
            per_client,
        }
    }

    /// A guess at `reference` (as typed) from `client` at `now`: None when the reference or
    /// the client has missed too often; else the attempt, counted as a miss until it is
    /// forgiven. An error when the database cannot count: nothing is known then.
    pub async fn attempt(
        &self,
        store: &Store,
        reference: &str,
        client: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Attempt>, BackendError> {
        let budgets = [
            Budget {
                key: format!("miss:ref:{}", reference_key(reference)),
                limit: self.per_reference,
            },
            Budget {
                key: format!("miss:client:{client}"),
                limit: self.per_client,
            },
        ];
        let spent = store.spend(&budgets, now, now + self.window).await?;
        Ok(spent.map(|entries| Attempt { entries }))
    }

    /// The attempt was no miss: it was right, or the database could not answer it. If the
    /// database cannot take the refund either, the miss stays counted (the safe side: the
    /// limit comes a guess sooner), and the log says so.
    pub async fn forgive(&self, store: &Store, attempt: Attempt) {
        if let Err(e) = store.refund(&attempt.entries).await {
            tracing::warn!(error = %e, "a guess that was no miss stays counted as one");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn reference(n: u8) -> String {
        ReferenceNumber::from_random([n, 1, 2, 3, 4]).to_string()
    }

    /// A database of its own for each test, as the portal's budgets live in one.
    async fn database() -> (Arc<Store>, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/portal.db", dir.path().display());
        let database = crate::db::connect(&url, None).await.unwrap();
        (Arc::new(database.store), dir)
    }

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + seconds, 0).unwrap()
    }

    /// A guess that turns out wrong: true when it was let through.
    async fn miss(t: &Throttle, db: &Store, reference: &str, client: &str, now: DateTime<Utc>) -> bool {
        t.attempt(db, reference, client, now).await.unwrap().is_some()
    }

    #[tokio::test]
    async fn a_reference_is_blocked_after_its_failures_whoever_guesses() {
        let (db, _dir) = database().await;
        let t = Throttle::new(Duration::seconds(60), 3, 100);
        let (one, two) = (reference(1), reference(2));
        for client in ["a", "b", "c"] {
            assert!(miss(&t, db.as_ref(), &one, client, at(0)).await);
        }
        assert!(!miss(&t, db.as_ref(), &one, "d", at(0)).await);
        assert!(miss(&t, db.as_ref(), &two, "d", at(0)).await);
    }

    #[tokio::test]
    async fn every_spelling_of_a_reference_from_any_of_many_addresses_shares_one_budget() {
        let (db, _dir) = database().await;
        let t = Throttle::for_residents();
        let lz = reference(9);
        let compact = lz.replace('-', "");
        let spellings = [
            compact.to_lowercase(),
            lz.replace('-', " "),
            lz[3..].to_lowercase(),
            format!(" {} ", lz.to_lowercase()),
            compact[2..].to_string(),
        ];
        for (n, spelling) in spellings.iter().enumerate() {
            let client = format!("203.0.113.{n}");
            assert!(
                miss(&t, db.as_ref(), spelling, &client, at(0)).await,
                "{spelling}"
            );
        }
        for n in 0..50 {
            let client = format!("198.51.100.{n}");
            assert!(
                !miss(&t, db.as_ref(), &lz, &client, at(0)).await,
                "{client} has a budget of its own"
            );
        }
    }

    #[test]
    fn text_that_is_no_reference_is_counted_in_capitals_without_spaces_and_hyphens() {
        let lz = reference(9);
        assert_eq!(reference_key(&lz.to_lowercase()), lz);
        assert_eq!(reference_key("ab c-d"), "ABCD");
        assert_eq!(reference_key(&"x".repeat(10_000)).len(), 40);
    }

    #[tokio::test]
    async fn a_client_is_blocked_after_its_failures_whatever_it_guesses() {
        let (db, _dir) = database().await;
        let t = Throttle::new(Duration::seconds(60), 100, 2);
        assert!(miss(&t, db.as_ref(), &reference(1), "a", at(0)).await);
        assert!(miss(&t, db.as_ref(), &reference(2), "a", at(0)).await);
        assert!(!miss(&t, db.as_ref(), &reference(3), "a", at(0)).await);
        assert!(miss(&t, db.as_ref(), &reference(3), "b", at(0)).await);
    }

    #[tokio::test]
    async fn guesses_still_being_answered_already_count() {
        let (db, _dir) = database().await;
        let lz = reference(9);
        let t = Throttle::new(Duration::seconds(60), 3, 100);
        let mut in_flight = Vec::new();
        for _ in 0..3 {
            in_flight.push(t.attempt(db.as_ref(), &lz, "a", at(0)).await.unwrap().unwrap());
        }
        assert!(!miss(&t, db.as_ref(), &lz, "b", at(0)).await);
        for attempt in in_flight {
            t.forgive(db.as_ref(), attempt).await;
        }
        assert!(miss(&t, db.as_ref(), &lz, "b", at(0)).await);
    }

    #[tokio::test]
    async fn many_guesses_at_once_never_pass_more_than_the_limit() {
        let (db, _dir) = database().await;
        let t = Arc::new(Throttle::new(Duration::seconds(60), 5, 100));
        let lz = reference(9);
        let guesses: Vec<_> = (0..40)
            .map(|n| {
                let (t, db, lz) = (t.clone(), db.clone(), lz.clone());
                tokio::spawn(async move { miss(&t, db.as_ref(), &lz, &format!("c{n}"), at(0)).await })
            })
            .collect();
        let mut passed = 0;
        for guess in guesses {
            passed += guess.await.unwrap() as usize;
        }
        assert_eq!(passed, 5);
    }

    #[tokio::test]
    async fn a_right_or_unanswered_guess_is_not_a_miss() {
        let (db, _dir) = database().await;
        let lz = reference(9);
        let t = Throttle::new(Duration::seconds(60), 1, 1);
        for _ in 0..5 {
            let attempt = t.attempt(db.as_ref(), &lz, "a", at(0)).await.unwrap();
            t.forgive(db.as_ref(), attempt.expect("not blocked")).await;
        }
        assert!(miss(&t, db.as_ref(), &lz, "a", at(0)).await);
    }

    #[tokio::test]
    async fn failures_older_than_the_window_are_forgotten() {
        let (db, _dir) = database().await;
        let lz = reference(9);
        let t = Throttle::new(Duration::seconds(900), 1, 1);
        assert!(miss(&t, db.as_ref(), &lz, "a", at(0)).await);
        assert!(!miss(&t, db.as_ref(), &lz, "a", at(899)).await);
        assert!(miss(&t, db.as_ref(), &lz, "a", at(900)).await);
    }
}
