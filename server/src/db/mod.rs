//! The storage engines behind `app::backend::Backend`, chosen by the scheme of `DATABASE_URL`.

mod sqlite;

use crate::crypto::DataKeys;
use app::backend::{Backend, StaffBackend};
use std::sync::Arc;

/// One database, seen through the resident side's and the staff side's traits.
#[derive(Clone)]
pub struct Database {
    pub backend: Arc<dyn Backend>,
    pub staff: Arc<dyn StaffBackend>,
}

/// Connects, runs the migrations and returns the database; any failure stops the start.
/// `keys` seal and open personal data (crate::crypto); the staff-account commands, which touch
/// none, connect without them.
pub async fn connect(url: &str, keys: Option<Arc<DataKeys>>) -> Result<Database, String> {
    if url.starts_with("sqlite:") {
        let db = Arc::new(sqlite::SqliteBackend::connect(url, keys).await?);
        Ok(Database {
            backend: db.clone(),
            staff: db,
        })
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Err("PostgreSQL is not supported yet: use a sqlite: DATABASE_URL (README, Configuration)".into())
    } else {
        Err(format!(
            "DATABASE_URL must start with sqlite: (got {})",
            url.split(':').next().unwrap_or("")
        ))
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
