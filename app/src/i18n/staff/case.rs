//! The words of a caseworker's case page.

use crate::domain::message_kind::{Channel, MessageKind, MessageStatus};
use crate::domain::messages::ContactReason;
use crate::i18n::{Locale, Text};
use std::fmt::Display;

pub const SUBMITTED: Text = Text("提交申请", "Submitted");
pub const WITHDRAWN_BY_THE_APPLICANT: Text = Text("申请人撤回", "Withdrawn by the applicant");
pub const DOCUMENT_SENT_BY_THE_APPLICANT: Text = Text("申请人补充材料", "Document sent by the applicant");
pub const ACCEPTED: Text = Text("受理", "Accepted");
pub const INVESTIGATION_STARTED: Text = Text("开始调查核实", "Investigation started");
pub const DOCUMENTS_REQUESTED: Text = Text("要求补充材料", "Documents requested");
pub const INVESTIGATION_RESUMED: Text = Text("继续调查核实", "Investigation resumed");
pub const ADVANCE_PAID: Text = Text("先行救助", "Advance paid");
pub const RECOMMENDED: Text = Text("提出审核意见", "Recommended");
pub const FORWARDED: Text = Text("报送上级审批", "Forwarded");
pub const APPROVED: Text = Text("批准", "Approved");
pub const REJECTED: Text = Text("不予救助", "Rejected");
pub const PAID: Text = Text("发放", "Paid");
pub const ASSIGNED: Text = Text("分配经办人", "Assigned");
pub const REQUEST_ITEM_SATISFIED: Text = Text("补充材料记为已收到", "Requested document marked as received");
pub const APPLICANT_CONTACTED: Text = Text("已电话联系申请人", "Applicant phoned");

pub fn amount(locale: Locale, amount: impl Display) -> String {
    locale.pick(format!("金额 {amount}"), format!("amount {amount}"))
}

pub fn advance(locale: Locale, amount: impl Display) -> String {
    locale.pick(format!("已先行救助 {amount}"), format!("advance {amount}"))
}

pub fn paid_now(locale: Locale, amount: impl Display) -> String {
    locale.pick(format!("本次发放 {amount}"), format!("paid now {amount}"))
}

/// Who did a step, when it was not a member of staff (whose account name is shown).
pub const ACTOR_APPLICANT: Text = Text("申请人", "Applicant");
pub const ACTOR_SYSTEM: Text = Text("系统", "The portal");

/// What a member of staff opened, in the case's access record.
pub const OPENED_THE_CASE: Text = Text("查看案件", "opened the case");

pub fn opened_document(locale: Locale, id: impl Display) -> String {
    locale.pick(format!("查看材料 {id}"), format!("opened document {id}"))
}

pub const DOCUMENTS_DETAIL: Text = Text("材料", "documents");
pub const REASONS_FOR_THE_DECIDING_OFFICE: Text = Text(
    "理由（审批单位会看到；建议金额超过封顶线时必填）",
    "Reasons (the deciding office reads them; required above the cap)",
);
pub const WHY_IT_GOES_UP: Text = Text(
    "报上级的理由（必填，上级会看到）",
    "Why it goes up (required; the next tier reads it)",
);
pub const REASONS_WRITTEN_FOR_YOU: Text = Text(
    "审核意见和报批理由",
    "The recommendation's and referrals' reasons",
);
pub const REASON_DETAIL: Text = Text("理由", "reason");
pub const CALL_NOTE: Text = Text("通话记录", "note of the call");

/// A detail of a timeline step after its label: "材料：…", "documents: …".
pub fn labelled(locale: Locale, label: Text, text: impl Display) -> String {
    locale.pick(format!("{}：{text}", label.0), format!("{}: {text}", label.1))
}

pub fn forwarded_to(locale: Locale, tier: impl Display) -> String {
    locale.pick(format!("报送 {tier}"), format!("to {tier}"))
}
pub const UNASSIGNED: Text = Text("取消分配", "unassigned");

pub fn assigned_to(locale: Locale, who: impl Display) -> String {
    locale.pick(format!("分给 {who}"), format!("to {who}"))
}

pub const ACCEPT: Text = Text("受理", "Accept");
pub const START_THE_INVESTIGATION: Text = Text("开始调查核实", "Start the investigation");
pub const ASK_FOR_DOCUMENTS: Text = Text("要求补充材料", "Ask for documents");
pub const DOCUMENTS_IN_RESUME: Text = Text("材料已齐，继续调查", "Documents in: resume");
pub const PAY_AN_ADVANCE: Text = Text("先行救助", "Pay an advance");
pub const RECOMMEND_AN_AMOUNT: Text = Text("提出审核意见（拟救助金额）", "Recommend an amount");
pub const FORWARD_FOR_APPROVAL: Text = Text("报送上级审批", "Forward for approval");
pub const APPROVE: Text = Text("批准", "Approve");
pub const REJECT: Text = Text("不予救助", "Reject");
pub const RECORD_THE_PAYMENT: Text = Text("记录已发放", "Record the payment");
pub const AMOUNT_YUAN: Text = Text("金额（元）", "Amount (yuan)");

pub fn advance_at_most(locale: Locale, limit: impl Display) -> String {
    locale.pick(
        format!("最多 {limit}（二(八)，先行救助）"),
        format!("At most {limit}"),
    )
}

pub fn tier_limits(
    locale: Locale,
    town: impl Display,
    bureau: impl Display,
    government: impl Display,
) -> String {
    locale.pick(format!("镇街审批不超过 {town}；区民政局不超过封顶线 {bureau}；区政府不超过 {government}（封顶线 3 倍）。"), format!("The town approves up to {town}; the bureau up to the cap, {bureau}; the district government up to {government} (3 × the cap)."))
}

pub fn tier_may_approve(locale: Locale, limit: impl Display) -> String {
    locale.pick(
        format!("本级最多可批准 {limit}"),
        format!("This tier may approve up to {limit}"),
    )
}

pub const ANYTHING_ELSE_THE_APPLICANT_READS: Text = Text(
    "其他需要的材料（写明，申请人能看到；上面勾了就可以不填）",
    "Anything else needed (the applicant reads it; leave empty if the ticks say it all)",
);
pub const THE_REASON_THE_APPLICANT_READS: Text = Text(
    "不予救助的理由（申请人会看到）",
    "The reason (the applicant reads this)",
);
pub const TIMELINE_AND_AUDIT_TRAIL: Text = Text("办理记录", "Timeline and audit trail");
pub const WHEN: Text = Text("时间", "When");
pub const WHO: Text = Text("操作人", "Who");
pub const WHAT: Text = Text("事项", "What");
pub const DETAILS: Text = Text("内容", "Details");
pub const LIKELY: Text = Text("可能符合", "Likely");
pub const UNLIKELY: Text = Text("可能不符合", "Unlikely");
pub const NOT_APPLICABLE: Text = Text("不适用", "Not applicable");

pub fn comma_indicative_amount(locale: Locale, amount: impl Display) -> String {
    locale.pick(
        format!("，参考金额 {amount}"),
        format!(", indicative amount {amount}"),
    )
}

pub fn under_todays_figures(locale: Locale, today: impl Display) -> String {
    locale.pick(
        format!("按今天（{today}）的现行标准重新核算（申请时的情况不变；请核实后处理，系统不会自动更改）"),
        format!("Assessed again with the figures in force today ({today}), the household as it applied (check it and act: nothing changes by itself)"),
    )
}

pub fn assessment_at_submission(locale: Locale, submitted_on: impl Display) -> String {
    locale.pick(
        format!("提交时（{submitted_on}）按当时的标准算出的结果，以此为准："),
        format!("Worked out when it was submitted ({submitted_on}) with the figures of that day; this is the one that counts:"),
    )
}

pub const NO_SUCH_CASE: Text = Text("找不到案件", "No such case");
pub const THERE_IS_NO_CASE_WITH: Text = Text(
    "没有这个编号的案件，或它不在您的权限范围内。",
    "There is no case with this reference within your town or tier.",
);
pub const BACK_TO_THE_QUEUE: Text = Text("返回待办案件", "Back to the queue");

pub fn deadline_paused(locale: Locale, date: impl Display) -> String {
    locale.pick(
        format!("期限暂停（原定 {date}）"),
        format!("Deadline paused (was {date})"),
    )
}

pub const COMMA_OVERDUE: Text = Text("，已超期", ", overdue");

pub fn due(locale: Locale, date: impl Display, mark: impl Display) -> String {
    locale.pick(format!("办理期限 {date}{mark}"), format!("Due {date}{mark}"))
}

pub const NAME: Text = Text("姓名", "Name");
pub const ID_NUMBER: Text = Text("身份证号码", "ID number");
pub const DATE_OF_BIRTH: Text = Text("出生日期", "Date of birth");
/// The number the town calls: the applicant's, or whoever applied for them (issue 24, item 4).
pub const MOBILE: Text = Text("联系手机", "Contact mobile");
pub const APPLICANTS_OWN_MOBILE: Text = Text("申请人本人的手机", "The applicant's own mobile");
pub const NO_MOBILE: Text = Text("没有", "None");
pub const OPEN_THE_PDF: Text = Text("打开 PDF", "Open the PDF");
pub const POSSIBLE_DUPLICATES: Text = Text("可能重复申请", "Possible duplicates");
pub const SAME_CAUSE_WITHIN_12_MONTHS: Text = Text(
    "同一事由，12 个月内（§4 原则上一年一次）",
    "same cause within 12 months (§4)",
);
pub const SAME_ID_NUMBER: Text = Text("身份证号码相同", "same ID number");
pub const RECOMMENDED_AMOUNT: Text = Text("拟救助金额", "Recommended");
pub const ADVANCE: Text = Text("先行救助", "Advance");
pub const APPROVED_AMOUNT: Text = Text("批准金额", "Approved");
pub const ADVANCE_PAPERWORK_DUE: Text = Text("先行救助补办手续期限", "Advance paperwork due");
pub const ASSIGNED_TO: Text = Text("经办人", "Assigned to");
pub const NOBODY: Text = Text("未分配", "Nobody");
pub const ASSIGN: Text = Text("分配", "Assign");
pub const THAT_COULD_NOT_BE_DONE: Text = Text("未能完成", "That could not be done");

pub fn case_title(locale: Locale, reference: impl Display) -> String {
    locale.pick(format!("案件 {reference}"), format!("Case {reference}"))
}

pub const URGENT: Text = Text("急", "Urgent");
pub const WHAT_YOU_CAN_DO: Text = Text("可以进行的操作", "What you can do");
pub const THERE_IS_NOTHING_FOR_YOU: Text = Text(
    "您现在没有可以进行的操作。",
    "There is nothing for you to do on this case now.",
);
pub const APPLICANT: Text = Text("申请人", "Applicant");
pub const HOUSEHOLD: Text = Text("家庭成员", "Household");
pub const RELATIONSHIP: Text = Text("关系", "Relationship");
pub const AGE: Text = Text("年龄", "Age");
pub const SITUATION: Text = Text("情况", "Situation");
pub const CIRCUMSTANCES: Text = Text("困难情况", "Circumstances");
pub const DOCUMENTS: Text = Text("材料", "Documents");
pub const ASSESSMENT: Text = Text("系统评估", "Assessment");
pub const WHO_OPENED_THIS_CASE: Text = Text("查阅记录", "Who opened this case");
pub const MESSAGES: Text = Text("通知和短信", "Messages and texts");
pub const NO_MESSAGES: Text = Text("还没有通知。", "No messages yet.");
pub const TO_WHOM: Text = Text("发给", "To");
pub const WHERE_IT_STANDS: Text = Text("状态", "Status");
pub const TO_THE_APPLICANT: Text = Text("申请人", "The applicant");

pub fn to_duty_phone(locale: Locale, masked: impl Display) -> String {
    locale.pick(format!("值班电话 {masked}"), format!("Duty phone {masked}"))
}

/// "联系申请人": the heading of the case's notice and the queue's tag.
pub const CONTACT_THE_APPLICANT: Text = Text("联系申请人", "Contact the applicant");
pub const RECORD_THE_CALL: Text = Text("记录通话", "Record the call");
pub const WHAT_WAS_SAID: Text = Text("通话内容（打给谁、说了什么）", "What was said, and to whom");
pub const DOCUMENTS_ASKED_FOR: Text = Text("补充材料", "Documents asked for");
pub const DOCUMENTS_OVERDUE: Text = Text("补充材料已逾期", "Documents overdue");
pub const DOCUMENT: Text = Text("材料", "Document");
pub const DUE_BY: Text = Text("期限", "Due by");
pub const STATE: Text = Text("状态", "State");
pub const ITEM_RECEIVED: Text = Text("已收到", "Received");
pub const ITEM_MARKED_RECEIVED: Text = Text("已记为收到", "Marked as received");
pub const ITEM_MISSING: Text = Text("还缺", "Missing");
pub const ITEM_NEVER_CAME: Text = Text("未收到（已继续调查）", "Never came (investigation went on)");
pub const MARK_RECEIVED: Text = Text("记为已收到", "Mark as received");
pub const ASK_AGAIN: Text = Text("再要一次", "Ask again");

/// The request's deadline passed: say when it was, and that nothing closes by itself.
pub fn documents_were_due(locale: Locale, date: impl Display) -> String {
    locale.pick(
        format!("期限是 {date}。请联系申请人，再决定是继续等待、再要一次还是继续调查。申请不会自动关闭。"),
        format!("They were due on {date}. Contact the applicant, then wait, ask again or go on with the investigation. The case is never closed by itself."),
    )
}
pub const DONE_ITEM_SATISFIED: Text = Text("已记为收到。", "Marked as received.");
pub const DONE_CONTACTED: Text = Text("已记录通话。", "The call is recorded.");
pub const NOTE_NEEDED: Text = Text(
    "请写下通话内容，不超过 500 字。",
    "Write what was said, in 500 characters at most.",
);

/// What a message to the applicant was about, as the "联系申请人" notice names it.
pub fn message_kind_name(locale: Locale, kind: MessageKind) -> &'static str {
    locale.t(match kind {
        MessageKind::Submitted => Text("申请已提交", "application submitted"),
        MessageKind::Accepted => Text("已受理", "accepted"),
        MessageKind::DocumentsRequested => Text("补充材料", "documents requested"),
        MessageKind::DocumentsReminder => Text("补充材料提醒", "documents reminder"),
        MessageKind::AdvancePaid => Text("先行救助已发放", "advance paid"),
        MessageKind::Approved => Text("已批准", "approved"),
        MessageKind::Rejected => Text("未批准", "refused"),
        MessageKind::Paid => Text("救助金已发放", "paid"),
        MessageKind::Withdrawn => Text("已撤回", "withdrawn"),
        MessageKind::DutyAlert => Text("值班提醒", "duty alert"),
        MessageKind::DutyEscalation => Text("督办提醒", "escalation"),
    })
}

/// Why the town should phone the applicant, and what to do.
pub fn contact_reason(locale: Locale, reason: ContactReason) -> String {
    match reason {
        ContactReason::Failed(kind) => {
            let what = message_kind_name(locale, kind);
            locale.pick(
                format!("给申请人的短信（{what}）发送失败。请打电话告诉申请人，然后在下面记录通话。"),
                format!("The text to the applicant ({what}) failed. Phone them, then record the call below."),
            )
        }
        ContactReason::Undelivered(kind) => {
            let what = message_kind_name(locale, kind);
            locale.pick(
                format!("给申请人的短信（{what}）一天后仍未送达。请打电话告诉申请人，然后在下面记录通话。"),
                format!("The text to the applicant ({what}) is still not delivered after a day. Phone them, then record the call below."),
            )
        }
    }
}

/// Where a message stands, as the town reads it: the channel and GOV.UK Notify's status.
pub fn message_status(locale: Locale, channel: Channel, status: MessageStatus, attempts: i64) -> String {
    if channel == Channel::Page {
        return locale
            .t(Text("仅在查询页面显示", "On the tracking page only"))
            .to_string();
    }
    let words = match status {
        MessageStatus::Queued => Text("短信排队中", "Text queued"),
        MessageStatus::Sending => Text("短信发送中", "Text sending"),
        MessageStatus::Sent => Text("短信已发出", "Text sent"),
        MessageStatus::Delivered => Text("短信已送达", "Text delivered"),
        MessageStatus::TemporaryFailure => Text("短信暂未发出，将重试", "Text not sent yet; retrying"),
        MessageStatus::PermanentFailure => Text("短信发送失败", "Text failed"),
    };
    match attempts {
        0 | 1 => locale.t(words).to_string(),
        n => locale.pick(
            format!("{}（已尝试 {n} 次）", words.0),
            format!("{} ({n} attempts)", words.1),
        ),
    }
}

pub const DISABLED: Text = Text("残疾", "disabled");
pub const SERIOUSLY_ILL: Text = Text("重病", "seriously ill");
pub const EMPLOYED: Text = Text("就业", "employed");
pub const ABLE_TO_WORK: Text = Text("有劳动能力", "able to work");
pub const NEEDS_CARE: Text = Text("需要照料", "needs care");

/// Who the case is assigned to, or that nobody is.
pub fn assigned_caseworker(locale: Locale, name: Option<&str>) -> String {
    match name {
        Some(name) => locale.pick(format!("经办人：{name}"), format!("Assigned to: {name}")),
        None => locale
            .t(Text("经办人：未分配", "Assigned to: nobody"))
            .to_string(),
    }
}

/// The request for documents: which kind the resident's upload offers first.
pub const WHICH_KINDS_OF_DOCUMENT: Text = Text("需要哪些材料（可多选）", "Which documents (tick any)");

// What the case page confirms after an action.
pub const DONE_ACCEPT: Text = Text("已受理。", "Accepted.");
pub const DONE_INVESTIGATE: Text = Text("已开始调查核实。", "Investigation started.");
pub const DONE_REQUEST_DOCUMENTS: Text = Text(
    "已通知申请人补充材料，期限暂停计算。",
    "The applicant was asked for documents; the deadline is paused.",
);
pub const DONE_RESUME: Text = Text("已继续调查核实。", "The investigation goes on.");
pub const DONE_PAY_ADVANCE: Text = Text("已记录先行救助。", "The advance was recorded.");
pub const DONE_RECOMMEND: Text = Text("已提出审核意见。", "Recommendation recorded.");
pub const DONE_FORWARD: Text = Text("已报送上级审批。", "Forwarded for approval.");
pub const DONE_APPROVE: Text = Text("已批准。", "Approved.");
pub const DONE_REJECT: Text = Text("已决定不予救助。", "Rejected.");
pub const DONE_PAY: Text = Text("已记录发放。", "Payment recorded.");

/// A staff form that could not be read at all (a tampered or truncated post).
pub const FORM_UNREADABLE: Text = Text(
    "表单内容无法识别，没有处理。请返回并刷新后再试。",
    "The form could not be read, so nothing was done. Go back, reload and try again.",
);

/// Why an action on a case was refused (`domain::review::Refusal`, `ActionForm::read`).
pub mod refusals {
    use crate::i18n::{Text, Words};
    use std::fmt::Display;

    pub const CHOOSE_AN_ACTION: Text = Text("请选择一项操作。", "Choose an action.");
    pub const AMOUNT_MISSING: Text = Text("请填写金额。", "Enter the amount.");
    pub const NOT_YOUR_CASE: Text = Text(
        "找不到该申请，或不在您的权限范围内。",
        "No such application within your town or tier.",
    );
    pub const NOT_YOUR_ROLE: Text = Text("您的角色不能进行此操作。", "Your role cannot do this.");
    pub const NOT_NOW: Text = Text(
        "该申请当前的状态不允许此操作，请刷新页面。",
        "The application's status does not allow this now; reload the page.",
    );
    pub const ADVANCE_ONLY_FOR_EMERGENCIES: Text = Text(
        "只有急难型救助可以先行救助。",
        "Only emergency aid can receive an advance.",
    );
    pub const ADVANCE_ALREADY_PAID: Text = Text(
        "该申请已发放过先行救助。",
        "An advance has already been paid on this application.",
    );
    pub const AMOUNT_NOT_POSITIVE: Text = Text("请填写大于 0 的金额。", "Enter an amount above 0.");

    pub fn above_your_tier(limit: impl Display) -> Words {
        Words::new(
            format!("该金额超出本级审批权限（最多 {limit} 元），请报送上级。"),
            format!("That amount is above what this tier may approve ({limit} yuan); forward it."),
        )
    }

    pub fn above_ceiling(limit: impl Display) -> Words {
        Words::new(
            format!("救助额不得超过封顶线的 3 倍，即 {limit} 元（二(八)）。"),
            format!("Aid may not exceed 3 × the cap, {limit} yuan (二(八))."),
        )
    }

    pub fn above_advance_limit(limit: impl Display) -> Words {
        Words::new(
            format!("先行救助最多 {limit} 元。"),
            format!("An advance is at most {limit} yuan."),
        )
    }

    pub const RECOMMENDER_MAY_NOT_APPROVE: Text = Text(
        "提出审核意见的人不能审批同一申请。",
        "Whoever recommended a case may not approve it.",
    );
    pub const NO_HIGHER_TIER_NEEDED: Text = Text(
        "该金额在本级审批权限内，无需报送上级。",
        "This amount is within this tier's authority; decide it here.",
    );
    pub const REASON_REQUIRED: Text = Text(
        "请写明不予救助的理由，申请人会看到。",
        "Give the reason; the applicant will read it.",
    );
    pub const WRITTEN_REASON_REQUIRED: Text = Text(
        "请写明理由：报上级审批，以及超过封顶线的建议金额，都要写明理由，审批单位会看到。",
        "Give your reasons: a referral upwards, and a recommendation above the cap, need them in writing; the deciding office reads them.",
    );
    pub const WHAT_REQUIRED: Text = Text(
        "请写明需要申请人补充的材料。",
        "Say which documents the applicant should send.",
    );
}
