//! Creating drafts and applications is limited per client: each creation writes to the
//! database (and a draft may then take documents), so one client must not be able to fill the
//! disk with them. Each creation is a budget entry in the database (`db::Store::spend`), counted
//! for ten minutes by every portal process alike; past the limit the answer is 429 until the
//! oldest expires.

use super::budget_key::budget_key;
use crate::db::Store;
use crate::db::{BackendError, Budget};
use chrono::{DateTime, Duration, Utc};
use std::net::IpAddr;

/// Ten minutes: long enough that a burst is cut off, short enough that a family or a town-hall
/// kiosk behind one address waits minutes, not hours.
pub const WINDOW_MINUTES: i64 = 10;

pub struct CreationLimit {
    window: Duration,
    /// None: no limit, and nothing counted.
    per_client: Option<i64>,
}

impl CreationLimit {
    /// A limit of `per_client` creations per window; one beyond what the database counts
    /// (`usize::MAX`, as a benchmark or a kiosk's own portal sets) is no limit at all.
    pub fn new(window: Duration, per_client: usize) -> CreationLimit {
        CreationLimit {
            window,
            per_client: i64::try_from(per_client).ok().filter(|n| *n < i64::MAX),
        }
    }

    /// Counts a creation by `client` at `now`; false (and not counted) past the limit. An
    /// error when the database cannot count: the creation could not be stored either.
    pub async fn allow(
        &self,
        store: &Store,
        client: IpAddr,
        now: DateTime<Utc>,
    ) -> Result<bool, BackendError> {
        let Some(limit) = self.per_client else {
            return Ok(true);
        };
        let budget = Budget {
            key: format!("create:{}", budget_key(client)),
            limit,
        };
        let spent = store
            .spend(std::slice::from_ref(&budget), now, now + self.window)
            .await?;
        Ok(spent.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_client_past_the_limit_waits_for_the_window_and_others_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/portal.db", dir.path().display());
        let db = &crate::db::connect(&url, None).await.unwrap().store;
        let limit = CreationLimit::new(Duration::seconds(60), 2);
        let (a, b): (IpAddr, IpAddr) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        let at = |s: i64| DateTime::from_timestamp(1_800_000_000 + s, 0).unwrap();
        assert!(limit.allow(db, a, at(0)).await.unwrap());
        assert!(limit.allow(db, a, at(0)).await.unwrap());
        assert!(!limit.allow(db, a, at(0)).await.unwrap());
        assert!(limit.allow(db, b, at(0)).await.unwrap());
        assert!(!limit.allow(db, a, at(59)).await.unwrap());
        assert!(limit.allow(db, a, at(60)).await.unwrap());
    }

    #[tokio::test]
    async fn expired_entries_are_swept_as_new_ones_are_written() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/portal.db", dir.path().display());
        let db = crate::db::connect(&url, None).await.unwrap().store;
        let limit = CreationLimit::new(Duration::seconds(1), 60);
        let at = |s: i64| DateTime::from_timestamp(1_800_000_000 + s, 0).unwrap();
        for n in 0..300u32 {
            let client = IpAddr::from([10, 0, (n / 250) as u8, (n % 250) as u8]);
            assert!(limit.allow(&db, client, at(2 * i64::from(n))).await.unwrap());
        }
        let pool = crate::db::inspect(&url).await.unwrap();
        let left: i64 = sqlx::query_scalar("SELECT count(*) FROM budget_entries")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert!(left < 100, "{left} entries left of 300, nearly all long expired");
    }
}
