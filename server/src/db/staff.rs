//! Staff accounts and their sessions.

use super::common::{parse_time, unavailable};
use super::engine::{execute, fetch, scalar};
use super::error::BackendError;
use super::store::Store;
use app::domain::review::{Role, Staff};
use chrono::{DateTime, Utc};

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

/// An account as stored. (SQLite's planner cannot always tell that `id` is never NULL; the
/// queries say so with `AS "id!"`.)
struct StaffRow {
    id: i64,
    username: String,
    display_name: String,
    role: String,
    town: Option<String>,
}

impl StaffRow {
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

struct LoginRow {
    id: i64,
    username: String,
    display_name: String,
    role: String,
    town: Option<String>,
    password_hash: String,
    failed_logins: i64,
    locked_until: Option<String>,
}

struct SessionRow {
    id: i64,
    username: String,
    display_name: String,
    role: String,
    town: Option<String>,
    csrf_token: String,
}

impl Store {
    /// Creates an account; `BackendError::Conflict` when the username is taken.
    pub async fn add_staff(&self, new: NewStaff, now: DateTime<Utc>) -> Result<i64, BackendError> {
        let (role, now) = (new.role.word(), now.to_rfc3339());
        let added = scalar!(
            self.write().await?,
            fetch_one,
            r#"INSERT INTO staff (username, display_name, role, town, password_hash, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             RETURNING id AS "id!""#,
            new.username,
            new.display_name,
            role,
            new.town,
            new.password_hash.0,
            now
        );
        match added {
            Ok(id) => Ok(id),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(BackendError::Conflict),
            Err(e) => Err(unavailable(e)),
        }
    }

    /// Counts a sign-in attempt on the account before its password is checked, in one
    /// statement, so that a burst of attempts cannot pass the limit: the record when the
    /// attempt was counted (the attempt that reaches `max_failures` also locks the account
    /// until `lock_until`, undone by `login_succeeded`); `None` when the account is unknown
    /// or locked at `now`. A lock that has ended starts the count again.
    ///
    /// One UPDATE counts and locks: SQLite runs one writer at a time; on PostgreSQL
    /// simultaneous attempts queue for the account's row lock, and each, once it has it,
    /// evaluates its WHERE and SET on the row the one before it wrote (READ COMMITTED re-reads
    /// the latest version of a row an UPDATE waited for). So forty at once are counted one
    /// after another, and only the first `max_failures` find the account open.
    pub async fn reserve_login_attempt(
        &self,
        username: &str,
        max_failures: i64,
        now: DateTime<Utc>,
        lock_until: DateTime<Utc>,
    ) -> Result<Option<LoginRecord>, BackendError> {
        let (now, lock_until) = (now.to_rfc3339(), lock_until.to_rfc3339());
        let row = fetch!(
            self.write().await?,
            fetch_optional,
            LoginRow,
            r#"UPDATE staff SET
                failed_logins = CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_logins + 1 END,
                locked_until = CASE
                    WHEN (CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_logins + 1 END) >= $1
                    THEN $2 ELSE NULL END
             WHERE username = $3 AND (locked_until IS NULL OR locked_until <= $4)
             RETURNING id AS "id!", username AS "username!", display_name AS "display_name!",
                role AS "role!", town, password_hash AS "password_hash!",
                failed_logins AS "failed_logins!", locked_until"#,
            max_failures,
            lock_until,
            username,
            now
        )
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

    /// The right password: the count and any lock are cleared.
    pub async fn login_succeeded(&self, staff_id: i64) -> Result<(), BackendError> {
        execute!(
            self.write().await?,
            "UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = $1",
            staff_id
        )
        .map_err(unavailable)?;
        Ok(())
    }

    pub async fn create_session(
        &self,
        token_hash: &str,
        staff_id: i64,
        csrf_token: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(), BackendError> {
        let (now, expires_at) = (now.to_rfc3339(), expires_at.to_rfc3339());
        let mut conn = self.write().await?;
        // Expired sessions of anyone are cleared as new ones are made.
        execute!(conn, "DELETE FROM staff_sessions WHERE expires_at < $1", now).map_err(unavailable)?;
        execute!(
            conn,
            "INSERT INTO staff_sessions (token_hash, staff_id, csrf_token, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
            token_hash,
            staff_id,
            csrf_token,
            now,
            expires_at
        )
        .map_err(unavailable)?;
        Ok(())
    }

    /// The session with this token hash, unless it expired.
    pub async fn session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<StaffSession>, BackendError> {
        let now = now.to_rfc3339();
        let row = fetch!(
            self.read().await?,
            fetch_optional,
            SessionRow,
            r#"SELECT s.id AS "id!", s.username, s.display_name, s.role, s.town, x.csrf_token
             FROM staff_sessions x JOIN staff s ON s.id = x.staff_id
             WHERE x.token_hash = $1 AND x.expires_at > $2"#,
            token_hash,
            now
        )
        .map_err(unavailable)?;
        Ok(row.and_then(|r| {
            let staff = staff(r.id, r.username, r.display_name, &r.role, r.town)?;
            Some(StaffSession {
                staff,
                csrf_token: r.csrf_token,
            })
        }))
    }

    pub async fn end_session(&self, token_hash: &str) -> Result<(), BackendError> {
        execute!(
            self.write().await?,
            "DELETE FROM staff_sessions WHERE token_hash = $1",
            token_hash
        )
        .map_err(unavailable)?;
        Ok(())
    }

    /// Signs the account out on every browser.
    pub async fn end_all_sessions(&self, staff_id: i64) -> Result<(), BackendError> {
        execute!(
            self.write().await?,
            "DELETE FROM staff_sessions WHERE staff_id = $1",
            staff_id
        )
        .map_err(unavailable)?;
        Ok(())
    }

    /// An account by its id.
    pub(crate) async fn staff_by_id(&self, id: i64) -> Result<Option<Staff>, BackendError> {
        let row = fetch!(
            self.read().await?,
            fetch_optional,
            StaffRow,
            r#"SELECT id AS "id!", username, display_name, role, town FROM staff WHERE id = $1"#,
            id
        )
        .map_err(unavailable)?;
        Ok(row.and_then(StaffRow::staff))
    }

    /// Every account, for the administrator: by town, district accounts (no town) last.
    pub async fn all_staff(&self) -> Result<Vec<Staff>, BackendError> {
        let rows = fetch!(
            self.read().await?,
            fetch_all,
            StaffRow,
            r#"SELECT id AS "id!", username, display_name, role, town FROM staff
             ORDER BY town IS NULL, town, role, username"#
        )
        .map_err(unavailable)?;
        Ok(rows.into_iter().filter_map(StaffRow::staff).collect())
    }

    /// The caseworkers and heads of a town, for assignment.
    pub async fn town_staff(&self, town: &str) -> Result<Vec<Staff>, BackendError> {
        let rows = fetch!(
            self.read().await?,
            fetch_all,
            StaffRow,
            r#"SELECT id AS "id!", username, display_name, role, town FROM staff WHERE town = $1
             ORDER BY display_name"#,
            town
        )
        .map_err(unavailable)?;
        Ok(rows.into_iter().filter_map(StaffRow::staff).collect())
    }
}
