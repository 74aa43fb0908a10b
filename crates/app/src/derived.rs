//! What the mile markers read besides the snapshot, and the markers judged over it.

use anyhow::Result;
use milemarker_core::career::Snapshot;
use milemarker_core::markers::{Marker, Records, SkillDemand, Wages, detect_all};
use milemarker_core::skills::Skill;
use milemarker_market::lookup::Taxonomy;
use milemarker_market::wages;

use crate::market::skill_demand;
use crate::records::{Db, counted_weeks};
use crate::settings::Settings;

/// What the detectors read besides the snapshot, worked out once: the counted weeks, the OEWS
/// wages for the person's occupation and area, and demand for their skills in the imported
/// postings.
pub struct Derived {
    weeks: Vec<milemarker_core::life::WeekHours>,
    /// The skills postings can name (O*NET's skill and knowledge areas are ratings, not text).
    skills: Vec<Skill>,
    wages: Result<Wages, String>,
    demand: Option<SkillDemand>,
}

impl Derived {
    pub fn of(db: &mut Db, s: &Snapshot, day: jiff::civil::Date) -> Result<Derived> {
        let wages = match &s.profile.occupation {
            Some(occupation) => wages::lookup(occupation, s.profile.area.as_deref())
                .map(|found| found.for_markers())
                .map_err(|err| err.to_string()),
            None => Err("no occupation code in your profile".into()),
        };
        Ok(Derived {
            weeks: counted_weeks(s),
            skills: s
                .skills
                .iter()
                .filter(|k| Taxonomy::global().in_postings(&k.id))
                .cloned()
                .collect(),
            wages,
            demand: skill_demand(db, s, day)?,
        })
    }

    pub fn records<'a>(&'a self, s: &'a Snapshot) -> Records<'a> {
        Records {
            snapshot: s,
            weeks: &self.weeks,
            wages: self.wages.as_ref().map_err(String::as_str),
            demand: self.demand.as_ref(),
            skills: &self.skills,
        }
    }
}

/// Every mile marker on `day`, fired or not, with the rows behind it.
pub fn judge(
    db: &mut Db,
    s: &Snapshot,
    settings: &Settings,
    day: jiff::civil::Date,
) -> Result<Vec<Marker>> {
    let derived = Derived::of(db, s, day)?;
    Ok(detect_all(&derived.records(s), &settings.thresholds, day))
}
