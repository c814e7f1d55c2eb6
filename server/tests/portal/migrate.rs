//! `server migrate-data`: a pilot's SQLite portal, filled through HTTP as residents and staff
//! use it, copied into an empty database of the run's engine (PostgreSQL on the PostgreSQL
//! pass, another SQLite file otherwise), proven by the checksums the command prints, then served
//! again with the same data key.

use crate::apply;
use crate::common::staff::*;
use crate::common::{self, Engine, Portal, Storage};
use serde_json::Value;

/// What the command copies, in the order it prints them.
const TALLIES: [&str; 13] = [
    "staff",
    "drafts",
    "applications",
    "members",
    "queue_entries",
    "documents",
    "family_links",
    "events",
    "access_log",
    "export_log",
    "parameter_proposals",
    "parameter_sets",
    "document bytes",
];

/// A town the rules no longer list (merged into another, say), still named by an application.
const OLD_TOWN: &str = "老城镇";

/// A pilot on SQLite with what weeks of use leave: applications from the web journey and the
/// API with their documents, staff actions (events, an assignment, an advance, a decision, a
/// paused deadline), staff opening cases and documents, a ledger export, a family link, a
/// draft in progress with a photo, and an application in a town taken off the list.
struct Pilot {
    portal: Portal,
    /// Every application: reference and phone ending.
    applications: Vec<(String, &'static str)>,
    /// The submitted documents: id, the account that may open it, and its bytes.
    documents: Vec<(i64, (&'static str, &'static str), Vec<u8>)>,
    family_link: String,
    /// A resident's browser in the middle of an application (its draft's cookie).
    drafting: reqwest::Client,
}

async fn pilot() -> Pilot {
    let portal = common::start_on(Storage::sqlite(), |_| {}).await;
    create_demo_accounts(&portal).await;

    // The web journey, with a photo, in 白沙镇 (phone ending 5678).
    let browser = apply::fill_emergency(&portal).await;
    let photo = common::jpeg(6000);
    let (status, _) = apply::upload(&browser, &portal, "id_card", "id.jpg", photo.clone()).await;
    assert_eq!(status, 303);
    let declaration = [
        ("declaration_name", "张三"),
        ("consent", "on"),
        ("action", "submit"),
    ];
    let (status, _) = apply::post(&browser, &portal, "/apply/step/7", &declaration).await;
    assert_eq!(status, 303);
    let confirmation = portal.page(&browser, "/apply/confirmation").await;
    let web = confirmation
        .split("data-reference=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a reference on the confirmation page")
        .to_string();
    let photo_id = document_of(&portal, &web).await;

    // The API, in 几江街道, with a PDF.
    let emergency = submit(&portal, &emergency_application(), "pilot-emergency").await;
    let expense = submit(&portal, &expense_application(), "pilot-expense").await;
    let pdf = b"%PDF-1.4\n%pilot\n%%EOF\n".to_vec();
    let sent = portal
        .api_upload(
            &emergency,
            "1234",
            common::document_form("certificate", pdf.clone(), "proof.pdf"),
        )
        .await;
    assert_eq!(sent.status(), 201);
    let pdf_id = sent.json::<Value>().await.unwrap()["id"].as_i64().unwrap();

    // Staff at work: every nullable column of a decided case filled, a paused deadline.
    let caseworker = sign_in(&portal, CASEWORKER).await;
    let caseworker_id: i64 = sqlx::query_scalar("SELECT id FROM staff WHERE username = $1")
        .bind(CASEWORKER.0)
        .fetch_one(&portal.db().await)
        .await
        .unwrap();
    assert_eq!(
        caseworker.assign(&emergency, &caseworker_id.to_string()).await,
        303
    );
    for action in [
        vec![("action", "accept")],
        vec![("action", "pay_advance"), ("amount", "800")],
        vec![("action", "investigate")],
        vec![("action", "recommend"), ("amount", "1000")],
    ] {
        assert_eq!(caseworker.act(&emergency, &action).await.0, 303, "{action:?}");
    }
    let head = sign_in(&portal, HEAD).await;
    let approve = [("action", "approve"), ("amount", "1000")];
    assert_eq!(head.act(&emergency, &approve).await.0, 303);
    for action in [
        vec![("action", "accept")],
        vec![("action", "investigate")],
        vec![("action", "request_documents"), ("what", "医院费用清单")],
    ] {
        assert_eq!(caseworker.act(&expense, &action).await.0, 303, "{action:?}");
    }
    // Opened documents (access log) and a ledger export (export log).
    assert!(download(&portal, CASEWORKER, pdf_id).await == Some(pdf.clone()));
    assert!(download(&portal, OTHER_TOWN_CASEWORKER, photo_id).await == Some(photo.clone()));
    let today = portal.clock.today();
    let ledger = format!("/staff/ledger?from={today}&to={today}&format=csv");
    assert_eq!(head.get(&ledger).await.0, 200);

    // A parameter change proposed by one administrator and approved by another.
    let admin = sign_in(&portal, ADMIN).await;
    let (_, page) = admin.get("/staff/admin").await;
    let csrf = input_value(&page, "csrf").unwrap();
    let proposal = [
        ("csrf", csrf.as_str()),
        ("key", "publicity.days"),
        ("value", "10"),
        ("from", "2027-01-01"),
        ("source", "pilot"),
    ];
    assert_eq!(admin.post("/staff/admin/proposals", &proposal).await.0, 303);
    let second = sign_in(&portal, ("admin-2", "demo-admin-2026")).await;
    let (_, page) = second.get("/staff/admin").await;
    let id = page
        .split("data-proposal=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string();
    let csrf = input_value(&page, "csrf").unwrap();
    let approve = [("csrf", csrf.as_str()), ("decision", "approve")];
    assert_eq!(
        second
            .post(&format!("/staff/admin/proposals/{id}/decision"), &approve)
            .await
            .0,
        303
    );

    // A family link, and a draft in progress with a photo.
    let (_, page) = portal
        .tracking_form("/track/family-link", &web, "5678", None)
        .await;
    let family_link = page
        .split("/family/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a family link on the page")
        .to_string();
    let drafting = portal.browser();
    assert_eq!(portal.start_draft(&drafting).await.status(), 303);
    let step1 = [
        ("aid_type", "emergency"),
        ("applicant_name", "钱七"),
        ("applicant_id_number", "11010519491231002X"),
        ("applicant_phone", "13600009876"),
        ("town", "几江街道"),
        ("address", "几江街道某路 12 号"),
    ];
    assert_eq!(
        apply::post(&drafting, &portal, "/apply/step/1", &step1).await.0,
        303
    );
    let (status, _) = apply::upload(&drafting, &portal, "id_card", "id.jpg", common::jpeg(3000)).await;
    assert_eq!(status, 303);

    // A later release takes the expense's town off the list; the town keeps its row, below
    // the listed ones, because the application names it (db::sqlite's write_towns).
    let db = portal.db().await;
    sqlx::query("INSERT INTO towns (name, kind, pinyin, position) VALUES ($1, 'town', 'laochengzhen', -1)")
        .bind(OLD_TOWN)
        .execute(&db)
        .await
        .unwrap();
    for table in ["applications", "queue_entries"] {
        let sql = format!(
            "UPDATE {table} SET town = $1 WHERE {} = (SELECT id FROM applications WHERE reference = $2)",
            if table == "applications" {
                "id"
            } else {
                "application_id"
            }
        );
        sqlx::query(&sql)
            .bind(OLD_TOWN)
            .bind(&expense)
            .execute(&db)
            .await
            .unwrap();
    }
    db.close().await;

    Pilot {
        portal,
        applications: vec![(web, "5678"), (emergency, "1234"), (expense, "5678")],
        documents: vec![
            (photo_id, OTHER_TOWN_CASEWORKER, photo),
            (pdf_id, CASEWORKER, pdf),
        ],
        family_link,
        drafting,
    }
}

/// The id of the one document of an application.
async fn document_of(portal: &Portal, reference: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT d.id FROM documents d JOIN applications a ON a.id = d.application_id WHERE a.reference = $1",
    )
    .bind(reference)
    .fetch_one(&portal.db().await)
    .await
    .unwrap()
}

/// A document as this account downloads it from the case page; None if refused.
async fn download(portal: &Portal, account: (&str, &str), id: i64) -> Option<Vec<u8>> {
    let staff = sign_in(portal, account).await;
    let response = portal
        .get_by(&staff.client, &format!("/staff/documents/{id}"))
        .await;
    (response.status() == 200).then_some(response.bytes().await.unwrap().to_vec())
}

/// The status the API tracks an application at, None if it does not find it.
async fn tracked_status(portal: &Portal, reference: &str, last4: &str) -> Option<String> {
    let response = portal.api_track(reference, Some(last4)).await;
    if response.status() != 200 {
        return None;
    }
    let body: Value = response.json().await.unwrap();
    Some(body["status"].as_str().unwrap().to_string())
}

/// `server migrate-data` from a database into another, with their documents folders (used
/// where the side is SQLite).
async fn migrate_into(
    (from_url, from_documents): (&str, &std::path::Path),
    (to_url, to_documents): (&str, &std::path::Path),
) -> std::process::Output {
    common::server_command([
        "migrate-data".as_ref(),
        "--from".as_ref(),
        from_url.as_ref(),
        "--from-documents".as_ref(),
        from_documents.as_os_str(),
        "--to".as_ref(),
        to_url.as_ref(),
        "--to-documents".as_ref(),
        to_documents.as_os_str(),
    ] as [&std::ffi::OsStr; 9])
    .await
}

/// `server migrate-data` from a database into this storage.
async fn migrate(from_url: &str, from_documents: &std::path::Path, to: &Storage) -> std::process::Output {
    let to_url = to.database_url();
    migrate_into((from_url, from_documents), (&to_url, &to.documents_dir())).await
}

/// The pilot into this storage.
async fn migrate_pilot(pilot: &Portal, to: &Storage) -> std::process::Output {
    migrate(&pilot.database_url, &pilot.dir().join("documents"), to).await
}

/// The tallies a successful copy printed, in order: name, rows and SHA-256, each said to
/// match.
fn tallies(copied: &std::process::Output) -> Vec<(&'static str, u64, String)> {
    let said = common::said(copied);
    assert!(copied.status.success(), "{said}");
    let printed = String::from_utf8_lossy(&copied.stdout);
    assert!(printed.contains("every table matches"), "{said}");
    TALLIES
        .iter()
        .map(|name| {
            let line = printed
                .lines()
                .find(|line| line.strip_prefix(name).is_some_and(|rest| rest.starts_with(' ')))
                .unwrap_or_else(|| panic!("no line for {name}: {said}"));
            let words: Vec<&str> = line[name.len()..].split_whitespace().collect();
            let rows: u64 = words[0].parse().unwrap_or_else(|_| panic!("{line}"));
            assert_eq!(words[1].len(), 64, "a SHA-256: {line}");
            assert_eq!(words.last(), Some(&"match"), "{line}");
            (*name, rows, words[1].to_string())
        })
        .collect()
}

/// The rows of a table (and condition) in a database.
async fn count(database_url: &str, table: &str) -> i64 {
    let db = server::db::inspect(database_url).await.unwrap();
    let n = sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
        .fetch_one(&db)
        .await
        .unwrap();
    db.close().await;
    n
}

#[tokio::test]
async fn a_pilot_copied_with_matching_checksums_serves_its_residents_and_staff_on_the_new_database() {
    let pilot = pilot().await;
    let mut statuses = Vec::new();
    for (reference, last4) in &pilot.applications {
        statuses.push(tracked_status(&pilot.portal, reference, last4).await.unwrap());
    }
    let target = Storage::fresh().await;
    let copied = migrate_pilot(&pilot.portal, &target).await;
    let said = common::said(&copied);
    // One line per table and one for the bytes, each read back from both databases.
    let first = tallies(&copied);
    for (name, rows, _) in &first {
        assert!(*rows > 0, "the pilot has rows in every table: {name}");
    }
    // Counted again without the command's own reading.
    let target_url = target.database_url();
    for table in &TALLIES[..12] {
        assert_eq!(
            count(&target_url, table).await,
            count(&pilot.portal.database_url, table).await,
            "{table}"
        );
    }
    for secret in ["张三", "13812345678", "11010519491231002X"] {
        assert!(!said.contains(secret), "the command printed personal data");
    }

    // And back, before anything changes there: the copy's copy (a SQLite file) has the same
    // tallies, whatever engine each side of each copy ran on.
    let back = Storage::sqlite();
    let copied_back = migrate(&target_url, &target.documents_dir(), &back).await;
    assert_eq!(tallies(&copied_back), first);

    // The new database served with the pilot's data key.
    let pilot_key = pilot.portal.dir().join("portal.key");
    let production = common::start_on(target, |args| args.data_key_file = pilot_key).await;
    for ((reference, last4), status) in pilot.applications.iter().zip(&statuses) {
        let tracked = tracked_status(&production, reference, last4).await;
        assert_eq!(tracked.as_ref(), Some(status), "{reference}");
    }
    let family = production.get(&format!("/family/{}", pilot.family_link)).await;
    assert_eq!(family.status(), 200);
    let draft = production.page(&pilot.drafting, "/apply/step/1").await;
    assert!(
        draft.contains(r#"value="钱七""#),
        "the draft's sealed answers open: {draft}"
    );
    for (id, account, bytes) in &pilot.documents {
        let downloaded = download(&production, *account, *id).await;
        assert!(
            downloaded.as_ref() == Some(bytes),
            "document {id} downloads with its bytes"
        );
    }
    let old_town = format!("towns WHERE name = '{OLD_TOWN}'");
    assert_eq!(
        count(&production.database_url, &old_town).await,
        1,
        "the town off the list came along"
    );

    // Staff act, and every table with an identity takes new rows after the copied ones.
    let caseworker = sign_in(&production, CASEWORKER).await;
    let emergency = &pilot.applications[1].0;
    assert_eq!(caseworker.act(emergency, &[("action", "pay")]).await.0, 303);
    assert_eq!(
        tracked_status(&production, emergency, "1234").await.as_deref(),
        Some("paid")
    );
    let new = submit(&production, &emergency_application(), "after-the-move").await;
    let form = common::document_form("certificate", b"%PDF-1.4\n%new\n%%EOF\n".to_vec(), "new.pdf");
    assert_eq!(production.api_upload(&new, "1234", form).await.status(), 201);
    let head = sign_in(&production, HEAD).await;
    let today = production.clock.today();
    let ledger = format!("/staff/ledger?from={today}&to={today}&format=csv");
    assert_eq!(head.get(&ledger).await.0, 200);
    let added = add_staff(&production.database_url).await;
    assert!(added.status.success(), "{}", common::said(&added));
}

/// `server user add` of one more account on a database.
async fn add_staff(database_url: &str) -> std::process::Output {
    let database_url = database_url.to_string();
    tokio::task::spawn_blocking(move || {
        use std::io::Write;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["user", "add", "--database-url", &database_url])
            .args(["--username", "new-reviewer", "--role", "reviewer"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"a long enough secret\n")
            .unwrap();
        child.wait_with_output().unwrap()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn a_target_in_use_is_refused_and_left_as_it_was() {
    let pilot = common::start_on(Storage::sqlite(), |_| {}).await;
    submit(&pilot, &emergency_application(), "pilot").await;
    let in_use = common::start_on(Storage::fresh().await, |_| {}).await;
    create_demo_accounts(&in_use).await;
    let theirs = submit(&in_use, &expense_application(), "theirs").await;
    let tables = ["staff", "applications", "events", "members", "queue_entries"];
    let mut before = Vec::new();
    for table in tables {
        before.push(count(&in_use.database_url, table).await);
    }

    let refused = migrate_into(
        (&pilot.database_url, &pilot.dir().join("documents")),
        (&in_use.database_url, &in_use.dir().join("documents")),
    )
    .await;
    assert!(!refused.status.success());
    let said = common::said(&refused);
    assert!(said.contains("not empty") && said.contains("staff"), "{said}");

    for (table, rows) in tables.iter().zip(before) {
        assert_eq!(count(&in_use.database_url, table).await, rows, "{table}");
    }
    assert_eq!(
        tracked_status(&in_use, &theirs, "5678").await.as_deref(),
        Some("submitted")
    );
}

#[tokio::test]
async fn personal_data_in_clear_in_the_pilot_is_refused_before_anything_is_copied() {
    let pilot = common::start_on(Storage::sqlite(), |_| {}).await;
    let reference = submit(&pilot, &emergency_application(), "pilot").await;
    // As a row written before sealing existed, and never sealed by a start with the key.
    pilot
        .write_for(
            "UPDATE applications SET phone = '13700001234' WHERE reference = $1",
            &reference,
        )
        .await;
    let target = Storage::fresh().await;
    let refused = migrate_pilot(&pilot, &target).await;
    assert!(!refused.status.success());
    let said = common::said(&refused);
    assert!(
        said.contains("sealed") && said.contains("applications.phone"),
        "{said}"
    );
    assert!(!said.contains("13700001234"), "{said}");
    // The target was not even prepared: no file, no tables.
    match target.engine() {
        Engine::Sqlite => assert!(!target.dir().join("portal.db").exists()),
        Engine::Postgres => {
            let tables = "information_schema.tables WHERE table_schema = 'public'";
            assert_eq!(count(&target.database_url(), tables).await, 0);
        }
    }
}

#[tokio::test]
async fn a_copy_that_fails_halfway_leaves_the_target_empty_and_can_be_run_again() {
    let pilot = common::start_on(Storage::sqlite(), |_| {}).await;
    let reference = submit(&pilot, &emergency_application(), "pilot").await;
    let form = common::document_form("certificate", b"%PDF-1.4\n%%EOF\n".to_vec(), "proof.pdf");
    assert_eq!(pilot.api_upload(&reference, "1234", form).await.status(), 201);
    // An empty database whose events refuse every row, which are copied after the
    // documents' bytes and every table but the logs.
    let target = Storage::fresh().await.migrated().await;
    target.fail_writes_to("events", "INSERT").await;
    let target_url = target.database_url();
    let from = (pilot.database_url.as_str(), pilot.dir().join("documents"));
    let to = (target_url.as_str(), target.documents_dir());

    let failed = migrate_into((from.0, &from.1), (to.0, &to.1)).await;
    assert!(!failed.status.success());
    assert!(
        common::said(&failed).contains("events"),
        "{}",
        common::said(&failed)
    );
    for table in ["staff", "applications", "members", "documents"] {
        assert_eq!(count(&target_url, table).await, 0, "{table}");
    }
    assert_eq!(target.stored_documents().await, 0, "no document's bytes stay");

    target.allow_writes_to("events").await;
    let copied = migrate_into((from.0, &from.1), (to.0, &to.1)).await;
    tallies(&copied);
    assert_eq!(
        count(&target_url, "events").await,
        count(&pilot.database_url, "events").await
    );
}

#[tokio::test]
async fn a_copy_never_writes_into_the_sources_documents_folder() {
    let pilot = common::start_on(Storage::sqlite(), |_| {}).await;
    let reference = submit(&pilot, &emergency_application(), "pilot").await;
    let form = common::document_form("certificate", b"%PDF-1.4\n%%EOF\n".to_vec(), "proof.pdf");
    assert_eq!(pilot.api_upload(&reference, "1234", form).await.status(), 201);
    // Two SQLite portals named with the same (default) documents folder.
    let target = Storage::sqlite();
    let documents = pilot.dir().join("documents");
    let refused = migrate_into(
        (&pilot.database_url, &documents),
        (&target.database_url(), &documents),
    )
    .await;
    assert!(!refused.status.success());
    assert!(
        common::said(&refused).contains("is the source's"),
        "{}",
        common::said(&refused)
    );
    assert_eq!(pilot.stored_documents().await, 1);
    assert!(!target.dir().join("portal.db").exists());
}
