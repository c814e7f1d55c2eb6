-- The district's 30 towns and subdistricts (RULES.md §1). Rows are written at start-up from
-- app::rules::TOWNS, the one list the rules and the database share; applications and staff
-- accounts will refer to them.
CREATE TABLE towns (
    name     TEXT PRIMARY KEY NOT NULL,           -- full name: 几江街道, 白沙镇
    kind     TEXT NOT NULL CHECK (kind IN ('subdistrict', 'town')),
    pinyin   TEXT NOT NULL,
    position INTEGER NOT NULL UNIQUE
);
