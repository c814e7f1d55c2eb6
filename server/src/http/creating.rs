//! The creation limit as an extractor: a handler that creates a draft or an application names
//! it in its arguments (creation_limit.rs counts).

use super::error::HttpError;
use super::state::{AppState, ClientAddress};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::response::{IntoResponse, Response};

/// A request that creates (a draft, an application), its body read by `T` and then counted
/// against the client's creation limit: a malformed request creates nothing and counts
/// nothing, and one past the limit is refused (429) before the handler runs, which names the
/// gate in its arguments.
pub struct Creating<T>(pub T);

impl<T> FromRequest<AppState> for Creating<T>
where
    T: FromRequest<AppState> + Send,
    T::Rejection: IntoResponse,
{
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Creating<T>, Response> {
        let (mut parts, body) = request.into_parts();
        let Ok(ClientAddress(client)) = ClientAddress::from_request_parts(&mut parts, state).await;
        let inner = T::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        match state
            .creations
            .allow(&state.store, client, state.clock.now())
            .await
        {
            Ok(true) => Ok(Creating(inner)),
            Ok(false) => Err(HttpError::TooManyCreations.into_response()),
            Err(e) => Err(HttpError::from(e).into_response()),
        }
    }
}
