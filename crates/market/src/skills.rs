//! Skill extraction (DESIGN 4.9): every ESCO 1.1.1 label (preferred and alternative) and every
//! O*NET 29.3 technology-skill example, matched in text by one Aho-Corasick automaton (daachorse).
//!
//! Matching rules:
//! - **Folding**: letters and digits are lower-cased; every run of other characters becomes one
//!   space, except `+` and `#`, which are kept (C++, C#). Labels and text fold the same way, so
//!   "Node.js", "node js" and "NODE-JS" are one phrase.
//! - **Whole words**: a match must start and end at a word edge of the folded text.
//! - **Leftmost-longest**: of overlapping matches, the one that starts first wins, then the
//!   longest; the next match starts after it ends.
//! - **One label, one skill**: where two skills share a folded label, a preferred label beats an
//!   alternative one, then ESCO beats O*NET, then the smaller id.
//! - **Deny list** ([`DENIED`]): labels that are everyday words far more often than skills.
//! - **Deduplicated per text**: each skill is reported once, at its first occurrence.

use std::sync::OnceLock;

use daachorse::CharwiseDoubleArrayAhoCorasick as DoubleArrayAhoCorasick;
use serde::Serialize;

use crate::taxonomy::{fold, fold_text, skill_rows};

const SKILLS: &str = include_str!("../../../data/skills/skills.tsv");
/// The automaton and, after it, the skill index of each pattern (u32, little-endian).
const COMPILED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/skills.daac"));
const ESCO_URI: &str = "http://data.europa.eu/esco/skill/";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    /// ESCO skill URI, or `onet:` and the UNSPSC commodity code of an O*NET technology skill.
    pub id: String,
    /// The skill's preferred label.
    pub label: String,
    /// Byte offsets into the text as given.
    pub start: usize,
    pub end: usize,
    /// The text as written.
    pub matched: String,
}

pub struct Matcher {
    automaton: DoubleArrayAhoCorasick<u32>,
    /// Per pattern: index into `skills`.
    skill_of: Vec<u32>,
    /// (id, preferred label) per skill.
    skills: Vec<(&'static str, &'static str)>,
}

impl Matcher {
    /// The matcher over the embedded taxonomy: the automaton was built by `build.rs` when
    /// milemarker was compiled, so a process only reads it back.
    pub fn global() -> &'static Matcher {
        static MATCHER: OnceLock<Matcher> = OnceLock::new();
        MATCHER.get_or_init(|| Matcher::from_compiled(COMPILED))
    }

    fn from_compiled(bytes: &[u8]) -> Matcher {
        // SAFETY: the bytes are what `build.rs` serialised with this same daachorse version,
        // embedded at compile time; nothing else can reach this function.
        let (automaton, rest) = unsafe { DoubleArrayAhoCorasick::deserialize_unchecked(bytes) };
        let skill_of = rest
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().expect("chunks of 4")))
            .collect();
        Matcher {
            automaton,
            skill_of,
            skills: skill_rows(SKILLS),
        }
    }

    pub fn patterns(&self) -> usize {
        self.skill_of.len()
    }

    /// The full id (ESCO URI or `onet:` code) and preferred label of skill number `index`.
    pub fn skill(&self, index: u32) -> (String, &'static str) {
        let (id, label) = self.skills[index as usize];
        let id = if id.starts_with("onet:") {
            id.to_string()
        } else {
            format!("{ESCO_URI}{id}")
        };
        (id, label)
    }

    /// Leftmost-longest whole-word matches in folded text, each skill once:
    /// (start, end, skill) with `start` at the pattern's leading space.
    fn matches(&self, folded: &str) -> Vec<(usize, usize, u32)> {
        let bytes = folded.as_bytes();
        // Candidates at word edges: (start, longest end) per start.
        let mut best: Vec<(usize, usize, u32)> = Vec::new();
        for m in self.automaton.find_overlapping_iter(folded) {
            let end = m.end();
            if end < bytes.len() && bytes[end] != b' ' {
                continue;
            }
            match best.last_mut() {
                Some(last) if last.0 == m.start() => {
                    if end > last.1 {
                        *last = (m.start(), end, m.value());
                    }
                }
                _ => best.push((m.start(), end, m.value())),
            }
        }
        best.sort_unstable_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
        let mut taken_until = 0;
        let mut found: Vec<(usize, usize, u32)> = Vec::new();
        for (start, end, pattern) in best {
            // `start` is the pattern's leading space; the word begins one byte later.
            if start + 1 < taken_until {
                continue;
            }
            taken_until = end;
            let skill = self.skill_of[pattern as usize];
            if !found.iter().any(|f| f.2 == skill) {
                found.push((start, end, skill));
            }
        }
        found
    }

    /// The skills in `text` as indices for [`Matcher::skill`]: what an import stores, without
    /// the offsets and strings of [`Matcher::extract`].
    pub fn skills_in(&self, text: &str) -> Vec<u32> {
        self.matches(&fold_text(text))
            .into_iter()
            .map(|(.., skill)| skill)
            .collect()
    }

    /// Every skill in `text`, once each, in order of first occurrence.
    pub fn extract(&self, text: &str) -> Vec<Hit> {
        let folded = fold(text);
        self.matches(&folded.text)
            .into_iter()
            .map(|(start, end, skill)| {
                let (id, label) = self.skill(skill);
                let (from, to) = (
                    folded.origin[start + 1].0 as usize,
                    folded.origin[end - 1].1 as usize,
                );
                Hit {
                    id,
                    label: label.to_string(),
                    start: from,
                    end: to,
                    matched: text[from..to].to_string(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(hits: &[Hit]) -> Vec<&str> {
        hits.iter().map(|h| h.label.as_str()).collect()
    }

    #[test]
    fn folding_keeps_offsets_into_the_original() {
        let f = fold("Node.JS, C++ & Zoë");
        assert_eq!(f.text, " node js c++ zoë ");
        let o = f.origin[f.text.find("zoë").unwrap() + 2];
        assert_eq!(&"Node.JS, C++ & Zoë"[o.0 as usize..o.1 as usize], "ë");
    }

    #[test]
    fn a_posting_with_skills_listed_by_hand() {
        let posting = "We need a marketing manager: Microsoft Excel, SQL and Python; \
                       you will manage budgets and write press releases. Excel again.";
        let hits = Matcher::global().extract(posting);
        for h in &hits {
            assert_eq!(&posting[h.start..h.end], h.matched);
        }
        let found = ids(&hits);
        assert!(found.contains(&"Spreadsheet software"), "{found:?}");
        assert!(found.contains(&"SQL"), "{found:?}");
        // O*NET files Python under its commodity.
        assert!(
            found.contains(&"Object or component oriented development software"),
            "{found:?}"
        );
        assert!(found.contains(&"manage budgets"), "{found:?}");
        // "write press releases" is an ESCO alternative label of "draft press releases".
        assert!(found.contains(&"draft press releases"), "{found:?}");
        assert_eq!(
            hits.iter()
                .filter(|h| h.label == "Spreadsheet software")
                .count(),
            1,
            "deduplicated"
        );
        let excel = hits
            .iter()
            .find(|h| h.label == "Spreadsheet software")
            .unwrap();
        assert_eq!(excel.matched, "Microsoft Excel", "leftmost-longest");
        assert_eq!(excel.id, "onet:43232110");
    }

    #[test]
    fn whole_words_only_and_the_deny_list() {
        let m = Matcher::global();
        assert!(m.extract("mysqldump").iter().all(|h| h.matched != "sql"));
        assert!(m.extract("access the word project teams").is_empty());
        assert!(m.patterns() > 90_000, "{}", m.patterns());
    }

    #[test]
    fn unicode_text_and_punctuation() {
        let text = "Kenntnisse: «Python», C++ — und Zoë's Excel-Tabellen.";
        let hits = Matcher::global().extract(text);
        for h in &hits {
            assert_eq!(&text[h.start..h.end], h.matched);
        }
        let matched: Vec<&str> = hits.iter().map(|h| h.matched.as_str()).collect();
        assert!(
            matched.contains(&"Python") && matched.contains(&"C++"),
            "{matched:?}"
        );
    }
}
