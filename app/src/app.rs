//! The document shell and the routes.

use crate::context::use_locale;
use crate::i18n::strings as s;
use crate::pages::staff::{AdminPage, CasePage, DashboardPage, LoginPage, QueuePage};
use crate::pages::{
    ApplyPage, ApplyStepPage, CheckPage, ConfirmationPage, FamilyPage, NotFound, PublicityPage, TrackPage,
};
use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The HTML document. Only the islands load WASM; the rest is server-rendered HTML.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    provide_context(crate::context::request_locale());
    let locale = use_locale();
    view! {
        <!DOCTYPE html>
        <html lang=locale.tag()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#0b5cad"/>
                <link rel="stylesheet" href="/pkg/portal.css"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
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
            <a class="language" href=format!("?lang={}", other.code()) lang=other.tag() hreflang=other.tag()>
                {locale.t(s::SWITCH_LANGUAGE)}
            </a>
        </header>
        <Router>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=CheckPage/>
                    <Route path=path!("/apply") view=ApplyPage/>
                    // Rendered by the server's own handlers, which load the draft first
                    // (excluded from the generated routes in server/src/http/mod.rs).
                    <Route path=path!("/apply/step/:n") view=ApplyStepPage/>
                    <Route path=path!("/apply/confirmation") view=ConfirmationPage/>
                    <Route path=path!("/track") view=TrackPage/>
                    <Route path=path!("/family/:token") view=FamilyPage/>
                    // Staff pages: each rendered by a handler that checks the session first.
                    <Route path=path!("/staff") view=QueuePage/>
                    <Route path=path!("/staff/login") view=LoginPage/>
                    <Route path=path!("/staff/case/:reference") view=CasePage/>
                    <Route path=path!("/staff/admin") view=AdminPage/>
                    <Route path=path!("/staff/dashboard") view=DashboardPage/>
                    <Route path=path!("/publicity") view=PublicityPage/>
                </Routes>
            </main>
        </Router>
        <footer class="site-footer">
            <p>{locale.pick("政策依据：江津府办发〔2019〕47号", "Policy: 江津府办发〔2019〕47号 (Jiangjin District notice)")}</p>
            <p>
                <a href="/publicity">{locale.pick("救助公示", "Decisions published")}</a>
                " · "
                <a href="/staff/login">{locale.pick("工作人员入口", "Staff sign-in")}</a>
            </p>
        </footer>
    }
}
