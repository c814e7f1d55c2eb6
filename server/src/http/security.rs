//! What every response says to the browser about itself, and the check that a form post came
//! from one of our own pages. One layer for the whole router, so that no page can forget it.
//!
//! - Content-Security-Policy: scripts from this site only, plus the inline island-hydration
//!   script that Leptos marks with this response's nonce ([`page_policy`]); no plugin, no
//!   framing by another site, forms post only here. Responses that are not pages get the
//!   strictest policy, which allows no script at all.
//! - `X-Content-Type-Options: nosniff`, `Referrer-Policy: same-origin`, `X-Frame-Options: DENY`
//!   (for browsers older than `frame-ancestors`).
//! - Pages that show or take personal data (an application's steps, "check your answers",
//!   tracking, staff pages, the API's answers) are never stored: a shared phone or a kiosk must
//!   not show the next person the last one's ID number from its cache or history. Every other
//!   response is revalidated.
//! - A form post from another site is refused (issue 8, hole 9). The draft's cookie is
//!   `SameSite=Lax`, which a top-level cross-site POST does not carry in current browsers, but
//!   older ones did; browsers send `Sec-Fetch-Site` and `Origin` with every POST, so those are
//!   checked too. Clients that are not browsers (the kiosk, the tests) send neither, and are
//!   not at risk of a forged request.

use app::i18n::failures::CROSS_SITE_FORM;
use app::paths;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// For every response that is not a rendered page: nothing may run, load or frame it.
const STRICT_POLICY: &str = "default-src 'none'; img-src 'self'; style-src 'self'; \
     frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// Path prefixes whose responses carry personal data and must never be kept in a cache.
const PRIVATE_PREFIXES: [&str; 5] = [
    paths::APPLY,
    paths::TRACK,
    "/family",
    paths::STAFF,
    "/api/v1/applications",
];

/// The policy of a rendered page whose inline scripts carry `nonce`. `'wasm-unsafe-eval'`
/// lets the islands' WebAssembly compile; it allows no `eval` of JavaScript.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; \
         frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    )
}

/// Inside a page render: sends the page's policy with the nonce Leptos gave its scripts.
/// Called from every render's context (see `router` and `render::page`).
pub fn provide_page_policy() {
    use leptos::prelude::use_context;
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    if let Ok(value) = HeaderValue::from_str(&page_policy(&nonce)) {
        response.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// The layer: refuses cross-site posts, then marks the response.
pub async fn layer(request: Request, next: Next) -> Response {
    let private = PRIVATE_PREFIXES
        .iter()
        .any(|prefix| request.uri().path().starts_with(prefix));
    if request.method() == Method::POST && from_another_site(request.headers()) {
        let mut refused = cross_site_refused();
        mark(refused.headers_mut(), true);
        return refused;
    }
    let mut response = next.run(request).await;
    mark(response.headers_mut(), private);
    response
}

fn mark(h: &mut HeaderMap, private: bool) {
    h.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(STRICT_POLICY));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.entry(header::REFERRER_POLICY)
        .or_insert(HeaderValue::from_static("same-origin"));
    if private {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    } else {
        h.entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("no-cache"));
    }
}

/// True when a browser tells us the request was started by another site's page.
fn from_another_site(h: &HeaderMap) -> bool {
    let text = |name| h.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    if let Some(site) = text("sec-fetch-site") {
        // `none`: typed in the address bar or a bookmark; `same-origin`: one of our pages.
        return !matches!(site, "same-origin" | "none");
    }
    match text("origin") {
        None => false,
        // Compare hosts only: behind a TLS proxy the scheme the browser saw is not ours.
        Some(origin) => {
            let origin_host = origin.split_once("://").map(|(_, host)| host);
            origin_host.is_none() || origin_host != text("host")
        }
    }
}

fn cross_site_refused() -> Response {
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{}\n{}", CROSS_SITE_FORM.0, CROSS_SITE_FORM.1),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn a_post_from_another_site_is_recognised_by_either_header() {
        assert!(from_another_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(from_another_site(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(from_another_site(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "portal.example")
        ])));
        assert!(from_another_site(&headers(&[
            ("origin", "null"),
            ("host", "portal.example")
        ])));
    }

    #[test]
    fn a_post_from_our_own_page_or_a_non_browser_client_passes() {
        assert!(!from_another_site(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(!from_another_site(&headers(&[
            ("origin", "https://portal.example"),
            ("host", "portal.example")
        ])));
        assert!(!from_another_site(&headers(&[("host", "portal.example")])));
    }
}
