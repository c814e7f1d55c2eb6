//! The JSON API for other channels: the same validation, idempotency, tracking and throttling
//! as the web journey, and an OpenAPI document that lists every route it serves.

mod common;

use common::staff::emergency_application as application;
use serde_json::{Value, json};

async fn create(portal: &common::Portal, key: Option<&str>, body: &Value) -> (u16, Value, Option<String>) {
    let mut request = portal
        .client
        .post(format!("{}/api/v1/applications", portal.base))
        .json(body);
    if let Some(key) = key {
        request = request.header("idempotency-key", key);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string());
    (status, response.json().await.unwrap_or(Value::Null), location)
}

async fn track(portal: &common::Portal, reference: &str, last4: Option<&str>) -> (u16, Value) {
    let mut request = portal
        .client
        .get(format!("{}/api/v1/applications/{reference}", portal.base));
    if let Some(last4) = last4 {
        request = request.header("x-phone-last4", last4);
    }
    let response = request.send().await.unwrap();
    (
        response.status().as_u16(),
        response.json().await.unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn an_application_is_created_once_per_idempotency_key() {
    let portal = common::start().await;
    let (status, body, location) = create(&portal, Some("kiosk-42-0001"), &application()).await;
    assert_eq!(status, 201, "{body}");
    let reference = body["reference"].as_str().unwrap().to_string();
    assert_eq!(
        location.as_deref(),
        Some(format!("/api/v1/applications/{reference}").as_str())
    );
    assert_eq!(body["status"], "submitted");

    let (again, body, _) = create(&portal, Some("kiosk-42-0001"), &application()).await;
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
    assert_eq!(create(&portal, None, &application()).await.0, 400);
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
    let (status, body, _) = create(&portal, Some("k2"), &bad).await;
    assert_eq!(status, 422);
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    for field in ["applicant_id_number", "bank_card", "annual_income"] {
        assert!(fields.contains(&field), "{field} missing from {fields:?}");
    }
}

#[tokio::test]
async fn tracking_needs_the_phone_ending_and_shows_no_personal_numbers() {
    let portal = common::start().await;
    let (_, body, _) = create(&portal, Some("k"), &application()).await;
    let reference = body["reference"].as_str().unwrap();
    let (status, tracked) = track(&portal, reference, Some("1234")).await;
    assert_eq!(status, 200);
    assert_eq!(tracked["status"], "submitted");
    assert_eq!(tracked["masked_name"], "王*");
    let text = tracked.to_string();
    assert!(!text.contains("13700001234") && !text.contains("11010519491231002X"));

    assert_eq!(track(&portal, reference, Some("9999")).await.0, 404);
    assert_eq!(track(&portal, reference, None).await.0, 404);
}

#[tokio::test]
async fn api_guessing_is_throttled() {
    let portal = common::start().await;
    let (_, body, _) = create(&portal, Some("k"), &application()).await;
    let reference = body["reference"].as_str().unwrap();
    for guess in ["0000", "0001", "0002", "0003", "0004"] {
        assert_eq!(track(&portal, reference, Some(guess)).await.0, 404);
    }
    assert_eq!(track(&portal, reference, Some("1234")).await.0, 429);
}

#[tokio::test]
async fn a_document_can_be_sent_after_submission_and_joins_the_timeline() {
    let portal = common::start().await;
    let (_, body, _) = create(&portal, Some("k"), &application()).await;
    let reference = body["reference"].as_str().unwrap();
    let send = |bytes: Vec<u8>| {
        let form = reqwest::multipart::Form::new()
            .text("kind", "certificate")
            .part("file", reqwest::multipart::Part::bytes(bytes).file_name("proof"));
        portal
            .client
            .post(format!(
                "{}/api/v1/applications/{reference}/documents",
                portal.base
            ))
            .header("x-phone-last4", "1234")
            .multipart(form)
            .send()
    };
    let response = send(b"%PDF-1.4\n%%EOF\n".to_vec()).await.unwrap();
    assert_eq!(response.status(), 201);
    let response = send(b"plain text".to_vec()).await.unwrap();
    assert_eq!(response.status(), 422);
    let (_, tracked) = track(&portal, reference, Some("1234")).await;
    let kinds: Vec<&str> = tracked["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["submitted", "document_added"]);
}

#[tokio::test]
async fn the_openapi_document_describes_every_api_route() {
    let portal = common::start().await;
    let response = portal
        .client
        .get(format!("{}/api/v1/openapi.json", portal.base))
        .send()
        .await
        .unwrap();
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
