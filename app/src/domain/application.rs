//! An application for temporary assistance: the answers as the resident typed them (text, so
//! nothing typed is ever lost to a parse error), and their validation into the household the
//! rules assess plus the personal details the town needs.

use super::checks::{self, MAX_DESCRIPTION};
use super::form::{self, checkbox};
use super::{BankCard, NationalId, PhoneNumber};
use crate::domain::words::spelled;
use crate::i18n::{Words, checks as words};
use crate::rules::{
    AnswerError, EmergencyInput, ExpenseInput, FieldError, HouseholdInput, MAX_MEMBERS, MemberInput, Money,
    Parameters, Town,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidateArgs};

spelled! {
    pub enum AidType {
        /// 急难型
        Emergency = "emergency",
        /// 支出型
        Expense = "expense",
    }
}

/// One household member as typed. The applicant is the first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct MemberAnswers {
    #[validate(custom(function = "checks::relationship"))]
    #[cfg_attr(feature = "ssr", schema(max_length = 20))]
    pub relationship: String,
    #[validate(custom(function = "checks::name"))]
    #[cfg_attr(feature = "ssr", schema(max_length = 50))]
    pub name: String,
    /// Either the ID number (age derived from it) or the age.
    #[cfg_attr(feature = "ssr", schema(pattern = r"^([0-9]{17}[0-9Xx])?$"))]
    pub id_number: String,
    #[serde(deserialize_with = "text_or_number")]
    #[cfg_attr(feature = "ssr", schema(schema_with = super::schema::age))]
    pub age: String,
    #[serde(deserialize_with = "checkbox")]
    pub disabled: bool,
    #[serde(deserialize_with = "checkbox")]
    pub serious_illness: bool,
    #[cfg_attr(feature = "ssr", schema(schema_with = super::schema::special_disease))]
    pub special_disease: String,
    #[cfg_attr(feature = "ssr", schema(schema_with = super::schema::student))]
    pub student: String,
    #[serde(deserialize_with = "checkbox")]
    pub employed: bool,
    #[serde(deserialize_with = "checkbox")]
    pub able_to_work: bool,
    #[serde(deserialize_with = "checkbox")]
    pub needs_care: bool,
}

/// Step 1: who applies, and who helps.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
#[validate(context = NaiveDate)]
pub struct ApplicantAnswers {
    #[cfg_attr(feature = "ssr", schema(value_type = AidType))]
    pub aid_type: String,
    /// Applying for someone else (asked first, issue 24, item 4): the helper's details, and
    /// the helper's phone is the contact.
    #[serde(deserialize_with = "checkbox")]
    pub on_behalf: bool,
    #[cfg_attr(feature = "ssr", schema(max_length = 50))]
    pub helper_name: String,
    #[cfg_attr(feature = "ssr", schema(max_length = 50))]
    pub helper_relationship: String,
    #[cfg_attr(feature = "ssr", schema(pattern = r"^(1[3-9][0-9]{9})?$"))]
    pub helper_phone: String,
    #[validate(custom(function = "checks::name"))]
    #[cfg_attr(feature = "ssr", schema(min_length = 1, max_length = 50))]
    pub applicant_name: String,
    #[validate(custom(function = "checks::national_id", use_context))]
    #[cfg_attr(feature = "ssr", schema(pattern = r"^[0-9]{17}[0-9Xx]$"))]
    pub applicant_id_number: String,
    /// Required of someone applying for themselves; optional for a relative applying for
    /// someone without a mobile (issue 24, item 4), whose own phone is then the contact.
    /// Checked in `ApplicationAnswers::validate`, which knows who is applying.
    #[cfg_attr(feature = "ssr", schema(pattern = r"^(1[3-9][0-9]{9})?$"))]
    pub applicant_phone: String,
    #[validate(custom(function = "checks::town"))]
    #[cfg_attr(feature = "ssr", schema(schema_with = super::schema::town))]
    pub town: String,
    #[validate(custom(function = "checks::text"))]
    #[cfg_attr(feature = "ssr", schema(min_length = 1, max_length = 200))]
    pub address: String,
}

/// Step 2: who lives together. The applicant's own circumstances sit apart from the others'.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct HouseholdAnswers {
    pub applicant: MemberAnswers,
    /// Besides the applicant.
    #[validate(nested)]
    #[cfg_attr(feature = "ssr", schema(schema_with = super::schema::members))]
    pub members: Vec<MemberAnswers>,
}

/// Step 3: status, income and property.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct MeansAnswers {
    #[cfg_attr(feature = "ssr", schema(schema_with = super::schema::status))]
    pub status: String,
    #[serde(deserialize_with = "text_or_number")]
    #[validate(custom(function = "checks::amount"))]
    #[cfg_attr(feature = "ssr", schema(schema_with = super::schema::amount))]
    pub annual_income: String,
    /// `month` when `annual_income` is a month's income (the year's is twelve times it);
    /// empty or `year`, the last 12 months' (issue 24, item 5).
    #[cfg_attr(feature = "ssr", schema(pattern = r"^(year|month)?$"))]
    pub income_period: String,
    #[serde(deserialize_with = "text_or_number")]
    #[validate(custom(function = "checks::amount"))]
    #[cfg_attr(feature = "ssr", schema(schema_with = super::schema::amount))]
    pub financial_assets: String,
    #[serde(deserialize_with = "text_or_number")]
    #[validate(custom(function = "checks::count"))]
    #[cfg_attr(feature = "ssr", schema(schema_with = super::schema::count))]
    pub extra_homes: String,
    #[serde(deserialize_with = "text_or_number")]
    #[validate(custom(function = "checks::count"))]
    #[cfg_attr(feature = "ssr", schema(schema_with = super::schema::count))]
    pub vehicles: String,
    #[serde(deserialize_with = "checkbox")]
    pub housing_hardship: bool,
}

impl MeansAnswers {
    /// Whether the income was given per month.
    pub fn per_month(&self) -> bool {
        self.income_period.trim() == "month"
    }

    /// The household's income over a year, as the rules count it: twelve times a month's.
    pub fn income_of_the_year(&self) -> Option<Money> {
        checked_amount(&self.annual_income).map(|m| if self.per_month() { m.times(12) } else { m })
    }
}

/// Step 4 for emergency aid: what happened.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct EmergencyAnswers {
    #[cfg_attr(feature = "ssr", schema(schema_with = super::schema::event))]
    pub emergency_event: String,
    #[cfg_attr(feature = "ssr", schema(pattern = r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"))]
    pub emergency_event_date: String,
    #[validate(custom(function = "checks::description"))]
    #[cfg_attr(feature = "ssr", schema(max_length = 2000))]
    pub emergency_description: String,
    #[serde(deserialize_with = "checkbox")]
    pub emergency_serious_difficulty: bool,
}

/// Step 4 for expense-based aid: what it cost.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ExpenseAnswers {
    #[cfg_attr(feature = "ssr", schema(schema_with = super::schema::expense_kind))]
    pub expense_kind: String,
    #[serde(deserialize_with = "text_or_number")]
    #[validate(custom(function = "checks::amount"))]
    #[cfg_attr(feature = "ssr", schema(schema_with = super::schema::amount))]
    pub expense_spent: String,
    #[serde(deserialize_with = "text_or_number")]
    #[validate(custom(function = "checks::amount"))]
    #[cfg_attr(feature = "ssr", schema(schema_with = super::schema::amount))]
    pub expense_reimbursed: String,
    #[validate(custom(function = "checks::description"))]
    #[cfg_attr(feature = "ssr", schema(max_length = 2000))]
    pub expense_purpose: String,
}

/// Step 6: where the money goes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct PaymentAnswers {
    #[validate(custom(function = "checks::name"))]
    #[cfg_attr(feature = "ssr", schema(min_length = 1, max_length = 50))]
    pub bank_name: String,
    #[validate(custom(function = "checks::bank_card"))]
    #[cfg_attr(feature = "ssr", schema(pattern = r"^[0-9]{16,19}$"))]
    pub bank_card: String,
    #[validate(custom(function = "checks::name"))]
    #[cfg_attr(feature = "ssr", schema(min_length = 1, max_length = 50))]
    pub account_holder: String,
}

/// Step 7: the signature and the agreement to the means check.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct DeclarationAnswers {
    #[cfg_attr(feature = "ssr", schema(min_length = 1, max_length = 50))]
    pub declaration_name: String,
    #[serde(deserialize_with = "checkbox")]
    #[validate(custom(function = "checks::agreed"))]
    pub consent: bool,
    /// The applicant (or whoever applies for them) agreed to get SMS about the application at
    /// the number they gave. Unticked unless they tick it.
    #[serde(deserialize_with = "checkbox")]
    pub sms_consent: bool,
}

/// Everything an application asks, as typed: one struct a step of the journey, flattened so
/// that the JSON API and the stored answers are one flat object. Stored as JSON with the
/// application, so the town sees exactly what the resident wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ApplicationAnswers {
    #[serde(flatten)]
    pub who: ApplicantAnswers,
    #[serde(flatten)]
    pub household: HouseholdAnswers,
    #[serde(flatten)]
    pub means: MeansAnswers,
    #[serde(flatten)]
    pub emergency: EmergencyAnswers,
    #[serde(flatten)]
    pub expense: ExpenseAnswers,
    #[serde(flatten)]
    pub payment: PaymentAnswers,
    #[serde(flatten)]
    pub declaration: DeclarationAnswers,
}

/// The validated personal details of an application (the household goes to the rules).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applicant {
    pub name: String,
    pub id_number: NationalId,
    /// The applicant's own mobile; none when a relative applied for someone without one.
    pub phone: Option<PhoneNumber>,
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
    /// The number the town and the portal's messages reach, and whose last four digits track
    /// the application: the helper's when someone applied for the applicant (issue 24, item 4),
    /// else the applicant's own.
    pub contact: PhoneNumber,
}

impl ValidApplication {
    pub fn contact_phone(&self) -> &PhoneNumber {
        &self.contact
    }
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

fn error(field: &str, words: impl Into<Words>) -> FieldError {
    let words = words.into();
    FieldError {
        field: field.into(),
        message: words.zh,
        message_en: words.en,
    }
}

/// Emergency aid is for a recent event (RULES.md §2: within `emergency.event_window_days`
/// before the application): an older date, such as 0000-01-01, is refused at its field rather
/// than stored. A date that does not parse, or one after today, is left to the rules' own
/// validation, which names it.
fn event_too_old(text: &str, parameters: &Parameters, today: NaiveDate) -> Option<FieldError> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()?;
    let window = parameters.on(today).ok()?.emergency_event_window_days;
    ((today - date).num_days() > window).then(|| error("emergency_event_date", words::event_too_old(window)))
}

fn yuan(m: Money) -> f64 {
    m.fen() as f64 / 100.0
}

/// An amount already checked by `checks::amount`.
fn checked_amount(text: &str) -> Option<Money> {
    Money::parse_typed(text).ok().flatten()
}

/// A count already checked by `checks::count`: blank is none.
fn checked_count(text: &str) -> Option<f64> {
    match text.trim() {
        "" => Some(0.0),
        t => t.parse::<u16>().ok().map(f64::from),
    }
}

/// The errors of one step's struct, as validator reports them.
fn report(result: Result<(), validator::ValidationErrors>) -> Vec<FieldError> {
    result.err().map(|r| checks::field_errors(&r)).unwrap_or_default()
}

impl ApplicationAnswers {
    /// The last four digits that track the application: those of the contact's phone (the
    /// helper's for someone applied for, issue 24, item 4), then, for an application stored
    /// before the helper's phone became the contact, the applicant's own.
    pub fn tracking_endings(&self) -> Vec<String> {
        let last4 = |phone: &str| {
            let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
            digits[digits.len().saturating_sub(4)..]
                .iter()
                .collect::<String>()
        };
        let mut endings = Vec::new();
        if self.who.on_behalf {
            endings.push(last4(&self.who.helper_phone));
        }
        endings.push(last4(&self.who.applicant_phone));
        endings.retain(|e| e.len() == 4);
        endings.dedup();
        endings
    }

    /// Validates everything, returning every problem at once, in the order the journey asks
    /// them. `today` is the application date. Each step's struct checks its own fields
    /// (validator's derive); what depends on several answers is checked here.
    pub fn validate(
        &self,
        parameters: &Parameters,
        today: NaiveDate,
    ) -> Result<ValidApplication, Vec<FieldError>> {
        let aid_type = AidType::parse(&self.who.aid_type);
        let mut errors = report(self.who.validate_with_args(&today));
        if aid_type.is_none() {
            errors.push(error("aid_type", words::AID_TYPE_MISSING));
        }
        if self.who.on_behalf {
            let helper = [
                (
                    "helper_name",
                    checks::required(&self.who.helper_name, checks::MAX_NAME),
                ),
                (
                    "helper_relationship",
                    checks::required(&self.who.helper_relationship, checks::MAX_NAME),
                ),
            ];
            for (field, found) in helper {
                if let Err(e) = found {
                    errors.push(e.at(field));
                }
            }
            if let Err(e) = PhoneNumber::parse(&self.who.helper_phone) {
                errors.push(e.at("helper_phone"));
            }
        }
        // The applicant's own mobile: required of someone applying for themselves; for someone
        // applied for, only checked when given.
        let phone_asked = !self.who.on_behalf || !self.who.applicant_phone.trim().is_empty();
        if let (true, Err(e)) = (phone_asked, PhoneNumber::parse(&self.who.applicant_phone)) {
            errors.push(e.at("applicant_phone"));
        }
        errors.extend(report(self.household.validate()));
        if self.household.members.len() + 1 > MAX_MEMBERS {
            errors.push(error("members", words::too_many_members(MAX_MEMBERS)));
        }
        errors.extend(report(self.means.validate()));
        errors.extend(report(self.payment.validate()));
        errors.extend(report(self.declaration.validate()));
        if self.declaration.declaration_name.trim() != self.who.applicant_name.trim()
            || self.declaration.declaration_name.trim().is_empty()
        {
            errors.push(error("declaration_name", words::DECLARATION_NAME));
        }

        let id_number = NationalId::parse_on(&self.who.applicant_id_number, today).ok();
        // Each member's age: from the ID number when given (and then it must be valid), else typed.
        let mut member_ids = Vec::new();
        let mut members = Vec::new();
        let applicant_age = id_number.as_ref().map(|id| id.age_on(today));
        members.push(member_input(&self.household.applicant, applicant_age));
        member_ids.push(id_number.clone());
        for (i, m) in self.household.members.iter().enumerate() {
            let path = format!("members[{i}]");
            let (age, id) = if m.id_number.trim().is_empty() {
                match crate::rules::half_width_digits(m.age.trim()).parse::<u8>() {
                    Ok(age) if age <= 130 => (Some(i64::from(age)), None),
                    _ => {
                        errors.push(error(&format!("{path}.age"), words::MEMBER_AGE));
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

        let (emergency, expense) = match aid_type {
            Some(AidType::Emergency) => {
                let answers = &self.emergency;
                errors.extend(report(answers.validate()));
                let emergency = EmergencyInput {
                    event: Some(answers.emergency_event.trim().to_string()).filter(|s| !s.is_empty()),
                    event_date: Some(answers.emergency_event_date.trim().to_string())
                        .filter(|s| !s.is_empty()),
                    serious_difficulty: Some(answers.emergency_serious_difficulty),
                };
                if let Some(e) = event_too_old(&answers.emergency_event_date, parameters, today) {
                    errors.push(e);
                }
                (Some(emergency), None)
            }
            Some(AidType::Expense) => {
                let answers = &self.expense;
                errors.extend(report(answers.validate()));
                let spent = checked_amount(&answers.expense_spent);
                let reimbursed = checked_amount(&answers.expense_reimbursed);
                let out_of_pocket = match (spent, reimbursed) {
                    (Some(spent), Some(reimbursed)) if reimbursed > spent => {
                        errors.push(error("expense_reimbursed", words::REIMBURSED_ABOVE_SPENT));
                        None
                    }
                    (Some(spent), Some(reimbursed)) => Some(yuan(spent.saturating_minus(reimbursed))),
                    _ => None,
                };
                let expense = ExpenseInput {
                    kind: Some(answers.expense_kind.trim().to_string()).filter(|s| !s.is_empty()),
                    out_of_pocket: out_of_pocket.or(Some(0.0)),
                };
                (None, Some(expense))
            }
            None => (None, None),
        };

        let town = Town::by_full_name(self.who.town.trim());
        let means = &self.means;
        let household = HouseholdInput {
            date: Some(today.to_string()),
            town: town.map(|t| t.full_name()),
            status: Some(if means.status.trim().is_empty() {
                "none".into()
            } else {
                means.status.trim().into()
            }),
            members: Some(members),
            annual_income: means.income_of_the_year().map(yuan),
            financial_assets: checked_amount(&means.financial_assets).map(yuan),
            extra_homes: checked_count(&means.extra_homes),
            vehicles: checked_count(&means.vehicles),
            housing_hardship: Some(means.housing_hardship),
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
        if !errors.is_empty() {
            errors.sort_by_cached_key(|e| Step::place_of(&e.field));
            return Err(errors);
        }

        let who = &self.who;
        let valid = (|| {
            Some(ValidApplication {
                aid_type: aid_type?,
                applicant: Applicant {
                    name: who.applicant_name.trim().to_string(),
                    id_number: id_number?,
                    phone: PhoneNumber::parse(&who.applicant_phone).ok(),
                    address: who.address.trim().to_string(),
                    town: town?,
                    bank_card: BankCard::parse(&self.payment.bank_card).ok()?,
                },
                household,
                member_ids,
                contact: if who.on_behalf {
                    PhoneNumber::parse(&who.helper_phone).ok()?
                } else {
                    PhoneNumber::parse(&who.applicant_phone).ok()?
                },
            })
        })();
        // Everything parsed above was checked by the steps; a gap here is a check missing.
        valid.ok_or_else(|| vec![error("aid_type", words::INCOMPLETE)])
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
        // As the API sends it: one flat object.
        serde_json::from_value(serde_json::json!({
            "aid_type": "emergency",
            "applicant_name": "张三",
            "applicant_id_number": "11010519491231002X",
            "applicant_phone": "13812345678",
            "address": "几江街道某路 1 号",
            "town": "几江街道",
            "status": "none",
            "annual_income": 30000,
            "financial_assets": "5000",
            "emergency_event": "fire",
            "emergency_event_date": "2019-07-20",
            "emergency_description": "厨房失火，家具烧毁。",
            "emergency_serious_difficulty": true,
            "bank_name": "重庆农村商业银行",
            "bank_card": "4111111111111111",
            "account_holder": "张三",
            "declaration_name": "张三",
            "consent": true,
        }))
        .unwrap()
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
        a.who.applicant_id_number = "11010519491231003X".into();
        a.who.applicant_phone = "12345".into();
        a.payment.bank_card = "4111111111111112".into();
        assert_eq!(
            fields(&a),
            ["applicant_id_number", "applicant_phone", "bank_card"]
        );
    }

    #[test]
    fn the_declaration_needs_the_applicants_name_and_the_consent() {
        let mut a = fire_application();
        a.declaration.declaration_name = "李四".into();
        a.declaration.consent = false;
        assert_eq!(fields(&a), ["declaration_name", "consent"]);
    }

    #[test]
    fn an_event_after_today_is_named_at_the_event_date() {
        let mut a = fire_application();
        a.emergency.emergency_event_date = "2019-08-02".into();
        assert_eq!(fields(&a), ["emergency_event_date"]);
    }

    #[test]
    fn an_id_number_born_after_today_is_named_at_its_field() {
        let mut a = fire_application();
        // 2099-01-01 and 9999-12-31, with correct check characters.
        a.who.applicant_id_number = "110105209901010020".into();
        assert_eq!(fields(&a), ["applicant_id_number"]);
        a.who.applicant_id_number = "110105999912310028".into();
        assert_eq!(fields(&a), ["applicant_id_number"]);
    }

    #[test]
    fn a_member_born_after_today_is_named_at_the_members_id_number() {
        let mut a = fire_application();
        a.household.members.push(MemberAnswers {
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
        a.emergency.emergency_event_date = "0000-01-01".into();
        assert_eq!(fields(&a), ["emergency_event_date"]);
        a.emergency.emergency_event_date = (today() - chrono::Duration::days(window + 1)).to_string();
        assert_eq!(fields(&a), ["emergency_event_date"]);
        a.emergency.emergency_event_date = (today() - chrono::Duration::days(window)).to_string();
        assert!(a.validate(&Parameters::defaults(), today()).is_ok());
    }

    #[test]
    fn an_expense_application_takes_what_was_spent_less_what_was_reimbursed() {
        let mut a = fire_application();
        a.who.aid_type = "expense".into();
        a.expense.expense_kind = "medical".into();
        a.expense.expense_spent = "50,000".into();
        a.expense.expense_reimbursed = "20000元".into();
        a.expense.expense_purpose = "住院手术".into();
        let valid = a.validate(&Parameters::defaults(), today()).unwrap();
        assert_eq!(valid.household.expense.unwrap().out_of_pocket, Some(30000.0));
        assert!(valid.household.emergency.is_none());
    }

    #[test]
    fn a_member_is_given_by_age_or_by_a_valid_id_number() {
        let mut a = fire_application();
        a.household.members.push(MemberAnswers {
            relationship: "子女".into(),
            name: "张小".into(),
            age: "12".into(),
            ..Default::default()
        });
        a.household.members.push(MemberAnswers {
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
        a.who.on_behalf = true;
        a.who.helper_name = "张女儿".into();
        a.who.helper_relationship = "女儿".into();
        a.who.helper_phone = "023-1234".into();
        assert_eq!(fields(&a), ["helper_phone"]);
    }

    #[test]
    fn someone_applied_for_may_have_no_mobile_and_the_helpers_is_the_contact() {
        let mut a = fire_application();
        a.who.on_behalf = true;
        a.who.helper_name = "张女儿".into();
        a.who.helper_relationship = "女儿".into();
        a.who.helper_phone = "13900001111".into();
        a.who.applicant_phone = String::new();
        let valid = a.validate(&Parameters::defaults(), today()).unwrap();
        assert_eq!(valid.applicant.phone, None);
        assert_eq!(valid.contact_phone().expose(), "13900001111");
        // Given all the same, the applicant's own number must be a mobile number.
        a.who.applicant_phone = "12345".into();
        assert_eq!(fields(&a), ["applicant_phone"]);
    }

    #[test]
    fn someone_applying_for_themselves_must_give_their_mobile() {
        let mut a = fire_application();
        a.who.applicant_phone = String::new();
        assert_eq!(fields(&a), ["applicant_phone"]);
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

    /// The names of the answers this step's page asks, in its order (from its struct).
    fn fields(self) -> Vec<&'static str> {
        match self {
            Step::Applicant => form::field_names::<ApplicantAnswers>().to_vec(),
            Step::Household => form::field_names::<HouseholdAnswers>().to_vec(),
            Step::Means => form::field_names::<MeansAnswers>().to_vec(),
            Step::Circumstances => [
                form::field_names::<EmergencyAnswers>(),
                form::field_names::<ExpenseAnswers>(),
            ]
            .concat(),
            // Documents are sent one by one, not as answers.
            Step::Documents => vec!["document"],
            Step::Payment => form::field_names::<PaymentAnswers>().to_vec(),
            Step::Review => form::field_names::<DeclarationAnswers>().to_vec(),
        }
    }

    /// The step whose page asks the field (a field path of [`ApplicationAnswers::validate`]),
    /// read from the step structs: a new answer lands on the step whose struct has it.
    pub fn of_field(field: &str) -> Option<Step> {
        let name = field.split(['.', '[']).next().unwrap_or(field);
        Step::ALL.into_iter().find(|step| step.fields().contains(&name))
    }

    /// Where a field is asked in the journey: its step, its place on the page, and for a
    /// member's field the member's place. Errors are listed in this order.
    fn place_of(field: &str) -> (usize, usize, usize, String) {
        let name = field.split(['.', '[']).next().unwrap_or(field);
        let step = Step::of_field(field).unwrap_or(Step::Review);
        let position = step
            .fields()
            .iter()
            .position(|f| *f == name)
            .unwrap_or(usize::MAX);
        let member = field
            .split_once('[')
            .and_then(|(_, rest)| rest.split_once(']'))
            .and_then(|(i, _)| i.parse::<usize>().ok())
            .unwrap_or(0);
        (step.number(), position, member, field.to_string())
    }
}

impl ApplicationAnswers {
    /// Reads one step's form post into the answers: the step's struct is decoded from the post
    /// (an unticked box is absent, so false), and the other steps' answers are untouched, so
    /// going back and forth never loses anything.
    pub fn read_form(&mut self, step: Step, pairs: &[(String, String)]) {
        fn read<T: serde::de::DeserializeOwned + Default>(pairs: &[(String, String)]) -> T {
            // Every field is text or a tick box, so any post decodes; a field of the wrong
            // shape is left empty for the check to name.
            form::decode(pairs, MAX_DESCRIPTION).unwrap_or_default()
        }
        match step {
            Step::Applicant => {
                let aid_type = std::mem::take(&mut self.who.aid_type);
                self.who = read(pairs);
                if self.who.aid_type.is_empty() {
                    self.who.aid_type = aid_type;
                }
            }
            Step::Household => {
                let count = pairs
                    .iter()
                    .find(|(k, _)| k == "member_count")
                    .and_then(|(_, v)| v.trim().parse::<usize>().ok())
                    .unwrap_or(self.household.members.len())
                    .min(MAX_MEMBERS - 1);
                self.household = read(pairs);
                self.household.members.resize(count, MemberAnswers::default());
            }
            Step::Means => self.means = read(pairs),
            Step::Circumstances => match AidType::parse(&self.who.aid_type) {
                Some(AidType::Emergency) => self.emergency = read(pairs),
                Some(AidType::Expense) => self.expense = read(pairs),
                None => {}
            },
            Step::Documents => {}
            Step::Payment => self.payment = read(pairs),
            Step::Review => self.declaration = read(pairs),
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
        let mut a = ApplicationAnswers::default();
        a.payment.bank_card = "4111111111111111".into();
        a.read_form(
            Step::Applicant,
            &pairs(&[
                ("applicant_name", "张三"),
                ("bank_card", "0000"),
                ("on_behalf", "on"),
            ]),
        );
        assert_eq!(a.who.applicant_name, "张三");
        assert!(a.who.on_behalf);
        assert_eq!(a.payment.bank_card, "4111111111111111");
    }

    #[test]
    fn an_unticked_box_of_the_step_is_cleared_and_others_are_kept() {
        let mut a = ApplicationAnswers::default();
        a.who.on_behalf = true;
        a.means.housing_hardship = true;
        a.read_form(Step::Applicant, &pairs(&[("applicant_name", "张三")]));
        assert!(!a.who.on_behalf);
        assert!(a.means.housing_hardship);
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
        assert!(a.household.applicant.disabled);
        assert_eq!(a.household.members.len(), 2);
        assert_eq!(a.household.members[0].name, "李四");
        assert_eq!(a.household.members[1].student, "primary");
    }

    #[test]
    fn each_field_belongs_to_one_step() {
        assert_eq!(Step::of_field("members[3].age"), Some(Step::Household));
        assert_eq!(Step::of_field("applicant.disabled"), Some(Step::Household));
        assert_eq!(Step::of_field("emergency_event_date"), Some(Step::Circumstances));
        assert_eq!(Step::of_field("bank_card"), Some(Step::Payment));
        assert_eq!(Step::of_field("consent"), Some(Step::Review));
        assert_eq!(Step::of_field("no_such_question"), None);
        assert_eq!(Step::Review.next(), None);
        assert_eq!(Step::Applicant.previous(), None);
        assert_eq!(Step::from_number(2), Some(Step::Household));
    }

    #[test]
    fn every_answer_is_asked_on_exactly_one_step() {
        // The flat object the API sends and the database keeps: each of its keys belongs to
        // the struct of one step, so a new question cannot land on a step by default.
        let flat = serde_json::to_value(ApplicationAnswers::default()).unwrap();
        for key in flat.as_object().unwrap().keys() {
            let steps: Vec<Step> = Step::ALL
                .into_iter()
                .filter(|s| s.fields().contains(&key.as_str()))
                .collect();
            assert_eq!(steps.len(), 1, "{key} is asked on {steps:?}");
        }
    }

    #[test]
    fn every_tick_box_of_a_step_is_read_when_ticked() {
        let flat = serde_json::to_value(ApplicationAnswers::default()).unwrap();
        let mut a = ApplicationAnswers::default();
        a.who.aid_type = "emergency".into();
        for (key, value) in flat.as_object().unwrap() {
            if value.is_boolean() {
                let step = Step::of_field(key).unwrap();
                a.read_form(step, &pairs(&[(key, "on")]));
                let read = serde_json::to_value(&a).unwrap();
                assert_eq!(read[key], true, "{key} on {step:?}");
            }
        }
    }
}
