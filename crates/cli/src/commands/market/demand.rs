//! `market demand` as text: the table of skills, the person's coverage and their gap.

use anyhow::Result;
use milemarker_app::market::{DemandAnswer, DemandOptions, GAP_SHARE, Gap, demand};
use milemarker_core::markers::grouped;
use milemarker_core::text::noun;
use milemarker_market::onet;

use crate::cli::MarketDemandArgs;
use crate::context::{Db, Settings, as_of, print, print_json};
use crate::ui::{BAD, DIM, GOOD, HEADING, paint, percent, table};

pub fn run(db: &mut Db, args: MarketDemandArgs, settings: &Settings) -> Result<()> {
    let options = DemandOptions {
        months: args.months,
        title: args.title,
        occupation: args.occupation,
        limit: args.limit,
        as_of: as_of(args.as_of)?,
        min_employers: settings.thresholds.fading_skills.min_employers,
    };
    let s = db.load()?;
    let answer = demand(db, &s, &options)?;
    if args.json.json {
        return print_json(&answer);
    }
    print(&text(&answer))
}

fn text(a: &DemandAnswer) -> String {
    let mut out = format!(
        "{}\n  {}\n",
        paint(
            HEADING,
            &format!(
                "Demand for skills, {} to {}: {} {} from {} {}",
                a.months[0],
                a.through,
                grouped(f64::from(a.postings)),
                noun(a.postings, "posting", "postings"),
                grouped(f64::from(a.employers)),
                noun(a.employers, "employer", "employers")
            )
        ),
        paint(DIM, &a.dataset)
    );
    let mut rows = vec![vec![
        "skill".into(),
        "employers".into(),
        "postings".into(),
        "vs year before".into(),
        "by month".into(),
    ]];
    for c in &a.skills[..a.top] {
        let name = if c.yours {
            format!("{} (yours)", c.label)
        } else {
            c.label.clone()
        };
        rows.push(vec![
            name,
            c.employers.to_string(),
            c.postings.to_string(),
            c.trend_words(a.year_before_known),
            sparkline(c.by_month.iter().map(|m| m.postings)),
        ]);
    }
    out.push_str(&table(&rows));
    // With no posting before the window, no skill has a year before to compare with: say so
    // once, rather than calling every skill "new".
    if !a.year_before_known {
        out.push_str(&format!(
            "  {}\n",
            paint(
                DIM,
                &format!(
                    "No postings from before {}: no data a year before to compare with.",
                    a.months[0]
                )
            )
        ));
    }
    coverage_text(&mut out, a);
    match &a.gap {
        Some(Gap::Title(gap)) => title_gap_text(&mut out, gap),
        Some(Gap::Occupation(gap)) => occupation_gap_text(&mut out, gap),
        None => {}
    }
    out
}

fn coverage_text(out: &mut String, a: &DemandAnswer) {
    let covered = &a.coverage.skills;
    let min = a.coverage.min_employers;
    if a.claimed > 0 && covered.is_empty() {
        out.push_str(&format!(
            "\n{}\n  None of your skills can appear in postings: O*NET's skill and knowledge areas \
             are ratings, not words a posting uses. Add the tools and skills postings name: \
             `milemarker skills add`.\n",
            paint(HEADING, "Your skills")
        ));
        return;
    }
    if a.claimed == 0 {
        return;
    }
    let n = covered.iter().filter(|c| c.covered).count();
    out.push_str(&format!(
        "\n{}\n",
        paint(
            HEADING,
            &match (n, covered.len()) {
                // "2 of 2 (100%)" reads as arithmetic, not as news.
                (1, 1) => format!("Your skill is asked for by {min}+ employers"),
                (0, 1) => format!("Your skill is not asked for by {min}+ employers"),
                (n, all) if n == all => {
                    format!("Your skills: all {all} asked for by {min}+ employers")
                }
                (0, all) => format!("Your skills: none of {all} asked for by {min}+ employers"),
                (n, all) => format!(
                    "Your skills: {n} of {all} asked for by {min}+ employers ({})",
                    percent(n as f64 / all as f64)
                ),
            }
        )
    ));
    for c in covered {
        let mark = if c.covered {
            paint(GOOD, "✓")
        } else {
            paint(BAD, "✗")
        };
        let employers = noun(c.employers, "employer", "employers");
        out.push_str(&format!(
            "  {mark} {}: {} {employers}\n",
            c.label, c.employers
        ));
    }
}

fn title_gap_text(out: &mut String, gap: &milemarker_app::market::TitleGap) {
    out.push_str(&format!(
        "\n{}\n",
        paint(
            HEADING,
            &format!(
                "Your gap to \"{}\" ({}): skills {} or more of them ask for that you do not claim",
                gap.title,
                milemarker_core::text::count(f64::from(gap.postings), "posting", "postings"),
                percent(GAP_SHARE)
            )
        )
    ));
    for k in &gap.skills {
        out.push_str(&format!(
            "  {} {}\n",
            k.label,
            paint(DIM, &percent(k.share))
        ));
    }
    if gap.postings == 0 {
        // No posting has that title: nothing to compare with, which is not "you claim it all".
        out.push_str(&format!(
            "  No posting in the months counted has a title with \"{}\"; try fewer or other words.\n",
            gap.title
        ));
    } else if gap.skills.is_empty() {
        out.push_str("  Nothing: you claim all of it.\n");
    }
}

fn occupation_gap_text(out: &mut String, gap: &milemarker_app::market::OccupationGap) {
    out.push_str(&format!(
        "\n{}\n",
        paint(
            HEADING,
            &format!(
                "Your gap to {} {} ({}): what sets it apart, or is hot, that you lack",
                gap.occupation,
                gap.title,
                onet::DATASET
            )
        )
    ));
    for k in &gap.skills {
        let detail = match (k.importance, k.below_level) {
            (Some(i), true) => format!(
                "importance {}, level {} (yours is below)",
                number(Some(i)),
                number(k.level)
            ),
            (Some(i), false) => {
                format!("importance {}, level {}", number(Some(i)), number(k.level))
            }
            (None, _) => "hot technology".into(),
        };
        out.push_str(&format!("  {} {}\n", k.label, paint(DIM, &detail)));
    }
    if gap.skills.is_empty() {
        out.push_str("  Nothing: you claim all of it.\n");
    }
}

/// A rating as O*NET's tables write it ("4.0"), or "null" when it gives none.
fn number(value: Option<f64>) -> String {
    value.map_or("null".into(), |v| serde_json::Value::from(v).to_string())
}

/// Eight heights, one character a month.
fn sparkline(values: impl Iterator<Item = u32> + Clone) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = values.clone().max().unwrap_or(0).max(1);
    values
        .map(|v| BARS[((v as usize * 7) + (max as usize / 2)) / max as usize])
        .collect()
}
