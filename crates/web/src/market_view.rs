//! The market page's content, read from the CLI's own JSON answers (`market pay`, `market demand
//! --occupation`, `market occupations`), so both show the same figures.

use milemarker_core::markers::grouped;
use milemarker_core::text::{noun, percent};
use serde_json::Value;

use crate::server::Market;

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

fn text(v: &Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), String::from)
}

fn money(v: &Value) -> String {
    v.as_f64().map_or("-".into(), grouped)
}

fn pay_view(v: &Value) -> PayView {
    let percentiles = v["percentiles"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(p, cell)| {
            // Cells as the CLI's JSON has them: a wage, null (suppressed) or "top-coded".
            let shown = match cell {
                Value::Number(_) => money(cell),
                Value::String(s) => s.clone(),
                _ => "not published".into(),
            };
            let p = p
                .parse()
                .map_or_else(|_| p.clone(), milemarker_core::text::ordinal);
            (p, shown)
        })
        .collect();
    let position = match (
        v["pay"].as_f64(),
        v["percentile"].as_f64(),
        v["position"].as_str(),
    ) {
        (Some(pay), Some(p), Some(pos)) if pos.starts_with("within") => format!(
            "Your pay, {}, sits near the {} percentile.",
            grouped(pay),
            milemarker_core::text::ordinal(p)
        ),
        (Some(pay), _, Some(pos)) => format!("Your pay, {}, is {pos}.", grouped(pay)),
        _ => "Set your pay (`milemarker profile set --pay N`) to place it.".into(),
    };
    PayView {
        heading: format!(
            "{} ({}) in {}",
            text(&v["title"]),
            text(&v["occupation"]),
            // The same place the command line says: the nation as "the United States".
            if v["area_level"] == "national" {
                "the United States".into()
            } else {
                text(&v["area_name"])
            }
        ),
        fallback: v["fallback"].as_str().map(String::from),
        percentiles,
        position,
        source: text(&v["source"]),
    }
}

fn demand_view(v: &Value) -> DemandView {
    let skills = v["skills"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| SkillRow {
            label: text(&s["label"]),
            postings: s["postings"].as_u64().unwrap_or(0),
            employers: s["employers"].as_u64().unwrap_or(0),
            trend: s["trend"].as_f64().map_or("new".into(), |t| {
                format!("{}{}", if t >= 0.0 { "+" } else { "" }, percent(t))
            }),
            yours: s["yours"].as_bool().unwrap_or(false),
        })
        .collect();
    let coverage = v["coverage"]["skills"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            (
                text(&c["label"]),
                c["employers"].as_u64().unwrap_or(0),
                c["covered"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    let gap = &v["gap"];
    DemandView {
        heading: format!(
            "{} to {}: {} {} from {} {} ({})",
            text(&v["months"][0]),
            text(&v["through"]),
            money(&v["postings"]),
            noun(v["postings"].as_f64().unwrap_or(0.0), "posting", "postings"),
            money(&v["employers"]),
            noun(
                v["employers"].as_f64().unwrap_or(0.0),
                "employer",
                "employers"
            ),
            text(&v["dataset"])
        ),
        skills,
        coverage,
        min_employers: v["coverage"]["min_employers"].as_u64().unwrap_or(0),
        gap_title: gap["title"].as_str().map(String::from),
        gaps: gap["skills"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|n| {
                let mut line = text(&n["label"]);
                if n["below_level"].as_bool() == Some(true) {
                    line.push_str(" (you claim it below the level asked)");
                } else if n["hot"].as_bool() == Some(true) {
                    line.push_str(" (hot technology)");
                }
                line
            })
            .collect(),
    }
}

fn occupation_rows(v: &Value) -> Vec<OccupationRow> {
    v["occupations"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|o| OccupationRow {
            title: text(&o["title"]),
            code: text(&o["code"]),
            job_zone: o["job_zone"].as_u64().unwrap_or(0),
            direction: o["direction"].as_str().unwrap_or("").to_string(),
            fit: o["fit"].as_f64().map_or("-".into(), percent),
            median: money(&o["median_wage"]),
            pay_change: o["pay_change"].as_f64().map_or("-".into(), |c| {
                format!("{}{}", if c >= 0.0 { "+" } else { "−" }, grouped(c.abs()))
            }),
            yours: o["yours"].as_bool().unwrap_or(false),
        })
        .collect()
}

pub fn market_view(m: &Market) -> MarketView {
    MarketView {
        pay: m.pay.as_ref().map(pay_view).map_err(Clone::clone),
        demand: m.demand.as_ref().map(demand_view).map_err(Clone::clone),
        occupations: m.occupations.as_ref().map_err(Clone::clone).and_then(|v| {
            let rows = occupation_rows(v);
            // As the command line says it: occupations at 0% fit are no ranking.
            if rows.iter().all(|r| r.fit == "0%") {
                Err(
                    "No occupation shares a skill with you yet, so none is ranked by fit: \
                         claim O*NET skills and knowledge, such as critical thinking, with \
                         milemarker skills add."
                        .into(),
                )
            } else {
                Ok(rows)
            }
        }),
        occupations_source: m
            .occupations
            .as_ref()
            .map(|v| text(&v["source"]))
            .unwrap_or_default(),
    }
}
