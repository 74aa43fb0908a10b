//! What a person's decision still lacks, all of it at once: every missing value weight, rank or
//! comparison, every missing score and every attribute a deal-breaker tests that an option does
//! not have, each with the command that fills it.
//!
//! [`Snapshot::decision_document`] and the engine stop at the first of these; this lists them all
//! so that a person fills them in one pass. It covers only what is missing: a decision without
//! gaps may still be refused for other reasons (an inconsistent AHP matrix, a method that does
//! not fit the weighting), which the engine reports as before.

use serde::Serialize;

use crate::career::{Snapshot, Weighting};
use crate::decision::document::{AttrValue, Method};
use crate::decision::problem::RUNWAY_ATTRIBUTE;

/// One thing the decision lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "gap", rename_all = "snake_case")]
pub enum Gap {
    /// No values to judge the options on.
    NoValues,
    /// No options to decide between.
    NoOptions,
    /// Weighting is direct and this value has no weight.
    Weight { value: String },
    /// Weighting is by rank and these values have no rank (one gap: ranking is all at once).
    Rank {
        values: Vec<String>,
        order: Vec<String>,
    },
    /// Weighting is pairwise and this pair of values is not compared.
    Comparison { a: String, b: String },
    /// The option has no score for the value.
    Score { option: String, value: String },
    /// A deal-breaker tests an attribute the option does not have.
    Attribute {
        option: String,
        dealbreaker: String,
        attribute: String,
        /// What kind of value the deal-breaker compares with: "number", "yes/no" or "text".
        shape: &'static str,
    },
    /// A deal-breaker tests the runway, which needs finances and the option's net income.
    Runway {
        option: String,
        dealbreaker: String,
        finances: bool,
        net_income: bool,
    },
}

/// A gap as the review carries it: the gap itself, the sentence and the command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lack {
    #[serde(flatten)]
    pub gap: Gap,
    pub what: String,
    pub fill: String,
}

impl From<Gap> for Lack {
    fn from(gap: Gap) -> Self {
        Lack {
            what: gap.what(),
            fill: gap.fill(),
            gap,
        }
    }
}

/// The program's name in the commands a gap suggests.
const BIN: &str = "milemarker";

impl Gap {
    /// What is missing, in a sentence without a final stop.
    pub fn what(&self) -> String {
        match self {
            Gap::NoValues => "no values to judge your options on".into(),
            Gap::NoOptions => "no options to decide between".into(),
            Gap::Weight { value } => format!("value \"{value}\" has no weight"),
            Gap::Rank { values, .. } => {
                let quoted: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
                match quoted.split_last() {
                    Some((last, [])) => format!("value {last} has no rank"),
                    Some((last, rest)) => {
                        format!("values {} and {last} have no rank", rest.join(", "))
                    }
                    None => "no value has a rank".into(),
                }
            }
            Gap::Comparison { a, b } => format!("values \"{a}\" and \"{b}\" are not compared"),
            Gap::Score { option, value } => {
                format!("option \"{option}\" has no score for value \"{value}\"")
            }
            Gap::Attribute {
                option,
                dealbreaker,
                attribute,
                ..
            } => format!(
                "option \"{option}\" lacks attribute \"{attribute}\", which deal-breaker \
                 \"{dealbreaker}\" tests"
            ),
            Gap::Runway {
                option,
                dealbreaker,
                ..
            } => format!(
                "option \"{option}\" has no runway, which deal-breaker \"{dealbreaker}\" tests"
            ),
        }
    }

    /// The command that fills the gap; capitals (`N`, `TEXT`) are for the person to fill in.
    pub fn fill(&self) -> String {
        match self {
            Gap::NoValues => format!("{BIN} values set NAME --weight N"),
            Gap::NoOptions => format!("{BIN} option add ID --score VALUE=N"),
            Gap::Weight { value } => format!("{BIN} values set {value} --weight N"),
            Gap::Rank { order, .. } => format!("{BIN} values rank {}", order.join(" ")),
            Gap::Comparison { a, b } => format!("{BIN} values compare {a} {b} N"),
            Gap::Score { option, value } => format!("{BIN} option edit {option} --score {value}=N"),
            Gap::Attribute {
                option,
                attribute,
                shape,
                ..
            } => {
                let placeholder = match *shape {
                    "yes/no" => "yes|no",
                    "text" => "TEXT",
                    _ => "N",
                };
                format!("{BIN} option edit {option} --attr {attribute}={placeholder}")
            }
            Gap::Runway {
                option,
                finances,
                net_income,
                ..
            } => {
                let mut commands = Vec::new();
                if *finances {
                    commands.push(format!("{BIN} finances set --expenses N --savings N"));
                }
                if *net_income {
                    commands.push(format!("{BIN} option edit {option} --net-income N"));
                }
                if commands.is_empty() {
                    commands.push(format!("{BIN} option edit {option} --attr runway_months=N"));
                }
                commands.join(" and ")
            }
        }
    }
}

/// Every gap, one per line as "- what: `fill`", for the terminal and error messages.
pub fn describe(gaps: &[Gap]) -> String {
    gaps.iter()
        .map(|g| format!("  - {}: `{}`\n", g.what(), g.fill()))
        .collect()
}

impl Snapshot {
    /// What the decision by `method` (the weighting's own when `None`) still lacks: empty when
    /// nothing does.
    pub fn decision_gaps(&self, method: Option<Method>) -> Vec<Gap> {
        let method = method.unwrap_or_else(|| self.default_method());
        let mut gaps = Vec::new();
        if self.values.is_empty() {
            gaps.push(Gap::NoValues);
        }
        if self.options.is_empty() {
            gaps.push(Gap::NoOptions);
        }
        self.weight_gaps(method, &mut gaps);
        // Option by option, so that one `option edit` can fill all of an option's gaps.
        for option in &self.options {
            for value in &self.values {
                if !option.scores.contains_key(&value.id) {
                    gaps.push(Gap::Score {
                        option: option.id.clone(),
                        value: value.id.clone(),
                    });
                }
            }
            for must in &self.dealbreakers {
                // A deal-breaker naming a value tests the option's score for it: a missing score
                // is listed above, once.
                let tests_a_value = self.values.iter().any(|v| v.id == must.attribute);
                if option.attributes.contains_key(&must.attribute) || tests_a_value {
                    continue;
                }
                if must.attribute == RUNWAY_ATTRIBUTE {
                    let finances = self.finances.is_none();
                    let net_income = option.net_income.is_none();
                    if finances || net_income {
                        gaps.push(Gap::Runway {
                            option: option.id.clone(),
                            dealbreaker: must.id.clone(),
                            finances,
                            net_income,
                        });
                    }
                    continue;
                }
                gaps.push(Gap::Attribute {
                    option: option.id.clone(),
                    dealbreaker: must.id.clone(),
                    attribute: must.attribute.clone(),
                    shape: match must.value {
                        AttrValue::Bool(_) => "yes/no",
                        AttrValue::Number(_) => "number",
                        AttrValue::Text(_) => "text",
                    },
                });
            }
        }
        gaps
    }

    fn weight_gaps(&self, method: Method, gaps: &mut Vec<Gap>) {
        // SMAA explores every weighting, and under `unsure` the other methods take the centre
        // of what it explores (the values' order, or equal weights): neither needs a weight.
        // Every other method takes every weighting (Kepner-Tregoe scales them to 1-10).
        match (method, self.settings.weighting) {
            (Method::Smaa, _) | (_, Weighting::Unsure) => {}
            (_, Weighting::Ahp) => {
                for (i, a) in self.values.iter().enumerate() {
                    for b in self.values.iter().skip(i + 1) {
                        let compared = self
                            .value_judgements
                            .iter()
                            .any(|j| (j.a == a.id && j.b == b.id) || (j.a == b.id && j.b == a.id));
                        if !compared {
                            gaps.push(Gap::Comparison {
                                a: a.id.clone(),
                                b: b.id.clone(),
                            });
                        }
                    }
                }
            }
            (_, Weighting::Rank) => {
                let unranked: Vec<String> = self
                    .values
                    .iter()
                    .filter(|v| v.rank.is_none())
                    .map(|v| v.id.clone())
                    .collect();
                if !unranked.is_empty() {
                    gaps.push(Gap::Rank {
                        values: unranked,
                        order: self
                            .values_by_importance()
                            .iter()
                            .map(|v| v.id.clone())
                            .collect(),
                    });
                }
            }
            (_, Weighting::Direct) => {
                for value in self.values.iter().filter(|v| v.weight.is_none()) {
                    gaps.push(Gap::Weight {
                        value: value.id.clone(),
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::career::{CareerOption, DealBreaker, OptionKind, Value};
    use crate::decision::document::Op;

    fn value(id: &str, weight: Option<f64>) -> Value {
        Value {
            id: id.into(),
            weight,
            rank: None,
            onet_work_value: None,
            note: None,
        }
    }

    fn option(id: &str, scores: &[(&str, f64)], attrs: &[(&str, f64)]) -> CareerOption {
        CareerOption {
            id: id.into(),
            name: id.into(),
            kind: OptionKind::Stay,
            attributes: attrs
                .iter()
                .map(|(k, v)| (k.to_string(), AttrValue::Number(*v)))
                .collect(),
            scores: scores.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            scores_horizon: Default::default(),
            net_income: None,
            risks: Vec::new(),
            note: None,
        }
    }

    #[test]
    fn an_empty_record_lacks_values_and_options() {
        let s = Snapshot::default();
        assert_eq!(s.decision_gaps(None), vec![Gap::NoValues, Gap::NoOptions]);
    }

    #[test]
    fn every_gap_at_once_with_its_command() {
        let s = Snapshot {
            values: vec![value("pay", Some(8.0)), value("growth", None)],
            options: vec![
                option(
                    "stay",
                    &[("pay", 6.0), ("growth", 3.0)],
                    &[("remote_days", 2.0)],
                ),
                option("pm", &[("growth", 7.0)], &[]),
            ],
            dealbreakers: vec![DealBreaker {
                id: "remote".into(),
                attribute: "remote_days".into(),
                op: Op::Ge,
                value: AttrValue::Number(2.0),
                note: None,
            }],
            ..Snapshot::default()
        };
        let gaps = s.decision_gaps(None);
        assert_eq!(gaps.len(), 3, "{gaps:?}");
        let fills: Vec<String> = gaps.iter().map(Gap::fill).collect();
        assert_eq!(
            fills,
            [
                "milemarker values set growth --weight N",
                "milemarker option edit pm --score pay=N",
                "milemarker option edit pm --attr remote_days=N",
            ]
        );
        // SMAA needs no weights.
        assert_eq!(s.decision_gaps(Some(Method::Smaa)).len(), 2);
    }

    /// A deal-breaker on a value tests the score: an option missing that score lacks the score
    /// (once), not an attribute of that name.
    #[test]
    fn a_dealbreaker_on_a_value_asks_for_the_score() {
        let s = Snapshot {
            values: vec![value("autonomy", Some(8.0))],
            options: vec![
                option("stay", &[("autonomy", 5.0)], &[]),
                option("pm", &[], &[]),
            ],
            dealbreakers: vec![DealBreaker {
                id: "autonomy".into(),
                attribute: "autonomy".into(),
                op: Op::Ge,
                value: AttrValue::Number(6.0),
                note: None,
            }],
            ..Snapshot::default()
        };
        let fills: Vec<String> = s.decision_gaps(None).iter().map(Gap::fill).collect();
        assert_eq!(fills, ["milemarker option edit pm --score autonomy=N"]);
        let filled = Snapshot {
            options: vec![
                option("stay", &[("autonomy", 5.0)], &[]),
                option("pm", &[("autonomy", 7.0)], &[]),
            ],
            ..s
        };
        assert!(filled.decision_gaps(None).is_empty());
        assert!(filled.decision_document(None).is_ok());
    }

    #[test]
    fn a_record_without_gaps_makes_a_document() {
        let s = Snapshot {
            values: vec![value("pay", Some(8.0))],
            options: vec![option("stay", &[("pay", 6.0)], &[])],
            ..Snapshot::default()
        };
        assert!(s.decision_gaps(None).is_empty());
        assert!(s.decision_document(None).is_ok());
    }

    #[test]
    fn a_ranking_and_the_runway_are_gaps_too() {
        let mut s = Snapshot {
            values: vec![value("pay", None), value("growth", None)],
            options: vec![option("stay", &[("pay", 6.0), ("growth", 3.0)], &[])],
            dealbreakers: vec![DealBreaker {
                id: "runway".into(),
                attribute: RUNWAY_ATTRIBUTE.into(),
                op: Op::Ge,
                value: AttrValue::Number(6.0),
                note: None,
            }],
            ..Snapshot::default()
        };
        s.settings.weighting = Weighting::Rank;
        s.values[1].rank = Some(1);
        let gaps = s.decision_gaps(None);
        assert_eq!(gaps[0].what(), "value \"pay\" has no rank");
        assert_eq!(gaps[0].fill(), "milemarker values rank growth pay");
        assert_eq!(
            gaps[1].fill(),
            "milemarker finances set --expenses N --savings N and \
             milemarker option edit stay --net-income N"
        );
        assert_eq!(gaps.len(), 2);
    }
}
