use super::{StaffBar, role_label};
use crate::components::form::{CheckboxInput, ErrorSummary, Select, TextArea, TextInput};
use crate::components::scroll::ScrollRegion;
use crate::context::{AdminContext, ContactForm, DutyForm, SiteContext, StaffContext, use_locale};
use crate::domain::clock::minute_in_chongqing;
use crate::domain::message_kind::MessageKind;
use crate::domain::proposals::{Decision, Proposal, ProposalForm};
use crate::domain::town_contact::TownContact;
use crate::i18n::Locale;
use crate::i18n::messages::template;
use crate::i18n::staff::admin as texts;
use crate::i18n::staff::case::message_kind_name;
use crate::i18n::strings as s;
use crate::paths;
use crate::rules::{CALENDAR_PREFIX, PARAMETER_KEYS};
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/staff/admin`: the accounts, and every parameter in force today with its source and
/// whether it is verified.
/// Accounts are created with `server user add` (the password never passes through a form
/// field that a proxy might log).
#[component]
pub fn AdminPage(data: AdminContext, staff: StaffContext) -> impl IntoView {
    let locale = use_locale();
    let AdminContext {
        accounts,
        proposals,
        proposal_form,
        message,
        duty_phones,
        duty_form,
        template_codes,
        town_contacts,
        contact_form,
    } = data;
    let me = staff.staff.id;
    let csrf = staff.csrf_token.clone();
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
        <Changes proposals=proposals form=proposal_form me=me csrf=csrf.clone()/>
        <DutyPhones offices=duty_phones form=duty_form csrf=csrf.clone()/>
        <TownContacts towns=town_contacts form=contact_form csrf=csrf/>
        <SmsTemplates codes=template_codes/>
        <h2>{texts::parameters_in_force_today(locale, site.today)}</h2>
        // The set's name in the page's language only (issue 24, item 9).
        <p>{format!("{} · {}", locale.half(&site.parameters.name), site.parameters.version)}</p>
        <ScrollRegion label=locale.t(texts::PARAMETERS)>
            <table class="data">
                <thead><tr>
                    <th scope="col">{locale.t(texts::PARAMETER)}</th>
                    <th scope="col">{locale.t(texts::VALUE)}</th>
                    <th scope="col">{locale.t(texts::SINCE)}</th>
                    <th scope="col">{locale.t(texts::SOURCE)}</th>
                    <th scope="col">{locale.t(texts::VERIFIED_COLUMN)}</th>
                    <th scope="col">{locale.t(texts::HISTORY)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let history = row.history.iter().map(|e| {
                            let mark = if e.verified { locale.t(texts::VERIFIED) } else { locale.t(texts::UNVERIFIED) };
                            view! { <li>{format!("{}：{} {}（{}，{}）", e.from, e.value, row.unit, mark, e.source)}</li> }
                        }).collect_view();
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
                                <td><ul class="history">{history}</ul></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </ScrollRegion>
        <WorkingDayCalendar/>
    }
}

/// Each office's duty numbers, masked, and the form that replaces one office's (no four eyes:
/// the admin log records who changed what).
#[component]
fn DutyPhones(offices: Vec<(String, Vec<String>)>, form: DutyForm, csrf: String) -> impl IntoView {
    let locale = use_locale();
    let options: Vec<(String, String)> = offices
        .iter()
        .map(|(office, _)| (office.clone(), office.clone()))
        .collect();
    let error = form.problem.clone().map(|(zh, en)| locale.pick(zh, en));
    let office = if form.office.is_empty() {
        options.first().map(|o| o.0.clone()).unwrap_or_default()
    } else {
        form.office.clone()
    };
    view! {
        <h2 id="duty-phones">{locale.t(texts::DUTY_PHONES)}</h2>
        <p class="hint">{locale.t(texts::DUTY_PHONES_HINT)}</p>
        <ScrollRegion label=locale.t(texts::DUTY_PHONES)>
            <table class="data">
                <thead><tr>
                    <th scope="col">{locale.t(texts::OFFICE)}</th>
                    <th scope="col">{locale.t(texts::NUMBERS)}</th>
                </tr></thead>
                <tbody>
                    {offices.into_iter().map(|(office, phones)| {
                        let shown = if phones.is_empty() {
                            locale.t(texts::NONE_SET).to_string()
                        } else {
                            phones.join("、")
                        };
                        let name = office.clone();
                        view! { <tr data-duty-office=office><td>{name}</td><td>{shown}</td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
        </ScrollRegion>
        <form method="post" action=paths::STAFF_DUTY_PHONES class="action" novalidate="">
            <input type="hidden" name="csrf" value=csrf/>
            <Select name="office" label=locale.t(texts::OFFICE) value=office options=options/>
            <TextInput
                name="phones"
                label=locale.t(texts::NEW_DUTY_PHONES)
                value=form.phones
                error=error
                hint=locale.t(texts::NEW_DUTY_PHONES_HINT)
                inputmode="tel"
            />
            <button type="submit" class="button">{locale.t(texts::SAVE_DUTY_PHONES)}</button>
        </form>
    }
}

/// Each town office's contact as residents see it, and the form that sets one town's (no four
/// eyes: the admin log records who changed what). Issue 24, item 10.
#[component]
fn TownContacts(towns: Vec<(String, Option<TownContact>)>, form: ContactForm, csrf: String) -> impl IntoView {
    let locale = use_locale();
    let options: Vec<(String, String)> = towns.iter().map(|(t, _)| (t.clone(), t.clone())).collect();
    // The form opens on the town last posted, else the first; with its contact as set.
    let town = if form.town.is_empty() {
        options.first().map(|o| o.0.clone()).unwrap_or_default()
    } else {
        form.town.clone()
    };
    let error = |field: &str| {
        form.problem
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, (zh, en))| locale.pick(zh.clone(), en.clone()))
    };
    view! {
        <h2 id="town-contacts">{locale.t(texts::TOWN_CONTACTS)}</h2>
        <p class="hint">{locale.t(texts::TOWN_CONTACTS_HINT)}</p>
        <ScrollRegion label=locale.t(texts::TOWN_CONTACTS)>
            <table class="data">
                <thead><tr>
                    <th scope="col">{locale.t(texts::TOWN)}</th>
                    <th scope="col">{locale.t(texts::TELEPHONE)}</th>
                    <th scope="col">{locale.t(texts::ADDRESS)}</th>
                    <th scope="col">{locale.t(texts::HOURS)}</th>
                </tr></thead>
                <tbody>
                    {towns.into_iter().map(|(town, contact)| {
                        let none = || locale.t(texts::NONE_SET).to_string();
                        let (phone, address, hours) = contact
                            .map(|c| (c.phone, c.address, c.hours))
                            .unwrap_or_else(|| (none(), String::new(), String::new()));
                        let name = town.clone();
                        view! {
                            <tr data-contact-town=town>
                                <td>{name}</td><td>{phone}</td><td>{address}</td><td>{hours}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </ScrollRegion>
        <form method="post" action=paths::STAFF_TOWN_CONTACT class="action" novalidate="">
            <input type="hidden" name="csrf" value=csrf/>
            <Select name="town" label=locale.t(texts::TOWN) value=town options=options error=error("town")/>
            <TextInput name="phone" label=locale.t(texts::TELEPHONE) hint=locale.t(texts::TELEPHONE_HINT)
                value=form.phone.clone() error=error("phone") input_type="tel" inputmode="tel"/>
            <TextInput name="address" label=locale.t(texts::ADDRESS) value=form.address.clone() error=error("address")/>
            <TextInput name="hours" label=locale.t(texts::HOURS) hint=locale.t(texts::HOURS_HINT)
                value=form.hours.clone() error=error("hours")/>
            <button type="submit" class="button">{locale.t(texts::SAVE_TOWN_CONTACT)}</button>
        </form>
    }
}

/// Each kind of message: its template's text (to register with the provider) and the code in
/// force; a code changes by a proposal above.
#[component]
fn SmsTemplates(codes: Vec<(MessageKind, Option<String>)>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <h2 id="sms-templates">{locale.t(texts::SMS_TEMPLATES)}</h2>
        <p class="hint">{locale.t(texts::SMS_TEMPLATES_HINT)}</p>
        <ScrollRegion label=locale.t(texts::SMS_TEMPLATES)>
            <table class="data">
                <thead><tr>
                    <th scope="col">{locale.t(texts::KIND_OF_MESSAGE)}</th>
                    <th scope="col">{locale.t(texts::TEMPLATE_TEXT)}</th>
                    <th scope="col">{locale.t(texts::CODE_IN_FORCE)}</th>
                </tr></thead>
                <tbody>
                    {codes.into_iter().map(|(kind, code)| view! {
                        <tr data-template=kind.word()>
                            <td>{message_kind_name(locale, kind)}</td>
                            <td>{locale.t(template(kind))}</td>
                            <td>{code.unwrap_or_else(|| locale.t(texts::NONE_SET).to_string())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </ScrollRegion>
    }
}

/// The proposals: those waiting (approve or reject, never one's own), the form to propose
/// another, and the decided ones with who decided and when (the audit).
#[component]
fn Changes(proposals: Vec<Proposal>, form: ProposalForm, me: i64, csrf: String) -> impl IntoView {
    let locale = use_locale();
    let today = expect_context::<SiteContext>().today;
    let (pending, decided): (Vec<Proposal>, Vec<Proposal>) =
        proposals.into_iter().partition(|p| p.decided.is_none());
    // A number as typed; a calendar year's days as two lists.
    let value = |p: &Proposal| {
        let days = |part: &str| {
            let list = p.change.value[part].as_array().cloned().unwrap_or_default();
            list.iter()
                .filter_map(|d| d.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        if p.change.value.is_object() {
            format!(
                "{}：{}；{}：{}",
                locale.t(texts::HOLIDAYS),
                days("holidays"),
                locale.t(texts::WORKDAYS),
                days("workdays")
            )
        } else {
            // A template code is text; a number shows as typed.
            p.change
                .value
                .as_str()
                .map_or_else(|| p.change.value.to_string(), str::to_string)
        }
    };
    let pending_rows = pending.iter().map(|p| {
        let actions = if p.proposed_by == me {
            view! { <p>{locale.t(texts::WAITING_FOR_ANOTHER)}</p> }.into_any()
        } else {
            let action = paths::staff_proposal_decision(p.id);
            let reason_id = format!("reason-{}", p.id);
            view! {
                <form method="post" action=action.clone() class="inline">
                    <input type="hidden" name="csrf" value=csrf.clone()/>
                    <input type="hidden" name="decision" value="approve"/>
                    <button type="submit" data-approve=p.id>{locale.t(texts::APPROVE)}</button>
                </form>
                <form method="post" action=action>
                    <input type="hidden" name="csrf" value=csrf.clone()/>
                    <input type="hidden" name="decision" value="reject"/>
                    <label for=reason_id.clone()>{locale.t(texts::REASON)}</label>
                    <input type="text" id=reason_id name="reason"/>
                    <button type="submit" class="secondary">{locale.t(texts::REJECT)}</button>
                </form>
            }
            .into_any()
        };
        view! {
            <tr data-proposal=p.id>
                <td><code>{p.change.key.clone()}</code></td>
                <td>{value(p)}</td>
                <td>{p.change.from.to_string()}</td>
                <td>{p.change.source.clone()}</td>
                <td>{if p.change.verified { locale.t(texts::VERIFIED) } else { locale.t(texts::UNVERIFIED) }}</td>
                <td>{format!("{}，{}", p.proposed_by_name, minute_in_chongqing(p.proposed_at))}</td>
                <td>{actions}</td>
            </tr>
        }
    }).collect_view();
    let decided_rows = decided
        .iter()
        .map(|p| {
            let d = p.decided.as_ref();
            let said = d.map(|d| {
                texts::decided(
                    locale,
                    d.decision == Decision::Approved,
                    &d.by_name,
                    &minute_in_chongqing(d.at),
                    d.reason.as_deref(),
                )
            });
            view! {
                <tr data-proposal=p.id>
                    <td><code>{p.change.key.clone()}</code></td>
                    <td>{value(p)}</td>
                    <td>{p.change.from.to_string()}</td>
                    <td>{format!("{}，{}", p.proposed_by_name, minute_in_chongqing(p.proposed_at))}</td>
                    <td>{said}</td>
                </tr>
            }
        })
        .collect_view();
    let has_pending = !pending.is_empty();
    let error_at = |field: &str| {
        form.problem_at(field)
            .map(|p| locale.pick(p.zh.clone(), p.en.clone()))
    };
    // The summary names the field (GOV.UK's pattern) and takes the focus, JavaScript or not.
    let summary: Vec<(String, String)> = form
        .problem
        .as_ref()
        .map(|p| {
            let label = match p.field {
                "key" => locale.t(texts::PARAMETER),
                "holidays" => locale.t(texts::HOLIDAYS),
                "workdays" => locale.t(texts::WORKDAYS),
                "from" => locale.t(texts::EFFECTIVE_FROM),
                "source" => locale.t(texts::SOURCE),
                _ => locale.t(texts::NEW_VALUE),
            };
            let said = locale.pick(format!("{label}：{}", p.zh), format!("{label}: {}", p.en));
            (p.field.to_string(), said)
        })
        .into_iter()
        .collect();
    view! {
        <h2 id="proposals">{locale.t(texts::CHANGES)}</h2>
        <p class="hint">{locale.t(texts::CHANGES_HINT)}</p>
        <h3>{locale.t(texts::PENDING)}</h3>
        {if has_pending {
            view! {
                <ScrollRegion label=locale.t(texts::PENDING)>
                    <table class="data">
                        <thead><tr>
                            <th scope="col">{locale.t(texts::PARAMETER)}</th>
                            <th scope="col">{locale.t(texts::NEW_VALUE)}</th>
                            <th scope="col">{locale.t(texts::EFFECTIVE_FROM)}</th>
                            <th scope="col">{locale.t(texts::SOURCE)}</th>
                            <th scope="col">{locale.t(texts::VERIFIED_COLUMN)}</th>
                            <th scope="col">{locale.t(texts::PROPOSED_BY)}</th>
                            <th scope="col">{locale.t(texts::DECISION)}</th>
                        </tr></thead>
                        <tbody>{pending_rows}</tbody>
                    </table>
                </ScrollRegion>
            }.into_any()
        } else {
            view! { <p>{locale.t(texts::NO_PENDING)}</p> }.into_any()
        }}
        <h3>{locale.t(texts::PROPOSE)}</h3>
        <ErrorSummary title=locale.t(texts::PROPOSAL_PROBLEM) errors=summary/>
        <form method="post" action=paths::STAFF_PROPOSALS class="panel" novalidate>
            <input type="hidden" name="csrf" value=csrf.clone()/>
            <Select
                name="key"
                label=locale.t(texts::PARAMETER)
                value=form.key.clone()
                options=key_options(locale, today)
                error=error_at("key")
            />
            <TextInput
                name="value"
                label=locale.t(texts::NEW_VALUE)
                hint=locale.t(texts::VALUE_HINT)
                value=form.value.clone()
                inputmode="decimal"
                error=error_at("value")
            />
            <TextInput
                name="from"
                label=locale.t(texts::EFFECTIVE_FROM)
                hint=locale.t(texts::FROM_HINT)
                value=form.from.clone()
                error=error_at("from")
            />
            <TextInput
                name="source"
                label=locale.t(texts::SOURCE)
                hint=locale.t(texts::SOURCE_HINT)
                value=form.source.clone()
                error=error_at("source")
            />
            <fieldset>
                <legend>{locale.t(texts::CALENDAR_DAYS)}</legend>
                <p class="hint">{locale.t(texts::CALENDAR_DAYS_HINT)}</p>
                <TextArea name="holidays" label=locale.t(texts::HOLIDAYS) value=form.holidays.clone() error=error_at("holidays")/>
                <TextArea name="workdays" label=locale.t(texts::WORKDAYS) value=form.workdays.clone() error=error_at("workdays")/>
            </fieldset>
            <CheckboxInput name="verified" label=locale.t(texts::VERIFIED_BOX) checked=form.verified/>
            <button type="submit">{locale.t(texts::PROPOSE)}</button>
        </form>
        <h3>{locale.t(texts::DECIDED)}</h3>
        <ScrollRegion label=locale.t(texts::DECIDED)>
            <table class="data">
                <thead><tr>
                    <th scope="col">{locale.t(texts::PARAMETER)}</th>
                    <th scope="col">{locale.t(texts::NEW_VALUE)}</th>
                    <th scope="col">{locale.t(texts::EFFECTIVE_FROM)}</th>
                    <th scope="col">{locale.t(texts::PROPOSED_BY)}</th>
                    <th scope="col">{locale.t(texts::DECISION)}</th>
                </tr></thead>
                <tbody>{decided_rows}</tbody>
            </table>
        </ScrollRegion>
    }
}

/// The parameters a proposal can change: every key of the rules, and the calendar of this year
/// and the next (the State Council announces a year's arrangement each autumn).
fn key_options(locale: Locale, today: NaiveDate) -> Vec<(String, String)> {
    let mut options: Vec<(String, String)> = PARAMETER_KEYS
        .iter()
        .map(|k| (k.to_string(), k.to_string()))
        .collect();
    for year in [today.year(), today.year() + 1] {
        let key = format!("{CALENDAR_PREFIX}{year}");
        options.push((
            key.clone(),
            format!("{key}（{}）", locale.t(texts::WORKING_DAY_CALENDAR)),
        ));
    }
    for kind in MessageKind::ALL {
        let key = kind.template_key();
        let name = message_kind_name(locale, kind);
        options.push((
            key.clone(),
            format!("{key}（{}：{name}）", locale.t(texts::TEMPLATE_CODE_OF)),
        ));
    }
    options
}

/// The working-day calendar: for each year, the arrangement in force today (days off, weekend
/// days worked, its notice and mark) and the earlier ones it replaced.
#[component]
fn WorkingDayCalendar() -> impl IntoView {
    let locale = use_locale();
    let site = expect_context::<SiteContext>();
    let calendar = &site.parameters.calendar;
    let list = |days: &[NaiveDate]| {
        days.iter()
            .map(|d| d.format("%m-%d").to_string())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let rows = calendar
        .years()
        .into_iter()
        .rev()
        .map(|year| {
            let in_force = calendar.in_force(year, site.today);
            let earlier: Vec<String> = calendar
                .arrangements
                .iter()
                .filter(|a| a.year == year && Some(*a) != in_force)
                .map(|a| format!("{}：{}", a.from, a.source))
                .collect();
            let mark = in_force.map(|a| if a.verified { locale.t(texts::VERIFIED) } else { locale.t(texts::UNVERIFIED) });
            view! {
                <tr data-calendar-year=year>
                    <th scope="row">{year}</th>
                    <td>{in_force.map(|a| list(&a.holidays))}</td>
                    <td>{in_force.map(|a| list(&a.workdays))}</td>
                    <td>{in_force.map(|a| a.from.to_string())}</td>
                    <td>{in_force.map(|a| a.source.clone())}</td>
                    <td>{mark}</td>
                    <td><ul class="history">{earlier.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2 id="calendar">{locale.t(texts::WORKING_DAY_CALENDAR)}</h2>
        <p class="hint">{locale.t(texts::CALENDAR_HINT)}</p>
        <ScrollRegion label=locale.t(texts::WORKING_DAY_CALENDAR)>
            <table class="data">
                <thead><tr>
                    <th scope="col">{locale.t(texts::YEAR)}</th>
                    <th scope="col">{locale.t(texts::HOLIDAYS)}</th>
                    <th scope="col">{locale.t(texts::WORKDAYS)}</th>
                    <th scope="col">{locale.t(texts::ANNOUNCED)}</th>
                    <th scope="col">{locale.t(texts::SOURCE)}</th>
                    <th scope="col">{locale.t(texts::VERIFIED_COLUMN)}</th>
                    <th scope="col">{locale.t(texts::EARLIER)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </ScrollRegion>
    }
}
