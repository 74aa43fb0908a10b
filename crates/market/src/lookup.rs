//! From what a person types to a taxonomy id: `skills add "python"` must land on one ESCO skill,
//! O*NET technology skill or O*NET skill/knowledge element, or say which ones it could mean.

use std::collections::HashMap;
use std::sync::OnceLock;

use milemarker_core::skills::ESCO_SKILL_URI;
use serde::Serialize;

use crate::onet;
use crate::skills::SkillId;
use crate::taxonomy::{canonical, kind_rank, label_rows, skill_rows};

const SKILLS: &str = include_str!("../../../data/skills/skills.tsv");
const LABELS: &str = include_str!("../../../data/skills/labels.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    Esco,
    OnetTechnology,
    OnetSkill,
    OnetKnowledge,
}

impl Source {
    pub fn describe(self) -> &'static str {
        match self {
            Source::Esco => "ESCO skill",
            Source::OnetTechnology => "O*NET technology",
            Source::OnetSkill => "O*NET skill",
            Source::OnetKnowledge => "O*NET knowledge",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    pub id: String,
    pub label: String,
    /// The label that matched what was typed (the preferred one or an alternative).
    pub matched: String,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    One(Candidate),
    /// Several skills fit; best first.
    Ambiguous(Vec<Candidate>),
    None,
}

/// Every skill the person may claim. Asking about one id reads the embedded files in place;
/// searching by label builds [`Index`], on first use, as only the commands that search need it
/// (it takes tens of milliseconds, more than all of `review`).
pub struct Taxonomy {
    index: OnceLock<Index>,
}

/// Every skill: (full id, preferred label, source), and every label, folded and sorted.
struct Index {
    skills: Vec<(String, &'static str, Source)>,
    by_id: HashMap<String, usize>,
    /// (skill index, label, folded label, rank: which skill owns a label several share, as in
    /// the matcher)
    labels: Vec<(usize, &'static str, String, u8)>,
}

/// At most this many candidates are offered.
const CANDIDATES: usize = 8;

/// The row of `skills.tsv` (short id, preferred label) for a full id, found by bisecting the
/// file's text: its rows are sorted by id (`scripts/compile-data` writes them so), so a lookup
/// reads a few dozen rows and nothing is built first.
fn skill_row(full: &str) -> Option<(&'static str, &'static str)> {
    let short = if full.starts_with("onet:") {
        full
    } else {
        full.strip_prefix(ESCO_SKILL_URI)
            .filter(|rest| !rest.starts_with("onet:"))?
    };
    let body = SKILLS.split_once('\n')?.1;
    let bytes = body.as_bytes();
    // `lo` and `hi` are always where a row starts (or the end), so every slice is on a boundary.
    let (mut lo, mut hi) = (0, body.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = bytes[lo..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(lo, |at| lo + at + 1);
        let end = bytes[start..hi]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(hi, |at| start + at);
        let (id, label) = body[start..end].split_once('\t')?;
        match id.cmp(short) {
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
            std::cmp::Ordering::Equal => return Some((id, label)),
        }
    }
    None
}

impl Taxonomy {
    pub fn global() -> &'static Taxonomy {
        static TAXONOMY: Taxonomy = Taxonomy {
            index: OnceLock::new(),
        };
        &TAXONOMY
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(Index::build)
    }

    /// The preferred label of a full id (ESCO URI or `onet:` code).
    pub fn label(&self, id: &str) -> Option<&'static str> {
        match skill_row(id) {
            Some((_, label)) => Some(label),
            None => onet::element(id.strip_prefix("onet:")?).map(|e| e.name),
        }
    }

    pub fn source(&self, id: &str) -> Option<Source> {
        match skill_row(id) {
            Some((short, _)) if short.starts_with("onet:") => Some(Source::OnetTechnology),
            Some(_) => Some(Source::Esco),
            None => onet::element(id.strip_prefix("onet:")?).map(|e| {
                if e.knowledge {
                    Source::OnetKnowledge
                } else {
                    Source::OnetSkill
                }
            }),
        }
    }

    /// Whether postings can name this skill: ESCO skills and O*NET technology skills are matched
    /// in text; O*NET's skill and knowledge areas ("Writing") are ratings, never extracted.
    pub fn in_postings(&self, id: &str) -> bool {
        skill_row(id).is_some()
    }

    /// What `query` names: an id, a label (preferred or alternative, folded as the matcher folds),
    /// or failing those the skills whose labels hold every word of it.
    pub fn find(&self, query: &str) -> Found {
        self.index().find(query)
    }
}

impl Index {
    fn build() -> Index {
        let mut skills: Vec<(String, &'static str, Source)> = skill_rows(SKILLS)
            .into_iter()
            .map(|(id, label)| {
                let source = if id.starts_with("onet:") {
                    Source::OnetTechnology
                } else {
                    Source::Esco
                };
                (SkillId::new(id).to_string(), label, source)
            })
            .collect();
        for e in onet::elements() {
            let source = if e.knowledge {
                Source::OnetKnowledge
            } else {
                Source::OnetSkill
            };
            skills.push((format!("onet:{}", e.id), e.name, source));
        }
        let by_id: HashMap<String, usize> = skills
            .iter()
            .enumerate()
            .map(|(i, (id, ..))| (id.clone(), i))
            .collect();
        let mut labels: Vec<(usize, &'static str, String, u8)> = label_rows(LABELS)
            .filter_map(|row| {
                let skill = *by_id.get(&SkillId::new(row.id).to_string())?;
                Some((skill, row.label, row.rank))
            })
            .chain(
                skills
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| matches!(s.2, Source::OnetSkill | Source::OnetKnowledge))
                    // Their only label is their name: a preferred label.
                    .map(|(i, s)| (i, s.1, kind_rank("preferred"))),
            )
            .map(|(i, label, rank)| (i, label, canonical(label), rank))
            .collect();
        labels.sort_by(|a, b| a.2.cmp(&b.2).then(a.0.cmp(&b.0)));
        Index {
            skills,
            by_id,
            labels,
        }
    }

    fn candidate(&self, skill: usize, matched: &str) -> Candidate {
        let (id, label, source) = &self.skills[skill];
        Candidate {
            id: id.clone(),
            label: label.to_string(),
            matched: matched.to_string(),
            source: *source,
        }
    }

    fn find(&self, query: &str) -> Found {
        let query = query.trim();
        let as_id = if query.len() == 36 && !query.contains(' ') {
            format!("{ESCO_SKILL_URI}{query}")
        } else {
            query.to_string()
        };
        if let Some(&i) = self.by_id.get(&as_id) {
            return Found::One(self.candidate(i, self.skills[i].1));
        }
        let folded = canonical(query);
        if folded.is_empty() {
            return Found::None;
        }
        let start = self.labels.partition_point(|l| l.2 < folded);
        let mut exact: Vec<(u8, Candidate)> = Vec::new();
        for (skill, label, _, rank) in self.labels[start..].iter().take_while(|l| l.2 == folded) {
            match exact
                .iter_mut()
                .find(|(_, c)| c.id == self.skills[*skill].0)
            {
                Some(held) if *rank < held.0 => *held = (*rank, self.candidate(*skill, label)),
                Some(_) => {}
                None => exact.push((*rank, self.candidate(*skill, label))),
            }
        }
        // The label's owner in the matcher wins: a curated form, then a product's name ("Python"
        // is the O*NET product, not ESCO's "Python (computer programming)"), then a preferred
        // label ("SQL" is ESCO's skill SQL, though also an alternative label of "database
        // management systems"); several of the best kind are a choice to offer.
        exact.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.label.cmp(&b.1.label)));
        let best = exact.first().map(|(rank, _)| *rank);
        let at_best = exact.iter().filter(|(rank, _)| Some(*rank) == best).count();
        match (exact.len(), at_best) {
            (0, _) => {}
            (_, 1) => return Found::One(exact.remove(0).1),
            _ => return Found::Ambiguous(exact.into_iter().map(|(_, c)| c).collect()),
        }
        self.containing(&folded)
    }

    /// Skills with a label holding every word of `folded`: the closest (fewest extra words)
    /// first, then the skills with the most such labels (for "hiring", "recruit employees", which
    /// ESCO also calls "hiring new personnel" and "hiring staff", before "hire beaters").
    fn containing(&self, folded: &str) -> Found {
        let words: Vec<&str> = folded.split(' ').collect();
        let mut scored: Vec<(usize, bool, usize, &str)> = Vec::new();
        let mut labels_of: HashMap<usize, usize> = HashMap::new();
        for (skill, label, f, _) in &self.labels {
            let label_words: Vec<&str> = f.split(' ').collect();
            if words.iter().all(|w| label_words.contains(w)) {
                let preferred = *label == self.skills[*skill].1;
                scored.push((label_words.len() - words.len(), !preferred, *skill, label));
                *labels_of.entry(*skill).or_default() += 1;
            }
        }
        scored.sort_by(|a, b| {
            let many = |s: &(usize, bool, usize, &str)| std::cmp::Reverse(labels_of[&s.2]);
            (a.0, many(a), a.1, a.3).cmp(&(b.0, many(b), b.1, b.3))
        });
        let mut found: Vec<Candidate> = Vec::new();
        for (_, _, skill, label) in scored {
            if found.len() == CANDIDATES {
                break;
            }
            if !found.iter().any(|c| c.id == self.skills[skill].0) {
                found.push(self.candidate(skill, label));
            }
        }
        match found.len() {
            0 => Found::None,
            _ => Found::Ambiguous(found),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(query: &str) -> Candidate {
        match Taxonomy::global().find(query) {
            Found::One(c) => c,
            other => panic!("{query}: {other:?}"),
        }
    }

    #[test]
    fn labels_ids_and_alternatives_resolve_to_one_skill() {
        let sql = one("sql");
        assert_eq!(
            sql.id,
            "http://data.europa.eu/esco/skill/598de5b0-5b58-4ea7-8058-a4bc4d18c742"
        );
        assert_eq!(one(&sql.id), sql);
        assert_eq!(one("598de5b0-5b58-4ea7-8058-a4bc4d18c742").id, sql.id);
        // An alternative label: "write press releases" is ESCO's "draft press releases".
        let press = one("Write press releases");
        assert_eq!(press.label, "draft press releases");
        assert_eq!(press.matched, "write press releases");
        // A product, its own skill, in its O*NET class: by its name and by the names people use.
        let excel = one("Microsoft Excel");
        assert_eq!(
            (excel.id.as_str(), excel.source),
            ("onet:43232110/microsoft-excel", Source::OnetTechnology)
        );
        assert_eq!(one("excel").id, excel.id);
        assert_eq!(one("MS Excel").id, excel.id);
        assert_eq!(one("python").label, "Python");
        assert_eq!(one("kubernetes").label, "Kubernetes");
        assert_eq!(one("aws").label, "Amazon Web Services AWS software");
        assert_eq!(one("k8s").label, "Kubernetes");
        assert_eq!(one("Java").label, "Oracle Java");
        assert_eq!(one("javascript").label, "JavaScript");
        // The class itself is still a skill, by its title.
        assert_eq!(one("spreadsheet software").id, "onet:43232110");
        let persuasion = one("persuasion");
        assert_eq!(persuasion.id, "onet:2.B.1.c");
        assert_eq!(persuasion.source, Source::OnetSkill);
    }

    #[test]
    fn shared_labels_and_partial_words_offer_candidates() {
        // O*NET rates Mathematics both as a skill and as knowledge.
        let Found::Ambiguous(both) = Taxonomy::global().find("Mathematics") else {
            panic!("ambiguous");
        };
        let sources: Vec<Source> = both.iter().map(|c| c.source).collect();
        assert!(sources.contains(&Source::OnetSkill) && sources.contains(&Source::OnetKnowledge));
        let Found::Ambiguous(some) = Taxonomy::global().find("marketing campaign") else {
            panic!("candidates");
        };
        assert!(some.len() <= CANDIDATES);
        assert!(
            some.iter().any(|c| c.label == "plan marketing campaign"),
            "{some:?}"
        );
        assert_eq!(Taxonomy::global().find("qwertyuiop zxcv"), Found::None);
    }

    #[test]
    fn asking_about_an_id_agrees_with_the_index() {
        let taxonomy = Taxonomy::global();
        let index = taxonomy.index();
        for (id, label, source) in &index.skills {
            assert_eq!(taxonomy.label(id), Some(*label), "{id}");
            assert_eq!(taxonomy.source(id), Some(*source), "{id}");
            let in_postings = matches!(source, Source::Esco | Source::OnetTechnology);
            assert_eq!(taxonomy.in_postings(id), in_postings, "{id}");
        }
        let onet_as_esco = format!("{ESCO_SKILL_URI}onet:43232110");
        let first_as_short = skill_rows(SKILLS)[0].0;
        for unknown in [
            "",
            "onet:",
            "onet:99999999",
            "onet:2.B.1",
            "zzzz",
            ESCO_SKILL_URI,
            onet_as_esco.as_str(),
            first_as_short,
        ] {
            assert_eq!(taxonomy.label(unknown), None, "{unknown:?}");
            assert_eq!(taxonomy.source(unknown), None, "{unknown:?}");
            assert!(!taxonomy.in_postings(unknown), "{unknown:?}");
        }
    }

    #[test]
    fn skills_tsv_is_sorted_by_id_for_bisecting() {
        let rows = skill_rows(SKILLS);
        assert!(rows.windows(2).all(|pair| pair[0].0 < pair[1].0));
    }

    #[test]
    fn the_example_persons_skills_exist() {
        let s = milemarker_core::example::person_with_history(jiff::civil::date(2026, 11, 22));
        assert!(!s.skills.is_empty());
        for k in &s.skills {
            assert_eq!(
                Taxonomy::global().label(&k.id),
                Some(k.label.as_str()),
                "{}",
                k.id
            );
        }
    }
}
