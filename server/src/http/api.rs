//! The JSON API for other channels (a WeChat mini-program, a kiosk at the town hall): the same
//! application, validation, rules and storage as the web journey. Described by the OpenAPI
//! document at `/api/v1/openapi.json` (`openapi.json` beside this file).

use super::applicant::{Applicant, Verdict, verify};
use super::client::ClientAddress;
use super::error::HttpError;
use super::{AppState, apply};
use crate::submission::{self, SubmitError};
use app::domain::ApplicationAnswers;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::net::IpAddr;
use std::time::Instant;

pub const OPENAPI: &str = include_str!("openapi.json");

/// The verifier travels in a header, so that it stays out of addresses and access logs.
const VERIFIER: &str = "x-phone-last4";

pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// `POST /api/v1/applications`: 201 with the reference, and the same answer again when the
/// `Idempotency-Key` comes back with the same body (a retry); 422 when the key was first used
/// with another body, or naming each invalid field; 400 for a bad body.
pub async fn create(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, HttpError> {
    if !state.creations.allow(client, Instant::now()) {
        return Err(HttpError::TooManyCreations);
    }
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .filter(|k| (1..=100).contains(&k.len()))
        .ok_or(HttpError::IdempotencyKeyRequired)?;
    let answers: ApplicationAnswers = serde_json::from_slice(&body).map_err(|e| {
        let (zh, en) = super::rejection::json_error(&e);
        HttpError::BadBody(
            format!("请求体不是有效的申请 JSON：{zh}"),
            format!("The body is not an application in JSON: {en}"),
        )
    })?;
    // API keys live in their own namespace, apart from the web journey's draft ids.
    let idempotency_key = format!("api:{key}");
    match submission::submit(
        state.backend.as_ref(),
        &state.parameters,
        state.clock.now(),
        &idempotency_key,
        &answers,
    )
    .await
    {
        // A retry replays the first answer: same status, same Location, same body.
        Ok(submitted) => {
            let (status, reference) = (StatusCode::CREATED, submitted.reference());
            let last4: String = answers
                .who
                .applicant_phone
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            let last4 = &last4[last4.len().saturating_sub(4)..];
            let tracked = state.backend.track(reference, last4).await.ok().flatten();
            let location = format!("/api/v1/applications/{reference}");
            let body = json!({
                "reference": reference.to_string(),
                "status": tracked.as_ref().map(|t| t.status),
                "due_on": tracked.as_ref().map(|t| t.due_on),
            });
            Ok((status, [(header::LOCATION, location)], Json(body)).into_response())
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
    let last4 = headers.get(VERIFIER).and_then(|v| v.to_str().ok()).unwrap_or("");
    match verify(state, client, reference, last4).await {
        Verdict::Verified(applicant) => Ok(*applicant),
        Verdict::NotFound => Err(HttpError::NotFound),
        Verdict::Throttled => Err(HttpError::TooManyAttempts),
        Verdict::Unavailable => Err(HttpError::Unavailable),
    }
}

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
    let (kind, bytes) = apply::read_upload(form)
        .await
        .1
        .map_err(|e| HttpError::Invalid(vec![e]))?;
    match apply::add_to_application(&state, &reference, &last4, kind, bytes).await {
        Ok(id) => Ok((StatusCode::CREATED, Json(json!({ "id": id }))).into_response()),
        Err(apply::UploadError::Field(e)) => Err(HttpError::Invalid(vec![e])),
        Err(apply::UploadError::NotFound) => Err(HttpError::NotFound),
        Err(apply::UploadError::Unavailable) => Err(HttpError::Unavailable),
    }
}

/// The paths the OpenAPI document describes, for the test that keeps it honest.
pub fn documented_paths() -> Vec<String> {
    let doc: Value = serde_json::from_str(OPENAPI).unwrap_or_default();
    doc["paths"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}
