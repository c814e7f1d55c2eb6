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
//! A sentence made at run time, with a value in it, is a function of the text module that
//! returns [`Words`] (the owned kind of `Text`); the server's handlers write no sentence of their
//! own (`server/src/http` holds no Chinese literal but the OpenAPI document's own title).
//!
//! What a domain check says when it refuses an answer (an invalid ID number, a document too
//! many) is in `checks`, what a case action's refusal says in `staff::case::refusals`: the
//! checks return an enum, and its sentence is looked up here. The API returns both languages at
//! the field, so these are pairs ([`Text::pair`], [`Words::pair`]).
//!
//! The one exception is `rules`: the pure module of the notice's rules, compiled alone into
//! the check's WebAssembly and the conformance vectors, depends on nothing else of the crate,
//! so the sentences of its reasons (each citing its clause) and of its input errors are written
//! beside the rule in `rules::reasons` and `rules::household`, and are part of the assessment
//! API's contract (docs/assess-api.md).

pub mod answers;
pub mod apply;
pub mod check;
pub mod checks;
pub mod choices;
pub mod failures;
pub mod messages;
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

impl Text {
    /// (Chinese, English), owned: the form a field error carries both languages in.
    pub fn pair(self) -> (String, String) {
        (self.0.into(), self.1.into())
    }
}

/// A text in Chinese and in English made at run time, with a value in it (a date the reader
/// typed, the reason a change was refused): `Text`'s owned kind. Its sentences are written by
/// the functions of the text modules, like the constants.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Words {
    pub zh: String,
    pub en: String,
}

impl Words {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Words {
        Words {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The reader's language's half.
    pub fn get(&self, locale: Locale) -> &str {
        locale.pick(&self.zh, &self.en)
    }

    /// (Chinese, English): the form a field error carries both languages in.
    pub fn pair(self) -> (String, String) {
        (self.zh, self.en)
    }
}

impl From<Text> for Words {
    fn from(text: Text) -> Words {
        Words::new(text.0, text.1)
    }
}
