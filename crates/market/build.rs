//! Builds the skill matcher's automaton from the embedded taxonomy once, at compile time: building
//! it takes seconds, reading it back takes milliseconds.

use std::path::PathBuf;

use daachorse::CharwiseDoubleArrayAhoCorasickBuilder;
use daachorse::MatchKind;

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
    let automaton = CharwiseDoubleArrayAhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .build_with_values(
            patterns
                .iter()
                .enumerate()
                .map(|(i, (p, _))| (p.as_str(), i as u32)),
        )
        .expect("the labels build an automaton");
    let mut bytes = automaton.serialize();
    for (_, skill) in &patterns {
        bytes.extend_from_slice(&skill.to_le_bytes());
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("skills.daac");
    std::fs::write(out, bytes).expect("OUT_DIR is writable");
}
