//! Achievements, logged in seconds (003: "document your achievements and contributions").

use anyhow::Result;
use clap::{Args, Subcommand};
use milemarker_app::present::records as present;
use milemarker_app::wins::{self, NewWin};
use milemarker_core::evidence::{BragSection, Visibility};

use crate::choice::choice;
use crate::cli::JsonFlag;
use crate::context::{Db, print_json, today};
use crate::document::show;

pub fn run(db: &mut Db, args: WinArgs) -> Result<()> {
    match args.command {
        Some(WinCommand::List(list)) => list_wins(db, list),
        Some(WinCommand::Remove { id }) => {
            db.update(|s| wins::remove(s, id))?;
            show(&present::win_removed(id))
        }
        None => add(db, args.add),
    }
}

fn add(db: &mut Db, args: WinAddArgs) -> Result<()> {
    let title = wins::title(args.title)?;
    let today = today()?;
    let new = NewWin {
        title,
        impact: args.impact,
        visibility: args.visibility,
        section: args.section,
        skills: args.skills,
        date: args.date,
        link: args.link,
    };
    let win = db.update(|s| wins::add(s, new, today))?;
    show(&present::logged(&win))
}

fn list_wins(db: &mut Db, args: WinListArgs) -> Result<()> {
    let s = db.load()?;
    let wins = wins::listed(&s, args.from, args.to);
    if args.json.json {
        return print_json(&wins);
    }
    show(&present::wins(&wins))
}

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct WinArgs {
    #[command(subcommand)]
    pub command: Option<WinCommand>,
    #[command(flatten)]
    pub add: WinAddArgs,
}

#[derive(Debug, Args)]
pub struct WinAddArgs {
    /// What you did, e.g. "Shipped the billing migration"
    pub title: Option<String>,
    /// What changed because of it, with a number where you can
    #[arg(long)]
    pub impact: Option<String>,
    /// Who saw it [default: team]; skip = your manager's manager
    #[arg(long, value_parser = choice::<Visibility>())]
    pub visibility: Option<Visibility>,
    /// A skill it used; repeatable
    #[arg(long = "skill", value_name = "SKILL")]
    pub skills: Vec<String>,
    /// The brag-document section [default: projects]
    #[arg(long, value_parser = choice::<BragSection>())]
    pub section: Option<BragSection>,
    /// When it happened [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<jiff::civil::Date>,
    /// A link to the evidence (http, https or mailto): a doc, a dashboard, a thank-you
    #[arg(long, value_name = "URL")]
    pub link: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum WinCommand {
    /// List achievements, newest first
    List(WinListArgs),
    /// Remove an achievement by its number
    Remove {
        /// The win's number, from `milemarker win list`
        id: u32,
    },
}

#[derive(Debug, Args)]
pub struct WinListArgs {
    /// The first day to list [default: the first win]
    #[arg(long, value_name = "DATE")]
    pub from: Option<jiff::civil::Date>,
    /// The last day to list [default: today]
    #[arg(long, value_name = "DATE")]
    pub to: Option<jiff::civil::Date>,
    #[command(flatten)]
    pub json: JsonFlag,
}
