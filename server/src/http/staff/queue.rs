//! The queue of the staff member's town (or tier), and the administrator's page.

use super::{casework_session, page, session, to_login};
use crate::http::{AppState, render};
use app::context::{AdminContext, QueueContext};
use app::domain::casefile::QueueFilter;
use app::domain::review::Role;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use leptos::prelude::provide_context;

/// `GET /staff?status=…&aid=…&mine=1&overdue=1&q=…&page=…`.
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Response {
    let session = match casework_session(&state, &headers).await {
        Ok(session) => session,
        Err(response) => return response,
    };
    let filter = QueueFilter::from_query(&pairs);
    let today = state.clock.today();
    let view = match state
        .staff
        .queue(&session.staff.scope(), session.staff.id, &filter, today)
        .await
    {
        Ok(view) => view,
        Err(_) => return unavailable(),
    };
    let context = QueueContext { view, filter };
    page(&state, &headers, "/staff", &session, move || {
        provide_context(context.clone())
    })
    .await
}

/// `GET /staff/admin`: the accounts and the parameters in force; administrators only.
pub async fn admin(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(session) = session(&state, &headers).await else {
        return to_login();
    };
    if session.staff.role != Role::Administrator {
        return render::see_other("/staff");
    }
    let accounts = match state.staff.all_staff().await {
        Ok(accounts) => accounts,
        Err(_) => return unavailable(),
    };
    let context = AdminContext {
        accounts,
        message: None,
    };
    page(&state, &headers, "/staff/admin", &session, move || {
        provide_context(context.clone())
    })
    .await
}

/// The database failed: a plain answer, the cause is in the log.
pub fn unavailable() -> Response {
    use axum::response::IntoResponse;
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(axum::http::header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "系统暂时不可用，请稍后再试。 The service is unavailable; please try again soon.",
    )
        .into_response()
}
