//! The example person: a year of records and sample postings, for `demo` and `serve --demo`.

use anyhow::Result;
use jiff::civil::Date;
use milemarker_core::example;
use milemarker_market::postings::{Columns, Format};

use crate::postings::{Quiet, load};
use crate::records::Db;

/// Synthetic postings for the marketing occupations around the example person, made from O*NET
/// task statements and ESCO labels by `bench/gen-postings.py` (the command is in its header), so
/// the demo can count demand for the person's skills.
const SAMPLE_POSTINGS: &str = include_str!("../../../data/demo/postings.csv");

/// Seeds the database at `path` with the example person, refused when it holds someone's
/// records already.
pub fn seed_at(path: &std::path::Path, day: Date) -> Result<Db> {
    let mut db = Db::open(path)?;
    let existing = db.load()?;
    if !existing.values.is_empty() || !existing.options.is_empty() {
        anyhow::bail!(
            "{} already holds someone's data; the demo writes an example person, so give it an \
             empty --db (or none, for a temporary one)",
            path.display()
        );
    }
    seed(&mut db, day)?;
    Ok(db)
}

/// `demo --json`: the example person, their decision with its robustness, and their review.
pub fn json(
    person: &milemarker_core::career::Snapshot,
    decision: &crate::decide::Decision,
    review: &milemarker_core::review::Review,
) -> Result<serde_json::Value> {
    let (result, robustness) = decision;
    Ok(serde_json::json!({
        "person": person,
        "decision": crate::decide::with_robustness(result, robustness.as_ref())?,
        "review": review,
    }))
}

/// Writes the example person and the sample postings into an empty database.
pub fn seed(db: &mut Db, day: Date) -> Result<()> {
    // The example's year of history ends last week, whatever day the demo runs.
    db.save(&example::person_with_history(day))?;
    import_sample_postings(db, day)
}

fn import_sample_postings(db: &mut Db, day: Date) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("sample-postings.csv");
    std::fs::write(&file, SAMPLE_POSTINGS)?;
    // Rows dated after a clock set in the past are skipped rather than refusing the demo.
    load(
        db,
        &file,
        Format::Csv,
        &Columns::default(),
        true,
        day,
        &mut Quiet,
    )?;
    Ok(())
}
