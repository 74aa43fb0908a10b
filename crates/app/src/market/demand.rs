//! `market demand`: which skills the imported postings ask for, by how many employers, month by
//! month and against the year before; which of the person's are covered; their gap to a title or
//! an occupation.

use std::collections::HashSet;

use anyhow::{Result, anyhow, bail};
use jiff::civil::Date;
use milemarker_core::career::Snapshot;
use milemarker_core::markers::{SkillDemand, SkillDemandRow, grouped};
use milemarker_core::text::noun;
use milemarker_market::demand::{Counter, Demand, Month, MonthCount, Posting, SkillCount};
use milemarker_market::lookup::Taxonomy;
use milemarker_market::onet::{self, Need, Onet};
use milemarker_market::taxonomy::contains_words;
use milemarker_store::PostingNames;
use serde::Serialize;

use crate::records::Db;

/// A skill is part of the gap to a title when at least this share of its postings ask for it.
pub const GAP_SHARE: f64 = 0.1;

/// What to count: the months to `as_of`, postings whose title has these words, the gap to this
/// occupation, and how many skills to list.
#[derive(Debug, Clone)]
pub struct DemandOptions {
    pub months: u32,
    pub title: Option<String>,
    pub occupation: Option<String>,
    pub limit: usize,
    pub as_of: Date,
    /// A claimed skill counts as covered when this many employers ask for it.
    pub min_employers: u32,
}

/// Demand for skills, as `market demand --json` gives it.
#[derive(Debug, Clone, Serialize)]
pub struct DemandAnswer {
    /// "1,200 imported job postings from 300 employers, 2025-01-03 to 2026-10-30".
    pub dataset: String,
    pub through: Month,
    pub months: Vec<Month>,
    pub postings: u32,
    pub employers: u32,
    /// The `limit` most asked for, then the person's own further down.
    pub skills: Vec<DemandRow>,
    pub coverage: Coverage,
    pub gap: Option<Gap>,
    /// Rows in `skills` that make the top `limit` (the rest are the person's own, below it).
    #[serde(skip)]
    pub top: usize,
    /// Whether postings from before the window exist: without them no skill has a year before.
    #[serde(skip)]
    pub year_before_known: bool,
    /// How many skills the person claims at all.
    #[serde(skip)]
    pub claimed: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct DemandRow {
    pub id: String,
    pub label: String,
    pub yours: bool,
    pub postings: u32,
    pub employers: u32,
    pub year_before: u32,
    pub trend: Option<f64>,
    pub by_month: Vec<MonthCount>,
}

impl DemandRow {
    /// The change against the year before: "+25%", or "new" when the year before had none
    /// ("no data" when no posting is that old).
    pub fn trend_words(&self, year_before_known: bool) -> String {
        match self.trend {
            Some(t) => format!("{:+.0}%", t * 100.0),
            None if year_before_known => "new".into(),
            None => "no data".into(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    pub min_employers: u32,
    /// The person's skills that postings can name.
    pub skills: Vec<CoveredSkill>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CoveredSkill {
    pub label: String,
    pub employers: u32,
    pub covered: bool,
}

/// The gap to a title (from the postings) or to an occupation (from O*NET).
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Gap {
    Title(TitleGap),
    Occupation(OccupationGap),
}

#[derive(Debug, Clone, Serialize)]
pub struct TitleGap {
    pub title: String,
    pub postings: u32,
    pub skills: Vec<TitleGapSkill>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TitleGapSkill {
    pub id: String,
    pub label: String,
    pub postings: u32,
    pub share: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct OccupationGap {
    pub occupation: &'static str,
    pub title: &'static str,
    pub source: &'static str,
    pub skills: Vec<Need>,
}

/// Demand counted over `months` months ending with the month of the latest posting on or before
/// `as_of`; none when no posting is that old.
fn count(
    db: &mut Db,
    as_of: Date,
    months: u32,
    title: Option<&str>,
) -> Result<Option<(Demand, PostingNames)>> {
    let (runtime, store) = db.parts();
    let names = runtime.block_on(store.posting_names())?;
    let (Some(first), Some(last)) = (names.first, names.last) else {
        return Ok(None);
    };
    if first > as_of {
        return Ok(None);
    }
    let titles = title.map(|t| {
        names
            .titles
            .iter()
            .filter(|(_, name)| contains_words(name, t))
            .map(|(&id, _)| id)
            .collect::<HashSet<u32>>()
    });
    let mut counter = Counter::new(Month::of(last.min(as_of)), months, titles);
    let (from, to) = (counter.from(), counter.to().min(as_of));
    runtime.block_on(store.scan_postings(from, to, |p| {
        counter.add(Posting {
            employer: p.employer,
            title: p.title,
            month: Month::of(p.posted),
            skills: &p.skills,
        })
    }))?;
    Ok(Some((counter.finish(), names)))
}

/// The postings stored, in a few words: "10,000 imported job postings from 2 employers, 2026-01-01
/// to 2026-10-28".
pub(crate) fn describe(names: &PostingNames) -> String {
    format!(
        "{} imported job {} from {} {}, {} to {}",
        grouped(names.postings as f64),
        noun(names.postings as f64, "posting", "postings"),
        grouped(names.employers as f64),
        noun(names.employers as f64, "employer", "employers"),
        names.first.map_or("-".into(), |d| d.to_string()),
        names.last.map_or("-".into(), |d| d.to_string())
    )
}

/// Demand for the person's skills over the twelve months to `as_of`, as `fading_skills` reads it.
pub fn skill_demand(db: &mut Db, s: &Snapshot, as_of: Date) -> Result<Option<SkillDemand>> {
    let Some((demand, names)) = count(db, as_of, 12, None)? else {
        return Ok(None);
    };
    let code = |c: &SkillCount| names.taxa.get(&c.skill).map(|t| t.0.as_str());
    let skills = s
        .skills
        .iter()
        .filter_map(|k| {
            let c = demand
                .skills
                .iter()
                .find(|c| code(c) == Some(k.id.as_str()))?;
            Some(SkillDemandRow {
                id: k.id.clone(),
                skill: k.label.clone(),
                employers: c.employers,
                postings: c.postings,
                postings_year_before: c.year_before,
            })
        })
        .collect();
    Ok(Some(SkillDemand {
        dataset: describe(&names),
        through: demand.through.last_day().min(as_of),
        skills,
    }))
}

/// Demand for skills in the imported postings, the person's coverage and their gap.
pub fn demand(db: &mut Db, s: &Snapshot, options: &DemandOptions) -> Result<DemandAnswer> {
    let day = options.as_of;
    let Some((mut demand, names)) = count(db, day, options.months, options.title.as_deref())?
    else {
        bail!(
            "no job postings dated on or before {day}: import some with `milemarker postings import FILE` \
             (CSV, JSON Lines or Parquet with employer, title, date and text)"
        );
    };
    let code = |c: &SkillCount| names.taxa[&c.skill].0.clone();
    let yours = |c: &SkillCount| s.skills.iter().any(|k| k.id == code(c));
    // An O*NET class is counted beside its products (an import stores both), so it is listed
    // only for the person who claims it: Microsoft Excel and Google Sheets, not Spreadsheet
    // software a third time.
    demand.skills.retain(|c| yours(c) || !is_class(&code(c)));
    let employers_of = |id: &str| {
        demand
            .skills
            .iter()
            .find(|c| code(c) == id)
            .map_or(0, |c| c.employers)
    };
    let covered = s
        .skills
        .iter()
        .filter(|k| Taxonomy::global().in_postings(&k.id))
        .map(|k| {
            let employers = employers_of(&k.id);
            CoveredSkill {
                label: k.label.clone(),
                employers,
                covered: employers >= options.min_employers,
            }
        })
        .collect();
    let gap = gap(options, s, &demand, &names)?;
    let skills: Vec<DemandRow> = demand
        .skills
        .iter()
        .enumerate()
        .filter(|(i, c)| *i < options.limit || yours(c))
        .map(|(_, c)| DemandRow {
            id: code(c),
            label: names.taxa[&c.skill].1.clone(),
            yours: yours(c),
            postings: c.postings,
            employers: c.employers,
            year_before: c.year_before,
            trend: c.trend,
            by_month: c.by_month.clone(),
        })
        .collect();
    Ok(DemandAnswer {
        dataset: describe(&names),
        top: skills.len().min(options.limit),
        year_before_known: names
            .first
            .is_some_and(|day| Month::of(day) < demand.months[0]),
        claimed: s.skills.len(),
        through: demand.through,
        months: demand.months,
        postings: demand.postings,
        employers: demand.employers,
        skills,
        coverage: Coverage {
            min_employers: options.min_employers,
            skills: covered,
        },
        gap,
    })
}

fn gap(
    options: &DemandOptions,
    s: &Snapshot,
    demand: &Demand,
    names: &PostingNames,
) -> Result<Option<Gap>> {
    let held = |id: &str| s.skills.iter().any(|k| k.id == id);
    if let Some(title) = &options.title {
        let Some((postings, asked)) = &demand.title else {
            return Ok(None);
        };
        let skills = asked
            .iter()
            .filter(|(_, n)| f64::from(*n) >= GAP_SHARE * f64::from(*postings))
            .filter(|(t, _)| !held(&names.taxa[t].0))
            .take(options.limit)
            .map(|(t, n)| TitleGapSkill {
                id: names.taxa[t].0.clone(),
                label: names.taxa[t].1.clone(),
                postings: *n,
                share: f64::from(*n) / f64::from(*postings),
            })
            .collect();
        return Ok(Some(Gap::Title(TitleGap {
            title: title.clone(),
            postings: *postings,
            skills,
        })));
    }
    let Some(code) = &options.occupation else {
        return Ok(None);
    };
    let occupation = Onet::global().occupation(code).ok_or_else(|| {
        anyhow!("--occupation: {code} is not an O*NET 29.3 occupation (like 15-2051.00)")
    })?;
    let taxonomy = Taxonomy::global();
    let needs = Onet::global().gaps(occupation, &s.skills, |id| {
        taxonomy.label(id).unwrap_or(id).to_string()
    });
    Ok(Some(Gap::Occupation(OccupationGap {
        occupation: occupation.code,
        title: occupation.title,
        source: onet::DATASET,
        skills: needs.into_iter().take(options.limit).collect(),
    })))
}

/// An O*NET technology class's id (`onet:43232110`), not a product's or an element's.
pub fn is_class(id: &str) -> bool {
    id.strip_prefix("onet:")
        .is_some_and(|code| !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()))
}
