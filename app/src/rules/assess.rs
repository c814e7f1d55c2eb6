//! `assess`: a validated household in, an indicative assessment out (RULES.md §2–§5, §8).
//! Every rule evaluated is listed with its clause and a sentence carrying its figures.

use super::household::Household;
use super::money::Money;
use super::parameters::{InForce, Parameters};
use super::reasons::Reason;
use super::referrals::{Referral, referrals};
use chrono::NaiveDate;
use serde::Serialize;
use std::sync::Arc;

/// The notice's clause on temporary assistance (二(八)), which every check here rests on.
pub const CLAUSE_TEMPORARY_ASSISTANCE: &str = "二(八)";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Likely,
    Unlikely,
    NotApplicable,
}

/// Who decides, by the tiers of RULES.md §4.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Approver {
    /// 镇街
    Town,
    /// 区民政局
    DistrictCivilAffairs,
    /// 区人民政府
    DistrictGovernment,
}

/// One rule evaluated: passed or not, its clause, and why (its sentence, written on demand).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub rule: &'static str,
    pub passed: bool,
    pub clause: &'static str,
    pub reason: Reason,
}

impl Check {
    /// The sentence in Chinese, with the figures.
    pub fn zh(&self) -> String {
        self.reason.zh()
    }

    /// The sentence in English, with the figures.
    pub fn en(&self) -> String {
        self.reason.en()
    }
}

/// As assess-api.md shows it: `{"rule", "passed", "clause", "zh", "en"}`.
impl Serialize for Check {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Check", 5)?;
        s.serialize_field("rule", self.rule)?;
        s.serialize_field("passed", &self.passed)?;
        s.serialize_field("clause", self.clause)?;
        s.serialize_field("zh", &self.zh())?;
        s.serialize_field("en", &self.en())?;
        s.end()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AidResult {
    pub outcome: Outcome,
    pub amount: Money,
    pub cap: Money,
    pub above_cap: bool,
    pub above_cap_limit: Money,
    pub approver: Option<Approver>,
    pub checks: Vec<Check>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ParametersUsed {
    pub dibao_monthly: Money,
    pub per_capita_income_line: Money,
    pub in_force_on: NaiveDate,
    /// Which parameter set produced the result (name and version), so a reader can trace it.
    pub set: Arc<str>,
    pub version: Arc<str>,
    /// True while any value in force is still an unverified placeholder (RULES.md §7).
    pub unverified: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub parameters: ParametersUsed,
    pub emergency: AidResult,
    pub expense: AidResult,
    pub referrals: Vec<Referral>,
}

fn check(rule: &'static str, passed: bool, reason: Reason) -> Check {
    Check {
        rule,
        passed,
        clause: CLAUSE_TEMPORARY_ASSISTANCE,
        reason,
    }
}

/// Assesses a validated household with the parameters in force on its date.
///
/// The household was validated against these parameters, so its date has values; should a
/// caller pass another set, the first date of that set is used rather than panicking.
pub fn assess(household: &Household, parameters: &Parameters) -> Assessment {
    assess_with_values_of(household, parameters, household.date)
}

/// Assesses a household as of its own date (the event's window, the ages) with the values in
/// force on `values_on`: what a running case would get under the figures of today (the
/// re-check of issue 12). `assess` is this with the household's date.
pub fn assess_with_values_of(
    household: &Household,
    parameters: &Parameters,
    values_on: NaiveDate,
) -> Assessment {
    let p = parameters.on(values_on).unwrap_or_else(|first| {
        parameters
            .on(first)
            .expect("a parameter set has values on its own first date")
    });
    Assessment {
        parameters: ParametersUsed {
            dibao_monthly: p.dibao_monthly,
            per_capita_income_line: p.per_capita_disposable_income_prev_year,
            in_force_on: values_on,
            set: parameters.name.clone(),
            version: parameters.version.clone(),
            unverified: parameters.has_unverified_on(values_on),
        },
        emergency: emergency(household, &p),
        expense: expense(household, &p),
        referrals: referrals(household, &p),
    }
}

/// Who decides, from the amount (RULES.md §4, §8).
fn approver(amount: Money, above_cap: bool, p: &InForce) -> Approver {
    if above_cap {
        Approver::DistrictGovernment
    } else if amount <= p.dibao_monthly.times(p.approval_town_limit_multiple) {
        Approver::Town
    } else {
        Approver::DistrictCivilAffairs
    }
}

fn not_applicable(cap: Money, above_cap_limit: Money) -> AidResult {
    AidResult {
        outcome: Outcome::NotApplicable,
        amount: Money::ZERO,
        cap,
        above_cap: false,
        above_cap_limit,
        approver: None,
        checks: Vec::new(),
    }
}

/// Emergency aid (急难型), RULES.md §2 and §8: a qualifying event within the window and a
/// declared serious difficulty; no income or property test at this stage.
fn emergency(h: &Household, p: &InForce) -> AidResult {
    let cap = p.dibao_monthly.times(p.emergency_cap_multiple);
    let above_cap_limit = cap.times(p.above_cap_max_multiple_of_cap);
    let Some(e) = &h.emergency else {
        return not_applicable(cap, above_cap_limit);
    };

    let days = (h.date - e.event_date).num_days();
    let window = p.emergency_event_window_days;
    let in_window = (0..=window).contains(&days);
    let mut checks = Vec::with_capacity(3);
    checks.push(check(
        "emergency.event_window",
        in_window,
        Reason::EventWindow {
            event_date: e.event_date,
            days,
            window,
        },
    ));
    checks.push(check(
        "emergency.serious_difficulty",
        e.serious_difficulty,
        Reason::SeriousDifficulty {
            declared: e.serious_difficulty,
        },
    ));

    let likely = in_window && e.serious_difficulty;
    let (amount, approver) = if likely {
        let need = p.dibao_monthly.times(h.size() * p.emergency_months_per_person);
        let amount = need.min(cap);
        let reason = Reason::EmergencyAmount {
            dibao: p.dibao_monthly,
            months: p.emergency_months_per_person,
            people: h.size(),
            need,
            cap_multiple: p.emergency_cap_multiple,
            cap,
        };
        checks.push(check("emergency.amount", true, reason));
        (amount, Some(approver(amount, false, p)))
    } else {
        (Money::ZERO, None)
    };

    AidResult {
        outcome: if likely {
            Outcome::Likely
        } else {
            Outcome::Unlikely
        },
        amount,
        cap,
        above_cap: false,
        above_cap_limit,
        approver,
        checks,
    }
}

/// Expense-based aid (支出型), RULES.md §2, §3 and §8: the income and property tests ("in
/// principle") and a shortfall after what the household can bear down to the 低保 line.
fn expense(h: &Household, p: &InForce) -> AidResult {
    let cap = p.dibao_monthly.times(p.expense_cap_multiple);
    let above_cap_limit = cap.times(p.above_cap_max_multiple_of_cap);
    let Some(x) = &h.expense else {
        return not_applicable(cap, above_cap_limit);
    };

    let mut checks = Vec::with_capacity(6);
    let means_ok = if h.status.is_special_difficulty() {
        let verified = |property| Reason::AlreadyVerified {
            status: h.status,
            property,
        };
        checks.push(check("expense.income", true, verified(false)));
        checks.push(check("expense.property", true, verified(true)));
        true
    } else {
        checks.push(income_test(h, p));
        checks.extend(property_tests(h, p));
        checks.iter().all(|c| c.passed)
    };

    // What the household can bear of necessary spending before falling below the 低保 line.
    let floor = p.dibao_monthly.times(12 * h.size());
    let capacity = h.annual_income.saturating_minus(floor);
    let shortfall = x.out_of_pocket.saturating_minus(capacity);
    let has_shortfall = shortfall.is_positive();
    let reason = Reason::Shortfall {
        income: h.annual_income,
        people: h.size(),
        floor,
        capacity,
        out_of_pocket: x.out_of_pocket,
        shortfall,
    };
    checks.push(check("expense.shortfall", has_shortfall, reason));

    let likely = means_ok && has_shortfall;
    let above_cap = likely && shortfall > cap;
    let (amount, approver) = if likely {
        let amount = shortfall.min(cap);
        let reason = if above_cap {
            Reason::AboveCap {
                shortfall,
                cap,
                cap_multiple: p.expense_cap_multiple,
                limit: above_cap_limit,
                limit_multiple: p.above_cap_max_multiple_of_cap,
            }
        } else {
            Reason::ExpenseAmount {
                amount,
                cap_multiple: p.expense_cap_multiple,
                cap,
            }
        };
        checks.push(check("expense.amount", true, reason));
        (amount, Some(approver(amount, above_cap, p)))
    } else {
        (Money::ZERO, None)
    };

    AidResult {
        outcome: if likely {
            Outcome::Likely
        } else {
            Outcome::Unlikely
        },
        amount,
        cap,
        above_cap,
        above_cap_limit,
        approver,
        checks,
    }
}

/// Income test (二(八)): per-capita income strictly below last year's local per-capita
/// disposable income. Compared as `income < line × members`, so no division is rounded.
fn income_test(h: &Household, p: &InForce) -> Check {
    let line = p.per_capita_disposable_income_prev_year;
    let passed = h.annual_income < line.times(h.size());
    let reason = Reason::Income {
        per_capita: h.annual_income.per(h.size()),
        line,
        passed,
    };
    check("expense.income", passed, reason)
}

/// Property tests (RULES.md §3, local 低保 rules referred to by 二(八)), compared as totals
/// (`assets ≤ limit × members`) for the same reason.
fn property_tests(h: &Household, p: &InForce) -> [Check; 3] {
    let limit = p.dibao_monthly.times(p.property_asset_months);
    let assets_ok = h.financial_assets <= limit.times(h.size());
    let assets = Reason::Assets {
        per_capita: h.financial_assets.per(h.size()),
        months: p.property_asset_months,
        limit,
        passed: assets_ok,
    };
    [
        check("expense.property.assets", assets_ok, assets),
        check(
            "expense.property.homes",
            h.extra_homes == 0,
            Reason::Homes { extra: h.extra_homes },
        ),
        check(
            "expense.property.vehicles",
            h.vehicles == 0,
            Reason::Vehicles { count: h.vehicles },
        ),
    ]
}
