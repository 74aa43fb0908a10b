//! The labour market (DESIGN 4.9): your pay against BLS OEWS wages (seed 000: "I've learned my
//! value"), demand for skills in imported postings (004: "skills that are highly in demand by
//! multiple employers"), and the occupations your skills fit (003: step back, move sideways).

use anyhow::{Result, bail};
use milemarker_core::career::Profile;
use milemarker_core::markers::{PayPlace, grouped};
use milemarker_core::text::ordinal;
use milemarker_market::wages::{self, Cell, DATASET, PERCENTILES};

use crate::cli::{MarketCommand, MarketPayArgs};
use crate::context::{Db, NoRecords, Settings, print, print_json};
use crate::ui::{DIM, HEADING, paint};

mod demand;
mod occupations;

pub use demand::{run as demand, skill_demand};
pub use occupations::run as occupations;

/// What a market command answers: the JSON its `--json` flag asks for, or text. The web UI asks
/// for the JSON, so the browser shows exactly what the CLI's contract says.
pub enum Answer {
    Json(serde_json::Value),
    Text(String),
}

pub fn run(
    open: impl FnOnce() -> Result<Db>,
    command: MarketCommand,
    settings: &Settings,
) -> Result<()> {
    let answer = match command {
        // Pay against the market needs no records when the occupation is given.
        MarketCommand::Pay(args) => match open() {
            Ok(mut db) => pay(&mut db, args)?,
            Err(err) if err.is::<NoRecords>() => pay_for(&Profile::default(), args)?,
            Err(err) => return Err(err),
        },
        MarketCommand::Demand(args) => demand::run(&mut open()?, args, settings)?,
        // A search by title needs no records.
        MarketCommand::Occupations(args) if args.search.is_some() => occupations::search(args),
        MarketCommand::Occupations(args) => occupations::run(&mut open()?, args)?,
    };
    match answer {
        Answer::Json(value) => print_json(&value),
        Answer::Text(text) => print(&text),
    }
}

pub fn pay(db: &mut Db, args: MarketPayArgs) -> Result<Answer> {
    pay_for(&db.load()?.profile, args)
}

fn pay_for(profile: &Profile, args: MarketPayArgs) -> Result<Answer> {
    let Some(occupation) = args.occupation.or(profile.occupation.clone()) else {
        bail!(
            "no occupation: pass --occupation 11-2021.00 or set it with `milemarker profile set --occupation`"
        );
    };
    // An area given on the command line replaces the profile's; none at all means national.
    let area = args.area.or(profile.area.clone());
    let found = wages::lookup(&occupation, area.as_deref())?;
    let pay = args.pay.or_else(|| profile.total_pay());
    if pay.is_some_and(|p| !p.is_finite() || p < 0.0) {
        bail!("--pay: give a yearly amount of 0 or more");
    }
    let wages = found.for_markers();
    // Outside the published points there is no number to give, only the side.
    let place = pay
        .filter(|_| wages.percentiles.len() >= 2)
        .map(|p| PayPlace::of(&wages, p));
    let percentile = place.and_then(PayPlace::percentile);
    let position = place.map(|place| match place {
        PayPlace::Within(_) => "within the published percentiles".to_string(),
        outside => outside.describe(),
    });
    let cells: serde_json::Map<String, serde_json::Value> = PERCENTILES
        .iter()
        .zip(&found.percentiles)
        .map(|(p, c)| {
            (
                format!("{p}"),
                serde_json::to_value(c).expect("cells serialise"),
            )
        })
        .collect();
    if args.json.json {
        return Ok(Answer::Json(serde_json::json!({
            "occupation": found.occupation,
            "title": found.title,
            "area": found.area.code,
            "area_name": found.area.name,
            "area_level": found.area.level,
            "fallback": found.fallback,
            "percentiles": cells,
            "pay": pay,
            "percentile": percentile.map(|p| (p * 10.0).round() / 10.0),
            "position": position,
            "currency": "USD",
            "source": DATASET,
        })));
    }
    let mut out = format!(
        "{}\n  {} ({}) in {}\n",
        paint(
            HEADING,
            &format!("Pay against the market ({DATASET}, annual, USD)")
        ),
        found.title,
        found.occupation,
        found.area.place()
    );
    if let Some(note) = &found.fallback {
        out.push_str(&format!("  {}\n", paint(DIM, note)));
    }
    let row: Vec<String> = PERCENTILES
        .iter()
        .zip(&found.percentiles)
        .map(|(p, c)| {
            let value = match c {
                Cell::Wage(w) => grouped(*w),
                Cell::Suppressed => "not published".into(),
                Cell::TopCoded => "top-coded".into(),
            };
            format!("{} {value}", ordinal(*p))
        })
        .collect();
    out.push_str(&format!("  {}\n", row.join("  ")));
    match (pay, percentile, position) {
        (Some(p), Some(pct), Some(position)) if position.starts_with("within") => {
            out.push_str(&format!(
                "  Your pay, {}, sits near the {} percentile.\n",
                grouped(p),
                ordinal(pct)
            ))
        }
        (Some(p), _, Some(position)) => {
            out.push_str(&format!("  Your pay, {}, is {position}.\n", grouped(p)))
        }
        _ => out.push_str(
            "  Set your pay (`milemarker profile set --pay N`) or pass --pay to place it.\n",
        ),
    }
    if profile.currency != "USD" && args.pay.is_none() && pay.is_some() {
        out.push_str(&paint(
            DIM,
            &format!(
                "  Your profile's pay is in {}; OEWS wages are US dollars.\n",
                profile.currency
            ),
        ));
    }
    Ok(Answer::Text(out))
}
