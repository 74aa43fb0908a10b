use anyhow::Result;
use clap::{Args, Subcommand};
use milemarker_app::finances::{self, runways};
use milemarker_core::career::{Finances, Snapshot};
use milemarker_core::decision::format_number;
use milemarker_core::markers::grouped;

use crate::cli::JsonFlag;
use crate::context::{Db, print, print_json, updated};
use crate::ui::{HEADING, paint, table};

pub fn run(db: &mut Db, args: FinancesArgs) -> Result<()> {
    match args.command.unwrap_or(FinancesCommand::Show(args.show)) {
        FinancesCommand::Show(flag) => {
            let s = db.load()?;
            if flag.json {
                print_json(&report(&s))
            } else {
                print(&render(&s))
            }
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
            print(&render(&updated(db, |s| {
                finances::set(s, set);
                Ok(())
            })?))
        }
    }
}

fn report(s: &Snapshot) -> serde_json::Value {
    let runway: serde_json::Map<String, serde_json::Value> = runways(s)
        .into_iter()
        .map(|(id, m)| (id, serde_json::json!(m)))
        .collect();
    serde_json::json!({"finances": s.finances, "runway_months": runway})
}

fn render(s: &Snapshot) -> String {
    let Some(f) = &s.finances else {
        return "No finances yet: `milemarker finances set --expenses 4000 --savings 24000 --other-income 1000`.\n".into();
    };
    let mut rows = vec![
        vec!["monthly expenses".into(), grouped(f.monthly_expenses)],
        vec!["savings".into(), grouped(f.savings)],
        vec![
            "other income".into(),
            format!("{} a month", grouped(f.other_income)),
        ],
    ];
    for (id, months) in runways(s) {
        let text = months.map_or("income covers expenses".into(), |m| {
            format!("{} months", format_number((m * 10.0).round() / 10.0))
        });
        // The path by the name the person gave it, as `decide` says it.
        let name = s
            .options
            .iter()
            .find(|o| o.id == id && !o.name.is_empty())
            .map_or(id.as_str(), |o| o.name.as_str());
        rows.push(vec![format!("runway: {name}"), text]);
    }
    format!("{}\n{}", paint(HEADING, "Finances"), table(&rows))
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
