//! The energy audit (002): "do more that you enjoy, less that you dread".

use anyhow::Result;
use clap::Args;
use milemarker_app::present::life as present;
use milemarker_app::tasks;

use crate::cli::JsonFlag;
use crate::context::{Db, today};
use crate::document::answer;

pub fn run(db: &mut Db, args: AuditArgs) -> Result<()> {
    let date = match args.date {
        Some(date) => date,
        None => today()?,
    };
    let (report, reports) = tasks::audit_of(db, date)?;
    answer(
        args.json.json,
        &present::audit_json(&report, &reports),
        || present::audit(&report, &reports),
    )
}

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// The audit's date [default: today]; an audit on the same date is replaced
    #[arg(long, value_name = "DATE")]
    pub date: Option<jiff::civil::Date>,
    #[command(flatten)]
    pub json: JsonFlag,
}
