//! The check form posted without JavaScript: the server reads the answers and renders the
//! same page, whose island assesses them on the server exactly as it would in the browser.
//! Nothing is stored.

use super::AppState;
use app::app::shell;
use app::components::check::answers::CheckAnswers;
use app::context::PostedCheck;
use axum::Form;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, Method, Request};
use axum::response::Response;
use leptos::prelude::provide_context;

pub async fn post(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let answers = CheckAnswers::from_pairs(&pairs);
    // The page's language travels in a hidden field; the renderer reads it from the query.
    let lang = pairs
        .iter()
        .find(|(k, _)| k == "lang")
        .map(|(_, v)| v.as_str())
        .unwrap_or("zh");
    let uri = if lang == "en" { "/?lang=en" } else { "/" };
    let mut request = Request::builder()
        .method(Method::GET)
        .uri(uri)
        .body(Body::empty())
        .unwrap_or_default();
    *request.headers_mut() = headers;
    request.headers_mut().remove(axum::http::header::CONTENT_LENGTH);
    request.headers_mut().remove(axum::http::header::CONTENT_TYPE);

    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_to_stream_with_context(
        move || {
            provide_context(state.site_context());
            provide_context(PostedCheck(answers.clone()));
        },
        move || shell(options.clone()),
    );
    render(request).await
}
