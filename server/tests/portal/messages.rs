//! Messages (issue 23): each event the applicant can see writes one message for them in its
//! own transaction; the sender sends texts through the provider (a stand-in that checks the
//! signature and misbehaves on request), once each, in order, after crashes and failures; a
//! new emergency alerts the town's duty phones. Every test runs on both engines.

use crate::common::sms_stand_in::{Behaviour, StandIn};
use crate::common::staff::*;
use crate::common::{self, Portal};
use app::domain::messages::MessageKind;
use serde_json::Value;
use std::sync::{Arc, Mutex};

const DUTY: [&str; 2] = ["13800000002", "13900000001"];

fn with_texts(mut body: Value) -> Value {
    body["sms_consent"] = true.into();
    body
}

async fn tracked(portal: &Portal, reference: &str, last4: &str) -> Value {
    portal.tracked(reference, last4).await
}

fn kinds(tracked: &Value) -> Vec<String> {
    tracked["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["kind"].as_str().unwrap().to_string())
        .collect()
}

/// The demonstration's template codes and 几江街道's duty numbers.
async fn set_up_texts(portal: &Portal) {
    let db = portal.db().await;
    for kind in MessageKind::ALL {
        sqlx::query("INSERT INTO sms_templates (kind, code, set_by, set_at) VALUES ($1, $2, 'test', 'now')")
            .bind(kind.word())
            .bind(format!("SMS_{}", kind.word().to_uppercase()))
            .execute(&db)
            .await
            .unwrap();
    }
    for phone in DUTY {
        sqlx::query("INSERT INTO duty_phones (office, phone) VALUES ('几江街道', $1)")
            .bind(phone)
            .execute(&db)
            .await
            .unwrap();
    }
}

async fn message_rows(portal: &Portal, reference: &str) -> Vec<(String, String, String, String)> {
    sqlx::query_as(
        "SELECT m.kind, m.recipient, m.channel, m.status FROM messages m
         JOIN applications a ON a.id = m.application_id WHERE a.reference = $1 ORDER BY m.id",
    )
    .bind(reference)
    .fetch_all(&portal.db().await)
    .await
    .unwrap()
}

/// Taken by the provider: sent, and perhaps delivered already (its receipt is asked for
/// seconds later).
const TAKEN: &[&str] = &["sent", "delivered"];

/// Waits (up to 30 s) until the application's messages to its applicant are all in one of
/// `statuses`.
async fn until_all(portal: &Portal, reference: &str, last4: &str, statuses: &[&str]) -> Value {
    for _ in 0..600 {
        let t = tracked(portal, reference, last4).await;
        if t["messages"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| statuses.iter().any(|s| m["status"] == *s))
        {
            return t;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!(
        "messages not all {statuses:?}: {}",
        tracked(portal, reference, last4).await["messages"]
    );
}

#[tokio::test]
async fn every_event_the_applicant_waits_for_writes_one_message_for_them_and_the_towns_steps_none() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let emergency = submit(&portal, &with_texts(emergency_application()), "k1").await;
    let caseworker = sign_in(&portal, CASEWORKER).await;
    for step in [
        vec![("action", "accept")],
        vec![("action", "pay_advance"), ("amount", "800")],
        vec![("action", "investigate")],
        vec![("action", "request_documents"), ("kinds.certificate", "on")],
    ] {
        assert_eq!(caseworker.act(&emergency, &step).await.0, 303, "{step:?}");
    }
    let form = common::document_form("certificate", b"%PDF-1.4\n%%EOF\n".to_vec(), "proof");
    assert_eq!(portal.api_upload(&emergency, "1234", form).await.status(), 201);
    let (status, _) = caseworker
        .act(&emergency, &[("action", "recommend"), ("amount", "1000")])
        .await;
    assert_eq!(status, 303);
    let head = sign_in(&portal, HEAD).await;
    let (status, _) = head
        .act(&emergency, &[("action", "approve"), ("amount", "1000")])
        .await;
    assert_eq!(status, 303);
    assert_eq!(caseworker.act(&emergency, &[("action", "pay")]).await.0, 303);

    let done = tracked(&portal, &emergency, "1234").await;
    assert_eq!(
        kinds(&done),
        [
            "submitted",
            "accepted",
            "advance_paid",
            "documents_requested",
            "approved",
            "paid"
        ]
    );
    for m in done["messages"].as_array().unwrap() {
        let text = m["text"].as_str().unwrap();
        assert!(text.contains(&emergency), "{text}");
        assert!(
            !text.contains("王") && !text.contains("1234") && !text.contains("http"),
            "{text}"
        );
        // No provider here: the tracking page is the channel, and the message is there.
        assert_eq!(
            (m["channel"].as_str(), m["status"].as_str()),
            (Some("page"), Some("delivered"))
        );
    }
    assert!(
        done["messages"][3]["text"]
            .as_str()
            .unwrap()
            .contains("医院诊断书")
    );
    assert!(done["messages"][4]["text"].as_str().unwrap().contains("1,000"));
    // Exactly one message per event and recipient, and no alert without a provider.
    let rows = message_rows(&portal, &emergency).await;
    assert_eq!(rows.len(), 6);
    assert!(rows.iter().all(|(_, to, _, _)| to == "applicant"));

    // A withdrawal tells the applicant too.
    let expense = submit(&portal, &expense_application(), "e1").await;
    assert_eq!(portal.confirmed_withdrawal(&expense, "5678", None).await.0, 200);
    assert_eq!(
        kinds(&tracked(&portal, &expense, "5678").await),
        ["submitted", "withdrawn"]
    );
}

#[tokio::test]
async fn texts_go_to_the_provider_signed_and_a_new_emergency_alerts_the_towns_duty_phones() {
    let stand_in = StandIn::start().await;
    let secrets = tempfile::tempdir().unwrap();
    let portal = common::start_with(|s| s.sms = stand_in.settings(secrets.path())).await;
    set_up_texts(&portal).await;

    let emergency = submit(&portal, &with_texts(emergency_application()), "k1").await;
    stand_in
        .until(30, "the confirmation and two alerts", |r| r.len() == 3)
        .await;
    let received = stand_in.received();
    let to_applicant: Vec<_> = received.iter().filter(|r| r.phone == "13700001234").collect();
    assert_eq!(to_applicant.len(), 1);
    assert_eq!(to_applicant[0].template_code, "SMS_SUBMITTED");
    assert_eq!(to_applicant[0].params["reference"], emergency.as_str());
    let mut alerted: Vec<&str> = received
        .iter()
        .filter(|r| r.template_code == "SMS_DUTY_ALERT")
        .map(|r| r.phone.as_str())
        .collect();
    alerted.sort();
    assert_eq!(alerted, DUTY);
    for r in &received {
        let params = r.params.to_string();
        assert!(params.contains(&emergency), "{params}");
        // Never the applicant's name, ID or phone in what the provider is given.
        assert!(
            !params.contains("王") && !params.contains("1101") && !params.contains("1370"),
            "{params}"
        );
    }
    assert!(received.iter().any(|r| r.params["town"] == "几江街道"));
    assert!(stand_in.refused().is_empty(), "{:?}", stand_in.refused());
    let sent = until_all(&portal, &emergency, "1234", TAKEN).await;
    assert_eq!(sent["messages"][0]["channel"], "sms");

    // The town sees every message of the case, duty numbers masked.
    create_demo_accounts(&portal).await;
    let caseworker = sign_in(&portal, CASEWORKER).await;
    let (status, page) = caseworker.get(&format!("/staff/case/{emergency}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("通知和短信"), "{page}");
    assert!(page.contains("值班电话 139****0001"), "{page}");
    assert!(!page.contains("13900000001"), "a duty number in full: {page}");
    assert_eq!(page.matches("data-message=\"").count(), 3, "{page}");

    // Without consent an applicant gets no text (the page still shows the message), and an
    // expense application alerts nobody.
    let expense = submit(&portal, &expense_application(), "e1").await;
    let rows = message_rows(&portal, &expense).await;
    assert_eq!(
        rows,
        [(
            "submitted".into(),
            "applicant".into(),
            "page".into(),
            "delivered".into()
        )]
    );
}

#[tokio::test]
async fn a_provider_that_throttles_fails_and_hangs_up_gets_the_text_once_it_recovers() {
    let stand_in = StandIn::start().await;
    let secrets = tempfile::tempdir().unwrap();
    let portal = common::start_with(|s| s.sms = stand_in.settings(secrets.path())).await;
    set_up_texts(&portal).await;
    stand_in.script(&[
        Behaviour::Throttle,
        Behaviour::ServerError,
        Behaviour::CloseConnection,
    ]);

    let expense = submit(&portal, &with_texts(expense_application()), "e1").await;
    for failed in 1..=3 {
        // Each failure leaves the text to be tried again; the test's clock jumps past the wait.
        for _ in 0..600 {
            let rows = message_rows(&portal, &expense).await;
            if stand_in.requests() >= failed && rows[0].3 == "temporary-failure" {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert_eq!(message_rows(&portal, &expense).await[0].3, "temporary-failure");
        // The provider's trouble is not the portal's: it stays ready and takes applications.
        assert_eq!(portal.get("/readyz").await.status(), 200);
        submit(&portal, &expense_application(), &format!("meanwhile-{failed}")).await;
        portal.clock.advance(chrono::Duration::seconds(61));
    }
    stand_in
        .until(30, "the text after the provider recovered", |r| r.len() == 1)
        .await;
    until_all(&portal, &expense, "5678", TAKEN).await;
    let (attempts, error): (i64, Option<String>) = sqlx::query_as(
        "SELECT m.attempts, m.error FROM messages m JOIN applications a ON a.id = m.application_id
         WHERE a.reference = $1",
    )
    .bind(&expense)
    .fetch_one(&portal.db().await)
    .await
    .unwrap();
    assert_eq!((attempts, error), (4, None));
    assert_eq!(stand_in.received().len(), 1, "sent once");
}

/// What a sender in another process would see: a store of its own on the portal's database.
async fn store_of(portal: &Portal, sms: bool) -> server::db::Store {
    let keys = server::crypto::DataKeys::load(&portal.dir().join("portal.key")).unwrap();
    server::db::connect(&portal.database_url, Some(Arc::new(keys)))
        .await
        .unwrap()
        .store
        .sending_sms(sms)
}

#[tokio::test]
async fn a_text_committed_by_a_process_killed_before_sending_goes_once_from_the_next() {
    // A portal without a provider stands in for the database; a process with texts enabled
    // stores an application and "dies" (its store is dropped) before any sender ran, and
    // another claims a text and dies before sending it.
    let portal = common::start().await;
    let stand_in = StandIn::start().await;
    let dying = store_of(&portal, true).await;
    let parameters = app::rules::Parameters::defaults();
    let mut references = Vec::new();
    // Two numbers: one number gets at most a text a minute, which is not what this tests.
    for (key, phone) in [("a", "13900005678"), ("b", "13900015678")] {
        let mut body = with_texts(expense_application());
        body["applicant_phone"] = phone.into();
        let answers: app::domain::ApplicationAnswers = serde_json::from_value(body).unwrap();
        let receipt = server::submission::submit(
            &dying,
            &parameters,
            portal.clock.now(),
            server::submission::Origin::Api(key),
            &answers,
            app::i18n::Locale::Zh,
        )
        .await
        .unwrap();
        references.push(receipt.submitted.reference().to_string());
    }
    // The second process claimed one text, then died before sending it.
    let limits = app::domain::messages::NumberLimits::in_force(&parameters.on(portal.clock.today()).unwrap());
    let claimed = dying
        .claim_messages(portal.clock.now(), chrono::Duration::minutes(2), 1, limits)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    dying.close().await;

    // The next process, with the provider: the unclaimed text goes at once, the claimed one
    // when its claim has run out.
    set_up_texts(&portal).await;
    let secrets = tempfile::tempdir().unwrap();
    let mut next = portal.restart_args();
    next.sms = stand_in.settings(secrets.path());
    server::http::spawn(&next).await.unwrap();
    stand_in.until(30, "the unclaimed text", |r| r.len() == 1).await;
    portal.clock.advance(chrono::Duration::minutes(3));
    stand_in
        .until(30, "the text whose claim ran out", |r| r.len() == 2)
        .await;
    let mut out_ids: Vec<String> = stand_in.received().iter().map(|r| r.out_id.clone()).collect();
    out_ids.dedup();
    assert_eq!(out_ids.len(), 2, "each text once");
    for reference in &references {
        until_all(&portal, reference, "5678", TAKEN).await;
    }
}

/// A channel that counts what it is given, as a provider would.
struct Counting(Mutex<Vec<i64>>);

impl server::messages::SmsChannel for Counting {
    fn send<'a>(&'a self, sms: &'a server::messages::Sms<'a>) -> server::messages::Sending<'a> {
        Box::pin(async move {
            self.0.lock().unwrap().push(sms.id);
            tokio::task::yield_now().await;
            server::messages::Outcome::Accepted { provider_id: None }
        })
    }

    fn receipt<'a>(&'a self, _: &'a server::messages::Sent<'a>) -> server::messages::Receiving<'a> {
        Box::pin(async { server::messages::Receipt::Pending })
    }
}

#[tokio::test]
async fn two_senders_on_one_database_send_each_of_a_thousand_texts_exactly_once() {
    let portal = common::start().await;
    set_up_texts(&portal).await;
    let reference = submit(&portal, &expense_application(), "e1").await;
    let db = portal.db().await;
    let application_id: i64 = sqlx::query_scalar("SELECT id FROM applications WHERE reference = $1")
        .bind(&reference)
        .fetch_one(&db)
        .await
        .unwrap();
    let past = "2000-01-01T00:00:00.000000Z";
    for i in 0..1000 {
        sqlx::query(
            "INSERT INTO messages (application_id, once_key, kind, recipient, channel, params, text,
                status, created_at, not_before)
             VALUES ($1, $2, 'duty_alert', $3, 'sms', '{}', 'test', 'queued', $4, $4)",
        )
        .bind(application_id)
        .bind(format!("test:{i}"))
        .bind(format!("duty:139{i:08}"))
        .bind(past)
        .execute(&db)
        .await
        .unwrap();
    }
    let channel = Arc::new(Counting(Mutex::new(Vec::new())));
    // Both "processes" open their stores before either sends.
    let mut stores = Vec::new();
    for _ in 0..2 {
        stores.push(store_of(&portal, true).await);
    }
    let mut senders = Vec::new();
    for store in stores {
        let sender = server::messages::Sender::new(store, channel.clone(), portal.clock.clone());
        senders.push(tokio::spawn(async move {
            while sender.drain_once().await.unwrap() > 0 {}
        }));
    }
    for sender in senders {
        sender.await.unwrap();
    }
    let mut sent = channel.0.lock().unwrap().clone();
    assert_eq!(sent.len(), 1000, "every text sent");
    sent.sort();
    sent.dedup();
    assert_eq!(sent.len(), 1000, "none twice");
    let left: i64 =
        sqlx::query_scalar("SELECT count(*) FROM messages WHERE status <> 'sent' AND channel = 'sms'")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(left, 0);
}

#[tokio::test]
async fn the_tracking_page_lists_the_messages_and_the_applicant_can_stop_the_texts() {
    let stand_in = StandIn::start().await;
    let secrets = tempfile::tempdir().unwrap();
    let portal = common::start_with(|s| s.sms = stand_in.settings(secrets.path())).await;
    create_demo_accounts(&portal).await;
    set_up_texts(&portal).await;
    let expense = submit(&portal, &with_texts(expense_application()), "e1").await;
    until_all(&portal, &expense, "5678", TAKEN).await;

    let (status, page) = portal.tracking_form("/track", &expense, "5678", None).await;
    assert_eq!(status, 200);
    assert!(page.contains("data-message=\"submitted\""), "{page}");
    assert!(
        page.contains("短信已发出") || page.contains("短信已送达"),
        "{page}"
    );
    assert!(page.contains(&format!("编号{expense}")), "{page}");
    assert!(page.contains("action=\"/track/texts/stop\""), "{page}");

    // The family page lists them too, without the reference.
    let (_, with_link) = portal
        .tracking_form("/track/family-link", &expense, "5678", None)
        .await;
    let token = with_link
        .split("/family/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let family = portal
        .get(&format!("/family/{token}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        family.contains("发给申请人的通知") && family.contains("编号LZ-***-***-***"),
        "{family}"
    );
    assert!(!family.contains(&expense), "{family}");

    let (status, page) = portal
        .tracking_form("/track/texts/stop", &expense, "5678", None)
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("data-texts-stopped"), "{page}");
    assert!(!page.contains("action=\"/track/texts/stop\""), "{page}");
    // The town's next step is told on the page only: no number is kept to text.
    let caseworker = sign_in(&portal, CASEWORKER).await;
    assert_eq!(caseworker.act(&expense, &[("action", "accept")]).await.0, 303);
    let rows = message_rows(&portal, &expense).await;
    assert_eq!(
        rows[1],
        (
            "accepted".into(),
            "applicant".into(),
            "page".into(),
            "delivered".into()
        )
    );
    let kept: Option<String> = sqlx::query_scalar("SELECT sms_phone FROM applications WHERE reference = $1")
        .bind(&expense)
        .fetch_one(&portal.db().await)
        .await
        .unwrap();
    assert_eq!(kept, None);
    assert_eq!(stand_in.received().len(), 1);
}

#[tokio::test]
async fn server_demo_run_after_the_portal_started_makes_it_send_and_gives_the_towns_duty_numbers() {
    let stand_in = StandIn::start().await;
    let secrets = tempfile::tempdir().unwrap();
    let portal = common::start_with(|s| s.sms = stand_in.settings(secrets.path())).await;
    // No template codes yet: the text waits, saying what is missing.
    let first = submit(&portal, &with_texts(expense_application()), "e1").await;
    for _ in 0..600 {
        if message_rows(&portal, &first).await[0].3 == "temporary-failure" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let listed = common::server_command([
        "messages",
        "list",
        "--status",
        "temporary-failure",
        "--database-url",
        &portal.database_url,
    ])
    .await;
    assert!(listed.status.success(), "{}", common::said(&listed));
    assert!(
        common::said(&listed).contains("no template code"),
        "{}",
        common::said(&listed)
    );

    let demo = common::server_command(["demo", "--database-url", &portal.database_url]).await;
    assert!(demo.status.success(), "{}", common::said(&demo));
    portal.clock.advance(chrono::Duration::seconds(61));
    stand_in
        .until(30, "the text once the codes are set", |r| r.len() == 1)
        .await;
    assert_eq!(stand_in.received()[0].template_code, "SMS_DEMO_SUBMITTED");

    // The demonstration's duty number of 几江街道 hears of the next emergency.
    submit(&portal, &emergency_application(), "k1").await;
    stand_in
        .until(30, "the duty alert", |r| {
            r.iter().any(|t| t.phone == "13900000001")
        })
        .await;
}

#[tokio::test]
async fn operators_set_and_clear_a_towns_duty_numbers_and_send_a_failed_text_again() {
    let portal = common::start().await;
    let url = portal.database_url.clone();
    let set = common::server_command([
        "towns",
        "duty",
        "--town",
        "白沙",
        "--phones",
        "13900000009，13800000008",
        "--database-url",
        &url,
    ])
    .await;
    assert!(set.status.success(), "{}", common::said(&set));
    assert!(
        common::said(&set).contains("139****0009"),
        "numbers shown masked: {}",
        common::said(&set)
    );
    let db = portal.db().await;
    let phones: Vec<String> =
        sqlx::query_scalar("SELECT phone FROM duty_phones WHERE office = '白沙镇' ORDER BY phone")
            .fetch_all(&db)
            .await
            .unwrap();
    assert_eq!(phones, ["13800000008", "13900000009"]);
    let bad = common::server_command([
        "towns",
        "duty",
        "--town",
        "上海",
        "--phones",
        "13900000009",
        "--database-url",
        &url,
    ])
    .await;
    assert!(!bad.status.success());
    let cleared = common::server_command([
        "towns",
        "duty",
        "--town",
        "白沙镇",
        "--phones",
        "",
        "--database-url",
        &url,
    ])
    .await;
    assert!(cleared.status.success(), "{}", common::said(&cleared));
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM duty_phones")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(left, 0);
    let logged: Vec<String> =
        sqlx::query_scalar("SELECT actor FROM admin_log WHERE what = 'duty_phones' ORDER BY id")
            .fetch_all(&db)
            .await
            .unwrap();
    assert_eq!(logged.len(), 2);
    assert!(logged.iter().all(|a| a.starts_with("os:")), "{logged:?}");

    // A text that failed for good is queued again by its id.
    let reference = submit(&portal, &expense_application(), "e1").await;
    let application_id: i64 = sqlx::query_scalar("SELECT id FROM applications WHERE reference = $1")
        .bind(&reference)
        .fetch_one(&db)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO messages (id, application_id, once_key, kind, recipient, channel, params, text,
            status, created_at, not_before, error)
         VALUES (9001, $1, 'test', 'accepted', 'applicant', 'sms', '{}', 'x', 'permanent-failure', 'then', 'then', 'isv.MOBILE_NUMBER_ILLEGAL')",
    )
    .bind(application_id)
    .execute(&db)
    .await
    .unwrap();
    let retried = common::server_command(["messages", "retry", "9001", "--database-url", &url]).await;
    assert!(retried.status.success(), "{}", common::said(&retried));
    let status: String = sqlx::query_scalar("SELECT status FROM messages WHERE id = 9001")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(status, "queued");
    let again = common::server_command(["messages", "retry", "9001", "--database-url", &url]).await;
    assert!(!again.status.success(), "only a failed text is sent again");
}

#[tokio::test]
async fn an_emergency_not_accepted_half_way_to_its_deadline_alerts_the_bureau_once() {
    let stand_in = StandIn::start().await;
    let secrets = tempfile::tempdir().unwrap();
    let portal = common::start_with(|s| s.sms = stand_in.settings(secrets.path())).await;
    create_demo_accounts(&portal).await;
    set_up_texts(&portal).await;
    sqlx::query("INSERT INTO duty_phones (office, phone) VALUES ('区民政局', '13900000003')")
        .execute(&portal.db().await)
        .await
        .unwrap();
    let waiting = submit(&portal, &emergency_application(), "k1").await;
    let accepted = submit(&portal, &emergency_application(), "k2").await;
    let caseworker = sign_in(&portal, CASEWORKER).await;
    assert_eq!(caseworker.act(&accepted, &[("action", "accept")]).await.0, 303);
    stand_in.until(30, "the town's alerts", |r| r.len() == 4).await;

    // Past half of the time to accept, 区民政局 hears of the case still waiting, once.
    portal.clock.advance(chrono::Duration::days(10));
    stand_in
        .until(30, "the bureau's alert", |r| {
            r.iter().any(|t| t.phone == "13900000003")
        })
        .await;
    portal.clock.advance(chrono::Duration::minutes(5));
    let escalations: i64 = sqlx::query_scalar("SELECT count(*) FROM messages WHERE kind = 'duty_escalation'")
        .fetch_one(&portal.db().await)
        .await
        .unwrap();
    assert_eq!(escalations, 1, "one alert, for the case not accepted");
    let to_bureau: Vec<_> = stand_in
        .received()
        .into_iter()
        .filter(|t| t.phone == "13900000003")
        .collect();
    assert_eq!(to_bureau.len(), 1);
    assert_eq!(to_bureau[0].params["reference"], waiting.as_str());
    assert_eq!(to_bureau[0].template_code, "SMS_DUTY_ESCALATION");
}

#[tokio::test]
async fn a_staff_action_at_night_is_texted_at_eight_but_the_confirmation_at_once() {
    let stand_in = StandIn::start().await;
    let secrets = tempfile::tempdir().unwrap();
    let portal = common::start_with(|s| s.sms = stand_in.settings(secrets.path())).await;
    create_demo_accounts(&portal).await;
    set_up_texts(&portal).await;
    // The portal's clock moved on to the next 22:00 in Chongqing.
    let local = portal.clock.now() + chrono::Duration::hours(8);
    let mut night = local.date_naive().and_hms_opt(22, 0, 0).unwrap().and_utc();
    if night <= local {
        night += chrono::Duration::days(1);
    }
    portal.clock.advance(night - local);

    let expense = submit(&portal, &with_texts(expense_application()), "e1").await;
    stand_in
        .until(30, "the confirmation, at night too", |r| r.len() == 1)
        .await;
    let caseworker = sign_in(&portal, CASEWORKER).await;
    assert_eq!(caseworker.act(&expense, &[("action", "accept")]).await.0, 303);
    let (status, not_before): (String, String) = sqlx::query_as(
        "SELECT m.status, m.not_before FROM messages m JOIN applications a ON a.id = m.application_id
         WHERE a.reference = $1 AND m.kind = 'accepted'",
    )
    .bind(&expense)
    .fetch_one(&portal.db().await)
    .await
    .unwrap();
    // Held until 08:00 the next morning in Chongqing (00:00 UTC).
    let morning = (night + chrono::Duration::hours(10)) - chrono::Duration::hours(8);
    assert_eq!(status, "queued");
    assert_eq!(not_before, morning.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string());

    portal.clock.advance(chrono::Duration::hours(10));
    stand_in
        .until(30, "the acceptance at eight", |r| {
            r.iter().any(|t| t.template_code == "SMS_ACCEPTED")
        })
        .await;
}

#[tokio::test]
async fn one_number_gets_at_most_a_text_a_minute_five_an_hour_and_ten_a_day_and_the_rest_wait() {
    // Twelve applications giving one number (a son applying for his relatives): each
    // confirmation is a text to it. Two senders on the database ("processes") drain them with
    // the portal's test clock, so the limits are seen minute by minute, hour by hour.
    let portal = common::start().await;
    set_up_texts(&portal).await;
    let parameters = app::rules::Parameters::defaults();
    let answers: app::domain::ApplicationAnswers =
        serde_json::from_value(with_texts(expense_application())).unwrap();
    let store = store_of(&portal, true).await;
    for n in 0..12 {
        let key = format!("n{n}");
        server::submission::submit(
            &store,
            &parameters,
            portal.clock.now(),
            server::submission::Origin::Api(&key),
            &answers,
            app::i18n::Locale::Zh,
        )
        .await
        .unwrap();
    }
    let channel = Arc::new(Counting(Mutex::new(Vec::new())));
    let mut senders = Vec::new();
    for _ in 0..2 {
        let store = store_of(&portal, true).await;
        senders.push(Arc::new(server::messages::Sender::new(
            store,
            channel.clone(),
            portal.clock.clone(),
        )));
    }
    let sent = || channel.0.lock().unwrap().len();
    // Both senders at once, until neither finds a text it may send.
    let drain = || async {
        let both: Vec<_> = senders
            .iter()
            .map(|sender| {
                let sender = sender.clone();
                tokio::spawn(async move { while sender.drain_once().await.unwrap() > 0 {} })
            })
            .collect();
        for sender in both {
            sender.await.unwrap();
        }
    };
    drain().await;
    assert_eq!(sent(), 1, "one text in the first minute, though two senders ran");
    let waiting_until: String = sqlx::query_scalar(
        "SELECT min(not_before) FROM messages WHERE status = 'queued' AND channel = 'sms'",
    )
    .fetch_one(&portal.db().await)
    .await
    .unwrap();
    let first_sent: String = sqlx::query_scalar("SELECT sending_at FROM messages WHERE status = 'sent'")
        .fetch_one(&portal.db().await)
        .await
        .unwrap();
    let first_sent: chrono::DateTime<chrono::Utc> = first_sent.parse().unwrap();
    let a_minute_on = first_sent + chrono::Duration::minutes(1);
    assert_eq!(
        waiting_until,
        a_minute_on.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
    );

    // A minute apart, until five in the hour; the sixth waits for the hour.
    for expected in 2..=5 {
        portal.clock.advance(chrono::Duration::seconds(61));
        drain().await;
        assert_eq!(sent(), expected);
    }
    portal.clock.advance(chrono::Duration::seconds(61));
    drain().await;
    assert_eq!(sent(), 5, "at most five in an hour");
    // An hour after the first, five more a minute apart; then the day's ten are spent.
    portal.clock.advance(chrono::Duration::seconds(3300));
    for expected in 6..=10 {
        drain().await;
        assert_eq!(sent(), expected);
        portal.clock.advance(chrono::Duration::seconds(61));
    }
    portal.clock.advance(chrono::Duration::hours(2));
    drain().await;
    assert_eq!(sent(), 10, "at most ten in a day");

    // Late, never lost: a day after the first, the last two go.
    portal.clock.advance(chrono::Duration::hours(23));
    drain().await;
    portal.clock.advance(chrono::Duration::seconds(61));
    drain().await;
    let mut ids = channel.0.lock().unwrap().clone();
    assert_eq!(ids.len(), 12);
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 12, "each text once");
    let unsent: i64 = sqlx::query_scalar("SELECT count(*) FROM messages WHERE status <> 'sent'")
        .fetch_one(&portal.db().await)
        .await
        .unwrap();
    assert_eq!(unsent, 0);
}

#[tokio::test]
async fn receipts_mark_texts_delivered_or_failed_for_good() {
    let stand_in = StandIn::start().await;
    let secrets = tempfile::tempdir().unwrap();
    let portal = common::start_with(|s| s.sms = stand_in.settings(secrets.path())).await;
    set_up_texts(&portal).await;
    // One duty phone is switched off for good: the carrier cannot deliver to it.
    stand_in.undeliverable(DUTY[0]);
    let emergency = submit(&portal, &with_texts(emergency_application()), "k1").await;
    stand_in
        .until(30, "the confirmation and two alerts", |r| r.len() == 3)
        .await;
    // The receipts are asked for a few seconds after sending (by the portal's clock).
    portal.clock.advance(chrono::Duration::seconds(11));
    let tracked = until_all(&portal, &emergency, "1234", &["delivered"]).await;
    assert_eq!(tracked["messages"][0]["kind"], "submitted");
    let mut statuses = Vec::new();
    for _ in 0..600 {
        statuses = sqlx::query_as::<_, (String, String, Option<String>)>(
            "SELECT m.recipient, m.status, m.error FROM messages m
             JOIN applications a ON a.id = m.application_id WHERE a.reference = $1 ORDER BY m.recipient",
        )
        .bind(&emergency)
        .fetch_all(&portal.db().await)
        .await
        .unwrap();
        if statuses.iter().all(|(_, status, _)| status != "sent") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let off = format!("duty:{}", DUTY[0]);
    for (recipient, status, error) in &statuses {
        if *recipient == off {
            assert_eq!(status, "permanent-failure");
            let error = error.as_deref().unwrap_or_default();
            assert!(
                error.contains("MK:0001") && error.contains("138****0002"),
                "{error}"
            );
        } else {
            assert_eq!(status, "delivered", "{recipient}");
        }
    }
    // Each text's receipt was asked for once, by its BizId, number and day: the stand-in
    // found every one, and refused none of the questions.
    let mut asked: Vec<String> = stand_in.receipts().into_iter().map(|(biz, _)| biz).collect();
    asked.sort();
    let mut taken: Vec<String> = stand_in.received().into_iter().map(|r| r.biz_id).collect();
    taken.sort();
    assert_eq!(asked, taken);
    assert!(stand_in.refused().is_empty(), "{:?}", stand_in.refused());
}

/// The queue's row of `reference`: from its `<tr …>` to the next row.
fn queue_row<'a>(queue: &'a str, reference: &str) -> &'a str {
    let start = queue
        .find(&format!("data-reference=\"{reference}\""))
        .unwrap_or_else(|| panic!("{reference} not in the queue: {queue}"));
    let row = &queue[start..];
    &row[..row.find("</tr>").unwrap_or(row.len())]
}

#[tokio::test]
async fn a_text_that_fails_for_good_asks_the_town_to_phone_until_the_call_is_recorded() {
    let stand_in = StandIn::start().await;
    let secrets = tempfile::tempdir().unwrap();
    let portal = common::start_with(|s| s.sms = stand_in.settings(secrets.path())).await;
    create_demo_accounts(&portal).await;
    set_up_texts(&portal).await;
    // The number the applicant gave is out of service: the carrier cannot deliver to it.
    stand_in.undeliverable("13900005678");
    let expense = submit(&portal, &with_texts(expense_application()), "e1").await;
    let other = submit(&portal, &expense_application(), "e2").await;
    stand_in.until(30, "the confirmation", |r| r.len() == 1).await;
    portal.clock.advance(chrono::Duration::seconds(11));
    for _ in 0..600 {
        if message_rows(&portal, &expense).await[0].3 == "permanent-failure" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(message_rows(&portal, &expense).await[0].3, "permanent-failure");

    let caseworker = sign_in(&portal, CASEWORKER).await;
    let (_, queue) = caseworker.get("/staff").await;
    assert!(
        queue_row(&queue, &expense).contains("data-contact-applicant"),
        "{queue}"
    );
    assert!(queue_row(&queue, &expense).contains("联系申请人"));
    assert!(
        !queue_row(&queue, &other).contains("data-contact-applicant"),
        "no text, no call"
    );
    let (_, page) = caseworker.get(&format!("/staff/case/{expense}")).await;
    assert!(page.contains("data-contact-applicant"), "{page}");
    assert!(page.contains("给申请人的短信（申请已提交）发送失败"), "{page}");
    let contacted = format!("/staff/case/{expense}/contacted");
    let csrf = input_value(&page, "csrf").unwrap();

    // Another town's caseworker cannot record it; an empty note is refused at the form.
    let elsewhere = sign_in(&portal, OTHER_TOWN_CASEWORKER).await;
    let (_, their_page) = elsewhere.get("/staff").await;
    let their_csrf = input_value(&their_page, "csrf").unwrap_or_default();
    let (status, _) = elsewhere
        .post(&contacted, &[("csrf", &their_csrf), ("note", "打过了")])
        .await;
    assert_eq!(status, 404, "a case outside their town is not theirs to see");
    let (status, refused) = caseworker
        .post(&contacted, &[("csrf", &csrf), ("note", "  ")])
        .await;
    assert_eq!(status, 422);
    assert!(refused.contains("请写下通话内容"), "{refused}");

    let note = "已电话告知申请人：原号码停机，改用儿子的号码联系";
    let (status, location) = caseworker
        .post(&contacted, &[("csrf", &csrf), ("note", note)])
        .await;
    assert_eq!(status, 303);
    assert!(location.ends_with("?done=contacted"), "{location}");
    let (_, page) = caseworker.get(&location).await;
    assert!(page.contains("已记录通话"), "{page}");
    assert!(!page.contains("data-contact-applicant"), "{page}");
    assert!(
        page.contains("已电话联系申请人") && page.contains(note),
        "in the audit trail"
    );
    let (_, queue) = caseworker.get("/staff").await;
    assert!(!queue_row(&queue, &expense).contains("data-contact-applicant"));
    // The note is the town's record, not the applicant's timeline.
    let tracked = tracked(&portal, &expense, "5678").await;
    assert!(!tracked.to_string().contains("停机"), "{tracked}");
}

#[tokio::test]
async fn a_document_request_not_delivered_in_a_day_asks_the_town_to_phone() {
    let stand_in = StandIn::start().await;
    let secrets = tempfile::tempdir().unwrap();
    let portal = common::start_with(|s| s.sms = stand_in.settings(secrets.path())).await;
    create_demo_accounts(&portal).await;
    set_up_texts(&portal).await;
    // The applicant's phone is switched off: texts are taken, and no receipt ever comes.
    stand_in.no_receipts_from("13900005678");
    let expense = submit(&portal, &with_texts(expense_application()), "e1").await;
    let caseworker = sign_in(&portal, CASEWORKER).await;
    for step in [
        vec![("action", "accept")],
        vec![("action", "investigate")],
        vec![("action", "request_documents"), ("what", "户口簿首页")],
    ] {
        assert_eq!(caseworker.act(&expense, &step).await.0, 303, "{step:?}");
    }
    let (status, queue) = caseworker.get("/staff").await;
    assert_eq!(status, 200, "{queue}");
    assert!(
        !queue_row(&queue, &expense).contains("data-contact-applicant"),
        "not yet: {queue}"
    );
    // A day on (signed in again: a session does not last a day).
    portal.clock.advance(chrono::Duration::hours(23));
    let caseworker = sign_in(&portal, CASEWORKER).await;
    let (_, queue) = caseworker.get("/staff").await;
    assert!(
        !queue_row(&queue, &expense).contains("data-contact-applicant"),
        "not in 23 hours"
    );
    portal.clock.advance(chrono::Duration::hours(2));
    let caseworker = sign_in(&portal, CASEWORKER).await;
    let (_, queue) = caseworker.get("/staff").await;
    assert!(
        queue_row(&queue, &expense).contains("data-contact-applicant"),
        "{queue}"
    );
    let (_, page) = caseworker.get(&format!("/staff/case/{expense}")).await;
    assert!(
        page.contains("给申请人的短信（补充材料）一天后仍未送达"),
        "{page}"
    );
}

#[tokio::test]
async fn an_administrator_sets_a_towns_duty_numbers_on_the_admin_page_and_the_next_emergency_alerts_them() {
    let stand_in = StandIn::start().await;
    let secrets = tempfile::tempdir().unwrap();
    let portal = common::start_with(|s| s.sms = stand_in.settings(secrets.path())).await;
    create_demo_accounts(&portal).await;
    set_up_texts(&portal).await;
    let admin = sign_in(&portal, ADMIN).await;
    let (status, page) = admin.get("/staff/admin").await;
    assert_eq!(status, 200);
    assert!(page.contains("id=\"duty-phones\""), "{page}");
    assert!(page.contains("138****0002"), "the numbers set, masked: {page}");
    assert!(!page.contains("13800000002"), "never in full: {page}");
    let csrf = input_value(&page, "csrf").unwrap();

    // A landline is refused at the field, and nothing changes.
    let (status, refused) = admin
        .post(
            "/staff/admin/duty-phones",
            &[
                ("csrf", &csrf),
                ("office", "几江街道"),
                ("phones", "023-47521234"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert!(refused.contains("请填写 11 位手机号码"), "{refused}");
    assert!(
        refused.contains("023-47521234"),
        "what was typed stays: {refused}"
    );

    let (status, location) = admin
        .post(
            "/staff/admin/duty-phones",
            &[
                ("csrf", &csrf),
                ("office", "几江街道"),
                ("phones", "13700000077，13700000088"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    let (_, page) = admin.get(&location).await;
    assert!(page.contains("值班电话已保存"), "{page}");
    assert!(
        page.contains("137****0077") && !page.contains("138****0002"),
        "{page}"
    );
    let logged: Vec<String> = sqlx::query_scalar("SELECT actor FROM admin_log WHERE what = 'duty_phones'")
        .fetch_all(&portal.db().await)
        .await
        .unwrap();
    assert_eq!(logged, ["admin"]);

    // A caseworker cannot.
    let caseworker = sign_in(&portal, CASEWORKER).await;
    let (_, queue) = caseworker.get("/staff").await;
    let their_csrf = input_value(&queue, "csrf").unwrap();
    let (status, _) = caseworker
        .post(
            "/staff/admin/duty-phones",
            &[("csrf", &their_csrf), ("office", "几江街道"), ("phones", "")],
        )
        .await;
    assert_eq!(status, 303, "sent back to the queue");

    submit(&portal, &emergency_application(), "k1").await;
    stand_in
        .until(30, "the alert to the new numbers", |r| {
            r.iter().filter(|t| t.template_code == "SMS_DUTY_ALERT").count() == 2
        })
        .await;
    let mut alerted: Vec<String> = stand_in
        .received()
        .into_iter()
        .filter(|t| t.template_code == "SMS_DUTY_ALERT")
        .map(|t| t.phone)
        .collect();
    alerted.sort();
    assert_eq!(alerted, ["13700000077", "13700000088"]);
}
