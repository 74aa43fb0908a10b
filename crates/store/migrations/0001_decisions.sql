-- Schema 1: the person, their values and deal-breakers, the options they weigh, and money.
CREATE TABLE profile (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    name            TEXT,
    occupation      TEXT,
    area            TEXT,
    role_start      TEXT,
    last_promotion  TEXT,
    level           TEXT,
    pay             REAL,
    bonus           REAL,
    equity          REAL,
    currency        TEXT NOT NULL DEFAULT 'USD',
    boundary_hours  REAL NOT NULL DEFAULT 40,
    work_days       INTEGER NOT NULL DEFAULT 5
);

CREATE TABLE decision_settings (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    weighting       TEXT NOT NULL DEFAULT 'direct',
    horizon_years   REAL NOT NULL DEFAULT 2,
    horizon_weight  REAL NOT NULL DEFAULT 0
);

CREATE TABLE person_value (
    id              TEXT PRIMARY KEY,
    position        INTEGER NOT NULL,
    weight          REAL,
    rank            INTEGER,
    onet_work_value TEXT,
    note            TEXT
);

CREATE TABLE dealbreaker (
    id              TEXT PRIMARY KEY,
    position        INTEGER NOT NULL,
    attribute       TEXT NOT NULL,
    op              TEXT NOT NULL,
    value           TEXT NOT NULL, -- JSON: number, boolean or string
    note            TEXT
);

CREATE TABLE career_option (
    id              TEXT PRIMARY KEY,
    position        INTEGER NOT NULL,
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    attributes      TEXT NOT NULL DEFAULT '{}', -- JSON object, in the order written
    net_income      REAL,
    note            TEXT
);

CREATE TABLE option_score (
    option_id       TEXT NOT NULL REFERENCES career_option (id) ON DELETE CASCADE ON UPDATE CASCADE,
    value_id        TEXT NOT NULL REFERENCES person_value (id) ON DELETE CASCADE ON UPDATE CASCADE,
    at_horizon      INTEGER NOT NULL CHECK (at_horizon IN (0, 1)),
    position        INTEGER NOT NULL,
    score           REAL NOT NULL,
    PRIMARY KEY (option_id, value_id, at_horizon)
);

CREATE TABLE option_risk (
    option_id       TEXT NOT NULL REFERENCES career_option (id) ON DELETE CASCADE ON UPDATE CASCADE,
    position        INTEGER NOT NULL,
    name            TEXT NOT NULL,
    probability     REAL NOT NULL,
    seriousness     REAL NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('fear', 'fact')),
    PRIMARY KEY (option_id, position)
);

CREATE TABLE finances (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    monthly_expenses REAL NOT NULL,
    savings          REAL NOT NULL,
    other_income     REAL NOT NULL DEFAULT 0
);

-- "a matters `value` times as much as b" (AHP weighting of the values).
CREATE TABLE value_judgement (
    a               TEXT NOT NULL REFERENCES person_value (id) ON DELETE CASCADE ON UPDATE CASCADE,
    b               TEXT NOT NULL REFERENCES person_value (id) ON DELETE CASCADE ON UPDATE CASCADE,
    position        INTEGER NOT NULL,
    value           REAL NOT NULL,
    PRIMARY KEY (a, b)
);
