//! Dispatch only: each subcommand lives in its own module.

pub(crate) mod audit;
pub(crate) mod brag;
pub(crate) mod calendar;
pub(crate) mod checkin;
pub(crate) mod completions;
pub(crate) mod config;
pub(crate) mod contact;
pub(crate) mod dealbreakers;
pub(crate) mod decide;
pub(crate) mod demo;
pub(crate) mod export;
pub(crate) mod finances;
pub(crate) mod hours;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod man;
pub(crate) mod markers;
pub(crate) mod market;
pub(crate) mod opportunity;
pub(crate) mod option;
pub(crate) mod postings;
pub(crate) mod profile;
pub(crate) mod review;
pub(crate) mod risk;
pub(crate) mod season;
pub(crate) mod serve;
pub(crate) mod skills;
pub(crate) mod task;
pub(crate) mod values;
pub(crate) mod win;

use anyhow::Result;
use milemarker_app::records::Opener;

use self::{
    contact::ContactCommand, dealbreakers::DealbreakersCommand, finances::FinancesCommand,
    opportunity::OpportunityCommand, option::OptionCommand, profile::ProfileCommand,
    risk::RiskCommand, season::SeasonCommand, skills::SkillsCommand, task::TaskCommand,
    values::ValuesCommand, win::WinCommand,
};
use crate::cli::{Cli, Command};
use crate::context::{Db, load_settings};

pub fn run(cli: Cli, db_flag_given: bool) -> Result<()> {
    let opener = Opener::new(cli.db.clone(), writes(&cli.command));
    let outcome = dispatch(cli, db_flag_given, || opener.open());
    opener.finish(outcome)
}

/// Whether a command may write the person's records, and so create the database. One that only
/// reads needs a database that exists: it creates none.
fn writes(command: &Command) -> bool {
    match command {
        Command::Init(_)
        | Command::Checkin(_)
        | Command::Audit(_)
        | Command::Import(_)
        | Command::Postings(_) => true,
        Command::Profile(c) => matches!(c.command, Some(ProfileCommand::Set(_))),
        Command::Values(a) => !matches!(a.command, None | Some(ValuesCommand::List(_))),
        Command::Dealbreakers(a) => !matches!(a.command, None | Some(DealbreakersCommand::List(_))),
        Command::Option(c) => !matches!(c, OptionCommand::List(_)),
        Command::Risk(a) => !matches!(a.command, None | Some(RiskCommand::List(_))),
        Command::Finances(a) => !matches!(a.command, None | Some(FinancesCommand::Show(_))),
        // `hours` shows the weeks; `hours import` writes.
        Command::Hours(a) => a.command.is_some(),
        Command::Task(c) => !matches!(c, TaskCommand::List(_)),
        Command::Season(a) => matches!(a.command, Some(SeasonCommand::Set { .. })),
        // `win TITLE` records a win.
        Command::Win(a) => !matches!(a.command, Some(WinCommand::List(_))),
        Command::Contact(c) => !matches!(
            c,
            ContactCommand::List(_) | ContactCommand::Due { .. } | ContactCommand::Export { .. }
        ),
        Command::Opportunity(c) => !matches!(c, OpportunityCommand::List { .. }),
        Command::Skills(c) => match c {
            SkillsCommand::Add { .. } | SkillsCommand::Remove { .. } => true,
            SkillsCommand::FromText { add, .. } => *add,
            SkillsCommand::List { .. } | SkillsCommand::Extract { .. } => false,
        },
        Command::Market(_)
        | Command::Markers(_)
        | Command::Review(_)
        | Command::Brag(_)
        | Command::Export(_)
        | Command::Calendar(_)
        | Command::Decide(_)
        | Command::Config(_)
        | Command::Completions(_)
        | Command::Man(_) => false,
        // They open their database themselves, as before.
        Command::Demo(_) | Command::Serve(_) => false,
    }
}

/// Whether a command changes what the decision is made of, and so ends with what it still lacks.
fn shapes_decision(command: &Command) -> bool {
    match command {
        // What they write is what the decision is made of.
        Command::Values(_) | Command::Dealbreakers(_) | Command::Option(_) => writes(command),
        Command::Opportunity(c) => matches!(c, OpportunityCommand::Promote { .. }),
        _ => false,
    }
}

fn dispatch(cli: Cli, db_flag_given: bool, open: impl Fn() -> Result<Db>) -> Result<()> {
    let shapes = shapes_decision(&cli.command);
    dispatch_command(cli, db_flag_given, &open)?;
    if shapes {
        let block = milemarker_app::decide::lacks_block(&open()?.load()?);
        if !block.is_empty() {
            crate::context::print(&block)?;
        }
    }
    Ok(())
}

fn dispatch_command(cli: Cli, db_flag_given: bool, open: impl Fn() -> Result<Db>) -> Result<()> {
    // Read only by the commands that judge records against thresholds.
    let settings = || load_settings(cli.config.as_deref());
    match cli.command {
        Command::Init(args) => init::run(&mut open()?, args),
        Command::Profile(cmd) => profile::run(&mut open()?, cmd),
        Command::Values(args) => values::run(&mut open()?, args),
        Command::Dealbreakers(args) => dealbreakers::run(&mut open()?, args),
        Command::Option(cmd) => option::run(&mut open()?, cmd),
        Command::Risk(args) => risk::run(&mut open()?, args),
        Command::Finances(args) => finances::run(&mut open()?, args),
        Command::Checkin(args) => checkin::run(&mut open()?, args),
        Command::Hours(args) => {
            hours::run(&mut open()?, args, &settings()?.thresholds.overwork_creep)
        }
        Command::Win(args) => win::run(&mut open()?, args),
        Command::Brag(args) => brag::run(&mut open()?, args),
        Command::Contact(cmd) => contact::run(&mut open()?, cmd),
        Command::Opportunity(cmd) => opportunity::run(
            &mut open()?,
            cmd,
            settings()?.thresholds.ignored_opportunity.days,
        ),
        Command::Skills(cmd) => skills::run(open, cmd),
        Command::Postings(cmd) => postings::run(&mut open()?, cmd),
        Command::Market(cmd) => market::run(open, cmd, &settings()?),
        Command::Markers(args) => markers::run(&mut open()?, args, &settings()?),
        Command::Review(args) => review::run(&mut open()?, args, &settings()?),
        Command::Config(args) => config::run(args, &settings()?),
        Command::Task(cmd) => task::run(&mut open()?, cmd),
        Command::Audit(args) => audit::run(&mut open()?, args),
        Command::Season(args) => season::run(&mut open()?, args),
        Command::Decide(args) => decide::run(open, args),
        Command::Export(args) => export::run(&mut open()?, args),
        Command::Calendar(args) => calendar::run(&mut open()?, args),
        Command::Import(args) => import::run(&mut open()?, args),
        Command::Demo(args) => demo::run(
            cli.db.as_deref().filter(|_| db_flag_given),
            args,
            &settings()?,
        ),
        Command::Serve(args) => serve::run(cli.db.as_deref(), args, settings()?),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
    }
}
