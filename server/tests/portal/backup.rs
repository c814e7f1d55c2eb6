//! Backups that restore into a working portal: `server backup` of a SQLite database while the
//! portal goes on taking submissions, and PostgreSQL's own `pg_dump`/`pg_restore` of a
//! portal's database. Each restore is put in place as docs/operations.md says (the database, the
//! documents folder copied after it, the same data key) and served.

use crate::common::staff::*;
use crate::common::{self, Portal, Storage};
use serde_json::Value;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// An application submitted with one PDF: its reference, phone ending, document id and bytes.
struct Submitted {
    reference: String,
    last4: &'static str,
    document: i64,
    bytes: Vec<u8>,
}

/// `n` applications through the API, each with a PDF of its own.
async fn submit_with_documents(portal: &Portal, n: usize) -> Vec<Submitted> {
    let mut submitted = Vec::new();
    for i in 0..n {
        let (body, last4) = if i % 2 == 0 {
            (emergency_application(), "1234")
        } else {
            (expense_application(), "5678")
        };
        let reference = submit(portal, &body, &format!("before-{i}")).await;
        let bytes = format!("%PDF-1.4\n%document {i}\n%%EOF\n").into_bytes();
        let form = common::document_form("certificate", bytes.clone(), "proof.pdf");
        let sent = portal.api_upload(&reference, last4, form).await;
        assert_eq!(sent.status(), 201);
        let document = sent.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        submitted.push(Submitted {
            reference,
            last4,
            document,
            bytes,
        });
    }
    submitted
}

/// Every application tracks on the portal by reference and phone ending, and each document
/// downloads for staff with its bytes.
async fn assert_serves(portal: &Portal, submitted: &[Submitted]) {
    let caseworker = sign_in(portal, CASEWORKER).await;
    for application in submitted {
        let tracked = portal
            .api_track(&application.reference, Some(application.last4))
            .await;
        assert_eq!(tracked.status(), 200, "{}", application.reference);
        let download = portal
            .get_by(
                &caseworker.client,
                &format!("/staff/documents/{}", application.document),
            )
            .await;
        assert_eq!(download.status(), 200, "document {}", application.document);
        assert_eq!(download.bytes().await.unwrap(), application.bytes);
    }
}

async fn applications_in(database_url: &str) -> i64 {
    let db = server::db::inspect(database_url).await.unwrap();
    let n = sqlx::query_scalar("SELECT count(*) FROM applications")
        .fetch_one(&db)
        .await
        .unwrap();
    db.close().await;
    n
}

async fn backup(database_url: &str, to: &std::path::Path) -> std::process::Output {
    common::server_command([
        "backup".as_ref(),
        "--database-url".as_ref(),
        database_url.as_ref(),
        "--to".as_ref(),
        to.as_os_str(),
    ] as [&std::ffi::OsStr; 5])
    .await
}

#[tokio::test]
async fn a_backup_taken_while_residents_submit_restores_every_earlier_application() {
    // Submissions go on as fast as they can during the backup: no creation budget stops them.
    let portal = Arc::new(
        common::start_on(Storage::sqlite(), |args| {
            args.creations_per_client = 1_000_000;
        })
        .await,
    );
    create_demo_accounts(&portal).await;
    let before = submit_with_documents(&portal, 4).await;

    // A resident submits again and again until the backup is done; the backup starts once
    // the first of those submissions is in.
    let stop = Arc::new(AtomicBool::new(false));
    let (first_in, first) = tokio::sync::oneshot::channel();
    let submitter = tokio::spawn({
        let (portal, stop) = (portal.clone(), stop.clone());
        async move {
            let mut first_in = Some(first_in);
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                let (status, body, _) = portal
                    .create(Some(&format!("during-{n}")), &emergency_application())
                    .await;
                assert_eq!(status, 201, "a submission during the backup: {body}");
                n += 1;
                if let Some(signal) = first_in.take() {
                    let _ = signal.send(());
                }
            }
            n
        }
    });
    first.await.expect("a submission went in");
    let restored = Storage::sqlite();
    let file = restored.dir().join("portal.db");
    let made = backup(&portal.database_url, &file).await;
    stop.store(true, Ordering::SeqCst);
    let during = submitter.await.unwrap();
    assert!(made.status.success(), "{}", common::said(&made));
    assert!(during > 0);

    // Restored as docs/operations.md says: the database file, then the documents folder copied after
    // it (so it holds at least every document the database names), and the same data key.
    common::copy_folder(&portal.dir().join("documents"), &restored.documents_dir());
    std::fs::copy(portal.dir().join("portal.key"), restored.dir().join("portal.key")).unwrap();
    let in_backup = applications_in(&format!("sqlite://{}", file.display())).await;
    let live = applications_in(&portal.database_url).await;
    assert!(
        in_backup > before.len() as i64 && in_backup <= live,
        "the backup holds {in_backup}, the portal {live}"
    );
    let served = common::start_on(restored, |_| {}).await;
    assert_serves(&served, &before).await;
    // The live portal took no harm.
    assert_serves(&portal, &before).await;
}

#[tokio::test]
async fn a_backup_never_replaces_a_file_nor_backs_up_a_database_that_is_not_there() {
    let portal = common::start_on(Storage::sqlite(), |_| {}).await;
    submit(&portal, &emergency_application(), "one").await;
    let dir = tempfile::tempdir().unwrap();
    let taken = dir.path().join("taken.db");
    std::fs::write(&taken, b"yesterday's backup").unwrap();
    let refused = backup(&portal.database_url, &taken).await;
    assert!(!refused.status.success());
    assert!(
        common::said(&refused).contains("already exists"),
        "{}",
        common::said(&refused)
    );
    assert_eq!(std::fs::read(&taken).unwrap(), b"yesterday's backup");

    // A mistyped path is an error, not an empty database backed up.
    let missing = format!("sqlite://{}/no-such.db", dir.path().display());
    let fresh = dir.path().join("fresh.db");
    let refused = backup(&missing, &fresh).await;
    assert!(!refused.status.success());
    assert!(!fresh.exists());
    assert!(!dir.path().join("no-such.db").exists());
}

#[tokio::test]
async fn a_postgresql_database_is_left_to_pg_dump() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("portal.db");
    let refused = backup("postgres://portal@127.0.0.1:5432/portal", &file).await;
    assert!(!refused.status.success());
    assert!(
        common::said(&refused).contains("pg_dump"),
        "{}",
        common::said(&refused)
    );
    assert!(!file.exists());
}

/// A PostgreSQL program of the newest version installed (pg_dump, pg_restore): a dump taken
/// by an older pg_dump than the server's is refused.
fn postgres_program(name: &str) -> std::path::PathBuf {
    let mut found: Vec<std::path::PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL's programs under /usr/lib/postgresql")
        .map(|version| version.unwrap().path().join("bin").join(name))
        .filter(|program| program.exists())
        .collect();
    found.sort_by_key(|program| {
        let version = program.iter().rev().nth(2).unwrap().to_string_lossy();
        version.parse::<u32>().unwrap_or_default()
    });
    found
        .pop()
        .unwrap_or_else(|| panic!("no {name} under /usr/lib/postgresql"))
}

async fn run(program: std::path::PathBuf, args: Vec<std::ffi::OsString>) {
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new(&program).args(&args).output().unwrap()
    })
    .await
    .unwrap();
    assert!(out.status.success(), "{}", common::said(&out));
}

/// Runs on the PostgreSQL pass only (PORTAL_TEST_POSTGRES set): PostgreSQL's own backup is
/// what docs/operations.md names for it, and this shows that its dump restores into a working portal
/// with the documents' bytes, which live in the database on this engine.
#[tokio::test]
async fn a_postgresql_dump_restores_every_application_and_its_documents() {
    if common::postgres_server().is_none() {
        return;
    }
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let submitted = submit_with_documents(&portal, 3).await;
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("portal.dump");
    run(
        postgres_program("pg_dump"),
        vec![
            "-Fc".into(),
            "-f".into(),
            dump.clone().into(),
            portal.database_url.clone().into(),
        ],
    )
    .await;

    let restored = Storage::fresh().await;
    run(
        postgres_program("pg_restore"),
        vec![
            "--no-owner".into(),
            "--exit-on-error".into(),
            "-d".into(),
            restored.database_url().into(),
            dump.into(),
        ],
    )
    .await;
    let key = portal.dir().join("portal.key");
    let served = common::start_on(restored, |args| args.data_key_file = key).await;
    assert_serves(&served, &submitted).await;
}
