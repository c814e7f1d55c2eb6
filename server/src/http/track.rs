//! Tracking: reference number and the phone's last four digits → the timeline. A wrong reference
//! and a wrong phone get the same answer, and guessing is throttled. Every action here passes
//! the same gate first (applicant.rs): the limit, then the reference and the ending.

use super::applicant::{Applicant, Verdict, verify};
use super::render;
use super::state::AppState;
use super::state::ClientAddress;
use app::context::{FamilyContext, FamilyLinkMade, FamilyLinks, FamilyView, Page, TrackOutcome};
use app::i18n::Text;
use app::i18n::track as texts;
use app::paths;
use axum::Form;
use axum::extract::{FromRequest, FromRequestParts, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use std::net::IpAddr;

/// What every tracking form posts: the reference and the phone's last four digits (missing ones
/// are empty, and answered as not found), and on the withdrawal's question, the answer.
#[derive(Deserialize)]
pub struct TrackForm {
    #[serde(default)]
    reference: String,
    #[serde(default)]
    last4: String,
    #[serde(default)]
    confirm: Confirm,
}

/// The withdrawal's question: only `yes` withdraws; anything else asks again.
#[derive(Deserialize, Default, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Confirm {
    Yes,
    #[default]
    #[serde(other)]
    Not,
}

/// The resident gate as an extractor: the posted reference and phone ending, through the
/// guessing limit (applicant.rs). A request that does not pass is answered by the tracking page
/// (not found, too many attempts, try again) and never reaches the handler, which names whom it
/// serves in its arguments.
pub struct Resident {
    applicant: Applicant,
    form: TrackForm,
}

impl FromRequest<AppState> for Resident {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Resident, Response> {
        let (mut parts, body) = request.into_parts();
        let Ok(ClientAddress(client)) = ClientAddress::from_request_parts(&mut parts, state).await;
        let headers = parts.headers.clone();
        let Form(form) = Form::<TrackForm>::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        let applicant = verified(state, client, &headers, form.reference.trim(), form.last4.trim()).await?;
        Ok(Resident { applicant, form })
    }
}

/// The tracking page with this outcome, with the status that goes with it.
async fn show(state: &AppState, headers: &HeaderMap, outcome: TrackOutcome) -> Response {
    let status = match outcome {
        TrackOutcome::Throttled => StatusCode::TOO_MANY_REQUESTS,
        TrackOutcome::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::OK,
    };
    let mut response = render::page(state, headers, paths::TRACK, Page::Track(outcome)).await;
    *response.status_mut() = status;
    response
}

/// The verified applicant, or the page that answers instead (not found, too many attempts,
/// unavailable).
async fn verified(
    state: &AppState,
    client: IpAddr,
    headers: &HeaderMap,
    reference: &str,
    last4: &str,
) -> Result<Applicant, Response> {
    let outcome = match verify(state, client, reference, last4).await {
        Verdict::Verified(applicant) => return Ok(*applicant),
        Verdict::NotFound => TrackOutcome::NotFound {
            reference: reference.to_string(),
        },
        Verdict::Throttled => TrackOutcome::Throttled,
        Verdict::Unavailable => TrackOutcome::Unavailable,
    };
    Err(show(state, headers, outcome).await)
}

async fn unavailable(state: &AppState, headers: &HeaderMap) -> Response {
    show(state, headers, TrackOutcome::Unavailable).await
}

/// Days a family link keeps working after the decision, as the parameters in force say today;
/// None when no set is in force today (the page then says "try again", never a guess).
fn family_link_days(state: &AppState) -> Option<i64> {
    let days = state.parameters.current().on(state.clock.today()).ok()?;
    Some(days.family_link_days_after_decision)
}

/// The application as the verified applicant sees it, with its working family links.
async fn found(state: &AppState, applicant: Applicant, now: DateTime<Utc>) -> TrackOutcome {
    let Some(days) = family_link_days(state) else {
        return TrackOutcome::Unavailable;
    };
    let open = applicant.tracked.family_links_open(now, days);
    let active = if open {
        match state
            .store
            .family_link_count(&applicant.reference, &applicant.last4)
            .await
        {
            Ok(count) => count,
            Err(_) => return TrackOutcome::Unavailable,
        }
    } else {
        0
    };
    TrackOutcome::Found {
        tracked: Box::new(applicant.tracked),
        last4: applicant.last4,
        family_link: None,
        upload_message: None,
        texts_stopped: false,
        family_links: FamilyLinks {
            active,
            open,
            revoked: None,
        },
    }
}

/// Reads the application again after an action changed it; false when the database failed.
async fn refresh(state: &AppState, applicant: &mut Applicant) -> bool {
    match state.store.track(&applicant.reference, &applicant.last4).await {
        Ok(Some(tracked)) => {
            applicant.tracked = tracked;
            true
        }
        Ok(None) => true,
        Err(_) => false,
    }
}

/// `POST /track`.
pub async fn post(State(state): State<AppState>, headers: HeaderMap, resident: Resident) -> Response {
    let applicant = resident.applicant;
    let outcome = found(&state, applicant, state.clock.now()).await;
    show(&state, &headers, outcome).await
}

/// `POST /track/withdraw`: the tracking page's button asks first (a withdrawal cannot be
/// undone); the question's "yes" (`confirm=yes`) withdraws, then shows the timeline with the
/// withdrawal on it.
pub async fn withdraw(State(state): State<AppState>, headers: HeaderMap, resident: Resident) -> Response {
    let Resident { mut applicant, form } = resident;
    if form.confirm != Confirm::Yes {
        let question = TrackOutcome::ConfirmWithdrawal {
            reference: applicant.reference.to_string(),
            last4: applicant.last4,
        };
        return show(&state, &headers, question).await;
    }
    let now = state.clock.now();
    // A refused withdrawal (already decided) shows the timeline as it is.
    let withdrawn = state
        .store
        .withdraw(&applicant.reference, &applicant.last4, now)
        .await;
    if withdrawn.is_err() || !refresh(&state, &mut applicant).await {
        return unavailable(&state, &headers).await;
    }
    let outcome = found(&state, applicant, now).await;
    show(&state, &headers, outcome).await
}

/// `POST /track/documents/all-sent`: the applicant says they have sent everything the town
/// asked for (已全部上传): the case goes back to the town, and the timeline says so. On a case
/// the town no longer waits on, nothing changes.
pub async fn all_documents_sent(
    State(state): State<AppState>,
    headers: HeaderMap,
    resident: Resident,
) -> Response {
    let mut applicant = resident.applicant;
    let now = state.clock.now();
    let working_days = state.parameters.current().calendar.as_of(state.clock.today());
    let sent = state
        .store
        .all_documents_sent(&applicant.reference, &applicant.last4, now, &working_days)
        .await;
    if sent.is_err() || !refresh(&state, &mut applicant).await {
        return unavailable(&state, &headers).await;
    }
    let outcome = found(&state, applicant, now).await;
    show(&state, &headers, outcome).await
}

/// `POST /track/texts/stop`: no more texts about this application (the messages go on being
/// shown on the tracking page); texts not yet sent are not sent.
pub async fn stop_texts(State(state): State<AppState>, headers: HeaderMap, resident: Resident) -> Response {
    let mut applicant = resident.applicant;
    let now = state.clock.now();
    let stopped = state
        .store
        .stop_texts(&applicant.reference, &applicant.last4, now)
        .await;
    if stopped.is_err() || !refresh(&state, &mut applicant).await {
        return unavailable(&state, &headers).await;
    }
    let mut outcome = found(&state, applicant, now).await;
    if let TrackOutcome::Found { texts_stopped, .. } = &mut outcome {
        *texts_stopped = true;
    }
    show(&state, &headers, outcome).await
}

/// `POST /track/family-link`: a new read-only link, shown once on the tracking page. None once
/// links of the case no longer work (the days after the decision have passed).
pub async fn family_link(State(state): State<AppState>, headers: HeaderMap, resident: Resident) -> Response {
    let applicant = resident.applicant;
    let now = state.clock.now();
    let Some(days) = family_link_days(&state) else {
        return unavailable(&state, &headers).await;
    };
    let mut link = None;
    if applicant.tracked.family_links_open(now, days) {
        let token = crate::auth::new_secret();
        match state
            .store
            .create_family_link(
                &applicant.reference,
                &applicant.last4,
                &crate::auth::secret_hash(&token),
                now,
            )
            .await
        {
            Ok(true) => {
                let address = family_link_address(&headers, &token);
                link = Some(FamilyLinkMade {
                    qr_svg: qr_svg(&address),
                    address,
                })
            }
            Ok(false) => {}
            Err(_) => return unavailable(&state, &headers).await,
        }
    }
    let mut outcome = found(&state, applicant, now).await;
    if let TrackOutcome::Found { family_link, .. } = &mut outcome {
        *family_link = link;
    }
    show(&state, &headers, outcome).await
}

/// The address as a QR code, an SVG drawn here (no script, nothing fetched): black on white,
/// with the quiet zone scanners need. Hidden from screen readers: the caption says what it is
/// and the address is written above it.
fn qr_svg(address: &str) -> String {
    let Ok(code) = qrcode::QrCode::new(address.as_bytes()) else {
        // Too long for a QR code (an address never is): the link and its buttons still work.
        return String::new();
    };
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    // The XML declaration has no place inside an HTML page.
    let start = svg.find("<svg").unwrap_or(0);
    svg[start..].replacen("<svg", r#"<svg aria-hidden="true" focusable="false""#, 1)
}

fn family_link_address(headers: &HeaderMap, token: &str) -> String {
    let host = headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    let scheme = headers
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("http");
    format!("{scheme}://{host}/family/{token}")
}

/// `POST /track/family-links/revoke`: every family link of the application stops working.
pub async fn revoke_family_links(
    State(state): State<AppState>,
    headers: HeaderMap,
    resident: Resident,
) -> Response {
    let applicant = resident.applicant;
    let revoked = match state
        .store
        .revoke_family_links(&applicant.reference, &applicant.last4)
        .await
    {
        Ok(count) => count,
        Err(_) => return unavailable(&state, &headers).await,
    };
    let mut outcome = found(&state, applicant, state.clock.now()).await;
    if let TrackOutcome::Found { family_links, .. } = &mut outcome {
        family_links.revoked = Some(revoked);
    }
    show(&state, &headers, outcome).await
}

/// `GET /family/{token}`: the timeline a family member sees, without the reference number. An
/// unknown, revoked or expired link gets the same 404.
pub async fn family(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Response {
    family_page(&state, &headers, &token, None).await
}

/// The family page of `token`, with what became of a relative's upload.
async fn family_page(
    state: &AppState,
    headers: &HeaderMap,
    token: &str,
    upload_message: Option<(String, String)>,
) -> Response {
    let found = state.store.family_view(&crate::auth::secret_hash(token)).await;
    let view = match (found, family_link_days(state)) {
        (Ok(Some(tracked)), Some(days)) if tracked.family_links_open(state.clock.now(), days) => {
            // With the reference, a forwarded link would be half of the tracking secret.
            FamilyContext::Shown(Box::new(FamilyView {
                tracked: tracked.without_reference(),
                token: token.to_string(),
                upload_message,
            }))
        }
        (Ok(Some(_)), None) | (Err(_), _) => FamilyContext::Unavailable,
        (Ok(_), _) => FamilyContext::Unknown,
    };
    let status = match view {
        FamilyContext::Shown(_) => StatusCode::OK,
        FamilyContext::Unknown => StatusCode::NOT_FOUND,
        FamilyContext::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
    };
    let uri = paths::family(token);
    let mut response = render::page(state, headers, &uri, Page::Family(view)).await;
    // The secret is in the address: keep it out of other sites' Referer headers and caches.
    response
        .headers_mut()
        .insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    response
        .headers_mut()
        .insert("cache-control", HeaderValue::from_static("no-store"));
    *response.status_mut() = status;
    response
}

/// `POST /family/{token}/documents` (multipart: kind, file): a relative with the family link
/// sends the documents the town asks for (issue 24, item 14), as the applicant would from
/// tracking; the relative never sees them, nor the reference or the phone ending. Only while
/// the link works and the case is undecided.
pub async fn family_documents(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
    form: axum::extract::Multipart,
) -> Response {
    let (_, upload) = super::apply::read_upload(form, app::domain::document::MAX_FILES_AT_ONCE).await;
    let hash = crate::auth::secret_hash(&token);
    let target = state.store.family_link_target(&hash).await;
    let shown = match &target {
        Ok(Some((reference, last4))) => state.store.track(reference, last4).await,
        _ => Ok(None),
    };
    let (target, shown) = match (target, shown) {
        (Ok(Some(target)), Ok(Some(tracked))) => (target, tracked),
        // Unknown, revoked, or the database failed: the page says which, and nothing is kept.
        _ => return family_page(&state, &headers, &token, None).await,
    };
    let open = family_link_days(&state).is_some_and(|days| shown.family_links_open(state.clock.now(), days));
    if !open || !shown.can_withdraw() {
        let Text(zh, en) = texts::APPLICATION_CLOSED_FOR_DOCUMENTS;
        return family_page(&state, &headers, &token, Some((zh.to_string(), en.to_string()))).await;
    }
    let (reference, last4) = target;
    let (message, failed) = keep_uploads(&state, &reference, &last4, upload).await;
    tracing::info!(kept = !failed, "a relative sent documents through a family link");
    let mut response = family_page(&state, &headers, &token, Some(message)).await;
    if failed {
        *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    }
    response
}

/// Keeps the files sent for an application, in order, stopping at the first refused (those
/// before it stay kept): what to tell the sender, and whether it was our failure (503).
async fn keep_uploads(
    state: &AppState,
    reference: &app::domain::ReferenceNumber,
    last4: &str,
    upload: Result<super::apply::Chosen, app::rules::FieldError>,
) -> ((String, String), bool) {
    use super::apply::UploadError;
    let kept = match upload {
        Ok(chosen) if chosen.files.is_empty() => Err(UploadError::Field(super::apply::choose_a_file_first())),
        Ok(chosen) => {
            let mut kept = Ok(0);
            for bytes in chosen.files {
                kept = super::apply::add_to_application(state, reference, last4, chosen.kind, bytes).await;
                if kept.is_err() {
                    break;
                }
            }
            kept
        }
        Err(e) => Err(UploadError::Field(e)),
    };
    match kept {
        Ok(_) => {
            let Text(zh, en) = texts::DOCUMENT_RECEIVED;
            ((zh.to_string(), en.to_string()), false)
        }
        Err(UploadError::Field(e)) => ((e.message, e.message_en), false),
        Err(UploadError::NotFound | UploadError::Unavailable) => {
            let Text(zh, en) = texts::SAVING_FAILED;
            ((zh.to_string(), en.to_string()), true)
        }
    }
}

/// `POST /track/documents` (multipart: reference, last4, kind, file): a document sent from the
/// tracking page, such as one the town asked for. The timeline is shown again with it.
pub async fn add_document(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    headers: HeaderMap,
    form: axum::extract::Multipart,
) -> Response {
    let (fields, upload) = super::apply::read_upload(form, app::domain::document::MAX_FILES_AT_ONCE).await;
    let (reference, last4) = (
        render::field(&fields, "reference"),
        render::field(&fields, "last4"),
    );
    let mut applicant = match verified(&state, client, &headers, reference, last4).await {
        Ok(applicant) => applicant,
        Err(page) => return page,
    };
    let (message, failed) = keep_uploads(&state, &applicant.reference, &applicant.last4, upload).await;
    if !failed {
        // Kept: if the timeline cannot be read again, the one shown lacks it, that is all.
        let _ = refresh(&state, &mut applicant).await;
    }
    let mut outcome = found(&state, applicant, state.clock.now()).await;
    if let TrackOutcome::Found { upload_message, .. } = &mut outcome {
        *upload_message = Some(message);
    }
    let mut response = show(&state, &headers, outcome).await;
    // Our failure, not the resident's: 503, so that nothing takes it for a refusal.
    if failed {
        *response.status_mut() = axum::http::StatusCode::SERVICE_UNAVAILABLE;
    }
    response
}
