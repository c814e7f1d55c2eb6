//! The words of the accounts and parameters page.

use crate::i18n::{Locale, Text};
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
