use super::{StaffBar, aid_label, level_label, status_label};
use crate::components::scroll::ScrollRegion;
use crate::context::{QueueContext, StaffContext, use_locale};
use crate::domain::AidType;
use crate::domain::casefile::QUEUE_PAGE_SIZE;
use crate::domain::review::{Scope, Status};
use crate::i18n::strings as s;
use crate::paths;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/staff`: the cases of the staff member's town (or that reached their tier), emergency
/// first, then by the nearest deadline; counts per status, filters and search.
#[component]
pub fn QueuePage(data: QueueContext, staff: StaffContext) -> impl IntoView {
    let locale = use_locale();
    let QueueContext { view: queue, filter } = data;
    let bar = staff.clone();
    let StaffContext { staff, .. } = staff;
    let scope_name = match staff.scope() {
        Scope::Town(town) => town,
        Scope::District(level) => format!(
            "{}{}",
            locale.pick("全区 · ", "District · "),
            level_label(locale, level)
        ),
        Scope::Nothing => String::new(),
    };
    let district = matches!(staff.scope(), Scope::District(_));
    let title = locale.pick("待办案件", "Case queue");
    let status_options = Status::ALL
        .into_iter()
        .map(|st| {
            let selected = filter.status == Some(st);
            view! { <option value=st.word() selected=selected>{status_label(locale, st)}</option> }
        })
        .collect_view();
    let aid_options = [AidType::Emergency, AidType::Expense]
        .into_iter()
        .map(|a| {
            let selected = filter.aid_type == Some(a);
            view! { <option value=a.word() selected=selected>{aid_label(locale, a)}</option> }
        })
        .collect_view();
    let pages = (queue.matching + i64::from(QUEUE_PAGE_SIZE) - 1) / i64::from(QUEUE_PAGE_SIZE);
    let previous =
        (filter.page > 0).then(|| format!("{}?{}", paths::STAFF, filter.query_for_page(filter.page - 1)));
    let next = (i64::from(filter.page) + 1 < pages)
        .then(|| format!("{}?{}", paths::STAFF, filter.query_for_page(filter.page + 1)));
    let empty = queue.rows.is_empty();
    view! {
        <Title text=format!("{title} - {}", locale.t(s::SITE_NAME))/>
        <StaffBar locale=locale staff=bar/>
        <h1>{title}<span class="scope">{format!(" · {scope_name}")}</span></h1>
        <ul class="counts" aria-label=locale.pick("各状态件数", "Cases by status")>
            {queue.counts.iter().map(|(st, n)| view! {
                <li><a href=format!("{}?status={}", paths::STAFF, st.word()) data-count=st.word()>
                    {status_label(locale, *st)}" "<strong>{*n}</strong>
                </a></li>
            }).collect_view()}
            <li class="overdue"><a href=format!("{}?overdue=1", paths::STAFF) data-count="overdue">
                {locale.pick("已超期", "Overdue")}" "<strong>{queue.overdue}</strong>
            </a></li>
        </ul>
        <form method="get" action=paths::STAFF class="filters">
            <div class="field">
                <label for="status">{locale.pick("状态", "Status")}</label>
                <select id="status" name="status">
                    <option value="" selected=filter.status.is_none()>{locale.pick("所有未办结", "All open")}</option>
                    {status_options}
                </select>
            </div>
            <div class="field">
                <label for="aid">{locale.pick("类型", "Aid")}</label>
                <select id="aid" name="aid">
                    <option value="" selected=filter.aid_type.is_none()>{locale.pick("全部", "All")}</option>
                    {aid_options}
                </select>
            </div>
            <div class="field">
                <label for="q">{locale.pick("编号或姓名", "Reference or name")}</label>
                <input type="search" id="q" name="q" value=filter.search.clone() autocomplete="off"/>
            </div>
            <div class="checkbox">
                <input type="checkbox" id="mine" name="mine" value="1" checked=filter.assigned_to_me/>
                <label for="mine">{locale.pick("分给我的", "Assigned to me")}</label>
            </div>
            <div class="checkbox">
                <input type="checkbox" id="overdue" name="overdue" value="1" checked=filter.overdue/>
                <label for="overdue">{locale.pick("只看超期", "Overdue only")}</label>
            </div>
            <button type="submit" class="button secondary">{locale.pick("筛选", "Filter")}</button>
        </form>
        <p class="hint">{locale.pick(format!("共 {} 件", queue.matching), format!("{} cases", queue.matching))}</p>
        {empty.then(|| view! { <p class="panel">{locale.pick("没有符合条件的案件。", "No case matches.")}</p> })}
        <ScrollRegion label=title.to_string()>
            <table class="data queue">
                <caption class="visually-hidden">{title}</caption>
                <thead><tr>
                    <th scope="col">{locale.pick("编号", "Reference")}</th>
                    <th scope="col">{locale.pick("类型", "Aid")}</th>
                    <th scope="col">{locale.pick("申请人", "Applicant")}</th>
                    {district.then(|| view! { <th scope="col">{locale.pick("镇街", "Town")}</th> })}
                    <th scope="col">{locale.pick("状态", "Status")}</th>
                    <th scope="col">{locale.pick("办理期限", "Due")}</th>
                    <th scope="col">{locale.pick("经办人", "Assigned")}</th>
                </tr></thead>
                <tbody>
                    {queue.rows.into_iter().map(|row| {
                        let due = if row.overdue {
                            locale.pick(format!("{}（已超期）", row.due_on), format!("{} (overdue)", row.due_on))
                        } else if row.status == Status::WaitingForDocuments {
                            locale.pick(format!("{}（暂停）", row.due_on), format!("{} (paused)", row.due_on))
                        } else if row.status.deadline_runs() {
                            row.due_on.to_string()
                        } else {
                            String::new()
                        };
                        let status = if row.status == Status::Recommended {
                            format!("{} · {}", status_label(locale, row.status), level_label(locale, row.level))
                        } else {
                            status_label(locale, row.status).to_string()
                        };
                        view! {
                            <tr class:urgent=row.urgent class:overdue=row.overdue data-reference=row.reference.clone()>
                                <td><a href=paths::staff_case(&row.reference)>{row.reference.clone()}</a></td>
                                <td>
                                    {row.urgent.then(|| view! { <span class="tag urgent">{locale.pick("急", "Urgent")}</span>" " })}
                                    {row.advance_paperwork_overdue.then(|| view! {
                                        <span class="tag urgent" data-paperwork-overdue="">{locale.pick("先行救助手续超期", "Advance paperwork late")}</span>" "
                                    })}
                                    {aid_label(locale, row.aid_type)}
                                </td>
                                <td>{row.masked_name}</td>
                                {district.then(|| view! { <td>{row.town.clone()}</td> })}
                                <td data-status=row.status.word()>{status}</td>
                                <td>{due}</td>
                                <td>{row.assigned_to.unwrap_or_default()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </ScrollRegion>
        <nav class="pages" aria-label=locale.pick("分页", "Pages")>
            {previous.map(|href| view! { <a href=href rel="prev">{locale.pick("上一页", "Previous")}</a> })}
            {next.map(|href| view! { <a href=href rel="next">{locale.pick("下一页", "Next")}</a> })}
        </nav>
    }
}
