//! The settings in effect: every marker threshold, and the file that can change it.

use anyhow::Result;
use clap::Args;

use crate::cli::JsonFlag;
use milemarker_app::present::life as present;

use crate::context::{Settings, print_json};
use crate::document::show;

pub fn run(args: ConfigArgs, settings: &Settings) -> Result<()> {
    if args.json.json {
        return print_json(&present::settings_json(settings));
    }
    show(&present::settings(settings)?)
}

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(flatten)]
    pub json: JsonFlag,
}
