//! `market demand`: which skills the imported postings ask for, by how many employers, month by
//! month and against the year before; which of the person's are covered; their gap to a title or
//! an occupation.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use jiff::civil::Date;
use milemarker_core::career::Snapshot;
use milemarker_core::markers::{SkillDemand, SkillDemandRow, grouped};
use milemarker_core::text::noun;
use milemarker_market::demand::{Counter, Demand, Month, MonthCount, Posting, SkillCount};
use milemarker_market::lookup::Taxonomy;
use milemarker_market::onet::{self, Need, Onet};
use milemarker_market::taxonomy::{canonical, contains_words};
use milemarker_store::PostingNames;
use serde::Serialize;

use super::imported::{self, Counted, Numbers};
use crate::records::Db;

/// A skill is part of the gap to a title when at least this share of its postings ask for it.
pub const GAP_SHARE: f64 = 0.1;

/// What to count: the months to `as_of`, postings whose title has these words, the gap to this
/// occupation, and how many skills to list; or demand counted elsewhere, from a file.
#[derive(Debug, Clone)]
pub struct DemandOptions {
    /// Twelve when not given; demand counted elsewhere has its own.
    pub months: Option<u32>,
    pub title: Option<String>,
    pub occupation: Option<String>,
    pub limit: usize,
    pub as_of: Date,
    /// A claimed skill counts as covered when this many employers ask for it.
    pub min_employers: u32,
    /// The Spark job's `demand.json` (or its output folder) to answer from instead.
    pub from: Option<PathBuf>,
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

/// Demand as the views read it, counted here from the stored postings or elsewhere (imported).
struct Count {
    demand: Demand,
    /// skill number -> (taxonomy id, label)
    taxa: HashMap<u32, (String, String)>,
    /// Which postings, and for imported demand where it was counted.
    dataset: String,
    /// The first posting's day: whether any posting is older than the window.
    first: Date,
}

/// Demand from the file `from`, else the demand imported into the store, else counted from the
/// stored postings; none when there are none on or before `as_of`. `months` defaults to twelve;
/// demand counted elsewhere has the months it was counted over.
fn count(
    db: &mut Db,
    as_of: Date,
    months: Option<u32>,
    title: Option<&str>,
    from: Option<&Path>,
) -> Result<Option<Count>> {
    let counted = match from {
        Some(path) => Some(imported::read(path)?),
        None => imported::stored(db)?,
    };
    match counted {
        Some(counted) => elsewhere(counted, months, title).map(Some),
        None => here(db, as_of, months.unwrap_or(12), title),
    }
}

/// Demand counted from the postings stored here.
fn here(db: &mut Db, as_of: Date, months: u32, title: Option<&str>) -> Result<Option<Count>> {
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
    Ok(Some(Count {
        demand: counter.finish(),
        dataset: describe(&names),
        taxa: names.taxa,
        first,
    }))
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

/// Demand counted elsewhere, as the counter would have given it. Its window and its title were
/// chosen when it was counted: asking for others is an error that says how to get them.
fn elsewhere(counted: Counted, months: Option<u32>, title: Option<&str>) -> Result<Count> {
    let (source, f) = (&counted.source, &counted.file);
    if let Some(m) = months.filter(|&m| m as usize != f.months.len()) {
        bail!(
            "{source} counts {} months, not {m}: run the Spark job again with --months {m}, \
             or leave --months out",
            f.months.len()
        );
    }
    let mut numbers = Numbers::default();
    let title = match (title, &f.gap) {
        (None, _) => None,
        (Some(t), Some(gap)) if canonical(t) == canonical(&gap.title) => Some((
            gap.postings,
            gap.skills
                .iter()
                .map(|s| (numbers.of(&s.id, &s.label), s.postings))
                .collect(),
        )),
        (Some(t), gap) => bail!(
            "{source} {}: run the Spark job again with --title {t:?} for the gap to it",
            gap.as_ref()
                .map_or("has no title's gap".into(), |g| format!(
                    "has the gap to {:?}, not to {t:?}",
                    g.title
                ))
        ),
    };
    let skills = f
        .skills
        .iter()
        .map(|s| SkillCount {
            skill: numbers.of(&s.id, &s.label),
            postings: s.postings,
            employers: s.employers,
            by_month: s.by_month.clone(),
            year_before: s.year_before,
            // As the counter works it out (the file's was checked against it): the decimal in
            // the file may read back a bit off the float the job computed.
            trend: (s.year_before > 0)
                .then(|| f64::from(s.postings) / f64::from(s.year_before) - 1.0),
        })
        .collect();
    Ok(Count {
        demand: Demand {
            through: f.through,
            months: f.months.clone(),
            postings: f.postings,
            employers: f.employers,
            skills,
            title,
        },
        taxa: numbers.taxa,
        dataset: counted.describe(),
        first: f.first,
    })
}

/// Demand for the person's skills over the twelve months to `as_of`, as `fading_skills` reads it.
pub fn skill_demand(db: &mut Db, s: &Snapshot, as_of: Date) -> Result<Option<SkillDemand>> {
    let Some(Count {
        demand,
        taxa,
        dataset,
        ..
    }) = count(db, as_of, None, None, None)?
    else {
        return Ok(None);
    };
    let code = |c: &SkillCount| taxa.get(&c.skill).map(|t| t.0.as_str());
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
        dataset,
        through: demand.through.last_day().min(as_of),
        skills,
    }))
}

/// Demand for skills in the imported postings, the person's coverage and their gap.
pub fn demand(db: &mut Db, s: &Snapshot, options: &DemandOptions) -> Result<DemandAnswer> {
    let day = options.as_of;
    let Some(Count {
        mut demand,
        taxa,
        dataset,
        first,
    }) = count(
        db,
        day,
        options.months,
        options.title.as_deref(),
        options.from.as_deref(),
    )?
    else {
        bail!(
            "no job postings dated on or before {day}: import some with `milemarker postings import FILE` \
             (CSV, JSON Lines or Parquet with employer, title, date and text)"
        );
    };
    let code = |c: &SkillCount| taxa[&c.skill].0.clone();
    let yours = |c: &SkillCount| s.skills.iter().any(|k| k.id == code(c));
    // An O*NET class is counted beside its products (an import stores both), so it is listed
    // only for the person who claims it: Microsoft Excel and Google Sheets, not Spreadsheet
    // software a third time.
    demand.skills.retain(|c| yours(c) || !is_class(&code(c)));
    // Ties by id, as the Spark job breaks them (jobs/spark): one order wherever demand is counted.
    demand.skills.sort_by(|a, b| {
        (b.employers, b.postings)
            .cmp(&(a.employers, a.postings))
            .then_with(|| code(a).cmp(&code(b)))
    });
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
    let gap = gap(options, s, &demand, &taxa)?;
    let skills: Vec<DemandRow> = demand
        .skills
        .iter()
        .enumerate()
        .filter(|(i, c)| *i < options.limit || yours(c))
        .map(|(_, c)| DemandRow {
            id: code(c),
            label: taxa[&c.skill].1.clone(),
            yours: yours(c),
            postings: c.postings,
            employers: c.employers,
            year_before: c.year_before,
            trend: c.trend,
            by_month: c.by_month.clone(),
        })
        .collect();
    Ok(DemandAnswer {
        dataset,
        top: skills.len().min(options.limit),
        year_before_known: Month::of(first) < demand.months[0],
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
    taxa: &HashMap<u32, (String, String)>,
) -> Result<Option<Gap>> {
    let held = |id: &str| s.skills.iter().any(|k| k.id == id);
    if let Some(title) = &options.title {
        let Some((postings, asked)) = &demand.title else {
            return Ok(None);
        };
        let mut asked = asked.clone();
        asked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| taxa[&a.0].0.cmp(&taxa[&b.0].0)));
        let skills = asked
            .iter()
            .filter(|(_, n)| f64::from(*n) >= GAP_SHARE * f64::from(*postings))
            .filter(|(t, _)| !held(&taxa[t].0))
            .take(options.limit)
            .map(|(t, n)| TitleGapSkill {
                id: taxa[t].0.clone(),
                label: taxa[t].1.clone(),
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
