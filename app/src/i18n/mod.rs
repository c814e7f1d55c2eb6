//! Chinese (zh-CN, the default) and English, picked by the [`Locale`] of the request.
//!
//! Every text a page or component shows is a [`Text`] pair (or, when it carries a value, a
//! small function) in the text module of its area, named after the page that says it:
//! `apply` (the application's steps), `track`, `publicity`, `check` (the eligibility result),
//! `answers` (the answer summary), `shell` (the frame of every page), `staff` and its
//! `staff::{login, queue, case, dashboard, admin}`. A page imports its own module as `texts`
//! and writes `locale.t(texts::NAME)`. Words several areas share are in `strings`, what a
//! failure page says in `failures`, the labels of the answers' choices in `choices`.
//!
//! One exception, on purpose: a message a domain check returns (an invalid ID number, an
//! amount over the tier's limit) is written in both languages beside the check that raises it
//! (`domain::checks`, `domain::review`, `domain::document`), because the message and its
//! condition change together and the API returns both languages to the field.

pub mod answers;
pub mod apply;
pub mod check;
pub mod choices;
pub mod failures;
pub mod offline;
pub mod publicity;
pub mod shell;
pub mod staff;
pub mod strings;
pub mod track;

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

    /// The reader's half of a name the data writes in both languages, "中文 / English" (the
    /// parameter file's set name); a name without the separator as it is.
    pub fn half(self, both: &str) -> &str {
        match both.split_once(" / ") {
            Some((zh, en)) => self.pick(zh, en).trim(),
            None => both,
        }
    }

    pub fn t(self, text: Text) -> &'static str {
        self.pick(text.0, text.1)
    }
}

/// A text in Chinese and in English.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text(pub &'static str, pub &'static str);
