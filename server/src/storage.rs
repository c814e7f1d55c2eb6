//! Where documents' bytes are kept: behind an interface, a local directory by default (never
//! a folder the web server serves). Another store (object storage) can implement the same.

use std::io::Write;
use std::path::PathBuf;

pub trait DocumentStore: Send + Sync + 'static {
    fn put(&self, key: &str, bytes: &[u8]) -> std::io::Result<()>;
    fn get(&self, key: &str) -> std::io::Result<Vec<u8>>;
    fn delete(&self, key: &str) -> std::io::Result<()>;
    /// Writes, reads back and deletes a small file: whether the store can take a document now
    /// (for `/readyz`).
    fn check_writable(&self) -> std::io::Result<()> {
        const PROBE: &str = "0eadc0de";
        self.put(PROBE, b"ready")?;
        let read = self.get(PROBE)?;
        self.delete(PROBE)?;
        if read == b"ready" {
            Ok(())
        } else {
            Err(std::io::Error::other("the probe read back differently"))
        }
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
}

impl DocumentStore for LocalDirectory {
    /// Written to a temporary file, flushed to disk, then renamed: a crash never leaves half a
    /// file under the key, and a failed write (a full disk) removes its temporary file.
    fn put(&self, key: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.path(key)?;
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

    fn get(&self, key: &str) -> std::io::Result<Vec<u8>> {
        std::fs::read(self.path(key)?)
    }

    fn delete(&self, key: &str) -> std::io::Result<()> {
        std::fs::remove_file(self.path(key)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_reads_back_and_a_path_in_a_key_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let store = LocalDirectory::open(dir.path().join("documents")).unwrap();
        store.put("abc123", b"%PDF-1.7").unwrap();
        assert_eq!(store.get("abc123").unwrap(), b"%PDF-1.7");
        assert!(store.put("../escape", b"x").is_err());
        store.delete("abc123").unwrap();
        assert!(store.get("abc123").is_err());
    }

    #[test]
    fn a_write_that_fails_leaves_no_partial_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("documents");
        let store = LocalDirectory::open(root.clone()).unwrap();
        // The final name is taken by a folder: the rename at the end of the write fails.
        std::fs::create_dir_all(root.join("abc123").join("inside")).unwrap();
        assert!(store.put("abc123", b"%PDF-1.7").is_err());
        let left: Vec<_> = std::fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["abc123"], "only the folder that was there");
    }
}
