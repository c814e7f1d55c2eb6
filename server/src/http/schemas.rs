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

/// A household to assess (assess-api.md; the rules read it as `app::rules::HouseholdInput`,
/// whose every field is optional so that a missing one is named in a 422). What the rules need
/// is required here (issue 25, item 6: `{}` is not a household by this document either).
#[derive(ToSchema)]
#[schema(as = Household)]
#[allow(dead_code)]
pub struct HouseholdDoc {
    /// The day to assess on; today in Chongqing when absent.
    date: Option<chrono::NaiveDate>,
    #[schema(schema_with = app::domain::schema::town)]
    town: String,
    #[schema(schema_with = app::domain::schema::status)]
    status: String,
    /// Everyone who lives together, the applicant first.
    #[schema(min_items = 1, max_items = 20)]
    members: Vec<MemberDoc>,
    /// The household's income over the last 12 months, in yuan.
    #[schema(schema_with = app::domain::schema::amount)]
    annual_income: String,
    /// Savings, deposits and shares, in yuan.
    #[schema(schema_with = app::domain::schema::amount)]
    financial_assets: String,
    /// Homes besides the one the household lives in.
    #[schema(minimum = 0, maximum = 1000)]
    extra_homes: Option<u32>,
    /// Motor vehicles (not a disability vehicle or a low-value work vehicle).
    #[schema(minimum = 0, maximum = 1000)]
    vehicles: Option<u32>,
    housing_hardship: Option<bool>,
    /// For emergency aid: what happened.
    emergency: Option<EmergencyDoc>,
    /// For expense-based aid: what the money went on.
    expense: Option<ExpenseDoc>,
}

/// A member of the household to assess.
#[derive(ToSchema)]
#[schema(as = HouseholdMember)]
#[allow(dead_code)]
pub struct MemberDoc {
    /// In whole years.
    #[schema(minimum = 0, maximum = 130)]
    age: u32,
    disabled: Option<bool>,
    serious_illness: Option<bool>,
    #[schema(schema_with = app::domain::schema::special_disease)]
    special_disease: Option<String>,
    #[schema(schema_with = app::domain::schema::student)]
    student: Option<String>,
    employed: Option<bool>,
    able_to_work: Option<bool>,
    needs_care: Option<bool>,
}

/// What happened, for emergency aid.
#[derive(ToSchema)]
#[schema(as = HouseholdEmergency)]
#[allow(dead_code)]
pub struct EmergencyDoc {
    #[schema(schema_with = app::domain::schema::event)]
    event: String,
    event_date: chrono::NaiveDate,
    serious_difficulty: Option<bool>,
}

/// The spending, for expense-based aid.
#[derive(ToSchema)]
#[schema(as = HouseholdExpense)]
#[allow(dead_code)]
pub struct ExpenseDoc {
    #[schema(schema_with = app::domain::schema::expense_kind)]
    kind: String,
    /// What was paid after reimbursements, in yuan.
    #[schema(schema_with = app::domain::schema::amount)]
    out_of_pocket: String,
}
