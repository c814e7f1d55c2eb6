//! Deadlines in working days (RULES.md §6 and §7). A working day is Monday to Friday; the
//! national holiday calendar (with its swapped weekend days) is not modelled yet, so a deadline
//! over a holiday falls early, never late.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The date `n` working days after `from` (a submission on Friday with n = 1 is due Monday).
pub fn add_working_days(from: NaiveDate, n: i64) -> NaiveDate {
    let mut date = from;
    let mut left = n;
    while left > 0 {
        date += Duration::days(1);
        if is_working_day(date) {
            left -= 1;
        }
    }
    date
}

/// The working days after `from` up to and including `to`: how long a paused clock stood
/// still. Zero when `to` is not after `from`.
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    let mut date = from;
    let mut count = 0;
    while date < to {
        date += Duration::days(1);
        if is_working_day(date) {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn one_working_day_after_a_friday_is_the_monday() {
        assert_eq!(add_working_days(day("2019-08-02"), 1), day("2019-08-05"));
    }

    #[test]
    fn ten_working_days_after_a_thursday_is_two_weeks_later() {
        assert_eq!(add_working_days(day("2019-08-01"), 10), day("2019-08-15"));
    }

    #[test]
    fn a_pause_from_friday_to_the_next_tuesday_lasts_two_working_days() {
        assert_eq!(working_days_between(day("2019-08-02"), day("2019-08-06")), 2);
        assert_eq!(working_days_between(day("2019-08-06"), day("2019-08-02")), 0);
    }

    #[test]
    fn a_saturday_submission_counts_from_the_monday() {
        assert_eq!(add_working_days(day("2019-08-03"), 1), day("2019-08-05"));
    }
}
