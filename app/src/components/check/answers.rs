//! The check form's answers as typed (text, as a phone keyboard gives it), and their
//! conversion into the contract's household. The same struct is filled by the island as the
//! resident types and by the server from a no-JS form post, so both paths assess alike.

use crate::i18n::{Text, checks};
use crate::rules::{
    self, AnswerError, Assessment, EmergencyInput, ExpenseInput, FieldError, HouseholdInput, MAX_MEMBERS,
    MemberInput, Money, Parameters, half_width_digits,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MemberAnswers {
    pub age: String,
    pub disabled: bool,
    pub serious_illness: bool,
    pub special_disease: String,
    pub student: String,
    pub employed: bool,
    pub able_to_work: bool,
    pub needs_care: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckAnswers {
    pub town: String,
    pub status: String,
    /// How many people live together, the applicant included.
    pub size: usize,
    pub members: Vec<MemberAnswers>,
    pub annual_income: String,
    /// Whether `annual_income` is a month's income (`month`) or the last 12 months' (`year`,
    /// or anything else): the resident answers as they know it (issue 24, item 5).
    #[serde(default = "year")]
    pub income_period: String,
    pub financial_assets: String,
    pub extra_homes: String,
    pub vehicles: String,
    pub housing_hardship: bool,
    /// "yes", "no" or "" (not answered yet).
    pub has_emergency: String,
    pub emergency_event: String,
    pub emergency_event_date: String,
    pub emergency_serious_difficulty: bool,
    pub has_expense: String,
    pub expense_kind: String,
    pub expense_out_of_pocket: String,
}

impl Default for CheckAnswers {
    fn default() -> Self {
        CheckAnswers {
            town: String::new(),
            status: "none".into(),
            size: 1,
            members: vec![MemberAnswers::default()],
            annual_income: String::new(),
            income_period: year(),
            financial_assets: String::new(),
            extra_homes: "0".into(),
            vehicles: "0".into(),
            housing_hardship: false,
            has_emergency: String::new(),
            emergency_event: String::new(),
            emergency_event_date: String::new(),
            emergency_serious_difficulty: false,
            has_expense: String::new(),
            expense_kind: String::new(),
            expense_out_of_pocket: String::new(),
        }
    }
}

/// The id (and form name) of the input that answers a contract field:
/// `members[2].age` → `m2_age`, `emergency.event_date` → `emergency_event_date`.
pub fn input_id(field: &str) -> String {
    let field = match field.strip_prefix("members[") {
        Some(rest) => match rest.split_once("].") {
            Some((i, f)) => format!("m{i}_{f}"),
            None => return "size".into(),
        },
        None if field == "members" => return "size".into(),
        None => field.to_string(),
    };
    field.replace('.', "_")
}

/// The tick boxes, by field name (members' without their `m{i}_` prefix).
const FLAGS: [&str; 7] = [
    "disabled",
    "serious_illness",
    "employed",
    "able_to_work",
    "needs_care",
    "housing_hardship",
    "emergency_serious_difficulty",
];

/// `m3_age` → `(3, "age")`.
fn member_field(id: &str) -> Option<(usize, &str)> {
    let (index, name) = id.strip_prefix('m')?.split_once('_')?;
    Some((index.parse().ok()?, name))
}

/// The field name of an input id, without a member prefix.
fn field_name(id: &str) -> &str {
    member_field(id).map(|(_, name)| name).unwrap_or(id)
}

fn year() -> String {
    "year".into()
}

/// A money answer given per `period` (`month`: the year's is twelve times it), as the year's.
fn money_per_year(field: &str, text: &str, period: &str, errors: &mut Vec<FieldError>) -> Option<f64> {
    match Money::parse_typed(text) {
        Ok(m) => m.map(|m| {
            let year = if period == "month" { m.times(12) } else { m };
            year.fen() as f64 / 100.0
        }),
        Err(e) => {
            errors.push(e.at(field));
            None
        }
    }
}

impl CheckAnswers {
    /// The year's income, when it was answered per month and reads as an amount: what the form
    /// shows under the question ("一年合计").
    pub fn income_of_the_year(&self) -> Option<Money> {
        if self.income_period != "month" {
            return None;
        }
        Money::parse_typed(&self.annual_income)
            .ok()
            .flatten()
            .map(|m| m.times(12))
    }
}

/// A money answer: blank is "not answered"; a mistake is named at its field.
fn money(field: &str, text: &str, errors: &mut Vec<FieldError>) -> Option<f64> {
    money_per_year(field, text, "year", errors)
}

/// A whole number typed (full-width digits too: a Chinese keyboard's); `example` says what a
/// right answer looks like.
fn whole(field: &str, text: &str, example: Text, errors: &mut Vec<FieldError>) -> Option<f64> {
    let text = half_width_digits(text.trim());
    if text.is_empty() {
        return None;
    }
    match text.parse::<u32>() {
        Ok(n) => Some(n as f64),
        Err(_) => {
            let (message, message_en) = example.pair();
            errors.push(FieldError {
                field: field.into(),
                message,
                message_en,
            });
            None
        }
    }
}

fn word(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

impl CheckAnswers {
    /// Reads a form post (`application/x-www-form-urlencoded` pairs, names as [`input_id`]).
    /// A ticked box arrives as its name with a value; an unticked one does not arrive.
    pub fn from_pairs(pairs: &[(String, String)]) -> CheckAnswers {
        let mut answers = CheckAnswers::default();
        let size = pairs
            .iter()
            .find(|(k, _)| k == "size")
            .and_then(|(_, v)| v.trim().parse().ok())
            .unwrap_or(1);
        answers.set_size(size);
        answers.status.clear();
        answers.extra_homes.clear();
        answers.vehicles.clear();
        for (name, value) in pairs {
            if FLAGS.contains(&field_name(name)) {
                answers.set_flag(name, !value.is_empty());
            } else {
                answers.set_text(name, value.clone());
            }
        }
        if answers.status.is_empty() {
            answers.status = "none".into();
        }
        answers
    }

    /// The text answer of the input `id` (as [`input_id`] names it).
    pub fn text(&self, id: &str) -> String {
        if let Some((i, name)) = member_field(id) {
            let Some(m) = self.members.get(i) else {
                return String::new();
            };
            return match name {
                "age" => m.age.clone(),
                "special_disease" => m.special_disease.clone(),
                "student" => m.student.clone(),
                _ => String::new(),
            };
        }
        match id {
            "town" => self.town.clone(),
            "status" => self.status.clone(),
            "size" => self.size.to_string(),
            "annual_income" => self.annual_income.clone(),
            "income_period" => self.income_period.clone(),
            "financial_assets" => self.financial_assets.clone(),
            "extra_homes" => self.extra_homes.clone(),
            "vehicles" => self.vehicles.clone(),
            "has_emergency" => self.has_emergency.clone(),
            "emergency_event" => self.emergency_event.clone(),
            "emergency_event_date" => self.emergency_event_date.clone(),
            "has_expense" => self.has_expense.clone(),
            "expense_kind" => self.expense_kind.clone(),
            "expense_out_of_pocket" => self.expense_out_of_pocket.clone(),
            _ => String::new(),
        }
    }

    pub fn set_text(&mut self, id: &str, value: String) {
        if let Some((i, name)) = member_field(id) {
            if let Some(m) = self.members.get_mut(i) {
                match name {
                    "age" => m.age = value,
                    "special_disease" => m.special_disease = value,
                    "student" => m.student = value,
                    _ => {}
                }
            }
            return;
        }
        match id {
            "town" => self.town = value,
            "status" => self.status = value,
            "size" => self.set_size(value.trim().parse().unwrap_or(1)),
            "annual_income" => self.annual_income = value,
            "income_period" => self.income_period = value,
            "financial_assets" => self.financial_assets = value,
            "extra_homes" => self.extra_homes = value,
            "vehicles" => self.vehicles = value,
            "has_emergency" => self.has_emergency = value,
            "emergency_event" => self.emergency_event = value,
            "emergency_event_date" => self.emergency_event_date = value,
            "has_expense" => self.has_expense = value,
            "expense_kind" => self.expense_kind = value,
            "expense_out_of_pocket" => self.expense_out_of_pocket = value,
            _ => {}
        }
    }

    /// The tick-box answer of the input `id`.
    pub fn flag(&self, id: &str) -> bool {
        if let Some((i, name)) = member_field(id) {
            let Some(m) = self.members.get(i) else {
                return false;
            };
            return match name {
                "disabled" => m.disabled,
                "serious_illness" => m.serious_illness,
                "employed" => m.employed,
                "able_to_work" => m.able_to_work,
                "needs_care" => m.needs_care,
                _ => false,
            };
        }
        match id {
            "housing_hardship" => self.housing_hardship,
            "emergency_serious_difficulty" => self.emergency_serious_difficulty,
            _ => false,
        }
    }

    pub fn set_flag(&mut self, id: &str, on: bool) {
        if let Some((i, name)) = member_field(id) {
            if let Some(m) = self.members.get_mut(i) {
                match name {
                    "disabled" => m.disabled = on,
                    "serious_illness" => m.serious_illness = on,
                    "employed" => m.employed = on,
                    "able_to_work" => m.able_to_work = on,
                    "needs_care" => m.needs_care = on,
                    _ => {}
                }
            }
            return;
        }
        match id {
            "housing_hardship" => self.housing_hardship = on,
            "emergency_serious_difficulty" => self.emergency_serious_difficulty = on,
            _ => {}
        }
    }

    /// Grows or shrinks the member list to `size`, keeping what was typed for those who stay.
    pub fn set_size(&mut self, size: usize) {
        self.size = size.clamp(1, MAX_MEMBERS);
        self.members.resize(self.size, MemberAnswers::default());
    }

    /// The household of the contract, and the answers that are not numbers where a number is
    /// needed (the rules' validation then names what is missing or out of range).
    pub fn to_input(&self) -> (HouseholdInput, Vec<FieldError>) {
        let mut errors = Vec::new();
        let members = self
            .members
            .iter()
            .take(self.size)
            .enumerate()
            .map(|(i, m)| MemberInput {
                age: whole(
                    &format!("members[{i}].age"),
                    &m.age,
                    checks::WHOLE_YEARS_OF_AGE,
                    &mut errors,
                ),
                disabled: Some(m.disabled),
                serious_illness: Some(m.serious_illness),
                special_disease: word(&m.special_disease),
                student: word(&m.student),
                employed: Some(m.employed),
                able_to_work: Some(m.able_to_work),
                needs_care: Some(m.needs_care),
            })
            .collect();
        let emergency = (self.has_emergency == "yes").then(|| EmergencyInput {
            event: word(&self.emergency_event),
            event_date: word(&self.emergency_event_date),
            serious_difficulty: Some(self.emergency_serious_difficulty),
        });
        let expense = (self.has_expense == "yes").then(|| ExpenseInput {
            kind: word(&self.expense_kind),
            out_of_pocket: money("expense.out_of_pocket", &self.expense_out_of_pocket, &mut errors),
        });
        let input = HouseholdInput {
            date: None,
            town: word(&self.town),
            status: word(&self.status),
            members: Some(members),
            annual_income: money_per_year(
                "annual_income",
                &self.annual_income,
                &self.income_period,
                &mut errors,
            ),
            financial_assets: money("financial_assets", &self.financial_assets, &mut errors),
            extra_homes: whole(
                "extra_homes",
                &self.extra_homes,
                checks::WHOLE_NUMBER,
                &mut errors,
            ),
            vehicles: whole("vehicles", &self.vehicles, checks::WHOLE_NUMBER, &mut errors),
            housing_hardship: Some(self.housing_hardship),
            emergency,
            expense,
        };
        (input, errors)
    }

    /// Assesses the answers as of `today`: the assessment, or every field to put right.
    pub fn evaluate(&self, parameters: &Parameters, today: NaiveDate) -> Result<Assessment, Vec<FieldError>> {
        let (input, mut errors) = self.to_input();
        match rules::assess_input(&input, parameters, today) {
            Ok(assessment) if errors.is_empty() => Ok(assessment),
            Ok(_) => Err(errors),
            Err(found) => {
                // A field that is not a number was passed on as missing: keep only its
                // "not a number" message, not a second "please answer".
                for e in found {
                    if !errors.iter().any(|x| x.field == e.field) {
                        errors.push(e);
                    }
                }
                Err(errors)
            }
        }
    }

    /// True before the resident has answered anything of substance.
    pub fn is_blank(&self) -> bool {
        self.town.is_empty()
            && self.annual_income.is_empty()
            && self.financial_assets.is_empty()
            && self.members.iter().all(|m| m.age.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_form_post_with_a_fire_gives_the_contracts_first_answer() {
        let answers = CheckAnswers::from_pairs(&pairs(&[
            ("town", "几江街道"),
            ("status", "none"),
            ("size", "1"),
            ("m0_age", "44"),
            ("m0_employed", "on"),
            ("m0_able_to_work", "on"),
            ("annual_income", "30,000"),
            ("financial_assets", "5000元"),
            ("extra_homes", "0"),
            ("vehicles", "0"),
            ("has_emergency", "yes"),
            ("emergency_event", "fire"),
            ("emergency_event_date", "2019-07-20"),
            ("emergency_serious_difficulty", "on"),
            ("has_expense", "yes"),
            ("expense_kind", "medical"),
            ("expense_out_of_pocket", "20000"),
        ]));
        let a = answers
            .evaluate(&Parameters::defaults(), "2019-08-01".parse().unwrap())
            .unwrap();
        assert_eq!(a.emergency.amount, Money::from_yuan(1092));
        assert_eq!(a.expense.outcome, rules::Outcome::Unlikely);
    }

    #[test]
    fn an_answer_that_is_not_a_number_is_named_once_at_its_field() {
        let mut answers = CheckAnswers {
            town: "白沙镇".into(),
            annual_income: "很多".into(),
            ..Default::default()
        };
        answers.members[0].age = "40".into();
        answers.financial_assets = "0".into();
        let errors = answers
            .evaluate(&Parameters::defaults(), "2019-08-01".parse().unwrap())
            .unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "annual_income");
        assert!(errors[0].message.contains("数字"));
    }

    #[test]
    fn field_paths_map_to_input_ids() {
        assert_eq!(input_id("members[2].age"), "m2_age");
        assert_eq!(input_id("members"), "size");
        assert_eq!(input_id("emergency.event_date"), "emergency_event_date");
        assert_eq!(input_id("annual_income"), "annual_income");
    }

    #[test]
    fn changing_the_household_size_keeps_earlier_members() {
        let mut answers = CheckAnswers::default();
        answers.members[0].age = "50".into();
        answers.set_size(3);
        assert_eq!(answers.members.len(), 3);
        answers.set_size(1);
        assert_eq!(answers.members[0].age, "50");
    }
}
