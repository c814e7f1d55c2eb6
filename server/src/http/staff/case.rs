//! The case page and what staff do on it. The state machine (app::domain::review) decides
//! whether an action is allowed; this file reads the form, asks it, and stores the answer.

use super::{SignedIn, StaffPost, field, page};
use crate::db::staff::StaffSession;
use crate::http::error::HttpError;
use crate::http::render;
use crate::http::state::AppState;
use app::context::{CaseContext, Page};
use app::domain::ReferenceNumber;
use app::domain::casefile::{CaseFile, CaseView, Notice};
use app::domain::recheck::{Difference, difference};
use app::domain::review::permits;
use app::domain::review::{
    ActionForm, ActionKind, AssignForm, ContactForm, ItemForm, Refusal, Role, Schedule, Staff, available,
    decide, limits_for,
};
use app::paths;
use app::rules::{self, AnswerError, Limits};
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;

/// Loads the case within the user's scope; `record_view` logs it as a view of personal data.
async fn load(
    state: &AppState,
    session: &StaffSession,
    reference: &str,
    record_view: bool,
) -> Result<Option<CaseFile>, HttpError> {
    let Some(reference) = ReferenceNumber::parse(reference) else {
        return Ok(None);
    };
    let window = state.in_force(state.clock.today())?.repeat_window_days;
    let file = state
        .store
        .case_file(
            &session.staff.scope(),
            &reference,
            session.staff.id,
            window,
            record_view,
            state.clock.now(),
        )
        .await?;
    Ok(file)
}

/// The limits of the case's tier under the parameters in force on its application date.
fn limits(state: &AppState, file: &CaseFile) -> Result<(Limits, rules::InForce), HttpError> {
    let p = state.in_force(file.application_date())?;
    let (emergency, expense) = (Limits::emergency(&p), Limits::expense(&p));
    Ok((limits_for(&file.case, &emergency, &expense), p))
}

/// The case assessed again with the values in force today, as of its own date (issue 12's
/// re-check), when that changes what a caseworker acts on: the fresh assessment and what
/// differs. The same comparison marks the queue (crate::recheck).
fn recheck(state: &AppState, file: &CaseFile) -> Option<(serde_json::Value, Difference)> {
    if !file.case.status.is_undecided() {
        return None;
    }
    let parameters = state.parameters.current();
    let fresh = crate::recheck::reassess(&file.household, &parameters, state.clock.today()).ok()?;
    let difference = difference(&file.assessment, &fresh, file.case.aid_type)?;
    Some((serde_json::to_value(&fresh).ok()?, difference))
}

/// A staff form decoded into its struct; every field is text, so only a malformed post fails.
fn form_decode<F: serde::de::DeserializeOwned>(pairs: &[(String, String)]) -> Result<F, HttpError> {
    app::domain::form::decode(pairs, 2000).map_err(|e| {
        tracing::debug!(error = %e, "a staff form could not be read");
        HttpError::BadBody(app::i18n::staff::case::FORM_UNREADABLE.into())
    })
}

async fn render_case(
    state: &AppState,
    headers: &HeaderMap,
    session: &StaffSession,
    file: Option<CaseFile>,
    notice: Option<Notice>,
    status: StatusCode,
) -> Result<Response, HttpError> {
    let uri = match &file {
        Some(f) => paths::staff_case(&f.reference),
        None => "/staff/case/unknown".to_string(),
    };
    let view = match file {
        Some(file) => {
            let (limits, _) = limits(state, &file)?;
            let assignable = match session.staff.role {
                Role::Head => state.store.town_staff(&file.case.town).await?,
                Role::Caseworker => vec![session.staff.clone()],
                _ => vec![],
            };
            let contact = file.contact_needed(state.clock.now());
            Some(Box::new(CaseView {
                contact,
                may_record_call: may_record_call(&session.staff, &file),
                actions: available(&file.case, &session.staff, &limits),
                assignable: if session.staff.can_see(&file.case) && !file.case.status.is_final() {
                    assignable
                } else {
                    vec![]
                },
                limits,
                recheck: recheck(state, &file),
                notice,
                file,
            }))
        }
        None => None,
    };
    let found = view.is_some();
    let context = CaseContext(view);
    let mut response = page(state, headers, &uri, session, |staff| Page::Case(staff, context)).await;
    *response.status_mut() = if found { status } else { StatusCode::NOT_FOUND };
    Ok(response)
}

/// Who records a call to the applicant: the caseworkers and the head of the case's town.
fn may_record_call(me: &Staff, file: &CaseFile) -> bool {
    me.can_see(&file.case)
        && matches!(me.role, Role::Head | Role::Caseworker)
        && me.town.as_deref() == Some(file.case.town.as_str())
}

/// `POST /staff/case/{reference}/contacted` (csrf, note): a caseworker phoned the applicant
/// ("联系申请人"); the note is kept in the audit trail, never shown to the applicant.
pub async fn contacted(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(reference): Path<String>,
    StaffPost { session, form }: StaffPost,
) -> Result<Response, HttpError> {
    let form: ContactForm = form_decode(&form)?;
    let Some(file) = load(&state, &session, &reference, false).await? else {
        return render_case(&state, &headers, &session, None, None, StatusCode::NOT_FOUND).await;
    };
    if !may_record_call(&session.staff, &file) {
        let (zh, en) = Refusal::NotYourRole.message();
        let notice = Notice::Refused { zh, en, action: None };
        return render_case(
            &state,
            &headers,
            &session,
            Some(file),
            Some(notice),
            StatusCode::FORBIDDEN,
        )
        .await;
    }
    let Some(note) = form.note() else {
        let words = app::i18n::staff::case::NOTE_NEEDED;
        let notice = Notice::Refused {
            zh: words.0.into(),
            en: words.1.into(),
            action: None,
        };
        return render_case(
            &state,
            &headers,
            &session,
            Some(file),
            Some(notice),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    state
        .store
        .record_call(file.id, note, &session.staff, state.clock.now())
        .await?;
    Ok(render::see_other(&format!(
        "{}?done=contacted",
        paths::staff_case(&file.reference)
    )))
}

/// `POST /staff/case/{reference}/request-item` (csrf, item, version): the town's caseworker
/// marks an item of its document request satisfied (a paper brought to the office, say); the
/// last one sends the case back to the town's investigation, as the documents' arrival does.
pub async fn item_satisfied(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(reference): Path<String>,
    StaffPost { session, form }: StaffPost,
) -> Result<Response, HttpError> {
    let form: ItemForm = form_decode(&form)?;
    let Some(file) = load(&state, &session, &reference, false).await? else {
        return render_case(&state, &headers, &session, None, None, StatusCode::NOT_FOUND).await;
    };
    let refused = |refusal: Refusal, status: StatusCode| {
        let (zh, en) = refusal.message();
        let notice = Notice::Refused { zh, en, action: None };
        let (state, headers, session, file) = (&state, &headers, &session, file.clone());
        async move { render_case(state, headers, session, Some(file), Some(notice), status).await }
    };
    // Whoever may send the case back to the investigation may say a paper is in.
    if let Err(refusal) = permits(&file.case, &session.staff, ActionKind::Resume) {
        let status = match refusal {
            Refusal::NotNow => StatusCode::CONFLICT,
            _ => StatusCode::FORBIDDEN,
        };
        return refused(refusal, status).await;
    }
    let (Some(item), Some(version)) = (form.item(), form.version()) else {
        return refused(Refusal::NotNow, StatusCode::CONFLICT).await;
    };
    let working_days = state.parameters.current().calendar.as_of(state.clock.today());
    let done = state
        .store
        .satisfy_request_item(
            file.id,
            version,
            item,
            &session.staff,
            state.clock.now(),
            &working_days,
        )
        .await?;
    if !done {
        return refused(Refusal::NotNow, StatusCode::CONFLICT).await;
    }
    Ok(render::see_other(&format!(
        "{}?done=item_satisfied",
        paths::staff_case(&file.reference)
    )))
}

/// `GET /staff/case/{reference}`; `?done=<action>` after an action succeeded.
pub async fn show(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    headers: HeaderMap,
    Path(reference): Path<String>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, HttpError> {
    let file = load(&state, &session, &reference, true).await?;
    let done = field(&pairs, "done");
    let notice = ActionKind::parse(done)
        .map(done_message)
        .or_else(|| {
            use app::i18n::staff::case as texts;
            let words = match done {
                "contacted" => texts::DONE_CONTACTED,
                "item_satisfied" => texts::DONE_ITEM_SATISFIED,
                _ => return None,
            };
            Some((words.0.to_string(), words.1.to_string()))
        })
        .map(|(zh, en)| Notice::Done(zh, en));
    render_case(&state, &headers, &session, file, notice, StatusCode::OK).await
}

fn done_message(kind: ActionKind) -> (String, String) {
    use app::i18n::staff::case as texts;
    let text = match kind {
        ActionKind::Accept => texts::DONE_ACCEPT,
        ActionKind::Investigate => texts::DONE_INVESTIGATE,
        ActionKind::RequestDocuments => texts::DONE_REQUEST_DOCUMENTS,
        ActionKind::Resume => texts::DONE_RESUME,
        ActionKind::PayAdvance => texts::DONE_PAY_ADVANCE,
        ActionKind::Recommend => texts::DONE_RECOMMEND,
        ActionKind::Forward => texts::DONE_FORWARD,
        ActionKind::Approve => texts::DONE_APPROVE,
        ActionKind::Reject => texts::DONE_REJECT,
        ActionKind::Pay => texts::DONE_PAY,
    };
    (text.0.to_string(), text.1.to_string())
}

/// `POST /staff/case/{reference}/action` (csrf, version, action, amount | what | reason).
pub async fn act(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(reference): Path<String>,
    StaffPost { session, form }: StaffPost,
) -> Result<Response, HttpError> {
    let form: ActionForm = form_decode(&form)?;
    let Some(file) = load(&state, &session, &reference, false).await? else {
        return render_case(&state, &headers, &session, None, None, StatusCode::NOT_FOUND).await;
    };
    let (limits, in_force) = limits(&state, &file)?;
    // A refusal is shown at the form of the action posted, with the page as it was.
    let posted = form.kind();
    let refused = |(zh, en): (String, String), status: StatusCode| {
        let (state, headers, session, file) = (&state, &headers, &session, file.clone());
        let notice = Notice::Refused {
            zh,
            en,
            action: posted,
        };
        async move { render_case(state, headers, session, Some(file), Some(notice), status).await }
    };
    let action = match form.read() {
        Ok(action) => action,
        Err(message) => return refused(message, StatusCode::UNPROCESSABLE_ENTITY).await,
    };
    let transition = match decide(&file.case, &session.staff, &action, &limits) {
        Ok(t) => t,
        Err(refusal) => {
            tracing::info!(staff = session.staff.id, action = ?action.kind(), ?refusal, "action refused");
            let status = match refusal {
                Refusal::NotYourRole | Refusal::NotYourCase => StatusCode::FORBIDDEN,
                Refusal::NotNow => StatusCode::CONFLICT,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            return refused(refusal.message(), status).await;
        }
    };
    // The page the user acted on must still show the case as it is (a second tab, a double
    // click, a colleague who acted first).
    if form.version() != Some(file.version) {
        return refused(Refusal::NotNow.message(), StatusCode::CONFLICT).await;
    }
    let today = state.clock.today();
    let schedule = Schedule {
        due_on: file.due_on,
        paused_on: file.paused_on,
        advance_paperwork_due: file.advance_paperwork_due,
        documents_due_on: file.documents_due_on,
    }
    .after(
        &transition,
        today,
        &in_force,
        &state.parameters.current().calendar.as_of(today),
    );
    match state
        .store
        .record_transition(
            file.id,
            file.version,
            &transition,
            schedule,
            &session.staff,
            state.clock.now(),
        )
        .await
    {
        Ok(true) => Ok(render::see_other(&format!(
            "{}?done={}",
            paths::staff_case(&file.reference),
            action.kind().word()
        ))),
        Ok(false) => refused(Refusal::NotNow.message(), StatusCode::CONFLICT).await,
        Err(e) => Err(HttpError::unavailable(e)),
    }
}

/// `POST /staff/case/{reference}/assign` (csrf, to: a staff id, or empty for nobody). Heads
/// assign anyone of the town; caseworkers take a case themselves.
pub async fn assign(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(reference): Path<String>,
    StaffPost { session, form }: StaffPost,
) -> Result<Response, HttpError> {
    let form: AssignForm = form_decode(&form)?;
    let Some(file) = load(&state, &session, &reference, false).await? else {
        return render_case(&state, &headers, &session, None, None, StatusCode::NOT_FOUND).await;
    };
    let me = &session.staff;
    let to: Option<Staff> = match form.staff_id() {
        None => None,
        Some(id) => state
            .store
            .town_staff(&file.case.town)
            .await?
            .into_iter()
            .find(|s| s.id == id),
    };
    let allowed = me.can_see(&file.case)
        && !file.case.status.is_final()
        && match me.role {
            Role::Head => me.town.as_deref() == Some(file.case.town.as_str()),
            Role::Caseworker => to.as_ref().is_some_and(|t| t.id == me.id),
            _ => false,
        };
    if !allowed {
        return render_case(
            &state,
            &headers,
            &session,
            Some(file),
            Some({
                let (zh, en) = Refusal::NotYourRole.message();
                Notice::Refused { zh, en, action: None }
            }),
            StatusCode::FORBIDDEN,
        )
        .await;
    }
    match state
        .store
        .assign(file.id, to.as_ref(), me, state.clock.now())
        .await
    {
        Ok(()) => Ok(render::see_other(&paths::staff_case(&file.reference))),
        Err(e) => Err(HttpError::unavailable(e)),
    }
}

/// `GET /staff/documents/{id}`: a document of a case in the user's scope, shown in the page.
pub async fn document(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    SignedIn(session): SignedIn,
) -> Result<Response, HttpError> {
    let (key, content_type) = state
        .store
        .case_document(&session.staff.scope(), id, session.staff.id, state.clock.now())
        .await?
        .ok_or(HttpError::NotFound)?;
    let bytes = state.documents.get(&key).await?;
    let mut response = Response::new(Body::from(bytes));
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&content_type).unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    // A document is the resident's file, not our page: it may run nothing (a PDF can carry
    // JavaScript actions). Photos are shown in the case page; a PDF is downloaded, for the
    // desktop's reader, instead of being opened in the portal's own origin (issue 8, item 11).
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"),
    );
    let disposition = if content_type == "application/pdf" {
        format!("attachment; filename=\"document-{id}.pdf\"")
    } else {
        "inline".to_string()
    };
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}
