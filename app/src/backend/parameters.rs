//! What the server must provide for managed parameters (issue 12): the sets in force, kept as
//! whole files, one revision per approved change, and the proposals that make them (four eyes).

use super::{BackendError, BoxFuture};
pub use crate::domain::proposals::{Decided, Decision, Proposal};
use crate::rules::Change;
use chrono::{DateTime, Utc};

/// A revision of the parameter set as stored: the file as JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredSet {
    pub revision: i64,
    pub document: String,
}

/// A case not yet decided, as the re-check reads it.
#[derive(Clone, Debug)]
pub struct OpenCase {
    pub id: i64,
    pub reference: String,
    pub town: String,
    pub aid_type: crate::domain::AidType,
    /// The household as submitted (`rules::HouseholdInput`, JSON).
    pub household: String,
    /// The assessment stored at submission (JSON).
    pub assessment: String,
}

/// The next revision, and the approval that made it when one did.
pub struct NewSet<'a> {
    pub revision: i64,
    pub version: &'a str,
    pub document: &'a str,
    pub at: DateTime<Utc>,
    /// The proposal approved by this staff member; None for the seed.
    pub approval: Option<(i64, i64)>,
}

pub trait ParameterBackend: Send + Sync + 'static {
    /// The newest revision of the set; None before the first start seeded one.
    fn latest_parameter_set(&self) -> BoxFuture<'_, Result<Option<StoredSet>, BackendError>>;
    /// The newest revision's number alone: what every process polls to notice a change.
    fn parameter_revision(&self) -> BoxFuture<'_, Result<Option<i64>, BackendError>>;
    /// Adds a revision, and for an approval marks its proposal approved, in one transaction.
    /// `Conflict` when the revision was taken meanwhile (another approval came first: read the
    /// newest and try again); `Ok(false)` when the proposal was decided meanwhile.
    fn add_parameter_set<'a>(&'a self, set: NewSet<'a>) -> BoxFuture<'a, Result<bool, BackendError>>;
    fn propose_parameter<'a>(
        &'a self,
        change: &'a Change,
        by: i64,
        at: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<i64, BackendError>>;
    /// Rejects a pending proposal; false when it was decided already.
    fn reject_proposal<'a>(
        &'a self,
        id: i64,
        by: i64,
        reason: &'a str,
        at: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<bool, BackendError>>;
    /// The pending proposals, then the newest decided ones, at most `limit` in all.
    fn proposals(&self, limit: i64) -> BoxFuture<'_, Result<Vec<Proposal>, BackendError>>;
    fn proposal(&self, id: i64) -> BoxFuture<'_, Result<Option<Proposal>, BackendError>>;

    /// Every case not yet decided, in every town: what a re-check reads (no personal data).
    fn open_cases(&self) -> BoxFuture<'_, Result<Vec<OpenCase>, BackendError>>;
    /// Replaces every re-check mark with these (application id, difference as JSON), in one
    /// transaction: a case no longer listed is no longer marked.
    fn replace_recheck_marks<'a>(
        &'a self,
        marks: &'a [(i64, String)],
        checked_on: chrono::NaiveDate,
    ) -> BoxFuture<'a, Result<(), BackendError>>;
}
