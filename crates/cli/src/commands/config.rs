//! The settings in effect: every marker threshold, and the file that can change it.

use anyhow::Result;
use clap::Args;

use crate::cli::JsonFlag;
use crate::context::{Settings, print, print_json};
use crate::ui::{DIM, HEADING, paint};

pub fn run(args: ConfigArgs, settings: &Settings) -> Result<()> {
    if args.json.json {
        return print_json(&serde_json::json!({
            "path": settings.path,
            "file_exists": settings.file_exists,
            "markers": settings.thresholds,
        }));
    }
    let source = if settings.file_exists {
        format!(
            "# Settings from {}; keys not in the file are defaults.",
            settings.path.display()
        )
    } else {
        format!(
            "# No settings file at {}: these are the defaults.\n# Copy this into that file and change what you need.",
            settings.path.display()
        )
    };
    let body = toml::to_string(&serde_json::json!({ "markers": settings.thresholds }))?;
    print(&format!(
        "{}\n{}\n{}",
        paint(HEADING, "Settings"),
        paint(DIM, &source),
        body
    ))
}

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(flatten)]
    pub json: JsonFlag,
}
