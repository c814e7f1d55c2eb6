use super::*;
use crate::rules::Parameters;
use proptest::prelude::*;

const TOWN: &str = "几江街道";
const OTHER_TOWN: &str = "白沙镇";

fn staff(username: &str, role: Role, town: Option<&str>) -> Staff {
    Staff {
        id: 0,
        username: username.into(),
        display_name: username.into(),
        role,
        town: town.map(str::to_string),
    }
}

fn caseworker() -> Staff {
    staff("caseworker", Role::Caseworker, Some(TOWN))
}
fn head() -> Staff {
    staff("head", Role::Head, Some(TOWN))
}
fn reviewer() -> Staff {
    staff("reviewer", Role::Reviewer, None)
}
fn approver() -> Staff {
    staff("approver", Role::Approver, None)
}
fn administrator() -> Staff {
    staff("admin", Role::Administrator, None)
}

fn limits(aid: AidType) -> Limits {
    let p = Parameters::defaults().on("2019-08-01".parse().unwrap()).unwrap();
    match aid {
        AidType::Emergency => Limits::emergency(&p),
        AidType::Expense => Limits::expense(&p),
    }
}

fn yuan(y: i64) -> Money {
    Money::from_yuan(y)
}

/// Runs the actions in turn, each of which must be allowed.
fn after(aid: AidType, steps: &[(Staff, Action)]) -> Case {
    let mut case = Case::submitted(aid, TOWN);
    for (who, action) in steps {
        case = decide(&case, who, action, &limits(aid))
            .unwrap_or_else(|r| panic!("{action:?} by {} refused: {r:?}", who.username))
            .case;
    }
    case
}

fn investigating(aid: AidType) -> Case {
    after(
        aid,
        &[
            (caseworker(), Action::Accept),
            (caseworker(), Action::Investigate),
        ],
    )
}

fn recommended(aid: AidType, amount: Money) -> Case {
    let mut case = investigating(aid);
    case = decide(
        &case,
        &caseworker(),
        &Action::Recommend {
            amount,
            reason: "火灾损失大，家中无其他收入。".into(),
        },
        &limits(aid),
    )
    .unwrap()
    .case;
    case
}

fn try_action(case: &Case, who: &Staff, action: Action) -> Result<Case, Refusal> {
    decide(case, who, &action, &limits(case.aid_type)).map(|t| t.case)
}

/// A case in each status, in the town, reached through allowed actions.
fn case_in(status: Status) -> Case {
    let aid = AidType::Emergency;
    match status {
        Status::Submitted => Case::submitted(aid, TOWN),
        Status::Accepted => after(aid, &[(caseworker(), Action::Accept)]),
        Status::Investigating => investigating(aid),
        Status::WaitingForDocuments => try_action(
            &investigating(aid),
            &caseworker(),
            Action::RequestDocuments {
                kinds: Vec::new(),
                what: "户口簿".into(),
            },
        )
        .unwrap(),
        Status::Recommended => recommended(aid, yuan(500)),
        Status::Approved => try_action(
            &recommended(aid, yuan(500)),
            &head(),
            Action::Approve { amount: yuan(500) },
        )
        .unwrap(),
        Status::Rejected => try_action(
            &investigating(aid),
            &head(),
            Action::Reject {
                reason: "不符合条件".into(),
            },
        )
        .unwrap(),
        Status::Paid => try_action(&case_in(Status::Approved), &caseworker(), Action::Pay).unwrap(),
        Status::Withdrawn => Case {
            status: Status::Withdrawn,
            ..Case::submitted(aid, TOWN)
        },
    }
}

fn sample_action(kind: ActionKind) -> Action {
    match kind {
        ActionKind::Accept => Action::Accept,
        ActionKind::Investigate => Action::Investigate,
        ActionKind::RequestDocuments => Action::RequestDocuments {
            kinds: Vec::new(),
            what: "病历".into(),
        },
        ActionKind::Resume => Action::Resume,
        ActionKind::PayAdvance => Action::PayAdvance { amount: yuan(300) },
        ActionKind::Recommend => Action::Recommend {
            amount: yuan(500),
            reason: String::new(),
        },
        ActionKind::Forward => Action::Forward {
            reason: "超过本级权限。".into(),
        },
        ActionKind::Approve => Action::Approve { amount: yuan(500) },
        ActionKind::Reject => Action::Reject {
            reason: "不符合条件".into(),
        },
        ActionKind::Pay => Action::Pay,
    }
}

/// Every (status, action, role) the town may take on a town-level emergency case of its own;
/// everything else is refused.
const TOWN_TRANSITIONS: &[(Status, ActionKind, Role, Status)] = {
    use ActionKind as K;
    use Role::{Caseworker as C, Head as H};
    use Status::*;
    &[
        (Submitted, K::Accept, C, Accepted),
        (Submitted, K::Accept, H, Accepted),
        (Submitted, K::Reject, H, Rejected),
        (Accepted, K::Investigate, C, Investigating),
        (Accepted, K::Investigate, H, Investigating),
        (Accepted, K::RequestDocuments, C, WaitingForDocuments),
        (Accepted, K::RequestDocuments, H, WaitingForDocuments),
        (Accepted, K::PayAdvance, C, Accepted),
        (Accepted, K::PayAdvance, H, Accepted),
        (Accepted, K::Reject, H, Rejected),
        (Investigating, K::RequestDocuments, C, WaitingForDocuments),
        (Investigating, K::RequestDocuments, H, WaitingForDocuments),
        (Investigating, K::PayAdvance, C, Investigating),
        (Investigating, K::PayAdvance, H, Investigating),
        (Investigating, K::Recommend, C, Recommended),
        (Investigating, K::Recommend, H, Recommended),
        (Investigating, K::Reject, H, Rejected),
        // Asked for more (or for one item again) while the town already waits.
        (WaitingForDocuments, K::RequestDocuments, C, WaitingForDocuments),
        (WaitingForDocuments, K::RequestDocuments, H, WaitingForDocuments),
        (WaitingForDocuments, K::Resume, C, Investigating),
        (WaitingForDocuments, K::Resume, H, Investigating),
        (WaitingForDocuments, K::PayAdvance, C, WaitingForDocuments),
        (WaitingForDocuments, K::PayAdvance, H, WaitingForDocuments),
        (WaitingForDocuments, K::Reject, H, Rejected),
        // Recommended by the caseworker: the head decides.
        (Recommended, K::Approve, H, Approved),
        (Recommended, K::Reject, H, Rejected),
        (Approved, K::Pay, C, Paid),
        (Approved, K::Pay, H, Paid),
    ]
};

#[test]
fn every_town_transition_in_the_table_is_allowed_and_every_other_one_refused() {
    for status in Status::ALL {
        for kind in ActionKind::ALL {
            for who in [caseworker(), head()] {
                let case = case_in(status);
                let expected = TOWN_TRANSITIONS
                    .iter()
                    .find(|(s, k, r, _)| *s == status && *k == kind && *r == who.role);
                let got = try_action(&case, &who, sample_action(kind));
                match expected {
                    Some((_, _, _, to)) => assert_eq!(
                        got.map(|c| c.status),
                        Ok(*to),
                        "{kind:?} by {:?} on a {status:?} case",
                        who.role
                    ),
                    None => assert!(
                        got.is_err(),
                        "{kind:?} by {:?} on a {status:?} case should be refused",
                        who.role
                    ),
                }
            }
        }
    }
}

#[test]
fn district_staff_and_the_administrator_can_do_nothing_to_a_case_still_at_the_town() {
    for status in Status::ALL {
        for kind in ActionKind::ALL {
            for who in [reviewer(), approver(), administrator()] {
                assert_eq!(
                    try_action(&case_in(status), &who, sample_action(kind)),
                    Err(Refusal::NotYourCase),
                    "{kind:?} by {:?} on a {status:?} case",
                    who.role
                );
            }
        }
    }
}

#[test]
fn staff_of_another_town_cannot_see_or_touch_the_case() {
    let elsewhere = [
        staff("c2", Role::Caseworker, Some(OTHER_TOWN)),
        staff("h2", Role::Head, Some(OTHER_TOWN)),
    ];
    for status in Status::ALL {
        for kind in ActionKind::ALL {
            for who in &elsewhere {
                assert!(!who.can_see(&case_in(status)));
                assert_eq!(
                    try_action(&case_in(status), who, sample_action(kind)),
                    Err(Refusal::NotYourCase)
                );
            }
        }
    }
}

#[test]
fn nothing_happens_to_a_paid_rejected_or_withdrawn_case() {
    for status in [Status::Paid, Status::Rejected, Status::Withdrawn] {
        let case = case_in(status);
        for who in [caseworker(), head(), reviewer(), approver()] {
            assert!(
                available(&case, &who, &limits(AidType::Emergency)).is_empty(),
                "{status:?} offers actions"
            );
        }
    }
}

#[test]
fn the_head_approves_up_to_the_town_limit_of_1092_yuan_in_2019() {
    let case = recommended(AidType::Emergency, yuan(1092));
    let approved = try_action(&case, &head(), Action::Approve { amount: yuan(1092) }).unwrap();
    assert_eq!(approved.approved_amount, Some(yuan(1092)));
}

#[test]
fn the_head_cannot_approve_one_fen_above_the_town_limit() {
    let case = recommended(AidType::Emergency, yuan(1000));
    let amount = yuan(1092).plus(Money::from_fen(1));
    assert_eq!(
        try_action(&case, &head(), Action::Approve { amount }),
        Err(Refusal::AboveYourTier(yuan(1092)))
    );
}

#[test]
fn whoever_recommended_a_case_may_not_approve_it() {
    let mut case = investigating(AidType::Emergency);
    case = try_action(
        &case,
        &head(),
        Action::Recommend {
            amount: yuan(800),
            reason: String::new(),
        },
    )
    .unwrap();
    assert_eq!(
        try_action(&case, &head(), Action::Approve { amount: yuan(800) }),
        Err(Refusal::RecommenderMayNotApprove)
    );
    let other_head = staff("head2", Role::Head, Some(TOWN));
    assert!(try_action(&case, &other_head, Action::Approve { amount: yuan(800) }).is_ok());
}

#[test]
fn an_above_cap_expense_case_climbs_to_the_bureau_and_then_the_government() {
    // Expense cap in 2019: 12 × 546 = 6,552 yuan; the ceiling is 19,656.
    let case = recommended(AidType::Expense, yuan(15000));
    assert_eq!(
        available(&case, &head(), &limits(AidType::Expense)),
        // Approve: an amount within the town's limit, should the head think 800 yuan enough.
        vec![ActionKind::Forward, ActionKind::Approve, ActionKind::Reject]
    );
    let at_bureau = try_action(
        &case,
        &head(),
        Action::Forward {
            reason: "超过本级权限。".into(),
        },
    )
    .unwrap();
    assert_eq!(at_bureau.level, Level::Bureau);
    assert!(!head().holds(&at_bureau));
    assert_eq!(
        try_action(&at_bureau, &reviewer(), Action::Approve { amount: yuan(15000) }),
        Err(Refusal::AboveYourTier(yuan(6552)))
    );
    let at_government = try_action(
        &at_bureau,
        &reviewer(),
        Action::Forward {
            reason: "超过本级权限。".into(),
        },
    )
    .unwrap();
    assert_eq!(at_government.level, Level::Government);
    let approved = try_action(
        &at_government,
        &approver(),
        Action::Approve { amount: yuan(15000) },
    )
    .unwrap();
    assert_eq!(approved.status, Status::Approved);
    // Still the town's to pay, and still visible to both district tiers.
    assert!(try_action(&approved, &caseworker(), Action::Pay).is_ok());
    assert!(reviewer().can_see(&approved) && approver().can_see(&approved));
}

#[test]
fn the_government_cannot_approve_one_fen_above_three_times_the_cap() {
    let mut case = recommended(AidType::Expense, yuan(19656));
    case = try_action(
        &case,
        &head(),
        Action::Forward {
            reason: "超过本级权限。".into(),
        },
    )
    .unwrap();
    case = try_action(
        &case,
        &reviewer(),
        Action::Forward {
            reason: "超过本级权限。".into(),
        },
    )
    .unwrap();
    let amount = yuan(19656).plus(Money::from_fen(1));
    assert_eq!(
        try_action(&case, &approver(), Action::Approve { amount }),
        Err(Refusal::AboveCeiling(yuan(19656)))
    );
}

#[test]
fn nobody_may_recommend_above_three_times_the_cap() {
    let case = investigating(AidType::Emergency);
    let amount = yuan(9828).plus(Money::from_fen(1));
    assert_eq!(
        try_action(
            &case,
            &caseworker(),
            Action::Recommend {
                amount,
                reason: "理由".into()
            }
        ),
        Err(Refusal::AboveCeiling(yuan(9828)))
    );
}

#[test]
fn a_case_within_the_town_limit_is_not_forwarded() {
    let case = recommended(AidType::Emergency, yuan(800));
    assert!(!available(&case, &head(), &limits(AidType::Emergency)).contains(&ActionKind::Forward));
    assert_eq!(
        try_action(
            &case,
            &head(),
            Action::Forward {
                reason: "超过本级权限。".into()
            }
        ),
        Err(Refusal::NoHigherTierNeeded)
    );
}

#[test]
fn an_emergency_case_gets_one_advance_of_at_most_twice_the_dibao_standard() {
    let accepted = after(AidType::Emergency, &[(caseworker(), Action::Accept)]);
    assert_eq!(
        try_action(
            &accepted,
            &caseworker(),
            Action::PayAdvance { amount: yuan(1093) }
        ),
        Err(Refusal::AboveAdvanceLimit(yuan(1092)))
    );
    let advanced = try_action(
        &accepted,
        &caseworker(),
        Action::PayAdvance { amount: yuan(1092) },
    )
    .unwrap();
    assert_eq!(advanced.status, Status::Accepted);
    assert_eq!(
        try_action(&advanced, &caseworker(), Action::PayAdvance { amount: yuan(1) }),
        Err(Refusal::AdvanceAlreadyPaid)
    );
}

#[test]
fn an_expense_case_gets_no_advance() {
    let accepted = after(AidType::Expense, &[(caseworker(), Action::Accept)]);
    assert_eq!(
        try_action(&accepted, &caseworker(), Action::PayAdvance { amount: yuan(100) }),
        Err(Refusal::AdvanceOnlyForEmergencies)
    );
}

#[test]
fn payment_records_the_balance_after_the_advance() {
    let mut case = after(
        AidType::Emergency,
        &[
            (caseworker(), Action::Accept),
            (caseworker(), Action::PayAdvance { amount: yuan(300) }),
            (caseworker(), Action::Investigate),
            (
                caseworker(),
                Action::Recommend {
                    amount: yuan(1000),
                    reason: String::new(),
                },
            ),
            (head(), Action::Approve { amount: yuan(1000) }),
        ],
    );
    let paid = decide(&case, &caseworker(), &Action::Pay, &limits(AidType::Emergency)).unwrap();
    assert_eq!(paid.event.detail["balance_fen"], 70000);
    case = paid.case;
    assert_eq!(case.status, Status::Paid);
}

#[test]
fn a_rejection_needs_a_reason_and_a_document_request_needs_to_say_what() {
    let case = investigating(AidType::Emergency);
    assert_eq!(
        try_action(&case, &head(), Action::Reject { reason: "  ".into() }),
        Err(Refusal::ReasonRequired)
    );
    assert_eq!(
        try_action(
            &case,
            &caseworker(),
            Action::RequestDocuments {
                kinds: Vec::new(),
                what: String::new(),
            }
        ),
        Err(Refusal::WhatRequired)
    );
}

#[test]
fn a_document_sent_while_the_town_waits_resumes_the_investigation() {
    assert_eq!(
        on_documents_received(Status::WaitingForDocuments),
        Some((Status::Investigating, DeadlineChange::Resume))
    );
    assert_eq!(on_documents_received(Status::Investigating), None);
}

// Random sequences of actions by every kind of staff never break the binding rules.

fn everyone() -> Vec<Staff> {
    vec![
        caseworker(),
        head(),
        staff("head2", Role::Head, Some(TOWN)),
        staff("c2", Role::Caseworker, Some(OTHER_TOWN)),
        reviewer(),
        approver(),
        administrator(),
    ]
}

fn any_action() -> impl Strategy<Value = Action> {
    // Amounts up to 4 × the largest ceiling, so that every tier and the ceiling are crossed.
    let amount = (0i64..=4 * 19_656 * 100).prop_map(Money::from_fen);
    prop_oneof![
        Just(Action::Accept),
        Just(Action::Investigate),
        Just(Action::RequestDocuments {
            kinds: Vec::new(),
            what: "病历".into(),
        }),
        Just(Action::Resume),
        amount.clone().prop_map(|amount| Action::PayAdvance { amount }),
        amount.clone().prop_map(|amount| Action::Recommend {
            amount,
            reason: "理由".into()
        }),
        Just(Action::Forward {
            reason: "超过本级权限。".into()
        }),
        amount.prop_map(|amount| Action::Approve { amount }),
        Just(Action::Reject {
            reason: "不符合条件".into()
        }),
        Just(Action::Pay),
    ]
}

/// An action of this kind with this amount (ignored by the kinds that take none).
fn action_of(kind: ActionKind, amount: Money) -> Action {
    match kind {
        ActionKind::PayAdvance => Action::PayAdvance { amount },
        ActionKind::Recommend => Action::Recommend {
            amount,
            reason: "理由".into(),
        },
        ActionKind::Approve => Action::Approve { amount },
        other => sample_action(other),
    }
}

/// One step of a random sequence: either anyone trying anything, or (nine times in ten) one of
/// the actions some page would offer, so that sequences get as far as payment.
#[derive(Clone, Debug)]
struct Step {
    anyone: prop::sample::Index,
    anything: Action,
    offered: bool,
    pick: prop::sample::Index,
    amount: Money,
}

fn any_step(ceiling: Money) -> impl Strategy<Value = Step> {
    (
        any::<prop::sample::Index>(),
        any_action(),
        prop::bool::weighted(0.9),
        any::<prop::sample::Index>(),
        // Mostly amounts a caseworker would type, around and just above the ceiling.
        (1i64..=ceiling.fen() + ceiling.fen() / 10).prop_map(Money::from_fen),
    )
        .prop_map(|(anyone, anything, offered, pick, amount)| Step {
            anyone,
            anything,
            offered,
            pick,
            amount,
        })
}

proptest! {
    #[test]
    fn random_sequences_of_actions_keep_the_binding_rules(
        emergency in any::<bool>(),
        steps in proptest::collection::vec(any_step(limits(AidType::Expense).above_cap_limit), 1..40),
    ) {
        let aid = if emergency { AidType::Emergency } else { AidType::Expense };
        let limits = limits(aid);
        let people = everyone();
        let mut case = Case::submitted(aid, TOWN);
        for step in &steps {
            let offers: Vec<(&Staff, ActionKind)> = people
                .iter()
                .flat_map(|who| available(&case, who, &limits).into_iter().map(move |k| (who, k)))
                // Refusals end a sequence: leave them to the random branch, so most go far.
                .filter(|(_, k)| *k != ActionKind::Reject)
                .collect();
            let (who, action) = if step.offered && !offers.is_empty() {
                let (who, kind) = *step.pick.get(&offers);
                (who, action_of(kind, step.amount))
            } else {
                (step.anyone.get(&people), step.anything.clone())
            };
            let before = case.clone();
            match decide(&case, who, &action, &limits) {
                Ok(t) => {
                    prop_assert!(!before.status.is_final(), "a final status changed");
                    prop_assert!(who.can_see(&before));
                    if let Action::Approve { amount } = action {
                        prop_assert!(amount <= limits.above_cap_limit);
                        prop_assert!(Some(&who.username) != before.recommended_by.as_ref());
                        prop_assert!(amount <= tier_limit(before.level, &limits));
                    }
                    if let Some(advance) = t.case.advance {
                        prop_assert!(advance <= limits.advance_limit);
                        prop_assert_eq!(aid, AidType::Emergency);
                    }
                    case = t.case;
                }
                Err(_) => prop_assert_eq!(&case, &before),
            }
            if let Some(amount) = case.approved_amount {
                prop_assert!(amount <= limits.above_cap_limit);
            }
        }
    }
}

fn schedule_after(action: Action, case: &Case, schedule: Schedule, today: &str) -> Schedule {
    let parameters = Parameters::defaults();
    let p = parameters.on("2019-08-01".parse().unwrap()).unwrap();
    let today = today.parse().unwrap();
    let who = if matches!(action, Action::Forward { .. }) {
        head()
    } else {
        caseworker()
    };
    let t = decide(case, &who, &action, &limits(case.aid_type)).unwrap();
    schedule.after(&t, today, &p, &parameters.calendar.as_of(today))
}

fn due(on: &str) -> Schedule {
    Schedule {
        due_on: on.parse().unwrap(),
        paused_on: None,
        advance_paperwork_due: None,
        documents_due_on: None,
    }
}

#[test]
fn an_emergency_case_accepted_on_a_thursday_is_due_ten_working_days_later() {
    let s = schedule_after(
        Action::Accept,
        &case_in(Status::Submitted),
        due("2019-08-02"),
        "2019-08-01",
    );
    assert_eq!(s.due_on, "2019-08-15".parse().unwrap());
}

#[test]
fn the_deadline_stands_still_while_the_town_waits_for_documents() {
    let asked = schedule_after(
        Action::RequestDocuments {
            kinds: Vec::new(),
            what: "病历".into(),
        },
        &case_in(Status::Investigating),
        due("2019-08-15"),
        "2019-08-05",
    );
    assert_eq!(asked.paused_on, Some("2019-08-05".parse().unwrap()));
    // The request has its own deadline: five working days (deadline.documents_request_working_days).
    assert_eq!(asked.documents_due_on, Some("2019-08-12".parse().unwrap()));
    // Asked again two days later: the clock still stopped on the first day, a new deadline.
    let again = schedule_after(
        Action::RequestDocuments {
            kinds: vec![DocumentKind::HouseholdRegister],
            what: String::new(),
        },
        &case_in(Status::WaitingForDocuments),
        asked,
        "2019-08-07",
    );
    assert_eq!(again.paused_on, Some("2019-08-05".parse().unwrap()));
    assert_eq!(again.documents_due_on, Some("2019-08-14".parse().unwrap()));
    // Three working days later the documents are in: the deadline moves three working days.
    let resumed = schedule_after(
        Action::Resume,
        &case_in(Status::WaitingForDocuments),
        asked,
        "2019-08-08",
    );
    assert_eq!(resumed.due_on, "2019-08-20".parse().unwrap());
    assert_eq!(resumed.paused_on, None);
    assert_eq!(resumed.documents_due_on, None);
}

#[test]
fn an_advance_paid_on_a_monday_has_its_paperwork_due_five_working_days_later() {
    let s = schedule_after(
        Action::PayAdvance { amount: yuan(500) },
        &case_in(Status::Accepted),
        due("2019-08-15"),
        "2019-08-05",
    );
    assert_eq!(s.advance_paperwork_due, Some("2019-08-12".parse().unwrap()));
    assert_eq!(s.due_on, "2019-08-15".parse().unwrap());
}

#[test]
fn a_posted_action_form_reads_as_its_action_and_a_bad_amount_is_named() {
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    };
    let form: ActionForm = crate::domain::form::decode(
        &pairs(&[
            ("csrf", "x"),
            ("version", " 3 "),
            ("action", "approve"),
            ("amount", "1,200"),
        ]),
        2000,
    )
    .unwrap();
    assert_eq!(form.version(), Some(3));
    assert_eq!(
        form.read(),
        Ok(Action::Approve {
            amount: Money::from_yuan(1200)
        })
    );
    let bad: ActionForm =
        crate::domain::form::decode(&pairs(&[("action", "approve"), ("amount", "abc")]), 2000).unwrap();
    assert!(bad.read().is_err());
    let none: ActionForm = crate::domain::form::decode(&pairs(&[("action", "dance")]), 2000).unwrap();
    assert_eq!(none.read().unwrap_err().1, "Choose an action.");
}
