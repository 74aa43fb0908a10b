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
use serde::Serialize;

const OCCUPATIONS: &str = include_str!("../../../data/onet-29.3/occupations.tsv");
const ELEMENTS: &str = include_str!("../../../data/onet-29.3/elements.tsv");
const RATINGS: &str = include_str!("../../../data/onet-29.3/ratings.tsv");
const TECHNOLOGY: &str = include_str!("../../../data/onet-29.3/technology.tsv");
const RELATED: &str = include_str!("../../../data/onet-29.3/related.tsv");
const PRODUCTS: &str = include_str!("../../../data/onet-29.3/products.tsv");
const TASKS: &str = include_str!("../../../data/onet-29.3/tasks.tsv");
const DESCRIPTIONS: &str = include_str!("../../../data/onet-29.3/descriptions.tsv");

pub const DATASET: &str = "O*NET 29.3";
/// Elements an occupation rates at least this important count towards fit and gaps.
pub const IMPORTANT: f64 = 3.0;
/// An important element is part of the gap to an occupation only when the occupation rates it
/// this many standard deviations above the mean over all occupations: what sets it apart, not
/// what every job needs (Reading Comprehension, English Language).
pub const DISTINCT: f64 = 1.5;
/// A kind of skill weighs its whole share in fit once a person claims this many of it; fewer
/// weigh in proportion: one tool is thin evidence of an occupation (a nurse who names Epic is
/// not a physician because physicians' postings ask for Epic more often).
const FULL_EVIDENCE: f64 = 3.0;

fn evidence(claimed: usize) -> f64 {
    (claimed as f64 / FULL_EVIDENCE).min(1.0)
}

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
    /// The technology products O*NET names for it (`43232405/python`), sorted, and whether
    /// O*NET marks each in demand for it (frequent in its job postings).
    pub products: Vec<(&'static str, bool)>,
    /// (code, tier), in O*NET's order within each tier.
    pub related: Vec<(&'static str, &'static str)>,
}

pub struct Onet {
    elements: Vec<Element>,
    occupations: Vec<Occupation>,
    index: HashMap<&'static str, usize>,
    /// Per technology commodity and product: ln(occupations / occupations listing it).
    rarity: HashMap<&'static str, f64>,
    /// Per element: its mean importance x level over the occupations O*NET rates.
    element_means: Vec<f64>,
    /// Per element: the mean and standard deviation of its importance over those occupations.
    element_importance: Vec<(f64, f64)>,
    /// Found on first use: matching the task statements takes tens of milliseconds.
    task_words: OnceLock<TaskWords>,
}

/// The words of O*NET's task statements and description, per occupation, as TF-IDF vectors.
struct TaskWords {
    /// Per occupation, in `Onet::occupations` order: (word stem, weight), sorted by stem.
    by_occupation: Vec<Vec<(String, f64)>>,
    /// Per occupation: the vector's length.
    norms: Vec<f64>,
    /// Per stem: ln(occupations / occupations whose tasks use it).
    rarity: HashMap<String, f64>,
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

/// O*NET's skill and knowledge areas, in file order, read without the rest of O*NET: claiming or
/// naming one needs none of the occupations, which take tens of milliseconds to read.
pub fn elements() -> impl Iterator<Item = Element> {
    rows(ELEMENTS).map(|r| Element {
        id: r[0],
        knowledge: r[1] == "knowledge",
        name: r[2],
    })
}

/// The skill or knowledge area with this id (`2.B.1.c`, without `onet:`).
pub fn element(id: &str) -> Option<Element> {
    elements().find(|e| e.id == id)
}

impl Onet {
    pub fn global() -> &'static Onet {
        static ONET: OnceLock<Onet> = OnceLock::new();
        ONET.get_or_init(Onet::parse)
    }

    fn parse() -> Onet {
        let elements: Vec<Element> = elements().collect();
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
                products: Vec::new(),
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
        for r in rows(PRODUCTS) {
            if let Some(o) = at(r[0]) {
                occupations[o].products.push((r[1], r[3] == "Y"));
            }
        }
        for o in &mut occupations {
            o.products.sort_unstable();
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
            occupations.iter().flat_map(|o| {
                let classes = o.technology.iter().map(|t| t.commodity);
                classes.chain(o.products.iter().map(|p| p.0))
            }),
            occupations.len(),
        );
        let element_means = element_means(&occupations, elements.len());
        let element_importance = element_importance(&occupations, elements.len());
        Onet {
            elements,
            occupations,
            index,
            rarity,
            element_means,
            element_importance,
            task_words: OnceLock::new(),
        }
    }

    fn task_words(&self) -> &TaskWords {
        self.task_words.get_or_init(|| {
            let mut counts: Vec<HashMap<String, f64>> =
                vec![HashMap::new(); self.occupations.len()];
            for r in rows(TASKS).chain(rows(DESCRIPTIONS)) {
                if let Some(&o) = self.index.get(r[0]) {
                    for stem in stems(r[1]) {
                        *counts[o].entry(stem).or_default() += 1.0;
                    }
                }
            }
            let mut users: HashMap<String, usize> = HashMap::new();
            for stem in counts.iter().flat_map(|c| c.keys()) {
                *users.entry(stem.clone()).or_default() += 1;
            }
            let total = counts.len() as f64;
            let rarity: HashMap<String, f64> = users
                .into_iter()
                .map(|(stem, n)| (stem, (total / n as f64).ln()))
                .collect();
            let by_occupation: Vec<Vec<(String, f64)>> = counts
                .into_iter()
                .map(|c| {
                    let mut v: Vec<(String, f64)> = c
                        .into_iter()
                        .map(|(stem, n)| {
                            let weight = (1.0 + f64::ln(n)) * rarity[&stem];
                            (stem, weight)
                        })
                        .collect();
                    v.sort_by(|a, b| a.0.cmp(&b.0));
                    v
                })
                .collect();
            let norms = by_occupation
                .iter()
                .map(|v| v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt())
                .collect();
            TaskWords {
                by_occupation,
                norms,
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
            .technology
            .iter()
            .filter(|k| self.rarity(k) > 0.0)
            .count();
        let elements_claimed = self.elements.iter().any(|e| held.level(e.id) > 0.0);
        // The task statements are read only for a person with ESCO skills.
        let tasks = (!held.esco.is_empty()).then(|| self.task_words());
        let esco_claimed = if tasks.is_some() {
            self.esco_counted(skills)
        } else {
            0
        };
        let words = tasks.map(|t| held.esco_words(t));
        let shares = [
            f64::from(u8::from(elements_claimed)) * ELEMENT_SHARE,
            evidence(technology_claimed) * TECHNOLOGY_SHARE,
            evidence(esco_claimed) * ESCO_SHARE,
        ];
        let total: f64 = shares.iter().sum();
        let mut fits: Vec<Fit> = self
            .occupations
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let elements = held.element_fit(self, o);
                let technology = held.technology_fit(self, o);
                let esco = match (tasks, &words) {
                    (Some(t), Some(w)) if esco_claimed > 0 => esco_fit(t, i, w),
                    _ => 0.0,
                };
                Fit {
                    code: o.code,
                    title: o.title,
                    job_zone: o.job_zone,
                    fit: 0.0,
                    elements,
                    technology,
                    esco,
                }
            })
            .collect();
        Self::scale_esco(&mut fits);
        if total > 0.0 {
            for f in &mut fits {
                f.fit = (shares[0] * f.elements + shares[1] * f.technology + shares[2] * f.esco)
                    / total;
            }
        }
        fits.sort_by(|a, b| b.fit.total_cmp(&a.fit).then(a.code.cmp(b.code)));
        fits
    }

    /// The text similarity of a short list of skills to a page of task statements stays small
    /// (0.1-0.3 for the best match), where the other kinds reach 1: scaled so the occupation
    /// whose tasks read most like the person's skills has 1, the kinds weigh as their shares say.
    fn scale_esco(fits: &mut [Fit]) {
        let best = fits.iter().map(|f| f.esco).fold(0.0, f64::max);
        if best > 0.0 {
            for f in fits {
                f.esco /= best;
            }
        }
    }

    /// How many of `skills` are ESCO skills whose label shares a telling word with some
    /// occupation's task statements: the ones that count towards fit.
    pub fn esco_counted(&self, skills: &[Skill]) -> usize {
        let held = Held::of(skills);
        if held.esco.is_empty() {
            return 0;
        }
        let rarity = &self.task_words().rarity;
        skills
            .iter()
            .filter(|s| s.id.starts_with(ESCO_SKILL_URI))
            .filter(|s| stems(&s.label).any(|stem| rarity.get(&stem).is_some_and(|r| *r > 0.0)))
            .count()
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
        let mut needs: Vec<(f64, Need)> = occupation
            .ratings
            .iter()
            .filter(|r| r.importance >= IMPORTANT)
            .filter_map(|r| {
                let (mean, sd) = self.element_importance[r.element];
                let distinct = (r.importance - mean) / sd.max(f64::EPSILON);
                (distinct >= DISTINCT).then_some((distinct, r))
            })
            .filter_map(|(distinct, r)| {
                let e = &self.elements[r.element];
                let have = held.level(e.id);
                let need = Need {
                    id: format!("onet:{}", e.id),
                    label: e.name.to_string(),
                    importance: Some(r.importance),
                    level: Some(r.level),
                    hot: false,
                    below_level: have > 0.0,
                };
                (have < r.level).then_some((distinct, need))
            })
            .collect();
        // Most distinctive first.
        needs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.label.cmp(&b.1.label)));
        let mut needs: Vec<Need> = needs.into_iter().map(|(_, need)| need).collect();
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
    /// The labels of the ESCO skills claimed.
    esco_labels: Vec<&'a str>,
    /// O*NET technology claimed, classes (`43232110`) and products (`43232110/microsoft-excel`).
    technology: Vec<&'a str>,
}

impl<'a> Held<'a> {
    fn of(skills: &'a [Skill]) -> Held<'a> {
        Held {
            levels: skills
                .iter()
                .filter_map(|s| {
                    let code = s.id.strip_prefix("onet:")?;
                    // A product counts as its class, which is what occupations list.
                    let code = code.split_once('/').map_or(code, |(class, _)| class);
                    Some((code, s.level.unwrap_or(Level::Competent).onet_level()))
                })
                .fold(HashMap::new(), |mut levels, (code, level)| {
                    let held: &mut f64 = levels.entry(code).or_default();
                    *held = held.max(level);
                    levels
                }),
            esco: skills
                .iter()
                .filter_map(|s| s.id.strip_prefix(ESCO_SKILL_URI))
                .collect(),
            esco_labels: skills
                .iter()
                .filter(|s| s.id.starts_with(ESCO_SKILL_URI))
                .map(|s| s.label.as_str())
                .collect(),
            technology: skills
                .iter()
                .filter_map(|s| s.id.strip_prefix("onet:"))
                .filter(|code| !code.contains('.'))
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

    /// How much of the technology the person claims the occupation uses, each weighted by its
    /// rarity: a product O*NET marks in demand for it (frequent in its postings) counts whole,
    /// one it names otherwise 0.6, one it does not name in a class it lists 0.3 (a class claimed
    /// counts whole where listed). Not a cosine: an occupation O*NET names a hundred products for
    /// (Software Developers) is not less about Python than one that names three.
    fn technology_fit(&self, onet: &Onet, o: &Occupation) -> f64 {
        let (mut used, mut claimed) = (0.0, 0.0);
        for key in &self.technology {
            let weight = onet.rarity(key);
            let lists_class = |class: &str| o.technology.iter().any(|t| t.commodity == class);
            let named = o.products.binary_search_by(|(p, _)| (*p).cmp(key));
            let credit = match key.split_once('/') {
                Some(_) if named.is_ok() => {
                    if o.products[named.unwrap_or_default()].1 {
                        1.0
                    } else {
                        0.6
                    }
                }
                Some((class, _)) if lists_class(class) => 0.3,
                Some(_) => 0.0,
                None => f64::from(u8::from(lists_class(key))),
            };
            used += weight * credit;
            claimed += weight;
        }
        if claimed == 0.0 { 0.0 } else { used / claimed }
    }

    /// The words of the claimed ESCO skills' labels as a TF-IDF vector over the task
    /// statements' words: (stem, weight), sorted by stem, and its length.
    fn esco_words(&self, tasks: &TaskWords) -> (Vec<(String, f64)>, f64) {
        let mut counts: HashMap<String, f64> = HashMap::new();
        for stem in self.esco_labels.iter().flat_map(|l| stems(l)) {
            *counts.entry(stem).or_default() += 1.0;
        }
        let mut v: Vec<(String, f64)> = counts
            .into_iter()
            .filter_map(|(stem, n)| {
                let rarity = *tasks.rarity.get(&stem)?;
                Some((stem, (1.0 + f64::ln(n)) * rarity))
            })
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        (v, norm)
    }
}

/// Cosine of the words of the person's ESCO skills and of occupation number `index`'s task
/// statements. Words, not concepts: O*NET's tasks say "Administer medications to patients", the
/// nurse claims ESCO's "administer prescribed medication", and no matcher makes those one concept.
fn esco_fit(tasks: &TaskWords, index: usize, person: &(Vec<(String, f64)>, f64)) -> f64 {
    let occupation = &tasks.by_occupation[index];
    let dot: f64 = person
        .0
        .iter()
        .filter_map(|(stem, w)| {
            let at = occupation
                .binary_search_by(|(s, _)| s.as_str().cmp(stem))
                .ok()?;
            Some(w * occupation[at].1)
        })
        .sum();
    cosine(dot, tasks.norms[index].powi(2), person.1.powi(2))
}

/// Words too common in task statements and skill labels to tell occupations apart.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "other",
    "such", "the", "to", "with", "within", "use", "using", "work", "ensure", "perform",
];

/// The content words of `text`, lower-cased and crudely stemmed ("medications" and
/// "medication", "nursing" and "nurse" meet), so a skill's label and a task's wording can meet.
fn stems(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(str::to_lowercase)
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .map(|w| stem(&w))
}

fn stem(word: &str) -> String {
    if let Some(base) = word.strip_suffix("ies").filter(|b| b.len() >= 3) {
        return format!("{base}y");
    }
    for suffix in ["ing", "ed", "es", "s", "e"] {
        if let Some(base) = word.strip_suffix(suffix).filter(|b| b.len() >= 4) {
            return base.to_string();
        }
    }
    word.to_string()
}

/// Per element: the mean and (population) standard deviation of its importance over the
/// occupations that rate it.
fn element_importance(occupations: &[Occupation], elements: usize) -> Vec<(f64, f64)> {
    let mut by_element = vec![Vec::new(); elements];
    for r in occupations.iter().flat_map(|o| &o.ratings) {
        by_element[r.element].push(r.importance);
    }
    by_element
        .into_iter()
        .map(|values| {
            if values.is_empty() {
                return (0.0, 0.0);
            }
            let n = values.len() as f64;
            let mean = values.iter().sum::<f64>() / n;
            let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
            (mean, variance.sqrt())
        })
        .collect()
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

    /// A person's skills as `skills add` would store them, each claim resolved by the taxonomy
    /// lookup (the first candidate when it offers several, as a person picking would).
    fn profile(claims: &[&str]) -> Vec<Skill> {
        use crate::lookup::{Found, Taxonomy};
        claims
            .iter()
            .map(|claim| {
                let found = match Taxonomy::global().find(claim) {
                    Found::One(c) => c,
                    Found::Ambiguous(mut all) => all.remove(0),
                    Found::None => panic!("{claim}: nothing found"),
                };
                Skill {
                    label: found.label,
                    ..self::claim(&found.id, Level::Proficient)
                }
            })
            .collect()
    }

    /// A nurse's O*NET knowledge and skills: Medicine and Dentistry, Psychology, Service
    /// Orientation, Social Perceptiveness, Active Listening, Customer and Personal Service,
    /// Therapy and Counseling.
    fn nurse_ratings() -> Vec<Skill> {
        [
            "2.C.5.a", "2.C.4.e", "2.B.1.f", "2.B.1.a", "2.A.1.b", "2.C.1.e", "2.C.4.d",
        ]
        .map(|id| claim(&format!("onet:{id}"), Level::Proficient))
        .into()
    }

    fn top_five(claims: &[&str]) -> Vec<&'static str> {
        let skills = profile(claims);
        let fits = Onet::global().rank(&skills);
        fits[..5].iter().map(|f| f.code).collect()
    }

    /// Issue 19 item 6: profiles typed as people type them into `skills add` (the first
    /// candidate taken where it offers several). Known answers from O*NET 29.3: Technology Skills
    /// names Python, AWS and Kubernetes for Software Developers, all in demand, and AWS and
    /// Python for Computer and Information Systems Managers, whose task statements hire, staff
    /// and manage projects; Marketing Managers name Salesforce, Google Analytics and PowerPoint
    /// and rate Sales and Marketing 4.85 important. Registered Nurses' description (Occupation
    /// Data.txt) says "implement nursing care plans" and "administer nursing care"; Epic Systems
    /// is in demand for Family Medicine Physicians and only named for Registered Nurses, so the
    /// typed nurse's words must outweigh her one tool. The nurse rated by O*NET's elements is in
    /// `fit_rises_with_what_an_occupation_rates_important`.
    #[test]
    fn real_profiles_find_their_occupations() {
        let manager = top_five(&[
            "Python",
            "AWS",
            "Kubernetes",
            "people management",
            "hiring",
            "agile",
        ]);
        assert_eq!(manager[0], "11-3021.00", "{manager:?}");
        assert!(manager.contains(&"15-1252.00"), "{manager:?}");
        let marketer = top_five(&[
            "write press releases",
            "Salesforce",
            "Google Analytics",
            "Sales and Marketing",
            "PowerPoint",
            "manage budgets",
        ]);
        assert!(marketer.contains(&"11-2021.00"), "{marketer:?}");
        // A nurse who types her tools and duties: Registered Nurses first, ahead of the
        // physicians whose postings ask for Epic more often. "patient care" and "nursing" both
        // take ESCO's implement nursing care here (the first candidate each offers), so the
        // profile holds it twice; that weight is what puts Registered Nurses first.
        let typed = [
            "Epic",
            "administer medications",
            "patient care",
            "wound care",
            "infection control",
        ];
        let nurse = top_five(&[&typed[..], &["nursing"]].concat());
        assert_eq!(nurse[0], "29-1141.00", "{nurse:?}");
        // Not yet held: with it once (`skills add` keeps a skill once), Registered Nurses are
        // fourth, after Physician Assistants, Nurse Practitioners and Family Medicine Physicians,
        // whose fewer task statements make a shorter vector that a few words match closer.
        let nurse = top_five(&typed);
        assert!(nurse.contains(&"29-1141.00"), "{nurse:?}");
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
        // objectives and customer satisfaction." shares its words with ESCO's "pricing
        // strategies".
        let pricing = "1c460d2d-90c6-4fc9-ad49-febb6e15605a";
        let esco = |uuid: &str| Skill {
            id: format!("{ESCO_SKILL_URI}{uuid}"),
            label: "pricing strategies".into(),
            ..claim("", Level::Competent)
        };
        assert_eq!(onet.esco_counted(&[esco(pricing)]), 1);
        let ranked = onet.rank(&[esco(pricing)]);
        let of = |code: &str| ranked.iter().find(|f| f.code == code).unwrap();
        let marketing = of("11-2021.00");
        assert!(marketing.esco > 0.0 && (marketing.fit - marketing.esco).abs() < 1e-12);
        assert_eq!(of("29-1141.00").fit, 0.0, "nursing tasks do not price");
        assert!(ranked.iter().all(|f| (0.0..=1.0).contains(&f.esco)));
        // Every kind claimed, one skill of ESCO and one tool: 0.7 of the elements' fit and a
        // third of 0.3 of each of the others (one of FULL_EVIDENCE), scaled to sum to one.
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
        let expected = (0.7 * f.elements + 0.1 * f.technology + 0.1 * f.esco) / 0.9;
        assert!((f.fit - expected).abs() < 1e-12, "{f:?}");
        // Without ESCO skills the shares are 70 and 10, scaled.
        let f = onet
            .rank(&all[1..])
            .into_iter()
            .find(|f| f.code == "11-2021.00")
            .unwrap();
        assert_eq!(f.esco, 0.0);
        assert!((f.fit - (0.7 * f.elements + 0.1 * f.technology) / 0.8).abs() < 1e-12);
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
        let nurse = nurse_ratings();
        assert_eq!(position(&nurse, "29-1141.00"), 0);
        assert!(position(&nurse, "29-1141.00") < position(&nurse, "31-9011.00"));
    }

    /// O*NET 29.3 rates Marketing Managers (11-2021.00) Sales and Marketing 4.85 in importance,
    /// 3.5 standard deviations above all occupations' mean, and English Language 4.48 but only
    /// 1.4 above: the gap names what sets the occupation apart, not what every job needs.
    #[test]
    fn the_gap_to_an_occupation_is_what_sets_it_apart() {
        let onet = Onet::global();
        let marketing = onet.occupation("11-2021.00").expect("in O*NET 29.3");
        let labels: Vec<String> = onet
            .gaps(marketing, &[], |id| id.to_string())
            .into_iter()
            .filter(|n| n.importance.is_some())
            .map(|n| n.label)
            .collect();
        assert_eq!(
            labels[..2],
            ["Sales and Marketing", "Communications and Media"]
        );
        for apart in ["Negotiation", "Persuasion", "Administration and Management"] {
            assert!(labels.iter().any(|l| l == apart), "{apart}: {labels:?}");
        }
        for everyday in ["English Language", "Reading Comprehension", "Speaking"] {
            assert!(
                !labels.iter().any(|l| l == everyday),
                "{everyday}: {labels:?}"
            );
        }
    }
}
