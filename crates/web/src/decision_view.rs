//! The decision page's content: the ranking, what is ruled out and why, how firm the answer is
//! (SMAA-2 rank acceptability as a chart), what would change it, and the fear check.

use milemarker_core::career::Snapshot;
use milemarker_core::decision::document::Method;
use milemarker_core::decision::result::{DecisionResult, SmaaReport};
use milemarker_core::markers::grouped;
use milemarker_core::text::percent;

use crate::charts::acceptability_chart;
use milemarker_app::decide::Decision;

pub struct RankRow {
    pub rank: usize,
    pub name: String,
    pub score: String,
}

pub struct FearView {
    /// Names the fears to test and the facts to plan for.
    pub verdict: String,
    pub held_back: bool,
}

pub struct DecisionView {
    pub method: &'static str,
    pub score_label: &'static str,
    pub weights: Vec<(String, String)>,
    pub ranking: Vec<RankRow>,
    /// Option name, and each deal-breaker it breaks in words.
    pub excluded: Vec<(String, Vec<String>)>,
    /// Option name, and each deal-breaker it meets only exactly at its threshold, in words.
    pub at_the_line: Vec<(String, Vec<String>)>,
    pub firmness_title: &'static str,
    pub firmness: Option<String>,
    pub chart: Option<String>,
    pub sensitivity: Vec<String>,
    pub fear: Option<FearView>,
    pub warnings: Vec<String>,
    pub dealbreakers: Vec<String>,
}

pub fn decision_view(s: &Snapshot, (result, robustness): &Decision) -> DecisionView {
    let name = |id: &str| {
        s.options
            .iter()
            .find(|o| o.id == id && !o.name.is_empty())
            .map_or(id.to_string(), |o| o.name.clone())
    };
    let mut weights: Vec<(&String, &f64)> = result.weights.iter().collect();
    weights.sort_by(|a, b| b.1.total_cmp(a.1));
    let smaa = robustness
        .as_ref()
        .and_then(|r| r.smaa.as_ref())
        .or(result.smaa.as_ref());
    DecisionView {
        method: result.method.description(),
        score_label: match result.method {
            Method::Smaa => "first in",
            Method::Kt => "total",
            Method::Topsis => "closeness",
            _ => "score",
        },
        weights: weights
            .iter()
            .map(|(id, w)| (id.to_string(), percent(**w)))
            .collect(),
        ranking: result
            .ranking
            .iter()
            .map(|r| RankRow {
                rank: r.rank,
                name: name(&r.option),
                score: match result.method {
                    Method::Smaa => percent(r.score),
                    Method::Kt => format!("{:.1}", r.score),
                    _ => format!("{:.3}", r.score),
                },
            })
            .collect(),
        excluded: result
            .excluded
            .iter()
            .map(|e| {
                let reasons = e
                    .reasons
                    .iter()
                    .map(|r| {
                        format!(
                            "breaks {} {} {}: it is {}",
                            r.attribute,
                            r.op.as_str(),
                            r.required,
                            r.actual
                        )
                    })
                    .collect();
                (name(&e.option), reasons)
            })
            .collect(),
        at_the_line: result.at_the_line.iter().fold(
            Vec::new(),
            |mut out: Vec<(String, Vec<String>)>, a| {
                // A deal-breaker naming a value tests the score unless an attribute of that name exists.
                let scored = s
                    .options
                    .iter()
                    .find(|o| o.id == a.option)
                    .is_some_and(|o| !o.attributes.contains_key(&a.attribute));
                let line = if scored {
                    format!("{}: its {} score is {}", a.phrase(), a.attribute, a.actual)
                } else {
                    format!("{}: {} is {}", a.phrase(), a.attribute, a.actual)
                };
                match out.last_mut() {
                    Some((option, lines)) if *option == name(&a.option) => lines.push(line),
                    _ => out.push((name(&a.option), vec![line])),
                }
                out
            },
        ),
        firmness_title: if robustness.is_some() {
            "How firm is this, if only the order of your values is right?"
        } else {
            "How often each option comes first"
        },
        firmness: smaa.map(|m| firmness(m, &name)),
        chart: smaa.map(|m| {
            let mut rows: Vec<(String, Vec<f64>)> = m
                .rank_acceptability
                .iter()
                .map(|(id, shares)| (name(id), shares.clone()))
                .collect();
            // Most often first at the top.
            rows.sort_by(|a, b| {
                let first = |v: &[f64]| v.first().copied().unwrap_or(0.0);
                first(&b.1).total_cmp(&first(&a.1))
            });
            acceptability_chart(&rows)
        }),
        sensitivity: sensitivity(result, &name),
        fear: result.fear_check.as_ref().map(|f| FearView {
            verdict: f.verdict_named(&name),
            held_back: f.held_back_by_fears,
        }),
        warnings: result.warnings.clone(),
        dealbreakers: s
            .dealbreakers
            .iter()
            .map(|d| format!("{} {} {}", d.attribute, d.op.as_str(), d.value))
            .collect(),
    }
}

fn firmness(smaa: &SmaaReport, name: &dyn Fn(&str) -> String) -> String {
    let leader = smaa
        .rank_acceptability
        .iter()
        .max_by(|a, b| {
            let first = |v: &Vec<f64>| v.first().copied().unwrap_or(0.0);
            first(a.1).total_cmp(&first(b.1))
        })
        .map(|(id, shares)| (name(id), shares.first().copied().unwrap_or(0.0)));
    match leader {
        Some((leader, share)) => format!(
            "{leader} comes first in {} of {} weightings drawn{}.",
            percent(share),
            grouped(smaa.samples as f64),
            if smaa.criteria_ranking.is_empty() {
                String::new()
            } else {
                format!(" that keep {}", smaa.criteria_ranking.join(" ≥ "))
            }
        ),
        None => "No weighting was drawn.".into(),
    }
}

fn sensitivity(result: &DecisionResult, name: &dyn Fn(&str) -> String) -> Vec<String> {
    let Some(sensitivity) = &result.sensitivity else {
        return Vec::new();
    };
    let mut flips: Vec<_> = sensitivity
        .iter()
        .filter_map(|(id, f)| f.as_ref().map(|f| (id, f)))
        .collect();
    flips.sort_by(|a, b| a.1.delta.abs().total_cmp(&b.1.delta.abs()));
    let mut lines: Vec<String> = flips
        .iter()
        .map(|(id, flip)| {
            let now = result.weights.get(*id).copied().unwrap_or(0.0);
            format!(
                "If {id} {} from {} to {} of the weight, {} leads.",
                if flip.delta > 0.0 { "rises" } else { "falls" },
                percent(now),
                percent(flip.weight_to_flip),
                name(&flip.new_leader)
            )
        })
        .collect();
    let steady: Vec<&str> = sensitivity
        .iter()
        .filter(|(_, f)| f.is_none())
        .map(|(id, _)| id.as_str())
        .collect();
    if !steady.is_empty() {
        lines.push(format!(
            "No change in the weight of {} alone changes the leader.",
            steady.join(", ")
        ));
    }
    lines
}
