//! The decision engine through its public entry point: documents in, results out.

use milemarker_core::decision::{DecisionDocument, decide};
use proptest::prelude::*;
use serde_json::{Value, json};

fn run(doc: Value) -> Value {
    let doc = DecisionDocument::from_json_str(&doc.to_string()).expect("document parses");
    serde_json::to_value(decide(&doc).expect("document decides")).unwrap()
}

fn error(doc: &str) -> String {
    match DecisionDocument::from_json_str(doc) {
        Err(err) => err.to_string(),
        Ok(doc) => decide(&doc)
            .expect_err("document should be refused")
            .to_string(),
    }
}

fn job_offers() -> Value {
    json!({
        "method": "kt",
        "criteria": [
            {"id": "autonomy", "weight": 10},
            {"id": "pay", "weight": 6},
            {"id": "growth", "weight": 4}
        ],
        "musts": [
            {"id": "M1", "attribute": "salary", "op": ">=", "value": 55000},
            {"id": "M2", "attribute": "hours", "op": "<=", "value": 45}
        ],
        "options": [
            {"id": "stay", "attributes": {"salary": 72000, "hours": 55},
             "scores": {"autonomy": 3, "pay": 8, "growth": 4}},
            {"id": "product", "attributes": {"salary": 70000, "hours": 45},
             "scores": {"autonomy": 6, "pay": 7, "growth": 7}},
            {"id": "part-time", "attributes": {"salary": 55000, "hours": 25},
             "scores": {"autonomy": 8, "pay": 4, "growth": 5}},
            {"id": "startup", "attributes": {"salary": 50000, "hours": 60},
             "scores": {"autonomy": 9, "pay": 3, "growth": 9}}
        ],
        "sensitivity": true
    })
}

#[test]
fn kepner_tregoe_screens_inclusively_then_ranks_raw_totals() {
    let out = run(job_offers());
    // product: 10*6 + 6*7 + 4*7 = 130; part-time: 80 + 24 + 20 = 124. 45 <= 45 and
    // 55000 >= 55000 pass: thresholds are inclusive.
    assert_eq!(
        out["ranking"],
        json!([
            {"option": "product", "score": 130.0, "rank": 1},
            {"option": "part-time", "score": 124.0, "rank": 2}
        ])
    );
    let excluded = out["excluded"].as_array().unwrap();
    assert_eq!(excluded[0]["option"], "stay");
    assert_eq!(excluded[0]["failed"], json!(["M2"]));
    assert_eq!(excluded[1]["option"], "startup");
    assert_eq!(excluded[1]["failed"], json!(["M1", "M2"]));
    assert_eq!(excluded[1]["reasons"][0]["actual"], json!(50000.0));
    let weights = out["weights"].as_object().unwrap();
    assert_eq!(
        weights.keys().collect::<Vec<_>>(),
        ["autonomy", "pay", "growth"]
    );
    assert!((weights["autonomy"].as_f64().unwrap() - 0.5).abs() < 1e-12);
}

#[test]
fn when_no_option_passes_the_ranking_is_empty() {
    let mut doc = job_offers();
    doc["musts"][0]["value"] = json!(1_000_000);
    let out = run(doc);
    assert_eq!(out["ranking"], json!([]));
    assert_eq!(out["excluded"].as_array().unwrap().len(), 4);
}

#[test]
fn sensitivity_names_the_new_leader() {
    let out = run(job_offers());
    // Normalised weights (0.5, 0.3, 0.2); raising autonomy to t scales the rest by (1 - t)/0.5.
    let autonomy = &out["sensitivity"]["autonomy"];
    assert_eq!(autonomy["new_leader"], "part-time");
    // pay & growth parts: product 0.3*7 + 0.2*7 = 3.5, part-time 0.3*4 + 0.2*5 = 2.2, so
    // product(t) = 6t + 3.5(1-t)/0.5, part-time(t) = 8t + 2.2(1-t)/0.5: tie at t = 2.6/4.6.
    let t = autonomy["weight_to_flip"].as_f64().unwrap();
    assert!((t - 2.6 / 4.6).abs() < 1e-9, "{t}");
    assert!((autonomy["delta"].as_f64().unwrap() - (2.6 / 4.6 - 0.5)).abs() < 1e-9);
    // Pay and growth favour product, so lowering them (raising autonomy) can flip it too.
    assert!(out["sensitivity"]["pay"].is_object());
}

#[test]
fn weighted_sum_uses_the_named_normalization() {
    let doc = json!({
        "method": "wsm", "normalization": "max",
        "criteria": [{"id": "pay", "weight": 1}, {"id": "commute", "kind": "cost", "weight": 1}],
        "options": [
            {"id": "a", "scores": {"pay": 100, "commute": 60}},
            {"id": "b", "scores": {"pay": 50, "commute": 20}}
        ]
    });
    let out = run(doc);
    // a: 0.5*1 + 0.5*(20/60) = 0.6667; b: 0.5*0.5 + 0.5*1 = 0.75.
    assert_eq!(out["ranking"][0]["option"], "b");
    assert!((out["ranking"][0]["score"].as_f64().unwrap() - 0.75).abs() < 1e-12);
    assert!((out["ranking"][1]["score"].as_f64().unwrap() - (0.5 + 1.0 / 6.0)).abs() < 1e-12);
    assert_eq!(out["normalization"], "max");
}

#[test]
fn ahp_with_only_criteria_pairwise_returns_weights_and_consistency() {
    let out = run(json!({
        "method": "ahp",
        "criteria": [{"id": "autonomy"}, {"id": "pay"}],
        "criteria_pairwise": [[1, 3], ["1/3", 1]]
    }));
    assert!((out["weights"]["autonomy"].as_f64().unwrap() - 0.75).abs() < 1e-12);
    assert_eq!(out["ranking"], json!([]));
    let c = &out["consistency"]["criteria"];
    assert_eq!(c["cr"], json!(0.0));
    assert_eq!(c["consistent"], json!(true));
    for field in ["lambda_max", "ci", "ri"] {
        assert!(c.get(field).is_some(), "{field}");
    }
}

#[test]
fn ahp_full_hierarchy_by_distributive_synthesis() {
    // Criteria 3:1 -> (0.75, 0.25). Under autonomy, a:b = 1:3 -> (0.25, 0.75); under pay the
    // scores 30 and 10 normalise to (0.75, 0.25). a = 0.75*0.25 + 0.25*0.75 = 0.375.
    let out = run(json!({
        "method": "ahp",
        "criteria": [{"id": "autonomy"}, {"id": "pay"}],
        "criteria_pairwise": [[1, 3], ["1/3", 1]],
        "options": [{"id": "a", "scores": {"pay": 30}}, {"id": "b", "scores": {"pay": 10}}],
        "options_pairwise": {"autonomy": [[1, "1/3"], [3, 1]]}
    }));
    assert_eq!(out["ranking"][0]["option"], "b");
    assert!((out["ranking"][1]["score"].as_f64().unwrap() - 0.375).abs() < 1e-12);
    assert!(out["consistency"]["options"]["autonomy"].is_object());
}

#[test]
fn inconsistent_criteria_name_the_judgement_to_revisit() {
    let out = run(json!({
        "method": "ahp",
        "criteria": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}],
        "criteria_pairwise": [
            [1, 2, 4, "1/8"], ["1/2", 1, 2, 4], ["1/4", "1/2", 1, 2], [8, "1/4", "1/2", 1]
        ]
    }));
    let c = &out["consistency"]["criteria"];
    assert_eq!(c["consistent"], json!(false));
    assert_eq!(c["most_inconsistent"]["row"], "a");
    assert_eq!(c["most_inconsistent"]["column"], "d");
}

#[test]
fn smaa_reports_acceptability_central_weights_and_confidence() {
    let out = run(json!({
        "method": "smaa",
        "criteria": [{"id": "pay"}, {"id": "growth"}],
        "options": [
            {"id": "a", "scores": {"pay": 1.0, "growth": 0.0}},
            {"id": "b", "scores": {"pay": 0.0, "growth": 1.0}},
            {"id": "c", "scores": {"pay": 0.2, "growth": 0.2}}
        ],
        "smaa": {"samples": 20000, "seed": 5, "criteria_ranking": ["pay", "growth"]}
    }));
    let smaa = &out["smaa"];
    // pay >= growth always, so a always leads and c (dominated by neither? c < a when
    // w_pay >= 0.5) is never first.
    assert_eq!(smaa["rank_acceptability"]["a"][0], json!(1.0));
    assert_eq!(smaa["central_weights"]["c"], Value::Null);
    assert_eq!(smaa["confidence"]["a"], json!(1.0));
    assert_eq!(out["ranking"][0]["option"], "a");
    assert_eq!(smaa["rank_acceptability"]["b"].as_array().unwrap().len(), 3);
}

#[test]
fn runway_can_be_a_must_and_horizon_blends_scores() {
    let out = run(json!({
        "method": "wsm",
        "criteria": [{"id": "growth", "weight": 1}],
        "finances": {"monthly_expenses": 4000, "savings": 24000, "other_income": 1000},
        "horizon": {"years": 2, "weight": 0.5},
        "musts": [{"id": "R", "attribute": "runway_months", "op": ">=", "value": 6}],
        "options": [
            {"id": "stay", "net_income": 5000, "scores": {"growth": 4}},
            {"id": "study", "net_income": 0, "scores": {"growth": 2}, "scores_horizon": {"growth": 10}},
            {"id": "break", "net_income": -500, "scores": {"growth": 9}}
        ]
    }));
    // study burns 3000/month: 8 months; break burns 3500: 6.86 months; stay never runs out.
    assert_eq!(out["runway_months"]["stay"], Value::Null);
    assert!((out["runway_months"]["study"].as_f64().unwrap() - 8.0).abs() < 1e-12);
    assert_eq!(out["excluded"], json!([]));
    // study: 0.5*2 + 0.5*10 = 6, ahead of stay's 4.
    assert_eq!(out["ranking"][1]["option"], "study");
    assert_eq!(out["ranking"][1]["score"], json!(6.0));
}

#[test]
fn bad_documents_name_the_field_and_what_was_expected() {
    let cases: &[(&str, &str)] = &[
        (
            r#"{"criteria":[{"id":"pay","weight":1}],"musts":[{"id":"M1","attribute":"salary","op":">=","value":1}],
                "options":[{"id":"a","scores":{"pay":1}}]}"#,
            "musts[0].attribute: must \"M1\" tests attribute \"salary\", which option \"a\" lacks",
        ),
        (
            r#"{"method":"ahp","criteria":[{"id":"a"},{"id":"b"}],"criteria_pairwise":[[1,2,3],[1,1,1]]}"#,
            "criteria_pairwise[0]: row 0 has 3 entries",
        ),
        (
            r#"{"method":"ahp","criteria":[{"id":"a"},{"id":"b"}],"criteria_pairwise":[[1,2],[2,1]]}"#,
            "criteria_pairwise[1][0]: the matrix is not reciprocal",
        ),
        (
            r#"{"method":"ahp","criteria":[{"id":"a"},{"id":"b"}],"criteria_pairwise":[[1,10],["1/10",1]]}"#,
            "criteria_pairwise[0][1]: judgement 10 is outside Saaty's scale 1/9..9",
        ),
        (
            r#"{"criteria":[{"id":"pay","weight":-2}],"options":[]}"#,
            "criteria[0].weight: weight -2 is negative",
        ),
        (
            r#"{"criteria":[{"id":"pay","kind":"benfit","weight":1}]}"#,
            "criteria[0].kind: unknown variant `benfit`, expected `benefit` or `cost`",
        ),
        (
            r#"{"criteria":[{"id":"pay","weight":1},{"id":"fun","weight":1}],"options":[{"id":"a","scores":{"pay":1}}]}"#,
            "options[0].scores.fun: option \"a\" has no score for criterion \"fun\"",
        ),
        (r#"{"method":"vibes"}"#, "method: unknown variant `vibes`"),
        (
            r#"{"method": "kt",
  "criteria": [}"#,
            "JSON is malformed at line 2, column 16",
        ),
        (
            r#"{"method":"kt","criteria":[{"id":"pay","weight":11}]}"#,
            "criteria[0].weight: Kepner-Tregoe WANT weights run from 1 to 10",
        ),
        (r#"{"crteria":[]}"#, "unknown field `crteria`"),
    ];
    for (doc, expected) in cases {
        let err = error(doc);
        assert!(err.contains(expected), "\n  got: {err}\n want: {expected}");
    }
}

#[test]
fn toml_errors_give_line_and_column() {
    let err = DecisionDocument::from_toml_str("method = \"kt\"\ncriteria = [\n").unwrap_err();
    assert!(
        err.to_string().starts_with("TOML is malformed at line"),
        "{err}"
    );
}

// Properties -----------------------------------------------------------------------------

fn grid_scores(options: usize, criteria: usize) -> impl Strategy<Value = Vec<Vec<f64>>> {
    // Scores on a grid of 0.05 so that "better" is never lost to rounding.
    prop::collection::vec(
        prop::collection::vec((0u32..=20).prop_map(|k| k as f64 / 20.0), criteria),
        options,
    )
}

fn document(method: &str, scores: &[Vec<f64>], weights: &[f64], extra: Value) -> Value {
    let criteria: Vec<Value> = weights
        .iter()
        .enumerate()
        .map(|(j, w)| json!({"id": format!("c{j}"), "weight": w}))
        .collect();
    let options: Vec<Value> = scores
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let scores: serde_json::Map<String, Value> = row
                .iter()
                .enumerate()
                .map(|(j, s)| (format!("c{j}"), json!(s)))
                .collect();
            json!({"id": format!("o{i}"), "scores": scores})
        })
        .collect();
    let mut doc = json!({"method": method, "criteria": criteria, "options": options});
    if let (Some(doc), Some(extra)) = (doc.as_object_mut(), extra.as_object()) {
        doc.extend(extra.clone());
    }
    doc
}

fn by_option(out: &Value) -> Vec<(String, f64)> {
    let mut rows: Vec<(String, f64)> = out["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["option"].as_str().unwrap().to_string(),
                r["score"].as_f64().unwrap(),
            )
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    rows
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_dominated_option_is_never_first(
        scores in grid_scores(4, 3),
        bump in 0usize..3,
        seed in 0u64..1000,
    ) {
        // Option 4 copies option 0 and is strictly worse on one criterion.
        let mut scores = scores;
        let mut dominated = scores[0].clone();
        if dominated[bump] == 0.0 { scores[0][bump] = 0.05; } else { dominated[bump] -= 0.05; }
        scores.push(dominated);
        let out = run(document("smaa", &scores, &[1.0, 1.0, 1.0],
            json!({"smaa": {"samples": 4000, "seed": seed}})));
        prop_assert_eq!(&out["smaa"]["rank_acceptability"]["o4"][0], &json!(0.0));
    }

    #[test]
    fn weights_sum_to_one(weights in prop::collection::vec(0.1f64..10.0, 1..6),
                          method in prop::sample::select(vec!["wsm", "topsis", "smaa"])) {
        let scores = vec![vec![0.5; weights.len()]; 2];
        let out = run(document(method, &scores, &weights, json!({"smaa": {"samples": 500}})));
        let total: f64 = out["weights"].as_object().unwrap().values()
            .map(|w| w.as_f64().unwrap()).sum();
        prop_assert!((total - 1.0).abs() < 1e-9, "{}", total);
    }

    #[test]
    fn scaling_all_weights_changes_nothing(
        scores in grid_scores(4, 3),
        weights in prop::collection::vec(0.1f64..10.0, 3),
        factor in 0.01f64..100.0,
        method in prop::sample::select(vec!["wsm", "topsis"]),
    ) {
        let scaled: Vec<f64> = weights.iter().map(|w| w * factor).collect();
        let extra = json!({"sensitivity": true});
        let a = run(document(method, &scores, &weights, extra.clone()));
        let b = run(document(method, &scores, &scaled, extra));
        for ((ia, sa), (ib, sb)) in by_option(&a).iter().zip(by_option(&b).iter()) {
            prop_assert_eq!(ia, ib);
            prop_assert!((sa - sb).abs() < 1e-9);
        }
        let ranks = |v: &Value| v["ranking"].as_array().unwrap().iter()
            .map(|r| r["rank"].clone()).collect::<Vec<_>>();
        prop_assert_eq!(ranks(&a), ranks(&b));
    }

    #[test]
    fn permuting_options_permutes_results(
        scores in grid_scores(5, 3),
        weights in prop::collection::vec(0.1f64..10.0, 3),
        method in prop::sample::select(vec!["wsm", "topsis", "smaa", "ahp"]),
    ) {
        let extra = json!({"smaa": {"samples": 3000, "seed": 3}});
        // AHP's distributive mode divides by the column sum: keep scores positive.
        let scores: Vec<Vec<f64>> = scores.iter()
            .map(|r| r.iter().map(|s| 0.05 + 0.9 * s).collect()).collect();
        let a = run(document(method, &scores, &weights, extra.clone()));
        let mut doc = document(method, &scores, &weights, extra);
        doc["options"].as_array_mut().unwrap().reverse();
        let b = run(doc);
        let (ra, rb) = (by_option(&a), by_option(&b));
        for ((ia, sa), (ib, sb)) in ra.iter().zip(rb.iter()) {
            prop_assert_eq!(ia, ib);
            // SMAA sees the same draws; its acceptabilities match exactly up to summation order.
            prop_assert!((sa - sb).abs() < 1e-9, "{} {} {}", ia, sa, sb);
        }
    }
}
