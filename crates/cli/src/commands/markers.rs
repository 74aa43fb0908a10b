//! The mile markers (004): every detector, fired or not, with the rows behind it.

use anyhow::Result;
use clap::Args;
use milemarker_app::derived::judge;
use milemarker_app::present;

use crate::cli::JsonFlag;
use crate::context::{Db, Settings, as_of};
use crate::document::answer;

pub fn run(db: &mut Db, args: MarkersArgs, settings: &Settings) -> Result<()> {
    let day = as_of(args.as_of)?;
    let s = db.load()?;
    let markers = judge(db, &s, settings, day)?;
    let json = serde_json::json!({ "as_of": day, "markers": markers });
    answer(args.json.json, &json, || present::markers(day, &markers))
}

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
pub struct MarkersArgs {
    /// Judge the records as they stood on this day [default: today]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<jiff::civil::Date>,
    #[command(flatten)]
    pub json: JsonFlag,
}
