//! Who may see and do what, as a table: every staff page and action × every role × a case of
//! the staff member's own town, of another town, and one that reached the district. Nothing of
//! another town may leak through a page, a search, a count or a document.

mod common;

use common::staff::*;

/// Who is asking.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Anonymous,
    Caseworker,
    Head,
    OtherTownCaseworker,
    Reviewer,
    Approver,
    Admin,
}

const EVERYONE: [Who; 7] = [
    Who::Anonymous,
    Who::Caseworker,
    Who::Head,
    Who::OtherTownCaseworker,
    Who::Reviewer,
    Who::Approver,
    Who::Admin,
];

fn account(who: Who) -> Option<(&'static str, &'static str)> {
    match who {
        Who::Anonymous => None,
        Who::Caseworker => Some(CASEWORKER),
        Who::Head => Some(HEAD),
        Who::OtherTownCaseworker => Some(OTHER_TOWN_CASEWORKER),
        Who::Reviewer => Some(REVIEWER),
        Who::Approver => Some(APPROVER),
        Who::Admin => Some(ADMIN),
    }
}

async fn client(portal: &common::Portal, who: Who) -> StaffClient {
    match account(who) {
        Some(a) => sign_in(portal, a).await,
        None => StaffClient {
            client: portal.browser(),
            base: portal.base.clone(),
        },
    }
}

/// A submitted emergency case of 几江街道 with a document, and an expense case of 几江街道
/// forwarded to 区民政局.
async fn cases(portal: &common::Portal) -> (String, i64, String) {
    let town_case = submit(portal, &emergency_application(), "k1").await;
    let form = reqwest::multipart::Form::new().text("kind", "certificate").part(
        "file",
        reqwest::multipart::Part::bytes(b"%PDF-1.4\n%%EOF\n".to_vec()).file_name("proof"),
    );
    let sent: serde_json::Value = portal
        .client
        .post(format!(
            "{}/api/v1/applications/{town_case}/documents",
            portal.base
        ))
        .header("x-phone-last4", "1234")
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let document = sent["id"].as_i64().expect("the document's id");

    let bureau_case = submit(portal, &expense_application(), "e1").await;
    let caseworker = sign_in(portal, CASEWORKER).await;
    let head = sign_in(portal, HEAD).await;
    for action in [
        &[("action", "accept")][..],
        &[("action", "investigate")],
        &[("action", "recommend"), ("amount", "5000")],
    ] {
        assert_eq!(caseworker.act(&bureau_case, action).await.0, 303);
    }
    assert_eq!(head.act(&bureau_case, &[("action", "forward")]).await.0, 303);
    (town_case, document, bureau_case)
}

/// What a request gives: its status, and whether the page names the reference.
async fn outcome(staff: &StaffClient, path: &str, reference: &str) -> (u16, bool) {
    let (status, body) = staff.get(path).await;
    (status, body.contains(reference))
}

#[tokio::test]
async fn every_staff_page_answers_each_role_as_the_table_says() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let (town_case, document, bureau_case) = cases(&portal).await;
    use Who::*;
    // (who, path, expected status, whether the answer may name the case)
    let town_page = format!("/staff/case/{town_case}");
    let bureau_page = format!("/staff/case/{bureau_case}");
    let document_path = format!("/staff/documents/{document}");
    let search = "/staff?q=%E7%8E%8B".to_string(); // 王, the applicant's family name
    let today = server::config::today_in_chongqing();
    let ledger = format!(
        "/staff/ledger?from={}&to={today}&format=csv",
        today - chrono::Duration::days(7)
    );
    let table: Vec<(Who, &str, &str, u16, bool)> = vec![
        // The queue: everyone signed in except the administrator, who has no cases.
        (Anonymous, "/staff", &town_case, 303, false),
        (Caseworker, "/staff", &town_case, 200, true),
        (Head, "/staff", &town_case, 200, true),
        (OtherTownCaseworker, "/staff", &town_case, 200, false),
        (OtherTownCaseworker, &search, &town_case, 200, false),
        (Reviewer, "/staff", &town_case, 200, false),
        (Reviewer, "/staff", &bureau_case, 200, true),
        (Approver, "/staff", &bureau_case, 200, false),
        (Admin, "/staff", &town_case, 303, false),
        // The case page.
        (Anonymous, &town_page, &town_case, 303, false),
        (Caseworker, &town_page, &town_case, 200, true),
        (Head, &town_page, &town_case, 200, true),
        (OtherTownCaseworker, &town_page, &town_case, 404, false),
        (Reviewer, &town_page, &town_case, 404, false),
        (Approver, &town_page, &town_case, 404, false),
        (Admin, &town_page, &town_case, 404, false),
        (Reviewer, &bureau_page, &bureau_case, 200, true),
        (Approver, &bureau_page, &bureau_case, 404, false),
        (OtherTownCaseworker, &bureau_page, &bureau_case, 404, false),
        // A document of the town's case.
        (Anonymous, &document_path, "%PDF", 303, false),
        (Caseworker, &document_path, "%PDF", 200, true),
        (Head, &document_path, "%PDF", 200, true),
        (OtherTownCaseworker, &document_path, "%PDF", 404, false),
        (Reviewer, &document_path, "%PDF", 404, false),
        (Approver, &document_path, "%PDF", 404, false),
        (Admin, &document_path, "%PDF", 404, false),
        // The dashboard: aggregate figures, a town's own only.
        (Anonymous, "/staff/dashboard", "几江街道", 303, false),
        (Caseworker, "/staff/dashboard", "几江街道", 200, true),
        (OtherTownCaseworker, "/staff/dashboard", "几江街道", 200, false),
        (Reviewer, "/staff/dashboard", "几江街道", 200, true),
        (Admin, "/staff/dashboard", "几江街道", 303, false),
        // The ledger: the town's cases; the district's tiers the cases that reached them.
        (Anonymous, &ledger, &town_case, 303, false),
        (Caseworker, &ledger, &town_case, 200, true),
        (Head, &ledger, &bureau_case, 200, true),
        (OtherTownCaseworker, &ledger, &town_case, 200, false),
        (OtherTownCaseworker, &ledger, &bureau_case, 200, false),
        (Reviewer, &ledger, &town_case, 200, false),
        (Reviewer, &ledger, &bureau_case, 200, true),
        (Approver, &ledger, &bureau_case, 200, false),
        (Admin, &ledger, &town_case, 303, false),
        // 公示 is public; nothing is decided yet.
        (Anonymous, "/publicity", &town_case, 200, false),
        // The administrator's page.
        (Anonymous, "/staff/admin", "admin", 303, false),
        (Caseworker, "/staff/admin", "admin", 303, false),
        (Reviewer, "/staff/admin", "admin", 303, false),
        (Admin, "/staff/admin", "jijiang-caseworker", 200, true),
    ];
    let mut clients = Vec::new();
    for who in EVERYONE {
        clients.push((who, client(&portal, who).await));
    }
    for (who, path, needle, status, names) in table {
        let staff = &clients.iter().find(|(w, _)| *w == who).unwrap().1;
        assert_eq!(
            outcome(staff, path, needle).await,
            (status, names),
            "{who:?} GET {path}"
        );
    }
}

#[tokio::test]
async fn counts_and_search_of_another_town_show_nothing_of_this_one() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let (town_case, _, _) = cases(&portal).await;
    let baisha = sign_in(&portal, OTHER_TOWN_CASEWORKER).await;
    for path in [
        "/staff",
        "/staff?status=submitted",
        "/staff?q=LZ",
        "/staff?overdue=1",
    ] {
        let (_, page) = baisha.get(path).await;
        assert!(!page.contains(&town_case), "{path}");
        assert!(
            !page.contains("data-count=\"submitted\""),
            "{path}: no count of another town's cases"
        );
    }
}

/// Who, on which case, posts which form, and the status expected.
type ActionRow<'a> = (Who, &'a str, &'a [(&'a str, &'a str)], u16);

#[tokio::test]
async fn every_action_is_refused_to_each_role_that_may_not_take_it() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let (town_case, _, bureau_case) = cases(&portal).await;
    use Who::*;
    // (who, case, action, expected status): the refusals first, then the one allowed.
    let table: Vec<ActionRow> = vec![
        (Anonymous, &town_case, &[("action", "accept")], 303),
        (OtherTownCaseworker, &town_case, &[("action", "accept")], 404),
        (Reviewer, &town_case, &[("action", "accept")], 404),
        (Approver, &town_case, &[("action", "accept")], 404),
        (Admin, &town_case, &[("action", "accept")], 404),
        (
            Caseworker,
            &town_case,
            &[("action", "reject"), ("reason", "x")],
            403,
        ),
        (Caseworker, &town_case, &[("action", "accept")], 303),
        // The bureau's case: the town no longer holds it, the government not yet.
        (
            Head,
            &bureau_case,
            &[("action", "approve"), ("amount", "5000")],
            403,
        ),
        (
            Approver,
            &bureau_case,
            &[("action", "approve"), ("amount", "5000")],
            404,
        ),
        (Caseworker, &bureau_case, &[("action", "pay")], 409),
        (
            Reviewer,
            &bureau_case,
            &[("action", "approve"), ("amount", "5000")],
            303,
        ),
    ];
    let mut clients = Vec::new();
    for who in EVERYONE {
        clients.push((who, client(&portal, who).await));
    }
    for (who, reference, fields, status) in table {
        let staff = &clients.iter().find(|(w, _)| *w == who).unwrap().1;
        let got = staff.act(reference, fields).await.0;
        assert_eq!(got, status, "{who:?} {fields:?} on {reference}");
    }
}
