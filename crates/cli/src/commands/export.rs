//! The export document, written whole or not at all.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;
use milemarker_app::exchange;

use crate::context::{Db, print};

pub fn run(db: &mut Db, args: ExportArgs) -> Result<()> {
    let snapshot = db.load()?;
    let text = exchange::document(&snapshot)?;
    if args.file == Path::new("-") {
        return print(&text);
    }
    // Write beside the target and rename, so a crash never leaves half a document.
    let tmp = args.file.with_extension("json.partial");
    std::fs::write(&tmp, &text).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, &args.file)
        .with_context(|| format!("cannot write {}", args.file.display()))?;
    anstream::eprintln!("exported to {}", args.file.display());
    Ok(())
}

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Where to write (- for standard output)
    pub file: PathBuf,
}
