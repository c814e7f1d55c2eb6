//! The storage engines behind `app::backend::Backend`, chosen by the scheme of `DATABASE_URL`.

mod sqlite;

use app::backend::Backend;
use std::sync::Arc;

/// Connects, runs the migrations and returns the backend; any failure stops the start.
pub async fn connect(url: &str) -> Result<Arc<dyn Backend>, String> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(sqlite::SqliteBackend::connect(url).await?))
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Err("PostgreSQL is not supported yet: use a sqlite: DATABASE_URL (README, Configuration)".into())
    } else {
        Err(format!(
            "DATABASE_URL must start with sqlite: (got {})",
            url.split(':').next().unwrap_or("")
        ))
    }
}
