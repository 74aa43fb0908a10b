use anyhow::Result;
use clap::Subcommand;
use milemarker_app::finances;
use milemarker_app::present::life as present;
use milemarker_core::career::Finances;

use crate::cli::{Bare, JsonFlag};
use crate::context::Db;
use crate::document::{answer, show};

pub fn run(db: &mut Db, args: Bare<FinancesCommand>) -> Result<()> {
    match args.or(FinancesCommand::Show) {
        FinancesCommand::Show(flag) => {
            let s = db.load()?;
            answer(flag.json, &present::finances_json(&s), || {
                present::finances(&s)
            })
        }
        FinancesCommand::Set {
            expenses,
            savings,
            other_income,
        } => {
            let set = Finances {
                monthly_expenses: expenses,
                savings,
                other_income,
            };
            show(&present::finances(&db.updated(|s| {
                finances::set(s, set);
                Ok(())
            })?))
        }
    }
}

// The command line of this command, beside its handler.

#[derive(Debug, Subcommand)]
pub enum FinancesCommand {
    /// Show your finances and each path's runway
    Show(JsonFlag),
    /// Set your finances
    Set {
        /// Household expenses per month
        #[arg(long, value_name = "N")]
        expenses: f64,
        /// Savings you could live on
        #[arg(long, value_name = "N")]
        savings: f64,
        /// Other household income per month (a partner's, rent)
        #[arg(long, value_name = "N", default_value_t = 0.0)]
        other_income: f64,
    },
}
