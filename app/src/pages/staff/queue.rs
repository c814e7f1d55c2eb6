use super::{StaffBar, aid_label, level_label, status_label};
use crate::components::scroll::ScrollRegion;
use crate::context::{QueueContext, SiteContext, StaffContext, use_locale};
use crate::domain::AidType;
use crate::domain::casefile::QUEUE_PAGE_SIZE;
use crate::domain::document_request::overdue;
use crate::domain::review::{Scope, Status};
use crate::i18n::staff::case as case_texts;
use crate::i18n::staff::queue as texts;
use crate::i18n::staff::recheck;
use crate::i18n::strings as s;
use crate::paths;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/staff`: the cases of the staff member's town (or that reached their tier), emergency
/// first, then by the nearest deadline; counts per status, filters and search.
#[component]
pub fn QueuePage(data: QueueContext, staff: StaffContext) -> impl IntoView {
    let locale = use_locale();
    let today = expect_context::<SiteContext>().today;
    let QueueContext {
        view: queue,
        filter,
        nothing_to_take,
    } = data;
    let bar = staff.clone();
    let StaffContext { staff, csrf_token } = staff;
    let takes_cases = matches!(staff.scope(), Scope::Town(_));
    let scope_name = match staff.scope() {
        Scope::Town(town) => town,
        Scope::District(level) => format!("{}{}", locale.t(texts::DISTRICT), level_label(locale, level)),
        Scope::Nothing => String::new(),
    };
    let district = matches!(staff.scope(), Scope::District(_));
    let title = locale.t(texts::CASE_QUEUE);
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
        <ul class="counts" aria-label=locale.t(texts::CASES_BY_STATUS)>
            {queue.counts.iter().map(|(st, n)| view! {
                <li><a href=format!("{}?status={}", paths::STAFF, st.word()) data-count=st.word()>
                    {status_label(locale, *st)}" "<strong>{*n}</strong>
                </a></li>
            }).collect_view()}
            <li class="overdue"><a href=format!("{}?overdue=1", paths::STAFF) data-count="overdue">
                {locale.t(texts::OVERDUE)}" "<strong>{queue.overdue}</strong>
            </a></li>
        </ul>
        {nothing_to_take.then(|| view! {
            <p class="panel" role="status" id="nothing-to-take">{locale.t(texts::NOTHING_TO_TAKE)}</p>
        })}
        {takes_cases.then(|| view! {
            <form method="post" action=paths::STAFF_NEXT class="take-next">
                <input type="hidden" name="csrf" value=csrf_token/>
                <button type="submit" class="button">{locale.t(texts::TAKE_THE_NEXT_CASE)}</button>
                <p class="hint">{locale.t(texts::TAKE_THE_NEXT_CASE_HINT)}</p>
            </form>
        })}
        <form method="get" action=paths::STAFF class="filters">
            <div class="field">
                <label for="status">{locale.t(texts::STATUS)}</label>
                <select id="status" name="status">
                    <option value="" selected=filter.status.is_none()>{locale.t(texts::ALL_OPEN)}</option>
                    {status_options}
                </select>
            </div>
            <div class="field">
                <label for="aid">{locale.t(texts::AID)}</label>
                <select id="aid" name="aid">
                    <option value="" selected=filter.aid_type.is_none()>{locale.t(texts::ALL)}</option>
                    {aid_options}
                </select>
            </div>
            <div class="field">
                <label for="q">{locale.t(texts::REFERENCE_OR_NAME)}</label>
                <input type="search" id="q" name="q" value=filter.search.clone() autocomplete="off"/>
            </div>
            <div class="checkbox">
                <input type="checkbox" id="mine" name="mine" value="1" checked=filter.assigned_to_me/>
                <label for="mine">{locale.t(texts::ASSIGNED_TO_ME)}</label>
            </div>
            <div class="checkbox">
                <input type="checkbox" id="overdue" name="overdue" value="1" checked=filter.overdue/>
                <label for="overdue">{locale.t(texts::OVERDUE_ONLY)}</label>
            </div>
            <button type="submit" class="button secondary">{locale.t(texts::FILTER)}</button>
        </form>
        <p class="hint">{texts::case_count(locale, queue.matching)}</p>
        {empty.then(|| view! { <p class="panel">{locale.t(texts::NO_CASE_MATCHES)}</p> })}
        <ScrollRegion label=title.to_string()>
            <table class="data queue">
                <caption class="visually-hidden">{title}</caption>
                <thead><tr>
                    <th scope="col">{locale.t(texts::REFERENCE)}</th>
                    <th scope="col">{locale.t(texts::AID)}</th>
                    <th scope="col">{locale.t(texts::APPLICANT)}</th>
                    {district.then(|| view! { <th scope="col">{locale.t(texts::TOWN)}</th> })}
                    <th scope="col">{locale.t(texts::STATUS)}</th>
                    <th scope="col">{locale.t(texts::DUE)}</th>
                    <th scope="col">{locale.t(texts::ASSIGNED)}</th>
                </tr></thead>
                <tbody>
                    {queue.rows.into_iter().map(|row| {
                        let documents_late = row.status == Status::WaitingForDocuments
                            && row.documents_due_on.is_some_and(|d| overdue(d, today));
                        let due = if row.overdue {
                            texts::due_overdue(locale, row.due_on)
                        } else if let (Status::WaitingForDocuments, Some(documents_due)) = (row.status, row.documents_due_on) {
                            texts::documents_due(locale, documents_due, row.due_on)
                        } else if row.status == Status::WaitingForDocuments {
                            texts::due_paused(locale, row.due_on)
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
                                    {row.urgent.then(|| view! { <span class="tag urgent">{locale.t(texts::URGENT)}</span>" " })}
                                    {row.contact_applicant.then(|| view! {
                                        <span class="tag urgent" data-contact-applicant="">{locale.t(case_texts::CONTACT_THE_APPLICANT)}</span>" "
                                    })}
                                    {documents_late.then(|| view! {
                                        <span class="tag urgent" data-documents-overdue="">{locale.t(case_texts::DOCUMENTS_OVERDUE)}</span>" "
                                    })}
                                    {row.advance_paperwork_overdue.then(|| view! {
                                        <span class="tag urgent" data-paperwork-overdue="">{locale.t(texts::ADVANCE_PAPERWORK_LATE)}</span>" "
                                    })}
                                    {aid_label(locale, row.aid_type)}
                                </td>
                                <td>{row.masked_name}</td>
                                {district.then(|| view! { <td>{row.town.clone()}</td> })}
                                <td data-status=row.status.word()>
                                    {status}
                                    {row.recheck.as_ref().map(|d| view! {
                                        <p class="recheck" data-recheck="">{recheck::mark(locale, d)}</p>
                                    })}
                                </td>
                                <td>{due}</td>
                                <td>{row.assigned_to.unwrap_or_default()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </ScrollRegion>
        <nav class="pages" aria-label=locale.t(texts::PAGES)>
            {previous.map(|href| view! { <a href=href rel="prev">{locale.t(texts::PREVIOUS)}</a> })}
            {next.map(|href| view! { <a href=href rel="next">{locale.t(texts::NEXT)}</a> })}
        </nav>
    }
}
