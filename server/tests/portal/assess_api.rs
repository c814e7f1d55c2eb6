//! `POST /api/v1/assess` keeps the contract of assess-api.md: 200, 422 naming each invalid
//! field, 400 for a body that is not a household.

use crate::common;

use serde_json::{Value, json};

const FIRST_EXAMPLE: &str = r#"{
  "date": "2019-08-01", "town": "几江街道", "status": "none",
  "members": [{"age": 44, "disabled": false, "serious_illness": false, "special_disease": null,
               "student": null, "employed": true, "able_to_work": true, "needs_care": false}],
  "annual_income": 30000, "financial_assets": 5000, "extra_homes": 0, "vehicles": 0,
  "housing_hardship": false,
  "emergency": {"event": "fire", "event_date": "2019-07-20", "serious_difficulty": true},
  "expense": {"kind": "medical", "out_of_pocket": 20000}
}"#;

async fn post(portal: &common::Portal, body: &str) -> (u16, Value) {
    let response = portal
        .client
        .post(format!("{}/api/v1/assess", portal.base))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn the_first_contract_example_gets_200_and_its_exact_figures() {
    let portal = common::start().await;
    let (status, a) = post(&portal, FIRST_EXAMPLE).await;
    assert_eq!(status, 200);
    assert_eq!(a["parameters"]["dibao_monthly"], 546);
    assert_eq!(a["parameters"]["per_capita_income_line"], 34889);
    assert_eq!(a["parameters"]["in_force_on"], "2019-08-01");
    assert_eq!(
        (
            &a["emergency"]["outcome"],
            &a["emergency"]["amount"],
            &a["emergency"]["cap"]
        ),
        (&json!("likely"), &json!(1092), &json!(3276))
    );
    assert_eq!(a["emergency"]["above_cap_limit"], 9828);
    assert_eq!(a["emergency"]["approver"], "town");
    assert_eq!(a["expense"]["outcome"], "unlikely");
    assert_eq!(a["expense"]["cap"], 6552);
    assert_eq!(a["expense"]["approver"], Value::Null);
    assert_eq!(a["referrals"], json!([]));
}

/// Issue 24, item 5: money as residents type it (full-width digits, 万, 元) is the same amount
/// as the number; text that is no amount is named at its field (422), never a 400.
#[tokio::test]
async fn money_typed_with_full_width_digits_or_wan_is_the_same_amount() {
    let portal = common::start().await;
    let (_, as_number) = post(&portal, &FIRST_EXAMPLE.replace("30000", "9600")).await;
    for typed in [
        r#""0.96万""#,
        r#""９６００""#,
        r#""9,600元""#,
        r#""０．９６万元""#,
    ] {
        let (status, a) = post(&portal, &FIRST_EXAMPLE.replace("30000", typed)).await;
        assert_eq!(status, 200, "{typed}: {a}");
        assert_eq!(a, as_number, "{typed}");
    }
    let (status, a) = post(&portal, &FIRST_EXAMPLE.replace("30000", r#""三万""#)).await;
    assert_eq!(status, 422, "{a}");
    assert_eq!(a["errors"][0]["field"], "annual_income", "{a}");
    assert!(a["errors"][0]["message"].as_str().unwrap().contains("万"), "{a}");
    let (status, a) = post(&portal, &FIRST_EXAMPLE.replace("30000", r#""-5""#)).await;
    assert_eq!(
        (status, a["errors"][0]["field"].as_str()),
        (422, Some("annual_income"))
    );
}

#[tokio::test]
async fn an_invalid_household_gets_422_naming_each_field() {
    let portal = common::start().await;
    let body = r#"{"date": "2019-08-01", "town": "火星镇", "status": "rich",
        "members": [{"age": 44}, {"age": 300}], "annual_income": -1, "financial_assets": 1.234,
        "emergency": {"event": "fire", "event_date": "2019-09-01", "serious_difficulty": true}}"#;
    let (status, body) = post(&portal, body).await;
    assert_eq!(status, 422);
    let fields = common::listed(&body, "errors", "field");
    assert_eq!(
        fields,
        [
            "town",
            "status",
            "members[1].age",
            "annual_income",
            "financial_assets",
            "emergency.event_date"
        ]
    );
    assert!(
        body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["message"].as_str().is_some_and(|m| !m.is_empty()))
    );
}

#[tokio::test]
async fn a_missing_answer_is_a_422_not_a_400() {
    let portal = common::start().await;
    let (status, body) = post(&portal, "{}").await;
    assert_eq!(status, 422);
    assert_eq!(body["errors"][0]["field"], "town");
}

#[tokio::test]
async fn a_body_that_is_not_a_household_gets_400() {
    let portal = common::start().await;
    for body in [
        "not json",
        "[1, 2]",
        r#"{"annual_income": true}"#,
        r#"{"members": 3}"#,
        "",
    ] {
        let (status, answer) = post(&portal, body).await;
        assert_eq!(status, 400, "body {body:?} gave {answer}");
        assert_eq!(answer["error"], "bad_request");
    }
}

#[tokio::test]
async fn healthz_reports_the_database() {
    let portal = common::start().await;
    let response = portal
        .client
        .get(format!("{}/healthz", portal.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    let engine = match portal.engine() {
        common::Engine::Sqlite => "sqlite",
        common::Engine::Postgres => "postgres",
    };
    assert_eq!(body, json!({"status": "ok", "database": engine}));
}

/// Issue 25, item 6: a value of the wrong kind is refused in plain words in both languages,
/// naming its field, never serde's words or a Rust type.
#[tokio::test]
async fn a_value_of_the_wrong_kind_is_refused_naming_its_field_in_plain_words() {
    let portal = common::start().await;
    for (body, field, zh, en) in [
        (r#"{"members": 1}"#, "members", "列表", "a list"),
        (
            r#"{"members": [{"age": 40, "disabled": "yes"}]}"#,
            "members[0].disabled",
            "true 或 false",
            "true or false",
        ),
        (r#"{"town": 3}"#, "town", "文字", "text"),
        (r#"{"annual_income": true}"#, "annual_income", "金额", "an amount"),
    ] {
        let (status, answer) = post(&portal, body).await;
        assert_eq!(status, 400, "{body}: {answer}");
        let words = answer.to_string();
        assert!(
            words.contains(field) && words.contains(zh) && words.contains(en),
            "{body}: {words}"
        );
        for serde_words in ["invalid type", "sequence", "expected a", "i64", "bool`"] {
            assert!(!words.contains(serde_words), "{body}: {words}");
        }
    }
}

/// Issue 25, item 6: `{}` is refused (422, each missing answer named), and the served OpenAPI
/// document says so: the household it describes requires what the rules need.
#[tokio::test]
async fn what_the_rules_need_is_required_by_the_openapi_document_too() {
    let portal = common::start().await;
    let (status, answer) = post(&portal, "{}").await;
    assert_eq!(status, 422, "{answer}");
    let doc: Value = portal.get("/api/v1/openapi.json").await.json().await.unwrap();
    let body =
        &doc["paths"]["/api/v1/assess"]["post"]["requestBody"]["content"]["application/json"]["schema"];
    assert_eq!(body["$ref"], "#/components/schemas/Household", "{body}");
    let household = &doc["components"]["schemas"]["Household"];
    let required: Vec<&str> = household["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for field in ["town", "status", "members", "annual_income", "financial_assets"] {
        assert!(required.contains(&field), "{field}: {household}");
    }
    // Every field the 422 names for `{}` is one the document requires.
    for error in answer["errors"].as_array().unwrap() {
        let field = error["field"].as_str().unwrap();
        assert!(
            required.contains(&field),
            "{field} is refused when absent but not required: {household}"
        );
    }
    assert_eq!(household["properties"]["members"]["minItems"], 1, "{household}");
    assert_eq!(
        doc["components"]["schemas"]["HouseholdMember"]["required"][0],
        "age"
    );
}
