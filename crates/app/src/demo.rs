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

/// The example person, seeded at `path` on `day`: their records, decision and review.
pub struct Demo {
    pub person: milemarker_core::career::Snapshot,
    pub decision: crate::decide::Decision,
    pub review: milemarker_core::review::Review,
}

/// Seeds the example person at `path` (see [`seed_at`]), or on a temporary database removed
/// again, decides for them and reviews them.
pub fn run(
    path: Option<&std::path::Path>,
    day: Date,
    settings: &crate::settings::Settings,
) -> Result<Demo> {
    // Removed when `_dir` drops, once the answers are built.
    let _dir;
    let path = match path {
        Some(path) => path.to_path_buf(),
        None => {
            _dir = tempfile::tempdir()?;
            _dir.path().join("demo.db")
        }
    };
    let mut db = seed_at(&path, day)?;
    let person = db.load()?;
    let decision = crate::decide::decide_person(&person, None)?;
    let review = crate::review::build(&mut db, &person, settings, day, Some(&decision))?;
    Ok(Demo {
        person,
        decision,
        review,
    })
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
