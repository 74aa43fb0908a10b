//! The bundled example person, modelled on seed 000 ("Three things I learned from taking a
//! backwards step in my career"): a marketing and communications lead at a 300-person company,
//! working 50-60 hour weeks, for whom a lack of autonomy, trust and flexibility are deal-breakers,
//! weighing a narrower product-marketing role, a part-time role, and staying.

use indexmap::IndexMap;
use jiff::civil::date;

use crate::career::{
    CareerOption, DealBreaker, DecisionSettings, Finances, OptionKind, Profile, SCHEMA_VERSION,
    Snapshot, Value, Weighting,
};
use crate::decision::document::{AttrValue, Op, RiskKind, RiskSpec};

fn value(id: &str, weight: f64, onet: Option<&str>, note: &str) -> Value {
    Value {
        id: id.into(),
        weight: Some(weight),
        rank: None,
        onet_work_value: onet.map(Into::into),
        note: Some(note.into()),
    }
}

fn must(id: &str, attribute: &str, op: Op, value: f64, note: &str) -> DealBreaker {
    DealBreaker {
        id: id.into(),
        attribute: attribute.into(),
        op,
        value: AttrValue::Number(value),
        note: Some(note.into()),
    }
}

fn numbers(pairs: &[(&str, f64)]) -> IndexMap<String, f64> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

fn attributes(pairs: &[(&str, f64)]) -> IndexMap<String, AttrValue> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), AttrValue::Number(*v)))
        .collect()
}

fn risk(name: &str, probability: f64, seriousness: f64, kind: RiskKind) -> RiskSpec {
    RiskSpec {
        name: name.into(),
        probability,
        seriousness,
        kind,
    }
}

pub fn person() -> Snapshot {
    Snapshot {
        schema_version: SCHEMA_VERSION,
        profile: Profile {
            name: Some("Alex Morgan".into()),
            occupation: Some("11-2021.00".into()),
            area: None,
            role_start: Some(date(2021, 3, 1)),
            last_promotion: Some(date(2021, 3, 1)),
            level: Some("Head of Marketing & Communications".into()),
            pay: Some(118_000.0),
            bonus: Some(8_000.0),
            equity: None,
            currency: "USD".into(),
            boundary_hours: 40.0,
            work_days: 5,
        },
        values: vec![
            value(
                "autonomy",
                10.0,
                Some("Independence"),
                "Run my own work without being second-guessed",
            ),
            value(
                "trust",
                9.0,
                Some("Support"),
                "A manager who trusts my judgement",
            ),
            value(
                "flexibility",
                9.0,
                Some("Working Conditions"),
                "Choose when and where I work",
            ),
            value(
                "family-time",
                8.0,
                None,
                "Evenings and weekends that are mine",
            ),
            value(
                "growth",
                6.0,
                Some("Achievement"),
                "Keep learning; don't get pigeon-holed",
            ),
            value(
                "pay",
                5.0,
                Some("Working Conditions"),
                "Enough to keep the household steady",
            ),
        ],
        dealbreakers: vec![
            must(
                "autonomy",
                "autonomy",
                Op::Ge,
                6.0,
                "Lack of autonomy is a total deal-breaker",
            ),
            must(
                "trust",
                "trust",
                Op::Ge,
                6.0,
                "Lack of trust is a total deal-breaker",
            ),
            must(
                "flexibility",
                "flexibility",
                Op::Ge,
                6.0,
                "Lack of flexibility is a total deal-breaker",
            ),
            must(
                "hours",
                "hours_per_week",
                Op::Le,
                45.0,
                "Never again 50-60 hour weeks",
            ),
            must(
                "runway",
                "runway_months",
                Op::Ge,
                6.0,
                "Six months of savings at the least",
            ),
        ],
        options: vec![
            CareerOption {
                id: "stay".into(),
                name: "Stay as head of marketing & communications".into(),
                kind: OptionKind::Stay,
                attributes: attributes(&[
                    ("hours_per_week", 55.0),
                    ("salary", 126_000.0),
                    ("remote_days", 1.0),
                    ("autonomy", 7.0),
                    ("trust", 7.0),
                    ("flexibility", 3.0),
                ]),
                scores: numbers(&[
                    ("autonomy", 7.0),
                    ("trust", 7.0),
                    ("flexibility", 3.0),
                    ("family-time", 2.0),
                    ("growth", 4.0),
                    ("pay", 9.0),
                ]),
                scores_horizon: numbers(&[("growth", 3.0)]),
                net_income: Some(7_600.0),
                risks: vec![
                    risk("burnout", 7.0, 8.0, RiskKind::Fact),
                    risk(
                        "peaked: the ceiling is right here",
                        6.0,
                        5.0,
                        RiskKind::Fact,
                    ),
                ],
                note: Some(
                    "Climbed as high as I can without banging my head on the ceiling".into(),
                ),
            },
            CareerOption {
                id: "product-marketing".into(),
                name: "Product marketing manager (narrower role)".into(),
                kind: OptionKind::StepBack,
                attributes: attributes(&[
                    ("hours_per_week", 42.0),
                    ("salary", 122_000.0),
                    ("remote_days", 3.0),
                    ("autonomy", 6.0),
                    ("trust", 6.0),
                    ("flexibility", 7.0),
                ]),
                scores: numbers(&[
                    ("autonomy", 6.0),
                    ("trust", 6.0),
                    ("flexibility", 7.0),
                    ("family-time", 7.0),
                    ("growth", 5.0),
                    ("pay", 8.0),
                ]),
                scores_horizon: numbers(&[("growth", 6.0)]),
                net_income: Some(7_400.0),
                risks: vec![
                    risk("pigeon-holed in a narrow role", 5.0, 6.0, RiskKind::Fear),
                    risk("people see it as a demotion", 6.0, 4.0, RiskKind::Fear),
                ],
                note: Some(
                    "A linear move salary-wise, a demotion for all intents and purposes".into(),
                ),
            },
            CareerOption {
                id: "part-time".into(),
                name: "Part-time communications lead, three days a week".into(),
                kind: OptionKind::PartTime,
                attributes: attributes(&[
                    ("hours_per_week", 24.0),
                    ("salary", 72_000.0),
                    ("remote_days", 3.0),
                    ("autonomy", 8.0),
                    ("trust", 8.0),
                    ("flexibility", 9.0),
                ]),
                scores: numbers(&[
                    ("autonomy", 8.0),
                    ("trust", 8.0),
                    ("flexibility", 9.0),
                    ("family-time", 10.0),
                    ("growth", 5.0),
                    ("pay", 4.0),
                ]),
                scores_horizon: numbers(&[("growth", 7.0)]),
                net_income: Some(4_600.0),
                risks: vec![
                    risk(
                        "others will judge me for leaning out",
                        6.0,
                        5.0,
                        RiskKind::Fear,
                    ),
                    risk(
                        "a gap on my resume stalls my career",
                        5.0,
                        6.0,
                        RiskKind::Fear,
                    ),
                    risk(
                        "household income drops by a third",
                        10.0,
                        4.0,
                        RiskKind::Fact,
                    ),
                ],
                note: None,
            },
        ],
        finances: Some(Finances {
            monthly_expenses: 9_500.0,
            savings: 48_000.0,
            other_income: 3_800.0,
        }),
        settings: DecisionSettings {
            weighting: Weighting::Direct,
            horizon_years: 2.0,
            horizon_weight: 0.3,
        },
        ..Snapshot::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::decide;

    #[test]
    fn the_example_is_valid_and_decides_as_the_seed_suggests() {
        let person = person();
        person.validate().unwrap();
        let result = decide(&person.decision_document(None).unwrap()).unwrap();
        // Staying breaks the flexibility and hours deal-breakers.
        assert_eq!(result.excluded.len(), 1);
        assert_eq!(result.excluded[0].option, "stay");
        assert_eq!(result.excluded[0].failed, vec!["flexibility", "hours"]);
        assert_eq!(result.leader().unwrap().option, "part-time");
        // Part-time looks riskier than product marketing only because of fears.
        let fear = result.fear_check.unwrap();
        assert_eq!(fear.least_risky, "product-marketing");
        assert!(fear.held_back_by_fears);
    }
}
