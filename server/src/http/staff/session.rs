//! Who is asking, read once per request by extractors: a handler names the kind of staff it
//! serves in its arguments and never checks a session by hand. No session → the sign-in page;
//! a session that cannot be read (the database failed) → 503, never mistaken for "signed out".

use super::{SESSION_COOKIE, field};
use crate::auth;
use crate::db::staff::StaffSession;
use crate::http::error::HttpError;
use crate::http::{AppState, render};
use app::domain::review::Role;
use app::paths;
use axum::Form;
use axum::extract::{FromRequest, FromRequestParts, OptionalFromRequestParts, Request};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

/// A signed-in member of staff, whatever the role.
pub struct SignedIn(pub StaffSession);

/// A member of staff who works on cases: the administrator, who has none, is sent to the
/// accounts page.
pub struct CaseStaff(pub StaffSession);

/// The administrator; anyone else goes to the queue.
pub struct Administrator(pub StaffSession);

/// A staff form post: the session, checked against the CSRF token the form carries, and the
/// form's fields.
pub struct StaffPost {
    pub session: StaffSession,
    pub form: Vec<(String, String)>,
}

async fn read_session(parts: &Parts, state: &AppState) -> Result<Option<StaffSession>, HttpError> {
    let Some(token) = render::cookie(&parts.headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    state
        .store
        .session(&auth::secret_hash(&token), state.clock.now())
        .await
        .map_err(|e| {
            tracing::error!(error = ?e, "the staff session could not be read");
            HttpError::Unavailable
        })
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, HttpError> {
        read_session(parts, state)
            .await?
            .map(SignedIn)
            .ok_or(HttpError::SignIn)
    }
}

impl OptionalFromRequestParts<AppState> for SignedIn {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Option<Self>, HttpError> {
        Ok(read_session(parts, state).await?.map(SignedIn))
    }
}

impl FromRequestParts<AppState> for CaseStaff {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, HttpError> {
        let SignedIn(session) =
            <SignedIn as FromRequestParts<AppState>>::from_request_parts(parts, state).await?;
        match session.staff.role {
            Role::Administrator => Err(HttpError::Elsewhere(paths::STAFF_ADMIN)),
            _ => Ok(CaseStaff(session)),
        }
    }
}

impl FromRequestParts<AppState> for Administrator {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, HttpError> {
        let SignedIn(session) =
            <SignedIn as FromRequestParts<AppState>>::from_request_parts(parts, state).await?;
        match session.staff.role {
            Role::Administrator => Ok(Administrator(session)),
            _ => Err(HttpError::Elsewhere(paths::STAFF)),
        }
    }
}

/// A staff form post (checked as `StaffPost` is) made by an administrator; anyone else is
/// sent to their queue.
pub struct AdminPost(pub StaffPost);

impl FromRequest<AppState> for AdminPost {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let post = <StaffPost as FromRequest<AppState>>::from_request(request, state).await?;
        match post.session.staff.role {
            Role::Administrator => Ok(AdminPost(post)),
            _ => Err(HttpError::Elsewhere(paths::STAFF).into_response()),
        }
    }
}

impl FromRequest<AppState> for StaffPost {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let SignedIn(session) =
            <SignedIn as FromRequestParts<AppState>>::from_request_parts(&mut parts, state)
                .await
                .map_err(IntoResponse::into_response)?;
        let request = Request::from_parts(parts, body);
        let Form(form) = Form::<Vec<(String, String)>>::from_request(request, state)
            .await
            .map_err(IntoResponse::into_response)?;
        if auth::same_secret(field(&form, "csrf"), &session.csrf_token) {
            Ok(StaffPost { session, form })
        } else {
            Err(HttpError::StalePage.into_response())
        }
    }
}
