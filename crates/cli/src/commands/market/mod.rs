//! `milemarker market`: the application's typed market answers, as text or as their JSON.

use anyhow::Result;
use milemarker_app::market::{self as answers, PayAnswer};
use milemarker_core::career::Profile;

use crate::cli::{MarketCommand, MarketPayArgs};
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
