//! The policy's numbers as data (RULES.md §7): a dated schedule per key, each entry with its
//! source. The defaults are embedded at build time; the server may load another file.

use super::money::Money;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The default parameter file, embedded so that the WASM and the server start from the same
/// numbers. An official replaces it with a file given to the server (README, "Parameters").
pub const DEFAULT_PARAMETER_FILE: &str = include_str!("parameters.json");

/// One dated value: in force from `from` until the next entry's `from`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry<T> {
    pub from: NaiveDate,
    pub value: T,
    /// False for the indicative placeholders RULES.md marks *unverified*.
    #[serde(default)]
    pub verified: bool,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Schedule<T> {
    #[serde(default)]
    pub unit: String,
    pub schedule: Vec<Entry<T>>,
}

impl<T: Copy> Schedule<T> {
    /// The value in force on `date`, if the schedule has started by then.
    pub fn on(&self, date: NaiveDate) -> Option<T> {
        self.schedule
            .iter()
            .filter(|e| e.from <= date)
            .max_by_key(|e| e.from)
            .map(|e| e.value)
    }

    fn first_date(&self) -> Option<NaiveDate> {
        self.schedule.iter().map(|e| e.from).min()
    }
}

/// Every parameter of RULES.md §7, by its key in the file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParameterTable {
    pub dibao_monthly: Schedule<Money>,
    pub per_capita_disposable_income_prev_year: Schedule<Money>,
    #[serde(rename = "emergency.event_window_days")]
    pub emergency_event_window_days: Schedule<i64>,
    #[serde(rename = "emergency.months_per_person")]
    pub emergency_months_per_person: Schedule<i64>,
    #[serde(rename = "emergency.cap_multiple")]
    pub emergency_cap_multiple: Schedule<i64>,
    #[serde(rename = "expense.cap_multiple")]
    pub expense_cap_multiple: Schedule<i64>,
    #[serde(rename = "above_cap.max_multiple_of_cap")]
    pub above_cap_max_multiple_of_cap: Schedule<i64>,
    #[serde(rename = "emergency.advance_limit_multiple")]
    pub emergency_advance_limit_multiple: Schedule<i64>,
    #[serde(rename = "approval.town_limit_multiple")]
    pub approval_town_limit_multiple: Schedule<i64>,
    #[serde(rename = "property.asset_months")]
    pub property_asset_months: Schedule<i64>,
    #[serde(rename = "repeat.window_days")]
    pub repeat_window_days: Schedule<i64>,
    #[serde(rename = "referral.key_person_min_age")]
    pub referral_key_person_min_age: Schedule<i64>,
    #[serde(rename = "referral.working_age_min")]
    pub referral_working_age_min: Schedule<i64>,
    #[serde(rename = "referral.working_age_max")]
    pub referral_working_age_max: Schedule<i64>,
    #[serde(rename = "deadline.accept_emergency_working_days")]
    pub deadline_accept_emergency_working_days: Schedule<i64>,
    #[serde(rename = "deadline.advance_hours")]
    pub deadline_advance_hours: Schedule<i64>,
    #[serde(rename = "deadline.advance_paperwork_working_days")]
    pub deadline_advance_paperwork_working_days: Schedule<i64>,
    #[serde(rename = "deadline.town_review_working_days")]
    pub deadline_town_review_working_days: Schedule<i64>,
    #[serde(rename = "deadline.district_approval_working_days")]
    pub deadline_district_approval_working_days: Schedule<i64>,
    #[serde(rename = "publicity.days")]
    pub publicity_days: Schedule<i64>,
    /// How long a family link keeps working once the case is decided (the portal's own choice).
    #[serde(rename = "family_link.days_after_decision")]
    pub family_link_days_after_decision: Schedule<i64>,
    /// How long an application started and never submitted is kept (the portal's own choice).
    #[serde(rename = "drafts.retention_days")]
    pub drafts_retention_days: Schedule<i64>,
}

/// A whole parameter file: a named, versioned set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Parameters {
    /// Shared, not copied, into every assessment.
    pub name: Arc<str>,
    pub version: Arc<str>,
    #[serde(default)]
    pub notes: String,
    pub parameters: ParameterTable,
}

/// The values in force on one date, as the rules use them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InForce {
    pub date: NaiveDate,
    pub dibao_monthly: Money,
    pub per_capita_income_line: Money,
    pub emergency_event_window_days: i64,
    pub emergency_months_per_person: i64,
    pub emergency_cap_multiple: i64,
    pub expense_cap_multiple: i64,
    pub above_cap_max_multiple_of_cap: i64,
    pub emergency_advance_limit_multiple: i64,
    pub approval_town_limit_multiple: i64,
    pub property_asset_months: i64,
    pub repeat_window_days: i64,
    pub key_person_min_age: i64,
    pub working_age_min: i64,
    pub working_age_max: i64,
    pub deadline_accept_emergency_working_days: i64,
    pub deadline_advance_hours: i64,
    pub deadline_advance_paperwork_working_days: i64,
    pub deadline_town_review_working_days: i64,
    pub deadline_district_approval_working_days: i64,
    pub publicity_days: i64,
    pub family_link_days_after_decision: i64,
    pub drafts_retention_days: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParameterError {
    /// The file is not a parameter file; the text says where.
    Unreadable(String),
    /// A key has no entries, or a value that makes no sense (a negative standard, …).
    Invalid(String),
}

impl std::fmt::Display for ParameterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParameterError::Unreadable(why) => write!(f, "parameter file unreadable: {why}"),
            ParameterError::Invalid(why) => write!(f, "parameter file invalid: {why}"),
        }
    }
}

impl std::error::Error for ParameterError {}

impl Parameters {
    /// The embedded defaults. They are checked by a test, so this cannot fail at run time.
    pub fn defaults() -> Parameters {
        Parameters::from_json(DEFAULT_PARAMETER_FILE).expect("the embedded parameter file is valid")
    }

    pub fn from_json(text: &str) -> Result<Parameters, ParameterError> {
        let parameters: Parameters =
            serde_json::from_str(text).map_err(|e| ParameterError::Unreadable(e.to_string()))?;
        parameters.check()?;
        Ok(parameters)
    }

    /// Rejects a file an official could not have meant: an empty schedule, a negative or
    /// zero standard, an upside-down working-age range.
    fn check(&self) -> Result<(), ParameterError> {
        let t = &self.parameters;
        let money = [
            ("dibao_monthly", &t.dibao_monthly),
            (
                "per_capita_disposable_income_prev_year",
                &t.per_capita_disposable_income_prev_year,
            ),
        ];
        for (key, s) in money {
            if s.schedule.is_empty() {
                return Err(ParameterError::Invalid(format!("{key} has no entries")));
            }
            if s.schedule.iter().any(|e| !e.value.is_positive()) {
                return Err(ParameterError::Invalid(format!("{key} must be above zero")));
            }
        }
        for (key, s) in self.count_schedules() {
            if s.schedule.is_empty() {
                return Err(ParameterError::Invalid(format!("{key} has no entries")));
            }
            if s.schedule.iter().any(|e| e.value < 0 || e.value > 100_000) {
                return Err(ParameterError::Invalid(format!("{key} is out of range")));
            }
        }
        let first = self.first_date();
        if let Some(date) = first {
            let f = self
                .on(date)
                .map_err(|_| ParameterError::Invalid("no common start".into()))?;
            if f.working_age_min > f.working_age_max {
                return Err(ParameterError::Invalid("working age range is upside down".into()));
            }
        }
        Ok(())
    }

    fn count_schedules(&self) -> [(&'static str, &Schedule<i64>); 20] {
        let t = &self.parameters;
        [
            ("emergency.event_window_days", &t.emergency_event_window_days),
            ("emergency.months_per_person", &t.emergency_months_per_person),
            ("emergency.cap_multiple", &t.emergency_cap_multiple),
            ("expense.cap_multiple", &t.expense_cap_multiple),
            ("above_cap.max_multiple_of_cap", &t.above_cap_max_multiple_of_cap),
            (
                "emergency.advance_limit_multiple",
                &t.emergency_advance_limit_multiple,
            ),
            ("approval.town_limit_multiple", &t.approval_town_limit_multiple),
            ("property.asset_months", &t.property_asset_months),
            ("repeat.window_days", &t.repeat_window_days),
            ("referral.key_person_min_age", &t.referral_key_person_min_age),
            ("referral.working_age_min", &t.referral_working_age_min),
            ("referral.working_age_max", &t.referral_working_age_max),
            (
                "deadline.accept_emergency_working_days",
                &t.deadline_accept_emergency_working_days,
            ),
            ("deadline.advance_hours", &t.deadline_advance_hours),
            (
                "deadline.advance_paperwork_working_days",
                &t.deadline_advance_paperwork_working_days,
            ),
            (
                "deadline.town_review_working_days",
                &t.deadline_town_review_working_days,
            ),
            (
                "deadline.district_approval_working_days",
                &t.deadline_district_approval_working_days,
            ),
            ("publicity.days", &t.publicity_days),
            (
                "family_link.days_after_decision",
                &t.family_link_days_after_decision,
            ),
            ("drafts.retention_days", &t.drafts_retention_days),
        ]
    }

    /// The first date on which every parameter has a value (RULES.md §8): earlier dates are
    /// invalid input.
    pub fn first_date(&self) -> Option<NaiveDate> {
        let t = &self.parameters;
        let money = [
            t.dibao_monthly.first_date(),
            t.per_capita_disposable_income_prev_year.first_date(),
        ];
        let counts = self.count_schedules().map(|(_, s)| s.first_date());
        money
            .into_iter()
            .chain(counts)
            .try_fold(NaiveDate::MIN, |latest, d| Some(latest.max(d?)))
    }

    /// The latest date any entry starts on: the date of the set as a whole.
    pub fn last_change(&self) -> Option<NaiveDate> {
        let t = &self.parameters;
        let money = [&t.dibao_monthly, &t.per_capita_disposable_income_prev_year]
            .into_iter()
            .flat_map(|s| s.schedule.iter().map(|e| e.from));
        let counts = self
            .count_schedules()
            .into_iter()
            .flat_map(|(_, s)| s.schedule.iter().map(|e| e.from));
        money.chain(counts).max()
    }

    /// Whether any value in force on `date` is still an unverified placeholder.
    pub fn has_unverified_on(&self, date: NaiveDate) -> bool {
        fn unverified<T>(s: &Schedule<T>, date: NaiveDate) -> bool {
            s.schedule
                .iter()
                .filter(|e| e.from <= date)
                .max_by_key(|e| e.from)
                .is_some_and(|e| !e.verified)
        }
        let t = &self.parameters;
        unverified(&t.dibao_monthly, date)
            || unverified(&t.per_capita_disposable_income_prev_year, date)
            || self.count_schedules().iter().any(|(_, s)| unverified(s, date))
    }

    /// The values in force on `date`, or `Err(first_date)` when `date` is before it.
    pub fn on(&self, date: NaiveDate) -> Result<InForce, NaiveDate> {
        let t = &self.parameters;
        // Only worked out when a value is missing: assessing stays a few lookups.
        let missing = || self.first_date().unwrap_or(NaiveDate::MAX);
        Ok(InForce {
            date,
            dibao_monthly: t.dibao_monthly.on(date).ok_or_else(missing)?,
            per_capita_income_line: t
                .per_capita_disposable_income_prev_year
                .on(date)
                .ok_or_else(missing)?,
            emergency_event_window_days: t.emergency_event_window_days.on(date).ok_or_else(missing)?,
            emergency_months_per_person: t.emergency_months_per_person.on(date).ok_or_else(missing)?,
            emergency_cap_multiple: t.emergency_cap_multiple.on(date).ok_or_else(missing)?,
            expense_cap_multiple: t.expense_cap_multiple.on(date).ok_or_else(missing)?,
            above_cap_max_multiple_of_cap: t.above_cap_max_multiple_of_cap.on(date).ok_or_else(missing)?,
            emergency_advance_limit_multiple: t
                .emergency_advance_limit_multiple
                .on(date)
                .ok_or_else(missing)?,
            approval_town_limit_multiple: t.approval_town_limit_multiple.on(date).ok_or_else(missing)?,
            property_asset_months: t.property_asset_months.on(date).ok_or_else(missing)?,
            repeat_window_days: t.repeat_window_days.on(date).ok_or_else(missing)?,
            key_person_min_age: t.referral_key_person_min_age.on(date).ok_or_else(missing)?,
            working_age_min: t.referral_working_age_min.on(date).ok_or_else(missing)?,
            working_age_max: t.referral_working_age_max.on(date).ok_or_else(missing)?,
            deadline_accept_emergency_working_days: t
                .deadline_accept_emergency_working_days
                .on(date)
                .ok_or_else(missing)?,
            deadline_advance_hours: t.deadline_advance_hours.on(date).ok_or_else(missing)?,
            deadline_advance_paperwork_working_days: t
                .deadline_advance_paperwork_working_days
                .on(date)
                .ok_or_else(missing)?,
            deadline_town_review_working_days: t
                .deadline_town_review_working_days
                .on(date)
                .ok_or_else(missing)?,
            deadline_district_approval_working_days: t
                .deadline_district_approval_working_days
                .on(date)
                .ok_or_else(missing)?,
            publicity_days: t.publicity_days.on(date).ok_or_else(missing)?,
            family_link_days_after_decision: t
                .family_link_days_after_decision
                .on(date)
                .ok_or_else(missing)?,
            drafts_retention_days: t.drafts_retention_days.on(date).ok_or_else(missing)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_embedded_file_is_valid_and_starts_on_2019_01_01() {
        let p = Parameters::defaults();
        assert_eq!(p.first_date(), Some(day("2019-01-01")));
    }

    #[test]
    fn the_dibao_standard_is_526_until_june_2019_and_546_from_july() {
        let p = Parameters::defaults();
        assert_eq!(
            p.on(day("2019-06-30")).unwrap().dibao_monthly,
            Money::from_yuan(526)
        );
        assert_eq!(
            p.on(day("2019-07-01")).unwrap().dibao_monthly,
            Money::from_yuan(546)
        );
    }

    #[test]
    fn the_income_line_is_34889_in_2019_and_37939_from_2020() {
        let p = Parameters::defaults();
        assert_eq!(
            p.on(day("2019-12-31")).unwrap().per_capita_income_line,
            Money::from_yuan(34889)
        );
        assert_eq!(
            p.on(day("2020-01-01")).unwrap().per_capita_income_line,
            Money::from_yuan(37939)
        );
    }

    #[test]
    fn a_date_before_the_first_common_date_has_no_parameters() {
        let p = Parameters::defaults();
        assert_eq!(p.on(day("2018-12-31")), Err(day("2019-01-01")));
        assert!(p.on(day("2019-01-01")).is_ok());
    }

    #[test]
    fn the_above_cap_limit_is_three_times_the_cap_as_the_notice_binds() {
        let p = Parameters::defaults();
        assert_eq!(p.on(day("2019-08-01")).unwrap().above_cap_max_multiple_of_cap, 3);
    }

    #[test]
    fn a_file_with_an_empty_schedule_is_refused() {
        let text = DEFAULT_PARAMETER_FILE.replacen(
            r#""schedule": [{ "from": "2019-01-01", "value": 90, "verified": false, "source": "local practice" }]"#,
            r#""schedule": []"#,
            1,
        );
        assert!(matches!(
            Parameters::from_json(&text),
            Err(ParameterError::Invalid(_))
        ));
    }

    #[test]
    fn a_later_entry_changes_the_value_only_from_its_date() {
        let text = DEFAULT_PARAMETER_FILE.replacen(
            r#"{ "from": "2019-07-01", "value": 546,"#,
            r#"{ "from": "2019-07-01", "value": 546, "verified": false, "source": "x" }, { "from": "2021-01-01", "value": 600,"#,
            1,
        );
        let p = Parameters::from_json(&text).unwrap();
        assert_eq!(
            p.on(day("2020-12-31")).unwrap().dibao_monthly,
            Money::from_yuan(546)
        );
        assert_eq!(
            p.on(day("2021-01-01")).unwrap().dibao_monthly,
            Money::from_yuan(600)
        );
    }
}
