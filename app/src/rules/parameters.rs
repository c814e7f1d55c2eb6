//! The policy's numbers as data (RULES.md §7): a dated schedule per key, each entry with its
//! source. The defaults are embedded at build time; the server may load another file.

use super::calendar::Calendar;
use super::money::Money;
pub use super::parameter_error::ParameterError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The default parameter file, embedded so that the WASM and the server start from the same
/// numbers. An official replaces it with a file given to the server (docs/parameters.md).
pub const DEFAULT_PARAMETER_FILE: &str = include_str!("parameters.json");

/// One dated value: in force from `from` until the next entry's `from`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry<T> {
    #[serde(with = "super::day::ymd")]
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

/// What a key holds: an amount of money (yuan, to the fen) or a whole number (days, ages,
/// multiples).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    Money,
    Count,
}

/// A value a parameter can hold, and what the file's check demands of it.
pub trait ParameterValue: Copy + std::fmt::Display {
    const KIND: ValueKind;
    /// Whether an official could have meant it: a standard above zero, a count in range.
    fn sensible(&self) -> bool;
    /// As a whole number, for the compact form (fen for money).
    fn whole(&self) -> i64;
    fn from_whole(whole: i64) -> Self;
}

impl ParameterValue for Money {
    const KIND: ValueKind = ValueKind::Money;
    fn sensible(&self) -> bool {
        self.is_positive()
    }
    fn whole(&self) -> i64 {
        self.fen()
    }
    fn from_whole(whole: i64) -> Money {
        Money::from_fen(whole)
    }
}

impl ParameterValue for i64 {
    const KIND: ValueKind = ValueKind::Count;
    fn sensible(&self) -> bool {
        (0..=100_000).contains(self)
    }
    fn whole(&self) -> i64 {
        *self
    }
    fn from_whole(whole: i64) -> i64 {
        whole
    }
}

/// One dated value as the admin page shows it, whatever its type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryRow {
    pub from: NaiveDate,
    pub value: String,
    pub verified: bool,
    pub source: String,
}

/// One parameter as the admin page shows it: its key, unit, the entry in force on a date and
/// its whole history, newest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParameterRow {
    pub key: &'static str,
    pub unit: String,
    pub in_force: Option<EntryRow>,
    pub history: Vec<EntryRow>,
}

impl<T: ParameterValue> Schedule<T> {
    /// `2019-08-01:54600:1;2024-01-01:…`: each entry's date, value and verified mark.
    fn compact(&self) -> String {
        let entries: Vec<String> = self
            .schedule
            .iter()
            .map(|e| format!("{}:{}:{}", e.from, e.value.whole(), u8::from(e.verified)))
            .collect();
        entries.join(";")
    }

    fn from_compact(text: &str) -> Option<Schedule<T>> {
        let entry = |text: &str| {
            let mut parts = text.split(':');
            let from = super::day::parse_ymd(parts.next()?)?;
            let value = T::from_whole(parts.next()?.parse().ok()?);
            let verified = parts.next()? == "1";
            Some(Entry {
                from,
                value,
                verified,
                source: String::new(),
            })
        };
        let schedule = text.split(';').map(entry).collect::<Option<Vec<_>>>()?;
        Some(Schedule {
            unit: String::new(),
            schedule,
        })
    }

    fn check(&self, key: &str) -> Result<(), ParameterError> {
        if self.schedule.is_empty() {
            return Err(ParameterError::Invalid(format!("{key} has no entries")));
        }
        if self.schedule.iter().any(|e| !e.value.sensible()) {
            return Err(ParameterError::Invalid(format!("{key} is out of range")));
        }
        Ok(())
    }

    fn in_force_entry(&self, date: NaiveDate) -> Option<&Entry<T>> {
        self.schedule
            .iter()
            .filter(|e| e.from <= date)
            .max_by_key(|e| e.from)
    }

    fn row(&self, key: &'static str, date: NaiveDate) -> ParameterRow {
        let shown = |e: &Entry<T>| EntryRow {
            from: e.from,
            value: e.value.to_string(),
            verified: e.verified,
            source: e.source.clone(),
        };
        let mut history: Vec<EntryRow> = self.schedule.iter().map(shown).collect();
        history.sort_by_key(|e| std::cmp::Reverse(e.from));
        ParameterRow {
            key,
            unit: self.unit.clone(),
            in_force: self.in_force_entry(date).map(shown),
            history,
        }
    }
}

/// Every parameter of RULES.md §7 is declared once, in the list below: its name in the rules,
/// its type and its key in the file. From it come the file's table, the values in force on a
/// date, the lookup and the rows of the admin page; a new key is one line here and one entry
/// in `parameters.json`.
macro_rules! parameters {
    ($( $(#[$doc:meta])* $field:ident: $ty:ty = $key:literal, )+) => {
        /// The file's `parameters` object: a dated schedule per key.
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        pub struct ParameterTable {
            $( $(#[$doc])* #[serde(rename = $key)] pub $field: Schedule<$ty>, )+
        }

        /// The values in force on one date, as the rules use them.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct InForce {
            pub date: NaiveDate,
            $( $(#[$doc])* pub $field: $ty, )+
        }

        /// Every key of the file, in the order declared.
        pub const PARAMETER_KEYS: &[&str] = &[$($key),+];

        /// What `key` holds; `None` for a key the rules do not know.
        pub fn kind_of(key: &str) -> Option<ValueKind> {
            match key {
                $( $key => Some(<$ty as ParameterValue>::KIND), )+
                _ => None,
            }
        }

        impl ParameterTable {
            fn check_each(&self) -> Result<(), ParameterError> {
                $( self.$field.check($key)?; )+
                Ok(())
            }

            fn first_dates(&self) -> Vec<Option<NaiveDate>> {
                vec![$( self.$field.first_date(), )+]
            }

            fn entry_dates(&self) -> Vec<NaiveDate> {
                let mut dates = Vec::new();
                $( dates.extend(self.$field.schedule.iter().map(|e| e.from)); )+
                dates
            }

            fn unverified_on(&self, date: NaiveDate) -> bool {
                false $( || self.$field.in_force_entry(date).is_some_and(|e| !e.verified) )+
            }

            /// Every parameter, as the admin page lists it, with the entry in force on `date`.
            pub fn rows(&self, date: NaiveDate) -> Vec<ParameterRow> {
                vec![$( self.$field.row($key, date), )+]
            }

            /// `key=entries key=entries …` (see `Schedule::compact`).
            fn compact(&self) -> String {
                [$( format!("{}={}", $key, self.$field.compact()), )+].join(" ")
            }

            fn from_compact(text: &str) -> Option<ParameterTable> {
                let part = |key: &str| {
                    text.split(' ').find_map(|part| part.strip_prefix(key)?.strip_prefix('='))
                };
                Some(ParameterTable { $( $field: Schedule::from_compact(part($key)?)?, )+ })
            }

            fn in_force(&self, date: NaiveDate, missing: impl Fn() -> NaiveDate) -> Result<InForce, NaiveDate> {
                Ok(InForce {
                    date,
                    $( $field: self.$field.on(date).ok_or_else(&missing)?, )+
                })
            }
        }
    };
}

parameters! {
    /// 低保 standard, per person and month (RULES.md §7).
    dibao_monthly: Money = "dibao_monthly",
    /// The district's per-capita disposable income of the year before (the income line).
    per_capita_disposable_income_prev_year: Money = "per_capita_disposable_income_prev_year",
    emergency_event_window_days: i64 = "emergency.event_window_days",
    emergency_months_per_person: i64 = "emergency.months_per_person",
    emergency_cap_multiple: i64 = "emergency.cap_multiple",
    expense_cap_multiple: i64 = "expense.cap_multiple",
    above_cap_max_multiple_of_cap: i64 = "above_cap.max_multiple_of_cap",
    emergency_advance_limit_multiple: i64 = "emergency.advance_limit_multiple",
    approval_town_limit_multiple: i64 = "approval.town_limit_multiple",
    property_asset_months: i64 = "property.asset_months",
    repeat_window_days: i64 = "repeat.window_days",
    referral_key_person_min_age: i64 = "referral.key_person_min_age",
    referral_working_age_min: i64 = "referral.working_age_min",
    referral_working_age_max: i64 = "referral.working_age_max",
    deadline_accept_emergency_working_days: i64 = "deadline.accept_emergency_working_days",
    deadline_advance_hours: i64 = "deadline.advance_hours",
    deadline_advance_paperwork_working_days: i64 = "deadline.advance_paperwork_working_days",
    deadline_town_review_working_days: i64 = "deadline.town_review_working_days",
    deadline_district_approval_working_days: i64 = "deadline.district_approval_working_days",
    /// How long the applicant has to send the documents a town asks for (issue 24, item 3).
    deadline_documents_request_working_days: i64 = "deadline.documents_request_working_days",
    /// Who the application asks about school and 儿童白血病 (issue 24, item 13; the portal's
    /// own choice: the rules never limit either by age).
    questions_student_max_age: i64 = "questions.student_max_age",
    questions_childhood_disease_max_age: i64 = "questions.childhood_disease_max_age",
    /// When an applicant can expect approved aid to be paid (issue 24, item 11; an estimate).
    deadline_payment_working_days: i64 = "deadline.payment_working_days",
    publicity_days: i64 = "publicity.days",
    /// How long a family link keeps working once the case is decided (the portal's own choice).
    family_link_days_after_decision: i64 = "family_link.days_after_decision",
    /// How long an application started and never submitted is kept (the portal's own choice).
    drafts_retention_days: i64 = "drafts.retention_days",
    /// The most texts one applicant's number gets in a minute, an hour, a day (issue 23; the
    /// portal's own choice, below the SMS providers' limits). Read as at least 1.
    sms_per_number_per_minute: i64 = "sms.per_number_per_minute",
    sms_per_number_per_hour: i64 = "sms.per_number_per_hour",
    sms_per_number_per_day: i64 = "sms.per_number_per_day",
}

/// Adds to `file` the keys it lacks, with the embedded defaults' schedule (see
/// `Parameters::from_json`). A file whose `parameters` is not an object is left for serde to
/// refuse.
fn with_keys_new_since(file: &mut serde_json::Value) {
    let Some(held) = file.get_mut("parameters").and_then(|p| p.as_object_mut()) else {
        return;
    };
    if PARAMETER_KEYS.iter().all(|key| held.contains_key(*key)) {
        return;
    }
    let defaults: serde_json::Value =
        serde_json::from_str(DEFAULT_PARAMETER_FILE).expect("the embedded parameter file is JSON");
    for key in PARAMETER_KEYS {
        if !held.contains_key(*key) {
            held.insert(key.to_string(), defaults["parameters"][key].clone());
        }
    }
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
    /// The working-day calendar (RULES.md §6): each year's holidays and days worked instead.
    #[serde(default)]
    pub calendar: Calendar,
}

impl Parameters {
    /// The embedded defaults. They are checked by a test, so this cannot fail at run time.
    pub fn defaults() -> Parameters {
        Parameters::from_json(DEFAULT_PARAMETER_FILE).expect("the embedded parameter file is valid")
    }

    /// A set as a file or the database holds it. A set written before this version declared
    /// a key (a database's set, an exported file) takes that key's schedule from the embedded
    /// defaults, so that an upgrade adds a parameter without a hand-made migration; a key the
    /// set does hold is never touched.
    pub fn from_json(text: &str) -> Result<Parameters, ParameterError> {
        let unreadable = |e: serde_json::Error| ParameterError::Unreadable(e.to_string());
        let mut file: serde_json::Value = serde_json::from_str(text).map_err(unreadable)?;
        with_keys_new_since(&mut file);
        let parameters: Parameters = serde_json::from_value(file).map_err(unreadable)?;
        parameters.check()?;
        Ok(parameters)
    }

    /// The set's values as one line of text, for the check's island: it reads them without a
    /// JSON parser (which would more than double the WASM a phone downloads; issue 11, item 2).
    /// The sources and notes stay on the server; the name and version travel beside it.
    pub fn to_compact(&self) -> String {
        self.parameters.compact()
    }

    /// The set written by `to_compact`, named `name` and `version`; `None` if it was not.
    pub fn from_compact(name: &str, version: &str, table: &str) -> Option<Parameters> {
        let parameters = Parameters {
            name: name.into(),
            version: version.into(),
            notes: String::new(),
            parameters: ParameterTable::from_compact(table)?,
            // The check counts no working days: the calendar stays on the server.
            calendar: Calendar::default(),
        };
        parameters.values_make_sense().then_some(parameters)
    }

    /// Rejects a file an official could not have meant: an empty schedule, a negative or
    /// zero standard, an upside-down working-age range, a calendar no notice could make.
    fn check(&self) -> Result<(), ParameterError> {
        self.parameters.check_each()?;
        self.calendar.check()?;
        match self.upside_down_from() {
            Some(date) => Err(ParameterError::Invalid(format!(
                "working age range is upside down from {date}"
            ))),
            None => Ok(()),
        }
    }

    /// The check of a compact set in the check's island: the same values, no calendar (it has
    /// none), and no message. Formatting a date in a message would bring chrono's formatting
    /// code into the WASM a phone downloads (issue 11, item 2).
    fn values_make_sense(&self) -> bool {
        self.parameters.check_each().is_ok() && self.upside_down_from().is_none()
    }

    /// The first date on which the working-age range is upside down, if any: every date a
    /// value changes on counts, since a change can turn it long after the start.
    fn upside_down_from(&self) -> Option<NaiveDate> {
        let first = self.first_date()?;
        self.parameters
            .entry_dates()
            .into_iter()
            .filter(|d| {
                *d >= first
                    && self
                        .on(*d)
                        .is_ok_and(|f| f.referral_working_age_min > f.referral_working_age_max)
            })
            .min()
    }

    /// The first date on which every parameter has a value (RULES.md §8): earlier dates are
    /// invalid input.
    pub fn first_date(&self) -> Option<NaiveDate> {
        self.parameters
            .first_dates()
            .into_iter()
            .try_fold(NaiveDate::MIN, |latest, d| Some(latest.max(d?)))
    }

    /// The latest date any entry starts on: the date of the set as a whole.
    pub fn last_change(&self) -> Option<NaiveDate> {
        self.parameters.entry_dates().into_iter().max()
    }

    /// Whether any value in force on `date` is still an unverified placeholder.
    pub fn has_unverified_on(&self, date: NaiveDate) -> bool {
        self.parameters.unverified_on(date)
    }

    /// The values in force on `date`, or `Err(first_date)` when `date` is before it.
    pub fn on(&self, date: NaiveDate) -> Result<InForce, NaiveDate> {
        // Only worked out when a value is missing: assessing stays a few lookups.
        self.parameters
            .in_force(date, || self.first_date().unwrap_or(NaiveDate::MAX))
    }

    /// Every parameter, with the entry in force on `date`, its history, source and mark.
    pub fn rows(&self, date: NaiveDate) -> Vec<ParameterRow> {
        self.parameters.rows(date)
    }

    /// The file as `server parameters export` writes it and `import` reads it.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a parameter set always serialises")
    }

    /// This set with one more dated entry, named `version`: past entries stay as they were. An
    /// entry dated like an earlier one of its key corrects it from that date (the later in the
    /// list is in force). Refused, with the reason, when the result is not a set an official
    /// could mean.
    pub fn with_change(&self, change: &Change, version: &str) -> Result<Parameters, ParameterError> {
        let invalid = |why: String| ParameterError::Invalid(format!("{}: {why}", change.key));
        let mut file = serde_json::to_value(self).map_err(|e| invalid(e.to_string()))?;
        let from = change.from.to_string();
        if let Some(year) = change.key.strip_prefix(CALENDAR_PREFIX) {
            let year: i32 = year.parse().map_err(|_| invalid("not a year".into()))?;
            let days = |part: &str| change.value.get(part).cloned().unwrap_or_default();
            let arrangement = serde_json::json!({
                "year": year, "from": from, "verified": change.verified, "source": change.source,
                "holidays": days("holidays"), "workdays": days("workdays"),
            });
            push_in_date_order(&mut file["calendar"], arrangement);
        } else {
            kind_of(&change.key).ok_or_else(|| invalid("not a parameter of the rules".into()))?;
            let entry = serde_json::json!({
                "from": from, "value": change.value, "verified": change.verified, "source": change.source,
            });
            push_in_date_order(&mut file["parameters"][&change.key]["schedule"], entry);
        }
        if change.source.trim().is_empty() {
            return Err(invalid("no source".into()));
        }
        file["version"] = version.into();
        let changed: Parameters = serde_json::from_value(file).map_err(|e| invalid(e.to_string()))?;
        changed.check()?;
        Ok(changed)
    }

    /// The entries of `file` this set does not hold, as changes in the file's order (the
    /// calendar last); an entry already held (same date, value, mark and source) is skipped.
    pub fn changes_in(&self, file: &Parameters) -> Vec<Change> {
        let ours = self.entries();
        file.entries()
            .into_iter()
            .filter(|entry| !ours.contains(entry))
            .collect()
    }

    /// Every entry of the set as a change that would add it.
    fn entries(&self) -> Vec<Change> {
        let file = serde_json::to_value(self).unwrap_or_default();
        let mut entries = Vec::new();
        for key in PARAMETER_KEYS {
            for e in file["parameters"][key]["schedule"]
                .as_array()
                .into_iter()
                .flatten()
            {
                entries.push(Change::read(key.to_string(), e, e["value"].clone()));
            }
        }
        for a in &self.calendar.arrangements {
            let value = serde_json::json!({
                "holidays": file_days(&a.holidays),
                "workdays": file_days(&a.workdays),
            });
            entries.push(Change {
                key: format!("{CALENDAR_PREFIX}{}", a.year),
                from: a.from,
                value,
                verified: a.verified,
                source: a.source.clone(),
            });
        }
        entries
    }
}

/// The keys of the calendar's years: `calendar.2027`.
pub const CALENDAR_PREFIX: &str = "calendar.";

/// One dated entry to add to a set: a value for a key (`value` a JSON number: yuan for money),
/// or a calendar year's arrangement (`calendar.2027`, `value` `{"holidays": [...],
/// "workdays": [...]}`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub key: String,
    #[serde(with = "super::day::ymd")]
    pub from: NaiveDate,
    pub value: serde_json::Value,
    pub verified: bool,
    pub source: String,
}

impl Change {
    fn read(key: String, entry: &serde_json::Value, value: serde_json::Value) -> Change {
        Change {
            key,
            from: entry["from"]
                .as_str()
                .and_then(super::day::parse_ymd)
                .unwrap_or(NaiveDate::MIN),
            value,
            verified: entry["verified"].as_bool().unwrap_or(false),
            source: entry["source"].as_str().unwrap_or_default().to_string(),
        }
    }
}

fn file_days(days: &[NaiveDate]) -> Vec<String> {
    days.iter().map(|d| d.to_string()).collect()
}

/// Appends `entry` to a list of dated entries, after every entry of its date or before (kept
/// in date order for a reader of the file; the lookup takes the last of equal dates).
fn push_in_date_order(list: &mut serde_json::Value, entry: serde_json::Value) {
    if !list.is_array() {
        *list = serde_json::Value::Array(Vec::new());
    }
    let Some(list) = list.as_array_mut() else { return };
    let from = entry["from"].as_str().unwrap_or_default().to_string();
    let at = list
        .iter()
        .position(|e| e["from"].as_str().unwrap_or_default() > from.as_str())
        .unwrap_or(list.len());
    list.insert(at, entry);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_compact_form_gives_the_same_values_on_every_date() {
        let p = Parameters::defaults();
        let compact = p.to_compact();
        assert!(compact.is_ascii() && !compact.contains('"'), "{compact}");
        let back = Parameters::from_compact(&p.name, &p.version, &compact).unwrap();
        assert_eq!((&back.name, &back.version), (&p.name, &p.version));
        let mut date = day("2018-12-31");
        while date < day("2027-01-01") {
            assert_eq!(back.on(date), p.on(date), "{date}");
            assert_eq!(back.has_unverified_on(date), p.has_unverified_on(date), "{date}");
            date = date.succ_opt().unwrap();
        }
    }

    #[test]
    fn a_damaged_compact_form_is_refused_not_half_read() {
        let p = Parameters::defaults();
        let compact = p.to_compact();
        let without_a_key = compact.split(' ').skip(1).collect::<Vec<_>>().join(" ");
        assert!(Parameters::from_compact("n", "v", &without_a_key).is_none());
        assert!(Parameters::from_compact("n", "v", &compact.replacen(':', ":x", 1)).is_none());
        assert!(Parameters::from_compact("n", "v", "").is_none());
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
            p.on(day("2019-12-31"))
                .unwrap()
                .per_capita_disposable_income_prev_year,
            Money::from_yuan(34889)
        );
        assert_eq!(
            p.on(day("2020-01-01"))
                .unwrap()
                .per_capita_disposable_income_prev_year,
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
            r#"{ "from": "2019-07-01", "value": 546, "verified": false, "source": "x" }, { "from": "2020-01-01", "value": 600,"#,
            1,
        );
        let p = Parameters::from_json(&text).unwrap();
        assert_eq!(
            p.on(day("2019-12-31")).unwrap().dibao_monthly,
            Money::from_yuan(546)
        );
        assert_eq!(
            p.on(day("2020-01-01")).unwrap().dibao_monthly,
            Money::from_yuan(600)
        );
    }
}

#[cfg(test)]
mod changes {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn change(key: &str, from: &str, value: serde_json::Value) -> Change {
        Change {
            key: key.into(),
            from: day(from),
            value,
            verified: true,
            source: "渝民规〔2025〕6号".into(),
        }
    }

    #[test]
    fn a_new_entry_changes_the_value_from_its_date_and_keeps_the_past() {
        let p = Parameters::defaults();
        let changed = p
            .with_change(&change("dibao_monthly", "2027-07-01", 900.into()), "2026-12-01.2")
            .unwrap();
        assert_eq!(&*changed.version, "2026-12-01.2");
        assert_eq!(
            changed.on(day("2027-06-30")).unwrap().dibao_monthly,
            p.on(day("2027-06-30")).unwrap().dibao_monthly
        );
        assert_eq!(
            changed.on(day("2027-07-01")).unwrap().dibao_monthly,
            Money::from_yuan(900)
        );
        assert_eq!(
            p.changes_in(&changed),
            vec![change("dibao_monthly", "2027-07-01", 900.into())]
        );
        assert!(
            changed.changes_in(&p).is_empty(),
            "nothing of the older set is new"
        );
    }

    #[test]
    fn an_entry_dated_like_an_earlier_one_corrects_it_from_that_date() {
        let p = Parameters::defaults();
        let corrected = p
            .with_change(&change("dibao_monthly", "2019-07-01", 550.into()), "v")
            .unwrap();
        assert_eq!(
            corrected.on(day("2019-07-01")).unwrap().dibao_monthly,
            Money::from_yuan(550)
        );
        let history = |set: &Parameters| {
            let rows = set.rows(day("2019-08-01"));
            rows.into_iter()
                .find(|r| r.key == "dibao_monthly")
                .unwrap()
                .history
                .len()
        };
        assert_eq!(
            history(&corrected),
            history(&p) + 1,
            "the corrected entry stays in the history"
        );
    }

    #[test]
    fn a_calendar_year_is_added_as_a_dated_arrangement() {
        let p = Parameters::defaults();
        let days = serde_json::json!({ "holidays": ["2027-01-01"], "workdays": [] });
        let changed = p
            .with_change(&change("calendar.2027", "2026-11-20", days), "v")
            .unwrap();
        assert!(
            !changed
                .calendar
                .as_of(day("2026-11-20"))
                .is_working_day(day("2027-01-01"))
        );
        assert!(
            changed
                .calendar
                .as_of(day("2026-11-19"))
                .is_working_day(day("2027-01-01"))
        );
    }

    #[test]
    fn a_change_that_makes_no_sense_is_refused_with_its_key_and_reason() {
        let p = Parameters::defaults();
        let why = |c: Change| match p.with_change(&c, "v") {
            Err(ParameterError::Invalid(why)) => why,
            other => panic!("{other:?}"),
        };
        assert!(why(change("dibao_monthly", "2026-01-01", (-5).into())).contains("dibao_monthly"));
        assert!(why(change("dibao_monthly", "2026-01-01", "many".into())).starts_with("dibao_monthly"));
        assert!(why(change("no_such_key", "2026-01-01", 5.into())).contains("not a parameter"));
        assert!(
            why(change(
                "calendar.2027",
                "2026-11-20",
                serde_json::json!({"holidays": ["2027-01-04"], "workdays": ["2027-01-05"]})
            ))
            .contains("calendar 2027")
        );
        let mut sourceless = change("dibao_monthly", "2026-01-01", 800.into());
        sourceless.source = " ".into();
        assert!(why(sourceless).contains("no source"));
        assert!(why(change("referral.working_age_min", "2026-01-01", 70.into())).contains("upside down"));
    }

    #[test]
    fn the_exported_file_reads_back_as_the_same_set() {
        let p = Parameters::defaults();
        assert_eq!(Parameters::from_json(&p.to_json()).unwrap(), p);
    }
}

#[cfg(test)]
mod declared_once {
    use super::*;

    #[test]
    fn every_key_of_the_file_is_declared_and_every_declared_key_is_in_the_file() {
        let file: serde_json::Value = serde_json::from_str(DEFAULT_PARAMETER_FILE).unwrap();
        let mut in_file: Vec<&str> = file["parameters"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut declared = PARAMETER_KEYS.to_vec();
        in_file.sort_unstable();
        declared.sort_unstable();
        assert_eq!(in_file, declared);
    }

    #[test]
    fn a_set_written_before_a_key_existed_takes_the_keys_default_schedule() {
        let mut older: serde_json::Value = serde_json::from_str(DEFAULT_PARAMETER_FILE).unwrap();
        let held = older["parameters"].as_object_mut().unwrap();
        held.remove("sms.per_number_per_day");
        held["drafts.retention_days"]["schedule"][0]["value"] = 45.into();
        let set = Parameters::from_json(&older.to_string()).unwrap();
        let today = set.on("2026-12-07".parse().unwrap()).unwrap();
        assert_eq!(today.sms_per_number_per_day, 10, "the new key's default");
        assert_eq!(
            today.drafts_retention_days, 45,
            "a key the set holds keeps its value"
        );
    }

    #[test]
    fn the_admin_rows_list_every_key_with_its_value_in_force_and_source() {
        let p = Parameters::defaults();
        let rows = p.rows("2019-08-01".parse().unwrap());
        assert_eq!(rows.len(), PARAMETER_KEYS.len());
        let dibao = rows.iter().find(|r| r.key == "dibao_monthly").unwrap();
        let in_force = dibao.in_force.as_ref().unwrap();
        assert_eq!(in_force.value, Money::from_yuan(546).to_string());
        assert!(!in_force.source.is_empty());
        assert!(dibao.history.len() >= 2, "both the 2019 entries");
    }
}
