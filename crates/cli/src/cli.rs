//! The command line, defined once: help, completions and the man page are generated from it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::commands::{
    audit, brag, calendar, checkin, completions, config, contact, dealbreakers, decide, demo,
    export, finances, hours, import, init, man, markers, market, opportunity, option, postings,
    profile, review, risk, season, serve, skills, task, values, win,
};

#[derive(Debug, Parser)]
#[command(
    name = "milemarker",
    version,
    about = "Decide your next career step from your values, not your fears.",
    long_about = "milemarker keeps your values, deal-breakers and the career paths you are weighing \
                  in a private SQLite file on this machine, and decides between them with methods \
                  that show their working. Nothing leaves your machine.",
    after_help = "Start with `milemarker demo` to see a full review of an example person."
)]
pub struct Cli {
    /// The database file [default: milemarker.db in your data directory]
    #[arg(
        long,
        global = true,
        env = "MILEMARKER_DB",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub db: Option<PathBuf>,

    /// The settings file [default: config.toml in your config directory]
    #[arg(
        long,
        global = true,
        env = "MILEMARKER_CONFIG",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Set up your profile, values and deal-breakers (asks on a terminal; flags for scripts)
    Init(init::InitArgs),
    /// Show or change your profile: role, pay, area, weekly hours boundary
    Profile(Bare<profile::ProfileCommand>),
    /// List or change what matters to you, and how it is weighted
    Values(Bare<values::ValuesCommand>),
    /// List or change your deal-breakers: the lines you will not cross
    Dealbreakers(Bare<dealbreakers::DealbreakersCommand>),
    /// The career paths you are weighing: stay, step back, move sideways, move up
    #[command(subcommand)]
    Option(option::OptionCommand),
    /// What could go wrong with a path, and whether it is a fear or a fact
    Risk(Bare<risk::RiskCommand>),
    /// Monthly expenses, savings and other income, for each path's runway
    Finances(Bare<finances::FinancesCommand>),
    /// Record a week: hours, weekend days, evenings, energy, satisfaction (asks on a terminal)
    Checkin(checkin::CheckinArgs),
    /// Your weeks against your hours boundary, and overwork creep
    Hours(hours::HoursArgs),
    /// The energy audit's tasks: what you do each week and what it does to you
    #[command(subcommand)]
    Task(task::TaskCommand),
    /// The energy audit: how much of your week drains you, and what to do about each drain
    Audit(audit::AuditArgs),
    /// Seasons of career and life: show them, or set one
    Season(Bare<season::SeasonCommand>),
    /// Log an achievement in seconds, or list them (`win list`)
    Win(win::WinArgs),
    /// Write a brag document for a period, grouped by Julia Evans' sections
    Brag(brag::BragArgs),
    /// Your network: people to stay in touch with, and vCard import and export
    #[command(subcommand)]
    Contact(contact::ContactCommand),
    /// Leads and offers: the opportunities pipeline
    #[command(subcommand)]
    Opportunity(opportunity::OpportunityCommand),
    /// Skills in the ESCO and O*NET taxonomies: find them in a posting, a CV or any text
    #[command(subcommand)]
    Skills(skills::SkillsCommand),
    /// Job postings: import them to count which skills employers ask for
    #[command(subcommand)]
    Postings(postings::PostingsCommand),
    /// The labour market: pay against BLS OEWS wages, demand for skills, occupations that fit
    #[command(subcommand)]
    Market(market::MarketCommand),
    /// The mile markers: warning signs that a career is drifting, with their evidence
    Markers(markers::MarkersArgs),
    /// The one page to read every week: markers, hours, energy, seasons, decision, next actions
    Review(review::ReviewArgs),
    /// Show the settings in effect (marker thresholds) and where they come from
    Config(config::ConfigArgs),
    /// Decide between your options, or over a decision document (JSON or TOML)
    Decide(decide::DecideArgs),
    /// Write everything as one JSON document (- for standard output)
    Export(export::ExportArgs),
    /// Reminders for your calendar: the weekly check-in, the review, contacts due, offer deadlines
    Calendar(calendar::CalendarArgs),
    /// Replace everything with a JSON document written by `export` (- for standard input)
    Import(import::ImportArgs),
    /// The full review of a bundled example person, on a temporary database
    Demo(demo::DemoArgs),
    /// Serve the whole tool as pages in your browser, on this machine only by default
    Serve(serve::ServeArgs),
    /// Print shell completions
    Completions(completions::CompletionsArgs),
    /// Print a man page (roff), or write every page into a folder with --dir
    Man(man::ManArgs),
}

/// A command that, given no subcommand, shows what it keeps (`milemarker values` lists the
/// values): `C` holds its subcommands, one of them that showing.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Bare<C: Subcommand> {
    #[command(subcommand)]
    pub command: Option<C>,
    #[command(flatten)]
    pub json: JsonFlag,
}

impl<C: Subcommand> Bare<C> {
    /// The subcommand given, else `show` with the `--json` given.
    pub fn or(self, show: impl FnOnce(JsonFlag) -> C) -> C {
        self.command.unwrap_or_else(|| show(self.json))
    }
}

#[derive(Debug, Clone, Copy, Args)]
pub struct JsonFlag {
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

// Argument groups more than one command takes, each field and its help written once.

/// `--no-input`, for the commands that ask on a terminal.
#[derive(Debug, Clone, Copy, Args)]
pub struct NoInput {
    /// Never ask; use only the flags
    #[arg(long)]
    pub no_input: bool,
}

/// Who the person is: set up by `init`, changed by `profile set`.
#[derive(Debug, Args)]
pub struct Person {
    /// Your name, for the review and the brag document
    #[arg(long)]
    pub name: Option<String>,
    /// Your occupation: a job title ("marketing manager") or an O*NET-SOC code (11-2021.00)
    #[arg(long, value_name = "TITLE|SOC", value_parser = crate::names::occupation)]
    pub occupation: Option<String>,
}

/// A contact, as the person names it.
#[derive(Debug, Args)]
pub struct ContactId {
    /// The contact: its id, its name (any case), or the start of either, e.g. "Marcus O'Neil"
    pub id: String,
}

/// A task, as the person names it.
#[derive(Debug, Args)]
pub struct TaskId {
    /// The task: its id, its name (any case), or the start of either
    pub id: String,
}

/// A lead of the pipeline, by its number.
#[derive(Debug, Clone, Copy, Args)]
pub struct LeadId {
    /// The lead (its number, from `milemarker opportunity list`)
    pub id: u32,
}

/// The day something happened, today unless given.
#[derive(Debug, Clone, Copy, Args)]
pub struct When {
    /// When [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<jiff::civil::Date>,
}

#[cfg(test)]
mod help_tests {
    use clap::CommandFactory;

    /// Every flag and argument a person can type says what it is for.
    #[test]
    fn every_argument_has_help() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if arg.is_hide_set() || id == "help" || id == "version" {
                    continue;
                }
                if arg.get_help().is_none() && arg.get_long_help().is_none() {
                    missing.push(format!("{path} {id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&super::Cli::command(), "milemarker", &mut missing);
        assert!(
            missing.is_empty(),
            "{} without help:\n{}",
            missing.len(),
            missing.join("\n")
        );
    }

    /// The words a help text lists as choices ("career, family, health or personal") from the
    /// text after its last colon, when that is nothing but such a list.
    fn listed_choices(help: &str) -> Vec<String> {
        let list = help.split(" [").next().unwrap_or(help);
        let list = list.rsplit(": ").next().unwrap_or(list);
        let words: Vec<String> = list
            .replace(['(', ')'], "")
            .replace(" or ", ", ")
            .split(", ")
            .map(str::to_string)
            .collect();
        let is_word =
            |w: &String| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c == '-');
        if words.len() >= 2 && words.iter().all(is_word) {
            words
        } else {
            Vec::new()
        }
    }

    /// A help text that lists the choices lists only choices the flag takes (it said "markdown or
    /// text" for markdown and json, and "career or life" for four areas).
    #[test]
    fn listed_choices_are_accepted() {
        fn walk(cmd: &clap::Command, path: &str, wrong: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                let values = arg.get_possible_values();
                let accepted: Vec<&str> = values
                    .iter()
                    .flat_map(|v| v.get_name_and_aliases())
                    .collect();
                let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
                if accepted.is_empty() {
                    continue;
                }
                for word in listed_choices(&help) {
                    if !accepted.contains(&word.as_str()) {
                        wrong.push(format!("{path} {}: {word}", arg.get_id()));
                    }
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()), wrong);
            }
        }
        assert_eq!(
            listed_choices("spring, summer, fall (or autumn) or winter"),
            ["spring", "summer", "fall", "autumn", "winter"]
        );
        let mut wrong = Vec::new();
        walk(&super::Cli::command(), "milemarker", &mut wrong);
        assert!(
            wrong.is_empty(),
            "help lists what the flag refuses:\n{}",
            wrong.join("\n")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cli_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
