-- Schema 3: the evidence of a career. Achievements (the brag document), the network with its
-- contact log, and the opportunities pipeline with every stage it reached.
ALTER TABLE profile ADD COLUMN promotion_promised TEXT;

CREATE TABLE achievement (
    id              INTEGER PRIMARY KEY, -- numbered from 1, never reused
    date            TEXT NOT NULL,
    title           TEXT NOT NULL,
    impact          TEXT,
    visibility      TEXT NOT NULL CHECK (visibility IN ('self', 'team', 'manager', 'skip', 'company', 'public')),
    section         TEXT NOT NULL CHECK (section IN ('projects', 'design-docs', 'collaboration', 'not-my-job')),
    skills          TEXT NOT NULL, -- JSON array of strings
    link            TEXT
);
CREATE INDEX achievement_by_date ON achievement (date);

CREATE TABLE contact (
    id              TEXT PRIMARY KEY,
    position        INTEGER NOT NULL,
    name            TEXT NOT NULL,
    company         TEXT,
    org_units       TEXT NOT NULL, -- JSON array: vCard ORG components after the company
    title           TEXT,
    emails          TEXT NOT NULL, -- JSON array of {value, types, label}
    phones          TEXT NOT NULL,
    urls            TEXT NOT NULL,
    note            TEXT,
    how_known       TEXT,
    mentor          INTEGER NOT NULL,
    cadence_days    INTEGER CHECK (cadence_days IS NULL OR cadence_days > 0)
);

CREATE TABLE contact_log (
    contact_id      TEXT NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    date            TEXT NOT NULL,
    note            TEXT,
    PRIMARY KEY (contact_id, position)
);

CREATE TABLE opportunity (
    id              INTEGER PRIMARY KEY, -- numbered from 1, never reused
    company         TEXT NOT NULL,
    role            TEXT NOT NULL,
    source          TEXT NOT NULL CHECK (source IN ('recruiter', 'referral', 'posting', 'network')),
    contact_id      TEXT REFERENCES contact (id),
    note            TEXT,
    link            TEXT,
    option_id       TEXT -- the decision option it became
);

CREATE TABLE opportunity_stage (
    opportunity_id  INTEGER NOT NULL REFERENCES opportunity (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    stage           TEXT NOT NULL CHECK (stage IN ('new', 'replied', 'applied', 'interviewing', 'offer', 'declined', 'closed')),
    date            TEXT NOT NULL,
    PRIMARY KEY (opportunity_id, position)
);
