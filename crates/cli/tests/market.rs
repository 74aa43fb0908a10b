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
    assert_eq!(
        low["percentile"],
        json!(null),
        "no number is made up below the 10th"
    );
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
        2,
        "could be more than one occupation",
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
        2,
        "no OEWS area is called \"9999999\"",
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
    let labels: Vec<&str> = hits.iter().filter_map(|h| h["label"].as_str()).collect();
    assert!(labels.contains(&"SQL"), "{labels:?}");
    assert!(labels.contains(&"communicate with customers"), "{labels:?}");
    assert_eq!(
        labels.iter().filter(|l| **l == "SQL").count(),
        1,
        "once per text"
    );
    // A product is its own skill, with its O*NET class as the roll-up.
    let tableau = hits.iter().find(|h| h["matched"] == "Tableau").unwrap();
    assert_eq!(tableau["id"], "onet:43232314/tableau");
    assert_eq!(tableau["class"]["id"], "onet:43232314");
    assert_eq!(
        tableau["class"]["label"],
        "Business intelligence and data analysis software"
    );
    let sql = hits.iter().find(|h| h["label"] == "SQL").unwrap();
    assert!(
        sql["id"]
            .as_str()
            .unwrap()
            .starts_with("http://data.europa.eu/esco/skill/")
    );
    let text = env.run(&["skills", "extract", file.to_str().unwrap()]);
    assert!(text.contains("\"Tableau\""), "{text}");
    // A phrase the span tagger finds and no taxonomy skill names: no id, no label.
    let phrase = env.write("phrase.txt", "You will work in a fast-paced environment.");
    let hits = env.json(&["skills", "extract", phrase.to_str().unwrap(), "--json"]);
    let unlinked = hits
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["matched"].as_str().unwrap().contains("fast-paced"))
        .unwrap();
    assert_eq!(
        (&unlinked["id"], &unlinked["label"]),
        (&json!(null), &json!(null))
    );
    let text = env.run(&["skills", "extract", phrase.to_str().unwrap()]);
    assert!(text.contains("(no taxonomy skill)"), "{text}");
}

fn skill_count(env: &Env) -> usize {
    env.json(&["skills", "list", "--json"])
        .as_array()
        .unwrap()
        .len()
}

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/postings/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn skills_of_your_own_by_label_alternative_label_or_id() {
    let env = Env::new();
    let out = env.run(&["skills", "add", "sql", "--level", "competent"]);
    assert!(
        out.starts_with("Added SQL at competent (ESCO skill"),
        "{out}"
    );
    // An ESCO alternative label lands on its skill, and says where it came from.
    env.run(&["skills", "add", "write", "press", "releases"]);
    env.run(&["skills", "add", "onet:2.B.1.c", "--level", "expert"]);
    // Adding again updates the level, not the list.
    env.run(&["skills", "add", "SQL", "--level", "proficient"]);
    let list = env.json(&["skills", "list", "--json"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list[0]["label"], "SQL");
    assert_eq!(list[0]["level"], "proficient");
    assert_eq!(list[1]["label"], "draft press releases");
    assert_eq!(list[1]["source"], "write press releases");
    assert_eq!(list[2]["label"], "Persuasion");
    // Ambiguous: candidates with their ids, nothing written.
    env.fails(&["skills", "add", "mathematics"], 1, "onet:2.C.4.a");
    env.fails(
        &["skills", "add", "qwertyuiop"],
        1,
        "not a label in ESCO or O*NET",
    );
    assert_eq!(skill_count(&env), 3);
    env.run(&["skills", "remove", "persuasion"]);
    env.fails(
        &["skills", "remove", "persuasion"],
        1,
        "not one of your skills",
    );
    assert_eq!(skill_count(&env), 2);
}

#[test]
fn skills_from_a_cv_are_proposed_then_claimed() {
    let env = Env::new();
    env.run(&["skills", "add", "sql"]);
    let cv = env.write(
        "cv.txt",
        "Led SEO for a retailer: search engine optimisation, web analytics, SQL reports in Microsoft Excel. \
         Thrives in a fast-paced environment.",
    );
    let proposed = env.json(&["skills", "from-text", cv.to_str().unwrap(), "--json"]);
    let labels: Vec<&str> = proposed["proposed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"search engine optimisation"), "{labels:?}");
    assert!(labels.contains(&"web analytics"), "{labels:?}");
    assert!(labels.contains(&"Microsoft Excel"), "{labels:?}");
    assert!(!labels.contains(&"SQL"), "already yours");
    // The span tagger's phrases have no id to claim (a null label would have failed above).
    assert!(!proposed.to_string().contains("fast-paced"), "{proposed}");
    assert_eq!(proposed["already_yours"], 1);
    assert_eq!(skill_count(&env), 1);
    env.run(&[
        "skills",
        "from-text",
        cv.to_str().unwrap(),
        "--add",
        "--level",
        "competent",
    ]);
    let list = env.json(&["skills", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 1 + labels.len());
    assert_eq!(list[1]["level"], "competent");
}

#[test]
fn extract_by_line_reports_offsets_per_line() {
    let env = Env::new();
    let file = env.write(
        "texts.txt",
        "SQL and Python\nno skills here\n«C++» and Zoë's Excel\n",
    );
    let out = env.run(&[
        "skills",
        "extract",
        "--lines",
        "--json",
        file.to_str().unwrap(),
    ]);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0][0]["matched"], "SQL");
    assert_eq!(lines[1], json!([]));
    let third = "«C++» and Zoë's Excel";
    for hit in lines[2].as_array().unwrap() {
        let (start, end) = (
            hit["start"].as_u64().unwrap() as usize,
            hit["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&third[start..end], hit["matched"].as_str().unwrap());
    }
}

const POSTINGS: &str = "employer,title,date,text\n\
    Acme,Data Analyst,2026-09-01,\"SQL, Python and Microsoft Excel.\"\n\
    Beta,Senior Data Analyst,2026-08-15,SQL and Tableau.\n\
    Gamma,Data Analyst,2026-08-20,SQL reporting.\n\
    Acme,Marketing Manager,2025-09-02,Draft press releases and plan marketing campaigns.\n\
    Beta,Marketing Manager,2025-10-02,Draft press releases.\n";

#[test]
fn a_csv_with_a_broken_row_is_refused_whole_or_imported_without_it() {
    let env = Env::new();
    let broken = format!("{POSTINGS}Delta,Data Analyst,2026-13-01,SQL\nEpsilon,,2026-09-02,SQL\n");
    let file = env.write("postings.csv", &broken);
    let path = file.to_str().unwrap();
    env.fails(
        &["postings", "import", path],
        1,
        "2 of 7 rows cannot be used; nothing was imported",
    );
    env.fails(
        &["postings", "import", path],
        1,
        "line 7: date: \"2026-13-01\"",
    );
    env.fails(&["postings", "import", path], 1, "line 8: title: empty");
    // The refused import left no database behind.
    env.fails(&["market", "demand"], 1, "no records at");
    assert!(!env.db().exists());
    let out = env.json(&["postings", "import", path, "--skip-bad", "--json"]);
    assert_eq!(
        (out["added"].as_u64(), out["skipped"].as_u64()),
        (Some(5), Some(2))
    );
    assert_eq!(out["bad"][0]["line"], 7);
    // The same file again: every posting is already there.
    let again = env.json(&["postings", "import", path, "--skip-bad", "--json"]);
    assert_eq!(
        (again["added"].as_u64(), again["duplicates"].as_u64()),
        (Some(0), Some(5))
    );
}

#[test]
fn demand_counts_employers_by_month_with_the_trend_coverage_and_gaps() {
    let env = Env::new();
    let file = env.write("postings.csv", POSTINGS);
    env.run(&["postings", "import", file.to_str().unwrap()]);
    env.run(&["skills", "add", "draft", "press", "releases"]);
    let out = env.json(&[
        "market",
        "demand",
        "--json",
        "--title",
        "data analyst",
        "--as-of",
        "2026-10-28",
    ]);
    // A title no posting has says so, rather than "you claim all of it".
    let none = env.run(&[
        "market",
        "demand",
        "--title",
        "zzz",
        "--as-of",
        "2026-10-28",
    ]);
    assert!(
        none.contains("No posting in the months counted has a title with \"zzz\"")
            && !none.contains("you claim all of it"),
        "{none}"
    );
    // Twelve months through the month of the latest posting.
    assert_eq!(out["through"], "2026-09");
    assert_eq!(out["months"][0], "2025-10");
    assert_eq!(
        (out["postings"].as_u64(), out["employers"].as_u64()),
        (Some(4), Some(3))
    );
    let sql = out["skills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["label"] == "SQL")
        .unwrap();
    assert_eq!(
        (sql["postings"].as_u64(), sql["employers"].as_u64()),
        (Some(3), Some(3))
    );
    assert_eq!(
        sql["by_month"][10],
        json!({"month": "2026-08", "postings": 2, "employers": 2})
    );
    assert_eq!(sql["trend"], json!(null), "no postings a year before");
    let press = out["skills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["label"] == "draft press releases")
        .unwrap();
    // One posting in the window (October 2025), one the year before (September 2025): flat.
    assert_eq!(
        (press["postings"].as_u64(), press["year_before"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(press["trend"], 0.0);
    assert_eq!(press["yours"], true);
    assert_eq!(out["coverage"]["skills"][0]["covered"], false);
    // The gap to "data analyst": SQL in 3 of 3 postings (title words match "Senior Data Analyst").
    assert_eq!(out["gap"]["postings"], 3);
    assert_eq!(out["gap"]["skills"][0]["label"], "SQL");
    assert_eq!(out["gap"]["skills"][0]["share"], 1.0);
    let occupation = env.json(&["market", "demand", "--json", "--occupation", "11-2021"]);
    assert_eq!(occupation["gap"]["title"], "Marketing Managers");
    // Knowledge.txt: Sales and Marketing is what Marketing Managers rate most important (4.85).
    assert_eq!(
        occupation["gap"]["skills"][0]["label"],
        "Sales and Marketing"
    );
    assert_eq!(occupation["gap"]["skills"][0]["importance"], 4.85);
}

#[test]
fn json_lines_and_parquet_with_mapped_columns() {
    let env = Env::new();
    let jsonl = env.write(
        "p.jsonl",
        "{\"company\":\"Acme\",\"role\":\"Analyst\",\"when\":\"2026-09-01T10:00:00Z\",\"body\":\"SQL\"}\n\n\
         {\"company\":\"Zoë AG\",\"role\":\"Analystin\",\"when\":\"2026-09-02\",\"body\":\"Kenntnisse: SQL, «Python»\"}\n",
    );
    let mapped = [
        "--employer-column",
        "company",
        "--title-column",
        "role",
        "--date-column",
        "when",
        "--text-column",
        "body",
    ];
    let mut args = vec!["postings", "import", jsonl.to_str().unwrap(), "--json"];
    args.extend(mapped);
    assert_eq!(env.json(&args)["added"], 2);
    let parquet = fixture("postings.parquet");
    env.fails(
        &["postings", "import", &parquet],
        1,
        "no column \"employer\" (columns: company, job_title, posted, description, salary)",
    );
    let out = env.json(&[
        "postings",
        "import",
        &parquet,
        "--json",
        "--employer-column",
        "company",
        "--title-column",
        "job_title",
        "--date-column",
        "posted",
        "--text-column",
        "description",
    ]);
    assert_eq!(out["added"], 3, "{out}");
    let demand = env.json(&["market", "demand", "--json"]);
    assert_eq!(
        demand["employers"], 3,
        "Acme, Zoë AG, Beta GmbH in the last twelve months"
    );
    assert_eq!(demand["skills"][0]["label"], "SQL");
    assert_eq!(demand["skills"][0]["employers"], 3);
}

#[test]
fn occupations_rank_by_fit_with_zones_related_and_pay() {
    let env = Env::new();
    env.run(&["demo", "--db", env.db().to_str().unwrap()]);
    let out = env.json(&["market", "occupations", "--json", "--limit", "40"]);
    assert_eq!(out["current"]["code"], "11-2021.00");
    assert_eq!(out["current"]["job_zone"], 4);
    let rows = out["occupations"].as_array().unwrap();
    assert_eq!(rows.len(), 40);
    let fits: Vec<f64> = rows.iter().map(|r| r["fit"].as_f64().unwrap()).collect();
    assert!(fits.windows(2).all(|w| w[0] >= w[1]), "{fits:?}");
    let marketing = rows
        .iter()
        .find(|r| r["code"] == "11-2021.00")
        .expect("a marketer's own occupation fits");
    assert_eq!(marketing["yours"], true);
    assert_eq!(marketing["direction"], "sideways");
    // OEWS May 2025 national median for 11-2021, against Alex's 126,000.
    assert_eq!(marketing["median_wage"], 166790.0);
    assert_eq!(marketing["pay_change"], 166790.0 - 126000.0);
    assert_eq!(marketing["related"][0]["code"], "13-1161.00");
    // Alex's ESCO skills count through the words of O*NET's task statements: all five share
    // words with some occupation's tasks; Public Relations Specialists' tasks write press
    // releases.
    assert_eq!(out["based_on"]["esco_in_task_statements"], 5);
    let public_relations = rows.iter().find(|r| r["code"] == "27-3031.00").unwrap();
    assert!(public_relations["esco_fit"].as_f64().unwrap() > 0.0);
    for r in rows {
        let zone = r["job_zone"].as_u64().unwrap();
        let expected = match zone.cmp(&4) {
            std::cmp::Ordering::Less => "step back",
            std::cmp::Ordering::Equal => "sideways",
            std::cmp::Ordering::Greater => "step up",
        };
        assert_eq!(r["direction"], expected);
    }
}

/// Plain words in, codes inside: an occupation by job title, an area by place name; several
/// that fit are listed with their codes (a terminal would offer them to pick).
#[test]
fn occupation_by_title_and_area_by_place() {
    let env = Env::new();
    env.cmd()
        .args([
            "profile",
            "set",
            "--occupation",
            "marketing manager",
            "--area",
            "Seattle",
        ])
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "occupation: Marketing Managers (11-2021.00)",
        ))
        .stderr(predicates::str::contains(
            "area: Seattle-Tacoma-Bellevue, WA\n",
        ));
    // The profile shows names where it stores codes.
    let shown = env.run(&["profile"]);
    assert!(shown.contains("Marketing Managers (11-2021.00)"), "{shown}");
    assert!(shown.contains("Seattle-Tacoma-Bellevue, WA\n"), "{shown}");
    let profile = env.json(&["profile", "--json"]);
    assert_eq!(profile["occupation"], "11-2021.00");
    assert_eq!(profile["area"], "0042660");
    env.run(&["profile", "set", "--area", "WA"]);
    assert_eq!(env.json(&["profile", "--json"])["area"], "5300000");
    env.run(&["profile", "set", "--area", "national"]);
    assert_eq!(env.json(&["profile", "--json"])["area"], "0000000");
    assert!(env.run(&["profile"]).contains("the United States"));
    env.fails(
        &["profile", "set", "--area", "Portland"],
        2,
        "0038900 Portland-Vancouver-Hillsboro, OR-WA",
    );
    env.fails(
        &[
            "profile",
            "set",
            "--occupation",
            "software engineering manager",
        ],
        2,
        "11-3021.00 Computer and Information Systems Managers",
    );
    // The search needs no records.
    let empty = Env::new();
    let found = empty.json(&[
        "market",
        "occupations",
        "--search",
        "registered nurse",
        "--json",
    ]);
    assert_eq!(found[0]["code"], "29-1141.00", "{found}");
    assert!(!empty.db().exists());
}

/// Demand says what it knows: with no posting before the window there is no year before to
/// compare with (not every skill "new"), and skills that postings cannot name give no "NaN%".
#[test]
fn demand_without_a_year_before_or_countable_skills_says_so() {
    let env = Env::new();
    let file = env.write(
        "recent.csv",
        "employer,title,date,text\nAcme,Data Analyst,2026-08-01,SQL and Python\n\
         Beta,Data Analyst,2026-09-02,SQL reporting\n",
    );
    env.run(&["postings", "import", file.to_str().unwrap()]);
    env.run(&["skills", "add", "Critical Thinking"]);
    let out = env.run(&["market", "demand", "--as-of", "2026-10-28"]);
    assert!(
        out.contains("no data a year before to compare with"),
        "{out}"
    );
    assert!(!out.contains(" new "), "{out}");
    assert!(!out.contains("NaN"), "{out}");
    assert!(
        out.contains("None of your skills can appear in postings"),
        "{out}"
    );
}

#[test]
fn skills_tagged_on_wins_are_listed_until_claimed() {
    let env = Env::new();
    env.run(&[
        "win",
        "Shipped the billing migration",
        "--skill",
        "Python",
        "--skill",
        "hiring",
    ]);
    env.run(&[
        "win",
        "Cut build times in half",
        "--skill",
        "python",
        "--skill",
        "wizardry of old",
    ]);
    let listed = env.run(&["skills", "list"]);
    assert!(
        listed.contains("Tagged on your wins, not claimed yet (3 skills)"),
        "{listed}"
    );
    assert!(
        listed.contains("Python") && listed.contains("on 2 wins"),
        "{listed}"
    );
    assert!(listed.contains("milemarker skills add Python"), "{listed}");
    assert!(
        listed.contains("one of"),
        "hiring offers candidates: {listed}"
    );
    assert!(
        !listed.contains("skills add \"wizardry of old\""),
        "no command that would find nothing: {listed}"
    );
    env.run(&["skills", "add", "python"]);
    let listed = env.run(&["skills", "list"]);
    assert!(listed.starts_with("1 skill\n"), "{listed}");
    assert!(
        listed.contains("on 2 wins"),
        "the claimed row counts its wins: {listed}"
    );
    assert!(listed.contains("not claimed yet (2 skills)"), "{listed}");
}

#[test]
fn demand_counts_each_tool_apart_and_a_claimed_class_counts_them_all() {
    let env = Env::new();
    let postings = env.write(
        "tools.csv",
        "employer,title,date,text\n\
         Acme,Backend Engineer,2026-09-01,\"Java, Spring and AWS; dashboards in Tableau.\"\n\
         Beta,Frontend Engineer,2026-09-02,\"JavaScript and React; reporting in Power BI.\"\n\
         Gamma,Data Analyst,2026-09-03,\"Excel and Google Sheets, Tableau or Power BI.\"\n",
    );
    env.run(&["postings", "import", postings.to_str().unwrap()]);
    env.run(&["skills", "add", "spreadsheet software"]);
    let demand = env.json(&["market", "demand", "--json", "--as-of", "2026-09-30"]);
    let employers = |label: &str| {
        demand["skills"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["label"] == label)
            .map(|s| s["employers"].as_u64().unwrap())
    };
    assert_eq!(employers("Oracle Java"), Some(1), "{demand}");
    assert_eq!(employers("JavaScript"), Some(1), "{demand}");
    assert_eq!(employers("Tableau"), Some(2), "{demand}");
    assert_eq!(employers("Microsoft Power BI"), Some(2), "{demand}");
    assert_eq!(employers("Microsoft Excel"), Some(1), "{demand}");
    // The class someone claims counts the posting naming two of its products once.
    assert_eq!(employers("Spreadsheet software"), Some(1), "{demand}");
    // A class nobody claims is not listed beside its products.
    assert_eq!(
        employers("Business intelligence and data analysis software"),
        None,
        "{demand}"
    );
    // One skill of yours is one, not "0 of 1 (0%)".
    let text = env.run(&["market", "demand", "--as-of", "2026-09-30"]);
    assert!(
        text.contains("Your skill is not asked for by 5+ employers"),
        "{text}"
    );
}

#[test]
fn from_text_adds_only_the_confident_hits_without_a_terminal() {
    let env = Env::new();
    env.run(&["skills", "add", "sql"]);
    let cv = env.write(
        "cv.txt",
        "Built payment services in Java and Python on AWS; set up logging for them.",
    );
    let proposed = env.json(&["skills", "from-text", cv.to_str().unwrap(), "--json"]);
    let rated: Vec<(&str, bool)> = proposed["proposed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["label"].as_str().unwrap(),
                h["confident"].as_bool().unwrap(),
            )
        })
        .collect();
    assert!(rated.contains(&("Oracle Java", true)), "{rated:?}");
    assert!(rated.contains(&("Python", true)), "{rated:?}");
    // ESCO's "logging" is timber felling: a single word the context layer doubts.
    assert!(rated.contains(&("logging", false)), "{rated:?}");
    let text = env.run(&["skills", "from-text", cv.to_str().unwrap()]);
    assert!(text.contains("unsure"), "{text}");
    let added = env.json(&[
        "skills",
        "from-text",
        cv.to_str().unwrap(),
        "--add",
        "--json",
    ]);
    let ids: Vec<&str> = added["added"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), rated.iter().filter(|(_, sure)| *sure).count());
    let listed = env.run(&["skills", "list"]);
    assert!(
        listed.contains("Oracle Java") && !listed.contains("logging"),
        "{listed}"
    );
}

#[test]
fn from_text_proposes_before_any_record_and_creates_nothing() {
    let env = Env::new();
    let cv = env.write("cv.txt", "Reports in Microsoft Excel and SQL.");
    let text = env.run(&["skills", "from-text", cv.to_str().unwrap()]);
    assert!(text.contains("Microsoft Excel"), "{text}");
    assert!(!env.db().exists(), "proposing writes nothing");
    env.run(&["skills", "from-text", cv.to_str().unwrap(), "--add"]);
    assert!(env.run(&["skills", "list"]).contains("Microsoft Excel"));
}

/// The Spark job's output folder, as `jobs/spark/demand.py --out` leaves it.
fn spark_out(env: &Env) -> std::path::PathBuf {
    let dir = env.db().with_file_name("spark-out");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        format!(
            "{}/tests/fixtures/spark/demand.json",
            env!("CARGO_MANIFEST_DIR")
        ),
        dir.join("demand.json"),
    )
    .unwrap();
    dir
}

#[test]
fn demand_counted_by_the_spark_job_answers_and_says_where_it_came_from() {
    let env = Env::new();
    let out = spark_out(&env);
    let dir = out.to_str().unwrap();
    let file = out.join("demand.json");
    env.run(&["skills", "add", "sql"]);
    env.run(&["skills", "add", "draft", "press", "releases"]);
    let answer = env.json(&["market", "demand", "--from", dir, "--json"]);
    let source = format!(
        "demand from {}, postings 2024-10 to 2026-09, computed by the Spark job: 9 job postings",
        file.display()
    );
    assert!(
        answer["dataset"].as_str().unwrap().starts_with(&source),
        "{}",
        answer["dataset"]
    );
    assert_eq!(answer["through"], "2026-09");
    assert_eq!(
        (answer["postings"].as_u64(), answer["employers"].as_u64()),
        (Some(6), Some(4))
    );
    let labels: Vec<&str> = answer["skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["label"].as_str().unwrap())
        .collect();
    // The O*NET class is left out, as for postings counted here; the person's own are marked.
    assert_eq!(labels, ["SQL", "Python", "draft press releases"]);
    assert_eq!(answer["skills"][0]["yours"], true);
    assert_eq!(answer["skills"][0]["trend"], 1.5);
    assert_eq!(answer["coverage"]["skills"][0]["employers"], 3);
    let text = env.run(&["market", "demand", "--from", file.to_str().unwrap()]);
    assert!(text.contains(&source), "{text}");
    // The gap to the title the job counted, less what the person claims.
    let gap = env.json(&[
        "market",
        "demand",
        "--from",
        dir,
        "--title",
        "Data Analyst",
        "--json",
    ]);
    assert_eq!(gap["gap"]["postings"], 3);
    assert_eq!(gap["gap"]["skills"][0]["label"], "Python");
    env.fails(
        &["market", "demand", "--from", dir, "--title", "nurse"],
        1,
        "has the gap to \"data analyst\", not to \"nurse\": run the Spark job again with --title \"nurse\"",
    );
    env.fails(
        &["market", "demand", "--from", dir, "--months", "6"],
        1,
        "counts 12 months, not 6: run the Spark job again with --months 6",
    );
}

#[test]
fn imported_demand_feeds_every_view_until_forgotten_and_a_bad_file_changes_nothing() {
    let env = Env::new();
    let out = spark_out(&env);
    env.run(&["skills", "add", "draft", "press", "releases"]);
    // A file that does not add up is refused, naming the file, the field and the fix.
    let mut broken: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("demand.json")).unwrap()).unwrap();
    broken["skills"][0]["postings"] = json!(4);
    let bad = env.write("bad-demand.json", &broken.to_string());
    env.fails(
        &["postings", "import-demand", bad.to_str().unwrap()],
        1,
        "bad-demand.json: field skills[0].postings: 4 but its months add up to 5",
    );
    env.fails(
        &["postings", "import-demand", bad.to_str().unwrap()],
        1,
        "python jobs/spark/demand.py",
    );
    env.fails(&["market", "demand"], 1, "no job postings");
    let imported = env.run(&["postings", "import-demand", out.to_str().unwrap()]);
    assert!(
        imported.contains("Imported demand for 4 skills through 2026-09"),
        "{imported}"
    );
    // market demand, and the fading skills marker, read it now.
    let answer = env.json(&["market", "demand", "--json"]);
    assert!(
        answer["dataset"]
            .as_str()
            .unwrap()
            .contains("computed by the Spark job"),
        "{answer}"
    );
    let markers = env.json(&["markers", "--json"]);
    let fading = markers["markers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "fading_skills")
        .unwrap();
    assert!(
        fading.to_string().contains("computed by the Spark job"),
        "{fading}"
    );
    assert_eq!(fading["fired"], true, "{fading}");
    let forgot = env.run(&["postings", "forget-demand"]);
    assert!(forgot.contains("Forgot the imported demand"), "{forgot}");
    env.fails(&["market", "demand"], 1, "no job postings");
}
