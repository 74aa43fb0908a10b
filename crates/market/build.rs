//! Builds the skill matcher once, at compile time: building it takes seconds, reading it back
//! takes milliseconds. The automaton runs over words, not bytes: every word of every label gets a
//! number, each label becomes the string of its words' numbers (one char each), and daachorse
//! builds a leftmost-longest automaton over those strings. Text is matched the same way, so the
//! automaton takes one step a word, and is small enough to stay in cache.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use daachorse::{CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

#[path = "src/taxonomy.rs"]
#[allow(dead_code)] // the build script uses part of what the library shares
mod taxonomy;

fn main() {
    let data =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../data/skills");
    for file in ["skills.tsv", "labels.tsv", "deny.txt"] {
        println!("cargo::rerun-if-changed={}", data.join(file).display());
    }
    println!("cargo::rerun-if-changed=src/taxonomy.rs");
    let read = |name: &str| {
        std::fs::read_to_string(data.join(name)).expect("data/skills is in the repository")
    };
    let (skills, labels) = (read("skills.tsv"), read("labels.tsv"));
    let patterns = taxonomy::patterns(&skills, &labels);
    // Words numbered from the most used in labels down (then alphabetically): the matcher keeps a
    // key per word in number order, so the common words' keys share a few cache lines.
    let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
    for word in patterns.iter().flat_map(|(p, _)| p.split(' ')) {
        *uses.entry(word).or_default() += 1;
    }
    let mut vocabulary: Vec<&str> = uses.keys().copied().collect();
    vocabulary.sort_by_key(|word| std::cmp::Reverse(uses[word]));
    let numbers: HashMap<&str, u32> = vocabulary
        .iter()
        .enumerate()
        .map(|(i, word)| (*word, i as u32 + 1))
        .collect();
    if let Some(long) = vocabulary.iter().find(|w| w.len() > taxonomy::KEY_WIDTH) {
        panic!("label word {long:?} is longer than the matcher's word key; widen KEY_WIDTH");
    }
    let number = |word: &str| taxonomy::word_char(numbers[word]);
    let strings: Vec<String> = patterns
        .iter()
        .map(|(p, _)| p.split(' ').map(number).collect())
        .collect();
    let automaton = CharwiseDoubleArrayAhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build_with_values(
            strings
                .iter()
                .enumerate()
                .map(|(i, s)| (s.as_str(), i as u32)),
        )
        .expect("the labels build an automaton");
    let mut bytes = automaton.serialize();
    for (_, skill) in &patterns {
        bytes.extend_from_slice(&skill.to_le_bytes());
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out.join("skills.daac"), bytes).expect("OUT_DIR is writable");
    std::fs::write(out.join("words.txt"), vocabulary.join("\n")).expect("OUT_DIR is writable");
}
