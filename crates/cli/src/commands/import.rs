//! Restoring the records from an export document.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use milemarker_app::exchange;
use milemarker_app::present::records::restored;

use crate::context::Db;

pub fn run(db: &mut Db, args: ImportArgs) -> Result<()> {
    let snapshot = exchange::restore(db, &args.file)?;
    let said = restored(&snapshot, &args.file.display().to_string());
    anstream::eprintln!("{}", said.sentences().join("\n"));
    Ok(())
}

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The document to read (- for standard input)
    pub file: PathBuf,
}
