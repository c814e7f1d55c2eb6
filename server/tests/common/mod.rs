//! A fresh portal on a random port with its own SQLite file, for each test.
// Each test binary uses a part of these helpers.
#![allow(dead_code)]

pub mod staff;

use server::cli::ServeArgs;
use server::http::{AppState, leptos_options, router};
use std::net::SocketAddr;
use std::sync::Arc;

pub struct Portal {
    pub base: String,
    pub client: reqwest::Client,
    pub database_url: String,
    _dir: tempfile::TempDir,
}

impl Portal {
    /// A client that keeps cookies, as a browser does (the application's draft).
    pub fn browser(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    /// A direct connection to the portal's database, to check what was stored.
    pub async fn db(&self) -> sqlx::SqlitePool {
        sqlx::SqlitePool::connect(&self.database_url).await.unwrap()
    }
}

pub async fn start() -> Portal {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let database_url = format!("sqlite://{}/portal.db", dir.path().display());
    let args = ServeArgs {
        database_url: database_url.clone(),
        site_addr: "127.0.0.1:0".parse().unwrap(),
        site_root: dir.path().join("site"),
        parameters: None,
        documents_dir: dir.path().join("documents"),
        log_format: "text".into(),
    };
    let backend = server::db::connect(&database_url)
        .await
        .expect("the database opens");
    let documents = Arc::new(server::storage::LocalDirectory::open(args.documents_dir.clone()).unwrap());
    let parameters = Arc::new(app::rules::Parameters::defaults());
    let state = AppState::new(leptos_options(&args), parameters, backend, documents);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            router(state).into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
    });
    Portal {
        base: format!("http://{addr}"),
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        database_url,
        _dir: dir,
    }
}
