//! `market occupations`: O*NET occupations ranked by fit to the person's skills (method in
//! `milemarker_market::onet`), each with its Job Zone against the person's (step back, sideways,
//! step up: seed 003), related occupations, and the OEWS median against the person's pay.

use milemarker_core::career::Snapshot;
use milemarker_market::lookup::{Source, Taxonomy};
use milemarker_market::names::TitleMatch;
use milemarker_market::onet::{self, Onet};
use milemarker_market::wages::{self, Cell};
use serde::Serialize;

/// Related occupations shown per row.
const RELATED: usize = 3;

/// Occupations ranked by fit, as `market occupations --json` gives them.
#[derive(Debug, Clone, Serialize)]
pub struct OccupationsAnswer {
    pub source: String,
    pub current: Option<Current>,
    pub pay: Option<f64>,
    pub based_on: Basis,
    pub occupations: Vec<OccupationRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Current {
    pub code: &'static str,
    pub title: &'static str,
    pub job_zone: u8,
}

/// Which of the person's skills the ranking counts, by kind.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Basis {
    pub onet_skills_and_knowledge: usize,
    pub onet_technology: usize,
    pub esco_in_task_statements: usize,
    pub not_counted: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct OccupationRow {
    pub code: &'static str,
    pub title: &'static str,
    pub job_zone: u8,
    /// "step back", "sideways" or "step up" from the person's own Job Zone.
    pub direction: Option<&'static str>,
    pub yours: bool,
    pub fit: f64,
    pub elements_fit: f64,
    pub technology_fit: f64,
    pub esco_fit: f64,
    pub median_wage: Option<f64>,
    pub median_area: Option<String>,
    pub pay_change: Option<f64>,
    pub related: Vec<Related>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Related {
    pub code: &'static str,
    pub title: Option<&'static str>,
}

impl OccupationsAnswer {
    /// Fifteen occupations at 0% fit, in code order, read as advice ("Chief Executives"): with
    /// no shared skill there is no ranking.
    pub fn ranked(&self) -> bool {
        self.occupations.iter().any(|r| r.fit > 0.0)
    }
}

fn direction(zone: u8, current: Option<u8>) -> Option<&'static str> {
    Some(match zone.cmp(&current?) {
        std::cmp::Ordering::Less => "step back",
        std::cmp::Ordering::Equal => "sideways",
        std::cmp::Ordering::Greater => "step up",
    })
}

/// Occupations by job title, best first: what `--occupation` takes.
pub fn search(words: &str, limit: usize) -> Vec<TitleMatch> {
    milemarker_market::names::find_occupations(words, limit)
}

/// The `limit` occupations that fit the person's skills best.
pub fn occupations(s: &Snapshot, limit: usize) -> OccupationsAnswer {
    let onet = Onet::global();
    let taxonomy = Taxonomy::global();
    let counted = |wanted: &[Source]| {
        s.skills
            .iter()
            .filter(|k| {
                taxonomy
                    .source(&k.id)
                    .is_some_and(|src| wanted.contains(&src))
            })
            .count()
    };
    let elements = counted(&[Source::OnetSkill, Source::OnetKnowledge]);
    let technology = counted(&[Source::OnetTechnology]);
    let esco = onet.esco_counted(&s.skills);
    let current = s
        .profile
        .occupation
        .as_deref()
        .and_then(|c| onet.occupation(c));
    let pay = s.profile.total_pay();
    let area = s.profile.area.as_deref();
    let rows = onet
        .rank(&s.skills)
        .into_iter()
        .take(limit)
        .map(|f| {
            let occupation = onet.occupation(f.code).expect("ranked from the same table");
            let median = wages::lookup(f.code, area)
                .ok()
                .and_then(|w| match w.percentiles[2] {
                    Cell::Wage(m) => Some((m, w.area.name.clone())),
                    _ => None,
                });
            OccupationRow {
                code: f.code,
                title: f.title,
                job_zone: f.job_zone,
                direction: direction(f.job_zone, current.map(|c| c.job_zone)),
                yours: current.is_some_and(|c| c.code == f.code),
                fit: round(f.fit),
                elements_fit: round(f.elements),
                technology_fit: round(f.technology),
                esco_fit: round(f.esco),
                median_wage: median.as_ref().map(|m| m.0),
                pay_change: median.as_ref().zip(pay).map(|(m, p)| m.0 - p),
                median_area: median.map(|m| m.1),
                related: occupation
                    .related
                    .iter()
                    .take(RELATED)
                    .map(|(code, _)| Related {
                        code,
                        title: onet.occupation(code).map(|o| o.title),
                    })
                    .collect(),
            }
        })
        .collect();
    OccupationsAnswer {
        source: format!("{}; {}", onet::DATASET, wages::DATASET),
        current: current.map(|c| Current {
            code: c.code,
            title: c.title,
            job_zone: c.job_zone,
        }),
        pay,
        based_on: Basis {
            onet_skills_and_knowledge: elements,
            onet_technology: technology,
            esco_in_task_statements: esco,
            not_counted: s.skills.len() - elements - technology - esco,
        },
        occupations: rows,
    }
}

fn round(share: f64) -> f64 {
    (share * 1000.0).round() / 1000.0
}
