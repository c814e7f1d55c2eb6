//! The words of the staff sign-in page.

use crate::i18n::Text;

pub const STAFF_SIGN_IN: Text = Text("工作人员登录", "Staff sign-in");
pub const USERNAME: Text = Text("用户名", "Username");
pub const PASSWORD: Text = Text("密码", "Password");
pub const SIGN_IN: Text = Text("登录", "Sign in");
pub const FORGOTTEN_PASSWORD_OR_LOCKED_ACCOUNT: Text = Text(
    "忘记密码或账户被锁定，请联系区民政局系统管理员。",
    "Forgotten password or locked account: ask the district administrator.",
);
