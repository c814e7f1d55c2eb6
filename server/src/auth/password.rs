//! Passwords: argon2id with a random salt, in PHC form. Hashing takes tens of milliseconds of
//! CPU on purpose, so it runs on the blocking pool, never on the async threads.

use crate::db::staff::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use argon2::{Argon2, PasswordHash as Phc};
use std::sync::OnceLock;

/// A password as typed. Neither Debug nor Serialize: it never reaches a log.
pub struct Password(String);

impl Password {
    /// Staff passwords have at least 10 characters; the message says so at the field.
    pub fn parse(text: String) -> Result<Password, &'static str> {
        if text.chars().count() < 10 {
            Err("the password must have at least 10 characters")
        } else {
            Ok(Password(text))
        }
    }

    /// A password typed at sign-in, checked against a hash whatever its length.
    pub fn typed(text: String) -> Password {
        Password(text)
    }
}

fn hash_now(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| format!("cannot hash the password: {e}"))
}

pub async fn hash_password(password: Password) -> Result<PasswordHash, String> {
    tokio::task::spawn_blocking(move || hash_now(&password.0).map(PasswordHash))
        .await
        .map_err(|e| format!("cannot hash the password: {e}"))?
}

/// A hash of nothing anybody can type, checked when the username is unknown, so that a wrong
/// username takes as long as a wrong password and does not tell which accounts exist.
fn decoy() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash_now(&super::secret::new_secret()).unwrap_or_default())
}

/// Whether the password matches the hash (or, with no hash, spends the same time and says no).
pub async fn verify_password(password: Password, hash: Option<PasswordHash>) -> bool {
    tokio::task::spawn_blocking(move || {
        let known = hash.is_some();
        let phc = hash.map(|h| h.0).unwrap_or_else(|| decoy().to_string());
        let matches = Phc::new(&phc)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.0.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false);
        known && matches
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_password_matches_its_own_hash_and_no_other_password() {
        let hash = hash_password(Password::parse("correct horse battery".into()).unwrap())
            .await
            .unwrap();
        assert!(hash.0.starts_with("$argon2id$"));
        assert!(
            verify_password(
                Password::typed("correct horse battery".into()),
                Some(hash.clone())
            )
            .await
        );
        assert!(!verify_password(Password::typed("correct horse battery!".into()), Some(hash)).await);
    }

    #[tokio::test]
    async fn an_unknown_account_never_signs_in() {
        assert!(!verify_password(Password::typed(String::new()), None).await);
    }

    #[test]
    fn a_short_password_is_refused() {
        assert!(Password::parse("123456789".into()).is_err());
        assert!(Password::parse("1234567890".into()).is_ok());
    }
}
