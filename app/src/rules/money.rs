//! Money as a whole number of fen (分), so that the browser, the server and a reviewer agree
//! to the fen (RULES.md §8: never binary floating point).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// An amount of money in fen. Arithmetic is checked by construction: every amount the rules
/// handle is bounded by [`Money::MAX`], so sums and products of a few of them fit in `i64`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

/// Why a number is not an amount of money.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoneyError {
    Negative,
    TooManyDecimals,
    TooLarge,
    NotANumber,
}

impl super::AnswerError for MoneyError {
    fn message(&self) -> (String, String) {
        let (zh, en) = match self {
            MoneyError::Negative => ("金额不能是负数。", "The amount cannot be negative."),
            MoneyError::TooManyDecimals => (
                "金额最多精确到分（两位小数）。",
                "Give the amount to at most two decimal places.",
            ),
            MoneyError::TooLarge => ("金额过大，请检查。", "That amount is too large; please check it."),
            MoneyError::NotANumber => (
                "请只填写数字，例如 12000 或 1.2万。",
                "Enter a number, for example 12000 or 1.2万.",
            ),
        };
        (zh.to_string(), en.to_string())
    }
}

/// The text with full-width digits and point (a Chinese keyboard's `９６００`, `０．５`) as ASCII
/// ones, everything else unchanged.
pub fn half_width_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            c => c,
        })
        .collect()
}

impl Money {
    /// Reads an amount as people type it into a form (issue 24, item 5): full-width digits
    /// and point (`９６００`, a Chinese keyboard's), thousands separators, spaces, a leading ¥
    /// and a trailing 元 are forgiven, and `万` counts ten thousand (`0.96万` is 9,600 yuan,
    /// `1.5万元` 15,000); blank is `None` (not answered).
    pub fn parse_typed(text: &str) -> Result<Option<Money>, MoneyError> {
        let cleaned: String = half_width_digits(text)
            .chars()
            .filter(|c| !matches!(c, ',' | '，' | '¥' | '￥') && !c.is_whitespace())
            .collect();
        let cleaned = cleaned.strip_suffix('元').unwrap_or(&cleaned);
        if cleaned.is_empty() {
            return Ok(None);
        }
        match cleaned.strip_suffix('万') {
            Some(number) => Money::parse_wan(number).map(Some),
            None => Money::parse(cleaned).map(Some),
        }
    }

    /// Parses a plain decimal counted in ten thousand yuan (`0.96`万): at most six decimals,
    /// so that the amount is still a whole number of fen. Integer arithmetic only: the check's
    /// WASM pays for every formatting call (issue 11, item 2).
    fn parse_wan(text: &str) -> Result<Money, MoneyError> {
        let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
        if whole.starts_with('-') {
            return Err(MoneyError::Negative);
        }
        let frac = frac.trim_end_matches('0');
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && frac.is_empty()) || !digits(whole) || !digits(frac) {
            return Err(MoneyError::NotANumber);
        }
        if frac.len() > 6 {
            return Err(MoneyError::TooManyDecimals);
        }
        let whole = whole.trim_start_matches('0');
        if whole.len() > 8 {
            return Err(MoneyError::TooLarge);
        }
        let number = |s: &str| s.parse::<i64>().unwrap_or(0);
        // A 万 is 1,000,000 fen; each decimal place a tenth of that.
        let scale = 10_i64.pow(6 - frac.len() as u32);
        let money = Money(number(whole) * 1_000_000 + number(frac) * scale);
        if money > Money::MAX {
            return Err(MoneyError::TooLarge);
        }
        Ok(money)
    }

    pub const ZERO: Money = Money(0);
    /// One hundred million yuan: far above any household figure, and small enough that the
    /// rules' products (× household size × months) cannot overflow.
    pub const MAX: Money = Money(100_000_000 * 100);

    pub const fn from_fen(fen: i64) -> Money {
        Money(fen)
    }

    pub const fn from_yuan(yuan: i64) -> Money {
        Money(yuan * 100)
    }

    pub const fn fen(self) -> i64 {
        self.0
    }

    /// Parses a plain decimal such as `30000`, `30000.5` or `0.05` (at most two decimals).
    pub fn parse(text: &str) -> Result<Money, MoneyError> {
        let text = text.trim();
        let (whole, frac) = match text.split_once('.') {
            Some((w, f)) => (w, f),
            None => (text, ""),
        };
        if whole.starts_with('-') {
            return Err(MoneyError::Negative);
        }
        let digits_ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && frac.is_empty()) || !digits_ok(whole) || !digits_ok(frac) {
            return Err(MoneyError::NotANumber);
        }
        let frac = frac.trim_end_matches('0');
        if frac.len() > 2 {
            return Err(MoneyError::TooManyDecimals);
        }
        let whole = whole.trim_start_matches('0');
        if whole.len() > 12 {
            return Err(MoneyError::TooLarge);
        }
        let yuan: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| MoneyError::NotANumber)?
        };
        let fen: i64 = format!("{frac:0<2}").parse().unwrap_or(0);
        let money = Money(yuan * 100 + fen);
        if money > Money::MAX {
            return Err(MoneyError::TooLarge);
        }
        Ok(money)
    }

    /// Reads a JSON number: an amount exactly when the number is the one closest to a whole
    /// number of fen, as `0.1` (read from "0.1") is the double closest to 10 fen. (Printing the
    /// number and parsing the text gives the same answers, but printing a double takes the
    /// largest piece of code the check's WASM would otherwise need: issue 11, item 2.)
    pub fn from_json_number(value: f64) -> Result<Money, MoneyError> {
        if !value.is_finite() {
            return Err(MoneyError::NotANumber);
        }
        // Negative zero too, as "-0" was.
        if value.is_sign_negative() {
            return Err(MoneyError::Negative);
        }
        if value > 1e12 {
            return Err(MoneyError::TooLarge);
        }
        // Below 1e12 yuan a double is finer than a fen, so the nearest whole number of fen is
        // the only candidate; fen / 100 is rounded correctly, so equality means "closest".
        let fen = (value * 100.0).round();
        if fen / 100.0 != value {
            return Err(MoneyError::TooManyDecimals);
        }
        let money = Money(fen as i64);
        if money > Money::MAX {
            return Err(MoneyError::TooLarge);
        }
        Ok(money)
    }

    pub fn times(self, factor: i64) -> Money {
        Money(self.0 * factor)
    }

    pub fn plus(self, other: Money) -> Money {
        Money(self.0 + other.0)
    }

    /// `self − other`, never below zero.
    pub fn saturating_minus(self, other: Money) -> Money {
        Money((self.0 - other.0).max(0))
    }

    /// `self / n` rounded half up to the fen; only for showing a per-person figure, never for
    /// a comparison (comparisons multiply the other side instead).
    pub fn per(self, n: i64) -> Money {
        if n <= 0 {
            return self;
        }
        Money((self.0 * 2 + n) / (2 * n))
    }

    pub fn is_positive(self) -> bool {
        self.0 > 0
    }
}

/// Yuan with thousands separators: `34,889` or `1,092.50`.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let yuan = (abs / 100).to_string();
        let mut grouped = String::with_capacity(yuan.len() + yuan.len() / 3);
        for (i, c) in yuan.chars().enumerate() {
            if i > 0 && (yuan.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        match abs % 100 {
            0 => write!(f, "{sign}{grouped}"),
            fen => write!(f, "{sign}{grouped}.{fen:02}"),
        }
    }
}

/// Serialised as yuan, a JSON number with at most two decimals (assess-api.md).
impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0 % 100 == 0 {
            serializer.serialize_i64(self.0 / 100)
        } else {
            // An f64 of a value with two decimals prints back as those two decimals.
            serializer.serialize_f64(self.0 as f64 / 100.0)
        }
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Money, D::Error> {
        let value = f64::deserialize(deserializer)?;
        Money::from_json_number(value)
            .map_err(|e| serde::de::Error::custom(format!("not an amount of money: {e:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_whole_yuan_and_two_decimals_exactly() {
        assert_eq!(Money::parse("30000"), Ok(Money::from_yuan(30000)));
        assert_eq!(Money::parse("0.1"), Ok(Money::from_fen(10)));
        assert_eq!(Money::parse("12.34"), Ok(Money::from_fen(1234)));
        assert_eq!(Money::parse(".5"), Ok(Money::from_fen(50)));
        assert_eq!(Money::parse("7.10"), Ok(Money::from_fen(710)));
    }

    #[test]
    fn reads_full_width_digits_wan_and_yuan_as_residents_type_them() {
        let typed = |t: &str| Money::parse_typed(t);
        assert_eq!(typed("９６００"), Ok(Some(Money::from_yuan(9600))));
        assert_eq!(typed("0.96万"), Ok(Some(Money::from_yuan(9600))));
        assert_eq!(typed("０．９６万元"), Ok(Some(Money::from_yuan(9600))));
        assert_eq!(typed("1.5万元"), Ok(Some(Money::from_yuan(15_000))));
        assert_eq!(typed("3万"), Ok(Some(Money::from_yuan(30_000))));
        assert_eq!(typed("12,000 元"), Ok(Some(Money::from_yuan(12_000))));
        assert_eq!(typed("¥800.5"), Ok(Some(Money::from_fen(80_050))));
        assert_eq!(typed("1.234567万"), Ok(Some(Money::from_fen(1_234_567))));
        assert_eq!(typed("1.2345678万"), Err(MoneyError::TooManyDecimals));
        assert_eq!(typed("三万"), Err(MoneyError::NotANumber));
        assert_eq!(typed("万"), Err(MoneyError::NotANumber));
        assert_eq!(typed("-1万"), Err(MoneyError::Negative));
        assert_eq!(typed(" 元 "), Ok(None));
    }

    #[test]
    fn refuses_three_decimals_negatives_and_words() {
        assert_eq!(Money::parse("1.234"), Err(MoneyError::TooManyDecimals));
        assert_eq!(Money::parse("-5"), Err(MoneyError::Negative));
        assert_eq!(Money::parse("abc"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse(""), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("1e5"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("1000000000000000"), Err(MoneyError::TooLarge));
    }

    #[test]
    fn typed_amounts_forgive_separators_and_the_yuan_sign() {
        assert_eq!(
            Money::parse_typed(" 30,000元 "),
            Ok(Some(Money::from_yuan(30000)))
        );
        assert_eq!(Money::parse_typed("1，234.5"), Ok(Some(Money::from_fen(123450))));
        assert_eq!(Money::parse_typed("  "), Ok(None));
        assert_eq!(Money::parse_typed("三万"), Err(MoneyError::NotANumber));
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// The number is read without printing it; printing it and parsing the text (how it
        /// was read before) must give the same answer for every number.
        #[test]
        fn reading_a_number_agrees_with_printing_it(value in 0.0f64..1e12, fen in 0i64..100_000_000_000) {
            let printed = |v: f64| Money::parse(&format!("{v}"));
            proptest::prop_assert_eq!(Money::from_json_number(value), printed(value));
            let exact = fen as f64 / 100.0;
            proptest::prop_assert_eq!(Money::from_json_number(exact), printed(exact));
            let nearly = exact + 0.001;
            proptest::prop_assert_eq!(Money::from_json_number(nearly), printed(nearly));
        }
    }

    #[test]
    fn negative_zero_is_negative_as_before() {
        assert_eq!(Money::from_json_number(-0.0), Err(MoneyError::Negative));
    }

    #[test]
    fn json_numbers_become_exact_fen() {
        assert_eq!(Money::from_json_number(0.1), Ok(Money::from_fen(10)));
        assert_eq!(Money::from_json_number(19.99), Ok(Money::from_fen(1999)));
        assert_eq!(Money::from_json_number(0.125), Err(MoneyError::TooManyDecimals));
        assert_eq!(Money::from_json_number(f64::NAN), Err(MoneyError::NotANumber));
    }

    #[test]
    fn shows_yuan_with_separators() {
        assert_eq!(Money::from_yuan(34889).to_string(), "34,889");
        assert_eq!(Money::from_fen(109250).to_string(), "1,092.50");
        assert_eq!(Money::from_yuan(546).to_string(), "546");
        assert_eq!(Money::ZERO.to_string(), "0");
    }

    #[test]
    fn per_person_figure_rounds_half_up_to_the_fen() {
        assert_eq!(Money::from_yuan(10).per(3), Money::from_fen(333));
        assert_eq!(Money::from_fen(5).per(2), Money::from_fen(3));
    }
}
