//! Changes to the parameters, four eyes (issue 12): an administrator proposes a dated entry;
//! another administrator approves it (the next revision of the set, in force on every process
//! without a restart) or rejects it with a reason. The proposals are the audit: who, what, when.

use super::{AdminPost, Administrator, StaffPost, field, page};
use crate::db::staff::StaffSession;
use crate::http::error::HttpError;
use crate::http::state::AppState;
use crate::parameters::ApprovalError;
use app::context::{AdminContext, ContactForm, DutyForm, Page};
use app::domain::message_kind::{MessageKind, is_template_code};
use app::domain::proposals::{FormProblem, ProposalForm, dates_typed};
use app::i18n::Words;
use app::i18n::staff::admin as texts;
use app::paths;
use app::rules::{CALENDAR_PREFIX, Change, Money, ValueKind, day::parse_ymd, kind_of};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;

/// How many decided proposals the page lists under the pending ones.
const DECIDED_SHOWN: i64 = 50;

/// The admin page, with a message (why a decision was refused) or the proposal form as posted
/// with its problem at the field.
async fn admin_page(
    state: &AppState,
    headers: &HeaderMap,
    session: &StaffSession,
    message: Option<(String, String)>,
    proposal_form: ProposalForm,
    status: StatusCode,
) -> Result<Response, HttpError> {
    let forms = AdminForms {
        proposal: proposal_form,
        ..AdminForms::default()
    };
    admin_page_with(state, headers, session, message, forms, status).await
}

/// The admin page's forms as posted: the one sent comes back with its problem, the others empty.
#[derive(Default)]
pub(super) struct AdminForms {
    pub proposal: ProposalForm,
    pub duty: DutyForm,
    pub contact: ContactForm,
}

/// The admin page with its forms as posted.
pub(super) async fn admin_page_with(
    state: &AppState,
    headers: &HeaderMap,
    session: &StaffSession,
    message: Option<(String, String)>,
    forms: AdminForms,
    status: StatusCode,
) -> Result<Response, HttpError> {
    let accounts = state.store.all_staff().await?;
    let proposals = state.parameters.store().proposals(DECIDED_SHOWN).await?;
    let duty_phones = super::duty::offices_with_phones(state).await?;
    let set: std::collections::HashMap<MessageKind, String> =
        state.store.template_codes().await?.into_iter().collect();
    let template_codes = MessageKind::ALL
        .into_iter()
        .map(|kind| (kind, set.get(&kind).cloned()))
        .collect();
    let mut contacts = state.store.town_contacts().await?;
    let town_contacts = state
        .store
        .towns()
        .await?
        .into_iter()
        .map(|town| {
            let contact = contacts
                .iter()
                .position(|c| c.town == town)
                .map(|i| contacts.swap_remove(i));
            (town, contact)
        })
        .collect();
    let context = AdminContext {
        accounts,
        proposals,
        proposal_form: forms.proposal,
        message,
        duty_phones,
        duty_form: forms.duty,
        template_codes,
        town_contacts,
        contact_form: forms.contact,
    };
    let mut response = page(state, headers, paths::STAFF_ADMIN, session, |staff| {
        Page::Admin(staff, Box::new(context))
    })
    .await;
    *response.status_mut() = status;
    Ok(response)
}

/// After a proposal or a decision: the page again, at its list (post, redirect, get).
fn back_to_proposals() -> Response {
    let to = format!("{}#proposals", paths::STAFF_ADMIN);
    (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response()
}

fn problem(field: &'static str, words: impl Into<Words>) -> FormProblem {
    let Words { zh, en } = words.into();
    FormProblem { field, zh, en }
}

/// The proposal form as posted, every answer kept.
fn posted(form: &[(String, String)]) -> ProposalForm {
    ProposalForm {
        key: field(form, "key").trim().to_string(),
        value: field(form, "value").trim().to_string(),
        from: field(form, "from").trim().to_string(),
        source: field(form, "source").trim().to_string(),
        verified: matches!(field(form, "verified"), "on" | "1"),
        holidays: field(form, "holidays").trim().to_string(),
        workdays: field(form, "workdays").trim().to_string(),
        problem: None,
    }
}

/// A calendar year's days, as `Change::value` holds them.
fn calendar_days(form: &ProposalForm) -> Result<serde_json::Value, FormProblem> {
    let read = |field: &'static str, text: &str| {
        dates_typed(text).map_err(|bad| problem(field, texts::not_a_date(&bad)))
    };
    let holidays = read("holidays", &form.holidays)?;
    let workdays = read("workdays", &form.workdays)?;
    let text = |days: Vec<NaiveDate>| days.iter().map(|d| d.to_string()).collect::<Vec<_>>();
    Ok(serde_json::json!({ "holidays": text(holidays), "workdays": text(workdays) }))
}

/// The new value as typed, read as its key holds it: money, a whole number, or a calendar
/// year's days.
fn value_of(form: &ProposalForm) -> Result<serde_json::Value, FormProblem> {
    if form.key.starts_with(CALENDAR_PREFIX) {
        return calendar_days(form);
    }
    if MessageKind::of_template_key(&form.key).is_some() {
        return match is_template_code(&form.value) {
            true => Ok(serde_json::Value::from(form.value.as_str())),
            false => Err(problem("value", texts::ENTER_A_TEMPLATE_CODE)),
        };
    }
    let kind = kind_of(&form.key).ok_or_else(|| problem("key", texts::CHOOSE_A_PARAMETER))?;
    match kind {
        ValueKind::Money => match Money::parse_typed(&form.value) {
            Ok(Some(money)) if money.is_positive() => Ok(serde_json::to_value(money).unwrap_or_default()),
            _ => Err(problem("value", texts::ENTER_AN_AMOUNT)),
        },
        ValueKind::Count => form
            .value
            .parse::<i64>()
            .map(serde_json::Value::from)
            .map_err(|_| problem("value", texts::ENTER_A_WHOLE_NUMBER)),
    }
}

/// Reads the proposal form: a key of the rules (or a calendar year), its value, a date, a
/// source. A template code needs no date: it is in force from its approval (`today` stands).
fn read_change(form: &ProposalForm, today: NaiveDate) -> Result<Change, FormProblem> {
    let value = value_of(form)?;
    let from = match MessageKind::of_template_key(&form.key) {
        Some(_) => today,
        None => parse_ymd(&form.from).ok_or_else(|| problem("from", texts::ENTER_A_DATE))?,
    };
    if form.source.is_empty() {
        return Err(problem("source", texts::NAME_THE_SOURCE));
    }
    Ok(Change {
        key: form.key.clone(),
        from,
        value,
        verified: form.verified,
        source: form.source.clone(),
    })
}

/// `POST /staff/admin/proposals`: an administrator proposes a dated entry. It is checked
/// against the set in force first, so that an approval cannot fail on what the form could say.
pub async fn propose(
    State(state): State<AppState>,
    headers: HeaderMap,
    AdminPost(StaffPost { session, form }): AdminPost,
) -> Result<Response, HttpError> {
    let mut form = posted(&form);
    let checked = read_change(&form, state.clock.today()).and_then(|change| {
        // A template code is not part of the set: there is nothing of it to check there.
        if MessageKind::of_template_key(&change.key).is_some() {
            return Ok(change);
        }
        match state.parameters.current().with_change(&change, "check") {
            Ok(_) => Ok(change),
            Err(e) => Err(problem(
                if change.key.starts_with(CALENDAR_PREFIX) {
                    "holidays"
                } else {
                    "value"
                },
                texts::would_break_the_set(e),
            )),
        }
    });
    let change = match checked {
        Ok(change) => change,
        Err(why) => {
            form.problem = Some(why);
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return admin_page(&state, &headers, &session, None, form, status).await;
        }
    };
    let id = state
        .parameters
        .store()
        .propose_parameter(&change, session.staff.id, state.clock.now())
        .await?;
    tracing::info!(staff = session.staff.id, proposal = id, key = %change.key, from = %change.from, "parameter change proposed");
    Ok(back_to_proposals())
}

/// `POST /staff/admin/proposals/{id}/decision`: another administrator approves or rejects.
pub async fn decide(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    AdminPost(StaffPost { session, form }): AdminPost,
) -> Result<Response, HttpError> {
    let me = &session.staff;
    let store = &state.parameters;
    let Some(proposal) = store.store().proposal(id).await? else {
        return Err(HttpError::NotFound);
    };
    let refuse = async |words: Words, status| {
        let message = Some((words.zh, words.en));
        admin_page(
            &state,
            &headers,
            &session,
            message,
            ProposalForm::default(),
            status,
        )
        .await
    };
    if proposal.proposed_by == me.id {
        return refuse(texts::NOT_YOUR_OWN.into(), StatusCode::FORBIDDEN).await;
    }
    if proposal.decided.is_some() {
        return refuse(texts::DECIDED_ALREADY.into(), StatusCode::CONFLICT).await;
    }
    let now = state.clock.now();
    match field(&form, "decision") {
        "approve" => match store.approve(&proposal, me.id, now).await {
            Ok(set) => {
                tracing::info!(staff = me.id, proposal = id, version = %set.version, "parameter change approved");
                Ok(back_to_proposals())
            }
            Err(ApprovalError::AlreadyDecided) => {
                refuse(texts::DECIDED_ALREADY.into(), StatusCode::CONFLICT).await
            }
            Err(ApprovalError::Invalid(e)) => {
                refuse(texts::cannot_approve(e), StatusCode::UNPROCESSABLE_ENTITY).await
            }
            Err(ApprovalError::Backend(e)) => Err(HttpError::unavailable(e)),
        },
        "reject" => {
            let reason = field(&form, "reason").trim();
            if reason.is_empty() {
                return refuse(texts::GIVE_THE_REASON.into(), StatusCode::UNPROCESSABLE_ENTITY).await;
            }
            let done = store.store().reject_proposal(id, me.id, reason, now).await?;
            if !done {
                return refuse(texts::DECIDED_ALREADY.into(), StatusCode::CONFLICT).await;
            }
            tracing::info!(staff = me.id, proposal = id, "parameter change rejected");
            Ok(back_to_proposals())
        }
        _ => refuse(texts::APPROVE_OR_REJECT.into(), StatusCode::UNPROCESSABLE_ENTITY).await,
    }
}

/// `GET /staff/admin`: the accounts, the parameters in force with their history, and the
/// proposals; administrators only.
pub async fn show(
    State(state): State<AppState>,
    Administrator(session): Administrator,
    headers: HeaderMap,
    axum::extract::Query(pairs): axum::extract::Query<Vec<(String, String)>>,
) -> Result<Response, HttpError> {
    // After the duty numbers or a contact were saved (post, redirect, get), the page says so.
    let message = match field(&pairs, "saved") {
        "duty-phones" => Some(texts::DUTY_PHONES_SAVED),
        "town-contact" => Some(texts::TOWN_CONTACT_SAVED),
        _ => None,
    }
    .map(|saved| (saved.0.to_string(), saved.1.to_string()));
    admin_page(
        &state,
        &headers,
        &session,
        message,
        ProposalForm::default(),
        StatusCode::OK,
    )
    .await
}
