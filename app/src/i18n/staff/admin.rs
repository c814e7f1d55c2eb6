//! The words of the accounts and parameters page.

use crate::i18n::{Locale, Text, Words};
use std::fmt::Display;

pub const ACCOUNTS_AND_PARAMETERS: Text = Text("账户和参数", "Accounts and parameters");
pub const STAFF_ACCOUNTS: Text = Text("工作人员账户", "Staff accounts");
pub const USERNAME: Text = Text("用户名", "Username");
pub const NAME: Text = Text("姓名", "Name");
pub const ROLE: Text = Text("角色", "Role");
pub const TOWN: Text = Text("镇街", "Town");
pub const NEW_ACCOUNTS_RUN_SERVER_USER: Text = Text(
    "新建账户：在服务器上运行 server user add --username … --role … --town …，密码从标准输入读取。",
    "New accounts: run server user add --username … --role … --town … on the server; the password is read from standard input.",
);

pub fn parameters_in_force_today(locale: Locale, today: impl Display) -> String {
    locale.pick(
        format!("今天（{today}）适用的参数"),
        format!("Parameters in force today ({today})"),
    )
}

pub const PARAMETERS: Text = Text("参数", "Parameters");
pub const PARAMETER: Text = Text("参数", "Parameter");
pub const VALUE: Text = Text("数值", "Value");
pub const SINCE: Text = Text("起始日期", "Since");
pub const SOURCE: Text = Text("依据", "Source");
pub const VERIFIED_COLUMN: Text = Text("核实", "Verified");
pub const VERIFIED: Text = Text("已核实", "verified");
pub const UNVERIFIED: Text = Text("待核实", "unverified");
pub const HISTORY: Text = Text("历次数值", "History");
pub const CHANGES: Text = Text("参数变更（双人审核）", "Parameter changes (four eyes)");
pub const CHANGES_HINT: Text = Text(
    "管理员提出变更，另一位管理员批准后，从生效日期起用于自测、申请和 API，不需要重启；已有的数值不会被修改。",
    "An administrator proposes a change; once another administrator approves it, it is used from its effective date by the check, applications and the API, without a restart. Past values are never edited.",
);
pub const PENDING: Text = Text("待审核", "Pending");
pub const NO_PENDING: Text = Text("没有待审核的变更。", "No change is waiting.");
pub const NEW_VALUE: Text = Text("新值", "New value");
pub const EFFECTIVE_FROM: Text = Text("生效日期", "Effective from");
pub const PROPOSED_BY: Text = Text("提出人", "Proposed by");
pub const DECISION: Text = Text("审核", "Decision");
pub const APPROVE: Text = Text("批准", "Approve");
pub const REJECT: Text = Text("不批准", "Reject");
pub const REASON: Text = Text("不批准的理由", "Reason for rejecting");
pub const WAITING_FOR_ANOTHER: Text = Text("等待另一位管理员审核", "Waiting for another administrator");
pub const PROPOSE: Text = Text("提出变更", "Propose a change");
pub const PROPOSAL_PROBLEM: Text = Text(
    "变更没有提交，请修改：",
    "The change was not proposed: please correct",
);
pub const VALUE_HINT: Text = Text(
    "金额以元为单位（如 770 或 770.50），其他为整数。",
    "Amounts in yuan (e.g. 770 or 770.50); other values are whole numbers.",
);
pub const FROM_HINT: Text = Text("格式：2026-07-01", "As 2026-07-01");
pub const SOURCE_HINT: Text = Text("文件名称和文号", "The notice's title and number");
pub const VERIFIED_BOX: Text = Text("已对照正式文件核实", "Checked against the official notice");
pub const DECIDED: Text = Text("已审核", "Decided");

/// "批准：王五，2026-12-01 10:30" and, for a rejection, its reason.
pub fn decided(locale: Locale, approved: bool, by: &str, at: &str, reason: Option<&str>) -> String {
    let reason = reason.map(|r| format!("（{r}）")).unwrap_or_default();
    if approved {
        locale.pick(format!("批准：{by}，{at}"), format!("approved by {by}, {at}"))
    } else {
        locale.pick(
            format!("不批准：{by}，{at}{reason}"),
            format!("rejected by {by}, {at}{reason}"),
        )
    }
}

pub const DUTY_PHONES: Text = Text("值班电话", "Duty phones");
pub const DUTY_PHONES_HINT: Text = Text(
    "急难型申请一提交，所在镇街的值班电话就会收到短信（任何时间）；受理期限过半仍未受理的，区民政局的值班电话会收到督办短信。每次修改都记入管理日志。",
    "A town's duty phones get a text as soon as an emergency application arrives, at any hour; 区民政局's get one when an emergency is still not accepted half-way to its deadline. Every change is recorded in the admin log.",
);
pub const OFFICE: Text = Text("单位", "Office");
pub const NUMBERS: Text = Text("号码", "Numbers");
pub const NONE_SET: Text = Text("未设置", "None set");
pub const NEW_DUTY_PHONES: Text = Text("新的值班电话", "New duty phones");
pub const NEW_DUTY_PHONES_HINT: Text = Text(
    "手机号码，多个用逗号分开；留空则清除该单位的值班电话。",
    "Mobile numbers, separated by commas; empty clears the office's duty phones.",
);
pub const SAVE_DUTY_PHONES: Text = Text("保存值班电话", "Save the duty phones");
pub const DUTY_PHONES_SAVED: Text = Text("值班电话已保存。", "The duty phones are saved.");
// The town offices' contacts, shown to residents (issue 24, item 10).
pub const TOWN_CONTACTS: Text = Text("镇街联系方式", "Town offices' contacts");
pub const TOWN_CONTACTS_HINT: Text = Text(
    "申请人在确认页、查询进度页和家人查看页上看到自己镇街的电话、地址和办公时间。全部留空再保存，就清除这个镇街的联系方式。",
    "Applicants see their town office's telephone, address and hours on the confirmation, tracking and family pages. Save with every field empty to clear a town's contact.",
);
pub const TELEPHONE: Text = Text("电话", "Telephone");
pub const TELEPHONE_HINT: Text = Text(
    "带区号，例如 023-4752 1234",
    "With the area code, for example 023-4752 1234",
);
pub const ADDRESS: Text = Text("地址", "Address");
pub const HOURS: Text = Text("办公时间", "Hours");
pub const HOURS_HINT: Text = Text(
    "例如 周一至周五 9:00–12:00，14:00–17:30",
    "For example Monday to Friday 9:00–12:00, 14:00–17:30",
);
pub const SAVE_TOWN_CONTACT: Text = Text("保存联系方式", "Save the contact");
pub const TOWN_CONTACT_SAVED: Text = Text("镇街联系方式已保存。", "The town's contact is saved.");
pub const NOT_A_TOWN: Text = Text("请选择一个镇街", "Choose a town");
pub const NOT_A_TELEPHONE: Text = Text(
    "请填写能拨打的电话：5 到 20 位数字，可以有空格、短横线和括号",
    "Give a number that can be dialled: 5 to 20 digits, with spaces, dashes or brackets if you like",
);
pub const GIVE_THE_ADDRESS: Text = Text(
    "请填写地址（最多 100 个字）",
    "Give the address (at most 100 characters)",
);
pub const GIVE_THE_HOURS: Text = Text(
    "请填写办公时间（最多 100 个字）",
    "Give the hours (at most 100 characters)",
);
pub const NOT_A_MOBILE_NUMBER: Text = Text(
    "请填写 11 位手机号码，多个用逗号分开，例如 13900000001，13800000002",
    "Enter 11-digit mobile numbers separated by commas, for example 13900000001, 13800000002",
);
pub const NOT_AN_OFFICE: Text = Text("请选择一个单位", "Choose an office");
pub const WORKING_DAY_CALENDAR: Text = Text("工作日历", "Working-day calendar");
pub const CALENDAR_HINT: Text = Text(
    "期限按国务院每年公布的节假日安排计算：放假日不算工作日，调休上班的周末算工作日；还没有公布安排的年份按周一至周五计算。",
    "Deadlines count the State Council's yearly holiday arrangement: days off are not working days, weekend days worked instead are; a year not yet announced counts Monday to Friday.",
);
pub const YEAR: Text = Text("年份", "Year");
pub const HOLIDAYS: Text = Text("放假日", "Days off");
pub const WORKDAYS: Text = Text("调休上班日", "Weekend days worked");
pub const ANNOUNCED: Text = Text("公布日期", "Announced");
pub const EARLIER: Text = Text("此前的安排", "Earlier arrangements");
pub const CALENDAR_DAYS: Text = Text("工作日历的日期", "The calendar's dates");
pub const CALENDAR_DAYS_HINT: Text = Text(
    "只在修改工作日历（calendar.年份）时填写，此时不填“新值”。日期按 2027-01-01 的格式，用空格或换行分隔。",
    "Only for a calendar year (calendar.YEAR), instead of the new value. Dates as 2027-01-01, separated by spaces or lines.",
);

// A proposal refused at its field, and a decision refused.
pub const CHOOSE_A_PARAMETER: Text = Text("请选择要修改的参数。", "Choose the parameter to change.");
pub const ENTER_AN_AMOUNT: Text = Text(
    "请填写金额，例如 770 或 770.50。",
    "Enter an amount, e.g. 770 or 770.50.",
);
pub const ENTER_A_TEMPLATE_CODE: Text = Text(
    "请填写短信服务商审核通过的模板编号（字母、数字和下划线），例如 SMS_123456789。",
    "Enter the template code the SMS provider approved (letters, digits and _), e.g. SMS_123456789.",
);
pub const TEMPLATE_CODE_OF: Text = Text("短信模板编号", "SMS template code");
pub const SMS_TEMPLATES: Text = Text("短信模板编号", "SMS template codes");
pub const SMS_TEMPLATES_HINT: Text = Text(
    "每种通知在短信服务商处有一个审核通过的模板。修改编号和参数一样：一位管理员在“参数变更”中提出（选“短信模板编号”），另一位批准后立即生效，不用填生效日期。",
    "Each kind of message has a template the SMS provider approved. A code changes as a parameter does: one administrator proposes it under the parameter changes (choose an SMS template code), another approves it, and it is in force at once; no date is needed.",
);
pub const KIND_OF_MESSAGE: Text = Text("通知", "Message");
pub const TEMPLATE_TEXT: Text = Text("模板内容", "Template text");
pub const CODE_IN_FORCE: Text = Text("使用中的编号", "Code in force");
pub const ENTER_A_WHOLE_NUMBER: Text = Text("请填写整数，例如 10。", "Enter a whole number, e.g. 10.");
pub const ENTER_A_DATE: Text = Text("请按 2026-07-01 的格式填写。", "Write it as 2026-07-01.");
pub const NAME_THE_SOURCE: Text = Text("请写明文件名称和文号。", "Name the notice and its number.");
pub const DECIDED_ALREADY: Text = Text("这项变更已经有人审核过了。", "This proposal was decided already.");
pub const NOT_YOUR_OWN: Text = Text(
    "不能审核自己提出的变更：请另一位管理员审核。",
    "You cannot decide your own proposal: another administrator must.",
);
pub const GIVE_THE_REASON: Text = Text("不批准：请写明理由。", "Reject: give the reason.");
pub const APPROVE_OR_REJECT: Text = Text("请选择批准或不批准。", "Choose approve or reject.");

/// A calendar's day that is not a date, as typed.
pub fn not_a_date(bad: &str) -> Words {
    Words::new(
        format!("“{bad}”不是日期：请按 2027-01-01 的格式填写，用空格或换行分隔。"),
        format!("“{bad}” is not a date: write dates as 2027-01-01, separated by spaces or lines."),
    )
}

/// A proposed value the set in force cannot take, and why.
pub fn would_break_the_set(why: impl Display) -> Words {
    Words::new(
        format!("这个数值会使参数不成立：{why}"),
        format!("This value would make the set invalid: {why}"),
    )
}

/// An approval the set in force cannot take, and why.
pub fn cannot_approve(why: impl Display) -> Words {
    Words::new(
        format!("不能批准：这项变更会使参数不成立：{why}"),
        format!("Cannot approve: the change would make the set invalid: {why}"),
    )
}
