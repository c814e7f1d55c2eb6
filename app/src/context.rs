//! What the server hands every page render through Leptos context.

use crate::components::check::answers::CheckAnswers;
use crate::i18n::Locale;
use crate::rules::Parameters;
use chrono::NaiveDate;
use std::sync::Arc;

/// The server's parameter set (the embedded defaults or an official's file) and today's date
/// in the district's time zone. The check page hands both to the browser, so the WASM assesses
/// with exactly the numbers the server would use.
#[derive(Clone, Debug)]
pub struct SiteContext {
    pub parameters: Arc<Parameters>,
    pub today: NaiveDate,
    /// The stylesheet's path: its name carries its content's hash, so a phone keeps it until
    /// a release changes it (server/src/http/assets.rs).
    pub stylesheet: Arc<str>,
    /// The staff pages' own stylesheet, linked on them only.
    pub staff_stylesheet: Arc<str>,
}

/// The answers of a check form posted without JavaScript, to be rendered with their result.
#[derive(Clone, Debug)]
pub struct PostedCheck {
    pub answers: CheckAnswers,
    /// "查看结果" was pressed: every unanswered question is named. Not after "更新人数", which
    /// only lays out a row per person before the rest is answered.
    pub asked_for_result: bool,
}

/// The language of this request (see `request_locale`).
pub fn use_locale() -> Locale {
    leptos::prelude::use_context::<Locale>().unwrap_or_default()
}

/// Large text (大字) for older residents (issue 11, item 14): every size on the page follows
/// the root's, so the whole page grows, text to 22 px and every control with it. Asked for by a
/// link (`?text=large` or `?text=normal`, no script needed) and remembered in a cookie for a
/// year, as the language is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LargeText(pub bool);

pub fn use_large_text() -> bool {
    leptos::prelude::use_context::<LargeText>().unwrap_or_default().0
}

/// Whether this request asks for large text: `?text=` first (then remembered), else the cookie.
#[cfg(feature = "ssr")]
pub fn request_large_text() -> LargeText {
    use axum::http::header;
    use leptos::prelude::use_context;

    let Some(parts) = use_context::<axum::http::request::Parts>() else {
        return LargeText::default();
    };
    let value_of = |text: &str| text == "large";
    let asked = parts
        .uri
        .query()
        .and_then(|q| q.split('&').find_map(|pair| pair.strip_prefix("text=")))
        .map(value_of);
    if let Some(large) = asked
        && let Some(response) = use_context::<leptos_axum::ResponseOptions>()
    {
        let word = if large { "large" } else { "normal" };
        if let Some(value) = crate::cookies::preference("text", word) {
            response.append_header(header::SET_COOKIE, value);
        }
    }
    LargeText(
        asked.unwrap_or_else(|| {
            crate::cookies::read(&parts.headers, "text").is_some_and(|text| value_of(&text))
        }),
    )
}

/// The language of this request: `?lang=` first (and then remembered in a cookie), else the
/// `lang` cookie, else Chinese.
#[cfg(feature = "ssr")]
pub fn request_locale() -> Locale {
    use axum::http::header;
    use leptos::prelude::use_context;

    let Some(parts) = use_context::<axum::http::request::Parts>() else {
        return Locale::default();
    };
    let locale = locale_of(&parts.uri, &parts.headers);
    let asked = parts
        .uri
        .query()
        .is_some_and(|q| q.split('&').any(|p| p.starts_with("lang=")));
    if asked
        && let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Some(value) = crate::cookies::preference("lang", locale.code())
    {
        response.append_header(header::SET_COOKIE, value);
    }
    locale
}

/// The language a request asks for: `?lang=` first, else the `lang` cookie, else Chinese.
#[cfg(feature = "ssr")]
pub fn locale_of(uri: &axum::http::Uri, headers: &axum::http::HeaderMap) -> Locale {
    let from_query = uri.query().and_then(|q| {
        q.split('&')
            .find_map(|pair| pair.strip_prefix("lang="))
            .map(Locale::from_code)
    });
    from_query.unwrap_or_else(|| {
        crate::cookies::read(headers, "lang")
            .map(|code| Locale::from_code(&code))
            .unwrap_or_default()
    })
}

/// A page the server's own handlers render, with the one value it shows (and, for staff, who
/// is signed in). The handler provides it; `App` renders that page for it directly, without
/// matching an address, so a page shown after a form post needs no request of its own.
#[derive(Clone)]
pub enum Page {
    // The answers are large; boxed so that every page's value is small to move.
    Check(Box<PostedCheck>),
    ApplyStep(Box<StepContext>),
    Confirmation(ConfirmationContext),
    Track(TrackOutcome),
    Family(FamilyContext),
    Publicity(PublicityContext),
    Login(LoginContext),
    Queue(StaffContext, QueueContext),
    Case(StaffContext, CaseContext),
    Admin(StaffContext, Box<AdminContext>),
    Dashboard(StaffContext, DashboardContext),
}

/// A step of the application journey, with the draft's answers and the errors of its last post.
#[derive(Clone, Debug)]
pub struct StepContext {
    pub step: crate::domain::Step,
    pub draft: crate::domain::Draft,
    /// The documents sent so far (shown on the documents step and the review).
    pub documents: Vec<crate::domain::DocumentInfo>,
}

/// The confirmation after a submission.
#[derive(Clone, Debug)]
pub struct ConfirmationContext {
    pub reference: crate::domain::ReferenceNumber,
    pub aid_type: crate::domain::AidType,
    pub due_on: NaiveDate,
    /// The town that handles it, and its office's contact where set (issue 24, item 10).
    pub town: String,
    pub town_office: Option<crate::domain::town_contact::TownContact>,
}

/// A family link just made, shown once: its address, and the same as a QR code (an SVG the
/// server drew) for a relative beside the applicant to scan (issue 24, item 14).
#[derive(Clone, Debug)]
pub struct FamilyLinkMade {
    pub address: String,
    pub qr_svg: String,
}

/// The answer to a tracking request. A wrong reference and a wrong phone give the same answer.
#[derive(Clone, Debug)]
pub enum TrackOutcome {
    Found {
        tracked: Box<crate::domain::Tracked>,
        last4: String,
        /// A family link just created, shown once.
        family_link: Option<FamilyLinkMade>,
        /// The outcome of a document upload on the tracking page (Chinese, English).
        upload_message: Option<(String, String)>,
        family_links: FamilyLinks,
        /// The applicant just stopped the text messages: the page says so.
        texts_stopped: bool,
    },
    NotFound {
        reference: String,
    },
    /// The withdraw button was pressed: the page that asks "are you sure?" before anything
    /// changes (a withdrawal cannot be undone).
    ConfirmWithdrawal {
        reference: String,
        last4: String,
    },
    Throttled,
    /// The database failed: nothing is known, so nothing is said about the application.
    Unavailable,
}

/// The applicant's family links, as the tracking page lists them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FamilyLinks {
    /// Links that still work.
    pub active: i64,
    /// False once the days a link works after the decision have passed: no new link then.
    pub open: bool,
    /// How many links were just revoked, when the applicant just revoked them.
    pub revoked: Option<i64>,
}

/// What a family link shows: the timeline without the reference number, or nothing.
#[derive(Clone, Debug)]
pub enum FamilyContext {
    Shown(Box<FamilyView>),
    /// An unknown, revoked or expired link: all look the same.
    Unknown,
    /// The database failed.
    Unavailable,
}

/// What a family link shows: the application without its reference; the link's own secret,
/// to which a relative sends the documents the town asks for (issue 24, item 14); and what
/// became of the last upload.
#[derive(Clone, Debug)]
pub struct FamilyView {
    pub tracked: crate::domain::Tracked,
    pub token: String,
    pub upload_message: Option<(String, String)>,
}

/// The signed-in member of staff, and the CSRF token every staff form carries.
#[derive(Clone, Debug)]
pub struct StaffContext {
    pub staff: crate::domain::review::Staff,
    pub csrf_token: String,
}

/// The sign-in page: its CSRF token (also in a cookie), what was typed, and what went wrong.
#[derive(Clone, Debug, Default)]
pub struct LoginContext {
    pub csrf_token: String,
    pub username: String,
    pub error: Option<(String, String)>,
}

/// A page of the queue, with the filters that produced it.
#[derive(Clone, Debug)]
pub struct QueueContext {
    pub view: crate::domain::casefile::QueueView,
    pub filter: crate::domain::casefile::QueueFilter,
    /// "Take the next case" found none waiting.
    pub nothing_to_take: bool,
}

/// The case page: the case, or `None` when it does not exist within the user's scope.
#[derive(Clone)]
pub struct CaseContext(pub Option<Box<crate::domain::casefile::CaseView>>);

/// The administrator's page: the accounts, and the parameters (shown from `SiteContext`).
#[derive(Clone, Debug)]
pub struct AdminContext {
    pub accounts: Vec<crate::domain::review::Staff>,
    /// The pending proposals, then the newest decided ones.
    pub proposals: Vec<crate::domain::proposals::Proposal>,
    /// The proposal form as last posted (empty on a fresh page).
    pub proposal_form: crate::domain::proposals::ProposalForm,
    pub message: Option<(String, String)>,
    /// Each office's duty numbers (masked): 区民政局, then the towns in the district's order.
    pub duty_phones: Vec<(String, Vec<String>)>,
    /// The duty numbers' form as last posted, with what was wrong with it.
    pub duty_form: DutyForm,
    /// Each kind of message with its SMS template code in force, if one is set.
    pub template_codes: Vec<(crate::domain::message_kind::MessageKind, Option<String>)>,
    /// Every town, in the district's order, with its office's contact where one is set.
    pub town_contacts: Vec<(String, Option<crate::domain::town_contact::TownContact>)>,
    /// The contact form as last posted, with what was wrong with it.
    pub contact_form: ContactForm,
}

/// The form that sets a town office's contact (issue 24, item 10): as typed, with the field
/// that is wrong and what to say there (Chinese, English).
#[derive(Clone, Debug, Default)]
pub struct ContactForm {
    pub town: String,
    pub phone: String,
    pub address: String,
    pub hours: String,
    pub problem: Option<(&'static str, (String, String))>,
}

/// The form that sets an office's duty numbers (issue 23): the office, the numbers as typed,
/// and the problem to show at the numbers' field (Chinese, English).
#[derive(Clone, Debug, Default)]
pub struct DutyForm {
    pub office: String,
    pub phones: String,
    pub problem: Option<(String, String)>,
}

/// The 公示 page: the approvals published now, in one town or all.
#[derive(Clone, Debug)]
pub struct PublicityContext {
    pub rows: Vec<crate::domain::reports::PublicityRow>,
    pub town: Option<String>,
    pub days: i64,
}

/// The dashboard, with the ledger's export form (its period, and what was wrong with it).
#[derive(Clone, Debug)]
pub struct DashboardContext {
    pub dashboard: crate::domain::reports::Dashboard,
    pub from: String,
    pub to: String,
    pub error: Option<(String, String)>,
}
