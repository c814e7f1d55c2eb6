//! Rows written before personal data was sealed (migration 20261201000301) are sealed at
//! start-up, in one transaction, so that no ID, phone or bank card number stays readable in
//! the file. Re-running finds nothing to do: only rows without the sealed prefix are read.

use crate::crypto::DataKeys;
use crate::db::common::sealed;
use sqlx::SqlitePool;

/// Seals what is still in clear; how many rows were changed.
pub async fn legacy_rows(writer: &SqlitePool, keys: &DataKeys) -> Result<u64, String> {
    let failed = |e: sqlx::Error| format!("cannot seal the personal data written before sealing: {e}");
    let open = |column: &str, value: &str| {
        keys.open(column, value)
            .map_err(|e| format!("{column} cannot be read with the data key file: {e}"))
    };
    let mut tx = writer.begin_with("BEGIN IMMEDIATE").await.map_err(failed)?;
    let mut changed = 0;

    let applications = sqlx::query!(
        r#"SELECT id AS "id!", id_number, phone, answers FROM applications
         WHERE id_number NOT LIKE 'sealed:%' OR phone NOT LIKE 'sealed:%' OR answers NOT LIKE 'sealed:%'
            OR id_number_hash IS NULL"#
    )
    .fetch_all(&mut *tx)
    .await
    .map_err(failed)?;
    for row in applications {
        let id_number = open(sealed::APPLICATION_ID_NUMBER, &row.id_number)?;
        let phone = open(sealed::APPLICATION_PHONE, &row.phone)?;
        let answers = open(sealed::APPLICATION_ANSWERS, &row.answers)?;
        let (id_number_sealed, hash, phone, answers) = (
            keys.seal(sealed::APPLICATION_ID_NUMBER, &id_number),
            keys.lookup_hash(&id_number),
            keys.seal(sealed::APPLICATION_PHONE, &phone),
            keys.seal(sealed::APPLICATION_ANSWERS, &answers),
        );
        sqlx::query!(
            "UPDATE applications SET id_number = ?, id_number_hash = ?, phone = ?, answers = ? WHERE id = ?",
            id_number_sealed,
            hash,
            phone,
            answers,
            row.id
        )
        .execute(&mut *tx)
        .await
        .map_err(failed)?;
        changed += 1;
    }

    let members = sqlx::query!(
        r#"SELECT application_id, position, id_number AS "id_number!" FROM members
         WHERE id_number IS NOT NULL AND (id_number NOT LIKE 'sealed:%' OR id_number_hash IS NULL)"#
    )
    .fetch_all(&mut *tx)
    .await
    .map_err(failed)?;
    for row in members {
        let id_number = open(sealed::MEMBER_ID_NUMBER, &row.id_number)?;
        let (sealed_id, hash) = (
            keys.seal(sealed::MEMBER_ID_NUMBER, &id_number),
            keys.lookup_hash(&id_number),
        );
        sqlx::query!(
            "UPDATE members SET id_number = ?, id_number_hash = ? WHERE application_id = ? AND position = ?",
            sealed_id,
            hash,
            row.application_id,
            row.position
        )
        .execute(&mut *tx)
        .await
        .map_err(failed)?;
        changed += 1;
    }

    let drafts = sqlx::query!(r#"SELECT id AS "id!", answers FROM drafts WHERE answers NOT LIKE 'sealed:%'"#)
        .fetch_all(&mut *tx)
        .await
        .map_err(failed)?;
    for row in drafts {
        let answers = keys.seal(sealed::DRAFT_ANSWERS, &row.answers);
        sqlx::query!("UPDATE drafts SET answers = ? WHERE id = ?", answers, row.id)
            .execute(&mut *tx)
            .await
            .map_err(failed)?;
        changed += 1;
    }
    tx.commit().await.map_err(failed)?;
    Ok(changed)
}
