//! Seasons of career and life (001): every season has a purpose, and it will change again.

use anyhow::Result;
use clap::{Args, Subcommand, ValueEnum};
use milemarker_app::seasons;
use milemarker_core::life::{Season, current_seasons, season_meaning};
use milemarker_core::review::lasted;

use crate::cli::JsonFlag;
use crate::context::{self, Db, print, print_json, today};
use crate::ui::{DIM, HEADING, paint, table, word};

pub fn run(db: &mut Db, args: SeasonArgs) -> Result<()> {
    match args.command.unwrap_or(SeasonCommand::Show {
        as_of: None,
        json: args.json,
    }) {
        SeasonCommand::Show { as_of, json } => {
            let as_of = context::as_of(as_of)?;
            let s = db.load()?;
            let current = current_seasons(&s.seasons, as_of);
            if json.json {
                let rows: Vec<serde_json::Value> = current
                    .iter()
                    .map(|c| serde_json::json!({"area": c.area, "season": c.season, "since": c.since, "days": (as_of - c.since).get_days()}))
                    .collect();
                return print_json(&rows);
            }
            print(&render(&current, as_of))
        }
        SeasonCommand::Set {
            area,
            season,
            since,
        } => {
            let today = today()?;
            let since = since.unwrap_or(today);
            let entry = Season {
                area: area.into(),
                season: season.into(),
                since,
            };
            // A season set to start later shows as it will be then.
            let as_of = today.max(since);
            let current = db.update(|s| Ok(seasons::set(s, entry, as_of)))?;
            print(&render(&current.iter().collect::<Vec<_>>(), as_of))
        }
        SeasonCommand::History(json) => {
            let s = db.load()?;
            if json.json {
                return print_json(&s.seasons);
            }
            let rows: Vec<Vec<String>> = s
                .seasons
                .iter()
                .map(|e| vec![e.since.to_string(), word(&e.area), word(&e.season)])
                .collect();
            print(&format!(
                "{}\n{}",
                paint(HEADING, "Season history"),
                table(&rows)
            ))
        }
    }
}

fn render(current: &[&Season], as_of: jiff::civil::Date) -> String {
    if current.is_empty() {
        return "No seasons yet: `milemarker season set career winter`.\n".into();
    }
    let rows: Vec<Vec<String>> = current
        .iter()
        .map(|c| {
            vec![
                word(&c.area),
                word(&c.season),
                lasted(c.since, as_of),
                paint(DIM, season_meaning(c.area, c.season)),
            ]
        })
        .collect();
    format!("{}\n{}", paint(HEADING, "Seasons"), table(&rows))
}

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SeasonArgs {
    #[command(subcommand)]
    pub command: Option<SeasonCommand>,
    #[command(flatten)]
    pub json: JsonFlag,
}

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
        #[arg(value_enum)]
        area: AreaArg,
        /// spring, summer, fall (or autumn) or winter
        #[arg(value_enum)]
        season: SeasonArg,
        /// When it began [default: today]
        #[arg(long, value_name = "DATE")]
        since: Option<jiff::civil::Date>,
    },
    /// Every season recorded, oldest first
    History(JsonFlag),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AreaArg {
    Career,
    Family,
    Health,
    Personal,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SeasonArg {
    Spring,
    Summer,
    // The help says "autumn" too: it is the word outside North America.
    #[value(alias = "autumn")]
    Fall,
    Winter,
}
