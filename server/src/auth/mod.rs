//! Staff authentication: argon2id password hashes (computed off the async threads), session
//! secrets kept only as their SHA-256, and the lock-out after repeated failures.

mod password;
mod secret;

pub use password::{Password, hash_password, verify_password};
pub use secret::{hex, new_secret, same_secret, secret_hash};

/// Five wrong passwords in a row lock the account for fifteen minutes: slow enough to stop
/// guessing, short enough that a caseworker who mistyped is not stuck for the day.
pub const MAX_FAILED_LOGINS: i64 = 5;
pub const LOCK_MINUTES: i64 = 15;
/// A staff session lasts a working day and then asks for the password again.
pub const SESSION_HOURS: i64 = 12;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_fresh_and_stored_as_their_hash() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
        assert_eq!(secret_hash(&a).len(), 64);
        assert_ne!(secret_hash(&a), a);
    }

    #[test]
    fn secrets_compare_equal_only_when_identical() {
        assert!(same_secret("abc123", "abc123"));
        assert!(!same_secret("abc123", "abc124"));
        assert!(!same_secret("abc", "abc123"));
    }
}
