//! Application reference numbers, e.g. `LZ-7K4-M9Q-XRC`: unguessable (8 random characters from
//! 32, about 10¹² values), easy to read aloud over the phone in groups of three (no 0/O, no 1/I)
//! and ending in a check character (Luhn mod 32) that catches any one mistyped character and
//! nearly every swap of two neighbouring characters.

use std::fmt;

/// Digits 2–9 and the letters without I and O.
pub const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const PREFIX: &str = "LZ"; // 临助
/// Random characters, then one check character.
const RANDOM_LEN: usize = 8;
const LEN: usize = RANDOM_LEN + 1;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ReferenceNumber(String);

fn value(c: u8) -> Option<usize> {
    ALPHABET.iter().position(|&a| a == c)
}

/// Luhn mod N over the characters' values, N = 32.
fn check_char(body: &[u8]) -> Option<u8> {
    let n = ALPHABET.len();
    let mut sum = 0;
    let mut factor = 2;
    for &c in body.iter().rev() {
        let addend = factor * value(c)?;
        sum += addend / n + addend % n;
        factor = if factor == 2 { 1 } else { 2 };
    }
    Some(ALPHABET[(n - sum % n) % n])
}

impl ReferenceNumber {
    /// How a reference reads where it must not be shown (the family page).
    pub const HIDDEN: &'static str = "LZ-***-***-***";

    /// Builds a reference from 5 random bytes (the caller brings a cryptographic source):
    /// 40 bits, 5 for each of the 8 characters.
    pub fn from_random(random: [u8; 5]) -> ReferenceNumber {
        let mut bits = random.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        let mut body = Vec::with_capacity(LEN);
        for _ in 0..RANDOM_LEN {
            body.push(ALPHABET[(bits & 31) as usize]);
            bits >>= 5;
        }
        let check = check_char(&body).expect("alphabet characters");
        body.push(check);
        ReferenceNumber::grouped(&body)
    }

    fn grouped(body: &[u8]) -> ReferenceNumber {
        let text = std::str::from_utf8(body).expect("ASCII");
        ReferenceNumber(format!("{PREFIX}-{}-{}-{}", &text[..3], &text[3..6], &text[6..]))
    }

    /// Reads what a resident typed: any case, with or without the prefix, spaces or hyphens.
    /// 0, O, 1 and I are never in a reference, so they are refused rather than guessed.
    pub fn parse(text: &str) -> Option<ReferenceNumber> {
        let cleaned: Vec<u8> = text
            .bytes()
            .filter(|b| !matches!(b, b' ' | b'-'))
            .map(|b| b.to_ascii_uppercase())
            .collect();
        let body = cleaned.strip_prefix(PREFIX.as_bytes()).unwrap_or(&cleaned);
        if body.len() != LEN || body.iter().any(|&c| value(c).is_none()) {
            return None;
        }
        let (data, check) = body.split_at(RANDOM_LEN);
        if check_char(data)? != check[0] {
            return None;
        }
        Some(ReferenceNumber::grouped(body))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ReferenceNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ReferenceNumber {
        ReferenceNumber::from_random([0x12, 0x34, 0x56, 0x78, 0x9a])
    }

    #[test]
    fn a_reference_reads_back_however_it_is_typed() {
        let r = sample();
        assert_eq!(r.as_str().len(), "LZ-XXX-XXX-XXX".len());
        assert_eq!(ReferenceNumber::parse(r.as_str()), Some(r.clone()));
        let typed = r.as_str().to_lowercase().replace('-', " ");
        assert_eq!(ReferenceNumber::parse(&typed), Some(r.clone()));
        assert_eq!(ReferenceNumber::parse(&r.as_str()[3..]), Some(r));
    }

    #[test]
    fn a_reference_never_contains_characters_that_read_alike() {
        for seed in 0..200u8 {
            let r = ReferenceNumber::from_random([seed, seed.wrapping_mul(7), 3, seed, 9]);
            assert!(!r.as_str()[3..].contains(['0', 'O', '1', 'I']), "{r}");
        }
    }

    #[test]
    fn every_single_mistyped_character_is_caught() {
        let r = sample();
        let body: Vec<u8> = r.as_str().bytes().filter(|b| *b != b'-').skip(2).collect();
        for i in 0..body.len() {
            for &c in ALPHABET {
                if c == body[i] {
                    continue;
                }
                let mut typo = body.clone();
                typo[i] = c;
                assert_eq!(ReferenceNumber::parse(std::str::from_utf8(&typo).unwrap()), None);
            }
        }
    }

    #[test]
    fn swapping_two_neighbouring_different_characters_is_caught() {
        let r = sample();
        let body: Vec<u8> = r.as_str().bytes().filter(|b| *b != b'-').skip(2).collect();
        for i in 0..body.len() - 1 {
            if body[i] == body[i + 1] {
                continue;
            }
            let mut swapped = body.clone();
            swapped.swap(i, i + 1);
            assert_eq!(
                ReferenceNumber::parse(std::str::from_utf8(&swapped).unwrap()),
                None,
                "swap at {i}"
            );
        }
    }
}
