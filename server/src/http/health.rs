use super::schemas::Health;
use super::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

#[utoipa::path(
    get,
    path = "/healthz",
    tag = "operations",
    responses(
        (status = 200, description = "the database answers", body = Health),
        (status = 503, description = "the database does not answer", body = Health),
    )
)]
/// `GET /healthz`: 200 when the database answers, 503 when it does not.
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let engine = state.store.engine();
    match state.store.health().await {
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

#[utoipa::path(
    get,
    path = "/readyz",
    tag = "operations",
    responses(
        (status = 200, description = "a submission could be stored now", body = Health),
        (status = 503, description = "the database or the document store cannot be written", body = Health),
    )
)]
/// `GET /readyz`: 200 when a submission could be stored now (the database takes a write and the
/// document store takes a file); 503 naming what cannot, for the load balancer to send
/// residents elsewhere and for the operator to look at. Unlike `/healthz`, this writes.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let database = state.store.ready(state.clock.now()).await.is_ok();
    let documents = match state.documents.check_writable().await {
        Ok(()) => true,
        Err(e) => {
            tracing::error!(error = %e, "the document store cannot take a document");
            false
        }
    };
    let word = |ok: bool| if ok { "ok" } else { "unavailable" };
    let status = if database && documents {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        Json(json!({
            "status": word(database && documents),
            "database": word(database),
            "documents": word(documents),
        })),
    )
}
