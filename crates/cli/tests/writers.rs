//! The write rule (DESIGN 6) through the real binary: several `milemarker` processes and the web
//! server's forms write wins, opportunities, contacts, check-ins and tasks to one database at
//! once. Every write that reported success is there at the end, and every write that did not
//! said so.

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};

use common::Env;
use serde_json::Value;

/// Writes per record kind per CLI writer: enough to overlap for a few seconds.
const ROUNDS: usize = 8;
const CLI_WRITERS: [&str; 3] = ["a", "b", "c"];
/// Forms the web writer posts.
const WEB_WINS: usize = 40;

/// What a writer was told: the keys of the records reported saved, by kind.
#[derive(Default)]
struct Reported {
    saved: BTreeSet<(&'static str, String)>,
    failed: usize,
}

/// A week of its own for each writer and round, all before the pinned today.
fn week(writer: usize, round: usize) -> String {
    let k = writer * ROUNDS + round;
    format!("{}-W{:02}", 2024 + k / 52, k % 52 + 1)
}

fn cli_writer(env: &Env, index: usize, name: &str) -> Reported {
    let mut reported = Reported::default();
    for round in 0..ROUNDS {
        let key = format!("{name}-{round}");
        let week = week(index, round);
        let writes: [(&'static str, String, Vec<String>); 5] = [
            ("win", key.clone(), vec!["win".into(), key.clone()]),
            (
                "opportunity",
                key.clone(),
                [
                    "opportunity",
                    "add",
                    "--company",
                    &key,
                    "--role",
                    "Dev",
                    "--source",
                    "network",
                ]
                .map(String::from)
                .to_vec(),
            ),
            (
                "contact",
                format!("Writer {key}"),
                vec!["contact".into(), "add".into(), format!("Writer {key}")],
            ),
            (
                "checkin",
                week.clone(),
                [
                    "checkin",
                    "--week",
                    &week,
                    "--hours",
                    "41",
                    "--weekend-days",
                    "0",
                ]
                .into_iter()
                .chain(["--evenings", "1", "--energy", "3", "--satisfaction", "3"])
                .map(String::from)
                .collect(),
            ),
            (
                "task",
                key.clone(),
                ["task", "add", &key, "--hours", "1", "--energy", "1"]
                    .map(String::from)
                    .to_vec(),
            ),
        ];
        for (kind, record, args) in writes {
            let out = env.cmd().args(&args).output().unwrap();
            if out.status.success() {
                reported.saved.insert((kind, record));
            } else {
                assert!(
                    !out.stderr.is_empty(),
                    "a failed write says why: {kind} {record}"
                );
                reported.failed += 1;
            }
        }
    }
    reported
}

/// `milemarker serve` on the test's database; killed when dropped.
struct Server(Child, String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(env: &Env) -> Server {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_milemarker"))
        .args(["serve", "--port", "0"])
        .env("MILEMARKER_DB", env.db())
        .env("MILEMARKER_TODAY", "2026-10-28")
        .env("HOME", env.dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line
        .trim()
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    Server(child, address)
}

/// One HTTP/1.1 request over a fresh connection: the status and the body.
fn http(address: &str, method: &str, path: &str, form: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
        form.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().unwrap();
    let body = response
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

fn web_writer(server: &Server) -> Reported {
    let (_, page) = http(&server.1, "GET", "/wins", "");
    let token = page
        .split_once(r#"name="csrf" value=""#)
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(token, _)| token.to_string())
        .expect("the wins page carries the form token");
    let mut reported = Reported::default();
    for i in 0..WEB_WINS {
        let title = format!("web-{i}");
        let form =
            format!("csrf={token}&title={title}&date=2026-10-27&visibility=team&section=projects");
        match http(&server.1, "POST", "/wins", &form) {
            (303, _) => {
                reported.saved.insert(("win", title));
            }
            (503, body) => {
                assert!(body.contains("Busy, try again"), "{body}");
                reported.failed += 1;
            }
            (status, body) => panic!("the win form answered {status}: {body}"),
        }
    }
    reported
}

/// The keys of every stored record, by kind, from `milemarker export`.
fn stored(env: &Env) -> BTreeSet<(&'static str, String)> {
    let file = env.dir.path().join("export.json");
    env.run(&["export", file.to_str().unwrap()]);
    let doc: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    let keys = |kind: &'static str, list: &str, field: &str| {
        doc[list]
            .as_array()
            .unwrap()
            .iter()
            .map(move |r| (kind, r[field].as_str().unwrap().to_string()))
            .collect::<Vec<_>>()
    };
    [
        keys("win", "achievements", "title"),
        keys("opportunity", "opportunities", "company"),
        keys("contact", "contacts", "name"),
        keys("checkin", "checkins", "week"),
        keys("task", "tasks", "id"),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[test]
fn writers_at_once_lose_nothing_reported_saved() {
    let env = Env::new();
    env.run(&["win", "seed"]);
    let server = serve(&env);
    let reported: Vec<Reported> = std::thread::scope(|scope| {
        let env = &env;
        let mut writers: Vec<_> = CLI_WRITERS
            .iter()
            .enumerate()
            .map(|(i, name)| scope.spawn(move || cli_writer(env, i, name)))
            .collect();
        writers.push(scope.spawn(|| web_writer(&server)));
        writers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    let stored = stored(&env);
    let mut expected = 0;
    for writer in &reported {
        let lost: Vec<_> = writer.saved.difference(&stored).collect();
        assert!(lost.is_empty(), "reported saved, then lost: {lost:?}");
        expected += writer.saved.len();
    }
    let failed: usize = reported.iter().map(|r| r.failed).sum();
    // Nothing holds the lock for long here, so every write should have gone through.
    assert_eq!(failed, 0, "writes refused as busy");
    assert_eq!(
        expected,
        CLI_WRITERS.len() * ROUNDS * 5 + WEB_WINS,
        "every write was reported one way or the other"
    );
    // The seed win, and nothing else beyond what was reported.
    assert_eq!(stored.len(), expected + 1);
}
