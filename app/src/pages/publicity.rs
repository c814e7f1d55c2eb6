use crate::components::scroll::ScrollRegion;
use crate::context::{PublicityContext, use_locale};
use crate::i18n::publicity as texts;
use crate::i18n::{choices, strings as s};
use crate::pages::staff::{aid_label, yuan};
use crate::paths;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/publicity`: the approvals of the last `publicity.days` days (四(四)), names masked, by town.
#[component]
pub fn PublicityPage(data: PublicityContext) -> impl IntoView {
    let locale = use_locale();
    let PublicityContext { rows, town, days } = data;
    let title = locale.t(texts::TEMPORARY_ASSISTANCE_DECISIONS_PUBLISHED);
    let options = choices::towns(locale)
        .into_iter()
        .map(|(value, label)| {
            let selected = town.as_deref() == Some(value.as_str());
            view! { <option value=value selected=selected>{label}</option> }
        })
        .collect_view();
    let empty = rows.is_empty();
    view! {
        <Title text=format!("{title} - {}", locale.t(s::SITE_NAME))/>
        <h1>{title}</h1>
        <p>{texts::publicity_period(locale, days)}</p>
        <form method="get" action=paths::PUBLICITY class="filters">
            <div class="field">
                <label for="town">{locale.t(texts::TOWN)}</label>
                <select id="town" name="town">
                    <option value="" selected=town.is_none()>{locale.t(texts::ALL_TOWNS)}</option>
                    {options}
                </select>
            </div>
            <button type="submit" class="button secondary">{locale.t(texts::SHOW)}</button>
        </form>
        {empty.then(|| view! { <p class="panel">{locale.t(texts::NO_DECISION_IS_BEING_PUBLISHED)}</p> })}
        <ScrollRegion label=title.to_string()>
            <table class="data cards">
                <thead><tr>
                    <th scope="col">{locale.t(texts::APPLICANT)}</th>
                    <th scope="col">{locale.t(texts::TOWN)}</th>
                    <th scope="col">{locale.t(texts::AID)}</th>
                    <th scope="col">{locale.t(texts::AMOUNT)}</th>
                    <th scope="col">{locale.t(texts::DECIDED)}</th>
                    <th scope="col">{locale.t(texts::PUBLISHED_UNTIL)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        // Each cell names its column, which a phone shows beside it when the
                        // rows become cards (style/main.css, below 600 px; issue 24, item 15).
                        <tr>
                            <td data-label=locale.t(texts::APPLICANT)>{r.masked_name}</td>
                            <td data-label=locale.t(texts::TOWN)>{r.town}</td>
                            <td data-label=locale.t(texts::AID)>{aid_label(locale, r.aid_type)}</td>
                            <td data-label=locale.t(texts::AMOUNT)>{yuan(locale, r.amount)}</td>
                            <td data-label=locale.t(texts::DECIDED)>{r.decided_on.to_string()}</td>
                            <td data-label=locale.t(texts::PUBLISHED_UNTIL)>{r.until.to_string()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </ScrollRegion>
    }
}
