//! A mainland mobile number: 11 digits beginning 13–19. Printed masked.

use std::fmt;

#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PhoneNumber(String);

/// Not a mainland mobile number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhoneError;

impl crate::rules::AnswerError for PhoneError {
    fn message(&self) -> (String, String) {
        crate::i18n::checks::PHONE.pair()
    }
}

impl PhoneNumber {
    /// Accepts spaces, hyphens and a +86 / 0086 prefix, as people type them.
    pub fn parse(text: &str) -> Result<PhoneNumber, PhoneError> {
        let digits: String = text
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '(' | ')'))
            .collect();
        let digits = digits
            .strip_prefix("+86")
            .or_else(|| digits.strip_prefix("0086"))
            .unwrap_or(&digits)
            .to_string();
        let ok = digits.len() == 11
            && digits.bytes().all(|b| b.is_ascii_digit())
            && digits.starts_with('1')
            && (b'3'..=b'9').contains(&digits.as_bytes()[1]);
        if ok {
            Ok(PhoneNumber(digits))
        } else {
            Err(PhoneError)
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The last four digits: what a resident types to see their application.
    pub fn last_four(&self) -> &str {
        &self.0[7..]
    }

    pub fn masked(&self) -> String {
        format!("{}****{}", &self.0[..3], &self.0[7..])
    }
}

impl fmt::Debug for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PhoneNumber({})", self.masked())
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mobile_number_with_spaces_and_country_code_is_accepted() {
        assert_eq!(
            PhoneNumber::parse("+86 138-1234-5678").unwrap().expose(),
            "13812345678"
        );
    }

    #[test]
    fn landlines_short_numbers_and_12_prefixes_are_refused() {
        for bad in [
            "023-47521234",
            "1381234567",
            "12812345678",
            "138123456789",
            "1381234567a",
        ] {
            assert!(PhoneNumber::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_number_is_shown_masked() {
        let p = PhoneNumber::parse("13812345678").unwrap();
        assert_eq!(p.masked(), "138****5678");
        assert_eq!(format!("{p:?}"), "PhoneNumber(138****5678)");
        assert_eq!(p.last_four(), "5678");
    }
}
