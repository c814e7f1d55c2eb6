use crate::components::contact::TownOffice;
use crate::context::{ConfirmationContext, use_locale};
use crate::domain::AidType;
use crate::i18n::apply as texts;
use crate::i18n::strings as s;
use crate::paths;
use leptos::prelude::*;
use leptos_meta::Title;

/// The reference number, what happens next, and by when.
#[component]
pub fn ConfirmationPage(data: ConfirmationContext) -> impl IntoView {
    let locale = use_locale();
    let ConfirmationContext {
        reference,
        aid_type,
        due_on,
        town,
        town_office,
    } = data;
    let next = match aid_type {
        AidType::Emergency => texts::emergency_next(locale, due_on),
        AidType::Expense => texts::expense_next(locale, due_on),
    };
    view! {
        <Title text=format!("{} - {}", locale.t(texts::APPLICATION_SUBMITTED), locale.t(s::SITE_NAME))/>
        <div class="panel-confirmation">
            <h1>{locale.t(texts::APPLICATION_SUBMITTED)}</h1>
            <p>{locale.t(texts::YOUR_REFERENCE_NUMBER)}</p>
            <p class="reference" data-reference=reference.to_string()>{reference.to_string()}</p>
        </div>
        <p>{locale.t(texts::WRITE_THIS_NUMBER_DOWN_WITH)}</p>
        // Keeping the reference (issue 24, item 12): a screenshot, or a copy where the phone can
        // (public/copy.js shows the button only then).
        <p class="hint">{locale.t(texts::TAKE_A_SCREENSHOT)}</p>
        <p>
            <button type="button" class="button secondary" data-copy=reference.to_string() hidden>
                {locale.t(texts::COPY_THE_REFERENCE)}
            </button>
        </p>
        <p id="copy-done" role="status" hidden>{locale.t(texts::REFERENCE_COPIED)}</p>
        <script src="/copy.js" defer></script>
        <h2>{locale.t(texts::WHAT_HAPPENS_NEXT)}</h2>
        <p>{next}</p>
        <p><a class="button" href=paths::track_for(&reference)>{locale.t(texts::TRACK_YOUR_APPLICATION)}</a></p>
        <TownOffice locale=locale town=town contact=town_office/>
    }
}
