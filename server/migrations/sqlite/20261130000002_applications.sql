-- Applications and what hangs off them. Personal data (ID and phone numbers) is stored in full,
-- because the town must see it; lists and logs show it masked (app::domain).

-- Answers kept between the steps of the journey, until submitted. The id is the secret in the
-- resident's cookie, and also the idempotency key of the submission: a draft submits once.
CREATE TABLE drafts (
    id                   TEXT PRIMARY KEY NOT NULL,
    answers              TEXT NOT NULL,          -- JSON of app::domain::ApplicationAnswers
    errors               TEXT NOT NULL DEFAULT '[]', -- JSON field errors of the last step posted
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    submitted_reference  TEXT
);

CREATE TABLE applications (
    id                 INTEGER PRIMARY KEY,
    reference          TEXT NOT NULL UNIQUE,
    idempotency_key    TEXT NOT NULL UNIQUE,
    aid_type           TEXT NOT NULL CHECK (aid_type IN ('emergency', 'expense')),
    town               TEXT NOT NULL REFERENCES towns (name),
    status             TEXT NOT NULL,
    applicant_name     TEXT NOT NULL,
    id_number          TEXT NOT NULL,
    phone              TEXT NOT NULL,
    phone_last4        TEXT NOT NULL,
    answers            TEXT NOT NULL,   -- JSON: everything the resident submitted
    household          TEXT NOT NULL,   -- JSON: the household the server assessed
    assessment         TEXT NOT NULL,   -- JSON: the server's assessment, the one that counts
    rules_version      TEXT NOT NULL,
    parameter_set      TEXT NOT NULL,   -- name and version of the parameter set
    submitted_at       TEXT NOT NULL,   -- RFC 3339, UTC
    status_changed_at  TEXT NOT NULL
);
CREATE INDEX applications_by_id_number ON applications (id_number);
CREATE INDEX applications_by_town ON applications (town, status);

CREATE TABLE members (
    application_id  INTEGER NOT NULL REFERENCES applications (id),
    position        INTEGER NOT NULL,   -- 0 is the applicant
    relationship    TEXT NOT NULL,
    name            TEXT NOT NULL,
    id_number       TEXT,
    age             INTEGER NOT NULL,
    PRIMARY KEY (application_id, position)
);

-- The timeline and audit trail: every change, by whom, when. Never updated or deleted.
CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    application_id  INTEGER NOT NULL REFERENCES applications (id),
    at              TEXT NOT NULL,
    actor           TEXT NOT NULL,      -- 'applicant', 'system', or a staff account
    kind            TEXT NOT NULL,      -- 'submitted', 'withdrawn', …
    detail          TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_by_application ON events (application_id, id);
CREATE TRIGGER events_are_never_updated BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_are_never_deleted BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

-- The entry in the applicant's town queue: emergency first, then by deadline.
CREATE TABLE queue_entries (
    application_id  INTEGER PRIMARY KEY REFERENCES applications (id),
    town            TEXT NOT NULL REFERENCES towns (name),
    urgent          INTEGER NOT NULL CHECK (urgent IN (0, 1)),
    due_on          TEXT NOT NULL       -- the date the town should act by
);
CREATE INDEX queue_by_town ON queue_entries (town, urgent DESC, due_on);
