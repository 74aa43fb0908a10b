//! Every reader of a file, through the binary: broken quotes, line ends, bytes that are not UTF-8,
//! byte order marks, empty files, endless files, and databases that are not there yet.

mod common;

use std::path::PathBuf;

use common::Env;
use predicates::prelude::*;
use serde_json::{Value, json};

const HEADER: &str = "employer,title,date,text\n";

fn write_bytes(env: &Env, name: &str, bytes: &[u8]) -> PathBuf {
    let path = env.dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A failed command's standard output, parsed as JSON.
fn json_failure(env: &Env, args: &[&str]) -> Value {
    let out = env.cmd().args(args).assert().code(1).get_output().clone();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_csv_cut_inside_a_quote_or_with_one_left_open_names_the_line() {
    let env = Env::new();
    let demo = std::fs::read(format!(
        "{}/../../data/demo/postings.csv",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    // `head -c 21200`: the file ends inside the text of the posting that begins on line 27.
    let cut = write_bytes(&env, "cut.csv", &demo[..21200]);
    env.fails(
        &["postings", "import", cut.to_str().unwrap()],
        1,
        "1 of 26 rows cannot be used; nothing was imported",
    );
    env.fails(
        &["postings", "import", cut.to_str().unwrap()],
        1,
        "line 27: text: a quoted field begins here and never ends",
    );
    // A quote left open swallows no rows: they are read again after its line.
    let open = env.write(
        "open.csv",
        &format!(
            "{HEADER}Acme,Dev,2020-01-01,\"python\nAcme,Dev,2020-01-02,sql\nAcme,Dev,2020-01-03,sql\n"
        ),
    );
    let path = open.to_str().unwrap();
    env.fails(
        &["postings", "import", path],
        1,
        "line 2: text: a quoted field begins here",
    );
    let out = env.json(&["postings", "import", path, "--skip-bad", "--json"]);
    assert_eq!(
        (out["added"].as_u64(), out["skipped"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(out["bad"][0]["line"], 2);
}

#[test]
fn crlf_lines_are_counted_right_and_json_lists_every_bad_row_by_its_bare_column() {
    let env = Env::new();
    let crlf = env.write(
        "crlf.csv",
        "employer,title,date,text\r\nAcme,Dev,2020-01-01,python\r\nAcme,Dev,7/30/2020,sql\r\n",
    );
    env.fails(
        &["postings", "import", crlf.to_str().unwrap()],
        1,
        "line 3: date: \"7/30/2020\"",
    );
    let mut many = format!("{HEADER}Acme,Dev,2020-01-01,python\nAcme,Dev\n");
    for day in 0..1500 {
        many.push_str(&format!("Acme,Dev,not a day {day},sql\n"));
    }
    let file = env.write("many.csv", &many);
    let out = env.json(&[
        "postings",
        "import",
        file.to_str().unwrap(),
        "--skip-bad",
        "--json",
    ]);
    assert_eq!(out["bad_count"], 1501);
    assert_eq!(out["bad_listed"], 1000);
    assert_eq!(out["bad"].as_array().unwrap().len(), 1000);
    assert_eq!(out["bad"][0]["line"], 3);
    assert_eq!(out["bad"][0]["field"], json!(null), "the row as a whole");
    assert_eq!(out["bad"][1]["field"], "date");
    // The terminal names twenty and counts the rest.
    let text = env.run(&["postings", "import", file.to_str().unwrap(), "--skip-bad"]);
    assert!(text.contains("... and 1481 more"), "{text}");
}

#[test]
fn reading_commands_on_a_missing_database_create_nothing() {
    let env = Env::new();
    let db = env.db();
    for args in [
        &["market", "demand"][..],
        &["win", "list"],
        &["review"],
        &["profile", "show"],
        &["hours"],
        &["decide"],
        &["export", "-"],
        &["contact", "due"],
        &["skills", "list"],
        &["values"],
    ] {
        env.fails(args, 1, &format!("no records at {} yet", db.display()));
    }
    // The default place too: neither the database nor its directory is made.
    env.cmd()
        .env_remove("MILEMARKER_DB")
        .args(["win", "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no records at"));
    assert!(!env.dir.path().join("data").exists());
    // Pay against the market needs no records when the occupation is given.
    env.run(&["market", "pay", "--occupation", "11-2021", "--pay", "1"]);
    // A write that fails creates nothing either; one that succeeds creates the database.
    env.fails(
        &["win", "Shipped", "--date", "2030-01-01"],
        1,
        "in the future",
    );
    let nested = env.dir.path().join("a/b/m.db");
    env.cmd()
        .args([
            "--db",
            nested.to_str().unwrap(),
            "win",
            "Shipped",
            "--date",
            "2030-01-01",
        ])
        .assert()
        .code(1);
    assert!(!env.dir.path().join("a").exists());
    assert!(!db.exists());
    env.run(&["win", "Shipped"]);
    assert!(db.exists());
    assert_eq!(
        env.json(&["win", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn postings_import_json_failures_are_json() {
    let env = Env::new();
    let bad = env.write(
        "bad.csv",
        &format!("{HEADER}Acme,Dev,2020-01-01,sql\nAcme,,2020-01-02,sql\n"),
    );
    let out = json_failure(
        &env,
        &["postings", "import", bad.to_str().unwrap(), "--json"],
    );
    assert!(
        out["error"]
            .as_str()
            .unwrap()
            .contains("1 of 2 rows cannot be used"),
        "{out}"
    );
    assert_eq!(out["file"], bad.to_str().unwrap());
    assert_eq!(
        (out["line"].as_u64(), out["field"].as_str()),
        (Some(3), Some("title"))
    );
    assert_eq!(out["bad"][0]["message"], "empty");
    let columns = env.write(
        "columns.csv",
        "company,title,date,text\nAcme,Dev,2020-01-01,sql\n",
    );
    let out = json_failure(
        &env,
        &["postings", "import", columns.to_str().unwrap(), "--json"],
    );
    assert_eq!(out["field"], "employer");
    assert_eq!(out["line"], json!(null));
    let out = json_failure(&env, &["postings", "import", "missing.csv", "--json"]);
    assert_eq!(out["file"], "missing.csv");
    assert!(
        out["error"]
            .as_str()
            .unwrap()
            .starts_with("cannot read missing.csv")
    );
    let out = json_failure(&env, &["postings", "import", "postings.txt", "--json"]);
    assert!(
        out["error"].as_str().unwrap().contains("--format csv"),
        "{out}"
    );
    assert!(!env.db().exists());
}
