//! The words of the figures and the ledger export.

use crate::i18n::{Locale, Text};
use std::fmt::Display;

pub fn days(locale: Locale, d: impl Display) -> String {
    locale.pick(format!("{d:.1} 天"), format!("{d:.1} days"))
}

pub const NO_FIGURE: Text = Text("—", "—");
pub const APPLICATIONS_TOTAL: Text = Text("申请总数", "Applications");
pub const EMERGENCY_EXPENSE: Text = Text("急难型 / 支出型", "Emergency / expense");
pub const OVERDUE_TOTAL: Text = Text("超期未办", "Overdue");
pub const AMOUNTS_APPROVED_TOTAL: Text = Text("批准金额合计", "Amounts approved");
pub const DAYS_TO_DECISION_MEDIAN: Text = Text("从申请到决定（中位数）", "Days to decision (median)");
pub const FIGURES_AND_LEDGER: Text = Text("统计和台账", "Figures and ledger");
pub const THE_DISTRICT: Text = Text("全区", "The district");
pub const BY_TOWN_HEADING: Text = Text("各镇街", "By town");
pub const APPLICATIONS_CHART: Text = Text("申请数", "Applications");
pub const AMOUNTS_APPROVED_CHART: Text = Text("批准金额", "Amounts approved");
pub const BY_TOWN_TABLE: Text = Text("各镇街情况", "By town");
pub const TOWN: Text = Text("镇街", "Town");
pub const APPLICATIONS_COLUMN: Text = Text("申请", "Applications");
pub const EMERGENCY: Text = Text("急难型", "Emergency");
pub const EXPENSE: Text = Text("支出型", "Expense");
pub const TO_ACCEPT: Text = Text("待受理", "To accept");
pub const OVERDUE_COLUMN: Text = Text("超期", "Overdue");
pub const APPROVED_COLUMN: Text = Text("批准金额", "Approved");
pub const MEDIAN_DAYS: Text = Text("决定用时中位数", "Median days");
pub const APPLICATIONS_BY_STATUS: Text = Text("各状态申请数", "Applications by status");
pub const APPLICATIONS_BY_AID_TYPE: Text = Text("各类型申请数", "Applications by aid type");
pub const EXPORT_THE_LEDGER: Text = Text("导出台账", "Export the ledger");
pub const BY_APPLICATION_DATE_AT_MOST: Text = Text(
    "按申请日期导出，一次最多一年。身份证号码已隐去中间部分；导出会被记录。",
    "By application date, at most a year at a time. ID numbers are partly masked; every export is logged.",
);
pub const FROM: Text = Text("从", "From");
pub const TO: Text = Text("到", "To");
pub const DOWNLOAD_CSV: Text = Text("下载 CSV", "Download CSV");
pub const DOWNLOAD_EXCEL: Text = Text("下载 Excel", "Download Excel");

// Why a ledger period is refused.
pub const ENTER_BOTH_DATES: Text = Text(
    "请按 年-月-日 填写两个日期，例如 2026-01-01。",
    "Enter both dates as year-month-day, for example 2026-01-01.",
);
pub const END_BEFORE_START: Text = Text(
    "结束日期不能早于开始日期。",
    "The end date cannot be before the start date.",
);
pub const AT_MOST_A_YEAR: Text = Text(
    "一次最多导出一年，请缩短期间。",
    "Export at most a year at a time; shorten the period.",
);

/// The ledger export's sheet, and its columns, in Chinese: the district's own form (台账).
pub const LEDGER_SHEET: &str = "台账";
pub const LEDGER_COLUMNS: [&str; 13] = [
    "编号",
    "镇街",
    "救助类型",
    "申请人",
    "身份证号码",
    "家庭人数",
    "事由",
    "申请日期",
    "状态",
    "审批层级",
    "先行救助（元）",
    "批准金额（元）",
    "决定日期",
];
