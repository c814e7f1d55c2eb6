//! One summary of an application's answers, for the resident's "check your answers" page and
//! for the town's case page: the same rows, in the journey's order, with the choices' labels
//! rather than their stored words. What differs is who reads it: the resident gets a link to
//! change each row and a masked card number; staff read the whole card, and the identity rows
//! come from the sealed record above the summary, whose opening is logged.

use crate::domain::{AidType, ApplicationAnswers, NationalId, Step};
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
    locale
        .pick(if b { "是" } else { "否" }, if b { "Yes" } else { "No" })
        .to_string()
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
                locale.pick(
                    format!("{}（{age} 岁）", id.birth_date()),
                    format!("{} (aged {age})", id.birth_date()),
                )
            })
            .unwrap_or_default();
        rows.extend([
            row(Step::Applicant, locale.pick("救助类型", "Kind of aid"), aid),
            row(
                Step::Applicant,
                locale.pick("申请人", "Applicant"),
                a.who.applicant_name.clone(),
            ),
            row(
                Step::Applicant,
                locale.pick("身份证号码", "ID card number"),
                a.who.applicant_id_number.clone(),
            ),
            row(
                Step::Applicant,
                locale.pick(
                    "出生日期（由身份证号码得出）",
                    "Date of birth (from the ID card number)",
                ),
                birth,
            ),
            row(
                Step::Applicant,
                locale.pick("手机号码", "Mobile number"),
                a.who.applicant_phone.clone(),
            ),
        ]);
    }
    rows.push(row(
        Step::Applicant,
        locale.pick("镇街和住址", "Town and address"),
        format!("{} {}", a.who.town, a.who.address),
    ));
    rows.push(row(
        Step::Applicant,
        locale.pick("代为申请", "Applied for by"),
        if a.who.on_behalf {
            format!(
                "{}（{}）{}",
                a.who.helper_name, a.who.helper_relationship, a.who.helper_phone
            )
        } else {
            locale.pick("本人申请", "The applicant").to_string()
        },
    ));
    if reader == Reader::Resident {
        rows.push(row(
            Step::Household,
            locale.pick("一起生活的人", "People in the household"),
            std::iter::once(a.who.applicant_name.clone())
                .chain(
                    a.household
                        .members
                        .iter()
                        .map(|m| format!("{}（{}）", m.name, m.relationship)),
                )
                .collect::<Vec<_>>()
                .join("、"),
        ));
    }
    let means = &a.means;
    rows.extend([
        row(
            Step::Means,
            locale.pick("家庭身份", "Household status"),
            label(choices::statuses(locale), &means.status),
        ),
        row(
            Step::Means,
            locale.pick("全家年收入（元）", "Household income a year (yuan)"),
            means.annual_income.clone(),
        ),
        row(
            Step::Means,
            locale.pick("存款等（元）", "Savings (yuan)"),
            means.financial_assets.clone(),
        ),
        row(
            Step::Means,
            locale.pick("其他住房 / 机动车", "Other homes / vehicles"),
            format!("{} / {}", means.extra_homes, means.vehicles),
        ),
        row(
            Step::Means,
            locale.pick("住房困难", "Housing hardship"),
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
    rows.push(row(
        Step::Circumstances,
        locale.pick("发生了什么", "What happened"),
        happened,
    ));
    let card = match reader {
        Reader::Resident => masked_card(&a.payment.bank_card),
        Reader::Staff => a.payment.bank_card.clone(),
    };
    rows.push(row(
        Step::Payment,
        locale.pick("收款账户", "Payment account"),
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
                                    {locale.pick("修改", "Change")}
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
