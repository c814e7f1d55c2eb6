//! The JSON API for other channels (a WeChat mini-program, a kiosk at the town hall): the same
//! application, validation, rules and storage as the web journey. Described by the OpenAPI
//! document at `/api/v1/openapi.json`, derived from these handlers and their types
//! (openapi.rs).

use super::applicant::{Applicant, Verdict, verify};
use super::apply;
use super::creating::Creating;
use super::error::HttpError;
use super::json_body::ApiJson;
use super::reader_locale::ReaderLocale;
use super::schemas::{Busy, Created, DocumentAdded, DocumentUpload, Problem};
use super::state::AppState;
use super::state::ClientAddress;
use crate::db::Submitted;
use crate::submission::{self, SubmitError};
use app::domain::ApplicationAnswers;
use app::domain::Tracked;
use app::domain::review::Status;
use axum::Json;
use axum::extract::FromRequestParts;
use axum::extract::{Multipart, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use std::net::IpAddr;

/// The verifier travels in a header, so that it stays out of addresses and access logs.
const VERIFIER: &str = "x-phone-last4";

/// Headers of the creation.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
#[allow(dead_code)]
struct CreationHeaders {
    /// Unique per application and the same on every retry of it: a random UUID, say.
    #[param(rename = "Idempotency-Key", pattern = r"^[!-~]{1,100}$")]
    idempotency_key: String,
}

/// Headers of the tracking calls: the verifier travels in a header, out of access logs.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
#[allow(dead_code)]
struct VerifierHeaders {
    /// The last four digits of the applicant's mobile number.
    #[param(rename = "X-Phone-Last4", pattern = r"^[0-9]{4}$")]
    phone_last4: String,
}

/// The `Idempotency-Key` header: 1 to 100 visible characters, or the request is refused before
/// anything is read or counted.
pub struct IdempotencyKey(String);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<IdempotencyKey, HttpError> {
        parts
            .headers
            .get("idempotency-key")
            .and_then(|v| v.to_str().ok())
            .filter(|k| (1..=100).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_graphic()))
            .map(|k| IdempotencyKey(k.to_string()))
            .ok_or(HttpError::IdempotencyKeyRequired)
    }
}

#[utoipa::path(
    post,
    path = "/api/v1/applications",
    tag = "applications",
    params(CreationHeaders),
    request_body(content = ApplicationAnswers, description = "The answers of the web journey, as one flat object."),
    responses(
        (status = 201, description = "stored; a retry with the same key and body gets this same answer", body = Created,
            headers(("location" = String, description = "the application's tracking address"))),
        (status = 400, description = "no Idempotency-Key, or a body that is not an application in JSON", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "the body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "the body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "answers that are not valid (errors names each field), or the Idempotency-Key was first used with another body", body = Problem, content_type = "application/problem+json"),
        Busy,
    )
)]
/// `POST /api/v1/applications`: 201 with the reference, and the same answer again when the
/// `Idempotency-Key` comes back with the same body (a retry); 422 when the key was first used
/// with another body, or naming each invalid field; 400 for a bad body.
pub async fn create(
    State(state): State<AppState>,
    IdempotencyKey(key): IdempotencyKey,
    ReaderLocale(locale): ReaderLocale,
    Creating(ApiJson(answers)): Creating<ApiJson<ApplicationAnswers>>,
) -> Result<Response, HttpError> {
    match submission::submit(
        &state.store,
        &state.parameters.current(),
        state.clock.now(),
        submission::Origin::Api(&key),
        &answers,
        locale,
    )
    .await
    {
        // A retry replays the first answer: same status, same Location, same body.
        Ok(receipt) => {
            let reference = receipt.submitted.reference();
            // A new application's state is known; a repeated key's is read, as it is now.
            let (status, due_on) = match &receipt.submitted {
                Submitted::Created(_) => (Some(Status::Submitted), Some(receipt.due_on)),
                Submitted::AlreadySubmitted(_) => {
                    let tracked = state
                        .store
                        .track_by_any(reference, &answers.tracking_endings())
                        .await?;
                    (
                        tracked.as_ref().map(|t| t.status),
                        tracked.as_ref().map(|t| t.due_on),
                    )
                }
            };
            let location = format!("/api/v1/applications/{reference}");
            let body = json!({
                "reference": reference.to_string(),
                "status": status,
                "due_on": due_on,
            });
            Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(body)).into_response())
        }
        Err(SubmitError::Invalid(errors)) => Err(HttpError::Invalid(errors)),
        Err(SubmitError::KeyReused) => Err(HttpError::IdempotencyKeyReused),
        Err(SubmitError::Backend(e)) => Err(HttpError::unavailable(e)),
    }
}

/// Checks the verifier, through the same gate as the tracking page (applicant.rs).
async fn verified(
    state: &AppState,
    client: IpAddr,
    reference: &str,
    headers: &HeaderMap,
) -> Result<Applicant, HttpError> {
    // A verifier that cannot be one is refused before the throttle: it is no guess.
    let last4 = headers
        .get(VERIFIER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit()))
        .ok_or(HttpError::VerifierRequired)?;
    match verify(state, client, reference, last4).await {
        Verdict::Verified(applicant) => Ok(*applicant),
        Verdict::NotFound => Err(HttpError::NotFound),
        Verdict::Throttled => Err(HttpError::TooManyAttempts),
        Verdict::Unavailable => Err(HttpError::Unavailable),
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/applications/{reference}",
    tag = "applications",
    params(("reference" = String, Path, description = "the reference, e.g. LZ-7K4-M9Q-XRC"), VerifierHeaders),
    responses(
        (status = 200, description = "the status, the timeline and the messages sent to the applicant (kind, channel, status, text, time)", body = Tracked),
        (status = 400, description = "no X-Phone-Last4 of four digits", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "no application with this reference and phone ending", body = Problem, content_type = "application/problem+json"),
        Busy,
    )
)]
/// `GET /api/v1/applications/{reference}` with `X-Phone-Last4`: the status and the timeline.
pub async fn get(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    headers: HeaderMap,
    Path(reference): Path<String>,
) -> Result<Response, HttpError> {
    let applicant = verified(&state, client, &reference, &headers).await?;
    Ok(Json(applicant.tracked).into_response())
}

#[utoipa::path(
    post,
    path = "/api/v1/applications/{reference}/documents",
    tag = "applications",
    params(("reference" = String, Path, description = "the reference, e.g. LZ-7K4-M9Q-XRC"), VerifierHeaders),
    request_body(content = DocumentUpload, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "the document is kept with the application", body = DocumentAdded),
        (status = 400, description = "no X-Phone-Last4 of four digits, or a form that could not be read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "no application with this reference and phone ending", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "the file is over the limit", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "not a multipart form", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "the file is not a photo or PDF, or the application takes no more documents", body = Problem, content_type = "application/problem+json"),
        Busy,
    )
)]
/// `POST /api/v1/applications/{reference}/documents` (multipart `kind`, `file`) with
/// `X-Phone-Last4`: 201 with the document's id.
pub async fn add_document(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    headers: HeaderMap,
    Path(reference): Path<String>,
    form: Multipart,
) -> Result<Response, HttpError> {
    let Applicant { reference, last4, .. } = verified(&state, client, &reference, &headers).await?;
    let (kind, bytes) = apply::read_one_upload(form)
        .await
        .map_err(|e| HttpError::Invalid(vec![e]))?;
    match apply::add_to_application(&state, &reference, &last4, Some(kind), bytes).await {
        Ok(id) => Ok((StatusCode::CREATED, Json(json!({ "id": id }))).into_response()),
        Err(apply::UploadError::Field(e)) => Err(HttpError::Invalid(vec![e])),
        Err(apply::UploadError::NotFound) => Err(HttpError::NotFound),
        Err(apply::UploadError::Unavailable) => Err(HttpError::Unavailable),
    }
}
