//! Guided set-up: a forced ranking of values (as the O*NET Work Importance Profiler asks, rather
//! than a rating scale where everything is "very important") and the deal-breakers.

use std::io::IsTerminal;

use anyhow::{Result, bail};
use dialoguer::Input;
use milemarker_core::career::{DealBreaker, Snapshot, Weighting};

use crate::cli::InitArgs;
use crate::commands::{dealbreakers, values};
use crate::context::{Db, print};
use crate::ui::{DIM, HEADING, paint};

const SUGGESTED_VALUES: &str = "autonomy, trust, flexibility, growth, pay, security, creativity, connection, recognition, family time";

pub fn run(db: &mut Db, mut args: InitArgs) -> Result<()> {
    let existing = db.load()?;
    if (!existing.values.is_empty() || !existing.dealbreakers.is_empty()) && !args.force {
        bail!(
            "you are set up already ({}, {}); change them with `milemarker values` and \
             `milemarker dealbreakers`, or run init --force to start them over",
            milemarker_core::text::count(existing.values.len() as f64, "value", "values"),
            milemarker_core::text::count(
                existing.dealbreakers.len() as f64,
                "deal-breaker",
                "deal-breakers"
            )
        );
    }
    if !args.no_input && std::io::stdin().is_terminal() {
        ask(&mut args)?;
    }
    db.update(|s| apply(s, &args))?;
    let s = db.load()?;
    print(&format!(
        "{}\n{}{}",
        paint(HEADING, "You are set up."),
        values::render(&s),
        paint(
            DIM,
            "Next: add the paths you are weighing with `milemarker option add`, then `milemarker decide`.\n"
        )
    ))
}

fn ask(args: &mut InitArgs) -> Result<()> {
    if args.name.is_none() {
        let name: String = Input::new()
            .with_prompt("Your name")
            .allow_empty(true)
            .interact_text()?;
        args.name = (!name.trim().is_empty()).then_some(name);
    }
    if args.values.is_empty() {
        anstream::println!(
            "What matters most in your work? Your top values, most important first.\n{}",
            paint(DIM, &format!("For example: {SUGGESTED_VALUES}"))
        );
        let answer: String = Input::new()
            .with_prompt("Values, separated by commas")
            .interact_text()?;
        args.values = answer
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
    }
    if args.dealbreakers.is_empty() {
        anstream::println!(
            "Deal-breakers are lines you will not cross.\n{}",
            paint(
                DIM,
                "For example: hours_per_week <= 45, remote_days >= 2, pay >= 60000"
            )
        );
        loop {
            // Checked as typed, so a slip is fixed on the spot, not after every question.
            let rule: String = Input::new()
                .with_prompt("A deal-breaker (empty when done)")
                .allow_empty(true)
                .validate_with(|rule: &String| -> Result<(), String> {
                    match rule.trim() {
                        "" => Ok(()),
                        rule => DealBreaker::parse_rule(rule)
                            .map(drop)
                            .map_err(|e| e.message),
                    }
                })
                .interact_text()?;
            if rule.trim().is_empty() {
                break;
            }
            args.dealbreakers.push(rule);
        }
    }
    if args.boundary.is_none() {
        let hours: f64 = Input::new()
            .with_prompt("Hours a week you will not work past")
            .default(40.0)
            .interact_text()?;
        args.boundary = Some(hours);
    }
    Ok(())
}

fn apply(s: &mut Snapshot, args: &InitArgs) -> Result<()> {
    if let Some(name) = &args.name {
        s.profile.name = Some(name.clone());
    }
    if let Some(occupation) = &args.occupation {
        s.profile.occupation = Some(occupation.clone());
    }
    if let Some(boundary) = args.boundary {
        s.profile.boundary_hours = boundary;
    }
    if !args.values.is_empty() {
        s.values.clear();
        for option in &mut s.options {
            option.scores.clear();
            option.scores_horizon.clear();
        }
        let ids = args
            .values
            .iter()
            .map(|v| values::value_id(v))
            .collect::<Result<Vec<_>>>()?;
        for (i, id) in ids.iter().enumerate() {
            if ids[..i].contains(id) {
                bail!("\"{id}\" is named twice; name each value once, most important first");
            }
            s.values.push(milemarker_core::career::Value {
                id: id.clone(),
                weight: None,
                rank: Some(i as u32 + 1),
                onet_work_value: None,
                note: None,
            });
        }
        s.settings.weighting = Weighting::Rank;
    }
    if !args.dealbreakers.is_empty() {
        s.dealbreakers.clear();
        for rule in &args.dealbreakers {
            dealbreakers::add(s, rule, None, None)?;
        }
    }
    Ok(())
}
