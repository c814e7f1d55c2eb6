use crate::context::{SiteContext, use_locale};
use crate::i18n::apply as texts;
use crate::i18n::strings as s;
use crate::paths;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Before you start: what the application asks, what to have at hand, and the start button.
#[component]
pub fn ApplyPage() -> impl IntoView {
    let locale = use_locale();
    let site = expect_context::<SiteContext>();
    let aid_type = use_query_map()
        .with_untracked(|q| q.get("type"))
        .unwrap_or_default();
    let days = site
        .parameters
        .on(site.today)
        .map(|p| {
            (
                p.deadline_accept_emergency_working_days,
                p.deadline_town_review_working_days,
            )
        })
        .ok();
    let deadlines = days.map(|(accept, review)| texts::how_long_it_takes(locale, accept, review));
    view! {
        <Title text=format!("{} - {}", locale.t(s::APPLY_PAGE_TITLE), locale.t(s::SITE_NAME))/>
        <h1>{locale.t(s::APPLY_PAGE_TITLE)}</h1>
        <p class="lead">{locale.t(texts::IT_TAKES_ABOUT_10_MINUTES)}</p>
        <h2>{locale.t(texts::HAVE_THESE_READY)}</h2>
        <ul class="list">
            <li>{locale.t(texts::THE_ID_CARD_NUMBERS_OF)}</li>
            <li>{locale.t(texts::THE_HOUSEHOLDS_INCOME_OVER_THE)}</li>
            <li>{locale.t(texts::EMERGENCY_WHEN_AND_WHAT_HAPPENED)}</li>
            <li>{locale.t(texts::THE_BANK_CARD_FOR_THE)}</li>
        </ul>
        <h2>{locale.t(texts::WHAT_HAPPENS_NEXT)}</h2>
        <p>{deadlines}</p>
        <form method="post" action=paths::APPLY_START>
            <input type="hidden" name="aid_type" value=aid_type/>
            <button type="submit" class="button">{locale.t(texts::START_NOW)}</button>
        </form>
        <p>{locale.t(texts::YOU_CAN_ALSO_APPLY_IN)}</p>
        <p><a class="standalone" href=paths::TRACK>{locale.t(s::APPLIED_ALREADY)}</a></p>
    }
}
