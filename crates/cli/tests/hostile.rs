//! Hostile input to every reader, through the real binary (DESIGN 8): empty files, byte-order
//! marks, NUL and invalid UTF-8 bytes, one enormous line, deep nesting, unterminated quotes,
//! valid files cut short or with bytes flipped, seeded random bytes. Whatever the input, no
//! reader panics or hangs, a refusal says why, and a refused import changes nothing.

mod common;

use std::time::Duration;

use common::Env;

/// The readers: a name, the file's ending, and the command with `{}` for the file.
const READERS: &[(&str, &str, &[&str])] = &[
    (
        "postings csv",
        "csv",
        &["postings", "import", "--format", "csv", "{}"],
    ),
    (
        "postings jsonl",
        "jsonl",
        &["postings", "import", "--format", "jsonl", "{}"],
    ),
    (
        "postings parquet",
        "parquet",
        &["postings", "import", "--format", "parquet", "{}"],
    ),
    (
        "timewarrior",
        "json",
        &["hours", "import", "--format", "timewarrior", "{}"],
    ),
    (
        "toggl",
        "csv",
        &["hours", "import", "--format", "toggl", "{}"],
    ),
    (
        "watson",
        "json",
        &["hours", "import", "--format", "watson", "{}"],
    ),
    (
        "activitywatch",
        "json",
        &["hours", "import", "--format", "activitywatch", "{}"],
    ),
    ("vcard", "vcf", &["contact", "import", "{}"]),
    ("export document", "json", &["import", "{}"]),
    ("decision document", "json", &["decide", "{}"]),
];

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// A well-formed file for each reader, to cut short and to damage.
fn valid(reader: &str, env: &Env) -> Vec<u8> {
    match reader {
        "postings csv" => b"employer,title,date,text\nAcme,Analyst,2026-09-01,\"SQL, Excel and \"\"Python\"\"\"\nBeta,Nurse,2026-09-02,patient care\n".to_vec(),
        "postings jsonl" => b"{\"employer\":\"Acme\",\"title\":\"Analyst\",\"date\":\"2026-09-01\",\"text\":\"SQL and Python\"}\n".to_vec(),
        "postings parquet" => fixture("tests/fixtures/postings/postings.parquet"),
        "timewarrior" => fixture("tests/fixtures/timewarrior.json"),
        "toggl" => fixture("tests/fixtures/toggl.csv"),
        "watson" => fixture("tests/fixtures/watson-frames.json"),
        "activitywatch" => fixture("tests/fixtures/activitywatch.json"),
        "vcard" => fixture("../core/tests/fixtures/vcard/google-contacts.vcf"),
        "export document" => {
            let demo = env.dir.path().join("demo.db");
            env.run(&["demo", "--db", demo.to_str().unwrap()]);
            let out = env
                .cmd()
                .args(["--db", demo.to_str().unwrap(), "export", "-"])
                .output()
                .unwrap();
            out.stdout
        }
        "decision document" => br#"{"method":"wsm",
            "criteria":[{"id":"pay","weight":0.6},{"id":"autonomy","weight":0.4}],
            "options":[{"id":"stay","scores":{"pay":7,"autonomy":3}},
                       {"id":"go","scores":{"pay":5,"autonomy":8}}]}"#
            .to_vec(),
        other => unreachable!("{other}"),
    }
}

/// A seeded xorshift: the same bytes on every run.
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

/// The hostile inputs for a reader, named.
fn hostile(valid: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut inputs: Vec<(String, Vec<u8>)> = vec![
        ("empty".into(), Vec::new()),
        ("a byte-order mark alone".into(), b"\xEF\xBB\xBF".to_vec()),
        ("white space".into(), b" \n\t\r\n  ".to_vec()),
        ("NUL bytes".into(), vec![0; 4096]),
        (
            "invalid UTF-8".into(),
            b"\xff\xfe\xfd not text \xc3\x28".to_vec(),
        ),
        ("one 2 MB line".into(), vec![b'a'; 2 << 20]),
        (
            "deep nesting".into(),
            [b"[".repeat(100_000), b"{\"a\":".repeat(10_000)].concat(),
        ),
        (
            "an unterminated quote".into(),
            b"a,b,c,d\n\"x,y,z\n1,2,3,4\n".to_vec(),
        ),
        (
            "a number past f64".into(),
            b"[{\"start\": 1e400, \"hours\": -1e400}]".to_vec(),
        ),
        ("CRLF and lone CR".into(), b"a,b\r\nc,d\re,f\n".to_vec()),
    ];
    let bom = [b"\xEF\xBB\xBF".as_slice(), valid].concat();
    inputs.push(("the valid file after a byte-order mark".into(), bom));
    for cut in [1, 3, 7] {
        let at = valid.len() * cut / 8;
        inputs.push((
            format!("the valid file cut at byte {at}"),
            valid[..at].to_vec(),
        ));
    }
    for seed in 1..=3u64 {
        let mut damaged = valid.to_vec();
        for (i, byte) in noise(seed, 8).into_iter().enumerate() {
            let at = (seed as usize * 7919 + i * 104_729) % damaged.len().max(1);
            if let Some(b) = damaged.get_mut(at) {
                *b ^= byte | 1;
            }
        }
        inputs.push((
            format!("the valid file with 8 bytes flipped (seed {seed})"),
            damaged,
        ));
        inputs.push((
            format!("4 KB of random bytes (seed {seed})"),
            noise(seed, 4096),
        ));
    }
    inputs
}

#[test]
fn no_reader_panics_hangs_or_half_writes_on_hostile_input() {
    let env = Env::new();
    env.run(&["win", "Something before"]);
    let before = env.run(&["export", "-"]);
    let mut runs = 0;
    for (reader, ending, args) in READERS {
        let valid = valid(reader, &env);
        for (what, bytes) in hostile(&valid) {
            let file = env.dir.path().join(format!("input.{ending}"));
            std::fs::write(&file, &bytes).unwrap();
            let args: Vec<String> = args
                .iter()
                .map(|a| a.replace("{}", file.to_str().unwrap()))
                .collect();
            let out = env
                .cmd()
                .args(&args)
                .timeout(Duration::from_secs(60))
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            let case = format!("{reader}, {what}: exit {:?}, {stderr}", out.status.code());
            assert!(
                matches!(out.status.code(), Some(0..=2)),
                "no panic, signal or time-out: {case}"
            );
            assert!(!stderr.contains("panicked"), "{case}");
            if what == "empty" {
                assert!(!out.status.success(), "nothing to read is refused: {case}");
            }
            if !out.status.success() {
                assert!(!stderr.trim().is_empty(), "a refusal says why: {case}");
                if *reader != "decision document" {
                    assert_eq!(
                        env.run(&["export", "-"]),
                        before,
                        "a refusal writes nothing: {case}"
                    );
                }
            } else if *reader != "decision document" {
                // Accepted: start the next input from the same records.
                env.cmd()
                    .args(["import", "-"])
                    .write_stdin(before.clone())
                    .assert()
                    .success();
            }
            runs += 1;
        }
    }
    assert!(runs >= 10 * 19, "{runs} inputs");
}
