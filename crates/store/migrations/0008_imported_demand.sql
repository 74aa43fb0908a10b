-- Schema 8: demand counted elsewhere (the Spark job's demand.json, `postings import-demand`), for
-- the person's views to read instead of counting the postings stored here. One at a time: an
-- import replaces it, `postings forget-demand` removes it. The body is the file as validated.
CREATE TABLE imported_demand (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    source TEXT NOT NULL,
    imported TEXT NOT NULL,
    body TEXT NOT NULL
);
