//! What the server must provide to the pages and server functions. `app` defines it and the
//! server implements it, so `app` never depends on a database driver and the WASM bundle
//! contains no database code (DESIGN.md, "The layers").

pub use crate::domain::document::DocumentRefusal;
use crate::domain::{ApplicationAnswers, ReferenceNumber, ValidApplication};
pub use crate::domain::{DocumentInfo, Draft, TimelineEvent, Tracked};
use crate::rules::WorkingDays;
use chrono::{DateTime, NaiveDate, Utc};
use std::future::Future;
use std::pin::Pin;

pub mod parameters;
pub mod staff;
pub use parameters::ParameterBackend;
pub use staff::StaffBackend;

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A storage failure, as the pages may see it: never the database's own text, which goes to
/// the server log instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackendError {
    Unavailable,
    /// The reference number is already used by another application: draw another.
    ReferenceTaken,
    /// A unique name is taken (a staff username), or an idempotency key was first used for
    /// another request.
    Conflict,
}

impl std::fmt::Display for BackendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BackendError::Unavailable => f.write_str("the database is unavailable"),
            BackendError::ReferenceTaken => f.write_str("the reference number is taken"),
            BackendError::Conflict => f.write_str("the name is taken"),
        }
    }
}

impl std::error::Error for BackendError {}

/// An application ready to store, with the server's own assessment.
#[derive(Clone, Debug)]
pub struct NewApplication {
    pub reference: ReferenceNumber,
    /// The same key twice stores one application (a double tap, a retry after a timeout).
    pub idempotency_key: String,
    /// The key is the id of the resident's draft on the web: the draft's documents go with
    /// the application, and the draft is marked submitted. A submission through the API has
    /// no draft (and its key must never reach one).
    pub from_draft: bool,
    /// The SHA-256 (hex) of the canonical request: a key replays only the request it came with.
    pub request_hash: String,
    pub application: ValidApplication,
    pub answers: ApplicationAnswers,
    pub assessment: serde_json::Value,
    pub rules_version: String,
    pub parameter_set: String,
    pub submitted_at: DateTime<Utc>,
    /// When the town should act: accept an emergency case, or finish its review.
    pub due_on: NaiveDate,
    pub urgent: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Submitted {
    Created(ReferenceNumber),
    /// The idempotency key was seen before: the application it created.
    AlreadySubmitted(ReferenceNumber),
}

impl Submitted {
    pub fn reference(&self) -> &ReferenceNumber {
        match self {
            Submitted::Created(r) | Submitted::AlreadySubmitted(r) => r,
        }
    }
}

/// A document's record; its bytes are already in the document store under `storage_key`.
#[derive(Clone, Debug)]
pub struct NewDocument {
    pub kind: String,
    pub content_type: &'static str,
    pub byte_size: i64,
    pub storage_key: String,
    pub uploaded_at: DateTime<Utc>,
}

/// The portal's storage. Each engine (SQLite, the embedded default; PostgreSQL, for the
/// district's deployment) implements it in `server/src/db/`.
pub trait Backend: Send + Sync + 'static {
    /// The engine's name, for `/healthz` and the logs.
    fn engine(&self) -> &'static str;
    /// Answers when the database can serve a query.
    fn health(&self) -> BoxFuture<'_, Result<(), BackendError>>;
    /// Answers when the database can take a write now (for `/readyz`): a full disk or a
    /// read-only file says no.
    fn ready(&self, now: DateTime<Utc>) -> BoxFuture<'_, Result<(), BackendError>>;
    /// Closes the connections once the requests in flight are answered.
    fn close(&self) -> BoxFuture<'_, ()>;
    /// The towns the database knows, by full name, in the order of RULES.md §1.
    fn towns(&self) -> BoxFuture<'_, Result<Vec<String>, BackendError>>;

    /// The draft with this secret id, if any.
    fn load_draft<'a>(&'a self, id: &'a str) -> BoxFuture<'a, Result<Option<Draft>, BackendError>>;
    /// Creates or replaces the draft's answers and errors.
    fn save_draft<'a>(
        &'a self,
        id: &'a str,
        draft: &'a Draft,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<(), BackendError>>;
    /// Deletes the drafts never submitted and untouched since `before`, with their documents'
    /// records: how many drafts, and the storage keys of the documents' bytes.
    fn purge_drafts(
        &self,
        before: DateTime<Utc>,
    ) -> BoxFuture<'_, Result<(usize, Vec<String>), BackendError>>;
    /// Stores the application, its members, the `submitted` event and the town queue entry in
    /// one transaction; marks the draft whose id is the idempotency key as submitted. A key
    /// seen before with the same `request_hash` answers `AlreadySubmitted`; with another,
    /// `BackendError::Conflict` (never the other application's reference).
    fn submit(&self, new: NewApplication) -> BoxFuture<'_, Result<Submitted, BackendError>>;
    /// The application with this reference whose phone number ends with these four digits.
    fn track<'a>(
        &'a self,
        reference: &'a ReferenceNumber,
        phone_last4: &'a str,
    ) -> BoxFuture<'a, Result<Option<Tracked>, BackendError>>;
    /// Withdraws the application if it is not yet decided; false when it cannot be.
    fn withdraw<'a>(
        &'a self,
        reference: &'a ReferenceNumber,
        phone_last4: &'a str,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<bool, BackendError>>;

    /// Records a document sent with a draft, unless the draft's limits or state refuse it
    /// (checked in the insert's transaction).
    fn add_draft_document<'a>(
        &'a self,
        draft_id: &'a str,
        document: NewDocument,
    ) -> BoxFuture<'a, Result<Result<i64, DocumentRefusal>, BackendError>>;
    /// The documents of a draft, oldest first.
    fn draft_documents<'a>(
        &'a self,
        draft_id: &'a str,
    ) -> BoxFuture<'a, Result<Vec<DocumentInfo>, BackendError>>;
    /// Removes a draft's document; its storage key, for the bytes to be deleted too.
    fn remove_draft_document<'a>(
        &'a self,
        draft_id: &'a str,
        document_id: i64,
    ) -> BoxFuture<'a, Result<Option<String>, BackendError>>;

    /// Records a family link (by its hash) for the application with this reference and phone
    /// ending; false when there is no such application.
    fn create_family_link<'a>(
        &'a self,
        reference: &'a ReferenceNumber,
        phone_last4: &'a str,
        token_hash: &'a str,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<bool, BackendError>>;
    /// What a family link shows: the same masked view as tracking.
    fn family_view<'a>(&'a self, token_hash: &'a str)
    -> BoxFuture<'a, Result<Option<Tracked>, BackendError>>;
    /// How many family links the application with this reference and phone ending has.
    fn family_link_count<'a>(
        &'a self,
        reference: &'a ReferenceNumber,
        phone_last4: &'a str,
    ) -> BoxFuture<'a, Result<i64, BackendError>>;
    /// Revokes every family link of the application with this reference and phone ending; how
    /// many there were.
    fn revoke_family_links<'a>(
        &'a self,
        reference: &'a ReferenceNumber,
        phone_last4: &'a str,
    ) -> BoxFuture<'a, Result<i64, BackendError>>;

    /// Records a document sent after submission (asked for by the town, or by another
    /// channel), with a `document_added` event, unless there is no such application, it is
    /// final, or its limits refuse it (checked in the insert's transaction). A document the town
    /// was waiting for starts its clock again, counted in `working_days`.
    fn add_application_document<'a>(
        &'a self,
        reference: &'a ReferenceNumber,
        phone_last4: &'a str,
        document: NewDocument,
        working_days: &'a WorkingDays,
    ) -> BoxFuture<'a, Result<Result<i64, DocumentRefusal>, BackendError>>;

    /// Spends one entry of each budget, all or none, at `now`; the entries count until
    /// `expires_at`. None, and nothing spent, when a budget already has `limit` entries that
    /// have not expired; else the entries written, to refund. Kept in the database so that
    /// every portal process counts against the same budgets (the guessing limit, creations).
    fn spend<'a>(
        &'a self,
        budgets: &'a [Budget],
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<Option<Vec<i64>>, BackendError>>;

    /// Gives entries back: what they counted did not happen after all (a guess that proved
    /// right, a request the database could not answer).
    fn refund<'a>(&'a self, entries: &'a [i64]) -> BoxFuture<'a, Result<(), BackendError>>;
}

/// A limit on how often something may happen: at most `limit` unexpired entries under `key`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Budget {
    pub key: String,
    pub limit: i64,
}
