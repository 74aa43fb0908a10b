//! Every reader of a file, through the binary: broken quotes, line ends, bytes that are not UTF-8,
//! byte order marks, empty files, endless files, and databases that are not there yet.

mod common;

use common::Env;
use predicates::prelude::*;

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
