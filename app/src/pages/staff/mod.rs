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
use crate::paths;
use crate::rules::Money;
use leptos::prelude::*;

pub fn status_label(locale: Locale, status: Status) -> &'static str {
    match status {
        Status::Submitted => locale.pick("待受理", "To accept"),
        Status::Accepted => locale.pick("已受理", "Accepted"),
        Status::Investigating => locale.pick("调查核实中", "Investigating"),
        Status::WaitingForDocuments => locale.pick("待补充材料", "Waiting for documents"),
        Status::Recommended => locale.pick("待审批", "Awaiting approval"),
        Status::Approved => locale.pick("已批准待发放", "Approved, to pay"),
        Status::Rejected => locale.pick("不予救助", "Rejected"),
        Status::Paid => locale.pick("已发放", "Paid"),
        Status::Withdrawn => locale.pick("已撤回", "Withdrawn"),
    }
}

pub fn level_label(locale: Locale, level: Level) -> &'static str {
    match level {
        Level::Town => locale.pick("镇街", "Town"),
        Level::Bureau => locale.pick("区民政局", "District civil-affairs bureau"),
        Level::Government => locale.pick("区政府", "District government"),
    }
}

pub fn role_label(locale: Locale, role: Role) -> &'static str {
    match role {
        Role::Caseworker => locale.pick("经办人", "Caseworker"),
        Role::Head => locale.pick("负责人", "Head"),
        Role::Reviewer => locale.pick("区民政局审核", "Reviewer (civil-affairs bureau)"),
        Role::Approver => locale.pick("区政府审批", "Approver (district government)"),
        Role::Administrator => locale.pick("系统管理员", "Administrator"),
    }
}

pub fn aid_label(locale: Locale, aid: AidType) -> &'static str {
    match aid {
        AidType::Emergency => locale.pick("急难型", "Emergency"),
        AidType::Expense => locale.pick("支出型", "Expense"),
    }
}

pub fn yuan(locale: Locale, amount: Money) -> String {
    locale.pick(format!("{amount} 元"), format!("{amount} yuan"))
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
        <nav class="staff-bar" aria-label=locale.pick("工作人员", "Staff")>
            <a href=home>{locale.pick("工作台", "Work")}</a>
            {(staff.role != Role::Administrator).then(|| view! {
                <a href=paths::STAFF_DASHBOARD>{locale.pick("统计和台账", "Figures and ledger")}</a>
            })}
            <a href=paths::PUBLICITY>{locale.pick("公示", "Published decisions")}</a>
            <span class="who" data-staff=staff.username.clone()>{who}</span>
            <form method="post" action=paths::STAFF_LOGOUT class="inline">
                <input type="hidden" name="csrf" value=csrf_token.clone()/>
                <button type="submit" class="link-button">{locale.pick("退出", "Sign out")}</button>
            </form>
            <form method="post" action=paths::STAFF_LOGOUT_EVERYWHERE class="inline">
                <input type="hidden" name="csrf" value=csrf_token/>
                <button type="submit" class="link-button">{locale.pick("退出所有设备", "Sign out everywhere")}</button>
            </form>
        </nav>
    }
}
