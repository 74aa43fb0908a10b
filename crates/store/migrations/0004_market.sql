-- Schema 4: the person's own skills, and the job postings the labour-market analysis counts.
-- Postings keep what the analysis needs (employer, title, date, skill ids), not their text, so a
-- million of them stay small: names live once in lookup tables and each posting's skills are one
-- small blob.
CREATE TABLE person_skill (
    id              TEXT PRIMARY KEY, -- ESCO skill URI, or onet: and a code
    position        INTEGER NOT NULL,
    label           TEXT NOT NULL,
    level           TEXT CHECK (level IS NULL OR level IN ('novice', 'beginner', 'competent', 'proficient', 'expert')),
    added           TEXT NOT NULL,
    source          TEXT
);

CREATE TABLE employer (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE
);

CREATE TABLE job_title (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE
);

-- The taxonomy entries postings were found to ask for.
CREATE TABLE taxon (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    label           TEXT NOT NULL
);

CREATE TABLE posting (
    id              INTEGER PRIMARY KEY,
    employer        INTEGER NOT NULL REFERENCES employer (id),
    title           INTEGER NOT NULL REFERENCES job_title (id),
    posted          TEXT NOT NULL, -- YYYY-MM-DD
    -- xxh3-64 of employer, title, date and text: the same posting imported twice counts once.
    digest          INTEGER NOT NULL UNIQUE,
    -- taxon ids, ascending, as LEB128 varints of the gaps between them
    skills          BLOB NOT NULL
);

CREATE TABLE posting_import (
    id              INTEGER PRIMARY KEY,
    file            TEXT NOT NULL,
    imported        TEXT NOT NULL, -- YYYY-MM-DD
    added           INTEGER NOT NULL,
    duplicates      INTEGER NOT NULL,
    skipped         INTEGER NOT NULL
);
