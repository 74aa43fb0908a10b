//! Weeks against the boundary (000: weekly, not daily, overtime) and overwork creep.

use anyhow::Result;
use milemarker_core::decision::format_number;
use milemarker_core::life::{CheckIn, Creep, overwork_creep};
use serde::Serialize;

use crate::cli::HoursArgs;
use crate::context::{Db, print, print_json, today};
use crate::ui::{BAD, DIM, GOOD, HEADING, paint, table};

/// Overwork creep (000): over the boundary in 3 of the last 4 complete weeks.
const CREEP_WINDOW: usize = 4;
const CREEP_THRESHOLD: usize = 3;

#[derive(Serialize)]
struct Week<'a> {
    week: String,
    hours: f64,
    weekend_days: u8,
    evenings: u8,
    /// Where the hours came from; time-tracker imports will add theirs.
    sources: [&'a str; 1],
}

pub fn run(db: &mut Db, args: HoursArgs) -> Result<()> {
    let s = db.load()?;
    let as_of = match args.as_of {
        Some(date) => date,
        None => today()?,
    };
    let boundary = s.profile.boundary_hours;
    let creep = overwork_creep(&s.checkins, boundary, as_of, CREEP_WINDOW, CREEP_THRESHOLD);
    let recent: Vec<&CheckIn> = s
        .checkins
        .iter()
        .filter(|c| c.week.monday() <= as_of)
        .collect();
    let shown = &recent[recent.len().saturating_sub(args.weeks)..];
    if args.json.json {
        let weeks: Vec<Week> = shown
            .iter()
            .map(|c| Week {
                week: c.week.to_string(),
                hours: c.hours,
                weekend_days: c.weekend_days,
                evenings: c.evenings,
                sources: ["checkin"],
            })
            .collect();
        return print_json(
            &serde_json::json!({"boundary": boundary, "weeks": weeks, "overwork_creep": creep}),
        );
    }
    print(&render(shown, boundary, &creep))
}

fn render(weeks: &[&CheckIn], boundary: f64, creep: &Creep) -> String {
    if weeks.is_empty() {
        return "No check-ins yet: `milemarker checkin --hours 45 --energy 3 --satisfaction 3`.\n"
            .into();
    }
    let mut out = format!(
        "{}\n",
        paint(
            HEADING,
            &format!(
                "Hours against your {}-hour boundary",
                format_number(boundary)
            )
        )
    );
    let scale = 2.0; // hours per block
    let rows: Vec<Vec<String>> = weeks
        .iter()
        .map(|c| {
            let blocks = (c.hours / scale).round() as usize;
            let inside = blocks.min((boundary / scale).round() as usize);
            let bar = format!(
                "{}{}",
                "#".repeat(inside),
                paint(BAD, &"#".repeat(blocks - inside))
            );
            let extra = match (c.weekend_days, c.evenings) {
                (0, 0) => String::new(),
                (w, e) => paint(
                    DIM,
                    &format!("{w} weekend, {e} evening{}", if e == 1 { "" } else { "s" }),
                ),
            };
            vec![
                c.week.to_string(),
                format!("{:>5}", format_number(c.hours)),
                bar,
                extra,
            ]
        })
        .collect();
    out.push_str(&table(&rows));
    out.push('\n');
    let span = format!(
        "{} to {}",
        creep.window[0],
        creep.window[creep.window.len() - 1]
    );
    let over: Vec<String> = creep
        .over
        .iter()
        .map(|(w, h)| format!("{w} ({} h)", format_number(*h)))
        .collect();
    out.push_str(&match creep.fired {
        Some(true) => format!(
            "{} {} of the last {} complete weeks ({span}) went over: {}.\n  If you need the words: \"I can't. I'm overextended. What would you like me to de-prioritize?\"\n",
            paint(BAD.bold(), "Overwork creep:"),
            creep.over.len(),
            creep.window.len(),
            over.join(", ")
        ),
        Some(false) => format!("{} {} of the last {} complete weeks ({span}) went over.\n", paint(GOOD, "No overwork creep:"), creep.over.len(), creep.window.len()),
        None => format!(
            "Overwork creep: not enough check-ins to tell ({} of the {} weeks {span} recorded).\n",
            creep.weeks_with_data,
            creep.window.len()
        ),
    });
    out
}
