use crate::context::use_locale;
use crate::i18n::strings as s;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    let locale = use_locale();
    view! {
        <Title text=locale.t(s::NOT_FOUND_TITLE)/>
        <h1>{locale.t(s::NOT_FOUND_TITLE)}</h1>
        <p><a href="/">{locale.t(s::BACK_HOME)}</a></p>
    }
}
