//! The dashboard and the ledger (台账) export, as CSV and as XLSX.

use super::{CaseStaff, field, page};
use crate::db::staff::StaffSession;
use crate::http::error::HttpError;
use crate::http::state::AppState;
use app::context::{DashboardContext, Page};
use app::domain::reports::LedgerRow;
use app::domain::review::Scope;
use app::i18n::{Locale, choices};
use app::pages::staff::{aid_label, level_label, status_label};
use app::paths;
use app::rules::TOWNS;
use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use chrono::{Datelike, NaiveDate};

/// A town's staff see their town's figures; district staff every town's and the district's.
fn dashboard_town(session: &StaffSession) -> Option<String> {
    match session.staff.scope() {
        Scope::Town(town) => Some(town),
        _ => None,
    }
}

async fn render_dashboard(
    state: &AppState,
    headers: &HeaderMap,
    session: &StaffSession,
    from: String,
    to: String,
    error: Option<(String, String)>,
) -> Result<Response, HttpError> {
    let today = state.clock.today();
    let town = dashboard_town(session);
    let dashboard = state.store.dashboard(town.as_deref(), today).await?;
    let failed = error.is_some();
    let context = DashboardContext {
        dashboard,
        from,
        to,
        error,
    };
    let mut response = page(state, headers, paths::STAFF_DASHBOARD, session, |staff| {
        Page::Dashboard(staff, context)
    })
    .await;
    if failed {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

/// `GET /staff/dashboard`.
pub async fn dashboard(
    State(state): State<AppState>,
    CaseStaff(session): CaseStaff,
    headers: HeaderMap,
) -> Result<Response, HttpError> {
    let today = state.clock.today();
    let from = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    render_dashboard(
        &state,
        &headers,
        &session,
        from.to_string(),
        today.to_string(),
        None,
    )
    .await
}

/// The period asked for: two dates, in order, at most 366 days apart.
fn period(from: &str, to: &str) -> Result<(NaiveDate, NaiveDate), app::i18n::Text> {
    use app::i18n::staff::dashboard as texts;
    let (Ok(from), Ok(to)) = (from.parse::<NaiveDate>(), to.parse::<NaiveDate>()) else {
        return Err(texts::ENTER_BOTH_DATES);
    };
    if to < from {
        return Err(texts::END_BEFORE_START);
    }
    if (to - from).num_days() > 366 {
        return Err(texts::AT_MOST_A_YEAR);
    }
    Ok((from, to))
}

/// `GET /staff/ledger?from=…&to=…&format=csv|xlsx`.
pub async fn ledger(
    State(state): State<AppState>,
    CaseStaff(session): CaseStaff,
    headers: HeaderMap,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, HttpError> {
    let (from_text, to_text) = (field(&pairs, "from").to_string(), field(&pairs, "to").to_string());
    let (from, to) = match period(&from_text, &to_text) {
        Ok(p) => p,
        Err(e) => {
            let problem = (e.0.to_string(), e.1.to_string());
            return render_dashboard(&state, &headers, &session, from_text, to_text, Some(problem)).await;
        }
    };
    let scope = session.staff.scope();
    let rows = state
        .store
        .ledger(&scope, from, to, session.staff.id, state.clock.now())
        .await?;
    tracing::info!(staff = session.staff.id, rows = rows.len(), %from, %to, "ledger exported");
    let name = format!("ledger-{}-{from}-{to}", scope_slug(&scope));
    Ok(if field(&pairs, "format") == "xlsx" {
        let bytes = xlsx(&rows).map_err(HttpError::unavailable)?;
        download(
            Body::from(bytes),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &format!("{name}.xlsx"),
        )
    } else {
        download(
            csv_stream(rows),
            "text/csv; charset=utf-8",
            &format!("{name}.csv"),
        )
    })
}

/// An ASCII name for the file: the town's pinyin, or the district.
fn scope_slug(scope: &Scope) -> String {
    match scope {
        Scope::Town(town) => TOWNS
            .iter()
            .find(|t| &t.full_name() == town)
            .map(|t| t.pinyin.to_lowercase().replace(' ', "-"))
            .unwrap_or_else(|| "town".into()),
        _ => "district".into(),
    }
}

fn download(body: Body, content_type: &'static str, filename: &str) -> Response {
    let mut response = Response::new(body);
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

use app::i18n::staff::dashboard::{LEDGER_COLUMNS as HEADERS, LEDGER_SHEET};

/// A ledger row as the cells of a spreadsheet, in Chinese.
fn cells(row: &LedgerRow) -> [String; 13] {
    let zh = Locale::Zh;
    let cause = choices::events(zh)
        .into_iter()
        .chain(choices::expense_kinds(zh))
        .find(|(w, _)| *w == row.cause)
        .map(|(_, l)| l)
        .unwrap_or_else(|| row.cause.clone());
    let money = |m: Option<app::rules::Money>| {
        m.map(|m| format!("{:.2}", m.fen() as f64 / 100.0))
            .unwrap_or_default()
    };
    [
        row.reference.clone(),
        row.town.clone(),
        aid_label(zh, row.aid_type).to_string(),
        row.applicant_name.clone(),
        row.masked_id_number.clone(),
        row.household_size.to_string(),
        cause,
        row.submitted_on.to_string(),
        status_label(zh, row.status).to_string(),
        level_label(zh, row.level).to_string(),
        money(row.advance),
        money(row.approved),
        row.decided_on.map(|d| d.to_string()).unwrap_or_default(),
    ]
}

/// One CSV field: quoted when needed (RFC 4180), and a field that a spreadsheet would read as a
/// formula (=, +, -, @) made plain text with a leading apostrophe.
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn csv_line(fields: &[String]) -> String {
    let mut line = fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

/// The CSV, encoded 500 rows at a time as the response is sent. It starts with a byte-order
/// mark: without it, Excel on a Chinese Windows desktop reads UTF-8 as GBK and garbles every name.
fn csv_stream(rows: Vec<LedgerRow>) -> Body {
    let header = format!("\u{feff}{}", csv_line(&HEADERS.map(String::from)));
    let mut rows = rows.into_iter().peekable();
    let chunks = std::iter::from_fn(move || {
        rows.peek()?;
        let chunk: String = rows.by_ref().take(500).map(|r| csv_line(&cells(&r))).collect();
        Some(chunk)
    });
    let body = std::iter::once(header)
        .chain(chunks)
        .map(|text| Ok::<_, std::convert::Infallible>(Bytes::from(text)));
    Body::from_stream(futures_util::stream::iter(body))
}

fn xlsx(rows: &[LedgerRow]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(LEDGER_SHEET)?;
    let bold = Format::new().set_bold();
    let amount = Format::new().set_num_format("#,##0.00");
    for (col, title) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, &bold)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        for (col, cell) in cells(row).iter().enumerate() {
            let col = col as u16;
            match col {
                // Household size and amounts are numbers, so that the sheet can add them up.
                5 => sheet.write_number(r, col, row.household_size as f64)?,
                10 | 11 => match if col == 10 { row.advance } else { row.approved } {
                    Some(m) => sheet.write_number_with_format(r, col, m.fen() as f64 / 100.0, &amount)?,
                    None => sheet,
                },
                _ => sheet.write_string(r, col, cell)?,
            };
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofit();
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::{csv_field, period};

    #[test]
    fn a_field_with_a_comma_or_a_quote_is_quoted_and_a_formula_is_made_plain_text() {
        assert_eq!(csv_field("王五"), "王五");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    }

    #[test]
    fn a_period_must_be_two_dates_in_order_and_at_most_a_year() {
        assert!(period("2026-01-01", "2026-12-31").is_ok());
        assert!(period("2026-12-31", "2026-01-01").is_err());
        assert!(period("2025-01-01", "2026-12-31").is_err());
        assert!(period("2026-1-1x", "2026-12-31").is_err());
    }
}
