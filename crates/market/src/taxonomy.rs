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

/// What each ASCII byte folds to: itself lower-cased if it is part of a word, 0 if it separates.
const ASCII_FOLD: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'+' || c == b'#' {
            table[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// Calls `each(start, end, word)` for every word of `text`: its byte range in `text` and the word
/// folded (letters and digits lower-cased; `+` and `#` kept, so C++ and C# stay words; every
/// other character separates). The one definition of a word that labels and text share.
pub fn each_word(text: &str, mut each: impl FnMut(usize, usize, &str)) {
    let bytes = text.as_bytes();
    let mut word = String::with_capacity(32);
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII straight from the table; anything else decoded as a char.
        let (lower, c, width) = if b < 128 {
            (ASCII_FOLD[b as usize], None, 1)
        } else {
            let c = text[i..].chars().next().expect("a char starts here");
            (0, c.is_alphanumeric().then_some(c), c.len_utf8())
        };
        if lower != 0 || c.is_some() {
            if start.is_none() {
                start = Some(i);
                word.clear();
            }
            match c {
                None => word.push(lower as char),
                Some(c) => word.extend(c.to_lowercase()),
            }
        } else if let Some(s) = start.take() {
            each(s, i, &word);
        }
        i += width;
    }
    if let Some(s) = start {
        each(s, bytes.len(), &word);
    }
}

/// The folded words of `text`, single-spaced: how labels compare with each other and with what
/// people type.
pub fn canonical(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    each_word(text, |_, _, word| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    });
    out
}

/// Word number `id` as one char of the matcher's alphabet: U+0800 onwards, below the
/// surrogates, so every word is three bytes of UTF-8. Number 0 stands for any word that is in no
/// label.
pub fn word_char(id: u32) -> char {
    assert!(
        id < 0xD800 - 0x800,
        "the vocabulary fits below the surrogates"
    );
    char::from_u32(0x800 + id).expect("below the surrogates")
}

/// Whether `phrase`'s words appear, in order and adjacent, among `text`'s.
pub fn contains_words(text: &str, phrase: &str) -> bool {
    let phrase = canonical(phrase);
    !phrase.is_empty() && format!(" {} ", canonical(text)).contains(&format!(" {phrase} "))
}

/// A label as a pattern: its folded words, single-spaced; none for a denied label.
pub fn pattern(label: &str) -> Option<String> {
    let words = canonical(label);
    if words.chars().count() < 2
        || words.starts_with("and ")
        || words.starts_with("or ")
        || DENIED.contains(&words.as_str())
        || tuned_denied(&words)
    {
        return None;
    }
    Some(words)
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
