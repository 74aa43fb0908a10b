//! The evidence of a career: wins, skills (found by name in the taxonomy, with a choice when
//! several fit) and the seasons of career and life.

use std::collections::HashMap;

use anyhow::{Context, bail};
use jiff::civil::Date;
use milemarker_app::skills::{self, Concept};
use milemarker_app::wins::NewWin;
use milemarker_app::{seasons, wins};
use milemarker_core::career::Snapshot;
use milemarker_core::evidence::{Achievement, BragSection, Visibility};
use milemarker_core::life::{LifeArea, Season, SeasonKind};
use milemarker_core::skills::Level;
use milemarker_core::text::word;

use super::{Field, Kind, Row};
use crate::forms::Fields;
use crate::pages::wins::{read_win, words};

/// (form value, as said) for each of `all`, with `said` giving the words.
fn said<T: serde::Serialize + Copy>(
    all: &[T],
    said: impl Fn(T) -> String,
) -> Vec<(String, String)> {
    words(all).into_iter().map(|(w, v)| (w, said(v))).collect()
}

pub struct Wins;

impl Kind for Wins {
    const SLUG: &'static str = "wins";
    const ONE: &'static str = "a win";
    const MANY: &'static str = "Wins";
    const ABOUT: &'static str =
        "what you did and what changed because of it; the brag document is written from them.";
    type Input = Achievement;

    fn rows(s: &Snapshot) -> Vec<Row> {
        let mut wins: Vec<&Achievement> = s.achievements.iter().collect();
        wins.sort_by_key(|w| std::cmp::Reverse((w.date, w.id)));
        wins.iter()
            .map(|w| Row {
                id: w.id.to_string(),
                said: format!("#{} {}: {}", w.id, w.date, w.title),
            })
            .collect()
    }

    fn fields(_: &Snapshot) -> Vec<Field> {
        use milemarker_core::limits::{LINK, WIN_IMPACT, WIN_TITLE};
        vec![
            Field::new("title", "What you did", "text")
                .attrs(&format!("maxlength=\"{WIN_TITLE}\"")),
            Field::new("date", "When", "date"),
            Field::new("impact", "What changed because of it", "textarea")
                .hint("(a number where you have one)")
                .attrs(&format!("maxlength=\"{WIN_IMPACT}\"")),
            Field::new("visibility", "Who saw it", "select")
                .choices(said(&Visibility::ALL, |v| v.label().into())),
            Field::new("section", "Brag document section", "select")
                .choices(said(&BragSection::ALL, |v| v.title().into())),
            Field::new("skills", "Skills it shows", "text").hint("(separated by commas)"),
            Field::new("link", "Evidence link", "text")
                .hint("(optional: http, https or mailto)")
                .attrs(&format!("maxlength=\"{LINK}\" inputmode=\"url\"")),
        ]
    }

    fn shown(s: &Snapshot, id: &str) -> Option<HashMap<String, String>> {
        let id: u32 = id.parse().ok()?;
        let w = s.achievements.iter().find(|w| w.id == id)?;
        Some(HashMap::from([
            ("title".to_string(), w.title.clone()),
            ("date".to_string(), w.date.to_string()),
            ("impact".to_string(), w.impact.clone().unwrap_or_default()),
            ("visibility".to_string(), word(&w.visibility)),
            ("section".to_string(), word(&w.section)),
            ("skills".to_string(), w.skills.join(", ")),
            ("link".to_string(), w.link.clone().unwrap_or_default()),
        ]))
    }

    fn blank(_: &Snapshot, today: Date) -> HashMap<String, String> {
        HashMap::from([
            ("date".to_string(), today.to_string()),
            ("visibility".to_string(), "team".to_string()),
            ("section".to_string(), "projects".to_string()),
        ])
    }

    fn read(fields: &mut Fields, today: Date) -> Option<Achievement> {
        read_win(fields, today)
    }

    fn add(s: &mut Snapshot, w: Achievement, today: Date) -> anyhow::Result<()> {
        wins::add(s, new_win(w), today).map(drop)
    }

    fn edit(s: &mut Snapshot, id: &str, w: Achievement, today: Date) -> anyhow::Result<()> {
        let id = id.parse().with_context(|| format!("no win \"{id}\""))?;
        wins::edit(s, id, new_win(w), today).map(drop)
    }

    fn remove(s: &mut Snapshot, id: &str) -> anyhow::Result<()> {
        wins::remove(s, id.parse().with_context(|| format!("no win \"{id}\""))?)
    }
}

fn new_win(w: Achievement) -> NewWin {
    NewWin {
        title: w.title,
        impact: w.impact,
        visibility: Some(w.visibility),
        section: Some(w.section),
        skills: w.skills,
        date: Some(w.date),
        link: w.link,
    }
}

pub struct Seasons;

const AREAS: [LifeArea; 4] = LifeArea::ALL;
const SEASONS: [SeasonKind; 4] = SeasonKind::ALL;

/// A season's id in the forms: "career/2026-05-28".
fn season_id(s: &Season) -> String {
    format!("{}/{}", word(&s.area), s.since)
}

fn find_season<'a>(s: &'a Snapshot, id: &str) -> Option<&'a Season> {
    s.seasons.iter().find(|x| season_id(x) == id)
}

impl Kind for Seasons {
    const SLUG: &'static str = "seasons";
    const ONE: &'static str = "a season";
    const MANY: &'static str = "Seasons";
    const ABOUT: &'static str = "the season each part of your life is in (spring, summer, fall, winter), since when; a career in winter makes a step back a plan, not a failure.";
    type Input = Season;

    fn rows(s: &Snapshot) -> Vec<Row> {
        let mut all: Vec<&Season> = s.seasons.iter().collect();
        all.sort_by_key(|x| std::cmp::Reverse(x.since));
        all.iter()
            .map(|x| Row {
                id: season_id(x),
                said: format!("{}: {} since {}", word(&x.area), word(&x.season), x.since),
            })
            .collect()
    }

    fn fields(_: &Snapshot) -> Vec<Field> {
        vec![
            Field::new("area", "Part of your life", "select").choices(said(&AREAS, |a| word(&a))),
            Field::new("season", "The season it is in", "select")
                .choices(said(&SEASONS, |k| word(&k))),
            Field::new("since", "Since", "date"),
        ]
    }

    fn shown(s: &Snapshot, id: &str) -> Option<HashMap<String, String>> {
        let x = find_season(s, id)?;
        Some(HashMap::from([
            ("area".to_string(), word(&x.area)),
            ("season".to_string(), word(&x.season)),
            ("since".to_string(), x.since.to_string()),
        ]))
    }

    fn blank(_: &Snapshot, today: Date) -> HashMap<String, String> {
        HashMap::from([("since".to_string(), today.to_string())])
    }

    fn read(fields: &mut Fields, today: Date) -> Option<Season> {
        let area = fields.choice("area", &words(&AREAS));
        let season = fields.choice("season", &words(&SEASONS));
        let since = fields.parse("since", Some(today), "a date like 2026-03-01");
        Some(Season {
            area: area?,
            season: season?,
            since: since?,
        })
    }

    fn add(s: &mut Snapshot, season: Season, today: Date) -> anyhow::Result<()> {
        if s.seasons
            .iter()
            .any(|x| x.area == season.area && x.since == season.since)
        {
            bail!(
                "a {} season starts on {} already; change that one",
                word(&season.area),
                season.since
            );
        }
        seasons::set(s, season, today);
        Ok(())
    }

    fn edit(s: &mut Snapshot, id: &str, season: Season, today: Date) -> anyhow::Result<()> {
        let Some(old) = find_season(s, id).cloned() else {
            bail!("no season \"{id}\"");
        };
        seasons::remove(s, old.area, old.since)?;
        seasons::set(s, season, today);
        Ok(())
    }

    fn remove(s: &mut Snapshot, id: &str) -> anyhow::Result<()> {
        match find_season(s, id).cloned() {
            Some(old) => seasons::remove(s, old.area, old.since),
            None => bail!("no season \"{id}\""),
        }
    }

    fn goes_with(s: &Snapshot, id: &str) -> Vec<String> {
        let Some(x) = find_season(s, id) else {
            return Vec::new();
        };
        // Only the latest season of its area is the one that holds now.
        let latest = s
            .seasons
            .iter()
            .filter(|o| o.area == x.area)
            .map(|o| o.since)
            .max();
        if latest != Some(x.since) {
            return Vec::new();
        }
        let before = s
            .seasons
            .iter()
            .filter(|o| o.area == x.area && o.since < x.since)
            .max_by_key(|o| o.since);
        vec![match before {
            Some(b) => format!(
                "its place as the season now: {} since {} holds again",
                word(&b.season),
                b.since
            ),
            None => format!(
                "its place as the season now: {} has no season then",
                word(&x.area)
            ),
        }]
    }
}

pub struct Skills;

/// A skill as typed: the words, the choice among several that fit, the level.
pub struct SkillInput {
    name: String,
    pick: Option<String>,
    level: Option<Level>,
}

/// The one skill `typed` (or the `pick` among several) names.
fn one_skill(typed: &str, pick: Option<&str>) -> anyhow::Result<skills::Candidate> {
    match skills::concept(pick.unwrap_or(typed))? {
        Concept::One(c) => Ok(c),
        Concept::Several(_) => bail!("several skills are called \"{typed}\"; choose one"),
    }
}

impl Kind for Skills {
    const SLUG: &'static str = "skills";
    const ONE: &'static str = "a skill";
    const MANY: &'static str = "Skills";
    const ABOUT: &'static str =
        "your skills, each found by name in ESCO or O*NET, with how well you hold it.";
    type Input = SkillInput;

    fn rows(s: &Snapshot) -> Vec<Row> {
        s.skills
            .iter()
            .map(|k| Row {
                id: k.id.clone(),
                said: match k.level {
                    Some(level) => format!("{} ({})", k.label, word(&level)),
                    None => k.label.clone(),
                },
            })
            .collect()
    }

    fn fields(_: &Snapshot) -> Vec<Field> {
        let mut levels = vec![(String::new(), "not said".to_string())];
        levels.extend(said(&Level::ALL, |l| word(&l)));
        vec![
            Field::new("name", "The skill, by name", "text")
                .hint("(e.g. SQL, project management, copywriting)")
                .attrs("maxlength=\"200\""),
            Field::new("level", "How well you hold it", "select").choices(levels),
        ]
    }

    /// The skills that fit what was typed, to choose from, when more than one does.
    fn more_fields(typed: &HashMap<String, String>) -> Vec<Field> {
        let name = typed.get("name").map_or("", |n| n.trim());
        match skills::concept(name) {
            Ok(Concept::Several(list)) if !name.is_empty() => {
                let choices = list
                    .into_iter()
                    .map(|c| (c.id.clone(), format!("{} ({})", c.label, c.matched)))
                    .collect();
                vec![Field::new("pick", "Several fit: which one", "select").choices(choices)]
            }
            _ => Vec::new(),
        }
    }

    fn shown(s: &Snapshot, id: &str) -> Option<HashMap<String, String>> {
        let k = s.skills.iter().find(|k| k.id == id)?;
        // Its label where that names it alone, else its taxonomy id.
        let label_names_it =
            matches!(skills::concept(&k.label), Ok(Concept::One(c)) if c.id == k.id);
        let name = if label_names_it { &k.label } else { &k.id };
        Some(HashMap::from([
            ("name".to_string(), name.clone()),
            (
                "level".to_string(),
                k.level.map(|l| word(&l)).unwrap_or_default(),
            ),
        ]))
    }

    fn read(fields: &mut Fields, _: Date) -> Option<SkillInput> {
        let name = fields.text("name").to_string();
        let pick = fields.optional_text("pick");
        if name.is_empty() {
            fields.fail("name", "name a skill, e.g. SQL");
        } else {
            match (skills::concept(&name), &pick) {
                (Err(e), _) => fields.fail("name", format!("{e:#}")),
                (Ok(Concept::Several(_)), None) => {
                    fields.fail("pick", "several skills fit what you typed: choose one")
                }
                _ => {}
            }
        }
        let level = if fields.text("level").is_empty() {
            None
        } else {
            fields.choice("level", &words(&Level::ALL))
        };
        Some(SkillInput { name, pick, level })
    }

    fn add(s: &mut Snapshot, input: SkillInput, today: Date) -> anyhow::Result<()> {
        let found = one_skill(&input.name, input.pick.as_deref())?;
        if s.skills.iter().any(|k| k.id == found.id) {
            bail!(
                "{} is one of your skills already; change its level in the list",
                found.label
            );
        }
        skills::add(s, &found, &input.name, input.level, today);
        Ok(())
    }

    fn edit(s: &mut Snapshot, id: &str, input: SkillInput, _: Date) -> anyhow::Result<()> {
        if one_skill(&input.name, input.pick.as_deref())?.id != id {
            bail!("a skill keeps its name: add the other skill and remove this one");
        }
        skills::set_level(s, id, input.level)
    }

    fn remove(s: &mut Snapshot, id: &str) -> anyhow::Result<()> {
        skills::remove(s, id).map(drop)
    }
}
