use crate::components::check::{CheckStart, CheckTool, StartData};
use crate::context::{PostedCheck, SiteContext, use_locale};
use crate::i18n::strings as s;
use crate::paths;
use leptos::prelude::*;
use leptos_meta::Title;

/// The home of the portal: the eligibility check.
#[component]
pub fn CheckPage(#[prop(optional)] posted: Option<PostedCheck>) -> impl IntoView {
    let locale = use_locale();
    let site = expect_context::<SiteContext>();
    let (initial, submitted) = match posted {
        Some(PostedCheck {
            answers,
            asked_for_result,
        }) => (answers, asked_for_result),
        None => (Default::default(), false),
    };
    let start = CheckStart {
        locale,
        today: site.today,
        parameters: site.parameters.clone(),
        initial,
        submitted,
    };
    provide_context(start.clone());
    view! {
        <Title text=format!("{} - {}", locale.t(s::CHECK_TITLE), locale.t(s::SITE_NAME))/>
        <h1>{locale.t(s::CHECK_TITLE)}</h1>
        <p class="lead">{locale.t(s::CHECK_INTRO)}</p>
        <p><a class="standalone" href=paths::TRACK>{locale.t(s::APPLIED_ALREADY)}</a></p>
        <StartData start=start.clone()/>
        <CheckTool/>
    }
}
