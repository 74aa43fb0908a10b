//! Guided set-up: the questions; what the answers do is `milemarker_app::init`.

use std::io::IsTerminal;

use anyhow::Result;
use clap::Args;
use dialoguer::Input;
use milemarker_app::dealbreakers;
use milemarker_app::init::{self, Setup};

use milemarker_app::present::values as present;

use crate::context::Db;
use crate::document::show;
use crate::ui::{DIM, paint};

const SUGGESTED_VALUES: &str = "autonomy, trust, flexibility, growth, pay, security, creativity, connection, recognition, family time";

pub fn run(db: &mut Db, mut args: InitArgs) -> Result<()> {
    init::check_fresh(&db.load()?, args.force)?;
    if !args.no_input && std::io::stdin().is_terminal() {
        ask(&mut args)?;
    }
    let setup = Setup {
        name: args.name,
        occupation: args.occupation,
        boundary: args.boundary,
        values: args.values,
        dealbreakers: args.dealbreakers,
    };
    let s = db.updated(|s| init::apply(s, &setup))?;
    show(&present::set_up(&s))
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
                .validate_with(|rule: &String| dealbreakers::check_rule(rule))
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

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Your name, for the review and the brag document
    #[arg(long)]
    pub name: Option<String>,
    /// Your occupation: a job title ("marketing manager") or an O*NET-SOC code (11-2021.00)
    #[arg(long, value_name = "TITLE|SOC", value_parser = crate::names::occupation)]
    pub occupation: Option<String>,
    /// Weekly hours you will not work past
    #[arg(long, value_name = "HOURS")]
    pub boundary: Option<f64>,
    /// A value, most important first; repeat in order (a forced ranking)
    #[arg(long = "value", value_name = "NAME")]
    pub values: Vec<String>,
    /// A deal-breaker rule such as "flexibility >= 6"; repeatable
    #[arg(long = "dealbreaker", value_name = "RULE")]
    pub dealbreakers: Vec<String>,
    /// Never ask; use only the flags
    #[arg(long)]
    pub no_input: bool,
    /// Replace values and deal-breakers that are already set
    #[arg(long)]
    pub force: bool,
}
