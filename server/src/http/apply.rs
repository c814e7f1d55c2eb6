//! The application journey's form posts and pages. The draft lives in the database under a
//! secret id kept in an HttpOnly cookie, so answers survive a reload, a closed tab and a change
//! of step; its id is also the submission's idempotency key, so a double tap submits once.

use super::creating::Creating;
use super::error::HttpError;
use super::reader_locale::ReaderLocale;
use super::render;
use super::state::AppState;
use crate::db::{BackendError, DocumentRefusal, Draft, NewDocument};
use crate::submission::{self, SubmitError};
use app::components::check::answers::CheckAnswers;
use app::context::{ConfirmationContext, Page, StepContext};
use app::cookies::{SameSite, SetCookie};
use app::domain::DocumentKind;
use app::domain::application::{
    ApplicantAnswers, EmergencyAnswers, ExpenseAnswers, HouseholdAnswers, MeansAnswers,
};
use app::domain::document::{MAX_DOCUMENT_BYTES, MAX_FILES_AT_ONCE, sniff_content_type};
use app::domain::{AidType, ApplicationAnswers, MemberAnswers, ReferenceNumber, Step};
use app::i18n::Words;
use app::i18n::apply as texts;
use app::paths;
use app::rules::{AnswerError, FieldError};
use axum::Form;
use axum::extract::Multipart;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;

const COOKIE: &str = "draft";

fn uri_of(step: Step) -> String {
    paths::apply_step(step)
}

/// Answers from the check page, so that nothing is asked twice.
fn from_check(pairs: &[(String, String)]) -> ApplicationAnswers {
    let check = CheckAnswers::from_pairs(pairs);
    let member = |m: &app::components::check::answers::MemberAnswers| MemberAnswers {
        age: m.age.clone(),
        disabled: m.disabled,
        serious_illness: m.serious_illness,
        special_disease: m.special_disease.clone(),
        student: m.student.clone(),
        employed: m.employed,
        able_to_work: m.able_to_work,
        needs_care: m.needs_care,
        ..Default::default()
    };
    let mut members = check.members.iter().map(member);
    let applicant = members.next().unwrap_or_default();
    ApplicationAnswers {
        who: ApplicantAnswers {
            town: check.town.clone(),
            ..Default::default()
        },
        household: HouseholdAnswers {
            applicant,
            members: members.collect(),
        },
        means: MeansAnswers {
            status: check.status.clone(),
            annual_income: check.annual_income.clone(),
            income_period: check.income_period.clone(),
            financial_assets: check.financial_assets.clone(),
            extra_homes: check.extra_homes.clone(),
            vehicles: check.vehicles.clone(),
            housing_hardship: check.housing_hardship,
        },
        emergency: EmergencyAnswers {
            emergency_event: check.emergency_event.clone(),
            emergency_event_date: check.emergency_event_date.clone(),
            emergency_serious_difficulty: check.emergency_serious_difficulty,
            ..Default::default()
        },
        expense: ExpenseAnswers {
            expense_kind: check.expense_kind.clone(),
            expense_spent: check.expense_out_of_pocket.clone(),
            expense_reimbursed: if check.expense_out_of_pocket.is_empty() {
                String::new()
            } else {
                "0".into()
            },
            ..Default::default()
        },
        ..Default::default()
    }
}

/// The 删除 button of one of a draft's documents.
#[derive(serde::Deserialize)]
pub struct RemoveDocument {
    id: i64,
}

/// The form that names a document of the draft (`POST /apply/documents/kind`).
#[derive(serde::Deserialize)]
pub struct DocumentKindForm {
    id: i64,
    kind: String,
}

/// The steps the check answered completely: the household step for someone living alone, the
/// means step; each only when none of its answers is wrong.
fn carried_steps(
    answers: &ApplicationAnswers,
    parameters: &app::rules::Parameters,
    today: chrono::NaiveDate,
) -> Vec<Step> {
    let errors = answers.validate(parameters, today).err().unwrap_or_default();
    let clean = |step: Step| !errors.iter().any(|e| Step::of_field(&e.field) == Some(step));
    [Step::Household, Step::Means]
        .into_iter()
        .filter(|step| *step != Step::Household || answers.household.members.is_empty())
        .filter(|step| clean(*step))
        .collect()
}

/// `POST /apply/start`: a new draft, prefilled with what the check page already knows.
pub async fn start(
    State(state): State<AppState>,
    headers: HeaderMap,
    Creating(Form(pairs)): Creating<Form<Vec<(String, String)>>>,
) -> Result<Response, HttpError> {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    let from_the_check = pairs.iter().any(|(k, _)| k == "town");
    let mut answers = if from_the_check {
        from_check(&pairs)
    } else {
        ApplicationAnswers::default()
    };
    let chosen = match get("aid_type") {
        "" if get("has_expense") == "yes" && get("has_emergency") != "yes" => "expense",
        "" if get("has_emergency") == "yes" => "emergency",
        other => other,
    };
    if AidType::parse(chosen).is_some() {
        answers.who.aid_type = chosen.to_string();
    }
    // Steps whose every answer the check gave are not shown again (GOV.UK: do not ask what you
    // already know); check-your-answers lists them with 修改. Step 2 only for a household of
    // one (the others' names and relationships are the application's own questions), and only
    // steps whose answers the rules take as they are.
    let carried = if from_the_check {
        carried_steps(&answers, &state.parameters.current(), state.clock.today())
    } else {
        Vec::new()
    };
    let id = crate::auth::new_secret();
    let draft = Draft {
        answers,
        carried,
        ..Default::default()
    };
    state.store.save_draft(&id, &draft, state.clock.now()).await?;
    let mut response = render::see_other(&uri_of(Step::Applicant));
    // Lax: sent on the resident's own navigation, never on another site's form post (CSRF).
    let cookie = SetCookie {
        name: COOKIE,
        value: &id,
        path: "/apply",
        max_age_seconds: 2_592_000,
        same_site: SameSite::Lax,
        http_only: true,
        // Behind TLS (our proxy says so), sent over TLS only, as the staff cookies are (issue
        // 25, item 4).
        secure: super::staff::over_tls(&headers),
    };
    if let Some(value) = cookie.header() {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// The draft of this browser, by the secret id in its cookie. A browser without one (or with
/// one purged) starts again at `/apply`; a draft that cannot be read is a 503.
pub struct Drafted {
    pub id: String,
    pub draft: Draft,
}

impl FromRequestParts<AppState> for Drafted {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, HttpError> {
        let id = render::cookie(&parts.headers, COOKIE).ok_or(HttpError::Elsewhere(paths::APPLY))?;
        let draft = state
            .store
            .load_draft(&id)
            .await?
            .ok_or(HttpError::Elsewhere(paths::APPLY))?;
        Ok(Drafted { id, draft })
    }
}

/// `GET /apply/step/{n}`.
pub async fn show_step(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(n): Path<usize>,
    Drafted { id, draft }: Drafted,
) -> Result<Response, HttpError> {
    let step = Step::from_number(n).ok_or(HttpError::Elsewhere(paths::APPLY))?;
    if draft.submitted_reference.is_some() {
        return Err(HttpError::Elsewhere(paths::APPLY_CONFIRMATION));
    }
    let documents = if matches!(step, Step::Documents | Step::Review) {
        state.store.draft_documents(&id).await?
    } else {
        Vec::new()
    };
    // Errors are shown on the step they belong to only.
    let errors = draft
        .errors
        .into_iter()
        .filter(|e| Step::of_field(&e.field) == Some(step))
        .collect();
    let draft = Draft { errors, ..draft };
    let context = StepContext {
        step,
        draft,
        documents,
    };
    Ok(render::page(
        &state,
        &headers,
        &uri_of(step),
        Page::ApplyStep(Box::new(context)),
    )
    .await)
}

/// `POST /apply/step/{n}`: keep the answers, then go on, back, or stay with the errors.
pub async fn post_step(
    State(state): State<AppState>,
    Path(n): Path<usize>,
    Drafted { id, mut draft }: Drafted,
    ReaderLocale(locale): ReaderLocale,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, HttpError> {
    let step = Step::from_number(n).ok_or(HttpError::Elsewhere(paths::APPLY))?;
    if draft.submitted_reference.is_some() {
        return Err(HttpError::Elsewhere(paths::APPLY_CONFIRMATION));
    }
    draft.answers.read_form(step, &pairs);
    let action = match render::field(&pairs, "action") {
        "" => "next",
        action => action,
    };
    let today = state.clock.today();
    let all_errors = draft
        .answers
        .validate(&state.parameters.current(), today)
        .err()
        .unwrap_or_default();
    let step_errors: Vec<_> = all_errors
        .iter()
        .filter(|e| Step::of_field(&e.field) == Some(step))
        .cloned()
        .collect();

    let (errors, location) = match action {
        "resize" => (Vec::new(), uri_of(step)),
        "back" => (Vec::new(), uri_of(draft.step_before(step).unwrap_or(step))),
        _ if !step_errors.is_empty() => (step_errors, uri_of(step)),
        _ if step == Step::Review => {
            if let Some(first) = all_errors.first() {
                // Something earlier is still wrong: take the resident to it.
                (
                    all_errors.clone(),
                    uri_of(Step::of_field(&first.field).unwrap_or(step)),
                )
            } else {
                draft.errors.clear();
                state.store.save_draft(&id, &draft, state.clock.now()).await?;
                return match submission::submit(
                    &state.store,
                    &state.parameters.current(),
                    state.clock.now(),
                    submission::Origin::Draft(&id),
                    &draft.answers,
                    locale,
                )
                .await
                {
                    Ok(_) => Ok(render::see_other(paths::APPLY_CONFIRMATION)),
                    Err(SubmitError::Invalid(errors)) => {
                        // Take the resident to the first problem, on its own step.
                        let step = errors
                            .first()
                            .and_then(|e| Step::of_field(&e.field))
                            .unwrap_or(Step::Review);
                        draft.errors = errors;
                        state.store.save_draft(&id, &draft, state.clock.now()).await?;
                        Ok(render::see_other(&uri_of(step)))
                    }
                    // The draft id is a secret of this browser: a key reused with other
                    // answers can only be this draft, already submitted.
                    Err(SubmitError::KeyReused) => Ok(render::see_other(paths::APPLY_CONFIRMATION)),
                    Err(SubmitError::Backend(e)) => Err(HttpError::unavailable(e)),
                };
            }
        }
        _ => (Vec::new(), uri_of(draft.step_after(step).unwrap_or(step))),
    };
    draft.errors = errors;
    state.store.save_draft(&id, &draft, state.clock.now()).await?;
    Ok(render::see_other(&location))
}

/// `GET /apply/confirmation`: the reference number and what happens next.
pub async fn confirmation(
    State(state): State<AppState>,
    headers: HeaderMap,
    Drafted { draft, .. }: Drafted,
) -> Result<Response, HttpError> {
    let Some(reference) = draft.submitted_reference.clone() else {
        return Ok(render::see_other(&uri_of(Step::Review)));
    };
    // The draft names its application: not finding it is our failure, not the resident's.
    let tracked = state
        .store
        .track_by_any(&reference, &draft.answers.tracking_endings())
        .await?;
    let tracked =
        tracked.ok_or_else(|| HttpError::unavailable("a submitted draft's application is missing"))?;
    let context = ConfirmationContext {
        reference,
        aid_type: tracked.aid_type,
        due_on: tracked.due_on,
        town: tracked.town,
        town_office: tracked.town_office,
    };
    Ok(render::page(
        &state,
        &headers,
        paths::APPLY_CONFIRMATION,
        Page::Confirmation(context),
    )
    .await)
}

fn document_error(words: impl Into<Words>) -> FieldError {
    let Words { zh, en } = words.into();
    FieldError {
        field: "document".into(),
        message: zh,
        message_en: en,
    }
}

/// Why an upload was not kept.
#[derive(Debug)]
pub(super) enum UploadError {
    /// The sender's to fix, named at the document field (a 422 on the API).
    Field(FieldError),
    /// No such draft or application.
    NotFound,
    /// Ours: the document store or the database failed (logged); 503, try again.
    Unavailable,
}

impl From<FieldError> for UploadError {
    fn from(e: FieldError) -> UploadError {
        UploadError::Field(e)
    }
}

/// An upload form sent with no file chosen.
pub(super) fn choose_a_file_first() -> FieldError {
    document_error(texts::CHOOSE_A_FILE_FIRST)
}

fn too_large() -> FieldError {
    let mb = MAX_DOCUMENT_BYTES / 1024 / 1024;
    document_error(texts::file_too_large(mb))
}

/// A body that ended before the form did: the connection dropped, not a file too large.
fn truncated() -> FieldError {
    document_error(texts::FILE_CUT_OFF)
}

/// A failed read of the form: past the body limit (413) or cut off.
fn multipart_error(e: &axum::extract::multipart::MultipartError) -> FieldError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large()
    } else {
        truncated()
    }
}

/// What an upload form carried: the kind chosen (None when the form left it empty) and the
/// bytes of each file chosen, in order. A file input left empty sends an empty part, which is
/// no file.
#[derive(Debug, Default)]
pub(super) struct Chosen {
    pub kind: Option<DocumentKind>,
    pub files: Vec<Vec<u8>>,
}

/// Reads an upload form: its text fields, and the kind and the bytes of at most `max_files`
/// files (each at most the limit; a larger file is refused as soon as it passes it, and a file
/// past `max_files` is refused rather than dropped). The text fields are returned even when a
/// file is refused, so that the page can be shown again.
pub(super) async fn read_upload(
    mut form: Multipart,
    max_files: usize,
) -> (Vec<(String, String)>, Result<Chosen, FieldError>) {
    let mut fields = Vec::new();
    let mut chosen = Chosen::default();
    let mut refused = None;
    loop {
        let mut field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => {
                refused.get_or_insert(multipart_error(&e));
                break;
            }
        };
        match field.name().map(str::to_string) {
            Some(name) if name == "file" => {
                let mut bytes = Vec::new();
                // A refused file is not read further; the next part skips what is left of it.
                while refused.is_none() {
                    match field.chunk().await {
                        Ok(Some(chunk)) if bytes.len() + chunk.len() > MAX_DOCUMENT_BYTES => {
                            refused = Some(too_large());
                        }
                        Ok(Some(chunk)) => bytes.extend_from_slice(&chunk),
                        Ok(None) => break,
                        Err(e) => refused = Some(multipart_error(&e)),
                    }
                }
                if !bytes.is_empty() {
                    chosen.files.push(bytes);
                    if chosen.files.len() > max_files {
                        refused.get_or_insert(document_error(texts::too_many_files_at_once(max_files)));
                    }
                }
            }
            Some(name) => {
                let value = match field.text().await {
                    Ok(value) => value,
                    Err(e) => {
                        refused.get_or_insert(multipart_error(&e));
                        break;
                    }
                };
                if name == "kind" {
                    chosen.kind = DocumentKind::parse(value.trim());
                }
                fields.push((name, value));
            }
            None => {}
        }
    }
    match refused {
        Some(error) => (fields, Err(error)),
        None => (fields, Ok(chosen)),
    }
}

/// Reads an upload form that must carry exactly one file (the JSON API): its kind and bytes.
pub(super) async fn read_one_upload(form: Multipart) -> Result<(DocumentKind, Vec<u8>), FieldError> {
    let chosen = read_upload(form, 1).await.1?;
    let kind = chosen.kind.unwrap_or(DocumentKind::Other);
    chosen
        .files
        .into_iter()
        .next()
        .map(|bytes| (kind, bytes))
        .ok_or_else(choose_a_file_first)
}

/// Checks the bytes' real type and keeps them in the document store; the record to write.
pub(super) async fn keep_document(
    state: &AppState,
    kind: DocumentKind,
    bytes: Vec<u8>,
) -> Result<NewDocument, UploadError> {
    let content_type = sniff_content_type(&bytes).ok_or_else(|| document_error(texts::PHOTOS_OR_PDF_ONLY))?;
    let key = crate::auth::new_secret();
    let size = bytes.len();
    if let Err(e) = state.documents.put(&key, bytes).await {
        tracing::error!(error = %e, "could not store a document");
        return Err(UploadError::Unavailable);
    }
    Ok(NewDocument {
        kind: kind.word().to_string(),
        content_type,
        byte_size: size as i64,
        storage_key: key,
        uploaded_at: state.clock.now(),
    })
}

/// Deletes the bytes of a document whose record was not written, so that no file is left
/// that nothing points to.
async fn forget_bytes(state: &AppState, key: String) {
    if let Err(e) = state.documents.delete(&key).await {
        tracing::warn!(error = %e, "could not delete the bytes of a refused document");
    }
}

/// Keeps the bytes, then writes the record with `record` (which checks the limits and the
/// state in its transaction); when the record is refused or fails, the bytes go again.
async fn keep_and_record<F>(
    state: &AppState,
    kind: DocumentKind,
    bytes: Vec<u8>,
    record: F,
) -> Result<i64, UploadError>
where
    F: AsyncFnOnce(NewDocument) -> Result<Result<i64, DocumentRefusal>, BackendError>,
{
    let document = keep_document(state, kind, bytes).await?;
    let key = document.storage_key.clone();
    let refusal = match record(document).await {
        Ok(Ok(id)) => return Ok(id),
        Ok(Err(DocumentRefusal::NotFound)) => UploadError::NotFound,
        Ok(Err(refusal)) => UploadError::Field(refusal.at("document")),
        Err(_) => UploadError::Unavailable,
    };
    forget_bytes(state, key).await;
    Err(refusal)
}

/// A document for the application with this reference and phone ending (the tracking page and
/// the API): refused when the application is final or its limits are reached. With no kind
/// chosen it answers the town's open request, if there is one (db::documents).
pub(super) async fn add_to_application(
    state: &AppState,
    reference: &ReferenceNumber,
    last4: &str,
    chosen: Option<DocumentKind>,
    bytes: Vec<u8>,
) -> Result<i64, UploadError> {
    let working_days = state.parameters.current().calendar.as_of(state.clock.today());
    let kind = chosen.unwrap_or(DocumentKind::Other);
    keep_and_record(state, kind, bytes, async |document| {
        state
            .store
            .add_application_document(reference, last4, document, chosen, &working_days)
            .await
    })
    .await
}

/// Which button sent the documents step's form. The files chosen are kept whichever it was:
/// choosing a photo and pressing 继续 must never drop it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DocumentsButton {
    /// 上传: keep the files and stay, to add more.
    Upload,
    /// 继续: keep the files and go on.
    Next,
    /// 返回上一步: keep the files and go back.
    Back,
}

impl DocumentsButton {
    fn of(fields: &[(String, String)]) -> DocumentsButton {
        match render::field(fields, "action") {
            "next" => DocumentsButton::Next,
            "back" => DocumentsButton::Back,
            _ => DocumentsButton::Upload,
        }
    }
}

/// `POST /apply/documents`: the documents step's one form. The photos or PDFs chosen (several
/// at once from one picker, each checked by its content) are kept with the draft, whichever
/// button sent the form; then 继续 goes on, 返回 goes back and 上传 stays to add more.
pub async fn upload_document(
    State(state): State<AppState>,
    Drafted { id, mut draft }: Drafted,
    form: Multipart,
) -> Result<Response, HttpError> {
    let (fields, chosen) = read_upload(form, MAX_FILES_AT_ONCE).await;
    let button = DocumentsButton::of(&fields);
    let result = match chosen {
        Ok(chosen) if chosen.files.is_empty() && button == DocumentsButton::Upload => {
            Err(UploadError::Field(choose_a_file_first()))
        }
        Ok(chosen) => {
            // In order, stopping at the first refused; those before it stay kept.
            let kind = chosen.kind.unwrap_or(DocumentKind::Other);
            let mut kept = Ok(());
            for bytes in chosen.files {
                let record = async |document| state.store.add_draft_document(&id, document).await;
                if let Err(e) = keep_and_record(&state, kind, bytes, record).await {
                    kept = Err(e);
                    break;
                }
            }
            kept
        }
        Err(e) => Err(UploadError::Field(e)),
    };
    draft.errors = match result {
        Ok(_) => Vec::new(),
        Err(UploadError::Field(error)) => vec![error],
        Err(UploadError::NotFound) => return Err(HttpError::Elsewhere(paths::APPLY)),
        Err(UploadError::Unavailable) => return Err(HttpError::Unavailable),
    };
    let location = match button {
        _ if !draft.errors.is_empty() => uri_of(Step::Documents),
        DocumentsButton::Upload => uri_of(Step::Documents),
        DocumentsButton::Next => uri_of(draft.step_after(Step::Documents).unwrap_or(Step::Documents)),
        DocumentsButton::Back => uri_of(draft.step_before(Step::Documents).unwrap_or(Step::Documents)),
    };
    state.store.save_draft(&id, &draft, state.clock.now()).await?;
    Ok(render::see_other(&location))
}

/// `POST /apply/documents/kind`: says what a photo already sent is (issue 24, item 1: several
/// chosen at once take the kind chosen with them, and each can be named after). A kind that is
/// none, or a document of another draft, changes nothing.
pub async fn name_document(
    State(state): State<AppState>,
    Drafted { id, .. }: Drafted,
    Form(DocumentKindForm {
        id: document_id,
        kind,
    }): Form<DocumentKindForm>,
) -> Result<Response, HttpError> {
    if let Some(kind) = DocumentKind::parse(&kind) {
        state
            .store
            .set_draft_document_kind(&id, document_id, kind)
            .await?;
    }
    Ok(render::see_other(&uri_of(Step::Documents)))
}

/// `POST /apply/documents/remove`.
pub async fn remove_document(
    State(state): State<AppState>,
    Drafted { id, .. }: Drafted,
    Form(RemoveDocument { id: document_id }): Form<RemoveDocument>,
) -> Result<Response, HttpError> {
    let removed = state.store.remove_draft_document(&id, document_id).await?;
    if let Some(key) = removed {
        // The record is gone; leftover bytes would only be unreachable, so a failure is logged.
        if let Err(e) = state.documents.delete(&key).await {
            tracing::warn!(error = %e, "could not delete a removed document's bytes");
        }
    }
    Ok(render::see_other(&uri_of(Step::Documents)))
}
