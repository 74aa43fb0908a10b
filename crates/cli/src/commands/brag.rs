//! `milemarker brag`: the brag document, as Markdown or JSON.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};

use crate::context::{Db, today, write_output};

pub fn run(db: &mut Db, args: BragArgs) -> Result<()> {
    let s = db.load()?;
    let doc = milemarker_app::brag::document(&s, args.from, args.to, today()?)?;
    let text = match args.format {
        BragFormat::Json => format!("{}\n", serde_json::to_string_pretty(&doc)?),
        BragFormat::Markdown => milemarker_app::brag::markdown(&s, &doc),
    };
    write_output(args.out.as_deref(), &text)
}

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
pub struct BragArgs {
    /// First day [default: a year before --to]
    #[arg(long, value_name = "DATE")]
    pub from: Option<jiff::civil::Date>,
    /// Last day [default: today]
    #[arg(long, value_name = "DATE")]
    pub to: Option<jiff::civil::Date>,
    /// markdown or json
    #[arg(long, value_enum, default_value_t = BragFormat::Markdown)]
    pub format: BragFormat,
    /// Write to a file instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BragFormat {
    Markdown,
    Json,
}
