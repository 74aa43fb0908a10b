//! The decision engine (DESIGN 4.2): musts screen, then one of Kepner-Tregoe, weighted sum,
//! TOPSIS, AHP or SMAA-2 ranks what is left; sensitivity and the fear check say how firm the
//! answer is and what stands in its way.

pub mod ahp;
pub mod document;
pub mod error;
pub mod fear;
pub mod gaps;
pub mod problem;
pub mod ranking;
pub mod result;
pub mod scoring;
pub mod sensitivity;
pub mod smaa;
pub mod weights;

use indexmap::IndexMap;

use ahp::PairwiseMatrix;
pub use document::DecisionDocument;
use document::{Kind, Method, Normalization};
pub use error::DocumentError;
use problem::{Candidate, Problem};
use result::{
    AtTheLine, ConsistencyReport, DecisionResult, Excluded, FailedMust, FlipReport, HorizonReport,
    Ranked, SmaaReport,
};
use scoring::{Matrix, Scorer};

/// Decides a document: validate everything first, then compute.
pub fn decide(doc: &DecisionDocument) -> Result<DecisionResult, DocumentError> {
    evaluate(&Problem::from_document(doc)?)
}

pub use crate::text::format_number;

pub fn evaluate(problem: &Problem) -> Result<DecisionResult, DocumentError> {
    let (excluded, at_the_line, passing) = screen(problem);
    let mut consistency = ConsistencyReport {
        criteria: None,
        options: IndexMap::new(),
    };
    let mut weights = match (&problem.criteria_pairwise, problem.method) {
        (Some(matrix), Method::Ahp) => {
            let (w, c) = matrix.analyse();
            consistency.criteria = Some(c);
            w
        }
        _ => given_weights(problem),
    };
    let scorer = build_scorer(problem, &passing, &mut consistency)?;
    let mut smaa = None;
    let ranked = match (&scorer, problem.method) {
        (Some(Scorer::Additive { values }), Method::Smaa) => {
            let outcome = smaa::run(
                values,
                problem.smaa_samples,
                problem.smaa_seed,
                &problem.criteria_ranking,
            );
            weights = outcome.mean_weights.clone();
            let ranked = ranking::competition_rank_by_keys(&outcome.rank_acceptability)
                .into_iter()
                .map(|(i, rank)| (i, outcome.rank_acceptability[i][0], rank))
                .collect();
            smaa = Some(smaa_report(problem, &passing, outcome));
            ranked
        }
        (Some(scorer), _) => {
            let scale = match problem.method {
                // Kepner-Tregoe totals are raw weight x score sums, as on a KT worksheet.
                Method::Kt => problem.criteria.iter().filter_map(|c| c.weight).sum(),
                _ => 1.0,
            };
            let scores = scorer.scores(&weights);
            ranking::competition_rank(&scores)
                .into_iter()
                .map(|(i, rank)| (i, scores[i] * scale, rank))
                .collect()
        }
        (None, _) => Vec::new(),
    };
    let ranking: Vec<Ranked> = ranked
        .iter()
        .map(|&(i, score, rank)| Ranked {
            option: passing[i].id.clone(),
            score,
            rank,
        })
        .collect();
    let sensitivity = match (&scorer, problem.sensitivity) {
        (Some(scorer), true) => Some(sensitivity_report(problem, scorer, &weights, &passing)),
        _ => None,
    };
    let strict_order: Vec<(&str, &[document::RiskSpec])> = ranked
        .iter()
        .map(|&(i, _, _)| (passing[i].id.as_str(), passing[i].risks.as_slice()))
        .collect();
    Ok(DecisionResult {
        method: problem.method,
        normalization: (problem.method == Method::Wsm).then(|| problem.normalization.as_str()),
        weights: problem
            .criteria
            .iter()
            .map(|c| c.id.clone())
            .zip(weights)
            .collect(),
        excluded,
        at_the_line,
        ranking,
        consistency: (consistency.criteria.is_some() || !consistency.options.is_empty())
            .then_some(consistency),
        smaa,
        sensitivity,
        fear_check: fear::check(&strict_order),
        runway_months: runway_report(problem),
        horizon: problem
            .horizon
            .map(|(years, weight)| HorizonReport { years, weight }),
        warnings: problem.warnings.clone(),
    })
}

/// Musts first (Kepner-Tregoe): an option failing any is excluded, with every must it fails.
/// An option that passes is flagged for every must it meets only at the line.
fn screen(problem: &Problem) -> (Vec<Excluded>, Vec<AtTheLine>, Vec<&Candidate>) {
    let mut excluded = Vec::new();
    let mut at_the_line = Vec::new();
    let mut passing = Vec::new();
    for candidate in &problem.candidates {
        let reasons: Vec<FailedMust> = problem
            .musts
            .iter()
            .filter_map(|must| {
                let actual = &candidate.attributes[&must.attribute];
                // Validation has already proved every comparison possible.
                let holds = problem::compare(must.op, actual, &must.value).unwrap_or(false);
                (!holds).then(|| FailedMust {
                    must: must.id.clone(),
                    attribute: must.attribute.clone(),
                    op: must.op,
                    required: must.value.clone(),
                    actual: actual.clone(),
                })
            })
            .collect();
        if reasons.is_empty() {
            at_the_line.extend(problem.musts.iter().filter_map(|must| {
                let actual = &candidate.attributes[&must.attribute];
                problem::at_the_line(must.op, actual, &must.value).then(|| AtTheLine {
                    option: candidate.id.clone(),
                    must: must.id.clone(),
                    attribute: must.attribute.clone(),
                    op: must.op,
                    required: must.value.clone(),
                    actual: actual.clone(),
                })
            }));
            passing.push(candidate);
        } else {
            let failed = reasons.iter().map(|r| r.must.clone()).collect();
            excluded.push(Excluded {
                option: candidate.id.clone(),
                failed,
                reasons,
            });
        }
    }
    (excluded, at_the_line, passing)
}

fn given_weights(problem: &Problem) -> Vec<f64> {
    let raw: Vec<f64> = problem
        .criteria
        .iter()
        .map(|c| c.weight.unwrap_or(0.0))
        .collect();
    weights::normalized(&raw).unwrap_or_else(|| vec![0.0; raw.len()])
}

fn build_scorer(
    problem: &Problem,
    passing: &[&Candidate],
    consistency: &mut ConsistencyReport,
) -> Result<Option<Scorer>, DocumentError> {
    if problem.criteria.is_empty() || passing.is_empty() {
        return Ok(None);
    }
    let column = |j: usize| -> Vec<f64> {
        passing
            .iter()
            .map(|c| c.scores[j].expect("validated: score present"))
            .collect()
    };
    let kinds: Vec<Kind> = problem.criteria.iter().map(|c| c.kind).collect();
    let m = passing.len();
    let scorer = match problem.method {
        Method::Kt => {
            let columns: Vec<Vec<f64>> = (0..kinds.len()).map(column).collect();
            Scorer::Additive {
                values: Matrix::from_columns(m, &scoring::kt_values(&columns, &kinds)),
            }
        }
        Method::Wsm => {
            let columns = problem
                .criteria
                .iter()
                .enumerate()
                .map(|(j, c)| {
                    scoring::normalize_column(&column(j), c.kind, problem.normalization, &c.id)
                })
                .collect::<Result<Vec<_>, _>>()?;
            Scorer::Additive {
                values: Matrix::from_columns(m, &columns),
            }
        }
        Method::Topsis => {
            let columns: Vec<Vec<f64>> = (0..kinds.len())
                .map(|j| scoring::vector_normalize(&column(j)))
                .collect();
            Scorer::Topsis {
                normalized: Matrix::from_columns(m, &columns),
                kinds,
            }
        }
        Method::Ahp => {
            let columns = problem
                .criteria
                .iter()
                .enumerate()
                .map(|(j, c)| match &problem.options_pairwise[j] {
                    Some(matrix) => {
                        let (_, c_all) = matrix.analyse();
                        consistency.options.insert(c.id.clone(), c_all);
                        Ok(local_priorities(problem, matrix, passing))
                    }
                    None => {
                        scoring::normalize_column(&column(j), c.kind, Normalization::Sum, &c.id)
                    }
                })
                .collect::<Result<Vec<_>, _>>()?;
            Scorer::Additive {
                values: Matrix::from_columns(m, &columns),
            }
        }
        Method::Smaa => {
            let columns: Vec<Vec<f64>> = (0..kinds.len()).map(column).collect();
            Scorer::Additive {
                values: Matrix::from_columns(m, &columns),
            }
        }
    };
    Ok(Some(scorer))
}

/// AHP priorities of the options that passed the musts: the eigenvector of the matrix restricted
/// to them, since an excluded option must not pull on the ranking.
fn local_priorities(
    problem: &Problem,
    matrix: &PairwiseMatrix,
    passing: &[&Candidate],
) -> Vec<f64> {
    let all: Vec<&str> = problem.candidates.iter().map(|c| c.id.as_str()).collect();
    let keep: Vec<usize> = passing
        .iter()
        .map(|c| all.iter().position(|id| *id == c.id).expect("known"))
        .collect();
    if keep.len() == all.len() {
        return matrix.principal_eigen().0;
    }
    matrix.restricted(&keep).principal_eigen().0
}

fn smaa_report(
    problem: &Problem,
    passing: &[&Candidate],
    outcome: smaa::SmaaOutcome,
) -> SmaaReport {
    let ids = || passing.iter().map(|c| c.id.clone());
    let criterion_ids = || problem.criteria.iter().map(|c| c.id.clone());
    SmaaReport {
        samples: outcome.samples,
        seed: problem.smaa_seed,
        criteria_ranking: problem
            .criteria_ranking
            .iter()
            .map(|&j| problem.criteria[j].id.clone())
            .collect(),
        rank_acceptability: ids().zip(outcome.rank_acceptability).collect(),
        central_weights: ids()
            .zip(
                outcome
                    .central_weights
                    .into_iter()
                    .map(|w| w.map(|w| criterion_ids().zip(w).collect())),
            )
            .collect(),
        confidence: ids().zip(outcome.confidence).collect(),
    }
}

fn sensitivity_report(
    problem: &Problem,
    scorer: &Scorer,
    weights: &[f64],
    passing: &[&Candidate],
) -> IndexMap<String, Option<FlipReport>> {
    let flips = sensitivity::analyse(scorer, weights);
    problem
        .criteria
        .iter()
        .zip(flips)
        .map(|(criterion, flip)| {
            let report = flip.map(|f| FlipReport {
                weight_to_flip: f.weight_to_flip,
                delta: f.delta,
                new_leader: passing[f.new_leader].id.clone(),
            });
            (criterion.id.clone(), report)
        })
        .collect()
}

fn runway_report(problem: &Problem) -> Option<IndexMap<String, Option<f64>>> {
    let runway: IndexMap<String, Option<f64>> = problem
        .candidates
        .iter()
        .filter_map(|c| {
            c.runway_months
                .map(|m| (c.id.clone(), m.is_finite().then_some(m)))
        })
        .collect();
    (!runway.is_empty()).then_some(runway)
}
