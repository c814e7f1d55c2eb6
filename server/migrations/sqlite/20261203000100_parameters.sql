-- Managed parameters (issue 12). Each row of parameter_sets is a whole parameter file as JSON
-- (the exchange format of `server parameters export|import`): revision 1 is the seed, and each
-- approved change adds the next revision, the previous with one more dated entry. Nothing is
-- ever edited: a stored assessment names its set's version, and that revision stays readable.
CREATE TABLE parameter_proposals (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL,        -- 'dibao_monthly', 'calendar.2027'
    from_date    TEXT NOT NULL,        -- YYYY-MM-DD: in force from then
    value        TEXT NOT NULL,        -- JSON: a number, or a calendar year's days
    verified     INTEGER NOT NULL,
    source       TEXT NOT NULL,
    proposed_by  INTEGER NOT NULL REFERENCES staff (id),
    proposed_at  TEXT NOT NULL,
    decision     TEXT CHECK (decision IN ('approved', 'rejected')),
    decided_by   INTEGER REFERENCES staff (id),
    decided_at   TEXT,
    reason       TEXT,
    -- Four eyes: whoever proposed a change never decides it.
    CHECK (decided_by IS NULL OR decided_by <> proposed_by),
    CHECK ((decision IS NULL) = (decided_by IS NULL) AND (decision IS NULL) = (decided_at IS NULL))
);
-- A proposal is decided once; after that it is part of the audit and never changes.
CREATE TRIGGER parameter_proposals_are_decided_once BEFORE UPDATE ON parameter_proposals
WHEN OLD.decision IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a decided proposal never changes'); END;
CREATE TRIGGER parameter_proposals_are_never_deleted BEFORE DELETE ON parameter_proposals
BEGIN SELECT RAISE(ABORT, 'parameter proposals are never deleted'); END;

CREATE TABLE parameter_sets (
    revision     INTEGER PRIMARY KEY,
    version      TEXT NOT NULL UNIQUE,
    document     TEXT NOT NULL,
    made_at      TEXT NOT NULL,
    proposal_id  INTEGER UNIQUE REFERENCES parameter_proposals (id)  -- NULL: the seed or an import
);
CREATE TRIGGER parameter_sets_are_never_updated BEFORE UPDATE ON parameter_sets
BEGIN SELECT RAISE(ABORT, 'parameter sets are append-only'); END;
CREATE TRIGGER parameter_sets_are_never_deleted BEFORE DELETE ON parameter_sets
BEGIN SELECT RAISE(ABORT, 'parameter sets are append-only'); END;

-- The re-check (issue 12, item 4): the cases not yet decided whose assessment the set in force
-- today would change, and what would change (JSON, app::domain::recheck::Difference). Derived
-- data: every re-check replaces the whole table; the cases themselves never change by it.
CREATE TABLE recheck_marks (
    application_id  INTEGER PRIMARY KEY REFERENCES applications (id),
    difference      TEXT NOT NULL,
    checked_on      TEXT NOT NULL
);
