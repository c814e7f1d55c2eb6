//! A request the server cannot read (a step number that is not a number, a form that is not a
//! form, a body over the limit) is refused by axum's extractors with a developer's sentence
//! ("Cannot parse `abc` to a `i64`"). Residents and other channels get plain words instead, in
//! Chinese and English (issue 8, item 13); the developer's sentence goes to the debug log.

use app::i18n::failures;
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The layer: replaces the text of extractor rejections; every other response passes as it is.
pub async fn layer(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let status = response.status();
    let plain_text = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    let rejected = matches!(
        status,
        StatusCode::BAD_REQUEST
            | StatusCode::PAYLOAD_TOO_LARGE
            | StatusCode::UNSUPPORTED_MEDIA_TYPE
            | StatusCode::UNPROCESSABLE_ENTITY
    );
    if !(rejected && plain_text) {
        return response;
    }
    // Rejection texts are a line or two; more than that is not a rejection's, leave it be.
    let (parts, body) = response.into_parts();
    let detail = to_bytes(body, 4096).await.unwrap_or_default();
    tracing::debug!(status = status.as_u16(), detail = %String::from_utf8_lossy(&detail), "request refused");
    let (zh, en) = plain_words(status);
    let mut answer = if api {
        let error = if status == StatusCode::PAYLOAD_TOO_LARGE {
            "too_large"
        } else {
            "bad_request"
        };
        let title = status.canonical_reason().unwrap_or("Bad Request");
        let body = super::error::problem_json(status, error, title, &zh, &en);
        let mut r = (status, body.to_string()).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(super::error::PROBLEM),
        );
        r
    } else {
        let mut r = Response::new(Body::from(format!("{zh}\n{en}")));
        *r.status_mut() = status;
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        r
    };
    // Keep what the refusal said about the connection, nothing about the body it replaced.
    for name in [header::CONNECTION, header::RETRY_AFTER] {
        if let Some(value) = parts.headers.get(&name) {
            answer.headers_mut().insert(name, value.clone());
        }
    }
    answer
}

fn plain_words(status: StatusCode) -> (String, String) {
    let words = match status {
        StatusCode::PAYLOAD_TOO_LARGE => {
            failures::body_too_large(app::domain::document::MAX_DOCUMENT_BYTES / 1024 / 1024)
        }
        StatusCode::UNSUPPORTED_MEDIA_TYPE => failures::UNSUPPORTED_BODY.into(),
        _ => failures::UNREADABLE_REQUEST.into(),
    };
    (words.zh, words.en)
}
