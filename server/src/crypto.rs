//! Personal data at rest (PIPL; issue 8, item 12). ID numbers, bank card numbers and phone
//! numbers are sealed with an authenticated cipher (XChaCha20-Poly1305) before they reach the
//! database, so a copy of the database file or a backup shows none of them. Duplicates are
//! found by a keyed hash (HMAC-SHA-256) of the ID number, which matches equal numbers without
//! revealing them.
//!
//! The keys live in a file named by the configuration (`PORTAL_DATA_KEY_FILE`), never in the
//! database. Each sealed value names the key that sealed it, so keys can rotate: put a new
//! `key` line first, keep the old ones below it to read what they sealed. The lookup key never
//! changes (the hashes stored with every application depend on it).
//!
//! ```text
//! lookup 5c1e…(64 hex digits)
//! key 2026b 9f00…(64 hex digits)   ← seals new data
//! key 2026a 31ab…(64 hex digits)   ← still opens what it sealed
//! ```

use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD as BASE64;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::path::Path;

/// What a sealed value starts with; anything else is read as written before sealing existed.
const SEALED: &str = "sealed:v1:";

/// 32 bytes of key. Neither `Debug` nor `Serialize`: it cannot end up in a log or a page.
struct Key([u8; 32]);

pub struct DataKeys {
    current: (String, Key),
    older: Vec<(String, Key)>,
    lookup: Key,
}

/// A sealed value that cannot be opened: a key missing from the file, or a value altered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    #[error("the value was sealed with key {0}, which is not in the key file")]
    UnknownKey(String),
    #[error("the sealed value is damaged or was altered")]
    Damaged,
}

impl DataKeys {
    /// Reads the key file; every problem is said in words an operator can act on.
    pub fn load(path: &Path) -> Result<DataKeys, String> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            format!(
                "cannot read the data key file {} ({e}). It holds the key that protects ID, bank \
                 card and phone numbers in the database. For a new installation create one with \
                 `server keygen --to {}`; otherwise restore it from where it is backed up.",
                path.display(),
                path.display()
            )
        })?;
        DataKeys::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn parse(text: &str) -> Result<DataKeys, String> {
        let mut lookup = None;
        let mut keys = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                [] => {}
                ["lookup", hex] => {
                    lookup = Some(key_from_hex(hex).map_err(|e| format!("line {}: {e}", n + 1))?)
                }
                ["key", id, hex] if id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') => keys.push((
                    id.to_string(),
                    key_from_hex(hex).map_err(|e| format!("line {}: {e}", n + 1))?,
                )),
                _ => {
                    return Err(format!(
                        "line {}: expected `lookup <64 hex digits>` or `key <id> <64 hex digits>`",
                        n + 1
                    ));
                }
            }
        }
        let lookup = lookup.ok_or("no `lookup` line")?;
        let mut keys = keys.into_iter();
        let current = keys.next().ok_or("no `key` line")?;
        Ok(DataKeys {
            current,
            older: keys.collect(),
            lookup,
        })
    }

    /// The text of a new key file: a fresh lookup key and a fresh sealing key.
    pub fn generate() -> String {
        let id = chrono::Utc::now().format("%Y%m%d").to_string();
        format!(
            "# Data keys of the Jiangjin temporary-assistance portal. Keep this file secret\n\
             # (readable by the portal's user only) and backed up apart from the database:\n\
             # without it the ID, bank card and phone numbers in the database cannot be read.\n\
             # To rotate, add a new `key` line first and keep the old ones; never change `lookup`.\n\
             lookup {}\nkey {id} {}\n",
            random_hex(),
            random_hex()
        )
    }

    /// Seals `plain` for the column `purpose` (so a value copied to another column does not
    /// open there).
    pub fn seal(&self, purpose: &str, plain: &str) -> String {
        let (id, key) = &self.current;
        let mut nonce = [0u8; 24];
        getrandom::fill(&mut nonce).expect("the operating system's random source");
        let cipher = XChaCha20Poly1305::new((&key.0).into());
        let sealed = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plain.as_bytes(),
                    aad: purpose.as_bytes(),
                },
            )
            .expect("XChaCha20-Poly1305 seals any length we store");
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        format!("{SEALED}{id}:{}", BASE64.encode(bytes))
    }

    /// Opens what [`seal`](Self::seal) made for the same `purpose`. A value without the sealed
    /// prefix was written before sealing existed, and is returned as it is.
    pub fn open(&self, purpose: &str, stored: &str) -> Result<String, OpenError> {
        let Some(rest) = stored.strip_prefix(SEALED) else {
            return Ok(stored.to_string());
        };
        let (id, encoded) = rest.split_once(':').ok_or(OpenError::Damaged)?;
        let key = std::iter::once(&self.current)
            .chain(self.older.iter())
            .find(|(kid, _)| kid == id)
            .map(|(_, key)| key)
            .ok_or_else(|| OpenError::UnknownKey(id.to_string()))?;
        let bytes = BASE64.decode(encoded).map_err(|_| OpenError::Damaged)?;
        if bytes.len() < 24 {
            return Err(OpenError::Damaged);
        }
        let (nonce, sealed) = bytes.split_at(24);
        let plain = XChaCha20Poly1305::new((&key.0).into())
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: purpose.as_bytes(),
                },
            )
            .map_err(|_| OpenError::Damaged)?;
        String::from_utf8(plain).map_err(|_| OpenError::Damaged)
    }

    /// Whether `stored` is sealed with the current key (false: clear, or an older key).
    pub fn is_current(&self, stored: &str) -> bool {
        stored
            .strip_prefix(SEALED)
            .and_then(|rest| rest.split_once(':'))
            .is_some_and(|(id, _)| id == self.current.0)
    }

    /// The keyed hash that finds equal ID numbers without storing them.
    pub fn lookup_hash(&self, value: &str) -> String {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.lookup.0).expect("HMAC takes a key of any length");
        mac.update(value.trim().to_uppercase().as_bytes());
        hex(&mac.finalize().into_bytes())
    }
}

/// `server keygen`: a new key file at `path`, readable by its owner only; never replaces one.
pub fn write_new_key_file(path: &Path) -> Result<(), String> {
    use std::io::Write;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => format!(
            "{} exists already; a key file is never replaced (the data it sealed would be lost)",
            path.display()
        ),
        _ => format!("cannot create {}: {e}", path.display()),
    })?;
    file.write_all(DataKeys::generate().as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!(
        "created {} (keep it secret and backed up apart from the database)",
        path.display()
    );
    Ok(())
}

fn key_from_hex(text: &str) -> Result<Key, String> {
    let bad = || "a key is 64 hex digits (32 bytes)".to_string();
    if text.len() != 64 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad());
    }
    let mut key = [0u8; 32];
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
    }
    Ok(Key(key))
}

fn random_hex() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source");
    hex(&bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_opens_with_its_key_and_shows_nothing_of_the_number() {
        let keys = DataKeys::parse(&DataKeys::generate()).unwrap();
        let sealed = keys.seal("applications.id_number", "11010519491231002X");
        assert!(sealed.starts_with("sealed:v1:"), "{sealed}");
        assert!(!sealed.contains("1101051949"));
        // A fresh nonce each time: equal numbers do not give equal sealed values.
        assert_ne!(sealed, keys.seal("applications.id_number", "11010519491231002X"));
        assert_eq!(
            keys.open("applications.id_number", &sealed).unwrap(),
            "11010519491231002X"
        );
    }

    #[test]
    fn an_altered_value_or_another_columns_value_does_not_open() {
        let keys = DataKeys::parse(&DataKeys::generate()).unwrap();
        let sealed = keys.seal("applications.phone", "13812345678");
        assert_eq!(
            keys.open("applications.id_number", &sealed),
            Err(OpenError::Damaged)
        );
        let mut altered = sealed.clone().into_bytes();
        let last = altered.len() - 2;
        altered[last] = if altered[last] == b'A' { b'B' } else { b'A' };
        let altered = String::from_utf8(altered).unwrap();
        assert_eq!(keys.open("applications.phone", &altered), Err(OpenError::Damaged));
    }

    #[test]
    fn after_a_rotation_old_values_still_open_and_new_ones_use_the_new_key() {
        let old_file = DataKeys::generate();
        let old = DataKeys::parse(&old_file).unwrap();
        let sealed_before = old.seal("drafts.answers", "{}");
        let lookup_line = old_file.lines().find(|l| l.starts_with("lookup")).unwrap();
        let old_key_line = old_file.lines().find(|l| l.starts_with("key")).unwrap();
        let rotated = format!("{lookup_line}\nkey next {}\n{old_key_line}\n", "ab".repeat(32));
        let keys = DataKeys::parse(&rotated).unwrap();
        assert_eq!(keys.open("drafts.answers", &sealed_before).unwrap(), "{}");
        assert!(!keys.is_current(&sealed_before));
        assert!(keys.is_current(&keys.seal("drafts.answers", "{}")));
        // The lookup key did not change, so duplicates are still found.
        assert_eq!(
            old.lookup_hash("11010519491231002x"),
            keys.lookup_hash("11010519491231002X")
        );
        // Without the old key, its values are named as such.
        let only_new = format!("{lookup_line}\nkey next {}\n", "ab".repeat(32));
        let keys = DataKeys::parse(&only_new).unwrap();
        assert!(matches!(
            keys.open("drafts.answers", &sealed_before),
            Err(OpenError::UnknownKey(_))
        ));
    }

    #[test]
    fn a_bad_key_file_is_refused_with_its_line() {
        let e = DataKeys::parse("lookup 1234\nkey a b\n").err().unwrap();
        assert!(e.contains("line 1") && e.contains("64 hex digits"), "{e}");
        let e = DataKeys::parse(&format!("lookup {}\n", "00".repeat(32)))
            .err()
            .unwrap();
        assert!(e.contains("no `key` line"), "{e}");
    }

    #[test]
    fn a_value_written_before_sealing_reads_as_it_was() {
        let keys = DataKeys::parse(&DataKeys::generate()).unwrap();
        assert_eq!(
            keys.open("applications.phone", "13812345678").unwrap(),
            "13812345678"
        );
    }
}
