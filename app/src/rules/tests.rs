//! The rules as sentences: one step each side of every threshold and every effective date
//! (RULES.md §2–§8), then properties that must hold for every household.

use super::*;
use chrono::NaiveDate;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn adult(age: f64) -> MemberInput {
    MemberInput {
        age: Some(age),
        able_to_work: Some(true),
        ..Default::default()
    }
}

/// A household of `size` working-age adults in 几江街道 on `date`, with no savings.
fn household(date: &str, size: usize, annual_income: f64) -> HouseholdInput {
    HouseholdInput {
        date: Some(date.into()),
        town: Some("几江街道".into()),
        status: Some("none".into()),
        members: Some((0..size).map(|_| adult(40.0)).collect()),
        annual_income: Some(annual_income),
        financial_assets: Some(0.0),
        extra_homes: Some(0.0),
        vehicles: Some(0.0),
        housing_hardship: Some(false),
        emergency: None,
        expense: None,
    }
}

fn with_fire(mut h: HouseholdInput, event_date: &str) -> HouseholdInput {
    h.emergency = Some(EmergencyInput {
        event: Some("fire".into()),
        event_date: Some(event_date.into()),
        serious_difficulty: Some(true),
    });
    h
}

fn with_medical(mut h: HouseholdInput, out_of_pocket: f64) -> HouseholdInput {
    h.expense = Some(ExpenseInput {
        kind: Some("medical".into()),
        out_of_pocket: Some(out_of_pocket),
    });
    h
}

fn run(h: &HouseholdInput) -> Assessment {
    assess_input(h, &Parameters::defaults(), day("2019-08-01")).expect("valid household")
}

fn errors(h: &HouseholdInput) -> Vec<String> {
    assess_input(h, &Parameters::defaults(), day("2019-08-01"))
        .expect_err("invalid household")
        .into_iter()
        .map(|e| e.field)
        .collect()
}

fn check<'a>(aid: &'a AidResult, rule: &str) -> &'a Check {
    aid.checks
        .iter()
        .find(|c| c.rule == rule)
        .unwrap_or_else(|| panic!("no check {rule}"))
}

// ---- The two examples of assess-api.md, exactly ----

#[test]
fn the_first_contract_example_gives_its_exact_answer() {
    let input: HouseholdInput = serde_json::from_str(
        r#"{"date":"2019-08-01","town":"几江街道","status":"none",
            "members":[{"age":44,"disabled":false,"serious_illness":false,"special_disease":null,
                        "student":null,"employed":true,"able_to_work":true,"needs_care":false}],
            "annual_income":30000,"financial_assets":5000,"extra_homes":0,"vehicles":0,
            "housing_hardship":false,
            "emergency":{"event":"fire","event_date":"2019-07-20","serious_difficulty":true},
            "expense":{"kind":"medical","out_of_pocket":20000}}"#,
    )
    .unwrap();
    let a = serde_json::to_value(run(&input)).unwrap();
    assert_eq!(a["parameters"]["dibao_monthly"], 546);
    assert_eq!(a["parameters"]["per_capita_income_line"], 34889);
    assert_eq!(a["parameters"]["in_force_on"], "2019-08-01");
    assert_eq!(a["emergency"]["outcome"], "likely");
    assert_eq!(a["emergency"]["amount"], 1092);
    assert_eq!(a["emergency"]["cap"], 3276);
    assert_eq!(a["emergency"]["above_cap"], false);
    assert_eq!(a["emergency"]["above_cap_limit"], 9828);
    assert_eq!(a["emergency"]["approver"], "town");
    assert_eq!(a["emergency"]["checks"][0]["rule"], "emergency.event_window");
    assert_eq!(a["emergency"]["checks"][0]["clause"], "二(八)");
    assert_eq!(a["expense"]["outcome"], "unlikely");
    assert_eq!(a["expense"]["amount"], 0);
    assert_eq!(a["expense"]["cap"], 6552);
    assert_eq!(a["expense"]["above_cap_limit"], 19656);
    assert_eq!(a["expense"]["approver"], serde_json::Value::Null);
    assert_eq!(a["referrals"], serde_json::json!([]));
    let shortfall = a["expense"]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "expense.shortfall")
        .unwrap();
    assert!(
        shortfall["zh"].as_str().unwrap().contains("23,448"),
        "{shortfall}"
    );
}

#[test]
fn the_second_contract_example_climbs_to_the_district_government() {
    let input: HouseholdInput = serde_json::from_str(
        r#"{"date":"2019-08-01","town":"白沙镇","status":"dibao",
            "members":[{"age":52,"serious_illness":true},{"age":17,"student":"senior_high"},
                       {"age":49,"able_to_work":true}],
            "annual_income":24000,"financial_assets":3000,"extra_homes":0,"vehicles":0,
            "housing_hardship":true,"emergency":null,
            "expense":{"kind":"medical","out_of_pocket":30000}}"#,
    )
    .unwrap();
    let a = serde_json::to_value(run(&input)).unwrap();
    assert_eq!(a["expense"]["outcome"], "likely");
    assert_eq!(a["expense"]["amount"], 6552);
    assert_eq!(a["expense"]["above_cap"], true);
    assert_eq!(a["expense"]["above_cap_limit"], 19656);
    assert_eq!(a["expense"]["approver"], "district_government");
    assert_eq!(a["emergency"]["outcome"], "not_applicable");
    assert_eq!(
        a["referrals"],
        serde_json::json!([
            "dibao_key_person",
            "education_aid",
            "employment",
            "housing",
            "medical_insurance_boost",
            "textbooks"
        ])
    );
    let shortfall = a["expense"]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "expense.shortfall")
        .unwrap();
    assert!(
        shortfall["en"].as_str().unwrap().contains("25,656"),
        "{shortfall}"
    );
}

// ---- Emergency: the event window (90 days) and the declaration ----

#[test]
fn an_event_ninety_days_before_the_application_is_within_the_window() {
    let a = run(&with_fire(household("2019-08-01", 1, 0.0), "2019-05-03"));
    assert!(check(&a.emergency, "emergency.event_window").passed);
    assert_eq!(a.emergency.outcome, Outcome::Likely);
}

#[test]
fn an_event_ninety_one_days_before_the_application_is_outside_the_window() {
    let a = run(&with_fire(household("2019-08-01", 1, 0.0), "2019-05-02"));
    assert!(!check(&a.emergency, "emergency.event_window").passed);
    assert_eq!(a.emergency.outcome, Outcome::Unlikely);
    assert_eq!(a.emergency.amount, Money::ZERO);
    assert_eq!(a.emergency.approver, None);
}

#[test]
fn an_event_on_the_application_day_is_within_the_window() {
    let a = run(&with_fire(household("2019-08-01", 1, 0.0), "2019-08-01"));
    assert_eq!(a.emergency.outcome, Outcome::Likely);
}

#[test]
fn an_event_after_the_application_date_is_invalid_input_not_unlikely() {
    assert_eq!(
        errors(&with_fire(household("2019-08-01", 1, 0.0), "2019-08-02")),
        ["emergency.event_date"]
    );
}

#[test]
fn without_a_declared_serious_difficulty_emergency_aid_is_unlikely() {
    let mut h = with_fire(household("2019-08-01", 1, 0.0), "2019-07-20");
    h.emergency.as_mut().unwrap().serious_difficulty = Some(false);
    let a = run(&h);
    assert!(!check(&a.emergency, "emergency.serious_difficulty").passed);
    assert_eq!(a.emergency.outcome, Outcome::Unlikely);
}

#[test]
fn emergency_aid_ignores_income_and_savings() {
    let mut h = with_fire(household("2019-08-01", 1, 1_000_000.0), "2019-07-20");
    h.financial_assets = Some(5_000_000.0);
    assert_eq!(run(&h).emergency.outcome, Outcome::Likely);
}

#[test]
fn a_two_person_emergency_gets_two_months_each_and_goes_to_the_civil_affairs_bureau() {
    // 546 × 2 × 2 = 2,184 > town limit 2 × 546 = 1,092, ≤ cap 3,276.
    let a = run(&with_fire(household("2019-08-01", 2, 0.0), "2019-07-20"));
    assert_eq!(a.emergency.amount, Money::from_yuan(2184));
    assert_eq!(a.emergency.approver, Some(Approver::DistrictCivilAffairs));
}

#[test]
fn a_four_person_emergency_is_held_at_the_cap_of_six_months() {
    // 546 × 2 × 4 = 4,368 > cap 6 × 546 = 3,276.
    let a = run(&with_fire(household("2019-08-01", 4, 0.0), "2019-07-20"));
    assert_eq!(a.emergency.amount, Money::from_yuan(3276));
    assert_eq!(a.emergency.cap, Money::from_yuan(3276));
    assert!(!a.emergency.above_cap);
}

// ---- Effective dates: the 低保 standard changes on 2019-07-01, the income line on 2020-01-01 ----

#[test]
fn on_2019_06_30_the_526_yuan_standard_gives_a_1052_yuan_emergency_amount() {
    let a = run(&with_fire(household("2019-06-30", 1, 0.0), "2019-06-20"));
    assert_eq!(a.parameters.dibao_monthly, Money::from_yuan(526));
    assert_eq!(a.emergency.amount, Money::from_yuan(1052));
}

#[test]
fn on_2019_07_01_the_546_yuan_standard_gives_a_1092_yuan_emergency_amount() {
    let a = run(&with_fire(household("2019-07-01", 1, 0.0), "2019-06-20"));
    assert_eq!(a.parameters.dibao_monthly, Money::from_yuan(546));
    assert_eq!(a.emergency.amount, Money::from_yuan(1092));
}

#[test]
fn income_of_35000_per_head_fails_in_2019_but_passes_in_2020() {
    // Line 34,889 for 2019 applications, 37,939 from 2020-01-01.
    let a = run(&with_medical(household("2019-12-31", 1, 35_000.0), 100_000.0));
    assert!(!check(&a.expense, "expense.income").passed);
    let a = run(&with_medical(household("2020-01-01", 1, 35_000.0), 100_000.0));
    assert!(check(&a.expense, "expense.income").passed);
}

#[test]
fn a_date_before_2019_is_invalid_input() {
    assert_eq!(errors(&household("2018-12-31", 1, 0.0)), ["date"]);
    assert!(
        assess_input(
            &household("2019-01-01", 1, 0.0),
            &Parameters::defaults(),
            day("2019-08-01")
        )
        .is_ok()
    );
}

#[test]
fn a_missing_date_means_today() {
    let mut h = household("2019-08-01", 1, 0.0);
    h.date = None;
    let a = assess_input(&h, &Parameters::defaults(), day("2020-03-04")).unwrap();
    assert_eq!(a.parameters.in_force_on, day("2020-03-04"));
}

// ---- Expense-based: the income test (strictly below 34,889 per head in 2019) ----

#[test]
fn a_three_person_household_with_10000_yuan_per_head_in_2019_passes_the_income_test() {
    let a = run(&with_medical(household("2019-08-01", 3, 30_000.0), 50_000.0));
    let c = check(&a.expense, "expense.income");
    assert!(c.passed);
    assert!(
        c.zh().contains("10,000") && c.zh().contains("34,889"),
        "{}",
        c.zh()
    );
}

#[test]
fn income_one_fen_below_the_line_per_head_passes_and_exactly_on_it_fails() {
    let a = run(&with_medical(household("2019-08-01", 2, 69_777.98), 200_000.0));
    assert!(check(&a.expense, "expense.income").passed);
    let a = run(&with_medical(household("2019-08-01", 2, 69_778.0), 200_000.0));
    assert!(!check(&a.expense, "expense.income").passed);
    assert_eq!(a.expense.outcome, Outcome::Unlikely);
    assert!(check(&a.expense, "expense.income").zh().contains("原则上"));
}

// ---- Expense-based: the property test (24 months of the standard per head) ----

#[test]
fn savings_of_exactly_24_months_of_the_standard_per_head_pass_and_one_fen_more_fails() {
    // 24 × 546 = 13,104 per head.
    let mut h = with_medical(household("2019-08-01", 1, 0.0), 10_000.0);
    h.financial_assets = Some(13_104.0);
    assert!(check(&run(&h).expense, "expense.property.assets").passed);
    h.financial_assets = Some(13_104.01);
    let a = run(&h);
    assert!(!check(&a.expense, "expense.property.assets").passed);
    assert_eq!(a.expense.outcome, Outcome::Unlikely);
}

#[test]
fn a_second_home_or_a_car_fails_the_property_test() {
    let mut h = with_medical(household("2019-08-01", 1, 0.0), 10_000.0);
    h.extra_homes = Some(1.0);
    assert!(!check(&run(&h).expense, "expense.property.homes").passed);
    h.extra_homes = Some(0.0);
    h.vehicles = Some(1.0);
    assert!(!check(&run(&h).expense, "expense.property.vehicles").passed);
}

/// Issue 24, item 6: Jiangjin is largely rural; a 农村低保 household has passed its own means
/// test and is assessed as an urban 低保 one is, in both tests and in its referrals.
#[test]
fn a_rural_dibao_household_passes_income_and_property_as_an_urban_one_does() {
    let mut h = with_medical(household("2019-08-01", 1, 500_000.0), 600_000.0);
    h.financial_assets = Some(1_000_000.0);
    h.vehicles = Some(2.0);
    let none = run(&h);
    assert!(!check(&none.expense, "expense.income").passed);
    for status in ["dibao", "rural_dibao"] {
        h.status = Some(status.into());
        let a = run(&h);
        assert!(check(&a.expense, "expense.income").passed, "{status}");
        assert!(check(&a.expense, "expense.property").passed, "{status}");
    }
}

#[test]
fn a_dibao_household_passes_income_and_property_without_them_being_computed() {
    let mut h = with_medical(household("2019-08-01", 1, 500_000.0), 600_000.0);
    h.status = Some("dibao".into());
    h.financial_assets = Some(1_000_000.0);
    h.vehicles = Some(2.0);
    let a = run(&h);
    assert!(check(&a.expense, "expense.income").passed);
    assert!(check(&a.expense, "expense.property").passed);
    assert!(
        a.expense
            .checks
            .iter()
            .all(|c| c.rule != "expense.property.assets")
    );
}

// ---- Expense-based: the shortfall after what the household can bear ----

#[test]
fn spending_one_yuan_above_what_the_household_can_bear_is_a_shortfall_of_one_yuan() {
    // One person, 10,000 income: can bear 10,000 − 546 × 12 = 3,448.
    let a = run(&with_medical(household("2019-08-01", 1, 10_000.0), 3_449.0));
    assert_eq!(a.expense.outcome, Outcome::Likely);
    assert_eq!(a.expense.amount, Money::from_yuan(1));
    assert_eq!(a.expense.approver, Some(Approver::Town));
    let a = run(&with_medical(household("2019-08-01", 1, 10_000.0), 3_448.0));
    assert_eq!(a.expense.outcome, Outcome::Unlikely);
    assert!(!check(&a.expense, "expense.shortfall").passed);
}

#[test]
fn income_below_the_dibao_line_means_the_household_can_bear_nothing() {
    let a = run(&with_medical(household("2019-08-01", 2, 5_000.0), 800.0));
    assert_eq!(a.expense.amount, Money::from_yuan(800));
}

// ---- Approval tiers: town ≤ 2 × standard < civil affairs ≤ cap < district government ----

#[test]
fn an_amount_of_exactly_twice_the_standard_is_decided_by_the_town() {
    let a = run(&with_medical(household("2019-08-01", 1, 0.0), 1_092.0));
    assert_eq!(a.expense.approver, Some(Approver::Town));
    let a = run(&with_medical(household("2019-08-01", 1, 0.0), 1_092.01));
    assert_eq!(a.expense.approver, Some(Approver::DistrictCivilAffairs));
}

#[test]
fn a_shortfall_of_exactly_the_cap_is_approved_by_the_civil_affairs_bureau() {
    let a = run(&with_medical(household("2019-08-01", 1, 0.0), 6_552.0));
    assert!(!a.expense.above_cap);
    assert_eq!(a.expense.approver, Some(Approver::DistrictCivilAffairs));
    let a = run(&with_medical(household("2019-08-01", 1, 0.0), 6_552.01));
    assert!(a.expense.above_cap);
    assert_eq!(a.expense.amount, Money::from_yuan(6552));
    assert_eq!(a.expense.approver, Some(Approver::DistrictGovernment));
    assert_eq!(a.expense.above_cap_limit, Money::from_yuan(19656));
}

// ---- Referrals (RULES.md §5) ----

fn referrals_of(h: &HouseholdInput) -> Vec<Referral> {
    run(h).referrals
}

#[test]
fn a_household_below_the_dibao_line_with_little_property_is_told_to_apply_for_dibao() {
    // One person: 546 × 12 = 6,552 a year.
    assert_eq!(
        referrals_of(&household("2019-08-01", 1, 6_551.99)),
        [Referral::DibaoApply]
    );
    assert_eq!(referrals_of(&household("2019-08-01", 1, 6_552.0)), []);
    let mut h = household("2019-08-01", 1, 0.0);
    h.vehicles = Some(1.0);
    assert_eq!(referrals_of(&h), []);
}

#[test]
fn a_dibao_member_aged_70_is_a_key_person_and_one_aged_69_is_not() {
    let mut h = household("2019-08-01", 1, 0.0);
    h.status = Some("dibao".into());
    h.members = Some(vec![MemberInput {
        age: Some(70.0),
        ..Default::default()
    }]);
    assert!(referrals_of(&h).contains(&Referral::DibaoKeyPerson));
    h.members = Some(vec![MemberInput {
        age: Some(69.0),
        ..Default::default()
    }]);
    assert!(!referrals_of(&h).contains(&Referral::DibaoKeyPerson));
}

#[test]
fn a_rural_dibao_member_aged_70_is_a_key_person_too() {
    let mut h = household("2019-08-01", 1, 0.0);
    h.status = Some("rural_dibao".into());
    h.members = Some(vec![MemberInput {
        age: Some(70.0),
        ..Default::default()
    }]);
    assert!(referrals_of(&h).contains(&Referral::DibaoKeyPerson));
}

#[test]
fn a_tekun_member_who_cannot_look_after_themselves_is_referred_for_care() {
    let mut h = household("2019-08-01", 1, 0.0);
    h.status = Some("tekun".into());
    h.members = Some(vec![MemberInput {
        age: Some(80.0),
        needs_care: Some(true),
        ..Default::default()
    }]);
    assert_eq!(
        referrals_of(&h),
        [Referral::MedicalInsuranceBoost, Referral::TekunCare]
    );
}

#[test]
fn a_natural_disaster_is_referred_to_the_emergency_bureau_whatever_the_status() {
    let mut h = with_fire(household("2019-08-01", 1, 100_000.0), "2019-07-20");
    h.emergency.as_mut().unwrap().event = Some("natural_disaster".into());
    assert_eq!(referrals_of(&h), [Referral::DisasterRelief]);
}

#[test]
fn a_special_disease_is_referred_to_the_healthcare_security_bureau() {
    let mut h = household("2019-08-01", 1, 100_000.0);
    h.members = Some(vec![MemberInput {
        age: Some(8.0),
        special_disease: Some("childhood_leukemia".into()),
        ..Default::default()
    }]);
    assert_eq!(referrals_of(&h), [Referral::MedicalSpecialDisease]);
}

#[test]
fn employment_help_needs_a_member_aged_16_to_59_able_to_work_and_nobody_employed() {
    let mut h = household("2019-08-01", 1, 0.0);
    h.status = Some("dibao".into());
    for (age, expected) in [(15.0, false), (16.0, true), (59.0, true), (60.0, false)] {
        h.members = Some(vec![adult(age)]);
        assert_eq!(
            referrals_of(&h).contains(&Referral::Employment),
            expected,
            "age {age}"
        );
    }
    h.members = Some(vec![
        adult(30.0),
        MemberInput {
            age: Some(50.0),
            employed: Some(true),
            ..Default::default()
        },
    ]);
    assert!(!referrals_of(&h).contains(&Referral::Employment));
}

#[test]
fn a_household_without_special_difficulty_gets_no_special_household_referrals() {
    let mut h = household("2019-08-01", 2, 100_000.0);
    h.housing_hardship = Some(true);
    h.members = Some(vec![
        adult(40.0),
        MemberInput {
            age: Some(17.0),
            student: Some("senior_high".into()),
            ..Default::default()
        },
    ]);
    assert_eq!(referrals_of(&h), []);
}

// ---- Validation: every bad field is named ----

#[test]
fn every_invalid_field_is_named_at_once() {
    let h = HouseholdInput {
        date: Some("2019-13-01".into()),
        town: Some("火星镇".into()),
        status: Some("rich".into()),
        members: Some(vec![MemberInput {
            age: Some(-1.0),
            student: Some("phd".into()),
            ..Default::default()
        }]),
        annual_income: Some(-5.0),
        financial_assets: Some(1.234),
        extra_homes: Some(0.5),
        vehicles: None,
        housing_hardship: None,
        emergency: Some(EmergencyInput {
            event: Some("meteor".into()),
            event_date: Some("yesterday".into()),
            serious_difficulty: None,
        }),
        expense: Some(ExpenseInput {
            kind: Some("holiday".into()),
            out_of_pocket: None,
        }),
    };
    let fields = errors(&h);
    for f in [
        "date",
        "town",
        "status",
        "members[0].age",
        "members[0].student",
        "annual_income",
        "financial_assets",
        "extra_homes",
        "emergency.event",
        "emergency.event_date",
        "expense.kind",
        "expense.out_of_pocket",
    ] {
        assert!(fields.contains(&f.to_string()), "{f} missing from {fields:?}");
    }
}

#[test]
fn an_empty_household_and_one_of_21_members_are_refused() {
    let mut h = household("2019-08-01", 1, 0.0);
    h.members = Some(vec![]);
    assert_eq!(errors(&h), ["members"]);
    h.members = Some((0..21).map(|_| adult(30.0)).collect());
    assert_eq!(errors(&h), ["members"]);
    h.members = Some((0..20).map(|_| adult(30.0)).collect());
    assert!(assess_input(&h, &Parameters::defaults(), day("2019-08-01")).is_ok());
}

#[test]
fn missing_required_answers_are_named() {
    let fields = errors(&HouseholdInput::default());
    assert_eq!(
        fields,
        ["town", "status", "members", "annual_income", "financial_assets"]
    );
}

// ---- Properties over many households ----

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn any_member() -> impl Strategy<Value = MemberInput> {
        (
            0u8..100,
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            0usize..6,
        )
            .prop_map(|(age, disabled, ill, employed, able, student)| MemberInput {
                age: Some(age as f64),
                disabled: Some(disabled),
                serious_illness: Some(ill),
                special_disease: None,
                student: ["preschool", "primary", "junior_high", "senior_high", "higher"]
                    .get(student)
                    .map(|s| s.to_string()),
                employed: Some(employed),
                able_to_work: Some(able),
                needs_care: Some(false),
            })
    }

    fn any_household() -> impl Strategy<Value = HouseholdInput> {
        (
            prop::sample::select(vec!["2019-03-01", "2019-07-01", "2020-06-15", "2024-01-01"]),
            prop::sample::select(vec!["none", "dibao", "rural_dibao", "tekun"]),
            prop::collection::vec(any_member(), 1..8),
            0i64..20_000_000,
            0i64..20_000_000,
            0u8..2,
            0u8..2,
            0i64..30_000_000,
            0i64..200,
        )
            .prop_map(
                |(date, status, members, income, assets, homes, cars, spent, days_ago)| {
                    let d: NaiveDate = date.parse().unwrap();
                    HouseholdInput {
                        date: Some(date.into()),
                        town: Some("白沙镇".into()),
                        status: Some(status.into()),
                        members: Some(members),
                        annual_income: Some(income as f64 / 100.0),
                        financial_assets: Some(assets as f64 / 100.0),
                        extra_homes: Some(homes as f64),
                        vehicles: Some(cars as f64),
                        housing_hardship: Some(false),
                        emergency: Some(EmergencyInput {
                            event: Some("sudden_illness".into()),
                            event_date: Some((d - chrono::Duration::days(days_ago)).to_string()),
                            serious_difficulty: Some(true),
                        }),
                        expense: Some(ExpenseInput {
                            kind: Some("medical".into()),
                            out_of_pocket: Some(spent as f64 / 100.0),
                        }),
                    }
                },
            )
    }

    proptest! {
        #[test]
        fn the_amount_never_exceeds_the_cap_and_the_above_cap_limit_is_three_caps(h in any_household()) {
            let a = run(&h);
            for aid in [&a.emergency, &a.expense] {
                prop_assert!(aid.amount <= aid.cap);
                prop_assert_eq!(aid.above_cap_limit, aid.cap.times(3));
                prop_assert_eq!(aid.approver.is_some(), aid.outcome == Outcome::Likely);
                prop_assert!(aid.outcome == Outcome::Likely || aid.amount == Money::ZERO);
            }
        }

        #[test]
        fn more_income_never_makes_expense_aid_more_likely(h in any_household(), extra in 1i64..5_000_000) {
            let before = run(&h).expense;
            let mut richer = h.clone();
            let fen = (h.annual_income.unwrap() * 100.0).round() as i64;
            richer.annual_income = Some((fen + extra) as f64 / 100.0);
            let after = run(&richer).expense;
            prop_assert!(!(before.outcome == Outcome::Unlikely && after.outcome == Outcome::Likely));
            prop_assert!(after.amount <= before.amount);
        }

        #[test]
        fn a_dibao_or_tekun_household_always_passes_income_and_property(h in any_household(), tekun in any::<bool>()) {
            let mut special = h;
            special.status = Some(if tekun { "tekun" } else { "dibao" }.into());
            let a = run(&special);
            for c in &a.expense.checks {
                if c.rule.starts_with("expense.income") || c.rule.starts_with("expense.property") {
                    prop_assert!(c.passed, "{} failed", c.rule);
                }
            }
        }

        #[test]
        fn every_check_cites_a_clause_and_speaks_both_languages(h in any_household()) {
            let a = run(&h);
            for c in a.emergency.checks.iter().chain(&a.expense.checks) {
                prop_assert_eq!(c.clause, "二(八)");
                prop_assert!(!c.zh().is_empty() && !c.en().is_empty());
            }
        }
    }
}
