-- 公示, the ledger and the dashboard (issue 3). Every ledger export is logged: it carries names
-- of many households at once.
CREATE TABLE export_log (
    id          INTEGER PRIMARY KEY,
    staff_id    INTEGER NOT NULL REFERENCES staff (id),
    at          TEXT NOT NULL,
    what        TEXT NOT NULL,      -- 'ledger 2026-01-01..2026-12-31 csv'
    row_count   INTEGER NOT NULL
);
CREATE TRIGGER export_log_is_never_updated BEFORE UPDATE ON export_log
BEGIN SELECT RAISE(ABORT, 'the export log is append-only'); END;
CREATE TRIGGER export_log_is_never_deleted BEFORE DELETE ON export_log
BEGIN SELECT RAISE(ABORT, 'the export log is append-only'); END;

CREATE INDEX applications_by_town_and_date ON applications (town, submitted_at);
CREATE INDEX applications_by_decision ON applications (decided_at);
