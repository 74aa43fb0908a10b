//! The weekly check-in: about a minute, every answer also a flag.

use std::io::IsTerminal;

use anyhow::{Result, bail};
use dialoguer::Input;
use milemarker_core::decision::format_number;
use milemarker_core::life::{CheckIn, record_checkin};
use milemarker_core::text::count;
use milemarker_core::week::IsoWeek;

use crate::cli::CheckinArgs;
use crate::context::{Db, print, today};

pub fn run(db: &mut Db, mut args: CheckinArgs) -> Result<()> {
    let today = today()?;
    let week = args.week.unwrap_or_else(|| IsoWeek::of(today));
    week.started_by(today)
        .map_err(|e| anyhow::anyhow!("--{}: {}; nothing was recorded", e.field, e.message))?;
    if !args.no_input && std::io::stdin().is_terminal() {
        let existing = db.load()?.checkins.into_iter().find(|c| c.week == week);
        ask(&mut args, week, existing.as_ref())?;
    }
    // A second check-in for a week updates it: what is not given again stays as it is stored
    // now, read under the write lock.
    let (checkin, replaced, boundary) = db.update(|s| {
        let existing = s.checkins.iter().find(|c| c.week == week);
        let checkin = merge(week, args, existing)?;
        checkin
            .validate()
            .map_err(|m| anyhow::anyhow!("{m}; nothing was recorded"))?;
        let replaced = record_checkin(&mut s.checkins, checkin.clone());
        Ok((checkin, replaced, s.profile.boundary_hours))
    })?;
    print(&summary(&checkin, boundary, replaced))
}

fn merge(week: IsoWeek, args: CheckinArgs, existing: Option<&CheckIn>) -> Result<CheckIn> {
    let hours = args.hours.or(existing.map(|c| c.hours));
    let energy = args.energy.or(existing.map(|c| c.energy));
    let satisfaction = args.satisfaction.or(existing.map(|c| c.satisfaction));
    let (Some(hours), Some(energy), Some(satisfaction)) = (hours, energy, satisfaction) else {
        let missing: Vec<&str> = [
            ("--hours", hours.is_none()),
            ("--energy", energy.is_none()),
            ("--satisfaction", satisfaction.is_none()),
        ]
        .into_iter()
        .filter_map(|(flag, absent)| absent.then_some(flag))
        .collect();
        bail!(
            "a check-in needs {} (or run it on a terminal to be asked)",
            missing.join(", ")
        );
    };
    Ok(CheckIn {
        week,
        hours,
        weekend_days: args
            .weekend_days
            .or(existing.map(|c| c.weekend_days))
            .unwrap_or(0),
        evenings: args.evenings.or(existing.map(|c| c.evenings)).unwrap_or(0),
        energy,
        satisfaction,
        note: args.note.or(existing.and_then(|c| c.note.clone())),
    })
}

/// Asks for what the flags did not give; for a week already checked in, Enter keeps its answer.
fn ask(args: &mut CheckinArgs, week: IsoWeek, existing: Option<&CheckIn>) -> Result<()> {
    anstream::println!("Week {week}");
    // Each answer is checked as it is typed, so a slip is fixed on the spot.
    fn prompt<T>(question: &str, default: Option<T>, range: (T, T)) -> Result<T>
    where
        T: Clone + PartialOrd + std::fmt::Display + std::str::FromStr,
        T::Err: std::fmt::Display + std::fmt::Debug,
    {
        let (low, high) = range;
        let mut input = Input::<T>::new()
            .with_prompt(question)
            .validate_with(|v: &T| {
                if *v >= low && *v <= high {
                    Ok(())
                } else {
                    Err(format!("give {low} to {high}"))
                }
            });
        if let Some(default) = default {
            input = input.default(default);
        }
        Ok(input.interact_text()?)
    }
    if args.hours.is_none() {
        args.hours = Some(prompt(
            "Hours worked",
            existing.map(|c| c.hours),
            (0.0, 168.0),
        )?);
    }
    if args.weekend_days.is_none() {
        let default = existing.map_or(0, |c| c.weekend_days);
        args.weekend_days = Some(prompt("Weekend days worked (0-2)", Some(default), (0, 2))?);
    }
    if args.evenings.is_none() {
        let default = existing.map_or(0, |c| c.evenings);
        args.evenings = Some(prompt("Evenings worked", Some(default), (0, 7))?);
    }
    if args.energy.is_none() {
        let question = "Energy, 1 (drained) to 5 (energised)";
        args.energy = Some(prompt(question, existing.map(|c| c.energy), (1, 5))?);
    }
    if args.satisfaction.is_none() {
        let default = existing.map(|c| c.satisfaction);
        args.satisfaction = Some(prompt("Satisfaction, 1 to 5", default, (1, 5))?);
    }
    if args.note.is_none() {
        let note: String = Input::new()
            .with_prompt("Anything to note")
            .allow_empty(true)
            .interact_text()?;
        args.note = (!note.trim().is_empty()).then_some(note);
    }
    Ok(())
}

fn summary(c: &CheckIn, boundary: f64, replaced: bool) -> String {
    let verb = if replaced { "Updated" } else { "Recorded" };
    let against = if c.hours > boundary {
        format!(
            "{} over your {}-hour boundary",
            count(c.hours - boundary, "hour", "hours"),
            format_number(boundary)
        )
    } else {
        format!("within your {}-hour boundary", format_number(boundary))
    };
    format!(
        "{verb} {}: {}, {against}; {}, {}; energy {}/5, satisfaction {}/5.\n",
        c.week,
        count(c.hours, "hour", "hours"),
        count(c.weekend_days, "weekend day", "weekend days"),
        count(c.evenings, "evening", "evenings"),
        c.energy,
        c.satisfaction
    )
}
