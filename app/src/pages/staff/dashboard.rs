use super::{StaffBar, status_label, yuan};
use crate::components::chart::{Bar, BarChart};
use crate::components::scroll::ScrollRegion;
use crate::context::{DashboardContext, StaffContext, use_locale};
use crate::domain::reports::Figures;
use crate::i18n::{Locale, strings as s};
use crate::paths;
use leptos::prelude::*;
use leptos_meta::Title;

fn days_text(locale: Locale, days: Option<f64>) -> String {
    match days {
        Some(d) => locale.pick(format!("{d:.1} 天"), format!("{d:.1} days")),
        None => locale.pick("—".to_string(), "—".to_string()),
    }
}

fn summary(locale: Locale, f: &Figures) -> AnyView {
    let rows = vec![
        (locale.pick("申请总数", "Applications"), f.total().to_string()),
        (
            locale.pick("急难型 / 支出型", "Emergency / expense"),
            format!("{} / {}", f.emergency, f.expense),
        ),
        (locale.pick("超期未办", "Overdue"), f.overdue.to_string()),
        (
            locale.pick("批准金额合计", "Amounts approved"),
            yuan(locale, f.approved_total),
        ),
        (
            locale.pick("从申请到决定（中位数）", "Days to decision (median)"),
            days_text(locale, f.median_days_to_decision),
        ),
    ];
    view! {
        <dl class="summary-list figures">
            {rows.into_iter().map(|(k, v)| view! { <div class="summary-row"><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
        </dl>
    }
    .into_any()
}

fn status_bars(locale: Locale, f: &Figures) -> Vec<Bar> {
    f.by_status
        .iter()
        .map(|(st, n)| Bar {
            label: status_label(locale, *st).to_string(),
            value: *n as f64,
            text: n.to_string(),
        })
        .collect()
}

/// `/staff/dashboard`: applications by status and aid type, days to decision, overdue cases and
/// amounts approved; a town's staff see their town, district staff every town and the district.
#[component]
pub fn DashboardPage(data: DashboardContext, staff: StaffContext) -> impl IntoView {
    let locale = use_locale();
    let DashboardContext {
        dashboard,
        from,
        to,
        error,
    } = data;
    let title = locale.pick("统计和台账", "Figures and ledger");
    let (main, scope_name) = match (&dashboard.district, dashboard.towns.first()) {
        (Some(d), _) => (
            d.clone(),
            locale.pick("全区".to_string(), "The district".to_string()),
        ),
        (None, Some(t)) => (t.clone(), t.town.clone()),
        (None, None) => (Figures::default(), String::new()),
    };
    let by_town = dashboard.district.is_some().then(|| {
        let towns = dashboard.towns.clone();
        let count_bars: Vec<Bar> = towns
            .iter()
            .map(|t| Bar { label: t.town.clone(), value: t.total() as f64, text: t.total().to_string() })
            .collect();
        let overdue_bars: Vec<Bar> = towns
            .iter()
            .filter(|t| t.overdue > 0)
            .map(|t| Bar { label: t.town.clone(), value: t.overdue as f64, text: t.overdue.to_string() })
            .collect();
        let amount_bars: Vec<Bar> = towns
            .iter()
            .map(|t| Bar {
                label: t.town.clone(),
                value: t.approved_total.fen() as f64,
                text: yuan(locale, t.approved_total),
            })
            .collect();
        view! {
            <h2>{locale.pick("各镇街", "By town")}</h2>
            <BarChart id="by-town" title=locale.pick("申请数", "Applications") bars=count_bars/>
            {(!overdue_bars.is_empty()).then(|| view! {
                <BarChart id="overdue-by-town" title=locale.pick("超期未办", "Overdue") bars=overdue_bars/>
            })}
            <BarChart id="approved-by-town" title=locale.pick("批准金额", "Amounts approved") bars=amount_bars/>
            <ScrollRegion label=locale.pick("各镇街情况", "By town")>
                <table class="data">
                    <thead><tr>
                        <th scope="col">{locale.pick("镇街", "Town")}</th>
                        <th scope="col">{locale.pick("申请", "Applications")}</th>
                        <th scope="col">{locale.pick("急难型", "Emergency")}</th>
                        <th scope="col">{locale.pick("支出型", "Expense")}</th>
                        <th scope="col">{locale.pick("待受理", "To accept")}</th>
                        <th scope="col">{locale.pick("超期", "Overdue")}</th>
                        <th scope="col">{locale.pick("批准金额", "Approved")}</th>
                        <th scope="col">{locale.pick("决定用时中位数", "Median days")}</th>
                    </tr></thead>
                    <tbody>
                        {towns.into_iter().map(|t| view! {
                            <tr data-town=t.town.clone()>
                                <th scope="row">{t.town.clone()}</th>
                                <td>{t.total()}</td>
                                <td>{t.emergency}</td>
                                <td>{t.expense}</td>
                                <td>{t.count(crate::domain::review::Status::Submitted)}</td>
                                <td>{t.overdue}</td>
                                <td>{yuan(locale, t.approved_total)}</td>
                                <td>{days_text(locale, t.median_days_to_decision)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </ScrollRegion>
        }
    });
    let aid_bars = vec![
        Bar {
            label: locale.pick("急难型", "Emergency").into(),
            value: main.emergency as f64,
            text: main.emergency.to_string(),
        },
        Bar {
            label: locale.pick("支出型", "Expense").into(),
            value: main.expense as f64,
            text: main.expense.to_string(),
        },
    ];
    let invalid = error.is_some();
    let field_error =
        error.map(|(zh, en)| view! { <p class="field-error" id="ledger-error">{locale.pick(zh, en)}</p> });
    view! {
        <Title text=format!("{title} - {}", locale.t(s::SITE_NAME))/>
        <StaffBar locale=locale staff=staff/>
        <h1>{title}<span class="scope">{format!(" · {scope_name}")}</span></h1>
        {summary(locale, &main)}
        <div class="charts">
            <BarChart id="by-status" title=locale.pick("各状态申请数", "Applications by status") bars=status_bars(locale, &main)/>
            <BarChart id="by-aid" title=locale.pick("各类型申请数", "Applications by aid type") bars=aid_bars/>
        </div>
        {by_town}
        <h2 id="ledger">{locale.pick("导出台账", "Export the ledger")}</h2>
        <p class="hint">{locale.pick(
            "按申请日期导出，一次最多一年。身份证号码已隐去中间部分；导出会被记录。",
            "By application date, at most a year at a time. ID numbers are partly masked; every export is logged.",
        )}</p>
        <form method="get" action=paths::STAFF_LEDGER class="filters" class:field-invalid=invalid>
            {field_error}
            <div class="field">
                <label for="from">{locale.pick("从", "From")}</label>
                <input type="date" id="from" name="from" value=from/>
            </div>
            <div class="field">
                <label for="to">{locale.pick("到", "To")}</label>
                <input type="date" id="to" name="to" value=to/>
            </div>
            <button type="submit" class="button secondary" name="format" value="csv">{locale.pick("下载 CSV", "Download CSV")}</button>
            <button type="submit" class="button secondary" name="format" value="xlsx">{locale.pick("下载 Excel", "Download Excel")}</button>
        </form>
    }
}
