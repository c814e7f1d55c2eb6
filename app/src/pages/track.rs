use crate::components::contact::TownOffice;
use crate::components::form::Select;
use crate::context::{
    FamilyContext, FamilyLinkMade, FamilyLinks, FamilyView, SiteContext, TrackOutcome, use_locale,
};
use crate::domain::messages::{Channel, MessageStatus};
use crate::domain::review::{CaseEvent, Level, Status};
use crate::domain::tracking::Holder;
use crate::domain::{DocumentKind, ReferenceNumber, Tracked};
use crate::i18n::messages as mtexts;
use crate::i18n::staff as staff_texts;
use crate::i18n::track as texts;
use crate::i18n::{Locale, Text, strings as s};
use crate::paths;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A status in plain words: what it means and what happens next.
fn status_words(locale: Locale, status: Status) -> (String, String) {
    let (name, next) = match status {
        Status::Submitted => (texts::STATUS_SUBMITTED, texts::STATUS_SUBMITTED_NEXT),
        Status::Accepted => (texts::STATUS_ACCEPTED, texts::STATUS_ACCEPTED_NEXT),
        Status::Investigating => (texts::STATUS_INVESTIGATING, texts::STATUS_INVESTIGATING_NEXT),
        Status::WaitingForDocuments => (
            texts::STATUS_WAITING_FOR_DOCUMENTS,
            texts::STATUS_WAITING_FOR_DOCUMENTS_NEXT,
        ),
        Status::Recommended => (texts::STATUS_RECOMMENDED, texts::STATUS_RECOMMENDED_NEXT),
        Status::Approved => (texts::STATUS_APPROVED, texts::STATUS_APPROVED_NEXT),
        Status::Rejected => (texts::STATUS_REJECTED, texts::STATUS_REJECTED_NEXT),
        Status::Paid => (texts::STATUS_PAID, texts::STATUS_PAID_NEXT),
        Status::Withdrawn => (texts::STATUS_WITHDRAWN, texts::STATUS_WITHDRAWN_NEXT),
    };
    (locale.t(name).to_string(), locale.t(next).to_string())
}

fn event_words(locale: Locale, kind: CaseEvent) -> &'static str {
    match kind {
        CaseEvent::Submitted => locale.t(texts::APPLICATION_SUBMITTED),
        CaseEvent::Withdrawn => locale.t(texts::WITHDRAWN_BY_THE_APPLICANT),
        CaseEvent::DocumentAdded => locale.t(texts::DOCUMENT_ADDED),
        CaseEvent::Accepted => locale.t(texts::ACCEPTED_BY_YOUR_TOWN),
        CaseEvent::InvestigationStarted => locale.t(texts::YOUR_TOWN_STARTED_CHECKING),
        CaseEvent::DocumentsRequested => locale.t(texts::YOUR_TOWN_ASKED_FOR_DOCUMENTS),
        CaseEvent::InvestigationResumed => locale.t(texts::YOUR_TOWN_IS_CHECKING_AGAIN),
        CaseEvent::AdvancePaid => locale.t(texts::AN_ADVANCE_WAS_PAID),
        CaseEvent::Recommended => locale.t(texts::YOUR_TOWN_MADE_ITS_RECOMMENDATION),
        CaseEvent::Forwarded => locale.t(texts::SENT_FOR_APPROVAL),
        CaseEvent::Approved => locale.t(texts::AID_APPROVED),
        CaseEvent::Rejected => locale.t(texts::AID_NOT_APPROVED),
        CaseEvent::Paid => locale.t(texts::AID_PAID),
        // Never on the applicant's timeline (db: the town's business); a word all the same.
        CaseEvent::Assigned | CaseEvent::ApplicantContacted | CaseEvent::RequestItemSatisfied => {
            locale.t(texts::PROGRESS)
        }
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
        return Some(texts::reason(locale, reason));
    }
    // A request: the kinds of paper named, then what the town wrote.
    let mut needed: Vec<String> = detail["kinds"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|k| k.as_str())
        .map(|k| DocumentKind::name_of_word(k, locale))
        .collect();
    needed.extend(detail["what"].as_str().map(str::to_string));
    if !needed.is_empty() {
        return Some(texts::needed(locale, needed.join(locale.pick("、", ", "))));
    }
    match (yuan("balance_fen"), yuan("amount_fen")) {
        (Some(balance), _) => Some(texts::yuan(locale, balance)),
        (None, Some(amount)) => Some(texts::yuan(locale, amount)),
        _ => None,
    }
}

#[component]
fn TrackForm(locale: Locale, reference: String, error: Option<String>) -> impl IntoView {
    view! {
        {error.map(|e| view! { <div class="error-summary" role="alert"><p>{e}</p></div> })}
        <form method="post" action=paths::TRACK novalidate>
            <div class="field">
                <label for="reference">{locale.t(texts::REFERENCE_OR_ID_NUMBER)}</label>
                <p class="hint" id="reference-hint">{locale.t(texts::FOR_EXAMPLE_LZ_7K4_M9Q)}</p>
                <input type="text" id="reference" name="reference" value=reference autocomplete="off"
                    autocapitalize="characters" aria-describedby="reference-hint"/>
            </div>
            <div class="field">
                <label for="last4">{locale.t(texts::LAST_FOUR_DIGITS_OF_THE)}</label>
                <input type="text" id="last4" name="last4" inputmode="numeric" maxlength="4" autocomplete="off"/>
            </div>
            <button type="submit" class="button">{locale.t(texts::TRACK)}</button>
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
    created: Option<FamilyLinkMade>,
) -> impl IntoView {
    // The link just made (issue 24, item 14): copied, shared through the phone's share sheet,
    // or shown as a QR code for a relative beside the resident to scan (public/copy.js shows
    // the buttons only where they work).
    let created = created.map(|FamilyLinkMade { address: link, qr_svg: qr }| {
        view! {
            <div class="panel" role="status">
                <p>{locale.t(texts::FAMILY_LINK_SHOWS_PROGRESS_ONLY)}</p>
                <p class="family-link"><a href=link.clone()>{link.clone()}</a></p>
                <p class="hint">{locale.t(texts::COPY_THIS_LINK_TO_YOUR)}</p>
                <div class="button-group">
                    <button type="button" class="button secondary" data-copy=link.clone() data-copied="link-copied" hidden>
                        {locale.t(texts::COPY_THE_LINK)}
                    </button>
                    <button type="button" class="button secondary" data-share=link.clone()
                        data-title=locale.t(texts::FAMILY_LINK_TITLE) hidden>
                        {locale.t(texts::SHARE_WITH_FAMILY)}
                    </button>
                </div>
                <p id="link-copied" hidden>{locale.t(texts::LINK_COPIED)}</p>
                <figure class="family-qr">
                    <div inner_html=qr></div>
                    <figcaption>{locale.t(texts::SCAN_TO_OPEN)}</figcaption>
                </figure>
                <script src="/copy.js" defer></script>
            </div>
        }
    });
    let revoked = links.revoked.map(|n| {
        view! {
            <p class="panel" role="status">
                {texts::family_links_revoked(locale, n)}
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
            locale.t(texts::REVOKE_ALL_FAMILY_LINKS),
        )
    });
    let create = links
        .open
        .then(|| form(paths::TRACK_FAMILY_LINK, locale.t(texts::CREATE_A_LINK_FOR_YOUR)));
    view! {
        {created}
        {revoked}
        <p data-family-links=active.to_string()>
            {texts::family_links_that_work(locale, active)}
        </p>
        {(active >= crate::domain::tracking::FAMILY_LINKS_KEPT as i64).then(|| view! {
            <p class="hint">{texts::at_most_family_links(locale, crate::domain::tracking::FAMILY_LINKS_KEPT)}</p>
        })}
        <div class="button-group">
            {revoke}
            {create}
        </div>
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
    #[prop(default = None)] family_link: Option<FamilyLinkMade>,
    /// A message about the last upload (an error, or that it was received).
    #[prop(default = None)]
    upload_message: Option<(String, String)>,
    #[prop(default = FamilyLinks::default())] family_links: FamilyLinks,
    /// On the family page: the link's secret, to which the relative sends documents.
    #[prop(default = None)]
    family_token: Option<String>,
) -> impl IntoView {
    let (name, next) = status_words(locale, tracked.status);
    let now = where_it_is(locale, &tracked, next);
    // The town's request, item by item: each received or still missing, and by when
    // (issue 24, items 2 and 3).
    let request = (!tracked.requested.is_empty()).then(|| {
        let due = tracked
            .documents_due_on
            .map(|d| view! { <p data-documents-due=d.to_string()>{texts::send_them_by(locale, d)}</p> });
        let items = tracked
            .requested
            .iter()
            .map(|item| {
                let (state, word) = if item.received {
                    ("received", locale.t(texts::RECEIVED))
                } else {
                    ("missing", locale.t(texts::STILL_MISSING))
                };
                view! {
                    <li data-item=state>
                        <span class="item-state">{word}</span>" "{item.label(locale)}
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="panel" data-document-request="">
                <p><strong>{locale.t(texts::YOUR_TOWN_ASKS_FOR_THESE)}</strong></p>
                <ul class="request-items">{items}</ul>
                {due}
            </div>
        }
    });
    // Every document the town holds, by kind: never its content.
    let held = (!tracked.documents.is_empty()).then(|| {
        let list = tracked
            .documents
            .iter()
            .map(|d| {
                let at = crate::domain::clock::minute_in_chongqing(d.at);
                view! { <li data-held=d.kind.clone()>{DocumentKind::name_of_word(&d.kind, locale)}" "<span class="when">{at}</span></li> }
            })
            .collect_view();
        view! {
            <h3>{locale.t(texts::DOCUMENTS_YOUR_TOWN_HAS)}</h3>
            <ul class="list held-documents">{list}</ul>
        }
    });
    // Before the decision the applicant can send documents here: those the town asked for, or
    // any the applicant could not send when applying.
    // A relative with the family link may send them too (issue 24, item 14), never see them.
    let open_for_documents = (last4.is_some() || family_token.is_some()) && tracked.can_withdraw();
    // An upload from a page opened before the decision: say why it was not kept.
    let closed_message = upload_message
        .clone()
        .filter(|_| !open_for_documents)
        .map(|(zh, en)| view! { <p class="upload-message" id="document-message" role="status">{locale.pick(zh, en)}</p> });
    let waiting = !tracked.requested.is_empty();
    let upload = open_for_documents.then(|| {
        // While the town waits, a file of no kind chosen answers the first item still missing
        // (db::documents); the choice is there for the resident who knows.
        let mut kinds: Vec<(String, String)> = Vec::new();
        if waiting {
            kinds.push((String::new(), locale.t(texts::MATCH_WHAT_THE_TOWN_ASKED).to_string()));
        }
        kinds.extend(
            DocumentKind::ALL
                .iter()
                .map(|k| (k.word().to_string(), k.name(locale).to_string())),
        );
        // The applicant names the application with its reference and phone ending; a relative
        // with the link's secret in the address, never with them.
        let (action, who) = match &family_token {
            Some(token) => (paths::family_documents(token), None),
            None => (
                paths::TRACK_DOCUMENTS.to_string(),
                Some(view! {
                    <input type="hidden" name="reference" value=tracked.reference.clone()/>
                    <input type="hidden" name="last4" value=last4.clone().unwrap_or_default()/>
                }),
            ),
        };
        view! {
            <form method="post" action=action enctype="multipart/form-data" class="upload">
                <h3>{locale.t(texts::SEND_DOCUMENTS)}</h3>
                {who}
                <Select name="kind" label=locale.t(texts::WHAT_IS_IT) value=String::new() options=kinds/>
                <div class="field">
                    <label for="document">{locale.t(texts::TAKE_OR_CHOOSE_A_PHOTO)}</label>
                    {upload_message.map(|(zh, en)| view! { <p class="upload-message" id="document-message" role="status">{locale.pick(zh, en)}</p> })}
                    <input type="file" id="document" name="file" accept="image/*,application/pdf" data-shrink="" multiple/>
                </div>
                <button type="submit" class="button secondary">{locale.t(texts::UPLOAD)}</button>
                <script src="/shrink.js" defer></script>
            </form>
        }
    });
    // 已全部上传: the resident says the request is answered, and the case goes back to the town
    // (a request written in words is answered no other way by the resident).
    let all_sent = (open_for_documents && waiting).then(|| {
        view! {
            <form method="post" action=paths::TRACK_ALL_DOCUMENTS_SENT class="all-sent">
                <input type="hidden" name="reference" value=tracked.reference.clone()/>
                <input type="hidden" name="last4" value=last4.clone().unwrap_or_default()/>
                <p class="hint">{locale.t(texts::WHEN_YOU_HAVE_SENT_EVERYTHING)}</p>
                <button type="submit" class="button">{locale.t(texts::ALL_SENT)}</button>
            </form>
        }
    });
    let messages = message_list(locale, &tracked, last4.as_deref());
    let can_withdraw = last4.is_some() && tracked.can_withdraw();
    let last4_value = last4.clone().unwrap_or_default();
    // The family page has its own title and no reference to name.
    let heading = last4.is_some().then(|| {
        let heading = texts::application_title(locale, &tracked.reference);
        view! { <h2>{heading}</h2> }
    });
    let family = last4.map(|last4| {
        view! {
            <FamilyLinkForms locale=locale reference=tracked.reference.clone() last4=last4 links=family_links created=family_link/>
        }
    });
    view! {
        {heading}
        <p>{texts::applicant_town(locale, tracked.masked_name.clone(), tracked.town.clone())}</p>
        <p class="status" data-status=tracked.status.word()>
            <strong>{name}</strong>
        </p>
        {now}
        {request}
        {messages}
        <h3>{locale.t(texts::WHAT_HAS_HAPPENED)}</h3>
        <ol class="timeline" reversed>
            {tracked
                .events
                .iter()
                .rev()
                .map(|e| {
                    let at = crate::domain::clock::minute_in_chongqing(e.at);
                    let detail = event_detail(locale, &e.detail).map(|d| view! { " · "<span class="detail">{d}</span> });
                    view! { <li data-event=e.kind.word()><span class="when">{at}</span>" "{event_words(locale, e.kind)}{detail}</li> }
                })
                .collect_view()}
        </ol>
        {upload}
        {all_sent}
        {held}
        {closed_message}
        <TownOffice locale=locale town=tracked.town.clone() contact=tracked.town_office.clone()/>
        {family}
        // Last, away from the upload's button: it only asks (WithdrawalQuestion) before anything
        // changes.
        {can_withdraw.then(|| view! {
            <form method="post" action=paths::TRACK_WITHDRAW class="withdraw">
                <h3>{locale.t(texts::NO_LONGER_NEED_HELP)}</h3>
                <input type="hidden" name="reference" value=tracked.reference.clone()/>
                <input type="hidden" name="last4" value=last4_value.clone()/>
                <button type="submit" class="button secondary">{locale.t(texts::WITHDRAW_THE_APPLICATION)}</button>
            </form>
        })}
    }
}

/// Where the application is now, as a short list (issue 24, item 11): who has it, since when,
/// by when and what next; once approved, how much is still to be paid, into which account and
/// around when; once paid, how much and on which day.
fn where_it_is(locale: Locale, tracked: &Tracked, next: String) -> impl IntoView + use<> {
    let site = expect_context::<SiteContext>();
    let row = |label: Text, value: String, data: &'static str| {
        view! { <div data-now=data><dt>{locale.t(label)}</dt><dd>{value}</dd></div> }
    };
    let holder = tracked.holder();
    let who = match &holder {
        Holder::Town => texts::town_named(locale, &tracked.town),
        Holder::District(Level::Government) => locale.t(staff_texts::DISTRICT_GOVERNMENT).to_string(),
        Holder::District(_) => locale.t(staff_texts::DISTRICT_CIVIL_AFFAIRS_BUREAU).to_string(),
        Holder::Applicant => locale.t(texts::YOU_SEND_THE_DOCUMENTS).to_string(),
        Holder::Nobody => locale.t(texts::NOBODY_IT_IS_OVER).to_string(),
    };
    let since = crate::domain::clock::date_in_chongqing(tracked.since()).to_string();
    let by_when = tracked
        .act_by()
        .map(|day| row(texts::BY_WHEN, day.to_string(), "by"));
    // Approved, not yet paid: what is still to come, where and around when (an estimate of
    // `deadline.payment_working_days` after the approval).
    let payment = (tracked.status == Status::Approved)
        .then(|| {
            let (approved, on) = tracked.approved()?;
            let approved_on = crate::domain::clock::date_in_chongqing(on);
            let expected = site.parameters.on(approved_on).ok().map(|p| {
                let days = site.parameters.calendar.as_of(site.today);
                days.add(approved_on, p.deadline_payment_working_days)
            });
            let to_be_paid = tracked.to_be_paid().unwrap_or(approved);
            Some(view! {
                {row(texts::AMOUNT_APPROVED, texts::yuan(locale, approved), "approved")}
                {(to_be_paid != approved).then(|| row(texts::STILL_TO_BE_PAID, texts::yuan(locale, to_be_paid), "to-be-paid"))}
                {tracked.account_last4.as_ref().map(|last4| row(texts::PAID_INTO, texts::account_ending(locale, last4), "account"))}
                {expected.map(|day| row(texts::EXPECTED_PAYMENT, texts::by_about(locale, day), "expected"))}
            })
        })
        .flatten();
    let paid = tracked.paid().map(|(amount, on)| {
        let day = crate::domain::clock::date_in_chongqing(on).to_string();
        view! {
            {row(texts::AMOUNT_PAID, texts::yuan(locale, amount), "paid")}
            {tracked.account_last4.as_ref().map(|last4| row(texts::PAID_INTO, texts::account_ending(locale, last4), "account"))}
            {row(texts::DATE_PAID, day, "paid-on")}
        }
    });
    view! {
        <dl class="where-now" data-holder=holder.word()>
            {row(texts::WHO_HAS_IT_NOW, who, "who")}
            {row(texts::SINCE, since, "since")}
            {by_when}
            {row(texts::WHAT_HAPPENS_NEXT, next, "next")}
            {payment}
            {paid}
        </dl>
    }
}

/// What the portal told the applicant, oldest first, each with where it reached them; on the
/// tracking page (the applicant's `last4` known) with the button that stops texts, on the family
/// page without the reference.
fn message_list(locale: Locale, tracked: &Tracked, last4: Option<&str>) -> Option<impl IntoView + use<>> {
    if tracked.messages.is_empty() {
        return None;
    }
    let family = last4.is_none();
    let items = tracked
        .messages
        .iter()
        .map(|m| {
            let at = crate::domain::clock::minute_in_chongqing(m.at);
            let text = m.text.clone();
            let reached = locale.t(match (m.channel, m.status) {
                (Channel::Page, _) => mtexts::ON_THIS_PAGE,
                (Channel::Sms, MessageStatus::Queued | MessageStatus::Sending) => mtexts::SMS_QUEUED,
                (Channel::Sms, MessageStatus::Sent) => mtexts::SMS_SENT,
                (Channel::Sms, MessageStatus::Delivered) => mtexts::SMS_DELIVERED,
                (Channel::Sms, MessageStatus::TemporaryFailure) => mtexts::SMS_RETRYING,
                (Channel::Sms, MessageStatus::PermanentFailure) => mtexts::SMS_FAILED,
            });
            let reached = locale.pick(format!("（{reached}）"), format!("({reached})"));
            view! {
                <li data-message=m.kind.word() data-message-status=m.status.word()>
                    <span class="when">{at}</span>" "{text}" "<span class="reached">{reached}</span>
                </li>
            }
        })
        .collect_view();
    let heading = locale.t(if family {
        mtexts::HEADING_FOR_FAMILY
    } else {
        mtexts::HEADING
    });
    let stop = (tracked.sms && !family).then(|| {
        view! {
            <p>{locale.t(mtexts::YOU_GET_TEXTS)}</p>
            <form method="post" action=paths::TRACK_STOP_TEXTS class="stop-texts">
                <input type="hidden" name="reference" value=tracked.reference.clone()/>
                <input type="hidden" name="last4" value=last4.unwrap_or_default().to_string()/>
                <button type="submit" class="button secondary">{locale.t(mtexts::STOP_TEXTS)}</button>
            </form>
        }
    });
    Some(view! {
        <section class="messages" aria-labelledby="messages-heading">
            <h3 id="messages-heading">{heading}</h3>
            <ol class="message-list">{items}</ol>
            {stop}
        </section>
    })
}

/// "Are you sure?" before a withdrawal, which cannot be undone: yes posts the withdrawal again
/// with `confirm=yes`; no shows the timeline as it was. Plain forms, so it works without
/// JavaScript.
#[component]
fn WithdrawalQuestion(locale: Locale, reference: String, last4: String) -> impl IntoView {
    view! {
        <p class="lead">{texts::application_title(locale, &reference)}</p>
        <p>{locale.t(texts::WITHDRAWING_CANNOT_BE_UNDONE)}</p>
        <div class="button-group">
            <form method="post" action=paths::TRACK_WITHDRAW>
                <input type="hidden" name="reference" value=reference.clone()/>
                <input type="hidden" name="last4" value=last4.clone()/>
                <input type="hidden" name="confirm" value="yes"/>
                <button type="submit" class="button warning">{locale.t(texts::YES_WITHDRAW_IT)}</button>
            </form>
            <form method="post" action=paths::TRACK>
                <input type="hidden" name="reference" value=reference/>
                <input type="hidden" name="last4" value=last4/>
                <button type="submit" class="button secondary">{locale.t(texts::NO_KEEP_IT)}</button>
            </form>
        </div>
    }
}

/// `/family/{token}`: what a family member sees.
#[component]
pub fn FamilyPage(context: FamilyContext) -> impl IntoView {
    let locale = use_locale();
    let title = locale.t(texts::APPLICATION_PROGRESS);
    view! {
        <Title text=format!("{title} - {}", locale.t(s::SITE_NAME))/>
        <h1>{title}</h1>
        {match context {
            FamilyContext::Shown(view) => {
                let FamilyView { tracked, token, upload_message } = *view;
                view! {
                    // What this is, in one sentence, for a relative who was only sent a link.
                    <p class="lead">{locale.t(texts::WHAT_TEMPORARY_ASSISTANCE_IS)}</p>
                    <Timeline locale=locale tracked=tracked last4=None family_token=Some(token)
                        upload_message=upload_message/>
                }
                .into_any()
            }
            FamilyContext::Unknown => view! {
                <p>{locale.t(texts::THIS_LINK_IS_NOT_VALID)}</p>
            }
            .into_any(),
            FamilyContext::Unavailable => view! { <p role="alert">{unavailable(locale)}</p> }.into_any(),
        }}
    }
}

/// What a resident reads when the database failed: nothing about the application itself.
fn unavailable(locale: Locale) -> &'static str {
    locale.t(texts::THE_SERVICE_IS_UNAVAILABLE_PLEASE)
}

/// `GET /track`, through the router: the empty form, or with the reference the confirmation's
/// link names (`paths::track_for`). Text that is no reference is not put back into the page.
#[component]
pub fn TrackRoute() -> impl IntoView {
    let carried = use_query_map()
        .with_untracked(|q| q.get("reference"))
        .and_then(|typed| ReferenceNumber::parse(&typed))
        .map(|reference| reference.to_string())
        .unwrap_or_default();
    view! { <TrackPage carried=carried/> }
}

/// The tracking page. Rendered by the router (`TrackRoute`) or, after a form post, by the
/// server's handler with the outcome: no router context then, so nothing here reads the URL.
#[component]
pub fn TrackPage(
    #[prop(optional)] outcome: Option<TrackOutcome>,
    #[prop(optional)] carried: String,
) -> impl IntoView {
    let locale = use_locale();
    let heading = match &outcome {
        Some(TrackOutcome::ConfirmWithdrawal { .. }) => locale.t(texts::ARE_YOU_SURE_YOU_WANT_TO_WITHDRAW),
        _ => locale.t(texts::TRACK_AN_APPLICATION),
    };
    let body = match outcome {
        None => view! { <TrackForm locale=locale reference=carried error=None/> }.into_any(),
        Some(TrackOutcome::Found { tracked, last4, family_link, upload_message, family_links, texts_stopped }) => view! {
            {texts_stopped.then(|| view! { <p class="panel" role="status" data-texts-stopped="">{locale.t(mtexts::TEXTS_STOPPED)}</p> })}
            <Timeline locale=locale tracked=*tracked last4=Some(last4) family_link=family_link upload_message=upload_message family_links=family_links/>
        }
        .into_any(),
        Some(TrackOutcome::Unavailable) => view! {
            <TrackForm locale=locale reference=String::new() error=Some(unavailable(locale).to_string())/>
        }
        .into_any(),
        Some(TrackOutcome::NotFound { reference }) => {
            let error = locale.t(texts::NO_APPLICATION_MATCHES_CHECK_THE);
            view! { <TrackForm locale=locale reference=reference error=Some(error.to_string())/> }.into_any()
        }
        Some(TrackOutcome::ConfirmWithdrawal { reference, last4 }) => view! {
            <WithdrawalQuestion locale=locale reference=reference last4=last4/>
        }
        .into_any(),
        Some(TrackOutcome::Throttled) => {
            let error = locale.t(texts::TOO_MANY_ATTEMPTS_PLEASE_TRY);
            view! { <TrackForm locale=locale reference=String::new() error=Some(error.to_string())/> }
                .into_any()
        }
    };
    view! {
        <Title text=format!("{heading} - {}", locale.t(s::SITE_NAME))/>
        <h1>{heading}</h1>
        {body}
    }
}
