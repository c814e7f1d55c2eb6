//! The JSON API for other channels: the same validation, idempotency, tracking and throttling
//! as the web journey, and an OpenAPI document that lists every route it serves.

use crate::common;

use crate::common::staff::emergency_application as application;
use serde_json::{Value, json};

async fn track(portal: &common::Portal, reference: &str, last4: Option<&str>) -> (u16, Value) {
    let response = portal.api_track(reference, last4).await;
    (
        response.status().as_u16(),
        response.json().await.unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn an_application_is_created_once_per_idempotency_key() {
    let portal = common::start().await;
    let (status, body, location) = portal.create(Some("kiosk-42-0001"), &application()).await;
    assert_eq!(status, 201, "{body}");
    let reference = body["reference"].as_str().unwrap().to_string();
    assert_eq!(
        location.as_deref(),
        Some(format!("/api/v1/applications/{reference}").as_str())
    );
    assert_eq!(body["status"], "submitted");

    let (again, body, _) = portal.create(Some("kiosk-42-0001"), &application()).await;
    assert_eq!(
        (again, body["reference"].as_str()),
        (201, Some(reference.as_str()))
    );
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM applications")
        .fetch_one(&portal.db().await)
        .await
        .unwrap();
    assert_eq!(count, 1);
}

#[tokio::test]
async fn a_missing_key_or_a_bad_body_is_a_400_and_bad_fields_are_a_422() {
    let portal = common::start().await;
    assert_eq!(portal.create(None, &application()).await.0, 400);
    let response = portal
        .client
        .post(format!("{}/api/v1/applications", portal.base))
        .header("idempotency-key", "k")
        .body("not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);

    let mut bad = application();
    bad["applicant_id_number"] = json!("11010519491231003X");
    bad["bank_card"] = json!("4111111111111112");
    bad["annual_income"] = json!(-5);
    let (status, body, _) = portal.create(Some("k2"), &bad).await;
    assert_eq!(status, 422);
    let fields = common::listed(&body, "errors", "field");
    for field in ["applicant_id_number", "bank_card", "annual_income"] {
        assert!(fields.contains(&field), "{field} missing from {fields:?}");
    }
}

#[tokio::test]
async fn tracking_needs_the_phone_ending_and_shows_no_personal_numbers() {
    let portal = common::start().await;
    let (_, body, _) = portal.create(Some("k"), &application()).await;
    let reference = body["reference"].as_str().unwrap();
    let (status, tracked) = track(&portal, reference, Some("1234")).await;
    assert_eq!(status, 200);
    assert_eq!(tracked["status"], "submitted");
    assert_eq!(tracked["masked_name"], "王*");
    let text = tracked.to_string();
    assert!(!text.contains("13700001234") && !text.contains("11010519491231002X"));

    assert_eq!(track(&portal, reference, Some("9999")).await.0, 404);
    // No verifier, or one that cannot be one, is a malformed request, not a guess.
    for last4 in [None, Some("12a4"), Some("12345")] {
        let (status, body) = track(&portal, reference, last4).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (400, Some("phone_last4_required"))
        );
    }
}

#[tokio::test]
async fn api_guessing_is_throttled() {
    let portal = common::start().await;
    let (_, body, _) = portal.create(Some("k"), &application()).await;
    let reference = body["reference"].as_str().unwrap();
    for guess in ["0000", "0001", "0002", "0003", "0004"] {
        assert_eq!(track(&portal, reference, Some(guess)).await.0, 404);
    }
    assert_eq!(track(&portal, reference, Some("1234")).await.0, 429);
}

#[tokio::test]
async fn a_document_can_be_sent_after_submission_and_joins_the_timeline() {
    let portal = common::start().await;
    let (_, body, _) = portal.create(Some("k"), &application()).await;
    let reference = body["reference"].as_str().unwrap();
    let send = |bytes: Vec<u8>| {
        let form = common::document_form("certificate", bytes, "proof");
        portal.api_upload(reference, "1234", form)
    };
    let response = send(b"%PDF-1.4\n%%EOF\n".to_vec()).await;
    assert_eq!(response.status(), 201);
    let response = send(b"plain text".to_vec()).await;
    assert_eq!(response.status(), 422);
    let (_, tracked) = track(&portal, reference, Some("1234")).await;
    let kinds = common::listed(&tracked, "events", "kind");
    assert_eq!(kinds, ["submitted", "document_added"]);
}

#[tokio::test]
async fn the_openapi_document_describes_every_api_route() {
    let portal = common::start().await;
    let response = portal.get("/api/v1/openapi.json").await;
    assert_eq!(response.status(), 200);
    let doc: Value = response.json().await.unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = server::http::documented_paths();
    for path in [
        "/api/v1/assess",
        "/api/v1/applications",
        "/api/v1/applications/{reference}",
        "/api/v1/applications/{reference}/documents",
        "/api/v1/openapi.json",
        "/healthz",
    ] {
        assert!(paths.contains(&path.to_string()), "{path} is not documented");
    }
    // What is served is what the types and handlers derive, nothing kept by hand.
    let derived = serde_json::to_value(server::http::openapi_document()).unwrap();
    assert_eq!(doc, derived);
    // The application's answers are described with their real constraints.
    let town = &doc["components"]["schemas"]["ApplicantAnswers"]["properties"]["town"];
    assert_eq!(town["enum"].as_array().unwrap().len(), 30, "{town}");
    for status in ["400", "422", "429", "503"] {
        assert!(
            doc["paths"]["/api/v1/applications"]["post"]["responses"][status].is_object(),
            "{status} is not documented"
        );
    }
    // Every schema reference resolves.
    let text = doc.to_string();
    for reference in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = reference.split('"').next().unwrap();
        assert!(
            doc["components"]["schemas"][name].is_object(),
            "schema {name} is missing"
        );
    }
}

/// Every text stored in these tables, one string per value, for looking for personal numbers.
async fn stored_text(portal: &common::Portal) -> Vec<String> {
    let db = portal.db().await;
    let mut text = Vec::new();
    for query in [
        "SELECT coalesce(id_number, '') || ' ' || phone || ' ' || answers || ' ' || household FROM applications",
        "SELECT coalesce(id_number, '') FROM members",
        "SELECT answers FROM drafts",
    ] {
        let rows: Vec<String> = sqlx::query_scalar(query).fetch_all(&db).await.unwrap();
        text.extend(rows);
    }
    text
}

#[tokio::test]
async fn id_phone_and_card_numbers_are_sealed_in_the_database_and_open_for_the_town() {
    let portal = common::start().await;
    common::staff::create_demo_accounts(&portal).await;
    let (status, body, _) = portal.create(Some("sealed-1"), &application()).await;
    assert_eq!(status, 201, "{body}");
    let reference = body["reference"].as_str().unwrap().to_string();
    // The same person applies again: the town must still be told (found by keyed hash).
    let mut again = application();
    again["emergency_description"] = json!("又一次车祸。");
    assert_eq!(portal.create(Some("sealed-2"), &again).await.0, 201);
    // A draft on the web with the same numbers.
    let browser = portal.browser();
    portal.start_draft(&browser).await;
    browser
        .post(format!("{}/apply/step/1", portal.base))
        .form(&[
            ("applicant_id_number", "11010519491231002X"),
            ("applicant_phone", "13700001234"),
        ])
        .send()
        .await
        .unwrap();

    let stored = stored_text(&portal).await;
    assert!(stored.len() >= 3 && stored.iter().all(|t| !t.is_empty()));
    for secret in [
        "11010519491231002X",
        "13700001234",
        "4111111111111111",
        "1101051949",
    ] {
        assert!(
            stored.iter().all(|t| !t.contains(secret)),
            "{secret} is stored in clear"
        );
    }
    // The town still sees the whole number, and the other application as a possible duplicate.
    let staff = common::staff::sign_in(&portal, common::staff::CASEWORKER).await;
    let (status, page) = staff.get(&format!("/staff/case/{reference}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("11010519491231002X"), "the town sees the ID number");
    assert!(
        page.contains("data-duplicates"),
        "the same person's other application is flagged"
    );
}

#[tokio::test]
async fn an_application_sealed_with_a_key_the_portal_no_longer_has_is_a_503_not_an_empty_page() {
    let portal = common::start().await;
    common::staff::create_demo_accounts(&portal).await;
    let (_, body, _) = portal.create(Some("k"), &application()).await;
    let reference = body["reference"].as_str().unwrap().to_string();
    // Another installation's key sealed this value.
    let sealed_elsewhere = "UPDATE applications SET phone = 'sealed:v1:elsewhere:AAAA' WHERE reference = $1";
    portal.write_for(sealed_elsewhere, &reference).await;
    let staff = common::staff::sign_in(&portal, common::staff::CASEWORKER).await;
    let (status, _) = staff.get(&format!("/staff/case/{reference}")).await;
    assert_eq!(status, 503);
}

#[tokio::test]
async fn a_draft_left_past_its_retention_is_purged_with_its_documents_at_start() {
    let portal = common::start().await;
    let browser = portal.browser();
    portal.start_draft(&browser).await;
    let photo = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    let form = common::document_form("id_card", photo.to_vec(), "id.pdf");
    portal.draft_upload(&browser, form).await;
    assert_eq!(portal.stored_documents().await, 1);
    let days = server::config::load_parameters(None)
        .unwrap()
        .on(portal.clock.today())
        .unwrap()
        .drafts_retention_days;
    // One day more than the retention passes; then a fresh draft, which is kept.
    portal.clock.advance(chrono::Duration::days(days + 1));
    portal.start_draft_of(&browser, "expense").await;
    // The next start in the same folder (database, documents and key) purges the old one.
    server::http::spawn(&portal.restart_args()).await.unwrap();
    let db = portal.db().await;
    let drafts: i64 = sqlx::query_scalar("SELECT count(*) FROM drafts")
        .fetch_one(&db)
        .await
        .unwrap();
    let documents: i64 = sqlx::query_scalar("SELECT count(*) FROM documents")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!((drafts, documents), (1, 0));
    assert_eq!(
        portal.stored_documents().await,
        0,
        "the document's bytes went with it"
    );
}

#[tokio::test]
async fn an_application_stored_in_clear_before_sealing_is_sealed_at_the_next_start() {
    let portal = common::start().await;
    // SQLite only: its databases predate sealing (db::sqlite::seal). PostgreSQL came after it,
    // so no row there was ever written in clear, and its engine has nothing to seal at start.
    if portal.engine() != common::Engine::Sqlite {
        return;
    }
    let (_, body, _) = portal.create(Some("old"), &application()).await;
    let reference = body["reference"].as_str().unwrap().to_string();
    let db = portal.db().await;
    // As a database written before sealing existed holds it.
    sqlx::query(
        "UPDATE applications SET id_number = '11010519491231002X', id_number_hash = NULL,
         phone = '13700001234', answers = '{\"bank_card\":\"4111111111111111\"}' WHERE reference = $1",
    )
    .bind(&reference)
    .execute(&db)
    .await
    .unwrap();
    server::http::spawn(&portal.restart_args()).await.unwrap();
    let stored = stored_text(&portal).await;
    for secret in ["11010519491231002X", "13700001234", "4111111111111111"] {
        assert!(
            stored.iter().all(|t| !t.contains(secret)),
            "{secret} is still in clear"
        );
    }
    let hashed: Option<String> = sqlx::query_scalar("SELECT id_number_hash FROM applications")
        .fetch_one(&db)
        .await
        .unwrap();
    assert!(hashed.is_some_and(|h| h.len() == 64));
}
