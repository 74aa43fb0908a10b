//! `milemarker market`: the application's typed market answers, as text or as their JSON.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};
use milemarker_app::market as answers;
use milemarker_app::present::market as present;
use milemarker_core::career::Profile;

use crate::cli::JsonFlag;
use crate::context::{Db, Settings, as_of, if_any};
use crate::document::answer;

pub fn run(
    open: impl FnOnce() -> Result<Db>,
    command: MarketCommand,
    settings: &Settings,
) -> Result<()> {
    match command {
        // Pay against the market needs no records when the occupation is given.
        MarketCommand::Pay(args) => {
            let profile = match if_any(open)? {
                Some(mut db) => db.load()?.profile,
                None => Profile::default(),
            };
            pay(&profile, args)
        }
        MarketCommand::Demand(args) => demand(&mut open()?, args, settings),
        // A search by title needs no records.
        MarketCommand::Occupations(args) if args.search.is_some() => {
            let words = args.search.unwrap_or_default();
            let found = answers::search(&words, args.limit);
            answer(args.json.json, &found, || {
                present::found_occupations(&words, &found)
            })
        }
        MarketCommand::Occupations(args) => {
            let ranked = answers::occupations(&open()?.load()?, args.limit);
            answer(args.json.json, &ranked, || present::occupations(&ranked))
        }
    }
}

fn pay(profile: &Profile, args: MarketPayArgs) -> Result<()> {
    let pay = answers::pay(profile, args.occupation, args.area, args.pay)?;
    answer(args.json.json, &pay, || present::pay(&pay))
}

fn demand(db: &mut Db, args: MarketDemandArgs, settings: &Settings) -> Result<()> {
    let options = answers::DemandOptions {
        months: args.months,
        title: args.title,
        occupation: args.occupation,
        limit: args.limit,
        as_of: as_of(args.as_of)?,
        min_employers: settings.thresholds.fading_skills.min_employers,
        from: args.from,
    };
    let s = db.load()?;
    let demand = answers::demand(db, &s, &options)?;
    answer(args.json.json, &demand, || present::demand(&demand))
}

// The command line of this command, beside its handler.

#[derive(Debug, Subcommand)]
pub enum MarketCommand {
    /// OEWS wage percentiles for an occupation and area, and where your pay falls among them
    Pay(MarketPayArgs),
    /// Demand for skills in the imported postings: per month, by distinct employers, year on year
    Demand(MarketDemandArgs),
    /// O*NET occupations ranked by fit to your skills, with Job Zone, related occupations and pay
    Occupations(MarketOccupationsArgs),
}

#[derive(Debug, Args)]
pub struct MarketDemandArgs {
    /// Months to count, ending with the month of the latest posting (or of --as-of) [default: 12,
    /// or the months demand counted elsewhere was counted over]
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=60))]
    pub months: Option<u32>,
    /// Your gap to a job title: the skills its postings ask for that you do not claim
    #[arg(long, value_name = "TITLE", conflicts_with = "occupation")]
    pub title: Option<String>,
    /// Your gap to an O*NET occupation, by job title or code: what it rates important that you lack
    #[arg(long, value_name = "TITLE|SOC", value_parser = crate::names::occupation)]
    pub occupation: Option<String>,
    /// Skills to show
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Count postings up to this day [default: today]
    #[arg(long, value_name = "DATE", conflicts_with = "from")]
    pub as_of: Option<jiff::civil::Date>,
    /// Answer from demand counted elsewhere: the Spark job's output folder, or its demand.json
    /// (jobs/spark/README.md); `postings import-demand` keeps it for every view instead
    #[arg(long, value_name = "DIR|FILE")]
    pub from: Option<PathBuf>,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct MarketOccupationsArgs {
    /// Occupations to show
    #[arg(long, default_value_t = 15)]
    pub limit: usize,
    /// Find occupations by job title instead ("software engineering manager"): O*NET titles,
    /// titles workers reported and alternate titles, best first, with their codes
    #[arg(long, value_name = "WORDS")]
    pub search: Option<String>,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct MarketPayArgs {
    /// A job title or an O*NET-SOC or SOC code [default: your profile's]
    #[arg(long, value_name = "TITLE|SOC", value_parser = crate::names::occupation)]
    pub occupation: Option<String>,
    /// A metro area (Seattle), a state (WA, Washington), national, or an OEWS code (41860, 06)
    /// [default: your profile's, else national]
    #[arg(long, value_name = "PLACE", value_parser = crate::names::area)]
    pub area: Option<String>,
    /// Yearly pay to place [default: your profile's base + bonus + equity]
    #[arg(long, value_name = "N")]
    pub pay: Option<f64>,
    #[command(flatten)]
    pub json: JsonFlag,
}
