-- Schema 5: postings read in employer order. Demand counts distinct employers per skill and month;
-- reading one employer's postings together lets it keep one employer's skills at a time instead
-- of a set of employers per skill and month, so its memory stays flat as postings grow.
CREATE INDEX posting_by_employer ON posting (employer, posted);
