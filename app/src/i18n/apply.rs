//! The words of the application journey (start, steps, confirmation).

use super::{Locale, Text, Words};
use std::fmt::Display;

pub fn how_long_it_takes(locale: Locale, accept: impl Display, review: impl Display) -> String {
    locale.pick(format!("急难型申请，镇街一般在 {accept} 个工作日内受理，可以先行救助；其他申请在 {review} 个工作日内完成调查。"), format!("Your town usually accepts an emergency application within {accept} working day(s) and can pay an advance; other applications are investigated within {review} working days."))
}

pub const IT_TAKES_ABOUT_10_MINUTES: Text = Text(
    "在手机上大约 10 分钟可以填完。可以替家人申请。填到一半关掉也没关系，回到这里会接着填。",
    "It takes about 10 minutes on a phone. You can apply for a relative. If you stop halfway, you can carry on where you left off.",
);
pub const HAVE_THESE_READY: Text = Text("请准备好", "Have these ready");
pub const THE_ID_CARD_NUMBERS_OF: Text = Text(
    "申请人和家人的身份证号码",
    "The ID card numbers of the applicant and the family",
);
pub const THE_HOUSEHOLDS_INCOME_OVER_THE: Text = Text(
    "全家过去 12 个月的收入和现在的存款",
    "The household's income over the last 12 months and its savings",
);
pub const EMERGENCY_WHEN_AND_WHAT_HAPPENED: Text = Text(
    "急难型：事情发生的日期和经过；支出型：花费和报销的金额",
    "Emergency: when and what happened; expense-based: what was spent and reimbursed",
);
pub const THE_BANK_CARD_FOR_THE: Text = Text("收款的银行卡", "The bank card for the payment");
pub const WHAT_HAPPENS_NEXT: Text = Text("接下来会怎样", "What happens next");
pub const START_NOW: Text = Text("开始申请", "Start now");
pub const YOU_CAN_ALSO_APPLY_IN: Text = Text(
    "也可以到所在镇街的便民服务中心（社会事务办）当面申请。",
    "You can also apply in person at your town's service centre (社会事务办).",
);

pub fn step_of(locale: Locale, number: impl Display, total: impl Display) -> String {
    locale.pick(
        format!("第 {number} 步，共 {total} 步"),
        format!("Step {number} of {total}"),
    )
}

pub const BACK: Text = Text("返回上一步", "Back");
pub const THERE_IS_A_PROBLEM: Text = Text("请修改以下内容", "There is a problem");
pub const WE_PUT_BACK_WHAT_YOU: Text = Text(
    "已恢复您上次还没提交的内容，请检查后继续。",
    "We put back what you typed last time but had not sent. Check it, then continue.",
);
pub const CONTINUE: Text = Text("继续", "Continue");
pub const SAVE_AND_GO_BACK: Text = Text("保存并返回上一步", "Save and go back");
pub const EMERGENCY_A_FIRE_ACCIDENT_SUDDEN: Text = Text(
    "急难型：火灾、事故、突发重病等意外",
    "Emergency: a fire, accident, sudden illness or other event",
);
pub const EXPENSE_BASED_LARGE_MEDICAL_OR: Text = Text(
    "支出型：看病或上学的大额支出",
    "Expense-based: large medical or education costs",
);
pub const WHICH_KIND_OF_AID: Text = Text("申请哪一类救助", "Which kind of aid");
pub const APPLICANTS_FULL_NAME: Text = Text("申请人姓名", "Applicant's full name");
pub const APPLICANTS_ID_CARD_NUMBER: Text = Text("申请人身份证号码", "Applicant's ID card number");
pub const N18_CHARACTERS_THE_LAST_MAY: Text =
    Text("18 位，最后一位可能是 X。", "18 characters; the last may be X.");
pub const APPLICANTS_MOBILE_NUMBER: Text = Text("申请人的手机号码", "The applicant's mobile number");
pub const USED_TO_TRACK_THE_APPLICATION: Text = Text(
    "为自己申请的，用来查询进度，镇街也会打这个电话。替别人申请、申请人没有手机的，可以不填。",
    "If you apply for yourself: used to track the application, and the town will call it. If you apply for someone without a mobile, leave it empty.",
);
pub const APPLICANTS_TOWN: Text = Text("申请人所在镇街", "The applicant's town or subdistrict");
pub const APPLICANTS_ADDRESS: Text = Text("申请人现在的住址", "The applicant's current address");
pub const ARE_YOU_APPLYING_FOR_YOURSELF: Text = Text(
    "您是为自己申请，还是替别人申请？",
    "Are you applying for yourself or for someone else?",
);
pub const FOR_MYSELF: Text = Text("为自己申请", "For myself");
pub const FOR_SOMEONE_ELSE: Text = Text(
    "替家人或别人申请（例如替没有手机的老人）",
    "For a relative or someone else (for example an older person without a mobile)",
);
pub const IF_YOU_ARE_APPLYING_FOR: Text = Text(
    "先填您自己的信息，下面再填申请人（您替他申请的人）的信息：",
    "First your own details, then those of the applicant (the person you apply for):",
);
pub const YOUR_PHONE_IS_THE_CONTACT: Text = Text(
    "镇街会打这个电话联系您；查询进度时填它的后四位。",
    "Your town will call this number; to track the application, give its last four digits.",
);
pub const YOUR_NAME: Text = Text("您的姓名", "Your name");
pub const Q_STATUS_OF_THE_APPLICANT: Text = Text(
    "申请人家现在是否享受低保或特困供养？",
    "Does the applicant's household get 低保 or 特困 support now?",
);
pub const Q_HOMES_OF_THE_APPLICANT: Text = Text(
    "申请人家除现在住的房子外，还有几套住房",
    "Homes besides the one the applicant lives in",
);
pub const Q_HOUSING_OF_THE_APPLICANT: Text = Text(
    "申请人家现在住房有困难",
    "The applicant's household has housing hardship now",
);
pub const YOUR_RELATIONSHIP_TO_THE_APPLICANT: Text =
    Text("您和申请人的关系", "Your relationship to the applicant");
pub const YOUR_MOBILE_NUMBER: Text = Text("您的手机号码", "Your mobile number");
pub const RELATIONSHIP_TO_THE_APPLICANT: Text = Text("和申请人的关系", "Relationship to the applicant");
pub const FOR_EXAMPLE_SPOUSE_CHILD_PARENT: Text =
    Text("例如：配偶、子女、父母", "For example: spouse, child, parent");
pub const NAME: Text = Text("姓名", "Name");
pub const ID_CARD_NUMBER_IF_THEY: Text =
    Text("身份证号码（没有可以不填）", "ID card number (if they have one)");
pub const AGE_IF_NO_ID_CARD: Text = Text("年龄（没填身份证号码时填写）", "Age (if no ID card number)");
pub const THE_APPLICANT: Text = Text("申请人本人", "The applicant");
pub const HOW_MANY_OTHER_PEOPLE_LIVE: Text = Text(
    "除申请人外，还有几人一起生活",
    "How many other people live with the applicant",
);
pub const UPDATE_THE_NUMBER: Text = Text("更新人数", "Update the number");

pub fn household_member(locale: Locale, number: impl Display) -> String {
    locale.pick(format!("家庭成员 {number}"), format!("Household member {number}"))
}

pub const TELL_US_BRIEFLY_WHAT_HAPPENED: Text = Text(
    "请简单说说发生了什么、现在有什么困难",
    "Tell us briefly what happened and what you are struggling with now",
);
pub const HOW_MUCH_IT_COST_IN: Text = Text(
    "过去 12 个月一共花了多少（元）",
    "How much it cost in the last 12 months (yuan)",
);
pub const HOW_MUCH_OF_IT_WAS: Text = Text(
    "其中报销或赔付了多少（元）",
    "How much of it was reimbursed or paid by insurance (yuan)",
);
pub const MEDICAL_INSURANCE_OTHER_INSURANCE_GRANTS: Text = Text(
    "医保报销、商业保险、奖助学金等；没有就填 0。",
    "Medical insurance, other insurance, grants; write 0 if none.",
);
pub const WHAT_THE_MONEY_WAS_SPENT: Text = Text("这笔钱花在什么上", "What the money was spent on");
pub const FIRST_CHOOSE_THE_KIND_OF: Text = Text(
    "请先在第 1 步选择申请哪一类救助。",
    "First choose the kind of aid in step 1.",
);
pub const GO_TO_STEP_1: Text = Text("去第 1 步", "Go to step 1");
pub const IF_APPROVED_THE_MONEY_IS: Text = Text(
    "批准后，救助金打到这个账户。",
    "If approved, the money is paid into this account.",
);
pub const BANK: Text = Text("开户银行", "Bank");
pub const CARD_NUMBER: Text = Text("银行卡号", "Card number");
pub const ACCOUNT_HOLDER: Text = Text("户名", "Account holder");
pub const DECLARATION_AND_CONSENT: Text = Text("声明和授权", "Declaration and consent");
pub const I_DECLARE_THAT_THESE_ANSWERS: Text = Text(
    "我保证所填内容真实、完整。如有隐瞒或虚报，愿意退回救助金并承担相应责任。我同意民政部门对我家庭的收入、财产等经济状况进行核对（家庭经济状况核对授权）。",
    "I declare that these answers are true and complete; if anything was hidden or false I will repay the aid and accept the consequences. I agree that the civil-affairs department may check my household's income and property (家庭经济状况核对授权).",
);
pub const TYPE_THE_APPLICANTS_NAME_AS: Text = Text(
    "请输入申请人姓名作为签名",
    "Type the applicant's name as a signature",
);
pub const I_AGREE_TO_THE_DECLARATION: Text = Text(
    "我同意以上声明和家庭经济状况核对",
    "I agree to the declaration and the household means check",
);
pub const SEND_ME_TEXT_MESSAGES: Text = Text(
    "用短信告诉我申请的进展（发到填写的手机号码）",
    "Text me when something happens to the application (at the mobile number given)",
);
pub const TEXT_MESSAGES_HINT: Text = Text(
    "短信里没有链接。不勾选也可以：进展都会显示在查询页面上。以后也可以在查询页面停止短信。",
    "The texts contain no link. You can leave this unticked: the tracking page shows every step. You can stop the texts there later.",
);
pub const SUBMIT_THE_APPLICATION: Text = Text("提交申请", "Submit the application");
pub const REMOVE: Text = Text("删除", "Remove");
pub const TAKE_PHOTOS_OF_THESE_PAPERS: Text = Text(
    "请拍照上传这些材料。现在拍不了也可以先提交，镇街受理时再补交。",
    "Take photos of these papers. If you cannot now, you can still apply and give them to your town later.",
);
pub const SENT_SO_FAR: Text = Text("已上传", "Sent so far");
pub const NOTHING_YET: Text = Text("还没有上传材料。", "Nothing yet.");
pub const WHAT_IS_IT: Text = Text("这是什么材料", "What is it");
pub const TAKE_OR_CHOOSE_PHOTOS: Text = Text(
    "拍照或选择照片（可以一次选几张）",
    "Take or choose photos (several at once is fine)",
);

pub fn documents_size_limit(locale: Locale, megabytes: impl Display, at_once: usize) -> String {
    locale.pick(
        format!("照片或 PDF，每个不超过 {megabytes} MB，一次最多 {at_once} 个。选好后按“继续”就会一起发送。"),
        format!("Photos or PDFs, up to {megabytes} MB each, {at_once} at a time. Press Continue and they are sent with it."),
    )
}

pub const UPLOAD_AND_ADD_MORE: Text = Text("上传，再加一张", "Upload and add another");
pub const GO_BACK: Text = Text("返回上一步", "Go back");

pub fn emergency_next(locale: Locale, due_on: impl Display) -> String {
    locale.pick(format!("镇街会在 {due_on} 前受理您的申请，并打电话联系您。情况紧急的，镇街可以先发一部分救助金（先行救助），材料以后再补。"), format!("Your town will accept the application by {due_on} and call you. In an emergency it can pay part of the aid first (先行救助) and take the papers later."))
}

pub fn expense_next(locale: Locale, due_on: impl Display) -> String {
    locale.pick(format!("镇街会受理并调查核实您的申请，在 {due_on} 前完成，然后按金额报相应单位审批。"), format!("Your town will accept and investigate the application by {due_on}, then pass it to the right office for approval."))
}
pub const APPLICATION_SUBMITTED: Text = Text("申请已提交", "Application submitted");
pub const YOUR_REFERENCE_NUMBER: Text = Text("您的申请编号", "Your reference number");
pub const WRITE_THIS_NUMBER_DOWN_WITH: Text = Text(
    "请记下这个编号。用它和您的手机号后四位，随时可以查询进度。",
    "Write this number down. With it and the last four digits of your own mobile number you can track the application at any time.",
);
pub const TAKE_A_SCREENSHOT: Text = Text(
    "也可以截图保存这一页（大多数手机：同时按住电源键和音量减小键）。",
    "You can also take a screenshot of this page (on most phones: hold the power and volume-down buttons together).",
);
pub const COPY_THE_REFERENCE: Text = Text("复制编号", "Copy the reference");
pub const REFERENCE_COPIED: Text = Text(
    "编号已复制，可以粘贴到微信或短信里发给家人。",
    "The reference is copied: paste it into a message to your family.",
);
pub const TRACK_YOUR_APPLICATION: Text = Text("查询进度", "Track your application");

// The headings of the application's steps.
pub const STEP_APPLICANT: Text = Text("申请人", "About the applicant");
pub const STEP_HOUSEHOLD: Text = Text("家庭成员", "Who lives with you");
pub const STEP_MEANS: Text = Text("收入和财产", "Income and property");
pub const STEP_CIRCUMSTANCES: Text = Text("发生了什么", "What happened");
pub const STEP_DOCUMENTS: Text = Text("材料照片", "Photos of your documents");
pub const STEP_PAYMENT: Text = Text("收款账户", "Where to pay the money");
pub const STEP_REVIEW: Text = Text("核对并提交", "Check your answers and apply");
pub const DOCUMENTS_SENT: Text = Text("已上传的材料", "Documents sent");

// Why a document was not kept, said at the upload's field.
/// More files in one upload than it takes.
pub fn too_many_files_at_once(max: usize) -> Words {
    if max == 1 {
        Words::new(
            "一次只能上传一个文件，请分开上传。",
            "One file per upload, please: send them one at a time.",
        )
    } else {
        Words::new(
            format!("一次最多上传 {max} 个文件，其余的请再上传一次。"),
            format!("At most {max} files at once: send the others in another upload."),
        )
    }
}
pub const CHOOSE_A_FILE_FIRST: Text = Text("请先拍照或选择一个文件。", "Take or choose a file first.");
pub const FILE_CUT_OFF: Text = Text(
    "文件没有传完（连接中断了），请再上传一次。",
    "The file did not arrive completely (the connection was interrupted); please send it again.",
);
pub const PHOTOS_OR_PDF_ONLY: Text = Text(
    "只能上传照片（JPEG、PNG、WebP）或 PDF 文件。",
    "Only photos (JPEG, PNG, WebP) or PDF files can be sent.",
);

/// A file over the size limit.
pub fn file_too_large(mb: usize) -> Words {
    Words::new(
        format!("文件太大，请不要超过 {mb} MB。"),
        format!("The file is too large: at most {mb} MB."),
    )
}

/// A photo already sent, by its place in the list (issue 24, item 1).
pub fn photo_number(locale: Locale, n: usize) -> String {
    locale.pick(format!("第 {n} 张是"), format!("Photo {n} is"))
}
pub const SAVE_WHAT_IT_IS: Text = Text("保存", "Save");
