use crate::context::{ConfirmationContext, use_locale};
use crate::domain::AidType;
use crate::i18n::strings as s;
use crate::paths;
use leptos::prelude::*;
use leptos_meta::Title;

/// The reference number, what happens next, and by when.
#[component]
pub fn ConfirmationPage(data: ConfirmationContext) -> impl IntoView {
    let locale = use_locale();
    let ConfirmationContext {
        reference,
        aid_type,
        due_on,
    } = data;
    let next = match aid_type {
        AidType::Emergency => locale.pick(
            format!("镇街会在 {due_on} 前受理您的申请，并打电话联系您。情况紧急的，镇街可以先发一部分救助金（先行救助），材料以后再补。"),
            format!("Your town will accept the application by {due_on} and call you. In an emergency it can pay part of the aid first (先行救助) and take the papers later."),
        ),
        AidType::Expense => locale.pick(
            format!("镇街会受理并调查核实您的申请，在 {due_on} 前完成，然后按金额报相应单位审批。"),
            format!("Your town will accept and investigate the application by {due_on}, then pass it to the right office for approval."),
        ),
    };
    view! {
        <Title text=format!("{} - {}", locale.pick("申请已提交", "Application submitted"), locale.t(s::SITE_NAME))/>
        <div class="panel-confirmation">
            <h1>{locale.pick("申请已提交", "Application submitted")}</h1>
            <p>{locale.pick("您的申请编号", "Your reference number")}</p>
            <p class="reference" data-reference=reference.to_string()>{reference.to_string()}</p>
        </div>
        <p>{locale.pick("请记下这个编号。用它和手机号后四位，随时可以查询进度。", "Write this number down. With it and the last four digits of your mobile number you can track the application at any time.")}</p>
        <h2>{locale.pick("接下来会怎样", "What happens next")}</h2>
        <p>{next}</p>
        <p><a class="button" href=paths::TRACK>{locale.pick("查询进度", "Track your application")}</a></p>
    }
}
