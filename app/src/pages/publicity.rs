use crate::components::scroll::ScrollRegion;
use crate::context::{PublicityContext, use_locale};
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
    let title = locale.pick("临时救助公示", "Temporary assistance: decisions published");
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
        <p>{locale.pick(
            format!("以下救助决定自决定之日起公示 {days} 天。对公示内容有异议的，可以向所在镇街或区民政局反映。"),
            format!("Each decision below is published for {days} days from the day it was made. Anyone who disagrees can tell the town or the district civil-affairs bureau."),
        )}</p>
        <form method="get" action=paths::PUBLICITY class="filters">
            <div class="field">
                <label for="town">{locale.pick("镇街", "Town")}</label>
                <select id="town" name="town">
                    <option value="" selected=town.is_none()>{locale.pick("全部镇街", "All towns")}</option>
                    {options}
                </select>
            </div>
            <button type="submit" class="button secondary">{locale.pick("查看", "Show")}</button>
        </form>
        {empty.then(|| view! { <p class="panel">{locale.pick("目前没有正在公示的决定。", "No decision is being published now.")}</p> })}
        <ScrollRegion label=title.to_string()>
            <table class="data">
                <thead><tr>
                    <th scope="col">{locale.pick("申请人", "Applicant")}</th>
                    <th scope="col">{locale.pick("镇街", "Town")}</th>
                    <th scope="col">{locale.pick("类型", "Aid")}</th>
                    <th scope="col">{locale.pick("救助金额", "Amount")}</th>
                    <th scope="col">{locale.pick("决定日期", "Decided")}</th>
                    <th scope="col">{locale.pick("公示至", "Published until")}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <td>{r.masked_name}</td>
                            <td>{r.town}</td>
                            <td>{aid_label(locale, r.aid_type)}</td>
                            <td>{yuan(locale, r.amount)}</td>
                            <td>{r.decided_on.to_string()}</td>
                            <td>{r.until.to_string()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </ScrollRegion>
    }
}
