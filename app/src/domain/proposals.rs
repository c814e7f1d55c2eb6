//! Proposed changes to the parameters and their decisions (issue 12): the four-eyes audit, as
//! the admin page shows it.

use crate::rules::Change;
use chrono::{DateTime, Utc};

/// What a proposal became.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Approved,
    Rejected,
}

impl Decision {
    pub fn word(self) -> &'static str {
        match self {
            Decision::Approved => "approved",
            Decision::Rejected => "rejected",
        }
    }

    pub fn parse(word: &str) -> Option<Decision> {
        match word {
            "approved" => Some(Decision::Approved),
            "rejected" => Some(Decision::Rejected),
            _ => None,
        }
    }
}

/// A proposed change and, once decided, by whom and how: the parameters' audit.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    pub id: i64,
    pub change: Change,
    pub proposed_by: i64,
    /// The proposer's name as staff know it.
    pub proposed_by_name: String,
    pub proposed_at: DateTime<Utc>,
    pub decided: Option<Decided>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Decided {
    pub decision: Decision,
    pub by: i64,
    pub by_name: String,
    pub at: DateTime<Utc>,
    pub reason: Option<String>,
}

/// The proposal form as posted, kept when it is refused so nothing typed is lost, with the
/// field its problem is at.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProposalForm {
    pub key: String,
    pub value: String,
    pub from: String,
    pub source: String,
    pub verified: bool,
    /// For a calendar year (`calendar.2027`): its days off and the weekend days worked, as
    /// typed (dates separated by spaces, commas or lines).
    pub holidays: String,
    pub workdays: String,
    pub problem: Option<FormProblem>,
}

/// What is wrong with a posted form, at which field, in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormProblem {
    pub field: &'static str,
    pub zh: String,
    pub en: String,
}

impl ProposalForm {
    /// The message at `field`, if the problem is there.
    pub fn problem_at(&self, field: &str) -> Option<&FormProblem> {
        self.problem.as_ref().filter(|p| p.field == field)
    }
}

/// The dates of a typed list (`2027-01-01, 2027-01-02` or one per line); the first that does
/// not read as `YYYY-MM-DD`, if any.
pub fn dates_typed(text: &str) -> Result<Vec<chrono::NaiveDate>, String> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；'))
        .filter(|part| !part.is_empty())
        .map(|part| crate::rules::day::parse_ymd(part).ok_or_else(|| part.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_dates_are_read_whatever_separates_them_and_a_bad_one_is_named() {
        let read = dates_typed("2027-01-01, 2027-01-02，2027-01-03\n2027-02-06、").unwrap();
        assert_eq!(read.len(), 4);
        assert_eq!(dates_typed("2027-01-01 2027-1-2"), Err("2027-1-2".to_string()));
        assert_eq!(dates_typed("  "), Ok(Vec::new()));
    }
}
