//! The words of the eligibility check's result.

use super::Locale;
use std::fmt::Display;

pub fn parameters_used(
    locale: Locale,
    on: impl Display,
    dibao: impl Display,
    income: impl Display,
) -> String {
    locale.pick(
        format!("按 {on} 的标准计算：低保标准每人每月 {dibao} 元，上年度人均可支配收入 {income} 元。"),
        format!("Worked out with the figures of {on}: 低保 {dibao} yuan a person a month; last year's income per person {income} yuan."),
    )
}

/// The result bar while answers are missing.
pub fn questions_left(locale: Locale, count: usize) -> String {
    locale.pick(
        format!("还有 {count} 个问题没有回答"),
        format!("{count} questions still to answer"),
    )
}
