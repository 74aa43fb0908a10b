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
use crate::taxonomy::{
    Guard, ONET, PREFERRED, SKILL_MASK, WordKey, fold_words, skill_rows, unpack,
};
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

    pub(crate) fn is_onet(self) -> bool {
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

/// One skill found in a text, borrowing the text it was found in: a taxonomy concept, or a
/// phrase the span tagger (`tagger.rs`) proposes where no concept was matched, which has no id
/// or label (`null` in JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit<'t> {
    pub id: Option<SkillId>,
    /// The skill's preferred label.
    pub label: Option<&'static str>,
    /// Byte offsets into the text as given.
    pub start: usize,
    pub end: usize,
    /// The text as written.
    pub matched: &'t str,
    /// For an O*NET product, the commodity class it rolls up to (Microsoft Excel: Spreadsheet
    /// software), as occupations list their technology.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<SkillClass>,
}

/// The O*NET commodity class of a product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SkillClass {
    pub id: SkillId,
    pub label: &'static str,
}

/// Words before a name that say it is technology: "in R", "using C".
static TECH_CUES: std::sync::LazyLock<[WordKey; 2]> =
    std::sync::LazyLock::new(|| ["in", "using"].map(|w| WordKey::of(w).expect("a short word")));
/// The context layer's probability at which a single-word hit is sure enough to claim without
/// asking (`skills from-text --add`); below it, hits are still reported, but a person decides.
pub const CONFIDENT: f32 = 0.6;

/// How many words away another technology may be for a [`Guard::Tech`] name to fire.
const NEAR: usize = 3;

/// Whether the words of a match run across a line break or the end of a sentence: "a design
/// system.\n- Design for accessibility" names no *system design*. A full stop inside a word
/// ("Node.js") is no break.
fn crosses_a_break(text: &str, words: &[(usize, usize)]) -> bool {
    words.windows(2).any(|pair| {
        let gap = &text[pair[0].1..pair[1].0];
        gap.contains('\n') || (gap.len() > 1 && gap.starts_with(['.', ';', '!', '?', '•']))
    })
}

/// Whether byte `at` of `text` begins a sentence, a line or a list item.
fn starts_a_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t']);
    before.is_empty() || before.ends_with(['.', '!', '?', '\n', '-', '•', '*', ':', '('])
}

/// "SQL", "NoSQL", "PyTorch": a capital after the first letter, as names of technology are
/// written and ordinary words are not.
fn capitals_inside(written: &str) -> bool {
    written.chars().skip(1).any(char::is_uppercase)
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

    /// The O*NET class a product (`onet:CODE/name`) rolls up to; none for other skills.
    pub fn class_of(&self, index: u32) -> Option<SkillClass> {
        let (class, _) = self.code(index).split_once('/')?;
        let at = self
            .skills
            .binary_search_by(|(id, _)| (*id).cmp(class))
            .ok()?;
        let (id, label) = self.skills[at];
        Some(SkillClass {
            id: SkillId(id),
            label,
        })
    }

    /// The id and preferred label of skill number `index`.
    pub fn skill(&self, index: u32) -> (SkillId, &'static str) {
        let (id, label) = self.skills[index as usize];
        (SkillId(id), label)
    }

    /// Leftmost-longest matches over the words of `text` that their guards let fire, as (first
    /// word, end word, skill), at the given stage, handed to `then` with the byte range of every
    /// word.
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
                candidates,
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
            candidates.clear();
            self.trie.leftmost_longest(numbered, |start, end, value| {
                candidates.push((start, end, value));
            });
            found.clear();
            for &(start, end, value) in candidates.iter() {
                let (skill, guard) = unpack(value);
                if crosses_a_break(text, &spans[start..end]) {
                    continue;
                }
                if self.guard_holds(text, spans, keys, candidates, (start, end), guard) {
                    found.push((start, end, skill | value & (PREFERRED | ONET)));
                }
            }
            match stage {
                // The context layer reads the bits; what comes after wants the skill alone.
                Stage::Candidates => return then(found, spans),
                Stage::Demand => context::retain(&Words { text, spans }, found),
                Stage::Matched => {}
            }
            for hit in found.iter_mut() {
                hit.2 &= SKILL_MASK;
            }
            first_of_each(found);
            then(found, spans)
        })
    }

    /// Whether a guarded match at words `at` may fire: written in capitals for [`Guard::Upper`],
    /// with a capital for the others, and for [`Guard::Tech`] also not joined to a word by a
    /// hyphen and after "in" or "using" or within [`NEAR`] words of another match that
    /// names technology (an O*NET skill, or a name written with capitals inside it like "SQL").
    fn guard_holds(
        &self,
        text: &str,
        spans: &[(usize, usize)],
        keys: &[WordKey],
        candidates: &[(usize, usize, u32)],
        at: (usize, usize),
        guard: Guard,
    ) -> bool {
        let (from, to) = (spans[at.0].0, spans[at.1 - 1].1);
        let written = &text[from..to];
        let capital = written.chars().any(char::is_uppercase);
        match guard {
            Guard::Any => true,
            Guard::Upper => !written.chars().any(char::is_lowercase),
            // A capital that starts a sentence or a list item says nothing ("Analyze results"),
            // unless other technology is beside it ("- Excel, PowerPoint").
            Guard::Case => {
                capital
                    && (capitals_inside(written)
                        || !starts_a_sentence(text, from)
                        || self.technology_near(text, spans, candidates, at))
            }
            // "C-level", "R-value": a letter joined to a word is not the language.
            Guard::Tech => {
                capital
                    && !text[to..].starts_with('-')
                    && ((at.0 > 0 && TECH_CUES.iter().any(|cue| keys[at.0 - 1] == *cue))
                        || self.technology_near(text, spans, candidates, at))
            }
        }
    }

    /// Whether another match within [`NEAR`] words of words `at` names technology: an O*NET
    /// skill, or a name written with capitals inside it ("SQL").
    fn technology_near(
        &self,
        text: &str,
        spans: &[(usize, usize)],
        candidates: &[(usize, usize, u32)],
        at: (usize, usize),
    ) -> bool {
        candidates.iter().any(|&(start, end, value)| {
            let (_, guard) = unpack(value);
            let near = start < at.1 + NEAR && at.0 < end + NEAR && (start, end) != at;
            near && guard != Guard::Tech && {
                let other = &text[spans[start].0..spans[end - 1].1];
                value & ONET != 0 || capitals_inside(other)
            }
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

    /// [`Matcher::skills_in`] and the O*NET class of every product among them, once each: what
    /// an import stores, so that demand for a class someone claims ("Spreadsheet software")
    /// counts the postings naming any of its products, each posting once.
    pub fn skills_rolled_up(&self, text: &str) -> Vec<u32> {
        let mut skills = self.skills_in(text);
        for at in 0..skills.len() {
            if let Some(class) = self.class_index(skills[at])
                && !skills.contains(&class)
            {
                skills.push(class);
            }
        }
        skills
    }

    fn class_index(&self, index: u32) -> Option<u32> {
        let (class, _) = self.code(index).split_once('/')?;
        let at = self
            .skills
            .binary_search_by(|(id, _)| (*id).cmp(class))
            .ok()?;
        Some(at as u32)
    }

    /// Every skill in `text` that its context supports, once each, in order of first occurrence.
    pub fn concepts<'t>(&self, text: &'t str) -> Vec<Hit<'t>> {
        self.matches(text, Stage::Demand, |found, spans| {
            self.hits(text, found, spans)
        })
    }

    /// [`Matcher::concepts`], each hit with whether it is sure enough to claim without asking: a
    /// label of two words or more, an O*NET product's name, or a single word the context layer
    /// gives at least [`CONFIDENT`]. "Python" in a list of tools is; "communication" in a
    /// sentence about the team is not.
    pub fn extract_rated<'t>(&self, text: &'t str) -> Vec<(Hit<'t>, bool)> {
        // One pass: the candidates the layer keeps, each skill's first, are `concepts`.
        let mut rated: Vec<(Hit<'t>, bool)> = Vec::new();
        for e in self.explain(text) {
            if !e.kept || rated.iter().any(|(h, _)| h.id == e.hit.id) {
                continue;
            }
            let words = e.hit.matched.split_whitespace().count();
            let sure = words > 1 || e.hit.class.is_some() || e.probability >= CONFIDENT;
            rated.push((e.hit, sure));
        }
        rated
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
            .map(|&found| self.hit(text, spans, found))
            .collect()
    }

    /// The hit of skill `skill` matched at words `first..end` of `text`.
    pub(crate) fn hit<'t>(
        &self,
        text: &'t str,
        spans: &[(usize, usize)],
        (first, end, skill): (usize, usize, u32),
    ) -> Hit<'t> {
        let (id, label) = self.skill(skill);
        let (start, end) = (spans[first].0, spans[end - 1].1);
        Hit {
            id: Some(id),
            label: Some(label),
            start,
            end,
            matched: &text[start..end],
            class: self.class_of(skill),
        }
    }

    /// [`Matcher::concepts`] and, in text order among them, the skill phrases the span tagger
    /// finds that touch no concept hit, as hits without a concept (`id` and `label` none).
    pub fn extract<'t>(&self, text: &'t str) -> Vec<Hit<'t>> {
        let mut hits = self.concepts(text);
        let mut taken: Vec<(usize, usize)> = hits.iter().map(|h| (h.start, h.end)).collect();
        taken.sort_unstable();
        let phrases =
            context::outside_boilerplate(text, crate::tagger::Tagger::global().spans(text, &taken));
        let free = |&&(s, e): &&(usize, usize)| taken.iter().all(|t| e <= t.0 || t.1 <= s);
        hits.extend(phrases.iter().filter(free).map(|&(start, end)| Hit {
            id: None,
            label: None,
            start,
            end,
            matched: &text[start..end],
            class: None,
        }));
        hits.sort_by_key(|h| h.start);
        hits
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
    /// (first word, end word, trie value) per match, before guards.
    candidates: Vec<(usize, usize, u32)>,
    /// (first word, end word, skill) per skill found.
    found: Vec<(usize, usize, u32)>,
}

impl Scratch {
    const fn new() -> Scratch {
        Scratch {
            keys: Vec::new(),
            spans: Vec::new(),
            numbered: Vec::new(),
            candidates: Vec::new(),
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
        hits.iter().filter_map(|h| h.label).collect()
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
        assert!(found.contains(&"Microsoft Excel"), "{found:?}");
        assert!(found.contains(&"SQL"), "{found:?}");
        // A product is its own skill; O*NET's class is its roll-up.
        let python = hits.iter().find(|h| h.label == Some("Python")).unwrap();
        assert_eq!(python.id.unwrap(), "onet:43232405/python");
        let class = python.class.unwrap();
        assert_eq!(
            (class.id.to_string().as_str(), class.label),
            (
                "onet:43232405",
                "Object or component oriented development software"
            )
        );
        assert!(found.contains(&"manage budgets"), "{found:?}");
        // "write press releases" is an ESCO alternative label of "draft press releases".
        assert!(found.contains(&"draft press releases"), "{found:?}");
        assert_eq!(
            hits.iter()
                .filter(|h| h.label == Some("Microsoft Excel"))
                .count(),
            1,
            "deduplicated"
        );
        let excel = hits
            .iter()
            .find(|h| h.label == Some("Microsoft Excel"))
            .unwrap();
        assert_eq!(excel.matched, "Microsoft Excel", "leftmost-longest");
        assert_eq!(excel.id.unwrap(), "onet:43232110/microsoft-excel");
        let budgets = hits
            .iter()
            .find(|h| h.label == Some("manage budgets"))
            .unwrap();
        let uri = budgets.id.unwrap().to_string();
        assert!(uri.starts_with(ESCO_SKILL_URI), "{uri}");
        assert_eq!(budgets.id.unwrap(), uri, "an ESCO id is its URI");
        assert!(
            budgets.id.unwrap() != uri[ESCO_SKILL_URI.len()..],
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
        assert!(m.concepts("access the word project teams").is_empty());
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

    fn matched(text: &str) -> Vec<(&str, &'static str)> {
        Matcher::global()
            .extract(text)
            .into_iter()
            .filter_map(|h| Some((h.matched, h.label?)))
            .collect()
    }

    #[test]
    fn the_names_people_write_for_tools() {
        let found = matched(
            "Build services in Java and Go on AWS with K8s, Jira and Power BI; MS Excel, \
             PowerPoint, Golang, GCP, CI/CD, NLP.",
        );
        for (written, label) in [
            ("Java", "Oracle Java"),
            ("Go", "Go"),
            ("AWS", "Amazon Web Services AWS software"),
            ("K8s", "Kubernetes"),
            ("Jira", "Atlassian JIRA"),
            ("Power BI", "Microsoft Power BI"),
            ("MS Excel", "Microsoft Excel"),
            ("PowerPoint", "Microsoft PowerPoint"),
            ("GCP", "Google Cloud software"),
            ("CI/CD", "Continuous integration software"),
            ("NLP", "natural language processing"),
        ] {
            assert!(found.contains(&(written, label)), "{written}: {found:?}");
        }
        // Java and JavaScript, Tableau and Power BI: products apart, not one class.
        let found = matched("Java, JavaScript, Tableau or Power BI");
        assert_eq!(found.len(), 4, "{found:?}");
    }

    #[test]
    fn an_import_counts_a_product_and_its_class_once() {
        let m = Matcher::global();
        let codes = |text| -> Vec<&str> {
            let skills = m.skills_rolled_up(text);
            skills.iter().map(|&s| m.code(s)).collect()
        };
        assert_eq!(
            codes("Excel and Google Sheets; more Excel"),
            [
                "onet:43232110/microsoft-excel",
                "onet:43232110/google-sheets",
                "onet:43232110"
            ]
        );
    }

    #[test]
    fn rated_hits_are_the_concepts() {
        let m = Matcher::global();
        let text = "Payments in Java and Python on AWS; logging, communication and design.\n\
                    We are an equal opportunity employer: pregnancy, childbirth, veterans.";
        let rated: Vec<Hit> = m.extract_rated(text).into_iter().map(|(h, _)| h).collect();
        assert_eq!(rated, m.concepts(text));
    }

    #[test]
    fn a_capital_at_the_start_of_a_sentence_is_no_name() {
        let m = Matcher::global();
        let found = |text| -> Vec<&'static str> {
            m.concepts(text).iter().filter_map(|h| h.label).collect()
        };
        assert!(!found("Analyze results weekly.").contains(&"Analyze"));
        assert!(found("- Excel, PowerPoint and Jira").contains(&"Microsoft Excel"));
        assert!(found("Reports in Excel weekly.").contains(&"Microsoft Excel"));
    }

    #[test]
    fn a_label_never_runs_across_a_line_or_a_sentence() {
        let labels = |text| -> Vec<&str> {
            Matcher::global()
                .concepts(text)
                .iter()
                .filter_map(|h| h.label)
                .collect()
        };
        assert!(
            labels("Build the design system.\n- Design for accessibility")
                .iter()
                .all(|l| *l != "system design")
        );
        assert!(
            labels("We own the design system. Design reviews weekly.")
                .iter()
                .all(|l| *l != "system design")
        );
        assert!(labels("Experience in system design, daily.").contains(&"system design"));
        assert!(labels("APIs in Node.js and Go.").contains(&"Node.js"));
    }

    #[test]
    fn short_names_fire_only_beside_technology() {
        let tools = matched("Experience with Python, R and SQL, or programming in C.");
        assert!(tools.contains(&("R", "R")), "{tools:?}");
        assert!(tools.contains(&("C", "C")), "{tools:?}");
        for prose in [
            "Go to our careers page and apply.",
            "You will excel in a fast-paced team.",
            "Present to C-level executives.",
            "The r value of the insulation.",
            "Plan A, plan B, plan C.",
            "Our offices at 525 Market St, San Francisco.",
        ] {
            let found = matched(prose);
            assert!(
                found
                    .iter()
                    .all(|(written, _)| written.len() > 2 && !["excel", "San"].contains(written)),
                "{prose}: {found:?}"
            );
        }
    }
}
