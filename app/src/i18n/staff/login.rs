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

// Why a sign-in was refused. One answer for an unknown username, a wrong password and a locked
// account: the message must not tell them apart.
pub const WRONG_USERNAME_OR_PASSWORD: Text =
    Text("用户名或密码不正确。", "The username or password is wrong.");
pub const UNAVAILABLE: Text = Text(
    "系统暂时不可用，请稍后再试。",
    "The service is unavailable; try again soon.",
);
pub const PAGE_EXPIRED: Text = Text(
    "页面已过期，请再登录一次。",
    "The page expired; please sign in again.",
);
pub const ENTER_BOTH: Text = Text("请填写用户名和密码。", "Enter your username and password.");
