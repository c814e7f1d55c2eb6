-- Read-only links an applicant gives to family members: the status and the timeline, a masked
-- name, nothing else. Only the SHA-256 of the link's secret is stored, so a copy of the
-- database does not give away working links.
CREATE TABLE family_links (
    token_hash      TEXT PRIMARY KEY NOT NULL,
    application_id  INTEGER NOT NULL REFERENCES applications (id),
    created_at      TEXT NOT NULL
);
CREATE INDEX family_links_by_application ON family_links (application_id);
