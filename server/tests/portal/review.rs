//! The town review queue over HTTP: sign-in, the queue, the case page, every step from
//! submission to payment, and the resident's tracking of each step.

use crate::common;

use crate::common::staff::*;
use serde_json::Value;

async fn tracked(portal: &common::Portal, reference: &str, last4: &str) -> Value {
    portal.tracked(reference, last4).await
}

fn event_kinds(tracked: &Value) -> Vec<String> {
    tracked["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_string())
        .collect()
}

async fn status_of(portal: &common::Portal, reference: &str) -> (String, String) {
    let db = portal.db().await;
    sqlx::query_as("SELECT status, level FROM applications WHERE reference = $1")
        .bind(reference)
        .fetch_one(&db)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_emergency_case_goes_from_submission_to_payment_with_an_advance_and_a_document_request() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let expense = submit(&portal, &expense_application(), "e1").await;
    let emergency = submit(&portal, &emergency_application(), "k1").await;

    let caseworker = sign_in(&portal, CASEWORKER).await;
    let (status, queue) = caseworker.get("/staff").await;
    assert_eq!(status, 200);
    // Emergency first, although it arrived second.
    let first = queue.find(&emergency).unwrap();
    assert!(first < queue.find(&expense).unwrap());
    assert!(queue.contains("王*"), "names are masked in the queue");
    assert!(!queue.contains("11010519491231002X"), "no ID number in the queue");

    assert_eq!(caseworker.act(&emergency, &[("action", "accept")]).await.0, 303);
    // An advance above twice the 低保 standard in force is refused at the field.
    let in_force = app::rules::Parameters::defaults()
        .on(portal.clock.today())
        .unwrap();
    let most = in_force
        .dibao_monthly
        .times(in_force.emergency_advance_limit_multiple);
    let over = format!("{}.01", most.fen() / 100);
    let (status, page) = caseworker
        .act(
            &emergency,
            &[("action", "pay_advance"), ("amount", over.as_str())],
        )
        .await;
    assert_eq!(status, 422);
    assert!(page.contains(&format!("先行救助最多 {most} 元")), "{page}");
    assert!(
        page.contains("id=\"pay_advance-error\""),
        "the reason is at the advance's form"
    );
    assert!(
        page.contains("href=\"#action-pay_advance\""),
        "and at the top, linking to it"
    );
    assert_eq!(
        caseworker
            .act(&emergency, &[("action", "pay_advance"), ("amount", "800")])
            .await
            .0,
        303
    );
    assert_eq!(
        caseworker.act(&emergency, &[("action", "investigate")]).await.0,
        303
    );
    assert_eq!(
        caseworker
            .act(
                &emergency,
                &[("action", "request_documents"), ("kinds.certificate", "on")]
            )
            .await
            .0,
        303
    );
    let waiting = tracked(&portal, &emergency, "1234").await;
    assert_eq!(waiting["status"], "waiting_for_documents");
    assert_eq!(waiting["requested"][0]["kind"], "certificate");

    // The resident sends the document: the investigation goes on by itself.
    let form = common::document_form("certificate", b"%PDF-1.4\n%%EOF\n".to_vec(), "proof");
    let sent = portal.api_upload(&emergency, "1234", form).await;
    assert_eq!(sent.status(), 201);
    assert_eq!(status_of(&portal, &emergency).await.0, "investigating");

    assert_eq!(
        caseworker
            .act(&emergency, &[("action", "recommend"), ("amount", "1000")])
            .await
            .0,
        303
    );
    // The caseworker may not approve; the head may.
    assert_eq!(
        caseworker
            .act(&emergency, &[("action", "approve"), ("amount", "1000")])
            .await
            .0,
        403
    );
    let head = sign_in(&portal, HEAD).await;
    assert_eq!(
        head.act(&emergency, &[("action", "approve"), ("amount", "1000")])
            .await
            .0,
        303
    );
    assert_eq!(caseworker.act(&emergency, &[("action", "pay")]).await.0, 303);
    assert_eq!(status_of(&portal, &emergency).await.0, "paid");

    // The resident's timeline has every step in plain words, with the amounts granted.
    let done = tracked(&portal, &emergency, "1234").await;
    assert_eq!(
        event_kinds(&done),
        [
            "submitted",
            "accepted",
            "advance_paid",
            "investigation_started",
            "documents_requested",
            "document_added",
            "investigation_resumed",
            "recommended",
            "approved",
            "paid"
        ]
    );
    let paid = done["events"].as_array().unwrap().last().unwrap();
    assert_eq!(paid["detail"]["balance_fen"], 20000);

    // The audit trail names who did each step; the access log has every opening of the case.
    let db = portal.db().await;
    let actors: Vec<(String, String)> = sqlx::query_as(
        "SELECT e.kind, e.actor FROM events e JOIN applications a ON a.id = e.application_id
         WHERE a.reference = $1 ORDER BY e.id",
    )
    .bind(&emergency)
    .fetch_all(&db)
    .await
    .unwrap();
    assert!(actors.contains(&("approved".into(), "jijiang-head".into())));
    assert!(actors.contains(&("accepted".into(), "jijiang-caseworker".into())));
    let views: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM access_log l JOIN applications a ON a.id = l.application_id
         WHERE a.reference = $1 AND l.what = 'case'",
    )
    .bind(&emergency)
    .fetch_one(&db)
    .await
    .unwrap();
    assert!(views >= 9, "every opening of the case page is logged ({views})");
}

#[tokio::test]
async fn an_above_cap_expense_case_climbs_to_the_bureau_and_the_government() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let reference = submit(&portal, &expense_application(), "e1").await;
    let caseworker = sign_in(&portal, CASEWORKER).await;
    let head = sign_in(&portal, HEAD).await;
    let reviewer = sign_in(&portal, REVIEWER).await;
    let approver = sign_in(&portal, APPROVER).await;

    // Before it reaches them, the district does not see the case at all.
    assert_eq!(reviewer.get(&format!("/staff/case/{reference}")).await.0, 404);
    assert!(!reviewer.get("/staff").await.1.contains(&reference));

    for action in ["accept", "investigate"] {
        assert_eq!(caseworker.act(&reference, &[("action", action)]).await.0, 303);
    }
    // 3 × the expense cap (12 × the standard in force): one fen more is refused.
    let in_force = app::rules::Parameters::defaults()
        .on(portal.clock.today())
        .unwrap();
    let ceiling = in_force
        .dibao_monthly
        .times(in_force.expense_cap_multiple)
        .times(in_force.above_cap_max_multiple_of_cap);
    let over = format!("{}.01", ceiling.fen() / 100);
    let (status, page) = caseworker
        .act(&reference, &[("action", "recommend"), ("amount", over.as_str())])
        .await;
    assert_eq!(status, 422);
    assert!(page.contains(&format!("{ceiling} 元")), "the ceiling is named");
    // Above the cap the district decides on the town's word: without it, refused at its form
    // (issue 24, item 15).
    let (status, refused) = caseworker
        .act(&reference, &[("action", "recommend"), ("amount", "15000")])
        .await;
    assert_eq!(status, 422);
    assert!(refused.contains("请写明理由"), "{refused}");
    let town_reason = "肾移植后仍需长期服药，家中无劳动力。";
    assert_eq!(
        caseworker
            .act(
                &reference,
                &[
                    ("action", "recommend"),
                    ("amount", "15000"),
                    ("reason", town_reason)
                ]
            )
            .await
            .0,
        303
    );
    assert_eq!(
        head.act(&reference, &[("action", "approve"), ("amount", "15000")])
            .await
            .0,
        422,
        "above the town's limit"
    );
    // Every referral upwards carries its reason.
    assert_eq!(head.act(&reference, &[("action", "forward")]).await.0, 422);
    let head_reason = "超过镇街审批权限，报区民政局。";
    assert_eq!(
        head.act(&reference, &[("action", "forward"), ("reason", head_reason)])
            .await
            .0,
        303
    );
    assert_eq!(status_of(&portal, &reference).await.1, "bureau");
    // The next tier reads both reasons on the case page; the applicant reads neither.
    let (_, at_bureau) = reviewer.get(&format!("/staff/case/{reference}")).await;
    assert!(
        at_bureau.contains(town_reason) && at_bureau.contains(head_reason),
        "{at_bureau}"
    );
    assert!(at_bureau.contains("data-reasons"), "{at_bureau}");
    assert!(reviewer.get("/staff").await.1.contains(&reference));
    assert!(!approver.get("/staff").await.1.contains(&reference));
    assert_eq!(
        reviewer
            .act(&reference, &[("action", "approve"), ("amount", "15000")])
            .await
            .0,
        422,
        "above the cap"
    );
    assert_eq!(
        reviewer
            .act(
                &reference,
                &[("action", "forward"), ("reason", "超过封顶线，报区政府。")]
            )
            .await
            .0,
        303
    );
    assert_eq!(
        approver
            .act(&reference, &[("action", "approve"), ("amount", "15000")])
            .await
            .0,
        303
    );
    assert_eq!(caseworker.act(&reference, &[("action", "pay")]).await.0, 303);
    let done = tracked(&portal, &reference, "5678").await;
    assert_eq!(done["status"], "paid");
    let kinds = event_kinds(&done);
    assert_eq!(kinds.iter().filter(|k| *k == "forwarded").count(), 2);
    assert!(!done.to_string().contains(town_reason), "{done}");
    assert!(!done.to_string().contains(head_reason), "{done}");
    // Nobody's name and no amount under review reach the resident.
    let events = done["events"].as_array().unwrap();
    let recommended = events.iter().find(|e| e["kind"] == "recommended").unwrap();
    assert_eq!(recommended["detail"], serde_json::json!({}));
}

#[tokio::test]
async fn a_rejection_reaches_the_resident_with_its_reason() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let reference = submit(&portal, &emergency_application(), "k1").await;
    let head = sign_in(&portal, HEAD).await;
    let (status, page) = head
        .act(&reference, &[("action", "reject"), ("reason", " ")])
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("请写明不予救助的理由"));
    assert_eq!(
        head.act(
            &reference,
            &[("action", "reject"), ("reason", "家庭收入超过标准")]
        )
        .await
        .0,
        303
    );
    let done = tracked(&portal, &reference, "1234").await;
    assert_eq!(done["status"], "rejected");
    assert_eq!(done["events"][1]["detail"]["reason"], "家庭收入超过标准");
    // Final: nothing more can happen, and the page offers nothing.
    assert_eq!(head.act(&reference, &[("action", "accept")]).await.0, 409);
    assert!(
        head.get(&format!("/staff/case/{reference}"))
            .await
            .1
            .contains("您现在没有可以进行的操作")
    );
}

#[tokio::test]
async fn an_action_on_a_page_that_is_out_of_date_is_refused() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let reference = submit(&portal, &emergency_application(), "k1").await;
    let caseworker = sign_in(&portal, CASEWORKER).await;
    assert_eq!(caseworker.act(&reference, &[("action", "accept")]).await.0, 303);
    // Two tabs on the same case: the first pays an advance, the second still shows the old page.
    let (_, page) = caseworker.get(&format!("/staff/case/{reference}")).await;
    let (csrf, old_version) = (
        input_value(&page, "csrf").unwrap(),
        input_value(&page, "version").unwrap(),
    );
    let advance = [("action", "pay_advance"), ("amount", "500")];
    assert_eq!(caseworker.act(&reference, &advance).await.0, 303);
    let stale = [
        ("csrf", csrf.as_str()),
        ("version", old_version.as_str()),
        ("action", "request_documents"),
        ("what", "户口簿"),
    ];
    let (status, page) = caseworker
        .post(&format!("/staff/case/{reference}/action"), &stale)
        .await;
    assert_eq!(status, 409);
    assert!(page.contains("请刷新页面"));
    assert_eq!(status_of(&portal, &reference).await.0, "accepted");
}

#[tokio::test]
async fn a_form_without_the_sessions_csrf_token_is_refused() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let reference = submit(&portal, &emergency_application(), "k1").await;
    let caseworker = sign_in(&portal, CASEWORKER).await;
    let forged = [("csrf", "0000"), ("version", "0"), ("action", "accept")];
    assert_eq!(
        caseworker
            .post(&format!("/staff/case/{reference}/action"), &forged)
            .await
            .0,
        403
    );
    assert_eq!(status_of(&portal, &reference).await.0, "submitted");
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_account_even_for_the_right_one() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    for _ in 0..5 {
        assert_eq!(
            try_sign_in(&portal, (CASEWORKER.0, "wrong-password")).await.1,
            401
        );
    }
    // Locked: the right password is refused with the answer a wrong one gets.
    assert_eq!(try_sign_in(&portal, CASEWORKER).await.1, 401);
    // A wrong username answers exactly like a wrong password.
    assert_eq!(try_sign_in(&portal, ("nobody", "wrong-password")).await.1, 401);
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session_of_the_account() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let desk = sign_in(&portal, CASEWORKER).await;
    let tablet = sign_in(&portal, CASEWORKER).await;
    let (_, page) = desk.get("/staff").await;
    let csrf = input_value(&page, "csrf").unwrap();
    assert_eq!(
        desk.post("/staff/logout-everywhere", &[("csrf", &csrf)]).await.0,
        303
    );
    for client in [&desk, &tablet] {
        let response = portal.get_by(&client.client, "/staff").await;
        assert_eq!(response.status(), 303);
        assert_eq!(response.headers()["location"], "/staff/login");
    }
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_strict_and_secure_behind_tls() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    // No cookie store: a client keeps Secure cookies for https only, so they are sent by hand.
    let client = &portal.client;
    let page = client
        .get(format!("{}/staff/login", portal.base))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .unwrap();
    let login_cookie = page.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(login_cookie.contains("HttpOnly") && login_cookie.contains("SameSite=Strict"));
    assert!(login_cookie.contains("Secure"));
    let csrf = input_value(&page.text().await.unwrap(), "csrf").unwrap();
    let response = client
        .post(format!("{}/staff/login", portal.base))
        .header("x-forwarded-proto", "https")
        .header("cookie", format!("portal_staff_login={csrf}"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", CASEWORKER.0),
            ("password", CASEWORKER.1),
        ])
        .send()
        .await
        .unwrap();
    let session = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("portal_staff="))
        .unwrap();
    for part in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/staff"] {
        assert!(session.contains(part), "{session} lacks {part}");
    }
}

#[tokio::test]
async fn an_advance_whose_paperwork_is_late_is_marked_in_the_queue() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let reference = submit(&portal, &emergency_application(), "k1").await;
    let caseworker = sign_in(&portal, CASEWORKER).await;
    assert_eq!(caseworker.act(&reference, &[("action", "accept")]).await.0, 303);
    let advance = [("action", "pay_advance"), ("amount", "500")];
    assert_eq!(caseworker.act(&reference, &advance).await.0, 303);
    assert!(
        !caseworker
            .get("/staff")
            .await
            .1
            .contains("data-paperwork-overdue")
    );
    // Five working days pass without a decision (the clock moved by rewriting the due date).
    let overdue = "UPDATE applications SET advance_paperwork_due = '2000-01-03' WHERE reference = $1";
    portal.write_for(overdue, &reference).await;
    assert!(
        caseworker
            .get("/staff")
            .await
            .1
            .contains("data-paperwork-overdue")
    );
}

#[tokio::test]
async fn a_pdf_document_is_downloaded_in_a_sandbox_never_opened_in_the_portals_origin() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let reference = submit(&portal, &emergency_application(), "pdf-case").await;
    // A PDF whose opening runs JavaScript, as a hostile upload would carry.
    let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    let form = common::document_form("certificate", pdf.to_vec(), "proof.pdf");
    let sent = portal.api_upload(&reference, "1234", form).await;
    assert_eq!(sent.status(), 201);
    let id = sent.json::<serde_json::Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let staff = sign_in(&portal, CASEWORKER).await;
    let response = portal
        .get_by(&staff.client, &format!("/staff/documents/{id}"))
        .await;
    assert_eq!(response.status(), 200);
    let header = |name: &str| common::header(&response, name).unwrap_or_default();
    assert!(
        header("content-security-policy").starts_with("sandbox"),
        "{}",
        header("content-security-policy")
    );
    assert!(
        header("content-disposition").starts_with("attachment"),
        "{}",
        header("content-disposition")
    );
    assert_eq!(header("content-type"), "application/pdf");
}

#[tokio::test]
async fn the_admin_page_lists_every_parameter_in_force_with_its_source_and_mark() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let admin = sign_in(&portal, ADMIN).await;
    let (status, page) = admin.get("/staff/admin").await;
    assert_eq!(status, 200);
    let today = portal.clock.today();
    for row in app::rules::Parameters::defaults().rows(today) {
        assert!(
            page.contains(&format!(r#"data-parameter="{}""#, row.key)),
            "{} is missing",
            row.key
        );
        let entry = row.in_force.unwrap();
        assert!(page.contains(&entry.source), "{}: {}", row.key, entry.source);
    }
    assert!(page.contains("待核实") || page.contains("已核实"));
}

#[tokio::test]
async fn the_queues_filters_find_cases_by_reference_status_aid_type_assignment_and_deadline() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let emergency = submit(&portal, &emergency_application(), "filters-1").await;
    let expense = submit(&portal, &expense_application(), "filters-2").await;
    let caseworker = sign_in(&portal, CASEWORKER).await;
    // The head accepts the expense case (and is on it: issue 24, item 15).
    let head = sign_in(&portal, HEAD).await;
    assert_eq!(head.act(&expense, &[("action", "accept")]).await.0, 303);
    // The caseworker takes the emergency case; its deadline has passed.
    let me: i64 = sqlx::query_scalar("SELECT id FROM staff WHERE username = $1")
        .bind(CASEWORKER.0)
        .fetch_one(&portal.db().await)
        .await
        .unwrap();
    assert_eq!(caseworker.assign(&emergency, &me.to_string()).await, 303);
    let late = "UPDATE queue_entries SET due_on = '2000-01-03'
                WHERE application_id = (SELECT id FROM applications WHERE reference = $1)";
    portal.write_for(late, &emergency).await;

    // Each filter, and which of the two cases it shows.
    let search = format!("q={}", emergency.to_lowercase());
    for (query, shows_emergency, shows_expense) in [
        ("", true, true),
        ("status=accepted", false, true),
        ("aid=expense", false, true),
        ("mine=1", true, false),
        ("overdue=1", true, false),
        (search.as_str(), true, false),
    ] {
        let (status, page) = caseworker.get(&format!("/staff?{query}")).await;
        assert_eq!(status, 200, "{query}: {page}");
        assert_eq!(
            (page.contains(&emergency), page.contains(&expense)),
            (shows_emergency, shows_expense),
            "{query}"
        );
    }
}

/// "Take the next case" pressed on the queue page: the status and where it leads (or the page).
async fn take_next(staff: &StaffClient) -> (u16, String) {
    let (_, queue) = staff.get("/staff").await;
    let csrf = input_value(&queue, "csrf").expect("the queue has the take-next form");
    staff.post("/staff/next", &[("csrf", csrf.as_str())]).await
}

async fn assigned_to(portal: &common::Portal, reference: &str) -> Option<String> {
    sqlx::query_scalar(
        "SELECT s.username FROM applications a JOIN staff s ON s.id = a.assigned_to
         WHERE a.reference = $1",
    )
    .bind(reference)
    .fetch_optional(&portal.db().await)
    .await
    .unwrap()
}

#[tokio::test]
async fn taking_the_next_case_gives_emergencies_first_assigns_it_and_says_when_none_waits() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let expense = submit(&portal, &expense_application(), "e1").await;
    let emergency = submit(&portal, &emergency_application(), "k1").await;
    let caseworker = sign_in(&portal, CASEWORKER).await;

    let (status, location) = take_next(&caseworker).await;
    assert_eq!(
        (status, location.as_str()),
        (303, format!("/staff/case/{emergency}").as_str())
    );
    assert_eq!(
        assigned_to(&portal, &emergency).await.as_deref(),
        Some(CASEWORKER.0)
    );
    let (_, page) = caseworker.get(&format!("/staff/case/{emergency}")).await;
    assert!(
        page.contains("经办人：") && !page.contains("经办人：未分配"),
        "the case page shows who is on it"
    );

    let (status, location) = take_next(&caseworker).await;
    assert_eq!((status, location), (303, format!("/staff/case/{expense}")));

    let (status, page) = take_next(&caseworker).await;
    assert_eq!(status, 200);
    assert!(page.contains("现在没有等待分配的案件"), "{page}");
    let events: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE kind = 'assigned'")
        .fetch_one(&portal.db().await)
        .await
        .unwrap();
    assert_eq!(events, 2, "each taking is in the audit trail");
}

/// Issue 24, item 15: whoever accepts a case nobody is on is on it; one already assigned stays
/// with its caseworker.
#[tokio::test]
async fn accepting_a_case_nobody_is_on_assigns_it_to_whoever_accepted_it() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let first = submit(&portal, &emergency_application(), "k1").await;
    let second = submit(&portal, &expense_application(), "e1").await;
    let caseworker = sign_in(&portal, CASEWORKER).await;
    let head = sign_in(&portal, HEAD).await;

    assert_eq!(caseworker.act(&first, &[("action", "accept")]).await.0, 303);
    assert_eq!(assigned_to(&portal, &first).await.as_deref(), Some(CASEWORKER.0));

    // Taken by the caseworker, accepted by the head: it stays with the caseworker.
    assert_eq!(take_next(&caseworker).await.0, 303);
    assert_eq!(assigned_to(&portal, &second).await.as_deref(), Some(CASEWORKER.0));
    assert_eq!(head.act(&second, &[("action", "accept")]).await.0, 303);
    assert_eq!(assigned_to(&portal, &second).await.as_deref(), Some(CASEWORKER.0));
    let events: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE kind = 'assigned'")
        .fetch_one(&portal.db().await)
        .await
        .unwrap();
    assert_eq!(
        events, 2,
        "the acceptance and the taking, each in the audit trail"
    );
}

/// Issue 24, item 9: the case page names people, not login names, and shows no rules version.
#[tokio::test]
async fn the_case_page_names_staff_by_their_names_and_shows_no_versions() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let reference = submit(&portal, &emergency_application(), "k1").await;
    let caseworker = sign_in(&portal, CASEWORKER).await;
    assert_eq!(caseworker.act(&reference, &[("action", "accept")]).await.0, 303);
    let (_, page) = caseworker.get(&format!("/staff/case/{reference}")).await;
    let trail = page.split("data-event=\"accepted\"").nth(1).unwrap_or_default();
    let row = trail.split("</tr>").next().unwrap_or_default();
    assert!(row.contains("李敏"), "{row}");
    assert!(!row.contains("jijiang-caseworker"), "{row}");
    // Whom it was assigned to, by name as well.
    let assigned = page.split("data-event=\"assigned\"").nth(1).unwrap_or_default();
    let row = assigned.split("</tr>").next().unwrap_or_default();
    assert!(row.contains("分给") && row.contains("李敏"), "{row}");
    assert!(!row.contains("jijiang-caseworker"), "{row}");
    // Kept for the record in data attributes, never in the words.
    let words: String = page
        .split("data-rules=\"")
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part
            } else {
                part.split_once('"').map_or("", |(_, rest)| rest)
            }
        })
        .collect();
    for version in ["规则版本", "rules 0."] {
        let at = words
            .find(version)
            .map(|i| words[i.saturating_sub(300)..(i + 60).min(words.len())].to_string());
        assert_eq!(at, None, "no versions in the words");
    }
}

#[tokio::test]
async fn twenty_staff_taking_the_next_case_at_once_never_get_the_same_one() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let mut references = Vec::new();
    for n in 0..8 {
        references.push(submit(&portal, &emergency_application(), &format!("k{n}")).await);
    }
    // Twenty signed-in browsers (the town's caseworker and head, on several machines).
    let mut staff = Vec::new();
    for n in 0..20 {
        staff.push(sign_in(&portal, if n % 2 == 0 { CASEWORKER } else { HEAD }).await);
    }
    let mut forms = Vec::new();
    for member in &staff {
        let (_, queue) = member.get("/staff").await;
        forms.push(input_value(&queue, "csrf").unwrap());
    }
    // Every form is read first, then all are posted together.
    let presses: Vec<_> = staff
        .into_iter()
        .zip(forms)
        .map(|(member, csrf)| {
            tokio::spawn(async move { member.post("/staff/next", &[("csrf", csrf.as_str())]).await })
        })
        .collect();
    let mut taken = Vec::new();
    let mut none_left = 0;
    for press in presses {
        match press.await.unwrap() {
            (303, location) => taken.push(location),
            (200, page) if page.contains("现在没有等待分配的案件") => none_left += 1,
            other => panic!("unexpected answer {other:?}"),
        }
    }
    taken.sort();
    let mut expected: Vec<String> = references.iter().map(|r| format!("/staff/case/{r}")).collect();
    expected.sort();
    assert_eq!(taken, expected, "each case taken once");
    assert_eq!(none_left, 12);
}

#[tokio::test]
async fn the_district_tiers_have_no_next_case_to_take() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    submit(&portal, &emergency_application(), "k1").await;
    let reviewer = sign_in(&portal, REVIEWER).await;
    let (_, queue) = reviewer.get("/staff").await;
    assert!(!queue.contains("/staff/next"), "no button for the district");
    let csrf = input_value(&queue, "csrf").unwrap_or_default();
    let (status, _) = reviewer.post("/staff/next", &[("csrf", csrf.as_str())]).await;
    assert_eq!(status, 404);
}
