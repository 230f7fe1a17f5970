-- By hand, with this shell's SQLite encodings: calendar types as fixed-width text, decimals
-- as their text, maps and arrays as JSON.
CREATE TABLE things (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT COLLATE NOCASE,
    count INTEGER,
    ratio REAL,
    price TEXT,
    active BOOLEAN,
    born_on TEXT,
    opens_at TEXT,
    seen_at TEXT,
    seen_at_usec TEXT,
    local_at TEXT,
    meta TEXT,
    tags TEXT,
    scores TEXT,
    size TEXT,
    level TEXT,
    blob BLOB
);
CREATE TABLE parts (
    id TEXT NOT NULL PRIMARY KEY,
    amount TEXT NOT NULL,
    made_at TEXT,
    inserted_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    thing_id TEXT REFERENCES things (id)
);
