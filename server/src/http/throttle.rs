//! Guessing a reference and a phone ending is throttled: failures are counted per reference and
//! per client over a window, and past the limit every answer is "too many attempts", right or
//! wrong, so the limit cannot be used to tell a right guess from a wrong one.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct Throttle {
    window: Duration,
    per_reference: usize,
    per_client: usize,
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl Throttle {
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

    /// True when this client or this reference has failed too often before `now`.
    pub fn blocked(&self, reference: &str, client: &str, now: Instant) -> bool {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        Self::count(&mut map, &format!("ref:{reference}"), now, self.window) >= self.per_reference
            || Self::count(&mut map, &format!("client:{client}"), now, self.window) >= self.per_client
    }

    pub fn failed(&self, reference: &str, client: &str, now: Instant) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        // Bounded memory: forget the oldest keys before the map grows without end.
        if map.len() > 100_000 {
            map.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) <= self.window)
            });
        }
        for key in [format!("ref:{reference}"), format!("client:{client}")] {
            map.entry(key).or_default().push_back(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_is_blocked_after_its_failures_whoever_guesses() {
        let t = Throttle::new(Duration::from_secs(60), 3, 100);
        let now = Instant::now();
        for client in ["a", "b", "c"] {
            assert!(!t.blocked("LZ-1", client, now));
            t.failed("LZ-1", client, now);
        }
        assert!(t.blocked("LZ-1", "d", now));
        assert!(!t.blocked("LZ-2", "d", now));
    }

    #[test]
    fn a_client_is_blocked_after_its_failures_whatever_it_guesses() {
        let t = Throttle::new(Duration::from_secs(60), 100, 2);
        let now = Instant::now();
        t.failed("LZ-1", "a", now);
        t.failed("LZ-2", "a", now);
        assert!(t.blocked("LZ-3", "a", now));
        assert!(!t.blocked("LZ-3", "b", now));
    }

    #[test]
    fn failures_older_than_the_window_are_forgotten() {
        let t = Throttle::new(Duration::from_secs(900), 1, 1);
        let now = Instant::now();
        t.failed("LZ-1", "a", now);
        assert!(t.blocked("LZ-1", "a", now + Duration::from_secs(900)));
        assert!(!t.blocked("LZ-1", "a", now + Duration::from_secs(901)));
    }
}
