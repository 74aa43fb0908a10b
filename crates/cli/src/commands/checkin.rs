//! The weekly check-in: about a minute, every answer also a flag.

use std::io::IsTerminal;

use anyhow::Result;
use clap::Args;
use dialoguer::Input;
use milemarker_app::checkins::{self, Answers};
use milemarker_app::present::life as present;
use milemarker_core::life::CheckIn;
use milemarker_core::week::IsoWeek;

use crate::context::{Db, today};
use crate::document::show;

pub fn run(db: &mut Db, args: CheckinArgs) -> Result<()> {
    let today = today()?;
    let week = args.week.unwrap_or_else(|| IsoWeek::of(today));
    checkins::check_week(week, today)?;
    let mut answers = Answers {
        hours: args.hours,
        weekend_days: args.weekend_days,
        evenings: args.evenings,
        energy: args.energy,
        satisfaction: args.satisfaction,
        note: args.note,
    };
    if !args.ask.no_input && std::io::stdin().is_terminal() {
        let existing = db.load()?.checkins.into_iter().find(|c| c.week == week);
        ask(&mut answers, week, existing.as_ref())?;
    }
    // What is not given again stays as it is stored now, read under the write lock.
    let done = db.update(|s| checkins::record(s, week, answers))?;
    show(&present::checked_in(
        &done.checkin,
        done.boundary,
        done.replaced,
    ))
}

/// Asks for what the flags did not give; for a week already checked in, Enter keeps its answer.
/// Each answer is checked as it is typed, so a slip is fixed on the spot.
fn ask(answers: &mut Answers, week: IsoWeek, existing: Option<&CheckIn>) -> Result<()> {
    anstream::println!("Week {week}");
    for q in &checkins::QUESTIONS {
        if answers.get(q).is_some() {
            continue;
        }
        let mut input = Input::<f64>::new()
            .with_prompt(q.asked())
            .validate_with(|v: &f64| q.takes(*v));
        if let Some(default) = existing.map(|c| q.stored(c)).or(q.default.map(f64::from)) {
            input = input.default(default);
        }
        answers.set(q, input.interact_text()?);
    }
    if answers.note.is_none() {
        let note: String = Input::new()
            .with_prompt(checkins::NOTE)
            .allow_empty(true)
            .interact_text()?;
        answers.note = (!note.trim().is_empty()).then_some(note);
    }
    Ok(())
}

// The command line of this command, beside its handler.

/// A week as people name it (see `IsoWeek::named`), seen from today.
fn named_week(text: &str) -> Result<milemarker_core::week::IsoWeek, String> {
    let today = crate::context::today().map_err(|e| e.to_string())?;
    milemarker_core::week::IsoWeek::named(text, today)
}

#[derive(Debug, Args)]
pub struct CheckinArgs {
    /// The week: an ISO week (2026-W47), any date in it (2026-11-20), `this` or `last` [default:
    /// this week]
    #[arg(long, value_name = "WEEK", value_parser = named_week)]
    pub week: Option<milemarker_core::week::IsoWeek>,
    /// Hours worked that week
    #[arg(long)]
    pub hours: Option<f64>,
    /// Weekend days worked (0-2)
    #[arg(long, value_name = "N")]
    pub weekend_days: Option<u8>,
    /// Evenings worked
    #[arg(long, value_name = "N")]
    pub evenings: Option<u8>,
    /// Energy, 1 (drained) to 5 (energised)
    #[arg(long, value_name = "1-5")]
    pub energy: Option<u8>,
    /// Satisfaction, 1 to 5
    #[arg(long, value_name = "1-5")]
    pub satisfaction: Option<u8>,
    /// Anything about the week worth remembering
    #[arg(long)]
    pub note: Option<String>,
    #[command(flatten)]
    pub ask: crate::cli::NoInput,
}
