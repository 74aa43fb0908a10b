//! The `milemarker` binary: parse, run, and turn errors into messages and exit codes.

mod choice;
mod cli;
mod commands;
mod context;
mod document;
mod names;
mod ui;

use std::process::ExitCode;

use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches};

fn main() -> ExitCode {
    let matches = cli::Cli::command().get_matches();
    // `demo` writes to a database only when asked on the command line, never because
    // MILEMARKER_DB happens to be set.
    let db_flag_given = matches.value_source("db") == Some(ValueSource::CommandLine);
    let cli = match cli::Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(err) => err.exit(),
    };
    match commands::run(cli, db_flag_given) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if ui::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            ui::print_error(&err);
            ExitCode::from(1)
        }
    }
}
