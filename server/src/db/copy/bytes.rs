//! Where each side of a copy keeps documents' bytes (crate::storage): a folder beside a SQLite
//! database, the `document_bytes` table of a PostgreSQL one. The table is read and written on
//! the copy's own connections, so that into PostgreSQL the bytes go in the same transaction as
//! the rows (all or nothing); into a folder, whose files no transaction covers, what a failed
//! copy wrote is removed again.

use crate::db::store::Engine;
use crate::storage::{DocumentStore, LocalDirectory};
use sqlx::AnyConnection;
use std::path::{Path, PathBuf};

pub(super) enum Store {
    /// Opened at each use: a target's folder is made only when the first document is written
    /// into it, after the target was found empty.
    Folder(PathBuf),
    Database,
}

impl Store {
    /// The source's store. Its folder must be there: a mistyped path would otherwise read as
    /// every document lost.
    pub(super) fn source(engine: Engine, dir: &Path) -> Result<Store, String> {
        match engine {
            #[cfg(feature = "sqlite")]
            Engine::Sqlite => {
                if !dir.is_dir() {
                    return Err(format!(
                        "the source's documents folder {} does not exist (--from-documents)",
                        dir.display()
                    ));
                }
                Ok(Store::Folder(dir.to_path_buf()))
            }
            #[cfg(feature = "postgres")]
            Engine::Postgres => Ok(Store::Database),
        }
    }

    /// The target's store. A folder must not be the source's, and must be empty or not be
    /// there yet: the copy goes into an empty portal, and removes only what it wrote if it
    /// fails.
    pub(super) fn target(engine: Engine, dir: &Path, source: &Store) -> Result<Store, String> {
        match engine {
            #[cfg(feature = "sqlite")]
            Engine::Sqlite => {
                if let Store::Folder(from) = source
                    && dir.exists()
                    && same_folder(from, dir)?
                {
                    return Err(format!(
                        "the target's documents folder {} is the source's: name another one with \
                         --to-documents",
                        dir.display()
                    ));
                }
                if dir.exists() {
                    let mut entries = std::fs::read_dir(dir)
                        .map_err(|e| format!("cannot read the folder {}: {e}", dir.display()))?;
                    if entries.next().is_some() {
                        return Err(format!(
                            "the target's documents folder {} is not empty: copy into an empty \
                             one (--to-documents)",
                            dir.display()
                        ));
                    }
                }
                Ok(Store::Folder(dir.to_path_buf()))
            }
            #[cfg(feature = "postgres")]
            Engine::Postgres => Ok(Store::Database),
        }
    }

    pub(super) fn is_folder(&self) -> bool {
        matches!(self, Store::Folder(_))
    }

    /// The bytes under `key`; `connection` is the side's database (its transaction while
    /// copying), read only if the bytes live there.
    pub(super) async fn get(&self, connection: &mut AnyConnection, key: &str) -> Result<Vec<u8>, String> {
        match self {
            Store::Folder(dir) => files(dir)?
                .get(key)
                .await
                .map_err(|e| format!("its bytes cannot be read from {} ({e})", dir.display())),
            Store::Database => sqlx::query_scalar("SELECT bytes FROM document_bytes WHERE storage_key = $1")
                .bind(key)
                .fetch_optional(connection)
                .await
                .map_err(|e| format!("its bytes cannot be read from document_bytes ({e})"))?
                .ok_or_else(|| "its bytes are not in document_bytes".to_string()),
        }
    }

    /// Keeps `bytes` under `key`, as `DocumentStore::put` does.
    pub(super) async fn put(
        &self,
        connection: &mut AnyConnection,
        key: &str,
        bytes: Vec<u8>,
    ) -> Result<(), String> {
        match self {
            Store::Folder(dir) => files(dir)?
                .put(key, bytes)
                .await
                .map_err(|e| format!("its bytes cannot be written into {} ({e})", dir.display())),
            Store::Database => sqlx::query(
                "INSERT INTO document_bytes (storage_key, bytes) VALUES ($1, $2)
                 ON CONFLICT (storage_key) DO UPDATE SET bytes = excluded.bytes",
            )
            .bind(key)
            .bind(bytes)
            .execute(connection)
            .await
            .map(|_| ())
            .map_err(|e| format!("its bytes cannot be written into document_bytes ({e})")),
        }
    }

    /// Removes the files a failed copy wrote into a folder (bytes in the database went with
    /// the transaction). Every file is tried; what could not be removed is said.
    pub(super) async fn remove(&self, keys: &[String]) -> Result<(), String> {
        let Store::Folder(dir) = self else {
            return Ok(());
        };
        let files = files(dir)?;
        let mut left = Vec::new();
        for key in keys {
            match files.delete(key).await {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => left.push(format!("{key} ({e})")),
            }
        }
        if left.is_empty() {
            return Ok(());
        }
        Err(format!(
            "{} files the copy wrote are still in {}: {}",
            left.len(),
            dir.display(),
            left.join(", ")
        ))
    }
}

fn files(dir: &Path) -> Result<LocalDirectory, String> {
    LocalDirectory::open(dir.to_path_buf())
        .map_err(|e| format!("cannot open the documents folder {}: {e}", dir.display()))
}

fn same_folder(one: &Path, other: &Path) -> Result<bool, String> {
    let canonical = |path: &Path| {
        path.canonicalize()
            .map_err(|e| format!("cannot resolve the folder {}: {e}", path.display()))
    };
    Ok(canonical(one)? == canonical(other)?)
}
