//! The review (DESIGN 4.10): the main job, built once for every face.

use anyhow::Result;
use milemarker_core::career::Snapshot;
use milemarker_core::review::{Review, ReviewInput, review};

use crate::decide::{Decision, decide_person};
use crate::derived::Derived;
use crate::records::Db;
use crate::settings::Settings;

/// The review of `s` on `day`; `decision` is the person's decision and its robustness run, when
/// there is one (the caller decides once and may show it in full too).
pub fn build(
    db: &mut Db,
    s: &Snapshot,
    settings: &Settings,
    day: jiff::civil::Date,
    decision: Option<&Decision>,
) -> Result<Review> {
    let derived = Derived::of(db, s, day)?;
    let input = ReviewInput {
        records: derived.records(s),
        thresholds: &settings.thresholds,
        as_of: day,
        decision: decision.map(|(result, robust)| (result, robust.as_ref())),
    };
    Ok(review(&input))
}

/// The review of the records in `db` on `day`. A decision that cannot be made yet (no options,
/// scores missing) leaves its section empty; `milemarker decide` says why.
pub fn of_records(db: &mut Db, settings: &Settings, day: jiff::civil::Date) -> Result<Review> {
    let s = db.load()?;
    let decision = decide_person(&s, None).ok();
    build(db, &s, settings, day, decision.as_ref())
}
