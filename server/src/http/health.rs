use super::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

/// `GET /healthz`: 200 when the database answers, 503 when it does not.
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let engine = state.backend.engine();
    match state.backend.health().await {
        Ok(()) => (
            StatusCode::OK,
            Json(json!({ "status": "ok", "database": engine })),
        ),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "status": "unavailable", "database": engine })),
        ),
    }
}
