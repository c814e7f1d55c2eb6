//! Tracking: reference number and the phone's last four digits → the timeline. A wrong reference
//! and a wrong phone get the same answer, and guessing is throttled.

use super::{AppState, render};
use app::context::TrackOutcome;
use app::domain::ReferenceNumber;
use axum::Form;
use axum::extract::{ConnectInfo, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::Utc;
use leptos::prelude::provide_context;
use std::net::SocketAddr;
use std::time::Instant;

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .unwrap_or("")
}

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
            tracked,
            last4: last4.to_string(),
        },
        None => {
            state.throttle.failed(&key, client, now);
            TrackOutcome::NotFound {
                reference: reference.to_string(),
            }
        }
    }
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
    render::page(&state, &headers, "/track", move || {
        provide_context(outcome.clone())
    })
    .await
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
    render::page(&state, &headers, "/track", move || {
        provide_context(outcome.clone())
    })
    .await
}
