//! O*NET 29.3 occupations (compacted by `scripts/compile-data`): Job Zones, the importance and
//! level O*NET rates each of its 35 skills and 33 knowledge areas at, the technology skills it
//! lists, and related occupations. Read to rank occupations by fit to a person's skills and to
//! show what an occupation asks for that the person lacks.
//!
//! Fit (documented in the README too) is a cosine similarity, so it asks "is this occupation
//! about what you are good at", not "do you cover all of it" (which would favour occupations that
//! ask little):
//! - **Elements**: the occupation's vector is importance x level over O*NET's 68 skills and
//!   knowledge areas, less each element's mean over all occupations, so it holds what sets the
//!   occupation apart (every job rates speaking somewhat important; against raw ratings an
//!   occupation that rates little else looked like a fit for anyone who speaks well); yours is
//!   your level on O*NET's 0-7 scale (your Dreyfus stage, competent if unstated) for the ones you
//!   claim. Fit is the cosine of the two, 0 where it would be negative.
//! - **Technology**: the occupation's vector holds its technology skills, weighted by how rare
//!   they are across occupations (inverse document frequency, so a spreadsheet counts for little)
//!   and doubled when O*NET marks them hot or in demand; yours holds the ones you claim.
//! - **ESCO skills**: the occupation's vector holds the ESCO skills its O*NET task statements
//!   name (found by the skill matcher, `skills.rs`), weighted by rarity the same way; yours holds
//!   the ESCO skills you claim.
//! - The kinds you claim are weighed 0.7 (elements), 0.3 (technology) and 0.3 (ESCO skills),
//!   scaled to sum to one: 70/30 for elements and technology, 54/23/23 for all three, one kind
//!   alone when you claim only that one.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use milemarker_core::skills::{ESCO_SKILL_URI, Level, Skill};
use rayon::prelude::*;
use serde::Serialize;

use crate::skills::Matcher;

const OCCUPATIONS: &str = include_str!("../../../data/onet-29.3/occupations.tsv");
const ELEMENTS: &str = include_str!("../../../data/onet-29.3/elements.tsv");
const RATINGS: &str = include_str!("../../../data/onet-29.3/ratings.tsv");
const TECHNOLOGY: &str = include_str!("../../../data/onet-29.3/technology.tsv");
const RELATED: &str = include_str!("../../../data/onet-29.3/related.tsv");
const TASKS: &str = include_str!("../../../data/onet-29.3/tasks.tsv");

pub const DATASET: &str = "O*NET 29.3";
/// Elements an occupation rates at least this important count towards fit and gaps.
pub const IMPORTANT: f64 = 3.0;
/// How much each kind of skill weighs in fit, before scaling the kinds a person claims to one.
const ELEMENT_SHARE: f64 = 0.7;
const TECHNOLOGY_SHARE: f64 = 0.3;
const ESCO_SHARE: f64 = 0.3;

#[derive(Debug, Clone, Copy)]
pub struct Element {
    pub id: &'static str,
    pub name: &'static str,
    pub knowledge: bool,
}

#[derive(Debug, Clone, Copy)]
pub struct Rating {
    pub element: usize,
    pub importance: f64,
    pub level: f64,
}

#[derive(Debug, Clone, Copy)]
pub struct Technology {
    pub commodity: &'static str,
    pub hot: bool,
    pub in_demand: bool,
}

#[derive(Debug, Clone)]
pub struct Occupation {
    pub code: &'static str,
    pub title: &'static str,
    pub job_zone: u8,
    pub ratings: Vec<Rating>,
    pub technology: Vec<Technology>,
    /// (code, tier), in O*NET's order within each tier.
    pub related: Vec<(&'static str, &'static str)>,
}

pub struct Onet {
    elements: Vec<Element>,
    occupations: Vec<Occupation>,
    index: HashMap<&'static str, usize>,
    /// Per technology commodity: ln(occupations / occupations listing it).
    rarity: HashMap<&'static str, f64>,
    /// Per element: its mean importance x level over the occupations O*NET rates.
    element_means: Vec<f64>,
    /// Found on first use: matching the task statements takes tens of milliseconds.
    task_skills: OnceLock<TaskSkills>,
}

/// The ESCO skills O*NET's task statements name.
struct TaskSkills {
    /// Per occupation, in `Onet::occupations` order: ESCO skill UUIDs, sorted and distinct.
    by_occupation: Vec<Vec<&'static str>>,
    /// Per ESCO skill: ln(occupations / occupations whose tasks name it).
    rarity: HashMap<&'static str, f64>,
}

/// How well a person fits one occupation.
#[derive(Debug, Clone, Serialize)]
pub struct Fit {
    pub code: &'static str,
    pub title: &'static str,
    pub job_zone: u8,
    /// 0..=1
    pub fit: f64,
    pub elements: f64,
    pub technology: f64,
    pub esco: f64,
}

/// Something an occupation asks for, as a gap.
#[derive(Debug, Clone, Serialize)]
pub struct Need {
    pub id: String,
    pub label: String,
    /// O*NET importance 1-5 for elements; none for technology.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub importance: Option<f64>,
    /// O*NET level 0-7 asked for; none for technology.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<f64>,
    /// For technology: O*NET marks it hot or in demand.
    pub hot: bool,
    /// The person claims it, below the level asked for.
    pub below_level: bool,
}

fn rows(tsv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines().skip(1).map(|l| l.split('\t').collect())
}

impl Onet {
    pub fn global() -> &'static Onet {
        static ONET: OnceLock<Onet> = OnceLock::new();
        ONET.get_or_init(Onet::parse)
    }

    fn parse() -> Onet {
        let elements: Vec<Element> = rows(ELEMENTS)
            .map(|r| Element {
                id: r[0],
                knowledge: r[1] == "knowledge",
                name: r[2],
            })
            .collect();
        let element_index: HashMap<&str, usize> = elements
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id, i))
            .collect();
        let mut occupations: Vec<Occupation> = rows(OCCUPATIONS)
            .map(|r| Occupation {
                code: r[0],
                job_zone: r[1].parse().expect("compiled job zones are numbers"),
                title: r[2],
                ratings: Vec::new(),
                technology: Vec::new(),
                related: Vec::new(),
            })
            .collect();
        let index: HashMap<&'static str, usize> = occupations
            .iter()
            .enumerate()
            .map(|(i, o)| (o.code, i))
            .collect();
        let at = |code: &str| index.get(code).copied();
        for r in rows(RATINGS) {
            if let (Some(o), Some(&element)) = (at(r[0]), element_index.get(r[1])) {
                occupations[o].ratings.push(Rating {
                    element,
                    importance: r[2].parse().expect("compiled importance"),
                    level: r[3].parse().expect("compiled level"),
                });
            }
        }
        for r in rows(TECHNOLOGY) {
            if let Some(o) = at(r[0]) {
                occupations[o].technology.push(Technology {
                    commodity: r[1],
                    hot: r[2] == "Y",
                    in_demand: r[3] == "Y",
                });
            }
        }
        let mut related: Vec<Vec<&str>> = rows(RELATED).collect();
        // Primary-Short, then Primary-Long, then Supplemental; O*NET's index within each.
        let tier = |t: &str| {
            ["Primary-Short", "Primary-Long", "Supplemental"]
                .iter()
                .position(|&x| x == t)
        };
        related.sort_by_key(|r| (r[0], tier(r[2]), r[3].parse::<u32>().unwrap_or(u32::MAX)));
        for r in related {
            if let Some(o) = at(r[0]) {
                occupations[o].related.push((r[1], r[2]));
            }
        }
        let rarity = rarity(
            occupations
                .iter()
                .flat_map(|o| o.technology.iter().map(|t| t.commodity)),
            occupations.len(),
        );
        let element_means = element_means(&occupations, elements.len());
        Onet {
            elements,
            occupations,
            index,
            rarity,
            element_means,
            task_skills: OnceLock::new(),
        }
    }

    fn task_skills(&self) -> &TaskSkills {
        self.task_skills.get_or_init(|| {
            let matcher = Matcher::global();
            let tasks: Vec<(usize, &str)> = rows(TASKS)
                .filter_map(|r| Some((*self.index.get(r[0])?, r[1])))
                .collect();
            let found: Vec<(usize, Vec<u32>)> = tasks
                .par_iter()
                .map(|&(o, task)| (o, matcher.skills_in_all(task)))
                .collect();
            let mut by_occupation = vec![Vec::new(); self.occupations.len()];
            for (o, skills) in found {
                let esco = skills.into_iter().map(|s| matcher.code(s));
                by_occupation[o].extend(esco.filter(|code| !code.starts_with("onet:")));
            }
            for skills in &mut by_occupation {
                skills.sort_unstable();
                skills.dedup();
            }
            let rarity = rarity(by_occupation.iter().flatten().copied(), by_occupation.len());
            TaskSkills {
                by_occupation,
                rarity,
            }
        })
    }

    fn rarity(&self, commodity: &str) -> f64 {
        self.rarity.get(commodity).copied().unwrap_or(0.0)
    }

    pub fn elements(&self) -> &[Element] {
        &self.elements
    }

    pub fn occupations(&self) -> &[Occupation] {
        &self.occupations
    }

    /// An occupation by O*NET-SOC code; a 7-character SOC code means its `.00` occupation.
    pub fn occupation(&self, code: &str) -> Option<&Occupation> {
        let code = code.trim();
        let full = if code.len() == 7 {
            format!("{code}.00")
        } else {
            code.to_string()
        };
        self.index.get(full.as_str()).map(|&i| &self.occupations[i])
    }

    pub fn element(&self, index: usize) -> &Element {
        &self.elements[index]
    }

    /// Every occupation, best fit first (ties by code).
    pub fn rank(&self, skills: &[Skill]) -> Vec<Fit> {
        let held = Held::of(skills);
        let technology_claimed = held
            .levels
            .keys()
            .filter(|k| self.rarity.contains_key(*k))
            .count();
        let elements_claimed = held.levels.len() > technology_claimed;
        // The task statements are matched only for a person with ESCO skills.
        let tasks = (!held.esco.is_empty()).then(|| self.task_skills());
        let esco_claimed = if tasks.is_some() {
            self.esco_counted(skills)
        } else {
            0
        };
        let shares = [
            (elements_claimed, ELEMENT_SHARE),
            (technology_claimed > 0, TECHNOLOGY_SHARE),
            (esco_claimed > 0, ESCO_SHARE),
        ]
        .map(|(claimed, share)| if claimed { share } else { 0.0 });
        let total: f64 = shares.iter().sum();
        let mut fits: Vec<Fit> = self
            .occupations
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let elements = held.element_fit(self, o);
                let technology = held.technology_fit(self, o, technology_claimed);
                let esco = tasks.map_or(0.0, |t| held.esco_fit(t, i, esco_claimed));
                let fit = if total == 0.0 {
                    0.0
                } else {
                    (shares[0] * elements + shares[1] * technology + shares[2] * esco) / total
                };
                Fit {
                    code: o.code,
                    title: o.title,
                    job_zone: o.job_zone,
                    fit,
                    elements,
                    technology,
                    esco,
                }
            })
            .collect();
        fits.sort_by(|a, b| b.fit.total_cmp(&a.fit).then(a.code.cmp(b.code)));
        fits
    }

    /// How many of `skills` are ESCO skills that some occupation's task statements name: the
    /// ones that count towards fit.
    pub fn esco_counted(&self, skills: &[Skill]) -> usize {
        let held = Held::of(skills);
        if held.esco.is_empty() {
            return 0;
        }
        let rarity = &self.task_skills().rarity;
        held.esco.iter().filter(|s| rarity.contains_key(*s)).count()
    }

    /// The ESCO skills (UUIDs) that `occupation`'s O*NET task statements name.
    pub fn task_skills_of(&self, occupation: &Occupation) -> &[&'static str] {
        let index = self.index[occupation.code];
        &self.task_skills().by_occupation[index]
    }

    /// What `occupation` asks for that `skills` lacks or holds below the level asked: important
    /// elements by importance, then hot or in-demand technology.
    pub fn gaps(
        &self,
        occupation: &Occupation,
        skills: &[Skill],
        label: impl Fn(&str) -> String,
    ) -> Vec<Need> {
        let held = Held::of(skills);
        let mut needs: Vec<Need> = occupation
            .ratings
            .iter()
            .filter(|r| r.importance >= IMPORTANT)
            .filter_map(|r| {
                let e = &self.elements[r.element];
                let have = held.level(e.id);
                (have < r.level).then(|| Need {
                    id: format!("onet:{}", e.id),
                    label: e.name.to_string(),
                    importance: Some(r.importance),
                    level: Some(r.level),
                    hot: false,
                    below_level: have > 0.0,
                })
            })
            .collect();
        let importance = |n: &Need| n.importance.unwrap_or(0.0);
        needs.sort_by(|a, b| {
            importance(b)
                .total_cmp(&importance(a))
                .then(a.label.cmp(&b.label))
        });
        needs.extend(
            occupation
                .technology
                .iter()
                .filter(|t| (t.hot || t.in_demand) && !held.technology(t.commodity))
                .map(|t| {
                    let id = format!("onet:{}", t.commodity);
                    Need {
                        label: label(&id),
                        id,
                        importance: None,
                        level: None,
                        hot: true,
                        below_level: false,
                    }
                }),
        );
        needs
    }
}

/// The person's skills as O*NET sees them.
struct Held<'a> {
    /// O*NET skills, knowledge areas and technology: code (without `onet:`) and level.
    levels: HashMap<&'a str, f64>,
    /// ESCO skill UUIDs.
    esco: HashSet<&'a str>,
}

impl<'a> Held<'a> {
    fn of(skills: &'a [Skill]) -> Held<'a> {
        Held {
            levels: skills
                .iter()
                .filter_map(|s| {
                    let code = s.id.strip_prefix("onet:")?;
                    Some((code, s.level.unwrap_or(Level::Competent).onet_level()))
                })
                .collect(),
            esco: skills
                .iter()
                .filter_map(|s| s.id.strip_prefix(ESCO_SKILL_URI))
                .collect(),
        }
    }

    fn level(&self, element: &str) -> f64 {
        self.levels.get(element).copied().unwrap_or(0.0)
    }

    fn technology(&self, commodity: &str) -> bool {
        self.levels.contains_key(commodity)
    }

    /// Cosine of the person's levels and the occupation's importance x level.
    fn element_fit(&self, onet: &Onet, o: &Occupation) -> f64 {
        let (mut dot, mut occupation_norm) = (0.0, 0.0);
        for r in &o.ratings {
            let weight = r.importance * r.level - onet.element_means[r.element];
            dot += weight * self.level(onet.elements[r.element].id);
            occupation_norm += weight * weight;
        }
        let person_norm: f64 = onet.elements.iter().map(|e| self.level(e.id).powi(2)).sum();
        cosine(dot, occupation_norm, person_norm)
    }

    /// Over technology skills weighted by rarity (and hot or in demand twice); `claimed`: how
    /// many technology skills the person claims.
    fn technology_fit(&self, onet: &Onet, o: &Occupation, claimed: usize) -> f64 {
        let items = o.technology.iter().map(|t| {
            let weight = onet.rarity(t.commodity) * if t.hot || t.in_demand { 2.0 } else { 1.0 };
            (weight, self.technology(t.commodity))
        });
        weighted_overlap(items, claimed)
    }

    /// Over the ESCO skills occupation number `index`'s tasks name, weighted by rarity;
    /// `claimed`: how many of the person's ESCO skills any occupation's tasks name.
    fn esco_fit(&self, tasks: &TaskSkills, index: usize, claimed: usize) -> f64 {
        let items = tasks.by_occupation[index]
            .iter()
            .map(|s| (tasks.rarity[s], self.esco.contains(s)));
        weighted_overlap(items, claimed)
    }
}

/// Cosine of the person's vector (1 for each skill of the kind held) and the occupation's
/// weighted one: `items` are the occupation's (weight, held by the person). Skills the person
/// holds that the occupation does not list add to the person's norm all the same, so `claimed`
/// is how many of the kind the person holds in all.
fn weighted_overlap(items: impl Iterator<Item = (f64, bool)>, claimed: usize) -> f64 {
    let (mut dot, mut occupation_norm, mut held) = (0.0, 0.0, 0);
    for (weight, has) in items {
        occupation_norm += weight * weight;
        if has {
            dot += weight;
            held += 1;
        }
    }
    cosine(dot, occupation_norm, claimed.max(held) as f64)
}

/// Per element: the mean of importance x level over the occupations that rate it.
fn element_means(occupations: &[Occupation], elements: usize) -> Vec<f64> {
    let mut sums = vec![(0.0, 0usize); elements];
    for r in occupations.iter().flat_map(|o| &o.ratings) {
        let sum = &mut sums[r.element];
        sum.0 += r.importance * r.level;
        sum.1 += 1;
    }
    sums.into_iter()
        .map(|(sum, n)| if n == 0 { 0.0 } else { sum / n as f64 })
        .collect()
}

/// Per item: ln(occupations / occupations listing it), from every (occupation, item) listing.
fn rarity(
    listings: impl Iterator<Item = &'static str>,
    occupations: usize,
) -> HashMap<&'static str, f64> {
    let mut listed: HashMap<&'static str, usize> = HashMap::new();
    for item in listings {
        *listed.entry(item).or_default() += 1;
    }
    listed
        .into_iter()
        .map(|(item, n)| (item, (occupations as f64 / n as f64).ln()))
        .collect()
}

fn cosine(dot: f64, a_squared: f64, b_squared: f64) -> f64 {
    if a_squared == 0.0 || b_squared == 0.0 {
        0.0
    } else {
        (dot / (a_squared.sqrt() * b_squared.sqrt())).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(id: &str, level: Level) -> Skill {
        Skill {
            id: id.into(),
            label: id.into(),
            level: Some(level),
            added: jiff::civil::date(2026, 1, 1),
            source: None,
        }
    }

    #[test]
    fn known_answers_from_onet_29_3() {
        let onet = Onet::global();
        assert_eq!(
            onet.elements().len(),
            68,
            "35 skills and 33 knowledge areas"
        );
        // Job Zones.txt: Marketing Managers are Job Zone 4; Chief Executives 5.
        let marketing = onet.occupation("11-2021").unwrap();
        assert_eq!(
            (marketing.title, marketing.job_zone),
            ("Marketing Managers", 4)
        );
        assert_eq!(onet.occupation("11-1011.00").unwrap().job_zone, 5);
        // Knowledge.txt: Marketing Managers rate Sales and Marketing (2.C.1.d) importance 4.85,
        // level 6.05.
        let sales = marketing
            .ratings
            .iter()
            .find(|r| onet.element(r.element).id == "2.C.1.d")
            .unwrap();
        assert_eq!((sales.importance, sales.level), (4.85, 6.05));
        // Related Occupations.txt: the first Primary-Short relative of Marketing Managers is
        // Market Research Analysts and Marketing Specialists.
        assert_eq!(marketing.related[0], ("13-1161.00", "Primary-Short"));
    }

    #[test]
    fn esco_skills_count_through_the_task_statements() {
        let onet = Onet::global();
        // Task Statements.txt, Marketing Managers: "Develop pricing strategies, balancing firm
        // objectives and customer satisfaction." names ESCO's "pricing strategies".
        let pricing = "1c460d2d-90c6-4fc9-ad49-febb6e15605a";
        let marketing = onet.occupation("11-2021.00").unwrap();
        assert!(onet.task_skills_of(marketing).contains(&pricing));
        let esco = |uuid: &str| Skill {
            id: format!("{ESCO_SKILL_URI}{uuid}"),
            ..claim("", Level::Competent)
        };
        let ranked = onet.rank(&[esco(pricing)]);
        let of = |code: &str| ranked.iter().find(|f| f.code == code).unwrap();
        assert!(of("11-2021.00").esco > 0.0 && of("11-2021.00").fit == of("11-2021.00").esco);
        assert_eq!(of("29-1141.00").fit, 0.0, "nursing tasks do not price");
        assert!(ranked.iter().all(|f| (0.0..=1.0).contains(&f.esco)));
        // Every kind claimed: 0.7, 0.3 and 0.3 of the three fits, scaled to sum to one.
        let all = [
            esco(pricing),
            claim("onet:2.C.1.d", Level::Expert),
            claim("onet:43232110", Level::Competent),
        ];
        let f = onet
            .rank(&all)
            .into_iter()
            .find(|f| f.code == "11-2021.00")
            .unwrap();
        let expected = (0.7 * f.elements + 0.3 * f.technology + 0.3 * f.esco) / 1.3;
        assert!((f.fit - expected).abs() < 1e-12, "{f:?}");
        // Without ESCO skills the shares stay 70/30.
        let f = onet
            .rank(&all[1..])
            .into_iter()
            .find(|f| f.code == "11-2021.00")
            .unwrap();
        assert_eq!(f.esco, 0.0);
        assert!((f.fit - (0.7 * f.elements + 0.3 * f.technology)).abs() < 1e-12);
    }

    #[test]
    fn fit_rises_with_what_an_occupation_rates_important() {
        let onet = Onet::global();
        let marketer = [
            claim("onet:2.C.1.d", Level::Expert),
            claim("onet:2.B.1.c", Level::Proficient),
            claim("onet:2.C.9.b", Level::Proficient),
        ];
        let ranked = onet.rank(&marketer);
        let position = |code: &str| ranked.iter().position(|f| f.code == code).unwrap();
        assert!(
            position("11-2021.00") < position("29-1141.00"),
            "marketing before nursing"
        );
        assert!(ranked.windows(2).all(|w| w[0].fit >= w[1].fit));
        assert!(ranked.iter().all(|f| (0.0..=1.0).contains(&f.fit)));
        // No O*NET skills at all: every fit is zero.
        assert!(onet.rank(&[]).iter().all(|f| f.fit == 0.0));
        // A claim below the level asked is a gap marked as such; above it, no gap.
        let marketing = onet.occupation("11-2021.00").unwrap();
        let gaps = onet.gaps(marketing, &[claim("onet:2.C.1.d", Level::Novice)], |id| {
            id.to_string()
        });
        assert!(gaps.iter().any(|g| g.id == "onet:2.C.1.d" && g.below_level));
        let gaps = onet.gaps(marketing, &[claim("onet:2.C.1.d", Level::Expert)], |id| {
            id.to_string()
        });
        assert!(!gaps.iter().any(|g| g.id == "onet:2.C.1.d"));
    }

    #[test]
    fn what_sets_an_occupation_apart_counts_not_what_all_ask() {
        let onet = Onet::global();
        let position = |skills: &[Skill], code: &str| {
            let ranked = onet.rank(skills);
            ranked.iter().position(|f| f.code == code).unwrap()
        };
        // The example person's O*NET claims (`milemarker demo`). Against raw importance x level,
        // Telemarketers (41-9041.00), who rate little but speaking and selling, came first of
        // the two: their vector points where a sparse profile points.
        let marketer: Vec<Skill> = [
            ("2.C.1.d", Level::Expert),
            ("2.C.9.b", Level::Expert),
            ("2.B.1.c", Level::Proficient),
            ("2.A.1.c", Level::Expert),
            ("2.A.1.d", Level::Proficient),
            ("2.A.2.a", Level::Proficient),
            ("2.C.1.a", Level::Competent),
        ]
        .map(|(id, level)| claim(&format!("onet:{id}"), level))
        .into();
        let marketing = position(&marketer, "11-2021.00");
        assert!(marketing < 5, "Marketing Managers {marketing}th");
        assert!(marketing < position(&marketer, "41-9041.00"));
        // A nurse's knowledge and skills: Registered Nurses (29-1141.00) first, where raw
        // vectors put Massage Therapists and Acupuncturists above them.
        let nurse: Vec<Skill> = [
            "2.C.5.a", "2.C.4.e", "2.B.1.f", "2.B.1.a", "2.A.1.b", "2.C.1.e", "2.C.4.d",
        ]
        .map(|id| claim(&format!("onet:{id}"), Level::Proficient))
        .into();
        assert_eq!(position(&nurse, "29-1141.00"), 0);
        assert!(position(&nurse, "29-1141.00") < position(&nurse, "31-9011.00"));
    }
}
