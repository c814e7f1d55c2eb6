use super::{StaffBar, role_label};
use crate::components::scroll::ScrollRegion;
use crate::context::{AdminContext, SiteContext, StaffContext, use_locale};
use crate::i18n::staff::admin as texts;
use crate::i18n::strings as s;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/staff/admin`: the accounts, and every parameter in force today with its source and
/// whether it is verified.
/// Accounts are created with `server user add` (the password never passes through a form
/// field that a proxy might log).
#[component]
pub fn AdminPage(data: AdminContext, staff: StaffContext) -> impl IntoView {
    let locale = use_locale();
    let AdminContext { accounts, message } = data;
    let site = expect_context::<SiteContext>();
    let title = locale.t(texts::ACCOUNTS_AND_PARAMETERS);
    let rows = site.parameters.rows(site.today);
    view! {
        <Title text=format!("{title} - {}", locale.t(s::SITE_NAME))/>
        <StaffBar locale=locale staff=staff/>
        <h1>{title}</h1>
        {message.map(|(zh, en)| view! { <p class="panel" role="status">{locale.pick(zh, en)}</p> })}
        <h2>{locale.t(texts::STAFF_ACCOUNTS)}</h2>
        <ScrollRegion label=locale.t(texts::STAFF_ACCOUNTS)>
            <table class="data">
                <thead><tr>
                    <th scope="col">{locale.t(texts::USERNAME)}</th>
                    <th scope="col">{locale.t(texts::NAME)}</th>
                    <th scope="col">{locale.t(texts::ROLE)}</th>
                    <th scope="col">{locale.t(texts::TOWN)}</th>
                </tr></thead>
                <tbody>
                    {accounts.into_iter().map(|a| view! {
                        <tr>
                            <td>{a.username}</td>
                            <td>{a.display_name}</td>
                            <td>{role_label(locale, a.role)}</td>
                            <td>{a.town.unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </ScrollRegion>
        <p class="hint">{locale.t(texts::NEW_ACCOUNTS_RUN_SERVER_USER)}</p>
        <h2>{texts::parameters_in_force_today(locale, site.today)}</h2>
        <p>{format!("{} · {}", site.parameters.name, site.parameters.version)}</p>
        <ScrollRegion label=locale.t(texts::PARAMETERS)>
            <table class="data">
                <thead><tr>
                    <th scope="col">{locale.t(texts::PARAMETER)}</th>
                    <th scope="col">{locale.t(texts::VALUE)}</th>
                    <th scope="col">{locale.t(texts::SINCE)}</th>
                    <th scope="col">{locale.t(texts::SOURCE)}</th>
                    <th scope="col">{locale.t(texts::VERIFIED_COLUMN)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let entry = row.in_force.clone();
                        let value = entry.as_ref().map(|e| format!("{} {}", e.value, row.unit).trim().to_string());
                        let verified = entry.as_ref().map(|e| if e.verified {
                            locale.t(texts::VERIFIED)
                        } else {
                            locale.t(texts::UNVERIFIED)
                        });
                        view! {
                            <tr data-parameter=row.key>
                                <td><code>{row.key}</code></td>
                                <td>{value.unwrap_or_else(|| "—".into())}</td>
                                <td>{entry.as_ref().map(|e| e.from.to_string()).unwrap_or_default()}</td>
                                <td>{entry.as_ref().map(|e| e.source.clone()).unwrap_or_default()}</td>
                                <td>{verified.unwrap_or_default()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </ScrollRegion>
    }
}
