//! Seasons of career and life (001): every season has a purpose, and it will change again.

use anyhow::Result;
use clap::Subcommand;
use milemarker_app::present::life as present;
use milemarker_app::seasons;
use milemarker_core::life::{LifeArea, Season, SeasonKind, current_seasons};

use crate::choice::choice;
use crate::cli::{Bare, JsonFlag};
use crate::context::{self, Db, today};
use crate::document::{answer, show};

pub fn run(db: &mut Db, args: Bare<SeasonCommand>) -> Result<()> {
    match args.or(|json| SeasonCommand::Show { as_of: None, json }) {
        SeasonCommand::Show { as_of, json } => {
            let as_of = context::as_of(as_of)?;
            let s = db.load()?;
            let current = current_seasons(&s.seasons, as_of);
            let json_value = present::seasons_json(&current, as_of);
            answer(json.json, &json_value, || present::seasons(&current, as_of))
        }
        SeasonCommand::Set {
            area,
            season,
            since,
        } => {
            let today = today()?;
            let entry = Season {
                area,
                season,
                since: since.unwrap_or(today),
            };
            let (as_of, current) = db.update(|s| Ok(seasons::set(s, entry, today)))?;
            show(&present::seasons(
                &current.iter().collect::<Vec<_>>(),
                as_of,
            ))
        }
        SeasonCommand::History(json) => {
            let s = db.load()?;
            answer(json.json, &s.seasons, || present::season_history(&s))
        }
    }
}

// The command line of this command, beside its handler.

#[derive(Debug, Subcommand)]
pub enum SeasonCommand {
    /// The season of each area now, and how long it has lasted
    Show {
        /// The day to show the seasons on [default: today]
        #[arg(long, value_name = "DATE")]
        as_of: Option<jiff::civil::Date>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Start a season in one area of life
    Set {
        /// The area of life: career, family, health or personal
        #[arg(value_parser = choice::<LifeArea>())]
        area: LifeArea,
        /// spring, summer, fall (or autumn) or winter
        #[arg(value_parser = choice::<SeasonKind>())]
        season: SeasonKind,
        /// When it began [default: today]
        #[arg(long, value_name = "DATE")]
        since: Option<jiff::civil::Date>,
    },
    /// Every season recorded, oldest first
    History(JsonFlag),
}
