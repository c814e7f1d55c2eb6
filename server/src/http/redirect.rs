//! The redirect after a form post (and after a refusal that sends the reader elsewhere).

use axum::body::Body;
use axum::http::header;
use axum::response::Response;

/// A 303 to `location`: after a form post, the browser GETs the next page.
pub fn see_other(location: &str) -> Response {
    Response::builder()
        .status(axum::http::StatusCode::SEE_OTHER)
        .header(header::LOCATION, location)
        .body(Body::empty())
        .unwrap_or_default()
}
