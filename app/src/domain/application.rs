//! An application for temporary assistance: the answers as the resident typed them (text, so
//! nothing typed is ever lost to a parse error), and their validation into the household the
//! rules assess plus the personal details the town needs.

use super::{BankCard, NationalId, PhoneNumber};
use crate::domain::words::spelled;
use crate::rules::{
    AnswerError, EmergencyInput, ExpenseInput, FieldError, HouseholdInput, MAX_MEMBERS, MemberInput, Money,
    Parameters, Town,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

spelled! {
    pub enum AidType {
        /// 急难型
        Emergency = "emergency",
        /// 支出型
        Expense = "expense",
    }
}

/// One household member as typed. The applicant is the first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemberAnswers {
    pub relationship: String,
    pub name: String,
    /// Either the ID number (age derived from it) or the age.
    pub id_number: String,
    #[serde(deserialize_with = "text_or_number")]
    pub age: String,
    pub disabled: bool,
    pub serious_illness: bool,
    pub special_disease: String,
    pub student: String,
    pub employed: bool,
    pub able_to_work: bool,
    pub needs_care: bool,
}

/// Everything an application asks, as typed. Stored as JSON with the application, so the town
/// sees exactly what the resident wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApplicationAnswers {
    pub aid_type: String,
    pub applicant_name: String,
    pub applicant_id_number: String,
    pub applicant_phone: String,
    pub address: String,
    pub town: String,
    /// Applying for someone else: the helper's details.
    pub on_behalf: bool,
    pub helper_name: String,
    pub helper_relationship: String,
    pub helper_phone: String,
    /// Besides the applicant.
    pub members: Vec<MemberAnswers>,
    pub applicant: MemberAnswers,
    pub status: String,
    #[serde(deserialize_with = "text_or_number")]
    pub annual_income: String,
    #[serde(deserialize_with = "text_or_number")]
    pub financial_assets: String,
    #[serde(deserialize_with = "text_or_number")]
    pub extra_homes: String,
    #[serde(deserialize_with = "text_or_number")]
    pub vehicles: String,
    pub housing_hardship: bool,
    pub emergency_event: String,
    pub emergency_event_date: String,
    pub emergency_description: String,
    pub emergency_serious_difficulty: bool,
    pub expense_kind: String,
    #[serde(deserialize_with = "text_or_number")]
    pub expense_spent: String,
    #[serde(deserialize_with = "text_or_number")]
    pub expense_reimbursed: String,
    pub expense_purpose: String,
    pub bank_name: String,
    pub bank_card: String,
    pub account_holder: String,
    pub declaration_name: String,
    pub consent: bool,
}

/// The validated personal details of an application (the household goes to the rules).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applicant {
    pub name: String,
    pub id_number: NationalId,
    pub phone: PhoneNumber,
    pub address: String,
    pub town: Town,
    pub bank_card: BankCard,
}

/// A validated application, ready to be stored with the server's assessment.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidApplication {
    pub aid_type: AidType,
    pub applicant: Applicant,
    pub household: HouseholdInput,
    pub member_ids: Vec<Option<NationalId>>,
}

/// Amounts and counts are text as typed; other channels (the JSON API) may send numbers.
fn text_or_number<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum TextOrNumber {
        Text(String),
        Number(serde_json::Number),
    }
    Ok(match TextOrNumber::deserialize(deserializer)? {
        TextOrNumber::Text(text) => text,
        TextOrNumber::Number(number) => number.to_string(),
    })
}

const MAX_TEXT: usize = 200;
const MAX_DESCRIPTION: usize = 2000;

fn error(field: &str, zh: &str, en: &str) -> FieldError {
    FieldError {
        field: field.into(),
        message: zh.into(),
        message_en: en.into(),
    }
}

/// Emergency aid is for a recent event (RULES.md §2: within `emergency.event_window_days`
/// before the application): an older date, such as 0000-01-01, is refused at its field rather
/// than stored. A date that does not parse, or one after today, is left to the rules' own
/// validation, which names it.
fn event_too_old(text: &str, parameters: &Parameters, today: NaiveDate) -> Option<FieldError> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()?;
    let window = parameters.on(today).ok()?.emergency_event_window_days;
    ((today - date).num_days() > window).then(|| {
        error(
            "emergency_event_date",
            &format!(
                "急难型救助针对近期发生的事件：事件日期应在申请日前 {window} 天以内。如果是医疗或教育支出，请申请支出型救助。"
            ),
            &format!(
                "Emergency aid is for a recent event: the event date must be within {window} days before the application. For medical or school costs, apply for expense-based aid."
            ),
        )
    })
}

fn required_text(errors: &mut Vec<FieldError>, field: &str, value: &str, max: usize) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        errors.push(error(field, "请填写这一项。", "Please answer this question."));
        None
    } else if value.chars().count() > max {
        errors.push(error(
            field,
            &format!("最多 {max} 个字，请精简。"),
            &format!("Use at most {max} characters."),
        ));
        None
    } else {
        Some(value.to_string())
    }
}

fn money(errors: &mut Vec<FieldError>, field: &str, text: &str) -> Option<Money> {
    match Money::parse_typed(text) {
        Ok(Some(m)) => Some(m),
        Ok(None) => {
            errors.push(error(
                field,
                "请填写金额，没有就填 0。",
                "Enter an amount; write 0 if none.",
            ));
            None
        }
        Err(e) => {
            errors.push(e.at(field));
            None
        }
    }
}

fn yuan(m: Money) -> f64 {
    m.fen() as f64 / 100.0
}

impl ApplicationAnswers {
    /// Validates everything, returning every problem at once. `today` is the application date.
    pub fn validate(
        &self,
        parameters: &Parameters,
        today: NaiveDate,
    ) -> Result<ValidApplication, Vec<FieldError>> {
        let mut errors = Vec::new();
        let aid_type = AidType::parse(&self.aid_type);
        if aid_type.is_none() {
            errors.push(error(
                "aid_type",
                "请选择申请哪一类救助。",
                "Choose which kind of aid you are applying for.",
            ));
        }
        let name = required_text(&mut errors, "applicant_name", &self.applicant_name, 50);
        let id_number = match NationalId::parse_on(&self.applicant_id_number, today) {
            Ok(id) => Some(id),
            Err(e) => {
                errors.push(e.at("applicant_id_number"));
                None
            }
        };
        let phone = match PhoneNumber::parse(&self.applicant_phone) {
            Ok(p) => Some(p),
            Err(e) => {
                errors.push(e.at("applicant_phone"));
                None
            }
        };
        let address = required_text(&mut errors, "address", &self.address, MAX_TEXT);
        let town = Town::by_full_name(self.town.trim());
        if town.is_none() {
            errors.push(error(
                "town",
                "请选择您所在的镇街。",
                "Choose your town or subdistrict.",
            ));
        }
        if self.on_behalf {
            required_text(&mut errors, "helper_name", &self.helper_name, 50);
            required_text(&mut errors, "helper_relationship", &self.helper_relationship, 50);
            if let Err(e) = PhoneNumber::parse(&self.helper_phone) {
                errors.push(e.at("helper_phone"));
            }
        }
        if self.members.len() + 1 > MAX_MEMBERS {
            errors.push(error(
                "members",
                &format!("家庭成员最多 {MAX_MEMBERS} 人。"),
                &format!("At most {MAX_MEMBERS} household members."),
            ));
        }

        // Each member's age: from the ID number when given (and then it must be valid), else typed.
        let mut member_ids = Vec::new();
        let mut members = Vec::new();
        let applicant_age = id_number.as_ref().map(|id| id.age_on(today));
        members.push(member_input(&self.applicant, applicant_age));
        member_ids.push(id_number.clone());
        for (i, m) in self.members.iter().enumerate() {
            let path = format!("members[{i}]");
            required_text(&mut errors, &format!("{path}.name"), &m.name, 50);
            required_text(&mut errors, &format!("{path}.relationship"), &m.relationship, 20);
            let (age, id) = if m.id_number.trim().is_empty() {
                match m.age.trim().parse::<u8>() {
                    Ok(age) if age <= 130 => (Some(i64::from(age)), None),
                    _ => {
                        errors.push(error(
                            &format!("{path}.age"),
                            "请填写年龄（整数），或填写身份证号码。",
                            "Enter the age in whole years, or the ID card number.",
                        ));
                        (None, None)
                    }
                }
            } else {
                match NationalId::parse_on(&m.id_number, today) {
                    Ok(id) => (Some(id.age_on(today)), Some(id)),
                    Err(e) => {
                        errors.push(e.at(&format!("{path}.id_number")));
                        (None, None)
                    }
                }
            };
            members.push(member_input(m, age));
            member_ids.push(id);
        }

        let annual_income = money(&mut errors, "annual_income", &self.annual_income);
        let financial_assets = money(&mut errors, "financial_assets", &self.financial_assets);
        let count = |errors: &mut Vec<FieldError>, field: &str, text: &str| -> Option<f64> {
            match text.trim() {
                "" => Some(0.0),
                t => match t.parse::<u16>() {
                    Ok(n) => Some(f64::from(n)),
                    Err(_) => {
                        errors.push(error(
                            field,
                            "请填写整数，例如 0、1。",
                            "Enter a whole number, such as 0 or 1.",
                        ));
                        None
                    }
                },
            }
        };
        let extra_homes = count(&mut errors, "extra_homes", &self.extra_homes);
        let vehicles = count(&mut errors, "vehicles", &self.vehicles);

        let (emergency, expense) = match aid_type {
            Some(AidType::Emergency) => {
                required_text(
                    &mut errors,
                    "emergency_description",
                    &self.emergency_description,
                    MAX_DESCRIPTION,
                );
                let emergency = EmergencyInput {
                    event: Some(self.emergency_event.trim().to_string()).filter(|s| !s.is_empty()),
                    event_date: Some(self.emergency_event_date.trim().to_string()).filter(|s| !s.is_empty()),
                    serious_difficulty: Some(self.emergency_serious_difficulty),
                };
                if let Some(e) = event_too_old(&self.emergency_event_date, parameters, today) {
                    errors.push(e);
                }
                (Some(emergency), None)
            }
            Some(AidType::Expense) => {
                required_text(
                    &mut errors,
                    "expense_purpose",
                    &self.expense_purpose,
                    MAX_DESCRIPTION,
                );
                let spent = money(&mut errors, "expense_spent", &self.expense_spent);
                let reimbursed = money(&mut errors, "expense_reimbursed", &self.expense_reimbursed);
                let out_of_pocket = match (spent, reimbursed) {
                    (Some(spent), Some(reimbursed)) if reimbursed > spent => {
                        errors.push(error(
                            "expense_reimbursed",
                            "报销的金额不能多于花费的金额。",
                            "What was reimbursed cannot be more than what was spent.",
                        ));
                        None
                    }
                    (Some(spent), Some(reimbursed)) => Some(yuan(spent.saturating_minus(reimbursed))),
                    _ => None,
                };
                let expense = ExpenseInput {
                    kind: Some(self.expense_kind.trim().to_string()).filter(|s| !s.is_empty()),
                    out_of_pocket: out_of_pocket.or(Some(0.0)),
                };
                (None, Some(expense))
            }
            None => (None, None),
        };

        let bank_card = match BankCard::parse(&self.bank_card) {
            Ok(card) => Some(card),
            Err(e) => {
                errors.push(e.at("bank_card"));
                None
            }
        };
        required_text(&mut errors, "account_holder", &self.account_holder, 50);
        required_text(&mut errors, "bank_name", &self.bank_name, 50);

        if self.declaration_name.trim() != self.applicant_name.trim()
            || self.declaration_name.trim().is_empty()
        {
            errors.push(error(
                "declaration_name",
                "请输入申请人的姓名，与第一步填写的一致。",
                "Type the applicant's name, as given in the first step.",
            ));
        }
        if !self.consent {
            errors.push(error(
                "consent",
                "需要您同意家庭经济状况核对，镇街才能受理申请。",
                "The town can only accept the application once you agree to the household means check.",
            ));
        }

        let household = HouseholdInput {
            date: Some(today.to_string()),
            town: town.map(|t| t.full_name()),
            status: Some(if self.status.trim().is_empty() {
                "none".into()
            } else {
                self.status.trim().into()
            }),
            members: Some(members),
            annual_income: annual_income.map(yuan),
            financial_assets: financial_assets.map(yuan),
            extra_homes,
            vehicles,
            housing_hardship: Some(self.housing_hardship),
            emergency,
            expense,
        };
        // The rules' own validation covers the event, the dates, the kinds and the status.
        if let Err(found) = household.validate(parameters, today) {
            for e in found {
                let field = rules_field_to_answer(&e.field);
                // An age missing because its ID number was wrong is already explained there.
                let id_field = match field.strip_suffix(".age") {
                    Some("applicant") => "applicant_id_number".to_string(),
                    Some(member) => format!("{member}.id_number"),
                    None => String::new(),
                };
                if !errors.iter().any(|x| x.field == field || x.field == id_field) {
                    errors.push(FieldError { field, ..e });
                }
            }
        }

        match (aid_type, name, id_number, phone, address, town, bank_card) {
            (
                Some(aid_type),
                Some(name),
                Some(id_number),
                Some(phone),
                Some(address),
                Some(town),
                Some(bank_card),
            ) if errors.is_empty() => Ok(ValidApplication {
                aid_type,
                applicant: Applicant {
                    name,
                    id_number,
                    phone,
                    address,
                    town,
                    bank_card,
                },
                household,
                member_ids,
            }),
            _ => Err(errors),
        }
    }
}

fn member_input(m: &MemberAnswers, age: Option<i64>) -> MemberInput {
    let word = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    MemberInput {
        age: age.map(|a| a as f64),
        disabled: Some(m.disabled),
        serious_illness: Some(m.serious_illness),
        special_disease: word(&m.special_disease),
        student: word(&m.student),
        employed: Some(m.employed),
        able_to_work: Some(m.able_to_work),
        needs_care: Some(m.needs_care),
    }
}

/// The rules number the applicant as member 0; the answers keep the applicant apart.
fn rules_field_to_answer(field: &str) -> String {
    if let Some(rest) = field.strip_prefix("members[")
        && let Some((index, name)) = rest.split_once("].")
        && let Ok(i) = index.parse::<usize>()
    {
        return if i == 0 {
            format!("applicant.{name}")
        } else {
            format!("members[{}].{name}", i - 1)
        };
    }
    match field {
        "emergency.event" => "emergency_event".into(),
        "emergency.event_date" => "emergency_event_date".into(),
        "expense.kind" => "expense_kind".into(),
        "date" => "emergency_event_date".into(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        "2019-08-01".parse().unwrap()
    }

    /// A complete emergency application: a fire, one person.
    pub fn fire_application() -> ApplicationAnswers {
        ApplicationAnswers {
            aid_type: "emergency".into(),
            applicant_name: "张三".into(),
            applicant_id_number: "11010519491231002X".into(),
            applicant_phone: "13812345678".into(),
            address: "几江街道某路 1 号".into(),
            town: "几江街道".into(),
            status: "none".into(),
            annual_income: "30000".into(),
            financial_assets: "5000".into(),
            emergency_event: "fire".into(),
            emergency_event_date: "2019-07-20".into(),
            emergency_description: "厨房失火，家具烧毁。".into(),
            emergency_serious_difficulty: true,
            bank_name: "重庆农村商业银行".into(),
            bank_card: "4111111111111111".into(),
            account_holder: "张三".into(),
            declaration_name: "张三".into(),
            consent: true,
            ..Default::default()
        }
    }

    fn fields(answers: &ApplicationAnswers) -> Vec<String> {
        answers
            .validate(&Parameters::defaults(), today())
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_complete_fire_application_is_valid_and_the_age_comes_from_the_id_number() {
        let valid = fire_application()
            .validate(&Parameters::defaults(), today())
            .unwrap();
        assert_eq!(valid.aid_type, AidType::Emergency);
        assert_eq!(valid.household.members.as_ref().unwrap()[0].age, Some(69.0));
        assert_eq!(valid.applicant.town.full_name(), "几江街道");
    }

    #[test]
    fn a_wrong_id_check_digit_a_bad_phone_and_a_bad_card_are_each_named() {
        let mut a = fire_application();
        a.applicant_id_number = "11010519491231003X".into();
        a.applicant_phone = "12345".into();
        a.bank_card = "4111111111111112".into();
        assert_eq!(
            fields(&a),
            ["applicant_id_number", "applicant_phone", "bank_card"]
        );
    }

    #[test]
    fn the_declaration_needs_the_applicants_name_and_the_consent() {
        let mut a = fire_application();
        a.declaration_name = "李四".into();
        a.consent = false;
        assert_eq!(fields(&a), ["declaration_name", "consent"]);
    }

    #[test]
    fn an_event_after_today_is_named_at_the_event_date() {
        let mut a = fire_application();
        a.emergency_event_date = "2019-08-02".into();
        assert_eq!(fields(&a), ["emergency_event_date"]);
    }

    #[test]
    fn an_id_number_born_after_today_is_named_at_its_field() {
        let mut a = fire_application();
        // 2099-01-01 and 9999-12-31, with correct check characters.
        a.applicant_id_number = "110105209901010020".into();
        assert_eq!(fields(&a), ["applicant_id_number"]);
        a.applicant_id_number = "110105999912310028".into();
        assert_eq!(fields(&a), ["applicant_id_number"]);
    }

    #[test]
    fn a_member_born_after_today_is_named_at_the_members_id_number() {
        let mut a = fire_application();
        a.members.push(MemberAnswers {
            name: "张小".into(),
            relationship: "子女".into(),
            id_number: "110105209901010020".into(),
            ..Default::default()
        });
        assert_eq!(fields(&a), ["members[0].id_number"]);
    }

    #[test]
    fn an_event_before_the_emergency_window_is_named_at_the_event_date() {
        let window = Parameters::defaults()
            .on(today())
            .unwrap()
            .emergency_event_window_days;
        let mut a = fire_application();
        a.emergency_event_date = "0000-01-01".into();
        assert_eq!(fields(&a), ["emergency_event_date"]);
        a.emergency_event_date = (today() - chrono::Duration::days(window + 1)).to_string();
        assert_eq!(fields(&a), ["emergency_event_date"]);
        a.emergency_event_date = (today() - chrono::Duration::days(window)).to_string();
        assert!(a.validate(&Parameters::defaults(), today()).is_ok());
    }

    #[test]
    fn an_expense_application_takes_what_was_spent_less_what_was_reimbursed() {
        let mut a = fire_application();
        a.aid_type = "expense".into();
        a.expense_kind = "medical".into();
        a.expense_spent = "50,000".into();
        a.expense_reimbursed = "20000元".into();
        a.expense_purpose = "住院手术".into();
        let valid = a.validate(&Parameters::defaults(), today()).unwrap();
        assert_eq!(valid.household.expense.unwrap().out_of_pocket, Some(30000.0));
        assert!(valid.household.emergency.is_none());
    }

    #[test]
    fn a_member_is_given_by_age_or_by_a_valid_id_number() {
        let mut a = fire_application();
        a.members.push(MemberAnswers {
            relationship: "子女".into(),
            name: "张小".into(),
            age: "12".into(),
            ..Default::default()
        });
        a.members.push(MemberAnswers {
            relationship: "配偶".into(),
            name: "王五".into(),
            id_number: "110105194912310021".into(),
            ..Default::default()
        });
        assert_eq!(fields(&a), ["members[1].id_number"]);
    }

    #[test]
    fn a_helper_applying_on_someones_behalf_gives_a_valid_phone() {
        let mut a = fire_application();
        a.on_behalf = true;
        a.helper_name = "张女儿".into();
        a.helper_relationship = "女儿".into();
        a.helper_phone = "023-1234".into();
        assert_eq!(fields(&a), ["helper_phone"]);
    }
}

/// The steps of the journey, one small group of questions each (GOV.UK "one thing per page").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Step {
    Applicant,
    Household,
    Means,
    Circumstances,
    Documents,
    Payment,
    Review,
}

impl Step {
    pub const ALL: [Step; 7] = [
        Step::Applicant,
        Step::Household,
        Step::Means,
        Step::Circumstances,
        Step::Documents,
        Step::Payment,
        Step::Review,
    ];

    /// 1-based, as shown: "第 2 步，共 7 步".
    pub fn number(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }

    pub fn from_number(n: usize) -> Option<Step> {
        n.checked_sub(1).and_then(|i| Step::ALL.get(i).copied())
    }

    pub fn next(self) -> Option<Step> {
        Step::from_number(self.number() + 1)
    }

    pub fn previous(self) -> Option<Step> {
        Step::from_number(self.number() - 1)
    }

    /// The step whose page asks the field (a field path of [`ApplicationAnswers::validate`]).
    pub fn of_field(field: &str) -> Step {
        let name = field.split(['.', '[']).next().unwrap_or(field);
        match name {
            "aid_type"
            | "applicant_name"
            | "applicant_id_number"
            | "applicant_phone"
            | "address"
            | "town"
            | "on_behalf"
            | "helper_name"
            | "helper_relationship"
            | "helper_phone" => Step::Applicant,
            "members" | "applicant" | "member_count" => Step::Household,
            "status" | "annual_income" | "financial_assets" | "extra_homes" | "vehicles"
            | "housing_hardship" => Step::Means,
            "document" => Step::Documents,
            "bank_name" | "bank_card" | "account_holder" => Step::Payment,
            "declaration_name" | "consent" => Step::Review,
            _ => Step::Circumstances,
        }
    }
}

/// Member fields a form may carry, as `members[i].<name>` or `applicant.<name>`.
const MEMBER_TEXT: [&str; 6] = [
    "relationship",
    "name",
    "id_number",
    "age",
    "special_disease",
    "student",
];
const MEMBER_FLAGS: [&str; 5] = [
    "disabled",
    "serious_illness",
    "employed",
    "able_to_work",
    "needs_care",
];

fn member_text<'a>(m: &'a mut MemberAnswers, name: &str) -> Option<&'a mut String> {
    Some(match name {
        "relationship" => &mut m.relationship,
        "name" => &mut m.name,
        "id_number" => &mut m.id_number,
        "age" => &mut m.age,
        "special_disease" => &mut m.special_disease,
        "student" => &mut m.student,
        _ => return None,
    })
}

fn member_flag<'a>(m: &'a mut MemberAnswers, name: &str) -> Option<&'a mut bool> {
    Some(match name {
        "disabled" => &mut m.disabled,
        "serious_illness" => &mut m.serious_illness,
        "employed" => &mut m.employed,
        "able_to_work" => &mut m.able_to_work,
        "needs_care" => &mut m.needs_care,
        _ => return None,
    })
}

impl ApplicationAnswers {
    fn text_mut(&mut self, name: &str) -> Option<&mut String> {
        Some(match name {
            "aid_type" => &mut self.aid_type,
            "applicant_name" => &mut self.applicant_name,
            "applicant_id_number" => &mut self.applicant_id_number,
            "applicant_phone" => &mut self.applicant_phone,
            "address" => &mut self.address,
            "town" => &mut self.town,
            "helper_name" => &mut self.helper_name,
            "helper_relationship" => &mut self.helper_relationship,
            "helper_phone" => &mut self.helper_phone,
            "status" => &mut self.status,
            "annual_income" => &mut self.annual_income,
            "financial_assets" => &mut self.financial_assets,
            "extra_homes" => &mut self.extra_homes,
            "vehicles" => &mut self.vehicles,
            "emergency_event" => &mut self.emergency_event,
            "emergency_event_date" => &mut self.emergency_event_date,
            "emergency_description" => &mut self.emergency_description,
            "expense_kind" => &mut self.expense_kind,
            "expense_spent" => &mut self.expense_spent,
            "expense_reimbursed" => &mut self.expense_reimbursed,
            "expense_purpose" => &mut self.expense_purpose,
            "bank_name" => &mut self.bank_name,
            "bank_card" => &mut self.bank_card,
            "account_holder" => &mut self.account_holder,
            "declaration_name" => &mut self.declaration_name,
            _ => return None,
        })
    }

    fn flag_mut(&mut self, name: &str) -> Option<&mut bool> {
        Some(match name {
            "on_behalf" => &mut self.on_behalf,
            "housing_hardship" => &mut self.housing_hardship,
            "emergency_serious_difficulty" => &mut self.emergency_serious_difficulty,
            "consent" => &mut self.consent,
            _ => return None,
        })
    }

    /// The tick boxes a step's page shows: unticked ones are absent from a form post, so they
    /// are cleared before the post is read.
    fn clear_flags_of(&mut self, step: Step) {
        match step {
            Step::Applicant => self.on_behalf = false,
            Step::Household => {
                for m in std::iter::once(&mut self.applicant).chain(self.members.iter_mut()) {
                    for f in MEMBER_FLAGS {
                        if let Some(flag) = member_flag(m, f) {
                            *flag = false;
                        }
                    }
                }
            }
            Step::Means => self.housing_hardship = false,
            Step::Circumstances => self.emergency_serious_difficulty = false,
            Step::Documents | Step::Payment => {}
            Step::Review => self.consent = false,
        }
    }

    /// Reads one step's form post into the answers. Other steps' answers are untouched, so
    /// going back and forth never loses anything.
    pub fn read_form(&mut self, step: Step, pairs: &[(String, String)]) {
        if step == Step::Household {
            let count = pairs
                .iter()
                .find(|(k, _)| k == "member_count")
                .and_then(|(_, v)| v.trim().parse::<usize>().ok())
                .unwrap_or(self.members.len())
                .min(MAX_MEMBERS - 1);
            self.members.resize(count, MemberAnswers::default());
        }
        self.clear_flags_of(step);
        for (key, value) in pairs {
            if Step::of_field(key) != step {
                continue;
            }
            let value = value.chars().take(MAX_DESCRIPTION).collect::<String>();
            if let Some((who, name)) = key.split_once('.') {
                let member = if who == "applicant" {
                    Some(&mut self.applicant)
                } else {
                    who.strip_prefix("members[")
                        .and_then(|i| i.strip_suffix(']'))
                        .and_then(|i| i.parse::<usize>().ok())
                        .and_then(|i| self.members.get_mut(i))
                };
                if let Some(m) = member {
                    if MEMBER_TEXT.contains(&name) {
                        if let Some(slot) = member_text(m, name) {
                            *slot = value;
                        }
                    } else if let Some(flag) = member_flag(m, name) {
                        *flag = !value.is_empty();
                    }
                }
            } else if let Some(slot) = self.text_mut(key) {
                *slot = value;
            } else if let Some(flag) = self.flag_mut(key) {
                *flag = !value.is_empty();
            }
        }
    }
}

#[cfg(test)]
mod form_tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_step_post_changes_only_that_steps_answers() {
        let mut a = ApplicationAnswers {
            bank_card: "4111111111111111".into(),
            ..Default::default()
        };
        a.read_form(
            Step::Applicant,
            &pairs(&[
                ("applicant_name", "张三"),
                ("bank_card", "0000"),
                ("on_behalf", "on"),
            ]),
        );
        assert_eq!(a.applicant_name, "张三");
        assert!(a.on_behalf);
        assert_eq!(a.bank_card, "4111111111111111");
    }

    #[test]
    fn an_unticked_box_of_the_step_is_cleared_and_others_are_kept() {
        let mut a = ApplicationAnswers {
            on_behalf: true,
            housing_hardship: true,
            ..Default::default()
        };
        a.read_form(Step::Applicant, &pairs(&[("applicant_name", "张三")]));
        assert!(!a.on_behalf);
        assert!(a.housing_hardship);
    }

    #[test]
    fn members_are_read_by_position_and_the_count_resizes_the_list() {
        let mut a = ApplicationAnswers::default();
        a.read_form(
            Step::Household,
            &pairs(&[
                ("member_count", "2"),
                ("applicant.disabled", "on"),
                ("members[0].name", "李四"),
                ("members[1].age", "12"),
                ("members[1].student", "primary"),
            ]),
        );
        assert!(a.applicant.disabled);
        assert_eq!(a.members.len(), 2);
        assert_eq!(a.members[0].name, "李四");
        assert_eq!(a.members[1].student, "primary");
    }

    #[test]
    fn each_field_belongs_to_one_step() {
        assert_eq!(Step::of_field("members[3].age"), Step::Household);
        assert_eq!(Step::of_field("applicant.disabled"), Step::Household);
        assert_eq!(Step::of_field("emergency_event_date"), Step::Circumstances);
        assert_eq!(Step::of_field("bank_card"), Step::Payment);
        assert_eq!(Step::of_field("consent"), Step::Review);
        assert_eq!(Step::Review.next(), None);
        assert_eq!(Step::Applicant.previous(), None);
        assert_eq!(Step::from_number(2), Some(Step::Household));
    }
}
