use crate::context::{SiteContext, use_locale};
use crate::i18n::strings as s;
use crate::paths;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Before you start: what the application asks, what to have at hand, and the start button.
#[component]
pub fn ApplyPage() -> impl IntoView {
    let locale = use_locale();
    let site = expect_context::<SiteContext>();
    let aid_type = use_query_map()
        .with_untracked(|q| q.get("type"))
        .unwrap_or_default();
    let days = site
        .parameters
        .on(site.today)
        .map(|p| {
            (
                p.deadline_accept_emergency_working_days,
                p.deadline_town_review_working_days,
            )
        })
        .ok();
    let deadlines = days.map(|(accept, review)| {
        locale.pick(
            format!("急难型申请，镇街一般在 {accept} 个工作日内受理，可以先行救助；其他申请在 {review} 个工作日内完成调查。"),
            format!("Your town usually accepts an emergency application within {accept} working day(s) and can pay an advance; other applications are investigated within {review} working days."),
        )
    });
    view! {
        <Title text=format!("{} - {}", locale.t(s::APPLY_PAGE_TITLE), locale.t(s::SITE_NAME))/>
        <h1>{locale.t(s::APPLY_PAGE_TITLE)}</h1>
        <p class="lead">{locale.pick(
            "在手机上大约 10 分钟可以填完。可以替家人申请。填到一半关掉也没关系，回到这里会接着填。",
            "It takes about 10 minutes on a phone. You can apply for a relative. If you stop halfway, you can carry on where you left off.",
        )}</p>
        <h2>{locale.pick("请准备好", "Have these ready")}</h2>
        <ul class="list">
            <li>{locale.pick("申请人和家人的身份证号码", "The ID card numbers of the applicant and the family")}</li>
            <li>{locale.pick("全家过去 12 个月的收入和现在的存款", "The household's income over the last 12 months and its savings")}</li>
            <li>{locale.pick("急难型：事情发生的日期和经过；支出型：花费和报销的金额", "Emergency: when and what happened; expense-based: what was spent and reimbursed")}</li>
            <li>{locale.pick("收款的银行卡", "The bank card for the payment")}</li>
        </ul>
        <h2>{locale.pick("接下来会怎样", "What happens next")}</h2>
        <p>{deadlines}</p>
        <form method="post" action=paths::APPLY_START>
            <input type="hidden" name="aid_type" value=aid_type/>
            <button type="submit" class="button">{locale.pick("开始申请", "Start now")}</button>
        </form>
        <p>{locale.pick("也可以到所在镇街的便民服务中心（社会事务办）当面申请。", "You can also apply in person at your town's service centre (社会事务办).")}</p>
        <p><a href=paths::TRACK>{locale.pick("已经申请过？查询进度", "Applied already? Track your application")}</a></p>
    }
}
