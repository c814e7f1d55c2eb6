//! Dates as the rules read and write them: `YYYY-MM-DD` and nothing else.
//!
//! Written out rather than left to chrono's parser: the rules run in the check's WASM, and
//! chrono's general parser (every format item, RFC 2822 included) was one of the largest
//! pieces of code a phone downloaded for them (issue 11, item 2). chrono still does the
//! calendar (`NaiveDate::from_ymd_opt`).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serializer};

/// `2019-08-01`: four digits, two, two, with hyphens, and a day that exists.
pub fn parse_ymd(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        bytes[range].iter().try_fold(0u32, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)
}

/// `NaiveDate` in serde as `YYYY-MM-DD` (`#[serde(with = "day::ymd")]`).
pub mod ymd {
    use super::*;

    pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!(
            "{:04}-{:02}-{:02}",
            date.year(),
            date.month(),
            date.day()
        ))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        parse_ymd(&text).ok_or_else(|| serde::de::Error::custom(format!("not a date as YYYY-MM-DD: {text}")))
    }
}

/// A list of dates in serde as `["YYYY-MM-DD", …]` (`#[serde(with = "day::ymd_list")]`).
pub mod ymd_list {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize, Deserialize)]
    struct Day(#[serde(with = "super::ymd")] NaiveDate);

    pub fn serialize<S: Serializer>(dates: &[NaiveDate], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(dates.iter().map(|d| Day(*d)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<NaiveDate>, D::Error> {
        let days = Vec::<Day>::deserialize(deserializer)?;
        Ok(days.into_iter().map(|Day(d)| d).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_read_only_as_year_month_day() {
        assert_eq!(parse_ymd("2019-08-01"), NaiveDate::from_ymd_opt(2019, 8, 1));
        assert_eq!(parse_ymd("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
        for bad in [
            "2023-02-29",
            "2019-8-01",
            "2019-08-1",
            "2019/08/01",
            "+019-08-01",
            "2019-08-01 ",
            "",
            "二〇一九-08-01",
            "2019-13-01",
            "2019-00-10",
        ] {
            assert_eq!(parse_ymd(bad), None, "{bad}");
        }
    }

    /// A date in serde as the parameter file holds one.
    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Day(#[serde(with = "ymd")] NaiveDate);

    #[test]
    fn a_date_reads_back_as_it_was_written() {
        let day = Day(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
        let json = serde_json::to_string(&day).unwrap();
        assert_eq!(json, "\"2026-01-05\"");
        assert_eq!(serde_json::from_str::<Day>(&json).unwrap(), day);
        assert!(serde_json::from_str::<Day>("\"2026-1-5\"").is_err());
    }

    #[test]
    fn every_day_of_four_years_reads_as_chrono_writes_it() {
        let mut date = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
        while date.year() < 2027 {
            assert_eq!(parse_ymd(&date.to_string()), Some(date));
            date = date.succ_opt().unwrap();
        }
    }
}
