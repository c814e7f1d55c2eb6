//! The web server: the Leptos pages, the JSON API, the static files, compression, request
//! logs and graceful shutdown.

mod api;
mod applicant;
mod apply;
mod assess;
pub mod assets;
mod budget_key;
mod check_form;
mod client;
mod connections;
mod creating;
mod creation_limit;
pub mod error;
mod health;
mod json_body;
mod json_words;
mod offline;
mod openapi;
mod publicity;
mod reader_locale;
mod redirect;
mod rejection;
mod render;
mod schemas;
mod security;
mod settings;
mod staff;
mod state;
mod throttle;
mod track;

use crate::messages::SmsChannel;
use crate::parameters::ParameterStore;
use crate::{config, db};
use app::app::{App, shell};
use app::paths;
use assets::Assets;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
pub use client::{TrustedProxies, TrustedProxy};
pub use connections::Limits;
pub use creation_limit::CreationLimit;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
pub use openapi::{document as openapi_document, documented_paths};
pub use settings::Settings;
pub use state::AppState;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
pub use throttle::Throttle;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::timeout::RequestBodyTimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

pub fn leptos_options(args: &Settings) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("portal")
        .site_root(args.site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(args.site_addr)
        .env(leptos::config::Env::PROD)
        .build()
}

pub fn router(state: AppState) -> Router {
    // Leptos serves the pages that need nothing from the server (the check, the start of an
    // application, the tracking form); every other page is rendered by a handler below.
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    let body_timeout = state.body_timeout;
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.site_context());
            security::provide_page_policy();
        }
    };
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/api/v1/assess", post(assess::assess))
        .route("/api/v1/openapi.json", get(openapi::serve))
        .route("/api/v1/applications", post(api::create))
        .route("/api/v1/applications/{reference}", get(api::get))
        .route(
            "/api/v1/applications/{reference}/documents",
            post(api::add_document).layer(DefaultBodyLimit::max(
                app::domain::document::MAX_DOCUMENT_BYTES + 64 * 1024,
            )),
        )
        .route(paths::CHECK, post(check_form::post))
        .route(paths::APPLY_START, post(apply::start))
        .route(paths::APPLY_STEP, get(apply::show_step).post(apply::post_step))
        .route(paths::APPLY_CONFIRMATION, get(apply::confirmation))
        .route(
            paths::APPLY_DOCUMENTS,
            // Several documents chosen at once, at most what one application holds, with room
            // for the form's other parts; each file is held to its own limit as it is read.
            post(apply::upload_document).layer(DefaultBodyLimit::max(
                app::domain::document::MAX_DOCUMENTS_TOTAL_BYTES + 64 * 1024,
            )),
        )
        .route(paths::APPLY_DOCUMENTS_REMOVE, post(apply::remove_document))
        .route(paths::APPLY_DOCUMENTS_KIND, post(apply::name_document))
        .route(paths::TRACK, post(track::post))
        .route(paths::TRACK_WITHDRAW, post(track::withdraw))
        .route(paths::TRACK_STOP_TEXTS, post(track::stop_texts))
        .route(paths::TRACK_ALL_DOCUMENTS_SENT, post(track::all_documents_sent))
        .route(paths::TRACK_FAMILY_LINK, post(track::family_link))
        .route(paths::TRACK_FAMILY_LINKS_REVOKE, post(track::revoke_family_links))
        .route(
            paths::TRACK_DOCUMENTS,
            post(track::add_document).layer(DefaultBodyLimit::max(
                app::domain::document::MAX_DOCUMENTS_TOTAL_BYTES + 64 * 1024,
            )),
        )
        .route(paths::FAMILY, get(track::family))
        .route(
            paths::FAMILY_DOCUMENTS,
            post(track::family_documents).layer(DefaultBodyLimit::max(
                app::domain::document::MAX_DOCUMENTS_TOTAL_BYTES + 64 * 1024,
            )),
        )
        .route(paths::PUBLICITY, get(publicity::show))
        .route(paths::SERVICE_WORKER, get(offline::service_worker))
        .merge(staff::routes())
        .leptos_routes_with_context(&state, routes, context, {
            let options = options.clone();
            move || shell(options.clone())
        })
        // The WASM, JS and CSS, from memory, as the .br or .gz .ci/build wrote beside each.
        .route(&format!("{}/{{name}}", assets::PREFIX), get(assets::serve))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(axum::middleware::from_fn_with_state(
            state.assets.stylesheet.clone(),
            error::layer,
        ))
        .layer(axum::middleware::from_fn(rejection::layer))
        .layer(axum::middleware::from_fn(security::layer))
        .layer(RequestBodyTimeoutLayer::new(body_timeout))
        // Brotli and gzip at level 5: a tenth smaller than the default 4 for a page, at about
        // the same cost (levels above 9 take tens of milliseconds a page).
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(5)))
        // One line per request: method, path, status, latency. Never headers or bodies, which
        // may carry personal data.
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &axum::http::Request<axum::body::Body>| {
                    tracing::info_span!(
                        "request",
                        method = %request.method(),
                        path = %loggable_path(request.uri().path()),
                    )
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// The path as the request log keeps it: never the query string (a search by name, a ledger's
/// period) and never a secret in the path (a family link's token).
fn loggable_path(path: &str) -> String {
    match path.strip_prefix("/family/") {
        Some(_) => "/family/…".to_string(),
        None => path.to_string(),
    }
}

pub async fn serve(args: Settings) -> Result<(), String> {
    let (state, store, sms) = state(&args).await?;
    tracing::info!(engine = store.engine(), parameters = %state.parameters.current().version, "database ready");
    let shutdown = shutdown_signal()?;
    let listener = tokio::net::TcpListener::bind(args.site_addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.site_addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let limits = args.limits();
    tracing::info!(
        address = %addr,
        max_connections = limits.max_connections,
        header_timeout_seconds = limits.header_timeout.as_secs(),
        shutdown_deadline_seconds = limits.shutdown_deadline.as_secs(),
        "listening on http://{addr}"
    );
    let stop_sending = Arc::new(tokio::sync::Notify::new());
    let sender = sms.map(|channel| {
        let stop = stop_sending.clone();
        let sender = crate::messages::Sender::new(store.clone(), channel, args.clock.clone())
            .with_parameters(state.parameters.clone());
        tokio::spawn(sender.run(async move { stop.notified().await }))
    });
    connections::serve(listener, router(state), limits, shutdown).await;
    // The batch being sent is finished and recorded before the database closes.
    stop_sending.notify_one();
    if let Some(sender) = sender {
        let _ = sender.await;
    }
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// The state the configuration describes: parameters, database, document store, limits, and
/// the channel texts go through (None without an SMS provider).
async fn state(args: &Settings) -> Result<(AppState, db::Store, Option<Arc<dyn SmsChannel>>), String> {
    let file = config::load_parameters(args.parameters.as_deref())?;
    let keys = Arc::new(crate::crypto::DataKeys::load(&args.data_key_file)?);
    // Checked before the database is touched: a bad setting stops the start, naming itself.
    let provider = crate::messages::Provider::from_settings(&args.sms)?;
    let mut database = db::connect(&args.database_url, Some(keys)).await?;
    database.store = database.store.sending_sms(provider.sends());
    tracing::info!(provider = provider.name(), "text messages");
    let sms = provider.channel()?;
    let store = database.store.clone();
    let parameters = ParameterStore::open(
        database.store.clone(),
        &file,
        args.parameters.is_some(),
        args.clock.now(),
    )
    .await?;
    parameters
        .recheck_if_due(args.clock.today())
        .await
        .map_err(|e| format!("cannot re-check the running cases: {e}"))?;
    parameters.keep_fresh(args.clock.clone());
    let documents = database.document_store(&args.documents_dir)?;
    crate::retention::purge_drafts(
        &database.store,
        documents.clone(),
        &parameters.current(),
        args.clock.now(),
    )
    .await?;
    let mut state = AppState::new(
        leptos_options(args),
        parameters,
        database,
        documents,
        args.creations_per_client,
        args.clock.clone(),
    )
    .with_trusted_proxies(&args.trusted_proxies.0)
    .with_assets(Assets::load(&args.site_root.join("pkg"))?);
    state.body_timeout = Duration::from_secs(args.body_timeout);
    Ok((state, store, sms))
}

/// Starts the portal in this process on `args.site_addr` (port 0: any free port) and returns
/// its address: for tests and benchmarks, which need the whole server without a binary.
pub async fn spawn(args: &Settings) -> Result<SocketAddr, String> {
    let (state, store, sms) = state(args).await?;
    if let Some(channel) = sms {
        let sender = crate::messages::Sender::new(store, channel, args.clock.clone())
            .with_parameters(state.parameters.clone());
        tokio::spawn(sender.run(std::future::pending()));
    }
    let listener = tokio::net::TcpListener::bind(args.site_addr)
        .await
        .map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let limits = args.limits();
    tokio::spawn(connections::serve(
        listener,
        router(state),
        limits,
        std::future::pending(),
    ));
    Ok(addr)
}

/// Resolves on SIGTERM (how a service manager stops us) or Ctrl-C. The handlers are installed
/// when this is called, not when it is first awaited, so a SIGTERM that arrives while the
/// server starts still stops it gracefully.
fn shutdown_signal() -> Result<impl std::future::Future<Output = ()>, String> {
    #[cfg(unix)]
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .map_err(|e| format!("cannot listen for SIGTERM: {e}"))?;
    Ok(async move {
        #[cfg(unix)]
        let terminate = terminate.recv();
        #[cfg(not(unix))]
        let terminate = std::future::pending::<Option<()>>();
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {},
            _ = terminate => {},
        }
    })
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn a_family_links_secret_never_reaches_the_request_log() {
        assert_eq!(loggable_path("/family/3f2a9c"), "/family/…");
        assert_eq!(
            loggable_path("/staff/case/LZ-7K4-M9Q-XRC"),
            "/staff/case/LZ-7K4-M9Q-XRC"
        );
    }
}
