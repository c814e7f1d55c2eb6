-- Budgets shared by every portal process (issue 10): the guessing limit on references and
-- phone endings, and the creations per client, count entries here instead of in one
-- process's memory. An entry counts until it expires; expired ones are deleted as new ones
-- are written. Keys name a reference or a client's address (personal data, kept only while the
-- entry counts: minutes).
CREATE TABLE budget_entries (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL,
    expires_at  TEXT NOT NULL   -- RFC 3339, UTC, microseconds: sorts in time order
);
CREATE INDEX budget_entries_by_key ON budget_entries (key, expires_at);
CREATE INDEX budget_entries_by_expiry ON budget_entries (expires_at);
