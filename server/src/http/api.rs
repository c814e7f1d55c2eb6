//! The JSON API for other channels (a WeChat mini-program, a kiosk at the town hall): the same
//! application, validation, rules and storage as the web journey. Described by the OpenAPI
//! document at `/api/v1/openapi.json` (`openapi.json` beside this file).

use super::applicant::{Applicant, Verdict, verify};
use super::client::ClientAddress;
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

fn problem(status: StatusCode, error: &str, zh: &str, en: &str) -> Response {
    (
        status,
        Json(json!({ "error": error, "message": zh, "message_en": en })),
    )
        .into_response()
}

fn unavailable() -> Response {
    problem(
        StatusCode::SERVICE_UNAVAILABLE,
        "unavailable",
        "服务暂时不可用，请稍后重试。",
        "The service is unavailable; retry later.",
    )
}

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
) -> Response {
    if !state.creations.allow(client, Instant::now()) {
        return problem(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_requests",
            "从这个网络提交的申请太多了，请过几分钟再试。",
            "Too many applications from this client; retry in a few minutes.",
        );
    }
    let Some(key) = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .filter(|k| (1..=100).contains(&k.len()))
    else {
        return problem(
            StatusCode::BAD_REQUEST,
            "idempotency_key_required",
            "请在 Idempotency-Key 请求头中给出 1 到 100 个字符的唯一值，重试时使用同一个值。",
            "Send an Idempotency-Key header of 1 to 100 characters, the same on every retry.",
        );
    };
    let answers: ApplicationAnswers = match serde_json::from_slice(&body) {
        Ok(answers) => answers,
        Err(e) => {
            let (zh, en) = super::rejection::json_error(&e);
            return problem(
                StatusCode::BAD_REQUEST,
                "bad_request",
                &format!("请求体不是有效的申请 JSON：{zh}"),
                &format!("The body is not an application in JSON: {en}"),
            );
        }
    };
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
                .applicant_phone
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            let last4 = &last4[last4.len().saturating_sub(4)..];
            let tracked = state.backend.track(reference, last4).await.ok().flatten();
            let location = format!("/api/v1/applications/{reference}");
            let body = json!({
                "reference": reference.to_string(),
                "status": tracked.as_ref().map(|t| t.status.clone()),
                "due_on": tracked.as_ref().map(|t| t.due_on),
            });
            (status, [(header::LOCATION, location)], Json(body)).into_response()
        }
        Err(SubmitError::Invalid(errors)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({ "errors": errors })),
        )
            .into_response(),
        Err(SubmitError::KeyReused) => problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            "idempotency_key_reused",
            "这个 Idempotency-Key 已经用于另一份申请。请为每份新申请使用一个新的、难以猜到的值（例如随机 UUID），重试同一份申请时才重复使用。",
            "This Idempotency-Key was already used for a different application. Use a new, unguessable value (such as a random UUID) for each new application, and repeat it only to retry the same one.",
        ),
        Err(SubmitError::Backend(_)) => unavailable(),
    }
}

fn not_found() -> Response {
    problem(
        StatusCode::NOT_FOUND,
        "not_found",
        "没有找到这个申请。请核对申请编号和手机号码后四位。",
        "No application matches this reference and phone ending.",
    )
}

/// Checks the verifier, through the same gate as the tracking page (applicant.rs).
async fn verified(
    state: &AppState,
    client: IpAddr,
    reference: &str,
    headers: &HeaderMap,
) -> Result<Applicant, Response> {
    let last4 = headers.get(VERIFIER).and_then(|v| v.to_str().ok()).unwrap_or("");
    match verify(state, client, reference, last4).await {
        Verdict::Verified(applicant) => Ok(*applicant),
        Verdict::NotFound => Err(not_found()),
        Verdict::Throttled => Err(problem(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_attempts",
            "查询次数太多，请过几分钟再试。",
            "Too many attempts; retry in a few minutes.",
        )),
        Verdict::Unavailable => Err(unavailable()),
    }
}

/// `GET /api/v1/applications/{reference}` with `X-Phone-Last4`: the status and the timeline.
pub async fn get(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    headers: HeaderMap,
    Path(reference): Path<String>,
) -> Response {
    match verified(&state, client, &reference, &headers).await {
        Ok(applicant) => Json(applicant.tracked).into_response(),
        Err(response) => response,
    }
}

/// `POST /api/v1/applications/{reference}/documents` (multipart `kind`, `file`) with
/// `X-Phone-Last4`: 201 with the document's id.
pub async fn add_document(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    headers: HeaderMap,
    Path(reference): Path<String>,
    form: Multipart,
) -> Response {
    let Applicant { reference, last4, .. } = match verified(&state, client, &reference, &headers).await {
        Ok(applicant) => applicant,
        Err(response) => return response,
    };
    let invalid = |e: app::rules::FieldError| {
        (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({ "errors": [e] }))).into_response()
    };
    let (kind, bytes) = match apply::read_upload(form).await.1 {
        Ok(upload) => upload,
        Err(e) => return invalid(e),
    };
    match apply::add_to_application(&state, &reference, &last4, kind, bytes).await {
        Ok(id) => (StatusCode::CREATED, Json(json!({ "id": id }))).into_response(),
        Err(apply::UploadError::Field(e)) => invalid(e),
        Err(apply::UploadError::NotFound) => not_found(),
        Err(apply::UploadError::Unavailable) => unavailable(),
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
