//! The policy of 江津府办发〔2019〕47号 as pure functions: households in, assessments out.
//!
//! This module is compiled into the server and into the browser's WASM, so both give the same
//! answer. It uses only std, serde (+ serde_json for the embedded parameter file) and chrono:
//! no leptos, no database, no feature flags. Numbers of policy live in `parameters.json`.

mod assess;
mod calendar;
pub mod day;
mod household;
mod limits;
mod money;
mod parameter_error;
mod parameters;
mod reasons;
pub mod referrals;
mod towns;

#[cfg(test)]
mod tests;

pub use assess::{
    AidResult, Approver, Assessment, Check, Outcome, ParametersUsed, assess, assess_with_values_of,
};
pub use calendar::{Arrangement, Calendar, WorkingDays};
pub use household::{
    AnswerError, Emergency, EmergencyInput, EventKind, Expense, ExpenseInput, ExpenseKind, FieldError,
    Household, HouseholdInput, MAX_MEMBERS, Member, MemberInput, SpecialDisease, Status, Student, word_of,
};
pub use limits::Limits;
pub use money::{Money, MoneyError, half_width_digits};
pub use parameters::{
    CALENDAR_PREFIX, Change, DEFAULT_PARAMETER_FILE, EntryRow, InForce, PARAMETER_KEYS, ParameterError,
    ParameterRow, Parameters, ValueKind, kind_of,
};
pub use reasons::Reason;
pub use referrals::Referral;
pub use towns::{TOWNS, Town, TownKind};

use chrono::NaiveDate;

/// Stored with every application beside the parameter set, so that a later reader knows which
/// rules produced its assessment.
pub const RULES_VERSION: &str = concat!("rules ", env!("CARGO_PKG_VERSION"));

/// Validates a household as received and assesses it: the one entry point shared by the
/// HTTP API, the batch command, the no-JS form and the browser.
pub fn assess_input(
    input: &HouseholdInput,
    parameters: &Parameters,
    today: NaiveDate,
) -> Result<Assessment, Vec<FieldError>> {
    let household = input.validate(parameters, today)?;
    Ok(assess(&household, parameters))
}
