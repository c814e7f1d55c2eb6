//! `POST /api/v1/assess` (assess-api.md): 200 with the assessment, 422 naming each invalid
//! field, 400 for a body that is not a household in JSON.

use super::AppState;
use app::rules::{self, HouseholdInput};
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

pub async fn assess(State(state): State<AppState>, body: Bytes) -> Response {
    let input: HouseholdInput = match serde_json::from_slice(&body) {
        Ok(input) => input,
        Err(e) => {
            let (zh, en) = super::rejection::json_error(&e);
            let body = json!({
                "error": "bad_request",
                "message": format!("请求体不是有效的家庭 JSON：{zh}"),
                "message_en": format!("The body is not a household in JSON: {en}"),
            });
            return (StatusCode::BAD_REQUEST, Json(body)).into_response();
        }
    };
    match rules::assess_input(&input, &state.parameters, state.clock.today()) {
        Ok(assessment) => (StatusCode::OK, Json(assessment)).into_response(),
        Err(errors) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({ "errors": errors })),
        )
            .into_response(),
    }
}
