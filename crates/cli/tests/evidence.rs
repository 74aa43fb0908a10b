//! Achievements, the network, the pipeline, the mile markers and the review, through the binary.

mod common;

use common::Env;
use serde_json::{Value, json};

/// The example person with a year of records ending the week before 2026-10-28.
fn with_example() -> Env {
    let env = Env::new();
    let db = env.db();
    env.run(&["demo", "--db", db.to_str().unwrap()]);
    env
}

fn vcard_fixture(name: &str) -> String {
    format!(
        "{}/../core/tests/fixtures/vcard/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn a_win_is_logged_listed_and_refused_when_in_the_future() {
    let env = Env::new();
    let out = env.run(&[
        "win",
        "Shipped the billing migration",
        "--impact",
        "invoice errors down 40%",
        "--visibility",
        "skip",
        "--skill",
        "sql",
        "--skill",
        "stakeholder management",
        "--section",
        "projects",
        "--date",
        "2026-10-20",
        "--link",
        "https://example.com/doc",
    ]);
    assert!(out.contains("Logged win #1 on 2026-10-20"), "{out}");
    env.run(&["win", "Mentored Sam", "--section", "collaboration"]);
    let wins = env.json(&["win", "list", "--json"]);
    assert_eq!(wins[0]["title"], "Mentored Sam", "newest first");
    assert_eq!(wins[0]["date"], "2026-10-28", "today by default");
    assert_eq!(wins[0]["visibility"], "team");
    assert_eq!(wins[1]["skills"], json!(["sql", "stakeholder management"]));
    let before = env.run(&["export", "-"]);
    env.fails(
        &["win", "From the future", "--date", "2026-11-02"],
        1,
        "in the future",
    );
    env.fails(
        &["win", "Wrong", "--section", "hobbies"],
        2,
        "invalid value 'hobbies'",
    );
    env.fails(&["win", "  "], 1, "title");
    assert_eq!(
        env.run(&["export", "-"]),
        before,
        "bad input changes nothing"
    );
    env.run(&["win", "remove", "2"]);
    assert_eq!(
        env.json(&["win", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    env.fails(&["win", "remove", "2"], 1, "no win #2");
}

#[test]
fn a_script_link_or_an_overlong_title_is_refused_and_never_reaches_the_brag_document() {
    let env = Env::new();
    env.run(&["win", "Kept", "--link", "mailto:lead@example.org"]);
    let before = env.run(&["export", "-"]);
    env.fails(
        &["win", "x", "--link", "javascript:alert(1)"],
        1,
        "link: \"javascript:alert(1)\" is not a link milemarker keeps; give one starting \
         http://, https:// or mailto:",
    );
    env.fails(
        &[
            "win",
            "x",
            "--link",
            "data:text/html,<script>alert(1)</script>",
        ],
        1,
        "http://, https:// or mailto:",
    );
    let long = "x".repeat(301);
    env.fails(
        &["win", &long],
        1,
        "title: 301 characters is too long; keep it to 300",
    );
    assert_eq!(env.run(&["export", "-"]), before, "nothing was logged");
    let brag = env.run(&["brag", "--format", "markdown"]);
    assert!(!brag.contains("javascript:"), "{brag}");
    assert!(brag.contains("mailto:lead@example.org"), "{brag}");
}

#[test]
fn brag_groups_a_period_by_section_and_visibility() {
    let env = with_example();
    let out = env.run(&["brag", "--from", "2026-01-01", "--to", "2026-10-28"]);
    insta::assert_snapshot!("brag", out);
    let doc = env.json(&["brag", "--from", "2026-01-01", "--format", "json"]);
    assert_eq!(doc["total"], 10);
    assert_eq!(doc["reached_leadership"], 2);
    assert_eq!(doc["sections"].as_array().unwrap().len(), 4);
    env.fails(
        &["brag", "--from", "2026-10-01", "--to", "2026-09-01"],
        1,
        "after --to",
    );
    let file = env.dir.path().join("brag.md");
    env.run(&["brag", "--out", file.to_str().unwrap()]);
    assert!(
        std::fs::read_to_string(file)
            .unwrap()
            .starts_with("# Brag document: Alex Morgan")
    );
}

#[test]
fn contacts_log_restarts_the_timer_and_due_lists_mentors_first() {
    let env = Env::new();
    env.run(&[
        "contact",
        "add",
        "Dana Whitfield",
        "--company",
        "Blue Harbor Health",
        "--mentor",
        "--cadence",
        "30",
        "--how",
        "former manager",
    ]);
    env.run(&[
        "contact",
        "add",
        "Luis Ortega",
        "--cadence",
        "60",
        "--email",
        "luis@example.com",
    ]);
    env.run(&[
        "contact",
        "log",
        "dana-whitfield",
        "--date",
        "2026-08-01",
        "--note",
        "coffee",
    ]);
    env.run(&["contact", "log", "luis-ortega", "--date", "2026-08-01"]);
    let due = env.json(&["contact", "due", "--json"]);
    assert_eq!(due.as_array().unwrap().len(), 2);
    assert_eq!(
        due[0]["contact"]["id"], "dana-whitfield",
        "the mentor first"
    );
    assert_eq!(due[0]["overdue_days"], 58, "due 2026-08-31");
    assert_eq!(due[1]["overdue_days"], 28, "due 2026-09-30");
    env.run(&["contact", "log", "dana-whitfield"]);
    let due = env.json(&["contact", "due", "--json"]);
    assert_eq!(
        due.as_array().unwrap().len(),
        1,
        "logging restarts the timer"
    );
    assert_eq!(due[0]["contact"]["id"], "luis-ortega");
    let out = env.run(&["contact", "due", "--as-of", "2026-09-15"]);
    assert!(
        out.contains("Dana Whitfield (mentor)") && !out.contains("Luis Ortega"),
        "{out}"
    );
    env.fails(
        &["contact", "add", "Dana Whitfield"],
        1,
        "already a contact",
    );
    env.fails(&["contact", "log", "nobody"], 1, "no contact \"nobody\"");
    env.fails(
        &["contact", "log", "luis-ortega", "--date", "2027-01-01"],
        1,
        "in the future",
    );
    env.run(&[
        "contact",
        "edit",
        "luis-ortega",
        "--cadence",
        "0",
        "--title",
        "Recruiter",
    ]);
    let list = env.json(&["contact", "list", "--json"]);
    assert_eq!(list[1]["cadence_days"], Value::Null);
    assert_eq!(list[1]["title"], "Recruiter");
}

#[test]
fn vcards_from_real_exporters_import_and_round_trip() {
    let env = Env::new();
    for fixture in ["apple-contacts.vcf", "google-contacts.vcf", "monica.vcf"] {
        let out = env.run(&["contact", "import", &vcard_fixture(fixture)]);
        assert!(
            out.contains("Added 2 contacts") || out.contains("Added 1 contact,"),
            "{out}"
        );
    }
    let first = env.json(&["contact", "list", "--json"]);
    assert_eq!(first.as_array().unwrap().len(), 5);
    // Re-importing the same file updates, never duplicates.
    let out = env.run(&["contact", "import", &vcard_fixture("monica.vcf")]);
    assert!(out.contains("Added 0 contacts, updated 1"), "{out}");
    env.run(&[
        "contact",
        "log",
        "priya-raman",
        "--date",
        "2026-10-01",
        "--note",
        "lunch; career talk",
    ]);
    env.run(&[
        "contact",
        "edit",
        "priya-raman",
        "--mentor",
        "--cadence",
        "45",
    ]);
    let exported = env.run(&["contact", "export", "-"]);
    assert!(exported.starts_with("BEGIN:VCARD\r\nVERSION:3.0\r\n"));
    // Into a fresh database and out again: the same contacts, the same bytes.
    let other = Env::new();
    let file = other.write("all.vcf", &exported);
    other.run(&["contact", "import", file.to_str().unwrap()]);
    assert_eq!(
        other.json(&["contact", "list", "--json"]),
        env.json(&["contact", "list", "--json"])
    );
    assert_eq!(other.run(&["contact", "export", "-"]), exported);
}

#[test]
fn a_broken_vcard_names_the_line_and_imports_nothing() {
    let env = Env::new();
    env.run(&["contact", "add", "Sam Lee"]);
    let before = env.run(&["export", "-"]);
    let broken = env.write(
        "broken.vcf",
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ok Person\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken\r\nthis line lost its property name\r\nEND:VCARD\r\n",
    );
    env.fails(
        &["contact", "import", broken.to_str().unwrap()],
        1,
        "broken.vcf: line 8:",
    );
    let cut = env.write("cut.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Half\n");
    env.fails(
        &["contact", "import", cut.to_str().unwrap()],
        1,
        "no END:VCARD",
    );
    assert_eq!(env.run(&["export", "-"]), before);
}

#[test]
fn opportunities_move_through_stages_and_an_offer_becomes_an_option() {
    let env = Env::new();
    env.run(&["contact", "add", "Luis Ortega"]);
    env.run(&[
        "opportunity",
        "add",
        "--company",
        "Blue Harbor",
        "--role",
        "Director of Brand",
        "--source",
        "recruiter",
        "--contact",
        "luis-ortega",
        "--date",
        "2026-10-01",
    ]);
    env.run(&[
        "opportunity",
        "add",
        "--company",
        "Fabrikam",
        "--role",
        "PMM",
        "--source",
        "referral",
    ]);
    env.run(&[
        "opportunity",
        "move",
        "2",
        "interviewing",
        "--date",
        "2026-10-28",
    ]);
    env.fails(&["opportunity", "promote", "2"], 1, "not an offer");
    env.run(&["opportunity", "move", "2", "offer"]);
    let out = env.run(&["opportunity", "promote", "2"]);
    // Said by the name it was given; the command under it keeps the id.
    assert!(out.contains("the option \"PMM at Fabrikam\""), "{out}");
    assert!(out.contains("option edit fabrikam-pmm"), "{out}");
    let options = env.json(&["option", "list", "--json"]);
    assert_eq!(options[0]["kind"], "offer");
    assert_eq!(options[0]["name"], "PMM at Fabrikam");
    env.fails(&["opportunity", "promote", "2"], 1, "already the option");
    let list = env.json(&["opportunity", "list", "--json"]);
    assert_eq!(list[1]["history"].as_array().unwrap().len(), 3);
    let before = env.run(&["export", "-"]);
    env.fails(
        &[
            "opportunity",
            "move",
            "1",
            "replied",
            "--date",
            "2026-09-01",
        ],
        1,
        "before it became new",
    );
    env.fails(
        &["opportunity", "move", "1", "ghosted"],
        2,
        "invalid value 'ghosted'",
    );
    let add = [
        "opportunity",
        "add",
        "--company",
        "X",
        "--role",
        "Y",
        "--source",
        "posting",
    ];
    env.fails(
        &[&add[..], &["--date", "2026-12-01"]].concat(),
        1,
        "in the future",
    );
    env.fails(
        &[&add[..], &["--contact", "nobody"]].concat(),
        1,
        "not one of your contacts",
    );
    env.fails(
        &["contact", "remove", "luis-ortega"],
        1,
        "brought opportunity #1",
    );
    assert_eq!(env.run(&["export", "-"]), before);
    // The recruiter lead has waited 27 days: the marker fires.
    let markers = env.json(&["markers", "--json"]);
    let ignored = markers["markers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "ignored_opportunity")
        .unwrap();
    assert_eq!(ignored["fired"], true);
    assert_eq!(ignored["evidence"][0]["days"], 27);
}

#[test]
fn an_offer_records_its_pay_and_deadline_and_is_linked_to_its_option_once() {
    let env = Env::new();
    let add = |company: &str| {
        env.run(&[
            "opportunity",
            "add",
            "--company",
            company,
            "--role",
            "PMM",
            "--source",
            "referral",
            "--date",
            "2026-10-01",
        ]);
    };
    add("Fabrikam");
    add("Contoso");
    env.fails(
        &["opportunity", "offer", "1", "--base", "98000"],
        1,
        "not an offer; `milemarker opportunity move 1 offer` first",
    );
    env.fails(
        &["opportunity", "move", "1", "accepted"],
        1,
        "only an offer can be accepted",
    );
    for id in ["1", "2"] {
        env.run(&["opportunity", "move", id, "offer", "--date", "2026-10-20"]);
    }
    env.fails(
        &["opportunity", "offer", "1", "--bonus", "9500"],
        1,
        "--base",
    );
    let out = env.run(&[
        "opportunity",
        "offer",
        "1",
        "--base",
        "98000",
        "--bonus",
        "9500",
        "--deadline",
        "2026-11-06",
    ]);
    assert!(
        out.contains("98,000 base + 9,500 bonus a year, decide by 2026-11-06"),
        "{out}"
    );
    // Again: only what is given changes.
    env.run(&["opportunity", "offer", "1", "--equity", "4000"]);
    env.fails(
        &["opportunity", "offer", "1", "--base=-5"],
        1,
        "base: give an amount of 0 or more",
    );
    let list = env.run(&["opportunity", "list"]);
    assert!(
        list.contains("98,000 base + 9,500 bonus + 4,000 equity a year, decide by 2026-11-06"),
        "{list}"
    );
    let listed = env.json(&["opportunity", "list", "--json"]);
    assert_eq!(
        listed[0]["offer"],
        json!({"opportunity": 1, "base": 98000.0, "bonus": 9500.0, "equity": 4000.0,
               "deadline": "2026-11-06"})
    );
    assert!(listed[1].get("offer").is_none(), "{listed}");

    // An existing option is linked and keeps what it has; the offer fills what it lacks.
    env.run(&["option", "add", "pmm", "--attr", "salary=100000"]);
    let out = env.run(&["opportunity", "promote", "1", "--as", "pmm"]);
    assert!(
        out.contains("#1 is now linked to the option \"pmm\" (from the offer: bonus, equity)"),
        "{out}"
    );
    let options = env.json(&["option", "list", "--json"]);
    assert_eq!(
        options[0]["attributes"],
        json!({"salary": 100000.0, "bonus": 9500.0, "equity": 4000.0})
    );
    let listed = env.json(&["opportunity", "list", "--json"]);
    assert_eq!(listed[0]["option"], "pmm");
    let before = env.run(&["export", "-"]);
    env.fails(
        &["opportunity", "promote", "1", "--as", "other"],
        1,
        "#1 is already the option \"pmm\"",
    );
    env.fails(
        &["opportunity", "promote", "2", "--as", "pmm"],
        1,
        "the option \"pmm\" is already the offer of opportunity #1 (PMM at Fabrikam)",
    );
    assert_eq!(env.run(&["export", "-"]), before);
    // Without --as: a new option from what the offer carries.
    env.run(&["opportunity", "offer", "2", "--base", "91000"]);
    let out = env.run(&["opportunity", "promote", "2"]);
    assert!(
        out.contains("#2 is now the option \"PMM at Contoso\" (from the offer: salary)"),
        "{out}"
    );
    let options = env.json(&["option", "list", "--json"]);
    assert_eq!(options[1]["attributes"], json!({"salary": 91000.0}));
    // Removing the option unlinks the offer; it can be promoted again.
    env.run(&["option", "remove", "contoso-pmm"]);
    assert_eq!(
        env.json(&["opportunity", "list", "--json"])[1]["option"],
        json!(null)
    );
    env.run(&["opportunity", "promote", "2"]);

    let review = env.run(&["review"]);
    assert!(
        review.contains("#1 PMM at Fabrikam: offer since 2026-10-20, decide by 2026-11-06"),
        "{review}"
    );
    assert!(
        review.contains("#2 PMM at Contoso: offer since 2026-10-20\n"),
        "{review}"
    );

    // Accepted ends the lead: the option is the path taken.
    env.run(&["opportunity", "move", "1", "accepted"]);
    let open = env.run(&["opportunity", "list"]);
    assert!(!open.contains("Fabrikam"), "{open}");
    let all = env.run(&["opportunity", "list", "--all"]);
    assert!(all.contains("accepted since today"), "{all}");
    assert!(all.contains("the path taken"), "{all}");

    // The export carries the offers and an import brings them back.
    let exported = env.run(&["export", "-"]);
    let doc: serde_json::Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(doc["offers"][1], json!({"opportunity": 2, "base": 91000.0}));
    let file = env.write("export.json", &exported);
    let other = Env::new();
    other.run(&["import", file.to_str().unwrap()]);
    assert_eq!(other.run(&["export", "-"]), exported);
}

#[test]
fn markers_report_every_detector_with_evidence_or_what_is_missing() {
    let env = with_example();
    let out = env.json(&["markers", "--json"]);
    assert_eq!(out["as_of"], "2026-10-28");
    let markers = out["markers"].as_array().unwrap();
    let ids: Vec<&str> = markers.iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "overstaying",
            "pay_behind_market",
            "loyalty_trap",
            "invisible_hard_work",
            "stale_record",
            "fading_skills",
            "ignored_opportunity",
            "draining_role",
            "overwork_creep",
            "compromised_dealbreaker",
        ]
    );
    for m in markers {
        for field in [
            "id",
            "fired",
            "severity",
            "summary",
            "evidence",
            "threshold",
        ] {
            assert!(m.get(field).is_some(), "{} lacks {field}", m["id"]);
        }
        match m["fired"].as_bool() {
            Some(true) => {
                assert!(!m["severity"].is_null() && !m["evidence"].as_array().unwrap().is_empty())
            }
            Some(false) => assert!(m["severity"].is_null()),
            None => assert!(m["missing"].is_string(), "{} says what is missing", m["id"]),
        }
    }
    let creep = &markers[8];
    assert_eq!(
        creep["threshold"],
        json!({"weeks_over": 3, "window_weeks": 4})
    );
    // Any day of one ISO week judges the same complete weeks.
    let week: Vec<Value> = (19..=25)
        .map(|day| {
            let out = env.json(&["markers", "--json", "--as-of", &format!("2026-10-{day}")]);
            out["markers"][8]["evidence"].clone()
        })
        .collect();
    assert!(week.windows(2).all(|w| w[0] == w[1]), "{week:?}");
    env.fails(&["markers", "--as-of", "2026-10-29"], 1, "in the future");
    let text = env.run(&["markers"]);
    assert!(text.contains("FIRED (high) Overwork creep"), "{text}");
    assert!(text.contains("FIRED Pay behind the market"), "{text}");
}

#[test]
fn the_config_file_changes_thresholds_and_bad_settings_are_named() {
    let env = with_example();
    let shown = env.run(&["config"]);
    assert!(shown.contains("No settings file at"), "{shown}");
    assert!(
        shown.contains("[markers.overstaying]\nyears = 3.0"),
        "{shown}"
    );
    let config = env.dir.path().join("config/milemarker/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(
        &config,
        "[markers.overstaying]\nyears = 10\n\n[markers.overwork_creep]\nweeks_over = 4\n",
    )
    .unwrap();
    let settings = env.json(&["config", "--json"]);
    assert_eq!(settings["file_exists"], true);
    assert_eq!(settings["markers"]["overstaying"]["years"], 10.0);
    assert_eq!(
        settings["markers"]["stale_record"]["days"], 90,
        "the rest stay defaults"
    );
    let markers = env.json(&["markers", "--json"]);
    assert_eq!(
        markers["markers"][0]["fired"], false,
        "4 years 7 months < 10 years"
    );
    std::fs::write(&config, "[markers.overstaying]\nyears = 3\nmonths = 2\n").unwrap();
    env.fails(
        &["markers"],
        1,
        "config.toml: line 3: unknown field `months`",
    );
    std::fs::write(&config, "[markers.overwork_creep]\nweeks_over = 5\n").unwrap();
    env.fails(
        &["review"],
        1,
        "weeks_over = 5 of window_weeks = 4 cannot be met",
    );
    let elsewhere = env.write("strict.toml", "[markers.stale_record]\ndays = 30\n");
    let out = env.json(&["markers", "--json", "--config", elsewhere.to_str().unwrap()]);
    assert_eq!(
        out["markers"][4]["fired"], true,
        "41 days since the last win, over 30"
    );
}

#[test]
fn the_review_in_every_format() {
    let env = with_example();
    insta::assert_snapshot!("review_text", env.run(&["review"]));
    insta::assert_snapshot!(
        "review_markdown",
        env.run(&["review", "--format", "markdown"])
    );
    insta::assert_snapshot!("review_html", env.run(&["review", "--format", "html"]));
    let json = env.json(&["review", "--format", "json"]);
    insta::assert_json_snapshot!("review_json", json);
    assert_eq!(json["actions"].as_array().unwrap().len(), 3);
    let file = env.dir.path().join("out/review.html");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    env.run(&[
        "review",
        "--format",
        "html",
        "--out",
        file.to_str().unwrap(),
    ]);
    let page = std::fs::read_to_string(&file).unwrap();
    assert!(page.starts_with("<!doctype html>"));
    assert!(
        !page.contains("http://") && !page.contains("<script"),
        "self-contained, no scripts"
    );
    assert_eq!(page.matches("<svg").count(), 2, "hours and energy charts");
    // Reviewing an earlier day sees only what was recorded by then.
    let earlier = env.json(&["review", "--format", "json", "--as-of", "2026-06-01"]);
    assert_eq!(earlier["as_of"], "2026-06-01");
    assert_ne!(earlier["markers"], json["markers"]);
}

#[test]
fn a_new_person_gets_an_honest_review() {
    let env = Env::new();
    env.run(&["profile", "set", "--name", "Sam"]);
    let out = env.run(&["review"]);
    assert!(out.contains("Review for Sam, as of 2026-10-28"), "{out}");
    assert!(out.contains("can't tell Overstaying"), "{out}");
    assert!(out.contains("No weeks recorded yet"), "{out}");
    let json = env.json(&["review", "--format", "json"]);
    let fired: Vec<&Value> = json["markers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["fired"] == true)
        .collect();
    assert_eq!(fired.len(), 1, "only the stale record: no win logged yet");
    assert_eq!(json["actions"][0]["marker"], "stale_record");
}

#[test]
fn the_markdown_review_prints_the_persons_words_as_written() {
    let env = Env::new();
    env.run(&["profile", "set", "--name", "Sam *the* <b>PM</b>"]);
    env.run(&[
        "opportunity",
        "add",
        "--company",
        "A|B [Labs](http://x)",
        "--role",
        "# Lead_dev",
        "--source",
        "recruiter",
        "--date",
        "2026-10-01",
    ]);
    let md = env.run(&["review", "--format", "markdown"]);
    assert!(
        md.starts_with("# Review for Sam \\*the\\* \\<b>PM\\</b>, as of 2026-10-28\n"),
        "{md}"
    );
    assert!(
        md.contains("- \\#1 # Lead_dev at A\\|B \\[Labs\\](http://x): new since 2026-10-01"),
        "{md}"
    );
    // The commands a marker suggests stay code.
    assert!(
        md.contains(
            "_Needs the date you started your role: `milemarker profile set --role-start DATE`_"
        ),
        "{md}"
    );
    // The terminal shows the same words untouched.
    let text = env.run(&["review"]);
    assert!(text.contains("Review for Sam *the* <b>PM</b>"), "{text}");
    assert!(
        text.contains("# Lead_dev at A|B [Labs](http://x)"),
        "{text}"
    );
}

#[test]
fn control_characters_in_the_persons_words_never_reach_the_terminal() {
    let env = Env::new();
    // A carriage return, an OSC 52 clipboard write ended by BEL, and a backspace.
    env.run(&["win", "Shipped\r\x1b]52;c;aGk=\x07 it\x08"]);
    let out = env.run(&["win", "list"]);
    assert!(
        out.contains("Shipped\u{FFFD}]52;c;aGk=\u{FFFD} it\u{FFFD}"),
        "{out:?}"
    );
    assert!(!out.contains(['\r', '\x1b', '\x07', '\x08']), "{out:?}");
    // JSON keeps the words as they were given, escaped as JSON escapes them.
    let json = env.json(&["win", "list", "--json"]);
    assert_eq!(json[0]["title"], "Shipped\r\x1b]52;c;aGk=\x07 it\x08");
}

/// A week as a person names it: an ISO week, any date in it, `this` or `last`; one rule with the
/// web for a week that has not started.
#[test]
fn checkin_weeks_as_people_name_them() {
    let env = Env::new();
    let checkin = |week: &str| {
        env.cmd()
            .args(["checkin", "--week", week, "--hours", "41", "--energy", "3"])
            .args(["--satisfaction", "3"])
            .output()
            .unwrap()
    };
    // MILEMARKER_TODAY is 2026-10-28, a Wednesday in 2026-W44.
    for (given, week) in [
        ("2026-10-20", "2026-W43"),
        ("last week", "2026-W43"),
        ("this", "2026-W44"),
        ("2026w42", "2026-W42"),
    ] {
        let out = checkin(given);
        assert!(out.status.success(), "{given}: {out:?}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains(&format!("Recorded {week}"))
                || String::from_utf8_lossy(&out.stdout).contains(&format!("Updated {week}")),
            "{given}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    env.fails(
        &[
            "checkin",
            "--week",
            "2026-W45",
            "--hours",
            "40",
            "--energy",
            "3",
            "--satisfaction",
            "3",
        ],
        1,
        "2026-W45 has not started yet",
    );
    env.fails(
        &[
            "checkin",
            "--week",
            "soon",
            "--hours",
            "40",
            "--energy",
            "3",
            "--satisfaction",
            "3",
        ],
        2,
        "give an ISO week (2026-W47), any date in it (2026-11-20), `this` or `last`",
    );
}

/// Contacts and tasks by id, by name in any case, or by the start of either.
#[test]
fn contacts_and_tasks_by_name() {
    let env = Env::new();
    env.run(&["contact", "add", "Marcus O'Neil", "--cadence", "30"]);
    env.run(&["contact", "add", "Dana Whitfield"]);
    env.run(&["contact", "add", "Dan Ruiz"]);
    let out = env.run(&["contact", "log", "Marcus O'Neil", "--note", "coffee"]);
    assert!(out.contains("Logged contact with Marcus O'Neil"), "{out}");
    env.run(&[
        "contact",
        "edit",
        "marcus o'neil",
        "--company",
        "Blue Harbor",
    ]);
    env.run(&["contact", "log", "dana"]);
    env.fails(
        &["contact", "log", "da"],
        1,
        "could be the contact dana-whitfield, dan-ruiz",
    );
    env.fails(&["contact", "remove", "zoe"], 1, "no contact \"zoe\"");
    let contacts = env.json(&["contact", "list", "--json"]);
    assert_eq!(contacts[0]["company"], "Blue Harbor");
    assert_eq!(contacts[0]["log"][0]["note"], "coffee");
    assert_eq!(contacts[1]["log"].as_array().unwrap().len(), 1);
    env.run(&[
        "task",
        "add",
        "status-meetings",
        "--name",
        "Status meetings",
        "--hours",
        "6",
        "--energy",
        "-1",
    ]);
    env.run(&["task", "edit", "Status Meetings", "--hours", "4"]);
    assert_eq!(
        env.json(&["task", "list", "--json"])[0]["hours_per_week"],
        4.0
    );
    env.run(&["task", "remove", "status"]);
    assert_eq!(env.json(&["task", "list", "--json"]), serde_json::json!([]));
    // Options too: by name, or the start of it.
    env.run(&["values", "set", "autonomy", "--weight", "8"]);
    env.run(&[
        "option",
        "add",
        "staff",
        "--name",
        "Staff engineer",
        "--score",
        "autonomy=6",
    ]);
    env.run(&["option", "edit", "staff engineer", "--score", "autonomy=7"]);
    env.run(&[
        "risk",
        "add",
        "Staff",
        "the team is reorganised",
        "-p",
        "3",
        "-s",
        "4",
    ]);
    let options = env.json(&["option", "list", "--json"]);
    assert_eq!(options[0]["scores"]["autonomy"], 7.0, "{options}");
    assert_eq!(options[0]["risks"][0]["name"], "the team is reorganised");
    env.run(&["option", "remove", "STAFF ENGINEER"]);
    assert_eq!(
        env.json(&["option", "list", "--json"]),
        serde_json::json!([])
    );
}
