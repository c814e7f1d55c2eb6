use crate::components::form::Select;
use crate::context::{FamilyContext, FamilyLinks, TrackOutcome, use_locale};
use crate::domain::review::{CaseEvent, Status};
use crate::domain::{DocumentKind, Tracked};
use crate::i18n::{Locale, strings as s};
use crate::paths;
use leptos::prelude::*;
use leptos_meta::Title;

/// A status in plain words: what it means and what happens next.
fn status_words(locale: Locale, status: Status) -> (String, String) {
    let (zh_name, zh_next, en_name, en_next) = match status {
        Status::Submitted => (
            "已提交",
            "等待镇街受理。",
            "Submitted",
            "Waiting for your town to accept it.",
        ),
        Status::Accepted => (
            "已受理",
            "镇街正在安排调查核实。",
            "Accepted",
            "Your town is arranging the investigation.",
        ),
        Status::Investigating => (
            "调查核实中",
            "镇街会上门或电话了解情况。",
            "Being investigated",
            "Your town will visit or call you.",
        ),
        Status::WaitingForDocuments => (
            "需要补充材料",
            "请按要求补充材料。",
            "Documents needed",
            "Please send the documents asked for.",
        ),
        Status::Recommended => (
            "等待审批",
            "已报审批单位决定。",
            "Awaiting approval",
            "The approving office is deciding.",
        ),
        Status::Approved => (
            "已批准",
            "救助金将打到您的账户。",
            "Approved",
            "The money will be paid into your account.",
        ),
        Status::Rejected => (
            "未获批准",
            "可以查看原因；如有异议可以向镇街反映。",
            "Not approved",
            "You can read the reason and raise it with your town.",
        ),
        Status::Paid => (
            "已发放",
            "救助金已打到您的账户。",
            "Paid",
            "The money has been paid.",
        ),
        Status::Withdrawn => (
            "已撤回",
            "申请已撤回，不会再处理。",
            "Withdrawn",
            "The application was withdrawn and will not be processed.",
        ),
    };
    (
        locale.pick(zh_name, en_name).to_string(),
        locale.pick(zh_next, en_next).to_string(),
    )
}

fn event_words(locale: Locale, kind: CaseEvent) -> &'static str {
    match kind {
        CaseEvent::Submitted => locale.pick("提交申请", "Application submitted"),
        CaseEvent::Withdrawn => locale.pick("申请人撤回申请", "Withdrawn by the applicant"),
        CaseEvent::DocumentAdded => locale.pick("补充材料", "Document added"),
        CaseEvent::Accepted => locale.pick("镇街已受理", "Accepted by your town"),
        CaseEvent::InvestigationStarted => locale.pick("镇街开始调查核实", "Your town started checking"),
        CaseEvent::DocumentsRequested => locale.pick("镇街要求补充材料", "Your town asked for documents"),
        CaseEvent::InvestigationResumed => locale.pick("镇街继续调查核实", "Your town is checking again"),
        CaseEvent::AdvancePaid => locale.pick("先行发放救助金", "An advance was paid"),
        CaseEvent::Recommended => locale.pick("镇街已提出审核意见", "Your town made its recommendation"),
        CaseEvent::Forwarded => locale.pick("已报上级审批", "Sent for approval"),
        CaseEvent::Approved => locale.pick("批准救助", "Aid approved"),
        CaseEvent::Rejected => locale.pick("不予救助", "Aid not approved"),
        CaseEvent::Paid => locale.pick("救助金已发放", "Aid paid"),
        // Never on the applicant's timeline (db: the town's business); a word all the same.
        CaseEvent::Assigned => locale.pick("处理进展", "Progress"),
    }
}

/// The part of an event the applicant reads: the amount, the reason, what to send.
fn event_detail(locale: Locale, detail: &serde_json::Value) -> Option<String> {
    let yuan = |key: &str| {
        detail[key]
            .as_i64()
            .map(|f| crate::rules::Money::from_fen(f).to_string())
    };
    if let Some(reason) = detail["reason"].as_str() {
        return Some(locale.pick(format!("理由：{reason}"), format!("Reason: {reason}")));
    }
    if let Some(what) = detail["what"].as_str() {
        return Some(locale.pick(format!("需要：{what}"), format!("Needed: {what}")));
    }
    match (yuan("balance_fen"), yuan("amount_fen")) {
        (Some(balance), _) => Some(locale.pick(format!("{balance} 元"), format!("{balance} yuan"))),
        (None, Some(amount)) => Some(locale.pick(format!("{amount} 元"), format!("{amount} yuan"))),
        _ => None,
    }
}

#[component]
fn TrackForm(locale: Locale, reference: String, error: Option<String>) -> impl IntoView {
    view! {
        {error.map(|e| view! { <div class="error-summary" role="alert"><p>{e}</p></div> })}
        <form method="post" action=paths::TRACK novalidate>
            <div class="field">
                <label for="reference">{locale.pick("申请编号", "Reference number")}</label>
                <p class="hint" id="reference-hint">{locale.pick("例如 LZ-7K4-M9Q-XRC", "For example LZ-7K4-M9Q-XRC")}</p>
                <input type="text" id="reference" name="reference" value=reference autocomplete="off"
                    autocapitalize="characters" aria-describedby="reference-hint"/>
            </div>
            <div class="field">
                <label for="last4">{locale.pick("手机号码后四位", "Last four digits of the mobile number")}</label>
                <input type="text" id="last4" name="last4" inputmode="numeric" maxlength="4" autocomplete="off"/>
            </div>
            <button type="submit" class="button">{locale.pick("查询", "Track")}</button>
        </form>
    }
}

/// The applicant's family links: how many work, a form to revoke them all and one to make a
/// new one. Plain form posts, so that they work without JavaScript.
#[component]
fn FamilyLinkForms(
    locale: Locale,
    reference: String,
    last4: String,
    links: FamilyLinks,
    created: Option<String>,
) -> impl IntoView {
    let created = created.map(|link| {
        view! {
            <div class="panel" role="status">
                <p>{locale.pick("家人查看链接（只显示进度，不显示身份证和手机号码）：", "Family link (shows progress only, no ID or phone number):")}</p>
                <p class="family-link"><a href=link.clone()>{link.clone()}</a></p>
                <p class="hint">{locale.pick("复制这个链接发给家人。请妥善保管，知道链接的人都能查看进度。", "Copy this link to your family. Anyone with the link can see the progress.")}</p>
            </div>
        }
    });
    let revoked = links.revoked.map(|n| {
        view! {
            <p class="panel" role="status">
                {locale.pick(format!("已撤销 {n} 个家人查看链接。"), format!("{n} family links were revoked."))}
            </p>
        }
    });
    let active = links.active;
    // Both forms name the application the page was opened for, as the tracking form did.
    let form = |action: &'static str, label: &'static str| {
        view! {
            <form method="post" action=action>
                <input type="hidden" name="reference" value=reference.clone()/>
                <input type="hidden" name="last4" value=last4.clone()/>
                <button type="submit" class="button secondary">{label}</button>
            </form>
        }
    };
    let revoke = (active > 0).then(|| {
        form(
            paths::TRACK_FAMILY_LINKS_REVOKE,
            locale.pick("撤销所有家属链接", "Revoke all family links"),
        )
    });
    let create = links.open.then(|| {
        form(
            paths::TRACK_FAMILY_LINK,
            locale.pick("生成家人查看链接", "Create a link for your family"),
        )
    });
    view! {
        {created}
        {revoked}
        <p data-family-links=active.to_string()>
            {locale.pick(format!("有效的家人查看链接：{active} 个。"), format!("Family links that work: {active}."))}
        </p>
        {revoke}
        {create}
    }
}

/// The status and the timeline. `last4` is the applicant's proof of identity: with it come the
/// applicant's actions (withdraw, family links) and the reference number; a family link's page
/// has neither, so that a forwarded link cannot be turned into a guess at the phone ending.
#[component]
fn Timeline(
    locale: Locale,
    tracked: Tracked,
    last4: Option<String>,
    #[prop(default = None)] family_link: Option<String>,
    /// A message about the last upload (an error, or that it was received).
    #[prop(default = None)]
    upload_message: Option<(String, String)>,
    #[prop(default = FamilyLinks::default())] family_links: FamilyLinks,
) -> impl IntoView {
    let (name, next) = status_words(locale, tracked.status);
    // "By when": the town's deadline while it has not yet acted.
    let by_when = (tracked.status == Status::Submitted).then(|| {
        locale.pick(
            format!("镇街应在 {} 前处理。", tracked.due_on),
            format!("Your town should act by {}.", tracked.due_on),
        )
    });
    let request = tracked.document_request.clone().map(|what| {
        view! {
            <div class="panel" data-document-request="">
                <p><strong>{locale.pick("镇街需要您补充材料：", "Your town asks for these documents:")}</strong></p>
                <p>{what}</p>
            </div>
        }
    });
    // Before the decision the applicant can send documents here: those the town asked for, or
    // any the applicant could not send when applying.
    let open_for_documents = last4.is_some() && tracked.can_withdraw();
    // An upload from a page opened before the decision: say why it was not kept.
    let closed_message = upload_message
        .clone()
        .filter(|_| !open_for_documents)
        .map(|(zh, en)| view! { <p class="upload-message" id="document-message" role="status">{locale.pick(zh, en)}</p> });
    let upload = open_for_documents.then(|| {
        let kinds: Vec<(String, String)> = DocumentKind::ALL
            .iter()
            .map(|k| (k.word().to_string(), locale.pick(k.label().0, k.label().1).to_string()))
            .collect();
        view! {
            <form method="post" action=paths::TRACK_DOCUMENTS enctype="multipart/form-data" class="upload">
                <h3>{locale.pick("补充材料", "Send documents")}</h3>
                <input type="hidden" name="reference" value=tracked.reference.clone()/>
                <input type="hidden" name="last4" value=last4.clone().unwrap_or_default()/>
                <Select name="kind" label=locale.pick("这是什么材料", "What is it") value=String::new() options=kinds/>
                <div class="field">
                    <label for="document">{locale.pick("拍照或选择照片", "Take or choose a photo")}</label>
                    {upload_message.map(|(zh, en)| view! { <p class="upload-message" id="document-message" role="status">{locale.pick(zh, en)}</p> })}
                    <input type="file" id="document" name="file" accept="image/*,application/pdf" data-shrink=""/>
                </div>
                <button type="submit" class="button secondary">{locale.pick("上传", "Upload")}</button>
                <script src="/shrink.js" defer></script>
            </form>
        }
    });
    let can_withdraw = last4.is_some() && tracked.can_withdraw();
    let last4_value = last4.clone().unwrap_or_default();
    // The family page has its own title and no reference to name.
    let heading = last4.is_some().then(|| {
        let heading = locale.pick(
            format!("申请 {}", tracked.reference),
            format!("Application {}", tracked.reference),
        );
        view! { <h2>{heading}</h2> }
    });
    let family = last4.map(|last4| {
        view! {
            <FamilyLinkForms locale=locale reference=tracked.reference.clone() last4=last4 links=family_links created=family_link/>
        }
    });
    view! {
        {heading}
        <p>{locale.pick(format!("申请人：{}　镇街：{}", tracked.masked_name, tracked.town), format!("Applicant: {} · Town: {}", tracked.masked_name, tracked.town))}</p>
        <p class="status" data-status=tracked.status.word()>
            <strong>{name}</strong>
            " "
            {next}
            " "
            {by_when}
        </p>
        {request}
        <ol class="timeline">
            {tracked
                .events
                .iter()
                .map(|e| {
                    let at = crate::domain::clock::minute_in_chongqing(e.at);
                    let detail = event_detail(locale, &e.detail).map(|d| view! { " · "<span class="detail">{d}</span> });
                    view! { <li data-event=e.kind.word()><span class="when">{at}</span>" "{event_words(locale, e.kind)}{detail}</li> }
                })
                .collect_view()}
        </ol>
        {can_withdraw.then(|| view! {
            <form method="post" action=paths::TRACK_WITHDRAW>
                <input type="hidden" name="reference" value=tracked.reference.clone()/>
                <input type="hidden" name="last4" value=last4_value.clone()/>
                <button type="submit" class="button secondary">{locale.pick("撤回申请", "Withdraw the application")}</button>
            </form>
        })}
        {upload}
        {closed_message}
        {family}
    }
}

/// `/family/{token}`: what a family member sees.
#[component]
pub fn FamilyPage(context: FamilyContext) -> impl IntoView {
    let locale = use_locale();
    let title = locale.pick("申请进度", "Application progress");
    view! {
        <Title text=format!("{title} - {}", locale.t(s::SITE_NAME))/>
        <h1>{title}</h1>
        {match context {
            FamilyContext::Shown(tracked) => view! { <Timeline locale=locale tracked=*tracked last4=None/> }.into_any(),
            FamilyContext::Unknown => view! {
                <p>{locale.pick("这个链接无效。请向申请人要一个新的链接。", "This link is not valid. Ask the applicant for a new one.")}</p>
            }
            .into_any(),
            FamilyContext::Unavailable => view! { <p role="alert">{unavailable(locale)}</p> }.into_any(),
        }}
    }
}

/// What a resident reads when the database failed: nothing about the application itself.
fn unavailable(locale: Locale) -> &'static str {
    locale.pick(
        "服务暂时不可用，请稍后再试。",
        "The service is unavailable; please try again later.",
    )
}

#[component]
pub fn TrackPage(#[prop(optional)] outcome: Option<TrackOutcome>) -> impl IntoView {
    let locale = use_locale();
    let body = match outcome {
        None => view! { <TrackForm locale=locale reference=String::new() error=None/> }.into_any(),
        Some(TrackOutcome::Found { tracked, last4, family_link, upload_message, family_links }) => view! {
            <Timeline locale=locale tracked=*tracked last4=Some(last4) family_link=family_link upload_message=upload_message family_links=family_links/>
        }
        .into_any(),
        Some(TrackOutcome::Unavailable) => view! {
            <TrackForm locale=locale reference=String::new() error=Some(unavailable(locale).to_string())/>
        }
        .into_any(),
        Some(TrackOutcome::NotFound { reference }) => {
            let error = locale.pick(
                "没有找到这个申请。请核对申请编号和手机号码后四位。",
                "No application matches. Check the reference number and the last four digits.",
            );
            view! { <TrackForm locale=locale reference=reference error=Some(error.to_string())/> }.into_any()
        }
        Some(TrackOutcome::Throttled) => {
            let error = locale.pick(
                "查询次数太多，请过几分钟再试。",
                "Too many attempts; please try again in a few minutes.",
            );
            view! { <TrackForm locale=locale reference=String::new() error=Some(error.to_string())/> }
                .into_any()
        }
    };
    view! {
        <Title text=format!("{} - {}", locale.pick("查询申请进度", "Track an application"), locale.t(s::SITE_NAME))/>
        <h1>{locale.pick("查询申请进度", "Track an application")}</h1>
        {body}
    }
}
