use super::{StaffBar, status_label, yuan};
use crate::components::chart::{Bar, BarChart};
use crate::components::scroll::ScrollRegion;
use crate::context::{DashboardContext, StaffContext, use_locale};
use crate::domain::reports::Figures;
use crate::i18n::staff::dashboard as texts;
use crate::i18n::{Locale, strings as s};
use crate::paths;
use leptos::prelude::*;
use leptos_meta::Title;

fn days_text(locale: Locale, days: Option<f64>) -> String {
    match days {
        Some(d) => texts::days(locale, d),
        None => locale.t(texts::NO_FIGURE).to_string(),
    }
}

fn summary(locale: Locale, f: &Figures) -> AnyView {
    let rows = vec![
        (locale.t(texts::APPLICATIONS_TOTAL), f.total().to_string()),
        (
            locale.t(texts::EMERGENCY_EXPENSE),
            format!("{} / {}", f.emergency, f.expense),
        ),
        (locale.t(texts::OVERDUE_TOTAL), f.overdue.to_string()),
        (
            locale.t(texts::AMOUNTS_APPROVED_TOTAL),
            yuan(locale, f.approved_total),
        ),
        (
            locale.t(texts::DAYS_TO_DECISION_MEDIAN),
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
    let title = locale.t(texts::FIGURES_AND_LEDGER);
    let (main, scope_name) = match (&dashboard.district, dashboard.towns.first()) {
        (Some(d), _) => (d.clone(), locale.t(texts::THE_DISTRICT).to_string()),
        (None, Some(t)) => (t.clone(), t.town.clone()),
        (None, None) => (Figures::default(), String::new()),
    };
    let by_town = dashboard.district.is_some().then(|| {
        let towns = dashboard.towns.clone();
        let count_bars: Vec<Bar> = towns
            .iter()
            .map(|t| Bar {
                label: t.town.clone(),
                value: t.total() as f64,
                text: t.total().to_string(),
            })
            .collect();
        let overdue_bars: Vec<Bar> = towns
            .iter()
            .filter(|t| t.overdue > 0)
            .map(|t| Bar {
                label: t.town.clone(),
                value: t.overdue as f64,
                text: t.overdue.to_string(),
            })
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
            <h2>{locale.t(texts::BY_TOWN_HEADING)}</h2>
            <BarChart id="by-town" title=locale.t(texts::APPLICATIONS_CHART) bars=count_bars/>
            {(!overdue_bars.is_empty()).then(|| view! {
                <BarChart id="overdue-by-town" title=locale.t(texts::OVERDUE_TOTAL) bars=overdue_bars/>
            })}
            <BarChart id="approved-by-town" title=locale.t(texts::AMOUNTS_APPROVED_CHART) bars=amount_bars/>
            <ScrollRegion label=locale.t(texts::BY_TOWN_TABLE)>
                <table class="data">
                    <thead><tr>
                        <th scope="col">{locale.t(texts::TOWN)}</th>
                        <th scope="col">{locale.t(texts::APPLICATIONS_COLUMN)}</th>
                        <th scope="col">{locale.t(texts::EMERGENCY)}</th>
                        <th scope="col">{locale.t(texts::EXPENSE)}</th>
                        <th scope="col">{locale.t(texts::TO_ACCEPT)}</th>
                        <th scope="col">{locale.t(texts::OVERDUE_COLUMN)}</th>
                        <th scope="col">{locale.t(texts::APPROVED_COLUMN)}</th>
                        <th scope="col">{locale.t(texts::MEDIAN_DAYS)}</th>
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
            label: locale.t(texts::EMERGENCY).into(),
            value: main.emergency as f64,
            text: main.emergency.to_string(),
        },
        Bar {
            label: locale.t(texts::EXPENSE).into(),
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
            <BarChart id="by-status" title=locale.t(texts::APPLICATIONS_BY_STATUS) bars=status_bars(locale, &main)/>
            <BarChart id="by-aid" title=locale.t(texts::APPLICATIONS_BY_AID_TYPE) bars=aid_bars/>
        </div>
        {by_town}
        <h2 id="ledger">{locale.t(texts::EXPORT_THE_LEDGER)}</h2>
        <p class="hint">{locale.t(texts::BY_APPLICATION_DATE_AT_MOST)}</p>
        <form method="get" action=paths::STAFF_LEDGER class="filters" class:field-invalid=invalid>
            {field_error}
            <div class="field">
                <label for="from">{locale.t(texts::FROM)}</label>
                <input type="date" id="from" name="from" value=from/>
            </div>
            <div class="field">
                <label for="to">{locale.t(texts::TO)}</label>
                <input type="date" id="to" name="to" value=to/>
            </div>
            <button type="submit" class="button secondary" name="format" value="csv">{locale.t(texts::DOWNLOAD_CSV)}</button>
            <button type="submit" class="button secondary" name="format" value="xlsx">{locale.t(texts::DOWNLOAD_EXCEL)}</button>
        </form>
    }
}
