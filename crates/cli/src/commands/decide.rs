//! `milemarker decide`: the person's decision, or a decision document's, in full.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use milemarker_app::decide::{decide_file, decide_person, with_robustness};
use milemarker_app::present::{decision_document, ready_to_decide};
use milemarker_core::decision::document::Method;

use crate::choice::choice;
use crate::cli::JsonFlag;
use crate::context::{Db, print, print_json};
use crate::document::{show, terminal};

pub fn run(open: impl FnOnce() -> Result<Db>, args: DecideArgs) -> Result<()> {
    match &args.file {
        Some(path) => {
            let result = decide_file(path)?;
            if args.json.json {
                print_json(&result)
            } else {
                print(&terminal(&decision_document(&result, None, None), None))
            }
        }
        None => {
            let person = open()?.load()?;
            if args.check {
                // Ready means `decide` works: no gaps, and nothing else refuses it either.
                decide_person(&person, args.method)?;
                return show(&ready_to_decide());
            }
            let (result, robustness) = decide_person(&person, args.method)?;
            if args.json.json {
                print_json(&with_robustness(&result, robustness.as_ref())?)
            } else {
                print(&terminal(
                    &decision_document(&result, robustness.as_ref(), Some(&person)),
                    None,
                ))
            }
        }
    }
}

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
pub struct DecideArgs {
    /// A decision document (JSON, or TOML by extension; - for standard input); without it,
    /// decides over the options in your database
    pub file: Option<PathBuf>,
    /// Method for your stored options [default: from your weighting]
    #[arg(long, value_parser = choice::<Method>())]
    pub method: Option<Method>,
    /// Only list what the decision still lacks, with the commands that fill it; exits 1 while
    /// anything does, 0 ("ready to decide") once nothing does
    #[arg(long, conflicts_with_all = ["file", "json"])]
    pub check: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}
