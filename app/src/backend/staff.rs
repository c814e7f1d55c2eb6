//! What the server must provide to the staff side: accounts, sessions, the queue and the case
//! file, each query limited to the staff member's scope (their town, or the cases that reached
//! their tier).

use super::{BackendError, BoxFuture};
use crate::domain::ReferenceNumber;
use crate::domain::casefile::{CaseFile, QueueFilter, QueueView};
use crate::domain::reports::{Dashboard, LedgerRow, PublicityRow};
pub use crate::domain::review::Schedule;
use crate::domain::review::{Role, Scope, Staff, Transition};
use chrono::{DateTime, NaiveDate, Utc};

/// An argon2id hash in PHC form. Neither Debug nor Serialize, so it never reaches a log or a
/// page by accident.
#[derive(Clone)]
pub struct PasswordHash(pub String);

pub struct NewStaff {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub town: Option<String>,
    pub password_hash: PasswordHash,
}

/// What signing in needs to know of an account.
pub struct LoginRecord {
    pub staff: Staff,
    pub password_hash: PasswordHash,
    pub failed_logins: i64,
    pub locked_until: Option<DateTime<Utc>>,
}

/// A signed-in browser.
#[derive(Clone, Debug)]
pub struct StaffSession {
    pub staff: Staff,
    /// Every staff form carries it; a post without it is refused.
    pub csrf_token: String,
}

pub trait StaffBackend: Send + Sync + 'static {
    /// Creates an account; `BackendError::Conflict` when the username is taken.
    fn add_staff(&self, new: NewStaff, now: DateTime<Utc>) -> BoxFuture<'_, Result<i64, BackendError>>;
    /// Counts a sign-in attempt on the account before its password is checked, in one
    /// statement, so that a burst of attempts cannot pass the limit: the record when the
    /// attempt was counted (the attempt that reaches `max_failures` also locks the account
    /// until `lock_until`, undone by `login_succeeded`); `None` when the account is unknown or
    /// locked at `now`. A lock that has ended starts the count again.
    fn reserve_login_attempt<'a>(
        &'a self,
        username: &'a str,
        max_failures: i64,
        now: DateTime<Utc>,
        lock_until: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<Option<LoginRecord>, BackendError>>;
    /// The right password: the count and any lock are cleared.
    fn login_succeeded(&self, staff_id: i64) -> BoxFuture<'_, Result<(), BackendError>>;
    fn create_session<'a>(
        &'a self,
        token_hash: &'a str,
        staff_id: i64,
        csrf_token: &'a str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<(), BackendError>>;
    /// The session with this token hash, unless it expired.
    fn session<'a>(
        &'a self,
        token_hash: &'a str,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<Option<StaffSession>, BackendError>>;
    fn end_session<'a>(&'a self, token_hash: &'a str) -> BoxFuture<'a, Result<(), BackendError>>;
    /// Signs the account out on every browser.
    fn end_all_sessions(&self, staff_id: i64) -> BoxFuture<'_, Result<(), BackendError>>;
    /// Every account, for the administrator.
    fn all_staff(&self) -> BoxFuture<'_, Result<Vec<Staff>, BackendError>>;
    /// The caseworkers and heads of a town, for assignment.
    fn town_staff<'a>(&'a self, town: &'a str) -> BoxFuture<'a, Result<Vec<Staff>, BackendError>>;

    /// The queue within `scope`: emergency first, then by the nearest deadline.
    fn queue<'a>(
        &'a self,
        scope: &'a Scope,
        me: i64,
        filter: &'a QueueFilter,
        today: NaiveDate,
    ) -> BoxFuture<'a, Result<QueueView, BackendError>>;
    /// The whole file of a case within `scope`; with `record_view`, a row in the access log
    /// saying that `viewer` opened it. `repeat_window_days` bounds the same-cause flag.
    fn case_file<'a>(
        &'a self,
        scope: &'a Scope,
        reference: &'a ReferenceNumber,
        viewer: i64,
        repeat_window_days: i64,
        record_view: bool,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<Option<CaseFile>, BackendError>>;
    /// Stores a transition the state machine allowed, with its event, if the case is still at
    /// `version`; false when someone else changed it first.
    fn record_transition<'a>(
        &'a self,
        application_id: i64,
        version: i64,
        transition: &'a Transition,
        schedule: Schedule,
        actor: &'a Staff,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<bool, BackendError>>;
    /// Assigns the case (within `scope`) to a member of its town's staff, or to nobody.
    fn assign<'a>(
        &'a self,
        application_id: i64,
        to: Option<&'a Staff>,
        actor: &'a Staff,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<(), BackendError>>;
    /// "Take the next case": assigns to `me` the first case of `town` that nobody is on and
    /// that waits for the town's caseworkers (not final, not awaiting a decision), in the
    /// queue's order (emergency first, then the nearest deadline), with an `assigned` event;
    /// its reference, or None when there is none. Two staff taking at once never get the same
    /// case, whichever portal process each reached.
    fn take_next<'a>(
        &'a self,
        town: &'a str,
        me: &'a Staff,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<Option<ReferenceNumber>, BackendError>>;
    /// A document of a case within `scope`: its storage key and type; the view is logged.
    fn case_document<'a>(
        &'a self,
        scope: &'a Scope,
        document_id: i64,
        viewer: i64,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<Option<(String, String)>, BackendError>>;

    /// The approvals to publish (公示): decided on or after `since`, in one town or all;
    /// names masked. `days` is how long each stays published.
    fn publicity<'a>(
        &'a self,
        since: NaiveDate,
        town: Option<&'a str>,
        days: i64,
    ) -> BoxFuture<'a, Result<Vec<PublicityRow>, BackendError>>;
    /// The ledger (台账) within `scope`: applications submitted from `from` to `to` inclusive
    /// (Chongqing dates); the export is logged under `viewer`.
    fn ledger<'a>(
        &'a self,
        scope: &'a Scope,
        from: NaiveDate,
        to: NaiveDate,
        viewer: i64,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<Vec<LedgerRow>, BackendError>>;
    /// The dashboard's figures: one town's, or (with `None`) every town's and the district's.
    fn dashboard<'a>(
        &'a self,
        town: Option<&'a str>,
        today: NaiveDate,
    ) -> BoxFuture<'a, Result<Dashboard, BackendError>>;
}
