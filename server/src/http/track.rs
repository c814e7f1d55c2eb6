//! Tracking: reference number and the phone's last four digits → the timeline. A wrong reference
//! and a wrong phone get the same answer, and guessing is throttled.

use super::render::field;
use super::{AppState, render};
use app::context::{FamilyContext, TrackOutcome};
use app::domain::ReferenceNumber;
use axum::Form;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::Utc;
use leptos::prelude::provide_context;
use std::net::SocketAddr;
use std::time::Instant;

/// Looks the application up, counting a miss against the reference and the client.
async fn look_up(state: &AppState, client: &str, reference: &str, last4: &str) -> TrackOutcome {
    let now = Instant::now();
    let key = reference.to_uppercase();
    if state.throttle.blocked(&key, client, now) {
        return TrackOutcome::Throttled;
    }
    let found = match ReferenceNumber::parse(reference) {
        Some(r) if last4.len() == 4 && last4.bytes().all(|b| b.is_ascii_digit()) => {
            state.backend.track(&r, last4).await.ok().flatten()
        }
        _ => None,
    };
    match found {
        Some(tracked) => TrackOutcome::Found {
            tracked: Box::new(tracked),
            last4: last4.to_string(),
            family_link: None,
            upload_message: None,
        },
        None => {
            state.throttle.failed(&key, client, now);
            TrackOutcome::NotFound {
                reference: reference.to_string(),
            }
        }
    }
}

/// The tracking page with this outcome.
async fn show(state: &AppState, headers: &HeaderMap, outcome: TrackOutcome) -> Response {
    render::page(state, headers, "/track", move || provide_context(outcome.clone())).await
}

/// `POST /track`.
pub async fn post(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let outcome = look_up(
        &state,
        &client.ip().to_string(),
        field(&pairs, "reference"),
        field(&pairs, "last4"),
    )
    .await;
    show(&state, &headers, outcome).await
}

/// `POST /track/withdraw`: withdraws, then shows the timeline with the withdrawal on it.
pub async fn withdraw(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let (reference, last4) = (field(&pairs, "reference"), field(&pairs, "last4"));
    if let Some(r) = ReferenceNumber::parse(reference) {
        // A refused withdrawal (already decided, or wrong details) shows the timeline as it is.
        let _ = state.backend.withdraw(&r, last4, Utc::now()).await;
    }
    let outcome = look_up(&state, &client.ip().to_string(), reference, last4).await;
    show(&state, &headers, outcome).await
}

/// `POST /track/family-link`: a new read-only link, shown once on the tracking page.
pub async fn family_link(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let (reference, last4) = (field(&pairs, "reference"), field(&pairs, "last4"));
    let mut outcome = look_up(&state, &client.ip().to_string(), reference, last4).await;
    if let TrackOutcome::Found { family_link, .. } = &mut outcome
        && let Some(r) = ReferenceNumber::parse(reference)
    {
        let token = crate::auth::new_secret();
        if let Ok(true) = state
            .backend
            .create_family_link(&r, last4, &crate::auth::secret_hash(&token), Utc::now())
            .await
        {
            let host = headers
                .get("host")
                .and_then(|h| h.to_str().ok())
                .unwrap_or("127.0.0.1");
            let scheme = headers
                .get("x-forwarded-proto")
                .and_then(|h| h.to_str().ok())
                .unwrap_or("http");
            *family_link = Some(format!("{scheme}://{host}/family/{token}"));
        }
    }
    show(&state, &headers, outcome).await
}

/// `GET /family/{token}`: the timeline a family member sees.
pub async fn family(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Response {
    let tracked = state
        .backend
        .family_view(&crate::auth::secret_hash(&token))
        .await
        .ok()
        .flatten();
    let known = tracked.is_some();
    let uri = format!("/family/{token}");
    let mut response = render::page(&state, &headers, &uri, move || {
        provide_context(FamilyContext(tracked.clone()))
    })
    .await;
    // The secret is in the address: keep it out of other sites' Referer headers and caches.
    response.headers_mut().insert(
        "referrer-policy",
        axum::http::HeaderValue::from_static("no-referrer"),
    );
    response
        .headers_mut()
        .insert("cache-control", axum::http::HeaderValue::from_static("no-store"));
    if !known {
        *response.status_mut() = axum::http::StatusCode::NOT_FOUND;
    }
    response
}

/// `POST /track/documents` (multipart: reference, last4, kind, file): a document sent from the
/// tracking page, such as one the town asked for. The timeline is shown again with it.
pub async fn add_document(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    form: axum::extract::Multipart,
) -> Response {
    let (fields, upload) = super::apply::read_upload(form).await;
    let (reference, last4) = (
        field(&fields, "reference").to_string(),
        field(&fields, "last4").to_string(),
    );
    let mut outcome = look_up(&state, &client.ip().to_string(), &reference, &last4).await;
    let mut failed = false;
    if let TrackOutcome::Found {
        upload_message,
        tracked,
        ..
    } = &mut outcome
        && let Some(r) = ReferenceNumber::parse(&reference)
    {
        use super::apply::UploadError;
        let kept = match upload {
            Ok((kind, bytes)) => super::apply::add_to_application(&state, &r, &last4, kind, bytes).await,
            Err(e) => Err(UploadError::Field(e)),
        };
        let message = match kept {
            Ok(_) => {
                if let Ok(Some(fresh)) = state.backend.track(&r, &last4).await {
                    **tracked = fresh;
                }
                (
                    "已收到您的材料。".to_string(),
                    "Your document was received.".to_string(),
                )
            }
            Err(UploadError::Field(e)) => (e.message, e.message_en),
            Err(UploadError::NotFound | UploadError::Unavailable) => {
                failed = true;
                (
                    "保存失败，请再试一次。".to_string(),
                    "Saving failed; please try again.".to_string(),
                )
            }
        };
        *upload_message = Some(message);
    }
    let mut response = show(&state, &headers, outcome).await;
    // Our failure, not the resident's: 503, so that nothing takes it for a refusal.
    if failed {
        *response.status_mut() = axum::http::StatusCode::SERVICE_UNAVAILABLE;
    }
    response
}
