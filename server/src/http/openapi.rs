//! The API's OpenAPI document, derived from the types the API reads and writes (the
//! application's step structs, the tracking answer, the problem details) and from the
//! handlers' `#[utoipa::path]` attributes: nothing in it is kept by hand, and the server
//! serves exactly what is derived here.

use super::schemas::{
    Created, DocumentAdded, DocumentUpload, EmergencyDoc, ExpenseDoc, FieldErrorDoc, FieldErrors, Health,
    HouseholdDoc, MemberDoc, Problem,
};
use super::{api, assess, health};
use app::domain::messages::SentMessage;
use app::domain::{AidType, ApplicationAnswers, TimelineEvent, Tracked};
use std::sync::OnceLock;
use utoipa::OpenApi;
use utoipa::openapi::OpenApi as Document;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "江津区临时救助服务 API — Jiangjin temporary assistance",
        version = "1",
        description = "The assessment contract (assess-api.md) and applications for other channels. Money in yuan. Errors carry a Chinese message and an English one."
    ),
    paths(
        assess::assess,
        api::create,
        api::get,
        api::add_document,
        serve,
        health::healthz,
        health::readyz,
    ),
    components(schemas(
        ApplicationAnswers,
        Tracked,
        TimelineEvent,
        SentMessage,
        AidType,
        Problem,
        FieldErrorDoc,
        FieldErrors,
        Created,
        DocumentUpload,
        DocumentAdded,
        Health,
        HouseholdDoc,
        MemberDoc,
        EmergencyDoc,
        ExpenseDoc
    ))
)]
struct ApiDoc;

/// The document, derived once.
pub fn document() -> &'static Document {
    static DOCUMENT: OnceLock<Document> = OnceLock::new();
    DOCUMENT.get_or_init(ApiDoc::openapi)
}

/// The paths the document describes, for the test that keeps it honest.
pub fn documented_paths() -> Vec<String> {
    document().paths.paths.keys().cloned().collect()
}

/// `GET /api/v1/openapi.json`: the document itself.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "api",
    responses((status = 200, description = "this document", body = Object))
)]
pub async fn serve() -> axum::response::Response {
    use axum::response::IntoResponse;
    axum::Json(document()).into_response()
}
