//! A decision document checked once: every later step works on valid, indexed data.

use indexmap::IndexMap;

use super::ahp::PairwiseMatrix;
use super::document::{
    AttrValue, DecisionDocument, FinancesSpec, Kind, Method, MustSpec, Normalization, Op, RiskSpec,
};
use super::error::DocumentError;

/// The attribute that finances add to every option with a net income.
pub const RUNWAY_ATTRIBUTE: &str = "runway_months";

#[derive(Debug, Clone)]
pub struct Criterion {
    pub id: String,
    pub kind: Kind,
    pub weight: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: String,
    pub attributes: IndexMap<String, AttrValue>,
    /// Effective score per criterion (today blended with the horizon), `None` where not needed.
    pub scores: Vec<Option<f64>>,
    pub risks: Vec<RiskSpec>,
    /// Months the savings last on this path; `Some(INFINITY)` when income covers expenses.
    pub runway_months: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct Problem {
    pub method: Method,
    pub normalization: Normalization,
    pub criteria: Vec<Criterion>,
    pub criteria_pairwise: Option<PairwiseMatrix>,
    pub musts: Vec<MustSpec>,
    pub candidates: Vec<Candidate>,
    /// Per criterion, the options' pairwise matrix when the document gives one (AHP).
    pub options_pairwise: Vec<Option<PairwiseMatrix>>,
    pub smaa_samples: u64,
    pub smaa_seed: u64,
    /// Criterion indices from most to least important, for SMAA's constrained weights.
    pub criteria_ranking: Vec<usize>,
    pub sensitivity: bool,
    pub horizon: Option<(f64, f64)>,
    pub warnings: Vec<String>,
}

impl Problem {
    pub fn from_document(doc: &DecisionDocument) -> Result<Self, DocumentError> {
        let mut warnings = Vec::new();
        let criteria = check_criteria(doc, &mut warnings)?;
        let criteria_pairwise = match &doc.criteria_pairwise {
            Some(rows) => {
                let labels: Vec<&str> = criteria.iter().map(|c| c.id.as_str()).collect();
                if labels.is_empty() {
                    return Err(DocumentError::invalid(
                        "criteria",
                        "criteria_pairwise needs the criteria it compares: list them, in the \
                         order of the matrix rows, under \"criteria\"",
                    ));
                }
                Some(PairwiseMatrix::from_judgements(
                    "criteria_pairwise",
                    rows,
                    &labels,
                )?)
            }
            None => None,
        };
        let horizon = check_horizon(doc)?;
        let options_pairwise = check_options_pairwise(doc, &criteria)?;
        let candidates = check_options(doc, &criteria, &options_pairwise, horizon)?;
        check_musts(doc, &candidates)?;
        let normalization = check_normalization(doc, &mut warnings);
        let (smaa_samples, smaa_seed, criteria_ranking) = check_smaa(doc, &criteria)?;
        if doc.method != Method::Smaa && doc.smaa.is_some() {
            warnings.push(format!(
                "the \"smaa\" settings are used only with method \"smaa\"; method \"{}\" ignores them",
                doc.method.as_str()
            ));
        }
        Ok(Problem {
            method: doc.method,
            normalization,
            criteria,
            criteria_pairwise,
            musts: doc.musts.clone(),
            candidates,
            options_pairwise,
            smaa_samples,
            smaa_seed,
            criteria_ranking,
            sensitivity: doc.sensitivity,
            horizon: doc.horizon.as_ref().map(|h| (h.years, h.weight)),
            warnings,
        })
    }
}

fn check_criteria(
    doc: &DecisionDocument,
    warnings: &mut Vec<String>,
) -> Result<Vec<Criterion>, DocumentError> {
    let mut criteria: Vec<Criterion> = Vec::with_capacity(doc.criteria.len());
    let weights_from_elsewhere = doc.method == Method::Smaa
        || (doc.method == Method::Ahp && doc.criteria_pairwise.is_some());
    for (i, spec) in doc.criteria.iter().enumerate() {
        let path = format!("criteria[{i}]");
        check_id(&format!("{path}.id"), &spec.id)?;
        if criteria.iter().any(|c| c.id == spec.id) {
            return Err(DocumentError::invalid(
                format!("{path}.id"),
                format!(
                    "criterion \"{}\" is listed twice; give each criterion one entry",
                    spec.id
                ),
            ));
        }
        if let Some(weight) = spec.weight {
            if !weight.is_finite() || weight < 0.0 {
                return Err(DocumentError::invalid(
                    format!("{path}.weight"),
                    format!("weight {weight} is negative or not a number; weights are 0 or more"),
                ));
            }
            if doc.method == Method::Kt && !(1.0..=10.0).contains(&weight) {
                return Err(DocumentError::invalid(
                    format!("{path}.weight"),
                    format!(
                        "Kepner-Tregoe WANT weights run from 1 to 10, and {weight} is outside; \
                         use 10 for the most important want"
                    ),
                ));
            }
        } else if !weights_from_elsewhere {
            return Err(DocumentError::invalid(
                format!("{path}.weight"),
                format!(
                    "criterion \"{}\" has no weight; give it one (method \"{}\" needs weights), \
                     or use method \"ahp\" with criteria_pairwise, or \"smaa\" if you are unsure",
                    spec.id,
                    doc.method.as_str()
                ),
            ));
        }
        if doc.method == Method::Smaa && spec.kind == Kind::Cost {
            warnings.push(format!(
                "smaa reads scores as 0-1 values where higher is better; criterion \"{}\" is \
                 marked cost, so score it as how good its cost is",
                spec.id
            ));
        }
        criteria.push(Criterion {
            id: spec.id.clone(),
            kind: spec.kind,
            weight: spec.weight,
        });
    }
    let given: Vec<f64> = criteria.iter().filter_map(|c| c.weight).collect();
    if !weights_from_elsewhere && !given.is_empty() && given.iter().sum::<f64>() <= 0.0 {
        return Err(DocumentError::invalid(
            "criteria",
            "every weight is 0, so nothing counts; give at least one criterion a positive weight",
        ));
    }
    if doc.method == Method::Smaa && given.iter().any(|_| true) {
        warnings.push(
            "smaa samples the weights, so the weights given in criteria are not used".to_string(),
        );
    }
    Ok(criteria)
}

fn check_id(path: &str, id: &str) -> Result<(), DocumentError> {
    if id.trim().is_empty() {
        return Err(DocumentError::invalid(
            path,
            "the id is empty; give it a short name",
        ));
    }
    Ok(())
}

fn check_horizon(doc: &DecisionDocument) -> Result<Option<f64>, DocumentError> {
    let Some(horizon) = &doc.horizon else {
        return Ok(None);
    };
    if !(0.0..=1.0).contains(&horizon.weight) {
        return Err(DocumentError::invalid(
            "horizon.weight",
            format!(
                "{} is outside 0..1; 0 counts only today, 1 only the horizon, 0.5 both alike",
                horizon.weight
            ),
        ));
    }
    if !horizon.years.is_finite() || horizon.years <= 0.0 {
        return Err(DocumentError::invalid(
            "horizon.years",
            format!("{} is not a positive number of years", horizon.years),
        ));
    }
    Ok(Some(horizon.weight))
}

fn check_options_pairwise(
    doc: &DecisionDocument,
    criteria: &[Criterion],
) -> Result<Vec<Option<PairwiseMatrix>>, DocumentError> {
    let mut matrices = vec![None; criteria.len()];
    if doc.options_pairwise.is_empty() {
        return Ok(matrices);
    }
    let labels: Vec<&str> = doc.options.iter().map(|o| o.id.as_str()).collect();
    for (criterion, rows) in &doc.options_pairwise {
        let path = format!("options_pairwise.{criterion}");
        let Some(index) = criteria.iter().position(|c| &c.id == criterion) else {
            return Err(DocumentError::invalid(
                path,
                format!(
                    "\"{criterion}\" is not one of the criteria ({})",
                    id_list(criteria)
                ),
            ));
        };
        matrices[index] = Some(PairwiseMatrix::from_judgements(&path, rows, &labels)?);
    }
    if doc.method != Method::Ahp {
        return Err(DocumentError::invalid(
            "options_pairwise",
            format!(
                "pairwise comparisons of options are an AHP input; set \"method\": \"ahp\" or \
                 give scores instead (method is \"{}\")",
                doc.method.as_str()
            ),
        ));
    }
    Ok(matrices)
}

fn id_list(criteria: &[Criterion]) -> String {
    criteria
        .iter()
        .map(|c| c.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn check_options(
    doc: &DecisionDocument,
    criteria: &[Criterion],
    options_pairwise: &[Option<PairwiseMatrix>],
    horizon_weight: Option<f64>,
) -> Result<Vec<Candidate>, DocumentError> {
    let mut candidates: Vec<Candidate> = Vec::with_capacity(doc.options.len());
    for (i, option) in doc.options.iter().enumerate() {
        let path = format!("options[{i}]");
        check_id(&format!("{path}.id"), &option.id)?;
        if candidates.iter().any(|c| c.id == option.id) {
            return Err(DocumentError::invalid(
                format!("{path}.id"),
                format!(
                    "option \"{}\" is listed twice; give each option its own id",
                    option.id
                ),
            ));
        }
        for key in option.scores.keys().chain(option.scores_horizon.keys()) {
            if !criteria.iter().any(|c| &c.id == key) {
                return Err(DocumentError::invalid(
                    format!("{path}.scores.{key}"),
                    format!(
                        "\"{key}\" is not one of the criteria ({}); fix the name or add the criterion",
                        id_list(criteria)
                    ),
                ));
            }
        }
        let mut scores = Vec::with_capacity(criteria.len());
        for (j, criterion) in criteria.iter().enumerate() {
            let needed = options_pairwise[j].is_none();
            let now = option.scores.get(&criterion.id).copied();
            let score = match (now, needed) {
                (Some(now), _) => {
                    let later = option.scores_horizon.get(&criterion.id).copied();
                    check_score(doc.method, &format!("{path}.scores.{}", criterion.id), now)?;
                    if let Some(later) = later {
                        check_score(
                            doc.method,
                            &format!("{path}.scores_horizon.{}", criterion.id),
                            later,
                        )?;
                    }
                    Some(blend(now, later, horizon_weight))
                }
                (None, true) => {
                    return Err(DocumentError::invalid(
                        format!("{path}.scores.{}", criterion.id),
                        format!(
                            "option \"{}\" has no score for criterion \"{}\"; every option needs a \
                             score for every criterion",
                            option.id, criterion.id
                        ),
                    ));
                }
                (None, false) => None,
            };
            scores.push(score);
        }
        for (r, risk) in option.risks.iter().enumerate() {
            let rpath = format!("{path}.risks[{r}]");
            for (field, value) in [
                ("probability", risk.probability),
                ("seriousness", risk.seriousness),
            ] {
                if !(1.0..=10.0).contains(&value) {
                    return Err(DocumentError::invalid(
                        format!("{rpath}.{field}"),
                        format!(
                            "{field} {value} is outside 1..10 (1 = hardly, 10 = certainly/gravely)"
                        ),
                    ));
                }
            }
        }
        let mut attributes = option.attributes.clone();
        let runway_months = runway(
            doc.finances.as_ref(),
            option.net_income,
            &format!("{path}.net_income"),
        )?;
        if let Some(months) = runway_months {
            attributes
                .entry(RUNWAY_ATTRIBUTE.to_string())
                .or_insert(AttrValue::Number(months));
        }
        candidates.push(Candidate {
            id: option.id.clone(),
            attributes,
            scores,
            risks: option.risks.clone(),
            runway_months,
        });
    }
    Ok(candidates)
}

fn blend(now: f64, later: Option<f64>, horizon_weight: Option<f64>) -> f64 {
    match (later, horizon_weight) {
        (Some(later), Some(h)) => (1.0 - h) * now + h * later,
        _ => now,
    }
}

fn check_score(method: Method, path: &str, score: f64) -> Result<(), DocumentError> {
    if !score.is_finite() {
        return Err(DocumentError::invalid(
            path,
            "the score is not a finite number",
        ));
    }
    let range = match method {
        Method::Kt => Some((1.0, 10.0, "Kepner-Tregoe scores run from 1 to 10 (10 best)")),
        Method::Smaa => Some((
            0.0,
            1.0,
            "smaa scores are partial values from 0 to 1, higher is better",
        )),
        _ => None,
    };
    match range {
        Some((low, high, why)) if !(low..=high).contains(&score) => Err(DocumentError::invalid(
            path,
            format!("{score} is outside {low}..{high}: {why}"),
        )),
        _ => Ok(()),
    }
}

/// Runway in months = savings / max(0, expenses - income) (DESIGN 4.2).
pub fn runway_months(finances: &FinancesSpec, net_income: f64) -> f64 {
    let burn = finances.monthly_expenses - net_income - finances.other_income;
    if burn <= 0.0 {
        f64::INFINITY
    } else {
        (finances.savings.max(0.0)) / burn
    }
}

fn runway(
    finances: Option<&FinancesSpec>,
    net_income: Option<f64>,
    path: &str,
) -> Result<Option<f64>, DocumentError> {
    match (finances, net_income) {
        (Some(finances), Some(income)) => {
            if !income.is_finite() {
                return Err(DocumentError::invalid(
                    path,
                    "net income is not a finite number",
                ));
            }
            for (field, value) in [
                ("monthly_expenses", finances.monthly_expenses),
                ("savings", finances.savings),
                ("other_income", finances.other_income),
            ] {
                if !value.is_finite() || value < 0.0 {
                    return Err(DocumentError::invalid(
                        format!("finances.{field}"),
                        format!("{value} must be a number of 0 or more"),
                    ));
                }
            }
            Ok(Some(runway_months(finances, income)))
        }
        _ => Ok(None),
    }
}

fn check_musts(doc: &DecisionDocument, candidates: &[Candidate]) -> Result<(), DocumentError> {
    let mut seen: Vec<&str> = Vec::new();
    for (m, must) in doc.musts.iter().enumerate() {
        let path = format!("musts[{m}]");
        check_id(&format!("{path}.id"), &must.id)?;
        if seen.contains(&must.id.as_str()) {
            return Err(DocumentError::invalid(
                format!("{path}.id"),
                format!(
                    "must \"{}\" is listed twice; give each must its own id",
                    must.id
                ),
            ));
        }
        seen.push(&must.id);
        if let AttrValue::Number(n) = must.value
            && !n.is_finite()
        {
            return Err(DocumentError::invalid(
                format!("{path}.value"),
                "not a finite number",
            ));
        }
        for candidate in candidates {
            let Some(actual) = candidate.attributes.get(&must.attribute) else {
                let hint = if must.attribute == RUNWAY_ATTRIBUTE {
                    " (runway comes from \"finances\" and each option's \"net_income\")"
                } else {
                    ""
                };
                return Err(DocumentError::invalid(
                    format!("{path}.attribute"),
                    format!(
                        "must \"{}\" tests attribute \"{}\", which option \"{}\" lacks; add \
                         \"{}\" to that option's attributes{hint}",
                        must.id, must.attribute, candidate.id, must.attribute
                    ),
                ));
            };
            compare(must.op, actual, &must.value).map_err(|why| {
                DocumentError::invalid(
                    format!("{path}.value"),
                    format!(
                        "must \"{}\" cannot compare option \"{}\": {why}",
                        must.id, candidate.id
                    ),
                )
            })?;
        }
    }
    Ok(())
}

/// Whether a deal-breaker that holds, holds only at the line: an inclusive threshold
/// (`>=`, `<=`) met exactly. The margin is equality, within the tie tolerance
/// ([`super::ranking::TIE_EPSILON`]): 6 for `>= 6` is at the line, 6.01 is not. Strict thresholds
/// (`>`, `<`) fail at the line, so they never pass there; `==`, `!=` and yes/no or text rules
/// name a point rather than a threshold, so they have no line to be at.
pub fn at_the_line(op: Op, actual: &AttrValue, required: &AttrValue) -> bool {
    match (op, actual, required) {
        (Op::Ge | Op::Le, AttrValue::Number(a), AttrValue::Number(r)) => {
            (*a - *r).abs() <= super::ranking::TIE_EPSILON
        }
        _ => false,
    }
}

/// Whether `actual op required` holds; inclusive thresholds as written (DESIGN 4.2).
pub fn compare(op: Op, actual: &AttrValue, required: &AttrValue) -> Result<bool, String> {
    match (actual, required) {
        (AttrValue::Number(a), AttrValue::Number(r)) => Ok(match op {
            Op::Ge => *a >= *r,
            Op::Le => *a <= *r,
            Op::Gt => *a > *r,
            Op::Lt => *a < *r,
            Op::Eq => (*a - *r).abs() <= super::ranking::TIE_EPSILON,
            Op::Ne => (*a - *r).abs() > super::ranking::TIE_EPSILON,
        }),
        _ if std::mem::discriminant(actual) != std::mem::discriminant(required) => Err(format!(
            "the option has {} ({actual}) but the must expects {} ({required})",
            actual.type_name(),
            required.type_name()
        )),
        _ => match op {
            Op::Eq => Ok(actual == required),
            Op::Ne => Ok(actual != required),
            _ => Err(format!(
                "\"{}\" orders numbers only, and {required} is {}; use == or !=",
                op.as_str(),
                required.type_name()
            )),
        },
    }
}

fn check_normalization(doc: &DecisionDocument, warnings: &mut Vec<String>) -> Normalization {
    match (doc.method, doc.normalization) {
        (Method::Wsm, n) => n.unwrap_or_default(),
        (method, Some(n)) if n != Normalization::None || method != Method::Kt => {
            let how = match method {
                Method::Kt => "uses the 1-10 scores as they are",
                Method::Topsis => "always uses vector normalisation",
                Method::Ahp => "normalises each criterion's priorities to sum to 1",
                Method::Smaa => "takes scores already on a 0-1 scale",
                Method::Wsm => unreachable!(),
            };
            warnings.push(format!(
                "normalization \"{}\" applies to wsm only; {} {how}",
                n.as_str(),
                method.as_str()
            ));
            Normalization::None
        }
        _ => Normalization::None,
    }
}

fn check_smaa(
    doc: &DecisionDocument,
    criteria: &[Criterion],
) -> Result<(u64, u64, Vec<usize>), DocumentError> {
    let spec = doc.smaa.clone().unwrap_or_default();
    if doc.method == Method::Smaa && !(1..=100_000_000).contains(&spec.samples) {
        return Err(DocumentError::invalid(
            "smaa.samples",
            format!("{} samples is outside 1..100000000", spec.samples),
        ));
    }
    let mut ranking = Vec::with_capacity(spec.criteria_ranking.len());
    for (i, id) in spec.criteria_ranking.iter().enumerate() {
        let path = format!("smaa.criteria_ranking[{i}]");
        let Some(index) = criteria.iter().position(|c| &c.id == id) else {
            return Err(DocumentError::invalid(
                path,
                format!(
                    "\"{id}\" is not one of the criteria ({})",
                    id_list(criteria)
                ),
            ));
        };
        if ranking.contains(&index) {
            return Err(DocumentError::invalid(
                path,
                format!("\"{id}\" is ranked twice"),
            ));
        }
        ranking.push(index);
    }
    Ok((spec.samples, spec.seed, ranking))
}

#[cfg(test)]
mod at_the_line_tests {
    use super::*;

    fn n(x: f64) -> AttrValue {
        AttrValue::Number(x)
    }

    #[test]
    fn a_number_exactly_at_an_inclusive_threshold_is_at_the_line() {
        assert!(at_the_line(Op::Ge, &n(6.0), &n(6.0)));
        assert!(at_the_line(Op::Le, &n(45.0), &n(45.0)));
        // Within the tie tolerance counts as equal (a score typed as 6.0000000001).
        assert!(at_the_line(Op::Ge, &n(6.0 + 1e-12), &n(6.0)));
    }

    #[test]
    fn just_inside_is_not_at_the_line() {
        assert!(!at_the_line(Op::Ge, &n(6.01), &n(6.0)));
        assert!(!at_the_line(Op::Ge, &n(7.0), &n(6.0)));
        assert!(!at_the_line(Op::Le, &n(44.5), &n(45.0)));
        // Strict thresholds fail at the line: nothing that passes them is at it.
        assert!(!at_the_line(Op::Gt, &n(6.0), &n(6.0)));
        assert!(!at_the_line(Op::Lt, &n(45.0), &n(45.0)));
    }

    #[test]
    fn equality_bool_and_text_rules_have_no_line() {
        assert!(!at_the_line(Op::Eq, &n(3.0), &n(3.0)));
        assert!(!at_the_line(Op::Ne, &n(3.0), &n(4.0)));
        let yes = AttrValue::Bool(true);
        assert!(!at_the_line(Op::Eq, &yes, &yes));
        let text = AttrValue::Text("manager".into());
        assert!(!at_the_line(Op::Eq, &text, &text));
        assert!(!at_the_line(Op::Ne, &AttrValue::Text("ic".into()), &text));
    }
}
