-- Messages (issue 23): the outbox of what the portal tells people. Each row is written in the
-- same transaction as the event it tells of (server/src/db/events.rs), at most once per event
-- and recipient (`once_key`), and drained by the sender of any portal process.

-- The applicant's language and their choice of SMS: the number texts go to (sealed, like the
-- phone column; NULL without consent or after they stopped them).
ALTER TABLE applications ADD COLUMN locale TEXT NOT NULL DEFAULT 'zh';
ALTER TABLE applications ADD COLUMN sms_phone TEXT;

CREATE TABLE messages (
    id              INTEGER PRIMARY KEY,
    application_id  INTEGER NOT NULL REFERENCES applications (id),
    event_id        INTEGER REFERENCES events (id),
    -- 'event:<event id>:<recipient>': one message per event and recipient.
    once_key        TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL,
    -- 'applicant', or 'duty:' and a town's duty number (an office's phone, not a resident's).
    recipient       TEXT NOT NULL,
    channel         TEXT NOT NULL CHECK (channel IN ('sms', 'page')),
    params          TEXT NOT NULL,      -- JSON: the template's values, sent to the provider
    text            TEXT NOT NULL,      -- the template filled in the reader's language
    status          TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'delivered',
                        'temporary-failure', 'permanent-failure')),
    created_at      TEXT NOT NULL,
    not_before      TEXT NOT NULL,      -- the next attempt: after the quiet hours, the backoff
    attempts        INTEGER NOT NULL DEFAULT 0,
    lease_until     TEXT,               -- while 'sending': the sender's claim ends then
    sending_at      TEXT,
    sent_at         TEXT,
    delivered_at    TEXT,
    failed_at       TEXT,
    provider_id     TEXT,               -- the provider's id of the SMS (Alibaba Cloud: BizId)
    error           TEXT
);
CREATE INDEX messages_by_application ON messages (application_id, id);
CREATE INDEX messages_to_send ON messages (status, not_before);

-- The duty numbers of each town and of the district's bureau ('区民政局').
CREATE TABLE duty_phones (
    office  TEXT NOT NULL,
    phone   TEXT NOT NULL,
    PRIMARY KEY (office, phone)
);

-- The SMS provider's template code of each kind of message: the provider approves each
-- template in advance, and the sender reads the codes at every batch.
CREATE TABLE sms_templates (
    kind    TEXT PRIMARY KEY,
    code    TEXT NOT NULL,
    set_by  TEXT NOT NULL,
    set_at  TEXT NOT NULL
);
