//! The words of the case queue.

use crate::i18n::{Locale, Text};
use std::fmt::Display;

pub const DISTRICT: Text = Text("全区 · ", "District · ");
pub const CASE_QUEUE: Text = Text("待办案件", "Case queue");
pub const CASES_BY_STATUS: Text = Text("各状态件数", "Cases by status");
pub const OVERDUE: Text = Text("已超期", "Overdue");
pub const STATUS: Text = Text("状态", "Status");
pub const ALL_OPEN: Text = Text("所有未办结", "All open");
pub const AID: Text = Text("类型", "Aid");
pub const ALL: Text = Text("全部", "All");
pub const REFERENCE_OR_NAME: Text = Text("编号或姓名", "Reference or name");
pub const ASSIGNED_TO_ME: Text = Text("分给我的", "Assigned to me");
pub const OVERDUE_ONLY: Text = Text("只看超期", "Overdue only");
pub const FILTER: Text = Text("筛选", "Filter");

pub fn case_count(locale: Locale, count: impl Display) -> String {
    locale.pick(format!("共 {count} 件"), format!("{count} cases"))
}

pub const NO_CASE_MATCHES: Text = Text("没有符合条件的案件。", "No case matches.");
pub const REFERENCE: Text = Text("编号", "Reference");
pub const APPLICANT: Text = Text("申请人", "Applicant");
pub const TOWN: Text = Text("镇街", "Town");
pub const DUE: Text = Text("办理期限", "Due");
pub const ASSIGNED: Text = Text("经办人", "Assigned");

pub fn due_overdue(locale: Locale, date: impl Display) -> String {
    locale.pick(format!("{date}（已超期）"), format!("{date} (overdue)"))
}

pub fn due_paused(locale: Locale, date: impl Display) -> String {
    locale.pick(format!("{date}（暂停）"), format!("{date} (paused)"))
}
/// A case waiting for documents: when the applicant's documents are due, and the town's own
/// deadline, paused meanwhile.
pub fn documents_due(locale: Locale, documents: impl Display, town: impl Display) -> String {
    locale.pick(
        format!("补充材料期限 {documents}；办理期限 {town}（暂停）"),
        format!("documents due {documents}; case due {town} (paused)"),
    )
}
pub const URGENT: Text = Text("急", "Urgent");
pub const ADVANCE_PAPERWORK_LATE: Text = Text("先行救助手续超期", "Advance paperwork late");
pub const PAGES: Text = Text("分页", "Pages");
pub const PREVIOUS: Text = Text("上一页", "Previous");
pub const NEXT: Text = Text("下一页", "Next");
pub const TAKE_THE_NEXT_CASE: Text = Text("接下一件", "Take the next case");
pub const TAKE_THE_NEXT_CASE_HINT: Text = Text(
    "分给您本镇街下一件还没有经办人的案件：急难型优先，其次按办理期限。",
    "Gives you your town's next case that nobody is on: emergencies first, then the nearest deadline.",
);
pub const NOTHING_TO_TAKE: Text = Text(
    "现在没有等待分配的案件。",
    "No case is waiting for a caseworker now.",
);
