//! A fresh portal on a random port with its own SQLite file, for each test.
// Each test binary uses a part of these helpers.
#![allow(dead_code)]

pub mod staff;

use server::cli::ServeArgs;

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

    /// The folder that holds the portal's database and documents.
    pub fn dir(&self) -> &std::path::Path {
        self._dir.path()
    }

    /// A direct connection to the portal's database, to check what was stored.
    pub async fn db(&self) -> sqlx::SqlitePool {
        sqlx::SqlitePool::connect(&self.database_url).await.unwrap()
    }
}

pub async fn start() -> Portal {
    start_with(|_| {}).await
}

/// A fresh portal with some settings changed (trusted proxies, …).
pub async fn start_with(configure: impl FnOnce(&mut ServeArgs)) -> Portal {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut args = ServeArgs::in_directory(dir.path());
    configure(&mut args);
    let database_url = args.database_url.clone();
    let addr = server::http::spawn(&args).await.expect("the portal starts");
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
