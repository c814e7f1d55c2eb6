//! What every handler is handed: the parameters in force, the database, the document store,
//! the limits, the clock and the built site's files.

use super::assets::Assets;
use super::client::{TrustedProxy, client_address};
use super::creation_limit::{self, CreationLimit};
use super::throttle::Throttle;
use crate::clock::Clock;
use crate::db;
use crate::parameters::ParameterStore;
use crate::storage::DocumentStore;
use app::context::SiteContext;
use axum::extract::FromRef;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use leptos::config::LeptosOptions;
use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    /// The parameter set in force, from the database (crate::parameters).
    pub parameters: ParameterStore,
    /// The database (db::Store).
    pub store: db::Store,
    pub throttle: Arc<Throttle>,
    pub documents: Arc<dyn DocumentStore>,
    /// How long a request body may stall between two parts (`--body-timeout`).
    pub body_timeout: Duration,
    /// Our own reverse proxies, whose `X-Forwarded-For` names the client (client.rs).
    pub trusted_proxies: Arc<[TrustedProxy]>,
    /// Drafts and applications created per client (`creation_limit`).
    pub creations: Arc<CreationLimit>,
    /// The time every handler acts at (clock.rs).
    pub clock: Clock,
    /// The built site's `/pkg` files, in memory (assets.rs).
    pub assets: Assets,
}

impl FromRef<AppState> for Assets {
    fn from_ref(state: &AppState) -> Assets {
        state.assets.clone()
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> LeptosOptions {
        state.leptos_options.clone()
    }
}

impl AppState {
    pub fn new(
        leptos_options: LeptosOptions,
        parameters: ParameterStore,
        database: db::Database,
        documents: Arc<dyn DocumentStore>,
        creations_per_client: usize,
        clock: Clock,
    ) -> AppState {
        let throttle = Arc::new(Throttle::for_residents());
        AppState {
            leptos_options,
            parameters,
            store: database.store,
            throttle,
            documents,
            body_timeout: Duration::from_secs(30),
            trusted_proxies: Arc::from([]),
            creations: Arc::new(CreationLimit::new(
                chrono::Duration::minutes(creation_limit::WINDOW_MINUTES),
                creations_per_client,
            )),
            clock,
            assets: Assets::unbuilt(),
        }
    }

    /// The state serving these built files; the pages name them (the hydration script loads
    /// `<bundle>.js` and `<bundle>_bg.wasm`).
    pub fn with_assets(mut self, assets: Assets) -> AppState {
        self.leptos_options.output_name = assets.bundle.clone();
        self.assets = assets;
        self
    }

    /// The same state, reading the client's address from these proxies' `X-Forwarded-For`.
    pub fn with_trusted_proxies(mut self, proxies: &[TrustedProxy]) -> AppState {
        self.trusted_proxies = Arc::from(proxies);
        self
    }

    /// The parameter values in force on `day`. A day the set has no value for is a gap in our
    /// data, never the reader's fault: logged, and 503 "try again" (HttpError::unavailable).
    pub fn in_force(&self, day: chrono::NaiveDate) -> Result<app::rules::InForce, super::error::HttpError> {
        self.parameters
            .current()
            .on(day)
            .map_err(super::error::HttpError::unavailable)
    }

    /// The context every page render gets.
    pub fn site_context(&self) -> SiteContext {
        SiteContext {
            parameters: self.parameters.current(),
            today: self.clock.today(),
            stylesheet: self.assets.stylesheet.clone(),
            staff_stylesheet: self.assets.staff_stylesheet.clone(),
        }
    }
}

/// The client's address as an extractor, for the handlers that count misses.
pub struct ClientAddress(pub IpAddr);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<ClientAddress, Infallible> {
        // Always there when served with `into_make_service_with_connect_info`, as `serve` does.
        let socket = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        Ok(ClientAddress(client_address(
            socket,
            &parts.headers,
            &state.trusted_proxies,
        )))
    }
}
