//! Rendering a page from our own handlers: the handler hands over the page and its data as one
//! `Page` value, and the shell renders that page directly. The request given to the renderer
//! is this request's headers at `uri`, whose `?lang=` (a posted form's language) the page
//! speaks; no route is matched for it.

use super::state::AppState;
use app::app::shell;
use app::context::Page;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, header};
use axum::response::Response;
use leptos::prelude::provide_context;

pub async fn page(state: &AppState, headers: &HeaderMap, uri: &str, page: Page) -> Response {
    let mut request = Request::builder()
        .method(Method::GET)
        .uri(uri)
        .body(Body::empty())
        .unwrap_or_default();
    *request.headers_mut() = headers.clone();
    request.headers_mut().remove(header::CONTENT_LENGTH);
    request.headers_mut().remove(header::CONTENT_TYPE);
    let options = state.leptos_options.clone();
    let site = state.site_context();
    let render = leptos_axum::render_app_to_stream_with_context(
        move || {
            provide_context(site.clone());
            super::security::provide_page_policy();
            provide_context(page.clone());
        },
        move || shell(options.clone()),
    );
    render(request).await
}

/// The value of a posted form's or query string's field, trimmed; empty when absent.
pub fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .unwrap_or("")
}

pub use app::cookies::read as cookie;

pub use super::redirect::see_other;
