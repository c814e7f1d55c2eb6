//! Why a check passed or failed, with its figures, and the sentence a resident reads in Chinese
//! and English. The sentences are written only when shown or serialised, so that assessing
//! stays cheap (the page reassesses on every keystroke; `server assess` runs in bulk).

use super::household::Status;
use super::money::Money;
use chrono::NaiveDate;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    EventWindow {
        event_date: NaiveDate,
        days: i64,
        window: i64,
    },
    SeriousDifficulty {
        declared: bool,
    },
    EmergencyAmount {
        dibao: Money,
        months: i64,
        people: i64,
        need: Money,
        cap_multiple: i64,
        cap: Money,
    },
    /// 低保 and 特困 households pass the income or property test without it being computed.
    AlreadyVerified {
        status: Status,
        property: bool,
    },
    Income {
        per_capita: Money,
        line: Money,
        passed: bool,
    },
    Assets {
        per_capita: Money,
        months: i64,
        limit: Money,
        passed: bool,
    },
    Homes {
        extra: i64,
    },
    Vehicles {
        count: i64,
    },
    Shortfall {
        income: Money,
        people: i64,
        floor: Money,
        capacity: Money,
        out_of_pocket: Money,
        shortfall: Money,
    },
    ExpenseAmount {
        amount: Money,
        cap_multiple: i64,
        cap: Money,
    },
    AboveCap {
        shortfall: Money,
        cap: Money,
        cap_multiple: i64,
        limit: Money,
        limit_multiple: i64,
    },
}

impl Reason {
    pub fn zh(&self) -> String {
        match *self {
            Reason::EventWindow {
                event_date,
                days,
                window,
            } if (0..=window).contains(&days) => {
                format!("事件发生在 {event_date}，距申请日 {days} 天，在 {window} 天以内。")
            }
            Reason::EventWindow {
                event_date,
                days,
                window,
            } => format!(
                "事件发生在 {event_date}，距申请日 {days} 天，超过了 {window} 天。急难型救助针对刚发生的事件。"
            ),
            Reason::SeriousDifficulty { declared: true } => "您说明家庭基本生活暂时出现严重困难。".into(),
            Reason::SeriousDifficulty { declared: false } => {
                "您没有说明家庭基本生活出现严重困难，而急难型救助需要这一条件。".into()
            }
            Reason::EmergencyAmount {
                dibao,
                months,
                people,
                need,
                cap_multiple,
                cap,
            } => format!(
                "参考金额：低保标准 {dibao} 元 × {months} 个月 × {people} 人 = {need} 元；封顶线为低保标准的 {cap_multiple} 倍，即 {cap} 元。"
            ),
            Reason::AlreadyVerified { status, property } => {
                let who = if status == Status::Tekun {
                    "特困"
                } else {
                    "低保"
                };
                if property {
                    format!("{who}家庭的财产已经核实，免于财产核查。")
                } else {
                    format!("{who}家庭的收入已经核实，免于收入核查。")
                }
            }
            Reason::Income {
                per_capita,
                line,
                passed: true,
            } => {
                format!("家庭人均年收入 {per_capita} 元，低于上年度人均可支配收入 {line} 元。")
            }
            Reason::Income {
                per_capita,
                line,
                passed: false,
            } => format!(
                "家庭人均年收入 {per_capita} 元，不低于上年度人均可支配收入 {line} 元。按规定“原则上”不予救助，但镇街仍可根据实际情况考虑。"
            ),
            Reason::Assets {
                per_capita,
                months,
                limit,
                passed,
            } => format!(
                "人均存款等金融资产 {per_capita} 元，{} {months} 个月的低保标准（{limit} 元）。",
                if passed { "不超过" } else { "超过了" }
            ),
            Reason::Homes { extra: 0 } => "除现住房外没有其他住房。".into(),
            Reason::Homes { extra } => format!("除现住房外还有 {extra} 套住房。"),
            Reason::Vehicles { count: 0 } => "没有机动车（残疾人用车、低值生产用车不计）。".into(),
            Reason::Vehicles { count } => format!("有 {count} 辆机动车（残疾人用车、低值生产用车不计）。"),
            Reason::Shortfall {
                income,
                people,
                floor,
                capacity,
                out_of_pocket,
                shortfall,
            } => {
                let start = format!(
                    "家庭年收入 {income} 元，扣除 {people} 人 12 个月的低保标准 {floor} 元后，能承受的必需支出为 {capacity} 元；"
                );
                if shortfall.is_positive() {
                    format!("{start}自付 {out_of_pocket} 元，超出 {shortfall} 元。")
                } else {
                    format!("{start}自付 {out_of_pocket} 元没有超出。")
                }
            }
            Reason::ExpenseAmount {
                amount,
                cap_multiple,
                cap,
            } => {
                format!("参考金额为缺口 {amount} 元；封顶线为低保标准的 {cap_multiple} 倍，即 {cap} 元。")
            }
            Reason::AboveCap {
                shortfall,
                cap,
                cap_multiple,
                limit,
                limit_multiple,
            } => format!(
                "缺口 {shortfall} 元超过封顶线 {cap} 元（低保标准的 {cap_multiple} 倍）。封顶线以内由区民政局审批；超出部分需报区人民政府批准，总额最多 {limit} 元（封顶线的 {limit_multiple} 倍）。"
            ),
        }
    }

    pub fn en(&self) -> String {
        match *self {
            Reason::EventWindow {
                event_date,
                days,
                window,
            } if (0..=window).contains(&days) => format!(
                "The event happened on {event_date}, {days} days before the application, within the {window}-day window."
            ),
            Reason::EventWindow {
                event_date,
                days,
                window,
            } => format!(
                "The event happened on {event_date}, {days} days before the application: more than the {window}-day window for emergency aid."
            ),
            Reason::SeriousDifficulty { declared: true } => {
                "You said the household's basic living is temporarily in serious difficulty.".into()
            }
            Reason::SeriousDifficulty { declared: false } => {
                "You did not say that basic living is in serious difficulty, which emergency aid requires."
                    .into()
            }
            Reason::EmergencyAmount {
                dibao,
                months,
                people,
                need,
                cap_multiple,
                cap,
            } => format!(
                "Indicative amount: the 低保 standard {dibao} yuan × {months} months × {people} {} = {need} yuan; the cap is {cap_multiple} × the standard, {cap} yuan.",
                persons(people)
            ),
            Reason::AlreadyVerified { status, property } => {
                let who = if status == Status::Tekun {
                    "特困 (extreme poverty)"
                } else {
                    "低保 (minimum living guarantee)"
                };
                let what = if property { "property" } else { "income" };
                format!("A {who} household's {what} is already verified, so it passes the {what} test.")
            }
            Reason::Income {
                per_capita,
                line,
                passed: true,
            } => format!(
                "Income per person is {per_capita} yuan a year, below last year's local average of {line} yuan."
            ),
            Reason::Income {
                per_capita,
                line,
                passed: false,
            } => format!(
                "Income per person is {per_capita} yuan a year, not below last year's local average of {line} yuan. The notice says \"in principle\", so the town may still consider your case."
            ),
            Reason::Assets {
                per_capita,
                months,
                limit,
                passed,
            } => format!(
                "Savings and other financial assets are {per_capita} yuan per person, {} {months} months of the 低保 standard ({limit} yuan).",
                if passed { "within" } else { "more than" }
            ),
            Reason::Homes { extra: 0 } => "No home besides the one the household lives in.".into(),
            Reason::Homes { extra } => format!("{extra} home(s) besides the one the household lives in."),
            Reason::Vehicles { count: 0 } => {
                "No motor vehicle (a disability vehicle or low-value work vehicle does not count).".into()
            }
            Reason::Vehicles { count } => format!(
                "{count} motor vehicle(s) (a disability vehicle or low-value work vehicle does not count)."
            ),
            Reason::Shortfall {
                income,
                people,
                floor,
                capacity,
                out_of_pocket,
                shortfall,
            } => {
                let start = format!(
                    "A yearly income of {income} yuan, less 12 months of the 低保 standard for {people} {} ({floor} yuan), can bear {capacity} yuan of necessary spending;",
                    persons(people)
                );
                if shortfall.is_positive() {
                    format!("{start} you paid {out_of_pocket} yuan, {shortfall} yuan more.")
                } else {
                    format!("{start} the {out_of_pocket} yuan you paid is within that.")
                }
            }
            Reason::ExpenseAmount {
                amount,
                cap_multiple,
                cap,
            } => format!(
                "Indicative amount: the shortfall, {amount} yuan; the cap is {cap_multiple} × the 低保 standard, {cap} yuan."
            ),
            Reason::AboveCap {
                shortfall,
                cap,
                cap_multiple,
                limit,
                limit_multiple,
            } => format!(
                "The shortfall of {shortfall} yuan is above the cap of {cap} yuan ({cap_multiple} × the 低保 standard). More than the cap needs the district government's approval, and never more than {limit} yuan ({limit_multiple} × the cap)."
            ),
        }
    }
}

fn persons(n: i64) -> &'static str {
    if n == 1 { "person" } else { "people" }
}
