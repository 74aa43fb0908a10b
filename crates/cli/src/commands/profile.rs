use anyhow::Result;
use clap::{Args, Subcommand};
use milemarker_app::present::records as present;
use milemarker_app::profile::{self, ProfileFields};

use crate::cli::{Bare, JsonFlag, Person};
use crate::context::Db;
use crate::document::{answer, show};

pub fn run(db: &mut Db, args: Bare<ProfileCommand>) -> Result<()> {
    match args.or(ProfileCommand::Show) {
        ProfileCommand::Show(flag) => {
            let profile = db.load()?.profile;
            answer(flag.json, &profile, || present::profile(&profile))
        }
        ProfileCommand::Set(args) => {
            let profile = db.update(|snapshot| {
                profile::apply(&mut snapshot.profile, fields(*args));
                Ok(snapshot.profile.clone())
            })?;
            show(&present::profile(&profile))
        }
    }
}

/// The flags as the profile's fields.
fn fields(args: ProfileSetArgs) -> ProfileFields {
    let ProfileSetArgs {
        person: Person { name, occupation },
        area,
        role_start,
        last_promotion,
        promotion_promised,
        level,
        pay,
        bonus,
        equity,
        currency,
        boundary,
        work_days,
    } = args;
    ProfileFields {
        name,
        occupation,
        area,
        role_start,
        last_promotion,
        promotion_promised,
        level,
        pay,
        bonus,
        equity,
        currency,
        boundary,
        work_days,
    }
}

// The command line of this command, beside its handler.

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Show your profile
    Show(JsonFlag),
    /// Change fields of your profile; fields not given stay as they are
    Set(Box<ProfileSetArgs>),
}

#[derive(Debug, Args)]
pub struct ProfileSetArgs {
    #[command(flatten)]
    pub person: Person,
    /// Where you work: a metro area (Seattle), a state (WA, Washington), national, or an OEWS code
    #[arg(long, value_name = "PLACE", value_parser = crate::names::area)]
    pub area: Option<String>,
    /// When you started your current role (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub role_start: Option<jiff::civil::Date>,
    /// When you were last promoted (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub last_promotion: Option<jiff::civil::Date>,
    /// When you were told to expect a promotion (YYYY-MM-DD), for the loyalty-trap marker
    #[arg(long, value_name = "DATE")]
    pub promotion_promised: Option<jiff::civil::Date>,
    /// Your level or grade, as your employer names it (e.g. "Senior", "L6")
    #[arg(long)]
    pub level: Option<String>,
    /// Base pay per year
    #[arg(long, value_name = "N")]
    pub pay: Option<f64>,
    /// Bonus per year
    #[arg(long, value_name = "N")]
    pub bonus: Option<f64>,
    /// Equity per year
    #[arg(long, value_name = "N")]
    pub equity: Option<f64>,
    /// ISO 4217 currency code, e.g. USD
    #[arg(long)]
    pub currency: Option<String>,
    /// Weekly hours you will not work past (default 40)
    #[arg(long, value_name = "HOURS")]
    pub boundary: Option<f64>,
    /// Working days a week
    #[arg(long, value_name = "N")]
    pub work_days: Option<u8>,
}
