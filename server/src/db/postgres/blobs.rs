//! The document store of a PostgreSQL database: documents' bytes in `document_bytes`
//! (crate::storage says why in the database).

use crate::storage::{DocumentStore, StoreFuture};
use sqlx::PgPool;
use std::io::{Error, ErrorKind};

pub struct DatabaseDocuments {
    pub(super) pool: PgPool,
}

/// A database failure, as the store's callers expect failures: an I/O error that they log and
/// answer 503 for.
fn failed(e: sqlx::Error) -> Error {
    Error::other(format!("document store: {e}"))
}

fn not_found() -> Error {
    Error::new(ErrorKind::NotFound, "no document under this key")
}

impl DocumentStore for DatabaseDocuments {
    fn put<'a>(&'a self, key: &'a str, bytes: Vec<u8>) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            sqlx::query!(
                "INSERT INTO document_bytes (storage_key, bytes) VALUES ($1, $2)
                 ON CONFLICT (storage_key) DO UPDATE SET bytes = excluded.bytes",
                key,
                bytes
            )
            .execute(&self.pool)
            .await
            .map(|_| ())
            .map_err(failed)
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> StoreFuture<'a, Vec<u8>> {
        Box::pin(async move {
            sqlx::query_scalar!("SELECT bytes FROM document_bytes WHERE storage_key = $1", key)
                .fetch_optional(&self.pool)
                .await
                .map_err(failed)?
                .ok_or_else(not_found)
        })
    }

    fn delete<'a>(&'a self, key: &'a str) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            let deleted = sqlx::query!("DELETE FROM document_bytes WHERE storage_key = $1", key)
                .execute(&self.pool)
                .await
                .map_err(failed)?;
            if deleted.rows_affected() == 0 {
                return Err(not_found());
            }
            Ok(())
        })
    }
}
