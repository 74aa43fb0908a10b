//! A real person's decision loop (issue 18), as a new user unlike the demo would walk it: an
//! engineering manager in Seattle weighing staying, a step back to a staff engineer role and a
//! sideways move into product management, from an empty database to a decision by every method
//! and a review. The texts a person reads on the way are pinned as snapshots.

mod common;

use common::Env;

/// Runs a command that must succeed; returns standard output and standard error together, as a
/// person sees them on a terminal.
fn said(env: &Env, args: &[&str]) -> String {
    let out = env.cmd().args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    format!(
        "$ milemarker {}\n{}{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    )
}

fn refused(env: &Env, args: &[&str]) -> String {
    let out = env.cmd().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{args:?}: {out:?}");
    format!(
        "$ milemarker {}\n{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn an_engineering_manager_from_nothing_to_a_decision() {
    let env = Env::new();
    let mut log = String::new();
    // Who she is, in her own words: a job title and a place, not codes.
    log += &said(
        &env,
        &[
            "init",
            "--no-input",
            "--name",
            "Priya Raman",
            "--occupation",
            "computer and information systems manager",
            "--boundary",
            "45",
            "--value",
            "family time",
            "--value",
            "craft",
            "--value",
            "autonomy",
            "--value",
            "pay",
            "--dealbreaker",
            "hours_per_week <= 45",
        ],
    );
    log += &said(
        &env,
        &[
            "profile",
            "set",
            "--area",
            "Seattle",
            "--role-start",
            "2021-02-01",
            "--last-promotion",
            "2023-04-01",
            "--pay",
            "198000",
        ],
    );
    // A deal-breaker on a value: autonomy's score itself.
    log += &said(&env, &["dealbreakers", "add", "autonomy >= 6"]);
    // Three paths; product management still lacks a pay score and its hours.
    log += &said(
        &env,
        &[
            "option",
            "add",
            "stay",
            "--kind",
            "stay",
            "--name",
            "Stay as engineering manager",
            "--attr",
            "hours_per_week=52",
            "--score",
            "family-time=3",
            "--score",
            "craft=4",
            "--score",
            "autonomy=6",
            "--score",
            "pay=8",
        ],
    );
    log += &said(
        &env,
        &[
            "option",
            "add",
            "staff",
            "--kind",
            "step-back",
            "--name",
            "Staff engineer",
            "--attr",
            "hours_per_week=42",
            "--score",
            "family-time=7",
            "--score",
            "craft=9",
            "--score",
            "autonomy=7",
            "--score",
            "pay=7",
        ],
    );
    log += &said(
        &env,
        &[
            "option",
            "add",
            "pm",
            "--kind",
            "sideways",
            "--name",
            "Product manager",
            "--score",
            "family-time=6",
            "--score",
            "craft=5",
            "--score",
            "autonomy=8",
        ],
    );
    // Everything the decision lacks, in one error.
    log += &refused(&env, &["decide"]);
    log += &said(
        &env,
        &[
            "option",
            "edit",
            "product manager",
            "--score",
            "pay=7",
            "--attr",
            "hours_per_week=44",
        ],
    );
    // The product-management offer arrives and becomes the option it is.
    log += &said(
        &env,
        &[
            "opportunity",
            "add",
            "--company",
            "Northwind",
            "--role",
            "Product Manager",
            "--source",
            "referral",
        ],
    );
    for stage in ["applied", "interviewing", "offer"] {
        log += &said(&env, &["opportunity", "move", "1", stage]);
    }
    log += &said(
        &env,
        &[
            "opportunity",
            "offer",
            "1",
            "--base",
            "185000",
            "--bonus",
            "15000",
            "--deadline",
            "2026-11-06",
        ],
    );
    log += &said(&env, &["opportunity", "promote", "1", "--as", "pm"]);
    // Ranked first, then compared in pairs.
    log += &said(&env, &["decide", "--check"]);
    log += &said(&env, &["decide"]);
    for (a, b, judgement) in [
        ("family-time", "craft", "2"),
        ("family-time", "autonomy", "3"),
        ("family-time", "pay", "5"),
        ("craft", "autonomy", "2"),
        ("craft", "pay", "3"),
        ("autonomy", "pay", "2"),
    ] {
        env.run(&["values", "compare", a, b, judgement]);
    }
    log += &said(&env, &["values"]);
    insta::assert_snapshot!("newcomer_walk", log);

    // Every method decides over the same records, and they agree on what is ruled out.
    for method in ["kt", "wsm", "topsis", "ahp", "smaa"] {
        let d = env.json(&["decide", "--method", method, "--json"]);
        let ranking = d["ranking"].as_array().unwrap();
        assert_eq!(ranking.len(), 2, "{method}: {d}");
        assert_eq!(d["excluded"][0]["option"], "stay", "{method}: {d}");
    }
    let review = env.run(&["review"]);
    assert!(!review.contains("No options to weigh yet"), "{review}");
    insta::assert_snapshot!("newcomer_review", review);
}
