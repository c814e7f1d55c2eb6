//! Who may see and do what, as a table: every staff page and action × every role × a case of
//! the staff member's own town, of another town, and one that reached the district. Nothing of
//! another town may leak through a page, a search, a count or a document.

use crate::common;

use crate::common::staff::*;

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

/// A client for each kind of user, in the order of `EVERYONE`, each signed in as itself.
async fn everyone(portal: &common::Portal) -> Vec<(Who, StaffClient)> {
    let mut clients = Vec::new();
    for who in EVERYONE {
        clients.push((who, client(portal, who).await));
    }
    clients
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
    assert_eq!(
        head.act(
            &bureau_case,
            &[("action", "forward"), ("reason", "超过镇街审批权限。")]
        )
        .await
        .0,
        303
    );
    (town_case, document, bureau_case)
}

/// What a request gives: its status, and whether the page names the reference.
async fn outcome(staff: &StaffClient, path: &str, reference: &str) -> (u16, bool) {
    let (status, body) = staff.get(path).await;
    (status, body.contains(reference))
}

/// What each role gets, in the order of `EVERYONE`: the status, and whether the answer names
/// the thing looked for.
type Answers = [(u16, bool); 7];

const SIGN_IN: (u16, bool) = (303, false);
const SHOWN: (u16, bool) = (200, true);
const NOT_SHOWN: (u16, bool) = (200, false);
const NOT_FOUND: (u16, bool) = (404, false);

#[tokio::test]
async fn every_staff_page_answers_each_role_as_the_table_says() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let (town_case, document, bureau_case) = cases(&portal).await;
    let town_page = format!("/staff/case/{town_case}");
    let bureau_page = format!("/staff/case/{bureau_case}");
    let document_path = format!("/staff/documents/{document}");
    let search = "/staff?q=%E7%8E%8B".to_string(); // 王, the applicant's family name
    let today = server::clock::Clock::system().today();
    let ledger = format!(
        "/staff/ledger?from={}&to={today}&format=csv",
        today - chrono::Duration::days(7)
    );
    // Columns: anonymous, caseworker, head, other town's caseworker, reviewer, approver, admin.
    let table: Vec<(&str, &str, Answers)> = vec![
        // The queue: everyone signed in but the administrator, who has no cases.
        (
            "/staff",
            &town_case,
            [SIGN_IN, SHOWN, SHOWN, NOT_SHOWN, NOT_SHOWN, NOT_SHOWN, SIGN_IN],
        ),
        (
            "/staff",
            &bureau_case,
            [SIGN_IN, SHOWN, SHOWN, NOT_SHOWN, SHOWN, NOT_SHOWN, SIGN_IN],
        ),
        (
            &search,
            &town_case,
            [SIGN_IN, SHOWN, SHOWN, NOT_SHOWN, NOT_SHOWN, NOT_SHOWN, SIGN_IN],
        ),
        // The case pages: another town's, or one that has not reached a tier, do not exist.
        (
            &town_page,
            &town_case,
            [SIGN_IN, SHOWN, SHOWN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
        ),
        (
            &bureau_page,
            &bureau_case,
            [SIGN_IN, SHOWN, SHOWN, NOT_FOUND, SHOWN, NOT_FOUND, NOT_FOUND],
        ),
        // A document of the town's case.
        (
            &document_path,
            "%PDF",
            [SIGN_IN, SHOWN, SHOWN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
        ),
        // The dashboard: a town's own figures; the district's tiers every town's.
        (
            "/staff/dashboard",
            "几江街道",
            [SIGN_IN, SHOWN, SHOWN, NOT_SHOWN, SHOWN, SHOWN, SIGN_IN],
        ),
        // The ledger: the same scope as the queue.
        (
            &ledger,
            &town_case,
            [SIGN_IN, SHOWN, SHOWN, NOT_SHOWN, NOT_SHOWN, NOT_SHOWN, SIGN_IN],
        ),
        (
            &ledger,
            &bureau_case,
            [SIGN_IN, SHOWN, SHOWN, NOT_SHOWN, SHOWN, NOT_SHOWN, SIGN_IN],
        ),
        // The administrator's page; the others are sent to their queue, or to sign in.
        (
            "/staff/admin",
            "jijiang-caseworker",
            [SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, SHOWN],
        ),
        // 公示 is public; nothing is decided yet, so nobody is named.
        ("/publicity", "王*", [NOT_SHOWN; 7]),
    ];
    let clients = everyone(&portal).await;
    for (path, needle, answers) in table {
        for ((who, staff), expected) in clients.iter().zip(answers) {
            assert_eq!(
                outcome(staff, path, needle).await,
                expected,
                "{who:?} GET {path} ({needle})"
            );
        }
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
    let clients = everyone(&portal).await;
    let signed_in = |who: Who| &clients.iter().find(|(w, _)| *w == who).unwrap().1;
    for (who, reference, fields, status) in table {
        let staff = signed_in(who);
        let got = staff.act(reference, fields).await.0;
        assert_eq!(got, status, "{who:?} {fields:?} on {reference}");
    }
    // Assignment. Staff ids in the order `server demo` creates the accounts: 1 jijiang-caseworker,
    // 2 jijiang-head, 3 baisha-caseworker.
    let assignments: Vec<(Who, &str, u16)> = vec![
        (Anonymous, "1", 303),
        (OtherTownCaseworker, "3", 404),
        (Reviewer, "1", 404),
        (Approver, "1", 404),
        (Admin, "1", 404),
        (Caseworker, "2", 403),
        (Caseworker, "1", 303),
        (Head, "2", 303),
    ];
    for (who, to, status) in assignments {
        let staff = signed_in(who);
        assert_eq!(
            staff.assign(&town_case, to).await,
            status,
            "{who:?} assigns to {to}"
        );
    }
    let db = portal.db().await;
    let assigned: Option<i64> =
        sqlx::query_scalar("SELECT assigned_to FROM applications WHERE reference = $1")
            .bind(&town_case)
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(assigned, Some(2));
}
