//! What an answer's check says at its field when it refuses (`domain::checks`,
//! `domain::application`, the ID, phone and card types, `domain::document`): what is wrong and
//! what to type instead, in words the resident uses. The API returns both languages at the
//! field, so each is a [`Text`] (or [`Words`] when it carries a value).

use super::{Text, Words};

pub const ANSWER_MISSING: Text = Text("请填写这一项。", "Please answer this question.");

pub fn answer_too_long(max: usize) -> Words {
    Words::new(
        format!("最多 {max} 个字，请精简。"),
        format!("Use at most {max} characters."),
    )
}

pub const TOWN_MISSING: Text = Text("请选择您所在的镇街。", "Choose your town or subdistrict.");
pub const AMOUNT_MISSING: Text = Text("请填写金额，没有就填 0。", "Enter an amount; write 0 if none.");
pub const COUNT_NOT_WHOLE: Text = Text("请填写整数，例如 0、1。", "Enter a whole number, such as 0 or 1.");
pub const MEANS_CHECK_NOT_AGREED: Text = Text(
    "需要您同意家庭经济状况核对，镇街才能受理申请。",
    "The town can only accept the application once you agree to the household means check.",
);

pub const ID_SHAPE: Text = Text(
    "身份证号码应为 18 位，最后一位可以是数字或 X。",
    "An ID card number has 18 characters; the last may be a digit or X.",
);
pub const ID_BIRTH_DATE: Text = Text(
    "身份证号码中的出生日期不对，请核对。",
    "The birth date inside this ID card number is not a real date; please check it.",
);
pub const ID_CHECK_CHARACTER: Text = Text(
    "身份证号码有误（校验位不符），请逐位核对。",
    "This ID card number has a mistake (its check character does not match); please check each digit.",
);
pub const ID_BORN_IN_THE_FUTURE: Text = Text(
    "身份证号码中的出生日期晚于今天，请核对。",
    "The birth date inside this ID card number is after today; please check it.",
);

pub const PHONE: Text = Text(
    // No field's name inside: the error summary puts the right one before it (申请人的手机号码,
    // 您的手机号码), issue 24, item 15.
    "请填写 11 位数字，例如 13812345678。",
    "Enter 11 digits, for example 13812345678.",
);

pub const CARD_SHAPE: Text = Text(
    "银行卡号应为 16 到 19 位数字。",
    "A bank card number has 16 to 19 digits.",
);
pub const CARD_CHECK_DIGIT: Text = Text(
    "银行卡号有误（校验位不符），请逐位核对。",
    "This card number has a mistake (its check digit does not match); please check each digit.",
);

pub const AID_TYPE_MISSING: Text = Text(
    "请选择申请哪一类救助。",
    "Choose which kind of aid you are applying for.",
);

pub fn too_many_members(max: usize) -> Words {
    Words::new(
        format!("家庭成员最多 {max} 人。"),
        format!("At most {max} household members."),
    )
}

pub const DECLARATION_NAME: Text = Text(
    "请输入申请人的姓名，与第一步填写的一致。",
    "Type the applicant's name, as given in the first step.",
);
pub const MEMBER_AGE: Text = Text(
    "请用数字填写年龄（整岁），例如 68；或者填写身份证号码。",
    "Enter the age in whole years (for example 68), or the ID card number.",
);
pub const REIMBURSED_ABOVE_SPENT: Text = Text(
    "报销的金额不能多于花费的金额。",
    "What was reimbursed cannot be more than what was spent.",
);
pub const INCOMPLETE: Text = Text(
    "申请内容不完整，请检查每一步。",
    "The application is incomplete; please check each step.",
);

pub fn event_too_old(window: i64) -> Words {
    Words::new(
        format!(
            "急难型救助针对近期发生的事件：事件日期应在申请日前 {window} 天以内。如果是医疗或教育支出，请申请支出型救助。"
        ),
        format!(
            "Emergency aid is for a recent event: the event date must be within {window} days before the application. For medical or school costs, apply for expense-based aid."
        ),
    )
}

/// The kinds of document, as the resident and the town name them.
pub const KIND_ID_CARD: Text = Text("身份证", "ID card");
pub const KIND_HOUSEHOLD_REGISTER: Text = Text("户口簿", "Household register (户口簿)");
pub const KIND_HOSPITAL_BILL: Text = Text(
    "医疗费用票据、报销单或学费票据",
    "Medical bills, reimbursement statements or school fee receipts",
);
pub const KIND_CERTIFICATE: Text = Text(
    "火灾、事故证明或医院诊断书",
    "Fire or police certificate, or the hospital's diagnosis",
);
pub const KIND_OTHER: Text = Text("其他材料", "Other");

/// Why a document was not taken.
pub const DOCUMENT_NO_APPLICATION: Text = Text("没有找到这个申请。", "No such application.");

pub fn too_many_documents(max: usize) -> Words {
    Words::new(
        format!("最多上传 {max} 份材料。"),
        format!("At most {max} documents."),
    )
}

pub fn documents_too_large(mb: usize) -> Words {
    Words::new(
        format!("一份申请的材料总大小不能超过 {mb} MB。"),
        format!("The documents of one application can be at most {mb} MB together."),
    )
}

pub const DOCUMENT_AFTER_SUBMISSION: Text = Text(
    "申请已经提交。要补交材料，请在“查询申请”页面上传。",
    "The application is submitted; send more documents from the tracking page.",
);
pub const DOCUMENT_CLOSED: Text = Text(
    "这份申请已经结束（已撤回、不予救助或已发放），不再接收材料。",
    "This application is closed (withdrawn, refused or paid) and takes no more documents.",
);

/// The check's ages: whole years, with an example that looks like an age (issue 24, item 5).
pub const WHOLE_YEARS_OF_AGE: Text = Text(
    "请用数字填写年龄（整岁），例如 68。",
    "Enter the age in whole years, for example 68.",
);

/// The check's counts (homes, vehicles: components::check).
pub const WHOLE_NUMBER: Text = Text(
    "请填写整数，例如 0、1、2。",
    "Enter a whole number, such as 0, 1 or 2.",
);

/// `server assess` reads one household per line; this one is not JSON of a household.
pub fn not_a_household_line(why: impl std::fmt::Display) -> Words {
    Words::new(
        format!("这一行不是有效的家庭 JSON：{why}"),
        format!("This line is not a household in JSON: {why}"),
    )
}
