//! Pay against the market, through the binary. Known answers are BLS OEWS May 2025 (cross-industry)
//! as published; the project embeds them from data/oews-2025 (scripts/compile-data).

mod common;

use common::Env;
use serde_json::json;

#[test]
fn marketing_managers_national_percentiles_and_a_placed_pay() {
    let env = Env::new();
    let out = env.json(&[
        "market",
        "pay",
        "--occupation",
        "11-2021.00",
        "--pay",
        "166790",
        "--json",
    ]);
    assert_eq!(out["title"], "Marketing Managers");
    assert_eq!(out["area"], "0000000");
    assert_eq!(out["area_level"], "national");
    assert_eq!(
        out["percentiles"],
        json!({"10": 90260.0, "25": 123020.0, "50": 166790.0, "75": 216410.0, "90": 293610.0})
    );
    assert_eq!(
        out["percentile"], 50.0,
        "the median wage is the 50th percentile"
    );
    assert_eq!(out["source"], "BLS OEWS May 2025");
    let low = env.json(&[
        "market",
        "pay",
        "--occupation",
        "11-2021",
        "--pay",
        "50000",
        "--json",
    ]);
    assert_eq!(low["position"], "below the 10th percentile");
    let high = env.run(&[
        "market",
        "pay",
        "--occupation",
        "11-2021",
        "--pay",
        "400000",
    ]);
    assert!(high.contains("is above the 90th percentile"), "{high}");
}

#[test]
fn an_area_without_wages_falls_back_to_its_state_and_says_so() {
    let env = Env::new();
    let out = env.json(&[
        "market",
        "pay",
        "--occupation",
        "15-1254",
        "--area",
        "10180",
        "--json",
    ]);
    assert_eq!(out["area_name"], "Texas");
    assert_eq!(out["area_level"], "state");
    assert!(out["fallback"].as_str().unwrap().contains("Abilene, TX"));
    let sf = env.json(&[
        "market",
        "pay",
        "--occupation",
        "11-2021",
        "--area",
        "41860",
        "--json",
    ]);
    assert_eq!(sf["area_name"], "San Francisco-Oakland-Fremont, CA");
    assert_eq!(sf["percentiles"]["50"], 220480.0);
}

#[test]
fn bad_codes_are_named() {
    let env = Env::new();
    env.fails(
        &["market", "pay", "--occupation", "marketing"],
        1,
        "not an occupation code",
    );
    env.fails(
        &["market", "pay", "--occupation", "11-2099"],
        1,
        "no wages for occupation 11-2099",
    );
    env.fails(
        &[
            "market",
            "pay",
            "--occupation",
            "11-2021",
            "--area",
            "9999999",
        ],
        1,
        "not an OEWS area code",
    );
    env.fails(&["market", "pay"], 1, "no occupation");
}

#[test]
fn the_pay_marker_fires_from_oews_with_its_evidence() {
    let env = Env::new();
    env.run(&[
        "profile",
        "set",
        "--occupation",
        "11-2021.00",
        "--area",
        "41860",
        "--pay",
        "150000",
        "--bonus",
        "10000",
    ]);
    let out = env.run(&["market", "pay"]);
    assert!(
        out.contains("San Francisco") && out.contains("Your pay, 160,000"),
        "{out}"
    );
    let markers = env.json(&["markers", "--json"]);
    let pay = &markers["markers"][1];
    assert_eq!(pay["id"], "pay_behind_market");
    assert_eq!(pay["fired"], true, "{pay}");
    assert_eq!(pay["evidence"][1]["kind"], "wage");
    assert_eq!(pay["evidence"][1]["dataset"], "BLS OEWS May 2025");
    assert_eq!(pay["evidence"][1]["occupation"], "11-2021");
    assert_eq!(pay["evidence"][1]["percentile"], 40.0);
    // San Francisco's 40th percentile: 15/25 of the way from the 25th (174,750) to the median (220,480).
    assert_eq!(
        pay["evidence"][1]["wage"],
        174750.0 + (220480.0 - 174750.0) * 0.6
    );
    env.run(&["profile", "set", "--pay", "250000"]);
    assert_eq!(
        env.json(&["markers", "--json"])["markers"][1]["fired"],
        false
    );
    env.run(&["profile", "set", "--currency", "EUR"]);
    let eur = &env.json(&["markers", "--json"])["markers"][1];
    assert_eq!(eur["fired"], json!(null));
    assert!(eur["missing"].as_str().unwrap().contains("US dollars"));
}

#[test]
fn skills_are_extracted_with_ids_and_byte_spans() {
    let env = Env::new();
    let posting =
        "Müller & Co seeks an analyst: SQL, Tableau; communicate with customers. SQL daily.";
    let file = env.write("posting.txt", posting);
    let hits = env.json(&["skills", "extract", file.to_str().unwrap(), "--json"]);
    let hits = hits.as_array().unwrap();
    for h in hits {
        let (start, end) = (
            h["start"].as_u64().unwrap() as usize,
            h["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &posting[start..end],
            h["matched"].as_str().unwrap(),
            "byte offsets into the input"
        );
        for field in ["id", "label", "start", "end", "matched"] {
            assert!(h.get(field).is_some());
        }
    }
    let labels: Vec<&str> = hits.iter().map(|h| h["label"].as_str().unwrap()).collect();
    assert!(labels.contains(&"SQL"), "{labels:?}");
    assert!(labels.contains(&"communicate with customers"), "{labels:?}");
    assert_eq!(
        labels.iter().filter(|l| **l == "SQL").count(),
        1,
        "once per text"
    );
    let tableau = hits.iter().find(|h| h["matched"] == "Tableau").unwrap();
    assert_eq!(tableau["id"], "onet:43232314");
    let sql = hits.iter().find(|h| h["label"] == "SQL").unwrap();
    assert!(
        sql["id"]
            .as_str()
            .unwrap()
            .starts_with("http://data.europa.eu/esco/skill/")
    );
    let text = env.run(&["skills", "extract", file.to_str().unwrap()]);
    assert!(text.contains("\"Tableau\""), "{text}");
}
