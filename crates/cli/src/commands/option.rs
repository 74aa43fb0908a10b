use anyhow::Result;
use clap::{Args, Subcommand};
use milemarker_app::options;
use milemarker_app::present::records as present;
use milemarker_core::career::OptionKind;

use crate::choice::choice;
use crate::cli::JsonFlag;
use crate::context::{Db, print_json};
use crate::document::show;

pub fn run(db: &mut Db, command: OptionCommand) -> Result<()> {
    let s = match command {
        OptionCommand::List(flag) => {
            let snapshot = db.load()?;
            if flag.json {
                return print_json(&snapshot.options);
            }
            snapshot
        }
        OptionCommand::Add(args) => {
            let fields = fields(args.fields);
            db.updated(|s| options::add(s, &args.id, fields))?
        }
        OptionCommand::Edit(args) => {
            let fields = fields(args.fields);
            db.updated(|s| options::edit(s, &args.id, &args.unset_attributes, fields))?
        }
        OptionCommand::Remove { id } => db.updated(|s| options::remove(s, &id))?,
    };
    show(&present::options(&s))
}

fn fields(args: OptionFields) -> options::OptionFields {
    options::OptionFields {
        name: args.name,
        kind: args.kind,
        attributes: args.attributes,
        scores: args.scores,
        later: args.later,
        net_income: args.net_income,
        note: args.note,
    }
}

// The command line of this command, beside its handler.

#[derive(Debug, Subcommand)]
pub enum OptionCommand {
    /// Add a path you are weighing
    Add(OptionAddArgs),
    /// Change a path; what is not given stays
    Edit(OptionEditArgs),
    /// List your paths
    List(JsonFlag),
    /// Remove a path
    Remove {
        /// The path to remove: its id, its name, or the start of either
        id: String,
    },
}

#[derive(Debug, Args)]
pub struct OptionFields {
    /// A name to show for the path, e.g. "Staff engineer at Acme" [default: the id]
    #[arg(long)]
    pub name: Option<String>,
    /// What kind of move it is: stay, step-back, lateral (or sideways), promotion, leave, career-break, part-time, offer
    #[arg(long, value_parser = choice::<OptionKind>())]
    pub kind: Option<OptionKind>,
    /// A fact about the path, KEY=VALUE (hours_per_week=42, remote=yes); repeatable
    #[arg(long = "attr", value_name = "KEY=VALUE")]
    pub attributes: Vec<String>,
    /// How well it serves a value today, VALUE=1-10; repeatable
    #[arg(long = "score", value_name = "VALUE=N")]
    pub scores: Vec<String>,
    /// How well it would serve a value at the horizon, VALUE=1-10; repeatable
    #[arg(long = "later", value_name = "VALUE=N")]
    pub later: Vec<String>,
    /// Net income per month on this path
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub net_income: Option<f64>,
    /// Anything to remember about this path
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct OptionAddArgs {
    /// A short id, e.g. part-time
    pub id: String,
    #[command(flatten)]
    pub fields: OptionFields,
}

#[derive(Debug, Args)]
pub struct OptionEditArgs {
    /// The path to change: its id, its name, or the start of either
    pub id: String,
    #[command(flatten)]
    pub fields: OptionFields,
    /// Remove an attribute; repeatable
    #[arg(long = "unset-attr", value_name = "KEY")]
    pub unset_attributes: Vec<String>,
}
