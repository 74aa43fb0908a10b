//! Skills (DESIGN 4.9): the person's own, each a taxonomy id (003: "identify and fill in any skill
//! gaps"): claimed by name, proposed from a text, and read off the tags on their wins.

use anyhow::{Result, bail};
use jiff::civil::Date;
use milemarker_core::career::Snapshot;
use milemarker_core::skills::{Level, Skill};
pub use milemarker_market::lookup::Candidate;
use milemarker_market::lookup::{Found, Taxonomy};
use milemarker_market::skills::{Hit, Matcher};

use crate::records::Db;

/// What a typed skill names in the taxonomy.
#[derive(Debug, Clone, PartialEq)]
pub enum Concept {
    One(Candidate),
    /// Several skills fit, best first: the person chooses (a script is told the ids).
    Several(Vec<Candidate>),
}

/// The taxonomy skill `text` names; refused when it names none.
pub fn concept(text: &str) -> Result<Concept> {
    match Taxonomy::global().find(text) {
        Found::One(c) => Ok(Concept::One(c)),
        Found::Ambiguous(list) => Ok(Concept::Several(list)),
        Found::None => bail!(
            "\"{text}\" is not a label in ESCO or O*NET; try fewer words, or find the label with \
             `milemarker skills extract` on a sentence that uses it"
        ),
    }
}

/// A skill claimed: its label, and whether it was held already (its level then changed).
#[derive(Debug, Clone, PartialEq)]
pub struct Claimed {
    pub label: String,
    pub updated: bool,
}

/// Claims the skill `found` (what `typed` named) at `level`, or changes the level of one held.
pub fn add(
    s: &mut Snapshot,
    found: &Candidate,
    typed: &str,
    level: Option<Level>,
    day: Date,
) -> Claimed {
    // Where an alternative label matched, what was typed says why this skill.
    let source = (found.matched != found.label).then(|| typed.to_string());
    match s.skills.iter_mut().find(|k| k.id == found.id) {
        Some(held) => {
            held.level = level.or(held.level);
            Claimed {
                label: held.label.clone(),
                updated: true,
            }
        }
        None => {
            s.skills.push(Skill {
                id: found.id.clone(),
                label: found.label.clone(),
                level,
                added: day,
                source,
            });
            Claimed {
                label: found.label.clone(),
                updated: false,
            }
        }
    }
}

/// Removes the skill `text` names (its id, its label in any case, or what the taxonomy finds by
/// it), returning its label.
pub fn remove(s: &mut Snapshot, text: &str) -> Result<String> {
    let wanted = |k: &Skill| {
        k.id == text
            || k.label.eq_ignore_ascii_case(text)
            || matches!(Taxonomy::global().find(text), Found::One(c) if c.id == k.id)
    };
    let Some(at) = s.skills.iter().position(wanted) else {
        bail!("\"{text}\" is not one of your skills; see `milemarker skills list`");
    };
    Ok(s.skills.remove(at).label)
}

/// Changes the level of the skill `id` held (`None`: not said).
pub fn set_level(s: &mut Snapshot, id: &str, level: Option<Level>) -> Result<()> {
    match s.skills.iter_mut().find(|k| k.id == id) {
        Some(held) => {
            held.level = level;
            Ok(())
        }
        None => bail!("\"{id}\" is not one of your skills; see `milemarker skills list`"),
    }
}

/// A concept a text names, proposed to claim.
#[derive(Debug, Clone)]
pub struct Proposal<'t> {
    pub id: String,
    pub label: &'static str,
    pub hit: Hit<'t>,
    /// Sure enough to claim without asking (see `Matcher::extract_rated`).
    pub sure: bool,
}

/// The concepts `text` names; a phrase the span tagger found has no id to claim, so is left out.
pub fn proposals(text: &str) -> Vec<Proposal<'_>> {
    Matcher::global()
        .extract_rated(text)
        .into_iter()
        .filter_map(|(hit, sure)| {
            Some(Proposal {
                id: hit.id?.to_string(),
                label: hit.label?,
                hit,
                sure,
            })
        })
        .collect()
}

/// The proposals that are not among the skills `held`.
pub fn not_held<'a, 't>(hits: &'a [Proposal<'t>], held: &[Skill]) -> Vec<&'a Proposal<'t>> {
    hits.iter()
        .filter(|p| !held.iter().any(|k| p.id == k.id))
        .collect()
}

/// The proposals not held in the records of `db`; with no records, all of them (proposing needs
/// none: a newcomer reads their CV before `init`).
pub fn new_proposals<'a, 't>(
    hits: &'a [Proposal<'t>],
    db: Option<&mut Db>,
) -> Result<Vec<&'a Proposal<'t>>> {
    let held = match db {
        Some(db) => db.load()?.skills,
        None => Vec::new(),
    };
    Ok(not_held(hits, &held))
}

/// Claims the chosen proposals from the text at `file` (see [`claim`]).
pub fn claim_from(
    db: &mut Db,
    chosen: &[&Proposal],
    level: Option<Level>,
    day: Date,
    file: &std::path::Path,
) -> Result<()> {
    let source = file.display().to_string();
    db.update(|s| {
        claim(s, chosen, level, day, &source);
        Ok(())
    })
}

/// Claims the chosen proposals from the text `source` names, those not held already.
pub fn claim(
    s: &mut Snapshot,
    chosen: &[&Proposal],
    level: Option<Level>,
    day: Date,
    source: &str,
) {
    for p in chosen {
        // Another process may have claimed it since the proposals were read.
        if !s.skills.iter().any(|k| p.id == k.id) {
            s.skills.push(Skill {
                id: p.id.clone(),
                label: p.label.to_string(),
                level,
                added: day,
                source: Some(source.to_string()),
            });
        }
    }
}

/// A skill tagged on wins (`win add --skill`), what the taxonomy takes it for, and on how many
/// wins it appears.
#[derive(Debug, Clone)]
pub struct WinTag {
    pub tag: String,
    pub wins: usize,
    pub skill: Option<Candidate>,
    /// What the taxonomy makes of it, in words.
    pub reads_as: String,
    /// Whether `skills add TAG` finds something (one skill, or candidates to pick from).
    pub found: bool,
}

impl WinTag {
    /// Whether a skill the person claimed stands for the tag.
    pub fn claimed(&self, s: &Snapshot) -> bool {
        self.skill
            .as_ref()
            .is_some_and(|c| s.skills.iter().any(|k| k.id == c.id))
    }
}

/// The skills tagged on the person's wins, once each (case-blind), the most used first.
pub fn win_tags(s: &Snapshot) -> Vec<WinTag> {
    let mut tags: Vec<WinTag> = Vec::new();
    for tag in s.achievements.iter().flat_map(|w| &w.skills) {
        match tags.iter_mut().find(|t| t.tag.eq_ignore_ascii_case(tag)) {
            Some(held) => held.wins += 1,
            None => {
                let found = Taxonomy::global().find(tag);
                let (skill, reads_as) = match &found {
                    Found::One(c) => (Some(c.clone()), c.label.clone()),
                    Found::Ambiguous(all) => (None, format!("one of {} skills", all.len())),
                    Found::None => (None, "no taxonomy skill of that name".into()),
                };
                tags.push(WinTag {
                    tag: tag.clone(),
                    wins: 1,
                    skill,
                    reads_as,
                    found: found != Found::None,
                });
            }
        }
    }
    tags.sort_by(|a, b| b.wins.cmp(&a.wins).then(a.tag.cmp(&b.tag)));
    tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use milemarker_market::lookup::Source;

    fn sql() -> Candidate {
        Candidate {
            id: "onet:43232306".into(),
            label: "Data base user interface and query software".into(),
            matched: "SQL".into(),
            source: Source::OnetTechnology,
        }
    }

    #[test]
    fn a_skill_claimed_twice_changes_its_level() {
        let mut s = Snapshot::default();
        let day = Date::constant(2026, 1, 5);
        let first = add(&mut s, &sql(), "sql", None, day);
        assert!(!first.updated);
        assert_eq!(s.skills[0].source.as_deref(), Some("sql"));
        let again = add(&mut s, &sql(), "sql", Some(Level::Expert), day);
        assert!(again.updated);
        assert_eq!(s.skills.len(), 1);
        assert_eq!(s.skills[0].level, Some(Level::Expert));
    }

    #[test]
    fn a_level_is_changed_or_unsaid_only_on_a_skill_held() {
        let mut s = Snapshot::default();
        add(
            &mut s,
            &sql(),
            "sql",
            Some(Level::Novice),
            Date::constant(2026, 1, 5),
        );
        set_level(&mut s, "onet:43232306", Some(Level::Expert)).unwrap();
        assert_eq!(s.skills[0].level, Some(Level::Expert));
        set_level(&mut s, "onet:43232306", None).unwrap();
        assert_eq!(s.skills[0].level, None);
        assert!(set_level(&mut s, "onet:1", None).is_err());
    }

    #[test]
    fn removing_a_skill_not_held_is_refused() {
        let err = remove(&mut Snapshot::default(), "sql").unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"sql\" is not one of your skills; see `milemarker skills list`"
        );
    }
}
