//! One summary of an application's answers, for the resident's "check your answers" page and
//! for the town's case page: the same rows, in the journey's order, with the choices' labels
//! rather than their stored words. What differs is who reads it: the resident gets a link to
//! change each row and a masked card number; staff read the whole card, and the identity rows
//! come from the sealed record above the summary, whose opening is logged.

use crate::domain::{AidType, ApplicationAnswers, NationalId, Step};
use crate::i18n::answers as texts;
use crate::i18n::{Locale, choices, strings as s};
use crate::paths;
use chrono::NaiveDate;
use leptos::prelude::*;

/// Who reads the summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reader {
    Resident,
    Staff,
}

/// One row: the step that asks it, its label and the answer in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerRow {
    pub step: Step,
    pub label: &'static str,
    pub value: String,
}

/// The label of a stored choice word (`fire` → 火灾), or the word itself when unknown.
fn label(choices: Vec<(String, String)>, word: &str) -> String {
    choices
        .into_iter()
        .find(|(w, _)| w == word)
        .map(|(_, l)| l)
        .unwrap_or_else(|| word.to_string())
}

fn yes_no(locale: Locale, b: bool) -> String {
    locale.t(if b { s::YES } else { s::NO }).to_string()
}

/// The last four digits of a card, for the resident's own summary.
fn masked_card(card: &str) -> String {
    let digits: String = card.chars().filter(char::is_ascii_digit).collect();
    match digits.len() {
        0..4 => digits,
        n => format!("**** {}", &digits[n - 4..]),
    }
}

/// The rows of the summary, in the order the journey asks them.
pub fn answer_rows(
    locale: Locale,
    a: &ApplicationAnswers,
    today: NaiveDate,
    reader: Reader,
) -> Vec<AnswerRow> {
    let row = |step, label, value| AnswerRow { step, label, value };
    let mut rows = Vec::new();
    if reader == Reader::Resident {
        let aid = match AidType::parse(&a.who.aid_type) {
            Some(AidType::Emergency) => locale.t(s::EMERGENCY_AID).to_string(),
            Some(AidType::Expense) => locale.t(s::EXPENSE_AID).to_string(),
            None => String::new(),
        };
        // GB 11643: the birth date is inside the ID number; the age is as of today in Chongqing.
        let birth = NationalId::parse(&a.who.applicant_id_number)
            .map(|id| {
                let age = id.age_on(today);
                texts::birth_date_and_age(locale, id.birth_date(), age)
            })
            .unwrap_or_default();
        rows.extend([
            row(Step::Applicant, locale.t(texts::KIND_OF_AID), aid),
            row(
                Step::Applicant,
                locale.t(texts::APPLICANT),
                a.who.applicant_name.clone(),
            ),
            row(
                Step::Applicant,
                locale.t(texts::ID_CARD_NUMBER),
                a.who.applicant_id_number.clone(),
            ),
            row(Step::Applicant, locale.t(texts::DATE_OF_BIRTH_FROM_THE), birth),
            row(
                Step::Applicant,
                locale.t(texts::MOBILE_NUMBER),
                if a.who.applicant_phone.trim().is_empty() && a.who.on_behalf {
                    locale.t(texts::NONE_THE_HELPER_IS_THE_CONTACT).to_string()
                } else {
                    a.who.applicant_phone.clone()
                },
            ),
        ]);
    }
    rows.push(row(
        Step::Applicant,
        locale.t(texts::TOWN_AND_ADDRESS),
        format!("{} {}", a.who.town, a.who.address),
    ));
    rows.push(row(
        Step::Applicant,
        locale.t(texts::APPLIED_FOR_BY),
        if a.who.on_behalf {
            format!(
                "{}（{}）{}",
                a.who.helper_name, a.who.helper_relationship, a.who.helper_phone
            )
        } else {
            locale.t(texts::THE_APPLICANT).to_string()
        },
    ));
    if reader == Reader::Resident {
        rows.push(row(
            Step::Household,
            locale.t(texts::PEOPLE_IN_THE_HOUSEHOLD),
            std::iter::once(a.who.applicant_name.clone())
                .chain(
                    a.household
                        .members
                        .iter()
                        .map(|m| texts::member(locale, &m.name, &m.relationship)),
                )
                .collect::<Vec<_>>()
                .join(locale.t(s::LIST_SEPARATOR)),
        ));
    }
    let means = &a.means;
    rows.extend([
        row(
            Step::Means,
            locale.t(texts::HOUSEHOLD_STATUS),
            label(choices::statuses(locale), &means.status),
        ),
        row(
            Step::Means,
            locale.t(texts::HOUSEHOLD_INCOME_A_YEAR_YUAN),
            match (means.per_month(), means.income_of_the_year()) {
                (true, Some(year)) => texts::per_month_and_year(locale, means.annual_income.trim(), year),
                _ => means.annual_income.clone(),
            },
        ),
        row(
            Step::Means,
            locale.t(texts::SAVINGS_YUAN),
            means.financial_assets.clone(),
        ),
        row(
            Step::Means,
            locale.t(texts::OTHER_HOMES_VEHICLES),
            format!("{} / {}", means.extra_homes, means.vehicles),
        ),
        row(
            Step::Means,
            locale.t(texts::HOUSING_HARDSHIP),
            yes_no(locale, means.housing_hardship),
        ),
    ]);
    let happened = match AidType::parse(&a.who.aid_type) {
        Some(AidType::Expense) => format!(
            "{}：{} − {}；{}",
            label(choices::expense_kinds(locale), &a.expense.expense_kind),
            a.expense.expense_spent,
            a.expense.expense_reimbursed,
            a.expense.expense_purpose
        ),
        _ => format!(
            "{} {}：{}",
            label(choices::events(locale), &a.emergency.emergency_event),
            a.emergency.emergency_event_date,
            a.emergency.emergency_description
        ),
    };
    rows.push(row(Step::Circumstances, locale.t(texts::WHAT_HAPPENED), happened));
    let card = match reader {
        Reader::Resident => masked_card(&a.payment.bank_card),
        Reader::Staff => a.payment.bank_card.clone(),
    };
    rows.push(row(
        Step::Payment,
        locale.t(texts::PAYMENT_ACCOUNT),
        format!("{} {} {}", a.payment.bank_name, card, a.payment.account_holder),
    ));
    rows
}

/// The summary list; with `change`, each row links to the step that asks it.
#[component]
pub fn AnswerSummary(locale: Locale, rows: Vec<AnswerRow>, #[prop(optional)] change: bool) -> impl IntoView {
    view! {
        <dl class="summary-list">
            {rows
                .into_iter()
                .map(|AnswerRow { step, label, value }| {
                    let link = change.then(|| {
                        view! {
                            <dd class="change">
                                <a href=paths::apply_step(step)>
                                    {locale.t(texts::CHANGE)}
                                    <span class="visually-hidden">{format!(" {label}")}</span>
                                </a>
                            </dd>
                        }
                    });
                    view! {
                        <div class="summary-row">
                            <dt>{label}</dt>
                            <dd>{value}</dd>
                            {link}
                        </div>
                    }
                })
                .collect_view()}
        </dl>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers() -> ApplicationAnswers {
        serde_json::from_value(serde_json::json!({
            "aid_type": "emergency", "applicant_name": "张三", "town": "几江街道",
            "emergency_event": "fire", "bank_card": "4111 1111 1111 1234",
        }))
        .unwrap()
    }

    #[test]
    fn the_resident_reads_labels_and_a_masked_card_and_staff_the_whole_card() {
        let today = "2026-12-01".parse().unwrap();
        let resident = answer_rows(Locale::Zh, &answers(), today, Reader::Resident);
        let happened = resident.iter().find(|r| r.step == Step::Circumstances).unwrap();
        assert!(!happened.value.contains("fire"), "{}", happened.value);
        let card = &resident.last().unwrap().value;
        assert!(card.contains("**** 1234") && !card.contains("4111"), "{card}");
        let staff = answer_rows(Locale::Zh, &answers(), today, Reader::Staff);
        assert!(staff.last().unwrap().value.contains("4111 1111 1111 1234"));
        assert!(
            staff.iter().all(|r| r.label != "身份证号码"),
            "identity comes from the sealed record"
        );
    }
}
