//! The check form posted without JavaScript: the server reads the answers and renders the
//! same page, whose island assesses them on the server exactly as it would in the browser.
//! Nothing is stored.

use super::render;
use super::state::AppState;
use app::components::check::UPDATE_SIZE;
use app::components::check::answers::CheckAnswers;
use app::context::{Page, PostedCheck};
use axum::Form;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

pub async fn post(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let answers = CheckAnswers::from_pairs(&pairs);
    let asked_for_result = render::field(&pairs, "action") != UPDATE_SIZE;
    // The page's language travels in a hidden field; the renderer reads it from the query.
    let uri = if render::field(&pairs, "lang") == "en" {
        "/?lang=en"
    } else {
        "/"
    };
    let posted = PostedCheck {
        answers,
        asked_for_result,
    };
    render::page(&state, &headers, uri, Page::Check(Box::new(posted))).await
}
