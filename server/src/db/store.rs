//! `Store`: the portal's database, whichever its engine, and the engines a URL can name.

use super::common::unavailable;
use super::engine::{Conn, Tx, execute, per_engine};
use super::error::BackendError;
use crate::crypto::DataKeys;
use std::sync::Arc;

/// The portal's database, whichever its engine: every storage function is a method of this
/// type, written once in the file of its aggregate (`budgets.rs` …), where only a statement
/// that truly differs is written twice (engine.rs).
#[derive(Clone)]
pub struct Store {
    pub(crate) pools: Pools,
    /// Seal and open personal data (crate::crypto); None for the staff-account commands,
    /// which touch none.
    pub(crate) keys: Option<Arc<DataKeys>>,
    /// This portal sends SMS (a provider is configured): messages to applicants who agreed go
    /// by SMS too, and emergencies alert the duty phones. Without one the tracking page is the
    /// only channel (db/events.rs).
    pub(crate) sms: bool,
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
    /// The store of a portal that sends SMS (or not): set once at start, from the settings.
    pub fn sending_sms(mut self, enabled: bool) -> Store {
        self.sms = enabled;
        self
    }

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
        .map_err(unavailable)
    }

    /// A connection for a write that is one statement (its own transaction).
    pub(crate) async fn write(&self) -> Result<Conn, BackendError> {
        match &self.pools {
            #[cfg(feature = "sqlite")]
            Pools::Sqlite { write, .. } => write.acquire().await.map(Conn::Sqlite),
            #[cfg(feature = "postgres")]
            Pools::Postgres(pool) => pool.acquire().await.map(Conn::Postgres),
        }
        .map_err(unavailable)
    }

    /// A transaction for writes (engine::Tx).
    pub(crate) async fn begin(&self) -> Result<Tx, BackendError> {
        match &self.pools {
            #[cfg(feature = "sqlite")]
            Pools::Sqlite { write, .. } => write.begin_with("BEGIN IMMEDIATE").await.map(Tx::Sqlite),
            #[cfg(feature = "postgres")]
            Pools::Postgres(pool) => pool.begin().await.map(Tx::Postgres),
        }
        .map_err(unavailable)
    }

    /// Answers when the database can serve a query.
    pub async fn health(&self) -> Result<(), BackendError> {
        use sqlx::Connection;
        let mut conn = self.read().await?;
        per_engine!(conn, c => sqlite: c.ping().await, postgres: c.ping().await).map_err(unavailable)
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
        .map_err(unavailable)
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
