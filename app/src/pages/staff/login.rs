use crate::context::{LoginContext, use_locale};
use crate::i18n::staff::login as texts;
use crate::i18n::strings as s;
use crate::paths;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/staff/login`: username and password, with a clear message when either is wrong.
#[component]
pub fn LoginPage(context: LoginContext) -> impl IntoView {
    let locale = use_locale();
    let title = locale.t(texts::STAFF_SIGN_IN);
    view! {
        <Title text=format!("{title} - {}", locale.t(s::SITE_NAME))/>
        <h1>{title}</h1>
        {context.error.clone().map(|(zh, en)| view! {
            <div class="error-summary" role="alert" tabindex="-1"><p id="login-error">{locale.pick(zh, en)}</p></div>
        })}
        <form method="post" action=paths::STAFF_LOGIN class="narrow">
            <input type="hidden" name="csrf" value=context.csrf_token.clone()/>
            <div class="field">
                <label for="username">{locale.t(texts::USERNAME)}</label>
                <input type="text" id="username" name="username" value=context.username.clone()
                    autocomplete="username" autocapitalize="none" spellcheck="false" required/>
            </div>
            <div class="field">
                <label for="password">{locale.t(texts::PASSWORD)}</label>
                <input type="password" id="password" name="password" autocomplete="current-password" required/>
            </div>
            <button type="submit" class="button">{locale.t(texts::SIGN_IN)}</button>
        </form>
        <p class="hint">{locale.t(texts::FORGOTTEN_PASSWORD_OR_LOCKED_ACCOUNT)}</p>
    }
}
