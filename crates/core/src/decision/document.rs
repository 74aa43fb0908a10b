//! The decision document (DESIGN 5.2) as it is written: JSON or TOML, parsed with errors that
//! name the field path and, for syntax, the line and column.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::error::DocumentError;

/// A decision document as written by a person or another program.
///
/// Field names are the contract in DESIGN 5.2; unknown fields are refused so that a misspelt
/// field is an error rather than a silently ignored setting.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionDocument {
    #[serde(default)]
    pub method: Method,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normalization: Option<Normalization>,
    #[serde(default)]
    pub criteria: Vec<CriterionSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criteria_pairwise: Option<Vec<Vec<Judgement>>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub musts: Vec<MustSpec>,
    #[serde(default)]
    pub options: Vec<OptionSpec>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub options_pairwise: IndexMap<String, Vec<Vec<Judgement>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smaa: Option<SmaaSpec>,
    #[serde(default)]
    pub sensitivity: bool,
    /// Career layer: how much the horizon scores count against today's (003).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon: Option<HorizonSpec>,
    /// Career layer: money in and out, giving each option a runway in months (001, 002).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finances: Option<FinancesSpec>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// Kepner-Tregoe: MUSTs screen, WANT weights 1-10 times scores 1-10.
    Kt,
    /// Weighted sum with a named normalisation.
    #[default]
    Wsm,
    Topsis,
    Ahp,
    Smaa,
}

impl Method {
    /// Every choice, in the order a list of them shows.
    pub const ALL: [Method; 5] = [
        Method::Kt,
        Method::Wsm,
        Method::Topsis,
        Method::Ahp,
        Method::Smaa,
    ];

    /// The method in a few words, for someone who is not an engineer.
    pub fn description(self) -> &'static str {
        match self {
            Method::Kt => "Kepner-Tregoe: deal-breakers first, then importance x score",
            Method::Wsm => "weighted sum",
            Method::Topsis => "TOPSIS: closeness to the ideal option",
            Method::Ahp => "AHP: pairwise comparisons",
            Method::Smaa => "SMAA-2: every weighting your ranking allows",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Kt => "kt",
            Method::Wsm => "wsm",
            Method::Topsis => "topsis",
            Method::Ahp => "ahp",
            Method::Smaa => "smaa",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Normalization {
    #[default]
    None,
    Max,
    Minmax,
    Sum,
}

impl Normalization {
    pub fn as_str(self) -> &'static str {
        match self {
            Normalization::None => "none",
            Normalization::Max => "max",
            Normalization::Minmax => "minmax",
            Normalization::Sum => "sum",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Benefit,
    Cost,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionSpec {
    pub id: String,
    #[serde(default)]
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "==")]
    Eq,
    #[serde(rename = "!=")]
    Ne,
}

impl Op {
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Ge => ">=",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Lt => "<",
            Op::Eq => "==",
            Op::Ne => "!=",
        }
    }

    pub fn parse(text: &str) -> Option<Op> {
        Some(match text {
            ">=" => Op::Ge,
            "<=" => Op::Le,
            ">" => Op::Gt,
            "<" => Op::Lt,
            "==" | "=" => Op::Eq,
            "!=" => Op::Ne,
            _ => return None,
        })
    }
}

/// An attribute value of an option: a number, a yes/no, or a word.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AttrValue {
    Bool(bool),
    Number(f64),
    Text(String),
}

impl AttrValue {
    pub fn as_number(&self) -> Option<f64> {
        match self {
            AttrValue::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn type_name(&self) -> &'static str {
        match self {
            AttrValue::Bool(_) => "a yes/no",
            AttrValue::Number(_) => "a number",
            AttrValue::Text(_) => "text",
        }
    }
}

impl std::fmt::Display for AttrValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AttrValue::Bool(b) => write!(f, "{b}"),
            AttrValue::Number(n) => write!(f, "{}", super::format_number(*n)),
            AttrValue::Text(t) => write!(f, "\"{t}\""),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MustSpec {
    pub id: String,
    pub attribute: String,
    pub op: Op,
    pub value: AttrValue,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionSpec {
    pub id: String,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub attributes: IndexMap<String, AttrValue>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub scores: IndexMap<String, f64>,
    /// Scores at the horizon (003: "consider the long-term benefits over the immediate
    /// situation"); a criterion missing here keeps today's score.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub scores_horizon: IndexMap<String, f64>,
    /// Net monthly income on this path, for the runway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub net_income: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risks: Vec<RiskSpec>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RiskKind {
    /// Something you are afraid of: test it.
    #[default]
    Fear,
    /// Something that will happen: plan for it.
    Fact,
}

impl RiskKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RiskKind::Fear => "fear",
            RiskKind::Fact => "fact",
        }
    }
}

/// An adverse consequence, scored as Kepner-Tregoe does: probability and seriousness, 1-10 each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskSpec {
    pub name: String,
    pub probability: f64,
    pub seriousness: f64,
    #[serde(default)]
    pub kind: RiskKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmaaSpec {
    #[serde(default = "default_samples")]
    pub samples: u64,
    #[serde(default = "default_seed")]
    pub seed: u64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria_ranking: Vec<String>,
}

impl Default for SmaaSpec {
    fn default() -> Self {
        SmaaSpec {
            samples: default_samples(),
            seed: default_seed(),
            criteria_ranking: Vec::new(),
        }
    }
}

pub const DEFAULT_SMAA_SAMPLES: u64 = 100_000;

fn default_samples() -> u64 {
    DEFAULT_SMAA_SAMPLES
}

fn default_seed() -> u64 {
    1
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HorizonSpec {
    #[serde(default = "default_horizon_years")]
    pub years: f64,
    /// 0 = only today counts, 1 = only the horizon counts.
    pub weight: f64,
}

fn default_horizon_years() -> f64 {
    2.0
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FinancesSpec {
    pub monthly_expenses: f64,
    pub savings: f64,
    #[serde(default)]
    pub other_income: f64,
}

/// A pairwise judgement: a number or a fraction written as text ("1/3").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Judgement {
    Number(f64),
    Text(String),
}

impl Judgement {
    /// The value of the judgement, or why it cannot be read.
    pub fn value(&self) -> Result<f64, String> {
        match self {
            Judgement::Number(n) => Ok(*n),
            Judgement::Text(text) => parse_fraction(text)
                .ok_or_else(|| format!("\"{text}\" is not a number or a fraction like \"1/3\"")),
        }
    }
}

fn parse_fraction(text: &str) -> Option<f64> {
    let text = text.trim();
    match text.split_once('/') {
        Some((num, den)) => {
            let num: f64 = num.trim().parse().ok()?;
            let den: f64 = den.trim().parse().ok()?;
            (den != 0.0).then_some(num / den)
        }
        None => text.parse().ok(),
    }
}

impl DecisionDocument {
    pub fn from_json_str(text: &str) -> Result<Self, DocumentError> {
        let mut de = serde_json::Deserializer::from_str(text);
        let doc: Self = serde_path_to_error::deserialize(&mut de).map_err(|err| {
            let path = err.path().to_string();
            let inner = err.into_inner();
            DocumentError::Parse {
                format: "JSON",
                path: (!inner.is_syntax() && !inner.is_eof() && path != ".").then_some(path),
                line: inner.line(),
                column: inner.column(),
                message: strip_position(&inner.to_string()),
            }
        })?;
        de.end().map_err(|inner| DocumentError::Parse {
            format: "JSON",
            path: None,
            line: inner.line(),
            column: inner.column(),
            message: strip_position(&inner.to_string()),
        })?;
        Ok(doc)
    }

    pub fn from_toml_str(text: &str) -> Result<Self, DocumentError> {
        let de = toml::Deserializer::parse(text).map_err(|err| toml_error(text, None, &err))?;
        serde_path_to_error::deserialize(de).map_err(|err| {
            let path = err.path().to_string();
            toml_error(text, (path != ".").then_some(path), err.inner())
        })
    }

    /// Parses by file name: `.toml` is TOML, anything else JSON.
    pub fn from_str_named(name: &str, text: &str) -> Result<Self, DocumentError> {
        if name.to_ascii_lowercase().ends_with(".toml") {
            Self::from_toml_str(text)
        } else {
            Self::from_json_str(text)
        }
    }
}

fn toml_error(text: &str, path: Option<String>, err: &toml::de::Error) -> DocumentError {
    let (line, column) = match err.span() {
        Some(span) => line_and_column(text, span.start),
        None => (0, 0),
    };
    DocumentError::Parse {
        format: "TOML",
        path,
        line,
        column,
        message: err.message().trim().to_string(),
    }
}

/// 1-based line and column of a byte offset.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// serde_json appends " at line L column C"; the error carries those separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_and_numbers_are_judgements() {
        assert_eq!(Judgement::Text("1/3".into()).value().unwrap(), 1.0 / 3.0);
        assert_eq!(Judgement::Text(" 5 ".into()).value().unwrap(), 5.0);
        assert_eq!(Judgement::Number(0.5).value().unwrap(), 0.5);
        assert!(Judgement::Text("1/0".into()).value().is_err());
        assert!(Judgement::Text("three".into()).value().is_err());
    }

    #[test]
    fn json_syntax_error_names_line_and_column() {
        let err =
            DecisionDocument::from_json_str("{\n  \"method\": \"kt\",\n  \"criteria\": [,]\n}")
                .unwrap_err();
        match err {
            DocumentError::Parse {
                format,
                line,
                column,
                path,
                ..
            } => {
                assert_eq!((format, line, path), ("JSON", 3, None));
                assert!(column > 0);
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn misspelt_kind_names_its_path() {
        let text = r#"{"criteria": [{"id": "pay", "kind": "benfit", "weight": 3}]}"#;
        let err = DecisionDocument::from_json_str(text)
            .unwrap_err()
            .to_string();
        assert!(err.contains("criteria[0].kind"), "{err}");
        assert!(err.contains("benefit"), "{err}");
    }

    #[test]
    fn unknown_method_is_refused() {
        let err = DecisionDocument::from_json_str(r#"{"method": "electre"}"#).unwrap_err();
        assert!(err.to_string().contains("method"), "{err}");
        assert!(err.to_string().contains("topsis"), "{err}");
    }

    #[test]
    fn toml_error_names_line() {
        let text = "method = \"kt\"\n[[criteria]]\nid = \"pay\"\nweight = \"heavy\"\n";
        let err = DecisionDocument::from_toml_str(text).unwrap_err();
        match err {
            DocumentError::Parse {
                format: "TOML",
                line: 4,
                path: Some(path),
                ..
            } => {
                assert_eq!(path, "criteria[0].weight")
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn toml_and_json_read_the_same_document() {
        let json = r#"{"method":"kt","criteria":[{"id":"pay","weight":8}],
            "musts":[{"id":"M1","attribute":"salary","op":">=","value":55000}],
            "options":[{"id":"stay","attributes":{"salary":72000},"scores":{"pay":7}}],
            "criteria_pairwise":[[1,"1/3"],[3,1]]}"#;
        let toml = r#"
method = "kt"
criteria_pairwise = [[1, "1/3"], [3, 1]]
[[criteria]]
id = "pay"
weight = 8
[[musts]]
id = "M1"
attribute = "salary"
op = ">="
value = 55000
[[options]]
id = "stay"
attributes = { salary = 72000 }
scores = { pay = 7 }
"#;
        let a = DecisionDocument::from_json_str(json).unwrap();
        let b = DecisionDocument::from_toml_str(toml).unwrap();
        // TOML integers arrive as integers; compare through JSON to normalise.
        assert_eq!(
            serde_json::to_value(&a).unwrap(),
            serde_json::to_value(&b).unwrap()
        );
    }
}
