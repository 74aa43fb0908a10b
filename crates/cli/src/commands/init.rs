//! Guided set-up: the questions; what the answers do is `milemarker_app::init`.

use std::io::IsTerminal;

use anyhow::Result;
use clap::Args;
use dialoguer::Input;
use milemarker_app::dealbreakers;
use milemarker_app::init::{self, Setup};

use milemarker_app::present::values as present;

use crate::cli::{NoInput, Person};
use crate::context::Db;
use crate::document::show;
use crate::ui::{DIM, paint};

pub fn run(db: &mut Db, mut args: InitArgs) -> Result<()> {
    init::check_fresh(&db.load()?, args.force)?;
    if !args.ask.no_input && std::io::stdin().is_terminal() {
        ask(&mut args)?;
    }
    let setup = Setup {
        name: args.person.name,
        occupation: args.person.occupation,
        boundary: args.boundary,
        values: args.values,
        dealbreakers: args.dealbreakers,
    };
    let s = db.updated(|s| init::apply(s, &setup))?;
    show(&present::set_up(&s))
}

fn ask(args: &mut InitArgs) -> Result<()> {
    if args.person.name.is_none() {
        let name: String = Input::new()
            .with_prompt(init::NAME)
            .allow_empty(true)
            .interact_text()?;
        args.person.name = (!name.trim().is_empty()).then_some(name);
    }
    if args.values.is_empty() {
        explain(init::VALUES_ASKED, init::SUGGESTED_VALUES);
        let answer: String = Input::new()
            .with_prompt(init::VALUES_PROMPT)
            .interact_text()?;
        args.values = init::listed(&answer);
    }
    if args.dealbreakers.is_empty() {
        explain(init::DEALBREAKERS_ASKED, init::SUGGESTED_DEALBREAKERS);
        loop {
            // Checked as typed, so a slip is fixed on the spot, not after every question.
            let rule: String = Input::new()
                .with_prompt(init::DEALBREAKER_PROMPT)
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
            .with_prompt(init::BOUNDARY)
            .default(init::DEFAULT_BOUNDARY)
            .interact_text()?;
        args.boundary = Some(hours);
    }
    Ok(())
}

/// What a question is about, and examples of answers, dimmed.
fn explain(asked: &str, examples: &str) {
    anstream::println!(
        "{asked}\n{}",
        paint(DIM, &format!("For example: {examples}"))
    );
}

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
pub struct InitArgs {
    #[command(flatten)]
    pub person: Person,
    /// Weekly hours you will not work past
    #[arg(long, value_name = "HOURS")]
    pub boundary: Option<f64>,
    /// A value, most important first; repeat in order (a forced ranking)
    #[arg(long = "value", value_name = "NAME")]
    pub values: Vec<String>,
    /// A deal-breaker rule such as "flexibility >= 6"; repeatable
    #[arg(long = "dealbreaker", value_name = "RULE")]
    pub dealbreakers: Vec<String>,
    #[command(flatten)]
    pub ask: NoInput,
    /// Replace values and deal-breakers that are already set
    #[arg(long)]
    pub force: bool,
}
