//! What the build script and the matcher share: how text and labels fold, which labels are
//! denied, and which skill owns a label that several share. See `skills.rs` for the rules.

use std::collections::HashMap;

/// Folded labels never matched: product names and labels that are ordinary words in postings
/// ("access to training", "word of mouth", "project", "teams"), and one-letter labels.
pub const DENIED: &[&str] = &[
    "access", "word", "project", "teams", "office", "outlook", "windows", "box", "chef", "puppet",
    "spark", "shell", "go", "it", "less", "make", "ant", "maven", "bamboo", "pulse", "connect",
    "gather", "simple", "quick", "ace", "act", "ask", "sage", "square", "zoom", "basic", "data",
];

/// Text folded for matching, with where each folded byte came from in the original.
pub struct Folded {
    pub text: String,
    /// Original byte range of the character each folded byte came from.
    pub origin: Vec<(u32, u32)>,
}

pub fn fold(text: &str) -> Folded {
    let mut out = Folded {
        text: String::with_capacity(text.len() + 2),
        origin: Vec::with_capacity(text.len() + 2),
    };
    let mut pending_space = true;
    // A leading space lets every pattern start with one: whole-word starts come for free.
    out.text.push(' ');
    out.origin.push((0, 0));
    for (i, c) in text.char_indices() {
        let span = (i as u32, (i + c.len_utf8()) as u32);
        if c.is_alphanumeric() || c == '+' || c == '#' {
            for lower in c.to_lowercase() {
                let mut buf = [0u8; 4];
                let encoded = lower.encode_utf8(&mut buf);
                out.text.push_str(encoded);
                out.origin.extend(std::iter::repeat_n(span, encoded.len()));
            }
            pending_space = false;
        } else if !pending_space {
            out.text.push(' ');
            out.origin.push(span);
            pending_space = true;
        }
    }
    if !pending_space {
        out.text.push(' ');
        out.origin.push((text.len() as u32, text.len() as u32));
    }
    out
}

/// A label as a pattern: folded, with its leading space and without the trailing one.
pub fn pattern(label: &str) -> Option<String> {
    let folded = fold(label).text;
    let trimmed = folded.trim_end();
    let word = trimmed.trim_start();
    if word.chars().count() < 2 || DENIED.contains(&word) {
        return None;
    }
    Some(trimmed.to_string())
}

/// The (id, preferred label) rows of `skills.tsv`.
pub fn skill_rows(skills_tsv: &str) -> Vec<(&str, &str)> {
    skills_tsv
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .collect()
}

/// Every usable label as a pattern with the index of the skill that owns it, sorted by pattern.
pub fn patterns(skills_tsv: &str, labels_tsv: &str) -> Vec<(String, u32)> {
    let skills = skill_rows(skills_tsv);
    let index: HashMap<&str, u32> = skills
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i as u32))
        .collect();
    // For each folded label, the skill that owns it: (rank, skill); lower rank wins.
    let mut owner: HashMap<String, ((u8, &str), u32)> = HashMap::new();
    for line in labels_tsv.lines().skip(1) {
        let Some((id, label)) = line.split_once('\t') else {
            continue;
        };
        let (Some(&skill), Some(pattern)) = (index.get(id), pattern(label)) else {
            continue;
        };
        let preferred = skills[skill as usize].1 == label;
        let rank = (
            u8::from(!preferred) * 2 + u8::from(id.starts_with("onet:")),
            id,
        );
        owner
            .entry(pattern)
            .and_modify(|held| {
                if rank < held.0 {
                    *held = (rank, skill);
                }
            })
            .or_insert((rank, skill));
    }
    let mut patterns: Vec<(String, u32)> = owner
        .into_iter()
        .map(|(p, (_, skill))| (p, skill))
        .collect();
    patterns.sort_unstable();
    patterns
}
