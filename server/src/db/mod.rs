//! The storage engines behind `app::backend::Backend`, chosen by the scheme of `DATABASE_URL`:
//! SQLite (one file, the default) and PostgreSQL, one folder each with the same files. What
//! they share is written once: `common` (errors, sealed columns, values of queries built from
//! parts) and `rows` (what a stored row means as the portal's types). Each engine is a cargo
//! feature (both on by default), so that `.ci/prepare-queries` can compile one alone to record
//! its checked SQL.

mod common;
#[cfg(feature = "postgres")]
mod postgres;
mod rows;
#[cfg(feature = "sqlite")]
mod sqlite;

use crate::crypto::DataKeys;
use crate::storage::DocumentStore;
use app::backend::{Backend, StaffBackend};
use std::sync::Arc;

/// One database, seen through the resident side's and the staff side's traits.
#[derive(Clone)]
pub struct Database {
    pub backend: Arc<dyn Backend>,
    pub staff: Arc<dyn StaffBackend>,
    /// The database's own document store, when it keeps documents' bytes (PostgreSQL); None
    /// when they go to a folder beside it (SQLite). See `storage::for_database`.
    pub documents: Option<Arc<dyn DocumentStore>>,
}

/// Connects, runs the migrations and returns the database; any failure stops the start.
/// `keys` seal and open personal data (crate::crypto); the staff-account commands, which touch
/// none, connect without them.
pub async fn connect(url: &str, keys: Option<Arc<DataKeys>>) -> Result<Database, String> {
    if url.starts_with("sqlite:") {
        #[cfg(feature = "sqlite")]
        {
            let db = Arc::new(sqlite::SqliteBackend::connect(url, keys).await?);
            return Ok(Database {
                backend: db.clone(),
                staff: db,
                documents: None,
            });
        }
        #[cfg(not(feature = "sqlite"))]
        return Err("this build has no SQLite engine (server's `sqlite` feature)".into());
    }
    if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        #[cfg(feature = "postgres")]
        {
            let db = postgres::PostgresBackend::connect(url, keys).await?;
            let documents = db.documents();
            let db = Arc::new(db);
            return Ok(Database {
                backend: db.clone(),
                staff: db,
                documents: Some(documents),
            });
        }
        #[cfg(not(feature = "postgres"))]
        return Err("this build has no PostgreSQL engine (server's `postgres` feature)".into());
    }
    Err(format!(
        "DATABASE_URL must start with sqlite: or postgres: (got {})",
        url.split(':').next().unwrap_or("")
    ))
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
