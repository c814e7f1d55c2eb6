//! What the town and the district publish and count: the 公示 list, the ledger (台账) and the
//! dashboard's figures. Plain data, filled by the server and rendered by the pages.

use super::AidType;
use super::review::{Level, Status};
use crate::rules::Money;
use chrono::NaiveDate;

/// A decision published (四(四)): the name masked, nothing that identifies the household beyond
/// what the notice requires.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicityRow {
    pub masked_name: String,
    pub town: String,
    pub aid_type: AidType,
    pub amount: Money,
    pub decided_on: NaiveDate,
    /// The last day it is published (`publicity.days` after the decision).
    pub until: NaiveDate,
}

/// One line of the ledger: one application, as the town's records keep it. The ID number is
/// masked; the case page has it in full for those who need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LedgerRow {
    pub reference: String,
    pub town: String,
    pub aid_type: AidType,
    pub applicant_name: String,
    pub masked_id_number: String,
    pub household_size: i64,
    pub cause: String,
    pub submitted_on: NaiveDate,
    pub status: Status,
    pub level: Level,
    pub advance: Option<Money>,
    pub approved: Option<Money>,
    pub decided_on: Option<NaiveDate>,
}

/// The figures of one town, or of the whole district.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    /// The town's full name, or empty for the district.
    pub town: String,
    pub by_status: Vec<(Status, i64)>,
    pub emergency: i64,
    pub expense: i64,
    pub overdue: i64,
    /// Approved (and paid) amounts.
    pub approved_total: Money,
    pub decided: i64,
    /// Calendar days from submission to approval or rejection, the median of the decided cases.
    pub median_days_to_decision: Option<f64>,
}

impl Figures {
    pub fn total(&self) -> i64 {
        self.by_status.iter().map(|(_, n)| n).sum()
    }

    pub fn count(&self, status: Status) -> i64 {
        self.by_status
            .iter()
            .find(|(s, _)| *s == status)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    }
}

/// The median of some numbers; `None` for none.
pub fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    })
}

/// The dashboard: the district's figures (for district staff) and each town's.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dashboard {
    pub district: Option<Figures>,
    pub towns: Vec<Figures>,
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn the_median_of_an_odd_count_is_the_middle_one_and_of_an_even_count_the_mean_of_the_two() {
        assert_eq!(median(vec![9.0, 1.0, 5.0]), Some(5.0));
        assert_eq!(median(vec![4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(vec![]), None);
    }
}
