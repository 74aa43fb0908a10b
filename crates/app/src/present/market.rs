//! What `market` answers, in words: pay against the market, demand for skills with the person's
//! coverage and gap, and the occupations their skills fit or a title names.

use milemarker_core::markers::grouped;
use milemarker_core::text::{count, noun, percent};
use milemarker_market::names::TitleMatch;
use milemarker_market::onet;
use milemarker_store::PostingNames;

use super::{Output, Span, Tone};
use crate::market::demand::describe;
use crate::market::{
    DemandAnswer, DemandImported, GAP_SHARE, Gap, OccupationGap, OccupationRow, OccupationsAnswer,
    PayAnswer, TitleGap,
};
use crate::postings::Outcome;

/// What the page of an import the server does not follow (any more) says: why it cannot say how
/// that import went, what the store holds now, and what to do.
pub fn import_unknown(held: &PostingNames) -> Output {
    let now = if held.postings == 0 {
        "The store holds no job postings now.".to_string()
    } else {
        format!("The store holds {} now.", describe(held))
    };
    Output::line(
        "This server does not know that import. It follows imports in memory only, so a restart \
         forgets them (or the address is not one it gave).",
    )
    .with_text(now)
    .with_text(
        "An import that a restart cut short stored nothing: its postings count only once it is \
         whole, and what it left is cleared at the next import. To be sure, send the file again: \
         postings stored already are skipped.",
    )
}

/// What importing postings from `name` did, with the bad rows skipped.
pub fn imported(name: &str, outcome: &Outcome) -> Output {
    let counts = &outcome.counts;
    let mut said = format!(
        "Imported {} {} from {name}",
        grouped(counts.added as f64),
        noun(counts.added as f64, "posting", "postings")
    );
    if counts.duplicates > 0 {
        said.push_str(&format!(
            " ({} already imported, skipped)",
            counts.duplicates
        ));
    }
    let out = Output::line(format!("{said}."));
    if outcome.bad_count == 0 {
        return out;
    }
    let (shown, more) = outcome.bad_lines();
    out.with_line(vec![
        format!("Skipped {} bad rows:\n", outcome.bad_count).into(),
        Span::faint(shown.join("\n")),
        more.into(),
    ])
}

/// What importing demand counted elsewhere did: what the views read from now on.
pub fn demand_imported(a: &DemandImported) -> Output {
    Output::line(format!(
        "Imported demand for {} {} through {} from {}.",
        grouped(a.skills as f64),
        noun(a.skills as f64, "skill", "skills"),
        a.through,
        a.source
    ))
    .with_line(vec![
        "  ".into(),
        Span::faint(format!(
            "market demand, the skills gap and the fading skills marker now read {}. \
             `milemarker postings forget-demand` goes back to the postings imported here.",
            a.dataset
        )),
    ])
}

/// What forgetting the imported demand did.
pub fn demand_forgotten(had: bool) -> Output {
    Output::line(if had {
        "Forgot the imported demand: demand is counted from the postings imported here again."
    } else {
        "No demand was imported: demand is counted from the postings imported here."
    })
}

/// Pay against the market: the percentiles, and where the person's pay sits among them.
pub fn pay(answer: &PayAnswer) -> Output {
    let heading = format!("Pay against the market ({}, annual, USD)", answer.source);
    let mut out = Output::default()
        .with_heading(heading)
        .with_text(format!("  {}", answer.heading()));
    if let Some(note) = &answer.fallback {
        out = out.with_line(vec!["  ".into(), Span::faint(note)]);
    }
    let row: Vec<String> = answer
        .cells()
        .into_iter()
        .map(|(p, value)| format!("{p} {value}"))
        .collect();
    out = out.with_text(format!("  {}", row.join("  ")));
    out = out.with_text(match answer.position_sentence() {
        Some(sentence) => format!("  {sentence}"),
        None => {
            "  Set your pay (`milemarker profile set --pay N`) or pass --pay to place it.".into()
        }
    });
    match &answer.other_currency {
        Some(currency) => out.with_line(vec![Span::faint(format!(
            "  Your profile's pay is in {currency}; OEWS wages are US dollars."
        ))]),
        None => out,
    }
}

/// The occupations a title names, to give to `--occupation`.
pub fn found_occupations(words: &str, found: &[TitleMatch]) -> Output {
    if found.is_empty() {
        return Output::line(format!(
            "No O*NET occupation is called anything like \"{words}\"; try other words."
        ));
    }
    let header = ["code", "occupation", "matched"].map(Span::faint).to_vec();
    let rows = std::iter::once(header)
        .chain(found.iter().map(|m| {
            let matched = if m.matched == m.title {
                String::new()
            } else {
                format!("as \"{}\" ({})", m.matched, m.source)
            };
            vec![
                m.code.clone().into(),
                m.title.clone().into(),
                matched.into(),
            ]
        }))
        .collect();
    Output::table(format!("Occupations called \"{words}\""), rows).with_line(vec![Span::faint(
        "Give a code or the words to `--occupation` (profile set, init, market pay).",
    )])
}

/// The occupations ranked by fit to the person's skills, with what the ranking counted.
pub fn occupations(a: &OccupationsAnswer) -> Output {
    let basis = &a.based_on;
    let counted = format!(
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
    );
    let mut out = Output::default()
        .with_heading("Occupations by fit to your skills (O*NET 29.3; medians BLS OEWS May 2025)")
        .with_line(vec!["  ".into(), Span::faint(counted)]);
    if basis.onet_skills_and_knowledge == 0 {
        out = out.with_text(
            "  Claim O*NET skills and knowledge to rank by more than technology and ESCO skills: \
             `milemarker skills add \"critical thinking\" --level proficient`.",
        );
    }
    if let Some(current) = &a.current {
        out = out.with_text(format!(
            "  You: {}, Job Zone {}.",
            current.title, current.job_zone
        ));
    }
    if !a.ranked() {
        return out
            .with_text("  No occupation shares a skill with you yet, so none is ranked by fit.");
    }
    let header = [
        "occupation",
        "fit",
        "zone",
        "median",
        "vs your pay",
        "related",
    ];
    let mut rows = vec![header.map(Span::from).to_vec()];
    rows.extend(a.occupations.iter().map(|r| occupation_row(r, a.pay)));
    out.with_table(rows)
}

fn occupation_row(r: &OccupationRow, pay: Option<f64>) -> Vec<Span> {
    let name = if r.yours {
        format!("{} (yours)", r.title)
    } else {
        r.title.to_string()
    };
    let zone = match r.direction {
        Some(d) => format!("{} {d}", r.job_zone),
        None => r.job_zone.to_string(),
    };
    let change = match (r.pay_change, pay) {
        (Some(c), Some(_)) => format!("{}{}", if c < 0.0 { "-" } else { "+" }, grouped(c.abs())),
        _ => "-".into(),
    };
    let related: Vec<&str> = r.related.iter().filter_map(|x| x.title).collect();
    vec![
        name.into(),
        percent(r.fit).into(),
        zone.into(),
        r.median_wage.map_or("-".into(), grouped).into(),
        change.into(),
        Span::faint(related.join("; ")),
    ]
}

/// "2025-11 to 2026-10: 1,204 postings from 310 employers": what the demand counted.
pub fn counted_postings(a: &DemandAnswer) -> String {
    format!(
        "{} to {}: {} {} from {} {}",
        a.months[0],
        a.through,
        grouped(f64::from(a.postings)),
        noun(a.postings, "posting", "postings"),
        grouped(f64::from(a.employers)),
        noun(a.employers, "employer", "employers")
    )
}

/// Demand for skills in the postings: the table, the person's coverage and their gap.
pub fn demand(a: &DemandAnswer) -> Output {
    let heading = format!("Demand for skills, {}", counted_postings(a));
    let header = [
        "skill",
        "employers",
        "postings",
        "vs year before",
        "by month",
    ];
    let mut rows = vec![header.map(Span::from).to_vec()];
    for c in &a.skills[..a.top] {
        let name = if c.yours {
            format!("{} (yours)", c.label)
        } else {
            c.label.clone()
        };
        let cells = [
            name,
            c.employers.to_string(),
            c.postings.to_string(),
            c.trend_words(a.year_before_known),
            sparkline(c.by_month.iter().map(|m| m.postings)),
        ];
        rows.push(cells.map(Span::from).to_vec());
    }
    let mut out = Output::default()
        .with_heading(heading)
        .with_line(vec!["  ".into(), Span::faint(&a.dataset)])
        .with_table(rows);
    // With no posting before the window, no skill has a year before to compare with: say so
    // once, rather than calling every skill "new".
    if !a.year_before_known {
        out = out.with_line(vec![
            "  ".into(),
            Span::faint(format!(
                "No postings from before {}: no data a year before to compare with.",
                a.months[0]
            )),
        ]);
    }
    let out = out.then(coverage(a));
    match &a.gap {
        Some(Gap::Title(gap)) => out.then(title_gap(gap)),
        Some(Gap::Occupation(gap)) => out.then(occupation_gap(gap)),
        None => out,
    }
}

/// How many of the person's skills enough employers ask for, each marked.
fn coverage(a: &DemandAnswer) -> Output {
    let covered = &a.coverage.skills;
    let min = a.coverage.min_employers;
    if a.claimed > 0 && covered.is_empty() {
        return Output::default().with_heading("Your skills").with_text(
            "  None of your skills can appear in postings: O*NET's skill and knowledge areas are \
             ratings, not words a posting uses. Add the tools and skills postings name: \
             `milemarker skills add`.",
        );
    }
    if a.claimed == 0 {
        return Output::default();
    }
    let n = covered.iter().filter(|c| c.covered).count();
    let heading = match (n, covered.len()) {
        // "2 of 2 (100%)" reads as arithmetic, not as news.
        (1, 1) => format!("Your skill is asked for by {min}+ employers"),
        (0, 1) => format!("Your skill is not asked for by {min}+ employers"),
        (n, all) if n == all => format!("Your skills: all {all} asked for by {min}+ employers"),
        (0, all) => format!("Your skills: none of {all} asked for by {min}+ employers"),
        (n, all) => format!(
            "Your skills: {n} of {all} asked for by {min}+ employers ({})",
            percent(n as f64 / all as f64)
        ),
    };
    let mut out = Output::default().with_heading(heading);
    for c in covered {
        let mark = match c.covered {
            true => Span::new(Tone::Good, "✓"),
            false => Span::new(Tone::Bad, "✗"),
        };
        let employers = noun(c.employers, "employer", "employers");
        out = out.with_line(vec![
            "  ".into(),
            mark,
            format!(" {}: {} {employers}", c.label, c.employers).into(),
        ]);
    }
    out
}

/// A label with its detail set apart, indented: a line of a gap.
fn detail(label: &str, detail: String) -> Vec<Span> {
    vec![format!("  {label} ").into(), Span::faint(detail)]
}

fn title_gap(gap: &TitleGap) -> Output {
    let mut out = Output::default().with_heading(format!(
        "Your gap to \"{}\" ({}): skills {} or more of them ask for that you do not claim",
        gap.title,
        count(f64::from(gap.postings), "posting", "postings"),
        percent(GAP_SHARE)
    ));
    for k in &gap.skills {
        out = out.with_line(detail(&k.label, percent(k.share)));
    }
    if gap.postings == 0 {
        // No posting has that title: nothing to compare with, which is not "you claim it all".
        out.with_text(format!(
            "  No posting in the months counted has a title with \"{}\"; try fewer or other \
             words.",
            gap.title
        ))
    } else if gap.skills.is_empty() {
        out.with_text("  Nothing: you claim all of it.")
    } else {
        out
    }
}

fn occupation_gap(gap: &OccupationGap) -> Output {
    let mut out = Output::default().with_heading(format!(
        "Your gap to {} {} ({}): what sets it apart, or is hot, that you lack",
        gap.occupation,
        gap.title,
        onet::DATASET
    ));
    for k in &gap.skills {
        let text = match (k.importance, k.below_level) {
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
        out = out.with_line(detail(&k.label, text));
    }
    if gap.skills.is_empty() {
        return out.with_text("  Nothing: you claim all of it.");
    }
    out
}

/// A number as JSON writes it (2.5, 3), or "null": the figures the `--json` answer holds.
fn number(value: Option<f64>) -> String {
    value.map_or("null".into(), |v| serde_json::Value::from(v).to_string())
}

/// Counts as a line of eight heights, the largest full.
fn sparkline(values: impl Iterator<Item = u32> + Clone) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = values.clone().max().unwrap_or(0).max(1);
    values
        .map(|v| BARS[((v as usize * 7) + (max as usize / 2)) / max as usize])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sparkline_fills_the_largest_and_floors_the_rest() {
        assert_eq!(sparkline([0, 4, 8].into_iter()), "▁▅█");
        assert_eq!(sparkline([0, 0].into_iter()), "▁▁");
    }

    #[test]
    fn numbers_read_as_the_json_has_them() {
        assert_eq!(number(Some(3.0)), "3.0");
        assert_eq!(number(Some(2.5)), "2.5");
        assert_eq!(number(None), "null");
    }
}
