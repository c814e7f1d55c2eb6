//! The shapes the API reads and writes that are not the portal's own types: problem details,
//! the answers of a creation or an upload, health. Each derives its OpenAPI schema (openapi.rs
//! gathers them with the handlers' paths).

use app::domain::DocumentKind;
use utoipa::ToSchema;

/// A field the server could not accept, and why, in both languages.
#[derive(ToSchema)]
#[schema(as = FieldError)]
#[allow(dead_code)]
pub struct FieldErrorDoc {
    /// The field's path, e.g. `members[0].age`.
    field: String,
    /// Chinese.
    message: String,
    message_en: String,
}

/// RFC 9457 problem details, with the portal's own code and both languages (error.rs).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct Problem {
    r#type: String,
    title: String,
    status: u16,
    detail: String,
    /// A stable code: `unavailable`, `not_found`, `too_many_attempts`, `too_many_requests`,
    /// `idempotency_key_required`, `idempotency_key_reused`, `bad_request`, `too_large`,
    /// `invalid`.
    error: String,
    /// Chinese.
    message: String,
    message_en: String,
    /// For `invalid`: each field the server could not accept.
    errors: Option<Vec<FieldErrorDoc>>,
}

/// The field errors of an assessment (assess-api.md).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct FieldErrors {
    errors: Vec<FieldErrorDoc>,
}

/// A stored application.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct Created {
    /// Keep it: with the phone number's last four digits it tracks the application.
    #[schema(pattern = r"^LZ-[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$")]
    reference: String,
    status: Option<String>,
    due_on: Option<chrono::NaiveDate>,
}

/// A document sent after the application.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct DocumentUpload {
    kind: DocumentKind,
    /// A JPEG, PNG, WebP or PDF file, within the upload limits (app/src/domain/document.rs).
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// A document kept.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct DocumentAdded {
    id: i64,
}

/// What any call of an application may be answered when the portal protects itself or fails:
/// the same two refusals on every path that reaches the applications.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)]
pub enum Busy {
    /// Too many attempts or applications from this client; retry after a few minutes.
    #[response(status = 429, content_type = "application/problem+json")]
    TooMany(Problem),
    /// The service is unavailable; retry after the Retry-After seconds.
    #[response(status = 503, content_type = "application/problem+json")]
    Unavailable(Problem),
}

/// What `/healthz` and `/readyz` answer.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct Health {
    /// `ok` or `unavailable`.
    status: String,
    database: Option<String>,
    documents: Option<String>,
}
