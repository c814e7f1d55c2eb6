//! What the portal says when it cannot do what was asked (server/src/http/error.rs): a title
//! and a sentence that says what to do next, never a cause the reader cannot act on.

use super::{Text, Words};

pub const UNAVAILABLE: Text = Text("系统暂时不可用", "The service is unavailable");
pub const UNAVAILABLE_DETAIL: Text = Text(
    "服务暂时不可用，请稍后再试。您已提交的内容不会丢失。",
    "The service is unavailable; please try again in a few minutes. Nothing you already sent is lost.",
);
pub const NOT_SIGNED_OUT: Text = Text("没有退出登录", "You are not signed out");
pub const NOT_SIGNED_OUT_DETAIL: Text = Text(
    "系统暂时不可用，没有退出登录，请稍后再试。",
    "The service is unavailable: you are not signed out; please try again soon.",
);
pub const STALE_PAGE: Text = Text("页面已过期", "The page has expired");
pub const STALE_PAGE_DETAIL: Text = Text(
    "页面已过期，请返回并刷新后再试。",
    "The page has expired; go back, reload it and try again.",
);
pub const NOT_FOUND: Text = Text("没有找到", "Not found");
pub const NOT_FOUND_DETAIL: Text = Text(
    "没有找到您要的内容，请核对地址。",
    "There is nothing at this address; please check it.",
);
pub const APPLICATION_NOT_FOUND_DETAIL: Text = Text(
    "没有找到这个申请。请核对申请编号和手机号码后四位。",
    "No application matches this reference and phone ending.",
);
pub const TOO_MANY_ATTEMPTS: Text = Text("次数太多", "Too many attempts");
pub const TOO_MANY_ATTEMPTS_DETAIL: Text = Text(
    "查询次数太多，请过几分钟再试。",
    "Too many attempts; try again in a few minutes.",
);
pub const TOO_MANY_CREATIONS_DETAIL: Text = Text(
    "从这个网络提交的申请太多了，请过几分钟再试。",
    "Too many applications from this network; try again in a few minutes.",
);
pub const KEY_REQUIRED_DETAIL: Text = Text(
    "请在 Idempotency-Key 请求头中给出 1 到 100 个字符的唯一值，重试时使用同一个值。",
    "Send an Idempotency-Key header of 1 to 100 characters, the same on every retry.",
);
pub const VERIFIER_REQUIRED_DETAIL: Text = Text(
    "请在 X-Phone-Last4 请求头中给出申请人手机号码的后 4 位数字。",
    "Send the last four digits of the applicant's mobile number in the X-Phone-Last4 header.",
);
pub const KEY_REUSED_DETAIL: Text = Text(
    "这个 Idempotency-Key 已经用于另一份申请。请为每份新申请使用一个新的、难以猜到的值（例如随机 UUID），重试同一份申请时才重复使用。",
    "This Idempotency-Key was already used for a different application. Use a new, unguessable value (such as a random UUID) for each new application, and repeat it only to retry the same one.",
);
pub const BAD_REQUEST: Text = Text("无法处理", "Cannot be processed");
pub const INVALID: Text = Text("有些内容需要修改", "Some answers need changing");
pub const BACK_HOME: Text = Text("返回首页", "Back to the start");

// A JSON body the API could not read: where, and what was expected.
pub const AN_APPLICATION: Text = Text("申请", "an application");
pub const A_HOUSEHOLD: Text = Text("家庭", "a household");

/// The body is not `what` in JSON, for the reason `why`.
pub fn not_json(what: Text, why: &Words) -> Words {
    Words::new(
        format!("请求体不是有效的{} JSON：{}", what.0, why.zh),
        format!("The body is not {} in JSON: {}", what.1, why.en),
    )
}

/// A value of the right JSON but the wrong kind, at its place; `expected` in plain words.
pub fn json_value_refused(line: usize, column: usize, expected: &str) -> Words {
    Words::new(
        format!("第 {line} 行第 {column} 列的值不符合要求（{expected}）。"),
        format!("The value at line {line}, column {column} is not what was expected ({expected})."),
    )
}

/// A field of a JSON body whose value is of the wrong kind, and what it should be.
pub fn field_value_refused(field: &str, expected_zh: &str, expected_en: &str) -> Words {
    Words::new(
        format!("“{field}”的值不符合要求：应为{expected_zh}。"),
        format!("The value of “{field}” is not what was expected: it should be {expected_en}."),
    )
}

/// Text that is not JSON at all, and where it stops being JSON.
pub fn json_broken(line: usize, column: usize) -> Words {
    Words::new(
        format!("请求体不是有效的 JSON（第 {line} 行第 {column} 列）。"),
        format!("The body is not valid JSON (line {line}, column {column})."),
    )
}

// A request refused before any handler read it (server/src/http/rejection.rs).
pub const UNSUPPORTED_BODY: Text = Text(
    "发送的内容格式不对，没有处理。请从本网站的页面提交。",
    "What was sent is not in a form we accept. Please send it from the portal's pages.",
);
pub const UNREADABLE_REQUEST: Text = Text(
    "地址或表单里有无法识别的内容，没有处理。请返回上一页再试。",
    "The address or the form holds something we could not read, so nothing was done. Go back and try again.",
);

/// A body over the size limit.
pub fn body_too_large(mb: usize) -> Words {
    Words::new(
        format!("发送的内容太大，没有处理。照片或文件请不要超过 {mb} MB。"),
        format!("What was sent is too large and was not processed. A photo or file must be at most {mb} MB."),
    )
}

/// Past the connection limit, before any page can be made: both languages in one plain text.
pub const SERVER_BUSY: Text = Text(
    "服务器正忙，请稍后再试。",
    "The server is busy; please try again shortly.",
);

/// A form posted from another site (server/src/http/security.rs), as plain text.
pub const CROSS_SITE_FORM: Text = Text(
    "这个表单不是从本网站的页面提交的，没有处理。请打开本网站，重新填写后提交。",
    "This form was not sent from one of our pages, so nothing was changed. Open the portal and send it again from there.",
);
