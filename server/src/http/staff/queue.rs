//! The queue of the staff member's town (or tier), and the administrator's page.

use super::{Administrator, CaseStaff, page};
use crate::http::AppState;
use crate::http::error::HttpError;
use app::context::{AdminContext, Page, QueueContext};
use app::domain::casefile::QueueFilter;
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
    let today = state.clock.today();
    let view = state
        .staff
        .queue(&session.staff.scope(), session.staff.id, &filter, today)
        .await
        .map_err(HttpError::unavailable)?;
    let context = QueueContext { view, filter };
    Ok(page(&state, &headers, paths::STAFF, &session, |staff| {
        Page::Queue(staff, context)
    })
    .await)
}

/// `GET /staff/admin`: the accounts and the parameters in force; administrators only.
pub async fn admin(
    State(state): State<AppState>,
    Administrator(session): Administrator,
    headers: HeaderMap,
) -> Result<Response, HttpError> {
    let accounts = state.staff.all_staff().await.map_err(HttpError::unavailable)?;
    let context = AdminContext {
        accounts,
        message: None,
    };
    Ok(page(&state, &headers, paths::STAFF_ADMIN, &session, |staff| {
        Page::Admin(staff, context)
    })
    .await)
}
