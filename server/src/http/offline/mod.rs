//! Working with no signal (issue 11, item 4): the service worker, served at the site's root so
//! that it may answer for every page, with this release's file names written into it.

use super::assets::Assets;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

const WORKER: &str = include_str!("sw.js");

/// `GET /sw.js`. Revalidated on every visit (browsers also look for a new worker at least once
/// a day): a release's worker differs from the last by its file names, and a new worker
/// replaces the kept files as soon as it is installed.
pub async fn service_worker(State(assets): State<Assets>) -> Response {
    let files = assets.served_paths();
    let release = assets.release();
    let body = WORKER.replace("__RELEASE__", &release).replace(
        "__FILES__",
        &serde_json::to_string(&files).unwrap_or_else(|_| "[]".into()),
    );
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
            // The worker fetches this site's pages and files, and nothing else.
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; connect-src 'self'",
            ),
        ],
        body,
    )
        .into_response()
}
