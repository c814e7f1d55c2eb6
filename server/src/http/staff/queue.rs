//! The queue of the staff member's town (or tier), and the administrator's page.

use super::{CaseStaff, StaffPost, page};
use crate::db::staff::StaffSession;
use crate::http::error::HttpError;
use crate::http::{AppState, render};
use app::context::{Page, QueueContext};
use app::domain::casefile::QueueFilter;
use app::domain::review::Scope;
use app::paths;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;

/// `GET /staff?status=…&aid=…&mine=1&overdue=1&q=…&page=…`.
pub async fn show(
    State(state): State<AppState>,
    CaseStaff(session): CaseStaff,
    headers: HeaderMap,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, HttpError> {
    let filter = QueueFilter::from_query(&pairs);
    queue_page(&state, &headers, &session, filter, false).await
}

async fn queue_page(
    state: &AppState,
    headers: &HeaderMap,
    session: &StaffSession,
    filter: QueueFilter,
    nothing_to_take: bool,
) -> Result<Response, HttpError> {
    let today = state.clock.today();
    let view = state
        .store
        .queue(
            &session.staff.scope(),
            session.staff.id,
            &filter,
            today,
            state.clock.now(),
        )
        .await?;
    let context = QueueContext {
        view,
        filter,
        nothing_to_take,
    };
    Ok(page(state, headers, paths::STAFF, session, |staff| {
        Page::Queue(staff, context)
    })
    .await)
}

/// `POST /staff/next` (csrf): a town's caseworker or head takes the next case nobody is on
/// (emergency first, then the nearest deadline) and is taken to it; when none waits, the
/// queue says so. Two staff pressing at once, on any portal process, get different cases.
pub async fn take_next(
    State(state): State<AppState>,
    headers: HeaderMap,
    StaffPost { session, .. }: StaffPost,
) -> Result<Response, HttpError> {
    let me = &session.staff;
    // The district's tiers decide cases, they do not take them: there is no button for them.
    let Scope::Town(town) = me.scope() else {
        return Err(HttpError::NotFound);
    };
    match state.store.take_next(&town, me, state.clock.now()).await? {
        Some(reference) => Ok(render::see_other(&paths::staff_case(&reference))),
        None => queue_page(&state, &headers, &session, QueueFilter::default(), true).await,
    }
}
