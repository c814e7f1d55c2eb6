//! Signing in and out. The sign-in form has its own CSRF token in a short-lived cookie; a wrong
//! username and a wrong password get the same answer in the same time; five failures in a row
//! lock the account for fifteen minutes.

use super::{LOGIN_COOKIE, SESSION_COOKIE, cookie, field, form_session, session, to_login};
use crate::auth::{self, Password};
use crate::http::{AppState, render};
use app::context::LoginContext;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use chrono::{Duration, Utc};
use leptos::prelude::provide_context;

async fn login_page(
    state: &AppState,
    headers: &HeaderMap,
    mut context: LoginContext,
    status: StatusCode,
) -> Response {
    context.csrf_token = auth::new_secret();
    let set_cookie = cookie(headers, LOGIN_COOKIE, &context.csrf_token, 3600);
    let mut response = render::page(state, headers, "/staff/login", move || {
        provide_context(context.clone())
    })
    .await;
    response.headers_mut().append(header::SET_COOKIE, set_cookie);
    super::no_store(&mut response);
    *response.status_mut() = status;
    response
}

/// `GET /staff/login`; signed-in staff go straight to their work.
pub async fn show(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if session(&state, &headers).await.is_some() {
        return render::see_other("/staff");
    }
    login_page(&state, &headers, LoginContext::default(), StatusCode::OK).await
}

fn refused(username: &str, zh: &str, en: &str) -> LoginContext {
    LoginContext {
        csrf_token: String::new(),
        username: username.to_string(),
        error: Some((zh.to_string(), en.to_string())),
    }
}

/// `POST /staff/login`.
pub async fn post(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let username = field(&pairs, "username").to_string();
    let password = pairs
        .iter()
        .find(|(k, _)| k == "password")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let expected = render::cookie(&headers, LOGIN_COOKIE).unwrap_or_default();
    if expected.is_empty() || !auth::same_secret(field(&pairs, "csrf"), &expected) {
        let context = refused(
            &username,
            "页面已过期，请再登录一次。",
            "The page expired; please sign in again.",
        );
        return login_page(&state, &headers, context, StatusCode::FORBIDDEN).await;
    }
    if username.is_empty() || password.is_empty() {
        let context = refused(
            &username,
            "请填写用户名和密码。",
            "Enter your username and password.",
        );
        return login_page(&state, &headers, context, StatusCode::UNPROCESSABLE_ENTITY).await;
    }

    let now = Utc::now();
    let record = match state.staff.login_record(&username).await {
        Ok(record) => record,
        Err(_) => {
            let context = refused(
                &username,
                "系统暂时不可用，请稍后再试。",
                "The service is unavailable; try again soon.",
            );
            return login_page(&state, &headers, context, StatusCode::SERVICE_UNAVAILABLE).await;
        }
    };
    if let Some(until) = record.as_ref().and_then(|r| r.locked_until)
        && until > now
    {
        let minutes = (until - now).num_minutes() + 1;
        let context = refused(
            &username,
            &format!("密码错误次数过多，账户已暂时锁定，请 {minutes} 分钟后再试。"),
            &format!("Too many wrong passwords: the account is locked; try again in {minutes} minutes."),
        );
        return login_page(&state, &headers, context, StatusCode::TOO_MANY_REQUESTS).await;
    }

    let hash = record.as_ref().map(|r| r.password_hash.clone());
    if !auth::verify_password(Password::typed(password), hash).await {
        if let Some(r) = &record {
            let lock = (r.failed_logins + 1 >= auth::MAX_FAILED_LOGINS)
                .then(|| now + Duration::minutes(auth::LOCK_MINUTES));
            let _ = state.staff.login_failed(r.staff.id, lock).await;
            tracing::warn!(
                staff = r.staff.id,
                locked = lock.is_some(),
                "staff sign-in failed"
            );
        }
        let context = refused(
            &username,
            "用户名或密码不正确。",
            "The username or password is wrong.",
        );
        return login_page(&state, &headers, context, StatusCode::UNAUTHORIZED).await;
    }
    let Some(record) = record else {
        return to_login();
    };

    let token = auth::new_secret();
    let csrf = auth::new_secret();
    let expires = now + Duration::hours(auth::SESSION_HOURS);
    let stored = state
        .staff
        .create_session(&auth::secret_hash(&token), record.staff.id, &csrf, now, expires)
        .await;
    let _ = state.staff.login_succeeded(record.staff.id).await;
    if stored.is_err() {
        let context = refused(
            &username,
            "系统暂时不可用，请稍后再试。",
            "The service is unavailable; try again soon.",
        );
        return login_page(&state, &headers, context, StatusCode::SERVICE_UNAVAILABLE).await;
    }
    tracing::info!(staff = record.staff.id, "staff signed in");
    let mut response = render::see_other("/staff");
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
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(response) = form_session(&state, &headers, &pairs).await {
        return response;
    }
    if let Some(token) = render::cookie(&headers, SESSION_COOKIE) {
        let _ = state.staff.end_session(&auth::secret_hash(&token)).await;
    }
    signed_out(&headers)
}

/// `POST /staff/logout-everywhere`: every browser this account is signed in on.
pub async fn logout_everywhere(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let session = match form_session(&state, &headers, &pairs).await {
        Ok(session) => session,
        Err(response) => return response,
    };
    let _ = state.staff.end_all_sessions(session.staff.id).await;
    tracing::info!(staff = session.staff.id, "staff signed out everywhere");
    signed_out(&headers)
}

fn signed_out(headers: &HeaderMap) -> Response {
    let mut response = to_login();
    response
        .headers_mut()
        .append(header::SET_COOKIE, cookie(headers, SESSION_COOKIE, "", 0));
    response
}
