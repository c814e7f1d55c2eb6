//! Signing staff in and acting on cases, as a browser would: each staff member has a client
//! with its own cookies, and forms carry the CSRF token read from the page.

use super::Portal;
use serde_json::{Value, json};

/// The demonstration accounts (`server demo`), created once per portal.
pub async fn create_demo_accounts(portal: &Portal) {
    server::accounts::demo(&portal.database_url)
        .await
        .expect("the demo accounts are created");
}

pub const CASEWORKER: (&str, &str) = ("jijiang-caseworker", "demo-caseworker-2026");
pub const HEAD: (&str, &str) = ("jijiang-head", "demo-head-2026");
pub const OTHER_TOWN_CASEWORKER: (&str, &str) = ("baisha-caseworker", "demo-caseworker-2026");
pub const REVIEWER: (&str, &str) = ("mzj-reviewer", "demo-reviewer-2026");
pub const APPROVER: (&str, &str) = ("qzf-approver", "demo-approver-2026");
pub const ADMIN: (&str, &str) = ("admin", "demo-admin-2026");

pub struct StaffClient {
    pub client: reqwest::Client,
    pub base: String,
}

/// The value of `name="<name>" value="…"` in a page.
pub fn input_value(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_string())
}

/// The sign-in form posted as a browser sends it (CSRF token read from the form first); the
/// browser, with its cookies, and the answer.
pub async fn post_sign_in(
    portal: &Portal,
    username: &str,
    password: &str,
) -> (reqwest::Client, reqwest::Response) {
    let client = portal.browser();
    let page = portal.page(&client, "/staff/login").await;
    let csrf = input_value(&page, "csrf").expect("the sign-in form has a CSRF token");
    let response = client
        .post(format!("{}/staff/login", portal.base))
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", username),
            ("password", password),
        ])
        .send()
        .await
        .unwrap();
    (client, response)
}

pub async fn try_sign_in(portal: &Portal, (username, password): (&str, &str)) -> (StaffClient, u16) {
    let (client, response) = post_sign_in(portal, username, password).await;
    let status = response.status().as_u16();
    (
        StaffClient {
            client,
            base: portal.base.clone(),
        },
        status,
    )
}

pub async fn sign_in(portal: &Portal, account: (&str, &str)) -> StaffClient {
    let (staff, status) = try_sign_in(portal, account).await;
    assert_eq!(status, 303, "{} signs in", account.0);
    staff
}

impl StaffClient {
    pub async fn get(&self, path: &str) -> (u16, String) {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }

    /// Posts a form of the case page: its CSRF token and version are read from the page first.
    pub async fn act(&self, reference: &str, fields: &[(&str, &str)]) -> (u16, String) {
        let (_, page) = self.get(&format!("/staff/case/{reference}")).await;
        let csrf = input_value(&page, "csrf").unwrap_or_default();
        let version = input_value(&page, "version").unwrap_or_default();
        let mut form: Vec<(&str, &str)> = vec![("csrf", &csrf), ("version", &version)];
        form.extend_from_slice(fields);
        self.post(&format!("/staff/case/{reference}/action"), &form).await
    }

    /// Assigns the case to the staff member with this id (empty: nobody); the status.
    pub async fn assign(&self, reference: &str, to: &str) -> u16 {
        let (_, page) = self.get(&format!("/staff/case/{reference}")).await;
        let csrf = input_value(&page, "csrf").unwrap_or_default();
        let form = [("csrf", csrf.as_str()), ("to", to)];
        self.post(&format!("/staff/case/{reference}/assign"), &form)
            .await
            .0
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> (u16, String) {
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .form(form)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let location = super::header(&response, "location").unwrap_or_default();
        let body = response.text().await.unwrap();
        (status, if status == 303 { location } else { body })
    }
}

/// An application through the JSON API; its reference.
pub async fn submit(portal: &Portal, body: &Value, key: &str) -> String {
    let (status, body, _) = portal.create(Some(key), body).await;
    assert_eq!(status, 201, "{body}");
    body["reference"].as_str().unwrap().to_string()
}

/// An emergency application in 几江街道 by 王五 (phone ending 1234).
pub fn emergency_application() -> Value {
    let event_date = (server::clock::Clock::system().today() - chrono::Duration::days(2)).to_string();
    json!({
        "aid_type": "emergency",
        "applicant_name": "王五",
        "applicant_id_number": "11010519491231002X",
        "applicant_phone": "13700001234",
        "address": "几江街道某路 8 号",
        "town": "几江街道",
        "status": "none",
        "annual_income": 18000,
        "financial_assets": 2000,
        "emergency_event": "traffic_accident",
        "emergency_event_date": event_date,
        "emergency_description": "车祸住院，无法工作。",
        "emergency_serious_difficulty": true,
        "bank_name": "重庆银行",
        "bank_card": "4111111111111111",
        "account_holder": "王五",
        "declaration_name": "王五",
        "consent": true
    })
}

/// An expense application (large medical bills) in 几江街道.
pub fn expense_application() -> Value {
    json!({
        "aid_type": "expense",
        "applicant_name": "赵六",
        "applicant_id_number": "11010519491231002X",
        "applicant_phone": "13900005678",
        "address": "几江街道某路 9 号",
        "town": "几江街道",
        "status": "dibao",
        "annual_income": 12000,
        "financial_assets": 1000,
        "expense_kind": "medical",
        "expense_spent": 80000,
        "expense_reimbursed": 20000,
        "expense_purpose": "住院手术",
        "bank_name": "重庆银行",
        "bank_card": "4111111111111111",
        "account_holder": "赵六",
        "declaration_name": "赵六",
        "consent": true
    })
}
