//! The application journey over HTTP, as a browser without JavaScript walks it: every step a
//! form post answered by a redirect, the draft kept by a cookie, one application however often
//! the last button is pressed, and tracking by reference and phone ending.

use crate::common;

use reqwest::Client;

type Pairs<'a> = &'a [(&'a str, &'a str)];

/// A form posted by this browser; the status and where it redirects to.
pub(crate) async fn post(
    client: &Client,
    portal: &common::Portal,
    path: &str,
    form: Pairs<'_>,
) -> (u16, String) {
    let response = client
        .post(format!("{}{path}", portal.base))
        .form(form)
        .send()
        .await
        .unwrap();
    let location = common::header(&response, "location").unwrap_or_default();
    (response.status().as_u16(), location)
}

async fn get(client: &Client, portal: &common::Portal, path: &str) -> String {
    portal.page(client, path).await
}

fn event_date() -> String {
    (server::clock::Clock::system().today() - chrono::Duration::days(3)).to_string()
}

/// Walks steps 1–5 of an emergency application for one person; returns the browser.
pub(crate) async fn fill_emergency(portal: &common::Portal) -> Client {
    let browser = portal.browser();
    assert_eq!(
        post(&browser, portal, "/apply/start", &[("aid_type", "emergency")]).await,
        (303, "/apply/step/1".into())
    );
    let date = event_date();
    let steps: [(&str, Vec<(&str, &str)>); 6] = [
        (
            "/apply/step/1",
            vec![
                ("aid_type", "emergency"),
                ("applicant_name", "张三"),
                ("applicant_id_number", "11010519491231002X"),
                ("applicant_phone", "138 1234 5678"),
                ("town", "白沙镇"),
                ("address", "白沙镇某街 3 号"),
            ],
        ),
        (
            "/apply/step/2",
            vec![("member_count", "0"), ("applicant.serious_illness", "on")],
        ),
        (
            "/apply/step/3",
            vec![
                ("status", "none"),
                ("annual_income", "20000"),
                ("financial_assets", "3000"),
                ("extra_homes", "0"),
                ("vehicles", "0"),
            ],
        ),
        (
            "/apply/step/4",
            vec![
                ("emergency_event", "fire"),
                ("emergency_event_date", date.as_str()),
                ("emergency_description", "厨房起火，家具和衣物烧毁。"),
                ("emergency_serious_difficulty", "on"),
            ],
        ),
        ("/apply/step/5", vec![]),
        (
            "/apply/step/6",
            vec![
                ("bank_name", "重庆农商行"),
                ("bank_card", "4111 1111 1111 1111"),
                ("account_holder", "张三"),
            ],
        ),
    ];
    for (i, (path, form)) in steps.iter().enumerate() {
        let next = format!("/apply/step/{}", i + 2);
        assert_eq!(
            post(&browser, portal, path, form).await,
            (303, next),
            "step {}",
            i + 1
        );
    }
    browser
}

async fn count(portal: &common::Portal, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
        .fetch_one(&portal.db().await)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_emergency_application_goes_from_start_to_a_reference_in_the_towns_queue() {
    let portal = common::start().await;
    let browser = fill_emergency(&portal).await;
    let review = get(&browser, &portal, "/apply/step/7").await;
    assert!(
        review.contains("核对并提交") && review.contains("张三") && review.contains("**** 1111"),
        "{review}"
    );
    assert!(
        review.contains("1949-12-31"),
        "the birth date read from the ID number"
    );

    let declaration = [
        ("declaration_name", "张三"),
        ("consent", "on"),
        ("action", "submit"),
    ];
    assert_eq!(
        post(&browser, &portal, "/apply/step/7", &declaration).await,
        (303, "/apply/confirmation".into())
    );
    let page = get(&browser, &portal, "/apply/confirmation").await;
    let reference = page
        .split("data-reference=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    assert!(reference.starts_with("LZ-"), "{page}");
    assert!(page.contains("接下来会怎样"));

    // Written so that both engines answer it alike (SQLite keeps a flag as 0 or 1).
    let (town, urgent, status, assessment): (String, String, String, String) = sqlx::query_as(
        "SELECT q.town, CASE WHEN q.urgent THEN 'urgent' ELSE 'routine' END, a.status, a.assessment FROM applications a JOIN queue_entries q ON q.application_id = a.id
         WHERE a.reference = $1",
    )
    .bind(&reference)
    .fetch_one(&portal.db().await)
    .await
    .unwrap();
    assert_eq!(
        (town.as_str(), urgent.as_str(), status.as_str()),
        ("白沙镇", "urgent", "submitted")
    );
    let assessment: serde_json::Value = serde_json::from_str(&assessment).unwrap();
    assert_eq!(assessment["emergency"]["outcome"], "likely");
    assert_eq!(count(&portal, "events").await, 1);
    assert_eq!(count(&portal, "members").await, 1);
}

#[tokio::test]
async fn pressing_submit_twice_stores_one_application() {
    let portal = common::start().await;
    let browser = fill_emergency(&portal).await;
    let declaration = [
        ("declaration_name", "张三"),
        ("consent", "on"),
        ("action", "submit"),
    ];
    let (first, second) = tokio::join!(
        post(&browser, &portal, "/apply/step/7", &declaration),
        post(&browser, &portal, "/apply/step/7", &declaration)
    );
    assert_eq!(first, (303, "/apply/confirmation".into()));
    assert_eq!(second, (303, "/apply/confirmation".into()));
    assert_eq!(
        post(&browser, &portal, "/apply/step/7", &declaration).await.1,
        "/apply/confirmation"
    );
    assert_eq!(count(&portal, "applications").await, 1);
}

#[tokio::test]
async fn a_bad_id_number_is_named_on_its_step_and_the_other_answers_stay() {
    let portal = common::start().await;
    let browser = portal.browser();
    post(&browser, &portal, "/apply/start", &[("aid_type", "expense")]).await;
    let form = [
        ("aid_type", "expense"),
        ("applicant_name", "李四"),
        ("applicant_id_number", "11010519491231003X"),
        ("applicant_phone", "13812345678"),
    ];
    assert_eq!(
        post(&browser, &portal, "/apply/step/1", &form).await,
        (303, "/apply/step/1".into())
    );
    let page = get(&browser, &portal, "/apply/step/1").await;
    assert!(page.contains("校验位不符"), "{page}");
    assert!(page.contains(r#"id="applicant_id_number-error""#));
    assert!(page.contains(r#"value="李四""#));
    assert!(
        page.contains(r##"href="#town""##),
        "the error summary links to every problem"
    );
}

#[tokio::test]
async fn going_back_keeps_what_was_typed_on_the_page() {
    let portal = common::start().await;
    let browser = portal.browser();
    post(&browser, &portal, "/apply/start", &[("aid_type", "emergency")]).await;
    let form = [("annual_income", "12345"), ("action", "back")];
    assert_eq!(
        post(&browser, &portal, "/apply/step/3", &form).await,
        (303, "/apply/step/2".into())
    );
    assert!(
        get(&browser, &portal, "/apply/step/3")
            .await
            .contains(r#"value="12345""#)
    );
}

#[tokio::test]
async fn the_check_pages_answers_are_carried_into_the_application() {
    let portal = common::start().await;
    let browser = portal.browser();
    let date = event_date();
    let check = [
        ("town", "几江街道"),
        ("status", "dibao"),
        ("size", "2"),
        ("m0_age", "44"),
        ("m1_age", "9"),
        ("m1_student", "primary"),
        ("annual_income", "8000"),
        ("financial_assets", "100"),
        ("has_emergency", "yes"),
        ("emergency_event", "fire"),
        ("emergency_event_date", date.as_str()),
        ("aid_type", "emergency"),
    ];
    post(&browser, &portal, "/apply/start", &check).await;
    assert!(
        get(&browser, &portal, "/apply/step/3")
            .await
            .contains(r#"value="8000""#)
    );
    let household = get(&browser, &portal, "/apply/step/2").await;
    assert!(household.contains(r#"value="9""#), "{household}");
}

#[tokio::test]
async fn without_a_draft_the_steps_lead_back_to_the_start() {
    let portal = common::start().await;
    let response = portal
        .client
        .get(format!("{}/apply/step/2", portal.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/apply");
}

#[tokio::test]
async fn a_failure_inside_the_submission_leaves_nothing_half_written() {
    let portal = common::start().await;
    let browser = fill_emergency(&portal).await;
    portal.fail_writes_to("queue_entries", "INSERT").await;
    let declaration = [
        ("declaration_name", "张三"),
        ("consent", "on"),
        ("action", "submit"),
    ];
    let (status, _) = post(&browser, &portal, "/apply/step/7", &declaration).await;
    assert_eq!(status, 503);
    for table in ["applications", "members", "events", "queue_entries"] {
        assert_eq!(count(&portal, table).await, 0, "{table}");
    }
    // The answers are still there to submit again.
    portal.allow_writes_to("queue_entries").await;
    assert_eq!(
        post(&browser, &portal, "/apply/step/7", &declaration).await,
        (303, "/apply/confirmation".into())
    );
}

async fn submitted_reference(portal: &common::Portal) -> String {
    let browser = fill_emergency(portal).await;
    let declaration = [
        ("declaration_name", "张三"),
        ("consent", "on"),
        ("action", "submit"),
    ];
    post(&browser, portal, "/apply/step/7", &declaration).await;
    let page = get(&browser, portal, "/apply/confirmation").await;
    page.split("data-reference=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string()
}

async fn track(portal: &common::Portal, reference: &str, last4: &str) -> String {
    tracking_post(portal, "/track", reference, last4).await
}

/// A form of the tracking page (track, withdraw, family link) posted; the page it answers with.
async fn tracking_post(portal: &common::Portal, path: &str, reference: &str, last4: &str) -> String {
    portal.tracking_form(path, reference, last4, None).await.1
}

#[tokio::test]
async fn tracking_shows_the_timeline_with_the_name_masked_and_no_personal_numbers() {
    let portal = common::start().await;
    let reference = submitted_reference(&portal).await;
    let page = track(&portal, &reference.to_lowercase(), "5678").await;
    assert!(page.contains(r#"data-status="submitted""#), "{page}");
    assert!(page.contains("张*") && !page.contains("张三"));
    assert!(!page.contains("13812345678") && !page.contains("11010519491231002X"));
}

#[tokio::test]
async fn a_wrong_phone_and_a_wrong_reference_get_the_same_answer() {
    let portal = common::start().await;
    let reference = submitted_reference(&portal).await;
    let wrong_phone = track(&portal, &reference, "0000").await;
    let other_reference = app::domain::ReferenceNumber::from_random([1, 2, 3, 4, 5]).to_string();
    let wrong_reference = track(&portal, &other_reference, "5678").await;
    // The pages' main content, with the typed reference echoed back in the form, set aside.
    let main = |page: &str, r: &str| {
        page.split("<main")
            .nth(1)
            .unwrap()
            .split("</main>")
            .next()
            .unwrap()
            .replace(r, "REF")
    };
    assert_eq!(
        main(&wrong_phone, &reference),
        main(&wrong_reference, &other_reference)
    );
    assert!(wrong_phone.contains("没有找到这个申请"));
}

#[tokio::test]
async fn guessing_is_throttled_even_for_the_right_answer() {
    let portal = common::start().await;
    let reference = submitted_reference(&portal).await;
    for guess in ["0000", "1111", "2222", "3333", "4444"] {
        assert!(
            track(&portal, &reference, guess)
                .await
                .contains("没有找到这个申请")
        );
    }
    assert!(track(&portal, &reference, "5678").await.contains("查询次数太多"));
}

#[tokio::test]
async fn the_applicant_can_withdraw_before_the_decision() {
    let portal = common::start().await;
    let reference = submitted_reference(&portal).await;
    let page = portal.confirmed_withdrawal(&reference, "5678", None).await.1;
    assert!(page.contains(r#"data-status="withdrawn""#), "{page}");
    assert!(page.contains(r#"data-event="withdrawn""#));
    assert!(!page.contains("撤回申请</button>"), "no second withdrawal");
}

/// One tap must not end an application for good (issue 11, item 5): the tracking page's
/// button asks first, on a page of its own that works without JavaScript, and only its
/// "yes" withdraws; "no" goes back to the timeline as it was.
#[tokio::test]
async fn the_withdraw_button_asks_for_confirmation_and_changes_nothing_until_then() {
    let portal = common::start().await;
    let reference = submitted_reference(&portal).await;
    let asked = tracking_post(&portal, "/track/withdraw", &reference, "5678").await;
    assert!(asked.contains("确定要撤回"), "{asked}");
    assert!(asked.contains(r#"name="confirm" value="yes""#), "{asked}");
    assert!(asked.contains("不撤回"), "{asked}");
    assert!(!asked.contains(r#"data-status="withdrawn""#), "{asked}");
    let page = track(&portal, &reference, "5678").await;
    assert!(
        page.contains(r#"data-status="submitted""#),
        "not withdrawn: {page}"
    );
    assert!(!page.contains(r#"data-event="withdrawn""#));
}

/// A document sent with this browser's draft; the status and where it redirects to.
pub(crate) async fn upload(
    client: &Client,
    portal: &common::Portal,
    kind: &str,
    name: &str,
    bytes: Vec<u8>,
) -> (u16, String) {
    let form = common::document_form(kind, bytes, name);
    let response = portal.draft_upload(client, form).await;
    let location = common::header(&response, "location").unwrap_or_default();
    (response.status().as_u16(), location)
}

#[tokio::test]
async fn a_photo_is_kept_with_the_draft_and_goes_with_the_application() {
    let portal = common::start().await;
    let browser = fill_emergency(&portal).await;
    assert_eq!(
        upload(&browser, &portal, "id_card", "id.jpg", common::jpeg(5000)).await,
        (303, "/apply/step/5".into())
    );
    let page = get(&browser, &portal, "/apply/step/5").await;
    assert!(page.contains(r#"data-document="id_card""#), "{page}");

    let declaration = [
        ("declaration_name", "张三"),
        ("consent", "on"),
        ("action", "submit"),
    ];
    post(&browser, &portal, "/apply/step/7", &declaration).await;
    let (content_type, attached): (String, i64) =
        sqlx::query_as("SELECT content_type, count(application_id) FROM documents GROUP BY content_type")
            .fetch_one(&portal.db().await)
            .await
            .unwrap();
    assert_eq!((content_type.as_str(), attached), ("image/jpeg", 1));
}

/// The documents step's form as a browser sends it: the kind, the files chosen (an empty
/// picker sends one empty part) and the button pressed.
fn documents_form(kind: &str, files: &[(&str, Vec<u8>)], button: &str) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new().text("kind", kind.to_string());
    for (name, bytes) in files {
        form = form.part(
            "file",
            reqwest::multipart::Part::bytes(bytes.clone()).file_name(name.to_string()),
        );
    }
    if files.is_empty() {
        form = form.part("file", reqwest::multipart::Part::bytes(Vec::new()).file_name(""));
    }
    form.text("action", button.to_string())
}

async fn draft_documents(portal: &common::Portal) -> Vec<String> {
    sqlx::query_scalar("SELECT kind FROM documents WHERE draft_id IS NOT NULL ORDER BY id")
        .fetch_all(&portal.db().await)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_photo_chosen_and_sent_with_continue_is_kept_and_the_next_step_opens() {
    let portal = common::start().await;
    let browser = fill_emergency(&portal).await;
    let form = documents_form("id_card", &[("id.jpg", common::jpeg(3000))], "next");
    let response = portal.draft_upload(&browser, form).await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(
        common::header(&response, "location").as_deref(),
        Some("/apply/step/6")
    );
    assert_eq!(draft_documents(&portal).await, ["id_card"]);
    let page = get(&browser, &portal, "/apply/step/5").await;
    assert!(page.contains(r#"data-document="id_card""#), "{page}");
}

#[tokio::test]
async fn several_photos_chosen_at_once_are_all_kept() {
    let portal = common::start().await;
    let browser = fill_emergency(&portal).await;
    let files = [
        ("a.jpg", common::jpeg(1000)),
        ("b.jpg", common::jpeg(2000)),
        ("c.pdf", b"%PDF-1.4\n%%EOF\n".to_vec()),
    ];
    let response = portal
        .draft_upload(&browser, documents_form("household_register", &files, "upload"))
        .await;
    assert_eq!(
        common::header(&response, "location").as_deref(),
        Some("/apply/step/5")
    );
    assert_eq!(draft_documents(&portal).await.len(), 3);

    // More than a form takes at once: said at the field, the first ones kept, nothing silently dropped.
    let many: Vec<(&str, Vec<u8>)> = (0..app::domain::document::MAX_FILES_AT_ONCE + 1)
        .map(|_| ("x.jpg", common::jpeg(500)))
        .collect();
    portal
        .draft_upload(&browser, documents_form("other", &many, "next"))
        .await;
    let page = get(&browser, &portal, "/apply/step/5").await;
    assert!(page.contains(r#"id="document-error""#), "{page}");
}

#[tokio::test]
async fn continue_with_no_photo_chosen_goes_on_and_upload_with_none_asks_for_one() {
    let portal = common::start().await;
    let browser = fill_emergency(&portal).await;
    let response = portal
        .draft_upload(&browser, documents_form("", &[], "next"))
        .await;
    assert_eq!(
        common::header(&response, "location").as_deref(),
        Some("/apply/step/6")
    );
    let response = portal
        .draft_upload(&browser, documents_form("", &[], "back"))
        .await;
    assert_eq!(
        common::header(&response, "location").as_deref(),
        Some("/apply/step/4")
    );
    let response = portal
        .draft_upload(&browser, documents_form("", &[], "upload"))
        .await;
    assert_eq!(
        common::header(&response, "location").as_deref(),
        Some("/apply/step/5")
    );
    let page = get(&browser, &portal, "/apply/step/5").await;
    assert!(page.contains("请先拍照或选择一个文件"), "{page}");
    assert!(draft_documents(&portal).await.is_empty());
}

#[tokio::test]
async fn a_refused_file_sent_with_continue_keeps_the_resident_on_the_documents_step() {
    let portal = common::start().await;
    let browser = fill_emergency(&portal).await;
    let form = documents_form("id_card", &[("x.jpg", b"<html>".to_vec())], "next");
    let response = portal.draft_upload(&browser, form).await;
    assert_eq!(
        common::header(&response, "location").as_deref(),
        Some("/apply/step/5")
    );
    assert!(
        get(&browser, &portal, "/apply/step/5")
            .await
            .contains("只能上传照片")
    );
}

/// Issue 24, item 5: income per month is counted as twelve months, typed in full-width digits
/// or with 万; "check your answers" shows both.
#[tokio::test]
async fn an_income_given_per_month_in_full_width_digits_counts_twelve_months() {
    let portal = common::start().await;
    let browser = fill_emergency(&portal).await;
    let means = [
        ("status", "rural_dibao"),
        ("annual_income", "１,６００元"),
        ("income_period", "month"),
        ("financial_assets", "0.3万"),
        ("extra_homes", "0"),
        ("vehicles", "0"),
    ];
    assert_eq!(
        post(&browser, &portal, "/apply/step/3", &means).await,
        (303, "/apply/step/4".into())
    );
    let page = get(&browser, &portal, "/apply/step/3").await;
    assert!(page.contains("一年合计 19,200 元"), "{page}");
    let review = get(&browser, &portal, "/apply/step/7").await;
    assert!(review.contains("每月 １,６００元，一年合计 19,200"), "{review}");
    assert!(review.contains("农村低保"), "{review}");
}

#[tokio::test]
async fn a_file_that_is_not_a_photo_or_pdf_is_refused_whatever_its_name() {
    let portal = common::start().await;
    let browser = fill_emergency(&portal).await;
    upload(
        &browser,
        &portal,
        "id_card",
        "photo.jpg",
        b"<html><script>alert(1)</script>".to_vec(),
    )
    .await;
    let page = get(&browser, &portal, "/apply/step/5").await;
    assert!(
        page.contains(r#"id="document-error""#) && page.contains("只能上传照片"),
        "{page}"
    );
    assert_eq!(count(&portal, "documents").await, 0);
}

#[tokio::test]
async fn a_file_over_the_limit_is_refused_with_a_message() {
    let portal = common::start().await;
    let browser = fill_emergency(&portal).await;
    let (status, location) = upload(
        &browser,
        &portal,
        "other",
        "big.jpg",
        common::jpeg(app::domain::document::MAX_DOCUMENT_BYTES + 1),
    )
    .await;
    assert_eq!((status, location.as_str()), (303, "/apply/step/5"));
    assert!(get(&browser, &portal, "/apply/step/5").await.contains("文件太大"));
    assert_eq!(count(&portal, "documents").await, 0);
}

#[tokio::test]
async fn a_removed_document_is_gone_from_the_list() {
    let portal = common::start().await;
    let browser = fill_emergency(&portal).await;
    upload(&browser, &portal, "id_card", "id.jpg", common::jpeg(100)).await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM documents")
        .fetch_one(&portal.db().await)
        .await
        .unwrap();
    let id = id.to_string();
    post(
        &browser,
        &portal,
        "/apply/documents/remove",
        &[("id", id.as_str())],
    )
    .await;
    assert_eq!(count(&portal, "documents").await, 0);
}

#[tokio::test]
async fn a_family_link_shows_the_timeline_and_no_personal_numbers() {
    let portal = common::start().await;
    let reference = submitted_reference(&portal).await;
    let page = tracking_post(&portal, "/track/family-link", &reference, "5678").await;
    let link = page
        .split("/family/")
        .nth(1)
        .expect("a family link on the page")
        .split('"')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(link.len(), 32, "{link}");

    let response = portal
        .client
        .get(format!("{}/family/{link}", portal.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["referrer-policy"], "no-referrer");
    let family = response.text().await.unwrap();
    assert!(
        family.contains(r#"data-status="submitted""#) && family.contains("张*"),
        "{family}"
    );
    for secret in ["张三", "13812345678", "5678", "11010519491231002X", "撤回申请"] {
        assert!(!family.contains(secret), "the family page shows {secret}");
    }
    let stored: String = sqlx::query_scalar("SELECT token_hash FROM family_links")
        .fetch_one(&portal.db().await)
        .await
        .unwrap();
    assert_ne!(stored, link, "only the hash of the secret is stored");

    let unknown = portal.get(&format!("/family/{}", "0".repeat(32))).await;
    assert_eq!(unknown.status(), 404);
}

#[tokio::test]
async fn a_document_sent_from_the_tracking_page_joins_the_application() {
    let portal = common::start().await;
    let reference = submitted_reference(&portal).await;
    // The town's requests, item by item, are tested in requests.rs.
    let db = portal.db().await;
    let form = reqwest::multipart::Form::new()
        .text("reference", reference.clone())
        .text("last4", "5678")
        .text("kind", "certificate")
        .part(
            "file",
            reqwest::multipart::Part::bytes(b"%PDF-1.4\n%%EOF\n".to_vec()).file_name("diagnosis.pdf"),
        );
    let page = portal.track_upload(form).await;
    assert!(
        page.contains("已收到您的材料") && page.contains(r#"data-event="document_added""#),
        "{page}"
    );
    let attached: i64 = sqlx::query_scalar("SELECT count(*) FROM documents WHERE application_id IS NOT NULL")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(attached, 1);
}

/// Issue 24's journey: from the check, the steps it answered in full are not shown again. A
/// household of one goes from step 1 to step 4 and back; with a second person, step 2 is asked
/// (their name and relationship are new) and only step 3 is skipped; from /apply, all seven.
#[tokio::test]
async fn from_the_check_the_steps_it_answered_in_full_are_not_shown_again() {
    let portal = common::start().await;
    let date = event_date();
    let step1 = [
        ("on_behalf", "false"),
        ("aid_type", "emergency"),
        ("applicant_name", "张三"),
        ("applicant_id_number", "11010519491231002X"),
        ("applicant_phone", "13812345678"),
        ("town", "几江街道"),
        ("address", "几江街道某路 1 号"),
    ];
    let check = |size: &'static str| {
        vec![
            ("town", "几江街道"),
            ("status", "none"),
            ("size", size),
            ("m0_age", "44"),
            ("m1_age", "9"),
            ("annual_income", "8000"),
            ("financial_assets", "100"),
            ("extra_homes", "0"),
            ("vehicles", "0"),
            ("has_emergency", "yes"),
            ("emergency_event", "fire"),
            ("emergency_event_date", date.as_str()),
            ("emergency_serious_difficulty", "on"),
            ("aid_type", "emergency"),
        ]
    };

    let alone = portal.browser();
    post(&alone, &portal, "/apply/start", &check("1")).await;
    assert!(
        get(&alone, &portal, "/apply/step/1")
            .await
            .contains("第 1 步，共 5 步")
    );
    assert_eq!(
        post(&alone, &portal, "/apply/step/1", &step1).await,
        (303, "/apply/step/4".into())
    );
    let step4 = get(&alone, &portal, "/apply/step/4").await;
    assert!(step4.contains("第 2 步，共 5 步"), "{step4}");
    assert!(
        step4.contains(r#"href="/apply/step/1""#),
        "back goes to step 1: {step4}"
    );
    assert_eq!(
        post(&alone, &portal, "/apply/step/4", &[("action", "back")]).await,
        (303, "/apply/step/1".into())
    );
    // The answers are all still there for check-your-answers.
    let review = get(&alone, &portal, "/apply/step/7").await;
    assert!(review.contains("8,000") || review.contains("8000"), "{review}");

    let two = portal.browser();
    post(&two, &portal, "/apply/start", &check("2")).await;
    assert_eq!(
        post(&two, &portal, "/apply/step/1", &step1).await,
        (303, "/apply/step/2".into())
    );
    let household = [
        ("member_count", "1"),
        ("members[0].relationship", "女儿"),
        ("members[0].name", "张小花"),
        ("members[0].age", "9"),
    ];
    assert_eq!(
        post(&two, &portal, "/apply/step/2", &household).await,
        (303, "/apply/step/4".into())
    );

    let plain = portal.browser();
    post(&plain, &portal, "/apply/start", &[("aid_type", "emergency")]).await;
    assert!(
        get(&plain, &portal, "/apply/step/1")
            .await
            .contains("第 1 步，共 7 步")
    );
    assert_eq!(
        post(&plain, &portal, "/apply/step/1", &step1).await,
        (303, "/apply/step/2".into())
    );
}

/// Issue 24, item 1: photos sent together took the kind chosen with them; each is named after,
/// on the documents step. Another draft's document is never touched, and a kind that is none
/// changes nothing.
#[tokio::test]
async fn each_photo_sent_together_can_be_named_after() {
    let portal = common::start().await;
    let browser = fill_emergency(&portal).await;
    upload(&browser, &portal, "id_card", "a.jpg", common::jpeg(100)).await;
    upload(&browser, &portal, "id_card", "b.jpg", common::jpeg(120)).await;
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM documents ORDER BY id")
        .fetch_all(&portal.db().await)
        .await
        .unwrap();
    let second = ids[1].to_string();
    let form = [("id", second.as_str()), ("kind", "household_register")];
    assert_eq!(
        post(&browser, &portal, "/apply/documents/kind", &form).await,
        (303, "/apply/step/5".into())
    );
    let page = get(&browser, &portal, "/apply/step/5").await;
    assert!(page.contains(r#"data-document="household_register""#), "{page}");
    assert!(page.contains(r#"data-document="id_card""#), "{page}");

    // Another resident's draft cannot rename it; nonsense changes nothing.
    let stranger = fill_emergency(&portal).await;
    post(
        &stranger,
        &portal,
        "/apply/documents/kind",
        &[("id", second.as_str()), ("kind", "other")],
    )
    .await;
    post(
        &browser,
        &portal,
        "/apply/documents/kind",
        &[("id", second.as_str()), ("kind", "x")],
    )
    .await;
    let kinds: Vec<String> = sqlx::query_scalar("SELECT kind FROM documents ORDER BY id")
        .fetch_all(&portal.db().await)
        .await
        .unwrap();
    assert_eq!(kinds, ["id_card", "household_register"]);
}
