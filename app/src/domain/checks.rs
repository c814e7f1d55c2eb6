//! The checks of single answers, for `validator`'s derive on the journey's step structs
//! (domain/application.rs). Each says what is wrong in the reader's words (an `AnswerError`
//! carried in the `ValidationError`), and `field_errors` turns validator's report into the
//! portal's field errors.

use super::{BankCard, NationalId, PhoneNumber};
use crate::i18n::{Text, checks as words};
use crate::rules::{AnswerError, FieldError, Money, Town};
use chrono::NaiveDate;
use std::borrow::Cow;
use validator::{ValidationError, ValidationErrors, ValidationErrorsKind};

/// The reader's words, carried by validator's error: Chinese as its message, English as a
/// parameter.
fn said(e: &impl AnswerError) -> ValidationError {
    let (zh, en) = e.message();
    let mut error = ValidationError::new("answer").with_message(Cow::Owned(zh));
    error.add_param(Cow::Borrowed("en"), &en);
    error
}

fn check(ok: Result<(), impl AnswerError>) -> Result<(), ValidationError> {
    ok.map_err(|e| said(&e))
}

/// A text answer that is missing or too long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextError {
    Missing,
    TooLong(usize),
}

impl AnswerError for TextError {
    fn message(&self) -> (String, String) {
        match self {
            TextError::Missing => words::ANSWER_MISSING.pair(),
            TextError::TooLong(max) => words::answer_too_long(*max).pair(),
        }
    }
}

/// The longest name, relationship, address and description the portal keeps.
pub const MAX_NAME: usize = 50;
pub const MAX_RELATIONSHIP: usize = 20;
pub const MAX_TEXT: usize = 200;
pub const MAX_DESCRIPTION: usize = 2000;

/// A text that must be given, of at most `max` characters (spaces around it do not count).
pub fn required(value: &str, max: usize) -> Result<(), TextError> {
    let value = value.trim();
    if value.is_empty() {
        Err(TextError::Missing)
    } else if value.chars().count() > max {
        Err(TextError::TooLong(max))
    } else {
        Ok(())
    }
}

pub fn name(value: &str) -> Result<(), ValidationError> {
    check(required(value, MAX_NAME))
}

pub fn relationship(value: &str) -> Result<(), ValidationError> {
    check(required(value, MAX_RELATIONSHIP))
}

pub fn text(value: &str) -> Result<(), ValidationError> {
    check(required(value, MAX_TEXT))
}

pub fn description(value: &str) -> Result<(), ValidationError> {
    check(required(value, MAX_DESCRIPTION))
}

/// GB 11643: the shape, the birth date (not after `today`) and the check character.
pub fn national_id(value: &str, today: &NaiveDate) -> Result<(), ValidationError> {
    check(NationalId::parse_on(value, *today).map(|_| ()))
}

/// A mainland mobile number.
pub fn mobile(value: &str) -> Result<(), ValidationError> {
    check(PhoneNumber::parse(value).map(|_| ()))
}

/// A bank card number with a valid Luhn check digit.
pub fn bank_card(value: &str) -> Result<(), ValidationError> {
    check(BankCard::parse(value).map(|_| ()))
}

/// One of the district's towns, by its full name.
pub fn town(value: &str) -> Result<(), ValidationError> {
    match Town::by_full_name(value.trim()) {
        Some(_) => Ok(()),
        None => Err(said(&Choice(words::TOWN_MISSING))),
    }
}

/// A choice that was not made, with what to do.
#[derive(Clone, Copy, Debug)]
pub struct Choice(pub Text);

impl AnswerError for Choice {
    fn message(&self) -> (String, String) {
        self.0.pair()
    }
}

/// An amount that must be given (0 when there is none).
pub fn amount(value: &str) -> Result<(), ValidationError> {
    match Money::parse_typed(value) {
        Ok(Some(_)) => Ok(()),
        Ok(None) => Err(said(&Choice(words::AMOUNT_MISSING))),
        Err(e) => Err(said(&e)),
    }
}

/// A count of things (homes, vehicles): blank is none.
pub fn count(value: &str) -> Result<(), ValidationError> {
    match value.trim() {
        "" => Ok(()),
        t if t.parse::<u16>().is_ok() => Ok(()),
        _ => Err(said(&Choice(words::COUNT_NOT_WHOLE))),
    }
}

/// The household means check needs the resident's agreement.
pub fn agreed(value: &bool) -> Result<(), ValidationError> {
    match value {
        true => Ok(()),
        false => Err(said(&Choice(words::MEANS_CHECK_NOT_AGREED))),
    }
}

/// Validator's report as the portal's field errors: `members[1].name`, `applicant_phone`.
pub fn field_errors(report: &ValidationErrors) -> Vec<FieldError> {
    let mut out = Vec::new();
    collect(report, "", &mut out);
    out
}

fn collect(report: &ValidationErrors, prefix: &str, out: &mut Vec<FieldError>) {
    for (field, kind) in report.errors() {
        let path = format!("{prefix}{field}");
        match kind {
            ValidationErrorsKind::Field(errors) => {
                // One message a field: the first thing wrong with it.
                if let Some(e) = errors.first() {
                    out.push(FieldError {
                        field: path,
                        message: e.message.as_deref().unwrap_or("").to_string(),
                        message_en: e
                            .params
                            .get("en")
                            .and_then(|v| v.as_str())
                            .unwrap_or("")
                            .to_string(),
                    });
                }
            }
            ValidationErrorsKind::Struct(inner) => collect(inner, &format!("{path}."), out),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    collect(inner, &format!("{path}[{index}]."), out);
                }
            }
        }
    }
}
