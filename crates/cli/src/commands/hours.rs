//! Weeks against the boundary (000: weekly, not daily, overtime), overwork creep, and hours
//! imported from time trackers.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand, ValueEnum};
use milemarker_app::hours::{self, Added};
use milemarker_core::decision::format_number;
use milemarker_core::life::Creep;
use milemarker_core::markers::thresholds::OverworkCreep;
use milemarker_core::text::count;

use crate::cli::JsonFlag;
use crate::context::{Db, as_of, print, print_json};
use crate::ui::{BAD, DIM, GOOD, HEADING, WARN, paint, table};

/// Overwork creep (000): by default over the boundary in 3 of the last 4 complete weeks; the
/// settings file can change both numbers.
pub fn run(db: &mut Db, args: HoursArgs, creep: &OverworkCreep) -> Result<()> {
    if let Some(HoursCommand::Import(import)) = args.command {
        return import_tracker(db, import);
    }
    let s = db.load()?;
    let as_of = as_of(args.as_of)?;
    let view = hours::weeks(&s, as_of, args.weeks, creep);
    if args.json.json {
        return print_json(&view);
    }
    print(&render(&view))
}

fn import_tracker(db: &mut Db, args: HoursImportArgs) -> Result<()> {
    let export = hours::read(&args.file, args.format.into(), args.tz)?;
    let name = &export.name;
    for warning in &export.parsed.warnings {
        anstream::eprintln!("{} {name}: {warning}", paint(WARN, "warning:"));
    }
    let Added { added, known } = db.update(|s| Ok(hours::add_intervals(s, &export)))?;
    print(&format!(
        "Imported {added} interval{} from {name} ({known} already known); days split at \
         midnight in {}.\n",
        if added == 1 { "" } else { "s" },
        export.tz
    ))
}

fn render(view: &hours::Weeks) -> String {
    let (weeks, boundary) = (&view.weeks, view.boundary);
    if weeks.is_empty() {
        return "No hours yet: `milemarker checkin --hours 45 --energy 3 --satisfaction 3`, \
                or `milemarker hours import`.\n"
            .into();
    }
    let title = format!(
        "Hours against your {}-hour boundary",
        format_number(boundary)
    );
    let mut out = format!("{}\n", paint(HEADING, &title));
    let scale = 2.0; // hours per block
    let rows: Vec<Vec<String>> = weeks
        .iter()
        .map(|w| {
            let blocks = (w.hours / scale).round() as usize;
            let inside = blocks.min((boundary / scale).round() as usize);
            let bar = format!(
                "{}{}",
                "#".repeat(inside),
                paint(BAD, &"#".repeat(blocks - inside))
            );
            let extra = match (w.weekend_days, w.evenings) {
                (0, 0) => String::new(),
                (d, e) => paint(
                    DIM,
                    &format!(
                        "{}, {}",
                        count(d, "weekend day", "weekend days"),
                        count(e, "evening", "evenings")
                    ),
                ),
            };
            let hours = format_number((w.hours * 10.0).round() / 10.0);
            let sources = paint(DIM, &w.sources.join("+"));
            vec![
                w.week.to_string(),
                format!("{hours:>5}"),
                bar,
                extra,
                sources,
            ]
        })
        .collect();
    out.push_str(&table(&rows));
    out.push('\n');
    out.push_str(&creep_text(&view.overwork_creep));
    out
}

fn creep_text(creep: &Creep) -> String {
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
    let weeks = creep.window.len();
    // "all of the last 4", not "4 of the last 4"; "none of", not "0 of".
    let how_many = match creep.over.len() {
        0 => "none".to_string(),
        n if n == weeks => "all".to_string(),
        n => n.to_string(),
    };
    match creep.fired {
        Some(true) => format!(
            "{} {how_many} of the last {weeks} complete weeks ({span}) went over: {}.\n  If you \
             need the words: \"I can't. I'm overextended. What would you like me to de-prioritize?\"\n",
            paint(BAD.bold(), "Overwork creep:"),
            over.join(", ")
        ),
        Some(false) => format!(
            "{} {how_many} of the last {weeks} complete weeks ({span}) went over.\n",
            paint(GOOD, "No overwork creep:"),
        ),
        None => format!(
            "Overwork creep: not enough weeks recorded to tell ({} of the {weeks} weeks {span}).\n",
            creep.weeks_with_data
        ),
    }
}

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct HoursArgs {
    #[command(subcommand)]
    pub command: Option<HoursCommand>,
    /// The day to look back from [default: today]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<jiff::civil::Date>,
    /// How many weeks to show
    #[arg(long, default_value_t = 12)]
    pub weeks: usize,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub enum HoursCommand {
    /// Import hours from a time tracker's export (re-importing adds nothing twice)
    Import(HoursImportArgs),
}

#[derive(Debug, Args)]
pub struct HoursImportArgs {
    /// The tracker that wrote the file
    #[arg(long, value_enum)]
    pub format: TrackerArg,
    /// The export (- for standard input)
    pub file: PathBuf,
    /// IANA time zone whose midnights split the hours into days [default: the system's]
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TrackerArg {
    /// `timew export` JSON
    Timewarrior,
    /// Toggl Track's detailed report CSV (Clockify's detailed CSV too)
    Toggl,
    /// Watson's frames file (~/.config/watson/frames)
    Watson,
    /// An ActivityWatch export (not-afk time)
    Activitywatch,
}
