//! Words a person would write (issue 18 item 9), for a person unlike the demo: a registered nurse
//! in Ohio weighing the ICU night rotation against a day-shift clinic role and nurse education.
//! Today is 2026-10-28 (the test environment's), so "today" and "yesterday" are fixed.

mod common;

use common::Env;

fn nurse() -> Env {
    let env = Env::new();
    env.run(&[
        "init",
        "--name",
        "Rosa Delgado",
        "--occupation",
        "registered nurse",
        "--boundary",
        "36",
        "--value",
        "patient-care",
        "--value",
        "family-time",
        "--value",
        "pay",
        "--dealbreaker",
        "family-time >= 5",
        "--no-input",
    ]);
    env.run(&["profile", "set", "--area", "Ohio", "--pay", "78000"]);
    for (id, name, kind, scores) in [
        (
            "stay",
            "ICU night rotation",
            "stay",
            ["patient-care=8", "family-time=3", "pay=7"],
        ),
        (
            "clinic",
            "Day-shift clinic nurse",
            "lateral",
            ["patient-care=6", "family-time=9", "pay=5"],
        ),
        (
            "educator",
            "Nurse educator",
            "step-back",
            ["patient-care=4", "family-time=8", "pay=4"],
        ),
    ] {
        let mut args = vec!["option", "add", id, "--name", name, "--kind", kind];
        for s in &scores {
            args.extend(["--score", s]);
        }
        args.extend(["--net-income", "4000"]);
        env.run(&args);
    }
    env.run(&[
        "finances",
        "set",
        "--expenses",
        "3900",
        "--savings",
        "12000",
    ]);
    env.run(&[
        "risk", "add", "clinic", "pay cut", "-p", "9", "-s", "4", "--fact",
    ]);
    env
}

/// A check-in with energy and satisfaction at 3 and the flags in `more`; what it said.
fn checkin(env: &Env, more: &[&str]) -> String {
    let mut args = vec![
        "checkin",
        "--energy",
        "3",
        "--satisfaction",
        "3",
        "--no-input",
    ];
    args.extend(more);
    env.run(&args)
}

/// Options are named in prose by the names the person gave them; ids stay in the commands.
#[test]
fn the_decision_names_options_by_their_names() {
    let env = nurse();
    let decide = env.run(&["decide"]);
    for said in [
        "Day-shift clinic nurse is first in 100%",
        "  100,000 weightings drawn, keeping patient-care >= family-time >= pay.\n",
        "What would change the answer from Day-shift clinic nurse?",
        "\"Day-shift clinic nurse\" fits your values best",
        "The risks of \"Nurse educator\" are not recorded",
        "Risks not recorded: Nurse educator. Name them: `milemarker risk add educator",
        "  - ICU night rotation: income covers expenses",
        "      breaks family-time >= 5: it is 3\n",
    ] {
        assert!(decide.contains(said), "{said:?} in:\n{decide}");
    }
    let review = env.run(&["review"]);
    for said in [
        "ICU night rotation is ruled out: it breaks family-time >= 5",
        "Your current role breaks family-time >= 5: 3 (your score for this value).",
        "      family-time >= 5: 3 (your score for this value), broken\n",
        "Day-shift clinic nurse comes first in 100% of the weightings that keep the order of your values.\n",
    ] {
        assert!(review.contains(said), "{said:?} in:\n{review}");
    }
    let json = env.json(&["review", "--format", "json"]);
    assert_eq!(
        json["decision"]["excluded"][0][0], "stay",
        "JSON keeps the ids"
    );
    assert!(
        json["decision"].get("names").is_none(),
        "JSON fields stay as they were"
    );
}

/// Days as a person says them: today, yesterday, 1 day, every day; never "0 days" or "0 weeks".
#[test]
fn days_read_as_today_and_yesterday() {
    let env = nurse();
    env.run(&["season", "set", "career", "winter", "--since", "2026-10-27"]);
    env.run(&["season", "set", "family", "autumn"]);
    let seasons = env.run(&["season"]);
    assert!(
        seasons.contains("winter  since yesterday (2026-10-27)"),
        "{seasons}"
    );
    assert!(seasons.contains("fall    since today"), "{seasons}");
    let review = env.run(&["review"]);
    assert!(
        review.contains("career in winter since yesterday (2026-10-27):"),
        "{review}"
    );
    assert!(!review.contains("0 weeks"), "{review}");

    env.run(&["contact", "add", "Luis Park", "--cadence", "1"]);
    env.run(&["contact", "log", "luis", "--date", "2026-10-27"]);
    assert!(env.run(&["contact", "list"]).contains("every day"));
    let due = env.run(&["contact", "due"]);
    assert!(due.contains("due today"), "{due}");
    assert!(
        env.run(&["review"])
            .contains("last contact 2026-10-27, due today")
    );

    for date in ["2026-10-28", "2026-10-27", "2026-10-25"] {
        env.run(&[
            "opportunity",
            "add",
            "--company",
            "Kent State",
            "--role",
            "Clinical instructor",
            "--source",
            "posting",
            "--date",
            date,
        ]);
    }
    env.run(&[
        "opportunity",
        "move",
        "3",
        "applied",
        "--date",
        "2026-10-26",
    ]);
    let leads = env.run(&["opportunity", "list"]);
    for said in [
        "new since today",
        "new since yesterday",
        "applied for 2 days",
    ] {
        assert!(leads.contains(said), "{said:?} in:\n{leads}");
    }
    assert!(
        !leads.contains(" days ") || !leads.contains(" 0 days"),
        "{leads}"
    );

    checkin(
        &env,
        &[
            "--week",
            "2026-10-20",
            "--hours",
            "44",
            "--weekend-days",
            "1",
            "--evenings",
            "1",
        ],
    );
    let over = checkin(&env, &["--week", "2026-10-13", "--hours", "37"]);
    assert!(
        over.contains(": 37 hours, 1 hour over your 36-hour boundary;"),
        "{over}"
    );
    let hours = env.run(&["hours", "--weeks", "2"]);
    assert!(hours.contains("1 weekend day, 1 evening"), "{hours}");
}

/// Codes stay behind names, and counts read as words: the profile and the pay say the place,
/// one audit is "all taken on one day", the lacks are "1 thing".
#[test]
fn names_not_codes_and_counts_in_words() {
    let env = nurse();
    let profile = env.run(&["profile"]);
    assert!(
        profile.contains("Registered Nurses (29-1141.00)"),
        "{profile}"
    );
    assert!(profile.contains("area                Ohio\n"), "{profile}");
    assert!(profile.contains("78,000 USD"), "{profile}");
    let pay = env.run(&["market", "pay", "--area", "national"]);
    assert!(
        pay.contains("Registered Nurses (29-1141) in the United States\n"),
        "{pay}"
    );
    let markers = env.run(&["markers"]);
    assert!(
        markers.contains("Registered Nurses (29-1141) in Ohio: 40th percentile"),
        "{markers}"
    );
    assert!(!markers.contains("profile total_pay"), "{markers}");

    env.run(&["task", "add", "charting", "--hours", "6", "--energy", "-2"]);
    env.run(&["audit"]);
    let markers = env.run(&["markers"]);
    assert!(
        markers.contains("but they were all taken on one day"),
        "{markers}"
    );
    assert!(markers.contains("None of the last 4 weeks recorded: too few weeks to tell."));

    let fresh = Env::new();
    fresh.run(&["values", "set", "pay", "--weight", "5"]);
    let lacks = fresh.run(&["dealbreakers", "add", "pay >= 5"]);
    assert!(
        lacks.contains("Your decision still lacks 1 thing:"),
        "{lacks}"
    );
}

/// Exactly one of something reads in the singular: 1 win, 1 hour, 1 evening; and a brag
/// document without a name is just a brag document.
#[test]
fn one_of_something_is_singular() {
    let env = Env::new();
    env.run(&["win", "Charted the new sepsis bundle"]);
    let brag = env.run(&["brag"]);
    assert!(brag.starts_with("# Brag document\n"), "{brag}");
    assert!(brag.contains(" · 1 win\n"), "{brag}");
    assert!(brag.contains("0 of 1 win (0%) reached"), "{brag}");
    env.run(&[
        "task", "add", "huddle", "--hours", "1", "--energy", "-2", "--fit", "1",
    ]);
    let audit = env.run(&["audit"]);
    assert!(audit.contains("1 of 1 hour a week drain you"), "{audit}");
    assert!(audit.contains("huddle: drop, it drains you"), "{audit}");
    let said = checkin(
        &env,
        &["--hours", "1", "--evenings", "1", "--weekend-days", "1"],
    );
    assert!(
        said.contains(": 1 hour, within your 40-hour boundary; 1 weekend day, 1 evening;"),
        "{said}"
    );
}

/// No "(s)": counts take their noun's number; an option's name leads its listing.
#[test]
fn no_parenthesised_plurals_and_names_lead() {
    let env = nurse();
    let options = env.run(&["option", "list"]);
    assert!(
        options.contains("  Day-shift clinic nurse  (id clinic, kind lateral)\n"),
        "{options}"
    );
    env.run(&["contact", "add", "Janet Okafor"]);
    let card = env.write(
        "one.vcf",
        "BEGIN:VCARD\nVERSION:3.0\nFN:Amy Tran\nEND:VCARD\n",
    );
    let said = env.run(&["contact", "import", card.to_str().unwrap()]);
    assert!(said.contains("Added 1 contact, updated 0"), "{said}");
    let doc = env.write("one.json", &env.run(&["export", "-"]));
    let out = env.cmd().args(["import"]).arg(&doc).output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("imported 3 values, 1 deal-breaker and 3 options"),
        "{said}"
    );
}

/// The review's reasons carry no seed numbers ("a mile marker (004)"), and its days their noun.
#[test]
fn no_seed_numbers_in_the_reasons() {
    let env = Env::new();
    env.run(&[
        "opportunity",
        "add",
        "--company",
        "Cleveland Clinic",
        "--role",
        "Clinic RN",
        "--source",
        "recruiter",
        "--date",
        "2026-10-13",
    ]);
    let review = env.json(&["review", "--format", "json"]);
    let why: Vec<&str> = review["actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["why"].as_str())
        .collect();
    let reply = why
        .iter()
        .find(|w| w.contains("has waited"))
        .expect("the reply action");
    assert_eq!(
        *reply,
        "It has waited 15 days; not answering out of fear or comfort is a mile marker."
    );
}

/// With no skill O*NET can count, no occupation is listed at 0% fit as if it were advice.
#[test]
fn no_ranking_without_a_counted_skill() {
    let env = nurse();
    let out = env.run(&["market", "occupations"]);
    assert!(
        out.contains("No occupation shares a skill with you yet, so none is ranked by fit."),
        "{out}"
    );
    assert!(!out.contains("Chief Executives"), "{out}");
    assert!(
        out.contains(
            "Counted: 0 O*NET skills and knowledge areas, 0 technology skills, 0 ESCO skills"
        ),
        "{out}"
    );
}

/// Skills proposed from a text: none found, or the one found already claimed, in words.
#[test]
fn skills_from_text_in_words() {
    let env = nurse();
    let from_text = |text: &str| {
        let file = env.write("cv.txt", text);
        env.run(&["skills", "from-text", file.to_str().unwrap()])
    };
    env.run(&["skills", "add", "sql"]);
    assert_eq!(
        from_text("I write SQL reports.\n"),
        "No new skills: the one found is yours already.\n"
    );
    assert_eq!(from_text("zzz\n"), "No skills found in the text.\n");
}

/// One skill that postings can name is "your one skill", not "1 of the 1 skill ... are".
#[test]
fn one_skill_in_demand_reads_as_one() {
    let env = nurse();
    env.run(&["skills", "add", "sql"]);
    let mut csv = String::from("employer,title,date,text\n");
    for i in 0..6 {
        csv += &format!(
            "Clinic {i},Clinic Nurse,2026-0{}-10,Charting with SQL reports\n",
            i + 1
        );
    }
    let file = env.write("postings.csv", &csv);
    env.run(&["postings", "import", file.to_str().unwrap()]);
    let markers = env.run(&["markers"]);
    assert!(
        markers.contains(
            "Fading skills: Your one skill that postings can name is asked for by 5+ employers"
        ),
        "{markers}"
    );
}
