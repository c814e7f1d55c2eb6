//! The re-check of running cases (issue 12, item 4): when the parameters in force change, a
//! case not yet decided is assessed again, as of its own date but with today's figures, and
//! whatever would differ for the aid it asked for (outcome, amount, cap, approval tier) is
//! marked for the caseworker. Nothing about the case changes by itself, and the resident sees
//! only what staff decide.

use super::AidType;
use crate::rules::{Approver, Assessment, Money, Outcome};
use serde::{Deserialize, Serialize};

/// A figure before (as assessed at submission) and now (under the set in force today).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WasNow<T> {
    pub was: T,
    pub now: T,
}

/// What today's figures would change in a case's assessment. Words as the assessment's JSON
/// writes them (`likely`, `district_civil_affairs`), so a stored mark reads back whatever the
/// code's enums become.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Difference {
    /// The set (name and version) the case was assessed with again.
    pub version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<WasNow<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<WasNow<Money>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<WasNow<Money>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approver: Option<WasNow<String>>,
}

fn word<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn money(value: &serde_json::Value) -> Money {
    value
        .as_f64()
        .and_then(|y| Money::from_json_number(y).ok())
        .unwrap_or(Money::ZERO)
}

/// The difference between a case's stored assessment (JSON, as submitted) and a fresh one, for
/// the aid the case asked for; None when nothing a caseworker acts on differs.
pub fn difference(stored: &serde_json::Value, fresh: &Assessment, aid: AidType) -> Option<Difference> {
    let (was, now) = match aid {
        AidType::Emergency => (&stored["emergency"], &fresh.emergency),
        AidType::Expense => (&stored["expense"], &fresh.expense),
    };
    let pair = |was: String, now: String| (was != now).then_some(WasNow { was, now });
    let figure = |was: Money, now: Money| (was != now).then_some(WasNow { was, now });
    let approver_word = |a: Option<Approver>| a.map(|a| word(&a)).unwrap_or_default();
    let difference = Difference {
        version: format!("{} {}", fresh.parameters.set, fresh.parameters.version),
        outcome: pair(
            was["outcome"].as_str().unwrap_or_default().to_string(),
            word(&now.outcome),
        ),
        amount: figure(money(&was["amount"]), now.amount),
        cap: figure(money(&was["cap"]), now.cap),
        approver: pair(
            was["approver"].as_str().unwrap_or_default().to_string(),
            approver_word(now.approver),
        ),
    };
    let marked = difference.outcome.is_some()
        || difference.amount.is_some()
        || difference.cap.is_some()
        || difference.approver.is_some();
    marked.then_some(difference)
}

/// An outcome's word read back (`likely`, …).
pub fn outcome_of(word: &str) -> Outcome {
    match word {
        "likely" => Outcome::Likely,
        "unlikely" => Outcome::Unlikely,
        _ => Outcome::NotApplicable,
    }
}

/// An approval tier's word read back; None for none (an outcome with no amount).
pub fn approver_of(word: &str) -> Option<Approver> {
    match word {
        "town" => Some(Approver::Town),
        "district_civil_affairs" => Some(Approver::DistrictCivilAffairs),
        "district_government" => Some(Approver::DistrictGovernment),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{HouseholdInput, Parameters, assess_with_values_of};

    /// A set whose 低保 standard is `yuan` from 2026-07-01.
    fn raised_to(yuan: i64) -> Parameters {
        let change = crate::rules::Change {
            key: "dibao_monthly".into(),
            from: "2026-07-01".parse().unwrap(),
            value: yuan.into(),
            verified: true,
            source: "test".into(),
        };
        Parameters::defaults()
            .with_change(&change, "2026-07-01.2")
            .unwrap()
    }

    /// One person, a medical bill, assets of `assets` yuan (with fen), on 2026-06-20.
    fn expense_case(assets: &str) -> crate::rules::Household {
        let input: HouseholdInput = serde_json::from_value(serde_json::json!({
            "date": "2026-06-20", "town": "几江街道", "status": "none",
            "members": [{"age": 44}], "annual_income": 0, "financial_assets": assets.parse::<f64>().unwrap(),
            "expense": {"kind": "medical", "out_of_pocket": 20000},
        }))
        .unwrap();
        input
            .validate(&Parameters::defaults(), "2026-06-20".parse().unwrap())
            .unwrap()
    }

    #[test]
    fn a_case_one_fen_inside_the_new_asset_limit_is_marked_and_one_fen_outside_is_not() {
        let before = Parameters::defaults();
        let after = raised_to(800);
        let today = "2026-07-01".parse().unwrap();
        // The property limit: 24 months of the standard per person (property.asset_months).
        let limit = after.on(today).unwrap().dibao_monthly.times(24);
        let inside = expense_case(&limit.to_string().replace(',', ""));
        let outside = expense_case(&limit.plus(Money::from_fen(1)).to_string().replace(',', ""));
        let stored = |h| serde_json::to_value(crate::rules::assess(h, &before)).unwrap();

        let marked = difference(
            &stored(&inside),
            &assess_with_values_of(&inside, &after, today),
            AidType::Expense,
        )
        .expect("one fen inside the new limit: the outcome changes");
        assert_eq!(
            marked.outcome,
            Some(WasNow {
                was: "unlikely".into(),
                now: "likely".into()
            })
        );
        assert!(marked.version.ends_with("2026-07-01.2"));
        let outside_fresh = assess_with_values_of(&outside, &after, today);
        let unmarked = difference(&stored(&outside), &outside_fresh, AidType::Expense);
        // Still refused: only the cap (12 months of the standard) moved, and it is marked as such.
        assert_eq!(unmarked.as_ref().and_then(|d| d.outcome.clone()), None);
    }

    #[test]
    fn the_same_figures_mark_nothing() {
        let p = Parameters::defaults();
        let h = expense_case("1000");
        let stored = serde_json::to_value(crate::rules::assess(&h, &p)).unwrap();
        let today = "2026-07-01".parse().unwrap();
        assert_eq!(
            difference(&stored, &assess_with_values_of(&h, &p, today), AidType::Expense),
            None
        );
    }

    #[test]
    fn a_stored_mark_reads_back_as_written() {
        let d = Difference {
            version: "v".into(),
            amount: Some(WasNow {
                was: Money::from_yuan(1092),
                now: Money::from_yuan(1600),
            }),
            ..Difference::default()
        };
        let text = serde_json::to_string(&d).unwrap();
        assert_eq!(serde_json::from_str::<Difference>(&text).unwrap(), d);
        assert!(!text.contains("outcome"), "{text}");
    }
}
