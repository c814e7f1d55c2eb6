//! 公示, the ledger (CSV and XLSX) and the dashboard: what each shows, masked where it must be,
//! and never another town's cases to a town's staff.

use crate::common;

use crate::common::staff::*;
use std::io::Read;

/// An emergency case of 几江街道 approved at 1,000 yuan and paid, and one submitted in 白沙镇.
async fn decided(portal: &common::Portal) -> (String, String) {
    create_demo_accounts(portal).await;
    let reference = submit(portal, &emergency_application(), "k1").await;
    let mut baisha = emergency_application();
    baisha["town"] = "白沙镇".into();
    baisha["applicant_name"] = "陈小梅".into();
    baisha["declaration_name"] = "陈小梅".into();
    let other = submit(portal, &baisha, "k2").await;
    let caseworker = sign_in(portal, CASEWORKER).await;
    for action in [
        &[("action", "accept")][..],
        &[("action", "investigate")],
        &[("action", "recommend"), ("amount", "1000")],
    ] {
        assert_eq!(caseworker.act(&reference, action).await.0, 303);
    }
    let head = sign_in(portal, HEAD).await;
    assert_eq!(
        head.act(&reference, &[("action", "approve"), ("amount", "1000")])
            .await
            .0,
        303
    );
    (reference, other)
}

#[tokio::test]
async fn the_publicity_page_lists_approvals_with_the_name_masked() {
    let portal = common::start().await;
    let (reference, _) = decided(&portal).await;
    let page = portal.page(&portal.client, "/publicity").await;
    assert!(page.contains("王*"));
    assert!(page.contains("1,000 元"));
    assert!(!page.contains("王五"), "the name is masked");
    assert!(!page.contains(&reference), "no reference number is published");
    assert!(!page.contains("陈*"), "a case not decided is not published");
    let baisha_only = portal
        .page(&portal.client, "/publicity?town=%E7%99%BD%E6%B2%99%E9%95%87")
        .await;
    assert!(!baisha_only.contains("王*"));
}

async fn ledger(staff: &StaffClient, format: &str) -> (u16, Vec<u8>, String) {
    let today = server::clock::Clock::system().today();
    let from = today - chrono::Duration::days(30);
    let response = staff
        .client
        .get(format!(
            "{}/staff/ledger?from={from}&to={today}&format={format}",
            staff.base
        ))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let disposition = common::header(&response, "content-disposition").unwrap_or_default();
    (status, response.bytes().await.unwrap().to_vec(), disposition)
}

#[tokio::test]
async fn the_ledger_is_a_csv_of_the_towns_applications_with_id_numbers_masked() {
    let portal = common::start().await;
    let (reference, other) = decided(&portal).await;
    let caseworker = sign_in(&portal, CASEWORKER).await;
    let (status, body, disposition) = ledger(&caseworker, "csv").await;
    assert_eq!(status, 200);
    assert!(disposition.contains("ledger-jijiang"), "{disposition}");
    let text = String::from_utf8(body).unwrap();
    assert!(text.starts_with('\u{feff}'), "a byte-order mark for Excel");
    let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 2, "the header and one case: {text}");
    assert!(lines[0].contains("编号") && lines[0].contains("批准金额（元）"));
    assert!(lines[1].starts_with(&reference));
    assert!(lines[1].contains("王五") && lines[1].contains("1000.00") && lines[1].contains("交通事故"));
    assert!(!text.contains("11010519491231002X"), "the ID number is masked");
    assert!(!text.contains(&other), "nothing of another town");

    // The export is logged.
    let db = portal.db().await;
    let logged: i64 = sqlx::query_scalar("SELECT row_count FROM export_log")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(logged, 1);
}

#[tokio::test]
async fn the_ledger_is_also_an_xlsx_workbook_with_the_same_rows() {
    let portal = common::start().await;
    let (reference, _) = decided(&portal).await;
    let head = sign_in(&portal, HEAD).await;
    let (status, body, disposition) = ledger(&head, "xlsx").await;
    assert_eq!(status, 200);
    assert!(disposition.ends_with(".xlsx\""));
    let mut workbook = zip::ZipArchive::new(std::io::Cursor::new(body)).expect("an XLSX is a zip");
    let mut strings = String::new();
    workbook
        .by_name("xl/sharedStrings.xml")
        .expect("the workbook's strings")
        .read_to_string(&mut strings)
        .unwrap();
    assert!(strings.contains(&reference) && strings.contains("王五"));
    let mut sheet = String::new();
    workbook
        .by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    assert!(sheet.contains("<v>1000</v>"), "the approved amount is a number");
}

#[tokio::test]
async fn a_bad_period_is_named_at_the_field_on_the_dashboard() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let head = sign_in(&portal, HEAD).await;
    let (status, page) = head
        .get("/staff/ledger?from=2026-12-31&to=2026-01-01&format=csv")
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("id=\"ledger-error\"") && page.contains("结束日期不能早于开始日期"));
}

#[tokio::test]
async fn the_dashboard_counts_the_towns_cases_and_the_district_sees_every_town() {
    let portal = common::start().await;
    decided(&portal).await;
    let caseworker = sign_in(&portal, CASEWORKER).await;
    let (status, page) = caseworker.get("/staff/dashboard").await;
    assert_eq!(status, 200);
    assert!(page.contains("<svg"), "charts are drawn");
    assert!(page.contains("1,000 元"), "the amount approved");
    assert!(
        !page.contains("白沙镇"),
        "a town's staff see nothing of another town"
    );

    let baisha = sign_in(&portal, OTHER_TOWN_CASEWORKER).await;
    let (_, page) = baisha.get("/staff/dashboard").await;
    assert!(!page.contains("几江街道") && !page.contains("1,000 元"));

    let reviewer = sign_in(&portal, REVIEWER).await;
    let (_, page) = reviewer.get("/staff/dashboard").await;
    assert!(page.contains("data-town=\"几江街道\"") && page.contains("data-town=\"白沙镇\""));
    assert!(page.contains("全区"));
}

#[tokio::test]
async fn a_failed_publicity_query_says_try_again_never_an_empty_list() {
    let portal = common::start().await;
    let db = portal.db().await;
    // The table the list is read from is gone: the database cannot answer.
    sqlx::query("ALTER TABLE applications RENAME TO applications_gone")
        .execute(&db)
        .await
        .unwrap();
    let response = portal.get("/publicity").await;
    assert_eq!(response.status(), 503);
    let text = response.text().await.unwrap();
    assert!(text.contains("请稍后再试"), "{text}");
    assert!(!text.contains("目前没有正在公示的决定"), "{text}");
}

#[tokio::test]
async fn a_case_that_cannot_be_read_makes_the_queue_say_try_again_instead_of_leaving_it_out() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let reference = submit(&portal, &emergency_application(), "unreadable").await;
    let unknown_status = "UPDATE applications SET status = 'no-such-status' WHERE reference = $1";
    portal.write_for(unknown_status, &reference).await;
    let staff = sign_in(&portal, CASEWORKER).await;
    let (status, page) = staff.get("/staff").await;
    assert_eq!(status, 503, "{page}");
    assert!(page.contains("请稍后再试"), "{page}");
}

#[tokio::test]
async fn a_failure_to_list_the_towns_staff_is_a_503_never_a_case_with_nobody_to_assign() {
    let portal = common::start().await;
    // SQLite only: the failure is a row whose name is stored as bytes that are not UTF-8, which
    // PostgreSQL's typed TEXT column refuses to hold, and nothing else makes only this list
    // fail while the head's own session still reads.
    if portal.engine() != common::Engine::Sqlite {
        return;
    }
    create_demo_accounts(&portal).await;
    let reference = submit(&portal, &emergency_application(), "assign").await;
    // A colleague's row that cannot be read (a name stored as bytes): listing the town's staff
    // fails, while the head's own session still reads.
    sqlx::query(
        "INSERT INTO staff (username, display_name, role, town, password_hash, created_at)
         VALUES ('broken', X'E5BC', 'caseworker', '几江街道', 'x', '2026-11-30T00:00:00+00:00')",
    )
    .execute(&portal.db().await)
    .await
    .unwrap();
    let head = sign_in(&portal, HEAD).await;
    let (status, page) = head.get(&format!("/staff/case/{reference}")).await;
    assert_eq!(status, 503, "{page}");
    assert!(page.contains("请稍后再试"), "{page}");
}
