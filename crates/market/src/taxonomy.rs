//! What the build script and the matcher share: how text and labels fold, which labels are
//! denied, and which skill owns a label that several share. See `skills.rs` for the rules.

use std::collections::HashMap;

/// Folded labels never matched, chosen by hand: product names and labels that are ordinary words in
/// postings ("access to training", "word of mouth", "project", "teams"). One-letter labels, and
/// label fragments left by splitting ESCO's lists ("and procedures"), are dropped by rule.
pub const DENIED: &[&str] = &[
    "access", "word", "project", "teams", "office", "outlook", "windows", "box", "chef", "puppet",
    "spark", "shell", "go", "it", "less", "make", "ant", "maven", "bamboo", "pulse", "connect",
    "gather", "simple", "quick", "ace", "act", "ask", "sage", "square", "zoom", "basic", "data",
];

/// Labels denied from data: `bench/skills-eval.py --tune` lists those that SkillSpan's train and
/// dev splits show to be wrong at least four times in five (never the test split).
const DENY_FILE: &str = include_str!("../../../data/skills/deny.txt");

fn tuned_denied(word: &str) -> bool {
    DENY_FILE
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .any(|denied| denied == word)
}

/// Text folded for matching, with where each folded byte came from in the original.
pub struct Folded {
    pub text: String,
    /// Original byte range of the character each folded byte came from.
    pub origin: Vec<(u32, u32)>,
}

pub fn fold(text: &str) -> Folded {
    let mut origin = Vec::with_capacity(text.len() + 2);
    let text = fold_with(text, Some(&mut origin));
    Folded { text, origin }
}

/// The folded text alone, for callers that need no offsets (it skips recording them).
pub fn fold_text(text: &str) -> String {
    fold_with(text, None)
}

fn fold_with(text: &str, mut origin: Option<&mut Vec<(u32, u32)>>) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    let mut note = |len: usize, span: (u32, u32)| {
        if let Some(origin) = origin.as_deref_mut() {
            origin.extend(std::iter::repeat_n(span, len));
        }
    };
    let mut pending_space = true;
    // A leading space lets every pattern start with one: whole-word starts come for free.
    out.push(' ');
    note(1, (0, 0));
    for (i, c) in text.char_indices() {
        let span = (i as u32, (i + c.len_utf8()) as u32);
        if c.is_ascii() {
            // The common case, without the Unicode tables.
            if c.is_ascii_alphanumeric() || c == '+' || c == '#' {
                out.push(c.to_ascii_lowercase());
                note(1, span);
                pending_space = false;
            } else if !pending_space {
                out.push(' ');
                note(1, span);
                pending_space = true;
            }
        } else if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                out.push(lower);
                note(lower.len_utf8(), span);
            }
            pending_space = false;
        } else if !pending_space {
            out.push(' ');
            note(1, span);
            pending_space = true;
        }
    }
    if !pending_space {
        out.push(' ');
        note(1, (text.len() as u32, text.len() as u32));
    }
    out
}

/// A label as a pattern: folded, with its leading space and without the trailing one.
pub fn pattern(label: &str) -> Option<String> {
    let folded = fold(label).text;
    let trimmed = folded.trim_end();
    let word = trimmed.trim_start();
    if word.chars().count() < 2
        || word.starts_with("and ")
        || word.starts_with("or ")
        || DENIED.contains(&word)
        || tuned_denied(word)
    {
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
