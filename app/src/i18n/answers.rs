//! The words of the answer summary (check your answers, the case page).

use super::{Locale, Text};
use std::fmt::Display;

pub fn birth_date_and_age(locale: Locale, born: impl Display, age: impl Display) -> String {
    locale.pick(format!("{born}（{age} 岁）"), format!("{born} (aged {age})"))
}

pub const KIND_OF_AID: Text = Text("救助类型", "Kind of aid");
pub const APPLICANT: Text = Text("申请人", "Applicant");
pub const ID_CARD_NUMBER: Text = Text("身份证号码", "ID card number");
pub const DATE_OF_BIRTH_FROM_THE: Text = Text(
    "出生日期（由身份证号码得出）",
    "Date of birth (from the ID card number)",
);
pub const MOBILE_NUMBER: Text = Text("申请人的手机号码", "The applicant's mobile number");
pub const NONE_THE_HELPER_IS_THE_CONTACT: Text = Text(
    "没有（镇街打代为申请人的电话）",
    "None (the town calls whoever applied for them)",
);
pub const TOWN_AND_ADDRESS: Text = Text("镇街和住址", "Town and address");
pub const APPLIED_FOR_BY: Text = Text("代为申请", "Applied for by");
pub const THE_APPLICANT: Text = Text("本人申请", "The applicant");
pub const PEOPLE_IN_THE_HOUSEHOLD: Text = Text("一起生活的人", "People in the household");
pub const HOUSEHOLD_STATUS: Text = Text("家庭身份", "Household status");
pub const HOUSEHOLD_INCOME_A_YEAR_YUAN: Text = Text("全家年收入（元）", "Household income a year (yuan)");
/// An income given per month, with the year's total.
pub fn per_month_and_year(locale: Locale, month: &str, year: impl Display) -> String {
    locale.pick(
        format!("每月 {month}，一年合计 {year}"),
        format!("{month} a month, {year} over the year"),
    )
}
pub const SAVINGS_YUAN: Text = Text("存款等（元）", "Savings (yuan)");
pub const OTHER_HOMES_VEHICLES: Text = Text("其他住房 / 机动车", "Other homes / vehicles");
pub const HOUSING_HARDSHIP: Text = Text("住房困难", "Housing hardship");
pub const WHAT_HAPPENED: Text = Text("发生了什么", "What happened");
pub const PAYMENT_ACCOUNT: Text = Text("收款账户", "Payment account");
pub const CHANGE: Text = Text("修改", "Change");

/// A member in the list of people: "李四（子女）", "李四 (子女)".
pub fn member(locale: Locale, name: &str, relationship: &str) -> String {
    locale.pick(
        format!("{name}（{relationship}）"),
        format!("{name} ({relationship})"),
    )
}
