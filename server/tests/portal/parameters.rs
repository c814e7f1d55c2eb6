//! Managed parameters (issue 12): a change proposed by one administrator and approved by
//! another is in force from its date, on every process, without a restart; nothing stored is
//! ever edited; the file stays the exchange format.

use crate::common::staff::*;
use crate::common::{self, Portal};
use app::rules::{Money, Parameters};
use chrono::{Duration, NaiveDate};

const SECOND_ADMIN: (&str, &str) = ("admin-2", "demo-admin-2026");

/// The no-JavaScript check for one person after a fire five days ago: the page's HTML.
async fn check_page_for_a_fire(base: &str, today: NaiveDate) -> String {
    let event_date = (today - Duration::days(5)).to_string();
    let form = common::fire_check_form(&event_date);
    let response = reqwest::Client::new()
        .post(format!("{base}/"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.text().await.unwrap()
}

/// The emergency aid the check shows for that household: two months of the standard.
fn two_months_of(yuan: i64) -> String {
    format!("{} 元", Money::from_yuan(yuan).times(2))
}

/// Proposes `value` for `key` from `from` as this administrator; the status and body (or the
/// redirect's target).
async fn propose(admin: &StaffClient, key: &str, value: &str, from: &str) -> (u16, String) {
    let (_, page) = admin.get("/staff/admin").await;
    let csrf = input_value(&page, "csrf").unwrap_or_default();
    let form = [
        ("csrf", csrf.as_str()),
        ("key", key),
        ("value", value),
        ("from", from),
        ("source", "渝民规〔2026〕1号（测试）"),
        ("verified", "1"),
    ];
    admin.post("/staff/admin/proposals", &form).await
}

/// The id of the newest proposal listed on the admin page.
async fn newest_proposal(admin: &StaffClient) -> String {
    let (_, page) = admin.get("/staff/admin").await;
    let marker = "data-proposal=\"";
    let start = page.find(marker).expect("a proposal is listed") + marker.len();
    page[start..start + page[start..].find('"').unwrap()].to_string()
}

async fn decide(admin: &StaffClient, id: &str, decision: &str, reason: &str) -> (u16, String) {
    let (_, page) = admin.get("/staff/admin").await;
    let csrf = input_value(&page, "csrf").unwrap_or_default();
    let form = [
        ("csrf", csrf.as_str()),
        ("decision", decision),
        ("reason", reason),
    ];
    admin
        .post(&format!("/staff/admin/proposals/{id}/decision"), &form)
        .await
}

async fn stored_set_version(portal: &Portal) -> String {
    let response = portal.get("/").await;
    let html = response.text().await.unwrap();
    let marker = "data-version=\"";
    let start = html.find(marker).unwrap() + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_string()
}

#[tokio::test]
async fn a_change_approved_by_a_second_administrator_is_in_force_from_its_date_without_a_restart() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let (admin, second) = (
        sign_in(&portal, ADMIN).await,
        sign_in(&portal, SECOND_ADMIN).await,
    );
    let today = portal.clock.today();
    let tomorrow = today + Duration::days(1);
    let standard = Parameters::defaults().on(today).unwrap().dibao_monthly;
    assert!(
        check_page_for_a_fire(&portal.base, today)
            .await
            .contains(&standard.times(2).to_string())
    );

    let (status, to) = propose(&admin, "dibao_monthly", "800", &tomorrow.to_string()).await;
    assert_eq!((status, to.as_str()), (303, "/staff/admin#proposals"));
    let id = newest_proposal(&admin).await;
    // Four eyes: the proposer cannot approve it, and nothing changes until someone else does.
    let (status, page) = decide(&admin, &id, "approve", "").await;
    assert_eq!(status, 403, "{page}");
    assert!(page.contains("不能审核自己提出的变更"));
    assert!(
        check_page_for_a_fire(&portal.base, tomorrow - Duration::days(1))
            .await
            .contains(&standard.times(2).to_string())
    );

    let (status, _) = decide(&second, &id, "approve", "").await;
    assert_eq!(status, 303);
    let version = format!("{today}.2");
    assert_eq!(stored_set_version(&portal).await, version);
    // Today the standard in force is still the old one; from tomorrow, the new one.
    assert!(
        check_page_for_a_fire(&portal.base, today)
            .await
            .contains(&standard.times(2).to_string())
    );
    let assessed = portal
        .client
        .post(format!("{}/api/v1/assess", portal.base))
        .json(&serde_json::json!({
            "date": tomorrow.to_string(), "town": "几江街道", "status": "none",
            "members": [{"age": 44}], "annual_income": 30000, "financial_assets": 5000,
        }))
        .send()
        .await
        .unwrap();
    let assessed: serde_json::Value = assessed.json().await.unwrap();
    assert_eq!(assessed["parameters"]["dibao_monthly"], 800, "{assessed}");
    assert_eq!(assessed["parameters"]["version"], version.as_str(), "{assessed}");
    portal.clock.advance(Duration::days(1));
    assert!(
        check_page_for_a_fire(&portal.base, tomorrow)
            .await
            .contains(&two_months_of(800))
    );

    // The audit: who proposed, who approved (signed in again: a day has passed); an
    // application names the set it was assessed by.
    let admin = sign_in(&portal, ADMIN).await;
    let (_, page) = admin.get("/staff/admin").await;
    assert!(page.contains("批准：系统管理员（复核）"), "{page}");
    let reference = submit(&portal, &emergency_application(), "after-the-change").await;
    let db = portal.db().await;
    let named: String = sqlx::query_scalar("SELECT parameter_set FROM applications WHERE reference = $1")
        .bind(&reference)
        .fetch_one(&db)
        .await
        .unwrap();
    assert!(named.ends_with(&version), "{named}");

    // A restart reads the same set from the database.
    let addr = server::http::spawn(&portal.restart_args()).await.unwrap();
    let html = reqwest::get(format!("http://{addr}/"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(&format!("data-version=\"{version}\"")));
}

#[tokio::test]
async fn an_approval_on_one_process_is_in_force_on_another_without_a_restart() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let other = format!(
        "http://{}",
        server::http::spawn(&portal.restart_args()).await.unwrap()
    );
    let today = portal.clock.today();
    let (admin, second) = (
        sign_in(&portal, ADMIN).await,
        sign_in(&portal, SECOND_ADMIN).await,
    );
    propose(&admin, "dibao_monthly", "900", &today.to_string()).await;
    let id = newest_proposal(&admin).await;
    assert_eq!(decide(&second, &id, "approve", "").await.0, 303);
    assert!(
        check_page_for_a_fire(&portal.base, today)
            .await
            .contains(&two_months_of(900))
    );
    // The other process asks the database every REFRESH_EVERY: wait for it, within bounds.
    let deadline = std::time::Instant::now() + server::parameters::REFRESH_EVERY * 10;
    loop {
        if check_page_for_a_fire(&other, today)
            .await
            .contains(&two_months_of(900))
        {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the other process never saw the change"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_proposal_that_cannot_be_read_or_would_break_the_set_is_refused_with_the_reason() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let admin = sign_in(&portal, ADMIN).await;
    let today = portal.clock.today().to_string();
    let (status, page) = propose(&admin, "dibao_monthly", "abc", &today).await;
    assert_eq!(status, 422);
    assert!(page.contains("新值：请填写金额"), "{page}");
    let (status, page) = propose(&admin, "publicity.days", "7", "2026/01/01").await;
    assert_eq!(status, 422);
    assert!(page.contains(r#"id="from-error""#), "{page}");
    assert!(page.contains(r#"value="2026/01/01""#), "what was typed is kept");
    let (status, page) = propose(&admin, "referral.working_age_min", "70", &today).await;
    assert_eq!(status, 422);
    assert!(page.contains("upside down"), "{page}");
    assert!(page.contains("没有待审核的变更"), "nothing was proposed");
    // A caseworker cannot propose at all (sent back to the queue).
    let caseworker = sign_in(&portal, CASEWORKER).await;
    let (_, queue) = caseworker.get("/staff").await;
    let csrf = input_value(&queue, "csrf").unwrap();
    let form = [
        ("csrf", csrf.as_str()),
        ("key", "dibao_monthly"),
        ("value", "1"),
        ("from", &today),
        ("source", "x"),
    ];
    assert_eq!(
        caseworker.post("/staff/admin/proposals", &form).await,
        (303, "/staff".to_string())
    );
    let (_, page) = admin.get("/staff/admin").await;
    assert!(page.contains("没有待审核的变更"));
}

#[tokio::test]
async fn a_rejection_needs_a_reason_is_kept_with_who_rejected_and_is_final() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let (admin, second) = (
        sign_in(&portal, ADMIN).await,
        sign_in(&portal, SECOND_ADMIN).await,
    );
    let before = stored_set_version(&portal).await;
    propose(&admin, "publicity.days", "10", "2027-01-01").await;
    let id = newest_proposal(&admin).await;
    assert_eq!(decide(&second, &id, "reject", " ").await.0, 422);
    assert_eq!(decide(&second, &id, "reject", "文号不对").await.0, 303);
    let (_, page) = admin.get("/staff/admin").await;
    assert!(page.contains("不批准：系统管理员（复核）"), "{page}");
    assert!(page.contains("文号不对"));
    assert_eq!(decide(&second, &id, "approve", "").await.0, 409);
    assert_eq!(stored_set_version(&portal).await, before);
    // Decided proposals and stored sets are never edited, whoever asks the database.
    let db = portal.db().await;
    for sql in [
        "UPDATE parameter_proposals SET value = '20'",
        "DELETE FROM parameter_proposals",
        "UPDATE parameter_sets SET document = '{}'",
        "DELETE FROM parameter_sets",
    ] {
        assert!(sqlx::query(sql).execute(&db).await.is_err(), "{sql}");
    }
}

#[tokio::test]
async fn the_file_is_exported_and_its_new_entries_imported_as_proposals_never_applied_directly() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let url = portal.database_url.clone();
    let out = common::server_command(["parameters", "export", "--database-url", &url]).await;
    assert!(out.status.success(), "{}", common::said(&out));
    let exported = Parameters::from_json(&String::from_utf8(out.stdout).unwrap()).unwrap();
    assert_eq!(exported, Parameters::defaults());

    let dir = tempfile::tempdir().unwrap();
    let changed = exported
        .with_change(
            &app::rules::Change {
                key: "dibao_monthly".into(),
                from: "2027-07-01".parse().unwrap(),
                value: 820.into(),
                verified: false,
                source: "draft".into(),
            },
            "draft",
        )
        .unwrap();
    let file = dir.path().join("p.json");
    std::fs::write(&file, changed.to_json()).unwrap();
    let file = file.to_str().unwrap();
    let out = common::server_command(["parameters", "import", file, "--database-url", &url]).await;
    assert!(!out.status.success());
    assert!(common::said(&out).contains("--by"), "{}", common::said(&out));
    let out = common::server_command([
        "parameters",
        "import",
        file,
        "--database-url",
        &url,
        "--by",
        "admin",
    ])
    .await;
    assert!(out.status.success(), "{}", common::said(&out));
    assert!(common::said(&out).contains("proposal"));
    let admin = sign_in(&portal, ADMIN).await;
    let (_, page) = admin.get("/staff/admin").await;
    assert!(
        page.contains("等待另一位管理员审核"),
        "the import is a proposal by admin"
    );

    // A broken file is named with its reason, and nothing is proposed.
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{ \"name\": 1 }").unwrap();
    let out = common::server_command([
        "parameters",
        "import",
        broken.to_str().unwrap(),
        "--database-url",
        &url,
        "--by",
        "admin",
    ])
    .await;
    assert!(!out.status.success());
    assert!(
        common::said(&out).contains("broken.json"),
        "{}",
        common::said(&out)
    );

    // A restart with the changed file does not change the set behind the second person's back.
    let mut args = portal.restart_args();
    args.parameters = Some(dir.path().join("p.json"));
    let refused = server::http::spawn(&args).await.unwrap_err();
    assert!(refused.contains("dibao_monthly from 2027-07-01"), "{refused}");
}

/// An expense application in 几江街道 (one person, not on 低保) with these financial assets.
fn expense_with_assets(assets: f64) -> serde_json::Value {
    let mut body = expense_application();
    body["status"] = "none".into();
    body["financial_assets"] = assets.into();
    body
}

#[tokio::test]
async fn a_running_case_one_fen_inside_a_new_limit_is_marked_and_one_fen_outside_is_not() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let today = portal.clock.today();
    let standard = Parameters::defaults().on(today).unwrap().dibao_monthly;
    // The property limit becomes 30 months of the standard (from 24): for one person,
    // 30 × the standard exactly passes it, one fen more does not.
    let limit = standard.times(30);
    let yuan = |m: Money| m.fen() as f64 / 100.0;
    let inside = submit(&portal, &expense_with_assets(yuan(limit)), "inside").await;
    let outside = submit(
        &portal,
        &expense_with_assets(yuan(limit.plus(Money::from_fen(1)))),
        "outside",
    )
    .await;
    let caseworker = sign_in(&portal, CASEWORKER).await;
    let (_, queue) = caseworker.get("/staff").await;
    assert!(
        !queue.contains("data-recheck"),
        "nothing is marked before the change"
    );

    let (admin, second) = (
        sign_in(&portal, ADMIN).await,
        sign_in(&portal, SECOND_ADMIN).await,
    );
    propose(&admin, "property.asset_months", "30", &today.to_string()).await;
    let id = newest_proposal(&admin).await;
    assert_eq!(decide(&second, &id, "approve", "").await.0, 303);

    // The queue marks the case inside the new limit, and only it.
    let (_, queue) = caseworker.get("/staff").await;
    let row = |reference: &str| {
        let start = queue.find(&format!("data-reference=\"{reference}\"")).unwrap();
        queue[start..start + queue[start..].find("</tr>").unwrap()].to_string()
    };
    assert!(
        row(&inside).contains("按新标准：可能符合，原为可能不符合"),
        "{}",
        row(&inside)
    );
    assert!(!row(&outside).contains("data-recheck"), "{}", row(&outside));
    // The case page says the same, and what the new figures give.
    let (_, page) = caseworker.get(&format!("/staff/case/{inside}")).await;
    assert!(page.contains("按新标准：可能符合，原为可能不符合"));
    let (_, page) = caseworker.get(&format!("/staff/case/{outside}")).await;
    assert!(!page.contains("按新标准"));
    // Nothing changed by itself: the resident still sees the case as submitted.
    let tracked = portal
        .api_track(&inside, Some("5678"))
        .await
        .json::<serde_json::Value>()
        .await
        .unwrap();
    assert_eq!(tracked["status"], "submitted", "{tracked}");
    assert!(!tracked.to_string().contains("按新标准"));

    // `server recheck --dry-run` prints the same one case.
    let url = portal.database_url.clone();
    let out = common::server_command(["recheck", "--dry-run", "--database-url", &url]).await;
    let said = common::said(&out);
    assert!(out.status.success(), "{said}");
    assert!(said.contains(&inside) && !said.contains(&outside), "{said}");
    assert!(said.contains("1 cases would be marked"), "{said}");
}

#[tokio::test]
async fn a_change_dated_tomorrow_marks_the_running_cases_when_tomorrow_comes() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let today = portal.clock.today();
    let standard = Parameters::defaults().on(today).unwrap().dibao_monthly;
    let assets = standard.times(30).fen() as f64 / 100.0;
    let inside = submit(&portal, &expense_with_assets(assets), "inside").await;
    let (admin, second) = (
        sign_in(&portal, ADMIN).await,
        sign_in(&portal, SECOND_ADMIN).await,
    );
    let tomorrow = (today + Duration::days(1)).to_string();
    propose(&admin, "property.asset_months", "30", &tomorrow).await;
    let id = newest_proposal(&admin).await;
    assert_eq!(decide(&second, &id, "approve", "").await.0, 303);
    let caseworker = sign_in(&portal, CASEWORKER).await;
    assert!(
        !caseworker.get("/staff").await.1.contains("data-recheck"),
        "not in force yet"
    );

    portal.clock.advance(Duration::days(1));
    let caseworker = sign_in(&portal, CASEWORKER).await;
    // Every process re-checks within REFRESH_EVERY of the day changing: wait for it, bounded.
    let deadline = std::time::Instant::now() + server::parameters::REFRESH_EVERY * 10;
    loop {
        let (_, queue) = caseworker.get("/staff").await;
        if queue.contains("按新标准：可能符合") {
            assert!(queue.contains(&inside));
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the case was never marked");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_calendar_year_proposed_on_the_page_and_approved_moves_the_next_deadline() {
    use chrono::Datelike;
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let today = portal.clock.today();
    let (days_off, saturday) = crate::calendar::days_off_then_a_saturday_worked(today);
    let (admin, second) = (
        sign_in(&portal, ADMIN).await,
        sign_in(&portal, SECOND_ADMIN).await,
    );
    let post = async |holidays: &str| {
        let (_, page) = admin.get("/staff/admin").await;
        let csrf = input_value(&page, "csrf").unwrap_or_default();
        let key = format!("calendar.{}", today.year());
        let form = [
            ("csrf", csrf.as_str()),
            ("key", key.as_str()),
            ("from", &today.to_string()),
            ("source", "国务院办公厅通知（测试）"),
            ("holidays", holidays),
            ("workdays", &saturday.to_string()),
        ];
        admin.post("/staff/admin/proposals", &form).await
    };
    let (status, page) = post("2026-1-5").await;
    assert_eq!(status, 422);
    assert!(
        page.contains(r#"id="holidays-error""#) && page.contains("“2026-1-5”不是日期"),
        "{page}"
    );
    assert_eq!(post(&days_off.join("\n")).await.0, 303);
    let id = newest_proposal(&admin).await;
    assert_eq!(decide(&second, &id, "approve", "").await.0, 303);
    let (_, page) = admin.get("/staff/admin").await;
    assert!(page.contains(&format!("data-calendar-year=\"{}\"", today.year())));

    let (status, body, _) = portal.create(Some("after"), &emergency_application()).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(
        body["due_on"],
        saturday.to_string(),
        "one working day on the new calendar"
    );
}

#[tokio::test]
async fn server_assess_uses_the_set_in_force_in_the_database() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let (admin, second) = (
        sign_in(&portal, ADMIN).await,
        sign_in(&portal, SECOND_ADMIN).await,
    );
    propose(&admin, "dibao_monthly", "900", "2027-07-01").await;
    let id = newest_proposal(&admin).await;
    assert_eq!(decide(&second, &id, "approve", "").await.0, 303);
    let line = r#"{"town":"几江街道","status":"none","members":[{"age":44}],"annual_income":0,"financial_assets":0}"#;
    let url = portal.database_url.clone();
    let out = tokio::task::spawn_blocking(move || {
        use std::io::Write;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["assess", "--database-url", &url, "--today", "2027-07-01"])
            .env_remove("PORTAL_PARAMETERS")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(line.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    })
    .await
    .unwrap();
    assert!(out.status.success(), "{}", common::said(&out));
    let assessed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(assessed["parameters"]["dibao_monthly"], 900, "{assessed}");
}

#[tokio::test]
async fn an_sms_template_code_changes_with_four_eyes_and_the_next_text_uses_it() {
    use crate::common::sms_stand_in::StandIn;
    let stand_in = StandIn::start().await;
    let secrets = tempfile::tempdir().unwrap();
    let portal = common::start_with(|s| s.sms = stand_in.settings(secrets.path())).await;
    create_demo_accounts(&portal).await;
    let (admin, second) = (
        sign_in(&portal, ADMIN).await,
        sign_in(&portal, SECOND_ADMIN).await,
    );
    let (_, page) = admin.get("/staff/admin").await;
    assert!(page.contains("id=\"sms-templates\""), "{page}");
    assert!(page.contains("value=\"sms_template.submitted\""), "{page}");

    // Not a provider's code: refused at the field, what was typed kept.
    let (status, page) = propose(&admin, "sms_template.submitted", "SMS 1", "").await;
    assert_eq!(status, 422);
    assert!(page.contains("请填写短信服务商审核通过的模板编号"), "{page}");
    assert!(page.contains("value=\"SMS 1\""), "{page}");

    // No date needed: a code is in force from its approval.
    let (status, _) = propose(&admin, "sms_template.submitted", "SMS_900001", "").await;
    assert_eq!(status, 303);
    let id = newest_proposal(&admin).await;
    let (status, _) = decide(&admin, &id, "approve", "").await;
    assert_eq!(status, 403, "never by its proposer");
    let codes: i64 = sqlx::query_scalar("SELECT count(*) FROM sms_templates")
        .fetch_one(&portal.db().await)
        .await
        .unwrap();
    assert_eq!(codes, 0, "nothing changes before a second administrator approves");

    let (status, _) = decide(&second, &id, "approve", "").await;
    assert_eq!(status, 303);
    let (set_by, logged): (String, String) = sqlx::query_as(
        "SELECT t.set_by, l.actor FROM sms_templates t, admin_log l
         WHERE t.kind = 'submitted' AND l.what = 'sms_template'",
    )
    .fetch_one(&portal.db().await)
    .await
    .unwrap();
    assert_eq!((set_by.as_str(), logged.as_str()), ("admin-2", "admin-2"));
    let (_, page) = admin.get("/staff/admin").await;
    assert!(page.contains(">SMS_900001<"), "the code in force: {page}");

    let mut body = expense_application();
    body["sms_consent"] = true.into();
    let reference = submit(&portal, &body, "e1").await;
    stand_in.until(30, "the confirmation", |r| r.len() == 1).await;
    let text = &stand_in.received()[0];
    assert_eq!(text.template_code, "SMS_900001");
    assert_eq!(text.params["reference"], reference.as_str());
    assert_eq!(
        Parameters::defaults().version.as_ref(),
        stored_set_version(&portal).await,
        "a template code is not a change of the parameter set"
    );
}

/// Issue 24, item 9: a Chinese staff page names the parameter set in Chinese only.
#[tokio::test]
async fn the_admin_page_names_the_parameter_set_in_the_pages_language_only() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let admin = sign_in(&portal, ADMIN).await;
    let (_, page) = admin.get("/staff/admin").await;
    assert!(page.contains("江津区临时救助参数"), "{page}");
    assert!(
        !page.contains("Jiangjin temporary-assistance parameters"),
        "{page}"
    );
}
