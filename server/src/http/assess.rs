//! `POST /api/v1/assess` (assess-api.md): 200 with the assessment, 422 naming each invalid
//! field, 400 for a body that is not a household in JSON.

use super::error::HttpError;
use super::json_body::ApiJson;
use super::schemas::{FieldErrors, HouseholdDoc, Problem};
use super::state::AppState;
use app::rules::{self, HouseholdInput};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

#[utoipa::path(
    post,
    path = "/api/v1/assess",
    tag = "assess",
    request_body(content = HouseholdDoc, description = "A household (assess-api.md). Indicative only (仅供参考)."),
    responses(
        (status = 200, description = "the assessment, with reasons and clauses", body = Object),
        (status = 400, description = "a body that is not a household in JSON", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "the body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "the body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "each invalid field, named", body = FieldErrors),
    )
)]
pub async fn assess(
    State(state): State<AppState>,
    ApiJson(input): ApiJson<HouseholdInput>,
) -> Result<Response, HttpError> {
    Ok(
        match rules::assess_input(&input, &state.parameters.current(), state.clock.today()) {
            Ok(assessment) => (StatusCode::OK, Json(assessment)).into_response(),
            // The contract's own shape (assess-api.md): the list of field errors.
            Err(errors) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(json!({ "errors": errors })),
            )
                .into_response(),
        },
    )
}
