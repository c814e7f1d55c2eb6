//! The resident identity card number (居民身份证号码), GB 11643-1999: 17 digits and a check
//! character. Parsed once at the edge; a bare `String` never carries an ID number, and the
//! type prints only its masked form, so it cannot leak into a log by accident.

use chrono::{Datelike, NaiveDate};
use std::fmt;

#[derive(Clone, PartialEq, Eq, Hash)]
pub struct NationalId(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NationalIdError {
    /// Not 18 characters of digits with a final digit or X.
    Shape,
    /// Digits 7–14 are not a real date.
    BirthDate,
    /// The check character does not match (a digit mistyped or swapped).
    CheckCharacter,
    /// The birth date inside is after today: nobody applying was born then.
    BornInTheFuture,
}

impl crate::rules::AnswerError for NationalIdError {
    fn message(&self) -> (String, String) {
        use crate::i18n::checks as words;
        match self {
            NationalIdError::Shape => words::ID_SHAPE,
            NationalIdError::BirthDate => words::ID_BIRTH_DATE,
            NationalIdError::CheckCharacter => words::ID_CHECK_CHARACTER,
            NationalIdError::BornInTheFuture => words::ID_BORN_IN_THE_FUTURE,
        }
        .pair()
    }
}

/// GB 11643-1999 weights for the first 17 digits, and the check character for each remainder.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

impl NationalId {
    /// Accepts spaces between groups and a lower-case x, as people type them.
    pub fn parse(text: &str) -> Result<NationalId, NationalIdError> {
        let id: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let bytes = id.as_bytes();
        if bytes.len() != 18
            || !bytes[..17].iter().all(u8::is_ascii_digit)
            || !(bytes[17].is_ascii_digit() || bytes[17] == b'X')
        {
            return Err(NationalIdError::Shape);
        }
        let sum: u32 = bytes[..17]
            .iter()
            .zip(WEIGHTS)
            .map(|(b, w)| u32::from(b - b'0') * w)
            .sum();
        if CHECK[(sum % 11) as usize] != bytes[17] as char {
            return Err(NationalIdError::CheckCharacter);
        }
        let birth = NationalId(id.clone())
            .birth_date_unchecked()
            .ok_or(NationalIdError::BirthDate)?;
        if birth.year() < 1900 {
            return Err(NationalIdError::BirthDate);
        }
        Ok(NationalId(id))
    }

    /// As `parse`, for a person who exists on `today`: a birth date after it is refused (an
    /// age computed from it would be stored as 0).
    pub fn parse_on(text: &str, today: NaiveDate) -> Result<NationalId, NationalIdError> {
        let id = NationalId::parse(text)?;
        if id.birth_date() > today {
            return Err(NationalIdError::BornInTheFuture);
        }
        Ok(id)
    }

    fn birth_date_unchecked(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(&self.0[6..14], "%Y%m%d").ok()
    }

    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date_unchecked().expect("checked by parse")
    }

    /// Age in whole years on `date`.
    pub fn age_on(&self, date: NaiveDate) -> i64 {
        let birth = self.birth_date();
        let mut age = i64::from(date.year() - birth.year());
        if (date.month(), date.day()) < (birth.month(), birth.day()) {
            age -= 1;
        }
        age.max(0)
    }

    /// The full number, for storage and for the staff who must see it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// For lists and logs: the region's first three digits and the last four.
    pub fn masked(&self) -> String {
        format!("{}***********{}", &self.0[..3], &self.0[14..])
    }
}

/// Never the full number.
impl fmt::Debug for NationalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NationalId({})", self.masked())
    }
}

impl fmt::Display for NationalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The worked example of GB 11643-1999.
    const EXAMPLE: &str = "11010519491231002X";

    #[test]
    fn the_standards_example_is_valid_and_born_on_31_december_1949() {
        let id = NationalId::parse(EXAMPLE).unwrap();
        assert_eq!(id.birth_date(), NaiveDate::from_ymd_opt(1949, 12, 31).unwrap());
    }

    #[test]
    fn a_lower_case_x_and_spaces_are_forgiven() {
        assert!(NationalId::parse("110105 19491231 002x").is_ok());
    }

    #[test]
    fn one_mistyped_digit_is_caught_by_the_check_character() {
        assert_eq!(
            NationalId::parse("11010519491231003X"),
            Err(NationalIdError::CheckCharacter)
        );
    }

    #[test]
    fn two_swapped_digits_are_caught() {
        assert_eq!(
            NationalId::parse("11010591491231002X"),
            Err(NationalIdError::CheckCharacter)
        );
    }

    #[test]
    fn seventeen_digits_or_letters_are_the_wrong_shape() {
        assert_eq!(
            NationalId::parse("11010519491231002"),
            Err(NationalIdError::Shape)
        );
        assert_eq!(
            NationalId::parse("1101051949123100AX"),
            Err(NationalIdError::Shape)
        );
    }

    /// The first 17 digits with their check character, for numbers no test data lists.
    fn with_check(first17: &str) -> String {
        let sum: u32 = first17
            .bytes()
            .zip(WEIGHTS)
            .map(|(b, w)| u32::from(b - b'0') * w)
            .sum();
        format!("{first17}{}", CHECK[(sum % 11) as usize])
    }

    #[test]
    fn a_birth_date_after_today_is_refused() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        for born in ["20990101", "99991231", "20261202"] {
            let id = with_check(&format!("110105{born}002"));
            assert!(NationalId::parse(&id).is_ok(), "{id} is well formed");
            assert_eq!(
                NationalId::parse_on(&id, today),
                Err(NationalIdError::BornInTheFuture),
                "{id}"
            );
        }
        let born_today = with_check("11010520261201002");
        assert!(NationalId::parse_on(&born_today, today).is_ok());
    }

    #[test]
    fn age_turns_on_the_birthday() {
        let id = NationalId::parse(EXAMPLE).unwrap();
        assert_eq!(id.age_on(NaiveDate::from_ymd_opt(2019, 12, 30).unwrap()), 69);
        assert_eq!(id.age_on(NaiveDate::from_ymd_opt(2019, 12, 31).unwrap()), 70);
    }

    #[test]
    fn lists_and_logs_see_only_the_masked_number() {
        let id = NationalId::parse(EXAMPLE).unwrap();
        assert_eq!(id.masked(), "110***********002X");
        assert_eq!(format!("{id:?}"), "NationalId(110***********002X)");
        assert!(!format!("{id}").contains("19491231"));
    }
}
