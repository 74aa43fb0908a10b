use anyhow::Result;
use clap::{Args, Subcommand};
use milemarker_app::finances;
use milemarker_app::present::life as present;
use milemarker_core::career::Finances;

use crate::cli::JsonFlag;
use crate::context::Db;
use crate::document::{answer, show};

pub fn run(db: &mut Db, args: FinancesArgs) -> Result<()> {
    match args.command.unwrap_or(FinancesCommand::Show(args.show)) {
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

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct FinancesArgs {
    #[command(subcommand)]
    pub command: Option<FinancesCommand>,
    #[command(flatten)]
    pub show: JsonFlag,
}

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
