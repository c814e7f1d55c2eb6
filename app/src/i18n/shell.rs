//! The words of the page shell around every page.

use super::{Locale, Text};

pub const POLICY_2019_47_JIANGJIN_DISTRICT: Text = Text(
    "政策依据：江津府办发〔2019〕47号",
    "Policy: 江津府办发〔2019〕47号 (Jiangjin District notice)",
);
pub const DECISIONS_PUBLISHED: Text = Text("救助公示", "Decisions published");
pub const STAFF_SIGN_IN: Text = Text("工作人员入口", "Staff sign-in");

/// The large-text switch in the header (context::LargeText).
pub const LARGE_TEXT: Text = Text("大字", "Larger text");
pub const NORMAL_TEXT: Text = Text("标准字", "Normal text");

/// 读给我听: the phone reads the page aloud (public/speak.js); shown only where it can.
pub const READ_ALOUD: Text = Text("读给我听", "Read aloud");

/// The page's description for search engines and shared links.
pub const SITE_DESCRIPTION: Text = Text(
    "江津区临时救助：看看能不能申请，在手机上申请，查询办理进度。",
    "Jiangjin District temporary assistance: check whether you can apply, apply on your phone, and track your application.",
);

// Whom to call (issue 24, item 10).
pub const TELEPHONE: Text = Text("电话", "Telephone");
pub const ADDRESS: Text = Text("地址", "Address");
pub const HOURS: Text = Text("办公时间", "Hours");

pub fn questions_ask_your_town(locale: Locale, town: &str) -> String {
    locale.pick(
        format!("有问题，请联系{town}"),
        format!("Questions? Contact {town}"),
    )
}

pub fn or_call_the_district_line(locale: Locale) -> &'static str {
    locale.pick(
        "也可以拨打江津区政务服务便民热线",
        "Or call the district's public service line",
    )
}
pub const DISTRICT_LINE_IN_FOOTER: Text = Text("政务服务便民热线", "Public service line");
