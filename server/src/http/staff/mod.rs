//! The staff side: sign-in, the queue, the case page and its actions. Every handler starts
//! from the session (no session → the sign-in page), every form post checks the session's CSRF
//! token, and every query is limited to the staff member's scope.

mod case;
mod login;
mod queue;
mod reports;

pub use super::render::field;
use super::{AppState, render};
use crate::auth;
use app::backend::staff::StaffSession;
use app::context::StaffContext;
use axum::Router;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use leptos::prelude::provide_context;
pub use queue::unavailable;

pub const SESSION_COOKIE: &str = "portal_staff";
pub const LOGIN_COOKIE: &str = "portal_staff_login";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/staff", get(queue::show))
        .route("/staff/login", get(login::show).post(login::post))
        .route("/staff/logout", post(login::logout))
        .route("/staff/logout-everywhere", post(login::logout_everywhere))
        .route("/staff/case/{reference}", get(case::show))
        .route("/staff/case/{reference}/action", post(case::act))
        .route("/staff/case/{reference}/assign", post(case::assign))
        .route("/staff/documents/{id}", get(case::document))
        .route("/staff/admin", get(queue::admin))
        .route("/staff/dashboard", get(reports::dashboard))
        .route("/staff/ledger", get(reports::ledger))
}

/// The session of this request, if it has a valid one.
pub async fn session(state: &AppState, headers: &HeaderMap) -> Option<StaffSession> {
    let token = render::cookie(headers, SESSION_COOKIE)?;
    state
        .staff
        .session(&auth::secret_hash(&token), state.clock.now())
        .await
        .ok()
        .flatten()
}

/// The session of a form post carrying the session's CSRF token; otherwise the answer to send
/// (to sign in, or refused).
pub async fn form_session(
    state: &AppState,
    headers: &HeaderMap,
    pairs: &[(String, String)],
) -> Result<StaffSession, Response> {
    let session = session(state, headers).await.ok_or_else(to_login)?;
    if csrf_ok(&session, pairs) {
        Ok(session)
    } else {
        Err(csrf_refused())
    }
}

/// The session of a member of staff who works on cases; the administrator, who has none, is
/// sent to the accounts page.
pub async fn casework_session(state: &AppState, headers: &HeaderMap) -> Result<StaffSession, Response> {
    let session = session(state, headers).await.ok_or_else(to_login)?;
    if session.staff.role == app::domain::review::Role::Administrator {
        Err(render::see_other("/staff/admin"))
    } else {
        Ok(session)
    }
}

/// Where a request without a session goes.
pub fn to_login() -> Response {
    render::see_other("/staff/login")
}

/// Whether a posted form carries the session's CSRF token.
pub fn csrf_ok(session: &StaffSession, pairs: &[(String, String)]) -> bool {
    let sent = field(pairs, "csrf");
    auth::same_secret(sent, &session.csrf_token)
}

/// A refused form post: the page was not ours, or is too old.
pub fn csrf_refused() -> Response {
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "页面已过期，请返回并刷新后再试。 The page has expired; go back, reload and try again.",
    )
        .into_response()
}

/// Behind TLS (the proxy says so), cookies are marked Secure.
fn secure(headers: &HeaderMap) -> &'static str {
    match headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()) {
        Some("https") => "; Secure",
        _ => "",
    }
}

/// A staff cookie: HttpOnly, SameSite=Strict, only sent to /staff.
pub fn cookie(headers: &HeaderMap, name: &str, value: &str, max_age_seconds: i64) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/staff; HttpOnly; SameSite=Strict; Max-Age={max_age_seconds}{}",
        secure(headers)
    ))
    .unwrap_or(HeaderValue::from_static(""))
}

/// Renders a staff page with the staff member's context; staff pages are never cached.
pub async fn page(
    state: &AppState,
    headers: &HeaderMap,
    uri: &str,
    session: &StaffSession,
    extra: impl Fn() + Clone + Send + Sync + 'static,
) -> Response {
    let context = StaffContext {
        staff: session.staff.clone(),
        csrf_token: session.csrf_token.clone(),
    };
    let mut response = render::page(state, headers, uri, move || {
        provide_context(context.clone());
        extra();
    })
    .await;
    no_store(&mut response);
    response
}

pub fn no_store(response: &mut Response) {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}
