//! Builds the skill matcher once, at compile time: building it takes seconds, reading it back
//! takes milliseconds. The matcher runs over words, not bytes: every word of every label gets a
//! number, each label becomes the run of its words' numbers, and a trie over those runs
//! (`src/trie.rs`) takes one step a word. Text is matched the same way.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

#[path = "src/taxonomy.rs"]
#[allow(dead_code)] // the build script uses part of what the library shares
mod taxonomy;

#[path = "src/trie.rs"]
#[allow(dead_code)]
mod trie;

fn main() {
    let data =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../data/skills");
    for file in ["skills.tsv", "labels.tsv", "deny.txt", "surface-forms.tsv"] {
        println!("cargo::rerun-if-changed={}", data.join(file).display());
    }
    println!("cargo::rerun-if-changed=src/taxonomy.rs");
    println!("cargo::rerun-if-changed=src/trie.rs");
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
    let numbers: HashMap<&str, u16> = vocabulary
        .iter()
        .enumerate()
        .map(|(i, word)| {
            let number = u16::try_from(i + 1).expect("under 65,536 label words");
            (*word, number)
        })
        .collect();
    if let Some(long) = vocabulary.iter().find(|w| w.len() > taxonomy::KEY_WIDTH) {
        panic!("label word {long:?} is longer than the matcher's word key; widen KEY_WIDTH");
    }
    let phrases: Vec<(Vec<u16>, u32)> = patterns
        .iter()
        .map(|(p, skill)| (p.split(' ').map(|word| numbers[word]).collect(), *skill))
        .collect();
    let trie = trie::PhraseTrie::build(vocabulary.len() as u16, &phrases);
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out.join("skills.trie"), trie.to_bytes()).expect("OUT_DIR is writable");
    std::fs::write(out.join("words.txt"), vocabulary.join("\n")).expect("OUT_DIR is writable");
}
