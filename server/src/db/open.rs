//! Opening the database: the engine's pools, the migrations, the towns; and plain pools for
//! tests, benchmarks and operators' checks.

use super::store::{Engine, Pools, Store};
use crate::crypto::DataKeys;
use crate::storage::{DocumentStore, LocalDirectory};
use std::sync::Arc;

/// The database, and where documents' bytes go when it keeps them itself.
#[derive(Clone)]
pub struct Database {
    pub store: Store,
    /// The database's own document store, when it keeps documents' bytes (PostgreSQL); None
    /// when they go to a folder beside it (SQLite): `Database::document_store`.
    pub documents: Option<Arc<dyn DocumentStore>>,
}

impl Database {
    /// Where documents' bytes go: the database itself when it keeps them (PostgreSQL), else
    /// the folder `dir` (SQLite).
    pub fn document_store(&self, dir: &std::path::Path) -> Result<Arc<dyn DocumentStore>, String> {
        match &self.documents {
            Some(store) => Ok(store.clone()),
            None => LocalDirectory::open(dir.to_path_buf())
                .map(|store| Arc::new(store) as Arc<dyn DocumentStore>)
                .map_err(|e| format!("cannot open the document store {}: {e}", dir.display())),
        }
    }
}

/// Connects, runs the migrations, brings the towns up to date and returns the database; any
/// failure stops the start.
pub async fn connect(url: &str, keys: Option<Arc<DataKeys>>) -> Result<Database, String> {
    let (pools, documents) = match Engine::of(url)? {
        #[cfg(feature = "sqlite")]
        Engine::Sqlite => {
            let (read, write) = super::sqlite::connect(url).await?;
            if let Some(keys) = &keys {
                super::sqlite::seal_legacy_rows(&write, keys).await?;
            }
            (Pools::Sqlite { read, write }, None)
        }
        #[cfg(feature = "postgres")]
        Engine::Postgres => {
            let pool = super::postgres::connect(url).await?;
            let documents = super::postgres::documents(&pool);
            (Pools::Postgres(pool), Some(documents))
        }
    };
    let store = Store {
        pools,
        keys,
        sms: false,
    };
    store.write_towns(&app::rules::TOWNS).await?;
    Ok(Database { store, documents })
}

/// A plain pool on the portal's database, whatever its engine, for what tests, benchmarks and
/// the operator's checks read or change directly: what was stored, a table made unusable to
/// see a failure handled. The portal itself never uses it; its queries are checked ones, in
/// this module's engine folders.
pub async fn inspect(url: &str) -> Result<sqlx::AnyPool, String> {
    sqlx::any::install_default_drivers();
    sqlx::AnyPool::connect(url)
        .await
        .map_err(|e| format!("cannot open {url}: {e}"))
}

/// A fresh database on each engine this run has: SQLite always (in `dir`), and PostgreSQL where
/// PORTAL_TEST_POSTGRES names a server (`.ci/test`'s PostgreSQL pass). A storage behaviour test
/// loops over them: written once, run on both engines (PATTERNS.md 9).
#[cfg(test)]
pub(crate) async fn each_engine(dir: &std::path::Path, keys: Option<Arc<DataKeys>>) -> Vec<Store> {
    let sqlite = format!("sqlite://{}/portal.db", dir.display());
    let mut stores = vec![connect(&sqlite, keys.clone()).await.unwrap().store];
    #[cfg(feature = "postgres")]
    if let Some(url) = fresh_postgres_database().await {
        stores.push(connect(&url, keys).await.unwrap().store);
    }
    stores
}

/// A database of its own on the server PORTAL_TEST_POSTGRES names (`.ci/test`'s PostgreSQL
/// pass), for the engines' unit tests; None where no server is given, and the test has nothing
/// to run on.
#[cfg(all(test, feature = "postgres"))]
pub(crate) async fn fresh_postgres_database() -> Option<String> {
    let admin_url = std::env::var("PORTAL_TEST_POSTGRES").ok()?;
    let mut random = [0u8; 6];
    getrandom::fill(&mut random).expect("the operating system's random source");
    let name = format!(
        "portal_unit_{}",
        random.iter().map(|b| format!("{b:02x}")).collect::<String>()
    );
    let admin = inspect(&admin_url).await.expect("the server answers");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await
        .expect("a database for the test");
    admin.close().await;
    let (root, _) = admin_url.rsplit_once('/').expect("a URL with a database name");
    Some(format!("{root}/{name}"))
}
