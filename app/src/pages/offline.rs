//! "No connection": kept by the service worker and shown, from the phone, for any page that
//! cannot be reached. After "开始申请" with no signal, the worker puts the check's answers into
//! the hidden form below and shows it (server/src/http/offline/sw.js), so a resident presses
//! one button once connected instead of answering again.

use crate::context::use_locale;
use crate::i18n::offline as texts;
use crate::paths;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn OfflinePage() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=locale.t(texts::NO_CONNECTION)/>
        <h1>{locale.t(texts::NO_CONNECTION)}</h1>
        <p class="lead">{locale.t(texts::NOTHING_IS_LOST)}</p>
        // Filled in and shown by the service worker only; `data-resend` is how it finds it.
        <form method="post" action=paths::APPLY_START data-resend="" hidden>
            <p>{locale.t(texts::ANSWERS_KEPT)}</p>
            <button type="submit" class="button">{locale.t(texts::CONTINUE_APPLICATION)}</button>
        </form>
        <h2>{locale.t(texts::WHAT_WORKS_OFFLINE)}</h2>
        <ul class="list">
            <li><a href=paths::CHECK>{locale.t(texts::CHECK_OFFLINE)}</a></li>
            <li><a href=paths::TRACK>{locale.t(texts::TRACK_OFFLINE)}</a></li>
        </ul>
    }
}
