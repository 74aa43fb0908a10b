//! `market occupations` as text: the ranking by fit, or occupations found by title.

use anyhow::Result;
use milemarker_app::market::{OccupationsAnswer, occupations};
use milemarker_core::markers::grouped;
use milemarker_core::text::count;

use crate::cli::MarketOccupationsArgs;
use crate::context::{Db, print, print_json};
use crate::ui::{DIM, HEADING, paint, percent, table};

/// Occupations by job title, best first: what `--occupation` takes.
pub fn search(args: MarketOccupationsArgs) -> Result<()> {
    let words = args.search.unwrap_or_default();
    let found = milemarker_app::market::search(&words, args.limit);
    if args.json.json {
        return print_json(&found);
    }
    if found.is_empty() {
        return print(&format!(
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
    print(&format!(
        "{}\n{}{}\n",
        paint(HEADING, &format!("Occupations called \"{words}\"")),
        table(&rows),
        paint(
            DIM,
            "Give a code or the words to `--occupation` (profile set, init, market pay)."
        )
    ))
}

pub fn run(db: &mut Db, args: MarketOccupationsArgs) -> Result<()> {
    let answer = occupations(&db.load()?, args.limit);
    if args.json.json {
        return print_json(&answer);
    }
    print(&text(&answer))
}

fn text(a: &OccupationsAnswer) -> String {
    let basis = &a.based_on;
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
                    basis.onet_skills_and_knowledge as f64,
                    "O*NET skill or knowledge area",
                    "O*NET skills and knowledge areas"
                ),
                count(
                    basis.onet_technology as f64,
                    "technology skill",
                    "technology skills"
                ),
                count(
                    basis.esco_in_task_statements as f64,
                    "ESCO skill",
                    "ESCO skills"
                ),
                basis.not_counted
            )
        )
    ));
    if basis.onet_skills_and_knowledge == 0 {
        out.push_str(
            "  Claim O*NET skills and knowledge to rank by more than technology and ESCO skills: `milemarker skills add \"critical thinking\" --level proficient`.\n",
        );
    }
    if let Some(current) = &a.current {
        out.push_str(&format!(
            "  You: {}, Job Zone {}.\n",
            current.title, current.job_zone
        ));
    }
    if !a.ranked() {
        out.push_str("  No occupation shares a skill with you yet, so none is ranked by fit.\n");
        return out;
    }
    let mut rows = vec![vec![
        "occupation".into(),
        "fit".into(),
        "zone".into(),
        "median".into(),
        "vs your pay".into(),
        "related".into(),
    ]];
    for r in &a.occupations {
        let name = if r.yours {
            format!("{} (yours)", r.title)
        } else {
            r.title.to_string()
        };
        let zone = match r.direction {
            Some(d) => format!("{} {d}", r.job_zone),
            None => r.job_zone.to_string(),
        };
        let change = match (r.pay_change, a.pay) {
            (Some(c), Some(_)) => {
                format!("{}{}", if c < 0.0 { "-" } else { "+" }, grouped(c.abs()))
            }
            _ => "-".into(),
        };
        let related: Vec<&str> = r.related.iter().filter_map(|x| x.title).collect();
        rows.push(vec![
            name,
            percent(r.fit),
            zone,
            r.median_wage.map_or("-".into(), grouped),
            change,
            paint(DIM, &related.join("; ")),
        ]);
    }
    out.push_str(&table(&rows));
    out
}
