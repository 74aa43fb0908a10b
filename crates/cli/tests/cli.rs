//! The real binary, each test in its own temporary home with its own database.

mod common;

use common::{Env, bytes};
use serde_json::{Value, json};

#[test]
fn demo_reads_as_plain_words() {
    let env = Env::new();
    let out = env.run(&["demo"]);
    assert!(
        !out.contains('\u{1b}'),
        "NO_COLOR and pipes get no escape codes"
    );
    insta::assert_snapshot!("demo", out);
    // The demo leaves no database behind unless asked to.
    assert!(!env.db().exists());
}

#[test]
fn demo_json_follows_the_decision_contract() {
    let env = Env::new();
    let out = env.json(&["demo", "--json"]);
    let decision = &out["decision"];
    for field in [
        "method",
        "weights",
        "excluded",
        "ranking",
        "sensitivity",
        "fear_check",
    ] {
        assert!(decision.get(field).is_some(), "{field}");
    }
    assert_eq!(decision["ranking"][0]["option"], "part-time");
    assert_eq!(
        decision["excluded"][0]["failed"],
        json!(["flexibility", "hours"])
    );
    assert_eq!(decision["robustness"]["method"], "smaa");
    assert_eq!(out["person"]["schema_version"], 8);
}

#[test]
fn demo_into_a_database_keeps_the_example_but_never_overwrites() {
    let env = Env::new();
    let db = env.db();
    env.run(&["demo", "--db", db.to_str().unwrap()]);
    let options = env.json(&["option", "list", "--json"]);
    assert_eq!(options.as_array().unwrap().len(), 3);
    env.fails(
        &["demo", "--db", db.to_str().unwrap()],
        1,
        "already holds someone's data",
    );
}

const DOC: &str = r#"{
  "method": "topsis",
  "criteria": [{"id": "pay", "kind": "benefit", "weight": 8}, {"id": "commute", "kind": "cost", "weight": 2}],
  "musts": [{"id": "M1", "attribute": "salary", "op": ">=", "value": 55000}],
  "options": [
    {"id": "stay", "attributes": {"salary": 72000}, "scores": {"pay": 7, "commute": 40}},
    {"id": "move", "attributes": {"salary": 80000}, "scores": {"pay": 8, "commute": 60}},
    {"id": "cheap", "attributes": {"salary": 40000}, "scores": {"pay": 2, "commute": 5}}
  ],
  "sensitivity": true
}"#;

#[test]
fn decide_a_json_document() {
    let env = Env::new();
    let doc = env.write("choice.json", DOC);
    let out = env.json(&["decide", doc.to_str().unwrap(), "--json"]);
    assert_eq!(out["method"], "topsis");
    assert_eq!(
        out["excluded"],
        json!([{"option": "cheap", "failed": ["M1"], "reasons": [
        {"must": "M1", "attribute": "salary", "op": ">=", "required": 55000.0, "actual": 40000.0}]}])
    );
    assert_eq!(out["ranking"].as_array().unwrap().len(), 2);
    assert!((out["weights"]["pay"].as_f64().unwrap() - 0.8).abs() < 1e-12);
    assert!(out["sensitivity"]["pay"].is_object() || out["sensitivity"]["pay"].is_null());
    // Deciding a file never creates the database.
    assert!(!env.db().exists());
}

#[test]
fn decide_a_toml_document_from_a_file_and_from_stdin() {
    let env = Env::new();
    let toml = r#"
method = "ahp"
criteria_pairwise = [[1, 3], ["1/3", 1]]
[[criteria]]
id = "autonomy"
[[criteria]]
id = "pay"
"#;
    let doc = env.write("weights.toml", toml);
    let out = env.json(&["decide", doc.to_str().unwrap(), "--json"]);
    assert!((out["weights"]["autonomy"].as_f64().unwrap() - 0.75).abs() < 1e-12);
    assert_eq!(out["consistency"]["criteria"]["consistent"], true);
    let piped = env
        .cmd()
        .args(["decide", "-", "--json"])
        .write_stdin(toml)
        .assert()
        .success();
    let piped: Value = serde_json::from_slice(&piped.get_output().stdout).unwrap();
    assert_eq!(piped["weights"], out["weights"]);
}

#[test]
fn bad_documents_exit_1_name_the_field_and_write_nothing() {
    let env = Env::new();
    env.run(&["profile", "set", "--name", "Sam"]);
    let before = env.run(&["export", "-"]);
    let cases = [
        (
            r#"{"method":"kt","criteria":[{"id":"pay","weight":-1}]}"#,
            "criteria[0].weight",
        ),
        (r#"{"method":"nope"}"#, "method: unknown variant `nope`"),
        (
            "{\"method\": \"kt\",\n \"criteria\": [",
            "JSON is malformed at line 2",
        ),
        (
            r#"{"criteria":[{"id":"pay","weight":1}],"musts":[{"id":"M","attribute":"hours","op":"<=","value":45}],"options":[{"id":"a","scores":{"pay":3}}]}"#,
            "which option \"a\" lacks",
        ),
    ];
    for (i, (doc, message)) in cases.iter().enumerate() {
        let path = env.write(&format!("bad{i}.json"), doc);
        env.fails(&["decide", path.to_str().unwrap()], 1, message);
    }
    assert_eq!(env.run(&["export", "-"]), before);
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::new();
    env.cmd()
        .args(["decide", "--method", "coinflip"])
        .assert()
        .code(2);
    env.cmd().args(["no-such-command"]).assert().code(2);
}

#[test]
fn a_person_decides_over_their_stored_options() {
    let env = Env::new();
    env.run(&[
        "values",
        "set",
        "autonomy",
        "--weight",
        "9",
        "--onet",
        "Independence",
    ]);
    env.run(&["values", "set", "Family time", "--weight", "7"]);
    env.run(&["dealbreakers", "add", "hours_per_week <= 45"]);
    env.run(&[
        "option",
        "add",
        "stay",
        "--kind",
        "stay",
        "--attr",
        "hours_per_week=55",
        "--score",
        "autonomy=4",
        "--score",
        "family-time=2",
        "--net-income",
        "6000",
    ]);
    env.run(&[
        "option",
        "add",
        "step-back",
        "--kind",
        "step-back",
        "--name",
        "IC role",
        "--attr",
        "hours_per_week=40",
        "--score",
        "autonomy=7",
        "--score",
        "family-time=8",
        "--net-income",
        "5000",
    ]);
    env.run(&[
        "option",
        "add",
        "break",
        "--kind",
        "career-break",
        "--attr",
        "hours_per_week=0",
        "--score",
        "autonomy=9",
        "--score",
        "family-time=10",
        "--net-income",
        "0",
    ]);
    env.run(&[
        "risk",
        "add",
        "break",
        "gap on my resume",
        "-p",
        "5",
        "-s",
        "6",
    ]);
    env.run(&[
        "risk",
        "add",
        "break",
        "no income",
        "-p",
        "10",
        "-s",
        "7",
        "--fact",
    ]);
    env.run(&[
        "finances",
        "set",
        "--expenses",
        "4000",
        "--savings",
        "20000",
        "--other-income",
        "1000",
    ]);
    env.run(&[
        "dealbreakers",
        "add",
        "runway_months >= 6",
        "--id",
        "runway",
    ]);

    let out = env.json(&["decide", "--json"]);
    assert_eq!(out["method"], "kt");
    assert_eq!(out["excluded"][0]["option"], "stay");
    // break: 9*9 + 7*10 = 151; step-back: 9*7 + 7*8 = 119. Runway: 20000 / 3000 = 6.67 months.
    assert_eq!(
        out["ranking"][0],
        json!({"option": "break", "score": 151.0, "rank": 1})
    );
    assert!((out["runway_months"]["break"].as_f64().unwrap() - 20000.0 / 3000.0).abs() < 1e-9);
    assert_eq!(out["fear_check"]["facts_to_plan"][0]["name"], "no income");
    assert_eq!(out["robustness"]["method"], "smaa");

    let text = env.run(&["decide"]);
    assert!(
        text.contains("breaks hours_per_week <= 45: it is 55"),
        "{text}"
    );

    env.run(&["values", "weighting", "unsure"]);
    let unsure = env.json(&["decide", "--json"]);
    assert_eq!(unsure["method"], "smaa");
    assert_eq!(
        unsure["smaa"]["criteria_ranking"],
        json!(["autonomy", "family-time"])
    );
}

#[test]
fn bad_input_changes_nothing() {
    let env = Env::new();
    env.run(&[
        "profile",
        "set",
        "--name",
        "Sam",
        "--occupation",
        "11-2021.00",
        "--pay",
        "90000",
    ]);
    let before = env.run(&["export", "-"]);
    env.fails(
        &["profile", "set", "--occupation", "marketing", "--pay", "1"],
        2,
        "\"marketing\" could be more than one occupation; give its code or more words",
    );
    env.fails(
        &["profile", "set", "--occupation", "zzzq", "--pay", "1"],
        2,
        "no O*NET occupation is called anything like \"zzzq\"",
    );
    env.fails(&["profile", "set", "--boundary", "400"], 1, "boundary");
    env.fails(
        &["option", "add", "x", "--score", "autonomy=5"],
        1,
        "is not one of your values",
    );
    env.fails(
        &["values", "set", "pay", "--weight", "11"],
        1,
        "outside 1..10",
    );
    env.fails(&["dealbreakers", "add", "flexible"], 1, "has no comparison");
    env.fails(
        &["risk", "add", "nowhere", "x", "-p", "1", "-s", "1"],
        1,
        "no option \"nowhere\"",
    );
    assert_eq!(env.run(&["export", "-"]), before);
}

#[test]
fn profile_set_and_show() {
    let env = Env::new();
    env.run(&[
        "profile",
        "set",
        "--name",
        "Sam",
        "--occupation",
        "15-1252.00",
        "--area",
        "41860",
        "--role-start",
        "2022-01-10",
        "--last-promotion",
        "2022-01-10",
        "--level",
        "Senior",
        "--pay",
        "150000",
        "--bonus",
        "10000",
        "--equity",
        "20000",
        "--currency",
        "usd",
        "--boundary",
        "45",
    ]);
    let p = env.json(&["profile", "show", "--json"]);
    assert_eq!(p["occupation"], "15-1252.00");
    assert_eq!(p["role_start"], "2022-01-10");
    assert_eq!(p["currency"], "USD");
    assert_eq!(p["boundary_hours"], 45.0);
    let text = env.run(&["profile", "show"]);
    assert!(text.contains("180,000 USD"), "{text}");
    assert!(text.contains("Software Developers (15-1252.00)"), "{text}");
}

#[test]
fn init_scripts_with_flags() {
    let env = Env::new();
    env.run(&[
        "init",
        "--no-input",
        "--name",
        "Ana",
        "--value",
        "autonomy",
        "--value",
        "trust",
        "--value",
        "flexibility",
        "--dealbreaker",
        "flexibility >= 6",
        "--boundary",
        "40",
    ]);
    let values = env.json(&["values", "--json"]);
    assert_eq!(values[0]["rank"], 1);
    assert_eq!(values[2]["id"], "flexibility");
    env.fails(
        &["init", "--no-input", "--value", "pay"],
        1,
        "set up already",
    );
    env.run(&["init", "--no-input", "--force", "--value", "pay"]);
    assert_eq!(env.json(&["values", "--json"]).as_array().unwrap().len(), 1);
}

#[test]
fn export_import_round_trip_is_lossless() {
    let env = Env::new();
    env.run(&["demo", "--db", env.db().to_str().unwrap()]);
    let exported = env.run(&["export", "-"]);
    let file = env.write("me.json", &exported);
    let other = env.dir.path().join("other.db");
    env.cmd()
        .args([
            "--db",
            other.to_str().unwrap(),
            "import",
            file.to_str().unwrap(),
        ])
        .assert()
        .success();
    let again = env
        .cmd()
        .args(["--db", other.to_str().unwrap(), "export", "-"])
        .assert()
        .success();
    assert_eq!(
        String::from_utf8(again.get_output().stdout.clone()).unwrap(),
        exported
    );
    let doc: Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(doc["schema_version"], 8);
}

#[test]
fn a_bad_or_newer_import_changes_nothing() {
    let env = Env::new();
    env.run(&["demo", "--db", env.db().to_str().unwrap()]);
    let before = env.run(&["export", "-"]);
    let mut doc: Value = serde_json::from_str(&before).unwrap();
    doc["options"][0]["scores"]["autonomy"] = json!(42);
    let bad = env.write("bad.json", &doc.to_string());
    env.fails(
        &["import", bad.to_str().unwrap()],
        1,
        "options[0].scores.autonomy",
    );
    doc["schema_version"] = json!(9);
    let newer = env.write("newer.json", &doc.to_string());
    env.fails(
        &["import", newer.to_str().unwrap()],
        1,
        "upgrade milemarker",
    );
    let broken = env.write("broken.json", "{\"schema_version\": 1, \"profile\": ");
    env.fails(&["import", broken.to_str().unwrap()], 1, "broken.json:1:");
    assert_eq!(env.run(&["export", "-"]), before);
}

#[test]
fn a_database_from_a_newer_milemarker_is_refused_untouched() {
    let env = Env::new();
    env.run(&["profile", "set", "--name", "Sam"]);
    // Stamp the file with a future schema version, as a newer milemarker would.
    let db = env.db();
    let mut raw = bytes(&db);
    // SQLite keeps user_version big-endian at byte offset 60 of the header.
    raw[60..64].copy_from_slice(&99u32.to_be_bytes());
    std::fs::write(&db, &raw).unwrap();
    for wal in ["milemarker.db-wal", "milemarker.db-shm"] {
        let _ = std::fs::remove_file(env.dir.path().join(wal));
    }
    env.fails(
        &["profile", "show"],
        1,
        "schema version 99, newer than this milemarker",
    );
    assert_eq!(bytes(&db), raw);
    // The look at its version leaves nothing beside it either.
    for wal in ["milemarker.db-wal", "milemarker.db-shm"] {
        assert!(!env.dir.path().join(wal).exists(), "{wal}");
    }
}

#[test]
fn completions_and_man_page_come_from_the_cli_definition() {
    let env = Env::new();
    let bash = env.run(&["completions", "bash"]);
    assert!(bash.contains("milemarker") && bash.contains("dealbreakers"));
    let man = env.run(&["man"]);
    assert!(
        man.starts_with(".ie") || man.contains(".TH milemarker"),
        "{}",
        &man[..80]
    );
    // Every page the top page refers to can be had: one by name, all of them into a folder.
    assert!(man.contains("milemarker\\-init(1)"), "{man}");
    let init = env.run(&["man", "init"]);
    assert!(init.contains(".TH milemarker-init 1"), "{init}");
    let add = env.run(&["man", "contact", "add"]);
    assert!(
        add.contains("milemarker\\-contact\\-add \\- Add someone"),
        "{add}"
    );
    env.fails(
        &["man", "nothing"],
        1,
        "milemarker has no command \"nothing\"",
    );
    let dir = env.dir.path().join("man");
    env.run(&["man", "--dir", dir.to_str().unwrap()]);
    for page in [
        "milemarker.1",
        "milemarker-init.1",
        "milemarker-contact-add.1",
    ] {
        assert!(dir.join(page).exists(), "{page}");
    }
    // Neither reads a database or settings, so neither offers --db or --config.
    for command in ["man", "completions"] {
        let help = env.run(&[command, "--help"]);
        assert!(
            !help.contains("--db") && !help.contains("--config"),
            "{help}"
        );
    }
    // An unset environment variable is not shown as set to nothing.
    let help = env.run(&["--help"]);
    assert!(help.contains("[env: MILEMARKER_DB]"), "{help}");
}

#[test]
fn values_weighted_by_pairwise_comparison() {
    let env = Env::new();
    for v in ["autonomy", "pay", "trust", "growth"] {
        env.run(&["values", "set", v]);
    }
    env.run(&["values", "compare", "autonomy", "pay", "4"]);
    let listing = env.run(&["values"]);
    assert!(listing.contains("still missing"), "{listing}");
    env.run(&[
        "option",
        "add",
        "a",
        "--score",
        "autonomy=8",
        "--score",
        "pay=3",
        "--score",
        "trust=5",
        "--score",
        "growth=5",
    ]);
    env.run(&[
        "option",
        "add",
        "b",
        "--score",
        "autonomy=3",
        "--score",
        "pay=9",
        "--score",
        "trust=5",
        "--score",
        "growth=5",
    ]);
    env.fails(&["decide"], 1, "values compare autonomy trust N");
    // Consistent with weights (8, 2, 4, 1) apart from growth vs autonomy, written the wrong way.
    for (a, b, j) in [
        ("autonomy", "trust", "2"),
        ("autonomy", "growth", "1/8"),
        ("pay", "trust", "1/2"),
        ("pay", "growth", "2"),
        ("trust", "growth", "4"),
    ] {
        env.run(&["values", "compare", a, b, j]);
    }
    let listing = env.run(&["values"]);
    assert!(
        listing.contains("revisit autonomy against growth"),
        "{listing}"
    );
    env.run(&["values", "compare", "growth", "autonomy", "1/8"]);
    let listing = env.run(&["values"]);
    assert!(listing.contains("(consistent)"), "{listing}");
    let out = env.json(&["decide", "--json"]);
    assert_eq!(out["method"], "ahp");
    assert!((out["weights"]["autonomy"].as_f64().unwrap() - 8.0 / 15.0).abs() < 1e-9);
    assert_eq!(out["consistency"]["criteria"]["consistent"], true);
    assert_eq!(out["ranking"][0]["option"], "a");
    // The judgements travel with export and import.
    let exported = env.run(&["export", "-"]);
    assert!(exported.contains("value_judgements"));
    env.fails(
        &["values", "compare", "autonomy", "pay", "12"],
        1,
        "judgement 12 is outside Saaty's scale 1/9..9",
    );
}

fn a_month_of_weeks(env: &Env) {
    for (week, hours, weekend, evenings) in [
        ("2026-W40", "50", "1", "3"),
        ("2026-W41", "38", "0", "1"),
        ("2026-W42", "52", "1", "4"),
        ("2026-W43", "45", "0", "2"),
    ] {
        env.run(&[
            "checkin",
            "--week",
            week,
            "--hours",
            hours,
            "--weekend-days",
            weekend,
            "--evenings",
            evenings,
            "--energy",
            "2",
            "--satisfaction",
            "3",
        ]);
    }
}

#[test]
fn checkins_update_their_week_and_hours_show_overwork_creep() {
    let env = Env::new();
    a_month_of_weeks(&env);
    let updated = env.run(&[
        "checkin",
        "--week",
        "2026-W43",
        "--hours",
        "46",
        "--satisfaction",
        "2",
    ]);
    assert!(
        updated.starts_with("Updated 2026-W43: 46 hours"),
        "{updated}"
    );
    assert!(
        updated.contains("2 evenings"),
        "kept from the first check-in: {updated}"
    );
    insta::assert_snapshot!("hours", env.run(&["hours"]));
    let json = env.json(&["hours", "--json"]);
    assert_eq!(
        json["weeks"][3],
        json!({"week": "2026-W43", "hours": 46.0, "weekend_days": 0, "evenings": 2, "sources": ["checkin"]})
    );
    assert_eq!(json["overwork_creep"]["fired"], true);
    // Looking back from the first week of the month, nothing is recorded yet.
    let early = env.json(&["hours", "--json", "--as-of", "2026-10-01"]);
    assert_eq!(early["overwork_creep"]["fired"], Value::Null);
    // Today is 2026-10-28: the records cannot speak for a later day.
    env.fails(&["hours", "--as-of", "2026-10-29"], 1, "in the future");
    env.fails(
        &["season", "show", "--as-of", "2026-10-29"],
        1,
        "in the future",
    );
    // The current week (W44 holds 2026-10-28) never counts: it is still being lived.
    env.run(&[
        "checkin",
        "--hours",
        "70",
        "--energy",
        "1",
        "--satisfaction",
        "1",
    ]);
    assert_eq!(
        env.json(&["hours", "--json"])["overwork_creep"]["over"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn bad_checkins_record_nothing() {
    let env = Env::new();
    a_month_of_weeks(&env);
    let before = env.run(&["export", "-"]);
    env.fails(
        &[
            "checkin",
            "--hours",
            "200",
            "--energy",
            "2",
            "--satisfaction",
            "2",
        ],
        1,
        "hours: 200 is not 0 to 168",
    );
    env.fails(
        &["checkin", "--hours", "20"],
        1,
        "needs --energy, --satisfaction",
    );
    env.fails(
        &["checkin", "--week", "2026-W60", "--hours", "20"],
        2,
        "2026 has no ISO week 60",
    );
    env.fails(
        &[
            "checkin",
            "--hours",
            "20",
            "--energy",
            "9",
            "--satisfaction",
            "2",
        ],
        1,
        "energy: 9 is outside 1..5",
    );
    assert_eq!(env.run(&["export", "-"]), before);
}

#[test]
fn the_energy_audit_suggests_and_keeps_its_history() {
    let env = Env::new();
    env.fails(&["audit"], 1, "no tasks to audit");
    env.run(&[
        "task",
        "add",
        "status-meetings",
        "--name",
        "Status meetings",
        "--hours",
        "8",
        "--energy",
        "-1",
        "--fit",
        "3",
    ]);
    env.run(&[
        "task", "add", "expenses", "--hours", "2", "--energy", "-2", "--fit", "1",
    ]);
    env.run(&[
        "task",
        "add",
        "vendor-calls",
        "--hours",
        "3",
        "--energy",
        "-1",
        "--delegable",
    ]);
    env.run(&[
        "task", "add", "strategy", "--hours", "25", "--energy", "2", "--fit", "5",
    ]);
    env.run(&["audit", "--date", "2026-10-01"]);
    env.run(&["task", "edit", "status-meetings", "--hours", "4"]);
    insta::assert_snapshot!("audit", env.run(&["audit"]));
    let json = env.json(&["audit", "--json"]);
    assert_eq!(json["audit"]["draining_hours"], 9.0);
    assert_eq!(
        json["trend"].as_array().unwrap().len(),
        2,
        "same-day audits replace each other"
    );
    assert_eq!(json["audit"]["suggestions"][1]["action"], "drop");
    env.fails(
        &["task", "add", "x", "--hours", "2", "--energy", "-3"],
        2,
        "-3 is not in -2..=2",
    );
}

#[test]
fn seasons_keep_their_history() {
    let env = Env::new();
    env.run(&["season", "set", "career", "summer", "--since", "2025-01-06"]);
    env.run(&["season", "set", "career", "winter", "--since", "2026-06-01"]);
    env.run(&["season", "set", "family", "spring", "--since", "2026-03-01"]);
    insta::assert_snapshot!("season", env.run(&["season"]));
    let json = env.json(&["season", "show", "--json", "--as-of", "2026-01-01"]);
    assert_eq!(
        json,
        json!([{"area": "career", "season": "summer", "since": "2025-01-06", "days": 360}])
    );
    assert_eq!(
        env.json(&["season", "history", "--json"])
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn an_export_from_schema_1_still_imports() {
    let env = Env::new();
    let v1 = r#"{"schema_version": 1, "profile": {"name": "Sam", "occupation": null, "area": null,
        "role_start": null, "last_promotion": null, "level": null, "pay": null, "bonus": null,
        "equity": null, "currency": "USD", "boundary_hours": 40.0, "work_days": 5},
        "values": [], "dealbreakers": [], "options": [], "finances": null,
        "settings": {"weighting": "direct", "horizon_years": 2.0, "horizon_weight": 0.0}}"#;
    let file = env.write("v1.json", v1);
    env.run(&["import", file.to_str().unwrap()]);
    let now: Value = serde_json::from_str(&env.run(&["export", "-"])).unwrap();
    assert_eq!(now["schema_version"], 8);
    assert_eq!(now["profile"]["name"], "Sam");
    assert_eq!(now["checkins"], json!([]));
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn timewarrior_hours_split_at_local_midnight_and_never_count_twice() {
    let env = Env::new();
    let file = fixture("timewarrior.json");
    let import = [
        "hours",
        "import",
        "--format",
        "timewarrior",
        "--tz",
        "Europe/Berlin",
        file.as_str(),
    ];
    let out = env.cmd().args(import).assert().success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("[4]: the interval started 2026-10-27T08:00:00Z is still running"),
        "{stderr}"
    );
    // By hand, in Berlin: W43 = Mon 9 + Tue 11.5 + Sat 2 + Sun 5 (the 25-hour day) + Sun 1 = 28.5 h,
    // two weekend days, one evening (Tuesday past 19:00); W44 = Monday 00:00-02:00 = 2 h.
    let weeks = env.json(&["hours", "--json"])["weeks"].clone();
    assert_eq!(
        weeks[0],
        json!({"week": "2026-W43", "hours": 28.5, "weekend_days": 2, "evenings": 1,
        "sources": ["timewarrior"], "tracked_hours": 28.5})
    );
    assert_eq!(weeks[1]["hours"], 2.0);
    // The same file again adds nothing.
    assert!(
        env.run(&import).starts_with("Imported 0 intervals"),
        "re-import is idempotent"
    );
    // An overlapping export (Monday tracked an hour longer) counts the overlap once.
    let longer = env.write(
        "longer.json",
        r#"[{"id":1,"start":"20261019T070000Z","end":"20261019T170000Z"}]"#,
    );
    env.run(&[
        "hours",
        "import",
        "--format",
        "timewarrior",
        "--tz",
        "Europe/Berlin",
        longer.to_str().unwrap(),
    ]);
    assert_eq!(env.json(&["hours", "--json"])["weeks"][0]["hours"], 29.5);
    // A check-in is the person's own account: it decides the week; tracked hours stay visible.
    env.run(&[
        "checkin",
        "--week",
        "2026-W43",
        "--hours",
        "45",
        "--energy",
        "2",
        "--satisfaction",
        "2",
    ]);
    let w43 = env.json(&["hours", "--json"])["weeks"][0].clone();
    assert_eq!(
        (w43["hours"].clone(), w43["tracked_hours"].clone()),
        (json!(45.0), json!(29.5))
    );
    assert_eq!(w43["sources"], json!(["checkin", "timewarrior"]));
}

#[test]
fn a_bad_tracker_file_imports_nothing() {
    let env = Env::new();
    env.run(&[
        "checkin",
        "--week",
        "2026-W40",
        "--hours",
        "41",
        "--energy",
        "3",
        "--satisfaction",
        "3",
    ]);
    let before = env.run(&["export", "-"]);
    let bad = env.write("bad.json", r#"[{"start":"20261019T070000Z","end":"20261019T160000Z"},{"start":"20261020T070000Z","end":"soon"}]"#);
    env.fails(
        &[
            "hours",
            "import",
            "--format",
            "timewarrior",
            "--tz",
            "UTC",
            bad.to_str().unwrap(),
        ],
        1,
        "bad.json: [1].end: \"soon\" is not a Timewarrior time",
    );
    env.fails(
        &[
            "hours",
            "import",
            "--format",
            "timewarrior",
            "--tz",
            "Mars/Olympus",
            bad.to_str().unwrap(),
        ],
        1,
        "not a time zone",
    );
    assert_eq!(env.run(&["export", "-"]), before);
}

#[test]
fn toggl_csv_reads_local_times_in_the_given_zone() {
    let env = Env::new();
    let file = fixture("toggl.csv");
    let import = [
        "hours",
        "import",
        "--format",
        "toggl",
        "--tz",
        "America/New_York",
        file.as_str(),
    ];
    assert!(env.run(&import).starts_with("Imported 2 intervals"));
    // Monday 9 h, Thursday 22:00 to Friday 01:30 = 3.5 h (an evening): 12.5 h in W43.
    let week = env.json(&["hours", "--json"])["weeks"][0].clone();
    assert_eq!(
        week,
        json!({"week": "2026-W43", "hours": 12.5, "weekend_days": 0, "evenings": 1,
        "sources": ["toggl"], "tracked_hours": 12.5})
    );
    assert!(env.run(&import).starts_with("Imported 0 intervals"));
}

#[test]
fn watson_and_activitywatch_watching_the_same_hours_count_them_once() {
    let env = Env::new();
    // Watson: Mon 2026-10-19 09:00-12:00 and Thu 23:00-Fri 03:00 UTC (an evening), 7 h.
    // ActivityWatch: Mon 11:00-13:00 not-afk (overlapping Watson by an hour), Sat 09:00-09:30;
    // its afk time and its window bucket do not count. Union: 3 + 1 + 4 + 0.5 = 8.5 h in W43.
    let watson = fixture("watson-frames.json");
    env.run(&[
        "hours",
        "import",
        "--format",
        "watson",
        "--tz",
        "UTC",
        watson.as_str(),
    ]);
    // Standard input works as a file.
    let aw = std::fs::read_to_string(fixture("activitywatch.json")).unwrap();
    env.cmd()
        .args([
            "hours",
            "import",
            "--format",
            "activitywatch",
            "--tz",
            "UTC",
            "-",
        ])
        .write_stdin(aw)
        .assert()
        .success();
    let week = env.json(&["hours", "--json"])["weeks"][0].clone();
    assert_eq!(week["week"], "2026-W43");
    assert_eq!(week["hours"], 8.5, "09:00-13:00 once, not 3 + 2");
    assert_eq!(
        (week["weekend_days"].clone(), week["evenings"].clone()),
        (json!(1), json!(1))
    );
    assert_eq!(week["sources"], json!(["watson", "activitywatch"]));
}

/// Plain words in: `profile` alone shows the profile, a promotion in place (after the role
/// started) is taken and counted from, and `sideways` names a lateral move.
#[test]
fn profile_alone_promotions_in_place_and_sideways() {
    let env = Env::new();
    env.run(&[
        "profile",
        "set",
        "--role-start",
        "2021-02-01",
        "--last-promotion",
        "2023-04-01",
    ]);
    let shown = env.run(&["profile"]);
    assert!(shown.contains("2023-04-01"), "{shown}");
    assert_eq!(
        env.json(&["profile", "--json"])["last_promotion"],
        "2023-04-01"
    );
    let markers = env.run(&["markers"]);
    assert!(
        markers.contains("since your last promotion on 2023-04-01"),
        "{markers}"
    );
    env.run(&["values", "set", "autonomy", "--weight", "5"]);
    env.run(&[
        "option",
        "add",
        "pm",
        "--kind",
        "sideways",
        "--score",
        "autonomy=6",
    ]);
    let options = env.json(&["option", "list", "--json"]);
    assert_eq!(options[0]["kind"], "lateral", "{options}");
}

/// Four values and three options, as an engineering manager weighing a step back and a move
/// into product management would enter them (issue 18).
fn a_manager_at_a_crossroads(env: &Env) {
    for v in ["autonomy", "family-time", "craft", "pay"] {
        env.run(&["values", "set", v]);
    }
    for (id, scores) in [
        ("stay", ["autonomy=5", "family-time=4", "craft=6", "pay=8"]),
        ("staff", ["autonomy=7", "family-time=7", "craft=8", "pay=6"]),
        ("pm", ["autonomy=6", "family-time=5", "craft=4", "pay=7"]),
    ] {
        let mut args = vec!["option", "add", id];
        for s in &scores {
            args.extend(["--score", s]);
        }
        env.run(&args);
    }
}

#[test]
fn every_method_decides_with_every_weighting() {
    let env = Env::new();
    a_manager_at_a_crossroads(&env);
    env.run(&["values", "rank", "craft", "family-time", "autonomy", "pay"]);
    let methods = ["kt", "wsm", "topsis", "ahp", "smaa"];
    for method in methods {
        let out = env.json(&["decide", "--method", method, "--json"]);
        assert_eq!(out["method"], method, "rank, {method}");
    }
    // KT's WANT weights from the ranking: ROC 0.5208, 0.2708, 0.1458, 0.0625 -> 10, 5.2, 2.8, 1.2.
    let kt = env.json(&["decide", "--method", "kt", "--json"]);
    // staff: 10*8 + 5.2*7 + 2.8*7 + 1.2*6 = 143.2
    assert_eq!(kt["ranking"][0]["option"], "staff");
    assert!((kt["ranking"][0]["score"].as_f64().unwrap() - 143.2).abs() < 1e-9);
    env.run(&["values", "weighting", "unsure"]);
    for method in methods {
        let out = env.json(&["decide", "--method", method, "--json"]);
        assert_eq!(out["method"], method, "unsure, {method}");
    }
    for (a, b, j) in [
        ("pay", "autonomy", "5"),
        ("pay", "family-time", "3"),
        ("pay", "craft", "7"),
        ("autonomy", "family-time", "1/3"),
        ("autonomy", "craft", "3"),
        ("family-time", "craft", "5"),
    ] {
        env.run(&["values", "compare", a, b, j]);
    }
    for method in methods {
        let out = env.json(&["decide", "--method", method, "--json"]);
        assert_eq!(out["method"], method, "ahp, {method}");
    }
    // The firmness check keeps the order the comparisons give, not the old ranking.
    let text = env.run(&["decide"]);
    assert!(
        text.contains("keeping pay >= family-time >= autonomy >= craft."),
        "{text}"
    );
}

#[test]
fn a_weighting_is_refused_until_the_values_carry_it() {
    let env = Env::new();
    a_manager_at_a_crossroads(&env);
    env.fails(
        &["values", "weighting", "direct"],
        1,
        "direct weighting needs a weight (1-10) for every value, and autonomy, family-time, \
         craft, pay have none; give each one with `milemarker values set autonomy --weight N`",
    );
    env.fails(
        &["values", "weighting", "rank"],
        1,
        "`milemarker values rank autonomy family-time craft pay`",
    );
    env.fails(
        &["values", "weighting", "ahp"],
        1,
        "still missing: `milemarker values compare autonomy family-time N`",
    );
    env.run(&["values", "weighting", "unsure"]);
    for v in ["autonomy", "family-time", "craft"] {
        env.run(&["values", "set", v, "--weight", "6"]);
    }
    env.fails(
        &["values", "weighting", "direct"],
        1,
        "and pay has none; give it one with `milemarker values set pay --weight N`",
    );
    env.run(&["values", "set", "pay", "--weight", "4"]);
    assert!(
        env.run(&["values", "weighting", "direct"])
            .contains("weighting: direct")
    );
}

#[test]
fn a_ninth_to_six_decimals_is_on_saatys_scale() {
    let env = Env::new();
    for v in ["autonomy", "pay"] {
        env.run(&["values", "set", v]);
    }
    let out = env.run(&["values", "compare", "pay", "autonomy", "0.111111"]);
    assert!(
        out.contains("weights from your comparisons: autonomy 90%, pay 10%"),
        "{out}"
    );
    env.fails(
        &["values", "compare", "pay", "autonomy", "0.1"],
        1,
        "outside Saaty's scale",
    );
}

#[test]
fn a_dealbreaker_may_test_a_value() {
    let env = Env::new();
    a_manager_at_a_crossroads(&env);
    env.run(&["values", "rank", "craft", "family-time", "autonomy", "pay"]);
    env.run(&["dealbreakers", "add", "autonomy >= 6"]);
    let out = env.json(&["decide", "--json"]);
    assert_eq!(
        out["excluded"],
        json!([{"option": "stay", "failed": ["autonomy"], "reasons": [
        {"must": "autonomy", "attribute": "autonomy", "op": ">=", "required": 6.0, "actual": 5.0}]}])
    );
    // An attribute of the same name is the more specific fact, and wins.
    env.run(&["option", "edit", "stay", "--attr", "autonomy=6"]);
    let out = env.json(&["decide", "--json"]);
    assert_eq!(out["excluded"], json!([]));
    let help = env.run(&["dealbreakers", "add", "--help"]);
    assert!(help.contains("the attribute wins"), "{help}");
}

#[test]
fn a_dealbreaker_met_exactly_is_named_at_the_line() {
    let env = Env::new();
    a_manager_at_a_crossroads(&env);
    env.run(&["values", "rank", "craft", "family-time", "autonomy", "pay"]);
    // A value's score (pm scores autonomy 6), an attribute (staff works 45 hours) and a yes/no rule.
    env.run(&["dealbreakers", "add", "autonomy >= 6"]);
    env.run(&["dealbreakers", "add", "hours <= 45"]);
    env.run(&["dealbreakers", "add", "remote == yes"]);
    for (id, hours) in [("stay", "50"), ("staff", "45"), ("pm", "40")] {
        env.run(&[
            "option",
            "edit",
            id,
            "--attr",
            &format!("hours={hours}"),
            "--attr",
            "remote=yes",
        ]);
    }
    let out = env.json(&["decide", "--json"]);
    assert_eq!(
        out["at_the_line"],
        json!([
            {"option": "staff", "must": "hours", "attribute": "hours", "op": "<=", "required": 45.0, "actual": 45.0},
            {"option": "pm", "must": "autonomy", "attribute": "autonomy", "op": ">=", "required": 6.0, "actual": 6.0},
        ])
    );
    // Existing fields keep their names.
    assert_eq!(out["excluded"][0]["option"], "stay");
    let text = env.run(&["decide"]);
    assert!(text.contains("At the line"), "{text}");
    assert!(
        text.contains("meets autonomy >= 6 only at the line: its autonomy score is 6"),
        "{text}"
    );
    assert!(
        text.contains("meets hours <= 45 only at the line: hours is 45"),
        "{text}"
    );
    let review = env.run(&["review"]);
    assert!(
        review.contains("pm meets autonomy >= 6 only at the line"),
        "{review}"
    );
    let review = env.json(&["review", "--format", "json"]);
    assert_eq!(
        review["decision"]["at_the_line"],
        json!([["staff", ["hours <= 45"]], ["pm", ["autonomy >= 6"]]])
    );
    // Just inside the line is not at it.
    env.run(&["option", "edit", "pm", "--score", "autonomy=6.5"]);
    let out = env.json(&["decide", "--json"]);
    assert_eq!(out["at_the_line"].as_array().unwrap().len(), 1, "{out}");
}

#[test]
fn an_option_without_risks_is_not_recorded_and_left_out_of_the_fear_check() {
    let env = Env::new();
    a_manager_at_a_crossroads(&env);
    env.run(&["values", "rank", "craft", "family-time", "autonomy", "pay"]);
    env.run(&[
        "risk",
        "add",
        "staff",
        "a narrower role",
        "-p",
        "5",
        "-s",
        "4",
    ]);
    env.run(&[
        "risk", "add", "stay", "burnout", "-p", "6", "-s", "8", "--fact",
    ]);
    let out = env.json(&["decide", "--json"]);
    let fear = &out["fear_check"];
    assert_eq!(fear["values_leader"], "staff");
    assert_eq!(fear["least_risky"], "staff");
    assert_eq!(fear["risks_not_recorded"], json!(["pm"]));
    let scored: Vec<&str> = fear["risk_scores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["option"].as_str().unwrap())
        .collect();
    assert_eq!(scored, vec!["staff", "stay"]);
    let text = env.run(&["decide"]);
    assert!(
        text.contains("The risks of \"pm\" are not recorded, so it is left out of the comparison.")
            && text.contains("Risks not recorded: pm. Name them: `milemarker risk add pm"),
        "{text}"
    );
    assert!(!text.contains("risk 0"), "{text}");
    let risks = env.run(&["risk"]);
    assert!(risks.contains("pm      risks not recorded"), "{risks}");

    // The leader without risks: nothing is weighed against it, nothing called safer.
    env.run(&["risk", "remove", "staff", "a narrower role"]);
    let out = env.json(&["decide", "--json"]);
    assert_eq!(out["fear_check"]["least_risky"], Value::Null);
    assert_eq!(out["fear_check"]["held_back_by_fears"], false);
    assert!(
        out["fear_check"]["verdict"]
            .as_str()
            .unwrap()
            .starts_with("\"staff\" fits your values best, but its risks are not recorded")
    );
    let review = env.run(&["review"]);
    assert!(
        review.contains("Name the risks of \"staff\": `milemarker risk add staff"),
        "{review}"
    );
}

/// An engineering manager weighing staying, a staff engineer role and product management, from
/// an empty database, with two scores missing and a deal-breaker on an attribute one option
/// lacks: each write ends with what the decision still lacks.
fn manager_with_gaps() -> Env {
    let env = Env::new();
    env.run(&["init", "--name", "Priya", "--no-input"]);
    env.run(&["values", "set", "impact", "--weight", "8"]);
    env.run(&["values", "set", "pay", "--weight", "6"]);
    let out = env.run(&["values", "set", "family-time", "--weight", "9"]);
    assert!(
        out.contains("Your decision still lacks 1 thing:")
            && out.contains("no options to decide between: `milemarker option add ID"),
        "{out}"
    );
    env.run(&["dealbreakers", "add", "remote_days >= 2"]);
    env.run(&[
        "option",
        "add",
        "stay",
        "--name",
        "Stay as engineering manager",
        "--attr",
        "remote_days=2",
        "--score",
        "impact=6",
        "--score",
        "pay=7",
        "--score",
        "family-time=4",
    ]);
    env.run(&[
        "option",
        "add",
        "staff",
        "--kind",
        "step-back",
        "--name",
        "Staff engineer",
        "--attr",
        "remote_days=3",
        "--score",
        "impact=5",
        "--score",
        "family-time=8",
    ]);
    // The last write ends with all three gaps, as `decide` names them.
    let out = env.run(&[
        "option",
        "add",
        "pm",
        "--kind",
        "lateral",
        "--name",
        "Product manager",
        "--score",
        "pay=7",
        "--score",
        "family-time=6",
    ]);
    assert!(out.contains("Your decision still lacks 3 things:"), "{out}");
    for gap in GAPS {
        assert!(out.contains(gap), "{gap}\n{out}");
    }
    env
}

const GAPS: [&str; 3] = [
    "option \"staff\" has no score for value \"pay\": `milemarker option edit staff --score pay=N`",
    "option \"pm\" has no score for value \"impact\": `milemarker option edit pm --score impact=N`",
    "option \"pm\" lacks attribute \"remote_days\", which deal-breaker \"remote-days\" tests: \
     `milemarker option edit pm --attr remote_days=N`",
];

/// `decide` fails once, naming every gap with the command that fills it; `decide --check` lists
/// them and exits 1 until they are filled.
#[test]
fn a_decision_lists_everything_it_lacks_at_once() {
    let env = manager_with_gaps();
    // One failing `decide` names all three, each with its command.
    let failed = env
        .cmd()
        .arg("decide")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8(failed.stderr).unwrap();
    assert!(
        stderr.contains("the decision lacks 3 things; fill them in and decide again:"),
        "{stderr}"
    );
    for gap in GAPS {
        assert!(stderr.contains(gap), "{gap}\n{stderr}");
    }
    insta::assert_snapshot!("decision_lacks", stderr);
    // The check lists them too, and exits 1 while any remain.
    let check = env
        .cmd()
        .args(["decide", "--check"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8(check.stderr).unwrap();
    for gap in GAPS {
        assert!(stderr.contains(gap), "{gap}\n{stderr}");
    }

    // Filled in, the writes end quietly and the decision is ready.
    env.run(&["option", "edit", "staff", "--score", "pay=6"]);
    let out = env.run(&["option", "edit", "pm", "--score", "impact=7"]);
    assert!(out.contains("Your decision still lacks 1 thing:"), "{out}");
    let out = env.run(&["option", "edit", "pm", "--attr", "remote_days=1"]);
    assert!(!out.contains("still lacks"), "{out}");
    let ready = env.run(&["decide", "--check"]);
    assert!(ready.contains("ready to decide"), "{ready}");
    let decision = env.json(&["decide", "--json"]);
    assert_eq!(decision["ranking"][0]["option"], "staff");
    assert_eq!(decision["excluded"][0]["option"], "pm");
}

/// The review never hides a failing decision: it shows the gaps and asks to fill them first.
#[test]
fn the_review_shows_what_the_decision_lacks() {
    let env = manager_with_gaps();
    // Seven years in the role: the overstaying marker fires and asks for a decision.
    env.run(&["profile", "set", "--role-start", "2019-09-01"]);
    let review = env.run(&["review"]);
    assert!(
        review.contains(
            "Decide on purpose: stay with a plan and a date, or start looking. First fill in what \
             the decision lacks: `milemarker option edit staff --score pay=N`."
        ),
        "{review}"
    );
    assert!(!review.contains("No options to weigh yet"), "{review}");
    assert!(!review.contains("Run `milemarker decide`"), "{review}");
    assert!(
        review.contains("The decision cannot be made yet. It lacks:"),
        "{review}"
    );
    for gap in GAPS {
        assert!(review.contains(gap), "{gap}\n{review}");
    }
    assert!(
        review.contains(
            "Fill in what the decision lacks: `milemarker option edit staff --score pay=N`."
        ),
        "{review}"
    );
    let markdown = env.run(&["review", "--format", "markdown"]);
    assert!(
        markdown.contains("`milemarker option edit pm --attr remote_days=N`"),
        "{markdown}"
    );
    let json = env.json(&["review", "--format", "json"]);
    assert_eq!(json["decision"], Value::Null);
    assert_eq!(json["decision_lacks"].as_array().unwrap().len(), 3);
    assert_eq!(
        json["decision_lacks"][2],
        json!({
            "gap": "attribute",
            "option": "pm",
            "dealbreaker": "remote-days",
            "attribute": "remote_days",
            "shape": "number",
            "what": "option \"pm\" lacks attribute \"remote_days\", which deal-breaker \"remote-days\" tests",
            "fill": "milemarker option edit pm --attr remote_days=N",
        })
    );
    let html = env.run(&["review", "--format", "html"]);
    assert!(
        html.contains("<code>milemarker option edit staff --score pay=N</code>"),
        "{html}"
    );

    // Filled in, the review shows the decision.
    for args in [
        ["option", "edit", "staff", "--score", "pay=6"],
        ["option", "edit", "pm", "--score", "impact=7"],
        ["option", "edit", "pm", "--attr", "remote_days=1"],
    ] {
        env.run(&args);
    }
    let review = env.run(&["review"]);
    assert!(!review.contains("cannot be made"), "{review}");
    assert!(!review.contains("lacks"), "{review}");
    assert!(review.contains("Staff engineer"), "{review}");
    assert!(review.contains("Run `milemarker decide`."), "{review}");
}

/// `values compare` with no pair asks every pair on a terminal; elsewhere it says how to give one.
#[test]
fn guided_comparisons_need_a_terminal_or_a_pair() {
    let env = Env::new();
    env.run(&["values", "set", "autonomy"]);
    env.run(&["values", "set", "pay"]);
    env.fails(
        &["values", "compare"],
        1,
        "or run `milemarker values compare` on a terminal to be asked every pair",
    );
    env.fails(&["values", "compare", "autonomy"], 2, "required");
    env.run(&["values", "compare", "autonomy", "pay", "3"]);
}

/// The reminders as a file a calendar app imports: the weekly check-in and review, the contacts
/// due (today, not on a day gone by), each line CRLF; nothing to read, nothing written.
#[test]
fn calendar_writes_reminders_a_calendar_app_imports() {
    let env = Env::new();
    env.fails(&["calendar"], 1, "no records at");
    env.run(&["demo", "--db", env.db().to_str().unwrap()]);
    let out = env.dir.path().join("milemarker.ics");
    env.run(&["calendar", "--out", out.to_str().unwrap()]);
    let ics = std::fs::read_to_string(&out).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    for said in [
        "SUMMARY:milemarker: weekly check-in\r\n",
        // 2026-10-28 is a Wednesday; the example works five days a week.
        "DTSTART;VALUE=DATE:20261030\r\n",
        "RRULE:FREQ=WEEKLY\r\n",
        "SUMMARY:Be in touch with Dana Whitfield (mentor)\r\n",
        "DTSTART;VALUE=DATE:20261028\r\n",
    ] {
        assert!(ics.contains(said), "{said:?} in:\n{ics}");
    }
    assert_eq!(
        env.run(&["calendar"]),
        ics,
        "standard output gives the same file"
    );
}
