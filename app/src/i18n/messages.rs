//! What the portal's messages say (domain::messages): short (one SMS where possible: the
//! provider's signature and 62 characters make 70), with the reference, what happened and what
//! to do next; never a link (residents are taught that links in SMS are scams), never a name,
//! an ID, a card or a phone number. Each is the text of one template registered with the SMS
//! provider, `${reference}` and the like filled from [`Params`] (docs/messages.md lists them).

use super::{Locale, Text};
use crate::domain::message_kind::{MessageKind, Params};

/// The template of each kind in both languages, with `${name}` where a value goes: the same
/// text is registered with the provider, and [`text`] fills it for the page and the log.
pub fn template(kind: MessageKind) -> Text {
    match kind {
        MessageKind::Submitted => Text(
            "您的临时救助申请已提交，编号${reference}。镇街会在${date}前办理，请保存好编号。",
            "Your application for temporary assistance is in: reference ${reference}. The town will act on it by ${date}. Keep the reference.",
        ),
        MessageKind::Accepted => Text(
            "申请${reference}已受理，镇街正在核实。需要补充材料时会再通知您。",
            "Application ${reference} is accepted; the town is checking it and will tell you if it needs documents.",
        ),
        MessageKind::DocumentsRequested => Text(
            "申请${reference}需补充材料：${what}。请在${date}前在查询申请页面上传，或交到镇街。",
            "Application ${reference} needs documents: ${what}. Upload them on the tracking page or bring them to the town office by ${date}.",
        ),
        MessageKind::DocumentsReminder => Text(
            "申请${reference}补充材料的期限是${date}，还缺：${what}。请尽快上传，或交到镇街。",
            "Application ${reference}: the documents are due on ${date} and these are still missing: ${what}. Please send them soon.",
        ),
        MessageKind::AdvancePaid => Text(
            "申请${reference}先行救助${amount}元已发放到您的银行卡，镇街会继续办理。",
            "Application ${reference}: an advance of ${amount} yuan was paid to your bank card; the town carries on with the case.",
        ),
        MessageKind::Approved => Text(
            "申请${reference}已批准，救助金${amount}元，将发放到您填写的银行卡。",
            "Application ${reference} is approved: ${amount} yuan, to be paid to the bank card you gave.",
        ),
        MessageKind::Rejected => Text(
            "申请${reference}未获批准。原因请在查询申请页面查看，或致电镇街。",
            "Application ${reference} was not approved. Read why on the tracking page, or call the town office.",
        ),
        MessageKind::Paid => Text(
            "申请${reference}的救助金${amount}元已发放，请查收。",
            "Application ${reference}: ${amount} yuan has been paid to your bank card.",
        ),
        MessageKind::Withdrawn => Text(
            "申请${reference}已按您的要求撤回。如有需要，可以重新申请。",
            "Application ${reference} is withdrawn, as you asked. You can apply again if you need to.",
        ),
        MessageKind::DutyAlert => Text(
            "急难型临时救助申请${reference}（${town}），请在${date}前受理。",
            "Emergency application ${reference} (${town}): accept it by ${date}.",
        ),
        MessageKind::DutyEscalation => Text(
            "急难型申请${reference}（${town}）尚未受理，受理期限${date}已过半，请督办。",
            "Emergency application ${reference} (${town}) is not accepted yet, half-way to its deadline of ${date}; please follow it up.",
        ),
    }
}

/// The template filled with `params`, in `locale`.
pub fn text(kind: MessageKind, params: &Params, locale: Locale) -> String {
    let values = [
        ("${reference}", Some(params.reference.as_str())),
        ("${town}", params.town.as_deref()),
        ("${date}", params.date.as_deref()),
        ("${amount}", params.amount.as_deref()),
        ("${what}", params.what.as_deref()),
    ];
    let mut text = locale.t(template(kind)).to_string();
    for (name, value) in values {
        text = text.replace(name, value.unwrap_or(""));
    }
    text
}

/// The longest free text of a document request an SMS carries; the tracking page shows it all.
const WHAT_IN_AN_SMS: usize = 12;

/// The start of a caseworker's free text, for an SMS: the page has the rest.
pub fn shortened(what: &str) -> String {
    let what = what.trim();
    if what.chars().count() <= WHAT_IN_AN_SMS {
        what.to_string()
    } else {
        format!("{}…", what.chars().take(WHAT_IN_AN_SMS - 1).collect::<String>())
    }
}

/// What the tracking page says of each message's channel and status.
pub const HEADING: Text = Text("给您的通知", "Messages to you");
pub const HEADING_FOR_FAMILY: Text = Text("发给申请人的通知", "Messages to the applicant");
pub const YOU_GET_TEXTS: Text = Text(
    "这些通知也会用短信发到您填写的手机号码。",
    "These messages also go by text to the mobile number given.",
);
pub const STOP_TEXTS: Text = Text("不再接收短信", "Stop the text messages");
pub const TEXTS_STOPPED: Text = Text(
    "已停止短信。以后的通知只显示在本页。",
    "Text messages stopped. Later messages are shown on this page only.",
);
pub const NONE_YET: Text = Text("还没有通知。", "No messages yet.");
pub const ON_THIS_PAGE: Text = Text("在本页显示", "Shown on this page");
pub const SMS_QUEUED: Text = Text("短信等待发送", "Text message waiting to be sent");
pub const SMS_SENT: Text = Text("短信已发出", "Text message sent");
pub const SMS_DELIVERED: Text = Text("短信已送达", "Text message delivered");
pub const SMS_RETRYING: Text = Text(
    "短信暂未发出，会再试",
    "Text message not sent yet; we will try again",
);
pub const SMS_FAILED: Text = Text(
    "短信发送失败，镇街会联系您",
    "Text message failed; the town will contact you",
);
