//! The review of an application, as a state machine the server enforces (RULES.md §4 and §6;
//! notice 四(一) and 二(八)):
//!
//! ```text
//! submitted → accepted → investigating ⇄ waiting_for_documents
//!           → recommended (town → 区民政局 → 区政府, as far as the amount needs)
//!           → approved (with the amount) | rejected (with a reason) → paid
//! withdrawn: by the applicant, at any point before the decision
//! ```
//!
//! Pure: a case, a member of staff and an action in; the case after it and the event to record
//! out, or the reason it is refused. The server stores both in one transaction.

use super::AidType;
use crate::domain::document::DocumentKind;
use crate::domain::document_request::items_asked;
use crate::domain::words::spelled;
use crate::i18n::staff::case::refusals;
use crate::rules::{Approver, InForce, Limits, Money, WorkingDays};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

spelled! {
    /// Where an application is in its review.
    #[derive(PartialOrd, Ord)]
    pub enum Status {
        Submitted = "submitted",
        Accepted = "accepted",
        Investigating = "investigating",
        WaitingForDocuments = "waiting_for_documents",
        Recommended = "recommended",
        Approved = "approved",
        Rejected = "rejected",
        Paid = "paid",
        Withdrawn = "withdrawn",
    }
}

impl Status {
    /// Nothing happens to a case after these.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Rejected | Status::Paid | Status::Withdrawn)
    }

    /// Not decided yet: the applicant may still withdraw, and a change of the parameters
    /// marks the case for a re-check (issue 12).
    pub fn is_undecided(self) -> bool {
        self.can_withdraw()
    }

    /// The applicant may withdraw until the decision (RULES.md §6).
    pub fn can_withdraw(self) -> bool {
        matches!(
            self,
            Status::Submitted
                | Status::Accepted
                | Status::Investigating
                | Status::WaitingForDocuments
                | Status::Recommended
        )
    }

    /// The deadline runs in these; it pauses while the town waits for the applicant's
    /// documents, and there is none once the case is decided.
    pub fn deadline_runs(self) -> bool {
        matches!(
            self,
            Status::Submitted | Status::Accepted | Status::Investigating | Status::Recommended
        )
    }
}

spelled! {
    /// Where a recommended case sits: with the town, the district civil-affairs bureau (区民政局) or
    /// the district government (区政府). A case climbs as far as its amount needs (§4).
    #[derive(PartialOrd, Ord)]
    pub enum Level {
        Town = "town",
        Bureau = "bureau",
        Government = "government",
    }
}

impl Level {
    fn of(approver: Approver) -> Level {
        match approver {
            Approver::Town => Level::Town,
            Approver::DistrictCivilAffairs => Level::Bureau,
            Approver::DistrictGovernment => Level::Government,
        }
    }

    fn above(self) -> Option<Level> {
        match self {
            Level::Town => Some(Level::Bureau),
            Level::Bureau => Some(Level::Government),
            Level::Government => None,
        }
    }
}

spelled! {
    /// What a staff account may do (issue 3).
    pub enum Role {
        /// 经办人: receives and investigates the cases of one town.
        Caseworker = "caseworker",
        /// 负责人: a caseworker who also decides the town's amounts and refusals.
        Head = "head",
        /// 区民政局: approves up to the cap, in every town.
        Reviewer = "reviewer",
        /// 区政府: approves above the cap, never above 3 × the cap, in every town.
        Approver = "approver",
        /// Accounts and the parameter view; no case data.
        Administrator = "administrator",
    }
}

impl Role {
    /// Caseworkers and heads belong to one town; the others to the district.
    pub fn belongs_to_a_town(self) -> bool {
        matches!(self, Role::Caseworker | Role::Head)
    }
}

/// The member of staff acting, as the session established it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staff {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// Set for caseworkers and heads only.
    pub town: Option<String>,
}

/// Which cases a member of staff may see. Every staff query is filtered by it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every case of this town.
    Town(String),
    /// The cases of every town that reached this level.
    District(Level),
    /// No case at all (the administrator).
    Nothing,
}

impl Staff {
    pub fn scope(&self) -> Scope {
        match (self.role, &self.town) {
            (Role::Caseworker | Role::Head, Some(town)) => Scope::Town(town.clone()),
            (Role::Reviewer, _) => Scope::District(Level::Bureau),
            (Role::Approver, _) => Scope::District(Level::Government),
            _ => Scope::Nothing,
        }
    }

    /// Whether this case is within the staff member's scope.
    pub fn can_see(&self, case: &Case) -> bool {
        match self.scope() {
            Scope::Town(town) => case.town == town,
            Scope::District(level) => case.level >= level,
            Scope::Nothing => false,
        }
    }

    fn works_in_town_of(&self, case: &Case) -> bool {
        self.role.belongs_to_a_town() && self.town.as_deref() == Some(case.town.as_str())
    }

    /// Whether the case, at the level where it sits, is this member of staff's to decide.
    fn holds(&self, case: &Case) -> bool {
        match case.level {
            Level::Town => self.role == Role::Head && self.works_in_town_of(case),
            Level::Bureau => self.role == Role::Reviewer,
            Level::Government => self.role == Role::Approver,
        }
    }
}

/// What the state machine needs to know of a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub status: Status,
    pub aid_type: AidType,
    pub town: String,
    pub level: Level,
    pub recommended_amount: Option<Money>,
    /// The username of whoever recommended it, who may not approve it.
    pub recommended_by: Option<String>,
    pub advance: Option<Money>,
    pub approved_amount: Option<Money>,
}

impl Case {
    /// A case as the applicant submitted it.
    pub fn submitted(aid_type: AidType, town: &str) -> Case {
        Case {
            status: Status::Submitted,
            aid_type,
            town: town.to_string(),
            level: Level::Town,
            recommended_amount: None,
            recommended_by: None,
            advance: None,
            approved_amount: None,
        }
    }
}

/// What staff can do to a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// 受理.
    Accept,
    Investigate,
    /// Ask the applicant for documents: the kinds of paper ticked and, in words, anything
    /// else; each is an item of the request (domain::document_request), shown to them on the
    /// tracking page as received or still missing. Made while the town already waits, it adds
    /// its items to the open request (or asks again for one already received).
    RequestDocuments {
        #[serde(default)]
        kinds: Vec<DocumentKind>,
        #[serde(default)]
        what: String,
    },
    /// The documents arrived (or the request is dropped): the investigation goes on.
    Resume,
    /// 先行救助 on an emergency case, right after acceptance.
    PayAdvance {
        amount: Money,
    },
    /// The town's recommendation, with its reasons in writing for the tier that decides
    /// (issue 24, item 15): required above the cap, where the district decides.
    Recommend {
        amount: Money,
        #[serde(default)]
        reason: String,
    },
    /// Send a recommended case to the next tier, when its amount is above this one's; always
    /// with a written reason, which the next tier reads (issue 24, item 15).
    Forward {
        #[serde(default)]
        reason: String,
    },
    Approve {
        amount: Money,
    },
    /// The reason is shown to the applicant.
    Reject {
        reason: String,
    },
    Pay,
}

spelled! {
    /// The kinds of action, for listing what a page may offer.
    pub enum ActionKind {
        Accept = "accept",
        Investigate = "investigate",
        RequestDocuments = "request_documents",
        Resume = "resume",
        PayAdvance = "pay_advance",
        Recommend = "recommend",
        Forward = "forward",
        Approve = "approve",
        Reject = "reject",
        Pay = "pay",
    }
}

/// The form of a staff action on the case page, as posted: `action` names it, `version` is the
/// case's version the page showed, and the action's own field (`amount`, `what`, `reason`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ActionForm {
    pub action: String,
    pub version: String,
    pub amount: String,
    pub what: String,
    /// The kinds of document asked for, one tick-box each (`kinds.id_card=on`).
    pub kinds: std::collections::BTreeMap<String, String>,
    pub reason: String,
}

/// The longest request for documents or reason for a refusal kept.
const MAX_NOTE: usize = 500;

impl ActionForm {
    /// The kind of action posted, if it is one.
    pub fn kind(&self) -> Option<ActionKind> {
        ActionKind::parse(self.action.trim())
    }

    /// The version of the case the page showed.
    pub fn version(&self) -> Option<i64> {
        self.version.trim().parse().ok()
    }

    /// The action; an amount that is not an amount is refused with words for the form.
    pub fn read(&self) -> Result<Action, (String, String)> {
        let kind = self.kind().ok_or_else(|| refusals::CHOOSE_AN_ACTION.pair())?;
        let amount = || -> Result<Money, (String, String)> {
            match Money::parse_typed(&self.amount) {
                Ok(Some(m)) => Ok(m),
                Ok(None) => Err(refusals::AMOUNT_MISSING.pair()),
                Err(e) => Err(crate::rules::AnswerError::message(&e)),
            }
        };
        let note = |text: &str| text.trim().chars().take(MAX_NOTE).collect::<String>();
        Ok(match kind {
            ActionKind::Accept => Action::Accept,
            ActionKind::Investigate => Action::Investigate,
            ActionKind::RequestDocuments => Action::RequestDocuments {
                kinds: DocumentKind::ALL
                    .into_iter()
                    .filter(|k| self.kinds.contains_key(k.word()))
                    .collect(),
                what: note(&self.what),
            },
            ActionKind::Resume => Action::Resume,
            ActionKind::PayAdvance => Action::PayAdvance { amount: amount()? },
            ActionKind::Recommend => Action::Recommend {
                amount: amount()?,
                reason: note(&self.reason),
            },
            ActionKind::Forward => Action::Forward {
                reason: note(&self.reason),
            },
            ActionKind::Approve => Action::Approve { amount: amount()? },
            ActionKind::Reject => Action::Reject {
                reason: note(&self.reason),
            },
            ActionKind::Pay => Action::Pay,
        })
    }
}

/// The form that assigns a case: a member of staff's id, or empty for nobody.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct AssignForm {
    pub to: String,
}

/// The form that marks an item of the town's document request satisfied: the item and the
/// case's version the page showed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ItemForm {
    pub item: String,
    pub version: String,
}

impl ItemForm {
    pub fn item(&self) -> Option<i64> {
        self.item.trim().parse().ok()
    }

    pub fn version(&self) -> Option<i64> {
        self.version.trim().parse().ok()
    }
}

/// The form that records a call to the applicant: what was said.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ContactForm {
    pub note: String,
}

impl ContactForm {
    /// The longest note of a call kept.
    pub const MAX_NOTE: usize = 500;

    /// The note, trimmed; None when it is empty or too long (the page then says so).
    pub fn note(&self) -> Option<&str> {
        let note = self.note.trim();
        (!note.is_empty() && note.chars().count() <= Self::MAX_NOTE).then_some(note)
    }
}

impl AssignForm {
    pub fn staff_id(&self) -> Option<i64> {
        self.to.trim().parse().ok()
    }
}

impl Action {
    pub fn kind(&self) -> ActionKind {
        match self {
            Action::Accept => ActionKind::Accept,
            Action::Investigate => ActionKind::Investigate,
            Action::RequestDocuments { .. } => ActionKind::RequestDocuments,
            Action::Resume => ActionKind::Resume,
            Action::PayAdvance { .. } => ActionKind::PayAdvance,
            Action::Recommend { .. } => ActionKind::Recommend,
            Action::Forward { .. } => ActionKind::Forward,
            Action::Approve { .. } => ActionKind::Approve,
            Action::Reject { .. } => ActionKind::Reject,
            Action::Pay => ActionKind::Pay,
        }
    }
}

/// Why an action is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The case is outside the staff member's town or tier: answered as "not found".
    NotYourCase,
    /// The role may not do this, or not at the level where the case sits.
    NotYourRole,
    /// The case's status does not allow it.
    NotNow,
    AdvanceOnlyForEmergencies,
    AdvanceAlreadyPaid,
    AmountNotPositive,
    /// Above what the tier holding the case may approve.
    AboveYourTier(Money),
    /// Above 3 × the cap (二(八)): nobody may approve it.
    AboveCeiling(Money),
    AboveAdvanceLimit(Money),
    /// The recommender may not approve the same case.
    RecommenderMayNotApprove,
    /// The amount needs no higher tier: decide it here.
    NoHigherTierNeeded,
    ReasonRequired,
    WhatRequired,
    /// A recommendation above the cap, or a referral upwards, without its written reason.
    WrittenReasonRequired,
}

impl crate::rules::AnswerError for Refusal {
    /// What staff read (Chinese, English).
    fn message(&self) -> (String, String) {
        match self {
            Refusal::NotYourCase => refusals::NOT_YOUR_CASE.pair(),
            Refusal::NotYourRole => refusals::NOT_YOUR_ROLE.pair(),
            Refusal::NotNow => refusals::NOT_NOW.pair(),
            Refusal::AdvanceOnlyForEmergencies => refusals::ADVANCE_ONLY_FOR_EMERGENCIES.pair(),
            Refusal::AdvanceAlreadyPaid => refusals::ADVANCE_ALREADY_PAID.pair(),
            Refusal::AmountNotPositive => refusals::AMOUNT_NOT_POSITIVE.pair(),
            Refusal::AboveYourTier(limit) => refusals::above_your_tier(limit).pair(),
            Refusal::AboveCeiling(limit) => refusals::above_ceiling(limit).pair(),
            Refusal::AboveAdvanceLimit(limit) => refusals::above_advance_limit(limit).pair(),
            Refusal::RecommenderMayNotApprove => refusals::RECOMMENDER_MAY_NOT_APPROVE.pair(),
            Refusal::NoHigherTierNeeded => refusals::NO_HIGHER_TIER_NEEDED.pair(),
            Refusal::ReasonRequired => refusals::REASON_REQUIRED.pair(),
            Refusal::WhatRequired => refusals::WHAT_REQUIRED.pair(),
            Refusal::WrittenReasonRequired => refusals::WRITTEN_REASON_REQUIRED.pair(),
        }
    }
}

/// What happens to the case's deadline (RULES.md §7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeadlineChange {
    Keep,
    /// Review by the town, `deadline.town_review_working_days` from today (an emergency case
    /// once accepted).
    TownReview,
    /// Approval by the district, `deadline.district_approval_working_days` from today.
    DistrictApproval,
    /// The clock stops while the applicant gathers documents…
    Pause,
    /// …and starts again, the deadline moved by the working days it stood still.
    Resume,
    /// Decided: no deadline any more.
    Stop,
}

spelled! {
    /// What happened to a case: one row of its timeline and audit trail.
    pub enum CaseEvent {
        Submitted = "submitted",
        Withdrawn = "withdrawn",
        /// The applicant sent a document after submitting.
        DocumentAdded = "document_added",
        Accepted = "accepted",
        InvestigationStarted = "investigation_started",
        DocumentsRequested = "documents_requested",
        InvestigationResumed = "investigation_resumed",
        AdvancePaid = "advance_paid",
        Recommended = "recommended",
        Forwarded = "forwarded",
        Approved = "approved",
        Rejected = "rejected",
        Paid = "paid",
        /// Who works on the case: the town's business, not the applicant's timeline.
        Assigned = "assigned",
        /// A caseworker phoned the applicant (a text failed, or was not delivered in a day),
        /// with a note of the call: it takes "联系申请人" off the case.
        ApplicantContacted = "applicant_contacted",
        /// A caseworker marked an item of a document request satisfied (a paper brought to the
        /// office, say): the town's record; the tracking page shows the item as in.
        RequestItemSatisfied = "request_item_satisfied",
    }
}

/// The event to append to the case's timeline and audit trail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Shown to the applicant in plain words.
    pub kind: CaseEvent,
    /// What changed, as JSON: amounts in fen, the reason, what was asked for.
    pub detail: serde_json::Value,
}

/// The outcome of an allowed action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transition {
    pub case: Case,
    pub event: Event,
    pub deadline: DeadlineChange,
}

/// The limits that apply to this case's aid type.
pub fn limits_for(case: &Case, emergency: &Limits, expense: &Limits) -> Limits {
    match case.aid_type {
        AidType::Emergency => *emergency,
        AidType::Expense => *expense,
    }
}

/// Whether `staff` may take an action of this kind on `case` now, before its input is read.
/// Pages offer exactly the kinds this allows.
pub fn permits(case: &Case, staff: &Staff, kind: ActionKind) -> Result<(), Refusal> {
    use ActionKind as K;
    if !staff.can_see(case) {
        return Err(Refusal::NotYourCase);
    }
    let town_staff = staff.works_in_town_of(case);
    let status_ok = match kind {
        K::Accept => case.status == Status::Submitted,
        K::Investigate => case.status == Status::Accepted,
        K::RequestDocuments => matches!(
            case.status,
            Status::Accepted | Status::Investigating | Status::WaitingForDocuments
        ),
        K::Resume => case.status == Status::WaitingForDocuments,
        K::PayAdvance => matches!(
            case.status,
            Status::Accepted | Status::Investigating | Status::WaitingForDocuments
        ),
        K::Recommend => case.status == Status::Investigating,
        K::Forward | K::Approve => case.status == Status::Recommended,
        // Any time before the decision.
        K::Reject => case.status.can_withdraw(),
        K::Pay => case.status == Status::Approved,
    };
    let role_ok = match kind {
        K::Accept | K::Investigate | K::RequestDocuments | K::Resume | K::PayAdvance | K::Recommend => {
            town_staff
        }
        K::Pay => town_staff,
        K::Forward | K::Approve => staff.holds(case),
        // Before a recommendation only the town's head may refuse; after it, whoever holds it.
        K::Reject if case.status == Status::Recommended => staff.holds(case),
        K::Reject => town_staff && staff.role == Role::Head,
    };
    if !role_ok {
        return Err(Refusal::NotYourRole);
    }
    if !status_ok {
        return Err(Refusal::NotNow);
    }
    if kind == K::PayAdvance {
        if case.aid_type != AidType::Emergency {
            return Err(Refusal::AdvanceOnlyForEmergencies);
        }
        if case.advance.is_some() {
            return Err(Refusal::AdvanceAlreadyPaid);
        }
    }
    if kind == K::Approve && case.recommended_by.as_deref() == Some(staff.username.as_str()) {
        return Err(Refusal::RecommenderMayNotApprove);
    }
    Ok(())
}

/// The kinds of action `staff` may take on `case` now.
/// Forward is offered only when the recommended amount needs a higher tier.
pub fn available(case: &Case, staff: &Staff, limits: &Limits) -> Vec<ActionKind> {
    ActionKind::ALL
        .into_iter()
        .filter(|k| permits(case, staff, *k).is_ok())
        .filter(|k| *k != ActionKind::Forward || needs_higher_tier(case, limits))
        .collect()
}

fn needs_higher_tier(case: &Case, limits: &Limits) -> bool {
    case.recommended_amount
        .and_then(|amount| required_level(amount, limits).ok())
        .is_some_and(|needed| needed > case.level)
}

fn positive(amount: Money) -> Result<Money, Refusal> {
    if amount.is_positive() {
        Ok(amount)
    } else {
        Err(Refusal::AmountNotPositive)
    }
}

fn required_level(amount: Money, limits: &Limits) -> Result<Level, Refusal> {
    limits
        .approver(amount)
        .map(Level::of)
        .ok_or(Refusal::AboveCeiling(limits.above_cap_limit))
}

fn tier_limit(level: Level, limits: &Limits) -> Money {
    match level {
        Level::Town => limits.town_limit,
        Level::Bureau => limits.cap,
        Level::Government => limits.above_cap_limit,
    }
}

/// Decides an action: the case after it, the event to record and what happens to the deadline;
/// or why it is refused. `limits` are those of the case's aid type on its application date.
pub fn decide(case: &Case, staff: &Staff, action: &Action, limits: &Limits) -> Result<Transition, Refusal> {
    permits(case, staff, action.kind())?;
    let mut next = case.clone();
    let (kind, detail, deadline) = match action {
        Action::Accept => {
            next.status = Status::Accepted;
            let deadline = match case.aid_type {
                AidType::Emergency => DeadlineChange::TownReview,
                AidType::Expense => DeadlineChange::Keep,
            };
            (CaseEvent::Accepted, serde_json::json!({}), deadline)
        }
        Action::Investigate => {
            next.status = Status::Investigating;
            (
                CaseEvent::InvestigationStarted,
                serde_json::json!({}),
                DeadlineChange::Keep,
            )
        }
        Action::RequestDocuments { kinds, what } => {
            let items = items_asked(kinds, what);
            if items.is_empty() {
                return Err(Refusal::WhatRequired);
            }
            next.status = Status::WaitingForDocuments;
            // The items as the server stores them; the request's deadline is added there.
            let kinds: Vec<&str> = items
                .iter()
                .filter_map(|(k, _)| k.map(DocumentKind::word))
                .collect();
            let mut detail = serde_json::json!({ "kinds": kinds });
            if let Some(what) = items.iter().find_map(|(_, w)| w.as_deref()) {
                detail["what"] = what.into();
            }
            (CaseEvent::DocumentsRequested, detail, DeadlineChange::Pause)
        }
        Action::Resume => {
            next.status = Status::Investigating;
            (
                CaseEvent::InvestigationResumed,
                serde_json::json!({}),
                DeadlineChange::Resume,
            )
        }
        Action::PayAdvance { amount } => {
            let amount = positive(*amount)?;
            if amount > limits.advance_limit {
                return Err(Refusal::AboveAdvanceLimit(limits.advance_limit));
            }
            next.advance = Some(amount);
            (
                CaseEvent::AdvancePaid,
                serde_json::json!({ "amount_fen": amount.fen() }),
                DeadlineChange::Keep,
            )
        }
        Action::Recommend { amount, reason } => {
            let amount = positive(*amount)?;
            let level = required_level(amount, limits)?;
            let reason = reason.trim();
            // Above the cap the district government decides on the town's word: it must be
            // written (issue 24, item 15).
            if amount > limits.cap && reason.is_empty() {
                return Err(Refusal::WrittenReasonRequired);
            }
            next.status = Status::Recommended;
            next.level = Level::Town;
            next.recommended_amount = Some(amount);
            next.recommended_by = Some(staff.username.clone());
            let mut detail = serde_json::json!({ "amount_fen": amount.fen(), "approver": level.word() });
            if !reason.is_empty() {
                detail["reason"] = reason.into();
            }
            (CaseEvent::Recommended, detail, DeadlineChange::Keep)
        }
        Action::Forward { reason } => {
            let amount = case.recommended_amount.ok_or(Refusal::NotNow)?;
            let needed = required_level(amount, limits)?;
            let to = case.level.above().ok_or(Refusal::NotYourRole)?;
            if needed <= case.level {
                return Err(Refusal::NoHigherTierNeeded);
            }
            let reason = reason.trim();
            if reason.is_empty() {
                return Err(Refusal::WrittenReasonRequired);
            }
            next.level = to;
            (
                CaseEvent::Forwarded,
                serde_json::json!({ "to": to.word(), "amount_fen": amount.fen(), "reason": reason }),
                DeadlineChange::DistrictApproval,
            )
        }
        Action::Approve { amount } => {
            let amount = positive(*amount)?;
            let needed = required_level(amount, limits)?;
            if needed > case.level {
                return Err(Refusal::AboveYourTier(tier_limit(case.level, limits)));
            }
            next.status = Status::Approved;
            next.approved_amount = Some(amount);
            (
                CaseEvent::Approved,
                serde_json::json!({ "amount_fen": amount.fen(), "by": case.level.word() }),
                DeadlineChange::Stop,
            )
        }
        Action::Reject { reason } => {
            let reason = reason.trim();
            if reason.is_empty() {
                return Err(Refusal::ReasonRequired);
            }
            next.status = Status::Rejected;
            (
                CaseEvent::Rejected,
                serde_json::json!({ "reason": reason, "by": case.level.word() }),
                DeadlineChange::Stop,
            )
        }
        Action::Pay => {
            let approved = case.approved_amount.ok_or(Refusal::NotNow)?;
            next.status = Status::Paid;
            let advance = case.advance.unwrap_or(Money::ZERO);
            (
                CaseEvent::Paid,
                serde_json::json!({
                    "amount_fen": approved.fen(),
                    "advance_fen": advance.fen(),
                    "balance_fen": approved.saturating_minus(advance).fen(),
                }),
                DeadlineChange::Stop,
            )
        }
    };
    Ok(Transition {
        case: next,
        event: Event { kind, detail },
        deadline,
    })
}

/// A case's deadlines: when the town (or the district) should act, the day the clock stopped
/// while waiting for documents, and when the paperwork of an advance is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub due_on: NaiveDate,
    pub paused_on: Option<NaiveDate>,
    pub advance_paperwork_due: Option<NaiveDate>,
    /// While the town waits for documents: the day its request is due (issue 24, item 3).
    pub documents_due_on: Option<NaiveDate>,
}

impl Schedule {
    /// The clock starts again: the deadline moves by the working days it stood still.
    pub fn resumed(self, today: NaiveDate, days: &WorkingDays) -> Schedule {
        let mut next = self;
        if let Some(since) = self.paused_on {
            next.due_on = days.add(self.due_on, days.between(since, today));
        }
        next.paused_on = None;
        next.documents_due_on = None;
        next
    }

    /// The deadlines after a transition made `today`, with the parameters of the case's
    /// application date (RULES.md §6, §7), in working days as known today.
    pub fn after(
        self,
        transition: &Transition,
        today: NaiveDate,
        p: &InForce,
        days: &WorkingDays,
    ) -> Schedule {
        let mut next = self;
        match transition.deadline {
            DeadlineChange::Keep => {}
            DeadlineChange::Stop => next.documents_due_on = None,
            DeadlineChange::TownReview => next.due_on = days.add(today, p.deadline_town_review_working_days),
            DeadlineChange::DistrictApproval => {
                next.due_on = days.add(today, p.deadline_district_approval_working_days)
            }
            // A second request while the clock stands still keeps the day it stopped; the
            // request's own deadline is counted from today.
            DeadlineChange::Pause => {
                next.paused_on = self.paused_on.or(Some(today));
                next.documents_due_on = Some(days.add(today, p.deadline_documents_request_working_days));
            }
            DeadlineChange::Resume => next = self.resumed(today, days),
        }
        if transition.event.kind == CaseEvent::AdvancePaid {
            next.advance_paperwork_due = Some(days.add(today, p.deadline_advance_paperwork_working_days));
        }
        next
    }
}

/// When the applicant sends a document while the town waits for one, the investigation goes on
/// by itself: the applicant has done what was asked, and the clock starts again.
pub fn on_documents_received(status: Status) -> Option<(Status, DeadlineChange)> {
    (status == Status::WaitingForDocuments).then_some((Status::Investigating, DeadlineChange::Resume))
}

#[cfg(test)]
mod tests;
