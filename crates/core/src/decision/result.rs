//! The decision result (DESIGN 5.2): field names are a contract for other programs.

use indexmap::IndexMap;
use serde::Serialize;

use super::ahp::Consistency;
use super::document::{AttrValue, Method, Op};
use super::fear::FearCheck;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionResult {
    pub method: Method,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub normalization: Option<&'static str>,
    /// Normalised weights (sum 1), by criterion id.
    pub weights: IndexMap<String, f64>,
    /// Options that fail a must, with the musts they fail; they never enter the ranking.
    pub excluded: Vec<Excluded>,
    /// Deal-breakers a ranked option meets only at the line (see [`super::problem::at_the_line`]):
    /// it passes, but a step less would rule it out.
    pub at_the_line: Vec<AtTheLine>,
    pub ranking: Vec<Ranked>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consistency: Option<ConsistencyReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smaa: Option<SmaaReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<IndexMap<String, Option<FlipReport>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fear_check: Option<FearCheck>,
    /// Months each option's savings last; `null` means income covers expenses (never runs out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runway_months: Option<IndexMap<String, Option<f64>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub horizon: Option<HorizonReport>,
    pub warnings: Vec<String>,
}

impl DecisionResult {
    /// The option ranked first in the strict order, if any passed the musts.
    pub fn leader(&self) -> Option<&Ranked> {
        self.ranking.first()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Excluded {
    pub option: String,
    /// Ids of the musts this option fails.
    pub failed: Vec<String>,
    pub reasons: Vec<FailedMust>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FailedMust {
    pub must: String,
    pub attribute: String,
    pub op: Op,
    pub required: AttrValue,
    pub actual: AttrValue,
}

/// An option that meets a deal-breaker exactly at its threshold: "meets autonomy >= 6 only at
/// the line". `attribute` is what the must tests (an attribute, or a value's score).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AtTheLine {
    pub option: String,
    pub must: String,
    pub attribute: String,
    pub op: Op,
    pub required: AttrValue,
    pub actual: AttrValue,
}

impl AtTheLine {
    /// "meets autonomy >= 6 only at the line".
    pub fn phrase(&self) -> String {
        format!(
            "meets {} {} {} only at the line",
            self.attribute,
            self.op.as_str(),
            self.required
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    pub option: String,
    pub score: f64,
    pub rank: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsistencyReport {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criteria: Option<Consistency>,
    /// One entry per `options_pairwise` matrix, by criterion id.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub options: IndexMap<String, Consistency>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SmaaReport {
    pub samples: u64,
    pub seed: u64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub criteria_ranking: Vec<String>,
    /// Per option, the share of draws at rank 1, 2, ... (a list by rank).
    pub rank_acceptability: IndexMap<String, Vec<f64>>,
    /// Per option, the mean weights that make it first, or null if nothing does.
    pub central_weights: IndexMap<String, Option<IndexMap<String, f64>>>,
    pub confidence: IndexMap<String, Option<f64>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlipReport {
    pub weight_to_flip: f64,
    pub delta: f64,
    pub new_leader: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HorizonReport {
    pub years: f64,
    pub weight: f64,
}
