use std::io::IsTerminal;

use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use milemarker_app::present::values as present;
use milemarker_app::values::{self, ValueFields};
use milemarker_core::career::{Snapshot, Weighting};

use crate::choice::choice;
use crate::cli::{Bare, JsonFlag};
use crate::context::{Db, print_json};
use crate::document::show;

pub fn run(db: &mut Db, args: Bare<ValuesCommand>) -> Result<()> {
    match args.or(ValuesCommand::List) {
        ValuesCommand::List(flag) => {
            let snapshot = db.load()?;
            if flag.json {
                print_json(&snapshot.values)
            } else {
                show(&present::values(&snapshot))
            }
        }
        ValuesCommand::Set(args) => {
            let fields = ValueFields {
                name: args.name,
                weight: args.weight,
                onet: args.onet,
                note: args.note,
            };
            changed(db, |s| values::set(s, fields))
        }
        ValuesCommand::Rank { values } => changed(db, |s| values::rank(s, &values)),
        ValuesCommand::Weighting { mode } => changed(db, |s| values::set_weighting(s, mode)),
        ValuesCommand::Horizon { weight, years } => changed(db, |s| {
            values::set_horizon(s, weight, years);
            Ok(())
        }),
        ValuesCommand::Compare {
            a: Some(a),
            b: Some(b),
            judgement: Some(judgement),
        } => changed(db, |s| values::compare(s, &a, &b, &judgement)),
        ValuesCommand::Compare { .. } => guided_comparisons(db),
        ValuesCommand::Remove { value } => changed(db, |s| values::remove(s, &value)),
    }
}

fn changed(db: &mut Db, change: impl FnOnce(&mut Snapshot) -> Result<()>) -> Result<()> {
    show(&present::values(&db.updated(change)?))
}

/// Every pair of values in turn, on Saaty's scale, each answer starting from the judgement already
/// given (or "equally"); saved together, then the values list shows the consistency ratio and,
/// past 0.10, the judgement to revisit.
fn guided_comparisons(db: &mut Db) -> Result<()> {
    if !std::io::stdin().is_terminal() {
        bail!(
            "give two values and a judgement (`milemarker values compare autonomy pay 3`), or run \
             `milemarker values compare` on a terminal to be asked every pair"
        );
    }
    let questions = values::questions(&db.load()?)?;
    let mut answers = Vec::with_capacity(questions.len());
    for (n, q) in questions.iter().enumerate() {
        let chosen = dialoguer::Select::new()
            .with_prompt(q.asked(n + 1, questions.len()))
            .items(&q.answers)
            .default(q.default)
            .interact()?;
        answers.push((q, q.judgement(chosen)));
    }
    changed(db, |s| {
        for (q, judgement) in &answers {
            values::compare(s, &q.a, &q.b, judgement)?;
        }
        Ok(())
    })
}

// The command line of this command, beside its handler.

#[derive(Debug, Subcommand)]
pub enum ValuesCommand {
    /// List your values
    List(JsonFlag),
    /// Add a value or change it
    Set(ValueSetArgs),
    /// Rank your values, most important first (forced ranking; sets weighting to rank)
    Rank {
        /// Your values, most important first
        #[arg(required = true, value_name = "VALUE")]
        values: Vec<String>,
    },
    /// Compare two values: A matters JUDGEMENT times as much as B (1/9..9, e.g. 3 or 1/3); with
    /// nothing given, on a terminal, asks every pair in turn. Sets weighting to ahp
    Compare {
        /// The first value
        #[arg(requires = "b")]
        a: Option<String>,
        /// The second value
        #[arg(requires = "judgement")]
        b: Option<String>,
        /// 1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more; 1/3 etc. for less
        judgement: Option<String>,
    },
    /// How your values are weighted: direct (1-10), rank, ahp (pairwise), or unsure (explore all);
    /// refused until every value has the weight, rank or comparisons the mode needs
    Weighting {
        /// direct, rank, ahp or unsure
        #[arg(value_parser = choice::<Weighting>())]
        mode: Weighting,
    },
    /// How much the long term counts against today: what a path gives in a few years, beside what
    /// it gives now
    Horizon {
        /// 0 = only today counts, 1 = only the horizon
        #[arg(long)]
        weight: f64,
        /// Years ahead
        #[arg(long, default_value_t = 2.0)]
        years: f64,
    },
    /// Remove a value (and the options' scores for it)
    Remove {
        /// The value to remove (its name or id)
        value: String,
    },
}

#[derive(Debug, Args)]
pub struct ValueSetArgs {
    /// The value, e.g. autonomy or "family time"
    pub name: String,
    /// How much it matters, 1-10
    #[arg(long, value_name = "1-10")]
    pub weight: Option<f64>,
    /// The O*NET work value it maps to, e.g. Independence
    #[arg(long, value_name = "WORK-VALUE")]
    pub onet: Option<String>,
    /// Why it matters to you, in your words
    #[arg(long)]
    pub note: Option<String>,
}
