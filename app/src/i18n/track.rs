//! The words of the tracking page a resident or a family member reads.

use super::{Locale, Text};
use std::fmt::Display;

pub const APPLICATION_SUBMITTED: Text = Text("提交申请", "Application submitted");
pub const WITHDRAWN_BY_THE_APPLICANT: Text = Text("申请人撤回申请", "Withdrawn by the applicant");
pub const DOCUMENT_ADDED: Text = Text("补充材料", "Document added");
pub const ACCEPTED_BY_YOUR_TOWN: Text = Text("镇街已受理", "Accepted by your town");
pub const YOUR_TOWN_STARTED_CHECKING: Text = Text("镇街开始调查核实", "Your town started checking");
pub const YOUR_TOWN_ASKED_FOR_DOCUMENTS: Text = Text("镇街要求补充材料", "Your town asked for documents");
pub const YOUR_TOWN_IS_CHECKING_AGAIN: Text = Text("镇街继续调查核实", "Your town is checking again");
pub const AN_ADVANCE_WAS_PAID: Text = Text("先行发放救助金", "An advance was paid");
pub const YOUR_TOWN_MADE_ITS_RECOMMENDATION: Text =
    Text("镇街已提出审核意见", "Your town made its recommendation");
pub const SENT_FOR_APPROVAL: Text = Text("已报上级审批", "Sent for approval");
pub const AID_APPROVED: Text = Text("批准救助", "Aid approved");
pub const AID_NOT_APPROVED: Text = Text("不予救助", "Aid not approved");
pub const AID_PAID: Text = Text("救助金已发放", "Aid paid");
pub const PROGRESS: Text = Text("处理进展", "Progress");

pub fn reason(locale: Locale, reason: impl Display) -> String {
    locale.pick(format!("理由：{reason}"), format!("Reason: {reason}"))
}

pub fn needed(locale: Locale, what: impl Display) -> String {
    locale.pick(format!("需要：{what}"), format!("Needed: {what}"))
}

pub fn yuan(locale: Locale, amount: impl Display) -> String {
    locale.pick(format!("{amount} 元"), format!("{amount} yuan"))
}

pub const REFERENCE_OR_ID_NUMBER: Text = Text(
    "申请编号，或申请人的身份证号码",
    "Reference number, or the applicant's ID number",
);
pub const FOR_EXAMPLE_LZ_7K4_M9Q: Text = Text(
    "例如 LZ-7K4-M9Q-XRC。忘了编号的，填申请人的 18 位身份证号码也可以。",
    "For example LZ-7K4-M9Q-XRC. Lost it? The applicant's 18-character ID number works too.",
);
pub const LAST_FOUR_DIGITS_OF_THE: Text = Text("手机号码后四位", "Last four digits of the mobile number");
pub const TRACK: Text = Text("查询", "Track");
pub const FAMILY_LINK_SHOWS_PROGRESS_ONLY: Text = Text(
    "家人查看链接（只显示进度，不显示身份证和手机号码）：",
    "Family link (shows progress only, no ID or phone number):",
);
pub const COPY_THE_LINK: Text = Text("复制链接", "Copy the link");
pub const SHARE_WITH_FAMILY: Text = Text("分享给家人", "Share with your family");
pub const FAMILY_LINK_TITLE: Text = Text("临时救助申请进度", "Temporary assistance: progress");
pub const LINK_COPIED: Text = Text(
    "链接已复制，可以粘贴到微信或短信里发给家人。",
    "The link is copied: paste it into WeChat or a text message to your family.",
);
pub const SCAN_TO_OPEN: Text = Text(
    "家人在旁边的话，用他们的手机扫这个二维码就能打开。",
    "A relative beside you can scan this code with their phone to open it.",
);
pub const COPY_THIS_LINK_TO_YOUR: Text = Text(
    "复制这个链接发给家人。请妥善保管，知道链接的人都能查看进度。",
    "Copy this link to your family. Anyone with the link can see the progress.",
);

pub fn family_links_revoked(locale: Locale, n: impl Display) -> String {
    locale.pick(
        format!("已撤销 {n} 个家人查看链接。"),
        format!("{n} family links were revoked."),
    )
}

pub const REVOKE_ALL_FAMILY_LINKS: Text = Text("撤销所有家人查看链接", "Revoke all family links");
pub const CREATE_A_LINK_FOR_YOUR: Text = Text("生成家人查看链接", "Create a link for your family");

pub fn family_links_that_work(locale: Locale, active: impl Display) -> String {
    locale.pick(
        format!("有效的家人查看链接：{active} 个。"),
        format!("Family links that work: {active}."),
    )
}

pub const YOUR_TOWN_ASKS_FOR_THESE: Text =
    Text("镇街需要您补充材料：", "Your town asks for these documents:");
pub const SEND_DOCUMENTS: Text = Text("补充材料", "Send documents");
pub const RECEIVED: Text = Text("✓ 已收到", "✓ Received");
pub const STILL_MISSING: Text = Text("还缺", "Still missing");
pub const DOCUMENTS_YOUR_TOWN_HAS: Text = Text("镇街已收到的材料", "Documents your town has");
pub const MATCH_WHAT_THE_TOWN_ASKED: Text =
    Text("按镇街要的材料自动归类", "Match it to what the town asked for");
pub const WHEN_YOU_HAVE_SENT_EVERYTHING: Text = Text(
    "要的材料都上传了（或已经交到镇街），请按下面的按钮告诉镇街。",
    "When you have sent everything asked for (or taken it to the town office), tell the town with this button.",
);
pub const ALL_SENT: Text = Text("已全部上传", "I have sent everything");

/// The request's deadline, for the applicant.
pub fn send_them_by(locale: Locale, date: impl Display) -> String {
    locale.pick(
        format!("请在 {date} 前补充。过了期限镇街会联系您，申请不会自动作废。"),
        format!("Please send them by {date}. After that your town will contact you; the application is not closed by itself."),
    )
}
pub const WHAT_IS_IT: Text = Text("这是什么材料", "What is it");
pub const TAKE_OR_CHOOSE_A_PHOTO: Text = Text(
    "拍照或选择照片（可以一次选几张）",
    "Take or choose photos (several at once is fine)",
);
pub const UPLOAD: Text = Text("上传", "Upload");

pub fn application_title(locale: Locale, reference: impl Display) -> String {
    locale.pick(format!("申请 {reference}"), format!("Application {reference}"))
}

pub fn applicant_town(locale: Locale, name: impl Display, town: impl Display) -> String {
    locale.pick(
        format!("申请人：{name}　镇街：{town}"),
        format!("Applicant: {name} · Town: {town}"),
    )
}
pub const WITHDRAW_THE_APPLICATION: Text = Text("撤回申请", "Withdraw the application");
pub const NO_LONGER_NEED_HELP: Text = Text("不再需要救助？", "No longer need help?");
pub const ARE_YOU_SURE_YOU_WANT_TO_WITHDRAW: Text = Text(
    "确定要撤回这个申请吗？",
    "Are you sure you want to withdraw this application?",
);
pub const WITHDRAWING_CANNOT_BE_UNDONE: Text = Text(
    "撤回后，镇街不再处理这个申请，也不能恢复。如果以后还需要救助，要重新申请。",
    "Once withdrawn, your town stops working on it and it cannot be restored. If you need help later, you will have to apply again.",
);
pub const YES_WITHDRAW_IT: Text = Text("确定撤回", "Yes, withdraw it");
pub const NO_KEEP_IT: Text = Text("不撤回，返回查看进度", "No, keep it and go back");
pub const APPLICATION_PROGRESS: Text = Text("申请进度", "Application progress");
pub const THIS_LINK_IS_NOT_VALID: Text = Text(
    "这个链接无效。请向申请人要一个新的链接。",
    "This link is not valid. Ask the applicant for a new one.",
);
pub const THE_SERVICE_IS_UNAVAILABLE_PLEASE: Text = Text(
    "服务暂时不可用，请稍后再试。",
    "The service is unavailable; please try again later.",
);
pub const NO_APPLICATION_MATCHES_CHECK_THE: Text = Text(
    "没有找到这个申请。请核对申请编号（或身份证号码）和手机号码后四位。",
    "No application matches. Check the reference number (or the ID number) and the last four digits.",
);
pub const TOO_MANY_ATTEMPTS_PLEASE_TRY: Text = Text(
    "查询次数太多，请过几分钟再试。",
    "Too many attempts; please try again in a few minutes.",
);
pub const TRACK_AN_APPLICATION: Text = Text("查询申请进度", "Track an application");

// A status as the applicant reads it: its name, and what happens next.
pub const STATUS_SUBMITTED: Text = Text("已提交", "Submitted");
pub const STATUS_SUBMITTED_NEXT: Text = Text("等待镇街受理。", "Waiting for your town to accept it.");
pub const STATUS_ACCEPTED: Text = Text("已受理", "Accepted");
pub const STATUS_ACCEPTED_NEXT: Text = Text(
    "镇街正在安排调查核实。",
    "Your town is arranging the investigation.",
);
pub const STATUS_INVESTIGATING: Text = Text("调查核实中", "Being investigated");
pub const STATUS_INVESTIGATING_NEXT: Text =
    Text("镇街会上门或电话了解情况。", "Your town will visit or call you.");
pub const STATUS_WAITING_FOR_DOCUMENTS: Text = Text("需要补充材料", "Documents needed");
pub const STATUS_WAITING_FOR_DOCUMENTS_NEXT: Text =
    Text("请按要求补充材料。", "Please send the documents asked for.");
pub const STATUS_RECOMMENDED: Text = Text("等待审批", "Awaiting approval");
pub const STATUS_RECOMMENDED_NEXT: Text = Text("已报审批单位决定。", "The approving office is deciding.");
pub const STATUS_APPROVED: Text = Text("已批准", "Approved");
pub const STATUS_APPROVED_NEXT: Text = Text(
    "救助金将打到您的账户。",
    "The money will be paid into your account.",
);
pub const STATUS_REJECTED: Text = Text("未获批准", "Not approved");
pub const STATUS_REJECTED_NEXT: Text = Text(
    "可以查看原因；如有异议可以向镇街反映。",
    "You can read the reason and raise it with your town.",
);
pub const STATUS_PAID: Text = Text("已发放", "Paid");
pub const STATUS_PAID_NEXT: Text = Text("救助金已打到您的账户。", "The money has been paid.");
pub const STATUS_WITHDRAWN: Text = Text("已撤回", "Withdrawn");
pub const STATUS_WITHDRAWN_NEXT: Text = Text(
    "申请已撤回，不会再处理。",
    "The application was withdrawn and will not be processed.",
);

// What the tracking page says after an upload.
pub const DOCUMENT_RECEIVED: Text = Text("已收到您的材料。", "Your document was received.");
pub const SAVING_FAILED: Text = Text("保存失败，请再试一次。", "Saving failed; please try again.");

// Where the application is now (issue 24, item 11): who has it, since when, by when, what next;
// once approved, how much, into which account and when; once paid, when.
pub const WHO_HAS_IT_NOW: Text = Text("现在由谁办理", "Who has it now");
pub const SINCE: Text = Text("从什么时候起", "Since");
pub const BY_WHEN: Text = Text("最晚什么时候", "By when");
pub const WHAT_HAPPENS_NEXT: Text = Text("接下来", "What happens next");
pub const YOU_SEND_THE_DOCUMENTS: Text = Text("您（请补充材料）", "You (please send the documents)");
pub const NOBODY_IT_IS_OVER: Text = Text("已办结", "Nobody: it is finished");
pub const AMOUNT_APPROVED: Text = Text("批准金额", "Amount approved");
pub const STILL_TO_BE_PAID: Text = Text("还要发放", "Still to be paid");
pub const PAID_INTO: Text = Text("打到", "Paid into");
pub const EXPECTED_PAYMENT: Text = Text("预计发放", "Expected payment");
pub const AMOUNT_PAID: Text = Text("已发放", "Amount paid");
pub const DATE_PAID: Text = Text("发放日期", "Date paid");
pub const WHAT_HAS_HAPPENED: Text = Text("办理记录（最新的在上面）", "What has happened (newest first)");

pub fn town_named(locale: Locale, town: impl Display) -> String {
    locale.pick(format!("{town}（镇街）"), format!("{town} (your town)"))
}

pub fn account_ending(locale: Locale, last4: impl Display) -> String {
    locale.pick(
        format!("尾号 {last4} 的银行卡"),
        format!("the bank card ending {last4}"),
    )
}

pub fn by_about(locale: Locale, date: impl Display) -> String {
    locale.pick(
        format!("{date} 前后（估计，以镇街通知为准）"),
        format!("around {date} (an estimate; your town will confirm)"),
    )
}

/// The family page's first line (issue 24, item 14): what 临时救助 is, for a relative who was
/// only sent a link.
pub const WHAT_TEMPORARY_ASSISTANCE_IS: Text = Text(
    "临时救助是政府对因火灾、事故、突发重病或看病上学大额支出，一时生活困难的家庭给予的应急帮助。这一页是您家人申请的办理进度。",
    "Temporary assistance is the government's emergency help for a household in sudden hardship after a fire, an accident, a serious illness or large medical or school costs. This page shows how your relative's application is going.",
);
pub const APPLICATION_CLOSED_FOR_DOCUMENTS: Text = Text(
    "这份申请已经办结或撤回，不能再补充材料。",
    "This application is decided or withdrawn: no more documents can be sent.",
);

pub fn at_most_family_links(locale: Locale, n: usize) -> String {
    locale.pick(
        format!("最多 {n} 个家人查看链接同时有效；再生成一个，最早的那个就会停用。"),
        format!("At most {n} family links work at once; making another stops the oldest."),
    )
}
