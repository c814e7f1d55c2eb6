//! The answers a select or a radio group offers, as (value, label) pairs in the page's
//! language: one list per question, shared by the check and the application.

use super::{Locale, Text, strings as s};
use crate::rules::{EventKind, ExpenseKind, SpecialDisease, Status, Student, TOWNS, word_of};

pub type Choices = Vec<(String, String)>;

fn of<T: serde::Serialize + Copy>(locale: Locale, all: &[T], label: fn(T) -> Text) -> Choices {
    all.iter()
        .map(|v| (word_of(v), locale.t(label(*v)).to_string()))
        .collect()
}

/// `first` with an empty value (nothing chosen yet, or "none"), then the rest.
fn after(locale: Locale, first: Text, rest: Choices) -> Choices {
    std::iter::once((String::new(), locale.t(first).to_string()))
        .chain(rest)
        .collect()
}

pub fn towns(locale: Locale) -> Choices {
    let all = TOWNS
        .iter()
        .map(|t| {
            (
                t.full_name(),
                locale.pick(t.full_name(), format!("{} ({})", t.english_name(), t.full_name())),
            )
        })
        .collect();
    after(locale, s::Q_TOWN_CHOOSE, all)
}

pub fn statuses(locale: Locale) -> Choices {
    of(
        locale,
        &[Status::None, Status::Dibao, Status::RuralDibao, Status::Tekun],
        s::status,
    )
}

pub fn events(locale: Locale) -> Choices {
    let all = [
        EventKind::Fire,
        EventKind::TrafficAccident,
        EventKind::OtherAccident,
        EventKind::SuddenIllness,
        EventKind::NaturalDisaster,
        EventKind::Other,
    ];
    after(locale, s::Q_TOWN_CHOOSE, of(locale, &all, s::event))
}

pub fn expense_kinds(locale: Locale) -> Choices {
    after(
        locale,
        s::Q_TOWN_CHOOSE,
        of(
            locale,
            &[ExpenseKind::Medical, ExpenseKind::Education],
            s::expense_kind,
        ),
    )
}

pub fn students(locale: Locale) -> Choices {
    let all = [
        Student::Preschool,
        Student::Primary,
        Student::JuniorHigh,
        Student::SeniorHigh,
        Student::Higher,
    ];
    after(locale, s::NOT_STUDYING, of(locale, &all, s::student))
}

pub fn diseases(locale: Locale) -> Choices {
    let all = [
        SpecialDisease::Thalassemia,
        SpecialDisease::Cml,
        SpecialDisease::Pneumoconiosis,
        SpecialDisease::ChildhoodLeukemia,
    ];
    after(locale, s::NONE_OPTION, of(locale, &all, s::special_disease))
}
