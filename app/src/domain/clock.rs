//! The district's clock. Times are stored in UTC; the district lives at UTC+8 (no daylight
//! saving), and its dates decide which parameters apply and when deadlines fall.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};

fn chongqing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

/// The date in Chongqing at an instant.
pub fn date_in_chongqing(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&chongqing()).date_naive()
}

/// An instant as people in the district read it: `2026-11-30 18:42`.
pub fn minute_in_chongqing(at: DateTime<Utc>) -> String {
    at.with_timezone(&chongqing())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// The first instant of a Chongqing date, in UTC.
pub fn start_of_day(day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default() - Duration::hours(8);
    DateTime::<Utc>::from_naive_utc_and_offset(midnight, Utc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_in_the_afternoon_utc_is_already_the_next_day_in_chongqing() {
        let at: DateTime<Utc> = "2026-11-30T16:00:00Z".parse().unwrap();
        assert_eq!(date_in_chongqing(at), "2026-12-01".parse::<NaiveDate>().unwrap());
        assert_eq!(minute_in_chongqing(at), "2026-12-01 00:00");
        assert_eq!(start_of_day("2026-12-01".parse().unwrap()), at);
    }
}
