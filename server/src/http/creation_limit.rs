//! Creating drafts and applications is limited per client: each creation writes to the
//! database (and a draft may then take documents), so one client must not be able to fill the
//! disk with them. A sliding window of the creations each client made; past the limit the
//! answer is 429 until the oldest leaves the window.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Ten minutes: long enough that a burst is cut off, short enough that a family or a town-hall
/// kiosk behind one address waits minutes, not hours.
pub const WINDOW: Duration = Duration::from_secs(10 * 60);

pub struct CreationLimit {
    window: Duration,
    per_client: usize,
    seen: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

impl CreationLimit {
    pub fn new(window: Duration, per_client: usize) -> CreationLimit {
        CreationLimit {
            window,
            per_client,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a creation by `client` at `now`; false (and not counted) past the limit.
    pub fn allow(&self, client: IpAddr, now: Instant) -> bool {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        // Bounded memory: forget clients whose creations have all left the window.
        if seen.len() > 100_000 {
            seen.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) <= self.window)
            });
        }
        let times = seen.entry(client).or_default();
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) > self.window)
        {
            times.pop_front();
        }
        if times.len() >= self.per_client {
            return false;
        }
        times.push_back(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_past_the_limit_waits_for_the_window_and_others_do_not() {
        let limit = CreationLimit::new(Duration::from_secs(60), 2);
        let (a, b): (IpAddr, IpAddr) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        let now = Instant::now();
        assert!(limit.allow(a, now));
        assert!(limit.allow(a, now));
        assert!(!limit.allow(a, now));
        assert!(limit.allow(b, now));
        assert!(!limit.allow(a, now + Duration::from_secs(60)));
        assert!(limit.allow(a, now + Duration::from_secs(61)));
    }
}
