-- Documents: photos and PDFs sent with an application. The bytes live in the document store
-- (a local directory by default, never a public folder); this table holds what they are.
CREATE TABLE documents (
    id              INTEGER PRIMARY KEY,
    draft_id        TEXT REFERENCES drafts (id),          -- while the application is a draft
    application_id  INTEGER REFERENCES applications (id), -- set in the submission transaction
    kind            TEXT NOT NULL,
    content_type    TEXT NOT NULL
        CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
    byte_size       INTEGER NOT NULL,
    storage_key     TEXT NOT NULL UNIQUE,
    uploaded_at     TEXT NOT NULL
);
CREATE INDEX documents_by_draft ON documents (draft_id);
CREATE INDEX documents_by_application ON documents (application_id);
