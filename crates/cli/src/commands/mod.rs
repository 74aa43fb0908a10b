//! Dispatch only: each subcommand lives in its own module.

mod audit;
mod brag;
mod checkin;
mod completions;
mod config;
mod contact;
mod dealbreakers;
mod decide;
mod demo;
mod export;
mod finances;
mod hours;
mod import;
mod init;
mod man;
mod markers;
mod market;
mod opportunity;
mod option;
mod postings;
mod profile;
mod review;
mod risk;
mod season;
mod serve;
mod skills;
mod task;
mod values;
mod win;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::context::{Db, database_path, load_settings};

pub fn run(cli: Cli, db_flag_given: bool) -> Result<()> {
    let open = || -> Result<Db> { Db::open(&database_path(cli.db.as_deref())?) };
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
        Command::Market(cmd) => market::run(&mut open()?, cmd, &settings()?),
        Command::Markers(args) => markers::run(&mut open()?, args, &settings()?),
        Command::Review(args) => review::run(&mut open()?, args, &settings()?),
        Command::Config(args) => config::run(args, &settings()?),
        Command::Task(cmd) => task::run(&mut open()?, cmd),
        Command::Audit(args) => audit::run(&mut open()?, args),
        Command::Season(args) => season::run(&mut open()?, args),
        Command::Decide(args) => decide::run(open, args),
        Command::Export(args) => export::run(&mut open()?, args),
        Command::Import(args) => import::run(&mut open()?, args),
        Command::Demo(args) => demo::run(
            cli.db.as_deref().filter(|_| db_flag_given),
            args,
            &settings()?,
        ),
        Command::Serve(args) => serve::run(cli.db.as_deref(), args, settings()?),
        Command::Completions(args) => completions::run(args),
        Command::Man => man::run(),
    }
}
