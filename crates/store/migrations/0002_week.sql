-- Schema 2: the everyday half. Weekly check-ins, the energy audit's tasks and its dated audits,
-- and the seasons of career and life.
CREATE TABLE checkin (
    week            TEXT PRIMARY KEY, -- ISO week, "2026-W03": sorts in time order as text
    hours           REAL NOT NULL,
    weekend_days    INTEGER NOT NULL,
    evenings        INTEGER NOT NULL,
    energy          INTEGER NOT NULL,
    satisfaction    INTEGER NOT NULL,
    note            TEXT
);

CREATE TABLE task (
    id              TEXT PRIMARY KEY,
    position        INTEGER NOT NULL,
    name            TEXT NOT NULL,
    hours_per_week  REAL NOT NULL,
    energy          INTEGER NOT NULL CHECK (energy BETWEEN -2 AND 2),
    skill_fit       INTEGER NOT NULL CHECK (skill_fit BETWEEN 1 AND 5),
    delegable       INTEGER NOT NULL
);

CREATE TABLE audit (
    date            TEXT PRIMARY KEY,
    tasks           TEXT NOT NULL -- JSON: the tasks as they stood that day
);

CREATE TABLE season (
    area            TEXT NOT NULL CHECK (area IN ('career', 'family', 'health', 'personal')),
    season          TEXT NOT NULL CHECK (season IN ('spring', 'summer', 'fall', 'winter')),
    since           TEXT NOT NULL,
    PRIMARY KEY (area, since)
);

CREATE TABLE tracked_interval (
    source          TEXT NOT NULL, -- the time tracker: 'timewarrior', ...
    start           TEXT NOT NULL, -- RFC 3339 instant, UTC
    "end"           TEXT NOT NULL,
    tz              TEXT NOT NULL, -- the IANA zone whose midnights split it into days
    PRIMARY KEY (source, start, "end") -- re-importing the same export adds nothing
);
