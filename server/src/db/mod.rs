//! The storage engines behind `crate::db::Backend`, chosen by the scheme of `DATABASE_URL`:
//! SQLite (one file, the default) and PostgreSQL, one folder each with the same files. What
//! they share is written once: `common` (errors, sealed columns, values of queries built from
//! parts) and `rows` (what a stored row means as the portal's types). Each engine is a cargo
//! feature (both on by default), so that `.ci/prepare-queries` can compile one alone to record
//! its checked SQL.

mod applications;
pub mod backup;
mod budgets;
mod common;
pub mod copy;
mod documents;
mod drafts;
pub(crate) mod engine;
mod error;
pub mod parameters;
#[cfg(feature = "postgres")]
mod postgres;
mod reports;
mod review;
mod rows;
#[cfg(feature = "sqlite")]
mod sqlite;
pub mod staff;
mod towns;

use crate::crypto::DataKeys;
use crate::storage::DocumentStore;
/// The portal's own types that the store reads and writes.
pub use app::domain::document::DocumentRefusal;
pub use app::domain::{DocumentInfo, Draft, TimelineEvent, Tracked};
pub use applications::{NewApplication, Submitted};
pub use budgets::Budget;
pub use documents::NewDocument;
use engine::{Conn, Tx, execute, per_engine};
pub use error::BackendError;
use std::sync::Arc;

/// The portal's database, whichever its engine: every storage function is a method of this
/// type, written once in the file of its aggregate (`budgets.rs` …), where only a statement
/// that truly differs is written twice (engine.rs).
#[derive(Clone)]
pub struct Store {
    pub(crate) pools: Pools,
    /// Seal and open personal data (crate::crypto); None for the staff-account commands,
    /// which touch none.
    keys: Option<Arc<DataKeys>>,
}

#[derive(Clone)]
pub(crate) enum Pools {
    /// Readers, which never wait for the writer under WAL, and the one writer through which
    /// writes queue in order inside the server (sqlite/mod.rs says why).
    #[cfg(feature = "sqlite")]
    Sqlite {
        read: sqlx::SqlitePool,
        write: sqlx::SqlitePool,
    },
    #[cfg(feature = "postgres")]
    Postgres(sqlx::PgPool),
}

impl Store {
    /// The engine's name, for `/healthz` and the logs.
    pub fn engine(&self) -> &'static str {
        match self.pools {
            #[cfg(feature = "sqlite")]
            Pools::Sqlite { .. } => "sqlite",
            #[cfg(feature = "postgres")]
            Pools::Postgres(_) => "postgres",
        }
    }

    /// A connection to read with.
    pub(crate) async fn read(&self) -> Result<Conn, BackendError> {
        match &self.pools {
            #[cfg(feature = "sqlite")]
            Pools::Sqlite { read, .. } => read.acquire().await.map(Conn::Sqlite),
            #[cfg(feature = "postgres")]
            Pools::Postgres(pool) => pool.acquire().await.map(Conn::Postgres),
        }
        .map_err(common::unavailable)
    }

    /// A connection for a write that is one statement (its own transaction).
    pub(crate) async fn write(&self) -> Result<Conn, BackendError> {
        match &self.pools {
            #[cfg(feature = "sqlite")]
            Pools::Sqlite { write, .. } => write.acquire().await.map(Conn::Sqlite),
            #[cfg(feature = "postgres")]
            Pools::Postgres(pool) => pool.acquire().await.map(Conn::Postgres),
        }
        .map_err(common::unavailable)
    }

    /// A transaction for writes (engine::Tx).
    pub(crate) async fn begin(&self) -> Result<Tx, BackendError> {
        match &self.pools {
            #[cfg(feature = "sqlite")]
            Pools::Sqlite { write, .. } => write.begin_with("BEGIN IMMEDIATE").await.map(Tx::Sqlite),
            #[cfg(feature = "postgres")]
            Pools::Postgres(pool) => pool.begin().await.map(Tx::Postgres),
        }
        .map_err(common::unavailable)
    }

    /// Answers when the database can serve a query.
    pub async fn health(&self) -> Result<(), BackendError> {
        use sqlx::Connection;
        let mut conn = self.read().await?;
        per_engine!(conn, c => sqlite: c.ping().await, postgres: c.ping().await).map_err(common::unavailable)
    }

    /// Answers when the database can take a write now (for `/readyz`): a full disk or a
    /// read-only file says no.
    pub async fn ready(&self, now: chrono::DateTime<chrono::Utc>) -> Result<(), BackendError> {
        let now = now.to_rfc3339();
        execute!(
            self.write().await?,
            "INSERT INTO readiness (id, checked_at) VALUES (1, $1)
             ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at",
            now
        )
        .map(|_| ())
        .map_err(common::unavailable)
    }

    /// Closes the connections once the requests in flight are answered.
    pub async fn close(&self) {
        match &self.pools {
            #[cfg(feature = "sqlite")]
            Pools::Sqlite { read, write } => {
                read.close().await;
                write.close().await;
            }
            #[cfg(feature = "postgres")]
            Pools::Postgres(pool) => pool.close().await,
        }
    }

    /// The data keys; a store opened without them (the staff-account commands) refuses to
    /// touch personal data rather than store it in clear.
    pub(crate) fn keys(&self) -> Result<&DataKeys, BackendError> {
        self.keys.as_deref().ok_or_else(|| {
            tracing::error!("personal data reached a database opened without the data keys");
            BackendError::Unavailable
        })
    }
}

/// The database, and where documents' bytes go when it keeps them itself.
#[derive(Clone)]
pub struct Database {
    pub store: Store,
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

/// Connects, runs the migrations, brings the towns up to date and returns the database; any
/// failure stops the start.
pub async fn connect(url: &str, keys: Option<Arc<DataKeys>>) -> Result<Database, String> {
    let (pools, documents) = match Engine::of(url)? {
        #[cfg(feature = "sqlite")]
        Engine::Sqlite => {
            let (read, write) = sqlite::connect(url).await?;
            if let Some(keys) = &keys {
                sqlite::seal_legacy_rows(&write, keys).await?;
            }
            (Pools::Sqlite { read, write }, None)
        }
        #[cfg(feature = "postgres")]
        Engine::Postgres => {
            let pool = postgres::connect(url).await?;
            let documents = postgres::documents(&pool);
            (Pools::Postgres(pool), Some(documents))
        }
    };
    let store = Store { pools, keys };
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
