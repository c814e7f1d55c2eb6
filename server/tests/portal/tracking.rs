//! What a resident does with a reference and a phone ending (look up, withdraw, family links,
//! documents, the API), against someone guessing: one throttle check before any action, one
//! budget per reference however it is typed and wherever the guesses come from, the client's
//! own address behind a trusted proxy, family links that show no reference and can be revoked
//! and expire, and a database failure that is never mistaken for a wrong guess.

use crate::common;

use crate::common::Portal;
use crate::common::staff::{
    ADMIN, CASEWORKER, HEAD, create_demo_accounts, emergency_application, input_value, sign_in, submit,
};
use chrono::Duration;
use server::http::Throttle;

/// The phone ending of `emergency_application` (13700001234).
const RIGHT: &str = "1234";

async fn submitted(portal: &Portal, key: &str) -> String {
    submit(portal, &emergency_application(), key).await
}

/// A tracking form posted (`Portal::tracking_form`); the status and the page.
async fn post_form(
    portal: &Portal,
    path: &str,
    reference: &str,
    last4: &str,
    forwarded: Option<&str>,
) -> (u16, String) {
    portal.tracking_form(path, reference, last4, forwarded).await
}

async fn track(portal: &Portal, reference: &str, last4: &str, forwarded: Option<&str>) -> String {
    post_form(portal, "/track", reference, last4, forwarded).await.1
}

fn throttled(page: &str) -> bool {
    page.contains("查询次数太多")
}

fn found(page: &str) -> bool {
    page.contains(r#"data-status="submitted""#)
}

/// A reference that is well formed but belongs to no application.
fn unknown_reference(n: usize) -> String {
    app::domain::ReferenceNumber::from_random([n as u8, (n >> 8) as u8, 7, 7, 7]).to_string()
}

/// Enough misses on different references to block the client (or the forwarded client).
async fn block_client(portal: &Portal, forwarded: Option<&str>) {
    for n in 0..Throttle::MISSES_PER_CLIENT {
        let page = track(portal, &unknown_reference(n), RIGHT, forwarded).await;
        assert!(!throttled(&page), "blocked after {n} misses only");
    }
}

async fn scalar(portal: &Portal, sql: &str, reference: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(reference)
        .fetch_one(&portal.db().await)
        .await
        .unwrap()
}

async fn status_of(portal: &Portal, reference: &str) -> String {
    sqlx::query_scalar("SELECT status FROM applications WHERE reference = $1")
        .bind(reference)
        .fetch_one(&portal.db().await)
        .await
        .unwrap()
}

/// The rows of `table` that belong to the application with this reference.
async fn rows_of(portal: &Portal, table: &str, reference: &str) -> i64 {
    let sql = format!(
        "SELECT count(*) FROM {table} t JOIN applications a ON a.id = t.application_id
         WHERE a.reference = $1"
    );
    scalar(portal, &sql, reference).await
}

async fn family_links_of(portal: &Portal, reference: &str) -> i64 {
    rows_of(portal, "family_links", reference).await
}

async fn documents_of(portal: &Portal, reference: &str) -> i64 {
    rows_of(portal, "documents", reference).await
}

fn pdf_form(reference: Option<&str>) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new();
    if let Some(reference) = reference {
        form = form.text("reference", reference.to_string()).text("last4", RIGHT);
    }
    form.text("kind", "certificate").part(
        "file",
        reqwest::multipart::Part::bytes(b"%PDF-1.4\n%%EOF\n".to_vec()).file_name("proof.pdf"),
    )
}

async fn api_get(portal: &Portal, reference: &str, last4: &str) -> u16 {
    portal.api_track(reference, Some(last4)).await.status().as_u16()
}

#[tokio::test]
async fn a_withdrawal_from_a_blocked_client_changes_nothing() {
    let portal = common::start().await;
    let reference = submitted(&portal, "k").await;
    block_client(&portal, None).await;

    let (status, page) = portal.confirmed_withdrawal(&reference, RIGHT, None).await;
    assert_eq!(status_of(&portal, &reference).await, "submitted");
    assert!(throttled(&page), "{page}");
    assert_eq!(status, 429);
}

#[tokio::test]
async fn a_withdrawal_after_the_references_misses_changes_nothing() {
    let portal = common::start().await;
    let reference = submitted(&portal, "k").await;
    for guess in ["0000", "0001", "0002", "0003", "0004"] {
        track(&portal, &reference, guess, None).await;
    }
    let (_, page) = portal.confirmed_withdrawal(&reference, RIGHT, None).await;
    assert!(throttled(&page), "{page}");
    assert_eq!(status_of(&portal, &reference).await, "submitted");
}

#[tokio::test]
async fn a_blocked_clients_family_links_documents_and_api_calls_change_nothing() {
    let portal = common::start().await;
    let reference = submitted(&portal, "k").await;
    post_form(&portal, "/track/family-link", &reference, RIGHT, None).await;
    assert_eq!(family_links_of(&portal, &reference).await, 1);
    block_client(&portal, None).await;

    let (_, page) = post_form(&portal, "/track/family-link", &reference, RIGHT, None).await;
    assert!(throttled(&page), "{page}");
    let (_, page) = post_form(&portal, "/track/family-links/revoke", &reference, RIGHT, None).await;
    assert!(throttled(&page), "{page}");
    assert_eq!(
        family_links_of(&portal, &reference).await,
        1,
        "none made, none revoked"
    );

    let page = portal.track_upload(pdf_form(Some(&reference))).await;
    assert!(throttled(&page), "{page}");

    assert_eq!(api_get(&portal, &reference, RIGHT).await, 429);
    let api_upload = portal.api_upload(&reference, RIGHT, pdf_form(None)).await;
    assert_eq!(api_upload.status(), 429);
    assert_eq!(documents_of(&portal, &reference).await, 0);
}

#[tokio::test]
async fn another_spelling_of_a_reference_shares_its_guessing_budget() {
    let portal = common::start().await;
    let reference = submitted(&portal, "k").await;
    let compact = reference.replace('-', "").to_lowercase();
    let spaced = reference.replace('-', " ");
    let spellings = [
        compact.clone(),
        spaced.clone(),
        format!(" {compact} "),
        reference.to_lowercase(),
        compact.to_uppercase(),
    ];
    assert_eq!(spellings.len(), Throttle::MISSES_PER_REFERENCE);
    for (n, spelling) in spellings.iter().enumerate() {
        let page = track(&portal, spelling, &format!("000{n}"), None).await;
        assert!(!throttled(&page), "blocked after {n} misses");
    }
    assert!(throttled(&track(&portal, &reference, RIGHT, None).await));
    assert_eq!(api_get(&portal, &spaced.replace(' ', ""), RIGHT).await, 429);
}

#[tokio::test]
async fn misses_on_a_reference_from_many_forwarded_clients_share_one_budget() {
    let portal = common::start_with(|args| args.trusted_proxies = "127.0.0.1".parse().unwrap()).await;
    let reference = submitted(&portal, "k").await;
    let compact = reference.replace('-', "").to_lowercase();
    for n in 0..Throttle::MISSES_PER_REFERENCE {
        let client = format!("203.0.113.{n}");
        let spelling = if n % 2 == 0 { &compact } else { &reference };
        let page = track(&portal, spelling, &format!("000{n}"), Some(&client)).await;
        assert!(!throttled(&page), "blocked after {n} misses");
    }
    let page = track(&portal, &reference, RIGHT, Some("198.51.100.7")).await;
    assert!(throttled(&page), "{page}");
}

#[tokio::test]
async fn a_forwarded_address_from_an_untrusted_socket_is_ignored() {
    let portal = common::start().await;
    let reference = submitted(&portal, "k").await;
    // Each miss claims another address; none of them is believed.
    for n in 0..Throttle::MISSES_PER_CLIENT {
        let forwarded = format!("203.0.113.{n}");
        track(&portal, &unknown_reference(n), RIGHT, Some(&forwarded)).await;
    }
    let page = track(&portal, &reference, RIGHT, Some("198.51.100.7")).await;
    assert!(throttled(&page), "{page}");
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_budget() {
    let portal = common::start_with(|args| args.trusted_proxies = "127.0.0.1".parse().unwrap()).await;
    let reference = submitted(&portal, "k").await;
    block_client(&portal, Some("203.0.113.9")).await;
    assert!(throttled(
        &track(&portal, &reference, RIGHT, Some("203.0.113.9")).await
    ));
    // The proxy appends the address it saw; whatever the client claimed stays on the left.
    let page = track(&portal, &reference, RIGHT, Some("203.0.113.9, 198.51.100.7")).await;
    assert!(found(&page), "{page}");
}

/// The secret of the family link on a tracking page.
fn family_link_in(page: &str) -> String {
    page.split("/family/")
        .nth(1)
        .expect("a family link on the page")
        .split('"')
        .next()
        .unwrap()
        .to_string()
}

async fn new_family_link(portal: &Portal, reference: &str) -> String {
    let (_, page) = post_form(portal, "/track/family-link", reference, RIGHT, None).await;
    family_link_in(&page)
}

async fn family_page(portal: &Portal, token: &str) -> (u16, String) {
    let response = portal.get(&format!("/family/{token}")).await;
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn the_family_page_shows_no_reference_number() {
    let portal = common::start().await;
    let reference = submitted(&portal, "k").await;
    let token = new_family_link(&portal, &reference).await;
    let (status, page) = family_page(&portal, &token).await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"data-status="submitted""#), "{page}");
    let body = page.split("<body").nth(1).unwrap();
    let compact = reference.replace('-', "");
    for shown in [reference.as_str(), compact.as_str(), &reference[3..]] {
        assert!(!body.contains(shown), "the family page shows {shown}");
    }
}

#[tokio::test]
async fn the_applicant_revokes_every_family_link_from_the_tracking_page() {
    let portal = common::start().await;
    let reference = submitted(&portal, "k").await;
    let first = new_family_link(&portal, &reference).await;
    let second = new_family_link(&portal, &reference).await;
    let page = track(&portal, &reference, RIGHT, None).await;
    assert!(
        page.contains(r#"data-family-links="2""#) && page.contains("撤销所有家人查看链接"),
        "{page}"
    );

    let (status, page) = post_form(&portal, "/track/family-links/revoke", &reference, RIGHT, None).await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"data-family-links="0""#), "{page}");
    for token in [first, second] {
        assert_eq!(family_page(&portal, &token).await.0, 404);
    }
}

#[tokio::test]
async fn a_family_link_answers_404_once_its_days_after_the_decision_have_passed() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let days = app::rules::Parameters::defaults()
        .on(portal.clock.today())
        .unwrap()
        .family_link_days_after_decision;
    let reference = submitted(&portal, "k").await;
    let link = new_family_link(&portal, &reference).await;
    let head = sign_in(&portal, HEAD).await;
    let decision = [("action", "reject"), ("reason", "收入超过标准")];
    assert_eq!(head.act(&reference, &decision).await.0, 303);

    portal.clock.advance(Duration::days(days) - Duration::minutes(1));
    let (status, page) = family_page(&portal, &link).await;
    assert_eq!(status, 200, "a minute before the link expires");
    assert!(page.contains(r#"data-status="rejected""#), "{page}");
    portal.clock.advance(Duration::minutes(2));
    let (status, page) = family_page(&portal, &link).await;
    assert_eq!(status, 404, "a minute after");
    assert!(!page.contains("data-status"), "{page}");
}

#[tokio::test]
async fn a_database_failure_while_tracking_is_a_503_and_not_a_miss() {
    let portal = common::start().await;
    let reference = submitted(&portal, "k").await;
    let link = new_family_link(&portal, &reference).await;
    let db = portal.db().await;
    // Tracking reads the town's queue entry (its deadline): without the table, every look-up
    // fails inside the database.
    sqlx::query("ALTER TABLE queue_entries RENAME TO queue_entries_away")
        .execute(&db)
        .await
        .unwrap();
    for _ in 0..=Throttle::MISSES_PER_REFERENCE {
        let (status, page) = post_form(&portal, "/track", &reference, RIGHT, None).await;
        assert_eq!(status, 503, "{page}");
        assert!(page.contains("服务暂时不可用，请稍后再试"), "{page}");
        assert!(!page.contains("没有找到"), "{page}");
        assert_eq!(api_get(&portal, &reference, RIGHT).await, 503);
    }
    let (status, page) = family_page(&portal, &link).await;
    assert_eq!(status, 503, "a family link is not called invalid: {page}");
    sqlx::query("ALTER TABLE queue_entries_away RENAME TO queue_entries")
        .execute(&db)
        .await
        .unwrap();
    let page = track(&portal, &reference, RIGHT, None).await;
    assert!(found(&page), "no miss was counted: {page}");
}

/// Issue 24, item 11: once aid is approved the applicant reads where it will be paid (the
/// card's last four digits, never the whole number), and a case sent up is with that tier;
/// the family never sees the account.
#[tokio::test]
async fn an_approved_case_names_the_accounts_last_four_digits_to_the_applicant_and_not_to_the_family() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let reference = submitted(&portal, "k").await;
    let before = portal.tracked(&reference, RIGHT).await;
    assert!(before.get("account_last4").is_none(), "{before}");
    let caseworker = sign_in(&portal, CASEWORKER).await;
    for form in [
        vec![("action", "accept")],
        vec![("action", "investigate")],
        vec![("action", "recommend"), ("amount", "1000")],
    ] {
        assert_eq!(caseworker.act(&reference, &form).await.0, 303, "{form:?}");
    }
    let head = sign_in(&portal, HEAD).await;
    assert_eq!(
        head.act(&reference, &[("action", "approve"), ("amount", "1000")])
            .await
            .0,
        303
    );
    let tracked = portal.tracked(&reference, RIGHT).await;
    assert_eq!(tracked["account_last4"], "1111", "{tracked}");
    let page = track(&portal, &reference, RIGHT, None).await;
    assert!(page.contains(r#"data-holder="town""#), "{page}");
    assert!(page.contains("尾号 1111"), "{page}");
    assert!(!page.contains("4111111111111111"), "{page}");

    let token = new_family_link(&portal, &reference).await;
    let (status, family) = family_page(&portal, &token).await;
    assert_eq!(status, 200);
    assert!(family.contains(r#"data-status="approved""#), "{family}");
    assert!(!family.contains("尾号"), "{family}");
}

/// Issue 24, item 4: a son applies for his mother, who has no mobile. His phone is the contact:
/// its last four digits track the application; her old ending (she has none) finds nothing.
#[tokio::test]
async fn someone_applied_for_without_a_mobile_is_tracked_with_the_helpers_phone_ending() {
    let portal = common::start().await;
    let mut body = emergency_application();
    body["on_behalf"] = true.into();
    body["helper_name"] = "李强".into();
    body["helper_relationship"] = "儿子".into();
    body["helper_phone"] = "13900002424".into();
    body["applicant_phone"] = "".into();
    let reference = submit(&portal, &body, "k").await;
    assert!(found(&track(&portal, &reference, "2424", None).await));
    assert!(!found(&track(&portal, &reference, RIGHT, None).await));
    // A retry with the same key answers the same application, as it is now.
    let (_, again, _) = portal.create(Some("k"), &body).await;
    assert_eq!(again["reference"], reference.as_str(), "{again}");
    assert_eq!(again["status"], "submitted", "{again}");
    // Applying for themselves, nobody may leave their mobile out.
    let mut alone = emergency_application();
    alone["applicant_phone"] = "".into();
    let (status, refused, _) = portal.create(Some("k2"), &alone).await;
    assert_eq!(status, 422, "{refused}");
    assert!(refused.to_string().contains("applicant_phone"), "{refused}");
}

/// Issue 24, item 10: an administrator sets a town office's contact on the admin page (a wrong
/// telephone is said at its field and changes nothing; a caseworker cannot); the applicant then
/// reads it on tracking and the family page, and every page names 12345.
#[tokio::test]
async fn a_town_contact_set_by_an_administrator_is_shown_to_that_towns_applicants() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let reference = submitted(&portal, "k").await;
    let before = track(&portal, &reference, RIGHT, None).await;
    assert!(before.contains(r#"data-town-office="几江街道""#), "{before}");
    assert!(before.contains("tel:12345"), "{before}");
    assert!(!before.contains("023-4752"), "{before}");

    let admin = sign_in(&portal, ADMIN).await;
    let (_, page) = admin.get("/staff/admin").await;
    let csrf = input_value(&page, "csrf").unwrap();
    let form = |phone: &'static str| {
        [
            ("town", "几江街道"),
            ("phone", phone),
            ("address", "几江街道某路 8 号便民服务中心"),
            ("hours", "周一至周五 9:00–17:30"),
        ]
    };
    let with_csrf = |fields: [(&'static str, &'static str); 4]| {
        let mut pairs = vec![("csrf", csrf.as_str())];
        pairs.extend(fields);
        pairs
    };
    let (status, refused) = admin
        .post("/staff/admin/town-contact", &with_csrf(form("call the office")))
        .await;
    assert_eq!(status, 422);
    assert!(refused.contains("请填写能拨打的电话"), "{refused}");
    assert!(
        refused.contains("call the office"),
        "what was typed stays: {refused}"
    );

    let (status, location) = admin
        .post("/staff/admin/town-contact", &with_csrf(form("023-4752 1234")))
        .await;
    assert_eq!(status, 303);
    let (_, saved) = admin.get(&location).await;
    assert!(saved.contains("镇街联系方式已保存"), "{saved}");
    let logged: Vec<String> = sqlx::query_scalar("SELECT actor FROM admin_log WHERE what = 'town_contact'")
        .fetch_all(&portal.db().await)
        .await
        .unwrap();
    assert_eq!(logged, ["admin"]);

    let page = track(&portal, &reference, RIGHT, None).await;
    for shown in [
        "023-4752 1234",
        "tel:02347521234",
        "几江街道某路 8 号便民服务中心",
        "周一至周五 9:00–17:30",
    ] {
        assert!(page.contains(shown), "{shown}: {page}");
    }
    let tracked = portal.tracked(&reference, RIGHT).await;
    assert_eq!(tracked["town_office"]["phone"], "023-4752 1234", "{tracked}");
    let token = new_family_link(&portal, &reference).await;
    let (_, family) = family_page(&portal, &token).await;
    assert!(family.contains("023-4752 1234"), "{family}");

    // A caseworker cannot set one: sent back to the queue, nothing changes.
    let caseworker = sign_in(&portal, CASEWORKER).await;
    let (_, queue) = caseworker.get("/staff").await;
    let their_csrf = input_value(&queue, "csrf").unwrap();
    let (status, _) = caseworker
        .post(
            "/staff/admin/town-contact",
            &[
                ("csrf", their_csrf.as_str()),
                ("town", "几江街道"),
                ("phone", ""),
                ("address", ""),
                ("hours", ""),
            ],
        )
        .await;
    assert_eq!(status, 303);
    assert!(
        track(&portal, &reference, RIGHT, None)
            .await
            .contains("023-4752 1234")
    );
}

/// A file sent through a family link's page (multipart: kind, file); the status and the page.
async fn family_upload(portal: &Portal, token: &str, kind: &str) -> (u16, String) {
    let form = reqwest::multipart::Form::new()
        .text("kind", kind.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(b"%PDF-1.4\n%%EOF\n".to_vec()).file_name("paper.pdf"),
        );
    let response = reqwest::Client::new()
        .post(format!("{}/family/{token}/documents", portal.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// Issue 24, item 14: a relative with the family link sends the paper the town asked for, and
/// the case goes back to the town; the relative never sees the reference; once the link is
/// revoked, or the case decided, nothing more is taken.
#[tokio::test]
async fn a_relative_sends_the_paper_asked_for_through_the_family_link_and_never_sees_the_reference() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let reference = submitted(&portal, "k").await;
    let caseworker = sign_in(&portal, CASEWORKER).await;
    assert_eq!(caseworker.act(&reference, &[("action", "accept")]).await.0, 303);
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
    let token = new_family_link(&portal, &reference).await;
    let (_, family) = family_page(&portal, &token).await;
    assert!(family.contains("临时救助是政府"), "{family}");
    assert!(family.contains(&format!("/family/{token}/documents")), "{family}");
    assert!(
        family.contains(r#"data-item="missing""#),
        "the missing paper is listed: {family}"
    );

    let (status, page) = family_upload(&portal, &token, "").await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("已收到您的材料"), "{page}");
    assert!(page.contains(r#"data-status="investigating""#), "{page}");
    assert!(page.contains(r#"data-held="certificate""#), "{page}");
    let body = page.split("<body").nth(1).unwrap();
    assert!(!body.contains(&reference), "{page}");
    let tracked = portal.tracked(&reference, RIGHT).await;
    assert_eq!(tracked["status"], "investigating", "{tracked}");

    // Revoked: the link opens nothing and takes nothing.
    post_form(&portal, "/track/family-links/revoke", &reference, RIGHT, None).await;
    let (status, _) = family_upload(&portal, &token, "other").await;
    assert_eq!(status, 404);
    let held = portal.tracked(&reference, RIGHT).await;
    assert_eq!(held["documents"].as_array().unwrap().len(), 1, "{held}");
}

/// Issue 24, item 12: a resident who lost the reference tracks with the applicant's ID number
/// and the phone ending (the newest application); an unknown number and a wrong ending get the
/// answer a wrong reference gets; its guesses have a budget of their own, kept under a keyed
/// hash, never the number.
#[tokio::test]
async fn the_id_number_and_the_phone_ending_find_the_newest_application_with_the_same_throttle() {
    let portal = common::start().await;
    let older = submitted(&portal, "k1").await;
    let newer = submitted(&portal, "k2").await;
    assert_ne!(older, newer);
    let id = "11010519491231002X";
    let page = track(&portal, &id.to_lowercase(), RIGHT, None).await;
    assert!(found(&page), "{page}");
    assert!(
        page.contains(&newer) && !page.contains(&older),
        "the newest: {page}"
    );

    // A wrong ending, or a number nobody applied with: the answer a wrong reference gets.
    let wrong_reference = track(&portal, "LZ-222-222-222", RIGHT, None).await;
    let not_found = |page: &str| page.contains("没有找到这个申请");
    assert!(not_found(&wrong_reference), "{wrong_reference}");
    assert!(not_found(&track(&portal, id, "9999", None).await));
    assert!(not_found(
        &track(&portal, "110105194912310011", RIGHT, None).await
    ));

    // Misses on the number count against it: after five, even the right ending is refused.
    for _ in 0..4 {
        track(&portal, id, "9999", None).await;
    }
    assert!(throttled(&track(&portal, id, RIGHT, None).await));
    let keys: Vec<String> = sqlx::query_scalar("SELECT key FROM budget_entries")
        .fetch_all(&portal.db().await)
        .await
        .unwrap();
    assert!(keys.iter().any(|k| k.contains("ID:")), "{keys:?}");
    assert!(
        keys.iter().all(|k| !k.contains("11010519491231002X")),
        "never the number: {keys:?}"
    );
}

/// Issue 25, item 4: at most five family links work at once; a sixth stops the oldest, and
/// the page says so before it happens.
#[tokio::test]
async fn a_sixth_family_link_stops_the_oldest() {
    let portal = common::start().await;
    let reference = submitted(&portal, "k").await;
    let first = new_family_link(&portal, &reference).await;
    for _ in 0..4 {
        new_family_link(&portal, &reference).await;
    }
    assert_eq!(family_links_of(&portal, &reference).await, 5);
    let page = track(&portal, &reference, RIGHT, None).await;
    assert!(page.contains("最多 5 个家人查看链接同时有效"), "{page}");
    let sixth = new_family_link(&portal, &reference).await;
    assert_eq!(family_links_of(&portal, &reference).await, 5);
    assert_eq!(family_page(&portal, &first).await.0, 404, "the oldest stopped");
    assert_eq!(family_page(&portal, &sixth).await.0, 200);
}

/// Issue 25, item 4: behind TLS the draft's cookie is sent over TLS only, as the staff
/// cookies are; on plain HTTP (the embedded default) it cannot be.
#[tokio::test]
async fn the_draft_cookie_is_secure_behind_tls() {
    let portal = common::start().await;
    for (proto, secure) in [(Some("https"), true), (None, false)] {
        let mut request = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .post(format!("{}/apply/start", portal.base))
            .form(&[("aid_type", "emergency")]);
        if let Some(proto) = proto {
            request = request.header("x-forwarded-proto", proto);
        }
        let response = request.send().await.unwrap();
        let cookie = response.headers()["set-cookie"].to_str().unwrap().to_string();
        assert_eq!(cookie.contains("; Secure"), secure, "{cookie}");
    }
}
