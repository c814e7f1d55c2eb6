//! The words of the staff pages: the bar, roles, statuses and what several pages share; each staff page has its own module.

pub mod admin;
pub mod case;
pub mod dashboard;
pub mod login;
pub mod queue;
pub mod recheck;

use crate::i18n::{Locale, Text};
use std::fmt::Display;

pub const TO_ACCEPT: Text = Text("待受理", "To accept");
pub const ACCEPTED: Text = Text("已受理", "Accepted");
pub const INVESTIGATING: Text = Text("调查核实中", "Investigating");
pub const WAITING_FOR_DOCUMENTS: Text = Text("待补充材料", "Waiting for documents");
pub const AWAITING_APPROVAL: Text = Text("待审批", "Awaiting approval");
pub const APPROVED_TO_PAY: Text = Text("已批准待发放", "Approved, to pay");
pub const REJECTED: Text = Text("不予救助", "Rejected");
pub const PAID: Text = Text("已发放", "Paid");
pub const WITHDRAWN: Text = Text("已撤回", "Withdrawn");
pub const TOWN: Text = Text("镇街", "Town");
pub const DISTRICT_CIVIL_AFFAIRS_BUREAU: Text = Text("区民政局", "District civil-affairs bureau");
pub const DISTRICT_GOVERNMENT: Text = Text("区政府", "District government");
pub const CASEWORKER: Text = Text("经办人", "Caseworker");
pub const HEAD: Text = Text("负责人", "Head");
pub const REVIEWER_CIVIL_AFFAIRS_BUREAU: Text = Text("区民政局审核", "Reviewer (civil-affairs bureau)");
pub const APPROVER_DISTRICT_GOVERNMENT: Text = Text("区政府审批", "Approver (district government)");
pub const ADMINISTRATOR: Text = Text("系统管理员", "Administrator");
pub const EMERGENCY: Text = Text("急难型", "Emergency");
pub const EXPENSE: Text = Text("支出型", "Expense");

pub fn yuan(locale: Locale, amount: impl Display) -> String {
    locale.pick(format!("{amount} 元"), format!("{amount} yuan"))
}

pub const STAFF: Text = Text("工作人员", "Staff");
pub const WORK: Text = Text("工作台", "Work");
pub const FIGURES_AND_LEDGER: Text = Text("统计和台账", "Figures and ledger");
pub const PUBLISHED_DECISIONS: Text = Text("公示", "Published decisions");
pub const SIGN_OUT: Text = Text("退出", "Sign out");
pub const SIGN_OUT_EVERYWHERE: Text = Text("退出所有设备", "Sign out everywhere");
