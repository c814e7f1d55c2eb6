//! The words of the eligibility check's result.

use super::Locale;
use std::fmt::Display;

pub fn parameters_used(
    locale: Locale,
    a: impl Display,
    b: impl Display,
    c: impl Display,
    d: impl Display,
    e: impl Display,
    f: impl Display,
) -> String {
    locale.pick(format!("{a}：{b}（版本 {c}），按 {d} 生效的标准计算：低保标准每人每月 {e} 元，上年度人均可支配收入 {f} 元。"), format!("{a}: {b} (version {c}), values in force on {d}: 低保 standard {e} yuan per person per month; last year's per-capita disposable income {f} yuan."))
}

/// The result bar while answers are missing.
pub fn questions_left(locale: Locale, count: usize) -> String {
    locale.pick(
        format!("还有 {count} 个问题没有回答"),
        format!("{count} questions still to answer"),
    )
}
