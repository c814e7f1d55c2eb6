//! What a reader is told when the portal fails on its side: one answer for every page and the
//! API (http/error.rs), in the reader's language, with when to come back, and never a failure
//! dressed up as something else (signed out, removed, not found).

use crate::common;
use crate::common::staff::{CASEWORKER, create_demo_accounts, emergency_application, sign_in, submit};

#[tokio::test]
async fn a_staff_session_that_cannot_be_read_is_a_503_never_the_sign_in_page() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let desk = sign_in(&portal, CASEWORKER).await;
    portal.break_table("staff_sessions").await;
    for path in ["/staff", "/staff/dashboard", "/staff/admin"] {
        let response = desk
            .client
            .get(format!("{}{path}", portal.base))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 503, "{path}");
        assert_eq!(common::header(&response, "retry-after").as_deref(), Some("5"));
        assert!(response.text().await.unwrap().contains("请稍后再试"), "{path}");
    }
}

#[tokio::test]
async fn a_failure_page_speaks_the_readers_language() {
    let portal = common::start().await;
    portal.break_table("applications").await;
    let chinese = portal.get("/publicity").await;
    assert_eq!(chinese.status(), 503);
    let page = chinese.text().await.unwrap();
    assert!(
        page.contains(r#"lang="zh-CN""#) && page.contains("请稍后再试"),
        "{page}"
    );
    let english = portal.get("/publicity?lang=en").await;
    assert_eq!(english.status(), 503);
    let page = english.text().await.unwrap();
    assert!(
        page.contains(r#"lang="en""#) && page.contains("try again"),
        "{page}"
    );
    assert!(!page.contains("请稍后再试"), "only the reader's language: {page}");
}

#[tokio::test]
async fn the_api_answers_a_failure_as_problem_details() {
    let portal = common::start().await;
    let reference = submit(&portal, &emergency_application(), "k").await;
    portal.break_table("applications").await;
    let response = portal.api_track(&reference, Some("1234")).await;
    assert_eq!(response.status(), 503);
    assert_eq!(
        common::header(&response, "content-type").as_deref(),
        Some("application/problem+json")
    );
    assert_eq!(common::header(&response, "retry-after").as_deref(), Some("5"));
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], 503);
    assert_eq!(body["error"], "unavailable");
    assert!(body["message"].as_str().unwrap().contains("请稍后再试"), "{body}");
}

#[tokio::test]
async fn removing_a_document_when_the_database_fails_is_a_503_not_a_silent_success() {
    let portal = common::start().await;
    let browser = portal.browser();
    portal.start_draft(&browser).await;
    let form = common::document_form("id_card", common::jpeg(2048), "id.jpg");
    assert_eq!(portal.draft_upload(&browser, form).await.status(), 303);
    portal.break_table("documents").await;
    let response = browser
        .post(format!("{}/apply/documents/remove", portal.base))
        .form(&[("id", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
}
