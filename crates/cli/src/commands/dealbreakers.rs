use anyhow::Result;
use clap::Subcommand;
use milemarker_app::dealbreakers::{add, remove};
use milemarker_app::present::records as present;
use milemarker_core::career::Snapshot;

use crate::cli::{Bare, JsonFlag};
use crate::context::Db;
use crate::document::{answer, show};

pub fn run(db: &mut Db, args: Bare<DealbreakersCommand>) -> Result<()> {
    match args.or(DealbreakersCommand::List) {
        DealbreakersCommand::List(flag) => {
            let snapshot = db.load()?;
            answer(flag.json, &snapshot.dealbreakers, || {
                present::dealbreakers(&snapshot)
            })
        }
        DealbreakersCommand::Add { rule, id, note } => changed(db, |s| add(s, &rule, id, note)),
        DealbreakersCommand::Remove { id } => changed(db, |s| remove(s, &id)),
    }
}

fn changed(db: &mut Db, change: impl FnOnce(&mut Snapshot) -> Result<()>) -> Result<()> {
    show(&present::dealbreakers(&db.updated(change)?))
}

// The command line of this command, beside its handler.

#[derive(Debug, Subcommand)]
pub enum DealbreakersCommand {
    /// List your deal-breakers
    List(JsonFlag),
    /// Add a deal-breaker such as "hours_per_week <= 45" or "remote_days >= 2"
    ///
    /// The rule names an option attribute (`option add --attr NAME=V`) or one of your values, and
    /// then tests the option's score for it ("autonomy >= 6" with `--score autonomy=5` rules the
    /// option out). Where an option has an attribute of the same name as a value, the attribute
    /// wins: it is the more specific fact.
    Add {
        /// "ATTRIBUTE OP VALUE" or "VALUE OP SCORE"; OP is >=, <=, >, <, == or !=
        rule: String,
        /// A short id [default: the attribute]
        #[arg(long)]
        id: Option<String>,
        /// Why this line is yours, in your words
        #[arg(long)]
        note: Option<String>,
    },
    /// Remove a deal-breaker by id
    Remove {
        /// The deal-breaker's id, from `milemarker dealbreakers`
        id: String,
    },
}
