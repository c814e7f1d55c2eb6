//! The portal's storage: `Store`, over SQLite (one file, the default) or PostgreSQL, chosen by
//! the scheme of `DATABASE_URL`. One file per aggregate (drafts, applications, documents,
//! review, staff, parameters, reports, budgets, towns), each an `impl Store` whose functions are
//! written once for both engines (engine.rs says how); `sqlite/` and `postgres/` only open
//! their pools. Each engine is a cargo feature (both on by default), so that
//! `.ci/prepare-queries` can compile one alone to record its checked SQL. This file only names
//! the modules and what they offer: the modules import each other, never this file.

mod applications;
pub mod backup;
mod budgets;
mod case_file;
mod common;
pub mod copy;
mod document_requests;
mod documents;
mod drafts;
pub(crate) mod engine;
mod error;
mod events;
mod open;
pub mod outbox;
pub mod parameters;
#[cfg(feature = "postgres")]
mod postgres;
mod reports;
mod review;
#[cfg(feature = "sqlite")]
mod sqlite;
pub mod staff;
mod store;
mod towns;

/// The portal's own types that the store reads and writes.
pub use app::domain::document::DocumentRefusal;
pub use app::domain::{DocumentInfo, Draft, TimelineEvent, Tracked};
pub use applications::{NewApplication, Submitted};
pub use budgets::Budget;
pub use documents::NewDocument;
pub use error::BackendError;
#[cfg(test)]
pub(crate) use open::each_engine;
#[cfg(all(test, feature = "postgres"))]
pub(crate) use open::fresh_postgres_database;
pub use open::{Database, connect, inspect};
#[cfg(test)]
pub(crate) use store::Pools;
pub use store::{Engine, Store};
pub use towns::BUREAU;
