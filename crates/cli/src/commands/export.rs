//! The export document, written whole or not at all.

use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::Args;
use milemarker_app::exchange;

use crate::context::{Db, write_output};

pub fn run(db: &mut Db, args: ExportArgs) -> Result<()> {
    let snapshot = db.load()?;
    let text = exchange::document(&snapshot)?;
    // Whole or not at all; into a pipe as is, so its bytes are the export's.
    write_output(Some(&args.file), &text)?;
    if args.file != Path::new("-") {
        anstream::eprintln!("exported to {}", args.file.display());
    }
    Ok(())
}

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Where to write (- for standard output)
    pub file: PathBuf,
}
