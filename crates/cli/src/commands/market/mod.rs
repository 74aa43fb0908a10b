//! `milemarker market`: the application's typed market answers, as text or as their JSON.

use anyhow::Result;
use clap::{Args, Subcommand};
use milemarker_app::market::{self as answers, PayAnswer};
use milemarker_core::career::Profile;

use crate::cli::JsonFlag;
use crate::context::{Db, NoRecords, Settings, print, print_json};
use crate::ui::{DIM, HEADING, paint};

mod demand;
mod occupations;

pub fn run(
    open: impl FnOnce() -> Result<Db>,
    command: MarketCommand,
    settings: &Settings,
) -> Result<()> {
    match command {
        // Pay against the market needs no records when the occupation is given.
        MarketCommand::Pay(args) => {
            let profile = match open() {
                Ok(mut db) => db.load()?.profile,
                Err(err) if err.is::<NoRecords>() => Profile::default(),
                Err(err) => return Err(err),
            };
            pay(&profile, args)
        }
        MarketCommand::Demand(args) => demand::run(&mut open()?, args, settings),
        // A search by title needs no records.
        MarketCommand::Occupations(args) if args.search.is_some() => occupations::search(args),
        MarketCommand::Occupations(args) => occupations::run(&mut open()?, args),
    }
}

fn pay(profile: &Profile, args: MarketPayArgs) -> Result<()> {
    let answer = answers::pay(profile, args.occupation, args.area, args.pay)?;
    if args.json.json {
        return print_json(&answer);
    }
    print(&pay_text(&answer))
}

fn pay_text(answer: &PayAnswer) -> String {
    let mut out = format!(
        "{}\n  {}\n",
        paint(
            HEADING,
            &format!("Pay against the market ({}, annual, USD)", answer.source)
        ),
        answer.heading()
    );
    if let Some(note) = &answer.fallback {
        out.push_str(&format!("  {}\n", paint(DIM, note)));
    }
    let row: Vec<String> = answer
        .cells()
        .into_iter()
        .map(|(p, value)| format!("{p} {value}"))
        .collect();
    out.push_str(&format!("  {}\n", row.join("  ")));
    match answer.position_sentence() {
        Some(sentence) => out.push_str(&format!("  {sentence}\n")),
        None => out.push_str(
            "  Set your pay (`milemarker profile set --pay N`) or pass --pay to place it.\n",
        ),
    }
    if let Some(currency) = &answer.other_currency {
        out.push_str(&paint(
            DIM,
            &format!("  Your profile's pay is in {currency}; OEWS wages are US dollars.\n"),
        ));
    }
    out
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
    /// Months to count, ending with the month of the latest posting (or of --as-of)
    #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=60))]
    pub months: u32,
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
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<jiff::civil::Date>,
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
