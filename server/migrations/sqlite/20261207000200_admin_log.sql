-- What administrators and operators changed outside a case and outside the parameter sets
-- (issue 23): a town's duty numbers, an SMS template code. Each row says who (a staff
-- account, or 'os:' and the operating system's user for a command), when, and what, as JSON.
CREATE TABLE admin_log (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    what    TEXT NOT NULL,
    detail  TEXT NOT NULL
);
CREATE INDEX admin_log_by_time ON admin_log (at);
