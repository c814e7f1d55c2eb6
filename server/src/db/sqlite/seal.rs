//! Rows written before personal data was sealed (migration 20261201000301) are sealed at
//! start-up, in one transaction, so that no ID, phone or bank card number stays readable in
//! the file. Re-running finds nothing to do: only rows without the sealed prefix are read.

use crate::crypto::DataKeys;
use crate::db::common::sealed;
use sqlx::SqlitePool;

const NOT_SEALED: &str = "NOT LIKE 'sealed:%'";

/// Seals what is still in clear; how many rows were changed.
pub async fn legacy_rows(writer: &SqlitePool, keys: &DataKeys) -> Result<u64, String> {
    let failed = |e: sqlx::Error| format!("cannot seal the personal data written before sealing: {e}");
    let open = |column: &str, value: &str| {
        keys.open(column, value)
            .map_err(|e| format!("{column} cannot be read with the data key file: {e}"))
    };
    let mut tx = writer.begin_with("BEGIN IMMEDIATE").await.map_err(failed)?;
    let mut changed = 0;

    let applications: Vec<(i64, String, String, String)> = sqlx::query_as(&format!(
        "SELECT id, id_number, phone, answers FROM applications
         WHERE id_number {NOT_SEALED} OR phone {NOT_SEALED} OR answers {NOT_SEALED} OR id_number_hash IS NULL"
    ))
    .fetch_all(&mut *tx)
    .await
    .map_err(failed)?;
    for (id, id_number, phone, answers) in applications {
        let id_number = open(sealed::APPLICATION_ID_NUMBER, &id_number)?;
        let phone = open(sealed::APPLICATION_PHONE, &phone)?;
        let answers = open(sealed::APPLICATION_ANSWERS, &answers)?;
        sqlx::query(
            "UPDATE applications SET id_number = ?, id_number_hash = ?, phone = ?, answers = ? WHERE id = ?",
        )
        .bind(keys.seal(sealed::APPLICATION_ID_NUMBER, &id_number))
        .bind(keys.lookup_hash(&id_number))
        .bind(keys.seal(sealed::APPLICATION_PHONE, &phone))
        .bind(keys.seal(sealed::APPLICATION_ANSWERS, &answers))
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(failed)?;
        changed += 1;
    }

    let members: Vec<(i64, i64, String)> = sqlx::query_as(&format!(
        "SELECT application_id, position, id_number FROM members
         WHERE id_number IS NOT NULL AND (id_number {NOT_SEALED} OR id_number_hash IS NULL)"
    ))
    .fetch_all(&mut *tx)
    .await
    .map_err(failed)?;
    for (application, position, id_number) in members {
        let id_number = open(sealed::MEMBER_ID_NUMBER, &id_number)?;
        sqlx::query(
            "UPDATE members SET id_number = ?, id_number_hash = ? WHERE application_id = ? AND position = ?",
        )
        .bind(keys.seal(sealed::MEMBER_ID_NUMBER, &id_number))
        .bind(keys.lookup_hash(&id_number))
        .bind(application)
        .bind(position)
        .execute(&mut *tx)
        .await
        .map_err(failed)?;
        changed += 1;
    }

    let drafts: Vec<(String, String)> = sqlx::query_as(&format!(
        "SELECT id, answers FROM drafts WHERE answers {NOT_SEALED}"
    ))
    .fetch_all(&mut *tx)
    .await
    .map_err(failed)?;
    for (id, answers) in drafts {
        sqlx::query("UPDATE drafts SET answers = ? WHERE id = ?")
            .bind(keys.seal(sealed::DRAFT_ANSWERS, &answers))
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(failed)?;
        changed += 1;
    }
    tx.commit().await.map_err(failed)?;
    Ok(changed)
}
