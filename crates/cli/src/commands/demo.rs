use std::path::Path;

use anyhow::Result;
use clap::Args;
use milemarker_app::demo::{Demo, json};
use milemarker_app::present::records as present;

use crate::cli::JsonFlag;
use crate::commands::review::{self, ReviewFormat};
use crate::context::{Settings, print, print_json, today};
use crate::document::output;

pub fn run(db_flag: Option<&Path>, args: DemoArgs, settings: &Settings) -> Result<()> {
    let Demo {
        person,
        decision,
        review,
    } = milemarker_app::demo::run(db_flag, today()?, settings)?;
    if args.json.json {
        return print_json(&json(&person, &decision, &review)?);
    }
    let mut out = output(&present::introduction(&person));
    out.push('\n');
    out.push_str(&review::render(&review, ReviewFormat::Text)?);
    out.push('\n');
    out.push_str(&output(&present::demo_end(db_flag.is_some())));
    print(&out)
}

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[command(flatten)]
    pub json: JsonFlag,
}
