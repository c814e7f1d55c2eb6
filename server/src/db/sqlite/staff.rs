//! Staff accounts and their sessions.

use super::unavailable;
use app::backend::BackendError;
use app::backend::staff::{LoginRecord, NewStaff, PasswordHash, StaffSession};
use app::domain::review::{Role, Staff};
use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

type StaffRow = (i64, String, String, String, Option<String>);

const STAFF_COLUMNS: &str = "s.id, s.username, s.display_name, s.role, s.town";

fn staff_of((id, username, display_name, role, town): StaffRow) -> Option<Staff> {
    Some(Staff {
        id,
        username,
        display_name,
        role: Role::parse(&role)?,
        town,
    })
}

fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

pub async fn add(pool: &SqlitePool, new: NewStaff, now: DateTime<Utc>) -> Result<i64, BackendError> {
    let done = sqlx::query(
        "INSERT INTO staff (username, display_name, role, town, password_hash, created_at)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(&new.username)
    .bind(&new.display_name)
    .bind(new.role.word())
    .bind(&new.town)
    .bind(&new.password_hash.0)
    .bind(now.to_rfc3339())
    .execute(pool)
    .await;
    match done {
        Ok(done) => Ok(done.last_insert_rowid()),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(BackendError::Conflict),
        Err(e) => Err(unavailable(e)),
    }
}

pub async fn login_record(pool: &SqlitePool, username: &str) -> Result<Option<LoginRecord>, BackendError> {
    type Row = (
        i64,
        String,
        String,
        String,
        Option<String>,
        String,
        i64,
        Option<String>,
    );
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {STAFF_COLUMNS}, s.password_hash, s.failed_logins, s.locked_until
         FROM staff s WHERE s.username = ?"
    ))
    .bind(username)
    .fetch_optional(pool)
    .await
    .map_err(unavailable)?;
    Ok(row.and_then(
        |(id, username, name, role, town, hash, failed_logins, locked_until)| {
            Some(LoginRecord {
                staff: staff_of((id, username, name, role, town))?,
                password_hash: PasswordHash(hash),
                failed_logins,
                locked_until: locked_until.as_deref().and_then(parse_time),
            })
        },
    ))
}

pub async fn login_failed(
    pool: &SqlitePool,
    staff_id: i64,
    lock_until: Option<DateTime<Utc>>,
) -> Result<(), BackendError> {
    let query = match lock_until {
        // Locked: the count starts again once the lock ends.
        Some(until) => sqlx::query("UPDATE staff SET failed_logins = 0, locked_until = ? WHERE id = ?")
            .bind(until.to_rfc3339())
            .bind(staff_id),
        None => sqlx::query("UPDATE staff SET failed_logins = failed_logins + 1 WHERE id = ?").bind(staff_id),
    };
    query.execute(pool).await.map(|_| ()).map_err(unavailable)
}

pub async fn login_succeeded(pool: &SqlitePool, staff_id: i64) -> Result<(), BackendError> {
    sqlx::query("UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = ?")
        .bind(staff_id)
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
    // Expired sessions of anyone are cleared as new ones are made.
    sqlx::query("DELETE FROM staff_sessions WHERE expires_at < ?")
        .bind(now.to_rfc3339())
        .execute(pool)
        .await
        .map_err(unavailable)?;
    sqlx::query(
        "INSERT INTO staff_sessions (token_hash, staff_id, csrf_token, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(token_hash)
    .bind(staff_id)
    .bind(csrf_token)
    .bind(now.to_rfc3339())
    .bind(expires_at.to_rfc3339())
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
    type Row = (i64, String, String, String, Option<String>, String);
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {STAFF_COLUMNS}, x.csrf_token FROM staff_sessions x JOIN staff s ON s.id = x.staff_id
         WHERE x.token_hash = ? AND x.expires_at > ?"
    ))
    .bind(token_hash)
    .bind(now.to_rfc3339())
    .fetch_optional(pool)
    .await
    .map_err(unavailable)?;
    Ok(row.and_then(|(id, username, name, role, town, csrf_token)| {
        Some(StaffSession {
            staff: staff_of((id, username, name, role, town))?,
            csrf_token,
        })
    }))
}

pub async fn end_session(pool: &SqlitePool, token_hash: &str) -> Result<(), BackendError> {
    sqlx::query("DELETE FROM staff_sessions WHERE token_hash = ?")
        .bind(token_hash)
        .execute(pool)
        .await
        .map(|_| ())
        .map_err(unavailable)
}

pub async fn end_all_sessions(pool: &SqlitePool, staff_id: i64) -> Result<(), BackendError> {
    sqlx::query("DELETE FROM staff_sessions WHERE staff_id = ?")
        .bind(staff_id)
        .execute(pool)
        .await
        .map(|_| ())
        .map_err(unavailable)
}

pub async fn all(pool: &SqlitePool) -> Result<Vec<Staff>, BackendError> {
    let rows: Vec<StaffRow> = sqlx::query_as(&format!(
        "SELECT {STAFF_COLUMNS} FROM staff s ORDER BY s.town IS NULL, s.town, s.role, s.username"
    ))
    .fetch_all(pool)
    .await
    .map_err(unavailable)?;
    Ok(rows.into_iter().filter_map(staff_of).collect())
}

pub async fn of_town(pool: &SqlitePool, town: &str) -> Result<Vec<Staff>, BackendError> {
    let rows: Vec<StaffRow> = sqlx::query_as(&format!(
        "SELECT {STAFF_COLUMNS} FROM staff s WHERE s.town = ? ORDER BY s.display_name"
    ))
    .bind(town)
    .fetch_all(pool)
    .await
    .map_err(unavailable)?;
    Ok(rows.into_iter().filter_map(staff_of).collect())
}

pub async fn by_id(pool: &SqlitePool, id: i64) -> Result<Option<Staff>, BackendError> {
    let row: Option<StaffRow> =
        sqlx::query_as(&format!("SELECT {STAFF_COLUMNS} FROM staff s WHERE s.id = ?"))
            .bind(id)
            .fetch_optional(pool)
            .await
            .map_err(unavailable)?;
    Ok(row.and_then(staff_of))
}
