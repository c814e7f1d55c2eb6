-- One row that /readyz rewrites, to prove the database can take a write (issue 8, item 14).
CREATE TABLE readiness (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    checked_at TEXT NOT NULL
);
