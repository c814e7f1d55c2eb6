//! A bank card number for the payment: 16 to 19 digits with a Luhn check digit (ISO/IEC 7812).

use std::fmt;

#[derive(Clone, PartialEq, Eq)]
pub struct BankCard(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BankCardError {
    /// Not 16 to 19 digits.
    Shape,
    /// The Luhn check digit does not match (a digit mistyped or swapped).
    CheckDigit,
}

impl crate::rules::AnswerError for BankCardError {
    fn message(&self) -> (String, String) {
        use crate::i18n::checks::{CARD_CHECK_DIGIT, CARD_SHAPE};
        match self {
            BankCardError::Shape => CARD_SHAPE,
            BankCardError::CheckDigit => CARD_CHECK_DIGIT,
        }
        .pair()
    }
}

impl BankCard {
    pub fn parse(text: &str) -> Result<BankCard, BankCardError> {
        let digits: String = text.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        let shape_ok = (16..=19).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
        if !shape_ok {
            return Err(BankCardError::Shape);
        }
        let sum: u32 = digits
            .bytes()
            .rev()
            .enumerate()
            .map(|(i, b)| {
                let d = u32::from(b - b'0');
                if i % 2 == 1 {
                    let d2 = d * 2;
                    if d2 > 9 { d2 - 9 } else { d2 }
                } else {
                    d
                }
            })
            .sum();
        if !sum.is_multiple_of(10) {
            return Err(BankCardError::CheckDigit);
        }
        Ok(BankCard(digits))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn masked(&self) -> String {
        format!("**** {}", &self.0[self.0.len() - 4..])
    }
}

impl fmt::Debug for BankCard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BankCard({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_with_a_right_check_digit_is_accepted_with_spaces() {
        assert_eq!(
            BankCard::parse("4111 1111 1111 1111").unwrap().expose(),
            "4111111111111111"
        );
    }

    #[test]
    fn a_mistyped_digit_is_caught() {
        assert!(BankCard::parse("4111111111111112").is_err());
    }

    #[test]
    fn short_numbers_and_letters_are_refused() {
        assert!(BankCard::parse("411111111111111").is_err());
        assert!(BankCard::parse("41111111111111a1").is_err());
    }

    #[test]
    fn the_card_is_shown_masked() {
        assert_eq!(BankCard::parse("4111111111111111").unwrap().masked(), "**** 1111");
    }
}
