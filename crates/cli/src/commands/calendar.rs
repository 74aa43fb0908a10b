//! `milemarker calendar`: the reminders as an iCalendar file to import, the same feed `serve`
//! offers at /calendar.ics for subscribing.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use milemarker_app::calendar;

use crate::context::{Db, today, write_output};

pub fn run(db: &mut Db, args: CalendarArgs) -> Result<()> {
    let today = today()?;
    let events = calendar::events(&db.load()?, today);
    write_output(args.out.as_deref(), &calendar::ics(&events, today))
}

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// Write the file here instead of standard output (e.g. milemarker.ics)
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
}
