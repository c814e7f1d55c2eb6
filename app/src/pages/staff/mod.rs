//! Staff pages: sign-in, the queue, the case and the administrator's page. Server-rendered
//! forms only, for a desk browser or a tablet; nothing here needs WASM.

mod admin;
mod case;
mod dashboard;
mod login;
mod queue;

pub use admin::AdminPage;
pub use case::CasePage;
pub use dashboard::DashboardPage;
pub use login::LoginPage;
pub use queue::QueuePage;

use crate::context::StaffContext;
use crate::domain::AidType;
use crate::domain::review::{Level, Role, Status};
use crate::i18n::Locale;
use crate::i18n::staff as texts;
use crate::paths;
use crate::rules::Money;
use leptos::prelude::*;

pub fn status_label(locale: Locale, status: Status) -> &'static str {
    match status {
        Status::Submitted => locale.t(texts::TO_ACCEPT),
        Status::Accepted => locale.t(texts::ACCEPTED),
        Status::Investigating => locale.t(texts::INVESTIGATING),
        Status::WaitingForDocuments => locale.t(texts::WAITING_FOR_DOCUMENTS),
        Status::Recommended => locale.t(texts::AWAITING_APPROVAL),
        Status::Approved => locale.t(texts::APPROVED_TO_PAY),
        Status::Rejected => locale.t(texts::REJECTED),
        Status::Paid => locale.t(texts::PAID),
        Status::Withdrawn => locale.t(texts::WITHDRAWN),
    }
}

pub fn level_label(locale: Locale, level: Level) -> &'static str {
    match level {
        Level::Town => locale.t(texts::TOWN),
        Level::Bureau => locale.t(texts::DISTRICT_CIVIL_AFFAIRS_BUREAU),
        Level::Government => locale.t(texts::DISTRICT_GOVERNMENT),
    }
}

pub fn role_label(locale: Locale, role: Role) -> &'static str {
    match role {
        Role::Caseworker => locale.t(texts::CASEWORKER),
        Role::Head => locale.t(texts::HEAD),
        Role::Reviewer => locale.t(texts::REVIEWER_CIVIL_AFFAIRS_BUREAU),
        Role::Approver => locale.t(texts::APPROVER_DISTRICT_GOVERNMENT),
        Role::Administrator => locale.t(texts::ADMINISTRATOR),
    }
}

pub fn aid_label(locale: Locale, aid: AidType) -> &'static str {
    match aid {
        AidType::Emergency => locale.t(texts::EMERGENCY),
        AidType::Expense => locale.t(texts::EXPENSE),
    }
}

pub fn yuan(locale: Locale, amount: Money) -> String {
    texts::yuan(locale, amount)
}

/// The bar above every staff page: who is signed in, where to go, and signing out.
#[component]
pub fn StaffBar(locale: Locale, staff: StaffContext) -> impl IntoView {
    let StaffContext { staff, csrf_token } = staff;
    let who = format!(
        "{} · {}{}",
        staff.display_name,
        role_label(locale, staff.role),
        staff.town.as_ref().map(|t| format!(" · {t}")).unwrap_or_default()
    );
    let home = if staff.role == Role::Administrator {
        paths::STAFF_ADMIN
    } else {
        paths::STAFF
    };
    view! {
        <nav class="staff-bar" aria-label=locale.t(texts::STAFF)>
            <a href=home>{locale.t(texts::WORK)}</a>
            {(staff.role != Role::Administrator).then(|| view! {
                <a href=paths::STAFF_DASHBOARD>{locale.t(texts::FIGURES_AND_LEDGER)}</a>
            })}
            <a href=paths::PUBLICITY>{locale.t(texts::PUBLISHED_DECISIONS)}</a>
            <span class="who" data-staff=staff.username.clone()>{who}</span>
            <form method="post" action=paths::STAFF_LOGOUT class="inline">
                <input type="hidden" name="csrf" value=csrf_token.clone()/>
                <button type="submit" class="link-button">{locale.t(texts::SIGN_OUT)}</button>
            </form>
            <form method="post" action=paths::STAFF_LOGOUT_EVERYWHERE class="inline">
                <input type="hidden" name="csrf" value=csrf_token/>
                <button type="submit" class="link-button">{locale.t(texts::SIGN_OUT_EVERYWHERE)}</button>
            </form>
        </nav>
    }
}
