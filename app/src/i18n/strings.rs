//! The portal's words, Chinese first. Plain language: a resident, often older, reads these on
//! a small phone.

use super::{Locale, Text};
use crate::rules::{Approver, EventKind, ExpenseKind, Outcome, SpecialDisease, Status, Student};

pub const SITE_NAME: Text = Text("江津区临时救助服务", "Jiangjin temporary assistance");
pub const SWITCH_LANGUAGE: Text = Text("English", "中文");
pub const SKIP_TO_CONTENT: Text = Text("跳到正文", "Skip to main content");
pub const APPLIED_ALREADY: Text = Text("已经申请过？查询进度", "Applied already? Track your application");

pub const CHECK_TITLE: Text = Text(
    "看看能不能申请临时救助",
    "Check if you can get temporary assistance",
);
pub const CHECK_INTRO: Text = Text(
    "回答几个简单问题，马上知道您家可能得到哪类救助、大约多少钱、由谁审批。不用注册；断网也能用。我们不保存您填写的内容。",
    "Answer a few simple questions to see which aid your household may get, roughly how much, and who decides. No account needed; it works offline too. We do not keep your answers.",
);
pub const INDICATIVE: Text = Text(
    "结果仅供参考，以镇街调查核实和审批为准。",
    "Indicative only (仅供参考): the town's investigation and the approval decide.",
);

pub const Q_WHERE: Text = Text("1. 您住在哪里", "1. Where you live");
pub const Q_TOWN: Text = Text("所在镇街", "Town or subdistrict");
pub const Q_TOWN_CHOOSE: Text = Text("请选择", "Choose one");
pub const Q_STATUS: Text = Text(
    "您家现在是否享受低保或特困供养？",
    "Does your household get 低保 or 特困 support now?",
);

pub const Q_WHO: Text = Text("2. 家里有谁", "2. Who lives with you");
pub const Q_SIZE: Text = Text(
    "一起生活的家庭成员共几人（包括申请人）",
    "How many people live together, you included",
);
pub const Q_SIZE_HINT: Text = Text(
    "改了人数后，请点“更新人数”，下面会按人数列出每个人。",
    "After changing the number, press “Update the number” to get a row for each person.",
);
pub const UPDATE_SIZE: Text = Text("更新人数", "Update the number");
pub const MEMBER_SELF: Text = Text("申请人", "The applicant");
pub const MEMBER_OTHER: Text = Text("家庭成员", "Household member");
pub const M_AGE: Text = Text("年龄（岁）", "Age (years)");
pub const M_SITUATION: Text = Text(
    "这个人的情况（可多选）",
    "This person's situation (tick all that apply)",
);
pub const M_DISABLED: Text = Text("残疾", "Disabled");
pub const M_ILL: Text = Text("患重病", "Seriously ill");
pub const M_EMPLOYED: Text = Text("有工作", "In work");
pub const M_ABLE: Text = Text("有劳动能力", "Able to work");
pub const M_CARE: Text = Text("生活不能自理", "Cannot look after themselves");
pub const M_STUDENT: Text = Text("在读情况", "Studying");
pub const M_DISEASE: Text = Text("特殊病种", "Special disease");
pub const NONE_OPTION: Text = Text("无", "None");
pub const NOT_STUDYING: Text = Text("不在读", "Not studying");

pub const Q_MONEY: Text = Text("3. 收入和财产", "3. Income and property");
pub const Q_INCOME: Text = Text("全家的收入（元）", "The household's income (yuan)");
pub const Q_INCOME_PERIOD: Text = Text("上面填的是", "That amount is");
pub const PER_YEAR: Text = Text(
    "一年的（过去 12 个月合计）",
    "for a year (the last 12 months together)",
);
pub const PER_MONTH: Text = Text("一个月的", "for a month");

/// The year's income, when it was answered per month: the words before and after the amount
/// (the check shows them around its live figure; the application's step 3 too).
pub const OVER_THE_YEAR: Text = Text("一年合计 ", "Over the year: ");
pub const YUAN_OVER_THE_YEAR: Text = Text(" 元。", " yuan.");

pub fn income_of_the_year(locale: Locale, year: impl std::fmt::Display) -> String {
    format!(
        "{}{year}{}",
        locale.t(OVER_THE_YEAR),
        locale.t(YUAN_OVER_THE_YEAR)
    )
}
pub const Q_INCOME_HINT: Text = Text(
    "工资、经营、养老金等到手的钱，全家加起来。",
    "Wages, business income, pensions and so on, for everyone together, after tax.",
);
pub const Q_ASSETS: Text = Text(
    "全家的存款、理财、股票等（元）",
    "The household's savings, deposits and shares (yuan)",
);
pub const Q_HOMES: Text = Text(
    "除现在住的房子外，还有几套住房",
    "Homes besides the one you live in",
);
pub const Q_VEHICLES: Text = Text(
    "有几辆机动车（残疾人用车、低值生产用车不算）",
    "Motor vehicles (not counting a disability vehicle or a low-value work vehicle)",
);
pub const Q_HOUSING: Text = Text("现在住房有困难", "We have housing hardship now");

pub const Q_WHAT: Text = Text("4. 发生了什么", "4. What happened");
pub const Q_HAS_EMERGENCY: Text = Text(
    "最近是否遇到火灾、交通事故、突发重病等意外？",
    "Has a fire, traffic accident, sudden serious illness or other emergency happened recently?",
);
pub const Q_EVENT: Text = Text("是什么事", "What happened");
pub const Q_EVENT_DATE: Text = Text("哪一天发生的", "When it happened");
pub const Q_SERIOUS: Text = Text(
    "这件事让家里的基本生活暂时很困难",
    "It has left the household's basic living in serious difficulty for now",
);
pub const Q_HAS_EXPENSE: Text = Text(
    "过去 12 个月是否有看病或上学的大额支出？",
    "Have you had large medical or education costs in the last 12 months?",
);
pub const Q_EXPENSE_KIND: Text = Text("什么支出", "What kind of cost");
pub const Q_OUT_OF_POCKET: Text = Text(
    "报销后自己付了多少（元）",
    "What you paid yourselves after reimbursement (yuan)",
);
pub const Q_OUT_OF_POCKET_HINT: Text = Text(
    "扣除医保报销、保险赔付、奖助学金后的金额。",
    "After medical insurance, other insurance and grants have paid their part.",
);
pub const YES: Text = Text("是", "Yes");
pub const NO: Text = Text("否", "No");
/// Between the items of a short list: "残疾、重病", "disabled, seriously ill".
pub const LIST_SEPARATOR: Text = Text("、", ", ");

pub const SEE_RESULT: Text = Text("查看结果", "See the result");
pub const RESULT_TITLE: Text = Text("测算结果", "Your result");
pub const RESULT_BLANK: Text = Text(
    "回答上面的问题后，这里会马上显示结果。",
    "Your result appears here as soon as you answer the questions above.",
);
pub const RESULT_MISSING: Text = Text("还需要回答或改正：", "Still to answer or correct:");
pub const EMERGENCY_AID: Text = Text("急难型临时救助", "Emergency aid (急难型)");
pub const EXPENSE_AID: Text = Text("支出型临时救助", "Expense-based aid (支出型)");
pub const AMOUNT: Text = Text("参考金额", "Indicative amount");
pub const CAP: Text = Text("最多能给（封顶线）", "The most it can be (the cap)");
pub const WHO_DECIDES: Text = Text("审批单位", "Who decides");
pub const ABOVE_CAP_LIMIT: Text = Text("特殊情况最多（超过封顶线时）", "In exceptional cases, at most");
pub const CHECKS: Text = Text("逐项说明", "How we worked it out");
pub const WHY: Text = Text("为什么", "Why");
pub const THE_NOTICE: Text = Text("江津府办发〔2019〕47号", "Notice 江津府办发〔2019〕47号,");
pub const PASSED: Text = Text("符合", "Met");
pub const NOT_PASSED: Text = Text("不符合", "Not met");
pub const YUAN: Text = Text("元", "yuan");
pub const REFERRALS_TITLE: Text = Text("您还可以申请的帮助", "Other help you can ask for");
pub const REFERRALS_NONE: Text = Text(
    "根据您的回答，暂时没有其他可推荐的帮助。",
    "From your answers, there is no other help to suggest for now.",
);
pub const DEPARTMENT: Text = Text("负责部门", "Department");
pub const APPLY_TITLE: Text = Text("怎样申请", "How to apply");
pub const APPLY_TEXT: Text = Text(
    "向您所在的镇街提出申请。镇街受理后调查核实，并按金额报相应单位审批。",
    "Apply to your town or subdistrict. It accepts the application, checks it, and passes it to the right office for approval.",
);
pub const APPLY_LINK: Text = Text("开始申请", "Start your application");

pub const APPLY_PAGE_TITLE: Text = Text("申请临时救助", "Apply for temporary assistance");
pub const NOT_FOUND_TITLE: Text = Text("找不到这个页面", "Page not found");
pub const BACK_HOME: Text = Text("回到首页", "Back to the start");

pub fn outcome(o: Outcome) -> Text {
    match o {
        Outcome::Likely => Text("可能符合", "Likely"),
        Outcome::Unlikely => Text("可能不符合", "Unlikely"),
        Outcome::NotApplicable => Text("不适用", "Not applicable"),
    }
}

pub fn approver(a: Approver) -> Text {
    match a {
        Approver::Town => Text("所在镇街", "Your town or subdistrict"),
        Approver::DistrictCivilAffairs => Text("区民政局", "District Civil Affairs Bureau (区民政局)"),
        Approver::DistrictGovernment => Text("区人民政府", "District Government (区人民政府)"),
    }
}

pub fn status(s: Status) -> Text {
    match s {
        Status::None => Text("都没有", "Neither"),
        Status::Dibao => Text("城市低保", "Urban 低保 (minimum living guarantee)"),
        Status::RuralDibao => Text("农村低保", "Rural 低保 (minimum living guarantee)"),
        Status::Tekun => Text("特困供养", "特困供养 (extreme poverty support)"),
    }
}

pub fn event(e: EventKind) -> Text {
    match e {
        EventKind::Fire => Text("火灾", "Fire"),
        EventKind::TrafficAccident => Text("交通事故", "Traffic accident"),
        EventKind::OtherAccident => Text("其他意外事故", "Other accident"),
        EventKind::SuddenIllness => Text("家人突发重病", "Sudden serious illness in the family"),
        EventKind::NaturalDisaster => Text("自然灾害", "Natural disaster"),
        EventKind::Other => Text("其他特殊困难", "Other special hardship"),
    }
}

pub fn expense_kind(k: ExpenseKind) -> Text {
    match k {
        ExpenseKind::Medical => Text("看病（医疗）", "Medical"),
        ExpenseKind::Education => Text("上学（教育）", "Education"),
    }
}

pub fn student(s: Student) -> Text {
    match s {
        Student::Preschool => Text("学前", "Preschool"),
        Student::Primary => Text("小学", "Primary school"),
        Student::JuniorHigh => Text("初中", "Junior high school"),
        Student::SeniorHigh => Text("高中", "Senior high school"),
        Student::Higher => Text("大学及以上", "University or college"),
    }
}

pub fn special_disease(d: SpecialDisease) -> Text {
    match d {
        SpecialDisease::Thalassemia => Text("地中海贫血", "Thalassaemia"),
        SpecialDisease::Cml => Text("慢性髓系白血病", "Chronic myeloid leukaemia"),
        SpecialDisease::Pneumoconiosis => Text("尘肺病", "Pneumoconiosis"),
        SpecialDisease::ChildhoodLeukemia => Text("儿童白血病", "Childhood leukaemia"),
    }
}
