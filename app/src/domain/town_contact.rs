//! A town office's contact for residents (issue 24, item 10): the office that handles an
//! application, by name, telephone, address and hours. Data an administrator keeps on
//! /staff/admin, not code: towns move and change their numbers.

use serde::{Deserialize, Serialize};

/// The district's line for everything else: 12345, the government service hotline
/// (政务服务便民热线), on every resident page.
pub const DISTRICT_LINE: &str = "12345";

/// The longest address or hours an administrator may type (a page shows them whole).
const MAX_TEXT: usize = 100;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TownContact {
    /// The town's full name (几江街道): its office is the one residents go to.
    pub town: String,
    /// As it is dialled: a landline with its area code (023-4752 1234), or a mobile.
    pub phone: String,
    pub address: String,
    /// When the office is open, in words (周一至周五 9:00–12:00, 14:00–17:30).
    pub hours: String,
}

/// What is wrong with a contact as typed: the field, and what to say there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactProblem {
    Phone,
    Address,
    Hours,
}

impl TownContact {
    /// A contact as an administrator typed it, trimmed; the first field that cannot be right.
    /// A telephone is 5 to 20 digits, with spaces, dashes or brackets between them; the address
    /// and hours are words of at most 100 characters, no control characters.
    pub fn typed(town: &str, phone: &str, address: &str, hours: &str) -> Result<TownContact, ContactProblem> {
        let phone = phone.trim();
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        let dialled = phone
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '（' | '）'));
        if !dialled || !(5..=20).contains(&digits) {
            return Err(ContactProblem::Phone);
        }
        let words = |text: &str| {
            let text = text.trim();
            let fine =
                !text.is_empty() && text.chars().count() <= MAX_TEXT && !text.chars().any(char::is_control);
            fine.then(|| text.to_string())
        };
        Ok(TownContact {
            town: town.trim().to_string(),
            phone: phone.to_string(),
            address: words(address).ok_or(ContactProblem::Address)?,
            hours: words(hours).ok_or(ContactProblem::Hours)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_landline_with_its_area_code_and_words_of_reasonable_length_are_taken() {
        let c = TownContact::typed(
            " 几江街道 ",
            " 023-4752 1234 ",
            "几江街道某路 1 号",
            "周一至周五 9:00–17:30",
        )
        .unwrap();
        assert_eq!((c.town.as_str(), c.phone.as_str()), ("几江街道", "023-4752 1234"));
    }

    #[test]
    fn a_telephone_of_letters_or_too_few_digits_and_empty_or_endless_words_are_refused() {
        let ok = ("023-47521234", "某路 1 号", "工作日");
        assert_eq!(
            TownContact::typed("几江街道", "call us", ok.1, ok.2),
            Err(ContactProblem::Phone)
        );
        assert_eq!(
            TownContact::typed("几江街道", "1234", ok.1, ok.2),
            Err(ContactProblem::Phone)
        );
        assert_eq!(
            TownContact::typed("几江街道", ok.0, " ", ok.2),
            Err(ContactProblem::Address)
        );
        let endless = "长".repeat(101);
        assert_eq!(
            TownContact::typed("几江街道", ok.0, ok.1, &endless),
            Err(ContactProblem::Hours)
        );
        assert_eq!(
            TownContact::typed("几江街道", ok.0, "a\u{0007}b", ok.2),
            Err(ContactProblem::Address)
        );
    }
}
