-- Schema 6: a postings import writes its rows as it goes, each batch in a short transaction, so
-- the person's other writes never wait behind it; the rows stay invisible until the import is
-- done, so it is still all or nothing. Readers skip the rows of imports not done. An import not
-- done whose process has died (its lock file is free) is removed by the next import.
ALTER TABLE posting_import ADD COLUMN done INTEGER NOT NULL DEFAULT 1;
-- The file the running import holds locked; NULL once done.
ALTER TABLE posting_import ADD COLUMN lock TEXT;
-- The rowids the import's postings lie between (other imports' may be among them).
ALTER TABLE posting_import ADD COLUMN first_row INTEGER;
ALTER TABLE posting_import ADD COLUMN last_row INTEGER;
-- The import a posting came with; 0 for those imported before schema 6.
ALTER TABLE posting ADD COLUMN import INTEGER NOT NULL DEFAULT 0;
