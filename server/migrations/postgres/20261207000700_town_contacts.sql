-- Each town office's contact for residents (issue 24, item 10): its telephone, address and
-- hours, shown on the confirmation, tracking and family pages of the applications of that town.
-- Data, not code: an administrator sets them on /staff/admin (a row of the admin log each time).
CREATE TABLE town_contacts (
    town        TEXT NOT NULL PRIMARY KEY,
    phone       TEXT NOT NULL,
    address     TEXT NOT NULL,
    hours       TEXT NOT NULL,
    set_by      TEXT NOT NULL,
    set_at      TEXT NOT NULL
);
