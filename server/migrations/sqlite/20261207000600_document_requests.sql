-- A town's request for documents as a list of items (issue 24, items 2 and 3): each kind of
-- paper ticked, or what the caseworker wrote in words; received (a document of its kind
-- arrived, `document_id`), satisfied by the caseworker, or still missing; closed once the case
-- went back to the town. `due_on` is the request's own deadline (a date in Chongqing), also
-- kept on the queue entry for the queue's "补充材料已逾期".
CREATE TABLE document_request_items (
    id              INTEGER PRIMARY KEY,
    application_id  INTEGER NOT NULL REFERENCES applications (id),
    kind            TEXT,
    what            TEXT,
    requested_at    TEXT NOT NULL,
    due_on          TEXT NOT NULL,
    document_id     INTEGER REFERENCES documents (id),
    received_at     TEXT,
    satisfied_at    TEXT,
    satisfied_by    TEXT,
    closed_at       TEXT
);
CREATE INDEX document_request_items_by_application ON document_request_items (application_id, id);
ALTER TABLE queue_entries ADD COLUMN documents_due_on TEXT;
