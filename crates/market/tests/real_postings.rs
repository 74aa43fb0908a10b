//! The matcher on whole job postings written like real ones (company blurb, benefits, an
//! equal-opportunity paragraph, an address, "Follow us on our Facebook page"), against
//! `fixtures/postings/expect.tsv`: the tools and skills a reader would insist on (`must`) and the
//! boilerplate and everyday-word hits a reader would strike out (`must_not`). The postings are six
//! of the twelve in `bench/concepts/postings/` (issue 19 item 1).
//!
//! A fragment is `text:WORDS` (some hit's matched text contains WORDS as whole words, ignoring
//! case) or `label:WORDS` (some hit's skill label does). A `must` row needs such a hit; a
//! `must_not` row forbids one.

use std::fs;
use std::path::{Path, PathBuf};

use milemarker_market::skills::Matcher;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/postings")
}

struct Expectation {
    line: usize,
    posting: String,
    must: bool,
    field: Field,
    words: String,
    reason: String,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Field {
    Text,
    Label,
}

fn expectations() -> Vec<Expectation> {
    let path = fixtures().join("expect.tsv");
    let source = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = source.lines().enumerate();
    let (_, header) = lines.next().expect("expect.tsv is empty");
    assert_eq!(
        header, "posting\texpect\tfragment\treason",
        "expect.tsv header"
    );
    lines
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(
                cols.len(),
                4,
                "expect.tsv line {}: four columns, not {}",
                i + 1,
                cols.len()
            );
            let must = match cols[1] {
                "must" => true,
                "must_not" => false,
                other => panic!(
                    "expect.tsv line {}: expect is must or must_not, not {other:?}",
                    i + 1
                ),
            };
            let (field, words) = if let Some(w) = cols[2].strip_prefix("text:") {
                (Field::Text, w)
            } else if let Some(w) = cols[2].strip_prefix("label:") {
                (Field::Label, w)
            } else {
                panic!(
                    "expect.tsv line {}: fragment starts with text: or label:",
                    i + 1
                )
            };
            assert!(
                !words.trim().is_empty(),
                "expect.tsv line {}: empty fragment",
                i + 1
            );
            Expectation {
                line: i + 1,
                posting: cols[0].to_string(),
                must,
                field,
                words: words.to_string(),
                reason: cols[3].to_string(),
            }
        })
        .collect()
}

/// Whether `words` occurs in `haystack` as whole words, ignoring case.
fn contains_words(haystack: &str, words: &str) -> bool {
    let (hay, needle) = (haystack.to_lowercase(), words.to_lowercase());
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    hay.match_indices(&needle).any(|(at, _)| {
        !is_word(hay[..at].chars().next_back()) && !is_word(hay[at + needle.len()..].chars().next())
    })
}

#[test]
fn expectations_are_well_formed() {
    let all = expectations();
    assert!(!all.is_empty());
    for e in &all {
        assert!(
            fixtures().join(&e.posting).is_file(),
            "expect.tsv line {}: no posting {}",
            e.line,
            e.posting
        );
    }
    assert!(contains_words("Java (computer programming)", "java"));
    assert!(!contains_words("JavaScript", "java"));
    assert!(contains_words("R", "r") && !contains_words("Object or component", "r"));
}

#[test]
fn real_postings_meet_expectations() {
    let matcher = Matcher::global();
    let mut failures = Vec::new();
    let all = expectations();
    for e in &all {
        let text = fs::read_to_string(fixtures().join(&e.posting)).unwrap();
        let hits = matcher.concepts(&text);
        let found: Vec<String> = hits
            .iter()
            .filter(|h| match e.field {
                Field::Text => contains_words(h.matched, &e.words),
                Field::Label => contains_words(h.label.unwrap_or_default(), &e.words),
            })
            .map(|h| format!("{:?} -> {}", h.matched, h.label.unwrap_or_default()))
            .collect();
        let field = if e.field == Field::Text {
            "text"
        } else {
            "label"
        };
        if e.must && found.is_empty() {
            failures.push(format!(
                "{} must find {field}:{} ({}), found none",
                e.posting, e.words, e.reason
            ));
        } else if !e.must && !found.is_empty() {
            failures.push(format!(
                "{} must not find {field}:{} ({}), found {}",
                e.posting,
                e.words,
                e.reason,
                found.join(", ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} expectations fail:\n  {}",
        failures.len(),
        all.len(),
        failures.join("\n  ")
    );
}
