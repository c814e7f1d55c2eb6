//! A JSON body the API reads, as an extractor that speaks our error (PATTERNS.md 3): a body
//! that is not what the endpoint reads is refused in plain words, in both languages, naming
//! where and what was expected; a handler names the type it reads in its arguments.

use super::error::HttpError;
use app::domain::ApplicationAnswers;
use app::i18n::{Text, failures};
use app::rules::HouseholdInput;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

/// What a JSON body is, in the refusal's words (zh, en).
pub trait JsonBody: DeserializeOwned {
    const WHAT: Text;
}

impl JsonBody for ApplicationAnswers {
    const WHAT: Text = failures::AN_APPLICATION;
}

impl JsonBody for HouseholdInput {
    const WHAT: Text = failures::A_HOUSEHOLD;
}

pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: JsonBody> FromRequest<S> for ApiJson<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<ApiJson<T>, Response> {
        // A body over the limit, or one that breaks off, keeps axum's refusal (rejection.rs
        // words it plainly).
        let body = Bytes::from_request(request, state)
            .await
            .map_err(IntoResponse::into_response)?;
        // Read with the path to the value that failed, so that the refusal names the field
        // (issue 25, item 6), then checked to the end (trailing text is refused as before).
        let refuse =
            |path: &str, e: &serde_json::Error| HttpError::bad_json_at(path, e, T::WHAT).into_response();
        let mut reader = serde_json::Deserializer::from_slice(&body);
        let value: T = serde_path_to_error::deserialize(&mut reader)
            .map_err(|e| refuse(&e.path().to_string(), e.inner()))?;
        reader.end().map_err(|e| refuse("", &e))?;
        Ok(ApiJson(value))
    }
}
