//! One error type for every handler. A handler says what went wrong (`HttpError`); this module
//! answers it once: a page in the reader's language for the site, JSON problem details
//! (RFC 9457, with our `error` code and both languages) under `/api/`. Causes are logged where
//! they happen and never reach the reader.

use app::context::locale_of;
use app::i18n::{Locale, Text, Words, failures};
use app::paths;
use app::rules::FieldError;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub enum HttpError {
    /// No staff session: to the sign-in page.
    SignIn,
    /// Signed in, but this page is another role's: to the user's own start page.
    Elsewhere(&'static str),
    /// A form post without the token of the page it came from (another site, an old tab).
    StalePage,
    /// Nothing here for this user; a case of another town looks the same as none.
    NotFound,
    /// The tracking throttle refused (http/throttle.rs).
    TooManyAttempts,
    /// Too many drafts or applications from one client (http/creation_limit.rs).
    TooManyCreations,
    /// The database or the document store failed: try again.
    Unavailable,
    /// Signing out failed: the sessions may be alive, so it is not reported as done.
    NotSignedOut,
    /// An API request without an `Idempotency-Key` of 1 to 100 characters.
    IdempotencyKeyRequired,
    /// An API tracking call without `X-Phone-Last4` of four digits.
    VerifierRequired,
    /// An `Idempotency-Key` first used with another request.
    IdempotencyKeyReused,
    /// A body that is not what the endpoint reads, in plain words (zh, en).
    BadBody(Words),
    /// Answers that are read but not valid, each at its field.
    Invalid(Vec<FieldError>),
}

/// A storage failure is ours: logged, and the reader is told to try again (PATTERNS.md 2), so a
/// handler writes `store.load(…).await?`.
impl From<crate::db::BackendError> for HttpError {
    fn from(e: crate::db::BackendError) -> HttpError {
        HttpError::unavailable(e)
    }
}

/// The document store's failure (a disk error, a missing file) is ours too.
impl From<std::io::Error> for HttpError {
    fn from(e: std::io::Error) -> HttpError {
        HttpError::unavailable(e)
    }
}

/// What the layer below renders: the error, carried on the response it stands for.
#[derive(Clone)]
struct Failure(HttpError);

impl HttpError {
    /// A failure of ours (the database, the document store, a parameter set without an entry
    /// for today): its cause goes to the log, the reader is told to try again. The request's
    /// span says which page it was.
    pub fn unavailable(cause: impl std::fmt::Debug) -> HttpError {
        tracing::error!(error = ?cause, "the request failed on our side");
        HttpError::Unavailable
    }

    /// A JSON body that is not the `what` (zh, en) the endpoint reads, in plain words: where,
    /// and what was expected.
    /// A JSON body that could not be read; a value of the wrong kind named by its `path`
    /// (`members`, `members[0].age`; issue 25, item 6), else by its line and column.
    pub fn bad_json_at(path: &str, e: &serde_json::Error, what: Text) -> HttpError {
        HttpError::BadBody(failures::not_json(
            what,
            &super::json_words::json_error_at(path, e),
        ))
    }

    fn status(&self) -> StatusCode {
        match self {
            HttpError::SignIn | HttpError::Elsewhere(_) => StatusCode::SEE_OTHER,
            HttpError::StalePage => StatusCode::FORBIDDEN,
            HttpError::NotFound => StatusCode::NOT_FOUND,
            HttpError::TooManyAttempts | HttpError::TooManyCreations => StatusCode::TOO_MANY_REQUESTS,
            HttpError::Unavailable | HttpError::NotSignedOut => StatusCode::SERVICE_UNAVAILABLE,
            HttpError::IdempotencyKeyRequired | HttpError::VerifierRequired | HttpError::BadBody(..) => {
                StatusCode::BAD_REQUEST
            }
            HttpError::IdempotencyKeyReused | HttpError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    /// The API's stable code for it.
    fn code(&self) -> &'static str {
        match self {
            HttpError::SignIn | HttpError::Elsewhere(_) => "sign_in",
            HttpError::StalePage => "stale_page",
            HttpError::NotFound => "not_found",
            HttpError::TooManyAttempts => "too_many_attempts",
            HttpError::TooManyCreations => "too_many_requests",
            HttpError::Unavailable | HttpError::NotSignedOut => "unavailable",
            HttpError::IdempotencyKeyRequired => "idempotency_key_required",
            HttpError::VerifierRequired => "phone_last4_required",
            HttpError::IdempotencyKeyReused => "idempotency_key_reused",
            HttpError::BadBody(..) => "bad_request",
            HttpError::Invalid(_) => "invalid",
        }
    }

    /// The title and the sentence, in both languages; `api` for the API's own wording.
    fn words(&self, api: bool) -> (Text, (String, String)) {
        let text = |t: Text| (t.0.to_string(), t.1.to_string());
        match self {
            HttpError::SignIn | HttpError::Elsewhere(_) | HttpError::StalePage => {
                (failures::STALE_PAGE, text(failures::STALE_PAGE_DETAIL))
            }
            HttpError::NotFound if api => (failures::NOT_FOUND, text(failures::APPLICATION_NOT_FOUND_DETAIL)),
            HttpError::NotFound => (failures::NOT_FOUND, text(failures::NOT_FOUND_DETAIL)),
            HttpError::TooManyAttempts => (
                failures::TOO_MANY_ATTEMPTS,
                text(failures::TOO_MANY_ATTEMPTS_DETAIL),
            ),
            HttpError::TooManyCreations => (
                failures::TOO_MANY_ATTEMPTS,
                text(failures::TOO_MANY_CREATIONS_DETAIL),
            ),
            HttpError::Unavailable => (failures::UNAVAILABLE, text(failures::UNAVAILABLE_DETAIL)),
            HttpError::NotSignedOut => (failures::NOT_SIGNED_OUT, text(failures::NOT_SIGNED_OUT_DETAIL)),
            HttpError::IdempotencyKeyRequired => (failures::BAD_REQUEST, text(failures::KEY_REQUIRED_DETAIL)),
            HttpError::VerifierRequired => (failures::BAD_REQUEST, text(failures::VERIFIER_REQUIRED_DETAIL)),
            HttpError::IdempotencyKeyReused => (failures::BAD_REQUEST, text(failures::KEY_REUSED_DETAIL)),
            HttpError::BadBody(words) => (failures::BAD_REQUEST, (words.zh.clone(), words.en.clone())),
            HttpError::Invalid(errors) => {
                let first = errors.first();
                let detail = (
                    first.map(|e| e.message.clone()).unwrap_or_default(),
                    first.map(|e| e.message_en.clone()).unwrap_or_default(),
                );
                (failures::INVALID, detail)
            }
        }
    }
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        let mut response = match &self {
            HttpError::SignIn => super::redirect::see_other(paths::STAFF_LOGIN),
            HttpError::Elsewhere(path) => super::redirect::see_other(path),
            // The layer writes the body, in the reader's language.
            _ => self.status().into_response(),
        };
        // When to come back: a failure of ours passes in seconds; the creation limit's
        // window is ten minutes.
        let retry_after = match &self {
            HttpError::Unavailable | HttpError::NotSignedOut => Some(5),
            HttpError::TooManyCreations => Some(super::creation_limit::WINDOW_MINUTES as u64 * 60),
            _ => None,
        };
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response.extensions_mut().insert(Failure(self));
        response
    }
}

/// The layer: gives each `HttpError` its body, as the request's reader expects it.
pub async fn layer(State(stylesheet): State<Arc<str>>, request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let locale = locale_of(request.uri(), request.headers());
    let mut response = next.run(request).await;
    let Some(Failure(error)) = response.extensions_mut().remove::<Failure>() else {
        return response;
    };
    if response.status().is_redirection() {
        return response;
    }
    let (parts, _) = response.into_parts();
    let (body, content_type) = if api {
        (problem(&error).to_string(), PROBLEM)
    } else {
        (page(&error, locale, &stylesheet), "text/html; charset=utf-8")
    };
    let mut response = Response::from_parts(parts, Body::from(body));
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// RFC 9457 problem details, with the fields our clients already read (`error`, `message`,
/// `message_en`, and `errors` for invalid answers).
fn problem(error: &HttpError) -> serde_json::Value {
    let (title, (zh, en)) = error.words(true);
    let mut body = problem_json(error.status(), error.code(), title.1, &zh, &en);
    if let HttpError::Invalid(errors) = error {
        body["errors"] = json!(errors);
    }
    body
}

/// The body of every API refusal, ours and the extractors' (rejection.rs).
pub(super) fn problem_json(
    status: StatusCode,
    code: &str,
    title: &str,
    zh: &str,
    en: &str,
) -> serde_json::Value {
    json!({
        "type": "about:blank",
        "title": title,
        "status": status.as_u16(),
        "detail": en,
        "error": code,
        "message": zh,
        "message_en": en,
    })
}

/// The content type of problem details.
pub(super) const PROBLEM: &str = "application/problem+json";

/// A small page of its own: it must render even when nothing else can (no database, no
/// Leptos context), so it is plain HTML with the site's stylesheet and a way back.
fn page(error: &HttpError, locale: Locale, stylesheet: &str) -> String {
    let (title, (zh, en)) = error.words(false);
    let detail = locale.pick(zh, en);
    format!(
        concat!(
            "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"/>",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>",
            "<title>{title} · {site}</title><link rel=\"stylesheet\" href=\"{stylesheet}\"/></head>",
            "<body><main id=\"main\" class=\"failure\" data-failure=\"{code}\"><h1>{title}</h1>",
            "<p>{detail}</p><p><a href=\"/\">{home}</a></p></main></body></html>"
        ),
        lang = locale.tag(),
        title = escape(locale.t(title)),
        site = locale.t(app::i18n::strings::SITE_NAME),
        code = error.code(),
        detail = escape(&detail),
        home = locale.t(failures::BACK_HOME),
        stylesheet = escape(stylesheet),
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unavailable_page_is_in_the_readers_language_and_says_to_try_again() {
        let zh = page(&HttpError::Unavailable, Locale::Zh, "/pkg/portal.css");
        assert!(zh.contains("lang=\"zh-CN\"") && zh.contains("请稍后再试"), "{zh}");
        let en = page(&HttpError::Unavailable, Locale::En, "/pkg/portal.css");
        assert!(en.contains("lang=\"en\"") && en.contains("try again"), "{en}");
    }

    #[test]
    fn the_api_gets_problem_details_with_its_code_and_both_languages() {
        let body = problem(&HttpError::TooManyAttempts);
        assert_eq!(body["status"], 429);
        assert_eq!(body["error"], "too_many_attempts");
        assert!(body["message"].as_str().unwrap().contains("请过几分钟再试"));
        assert!(body["message_en"].as_str().unwrap().contains("try again"));
    }

    #[test]
    fn a_readers_text_is_escaped_in_the_page() {
        let html = page(
            &HttpError::BadBody(Words::new("<b>", "<b>")),
            Locale::En,
            "/pkg/portal.css",
        );
        assert!(html.contains("&lt;b&gt;") && !html.contains("<b>"), "{html}");
    }
}
