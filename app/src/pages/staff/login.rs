use crate::context::{LoginContext, use_locale};
use crate::i18n::strings as s;
use crate::paths;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/staff/login`: username and password, with a clear message when either is wrong.
#[component]
pub fn LoginPage(context: LoginContext) -> impl IntoView {
    let locale = use_locale();
    let title = locale.pick("工作人员登录", "Staff sign-in");
    view! {
        <Title text=format!("{title} - {}", locale.t(s::SITE_NAME))/>
        <h1>{title}</h1>
        {context.error.clone().map(|(zh, en)| view! {
            <div class="error-summary" role="alert" tabindex="-1"><p id="login-error">{locale.pick(zh, en)}</p></div>
        })}
        <form method="post" action=paths::STAFF_LOGIN class="narrow">
            <input type="hidden" name="csrf" value=context.csrf_token.clone()/>
            <div class="field">
                <label for="username">{locale.pick("用户名", "Username")}</label>
                <input type="text" id="username" name="username" value=context.username.clone()
                    autocomplete="username" autocapitalize="none" spellcheck="false" required/>
            </div>
            <div class="field">
                <label for="password">{locale.pick("密码", "Password")}</label>
                <input type="password" id="password" name="password" autocomplete="current-password" required/>
            </div>
            <button type="submit" class="button">{locale.pick("登录", "Sign in")}</button>
        </form>
        <p class="hint">{locale.pick(
            "忘记密码或账户被锁定，请联系区民政局系统管理员。",
            "Forgotten password or locked account: ask the district administrator.",
        )}</p>
    }
}
