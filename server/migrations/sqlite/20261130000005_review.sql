-- The town review queue (issue 3): staff accounts and their sessions, the review's own columns
-- on applications, and the log of who looked at a case's personal data.

-- Staff accounts. Caseworkers and heads belong to one town; reviewers (区民政局), approvers
-- (区政府) and administrators to the district. The password is kept as an argon2id PHC string.
CREATE TABLE staff (
    id              INTEGER PRIMARY KEY,
    username        TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL,
    role            TEXT NOT NULL
        CHECK (role IN ('caseworker', 'head', 'reviewer', 'approver', 'administrator')),
    town            TEXT REFERENCES towns (name),
    password_hash   TEXT NOT NULL,
    failed_logins   INTEGER NOT NULL DEFAULT 0,   -- consecutive, reset by a good sign-in
    locked_until    TEXT,                         -- RFC 3339: sign-in refused until then
    created_at      TEXT NOT NULL,
    CHECK ((role IN ('caseworker', 'head')) = (town IS NOT NULL))
);
CREATE INDEX staff_by_town ON staff (town);

-- A signed-in browser. Only the SHA-256 of the cookie's secret is kept, so a copy of the
-- database signs nobody in. The CSRF token goes in every staff form.
CREATE TABLE staff_sessions (
    token_hash  TEXT PRIMARY KEY NOT NULL,
    staff_id    INTEGER NOT NULL REFERENCES staff (id),
    csrf_token  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE INDEX staff_sessions_by_staff ON staff_sessions (staff_id);

-- Where a recommended case sits (town, bureau, government), the amounts and who is on it.
-- Amounts are in fen. `version` goes up with every transition, so that two staff acting on
-- the same case at once cannot both succeed.
ALTER TABLE applications ADD COLUMN level TEXT NOT NULL DEFAULT 'town'
    CHECK (level IN ('town', 'bureau', 'government'));
ALTER TABLE applications ADD COLUMN cause TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN recommended_fen INTEGER;
ALTER TABLE applications ADD COLUMN recommended_by TEXT;
ALTER TABLE applications ADD COLUMN advance_fen INTEGER;
ALTER TABLE applications ADD COLUMN advance_paperwork_due TEXT;
ALTER TABLE applications ADD COLUMN approved_fen INTEGER;
ALTER TABLE applications ADD COLUMN decided_at TEXT;
ALTER TABLE applications ADD COLUMN assigned_to INTEGER REFERENCES staff (id);
ALTER TABLE applications ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

-- The cause (the emergency's event, or the kind of expense), for the one-grant-per-cause flag
-- of RULES.md §4.
UPDATE applications SET cause = coalesce(
    json_extract(household, '$.emergency.event'), json_extract(household, '$.expense.kind'), '');
CREATE INDEX applications_by_cause ON applications (cause, submitted_at);
CREATE INDEX members_by_id_number ON members (id_number);
CREATE INDEX applications_by_level ON applications (level, status);

-- While the town waits for documents the deadline stands still; this is the day it stopped.
ALTER TABLE queue_entries ADD COLUMN paused_on TEXT;

-- Every time a member of staff opened a case's personal data or one of its documents.
CREATE TABLE access_log (
    id              INTEGER PRIMARY KEY,
    staff_id        INTEGER NOT NULL REFERENCES staff (id),
    application_id  INTEGER NOT NULL REFERENCES applications (id),
    at              TEXT NOT NULL,
    what            TEXT NOT NULL       -- 'case' or 'document:<id>'
);
CREATE INDEX access_log_by_application ON access_log (application_id, id);
CREATE TRIGGER access_log_is_never_updated BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER access_log_is_never_deleted BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
