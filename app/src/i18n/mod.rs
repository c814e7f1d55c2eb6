//! Chinese (zh-CN, the default) and English, picked by the [`Locale`] of the request. Words
//! shared by several pages are [`Text`] pairs in `strings.rs`, what a failure says in
//! `failures.rs`, the labels of the answers' choices in `choices.rs`; a sentence only one page
//! says is written in that page as `locale.pick("中文", "English")`.

pub mod choices;
pub mod failures;
pub mod strings;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    Zh,
    En,
}

impl Locale {
    /// From a `lang` query value or cookie; anything unknown is Chinese.
    pub fn from_code(code: &str) -> Locale {
        match code.trim() {
            "en" | "en-GB" | "en-US" => Locale::En,
            _ => Locale::Zh,
        }
    }

    /// The BCP 47 tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Zh => "zh-CN",
            Locale::En => "en",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Locale::Zh => "zh",
            Locale::En => "en",
        }
    }

    pub fn other(self) -> Locale {
        match self {
            Locale::Zh => Locale::En,
            Locale::En => Locale::Zh,
        }
    }

    /// Picks one of a Chinese and an English text.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Locale::Zh => zh,
            Locale::En => en,
        }
    }

    pub fn t(self, text: Text) -> &'static str {
        self.pick(text.0, text.1)
    }
}

/// A text in Chinese and in English.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text(pub &'static str, pub &'static str);
