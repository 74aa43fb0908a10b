//! Skill extraction (DESIGN 4.9): every ESCO 1.1.1 label (preferred and alternative) and every
//! O*NET 29.3 technology-skill example, matched in text by one trie over words (`trie.rs`).
//!
//! Matching rules:
//! - **Folding**: letters and digits are lower-cased; every run of other characters separates
//!   words, except `+` and `#`, which are kept (C++, C#). Labels and text fold the same way, so
//!   "Node.js", "node js" and "NODE-JS" are one phrase.
//! - **Whole words**: the trie runs over word numbers, one step a word (see `build.rs`), so a
//!   match is whole words by construction.
//! - **Leftmost-longest**: of overlapping matches, the one that starts first wins, then the
//!   longest; the next match starts after it ends.
//! - **One label, one skill**: where two skills share a folded label, a preferred label beats an
//!   alternative one, then ESCO beats O*NET, then the smaller id.
//! - **Deny list** ([`DENIED`]): labels that are everyday words far more often than skills.
//! - **Context** (`context.rs`): candidates in boilerplate passages, and those the learned
//!   filter rejects, are dropped before deduplication, so a rejected hit hides no later one.
//! - **Deduplicated per text**: each skill is reported once, at its first occurrence.

use std::cell::RefCell;
use std::sync::OnceLock;

use hashbrown::HashTable;
use milemarker_core::skills::ESCO_SKILL_URI;
use serde::Serialize;

pub use crate::context::Explained;
use crate::context::{self, Words};
use crate::taxonomy::{WordKey, fold_words, skill_rows};
use crate::trie::PhraseTrie;

const SKILLS: &str = include_str!("../../../data/skills/skills.tsv");
/// The trie over label word numbers, each label's value its skill's index.
const COMPILED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/skills.trie"));
/// Every word of every label, the most used first (see `build.rs`); word number = line + 1.
const WORDS: &str = include_str!(concat!(env!("OUT_DIR"), "/words.txt"));

/// A skill's id as written in full: an ESCO skill's URI, or `onet:` and the UNSPSC commodity code
/// of an O*NET technology skill. It holds the taxonomy file's short form and writes the URI out
/// only when printed, so a hit allocates nothing for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SkillId(&'static str);

impl SkillId {
    /// The id of a skill as the taxonomy files write it: a UUID, or `onet:` and a code.
    pub(crate) const fn new(short: &'static str) -> SkillId {
        SkillId(short)
    }

    fn is_onet(self) -> bool {
        self.0.starts_with("onet:")
    }
}

impl std::fmt::Display for SkillId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.is_onet() {
            f.write_str(ESCO_SKILL_URI)?;
        }
        f.write_str(self.0)
    }
}

impl Serialize for SkillId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl PartialEq<str> for SkillId {
    fn eq(&self, full: &str) -> bool {
        if self.is_onet() {
            full == self.0
        } else {
            full.strip_prefix(ESCO_SKILL_URI) == Some(self.0)
        }
    }
}

impl PartialEq<&str> for SkillId {
    fn eq(&self, full: &&str) -> bool {
        *self == **full
    }
}

impl PartialEq<String> for SkillId {
    fn eq(&self, full: &String) -> bool {
        *self == *full.as_str()
    }
}

/// One skill found in a text, borrowing the text it was found in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit<'t> {
    pub id: SkillId,
    /// The skill's preferred label.
    pub label: &'static str,
    /// Byte offsets into the text as given.
    pub start: usize,
    pub end: usize,
    /// The text as written.
    pub matched: &'t str,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = const { RefCell::new(Scratch::new()) };
}

pub struct Matcher {
    trie: PhraseTrie,
    words: Vocabulary,
    /// (id, preferred label) per skill.
    skills: Vec<(&'static str, &'static str)>,
}

impl Matcher {
    /// The matcher over the embedded taxonomy: the trie was built by `build.rs` when milemarker
    /// was compiled, so a process only reads it back.
    pub fn global() -> &'static Matcher {
        static MATCHER: OnceLock<Matcher> = OnceLock::new();
        MATCHER.get_or_init(|| Matcher::from_compiled(COMPILED))
    }

    fn from_compiled(bytes: &[u8]) -> Matcher {
        Matcher {
            trie: PhraseTrie::from_bytes(bytes),
            words: Vocabulary::new(WORDS.lines()),
            skills: skill_rows(SKILLS),
        }
    }

    /// How many labels the matcher knows.
    pub fn patterns(&self) -> usize {
        self.trie.phrases()
    }

    /// Skill number `index`'s id as the taxonomy files write it: an ESCO skill's UUID (without
    /// the URI), or `onet:` and a commodity code.
    pub fn code(&self, index: u32) -> &'static str {
        self.skills[index as usize].0
    }

    /// The id and preferred label of skill number `index`.
    pub fn skill(&self, index: u32) -> (SkillId, &'static str) {
        let (id, label) = self.skills[index as usize];
        (SkillId(id), label)
    }

    /// Leftmost-longest matches over the words of `text` as (first word, end word, skill), at
    /// the given stage, handed to `then` with the byte range of every word.
    fn matches<R>(
        &self,
        text: &str,
        stage: Stage,
        then: impl FnOnce(&[(usize, usize, u32)], &[(usize, usize)]) -> R,
    ) -> R {
        SCRATCH.with_borrow_mut(|scratch| {
            let Scratch {
                keys,
                spans,
                numbered,
                found,
            } = scratch;
            keys.clear();
            spans.clear();
            // Fold every word first, then look them all up: under cachegrind this ran fewer
            // instructions than a lookup inside the fold's callback.
            fold_words(text, &mut WordKey::default(), |start, end, word| {
                keys.push(*word);
                spans.push((start, end));
            });
            numbered.clear();
            numbered.extend(keys.iter().map(|key| self.words.number(key)));
            found.clear();
            self.trie.leftmost_longest(numbered, |start, end, skill| {
                found.push((start, end, skill))
            });
            if stage == Stage::Demand {
                context::retain(&Words { text, spans }, found, self);
            }
            if stage != Stage::Candidates {
                first_of_each(found);
            }
            then(found, spans)
        })
    }

    /// The skills in `text` as indices for [`Matcher::skill`]: what an import stores, without
    /// the offsets and strings of [`Matcher::extract`].
    pub fn skills_in(&self, text: &str) -> Vec<u32> {
        self.matches(text, Stage::Demand, |found, _| {
            found.iter().map(|&(.., skill)| skill).collect()
        })
    }

    /// [`Matcher::skills_in`] without the context layer: every label match, for text that is not
    /// a posting (O*NET task statements).
    pub fn skills_in_all(&self, text: &str) -> Vec<u32> {
        self.matches(text, Stage::Matched, |found, _| {
            found.iter().map(|&(.., skill)| skill).collect()
        })
    }

    /// Every skill in `text` that its context supports, once each, in order of first occurrence.
    pub fn extract<'t>(&self, text: &'t str) -> Vec<Hit<'t>> {
        self.matches(text, Stage::Demand, |found, spans| {
            self.hits(text, found, spans)
        })
    }

    /// Every skill whose label `text` contains, context or not, once each: what the matcher
    /// found before the context layer (for evaluation and debugging).
    pub fn extract_all<'t>(&self, text: &'t str) -> Vec<Hit<'t>> {
        self.matches(text, Stage::Matched, |found, spans| {
            self.hits(text, found, spans)
        })
    }

    /// Every candidate hit, repeats included, with the context layer's verdict and features.
    pub fn explain<'t>(&self, text: &'t str) -> Vec<Explained<'t>> {
        self.matches(text, Stage::Candidates, |found, spans| {
            context::explain(&Words { text, spans }, found, self)
        })
    }

    fn hits<'t>(
        &self,
        text: &'t str,
        found: &[(usize, usize, u32)],
        spans: &[(usize, usize)],
    ) -> Vec<Hit<'t>> {
        found
            .iter()
            .map(|&(first, end, skill)| {
                let (id, label) = self.skill(skill);
                let (start, end) = (spans[first].0, spans[end - 1].1);
                Hit {
                    id,
                    label,
                    start,
                    end,
                    matched: &text[start..end],
                }
            })
            .collect()
    }
}

/// How far [`Matcher::matches`] goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Every leftmost-longest match, repeats included.
    Candidates,
    /// Each skill's first match.
    Matched,
    /// Each skill's first match that the context layer keeps.
    Demand,
}

/// Keeps each skill's first hit, in order.
fn first_of_each(found: &mut Vec<(usize, usize, u32)>) {
    let mut kept = 0;
    for i in 0..found.len() {
        if !found[..kept].iter().any(|f| f.2 == found[i].2) {
            found[kept] = found[i];
            kept += 1;
        }
    }
    found.truncate(kept);
}

/// What matching one text needs, kept from text to text (per thread) so that matching a posting
/// allocates nothing but its result.
struct Scratch {
    /// The folded words of the text.
    keys: Vec<WordKey>,
    /// Each word's byte range in the text.
    spans: Vec<(usize, usize)>,
    /// Each word's number in the vocabulary (0: in no label).
    numbered: Vec<u16>,
    /// (first word, end word, skill) per skill found.
    found: Vec<(usize, usize, u32)>,
}

impl Scratch {
    const fn new() -> Scratch {
        Scratch {
            keys: Vec::new(),
            spans: Vec::new(),
            numbered: Vec::new(),
            found: Vec::new(),
        }
    }
}

/// Every word of every label, numbered from 1 in the order given: a hash table of word indices
/// (u16, 96 KB for 19k words) with the keys kept apart, so the part every lookup touches stays in
/// cache beside the trie. It was a map of 36-byte entries, and its cache misses cost more
/// than the hashing.
struct Vocabulary {
    table: HashTable<u16>,
    keys: Vec<WordKey>,
}

impl Vocabulary {
    fn new<'a>(words: impl Iterator<Item = &'a str>) -> Vocabulary {
        let keys: Vec<WordKey> = words
            .map(|w| WordKey::of(w).expect("build.rs checked every label word fits a key"))
            .collect();
        let mut table = HashTable::with_capacity(keys.len());
        for (index, key) in keys.iter().enumerate() {
            let index = u16::try_from(index).expect("the vocabulary has fewer than 65,536 words");
            table.insert_unique(key.hash(), index, |&i| keys[i as usize].hash());
        }
        Vocabulary { table, keys }
    }

    /// The word's number; 0 for a word in no label.
    fn number(&self, key: &WordKey) -> u16 {
        self.table
            .find(key.hash(), |&i| self.keys[i as usize] == *key)
            .map_or(0, |&i| i + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::each_word;

    fn labels<'h>(hits: &'h [Hit]) -> Vec<&'h str> {
        hits.iter().map(|h| h.label).collect()
    }

    #[test]
    fn words_fold_with_offsets_into_the_original() {
        let text = "Node.JS, C++ & Zoë";
        let mut words = Vec::new();
        each_word(text, |start, end, word| {
            words.push((word.to_string(), &text[start..end]))
        });
        assert_eq!(
            words,
            [
                ("node", "Node"),
                ("js", "JS"),
                ("c++", "C++"),
                ("zoë", "Zoë")
            ]
            .map(|(w, o)| (w.to_string(), o))
        );
    }

    #[test]
    fn a_posting_with_skills_listed_by_hand() {
        let posting = "We need a marketing manager: Microsoft Excel, SQL and Python; \
                       you will manage budgets and write press releases. Excel again.";
        let hits = Matcher::global().extract(posting);
        for h in &hits {
            assert_eq!(&posting[h.start..h.end], h.matched);
        }
        let found = labels(&hits);
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
        let budgets = hits.iter().find(|h| h.label == "manage budgets").unwrap();
        let uri = budgets.id.to_string();
        assert!(uri.starts_with(ESCO_SKILL_URI), "{uri}");
        assert_eq!(budgets.id, uri, "an ESCO id is its URI");
        assert!(
            budgets.id != uri[ESCO_SKILL_URI.len()..],
            "not the bare UUID"
        );
        assert_eq!(
            serde_json::to_value(budgets).unwrap()["id"],
            serde_json::Value::String(uri)
        );
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
        let matched: Vec<&str> = hits.iter().map(|h| h.matched).collect();
        assert!(
            matched.contains(&"Python") && matched.contains(&"C++"),
            "{matched:?}"
        );
    }
}
