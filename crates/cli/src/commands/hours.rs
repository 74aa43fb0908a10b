//! Weeks against the boundary (000: weekly, not daily, overtime), overwork creep, and hours
//! imported from time trackers.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};
use milemarker_app::hours;
use milemarker_app::present::life as present;
use milemarker_core::markers::thresholds::OverworkCreep;
use milemarker_core::tracker::Tracker;

use crate::choice::choice;
use crate::cli::JsonFlag;
use crate::context::{Db, as_of};
use crate::document::{answer, show};
use crate::ui::{WARN, paint};

/// Overwork creep (000): by default over the boundary in 3 of the last 4 complete weeks; the
/// settings file can change both numbers.
pub fn run(db: &mut Db, args: HoursArgs, creep: &OverworkCreep) -> Result<()> {
    if let Some(HoursCommand::Import(import)) = args.command {
        return import_tracker(db, import);
    }
    let s = db.load()?;
    let as_of = as_of(args.as_of)?;
    let view = hours::weeks(&s, as_of, args.weeks, creep);
    answer(args.json.json, &view, || present::hours(&view))
}

fn import_tracker(db: &mut Db, args: HoursImportArgs) -> Result<()> {
    let export = hours::read(&args.file, args.format, args.tz)?;
    let name = &export.name;
    for warning in &export.parsed.warnings {
        anstream::eprintln!("{} {name}: {warning}", paint(WARN, "warning:"));
    }
    let added = db.update(|s| Ok(hours::add_intervals(s, &export)))?;
    show(&present::intervals_imported(&added, name, &export.tz))
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
    #[arg(long, value_parser = choice::<Tracker>())]
    pub format: Tracker,
    /// The export (- for standard input)
    pub file: PathBuf,
    /// IANA time zone whose midnights split the hours into days [default: the system's]
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
}
