//! The audit trail (the case events, the access log and the export log) is append-only in the
//! database itself, on either engine: whoever reaches the database directly cannot rewrite or
//! remove what staff did and saw.

use crate::common;

use crate::common::staff::*;

#[tokio::test]
async fn the_audit_tables_refuse_every_update_and_delete() {
    let portal = common::start().await;
    create_demo_accounts(&portal).await;
    let reference = submit(&portal, &emergency_application(), "audit").await;
    let head = sign_in(&portal, HEAD).await;
    // An opening of the case (access log) and a ledger export (export log).
    assert_eq!(head.get(&format!("/staff/case/{reference}")).await.0, 200);
    let today = server::clock::Clock::system().today();
    let (status, _) = head
        .get(&format!("/staff/ledger?from={today}&to={today}&format=csv"))
        .await;
    assert_eq!(status, 200);

    let db = portal.db().await;
    for table in ["events", "access_log", "export_log"] {
        let stored = || async {
            sqlx::query_scalar::<_, String>(&format!("SELECT at FROM {table} ORDER BY id"))
                .fetch_all(&db)
                .await
                .unwrap()
        };
        let before = stored().await;
        assert!(!before.is_empty(), "{table} has a row to protect");
        let mut statements = vec![
            format!("UPDATE {table} SET at = '2000-01-01T00:00:00+00:00'"),
            format!("DELETE FROM {table}"),
        ];
        // SQLite has no TRUNCATE (its DELETE without WHERE is refused above).
        if portal.engine() == common::Engine::Postgres {
            statements.push(format!("TRUNCATE {table}"));
        }
        for statement in statements {
            let done = sqlx::query(&statement).execute(&db).await;
            assert!(done.is_err(), "{statement} went through");
        }
        assert_eq!(stored().await, before, "{table} is unchanged");
    }
}
