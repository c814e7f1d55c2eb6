use super::{StaffBar, role_label};
use crate::components::scroll::ScrollRegion;
use crate::context::{AdminContext, SiteContext, use_locale};
use crate::i18n::strings as s;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/staff/admin`: the accounts, and the parameters in force today with their sources.
/// Accounts are created with `server user add` (the password never passes through a form
/// field that a proxy might log).
#[component]
pub fn AdminPage() -> impl IntoView {
    let locale = use_locale();
    let AdminContext { accounts, message } = expect_context::<AdminContext>();
    let site = expect_context::<SiteContext>();
    let title = locale.pick("账户和参数", "Accounts and parameters");
    let in_force = site.parameters.on(site.today).ok();
    let rows: Vec<(&str, String)> = in_force
        .map(|p| {
            vec![
                ("dibao_monthly", p.dibao_monthly.to_string()),
                ("emergency.cap_multiple", p.emergency_cap_multiple.to_string()),
                ("expense.cap_multiple", p.expense_cap_multiple.to_string()),
                (
                    "above_cap.max_multiple_of_cap",
                    p.above_cap_max_multiple_of_cap.to_string(),
                ),
                (
                    "emergency.advance_limit_multiple",
                    p.emergency_advance_limit_multiple.to_string(),
                ),
                (
                    "approval.town_limit_multiple",
                    p.approval_town_limit_multiple.to_string(),
                ),
                (
                    "deadline.accept_emergency_working_days",
                    p.deadline_accept_emergency_working_days.to_string(),
                ),
                (
                    "deadline.advance_paperwork_working_days",
                    p.deadline_advance_paperwork_working_days.to_string(),
                ),
                (
                    "deadline.town_review_working_days",
                    p.deadline_town_review_working_days.to_string(),
                ),
                (
                    "deadline.district_approval_working_days",
                    p.deadline_district_approval_working_days.to_string(),
                ),
                ("repeat.window_days", p.repeat_window_days.to_string()),
                ("publicity.days", p.publicity_days.to_string()),
                (
                    "family_link.days_after_decision",
                    p.family_link_days_after_decision.to_string(),
                ),
            ]
        })
        .unwrap_or_default();
    view! {
        <Title text=format!("{title} - {}", locale.t(s::SITE_NAME))/>
        <StaffBar locale=locale/>
        <h1>{title}</h1>
        {message.map(|(zh, en)| view! { <p class="panel" role="status">{locale.pick(zh, en)}</p> })}
        <h2>{locale.pick("工作人员账户", "Staff accounts")}</h2>
        <ScrollRegion label=locale.pick("工作人员账户", "Staff accounts")>
            <table class="data">
                <thead><tr>
                    <th scope="col">{locale.pick("用户名", "Username")}</th>
                    <th scope="col">{locale.pick("姓名", "Name")}</th>
                    <th scope="col">{locale.pick("角色", "Role")}</th>
                    <th scope="col">{locale.pick("镇街", "Town")}</th>
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
        <p class="hint">{locale.pick(
            "新建账户：在服务器上运行 server user add --username … --role … --town …，密码从标准输入读取。",
            "New accounts: run server user add --username … --role … --town … on the server; the password is read from standard input.",
        )}</p>
        <h2>{locale.pick(format!("今天（{}）适用的参数", site.today), format!("Parameters in force today ({})", site.today))}</h2>
        <p>{format!("{} · {}", site.parameters.name, site.parameters.version)}</p>
        <ScrollRegion label=locale.pick("参数", "Parameters")>
            <table class="data">
                <thead><tr>
                    <th scope="col">{locale.pick("参数", "Parameter")}</th>
                    <th scope="col">{locale.pick("数值", "Value")}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|(k, v)| view! { <tr><td><code>{k}</code></td><td>{v}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </ScrollRegion>
    }
}
