//! `market occupations`: O*NET occupations ranked by fit to the person's skills (method in
//! `milemarker_market::onet`), each with its Job Zone against the person's (step back, sideways,
//! step up: seed 003), related occupations, and the OEWS median against the person's pay.

use anyhow::Result;
use milemarker_core::markers::grouped;
use milemarker_core::text::count;
use milemarker_market::lookup::{Source, Taxonomy};
use milemarker_market::onet::{self, Onet};
use milemarker_market::wages::{self, Cell};
use serde_json::json;

use super::Answer;
use crate::cli::MarketOccupationsArgs;
use crate::context::Db;
use crate::ui::{DIM, HEADING, paint, percent, table};

/// Related occupations shown per row.
const RELATED: usize = 3;

fn direction(zone: u8, current: Option<u8>) -> Option<&'static str> {
    Some(match zone.cmp(&current?) {
        std::cmp::Ordering::Less => "step back",
        std::cmp::Ordering::Equal => "sideways",
        std::cmp::Ordering::Greater => "step up",
    })
}

/// Occupations by job title, best first: what `--occupation` takes.
pub fn search(args: MarketOccupationsArgs) -> Answer {
    let words = args.search.unwrap_or_default();
    let found = milemarker_market::names::find_occupations(&words, args.limit);
    if args.json.json {
        return Answer::Json(json!(found));
    }
    if found.is_empty() {
        return Answer::Text(format!(
            "No O*NET occupation is called anything like \"{words}\"; try other words.\n"
        ));
    }
    let header = ["code", "occupation", "matched"]
        .map(|h| paint(DIM, h))
        .to_vec();
    let rows: Vec<Vec<String>> = std::iter::once(header)
        .chain(found.iter().map(|m| {
            let matched = if m.matched == m.title {
                String::new()
            } else {
                format!("as \"{}\" ({})", m.matched, m.source)
            };
            vec![m.code.clone(), m.title.clone(), matched]
        }))
        .collect();
    Answer::Text(format!(
        "{}\n{}{}\n",
        paint(HEADING, &format!("Occupations called \"{words}\"")),
        table(&rows),
        paint(
            DIM,
            "Give a code or the words to `--occupation` (profile set, init, market pay)."
        )
    ))
}

pub fn run(db: &mut Db, args: MarketOccupationsArgs) -> Result<Answer> {
    let s = db.load()?;
    let onet = Onet::global();
    let taxonomy = Taxonomy::global();
    let counted = |wanted: &[Source]| {
        s.skills
            .iter()
            .filter(|k| {
                taxonomy
                    .source(&k.id)
                    .is_some_and(|src| wanted.contains(&src))
            })
            .count()
    };
    let elements = counted(&[Source::OnetSkill, Source::OnetKnowledge]);
    let technology = counted(&[Source::OnetTechnology]);
    let esco = onet.esco_counted(&s.skills);
    let current = s
        .profile
        .occupation
        .as_deref()
        .and_then(|c| onet.occupation(c));
    let pay = s.profile.total_pay();
    let area = s.profile.area.as_deref();
    let rows: Vec<serde_json::Value> = onet
        .rank(&s.skills)
        .into_iter()
        .take(args.limit)
        .map(|f| {
            let occupation = onet.occupation(f.code).expect("ranked from the same table");
            let median = wages::lookup(f.code, area)
                .ok()
                .and_then(|w| match w.percentiles[2] {
                    Cell::Wage(m) => Some((m, w.area.name.clone())),
                    _ => None,
                });
            let related: Vec<_> = occupation
                .related
                .iter()
                .take(RELATED)
                .map(|(code, _)| {
                    json!({"code": code, "title": onet.occupation(code).map(|o| o.title)})
                })
                .collect();
            json!({
                "code": f.code,
                "title": f.title,
                "job_zone": f.job_zone,
                "direction": direction(f.job_zone, current.map(|c| c.job_zone)),
                "yours": current.is_some_and(|c| c.code == f.code),
                "fit": round(f.fit),
                "elements_fit": round(f.elements),
                "technology_fit": round(f.technology),
                "esco_fit": round(f.esco),
                "median_wage": median.as_ref().map(|m| m.0),
                "median_area": median.as_ref().map(|m| m.1.clone()),
                "pay_change": median.as_ref().zip(pay).map(|(m, p)| m.0 - p),
                "related": related,
            })
        })
        .collect();
    let based_on = json!({
        "onet_skills_and_knowledge": elements,
        "onet_technology": technology,
        "esco_in_task_statements": esco,
        "not_counted": s.skills.len() - elements - technology - esco,
    });
    if args.json.json {
        return Ok(Answer::Json(json!({
            "source": format!("{}; {}", onet::DATASET, wages::DATASET),
            "current": current.map(|c| json!({"code": c.code, "title": c.title, "job_zone": c.job_zone})),
            "pay": pay,
            "based_on": based_on,
            "occupations": rows,
        })));
    }
    Ok(Answer::Text(text(
        &rows,
        current.map(|c| (c.title, c.job_zone)),
        pay,
        [elements, technology, esco],
        s.skills.len(),
    )))
}

fn round(share: f64) -> f64 {
    (share * 1000.0).round() / 1000.0
}

fn text(
    rows: &[serde_json::Value],
    current: Option<(&str, u8)>,
    pay: Option<f64>,
    [elements, technology, esco]: [usize; 3],
    all: usize,
) -> String {
    let mut out = format!(
        "{}\n",
        paint(
            HEADING,
            "Occupations by fit to your skills (O*NET 29.3; medians BLS OEWS May 2025)"
        )
    );
    out.push_str(&format!(
        "  {}\n",
        paint(
            DIM,
            &format!(
                "Counted: {}, {}, {} named in O*NET task statements; {} not counted.",
                count(
                    elements as f64,
                    "O*NET skill or knowledge area",
                    "O*NET skills and knowledge areas"
                ),
                count(technology as f64, "technology skill", "technology skills"),
                count(esco as f64, "ESCO skill", "ESCO skills"),
                all - elements - technology - esco
            )
        )
    ));
    if elements == 0 {
        out.push_str(
            "  Claim O*NET skills and knowledge to rank by more than technology and ESCO skills: `milemarker skills add \"critical thinking\" --level proficient`.\n",
        );
    }
    if let Some((title, zone)) = current {
        out.push_str(&format!("  You: {title}, Job Zone {zone}.\n"));
    }
    // Fifteen occupations at 0% fit, in code order, read as advice ("Chief Executives").
    if rows.iter().all(|r| r["fit"].as_f64().unwrap_or(0.0) == 0.0) {
        out.push_str("  No occupation shares a skill with you yet, so none is ranked by fit.\n");
        return out;
    }
    let mut table_rows = vec![vec![
        "occupation".into(),
        "fit".into(),
        "zone".into(),
        "median".into(),
        "vs your pay".into(),
        "related".into(),
    ]];
    for r in rows {
        let title = r["title"].as_str().unwrap_or_default();
        let name = if r["yours"].as_bool() == Some(true) {
            format!("{title} (yours)")
        } else {
            title.to_string()
        };
        let zone = match r["direction"].as_str() {
            Some(d) => format!("{} {d}", r["job_zone"]),
            None => r["job_zone"].to_string(),
        };
        let median = r["median_wage"].as_f64().map_or("-".into(), grouped);
        let change = match (r["pay_change"].as_f64(), pay) {
            (Some(c), Some(_)) => {
                format!("{}{}", if c < 0.0 { "-" } else { "+" }, grouped(c.abs()))
            }
            _ => "-".into(),
        };
        let related: Vec<&str> = r["related"]
            .as_array()
            .map(|a| a.iter().filter_map(|x| x["title"].as_str()).collect())
            .unwrap_or_default();
        table_rows.push(vec![
            name,
            percent(r["fit"].as_f64().unwrap_or(0.0)),
            zone,
            median,
            change,
            paint(DIM, &related.join("; ")),
        ]);
    }
    out.push_str(&table(&table_rows));
    out
}
