//! The staff side: sign-in, the queue, the case page and its actions. Every handler takes the
//! session from an extractor (session.rs: no session → the sign-in page), every form post
//! checks the session's CSRF token there, and every query is limited to the staff member's
//! scope.

mod case;
mod contacts;
mod duty;
mod login;
mod parameters;
mod queue;
mod reports;
mod session;

use super::render;
pub use super::render::field;
use super::state::AppState;
use crate::db::staff::StaffSession;
use app::context::{Page, StaffContext};
use app::cookies::{SameSite, SetCookie};
use app::paths;
use axum::Router;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use axum::routing::{get, post};
pub use session::{AdminPost, Administrator, CaseStaff, SignedIn, StaffPost};

pub const SESSION_COOKIE: &str = "portal_staff";
pub const LOGIN_COOKIE: &str = "portal_staff_login";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(paths::STAFF, get(queue::show))
        .route(paths::STAFF_LOGIN, get(login::show).post(login::post))
        .route(paths::STAFF_LOGOUT, post(login::logout))
        .route(paths::STAFF_LOGOUT_EVERYWHERE, post(login::logout_everywhere))
        .route(paths::STAFF_NEXT, post(queue::take_next))
        .route(paths::STAFF_CASE, get(case::show))
        .route(paths::STAFF_CASE_ACTION, post(case::act))
        .route(paths::STAFF_CASE_ASSIGN, post(case::assign))
        .route(paths::STAFF_CASE_CONTACTED, post(case::contacted))
        .route(paths::STAFF_CASE_ITEM_SATISFIED, post(case::item_satisfied))
        .route(paths::STAFF_DOCUMENT, get(case::document))
        .route(paths::STAFF_ADMIN, get(parameters::show))
        .route(paths::STAFF_PROPOSALS, post(parameters::propose))
        .route(paths::STAFF_DUTY_PHONES, post(duty::set))
        .route(paths::STAFF_TOWN_CONTACT, post(contacts::set))
        .route(paths::STAFF_PROPOSAL_DECISION, post(parameters::decide))
        .route(paths::STAFF_DASHBOARD, get(reports::dashboard))
        .route(paths::STAFF_LEDGER, get(reports::ledger))
}

/// Behind TLS (the proxy says so), cookies are marked Secure.
/// Whether the request came by HTTPS through our proxy: its cookies are then sent over TLS only.
pub(crate) fn over_tls(headers: &HeaderMap) -> bool {
    headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()) == Some("https")
}

/// A staff cookie: HttpOnly, SameSite=Strict, only sent to /staff.
pub fn cookie(headers: &HeaderMap, name: &str, value: &str, max_age_seconds: i64) -> HeaderValue {
    SetCookie {
        name,
        value,
        path: "/staff",
        max_age_seconds,
        same_site: SameSite::Strict,
        http_only: true,
        secure: over_tls(headers),
    }
    .header()
    .unwrap_or(HeaderValue::from_static(""))
}

/// Renders a staff page, made of who is signed in and the page's data; staff pages are never
/// cached.
pub async fn page(
    state: &AppState,
    headers: &HeaderMap,
    uri: &str,
    session: &StaffSession,
    make: impl FnOnce(StaffContext) -> Page,
) -> Response {
    let staff = StaffContext {
        staff: session.staff.clone(),
        csrf_token: session.csrf_token.clone(),
    };
    let mut response = render::page(state, headers, uri, make(staff)).await;
    no_store(&mut response);
    response
}

pub fn no_store(response: &mut Response) {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}
