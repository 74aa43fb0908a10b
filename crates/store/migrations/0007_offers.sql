-- Schema 7: offers are options. An offer records its pay and the date to decide by; a lead may
-- end accepted, the path taken.
CREATE TABLE opportunity_offer (
    opportunity_id  INTEGER PRIMARY KEY REFERENCES opportunity (id) ON DELETE CASCADE,
    base            REAL NOT NULL, -- per year
    bonus           REAL,          -- per year, at target
    equity          REAL,          -- per year, at the offer's valuation
    deadline        TEXT           -- decide by
);

-- SQLite cannot change a CHECK in place: the stages table is rebuilt with 'accepted' allowed.
CREATE TABLE opportunity_stage_7 (
    opportunity_id  INTEGER NOT NULL REFERENCES opportunity (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    stage           TEXT NOT NULL CHECK (stage IN ('new', 'replied', 'applied', 'interviewing', 'offer', 'accepted', 'declined', 'closed')),
    date            TEXT NOT NULL,
    PRIMARY KEY (opportunity_id, position)
);
INSERT INTO opportunity_stage_7 (opportunity_id, position, stage, date)
    SELECT opportunity_id, position, stage, date FROM opportunity_stage;
DROP TABLE opportunity_stage;
ALTER TABLE opportunity_stage_7 RENAME TO opportunity_stage;
