//! Where documents' bytes are kept, behind one interface:
//! - with SQLite (one machine), a local directory (never a folder the web server serves);
//! - with PostgreSQL (several portal processes), the database itself (`db::postgres::blobs`):
//!   every instance reads what any other stored, one backup holds the records and their bytes
//!   together, and the district runs no second service for them. docs/postgresql.md says why this and
//!   not an object store.

use std::future::Future;
use std::io::Write;
use std::path::PathBuf;
use std::pin::Pin;

/// What the store answers, later: reads and writes never block the async workers.
pub type StoreFuture<'a, T> = Pin<Box<dyn Future<Output = std::io::Result<T>> + Send + 'a>>;

pub trait DocumentStore: Send + Sync + 'static {
    /// Keeps `bytes` under `key`, replacing what was there.
    fn put<'a>(&'a self, key: &'a str, bytes: Vec<u8>) -> StoreFuture<'a, ()>;
    /// The bytes under `key`; an unknown key is an error of kind `NotFound`.
    fn get<'a>(&'a self, key: &'a str) -> StoreFuture<'a, Vec<u8>>;
    /// Forgets `key`; an unknown key is an error of kind `NotFound`.
    fn delete<'a>(&'a self, key: &'a str) -> StoreFuture<'a, ()>;
    /// Writes, reads back and deletes a small document: whether the store can take a document
    /// now (for `/readyz`).
    fn check_writable(&self) -> StoreFuture<'_, ()> {
        Box::pin(async move {
            const PROBE: &str = "0eadc0de";
            self.put(PROBE, b"ready".to_vec()).await?;
            let read = self.get(PROBE).await?;
            self.delete(PROBE).await?;
            if read == b"ready" {
                Ok(())
            } else {
                Err(std::io::Error::other("the probe read back differently"))
            }
        })
    }
}

pub struct LocalDirectory {
    root: PathBuf,
}

impl LocalDirectory {
    pub fn open(root: PathBuf) -> std::io::Result<LocalDirectory> {
        std::fs::create_dir_all(&root)?;
        Ok(LocalDirectory { root })
    }

    /// Keys are our own random hex tokens; anything else is refused rather than joined to a path.
    fn path(&self, key: &str) -> std::io::Result<PathBuf> {
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "bad document key",
            ));
        }
        Ok(self.root.join(key))
    }

    /// Written to a temporary file, flushed to disk, then renamed: a crash never leaves half a
    /// file under the key, and a failed write (a full disk) removes its temporary file.
    fn write(path: PathBuf, bytes: &[u8]) -> std::io::Result<()> {
        let temporary = path.with_extension("partial");
        let written = std::fs::File::create(&temporary)
            .and_then(|mut file| {
                file.write_all(bytes)?;
                file.sync_all()
            })
            .and_then(|()| std::fs::rename(&temporary, &path));
        if written.is_err() {
            // Best effort: the write's own error is the one worth reporting.
            let _ = std::fs::remove_file(&temporary);
        }
        written
    }
}

/// File operations block: they run on tokio's blocking threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> std::io::Result<T> + Send + 'static,
) -> std::io::Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| std::io::Error::other(format!("the file operation did not finish: {e}")))?
}

impl DocumentStore for LocalDirectory {
    fn put<'a>(&'a self, key: &'a str, bytes: Vec<u8>) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            let path = self.path(key)?;
            blocking(move || LocalDirectory::write(path, &bytes)).await
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> StoreFuture<'a, Vec<u8>> {
        Box::pin(async move {
            let path = self.path(key)?;
            blocking(move || std::fs::read(path)).await
        })
    }

    fn delete<'a>(&'a self, key: &'a str) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            let path = self.path(key)?;
            blocking(move || std::fs::remove_file(path)).await
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_document_reads_back_and_a_path_in_a_key_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let store = LocalDirectory::open(dir.path().join("documents")).unwrap();
        store.put("abc123", b"%PDF-1.7".to_vec()).await.unwrap();
        assert_eq!(store.get("abc123").await.unwrap(), b"%PDF-1.7");
        assert!(store.put("../escape", b"x".to_vec()).await.is_err());
        store.delete("abc123").await.unwrap();
        let gone = store.get("abc123").await.unwrap_err();
        assert_eq!(gone.kind(), std::io::ErrorKind::NotFound);
    }

    #[tokio::test]
    async fn a_write_that_fails_leaves_no_partial_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("documents");
        let store = LocalDirectory::open(root.clone()).unwrap();
        // The final name is taken by a folder: the rename at the end of the write fails.
        std::fs::create_dir_all(root.join("abc123").join("inside")).unwrap();
        assert!(store.put("abc123", b"%PDF-1.7".to_vec()).await.is_err());
        let left: Vec<_> = std::fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["abc123"], "only the folder that was there");
    }
}
