//! `server backup`: a consistent copy of a SQLite database, taken while the portal runs.
//! SQLite's `VACUUM INTO` writes the database as one read transaction sees it: a submission
//! that commits meanwhile is wholly in the copy or not at all, and under WAL the portal's
//! writer never waits for the backup. A PostgreSQL database is backed up with its own tools.

// A build without SQLite (.ci/prepare-queries) has nothing to back up here.
#![cfg_attr(not(feature = "sqlite"), allow(unused_variables))]

use super::store::Engine;
use std::path::Path;

/// What an operator is told for a PostgreSQL database.
pub const PG_DUMP: &str = "`server backup` copies a SQLite database; back a PostgreSQL database \
     up with PostgreSQL's own tools: pg_dump -Fc (restore with pg_restore; the documents' bytes \
     are in the database)";

/// Writes a copy of the database at `url` into `to`, a file that must not exist yet; the
/// copy's size in bytes.
pub async fn to_file(url: &str, to: &Path) -> Result<u64, String> {
    match Engine::of(url)? {
        #[cfg(feature = "sqlite")]
        Engine::Sqlite => sqlite::vacuum_into(url, to).await,
        #[cfg(feature = "postgres")]
        Engine::Postgres => Err(PG_DUMP.into()),
    }
}

#[cfg(feature = "sqlite")]
mod sqlite {
    use sqlx::sqlite::SqliteConnectOptions;
    use sqlx::{ConnectOptions, Connection};
    use std::path::{Path, PathBuf};
    use std::str::FromStr;

    pub(super) async fn vacuum_into(url: &str, to: &Path) -> Result<u64, String> {
        if tokio::fs::symlink_metadata(to).await.is_ok() {
            return Err(format!(
                "{} already exists: a backup never replaces a file; name a new one",
                to.display()
            ));
        }
        // Written under another name first: a file under the backup's name is always whole.
        let partial = PathBuf::from(format!("{}.partial", to.display()));
        if tokio::fs::symlink_metadata(&partial).await.is_ok() {
            return Err(format!(
                "{} exists: another backup is being written there, or one was interrupted \
                 (then delete it)",
                partial.display()
            ));
        }
        if let Some(parent) = to.parent().filter(|p| !p.as_os_str().is_empty()) {
            tokio::fs::create_dir_all(parent)
                .await
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        let path = partial
            .to_str()
            .ok_or_else(|| format!("the backup's path {} is not valid UTF-8", to.display()))?;
        // Read-only: the backup never writes the live database, and a database that is not
        // there is an error, not a new empty file backed up.
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| format!("the database URL is not a SQLite URL: {e}"))?
            .read_only(true);
        let mut connection = options
            .connect()
            .await
            .map_err(|e| format!("cannot open the database: {e}"))?;
        let copied = sqlx::query("VACUUM INTO ?")
            .bind(path)
            .execute(&mut connection)
            .await
            .map_err(|e| format!("the backup failed: {e}"));
        let closed = connection
            .close()
            .await
            .map_err(|e| format!("closing the database: {e}"));
        let finished = match copied.and(closed) {
            Ok(_) => finish(&partial, to).await,
            Err(e) => Err(e),
        };
        if let Err(e) = finished {
            return match tokio::fs::remove_file(&partial).await {
                Ok(()) => Err(e),
                Err(gone) if gone.kind() == std::io::ErrorKind::NotFound => Err(e),
                Err(left) => Err(format!("{e}; and {} was left behind: {left}", partial.display())),
            };
        }
        finished
    }

    /// `VACUUM INTO` does not sync the file it writes: it reaches the disk before it takes the
    /// backup's name, and the new name reaches it too, so that a power cut leaves either no
    /// backup or a whole one.
    async fn finish(partial: &Path, to: &Path) -> Result<u64, String> {
        let failed = |e: std::io::Error| format!("writing {}: {e}", to.display());
        let file = tokio::fs::File::open(partial).await.map_err(failed)?;
        file.sync_all().await.map_err(failed)?;
        let size = file.metadata().await.map_err(failed)?.len();
        drop(file);
        tokio::fs::rename(partial, to).await.map_err(failed)?;
        let folder = match to.parent().filter(|p| !p.as_os_str().is_empty()) {
            Some(parent) => parent.to_path_buf(),
            None => PathBuf::from("."),
        };
        let folder = tokio::fs::File::open(&folder).await.map_err(failed)?;
        folder.sync_all().await.map_err(failed)?;
        Ok(size)
    }
}
