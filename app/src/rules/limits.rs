//! The amounts that bound a grant, and who may approve an amount (RULES.md §4, §6): shared by
//! the assessment and by the staff review, so the portal never lets anyone approve more than
//! the tier they hold allows.

use super::assess::Approver;
use super::money::Money;
use super::parameters::InForce;

/// The limits of one aid type on one date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The cap per household per event (§4).
    pub cap: Money,
    /// The most the town may approve on its own (`approval.town_limit_multiple`).
    pub town_limit: Money,
    /// The binding ceiling of 二(八): the district government may go above the cap, never
    /// above `above_cap.max_multiple_of_cap` × the cap.
    pub above_cap_limit: Money,
    /// The most a town may pay as an advance (先行救助) on an emergency case (§6).
    pub advance_limit: Money,
}

impl Limits {
    /// 急难型: the cap is `emergency.cap_multiple` × the 低保 standard.
    pub fn emergency(p: &InForce) -> Limits {
        Limits::with_cap(p, p.dibao_monthly.times(p.emergency_cap_multiple))
    }

    /// 支出型: the cap is `expense.cap_multiple` × the 低保 standard.
    pub fn expense(p: &InForce) -> Limits {
        Limits::with_cap(p, p.dibao_monthly.times(p.expense_cap_multiple))
    }

    fn with_cap(p: &InForce, cap: Money) -> Limits {
        Limits {
            cap,
            town_limit: p.dibao_monthly.times(p.approval_town_limit_multiple),
            above_cap_limit: cap.times(p.above_cap_max_multiple_of_cap),
            advance_limit: p.dibao_monthly.times(p.emergency_advance_limit_multiple),
        }
    }

    /// Who must approve this amount; `None` above the binding ceiling, which nobody may approve.
    pub fn approver(&self, amount: Money) -> Option<Approver> {
        if amount <= self.town_limit {
            Some(Approver::Town)
        } else if amount <= self.cap {
            Some(Approver::DistrictCivilAffairs)
        } else if amount <= self.above_cap_limit {
            Some(Approver::DistrictGovernment)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Parameters;

    fn limits_on(date: &str) -> (Limits, Limits) {
        let p = Parameters::defaults().on(date.parse().unwrap()).unwrap();
        (Limits::emergency(&p), Limits::expense(&p))
    }

    fn yuan(y: i64) -> Money {
        Money::from_yuan(y)
    }

    #[test]
    fn in_august_2019_the_expense_cap_is_twelve_times_546_yuan_and_the_ceiling_three_times_that() {
        let (_, expense) = limits_on("2019-08-01");
        assert_eq!(expense.cap, yuan(6552));
        assert_eq!(expense.above_cap_limit, yuan(19656));
        assert_eq!(expense.town_limit, yuan(1092));
        assert_eq!(expense.advance_limit, yuan(1092));
    }

    #[test]
    fn the_town_approves_up_to_its_limit_and_the_bureau_from_one_fen_above() {
        let (emergency, _) = limits_on("2019-08-01");
        assert_eq!(emergency.approver(yuan(1092)), Some(Approver::Town));
        assert_eq!(
            emergency.approver(yuan(1092).plus(Money::from_fen(1))),
            Some(Approver::DistrictCivilAffairs)
        );
    }

    #[test]
    fn the_bureau_approves_up_to_the_cap_and_the_government_from_one_fen_above() {
        let (emergency, _) = limits_on("2019-08-01");
        assert_eq!(
            emergency.approver(yuan(3276)),
            Some(Approver::DistrictCivilAffairs)
        );
        assert_eq!(
            emergency.approver(yuan(3276).plus(Money::from_fen(1))),
            Some(Approver::DistrictGovernment)
        );
    }

    #[test]
    fn nobody_may_approve_one_fen_above_three_times_the_cap() {
        let (emergency, expense) = limits_on("2019-08-01");
        assert_eq!(emergency.approver(yuan(9828)), Some(Approver::DistrictGovernment));
        assert_eq!(emergency.approver(yuan(9828).plus(Money::from_fen(1))), None);
        assert_eq!(expense.approver(yuan(19656).plus(Money::from_fen(1))), None);
    }
}
