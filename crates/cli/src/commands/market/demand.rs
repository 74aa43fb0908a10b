//! `market demand`: which skills the imported postings ask for, by how many employers, month by
//! month and against the year before; which of yours are covered; your gap to a title or an
//! occupation.

use std::collections::HashSet;

use anyhow::{Result, anyhow, bail};
use jiff::civil::Date;
use milemarker_core::career::Snapshot;
use milemarker_core::markers::{SkillDemand, SkillDemandRow, grouped};
use milemarker_core::text::noun;
use milemarker_market::demand::{Counter, Demand, Month, Posting, SkillCount};
use milemarker_market::lookup::Taxonomy;
use milemarker_market::onet::{self, Onet};
use milemarker_market::taxonomy::contains_words;
use milemarker_store::PostingNames;
use serde_json::json;

use super::Answer;
use crate::cli::MarketDemandArgs;
use crate::context::{Db, Settings, as_of};
use crate::ui::{BAD, DIM, GOOD, HEADING, paint, percent, table};

/// A skill is part of the gap to a title when at least this share of its postings ask for it.
const GAP_SHARE: f64 = 0.1;

/// Demand counted over `months` months ending with the month of the latest posting on or before
/// `as_of`; none when no posting is that old.
fn count(
    db: &mut Db,
    as_of: Date,
    months: u32,
    title: Option<&str>,
) -> Result<Option<(Demand, PostingNames)>> {
    let (runtime, store) = db.parts();
    let names = runtime.block_on(store.posting_names())?;
    let (Some(first), Some(last)) = (names.first, names.last) else {
        return Ok(None);
    };
    if first > as_of {
        return Ok(None);
    }
    let titles = title.map(|t| {
        names
            .titles
            .iter()
            .filter(|(_, name)| contains_words(name, t))
            .map(|(&id, _)| id)
            .collect::<HashSet<u32>>()
    });
    let mut counter = Counter::new(Month::of(last.min(as_of)), months, titles);
    let (from, to) = (counter.from(), counter.to().min(as_of));
    runtime.block_on(store.scan_postings(from, to, |p| {
        counter.add(Posting {
            employer: p.employer,
            title: p.title,
            month: Month::of(p.posted),
            skills: &p.skills,
        })
    }))?;
    Ok(Some((counter.finish(), names)))
}

fn describe(names: &PostingNames) -> String {
    format!(
        "{} imported job {} from {} {}, {} to {}",
        grouped(names.postings as f64),
        noun(names.postings as f64, "posting", "postings"),
        grouped(names.employers as f64),
        noun(names.employers as f64, "employer", "employers"),
        names.first.map_or("-".into(), |d| d.to_string()),
        names.last.map_or("-".into(), |d| d.to_string())
    )
}

/// Demand for the person's skills over the twelve months to `as_of`, as `fading_skills` reads it.
pub fn skill_demand(db: &mut Db, s: &Snapshot, as_of: Date) -> Result<Option<SkillDemand>> {
    let Some((demand, names)) = count(db, as_of, 12, None)? else {
        return Ok(None);
    };
    let code = |c: &SkillCount| names.taxa.get(&c.skill).map(|t| t.0.as_str());
    let skills = s
        .skills
        .iter()
        .filter_map(|k| {
            let c = demand
                .skills
                .iter()
                .find(|c| code(c) == Some(k.id.as_str()))?;
            Some(SkillDemandRow {
                id: k.id.clone(),
                skill: k.label.clone(),
                employers: c.employers,
                postings: c.postings,
                postings_year_before: c.year_before,
            })
        })
        .collect();
    Ok(Some(SkillDemand {
        dataset: describe(&names),
        through: demand.through.last_day().min(as_of),
        skills,
    }))
}

pub fn run(db: &mut Db, args: MarketDemandArgs, settings: &Settings) -> Result<Answer> {
    let day = as_of(args.as_of)?;
    let s = db.load()?;
    let Some((mut demand, names)) = count(db, day, args.months, args.title.as_deref())? else {
        bail!(
            "no job postings dated on or before {day}: import some with `milemarker postings import FILE` \
             (CSV, JSON Lines or Parquet with employer, title, date and text)"
        );
    };
    let min_employers = settings.thresholds.fading_skills.min_employers;
    let code = |c: &SkillCount| names.taxa[&c.skill].0.clone();
    let label = |c: &SkillCount| names.taxa[&c.skill].1.clone();
    let yours = |c: &SkillCount| s.skills.iter().any(|k| k.id == code(c));
    // An O*NET class is counted beside its products (an import stores both), so it is listed
    // only for the person who claims it: Microsoft Excel and Google Sheets, not Spreadsheet
    // software a third time.
    demand.skills.retain(|c| yours(c) || !is_class(&code(c)));
    let find = |id: &str| demand.skills.iter().find(|c| code(c) == id);
    let covered: Vec<(&str, u32)> = s
        .skills
        .iter()
        .filter(|k| Taxonomy::global().in_postings(&k.id))
        .map(|k| (k.label.as_str(), find(&k.id).map_or(0, |c| c.employers)))
        .collect();
    let gap = gap(&args, &s, &demand, &names)?;
    if args.json.json {
        let skill_json = |c: &SkillCount| {
            json!({
                "id": code(c), "label": label(c), "yours": yours(c),
                "postings": c.postings, "employers": c.employers,
                "year_before": c.year_before, "trend": c.trend, "by_month": c.by_month,
            })
        };
        let shown: Vec<_> = demand
            .skills
            .iter()
            .enumerate()
            .filter(|(i, c)| *i < args.limit || yours(c))
            .map(|(_, c)| skill_json(c))
            .collect();
        return Ok(Answer::Json(json!({
            "dataset": describe(&names),
            "through": demand.through,
            "months": demand.months,
            "postings": demand.postings,
            "employers": demand.employers,
            "skills": shown,
            "coverage": {
                "min_employers": min_employers,
                "skills": covered.iter().map(|(l, e)| json!({"label": l, "employers": e, "covered": *e >= min_employers})).collect::<Vec<_>>(),
            },
            "gap": gap,
        })));
    }
    let mut out = format!(
        "{}\n  {}\n",
        paint(
            HEADING,
            &format!(
                "Demand for skills, {} to {}: {} {} from {} {}",
                demand.months[0],
                demand.through,
                grouped(f64::from(demand.postings)),
                noun(demand.postings, "posting", "postings"),
                grouped(f64::from(demand.employers)),
                noun(demand.employers, "employer", "employers")
            )
        ),
        paint(DIM, &describe(&names))
    );
    let mut rows = vec![vec![
        "skill".into(),
        "employers".into(),
        "postings".into(),
        "vs year before".into(),
        "by month".into(),
    ]];
    // With no posting before the window, no skill has a year before to compare with: say so
    // once, rather than calling every skill "new".
    let year_before_known = names
        .first
        .is_some_and(|day| milemarker_market::demand::Month::of(day) < demand.months[0]);
    let no_trend = if year_before_known { "new" } else { "no data" };
    for c in demand.skills.iter().take(args.limit) {
        let name = if yours(c) {
            format!("{} (yours)", label(c))
        } else {
            label(c)
        };
        rows.push(vec![
            name,
            c.employers.to_string(),
            c.postings.to_string(),
            c.trend
                .map_or(no_trend.into(), |t| format!("{:+.0}%", t * 100.0)),
            sparkline(c.by_month.iter().map(|m| m.postings)),
        ]);
    }
    out.push_str(&table(&rows));
    if !year_before_known {
        out.push_str(&format!(
            "  {}\n",
            paint(
                DIM,
                &format!(
                    "No postings from before {}: no data a year before to compare with.",
                    demand.months[0]
                )
            )
        ));
    }
    if !s.skills.is_empty() && covered.is_empty() {
        out.push_str(&format!(
            "\n{}\n  None of your skills can appear in postings: O*NET's skill and knowledge areas \
             are ratings, not words a posting uses. Add the tools and skills postings name: \
             `milemarker skills add`.\n",
            paint(HEADING, "Your skills")
        ));
    } else if !s.skills.is_empty() {
        let n = covered.iter().filter(|(_, e)| *e >= min_employers).count();
        out.push_str(&format!(
            "\n{}\n",
            paint(
                HEADING,
                &match (n, covered.len()) {
                    // "2 of 2 (100%)" reads as arithmetic, not as news.
                    (1, 1) => format!("Your skill is asked for by {min_employers}+ employers"),
                    (0, 1) => format!("Your skill is not asked for by {min_employers}+ employers"),
                    (n, all) if n == all => {
                        format!("Your skills: all {all} asked for by {min_employers}+ employers")
                    }
                    (0, all) => {
                        format!(
                            "Your skills: none of {all} asked for by {min_employers}+ employers"
                        )
                    }
                    (n, all) => format!(
                        "Your skills: {n} of {all} asked for by {min_employers}+ employers ({})",
                        percent(n as f64 / all as f64)
                    ),
                }
            )
        ));
        for (l, e) in &covered {
            let mark = if *e >= min_employers {
                paint(GOOD, "✓")
            } else {
                paint(BAD, "✗")
            };
            let employers = noun(*e, "employer", "employers");
            out.push_str(&format!("  {mark} {l}: {e} {employers}\n"));
        }
    }
    if let Some(gap) = &gap {
        out.push_str(&gap_text(gap));
    }
    Ok(Answer::Text(out))
}

/// Eight heights, one character a month.
fn sparkline(values: impl Iterator<Item = u32> + Clone) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = values.clone().max().unwrap_or(0).max(1);
    values
        .map(|v| BARS[((v as usize * 7) + (max as usize / 2)) / max as usize])
        .collect()
}

fn gap(
    args: &MarketDemandArgs,
    s: &Snapshot,
    demand: &Demand,
    names: &PostingNames,
) -> Result<Option<serde_json::Value>> {
    let held = |id: &str| s.skills.iter().any(|k| k.id == id);
    if let Some(title) = &args.title {
        let Some((postings, asked)) = &demand.title else {
            return Ok(None);
        };
        let skills: Vec<_> = asked
            .iter()
            .filter(|(_, n)| f64::from(*n) >= GAP_SHARE * f64::from(*postings))
            .filter(|(t, _)| !held(&names.taxa[t].0))
            .take(args.limit)
            .map(|(t, n)| {
                json!({"id": names.taxa[t].0, "label": names.taxa[t].1, "postings": n,
                       "share": f64::from(*n) / f64::from(*postings)})
            })
            .collect();
        return Ok(Some(
            json!({"title": title, "postings": postings, "skills": skills}),
        ));
    }
    let Some(code) = &args.occupation else {
        return Ok(None);
    };
    let occupation = Onet::global().occupation(code).ok_or_else(|| {
        anyhow!("--occupation: {code} is not an O*NET 29.3 occupation (like 15-2051.00)")
    })?;
    let taxonomy = Taxonomy::global();
    let needs = Onet::global().gaps(occupation, &s.skills, |id| {
        taxonomy.label(id).unwrap_or(id).to_string()
    });
    Ok(Some(json!({
        "occupation": occupation.code,
        "title": occupation.title,
        "source": onet::DATASET,
        "skills": needs.iter().take(args.limit).collect::<Vec<_>>(),
    })))
}

fn gap_text(gap: &serde_json::Value) -> String {
    let skills = gap["skills"].as_array().cloned().unwrap_or_default();
    let mut out = String::new();
    if let Some(postings) = gap.get("postings") {
        out.push_str(&format!(
            "\n{}\n",
            paint(
                HEADING,
                &format!(
                    "Your gap to \"{}\" ({}): skills {} or more of them ask for that you do not claim",
                    gap["title"].as_str().unwrap_or_default(),
                    milemarker_core::text::count(
                        postings.as_f64().unwrap_or(0.0),
                        "posting",
                        "postings"
                    ),
                    percent(GAP_SHARE)
                )
            )
        ));
        for k in &skills {
            out.push_str(&format!(
                "  {} {}\n",
                k["label"].as_str().unwrap_or_default(),
                paint(DIM, &percent(k["share"].as_f64().unwrap_or(0.0)))
            ));
        }
    } else {
        out.push_str(&format!(
            "\n{}\n",
            paint(
                HEADING,
                &format!(
                    "Your gap to {} {} ({}): what it rates important, or marks hot, that you lack",
                    gap["occupation"].as_str().unwrap_or_default(),
                    gap["title"].as_str().unwrap_or_default(),
                    onet::DATASET
                )
            )
        ));
        for k in &skills {
            let detail = match (k.get("importance"), k["below_level"].as_bool()) {
                (Some(i), Some(true)) => {
                    format!("importance {i}, level {} (yours is below)", k["level"])
                }
                (Some(i), _) => format!("importance {i}, level {}", k["level"]),
                (None, _) => "hot technology".into(),
            };
            out.push_str(&format!(
                "  {} {}\n",
                k["label"].as_str().unwrap_or_default(),
                paint(DIM, &detail)
            ));
        }
    }
    let matched = gap.get("postings").and_then(serde_json::Value::as_u64);
    if matched == Some(0) {
        // No posting has that title: nothing to compare with, which is not "you claim it all".
        out.push_str(&format!(
            "  No posting in the months counted has a title with \"{}\"; try fewer or other words.\n",
            gap["title"].as_str().unwrap_or_default()
        ));
    } else if skills.is_empty() {
        out.push_str("  Nothing: you claim all of it.\n");
    }
    out
}

/// An O*NET technology class's id (`onet:43232110`), not a product's or an element's.
fn is_class(id: &str) -> bool {
    id.strip_prefix("onet:")
        .is_some_and(|code| !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()))
}
