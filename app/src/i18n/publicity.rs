//! The words of the public list of decisions (公示).

use super::{Locale, Text};
use std::fmt::Display;

pub const TEMPORARY_ASSISTANCE_DECISIONS_PUBLISHED: Text =
    Text("临时救助公示", "Temporary assistance: decisions published");

pub fn publicity_period(locale: Locale, days: impl Display) -> String {
    locale.pick(format!("以下救助决定自决定之日起公示 {days} 天。对公示内容有异议的，可以向所在镇街或区民政局反映。"), format!("Each decision below is published for {days} days from the day it was made. Anyone who disagrees can tell the town or the district civil-affairs bureau."))
}

pub const TOWN: Text = Text("镇街", "Town");
pub const ALL_TOWNS: Text = Text("全部镇街", "All towns");
pub const SHOW: Text = Text("查看", "Show");
pub const NO_DECISION_IS_BEING_PUBLISHED: Text =
    Text("目前没有正在公示的决定。", "No decision is being published now.");
pub const APPLICANT: Text = Text("申请人", "Applicant");
pub const AID: Text = Text("类型", "Aid");
pub const AMOUNT: Text = Text("救助金额", "Amount");
pub const DECIDED: Text = Text("决定日期", "Decided");
pub const PUBLISHED_UNTIL: Text = Text("公示至", "Published until");
