//! A household as the contract of assess-api.md sends it (lenient, so that a bad value becomes
//! a field error rather than a rejected body), and the validated household the rules trust.

use super::money::Money;
use super::parameters::Parameters;
use super::towns::Town;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const MAX_MEMBERS: usize = 20;
const MAX_AGE: f64 = 130.0;
const MAX_COUNT: f64 = 1000.0;

/// The household as received. Every field is optional here so that a missing one is reported
/// by name (422) instead of failing the whole body (400).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HouseholdInput {
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub town: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub members: Option<Vec<MemberInput>>,
    #[serde(default, deserialize_with = "number_or_typed")]
    pub annual_income: Option<f64>,
    #[serde(default, deserialize_with = "number_or_typed")]
    pub financial_assets: Option<f64>,
    #[serde(default)]
    pub extra_homes: Option<f64>,
    #[serde(default)]
    pub vehicles: Option<f64>,
    #[serde(default)]
    pub housing_hardship: Option<bool>,
    #[serde(default)]
    pub emergency: Option<EmergencyInput>,
    #[serde(default)]
    pub expense: Option<ExpenseInput>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MemberInput {
    #[serde(default)]
    pub age: Option<f64>,
    #[serde(default)]
    pub disabled: Option<bool>,
    #[serde(default)]
    pub serious_illness: Option<bool>,
    #[serde(default)]
    pub special_disease: Option<String>,
    #[serde(default)]
    pub student: Option<String>,
    #[serde(default)]
    pub employed: Option<bool>,
    #[serde(default)]
    pub able_to_work: Option<bool>,
    #[serde(default)]
    pub needs_care: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EmergencyInput {
    #[serde(default)]
    pub event: Option<String>,
    #[serde(default)]
    pub event_date: Option<String>,
    #[serde(default)]
    pub serious_difficulty: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ExpenseInput {
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "number_or_typed")]
    pub out_of_pocket: Option<f64>,
}

/// A field that failed validation: its JSON path and a message in Chinese and English.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    /// Chinese, the portal's default language.
    pub message: String,
    pub message_en: String,
}

/// Why a typed answer could not be read (an amount, an ID card number, a phone number, a bank
/// card, a document, a staff action): every parser of the portal's own types fails with a type
/// that says it in the reader's words, so a form shows any of them the same way.
pub trait AnswerError {
    /// What the reader is told (Chinese, English).
    fn message(&self) -> (String, String);

    /// The same, at a field of a form.
    fn at(&self, field: &str) -> FieldError {
        let (zh, en) = self.message();
        FieldError {
            field: field.to_string(),
            message: zh,
            message_en: en,
        }
    }
}

/// The message for a question left unanswered.
const MISSING: (&str, &str) = ("请填写这一项。", "Please answer this question.");

impl FieldError {
    /// True when the field was simply not answered (forms wait for a submit to show these).
    pub fn is_missing(&self) -> bool {
        self.message == MISSING.0
    }

    fn new(field: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> FieldError {
        FieldError {
            field: field.into(),
            message: zh.into(),
            message_en: en.into(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    None,
    /// 城市低保对象
    Dibao,
    /// 农村低保对象: most of Jiangjin is rural (issue 24, item 6). The notice names urban
    /// households (一(二)); a rural 低保 household has passed its own means test, so it passes
    /// the income and property tests as an urban one does (RULES.md §1, §3).
    RuralDibao,
    /// 特困供养人员 (urban or rural)
    Tekun,
}

impl Status {
    /// 低保 (urban or rural) or 特困: a household whose means are already verified (notice
    /// 一(二); RULES.md §1).
    pub fn is_special_difficulty(self) -> bool {
        matches!(self, Status::Dibao | Status::RuralDibao | Status::Tekun)
    }

    /// 低保, urban or rural.
    pub fn is_dibao(self) -> bool {
        matches!(self, Status::Dibao | Status::RuralDibao)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpecialDisease {
    Thalassemia,
    Cml,
    Pneumoconiosis,
    ChildhoodLeukemia,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Student {
    Preschool,
    Primary,
    JuniorHigh,
    SeniorHigh,
    Higher,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Fire,
    TrafficAccident,
    OtherAccident,
    SuddenIllness,
    NaturalDisaster,
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpenseKind {
    Medical,
    Education,
}

/// Parses a snake_case enum name through serde, so the accepted words are exactly the
/// serialised ones.
fn parse_word<T: for<'de> Deserialize<'de>>(word: &str) -> Option<T> {
    T::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(
        word,
    ))
    .ok()
}

pub fn word_of<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub age: i64,
    pub disabled: bool,
    pub serious_illness: bool,
    pub special_disease: Option<SpecialDisease>,
    pub student: Option<Student>,
    pub employed: bool,
    pub able_to_work: bool,
    pub needs_care: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Emergency {
    pub event: EventKind,
    pub event_date: NaiveDate,
    pub serious_difficulty: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expense {
    pub kind: ExpenseKind,
    pub out_of_pocket: Money,
}

/// A household that passed validation: the rules trust every field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Household {
    pub date: NaiveDate,
    pub town: Town,
    pub status: Status,
    pub members: Vec<Member>,
    pub annual_income: Money,
    pub financial_assets: Money,
    pub extra_homes: i64,
    pub vehicles: i64,
    pub housing_hardship: bool,
    pub emergency: Option<Emergency>,
    pub expense: Option<Expense>,
}

impl Household {
    pub fn size(&self) -> i64 {
        self.members.len() as i64
    }
}

/// A money field of the JSON contract: a number of yuan, or the text a resident typed, read as
/// the forms read it (`"0.96万"`, `"９６００"`, `"12,000元"`: Money::parse_typed; issue 24,
/// item 5). Text that is no amount becomes a number that fails the same way (NaN, negative, a
/// third decimal, too large), so that the refusal names the field (422) instead of refusing the
/// body (400).
fn number_or_typed<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    use super::money::MoneyError;
    use serde::de::{Error, Visitor};

    struct Amount;
    impl<'de> Visitor<'de> for Amount {
        type Value = Option<f64>;

        // Said in the refusal of a value of another JSON type (api's json_words).
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a number, or an amount as text such as \"0.96万\"")
        }

        fn visit_f64<E: Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(v))
        }

        fn visit_i64<E: Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v as f64))
        }

        fn visit_u64<E: Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v as f64))
        }

        fn visit_str<E: Error>(self, text: &str) -> Result<Self::Value, E> {
            Ok(match Money::parse_typed(text) {
                Ok(None) => None,
                Ok(Some(m)) => Some(m.fen() as f64 / 100.0),
                Err(MoneyError::Negative) => Some(-1.0),
                Err(MoneyError::TooManyDecimals) => Some(0.001),
                Err(MoneyError::TooLarge) => Some(f64::MAX),
                Err(MoneyError::NotANumber) => Some(f64::NAN),
            })
        }

        fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D2: serde::Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_any(Amount)
        }
    }
    d.deserialize_option(Amount)
}

/// Collects field errors while the validated household is built.
struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn required<T: Clone>(&mut self, field: &str, value: &Option<T>) -> Option<T> {
        if value.is_none() {
            self.errors.push(FieldError::new(field, MISSING.0, MISSING.1));
        }
        value.clone()
    }

    fn money(&mut self, field: &str, value: Option<f64>) -> Option<Money> {
        let value = self.required(field, &value)?;
        match Money::from_json_number(value) {
            Ok(m) => Some(m),
            Err(e) => {
                let (zh, en) = e.message();
                self.errors.push(FieldError::new(field, zh, en));
                None
            }
        }
    }

    fn whole(&mut self, field: &str, value: f64, max: f64) -> Option<i64> {
        if value.fract() != 0.0 || !(0.0..=max).contains(&value) {
            // Written as a whole number: printing a float would add the largest piece of code
            // of all to the check's WASM (issue 11, item 2).
            let max = max as i64;
            self.errors.push(FieldError::new(
                field,
                format!("请填写 0 到 {max} 之间的整数。"),
                format!("Enter a whole number from 0 to {max}."),
            ));
            return None;
        }
        Some(value as i64)
    }

    fn word<T: for<'de> Deserialize<'de>>(&mut self, field: &str, value: &str, allowed: &str) -> Option<T> {
        let parsed = parse_word(value);
        if parsed.is_none() {
            self.errors.push(FieldError::new(
                field,
                format!("无法识别“{value}”，可选：{allowed}。"),
                format!("“{value}” is not recognised; use one of: {allowed}."),
            ));
        }
        parsed
    }

    fn date(&mut self, field: &str, value: &str) -> Option<NaiveDate> {
        let parsed = super::day::parse_ymd(value);
        if parsed.is_none() {
            self.errors.push(FieldError::new(
                field,
                "请按 年-月-日 填写日期，例如 2019-08-01。",
                "Enter the date as year-month-day, for example 2019-08-01.",
            ));
        }
        parsed
    }
}

impl HouseholdInput {
    /// Checks every field and returns the household, or every problem at once (so a form can
    /// show them all beside their fields). `today` is the date when `date` is absent.
    pub fn validate(&self, parameters: &Parameters, today: NaiveDate) -> Result<Household, Vec<FieldError>> {
        let mut c = Checker { errors: Vec::new() };

        let date = match &self.date {
            None => Some(today),
            Some(text) => c.date("date", text),
        };
        let date = date.and_then(|d| match parameters.on(d) {
            Ok(_) => Some(d),
            Err(first) => {
                c.errors.push(FieldError::new(
                    "date",
                    format!("申请日期不能早于 {first}（参数从这一天开始生效）。"),
                    format!("The application date cannot be before {first}, when the parameters start."),
                ));
                None
            }
        });

        let town = c.required("town", &self.town).and_then(|name| {
            let town = Town::by_full_name(&name);
            if town.is_none() {
                c.errors.push(FieldError::new(
                    "town",
                    "请选择江津区的一个镇街（写全称，如“几江街道”“白沙镇”）。",
                    "Choose one of Jiangjin's towns, written in full (几江街道, 白沙镇…).",
                ));
            }
            town
        });

        let status = c
            .required("status", &self.status)
            .and_then(|s| c.word::<Status>("status", &s, "none, dibao, rural_dibao, tekun"));

        let members = match &self.members {
            None => {
                c.errors.push(FieldError::new(
                    "members",
                    "请至少填写一位家庭成员（申请人本人）。",
                    "List at least one household member (the applicant).",
                ));
                None
            }
            Some(list) if list.is_empty() || list.len() > MAX_MEMBERS => {
                c.errors.push(FieldError::new(
                    "members",
                    format!("家庭成员应为 1 到 {MAX_MEMBERS} 人。"),
                    format!("A household has from 1 to {MAX_MEMBERS} members."),
                ));
                None
            }
            Some(list) => {
                let members: Vec<Option<Member>> = list
                    .iter()
                    .enumerate()
                    .map(|(i, m)| m.validate(&mut c, &format!("members[{i}]")))
                    .collect();
                members.into_iter().collect()
            }
        };

        let annual_income = c.money("annual_income", self.annual_income);
        let financial_assets = c.money("financial_assets", self.financial_assets);
        let extra_homes = c.whole("extra_homes", self.extra_homes.unwrap_or(0.0), MAX_COUNT);
        let vehicles = c.whole("vehicles", self.vehicles.unwrap_or(0.0), MAX_COUNT);

        let emergency = match &self.emergency {
            None => Some(None),
            Some(e) => {
                let event = c.required("emergency.event", &e.event).and_then(|w| {
                    c.word::<EventKind>(
                        "emergency.event",
                        &w,
                        "fire, traffic_accident, other_accident, sudden_illness, natural_disaster, other",
                    )
                });
                let event_date = c
                    .required("emergency.event_date", &e.event_date)
                    .and_then(|d| c.date("emergency.event_date", &d));
                if let (Some(event_date), Some(date)) = (event_date, date)
                    && event_date > date
                {
                    c.errors.push(FieldError::new(
                        "emergency.event_date",
                        "事件日期不能晚于申请日期。",
                        "The event cannot be after the application date.",
                    ));
                }
                match (event, event_date) {
                    (Some(event), Some(event_date)) => Some(Some(Emergency {
                        event,
                        event_date,
                        serious_difficulty: e.serious_difficulty.unwrap_or(false),
                    })),
                    _ => None,
                }
            }
        };

        let expense = match &self.expense {
            None => Some(None),
            Some(x) => {
                let kind = c
                    .required("expense.kind", &x.kind)
                    .and_then(|w| c.word::<ExpenseKind>("expense.kind", &w, "medical, education"));
                let out_of_pocket = c.money("expense.out_of_pocket", x.out_of_pocket);
                match (kind, out_of_pocket) {
                    (Some(kind), Some(out_of_pocket)) => Some(Some(Expense { kind, out_of_pocket })),
                    _ => None,
                }
            }
        };

        if !c.errors.is_empty() {
            return Err(c.errors);
        }
        // Every `None` above pushed an error, so all are present here.
        match (
            date,
            town,
            status,
            members,
            annual_income,
            financial_assets,
            extra_homes,
            vehicles,
            emergency,
            expense,
        ) {
            (
                Some(date),
                Some(town),
                Some(status),
                Some(members),
                Some(annual_income),
                Some(financial_assets),
                Some(extra_homes),
                Some(vehicles),
                Some(emergency),
                Some(expense),
            ) => Ok(Household {
                date,
                town,
                status,
                members,
                annual_income,
                financial_assets,
                extra_homes,
                vehicles,
                housing_hardship: self.housing_hardship.unwrap_or(false),
                emergency,
                expense,
            }),
            _ => Err(vec![FieldError::new("", "输入无效。", "Invalid input.")]),
        }
    }
}

impl MemberInput {
    fn validate(&self, c: &mut Checker, path: &str) -> Option<Member> {
        let age_field = format!("{path}.age");
        let age = c
            .required(&age_field, &self.age)
            .and_then(|a| c.whole(&age_field, a, MAX_AGE));
        let special_disease = match &self.special_disease {
            None => Some(None),
            Some(w) => c
                .word::<SpecialDisease>(
                    &format!("{path}.special_disease"),
                    w,
                    "thalassemia, cml, pneumoconiosis, childhood_leukemia",
                )
                .map(Some),
        };
        let student = match &self.student {
            None => Some(None),
            Some(w) => c
                .word::<Student>(
                    &format!("{path}.student"),
                    w,
                    "preschool, primary, junior_high, senior_high, higher",
                )
                .map(Some),
        };
        Some(Member {
            age: age?,
            disabled: self.disabled.unwrap_or(false),
            serious_illness: self.serious_illness.unwrap_or(false),
            special_disease: special_disease?,
            student: student?,
            employed: self.employed.unwrap_or(false),
            able_to_work: self.able_to_work.unwrap_or(false),
            needs_care: self.needs_care.unwrap_or(false),
        })
    }
}
