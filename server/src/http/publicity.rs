//! `GET /publicity?town=…`: the approvals being published (公示, notice 四(四)), for anyone.

use super::error::HttpError;
use super::render;
use super::state::AppState;
use app::context::{Page, PublicityContext};
use app::paths;
use app::rules::TOWNS;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::Duration;

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, HttpError> {
    let today = state.clock.today();
    let days = state.in_force(today)?.publicity_days;
    // Only a town of the district is a filter; anything else shows every town.
    let wanted = render::field(&pairs, "town");
    let town = TOWNS.iter().map(|t| t.full_name()).find(|t| t == wanted);
    // Published from the day of the decision for `days` days: decided on or after this date.
    let since = today - Duration::days(days);
    // A failed query is "try again", never an empty list that says nothing was decided.
    let rows = state.store.publicity(since, town.as_deref(), days).await?;
    let context = PublicityContext { rows, town, days };
    Ok(render::page(&state, &headers, paths::PUBLICITY, Page::Publicity(context)).await)
}
