//! Restoring the records from an export document.

use anyhow::Result;
use milemarker_app::exchange;
use milemarker_core::text::count;

use crate::cli::ImportArgs;
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
