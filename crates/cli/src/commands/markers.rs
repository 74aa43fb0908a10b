//! The mile markers (004): every detector, fired or not, with the rows behind it.

use anyhow::Result;
use clap::Args;
use milemarker_app::derived::judge;
use milemarker_app::present::marker_item;

use crate::cli::JsonFlag;
use crate::context::{Db, Settings, as_of, print, print_json};
use crate::ui::{HEADING, paint};

pub fn run(db: &mut Db, args: MarkersArgs, settings: &Settings) -> Result<()> {
    let day = as_of(args.as_of)?;
    let s = db.load()?;
    let markers = judge(db, &s, settings, day)?;
    if args.json.json {
        return print_json(&serde_json::json!({ "as_of": day, "markers": markers }));
    }
    let mut out = format!("{}\n", paint(HEADING, &format!("Mile markers as of {day}")));
    for m in &markers {
        crate::document::item(&mut out, "", &marker_item(m));
    }
    print(&out)
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
