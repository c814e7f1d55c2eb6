//! Signing in and out. The sign-in form has its own CSRF token in a short-lived cookie; a wrong
//! username, a wrong password and a locked account get the same answer in the same time; five
//! failures in a row lock the account for fifteen minutes, counted before the password is
//! checked so that a burst of guesses cannot pass the limit.

use super::{LOGIN_COOKIE, SESSION_COOKIE, SignedIn, StaffPost, cookie};
use crate::auth::{self, Password};
use crate::http::error::HttpError;
use crate::http::{AppState, render};
use app::context::{LoginContext, Page};
use app::i18n::Text;
use app::i18n::staff::login as texts;
use app::paths;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use chrono::Duration;
use serde::Deserialize;

async fn login_page(
    state: &AppState,
    headers: &HeaderMap,
    mut context: LoginContext,
    status: StatusCode,
) -> Response {
    context.csrf_token = auth::new_secret();
    let set_cookie = cookie(headers, LOGIN_COOKIE, &context.csrf_token, 3600);
    let mut response = render::page(state, headers, paths::STAFF_LOGIN, Page::Login(context)).await;
    response.headers_mut().append(header::SET_COOKIE, set_cookie);
    super::no_store(&mut response);
    *response.status_mut() = status;
    response
}

/// `GET /staff/login`; signed-in staff go straight to their work.
pub async fn show(
    State(state): State<AppState>,
    signed_in: Option<SignedIn>,
    headers: HeaderMap,
) -> Response {
    if signed_in.is_some() {
        return render::see_other(paths::STAFF);
    }
    login_page(&state, &headers, LoginContext::default(), StatusCode::OK).await
}

/// The sign-in page again, with the username kept and the message (zh, en) shown.
async fn refused(
    state: &AppState,
    headers: &HeaderMap,
    username: &str,
    status: StatusCode,
    Text(zh, en): Text,
) -> Response {
    let context = LoginContext {
        csrf_token: String::new(),
        username: username.to_string(),
        error: Some((zh.to_string(), en.to_string())),
    };
    login_page(state, headers, context, status).await
}

/// The one answer to every refused sign-in: unknown username, wrong password, locked account.
async fn wrong(state: &AppState, headers: &HeaderMap, username: &str) -> Response {
    // The page's hint already says whom to ask when locked out; the message itself must not
    // tell a locked account from an unknown one.
    refused(
        state,
        headers,
        username,
        StatusCode::UNAUTHORIZED,
        texts::WRONG_USERNAME_OR_PASSWORD,
    )
    .await
}

async fn unavailable_page(state: &AppState, headers: &HeaderMap, username: &str) -> Response {
    refused(
        state,
        headers,
        username,
        StatusCode::SERVICE_UNAVAILABLE,
        texts::UNAVAILABLE,
    )
    .await
}

/// The sign-in form. Deliberately not `Debug`: it holds a password.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SignInForm {
    csrf: String,
    username: String,
    password: String,
}

/// `POST /staff/login`.
pub async fn post(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Response {
    let username = form.username.trim().to_string();
    // Never trimmed: a space may be part of a password.
    let password = form.password;
    let expected = render::cookie(&headers, LOGIN_COOKIE).unwrap_or_default();
    if expected.is_empty() || !auth::same_secret(form.csrf.trim(), &expected) {
        return refused(
            &state,
            &headers,
            &username,
            StatusCode::FORBIDDEN,
            texts::PAGE_EXPIRED,
        )
        .await;
    }
    if username.is_empty() || password.is_empty() {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return refused(&state, &headers, &username, status, texts::ENTER_BOTH).await;
    }

    let now = state.clock.now();
    let lock_until = now + Duration::minutes(auth::LOCK_MINUTES);
    // The attempt is counted before the verdict: only the first attempts up to the limit are
    // checked against the account's password, however many arrive at once.
    let record = match state
        .store
        .reserve_login_attempt(&username, auth::MAX_FAILED_LOGINS, now, lock_until)
        .await
    {
        Ok(record) => record,
        Err(e) => {
            tracing::error!(error = %e, "staff sign-in: the attempt could not be counted");
            return unavailable_page(&state, &headers, &username).await;
        }
    };
    // An unknown or locked account checks the password against a decoy, in the same time.
    let hash = record.as_ref().map(|r| r.password_hash.clone());
    let matches = auth::verify_password(Password::typed(password), hash).await;
    let record = match record {
        Some(record) if matches => record,
        Some(record) => {
            tracing::warn!(
                staff = record.staff.id,
                failures = record.failed_logins,
                locked = record.locked_until.is_some(),
                "staff sign-in failed: wrong password"
            );
            return wrong(&state, &headers, &username).await;
        }
        None => {
            // Not the typed username: it is sometimes a password typed in the wrong box.
            tracing::warn!("staff sign-in refused: unknown or locked account");
            return wrong(&state, &headers, &username).await;
        }
    };
    if state.store.login_succeeded(record.staff.id).await.is_err() {
        tracing::error!(
            staff = record.staff.id,
            "staff sign-in: the failure count could not be reset"
        );
        return unavailable_page(&state, &headers, &username).await;
    }

    let token = auth::new_secret();
    let csrf = auth::new_secret();
    let expires = now + Duration::hours(auth::SESSION_HOURS);
    let stored = state
        .store
        .create_session(&auth::secret_hash(&token), record.staff.id, &csrf, now, expires)
        .await;
    if stored.is_err() {
        tracing::error!(
            staff = record.staff.id,
            "staff sign-in: the session could not be stored"
        );
        return unavailable_page(&state, &headers, &username).await;
    }
    tracing::info!(staff = record.staff.id, "staff signed in");
    let mut response = render::see_other(paths::STAFF);
    let headers_out = response.headers_mut();
    headers_out.append(
        header::SET_COOKIE,
        cookie(&headers, SESSION_COOKIE, &token, auth::SESSION_HOURS * 3600),
    );
    headers_out.append(header::SET_COOKIE, cookie(&headers, LOGIN_COOKIE, "", 0));
    response
}

/// `POST /staff/logout`: this browser.
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    _: StaffPost,
) -> Result<Response, HttpError> {
    if let Some(token) = render::cookie(&headers, SESSION_COOKIE)
        && let Err(e) = state.store.end_session(&auth::secret_hash(&token)).await
    {
        tracing::error!(error = %e, "staff sign-out: the session could not be ended");
        return Err(HttpError::NotSignedOut);
    }
    Ok(signed_out(&headers))
}

/// `POST /staff/logout-everywhere`: every browser this account is signed in on.
pub async fn logout_everywhere(
    State(state): State<AppState>,
    headers: HeaderMap,
    StaffPost { session, .. }: StaffPost,
) -> Result<Response, HttpError> {
    if let Err(e) = state.store.end_all_sessions(session.staff.id).await {
        tracing::error!(staff = session.staff.id, error = %e, "staff sign-out everywhere: the sessions could not be ended");
        return Err(HttpError::NotSignedOut);
    }
    tracing::info!(staff = session.staff.id, "staff signed out everywhere");
    Ok(signed_out(&headers))
}

fn signed_out(headers: &HeaderMap) -> Response {
    let mut response = render::see_other(paths::STAFF_LOGIN);
    response
        .headers_mut()
        .append(header::SET_COOKIE, cookie(headers, SESSION_COOKIE, "", 0));
    response
}
