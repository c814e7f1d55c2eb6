//! A town's request for documents, item by item, with its own deadline (issue 24, items 2 and
//! 3; issue 23's reminder): one upload no longer closes a request of two papers; words alone
//! wait for 已全部上传 or the caseworker; past its deadline the case is marked, never closed.

use crate::common::sms_stand_in::StandIn;
use crate::common::staff::*;
use crate::common::{self, Portal};
use app::domain::messages::MessageKind;
use app::rules::Parameters;
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use serde_json::Value;

async fn waiting_case(portal: &Portal, key: &str, request: &[(&str, &str)]) -> (String, StaffClient) {
    create_demo_accounts(portal).await;
    let reference = submit(portal, &emergency_application(), key).await;
    let caseworker = sign_in(portal, CASEWORKER).await;
    assert_eq!(caseworker.act(&reference, &[("action", "accept")]).await.0, 303);
    let mut form = vec![("action", "request_documents")];
    form.extend_from_slice(request);
    assert_eq!(caseworker.act(&reference, &form).await.0, 303);
    (reference, caseworker)
}

/// A file sent from the tracking page, of `kind` ("" for none chosen); the page shown after.
async fn send(portal: &Portal, reference: &str, kind: &str) -> String {
    let form = reqwest::multipart::Form::new()
        .text("reference", reference.to_string())
        .text("last4", "1234")
        .text("kind", kind.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(b"%PDF-1.4\n%%EOF\n".to_vec()).file_name("paper.pdf"),
        );
    portal.track_upload(form).await
}

fn requested(tracked: &Value) -> Vec<(String, bool)> {
    tracked["requested"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let name = i["kind"].as_str().or(i["what"].as_str()).unwrap().to_string();
            (name, i["received"].as_bool().unwrap())
        })
        .collect()
}

fn event_kinds(tracked: &Value) -> Vec<String> {
    common::listed(tracked, "events", "kind")
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// The request's deadline: `deadline.documents_request_working_days` working days from the
/// day it was made (today in Chongqing).
fn deadline(portal: &Portal) -> NaiveDate {
    let p = Parameters::defaults();
    let today = portal.clock.today();
    let days = p.on(today).unwrap().deadline_documents_request_working_days;
    p.calendar.as_of(today).add(today, days)
}

/// Posts a form of the case page to `path` with its CSRF token and version.
async fn post_on_case(
    staff: &StaffClient,
    reference: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let (_, page) = staff.get(&format!("/staff/case/{reference}")).await;
    let csrf = input_value(&page, "csrf").unwrap_or_default();
    let version = input_value(&page, "version").unwrap_or_default();
    let mut form: Vec<(&str, &str)> = vec![("csrf", &csrf), ("version", &version)];
    form.extend_from_slice(fields);
    staff.post(path, &form).await
}

async fn item_ids(portal: &Portal, reference: &str) -> Vec<i64> {
    sqlx::query_scalar(
        "SELECT i.id FROM document_request_items i JOIN applications a ON a.id = i.application_id
         WHERE a.reference = $1 ORDER BY i.id",
    )
    .bind(reference)
    .fetch_all(&portal.db().await)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_request_for_two_papers_waits_for_both_and_tracking_shows_each_received_or_missing() {
    let portal = common::start().await;
    let request = [("kinds.certificate", "on"), ("kinds.household_register", "on")];
    let (reference, _) = waiting_case(&portal, "k1", &request).await;
    let due = deadline(&portal);

    let t = portal.tracked(&reference, "1234").await;
    assert_eq!(t["status"], "waiting_for_documents");
    assert_eq!(
        requested(&t),
        [
            ("household_register".into(), false),
            ("certificate".into(), false)
        ]
    );
    assert_eq!(t["documents_due_on"], due.to_string());
    // The applicant's message says what and by when.
    let asked = t["messages"].as_array().unwrap().last().unwrap()["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(asked.contains("户口簿") && asked.contains("火灾"), "{asked}");
    assert!(asked.contains(&due.format("%-m月%-d日").to_string()), "{asked}");

    // The certificate alone: received, and the case still waits for the 户口簿.
    let page = send(&portal, &reference, "certificate").await;
    assert!(
        page.contains(r#"data-item="missing""#) && page.contains(r#"data-item="received""#),
        "{page}"
    );
    assert!(page.contains(&format!(r#"data-documents-due="{due}""#)), "{page}");
    let t = portal.tracked(&reference, "1234").await;
    assert_eq!(t["status"], "waiting_for_documents");
    assert_eq!(
        requested(&t),
        [("household_register".into(), false), ("certificate".into(), true)]
    );
    assert!(!event_kinds(&t).contains(&"investigation_resumed".to_string()));

    // A file of no kind chosen answers what is still missing, and takes its kind: all in, the
    // case goes back to the town.
    send(&portal, &reference, "").await;
    let t = portal.tracked(&reference, "1234").await;
    assert_eq!(t["status"], "investigating");
    assert_eq!(event_kinds(&t).last().unwrap(), "investigation_resumed");
    let held: Vec<&str> = t["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert_eq!(held, ["certificate", "household_register"]);
    // Tracking lists what the town holds, by kind (never its content).
    let page = portal.tracking_form("/track", &reference, "1234", None).await.1;
    assert!(page.contains(r#"data-held="household_register""#), "{page}");
}

#[tokio::test]
async fn words_alone_wait_for_all_sent_or_the_caseworker_and_can_be_asked_again() {
    let portal = common::start().await;
    let what = "村委会出具的情况说明";
    let (reference, caseworker) = waiting_case(&portal, "k2", &[("what", what)]).await;

    // An upload alone does not answer words.
    send(&portal, &reference, "other").await;
    let t = portal.tracked(&reference, "1234").await;
    assert_eq!(t["status"], "waiting_for_documents");
    assert_eq!(requested(&t), [(what.to_string(), false)]);

    // 已全部上传: back to the town, the request closed.
    let (status, page) = portal
        .tracking_form("/track/documents/all-sent", &reference, "1234", None)
        .await;
    assert_eq!(status, 200, "{page}");
    let t = portal.tracked(&reference, "1234").await;
    assert_eq!(t["status"], "investigating");
    assert!(t["requested"].as_array().unwrap().is_empty());
    // Said again on a case no longer waiting, it changes nothing.
    portal
        .tracking_form("/track/documents/all-sent", &reference, "1234", None)
        .await;
    assert_eq!(
        portal.tracked(&reference, "1234").await["status"],
        "investigating"
    );

    // The caseworker asks for it again (the case page's button), then marks it received.
    let case_page = caseworker.get(&format!("/staff/case/{reference}")).await.1;
    assert!(case_page.contains("再要一次"), "{case_page}");
    assert_eq!(
        caseworker
            .act(&reference, &[("action", "request_documents"), ("what", what)])
            .await
            .0,
        303
    );
    assert_eq!(
        portal.tracked(&reference, "1234").await["status"],
        "waiting_for_documents"
    );
    let item = item_ids(&portal, &reference)
        .await
        .last()
        .copied()
        .unwrap()
        .to_string();
    let path = format!("/staff/case/{reference}/request-item");

    // Another town's caseworker cannot see the case; a stale page changes nothing.
    let other = sign_in(&portal, OTHER_TOWN_CASEWORKER).await;
    assert_eq!(
        post_on_case(&other, &reference, &path, &[("item", &item)])
            .await
            .0,
        404
    );

    let (status, _) = post_on_case(&caseworker, &reference, &path, &[("item", &item)]).await;
    assert_eq!(status, 303);
    let t = portal.tracked(&reference, "1234").await;
    assert_eq!(t["status"], "investigating");
    let audit: Vec<String> = sqlx::query_scalar(
        "SELECT e.actor FROM events e JOIN applications a ON a.id = e.application_id
         WHERE a.reference = $1 AND e.kind = 'request_item_satisfied'",
    )
    .bind(&reference)
    .fetch_all(&portal.db().await)
    .await
    .unwrap();
    assert_eq!(audit, [CASEWORKER.0]);
    // The town's record of it is not on the applicant's timeline.
    assert!(!event_kinds(&t).contains(&"request_item_satisfied".to_string()));
}

#[tokio::test]
async fn asking_again_for_a_received_paper_makes_it_missing_again() {
    let portal = common::start().await;
    let request = [("kinds.certificate", "on"), ("kinds.household_register", "on")];
    let (reference, caseworker) = waiting_case(&portal, "k3", &request).await;
    send(&portal, &reference, "certificate").await;
    // The photo is unreadable: asked again while the 户口簿 is still awaited.
    assert_eq!(
        caseworker
            .act(
                &reference,
                &[("action", "request_documents"), ("kinds.certificate", "on")]
            )
            .await
            .0,
        303
    );
    let t = portal.tracked(&reference, "1234").await;
    assert_eq!(t["status"], "waiting_for_documents");
    assert_eq!(
        requested(&t),
        [
            ("household_register".into(), false),
            ("certificate".into(), false)
        ]
    );
    let asked = common::listed(&t, "messages", "kind");
    assert_eq!(asked.iter().filter(|k| **k == "documents_requested").count(), 2);
}

#[tokio::test]
async fn a_request_past_its_deadline_is_marked_for_the_caseworker_and_never_closed() {
    let portal = common::start().await;
    let (reference, _) = waiting_case(&portal, "k4", &[("kinds.certificate", "on")]).await;
    let due = deadline(&portal);
    let queue = sign_in(&portal, CASEWORKER).await.get("/staff").await.1;
    assert!(
        queue.contains(&due.to_string()) && !queue.contains("data-documents-overdue"),
        "{queue}"
    );

    // The day after the deadline.
    let days = (due - portal.clock.today()).num_days() + 1;
    portal.clock.advance(Duration::days(days));
    let caseworker = sign_in(&portal, CASEWORKER).await;
    let queue = caseworker.get("/staff").await.1;
    assert!(
        queue.contains("data-documents-overdue") && queue.contains("补充材料已逾期"),
        "{queue}"
    );
    let case_page = caseworker.get(&format!("/staff/case/{reference}")).await.1;
    assert!(case_page.contains("data-documents-overdue"), "{case_page}");
    assert_eq!(
        portal.tracked(&reference, "1234").await["status"],
        "waiting_for_documents"
    );
}

#[tokio::test]
async fn the_applicant_is_reminded_once_the_working_day_before_the_deadline_of_what_is_missing() {
    let stand_in = StandIn::start().await;
    let secrets = tempfile::tempdir().unwrap();
    let portal = common::start_with(|s| s.sms = stand_in.settings(secrets.path())).await;
    let db = portal.db().await;
    for kind in MessageKind::ALL {
        sqlx::query("INSERT INTO sms_templates (kind, code, set_by, set_at) VALUES ($1, $2, 'test', 'now')")
            .bind(kind.word())
            .bind(format!("SMS_{}", kind.word().to_uppercase()))
            .execute(&db)
            .await
            .unwrap();
    }
    create_demo_accounts(&portal).await;
    let mut body = emergency_application();
    body["sms_consent"] = true.into();
    let reference = submit(&portal, &body, "k5").await;
    let caseworker = sign_in(&portal, CASEWORKER).await;
    assert_eq!(caseworker.act(&reference, &[("action", "accept")]).await.0, 303);
    let request = [
        ("action", "request_documents"),
        ("kinds.certificate", "on"),
        ("kinds.household_register", "on"),
    ];
    assert_eq!(caseworker.act(&reference, &request).await.0, 303);
    send(&portal, &reference, "certificate").await;
    let due = deadline(&portal);

    // The first text recorded as sent before the clock moves on (a text in flight across a
    // jump of days would outlive its lease).
    for _ in 0..300 {
        let status: String = sqlx::query_scalar("SELECT status FROM messages WHERE kind = 'submitted'")
            .fetch_one(&db)
            .await
            .unwrap();
        if status != "queued" && status != "sending" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // The day before the deadline, at ten in the morning in Chongqing.
    let eve = due - Duration::days(1);
    let ten = Utc.from_utc_datetime(&eve.and_hms_opt(2, 0, 0).unwrap());
    portal.clock.advance(ten - portal.clock.now());
    let reminded = |r: &[crate::common::sms_stand_in::Received]| {
        r.iter().any(|t| t.template_code == "SMS_DOCUMENTS_REMINDER")
    };
    // One text a minute to a number (sms.per_number_per_minute): the accepted and the request,
    // held by the night when they were written, go first, then the reminder.
    for n in 2..=4 {
        portal.clock.advance(Duration::seconds(61));
        stand_in.until(30, "the next text", |r| r.len() >= n).await;
    }
    assert!(reminded(&stand_in.received()));
    let texts = stand_in.received();
    let reminder = texts
        .iter()
        .find(|t| t.template_code == "SMS_DOCUMENTS_REMINDER")
        .unwrap();
    assert_eq!(reminder.params["what"], "户口簿");
    assert_eq!(reminder.params["date"], due.format("%-m月%-d日").to_string());

    // A minute later, and another: still one reminder.
    portal.clock.advance(Duration::minutes(3));
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM messages WHERE kind = 'documents_reminder'")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(count, 1);
}
