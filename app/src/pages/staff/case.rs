use super::{StaffBar, aid_label, level_label, status_label, yuan};
use crate::components::answers::{AnswerRow, AnswerSummary, Reader, answer_rows};
use crate::components::scroll::ScrollRegion;
use crate::context::{CaseContext, SiteContext, StaffContext, use_locale};
use crate::domain::Step;
use crate::domain::casefile::{AuditEvent, CaseView, Notice};
use crate::domain::clock::minute_in_chongqing;
use crate::domain::document::DocumentKind;
use crate::domain::document_request::overdue;
use crate::domain::messages::{CaseMessage, Recipient};
use crate::domain::review::CaseEvent;
use crate::domain::review::{ActionKind, Level, Status};
use crate::i18n::staff::case as texts;
use crate::i18n::{Locale, choices, strings as s};
use crate::paths;
use crate::rules::{Limits, Money};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_meta::Title;

/// A step of the timeline as staff read it.
pub fn event_label(locale: Locale, kind: CaseEvent) -> &'static str {
    match kind {
        CaseEvent::Submitted => locale.t(texts::SUBMITTED),
        CaseEvent::Withdrawn => locale.t(texts::WITHDRAWN_BY_THE_APPLICANT),
        CaseEvent::DocumentAdded => locale.t(texts::DOCUMENT_SENT_BY_THE_APPLICANT),
        CaseEvent::Accepted => locale.t(texts::ACCEPTED),
        CaseEvent::InvestigationStarted => locale.t(texts::INVESTIGATION_STARTED),
        CaseEvent::DocumentsRequested => locale.t(texts::DOCUMENTS_REQUESTED),
        CaseEvent::InvestigationResumed => locale.t(texts::INVESTIGATION_RESUMED),
        CaseEvent::AdvancePaid => locale.t(texts::ADVANCE_PAID),
        CaseEvent::Recommended => locale.t(texts::RECOMMENDED),
        CaseEvent::Forwarded => locale.t(texts::FORWARDED),
        CaseEvent::Approved => locale.t(texts::APPROVED),
        CaseEvent::Rejected => locale.t(texts::REJECTED),
        CaseEvent::Paid => locale.t(texts::PAID),
        CaseEvent::Assigned => locale.t(texts::ASSIGNED),
        CaseEvent::ApplicantContacted => locale.t(texts::APPLICANT_CONTACTED),
        CaseEvent::RequestItemSatisfied => locale.t(texts::REQUEST_ITEM_SATISFIED),
    }
}

/// What changed, in words: amounts in yuan, the reason, what was asked for, the statuses.
fn detail_text(locale: Locale, detail: &serde_json::Value) -> String {
    let mut parts = Vec::new();
    let amount = |key: &str| detail[key].as_i64().map(|f| yuan(locale, Money::from_fen(f)));
    if let Some(a) = amount("amount_fen") {
        parts.push(texts::amount(locale, a));
    }
    if let Some(a) = amount("advance_fen").filter(|_| detail["advance_fen"].as_i64() != Some(0)) {
        parts.push(texts::advance(locale, a));
    }
    if let Some(a) = amount("balance_fen") {
        parts.push(texts::paid_now(locale, a));
    }
    for (key, label) in [
        ("what", texts::DOCUMENTS_DETAIL),
        ("reason", texts::REASON_DETAIL),
        ("note", texts::CALL_NOTE),
    ] {
        if let Some(text) = detail[key].as_str() {
            parts.push(texts::labelled(locale, label, text));
        }
    }
    if let Some(level) = detail["to"].as_str().and_then(Level::parse) {
        parts.push(texts::forwarded_to(locale, level_label(locale, level)));
    }
    if let (Some(from), Some(to)) = (
        detail["from"].as_str().and_then(Status::parse),
        detail["to"].as_str().and_then(Status::parse),
    ) && from != to
    {
        parts.push(format!(
            "{} → {}",
            status_label(locale, from),
            status_label(locale, to)
        ));
    }
    if detail.get("to").is_some_and(|t| t.is_null()) {
        parts.push(locale.t(texts::UNASSIGNED).to_string());
    } else if let Some(who) = detail["to"]
        .as_str()
        .filter(|t| Level::parse(t).is_none() && Status::parse(t).is_none())
    {
        parts.push(texts::assigned_to(locale, who));
    }
    parts.join("；")
}

fn action_title(locale: Locale, kind: ActionKind) -> &'static str {
    match kind {
        ActionKind::Accept => locale.t(texts::ACCEPT),
        ActionKind::Investigate => locale.t(texts::START_THE_INVESTIGATION),
        ActionKind::RequestDocuments => locale.t(texts::ASK_FOR_DOCUMENTS),
        ActionKind::Resume => locale.t(texts::DOCUMENTS_IN_RESUME),
        ActionKind::PayAdvance => locale.t(texts::PAY_AN_ADVANCE),
        ActionKind::Recommend => locale.t(texts::RECOMMEND_AN_AMOUNT),
        ActionKind::Forward => locale.t(texts::FORWARD_FOR_APPROVAL),
        ActionKind::Approve => locale.t(texts::APPROVE),
        ActionKind::Reject => locale.t(texts::REJECT),
        ActionKind::Pay => locale.t(texts::RECORD_THE_PAYMENT),
    }
}

/// One form per action the user may take now, each with the inputs it needs.
fn action_form(locale: Locale, view: &CaseView, kind: ActionKind, csrf: &str) -> AnyView {
    let file = &view.file;
    let limits: &Limits = &view.limits;
    let id = kind.word();
    let amount_input = |hint: String, value: String| {
        let input_id = format!("{id}-amount");
        let hint_id = format!("{id}-amount-hint");
        view! {
            <div class="field">
                <label for=input_id.clone()>{locale.t(texts::AMOUNT_YUAN)}</label>
                <p class="hint" id=hint_id.clone()>{hint}</p>
                <input type="text" inputmode="decimal" id=input_id name="amount" value=value aria-describedby=hint_id autocomplete="off"/>
            </div>
        }
    };
    let text_input = |name: &'static str, label: &'static str| {
        let input_id = format!("{id}-{name}");
        view! {
            <div class="field">
                <label for=input_id.clone()>{label}</label>
                <textarea id=input_id name=name rows="3"></textarea>
            </div>
        }
    };
    let inputs = match kind {
        ActionKind::PayAdvance => amount_input(
            texts::advance_at_most(locale, yuan(locale, limits.advance_limit)),
            String::new(),
        )
        .into_any(),
        ActionKind::Recommend => view! {
            {amount_input(
                texts::tier_limits(
                    locale,
                    yuan(locale, limits.town_limit),
                    yuan(locale, limits.cap),
                    yuan(locale, limits.above_cap_limit),
                ),
                String::new(),
            )}
            {text_input("reason", locale.t(texts::REASONS_FOR_THE_DECIDING_OFFICE))}
        }
        .into_any(),
        ActionKind::Forward => text_input("reason", locale.t(texts::WHY_IT_GOES_UP)).into_any(),
        ActionKind::Approve => {
            let limit = match file.case.level {
                Level::Town => limits.town_limit,
                Level::Bureau => limits.cap,
                Level::Government => limits.above_cap_limit,
            };
            amount_input(
                texts::tier_may_approve(locale, yuan(locale, limit)),
                file.case
                    .recommended_amount
                    .map(|m| m.to_string())
                    .unwrap_or_default(),
            )
            .into_any()
        }
        ActionKind::RequestDocuments => {
            // Each kind ticked is an item of the request, as is what is written below it
            // (domain::document_request).
            let kinds = DocumentKind::ALL.iter().map(|k| {
                let box_id = format!("{id}-kind-{}", k.word());
                view! {
                    <div class="checkbox">
                        <input type="checkbox" id=box_id.clone() name=format!("kinds.{}", k.word()) value="on"/>
                        <label for=box_id>{k.name(locale)}</label>
                    </div>
                }
            });
            view! {
                <fieldset class="field">
                    <legend>{locale.t(texts::WHICH_KINDS_OF_DOCUMENT)}</legend>
                    {kinds.collect_view()}
                </fieldset>
                {text_input("what", locale.t(texts::ANYTHING_ELSE_THE_APPLICANT_READS))}
            }
            .into_any()
        }
        ActionKind::Reject => {
            text_input("reason", locale.t(texts::THE_REASON_THE_APPLICANT_READS)).into_any()
        }
        _ => ().into_any(),
    };
    let primary = !matches!(kind, ActionKind::Reject);
    let error = match &view.notice {
        Some(Notice::Refused {
            zh,
            en,
            action: Some(k),
        }) if *k == kind => Some(locale.pick(zh, en).clone()),
        _ => None,
    };
    let error_id = format!("{id}-error");
    let invalid = error.is_some();
    view! {
        <form method="post" action=paths::staff_case_action(&file.reference) class="action"
            class:field-invalid=invalid data-action=id id=format!("action-{id}")>
            <h3>{action_title(locale, kind)}</h3>
            {error.map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })}
            <input type="hidden" name="csrf" value=csrf.to_string()/>
            <input type="hidden" name="version" value=file.version.to_string()/>
            <input type="hidden" name="action" value=id/>
            {inputs}
            <button type="submit" class="button" class:warning=!primary>{action_title(locale, kind)}</button>
        </form>
    }
    .into_any()
}

/// The town's requests for documents, item by item: received, marked as received, or still
/// missing; past the request's deadline "补充材料已逾期" (never closed by itself). Whoever may
/// resume the case may mark a missing item as received; whoever may ask for documents may ask
/// for an item again (issue 24, items 2 and 3).
fn request_section(locale: Locale, view: &CaseView, today: NaiveDate, csrf: &str) -> Option<AnyView> {
    let file = &view.file;
    if file.request_items.is_empty() {
        return None;
    }
    let may_mark = view.actions.contains(&ActionKind::Resume);
    let may_ask = view.actions.contains(&ActionKind::RequestDocuments);
    let waiting = file.case.status == Status::WaitingForDocuments;
    let late = waiting && file.documents_due_on.is_some_and(|d| overdue(d, today));
    let rows = file
        .request_items
        .iter()
        .map(|item| {
            let state = match (item.received, item.satisfied, item.open) {
                (true, _, _) => locale.t(texts::ITEM_RECEIVED),
                (false, true, _) => locale.t(texts::ITEM_MARKED_RECEIVED),
                (false, false, true) => locale.t(texts::ITEM_MISSING),
                (false, false, false) => locale.t(texts::ITEM_NEVER_CAME),
            };
            let mark = (may_mark && item.open && !item.is_in()).then(|| view! {
                <form method="post" action=paths::staff_case_item_satisfied(&file.reference) class="inline">
                    <input type="hidden" name="csrf" value=csrf.to_string()/>
                    <input type="hidden" name="version" value=file.version.to_string()/>
                    <input type="hidden" name="item" value=item.id.to_string()/>
                    <button type="submit" class="button secondary small">{locale.t(texts::MARK_RECEIVED)}</button>
                </form>
            });
            // Asking again is a request of this one item: while the request is open it is
            // missing again; once closed, the case waits for it anew.
            let again = (may_ask && (item.is_in() || !item.open)).then(|| {
                let (name, value) = match (item.kind, &item.what) {
                    (Some(kind), _) => (format!("kinds.{}", kind.word()), "on".to_string()),
                    (None, what) => ("what".to_string(), what.clone().unwrap_or_default()),
                };
                view! {
                    <form method="post" action=paths::staff_case_action(&file.reference) class="inline">
                        <input type="hidden" name="csrf" value=csrf.to_string()/>
                        <input type="hidden" name="version" value=file.version.to_string()/>
                        <input type="hidden" name="action" value=ActionKind::RequestDocuments.word()/>
                        <input type="hidden" name=name value=value/>
                        <button type="submit" class="button secondary small">{locale.t(texts::ASK_AGAIN)}</button>
                    </form>
                }
            });
            view! {
                <tr data-request-item=item.id.to_string() data-state=if item.is_in() { "in" } else if item.open { "missing" } else { "closed" }>
                    <td>{item.label(locale)}</td>
                    <td>{item.due_on.to_string()}</td>
                    <td>{state}</td>
                    <td>{mark}{again}</td>
                </tr>
            }
        })
        .collect_view();
    Some(
        view! {
            <section aria-labelledby="request-heading" data-document-request="">
                <h2 id="request-heading">{locale.t(texts::DOCUMENTS_ASKED_FOR)}</h2>
                {late.then(|| view! {
                    <p class="panel warning" data-documents-overdue="">
                        <strong>{locale.t(texts::DOCUMENTS_OVERDUE)}</strong>" "
                        {texts::documents_were_due(locale, file.documents_due_on.unwrap_or(today))}
                    </p>
                })}
                <div class="table-scroll">
                    <table class="data">
                        <thead><tr>
                            <th scope="col">{locale.t(texts::DOCUMENT)}</th>
                            <th scope="col">{locale.t(texts::DUE_BY)}</th>
                            <th scope="col">{locale.t(texts::STATE)}</th>
                            <th scope="col"><span class="visually-hidden">{locale.t(texts::WHAT_YOU_CAN_DO)}</span></th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </section>
        }
        .into_any(),
    )
}

fn summary_rows(rows: Vec<(&'static str, String)>) -> AnyView {
    view! {
        <dl class="summary-list">
            {rows.into_iter().map(|(k, v)| view! { <div class="summary-row"><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
        </dl>
    }
    .into_any()
}

/// Who did a step: the applicant and the portal itself are stored as words, said here in the
/// reader's language; a member of staff by their account name.
fn actor_label(locale: Locale, actor: &str) -> String {
    match actor {
        "applicant" => locale.t(texts::ACTOR_APPLICANT).to_string(),
        "system" => locale.t(texts::ACTOR_SYSTEM).to_string(),
        staff => staff.to_string(),
    }
}

/// What was opened, as the access record stores it ("case", "document:ID").
fn access_label(locale: Locale, what: &str) -> String {
    match what.strip_prefix("document:") {
        Some(id) => texts::opened_document(locale, id),
        None if what == "case" => locale.t(texts::OPENED_THE_CASE).to_string(),
        None => what.to_string(),
    }
}

fn timeline(locale: Locale, events: &[AuditEvent]) -> AnyView {
    let rows = events
        .iter()
        .map(|e| {
            view! {
                <tr data-event=e.kind.word()>
                    <td>{minute_in_chongqing(e.at)}</td>
                    <td>{actor_label(locale, &e.actor)}</td>
                    <td>{event_label(locale, e.kind)}</td>
                    <td>{detail_text(locale, &e.detail)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ScrollRegion label=locale.t(texts::TIMELINE_AND_AUDIT_TRAIL)>
            <table class="data">
                <thead><tr>
                    <th scope="col">{locale.t(texts::WHEN)}</th>
                    <th scope="col">{locale.t(texts::WHO)}</th>
                    <th scope="col">{locale.t(texts::WHAT)}</th>
                    <th scope="col">{locale.t(texts::DETAILS)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </ScrollRegion>
    }
    .into_any()
}

/// Every message of the case, to the applicant and to duty phones, with where it stands.
fn messages(locale: Locale, messages: &[CaseMessage]) -> AnyView {
    if messages.is_empty() {
        return view! { <p>{locale.t(texts::NO_MESSAGES)}</p> }.into_any();
    }
    let rows = messages
        .iter()
        .map(|m| {
            let to = match &m.recipient {
                Recipient::Applicant => locale.t(texts::TO_THE_APPLICANT).to_string(),
                Recipient::Duty(masked) => texts::to_duty_phone(locale, masked),
            };
            let status = texts::message_status(locale, m.channel, m.status, m.attempts);
            let error = m
                .error
                .clone()
                .map(|e| view! { <br/><span class="reached">{e}</span> });
            view! {
                <tr data-message=m.kind.word() data-message-status=m.status.word()>
                    <td>{minute_in_chongqing(m.at)}</td>
                    <td>{to}</td>
                    <td>{status}{error}</td>
                    <td>{m.text.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ScrollRegion label=locale.t(texts::MESSAGES)>
            <table class="data messages-sent">
                <thead><tr>
                    <th scope="col">{locale.t(texts::WHEN)}</th>
                    <th scope="col">{locale.t(texts::TO_WHOM)}</th>
                    <th scope="col">{locale.t(texts::WHERE_IT_STANDS)}</th>
                    <th scope="col">{locale.t(texts::WHAT)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </ScrollRegion>
    }
    .into_any()
}

/// The stored assessment of the aid applied for, and today's when it differs.
fn assessment(locale: Locale, view: &CaseView) -> AnyView {
    let aid = view.file.case.aid_type.word();
    let describe = |a: &serde_json::Value| {
        let r = &a[aid];
        let outcome = match r["outcome"].as_str() {
            Some("likely") => locale.t(texts::LIKELY),
            Some("unlikely") => locale.t(texts::UNLIKELY),
            _ => locale.t(texts::NOT_APPLICABLE),
        };
        let amount = r["amount"]
            .as_f64()
            .and_then(|y| Money::from_json_number(y).ok())
            .unwrap_or(Money::ZERO);
        let checks: Vec<String> = r["checks"]
            .as_array()
            .map(|cs| {
                cs.iter()
                    .map(|c| {
                        let mark = if c["passed"].as_bool() == Some(true) {
                            "✓"
                        } else {
                            "✗"
                        };
                        let text = c[locale.code()].as_str().unwrap_or("");
                        format!("{mark} {text}（{}）", c["clause"].as_str().unwrap_or(""))
                    })
                    .collect()
            })
            .unwrap_or_default();
        view! {
            <p>
                <strong>{outcome}</strong>
                {texts::comma_indicative_amount(locale, yuan(locale, amount))}
            </p>
            <ul class="checks">{checks.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
        }
    };
    let stored = describe(&view.file.assessment);
    let today = view.recheck.as_ref().map(|(fresh, difference)| {
        let today = expect_context::<SiteContext>().today;
        view! {
            <div class="panel recheck" data-recheck="">
                <p><strong>{crate::i18n::staff::recheck::mark(locale, difference)}</strong></p>
                <h3>{texts::under_todays_figures(locale, today)}</h3>
                {describe(fresh)}
            </div>
        }
    });
    view! {
        // The rules' and the figures' versions are kept for the record (data attributes, the
        // export), not read by caseworkers (issue 24, item 9).
        <p class="hint" data-rules=view.file.rules_version.clone() data-parameters=view.file.parameter_set.clone()>
            {texts::assessment_at_submission(locale, crate::domain::clock::date_in_chongqing(view.file.submitted_at))}
        </p>
        {stored}
        {today}
    }
    .into_any()
}

/// What a member's answers say of them: disability, illness, study, work, care.
fn member_situation(locale: Locale, m: &crate::domain::MemberAnswers) -> String {
    let label = |choices: Vec<(String, String)>, word: &str| {
        (!word.is_empty())
            .then(|| choices.into_iter().find(|(w, _)| w == word).map(|(_, l)| l))
            .flatten()
    };
    let flag = |on: bool, text| on.then(|| locale.t(text).to_string());
    [
        flag(m.disabled, texts::DISABLED),
        flag(m.serious_illness, texts::SERIOUSLY_ILL),
        label(choices::diseases(locale), &m.special_disease),
        label(choices::students(locale), &m.student),
        flag(m.employed, texts::EMPLOYED),
        flag(m.able_to_work && !m.employed, texts::ABLE_TO_WORK),
        flag(m.needs_care, texts::NEEDS_CARE),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(locale.t(s::LIST_SEPARATOR))
}

/// `/staff/case/{reference}`.
#[component]
pub fn CasePage(data: CaseContext, staff: StaffContext) -> impl IntoView {
    let locale = use_locale();
    let CaseContext(view) = data;
    let csrf_token = staff.csrf_token.clone();
    let Some(view) = view else {
        return view! {
            <Title text=format!("{} - {}", locale.t(texts::NO_SUCH_CASE), locale.t(s::SITE_NAME))/>
            <StaffBar locale=locale staff=staff.clone()/>
            <h1>{locale.t(texts::NO_SUCH_CASE)}</h1>
            <p>{locale.t(texts::THERE_IS_NO_CASE_WITH)}</p>
            <p><a href=paths::STAFF>{locale.t(texts::BACK_TO_THE_QUEUE)}</a></p>
        }
        .into_any();
    };
    let view = *view;
    let file = &view.file;
    let today = expect_context::<SiteContext>().today;
    let case = &file.case;
    let overdue = case.status.deadline_runs() && file.due_on < today;
    let due = if case.status == Status::WaitingForDocuments {
        texts::deadline_paused(locale, file.due_on)
    } else if case.status.deadline_runs() {
        let mark = if overdue {
            locale.t(texts::COMMA_OVERDUE)
        } else {
            ""
        };
        texts::due(locale, file.due_on, mark)
    } else {
        String::new()
    };
    let a = &file.answers;
    let (who_rows, other_rows): (Vec<AnswerRow>, Vec<AnswerRow>) =
        answer_rows(locale, a, expect_context::<SiteContext>().today, Reader::Staff)
            .into_iter()
            .partition(|r| r.step == Step::Applicant);
    // Applied for by someone else: the contact is the helper's phone (under 代为申请 with their
    // name); the applicant's own, if they have one, is said apart.
    let own_mobile = a.who.on_behalf.then(|| {
        let own = a.who.applicant_phone.trim();
        (
            locale.t(texts::APPLICANTS_OWN_MOBILE),
            if own.is_empty() {
                locale.t(texts::NO_MOBILE).to_string()
            } else {
                own.to_string()
            },
        )
    });
    let applicant = view! {
        {summary_rows([
            (locale.t(texts::NAME), file.applicant_name.clone()),
            (
                locale.t(texts::ID_NUMBER),
                file.id_number.expose().to_string(),
            ),
            (
                locale.t(texts::DATE_OF_BIRTH),
                file.id_number.birth_date().to_string(),
            ),
            (locale.t(texts::MOBILE), file.phone.expose().to_string()),
        ].into_iter().chain(own_mobile).collect())}
        <AnswerSummary locale=locale rows=who_rows/>
    };
    let circumstances = view! { <AnswerSummary locale=locale rows=other_rows/> };
    let opened = file
        .views
        .iter()
        .map(|v| {
            let what = access_label(locale, &v.what);
            view! { <li>{format!("{} {} {what}", minute_in_chongqing(v.at), v.username)}</li> }
        })
        .collect_view();
    let members = file
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let answers = if i == 0 {
                Some(&a.household.applicant)
            } else {
                a.household.members.get(i - 1)
            };
            let situation = answers.map(|x| member_situation(locale, x)).unwrap_or_default();
            view! {
                <tr>
                    <td>{m.relationship.clone()}</td>
                    <td>{m.name.clone()}</td>
                    <td>{m.id_number.as_ref().map(|i| i.expose().to_string()).unwrap_or_default()}</td>
                    <td>{m.age}</td>
                    <td>{situation}</td>
                </tr>
            }
        })
        .collect_view();
    let documents = file
        .documents
        .iter()
        .map(|d| {
            let src = paths::staff_document(d.id);
            let kind = DocumentKind::name_of_word(&d.kind, locale);
            let body = if d.content_type.starts_with("image/") {
                let link = src.clone();
                view! { <a href=link><img src=src alt=kind.clone() loading="lazy"/></a> }.into_any()
            } else {
                view! { <a href=src>{locale.t(texts::OPEN_THE_PDF)}</a> }.into_any()
            };
            view! { <figure class="document"><figcaption>{kind}</figcaption>{body}</figure> }
        })
        .collect_view();
    let duplicates = (!file.duplicates.is_empty()).then(|| {
        view! {
            <div class="panel warning" role="note" data-duplicates="">
                <h2>{locale.t(texts::POSSIBLE_DUPLICATES)}</h2>
                <ul>
                    {file.duplicates.iter().map(|d| {
                        let why = if d.same_cause_recently {
                            locale.t(texts::SAME_CAUSE_WITHIN_12_MONTHS)
                        } else {
                            locale.t(texts::SAME_ID_NUMBER)
                        };
                        view! { <li data-same-cause=d.same_cause_recently.to_string()>
                            {format!(
                                "{} · {} · {} · {} — {why}",
                                d.reference,
                                d.town,
                                status_label(locale, d.status),
                                d.submitted_on
                            )}
                        </li> }
                    }).collect_view()}
                </ul>
            </div>
        }
    });
    let amounts: Vec<(&str, String)> = [
        (locale.t(texts::RECOMMENDED_AMOUNT), case.recommended_amount),
        (locale.t(texts::ADVANCE), case.advance),
        (locale.t(texts::APPROVED_AMOUNT), case.approved_amount),
    ]
    .into_iter()
    .filter_map(|(k, m)| m.map(|m| (k, yuan(locale, m))))
    .chain(
        file.advance_paperwork_due
            .map(|d| (locale.t(texts::ADVANCE_PAPERWORK_DUE), d.to_string())),
    )
    .collect();
    let actions = view
        .actions
        .iter()
        .map(|k| action_form(locale, &view, *k, &csrf_token))
        .collect_view();
    let no_actions = view.actions.is_empty();
    let assign = (!view.assignable.is_empty()).then(|| view! {
        <form method="post" action=paths::staff_case_assign(&file.reference) class="action assign">
            <input type="hidden" name="csrf" value=csrf_token.clone()/>
            <div class="field">
                <label for="assign-to">{locale.t(texts::ASSIGNED_TO)}</label>
                <select id="assign-to" name="to">
                    <option value="">{locale.t(texts::NOBODY)}</option>
                    {view.assignable.iter().map(|s| {
                        let selected = file.assigned_to.as_ref().is_some_and(|a| a.id == s.id);
                        view! { <option value=s.id.to_string() selected=selected>{s.display_name.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button secondary">{locale.t(texts::ASSIGN)}</button>
        </form>
    });
    // "联系申请人": why, and (for the town's caseworkers and head) the form that records the call.
    let contact = view.contact.map(|reason| {
        let form = view.may_record_call.then(|| view! {
            <form method="post" action=paths::staff_case_contacted(&file.reference) class="action" id="record-call">
                <input type="hidden" name="csrf" value=csrf_token.clone()/>
                <div class="field">
                    <label for="call-note">{locale.t(texts::WHAT_WAS_SAID)}</label>
                    <textarea id="call-note" name="note" rows="3" maxlength="500" required=""></textarea>
                </div>
                <button type="submit" class="button">{locale.t(texts::RECORD_THE_CALL)}</button>
            </form>
        });
        view! {
            <div class="panel warning" role="note" data-contact-applicant="">
                <h2>{locale.t(texts::CONTACT_THE_APPLICANT)}</h2>
                <p>{texts::contact_reason(locale, reason)}</p>
                {form}
            </div>
        }
    });
    let request = request_section(locale, &view, today, &csrf_token);
    // The reasons written for the office that decides (issue 24, item 15): the town's
    // recommendation and each referral upwards, while the case waits for a decision.
    let reasons: Vec<_> = file
        .events
        .iter()
        .filter(|e| matches!(e.kind, CaseEvent::Recommended | CaseEvent::Forwarded))
        .filter_map(|e| Some((e, e.detail["reason"].as_str()?.to_string())))
        .map(|(e, reason)| {
            let who = actor_label(locale, &e.actor);
            view! {
                <li data-reason=e.kind.word()>
                    <strong>{event_label(locale, e.kind)}</strong>" · "{who}" · "{minute_in_chongqing(e.at)}
                    <p>{reason}</p>
                </li>
            }
        })
        .collect();
    let reasons = (case.status == Status::Recommended && !reasons.is_empty()).then(|| {
        view! {
            <section class="panel" aria-labelledby="reasons-title" data-reasons="">
                <h2 id="reasons-title">{locale.t(texts::REASONS_WRITTEN_FOR_YOU)}</h2>
                <ul class="list">{reasons}</ul>
            </section>
        }
    });
    // GOV.UK's pattern: a refusal at the top, linking to the form it belongs to, and again there.
    let notice = view.notice.clone().map(|n| match n {
        Notice::Done(zh, en) => view! {
            <div class="panel" role="status" id="case-message">{locale.pick(zh, en)}</div>
        }
        .into_any(),
        Notice::Refused { zh, en, action } => {
            let text = locale.pick(zh, en);
            let body = match action {
                Some(kind) => view! { <a href=format!("#action-{}", kind.word())>{text}</a> }.into_any(),
                None => text.into_any(),
            };
            view! {
                <div class="error-summary" role="alert" id="case-message" tabindex="-1">
                    <h2>{locale.t(texts::THAT_COULD_NOT_BE_DONE)}</h2>
                    <p>{body}</p>
                </div>
            }
            .into_any()
        }
    });
    let title = texts::case_title(locale, &file.reference);
    let status_line = format!(
        "{} · {}{}",
        aid_label(locale, case.aid_type),
        status_label(locale, case.status),
        if case.status == Status::Recommended {
            format!(" · {}", level_label(locale, case.level))
        } else {
            String::new()
        }
    );
    view! {
        <Title text=format!("{title} - {}", locale.t(s::SITE_NAME))/>
        <StaffBar locale=locale staff=staff.clone()/>
        <p><a class="back-link" href=paths::STAFF>{locale.t(texts::BACK_TO_THE_QUEUE)}</a></p>
        <h1>{title.clone()}</h1>
        <p class="status" data-status=case.status.word() data-level=case.level.word()>
            {file.urgent.then(|| view! { <span class="tag urgent">{locale.t(texts::URGENT)}</span>" " })}
            <strong>{status_line}</strong>
            " "
            <span class:overdue=overdue>{due}</span>
        </p>
        <p>{texts::assigned_caseworker(locale, file.assigned_to.as_ref().map(|s| s.display_name.as_str()))}</p>
        {notice}
        {contact}
        {reasons}
        {request}
        {duplicates}
        {(!amounts.is_empty()).then(|| summary_rows(amounts))}
        <section aria-labelledby="actions-heading">
            <h2 id="actions-heading">{locale.t(texts::WHAT_YOU_CAN_DO)}</h2>
            {no_actions.then(|| view! { <p>{locale.t(texts::THERE_IS_NOTHING_FOR_YOU)}</p> })}
            <div class="actions">{actions}</div>
            {assign}
        </section>
        <h2>{locale.t(texts::APPLICANT)}</h2>
        {applicant}
        <h2>{locale.t(texts::HOUSEHOLD)}</h2>
        <ScrollRegion label=locale.t(texts::HOUSEHOLD)>
            <table class="data">
                <thead><tr>
                    <th scope="col">{locale.t(texts::RELATIONSHIP)}</th>
                    <th scope="col">{locale.t(texts::NAME)}</th>
                    <th scope="col">{locale.t(texts::ID_NUMBER)}</th>
                    <th scope="col">{locale.t(texts::AGE)}</th>
                    <th scope="col">{locale.t(texts::SITUATION)}</th>
                </tr></thead>
                <tbody>{members}</tbody>
            </table>
        </ScrollRegion>
        <h2>{locale.t(texts::CIRCUMSTANCES)}</h2>
        {circumstances}
        <h2>{locale.t(texts::DOCUMENTS)}</h2>
        <div class="documents">{documents}</div>
        <h2>{locale.t(texts::ASSESSMENT)}</h2>
        {assessment(locale, &view)}
        <h2>{locale.t(texts::TIMELINE_AND_AUDIT_TRAIL)}</h2>
        {timeline(locale, &file.events)}
        <h2>{locale.t(texts::MESSAGES)}</h2>
        {messages(locale, &file.messages)}
        <h2>{locale.t(texts::WHO_OPENED_THIS_CASE)}</h2>
        <ScrollRegion label=locale.t(texts::WHO_OPENED_THIS_CASE) class="access-log">
            <ul>{opened}</ul>
        </ScrollRegion>
    }
    .into_any()
}
