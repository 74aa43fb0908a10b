//! The market page's content, from the application's typed answers (the very values `market
//! pay`, `market demand --occupation` and `market occupations` print), so both show the same
//! figures in the same words.

use milemarker_app::market::{DemandAnswer, Gap, OccupationsAnswer, PayAnswer};
use milemarker_app::present::market::counted_postings;
use milemarker_app::session::MarketAnswers;
use milemarker_core::markers::grouped;
use milemarker_core::text::percent;

pub struct PayView {
    pub heading: String,
    pub fallback: Option<String>,
    pub percentiles: Vec<(String, String)>,
    pub position: String,
    pub source: String,
}

pub struct SkillRow {
    pub label: String,
    pub postings: u64,
    pub employers: u64,
    pub trend: String,
    pub yours: bool,
}

pub struct DemandView {
    pub heading: String,
    pub skills: Vec<SkillRow>,
    /// Your skills that postings can name: label, employers asking, covered.
    pub coverage: Vec<(String, u64, bool)>,
    pub min_employers: u64,
    pub gap_title: Option<String>,
    pub gaps: Vec<String>,
}

pub struct OccupationRow {
    pub title: String,
    pub code: String,
    pub job_zone: u64,
    pub direction: String,
    pub fit: String,
    pub median: String,
    pub pay_change: String,
    pub yours: bool,
}

pub struct MarketView {
    pub pay: Result<PayView, String>,
    pub demand: Result<DemandView, String>,
    pub occupations: Result<Vec<OccupationRow>, String>,
    pub occupations_source: String,
}

fn pay_view(a: &PayAnswer) -> PayView {
    PayView {
        heading: a.heading(),
        fallback: a.fallback.clone(),
        percentiles: a.cells(),
        position: a.position_sentence().unwrap_or_else(|| {
            "Set your pay (`milemarker profile set --pay N`) to place it.".into()
        }),
        source: a.source.to_string(),
    }
}

fn demand_view(a: &DemandAnswer) -> DemandView {
    let skills = a.skills[..a.top]
        .iter()
        .map(|s| SkillRow {
            label: s.label.clone(),
            postings: s.postings.into(),
            employers: s.employers.into(),
            trend: s.trend_words(a.year_before_known),
            yours: s.yours,
        })
        .collect();
    let coverage = a
        .coverage
        .skills
        .iter()
        .map(|c| (c.label.clone(), c.employers.into(), c.covered))
        .collect();
    let (gap_title, gaps) = match &a.gap {
        Some(Gap::Occupation(gap)) => (
            Some(gap.title.to_string()),
            gap.skills
                .iter()
                .map(|n| {
                    let mut line = n.label.clone();
                    if n.below_level {
                        line.push_str(" (you claim it below the level asked)");
                    } else if n.hot {
                        line.push_str(" (hot technology)");
                    }
                    line
                })
                .collect(),
        ),
        Some(Gap::Title(gap)) => (
            Some(gap.title.clone()),
            gap.skills.iter().map(|k| k.label.clone()).collect(),
        ),
        None => (None, Vec::new()),
    };
    DemandView {
        heading: format!("{} ({})", counted_postings(a), a.dataset),
        skills,
        coverage,
        min_employers: a.coverage.min_employers.into(),
        gap_title,
        gaps,
    }
}

fn occupation_rows(a: &OccupationsAnswer) -> Vec<OccupationRow> {
    a.occupations
        .iter()
        .map(|o| OccupationRow {
            title: o.title.to_string(),
            code: o.code.to_string(),
            job_zone: o.job_zone.into(),
            direction: o.direction.unwrap_or("").to_string(),
            fit: percent(o.fit),
            median: o.median_wage.map_or("-".into(), grouped),
            pay_change: o.pay_change.map_or("-".into(), |c| {
                format!("{}{}", if c >= 0.0 { "+" } else { "−" }, grouped(c.abs()))
            }),
            yours: o.yours,
        })
        .collect()
}

pub fn market_view(m: &MarketAnswers) -> MarketView {
    MarketView {
        pay: m.pay.as_ref().map(pay_view).map_err(Clone::clone),
        demand: m.demand.as_ref().map(demand_view).map_err(Clone::clone),
        occupations: m.occupations.as_ref().map_err(Clone::clone).and_then(|a| {
            // As the command line says it: occupations at 0% fit are no ranking.
            if a.ranked() {
                Ok(occupation_rows(a))
            } else {
                Err(
                    "No occupation shares a skill with you yet, so none is ranked by fit: \
                         claim O*NET skills and knowledge, such as critical thinking, with \
                         milemarker skills add."
                        .into(),
                )
            }
        }),
        occupations_source: m
            .occupations
            .as_ref()
            .map(|a| a.source.clone())
            .unwrap_or_default(),
    }
}
