use anyhow::Result;
use clap::Subcommand;
use milemarker_app::present::life as present;
use milemarker_app::risks;
use milemarker_core::decision::document::{RiskKind, RiskSpec};

use crate::cli::{Bare, JsonFlag};
use crate::context::Db;
use crate::document::{answer, show};

pub fn run(db: &mut Db, args: Bare<RiskCommand>) -> Result<()> {
    match args.or(RiskCommand::List) {
        RiskCommand::List(flag) => {
            let s = db.load()?;
            answer(flag.json, &present::risks_json(&s), || present::risks(&s))
        }
        RiskCommand::Add {
            option,
            name,
            probability,
            seriousness,
            fact,
        } => {
            let risk = RiskSpec {
                name,
                probability,
                seriousness,
                kind: if fact { RiskKind::Fact } else { RiskKind::Fear },
            };
            show(&present::risks(
                &db.updated(|s| risks::add(s, &option, risk))?,
            ))
        }
        RiskCommand::Remove { option, name } => show(&present::risks(
            &db.updated(|s| risks::remove(s, &option, &name))?,
        )),
    }
}

// The command line of this command, beside its handler.

#[derive(Debug, Subcommand)]
pub enum RiskCommand {
    /// List the risks of every path
    List(JsonFlag),
    /// Add a risk to a path
    Add {
        /// The path's id
        option: String,
        /// What could go wrong, e.g. "gap on my resume"
        name: String,
        /// How likely, 1-10
        #[arg(long, short)]
        probability: f64,
        /// How bad if it happens, 1-10
        #[arg(long, short)]
        seriousness: f64,
        /// It will happen (plan for it), rather than a fear (test it)
        #[arg(long)]
        fact: bool,
    },
    /// Remove a risk from a path by its name
    Remove {
        /// The path the risk belongs to: its id, its name, or the start of either
        option: String,
        /// The risk, as it was named
        name: String,
    },
}
