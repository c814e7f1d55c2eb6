use super::{StaffBar, aid_label, level_label, status_label, yuan};
use crate::components::answers::{AnswerRow, AnswerSummary, Reader, answer_rows};
use crate::components::scroll::ScrollRegion;
use crate::context::{CaseContext, SiteContext, StaffContext, use_locale};
use crate::domain::Step;
use crate::domain::casefile::{AuditEvent, CaseView, Notice};
use crate::domain::clock::minute_in_chongqing;
use crate::domain::review::CaseEvent;
use crate::domain::review::{ActionKind, Level, Status};
use crate::i18n::{Locale, choices, strings as s};
use crate::paths;
use crate::rules::{Limits, Money};
use leptos::prelude::*;
use leptos_meta::Title;

/// A step of the timeline as staff read it.
pub fn event_label(locale: Locale, kind: CaseEvent) -> &'static str {
    match kind {
        CaseEvent::Submitted => locale.pick("提交申请", "Submitted"),
        CaseEvent::Withdrawn => locale.pick("申请人撤回", "Withdrawn by the applicant"),
        CaseEvent::DocumentAdded => locale.pick("申请人补充材料", "Document sent by the applicant"),
        CaseEvent::Accepted => locale.pick("受理", "Accepted"),
        CaseEvent::InvestigationStarted => locale.pick("开始调查核实", "Investigation started"),
        CaseEvent::DocumentsRequested => locale.pick("要求补充材料", "Documents requested"),
        CaseEvent::InvestigationResumed => locale.pick("继续调查核实", "Investigation resumed"),
        CaseEvent::AdvancePaid => locale.pick("先行救助", "Advance paid"),
        CaseEvent::Recommended => locale.pick("提出审核意见", "Recommended"),
        CaseEvent::Forwarded => locale.pick("报送上级审批", "Forwarded"),
        CaseEvent::Approved => locale.pick("批准", "Approved"),
        CaseEvent::Rejected => locale.pick("不予救助", "Rejected"),
        CaseEvent::Paid => locale.pick("发放", "Paid"),
        CaseEvent::Assigned => locale.pick("分配经办人", "Assigned"),
    }
}

/// What changed, in words: amounts in yuan, the reason, what was asked for, the statuses.
fn detail_text(locale: Locale, detail: &serde_json::Value) -> String {
    let mut parts = Vec::new();
    let amount = |key: &str| detail[key].as_i64().map(|f| yuan(locale, Money::from_fen(f)));
    if let Some(a) = amount("amount_fen") {
        parts.push(locale.pick(format!("金额 {a}"), format!("amount {a}")));
    }
    if let Some(a) = amount("advance_fen").filter(|_| detail["advance_fen"].as_i64() != Some(0)) {
        parts.push(locale.pick(format!("已先行救助 {a}"), format!("advance {a}")));
    }
    if let Some(a) = amount("balance_fen") {
        parts.push(locale.pick(format!("本次发放 {a}"), format!("paid now {a}")));
    }
    for (key, zh, en) in [("what", "材料", "documents"), ("reason", "理由", "reason")] {
        if let Some(text) = detail[key].as_str() {
            parts.push(locale.pick(format!("{zh}：{text}"), format!("{en}: {text}")));
        }
    }
    if let Some(level) = detail["to"].as_str().and_then(Level::parse) {
        parts.push(locale.pick(
            format!("报送 {}", level_label(locale, level)),
            format!("to {}", level_label(locale, level)),
        ));
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
        parts.push(locale.pick("取消分配".to_string(), "unassigned".to_string()));
    } else if let Some(who) = detail["to"]
        .as_str()
        .filter(|t| Level::parse(t).is_none() && Status::parse(t).is_none())
    {
        parts.push(locale.pick(format!("分给 {who}"), format!("to {who}")));
    }
    parts.join("；")
}

fn action_title(locale: Locale, kind: ActionKind) -> &'static str {
    match kind {
        ActionKind::Accept => locale.pick("受理", "Accept"),
        ActionKind::Investigate => locale.pick("开始调查核实", "Start the investigation"),
        ActionKind::RequestDocuments => locale.pick("要求补充材料", "Ask for documents"),
        ActionKind::Resume => locale.pick("材料已齐，继续调查", "Documents in: resume"),
        ActionKind::PayAdvance => locale.pick("先行救助", "Pay an advance"),
        ActionKind::Recommend => locale.pick("提出审核意见（拟救助金额）", "Recommend an amount"),
        ActionKind::Forward => locale.pick("报送上级审批", "Forward for approval"),
        ActionKind::Approve => locale.pick("批准", "Approve"),
        ActionKind::Reject => locale.pick("不予救助", "Reject"),
        ActionKind::Pay => locale.pick("记录已发放", "Record the payment"),
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
                <label for=input_id.clone()>{locale.pick("金额（元）", "Amount (yuan)")}</label>
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
            locale.pick(
                format!("最多 {}（二(八)，先行救助）", yuan(locale, limits.advance_limit)),
                format!("At most {}", yuan(locale, limits.advance_limit)),
            ),
            String::new(),
        )
        .into_any(),
        ActionKind::Recommend => amount_input(
            locale.pick(
                format!(
                    "镇街审批不超过 {}；区民政局不超过封顶线 {}；区政府不超过 {}（封顶线 3 倍）。",
                    yuan(locale, limits.town_limit),
                    yuan(locale, limits.cap),
                    yuan(locale, limits.above_cap_limit)
                ),
                format!(
                    "The town approves up to {}; the bureau up to the cap, {}; the district government up to {} (3 × the cap).",
                    yuan(locale, limits.town_limit),
                    yuan(locale, limits.cap),
                    yuan(locale, limits.above_cap_limit)
                ),
            ),
            String::new(),
        )
        .into_any(),
        ActionKind::Approve => {
            let limit = match file.case.level {
                Level::Town => limits.town_limit,
                Level::Bureau => limits.cap,
                Level::Government => limits.above_cap_limit,
            };
            amount_input(
                locale.pick(
                    format!("本级最多可批准 {}", yuan(locale, limit)),
                    format!("This tier may approve up to {}", yuan(locale, limit)),
                ),
                file.case.recommended_amount.map(|m| m.to_string()).unwrap_or_default(),
            )
            .into_any()
        }
        ActionKind::RequestDocuments => text_input(
            "what",
            locale.pick("需要补充什么材料（申请人会看到）", "Which documents (the applicant reads this)"),
        )
        .into_any(),
        ActionKind::Reject => text_input(
            "reason",
            locale.pick("不予救助的理由（申请人会看到）", "The reason (the applicant reads this)"),
        )
        .into_any(),
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

fn summary_rows(rows: Vec<(&'static str, String)>) -> AnyView {
    view! {
        <dl class="summary-list">
            {rows.into_iter().map(|(k, v)| view! { <div class="summary-row"><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
        </dl>
    }
    .into_any()
}

fn timeline(locale: Locale, events: &[AuditEvent]) -> AnyView {
    let rows = events
        .iter()
        .map(|e| {
            view! {
                <tr data-event=e.kind.word()>
                    <td>{minute_in_chongqing(e.at)}</td>
                    <td>{e.actor.clone()}</td>
                    <td>{event_label(locale, e.kind)}</td>
                    <td>{detail_text(locale, &e.detail)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ScrollRegion label=locale.pick("办理记录", "Timeline and audit trail")>
            <table class="data">
                <thead><tr>
                    <th scope="col">{locale.pick("时间", "When")}</th>
                    <th scope="col">{locale.pick("操作人", "Who")}</th>
                    <th scope="col">{locale.pick("事项", "What")}</th>
                    <th scope="col">{locale.pick("内容", "Details")}</th>
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
            Some("likely") => locale.pick("可能符合", "Likely"),
            Some("unlikely") => locale.pick("可能不符合", "Unlikely"),
            _ => locale.pick("不适用", "Not applicable"),
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
                {locale.pick(format!("，参考金额 {}", yuan(locale, amount)), format!(", indicative amount {}", yuan(locale, amount)))}
            </p>
            <ul class="checks">{checks.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
        }
    };
    let stored = describe(&view.file.assessment);
    let today = view.today_assessment.as_ref().map(|a| {
        let today = expect_context::<SiteContext>().today;
        view! {
            <div class="panel" data-today-assessment="">
                <h3>{locale.pick(format!("如果今天（{today}）按现行参数申请", ), format!("If applied today ({today}) with today's parameters"))}</h3>
                {describe(a)}
            </div>
        }
    });
    view! {
        <p class="hint">{locale.pick(
            format!("提交时的评估（规则版本 {}，参数 {}），以此为准：", view.file.rules_version, view.file.parameter_set),
            format!("Assessment at submission (rules {}, parameters {}), the one that counts:", view.file.rules_version, view.file.parameter_set),
        )}</p>
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
    let flag = |on: bool, zh: &str, en: &str| on.then(|| locale.pick(zh, en).to_string());
    [
        flag(m.disabled, "残疾", "disabled"),
        flag(m.serious_illness, "重病", "seriously ill"),
        label(choices::diseases(locale), &m.special_disease),
        label(choices::students(locale), &m.student),
        flag(m.employed, "就业", "employed"),
        flag(m.able_to_work && !m.employed, "有劳动能力", "able to work"),
        flag(m.needs_care, "需要照料", "needs care"),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("、")
}

/// `/staff/case/{reference}`.
#[component]
pub fn CasePage(data: CaseContext, staff: StaffContext) -> impl IntoView {
    let locale = use_locale();
    let CaseContext(view) = data;
    let csrf_token = staff.csrf_token.clone();
    let Some(view) = view else {
        return view! {
            <Title text=format!("{} - {}", locale.pick("找不到案件", "No such case"), locale.t(s::SITE_NAME))/>
            <StaffBar locale=locale staff=staff.clone()/>
            <h1>{locale.pick("找不到案件", "No such case")}</h1>
            <p>{locale.pick("没有这个编号的案件，或它不在您的权限范围内。", "There is no case with this reference within your town or tier.")}</p>
            <p><a href=paths::STAFF>{locale.pick("返回待办案件", "Back to the queue")}</a></p>
        }
        .into_any();
    };
    let view = *view;
    let file = &view.file;
    let today = expect_context::<SiteContext>().today;
    let case = &file.case;
    let overdue = case.status.deadline_runs() && file.due_on < today;
    let due = if case.status == Status::WaitingForDocuments {
        locale.pick(
            format!("期限暂停（原定 {}）", file.due_on),
            format!("Deadline paused (was {})", file.due_on),
        )
    } else if case.status.deadline_runs() {
        let mark = if overdue {
            locale.pick("，已超期", ", overdue")
        } else {
            ""
        };
        locale.pick(
            format!("办理期限 {}{mark}", file.due_on),
            format!("Due {}{mark}", file.due_on),
        )
    } else {
        String::new()
    };
    let a = &file.answers;
    let (who_rows, other_rows): (Vec<AnswerRow>, Vec<AnswerRow>) =
        answer_rows(locale, a, expect_context::<SiteContext>().today, Reader::Staff)
            .into_iter()
            .partition(|r| r.step == Step::Applicant);
    let applicant = view! {
        {summary_rows(vec![
            (locale.pick("姓名", "Name"), file.applicant_name.clone()),
            (
                locale.pick("身份证号码", "ID number"),
                file.id_number.expose().to_string(),
            ),
            (
                locale.pick("出生日期", "Date of birth"),
                file.id_number.birth_date().to_string(),
            ),
            (locale.pick("手机号码", "Mobile"), file.phone.expose().to_string()),
        ])}
        <AnswerSummary locale=locale rows=who_rows/>
    };
    let circumstances = view! { <AnswerSummary locale=locale rows=other_rows/> };
    let opened = file
        .views
        .iter()
        .map(|v| view! { <li>{format!("{} {} {}", minute_in_chongqing(v.at), v.username, v.what)}</li> })
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
            let body = if d.content_type.starts_with("image/") {
                let link = src.clone();
                view! { <a href=link><img src=src alt=d.kind.clone() loading="lazy"/></a> }.into_any()
            } else {
                view! { <a href=src>{locale.pick("打开 PDF", "Open the PDF")}</a> }.into_any()
            };
            view! { <figure class="document"><figcaption>{d.kind.clone()}</figcaption>{body}</figure> }
        })
        .collect_view();
    let duplicates = (!file.duplicates.is_empty()).then(|| view! {
        <div class="panel warning" role="note" data-duplicates="">
            <h2>{locale.pick("可能重复申请", "Possible duplicates")}</h2>
            <ul>
                {file.duplicates.iter().map(|d| {
                    let why = if d.same_cause_recently {
                        locale.pick("同一事由，12 个月内（§4 原则上一年一次）", "same cause within 12 months (§4)")
                    } else {
                        locale.pick("身份证号码相同", "same ID number")
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
    });
    let amounts: Vec<(&str, String)> = [
        (locale.pick("拟救助金额", "Recommended"), case.recommended_amount),
        (locale.pick("先行救助", "Advance"), case.advance),
        (locale.pick("批准金额", "Approved"), case.approved_amount),
    ]
    .into_iter()
    .filter_map(|(k, m)| m.map(|m| (k, yuan(locale, m))))
    .chain(file.advance_paperwork_due.map(|d| {
        (
            locale.pick("先行救助补办手续期限", "Advance paperwork due"),
            d.to_string(),
        )
    }))
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
                <label for="assign-to">{locale.pick("经办人", "Assigned to")}</label>
                <select id="assign-to" name="to">
                    <option value="">{locale.pick("未分配", "Nobody")}</option>
                    {view.assignable.iter().map(|s| {
                        let selected = file.assigned_to.as_ref().is_some_and(|a| a.id == s.id);
                        view! { <option value=s.id.to_string() selected=selected>{s.display_name.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button secondary">{locale.pick("分配", "Assign")}</button>
        </form>
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
                    <h2>{locale.pick("未能完成", "That could not be done")}</h2>
                    <p>{body}</p>
                </div>
            }
            .into_any()
        }
    });
    let title = locale.pick(
        format!("案件 {}", file.reference),
        format!("Case {}", file.reference),
    );
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
        <p><a class="back-link" href=paths::STAFF>{locale.pick("返回待办案件", "Back to the queue")}</a></p>
        <h1>{title.clone()}</h1>
        <p class="status" data-status=case.status.word() data-level=case.level.word()>
            {file.urgent.then(|| view! { <span class="tag urgent">{locale.pick("急", "Urgent")}</span>" " })}
            <strong>{status_line}</strong>
            " "
            <span class:overdue=overdue>{due}</span>
        </p>
        <p>{locale.pick(
            format!("经办人：{}", file.assigned_to.as_ref().map(|s| s.display_name.clone()).unwrap_or_else(|| "未分配".into())),
            format!("Assigned to: {}", file.assigned_to.as_ref().map(|s| s.display_name.clone()).unwrap_or_else(|| "nobody".into())),
        )}</p>
        {notice}
        {duplicates}
        {(!amounts.is_empty()).then(|| summary_rows(amounts))}
        <section aria-labelledby="actions-heading">
            <h2 id="actions-heading">{locale.pick("可以进行的操作", "What you can do")}</h2>
            {no_actions.then(|| view! { <p>{locale.pick("您现在没有可以进行的操作。", "There is nothing for you to do on this case now.")}</p> })}
            <div class="actions">{actions}</div>
            {assign}
        </section>
        <h2>{locale.pick("申请人", "Applicant")}</h2>
        {applicant}
        <h2>{locale.pick("家庭成员", "Household")}</h2>
        <ScrollRegion label=locale.pick("家庭成员", "Household")>
            <table class="data">
                <thead><tr>
                    <th scope="col">{locale.pick("关系", "Relationship")}</th>
                    <th scope="col">{locale.pick("姓名", "Name")}</th>
                    <th scope="col">{locale.pick("身份证号码", "ID number")}</th>
                    <th scope="col">{locale.pick("年龄", "Age")}</th>
                    <th scope="col">{locale.pick("情况", "Situation")}</th>
                </tr></thead>
                <tbody>{members}</tbody>
            </table>
        </ScrollRegion>
        <h2>{locale.pick("困难情况", "Circumstances")}</h2>
        {circumstances}
        <h2>{locale.pick("材料", "Documents")}</h2>
        <div class="documents">{documents}</div>
        <h2>{locale.pick("系统评估", "Assessment")}</h2>
        {assessment(locale, &view)}
        <h2>{locale.pick("办理记录", "Timeline and audit trail")}</h2>
        {timeline(locale, &file.events)}
        <h2>{locale.pick("查阅记录", "Who opened this case")}</h2>
        <ScrollRegion label=locale.pick("查阅记录", "Who opened this case") class="access-log">
            <ul>{opened}</ul>
        </ScrollRegion>
    }
    .into_any()
}
