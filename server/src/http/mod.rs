//! The web server: the Leptos pages, the JSON API, the static files, compression, request
//! logs and graceful shutdown.

mod api;
mod apply;
mod assess;
mod check_form;
mod creation_limit;
mod health;
mod publicity;
mod render;
mod staff;
mod throttle;
mod track;

use crate::cli::ServeArgs;
use crate::storage::{DocumentStore, LocalDirectory};
use crate::{config, db};
pub use api::documented_paths;
use app::app::{App, shell};
use app::backend::{Backend, StaffBackend};
use app::context::SiteContext;
use app::rules::Parameters;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::extract::FromRef;
use axum::routing::{get, post};
pub use creation_limit::CreationLimit;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list_with_exclusions};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
pub use throttle::Throttle;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub parameters: Arc<Parameters>,
    pub backend: Arc<dyn Backend>,
    pub staff: Arc<dyn StaffBackend>,
    pub throttle: Arc<Throttle>,
    pub documents: Arc<dyn DocumentStore>,
    /// Drafts and applications created per client (`creation_limit`).
    pub creations: Arc<CreationLimit>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> LeptosOptions {
        state.leptos_options.clone()
    }
}

impl AppState {
    pub fn new(
        leptos_options: LeptosOptions,
        parameters: Arc<Parameters>,
        database: db::Database,
        documents: Arc<dyn DocumentStore>,
        creations_per_client: usize,
    ) -> AppState {
        // Five misses on one reference, or twenty from one client, in fifteen minutes.
        let throttle = Arc::new(Throttle::new(Duration::from_secs(15 * 60), 5, 20));
        AppState {
            leptos_options,
            parameters,
            backend: database.backend,
            staff: database.staff,
            throttle,
            documents,
            creations: Arc::new(CreationLimit::new(creation_limit::WINDOW, creations_per_client)),
        }
    }

    /// The context every page render gets.
    pub fn site_context(&self) -> SiteContext {
        SiteContext {
            parameters: self.parameters.clone(),
            today: config::today_in_chongqing(),
        }
    }
}

pub fn leptos_options(args: &ServeArgs) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("portal")
        .site_root(args.site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(args.site_addr)
        .env(leptos::config::Env::PROD)
        .build()
}

pub fn router(state: AppState) -> Router {
    // These pages are rendered by handlers below that load the resident's draft first.
    let own_handlers = vec![
        "/apply/step/{n}".to_string(),
        "/apply/confirmation".to_string(),
        "/family/{token}".to_string(),
        "/staff".to_string(),
        "/staff/login".to_string(),
        "/staff/case/{reference}".to_string(),
        "/staff/admin".to_string(),
        "/staff/dashboard".to_string(),
        "/publicity".to_string(),
    ];
    let routes = generate_route_list_with_exclusions(App, Some(own_handlers));
    let options = state.leptos_options.clone();
    let pkg_dir = std::path::Path::new(&*options.site_root).join(&*options.site_pkg_dir);
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.site_context());
            provide_context(state.backend.clone());
        }
    };
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/api/v1/assess", post(assess::assess))
        .route("/api/v1/openapi.json", get(api::openapi))
        .route("/api/v1/applications", post(api::create))
        .route("/api/v1/applications/{reference}", get(api::get))
        .route(
            "/api/v1/applications/{reference}/documents",
            post(api::add_document).layer(DefaultBodyLimit::max(
                app::domain::document::MAX_DOCUMENT_BYTES + 64 * 1024,
            )),
        )
        .route("/", post(check_form::post))
        .route("/apply/start", post(apply::start))
        .route("/apply/step/{n}", get(apply::show_step).post(apply::post_step))
        .route("/apply/confirmation", get(apply::confirmation))
        .route(
            "/apply/documents",
            // A document at the limit, with room for the form's other parts.
            post(apply::upload_document).layer(DefaultBodyLimit::max(
                app::domain::document::MAX_DOCUMENT_BYTES + 64 * 1024,
            )),
        )
        .route("/apply/documents/remove", post(apply::remove_document))
        .route("/track", post(track::post))
        .route("/track/withdraw", post(track::withdraw))
        .route("/track/family-link", post(track::family_link))
        .route(
            "/track/documents",
            post(track::add_document).layer(DefaultBodyLimit::max(
                app::domain::document::MAX_DOCUMENT_BYTES + 64 * 1024,
            )),
        )
        .route("/family/{token}", get(track::family))
        .route("/publicity", get(publicity::show))
        .merge(staff::routes())
        .leptos_routes_with_context(&state, routes, context, {
            let options = options.clone();
            move || shell(options.clone())
        })
        // The WASM, JS and CSS, served as the .br or .gz file .ci/build wrote beside each.
        .nest_service(
            "/pkg",
            ServeDir::new(pkg_dir).precompressed_br().precompressed_gzip(),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(CompressionLayer::new())
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

pub async fn serve(args: ServeArgs) -> Result<(), String> {
    let parameters = Arc::new(config::load_parameters(args.parameters.as_deref())?);
    let database = db::connect(&args.database_url).await?;
    let backend = database.backend.clone();
    tracing::info!(engine = backend.engine(), parameters = %parameters.version, "database ready");
    let documents = LocalDirectory::open(args.documents_dir.clone()).map_err(|e| {
        format!(
            "cannot open the document store {}: {e}",
            args.documents_dir.display()
        )
    })?;
    let state = AppState::new(
        leptos_options(&args),
        parameters,
        database,
        Arc::new(documents),
        args.creations_per_client,
    );
    let shutdown = shutdown_signal()?;
    let listener = tokio::net::TcpListener::bind(args.site_addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.site_addr))?;
    tracing::info!(address = %args.site_addr, "listening on http://{}", args.site_addr);
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
    .map_err(|e| format!("server error: {e}"))?;
    backend.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Starts the portal in this process on `args.site_addr` (port 0: any free port) and returns
/// its address: for tests and benchmarks, which need the whole server without a binary.
pub async fn spawn(args: &ServeArgs) -> Result<SocketAddr, String> {
    let parameters = Arc::new(config::load_parameters(args.parameters.as_deref())?);
    let database = db::connect(&args.database_url).await?;
    let documents = LocalDirectory::open(args.documents_dir.clone()).map_err(|e| e.to_string())?;
    let state = AppState::new(
        leptos_options(args),
        parameters,
        database,
        Arc::new(documents),
        args.creations_per_client,
    );
    let listener = tokio::net::TcpListener::bind(args.site_addr)
        .await
        .map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    tokio::spawn(async move {
        axum::serve(
            listener,
            router(state).into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
    });
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
        tracing::info!("shutting down: finishing the requests in flight");
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
