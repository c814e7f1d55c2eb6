use crate::context::{SiteContext, use_locale};
use crate::i18n::strings as s;
use leptos::prelude::*;
use leptos_meta::Title;

/// How to apply today. The online application replaces the first part of this page when it
/// is built; until then a resident is told exactly where to go and what to bring.
#[component]
pub fn ApplyPage() -> impl IntoView {
    let locale = use_locale();
    let site = expect_context::<SiteContext>();
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
    let deadlines = days.map(|(accept, review)| locale.pick(
        format!("急难型申请，镇街一般在 {accept} 个工作日内受理，可以先行救助；其他申请在 {review} 个工作日内完成调查。"),
        format!("Your town usually accepts an emergency application within {accept} working day(s) and can pay an advance; other applications are investigated within {review} working days."),
    ));
    view! {
        <Title text=format!("{} - {}", locale.t(s::APPLY_PAGE_TITLE), locale.t(s::SITE_NAME))/>
        <h1>{locale.t(s::APPLY_PAGE_TITLE)}</h1>
        <p class="lead">{locale.pick(
            "网上申请即将开通。现在请到您所在镇街的便民服务中心（社会事务办）申请，也可以请家人代为申请。",
            "Online applications are coming soon. For now, apply at your town's service centre (社会事务办); a relative can apply for you.",
        )}</p>
        <h2>{locale.pick("请带上", "Bring")}</h2>
        <ul class="list">
            <li>{locale.pick("申请人身份证、户口簿", "The applicant's ID card and household register (户口簿)")}</li>
            <li>{locale.pick("急难型：火灾、事故证明或医院诊断书等", "Emergency: the fire or police certificate, or the hospital's diagnosis")}</li>
            <li>{locale.pick("支出型：医疗费用票据、报销结算单或学费票据", "Expense-based: medical bills and reimbursement statements, or school fee receipts")}</li>
            <li>{locale.pick("银行卡或存折（用于发放救助金）", "A bank card or passbook for the payment")}</li>
        </ul>
        <h2>{locale.pick("接下来会怎样", "What happens next")}</h2>
        <p>{deadlines}</p>
        <p><a href="/">{locale.t(s::BACK_HOME)}</a></p>
    }
}
