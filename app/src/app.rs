//! The document shell and the routes.

use crate::context::{Page, use_large_text, use_locale};
use crate::i18n::shell as texts;
use crate::i18n::strings as s;
use crate::pages::staff::{AdminPage, CasePage, DashboardPage, LoginPage, QueuePage};
use crate::pages::{
    ApplyPage, ApplyStepPage, CheckPage, ConfirmationPage, FamilyPage, NotFound, OfflinePage, PublicityPage,
    TrackPage, TrackRoute,
};
use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The HTML document. Only a page with an island loads WASM; the rest is server-rendered HTML.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    provide_context(crate::context::request_locale());
    #[cfg(feature = "ssr")]
    provide_context(crate::context::request_large_text());
    let locale = use_locale();
    let large = use_large_text();
    let site = use_context::<crate::context::SiteContext>();
    let stylesheet = site
        .as_ref()
        .map_or_else(|| "/pkg/portal.css".into(), |site| site.stylesheet.clone());
    // The staff pages' own styles, on them only (style/staff.css).
    let staff_stylesheet =
        is_staff_page().then(|| site.map_or_else(|| "/pkg/staff.css".into(), |site| site.staff_stylesheet));
    view! {
        <!DOCTYPE html>
        <html lang=locale.tag() class:large-text=large>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#0b5cad"/>
                <meta name="description" content=locale.t(texts::SITE_DESCRIPTION)/>
                <link rel="stylesheet" href=stylesheet/>
                {staff_stylesheet.map(|href| view! { <link rel="stylesheet" href=href/> })}
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="apple-touch-icon" href="/icon-192.png"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                // Only a page with an island loads the JS and the WASM (issue 11, item 2).
                {has_island().then(|| view! { <HydrationScripts options islands=true/> })}
                <script nonce=leptos::nonce::use_nonce() inner_html=PAGE_SCRIPT></script>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The one script every page runs, inline so that it costs no request of its own:
/// - it installs the service worker (server/src/http/offline/sw.js) once the page has loaded;
/// - it shows "读给我听" where the phone can speak (a class on `<html>`, set before the body is
///   drawn: shown later, the button would push the page down as it loads, a layout shift), and
///   loads public/speak.js only when the button is pressed, which reads the page once per
///   press (issue 24, item 7: a button, not a mode that goes on by itself on the next page).
const PAGE_SCRIPT: &str = "\
if('serviceWorker' in navigator)addEventListener('load',function(){navigator.serviceWorker.register('/sw.js').catch(function(e){console.warn('no offline use:',e)})});\
if('speechSynthesis' in window){\
document.documentElement.classList.add('can-speak');\
try{localStorage.removeItem('portal:speak')}catch(e){}\
document.addEventListener('click',function(e){if(e.target.closest&&e.target.closest('[data-speak]'))import('/speak.js').then(function(m){m.read()})})}";

/// Whether the page being rendered holds an island: only the check does (at `/`, through the
/// router or after its form is posted without JavaScript). Every other page is plain HTML and
/// downloads neither the JS nor the WASM.
#[cfg(feature = "ssr")]
fn has_island() -> bool {
    // Looked at in place: a page's data (a queue, a case) is not copied for this.
    with_context::<Page, _>(|page| matches!(page, Page::Check(_))).unwrap_or_else(|| {
        use_context::<axum::http::request::Parts>()
            .is_none_or(|request| request.uri.path() == crate::paths::CHECK)
    })
}

/// A staff page (/staff…), which links the staff pages' own stylesheet.
#[cfg(feature = "ssr")]
fn is_staff_page() -> bool {
    use_context::<axum::http::request::Parts>()
        .is_some_and(|request| request.uri.path().starts_with(crate::paths::STAFF))
}

#[cfg(not(feature = "ssr"))]
fn is_staff_page() -> bool {
    false
}

/// In the browser the shell is never rendered; the hydrated island needs no answer.
#[cfg(not(feature = "ssr"))]
fn has_island() -> bool {
    true
}

/// A page one of the server's handlers renders, with its data (see `Page`).
fn own_page(page: Page) -> AnyView {
    match page {
        Page::Check(posted) => view! { <CheckPage posted=*posted/> }.into_any(),
        Page::ApplyStep(data) => view! { <ApplyStepPage data=*data/> }.into_any(),
        Page::Confirmation(data) => view! { <ConfirmationPage data=data/> }.into_any(),
        Page::Track(outcome) => view! { <TrackPage outcome=outcome/> }.into_any(),
        Page::Family(context) => view! { <FamilyPage context=context/> }.into_any(),
        Page::Publicity(data) => view! { <PublicityPage data=data/> }.into_any(),
        Page::Login(context) => view! { <LoginPage context=context/> }.into_any(),
        Page::Queue(staff, data) => view! { <QueuePage data=data staff=staff/> }.into_any(),
        Page::Case(staff, data) => view! { <CasePage data=data staff=staff/> }.into_any(),
        Page::Admin(staff, data) => view! { <AdminPage data=*data staff=staff/> }.into_any(),
        Page::Dashboard(staff, data) => view! { <DashboardPage data=data staff=staff/> }.into_any(),
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let locale = use_locale();
    let other = locale.other();
    view! {
        <a class="skip-link" href="#main">{locale.t(s::SKIP_TO_CONTENT)}</a>
        <header class="site-header">
            <a class="site-name" href="/">{locale.t(s::SITE_NAME)}</a>
            <span class="switches">
                <button type="button" class="read-aloud" data-speak="">
                    {locale.t(texts::READ_ALOUD)}
                </button>
                // 大字 / 标准字: a link, so it works without a script (context::LargeText).
                {if use_large_text() {
                    view! { <a class="text-size" href="?text=normal" data-text-size="large">{locale.t(texts::NORMAL_TEXT)}</a> }
                } else {
                    view! { <a class="text-size" href="?text=large" data-text-size="normal">{locale.t(texts::LARGE_TEXT)}</a> }
                }}
                <a class="language" href=format!("?lang={}", other.code()) lang=other.tag() hreflang=other.tag()>
                    {locale.t(s::SWITCH_LANGUAGE)}
                </a>
            </span>
        </header>
        <main id="main" tabindex="-1">
            {match use_context::<Page>() {
                Some(page) => own_page(page),
                None => view! {
                    <Router>
                        <Routes fallback=NotFound>
                            <Route path=path!("/") view=|| view! { <CheckPage/> }/>
                            <Route path=path!("/apply") view=ApplyPage/>
                            <Route path=path!("/track") view=TrackRoute/>
                            <Route path=path!("/offline") view=OfflinePage/>
                        </Routes>
                    </Router>
                }
                .into_any(),
            }}
        </main>
        <footer class="site-footer">
            <p>{locale.t(texts::POLICY_2019_47_JIANGJIN_DISTRICT)}</p>
            <p>
                {locale.t(texts::DISTRICT_LINE_IN_FOOTER)}" "
                <a href=format!("tel:{}", crate::domain::town_contact::DISTRICT_LINE)>
                    {crate::domain::town_contact::DISTRICT_LINE}
                </a>
            </p>
            <p>
                <a href="/publicity">{locale.t(texts::DECISIONS_PUBLISHED)}</a>
                " · "
                <a href="/staff/login">{locale.t(texts::STAFF_SIGN_IN)}</a>
            </p>
        </footer>
    }
}
