//! What the server must provide to the pages and server functions. `app` defines it and the
//! server implements it, so `app` never depends on a database driver and the WASM bundle
//! contains no database code (DESIGN.md, "The layers").

use std::future::Future;
use std::pin::Pin;

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A storage failure, as the pages may see it: never the database's own text, which goes to
/// the server log instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackendError {
    Unavailable,
}

impl std::fmt::Display for BackendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BackendError::Unavailable => f.write_str("the database is unavailable"),
        }
    }
}

impl std::error::Error for BackendError {}

/// The portal's storage. Each engine (SQLite now, PostgreSQL later) implements it in
/// `server/src/db/`; the application, queue and account methods arrive with those issues.
pub trait Backend: Send + Sync + 'static {
    /// The engine's name, for `/healthz` and the logs.
    fn engine(&self) -> &'static str;
    /// Answers when the database can serve a query.
    fn health(&self) -> BoxFuture<'_, Result<(), BackendError>>;
    /// Closes the connections once the requests in flight are answered.
    fn close(&self) -> BoxFuture<'_, ()>;
    /// The towns the database knows, by full name, in the order of RULES.md §1.
    fn towns(&self) -> BoxFuture<'_, Result<Vec<String>, BackendError>>;
}
