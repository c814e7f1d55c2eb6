-- Documents' bytes, kept in the database on PostgreSQL (storage.rs says why): every portal
-- process reads what another stored, and one backup holds the records with their bytes. The
-- key is the document's storage_key; a row is written before its record (and deleted if the
-- record is refused), so there is no foreign key. Photos and PDFs are compressed already:
-- EXTERNAL stores them out of line without trying to compress them again.
CREATE TABLE document_bytes (
    storage_key  TEXT PRIMARY KEY,
    bytes        BYTEA NOT NULL
);
ALTER TABLE document_bytes ALTER COLUMN bytes SET STORAGE EXTERNAL;
