//! Restoring the records from an export document.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use milemarker_app::exchange;
use milemarker_core::text::count;

use crate::context::Db;

pub fn run(db: &mut Db, args: ImportArgs) -> Result<()> {
    let snapshot = exchange::restore(db, &args.file)?;
    anstream::eprintln!(
        "imported {}, {} and {} from {}",
        count(snapshot.values.len() as f64, "value", "values"),
        count(
            snapshot.dealbreakers.len() as f64,
            "deal-breaker",
            "deal-breakers"
        ),
        count(snapshot.options.len() as f64, "option", "options"),
        args.file.display()
    );
    Ok(())
}

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The document to read (- for standard input)
    pub file: PathBuf,
}
