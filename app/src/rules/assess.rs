//! `assess`: a validated household in, an indicative assessment out (RULES.md §2–§5, §8).
//! Every rule evaluated is listed with its clause and a sentence carrying its figures.

use super::household::{Household, Status};
use super::money::Money;
use super::parameters::{InForce, Parameters};
use super::referrals::{Referral, referrals};
use chrono::NaiveDate;
use serde::Serialize;

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

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    pub rule: &'static str,
    pub passed: bool,
    pub clause: &'static str,
    pub zh: String,
    pub en: String,
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
    pub set: String,
    pub version: String,
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

fn check(rule: &'static str, passed: bool, zh: String, en: String) -> Check {
    Check {
        rule,
        passed,
        clause: CLAUSE_TEMPORARY_ASSISTANCE,
        zh,
        en,
    }
}

/// Assesses a validated household with the parameters in force on its date.
///
/// The household was validated against these parameters, so its date has values; should a
/// caller pass another set, the first date of that set is used rather than panicking.
pub fn assess(household: &Household, parameters: &Parameters) -> Assessment {
    let p = parameters.on(household.date).unwrap_or_else(|first| {
        parameters
            .on(first)
            .expect("a parameter set has values on its own first date")
    });
    Assessment {
        parameters: ParametersUsed {
            dibao_monthly: p.dibao_monthly,
            per_capita_income_line: p.per_capita_income_line,
            in_force_on: household.date,
            set: parameters.name.clone(),
            version: parameters.version.clone(),
            unverified: parameters.has_unverified_on(household.date),
        },
        emergency: emergency(household, &p),
        expense: expense(household, &p),
        referrals: referrals(household, &p),
    }
}

fn approver(amount: Money, above_cap: bool, p: &InForce) -> Approver {
    if above_cap {
        Approver::DistrictGovernment
    } else if amount <= p.dibao_monthly.times(p.approval_town_limit_multiple) {
        Approver::Town
    } else {
        Approver::DistrictCivilAffairs
    }
}

/// Emergency aid (急难型), RULES.md §2 and §8: a qualifying event within the window and a
/// declared serious difficulty; no income or property test at this stage.
fn emergency(h: &Household, p: &InForce) -> AidResult {
    let cap = p.dibao_monthly.times(p.emergency_cap_multiple);
    let above_cap_limit = cap.times(p.above_cap_max_multiple_of_cap);
    let Some(e) = &h.emergency else {
        return AidResult {
            outcome: Outcome::NotApplicable,
            amount: Money::ZERO,
            cap,
            above_cap: false,
            above_cap_limit,
            approver: None,
            checks: Vec::new(),
        };
    };

    let days = (h.date - e.event_date).num_days();
    let window = p.emergency_event_window_days;
    let in_window = (0..=window).contains(&days);
    let mut checks = vec![if in_window {
        check(
            "emergency.event_window",
            true,
            format!(
                "事件发生在 {}，距申请日 {days} 天，在 {window} 天以内。",
                e.event_date
            ),
            format!(
                "The event happened on {}, {days} days before the application, within the {window}-day window.",
                e.event_date
            ),
        )
    } else {
        check(
            "emergency.event_window",
            false,
            format!(
                "事件发生在 {}，距申请日 {days} 天，超过了 {window} 天。急难型救助针对刚发生的事件。",
                e.event_date
            ),
            format!(
                "The event happened on {}, {days} days before the application: more than the {window}-day window for emergency aid.",
                e.event_date
            ),
        )
    }];
    checks.push(if e.serious_difficulty {
        check(
            "emergency.serious_difficulty",
            true,
            "您说明家庭基本生活暂时出现严重困难。".into(),
            "You said the household's basic living is temporarily in serious difficulty.".into(),
        )
    } else {
        check(
            "emergency.serious_difficulty",
            false,
            "您没有说明家庭基本生活出现严重困难，而急难型救助需要这一条件。".into(),
            "You did not say that basic living is in serious difficulty, which emergency aid requires."
                .into(),
        )
    });

    let likely = in_window && e.serious_difficulty;
    let (amount, approver) = if likely {
        let need = p.dibao_monthly.times(h.size() * p.emergency_months_per_person);
        let amount = need.min(cap);
        checks.push(check(
            "emergency.amount",
            true,
            format!(
                "参考金额：低保标准 {} 元 × {} 个月 × {} 人 = {} 元；封顶线为低保标准的 {} 倍，即 {} 元。",
                p.dibao_monthly,
                p.emergency_months_per_person,
                h.size(),
                need,
                p.emergency_cap_multiple,
                cap
            ),
            format!(
                "Indicative amount: the 低保 standard {} yuan × {} months × {} people = {} yuan; the cap is {} × the standard, {} yuan.",
                p.dibao_monthly,
                p.emergency_months_per_person,
                h.size(),
                need,
                p.emergency_cap_multiple,
                cap
            ),
        ));
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
        return AidResult {
            outcome: Outcome::NotApplicable,
            amount: Money::ZERO,
            cap,
            above_cap: false,
            above_cap_limit,
            approver: None,
            checks: Vec::new(),
        };
    };

    let mut checks = Vec::new();
    let (income_ok, property_ok) = if h.status.is_special_difficulty() {
        let (zh_status, en_status) = match h.status {
            Status::Tekun => ("特困", "特困 (extreme poverty)"),
            _ => ("低保", "低保 (minimum living guarantee)"),
        };
        checks.push(check(
            "expense.income",
            true,
            format!("{zh_status}家庭的收入已经核实，免于收入核查。"),
            format!("A {en_status} household's income is already verified, so it passes the income test."),
        ));
        checks.push(check(
            "expense.property",
            true,
            format!("{zh_status}家庭的财产已经核实，免于财产核查。"),
            format!(
                "A {en_status} household's property is already verified, so it passes the property test."
            ),
        ));
        (true, true)
    } else {
        let income = income_test(h, p);
        let property = property_tests(h, p);
        let income_ok = income.passed;
        let property_ok = property.iter().all(|c| c.passed);
        checks.push(income);
        checks.extend(property);
        (income_ok, property_ok)
    };

    // What the household can bear of necessary spending before falling below the 低保 line.
    let floor = p.dibao_monthly.times(12 * h.size());
    let capacity = h.annual_income.saturating_minus(floor);
    let shortfall = x.out_of_pocket.saturating_minus(capacity);
    let has_shortfall = shortfall.is_positive();
    checks.push(check(
        "expense.shortfall",
        has_shortfall,
        if has_shortfall {
            format!(
                "家庭年收入 {} 元，扣除 {} 人 12 个月的低保标准 {} 元后，能承受的必需支出为 {} 元；自付 {} 元，超出 {} 元。",
                h.annual_income,
                h.size(),
                floor,
                capacity,
                x.out_of_pocket,
                shortfall
            )
        } else {
            format!(
                "家庭年收入 {} 元，扣除 {} 人 12 个月的低保标准 {} 元后，能承受的必需支出为 {} 元；自付 {} 元没有超出。",
                h.annual_income,
                h.size(),
                floor,
                capacity,
                x.out_of_pocket
            )
        },
        if has_shortfall {
            format!(
                "A yearly income of {} yuan, less 12 months of the 低保 standard for {} people ({} yuan), can bear {} yuan of necessary spending; you paid {} yuan, {} yuan more.",
                h.annual_income,
                h.size(),
                floor,
                capacity,
                x.out_of_pocket,
                shortfall
            )
        } else {
            format!(
                "A yearly income of {} yuan, less 12 months of the 低保 standard for {} people ({} yuan), can bear {} yuan of necessary spending; the {} yuan you paid is within that.",
                h.annual_income,
                h.size(),
                floor,
                capacity,
                x.out_of_pocket
            )
        },
    ));

    let likely = income_ok && property_ok && has_shortfall;
    let above_cap = likely && shortfall > cap;
    let (amount, approver) = if likely {
        let amount = shortfall.min(cap);
        checks.push(if above_cap {
            check(
                "expense.amount",
                true,
                format!(
                    "缺口 {shortfall} 元超过封顶线 {cap} 元（低保标准的 {} 倍）。封顶线以内由区民政局审批；超出部分需报区人民政府批准，总额最多 {above_cap_limit} 元（封顶线的 {} 倍）。",
                    p.expense_cap_multiple, p.above_cap_max_multiple_of_cap
                ),
                format!(
                    "The shortfall of {shortfall} yuan is above the cap of {cap} yuan ({} × the 低保 standard). More than the cap needs the district government's approval, and never more than {above_cap_limit} yuan ({} × the cap).",
                    p.expense_cap_multiple, p.above_cap_max_multiple_of_cap
                ),
            )
        } else {
            check(
                "expense.amount",
                true,
                format!(
                    "参考金额为缺口 {amount} 元；封顶线为低保标准的 {} 倍，即 {cap} 元。",
                    p.expense_cap_multiple
                ),
                format!(
                    "Indicative amount: the shortfall, {amount} yuan; the cap is {} × the 低保 standard, {cap} yuan.",
                    p.expense_cap_multiple
                ),
            )
        });
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
    let per_capita = h.annual_income.per(h.size());
    let line = p.per_capita_income_line;
    let passed = h.annual_income < line.times(h.size());
    if passed {
        check(
            "expense.income",
            true,
            format!("家庭人均年收入 {per_capita} 元，低于上年度人均可支配收入 {line} 元。"),
            format!(
                "Income per person is {per_capita} yuan a year, below last year's local average of {line} yuan."
            ),
        )
    } else {
        check(
            "expense.income",
            false,
            format!(
                "家庭人均年收入 {per_capita} 元，不低于上年度人均可支配收入 {line} 元。按规定“原则上”不予救助，但镇街仍可根据实际情况考虑。"
            ),
            format!(
                "Income per person is {per_capita} yuan a year, not below last year's local average of {line} yuan. The notice says \"in principle\", so the town may still consider your case."
            ),
        )
    }
}

/// Property tests (RULES.md §3, local 低保 rules referred to by 二(八)).
fn property_tests(h: &Household, p: &InForce) -> Vec<Check> {
    let limit = p.dibao_monthly.times(p.property_asset_months);
    let per_capita = h.financial_assets.per(h.size());
    let assets_ok = h.financial_assets <= limit.times(h.size());
    let assets = check(
        "expense.property.assets",
        assets_ok,
        format!(
            "人均存款等金融资产 {per_capita} 元，{}低保标准的 {} 倍（{limit} 元）。",
            if assets_ok { "不超过" } else { "超过了" },
            p.property_asset_months
        ),
        format!(
            "Savings and other financial assets are {per_capita} yuan per person, {} {} months of the 低保 standard ({limit} yuan).",
            if assets_ok { "within" } else { "more than" },
            p.property_asset_months
        ),
    );
    let homes_ok = h.extra_homes == 0;
    let homes = check(
        "expense.property.homes",
        homes_ok,
        if homes_ok {
            "除现住房外没有其他住房。".into()
        } else {
            format!("除现住房外还有 {} 套住房。", h.extra_homes)
        },
        if homes_ok {
            "No home besides the one the household lives in.".into()
        } else {
            format!(
                "{} home(s) besides the one the household lives in.",
                h.extra_homes
            )
        },
    );
    let vehicles_ok = h.vehicles == 0;
    let vehicles = check(
        "expense.property.vehicles",
        vehicles_ok,
        if vehicles_ok {
            "没有机动车（残疾人用车、低值生产用车不计）。".into()
        } else {
            format!("有 {} 辆机动车（残疾人用车、低值生产用车不计）。", h.vehicles)
        },
        if vehicles_ok {
            "No motor vehicle (a disability vehicle or low-value work vehicle does not count).".into()
        } else {
            format!(
                "{} motor vehicle(s) (a disability vehicle or low-value work vehicle does not count).",
                h.vehicles
            )
        },
    );
    vec![assets, homes, vehicles]
}
