//! The review (DESIGN 4.10): the main job, in the terminal, as Markdown, JSON or one HTML page.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};
use milemarker_app::review::of_records;
use milemarker_core::review::Review;

use crate::context::{Db, Settings, as_of, write_output};

pub fn run(db: &mut Db, args: ReviewArgs, settings: &Settings) -> Result<()> {
    let r = of_records(db, settings, as_of(args.as_of)?)?;
    write_output(args.out.as_deref(), &render(&r, args.format)?)
}

pub fn render(r: &Review, format: ReviewFormat) -> Result<String> {
    Ok(match format {
        ReviewFormat::Text => crate::document::text(r),
        ReviewFormat::Markdown => crate::document::markdown(r),
        ReviewFormat::Json => format!("{}\n", serde_json::to_string_pretty(r)?),
        ReviewFormat::Html => crate::document::html(r)?,
    })
}

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// text, markdown, html or json
    #[arg(long, value_enum, default_value_t = ReviewFormat::Text)]
    pub format: ReviewFormat,
    /// Write to a file instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Review the records as they stood on this day [default: today]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<jiff::civil::Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    Text,
    Markdown,
    Json,
    /// One self-contained page with charts
    Html,
}
