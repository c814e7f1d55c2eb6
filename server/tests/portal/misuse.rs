//! The holes of issue 8 that a stranger could use: an idempotency key that answered with
//! someone else's reference, sign-in lock-out races, unbounded uploads and creations, malformed
//! uploads, and values that are well-formed but impossible.

use crate::common;

use crate::common::staff::{
    CASEWORKER, create_demo_accounts, emergency_application, expense_application, input_value, post_sign_in,
    try_sign_in,
};
use reqwest::Client;
use serde_json::Value;
use std::io::Write;
use std::sync::{Arc, Mutex};

// ---------- helpers ----------

async fn count(portal: &common::Portal, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
        .fetch_one(&portal.db().await)
        .await
        .unwrap()
}

async fn create(portal: &common::Portal, key: &str, body: &Value) -> (u16, Value, Option<String>) {
    portal.create(Some(key), body).await
}

/// A new draft in this browser (`POST /apply/start`); the status.
async fn start_draft(portal: &common::Portal, browser: &Client) -> u16 {
    portal.start_draft(browser).await.status().as_u16()
}

fn upload_form(bytes: Vec<u8>) -> reqwest::multipart::Form {
    common::document_form("other", bytes, "a.jpg")
}

/// A document for the draft; the status.
async fn upload_to_draft(portal: &common::Portal, browser: &Client, bytes: Vec<u8>) -> u16 {
    portal
        .draft_upload(browser, upload_form(bytes))
        .await
        .status()
        .as_u16()
}

/// The documents step of the draft, where an upload's error is shown.
async fn documents_step(portal: &common::Portal, browser: &Client) -> String {
    portal.page(browser, "/apply/step/5").await
}

/// A document sent through the API for an application of `emergency_application` (phone
/// ending 1234); the status and the body.
async fn upload_to_application(portal: &common::Portal, reference: &str, bytes: Vec<u8>) -> (u16, Value) {
    let response = portal.api_upload(reference, "1234", upload_form(bytes)).await;
    (
        response.status().as_u16(),
        response.json().await.unwrap_or(Value::Null),
    )
}

/// Log lines written while the guard lives, by this thread's tasks (the tests that read logs
/// run the portal on a current-thread runtime, so its handlers log on the test's thread).
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl Logs {
    fn capture() -> (Logs, tracing::subscriber::DefaultGuard) {
        let logs = Logs::default();
        let writer = logs.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .with_max_level(tracing::Level::INFO)
            .finish();
        let guard = tracing::subscriber::set_default(subscriber);
        (logs, guard)
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).to_string()
    }

    fn lines_with(&self, needle: &str) -> usize {
        self.text().lines().filter(|l| l.contains(needle)).count()
    }
}

impl Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

// ---------- item 2: idempotency keys bound to their request ----------

#[tokio::test]
async fn a_key_used_by_another_applicant_is_refused_and_never_reveals_their_reference() {
    let portal = common::start().await;
    let (status, first, _) = create(&portal, "kiosk-1-0001", &emergency_application()).await;
    assert_eq!(status, 201, "{first}");
    let reference = first["reference"].as_str().unwrap().to_string();

    let (status, body, location) = create(&portal, "kiosk-1-0001", &expense_application()).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"], "idempotency_key_reused");
    assert!(body["message"].as_str().unwrap().contains("Idempotency-Key"));
    assert!(body["message_en"].as_str().unwrap().contains("Idempotency-Key"));
    assert!(!body.to_string().contains(&reference), "{body}");
    assert_eq!(location, None);

    // With a key of their own, the second applicant's application is stored.
    let (status, _, _) = create(&portal, "kiosk-1-0002", &expense_application()).await;
    assert_eq!(status, 201);
    assert_eq!(count(&portal, "applications").await, 2);
}

#[tokio::test]
async fn a_retry_with_the_same_key_and_body_replays_the_first_answer() {
    let portal = common::start().await;
    let (status, first, location) = create(&portal, "k-7", &emergency_application()).await;
    let (again, replay, replay_location) = create(&portal, "k-7", &emergency_application()).await;
    assert_eq!((again, &replay_location), (status, &location));
    assert_eq!(status, 201);
    assert_eq!(replay, first);
    assert_eq!(count(&portal, "applications").await, 1);
}

#[tokio::test]
async fn ten_simultaneous_creations_with_one_key_store_one_application_and_all_get_its_reference() {
    let portal = common::start().await;
    let creations: Vec<_> = (0..10)
        .map(|_| {
            let (base, client) = (portal.base.clone(), portal.client.clone());
            tokio::spawn(async move {
                let response = client
                    .post(format!("{base}/api/v1/applications"))
                    .header("idempotency-key", "kiosk-3-0001")
                    .json(&emergency_application())
                    .send()
                    .await
                    .unwrap();
                let status = response.status().as_u16();
                (status, response.json::<Value>().await.unwrap_or(Value::Null))
            })
        })
        .collect();
    let mut references = Vec::new();
    for creation in creations {
        let (status, body) = creation.await.unwrap();
        assert_eq!(status, 201, "{body}");
        references.push(body["reference"].as_str().unwrap().to_string());
    }
    references.dedup();
    assert_eq!(references.len(), 1, "{references:?}");
    assert_eq!(count(&portal, "applications").await, 1);
}

// ---------- item 4: sign-in lock-out ----------

/// A sign-in form post as a browser sends it; the status and the page.
async fn sign_in_page(portal: &common::Portal, username: &str, password: &str) -> (u16, String, String) {
    let (_, response) = post_sign_in(portal, username, password).await;
    let status = response.status().as_u16();
    let page = response.text().await.unwrap();
    let csrf = input_value(&page, "csrf").unwrap_or_default();
    (status, page, csrf)
}

#[tokio::test(flavor = "current_thread")]
async fn forty_simultaneous_wrong_passwords_check_at_most_five_and_lock_the_account() {
    let (logs, _guard) = Logs::capture();
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let attempts = (0..40).map(|_| try_sign_in(&portal, (CASEWORKER.0, "wrong-password-123")));
    let statuses: Vec<u16> = futures_statuses(attempts).await;
    assert!(statuses.iter().all(|s| *s == 401), "{statuses:?}");
    let checked = logs.lines_with("staff sign-in failed");
    assert!(checked <= 5, "{checked} passwords were checked");
    // Locked: the right password is refused too.
    assert_eq!(try_sign_in(&portal, CASEWORKER).await.1, 401);
    let failed: i64 = sqlx::query_scalar("SELECT failed_logins FROM staff WHERE username = $1")
        .bind(CASEWORKER.0)
        .fetch_one(&portal.db().await)
        .await
        .unwrap();
    assert!(failed <= 5, "{failed}");
}

async fn futures_statuses<F>(attempts: impl Iterator<Item = F>) -> Vec<u16>
where
    F: std::future::Future<Output = (common::staff::StaffClient, u16)>,
{
    let mut set = Vec::new();
    for attempt in attempts {
        set.push(attempt);
    }
    let mut statuses = Vec::new();
    for (_, status) in join_all(set).await {
        statuses.push(status);
    }
    statuses
}

/// Polls every future together on this task (no extra crate).
async fn join_all<F: std::future::Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut futures: Vec<_> = futures.into_iter().map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (future, output) in futures.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                match future.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => *output = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    outputs.into_iter().map(Option::unwrap).collect()
}

#[tokio::test(flavor = "current_thread")]
async fn an_unknown_and_a_locked_account_get_the_same_answer_and_both_are_logged_without_the_password() {
    let (logs, _guard) = Logs::capture();
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    for _ in 0..5 {
        try_sign_in(&portal, (CASEWORKER.0, "wrong-password-123")).await;
    }
    let (locked_status, locked, locked_csrf) =
        sign_in_page(&portal, CASEWORKER.0, "secret-typed-while-locked").await;
    let (unknown_status, unknown, unknown_csrf) =
        sign_in_page(&portal, "nobody-here", "secret-typed-for-nobody").await;
    assert_eq!(locked_status, unknown_status);
    // Byte for byte, once the fresh CSRF token, the page's fresh script nonce and the echoed
    // username are set aside.
    let normalise = |page: &str, csrf: &str, username: &str| {
        let nonce = page
            .split("nonce=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or("no nonce")
            .to_string();
        page.replace(csrf, "CSRF")
            .replace(&nonce, "NONCE")
            .replace(username, "USER")
    };
    assert_eq!(
        normalise(&locked, &locked_csrf, CASEWORKER.0),
        normalise(&unknown, &unknown_csrf, "nobody-here")
    );

    let text = logs.text();
    assert!(logs.lines_with("staff sign-in refused") >= 2, "{text}");
    for password in [
        "wrong-password-123",
        "secret-typed-while-locked",
        "secret-typed-for-nobody",
    ] {
        assert!(!text.contains(password), "a password reached the log");
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_failure_to_count_a_wrong_password_answers_503_and_is_logged() {
    let (logs, _guard) = Logs::capture();
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    portal.fail_writes_to("staff", "UPDATE").await;
    assert_eq!(
        try_sign_in(&portal, (CASEWORKER.0, "wrong-password-123")).await.1,
        503
    );
    assert!(logs.lines_with("ERROR") >= 1, "{}", logs.text());
}

#[tokio::test(flavor = "current_thread")]
async fn signing_out_everywhere_when_the_sessions_cannot_be_deleted_answers_503() {
    let (logs, _guard) = Logs::capture();
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let desk = common::staff::sign_in(&portal, CASEWORKER).await;
    portal.fail_writes_to("staff_sessions", "DELETE").await;
    let (_, page) = desk.get("/staff").await;
    let csrf = input_value(&page, "csrf").unwrap();
    for path in ["/staff/logout-everywhere", "/staff/logout"] {
        let (status, _) = desk.post(path, &[("csrf", &csrf)]).await;
        assert_eq!(status, 503, "{path}");
    }
    assert!(!logs.text().contains("signed out everywhere"));
    assert!(logs.lines_with("ERROR") >= 2, "{}", logs.text());
}

// ---------- item 5: limits on documents and creations ----------

#[tokio::test]
async fn thirty_parallel_uploads_to_a_draft_never_exceed_the_limit_nor_leave_files() {
    let portal = common::start().await;
    let browser = portal.browser();
    assert_eq!(start_draft(&portal, &browser).await, 303);
    let uploads: Vec<_> = (0..30)
        .map(|_| {
            let (portal_base, browser) = (portal.base.clone(), browser.clone());
            tokio::spawn(async move {
                browser
                    .post(format!("{portal_base}/apply/documents"))
                    .multipart(upload_form(common::jpeg(200)))
                    .send()
                    .await
                    .unwrap()
                    .status()
            })
        })
        .collect();
    for upload in uploads {
        upload.await.unwrap();
    }
    let stored = count(&portal, "documents").await;
    assert_eq!(stored, app::domain::document::MAX_DOCUMENTS as i64);
    assert_eq!(portal.stored_documents().await as i64, stored, "no orphan file");
}

#[tokio::test]
async fn the_documents_of_one_application_are_limited_in_total_size() {
    use app::domain::document::{MAX_DOCUMENT_BYTES, MAX_DOCUMENTS_TOTAL_BYTES};
    let portal = common::start().await;
    let browser = portal.browser();
    start_draft(&portal, &browser).await;
    let fit = MAX_DOCUMENTS_TOTAL_BYTES / MAX_DOCUMENT_BYTES;
    for _ in 0..fit {
        assert_eq!(
            upload_to_draft(&portal, &browser, common::jpeg(MAX_DOCUMENT_BYTES)).await,
            303
        );
    }
    assert_eq!(count(&portal, "documents").await, fit as i64);
    let room = MAX_DOCUMENTS_TOTAL_BYTES - fit * MAX_DOCUMENT_BYTES;
    upload_to_draft(&portal, &browser, common::jpeg(room + 100)).await;
    assert_eq!(count(&portal, "documents").await, fit as i64);
    assert!(documents_step(&portal, &browser).await.contains("总大小"));
    assert_eq!(portal.stored_documents().await, fit);
}

#[tokio::test]
async fn after_submission_the_api_takes_no_more_than_the_document_limit() {
    use app::domain::document::MAX_DOCUMENTS;
    let portal = common::start().await;
    let (_, body, _) = create(&portal, "many-1", &emergency_application()).await;
    let reference = body["reference"].as_str().unwrap().to_string();
    for i in 0..MAX_DOCUMENTS {
        let (status, body) = upload_to_application(&portal, &reference, common::jpeg(200)).await;
        assert_eq!(status, 201, "document {i}: {body}");
    }
    let (status, body) = upload_to_application(&portal, &reference, common::jpeg(200)).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "document");
    assert_eq!(count(&portal, "documents").await, MAX_DOCUMENTS as i64);
    assert_eq!(portal.stored_documents().await, MAX_DOCUMENTS, "no orphan file");
}

#[tokio::test]
async fn after_withdrawal_a_document_is_refused_on_the_api_and_the_tracking_page() {
    let portal = common::start().await;
    let (_, body, _) = create(&portal, "w-1", &emergency_application()).await;
    let reference = body["reference"].as_str().unwrap().to_string();
    let (status, _) = portal.confirmed_withdrawal(&reference, "1234", None).await;
    assert_eq!(status, 200);

    let (status, body) = upload_to_application(&portal, &reference, common::jpeg(200)).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "document");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("不再接收"),
        "{body}"
    );

    let form = upload_form(common::jpeg(200))
        .text("reference", reference.clone())
        .text("last4", "1234");
    let page = portal.track_upload(form).await;
    assert!(page.contains("不再接收"), "{page}");
    assert_eq!(count(&portal, "documents").await, 0);
    assert_eq!(portal.stored_documents().await, 0, "no orphan file");
}

#[tokio::test]
async fn the_sixty_first_creation_from_one_client_in_a_burst_answers_429() {
    let portal = common::start().await;
    for i in 0..60 {
        assert_eq!(start_draft(&portal, &portal.browser()).await, 303, "draft {i}");
    }
    let response = portal.start_draft(&portal.client).await;
    assert_eq!(response.status(), 429);
    assert!(response.text().await.unwrap().contains("太多"));
    // The API draws on the same allowance.
    let (status, body, _) = create(&portal, "burst", &emergency_application()).await;
    assert_eq!(status, 429, "{body}");
    assert_eq!(count(&portal, "drafts").await, 60);
}

#[tokio::test]
async fn a_limit_set_beyond_what_the_database_counts_means_no_limit() {
    // The benchmarks and a kiosk's own portal lift the limit with the largest number there is.
    let portal = common::start_with(|args| args.creations_per_client = usize::MAX).await;
    let (status, body, _) = create(&portal, "unlimited", &emergency_application()).await;
    assert_eq!(status, 201, "{body}");
}

// ---------- item 17: malformed uploads and storage failures ----------

#[tokio::test]
async fn two_file_parts_in_one_upload_are_two_documents_never_joined() {
    let portal = common::start().await;
    let browser = portal.browser();
    start_draft(&portal, &browser).await;
    let (first, second) = (common::jpeg(200), common::jpeg(300));
    let form = upload_form(first.clone()).part(
        "file",
        reqwest::multipart::Part::bytes(second.clone()).file_name("b.jpg"),
    );
    portal.draft_upload(&browser, form).await;
    let sizes: Vec<i64> = sqlx::query_scalar("SELECT byte_size FROM documents ORDER BY id")
        .fetch_all(&portal.db().await)
        .await
        .unwrap();
    assert_eq!(sizes, [first.len() as i64, second.len() as i64]);
}

#[tokio::test]
async fn a_truncated_upload_is_named_as_such_not_as_too_large() {
    let portal = common::start().await;
    let browser = portal.browser();
    start_draft(&portal, &browser).await;
    let mut body = b"--XYZ\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nother\r\n--XYZ\r\n\
Content-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\n"
        .to_vec();
    body.extend_from_slice(&common::jpeg(500));
    // No closing boundary: the connection ended before the file did.
    browser
        .post(format!("{}/apply/documents", portal.base))
        .header("content-type", "multipart/form-data; boundary=XYZ")
        .body(body)
        .send()
        .await
        .unwrap();
    let page = documents_step(&portal, &browser).await;
    assert!(page.contains("没有传完"), "{page}");
    assert!(!page.contains("文件太大"));
    assert_eq!(count(&portal, "documents").await, 0);
}

#[tokio::test(flavor = "current_thread")]
async fn a_storage_failure_answers_503_and_is_logged() {
    let (logs, _guard) = Logs::capture();
    let portal = common::start().await;
    let browser = portal.browser();
    start_draft(&portal, &browser).await;
    portal.break_document_store().await;
    assert_eq!(upload_to_draft(&portal, &browser, common::jpeg(200)).await, 503);
    assert_eq!(count(&portal, "documents").await, 0);
    assert!(
        logs.lines_with("could not store a document") >= 1,
        "{}",
        logs.text()
    );
}

// ---------- item 18: well-formed but impossible ----------

#[tokio::test]
async fn an_id_number_born_after_today_is_refused_at_its_field() {
    let portal = common::start().await;
    let mut body = emergency_application();
    // Born 2099-01-01, with a correct check character.
    body["applicant_id_number"] = "110105209901010020".into();
    let (status, answer, _) = create(&portal, "born-2099", &body).await;
    assert_eq!(status, 422, "{answer}");
    let fields = common::listed(&answer, "errors", "field");
    assert_eq!(fields, ["applicant_id_number"]);
}

#[tokio::test]
async fn a_three_byte_file_that_starts_like_a_jpeg_is_refused_at_the_document_field() {
    let portal = common::start().await;
    let browser = portal.browser();
    start_draft(&portal, &browser).await;
    upload_to_draft(&portal, &browser, vec![0xFF, 0xD8, 0xFF]).await;
    assert_eq!(count(&portal, "documents").await, 0);
    let page = documents_step(&portal, &browser).await;
    assert!(page.contains(r#"id="document-error""#), "{page}");
}
