-- Personal data at rest (issue 8, item 12): ID, phone and bank card numbers are sealed by the
-- server (crate::crypto) before they are written, so these columns hold ciphertext from now on:
-- applications.id_number, applications.phone, applications.answers (everything the resident
-- submitted), members.id_number and drafts.answers. Equal ID numbers are found by a keyed hash
-- instead. Rows written before this migration are sealed at the next start (db::sqlite::seal).
ALTER TABLE applications ADD COLUMN id_number_hash TEXT;
ALTER TABLE members ADD COLUMN id_number_hash TEXT;
DROP INDEX applications_by_id_number;
CREATE INDEX applications_by_id_number_hash ON applications (id_number_hash);
CREATE INDEX members_by_id_number_hash ON members (id_number_hash);
-- Abandoned drafts are purged after `drafts.retention_days` (parameters): found by their age.
CREATE INDEX drafts_by_updated_at ON drafts (updated_at) WHERE submitted_reference IS NULL;
