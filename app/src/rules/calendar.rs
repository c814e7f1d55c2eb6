//! Working days as the State Council arranges them (RULES.md §6): each year's notice on public
//! holidays (国务院办公厅关于某年部分节假日安排的通知) names the days off and the weekend days
//! worked instead (调休上班). Deadlines count these, not Monday to Friday.
//!
//! The arrangements are dated data in the parameter file, like every other number of the
//! policy: a year's entry is never edited; a correction (the 2019 May Day change, the 2020
//! Spring Festival extension) is a later entry for the same year, in force from its own date.

use super::parameter_error::ParameterError;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// One year's arrangement as a notice gave it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Arrangement {
    pub year: i32,
    /// The day it was announced: deadlines worked out from then on use it.
    #[serde(with = "super::day::ymd")]
    pub from: NaiveDate,
    /// False while the text has been read only in reprints, not in an official copy.
    #[serde(default)]
    pub verified: bool,
    pub source: String,
    /// Days off that would otherwise be worked (or fall in the break); weekends may be listed.
    #[serde(with = "super::day::ymd_list")]
    pub holidays: Vec<NaiveDate>,
    /// Saturdays and Sundays worked in exchange (调休上班).
    #[serde(with = "super::day::ymd_list")]
    pub workdays: Vec<NaiveDate>,
}

/// Every arrangement the portal knows, oldest first as the file lists them. A year with none
/// counts Monday to Friday: that is the rule until its notice appears (each November).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Calendar {
    pub arrangements: Vec<Arrangement>,
}

impl Calendar {
    /// The days off and the days worked as known on `date`: for each year, its latest
    /// arrangement announced by then.
    pub fn as_of(&self, date: NaiveDate) -> WorkingDays {
        let mut days = WorkingDays::default();
        for year in self.years() {
            if let Some(a) = self.in_force(year, date) {
                days.holidays.extend(&a.holidays);
                days.workdays.extend(&a.workdays);
            }
        }
        days
    }

    /// The arrangement for `year` in force on `date`, if one was announced by then.
    pub fn in_force(&self, year: i32, date: NaiveDate) -> Option<&Arrangement> {
        self.arrangements
            .iter()
            .filter(|a| a.year == year && a.from <= date)
            .max_by_key(|a| a.from)
    }

    /// The years with an arrangement, in order.
    pub fn years(&self) -> BTreeSet<i32> {
        self.arrangements.iter().map(|a| a.year).collect()
    }

    /// Refuses an arrangement no notice could have made: nothing off, a weekday "worked in
    /// exchange", a day both off and worked, a date far from its year, two entries of a year
    /// on one date, no source.
    pub fn check(&self) -> Result<(), ParameterError> {
        let mut seen = BTreeSet::new();
        for a in &self.arrangements {
            let invalid = |why: String| Err(ParameterError::Invalid(format!("calendar {}: {why}", a.year)));
            if !seen.insert((a.year, a.from)) {
                return invalid(format!("two arrangements from {}", a.from));
            }
            if a.source.trim().is_empty() {
                return invalid("no source".into());
            }
            if a.holidays.is_empty() {
                return invalid("no days off".into());
            }
            let near = |d: &NaiveDate| (a.year - 1..=a.year + 1).contains(&d.year());
            if let Some(d) = a.holidays.iter().chain(&a.workdays).find(|d| !near(d)) {
                return invalid(format!("{d} is not in or next to {}", a.year));
            }
            if let Some(d) = a.workdays.iter().find(|d| !is_weekend(**d)) {
                return invalid(format!("{d} is a working day already"));
            }
            if let Some(d) = a.workdays.iter().find(|d| a.holidays.contains(d)) {
                return invalid(format!("{d} is both a day off and a day worked"));
            }
        }
        Ok(())
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The working days of a calendar as known on one date (`Calendar::as_of`). The default knows
/// no arrangement: Monday to Friday.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkingDays {
    holidays: BTreeSet<NaiveDate>,
    workdays: BTreeSet<NaiveDate>,
}

impl WorkingDays {
    /// A weekend day worked in exchange is a working day; a day off is not; otherwise Monday
    /// to Friday.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.workdays.contains(&date) {
            return true;
        }
        !self.holidays.contains(&date) && !is_weekend(date)
    }

    /// The date `n` working days after `from` (a submission on Friday with n = 1 is due on
    /// the next working day, the Monday in an ordinary week).
    pub fn add(&self, from: NaiveDate, n: i64) -> NaiveDate {
        let mut date = from;
        let mut left = n;
        while left > 0 {
            date += Duration::days(1);
            if self.is_working_day(date) {
                left -= 1;
            }
        }
        date
    }

    /// The working days after `from` up to and including `to`: how long a paused clock stood
    /// still. Zero when `to` is not after `from`.
    pub fn between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let mut date = from;
        let mut count = 0;
        while date < to {
            date += Duration::days(1);
            if self.is_working_day(date) {
                count += 1;
            }
        }
        count
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Parameters;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// The embedded calendar as known on `date`.
    fn known_on(date: &str) -> WorkingDays {
        Parameters::defaults().calendar.as_of(day(date))
    }

    #[test]
    fn one_working_day_after_an_ordinary_friday_is_the_monday() {
        let days = known_on("2019-08-01");
        assert_eq!(days.add(day("2019-08-02"), 1), day("2019-08-05"));
        assert_eq!(days.add(day("2019-08-01"), 10), day("2019-08-15"));
        assert_eq!(
            days.add(day("2019-08-03"), 1),
            day("2019-08-05"),
            "a Saturday counts from Monday"
        );
    }

    #[test]
    fn a_pause_from_friday_to_the_next_tuesday_lasts_two_working_days() {
        let days = known_on("2019-08-01");
        assert_eq!(days.between(day("2019-08-02"), day("2019-08-06")), 2);
        assert_eq!(days.between(day("2019-08-06"), day("2019-08-02")), 0);
    }

    /// 2024's Spring Festival: 10–17 February off, Sunday 4 and Sunday 18 worked
    /// (国办发明电〔2023〕7号).
    #[test]
    fn the_spring_festival_2024_is_skipped_and_its_make_up_sundays_are_worked() {
        let days = known_on("2024-01-15");
        assert!(
            days.is_working_day(day("2024-02-04")),
            "Sunday worked before the break"
        );
        assert!(
            days.is_working_day(day("2024-02-18")),
            "Sunday worked after the break"
        );
        assert!(!days.is_working_day(day("2024-02-12")), "a Monday in the break");
        // Friday the 9th (除夕, still worked) + 1 working day is Sunday the 18th, not Monday the 12th.
        assert_eq!(days.add(day("2024-02-09"), 1), day("2024-02-18"));
        // Saturday the 3rd + 1 is the Sunday worked.
        assert_eq!(days.add(day("2024-02-03"), 1), day("2024-02-04"));
        // Ten working days from Thursday 1 February: 2, 4, 5, 6, 7, 8, 9, 18, 19, 20.
        assert_eq!(days.add(day("2024-02-01"), 10), day("2024-02-20"));
        // Mon–Fri alone would have said 15 February, a day off.
        assert_eq!(
            WorkingDays::default().add(day("2024-02-01"), 10),
            day("2024-02-15")
        );
    }

    /// 2024's National Day: 1–7 October off, Sunday 29 September and Saturday 12 October worked.
    #[test]
    fn the_national_day_week_2024_is_skipped_and_its_make_up_days_are_worked() {
        let days = known_on("2024-09-01");
        assert_eq!(days.add(day("2024-09-30"), 1), day("2024-10-08"));
        assert_eq!(days.add(day("2024-09-28"), 1), day("2024-09-29"));
        assert_eq!(days.add(day("2024-10-11"), 1), day("2024-10-12"));
        // A clock paused from Friday 27 September to Tuesday 8 October stood still for 3
        // working days: Sunday 29, Monday 30 and Tuesday 8.
        assert_eq!(days.between(day("2024-09-27"), day("2024-10-08")), 3);
    }

    /// The 2020 Spring Festival was extended to 2 February on 27 January (国办发明电〔2020〕1号):
    /// Saturday 1 February, to be worked, became a day off, from that day on.
    #[test]
    fn a_later_arrangement_for_a_year_counts_only_from_its_own_date() {
        let before = known_on("2020-01-20");
        let after = known_on("2020-01-27");
        assert!(before.is_working_day(day("2020-02-01")));
        assert!(!after.is_working_day(day("2020-02-01")));
        assert!(!after.is_working_day(day("2020-01-31")));
        assert_eq!(after.add(day("2020-01-23"), 1), day("2020-02-03"));
    }

    #[test]
    fn a_year_not_yet_announced_counts_monday_to_friday() {
        let days = known_on("2025-10-01");
        // 2026's notice came on 4 November 2025: until then New Year's Day 2026 was a Thursday like any.
        assert!(days.is_working_day(day("2026-01-01")));
        assert!(!known_on("2025-11-04").is_working_day(day("2026-01-01")));
        assert!(days.is_working_day(day("2027-01-04")));
    }

    #[test]
    fn every_year_from_2019_to_2026_has_an_arrangement_with_its_source() {
        let calendar = Parameters::defaults().calendar;
        assert_eq!(calendar.years(), (2019..=2026).collect());
        assert!(
            calendar
                .arrangements
                .iter()
                .all(|a| a.source.contains("国办发明电") || a.source.contains("文号待核实"))
        );
        calendar.check().unwrap();
    }

    fn arrangement(holidays: &[&str], workdays: &[&str]) -> Calendar {
        Calendar {
            arrangements: vec![Arrangement {
                year: 2024,
                from: day("2023-10-25"),
                verified: false,
                source: "test".into(),
                holidays: holidays.iter().map(|d| day(d)).collect(),
                workdays: workdays.iter().map(|d| day(d)).collect(),
            }],
        }
    }

    #[test]
    fn an_arrangement_no_notice_could_make_is_refused_with_the_reason() {
        let refused = |c: Calendar| match c.check() {
            Err(ParameterError::Invalid(why)) => why,
            other => panic!("{other:?}"),
        };
        assert!(arrangement(&["2024-10-01"], &["2024-10-12"]).check().is_ok());
        assert!(refused(arrangement(&[], &[])).contains("no days off"));
        assert!(
            refused(arrangement(&["2024-10-01"], &["2024-10-08"]))
                .contains("2024-10-08 is a working day already")
        );
        assert!(refused(arrangement(&["2024-10-01", "2024-10-12"], &["2024-10-12"])).contains("both"));
        assert!(refused(arrangement(&["2027-10-01"], &[])).contains("not in or next to 2024"));
        let mut twice = arrangement(&["2024-10-01"], &[]);
        twice.arrangements.push(twice.arrangements[0].clone());
        assert!(refused(twice).contains("two arrangements"));
    }
}
