//! Staff accounts and their sessions. The SQL is checked against the schema at compile time
//! (`query!`, with the offline data in `.sqlx/`).

use crate::db::common::{parse_time, unavailable};
use app::backend::BackendError;
use app::backend::staff::{LoginRecord, NewStaff, PasswordHash, StaffSession};
use app::domain::review::{Role, Staff};
use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

/// An account as stored. (SQLite's planner cannot always tell that `id` is never NULL; the
/// queries say so with `AS "id!"`.)
struct StaffRecord {
    id: i64,
    username: String,
    display_name: String,
    role: String,
    town: Option<String>,
}

impl StaffRecord {
    fn staff(self) -> Option<Staff> {
        staff(self.id, self.username, self.display_name, &self.role, self.town)
    }
}

/// An account's columns as the domain's `Staff`; `None` for a role this version does not know.
fn staff(id: i64, username: String, display_name: String, role: &str, town: Option<String>) -> Option<Staff> {
    Some(Staff {
        id,
        username,
        display_name,
        role: Role::parse(role)?,
        town,
    })
}

pub async fn add(pool: &SqlitePool, new: NewStaff, now: DateTime<Utc>) -> Result<i64, BackendError> {
    let (role, now) = (new.role.word(), now.to_rfc3339());
    let done = sqlx::query!(
        "INSERT INTO staff (username, display_name, role, town, password_hash, created_at)
         VALUES (?, ?, ?, ?, ?, ?)",
        new.username,
        new.display_name,
        role,
        new.town,
        new.password_hash.0,
        now
    )
    .execute(pool)
    .await;
    match done {
        Ok(done) => Ok(done.last_insert_rowid()),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(BackendError::Conflict),
        Err(e) => Err(unavailable(e)),
    }
}

/// One UPDATE counts the attempt and, at the limit, locks the account, before any password is
/// checked: SQLite runs one writer at a time, so forty simultaneous attempts are counted one
/// after another and only the first `max_failures` find the account open.
pub async fn reserve_login_attempt(
    pool: &SqlitePool,
    username: &str,
    max_failures: i64,
    now: DateTime<Utc>,
    lock_until: DateTime<Utc>,
) -> Result<Option<LoginRecord>, BackendError> {
    let (now, lock_until) = (now.to_rfc3339(), lock_until.to_rfc3339());
    // A lock that has ended (the only lock the WHERE lets through) starts the count at 1.
    let row = sqlx::query!(
        r#"UPDATE staff SET
            failed_logins = CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_logins + 1 END,
            locked_until = CASE
                WHEN (CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_logins + 1 END) >= ?
                THEN ? ELSE NULL END
         WHERE username = ? AND (locked_until IS NULL OR locked_until <= ?)
         RETURNING id AS "id!", username AS "username!", display_name AS "display_name!",
            role AS "role!", town, password_hash AS "password_hash!",
            failed_logins AS "failed_logins!", locked_until"#,
        max_failures,
        lock_until,
        username,
        now
    )
    .fetch_optional(pool)
    .await
    .map_err(unavailable)?;
    Ok(row.and_then(|r| {
        let staff = staff(r.id, r.username, r.display_name, &r.role, r.town)?;
        Some(LoginRecord {
            staff,
            password_hash: PasswordHash(r.password_hash),
            failed_logins: r.failed_logins,
            locked_until: r.locked_until.as_deref().map(parse_time),
        })
    }))
}

pub async fn login_succeeded(pool: &SqlitePool, staff_id: i64) -> Result<(), BackendError> {
    sqlx::query!(
        "UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = ?",
        staff_id
    )
    .execute(pool)
    .await
    .map(|_| ())
    .map_err(unavailable)
}

pub async fn create_session(
    pool: &SqlitePool,
    token_hash: &str,
    staff_id: i64,
    csrf_token: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), BackendError> {
    let (now, expires_at) = (now.to_rfc3339(), expires_at.to_rfc3339());
    // Expired sessions of anyone are cleared as new ones are made.
    sqlx::query!("DELETE FROM staff_sessions WHERE expires_at < ?", now)
        .execute(pool)
        .await
        .map_err(unavailable)?;
    sqlx::query!(
        "INSERT INTO staff_sessions (token_hash, staff_id, csrf_token, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?)",
        token_hash,
        staff_id,
        csrf_token,
        now,
        expires_at
    )
    .execute(pool)
    .await
    .map(|_| ())
    .map_err(unavailable)
}

pub async fn session(
    pool: &SqlitePool,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<StaffSession>, BackendError> {
    let now = now.to_rfc3339();
    let row = sqlx::query!(
        "SELECT s.id AS \"id!\", s.username, s.display_name, s.role, s.town, x.csrf_token
         FROM staff_sessions x JOIN staff s ON s.id = x.staff_id
         WHERE x.token_hash = ? AND x.expires_at > ?",
        token_hash,
        now
    )
    .fetch_optional(pool)
    .await
    .map_err(unavailable)?;
    Ok(row.and_then(|r| {
        let staff = staff(r.id, r.username, r.display_name, &r.role, r.town)?;
        Some(StaffSession {
            staff,
            csrf_token: r.csrf_token,
        })
    }))
}

pub async fn end_session(pool: &SqlitePool, token_hash: &str) -> Result<(), BackendError> {
    sqlx::query!("DELETE FROM staff_sessions WHERE token_hash = ?", token_hash)
        .execute(pool)
        .await
        .map(|_| ())
        .map_err(unavailable)
}

pub async fn end_all_sessions(pool: &SqlitePool, staff_id: i64) -> Result<(), BackendError> {
    sqlx::query!("DELETE FROM staff_sessions WHERE staff_id = ?", staff_id)
        .execute(pool)
        .await
        .map(|_| ())
        .map_err(unavailable)
}

pub async fn all(pool: &SqlitePool) -> Result<Vec<Staff>, BackendError> {
    let rows = sqlx::query_as!(
        StaffRecord,
        "SELECT id, username, display_name, role, town FROM staff
         ORDER BY town IS NULL, town, role, username"
    )
    .fetch_all(pool)
    .await
    .map_err(unavailable)?;
    Ok(rows.into_iter().filter_map(StaffRecord::staff).collect())
}

pub async fn of_town(pool: &SqlitePool, town: &str) -> Result<Vec<Staff>, BackendError> {
    let rows = sqlx::query_as!(
        StaffRecord,
        "SELECT id AS \"id!\", username, display_name, role, town FROM staff WHERE town = ?
         ORDER BY display_name",
        town
    )
    .fetch_all(pool)
    .await
    .map_err(unavailable)?;
    Ok(rows.into_iter().filter_map(StaffRecord::staff).collect())
}

pub async fn by_id(pool: &SqlitePool, id: i64) -> Result<Option<Staff>, BackendError> {
    let row = sqlx::query_as!(
        StaffRecord,
        "SELECT id, username, display_name, role, town FROM staff WHERE id = ?",
        id
    )
    .fetch_optional(pool)
    .await
    .map_err(unavailable)?;
    Ok(row.and_then(StaffRecord::staff))
}
