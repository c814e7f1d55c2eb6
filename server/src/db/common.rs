//! What both storage engines share: reading stored rows back as the portal's types, the names
//! of the sealed columns, and the values of queries built from parts. Nothing here knows which
//! engine it serves.

use super::error::BackendError;
use crate::crypto::DataKeys;
use app::domain::clock::start_of_day;
use app::domain::review::Status;
use app::rules::Money;
use chrono::NaiveDate;
use chrono::{DateTime, Utc};

/// The columns that hold sealed personal data (crate::crypto). A sealed value is bound to its
/// column: copied into another, it does not open.
pub(crate) mod sealed {
    pub const APPLICATION_ID_NUMBER: &str = "applications.id_number";
    pub const APPLICATION_PHONE: &str = "applications.phone";
    pub const APPLICATION_ANSWERS: &str = "applications.answers";
    pub const MEMBER_ID_NUMBER: &str = "members.id_number";
    pub const DRAFT_ANSWERS: &str = "drafts.answers";
    /// The number texts go to, when the applicant agreed (db/events.rs, the sender).
    pub const APPLICATION_SMS_PHONE: &str = "applications.sms_phone";
    /// Every sealed column, as `table.column`.
    pub const ALL: [&str; 6] = [
        APPLICATION_ID_NUMBER,
        APPLICATION_PHONE,
        APPLICATION_ANSWERS,
        MEMBER_ID_NUMBER,
        DRAFT_ANSWERS,
        APPLICATION_SMS_PHONE,
    ];
}

/// Opens a sealed column; a value that does not open is logged and answered 503, never shown
/// as empty.
pub(crate) fn open(keys: &DataKeys, column: &str, stored: &str, row: &str) -> Result<String, BackendError> {
    keys.open(column, stored)
        .map_err(|e| unreadable(&format!("{column} ({e})"), row))
}

/// A stored row that does not read back as the portal's types: the database holds something the
/// code never wrote. Logged, and the page says "try again" rather than leaving the row out.
pub(crate) fn unreadable(what: &str, key: &str) -> BackendError {
    tracing::error!(what, key, "a stored row could not be read");
    BackendError::Unavailable
}

/// The statuses for which `keep` holds, as an SQL list (`'submitted', 'accepted'`): the state
/// machine (app::domain::review) decides which statuses a query means.
pub(crate) fn statuses_where(keep: fn(Status) -> bool) -> String {
    Status::ALL
        .into_iter()
        .filter(|s| keep(*s))
        .map(|s| format!("'{}'", s.word()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The statuses for which `keep` holds, as words: bound to a checked statement as one value
/// (a JSON array on SQLite, an array on PostgreSQL), so that the state machine decides which
/// statuses a query means while the statement's text stays fixed.
pub(crate) fn status_words(keep: fn(Status) -> bool) -> Vec<String> {
    Status::ALL
        .into_iter()
        .filter(|s| keep(*s))
        .map(|s| s.word().to_string())
        .collect()
}

/// The statuses in which a case waits for the town's caseworkers: not final, and not awaiting
/// a decision (a recommended case waits for whoever approves it).
pub(crate) fn takeable_statuses() -> String {
    statuses_where(|s| !s.is_final() && s != Status::Recommended)
}

/// A stored instant (RFC 3339); a value that does not parse reads as the epoch.
pub(crate) fn parse_time(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

/// An instant as the budgets store it: UTC with microseconds, always the same width, so that
/// text order is time order.
pub(crate) fn fixed_instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// How many expired budget entries a sweep deletes: more than are written between two sweeps
/// (`SWEEP_EVERY`), so the table keeps up, few enough that no spend waits long.
pub(crate) const EXPIRED_PER_SWEEP: i64 = 100;
/// Every how many budget entries written a sweep runs (by the entries' ids).
pub(crate) const SWEEP_EVERY: i64 = 64;

/// A database error: logged, and answered "try again" (503); its text never reaches a page.
pub(crate) fn unavailable(e: sqlx::Error) -> BackendError {
    tracing::error!(error = %e, "database error");
    BackendError::Unavailable
}

/// 张三 → 张*, 欧阳娜娜 → 欧***: enough for a family member to recognise, no more.
pub(crate) fn mask_name(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => std::iter::once(first).chain(chars.map(|_| '*')).collect(),
        None => String::new(),
    }
}

/// The first instant of a Chongqing date, as stored (UTC, RFC 3339).
pub(crate) fn start_of(day: NaiveDate) -> String {
    start_of_day(day).to_rfc3339()
}

pub(crate) fn money(fen: Option<i64>) -> Option<Money> {
    fen.map(Money::from_fen)
}

#[cfg(test)]
mod tests {
    use super::mask_name;

    #[test]
    fn a_name_is_masked_after_its_first_character() {
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("欧阳娜娜"), "欧***");
        assert_eq!(mask_name(""), "");
    }
}
