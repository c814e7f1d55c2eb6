//! The time the portal acts at. In service it is the system's time; a test holds the same
//! clock as the portal it started and moves it forward (a family link's expiry, a draft's
//! retention) instead of rewriting dates in the database.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// The system's clock, plus however far a test has moved it (zero in service).
#[derive(Clone, Default)]
pub struct Clock {
    ahead_seconds: Arc<AtomicI64>,
}

impl Clock {
    /// The system's clock.
    pub fn system() -> Clock {
        Clock::default()
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::seconds(self.ahead_seconds.load(Ordering::Relaxed))
    }

    /// Today in Chongqing (UTC+8), whatever the server's own time zone.
    pub fn today(&self) -> NaiveDate {
        app::domain::clock::date_in_chongqing(self.now())
    }

    /// Moves this clock, and every copy of it, forward: only tests do this.
    pub fn advance(&self, by: Duration) {
        self.ahead_seconds.fetch_add(by.num_seconds(), Ordering::Relaxed);
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Clock(+{}s)", self.ahead_seconds.load(Ordering::Relaxed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moved_clock_moves_every_copy_and_the_date_with_it() {
        let clock = Clock::system();
        let copy = clock.clone();
        let before = copy.today();
        clock.advance(Duration::days(3));
        let moved = copy.today() - before;
        // Midnight may pass between the two readings.
        assert!(
            moved == Duration::days(3) || moved == Duration::days(4),
            "{moved}"
        );
        assert!(copy.now() - Utc::now() >= Duration::days(3) - Duration::seconds(1));
    }
}
