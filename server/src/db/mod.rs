//! The storage engines behind `app::backend::Backend`, chosen by the scheme of `DATABASE_URL`:
//! SQLite (one file, the default) and PostgreSQL, one folder each with the same files. What
//! they share is written once: `common` (errors, sealed columns, values of queries built from
//! parts) and `rows` (what a stored row means as the portal's types). Each engine is a cargo
//! feature (both on by default), so that `.ci/prepare-queries` can compile one alone to record
//! its checked SQL.

pub mod backup;
mod common;
pub mod copy;
#[cfg(feature = "postgres")]
mod postgres;
mod rows;
#[cfg(feature = "sqlite")]
mod sqlite;

use crate::crypto::DataKeys;
use crate::storage::DocumentStore;
use app::backend::{Backend, ParameterBackend, StaffBackend};
use std::sync::Arc;

/// One database, seen through the resident side's and the staff side's traits.
#[derive(Clone)]
pub struct Database {
    pub backend: Arc<dyn Backend>,
    pub staff: Arc<dyn StaffBackend>,
    pub parameters: Arc<dyn ParameterBackend>,
    /// The database's own document store, when it keeps documents' bytes (PostgreSQL); None
    /// when they go to a folder beside it (SQLite). See `storage::for_database`.
    pub documents: Option<Arc<dyn DocumentStore>>,
}

/// The engine a database URL names; only the engines this build has (their cargo features).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    #[cfg(feature = "sqlite")]
    Sqlite,
    #[cfg(feature = "postgres")]
    Postgres,
}

impl Engine {
    pub fn of(url: &str) -> Result<Engine, String> {
        if url.starts_with("sqlite:") {
            #[cfg(feature = "sqlite")]
            return Ok(Engine::Sqlite);
            #[cfg(not(feature = "sqlite"))]
            return Err("this build has no SQLite engine (server's `sqlite` feature)".into());
        }
        if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            #[cfg(feature = "postgres")]
            return Ok(Engine::Postgres);
            #[cfg(not(feature = "postgres"))]
            return Err("this build has no PostgreSQL engine (server's `postgres` feature)".into());
        }
        Err(format!(
            "a database URL must start with sqlite: or postgres: (got {})",
            url.split(':').next().unwrap_or("")
        ))
    }

    pub fn name(self) -> &'static str {
        match self {
            #[cfg(feature = "sqlite")]
            Engine::Sqlite => "SQLite",
            #[cfg(feature = "postgres")]
            Engine::Postgres => "PostgreSQL",
        }
    }
}

/// Connects, runs the migrations and returns the database; any failure stops the start.
/// `keys` seal and open personal data (crate::crypto); the staff-account commands, which touch
/// none, connect without them.
pub async fn connect(url: &str, keys: Option<Arc<DataKeys>>) -> Result<Database, String> {
    match Engine::of(url)? {
        #[cfg(feature = "sqlite")]
        Engine::Sqlite => {
            let db = Arc::new(sqlite::SqliteBackend::connect(url, keys).await?);
            Ok(Database {
                backend: db.clone(),
                staff: db.clone(),
                parameters: db,
                documents: None,
            })
        }
        #[cfg(feature = "postgres")]
        Engine::Postgres => {
            let db = postgres::PostgresBackend::connect(url, keys).await?;
            let documents = db.documents();
            let db = Arc::new(db);
            Ok(Database {
                backend: db.clone(),
                staff: db.clone(),
                parameters: db,
                documents: Some(documents),
            })
        }
    }
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
