use super::{StaffBar, role_label};
use crate::components::scroll::ScrollRegion;
use crate::context::{AdminContext, SiteContext, StaffContext, use_locale};
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
    let title = locale.pick("账户和参数", "Accounts and parameters");
    let rows = site.parameters.rows(site.today);
    view! {
        <Title text=format!("{title} - {}", locale.t(s::SITE_NAME))/>
        <StaffBar locale=locale staff=staff/>
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
                    <th scope="col">{locale.pick("起始日期", "Since")}</th>
                    <th scope="col">{locale.pick("依据", "Source")}</th>
                    <th scope="col">{locale.pick("核实", "Verified")}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let entry = row.in_force.clone();
                        let value = entry.as_ref().map(|e| format!("{} {}", e.value, row.unit).trim().to_string());
                        let verified = entry.as_ref().map(|e| if e.verified {
                            locale.pick("已核实", "verified")
                        } else {
                            locale.pick("待核实", "unverified")
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
