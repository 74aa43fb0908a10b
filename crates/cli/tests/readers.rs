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
fn bytes_that_are_not_utf8_are_named_by_file_and_line_in_every_reader() {
    let env = Env::new();
    let lines = write_bytes(
        &env,
        "lines.txt",
        b"SQL\nPython and caf\xe9 culture\nExcel\n",
    );
    let out = env
        .cmd()
        .args(["skills", "extract", "--lines", lines.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "lines.txt: line 2, column 15: not valid UTF-8 (byte 0xE9); save the file as UTF-8",
        ))
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "1: SQL\n",
        "the lines before it"
    );
    let cases: [(&str, &[u8], &[&str]); 5] = [
        ("doc.json", b"{\n\"method\": \"t\xe9\"}", &["decide"]),
        ("export.json", b"{\n\n\"profile\": \"\xff\"}", &["import"]),
        (
            "tw.json",
            b"[\n{\"start\":\"20261001T090000Z\",\"annotation\":\"\xe9\"}]",
            &["hours", "import", "--format", "timewarrior", "--tz", "UTC"],
        ),
        (
            "cards.vcf",
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ren\xe9\r\nEND:VCARD\r\n",
            &["contact", "import"],
        ),
        ("cv.txt", b"SQL\n\n\n\xe9", &["skills", "extract"]),
    ];
    for (name, bytes, command) in cases {
        let path = write_bytes(&env, name, bytes);
        let mut args = command.to_vec();
        args.push(path.to_str().unwrap());
        let at = bytes.iter().position(|&b| b >= 0x80).unwrap();
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
        env.fails(&args, 1, &format!("{name}: line {line}, column"));
    }
    assert!(!env.db().exists(), "failed imports create no database");
}

#[test]
fn json_readers_accept_a_byte_order_mark() {
    let env = Env::new();
    let bom = |text: &[u8]| [b"\xEF\xBB\xBF".as_slice(), text].concat();
    let doc = br#"{"criteria": [{"id": "pay", "kind": "benefit", "weight": 8}],
        "options": [{"id": "stay", "scores": {"pay": 7}}, {"id": "move", "scores": {"pay": 8}}]}"#;
    let file = write_bytes(&env, "doc.json", &bom(doc));
    let out = env.json(&["decide", file.to_str().unwrap(), "--json"]);
    assert_eq!(out["ranking"][0]["option"], "move");
    env.cmd()
        .args(["decide", "-", "--json"])
        .write_stdin(bom(doc))
        .assert()
        .success();
    env.run(&["profile", "set", "--name", "Sam"]);
    let export = env.run(&["export", "-"]);
    let file = write_bytes(&env, "export.json", &bom(export.as_bytes()));
    env.run(&["import", file.to_str().unwrap()]);
    let tw = std::fs::read(format!(
        "{}/tests/fixtures/timewarrior.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let file = write_bytes(&env, "tw.json", &bom(&tw));
    env.run(&[
        "hours",
        "import",
        "--format",
        "timewarrior",
        "--tz",
        "Europe/Berlin",
        file.to_str().unwrap(),
    ]);
    let jsonl = br#"{"employer":"Acme","title":"Dev","date":"2026-01-05","text":"SQL"}"#;
    let file = write_bytes(&env, "p.jsonl", &bom(jsonl));
    let out = env.json(&["postings", "import", file.to_str().unwrap(), "--json"]);
    assert_eq!(out["added"], 1);
}

#[test]
fn empty_input_is_nothing_to_import_and_records_nothing() {
    let env = Env::new();
    for name in ["empty.json", "empty.toml"] {
        let file = env.write(name, " \n");
        env.fails(
            &["decide", file.to_str().unwrap()],
            1,
            &format!("{name} is empty; nothing to decide"),
        );
    }
    let vcf = env.write("empty.vcf", "");
    env.fails(
        &["contact", "import", vcf.to_str().unwrap()],
        1,
        "empty.vcf is empty; nothing to import",
    );
    let jsonl = env.write("empty.jsonl", "\n");
    env.fails(
        &["postings", "import", jsonl.to_str().unwrap()],
        1,
        "empty.jsonl: no postings, not one line of JSON; nothing to import",
    );
    let csv = env.write("header.csv", HEADER);
    env.fails(
        &["postings", "import", csv.to_str().unwrap()],
        1,
        "only a header, no postings; nothing to import",
    );
    let json = env.write("empty-export.json", "");
    env.fails(
        &["import", json.to_str().unwrap()],
        1,
        "is empty; nothing to import",
    );
    env.fails(
        &[
            "hours",
            "import",
            "--format",
            "watson",
            "--tz",
            "UTC",
            json.to_str().unwrap(),
        ],
        1,
        "is empty; nothing to import",
    );
    assert!(!env.db().exists(), "nothing recorded, not even a database");
    // With records there already, an empty file still records no import.
    env.run(&["profile", "set", "--name", "Sam"]);
    env.fails(
        &["postings", "import", jsonl.to_str().unwrap()],
        1,
        "nothing to import",
    );
    env.fails(
        &["contact", "import", vcf.to_str().unwrap()],
        1,
        "nothing to import",
    );
    let cards = env.write("none.vcf", "\r\n\r\n");
    env.fails(
        &["contact", "import", cards.to_str().unwrap()],
        1,
        "is empty",
    );
    assert_eq!(env.json(&["contact", "list", "--json"]), json!([]));
}

#[cfg(unix)]
#[test]
fn an_endless_input_is_refused_at_its_limit() {
    let env = Env::new();
    env.fails(
        &["decide", "/dev/zero"],
        1,
        "/dev/zero is over 16 MiB, the most a decision document may be",
    );
    env.fails(
        &["postings", "import", "--format", "csv", "/dev/zero"],
        1,
        "/dev/zero: line 1: the header: a record over 1 MiB",
    );
    env.fails(
        &["postings", "import", "--format", "jsonl", "/dev/zero"],
        1,
        "/dev/zero: line 1: a line over 1 MiB",
    );
    env.fails(
        &["skills", "extract", "--lines", "/dev/zero"],
        1,
        "/dev/zero: line 1 is over 1 MiB, the most one line may be",
    );
    env.fails(
        &["skills", "extract", "/dev/zero"],
        1,
        "over 64 MiB, the most a text may be",
    );
    // The limit can be set for one run.
    let doc = env.write(
        "big.json",
        &format!("{{\"criteria\": []{}}}", " ".repeat(4096)),
    );
    env.cmd()
        .env("MILEMARKER_INPUT_LIMIT", "2K")
        .args(["decide", doc.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "big.json is over 2 KiB, the most a decision document may be",
        ));
    assert!(!env.db().exists());
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
