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

use app::domain::ReferenceNumber;
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct Throttle {
    window: Duration,
    per_reference: usize,
    per_client: usize,
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

/// A guess let through, counted as a miss until it is forgiven.
#[must_use = "an attempt not forgiven stays counted as a miss"]
pub struct Attempt {
    keys: [String; 2],
    at: Instant,
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
    pub const WINDOW: Duration = Duration::from_secs(15 * 60);

    /// The limits of the residents' look-ups.
    pub fn for_residents() -> Throttle {
        Throttle::new(Self::WINDOW, Self::MISSES_PER_REFERENCE, Self::MISSES_PER_CLIENT)
    }

    pub fn new(window: Duration, per_reference: usize, per_client: usize) -> Throttle {
        Throttle {
            window,
            per_reference,
            per_client,
            failures: Mutex::new(HashMap::new()),
        }
    }

    fn count(
        map: &mut HashMap<String, VecDeque<Instant>>,
        key: &str,
        now: Instant,
        window: Duration,
    ) -> usize {
        let Some(times) = map.get_mut(key) else { return 0 };
        while times.front().is_some_and(|t| now.duration_since(*t) > window) {
            times.pop_front();
        }
        times.len()
    }

    /// A guess at `reference` (as typed) from `client`: None when the reference or the client
    /// has missed too often; else the attempt, counted as a miss until it is forgiven.
    pub fn attempt(&self, reference: &str, client: &str, now: Instant) -> Option<Attempt> {
        let keys = [
            format!("ref:{}", reference_key(reference)),
            format!("client:{client}"),
        ];
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let limits = [self.per_reference, self.per_client];
        if keys
            .iter()
            .zip(limits)
            .any(|(key, limit)| Self::count(&mut map, key, now, self.window) >= limit)
        {
            return None;
        }
        // Bounded memory: forget the keys without a recent miss before the map grows without end.
        if map.len() > 100_000 {
            map.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) <= self.window)
            });
        }
        for key in &keys {
            map.entry(key.clone()).or_default().push_back(now);
        }
        Some(Attempt { keys, at: now })
    }

    /// The attempt was no miss: it was right, or the database could not answer it.
    pub fn forgive(&self, attempt: Attempt) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        for key in &attempt.keys {
            if let Some(times) = map.get_mut(key) {
                if let Some(i) = times.iter().rposition(|t| *t == attempt.at) {
                    times.remove(i);
                }
                if times.is_empty() {
                    map.remove(key);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(n: u8) -> String {
        ReferenceNumber::from_random([n, 1, 2, 3, 4]).to_string()
    }

    /// A guess that turns out wrong.
    fn miss(t: &Throttle, reference: &str, client: &str, now: Instant) -> bool {
        t.attempt(reference, client, now).is_some()
    }

    #[test]
    fn a_reference_is_blocked_after_its_failures_whoever_guesses() {
        let t = Throttle::new(Duration::from_secs(60), 3, 100);
        let now = Instant::now();
        let (one, two) = (reference(1), reference(2));
        for client in ["a", "b", "c"] {
            assert!(miss(&t, &one, client, now));
        }
        assert!(t.attempt(&one, "d", now).is_none());
        assert!(t.attempt(&two, "d", now).is_some());
    }

    #[test]
    fn every_spelling_of_a_reference_from_any_of_many_addresses_shares_one_budget() {
        let t = Throttle::for_residents();
        let now = Instant::now();
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
            assert!(miss(&t, spelling, &format!("203.0.113.{n}"), now), "{spelling}");
        }
        for n in 0..50 {
            let client = format!("198.51.100.{n}");
            assert!(
                t.attempt(&lz, &client, now).is_none(),
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

    #[test]
    fn a_client_is_blocked_after_its_failures_whatever_it_guesses() {
        let t = Throttle::new(Duration::from_secs(60), 100, 2);
        let now = Instant::now();
        assert!(miss(&t, &reference(1), "a", now));
        assert!(miss(&t, &reference(2), "a", now));
        assert!(t.attempt(&reference(3), "a", now).is_none());
        assert!(t.attempt(&reference(3), "b", now).is_some());
    }

    #[test]
    fn guesses_still_being_answered_already_count() {
        let lz = reference(9);
        let t = Throttle::new(Duration::from_secs(60), 3, 100);
        let now = Instant::now();
        let in_flight: Vec<Attempt> = (0..3).filter_map(|_| t.attempt(&lz, "a", now)).collect();
        assert_eq!(in_flight.len(), 3);
        assert!(t.attempt(&lz, "b", now).is_none());
        for attempt in in_flight {
            t.forgive(attempt);
        }
        assert!(t.attempt(&lz, "b", now).is_some());
    }

    #[test]
    fn a_right_or_unanswered_guess_is_not_a_miss() {
        let lz = reference(9);
        let t = Throttle::new(Duration::from_secs(60), 1, 1);
        let now = Instant::now();
        for _ in 0..5 {
            let attempt = t.attempt(&lz, "a", now).expect("not blocked");
            t.forgive(attempt);
        }
        assert!(t.attempt(&lz, "a", now).is_some());
    }

    #[test]
    fn failures_older_than_the_window_are_forgotten() {
        let lz = reference(9);
        let t = Throttle::new(Duration::from_secs(900), 1, 1);
        let now = Instant::now();
        assert!(miss(&t, &lz, "a", now));
        assert!(t.attempt(&lz, "a", now + Duration::from_secs(900)).is_none());
        assert!(t.attempt(&lz, "a", now + Duration::from_secs(901)).is_some());
    }
}
